/*
 * cmd_catalog.c - `motcua catalog import|export|search`: the catalog of
 * procedures from the shell.  Import is all-or-nothing and idempotent; it
 * prints what changed, or every invalid entry.
 */
#include "cli/cli.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "service/catalog.h"

static const char catalog_help[] =
	"Cách dùng / usage:\n"
	"  motcua catalog import FILE [--dry-run]   nhập danh mục (định dạng motcua-catalog/1, docs/CATALOG_FORMAT.md)\n"
	"                                           import a catalog file; nothing changes if any entry is invalid\n"
	"  motcua catalog export [--out FILE]       xuất toàn bộ danh mục / export the whole catalog\n"
	"  motcua catalog search TEXT [--level district|commune] [--online full|partial|none] [--field CODE]\n"
	"                                           tìm thủ tục (không cần gõ dấu) / search, diacritics optional\n";

static void print_codes(const char *label, json_t *codes)
{
	size_t i;
	json_t *v;

	if (!json_array_size(codes))
		return;
	printf("  %s:", label);
	json_array_foreach(codes, i, v) printf(" %s", json_string_value(v));
	printf("\n");
}

int cli_catalog_import_file(struct store_conn *c, const char *path, bool dry_run, bool quiet)
{
	struct catalog_report r;
	struct mc_error err = {0};
	json_error_t jerr;
	json_t *file = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	size_t i;
	json_t *e;
	enum mc_err rc;

	if (!file) {
		fprintf(stderr, "motcua: %s dòng %d: JSON không hợp lệ / invalid JSON: %s\n", path, jerr.line, jerr.text);
		return 1;
	}
	catalog_report_init(&r);
	rc = svc_catalog_import(c, file, 0, (int64_t)time(NULL), dry_run, &r, &err);
	json_decref(file);
	if (rc) {
		json_array_foreach(r.errors, i, e)
			fprintf(stderr, "  %s: %s\n      %s\n", json_string_value(json_object_get(e, "code")),
				json_string_value(json_object_get(e, "message")),
				json_string_value(json_object_get(e, "message_en")));
		catalog_report_release(&r);
		return cli_fail(&err);
	}
	if (!quiet) {
		printf("%s%d lĩnh vực / fields; %d thêm mới / added, %d thay đổi / changed, %d giữ nguyên / unchanged\n",
		       dry_run ? "(thử / dry run) " : "", r.fields, r.added, r.changed, r.unchanged);
		print_codes("thay đổi / changed", r.changed_codes);
		if (r.added <= 20)
			print_codes("thêm mới / added", r.added_codes);
	}
	catalog_report_release(&r);
	return 0;
}

static int do_search(int argc, char **argv, struct store_conn *c)
{
	struct catalog_search s = {0};
	struct mc_error err = {0};
	json_t *out, *p;
	size_t i;

	for (int k = 0; k < argc; k++) {
		if (!strcmp(argv[k], "--level") && k + 1 < argc)
			s.level = argv[++k];
		else if (!strcmp(argv[k], "--online") && k + 1 < argc)
			s.online = argv[++k];
		else if (!strcmp(argv[k], "--field") && k + 1 < argc)
			s.field = argv[++k];
		else if (!s.q)
			s.q = argv[k];
		else {
			fputs(catalog_help, stderr);
			return 2;
		}
	}
	s.limit = 20;
	if (svc_catalog_search(c, &s, &out, &err))
		return cli_fail(&err);
	printf("%lld kết quả / results\n", (long long)json_integer_value(json_object_get(out, "total")));
	json_array_foreach(json_object_get(out, "procedures"), i, p)
		printf("  %-10s %-8s %-7s %s\n", json_string_value(json_object_get(p, "code")),
		       json_string_value(json_object_get(p, "level")), json_string_value(json_object_get(p, "online")),
		       json_string_value(json_object_get(p, "name")));
	json_decref(out);
	return 0;
}

int cmd_catalog(int argc, char **argv, struct config *cfg)
{
	struct mc_error err = {0};
	struct store *st = NULL;
	struct store_conn *c = NULL;
	const char *sub = argc > 0 ? argv[0] : "";
	int status = 2;

	if (cli_wants_help(argc, argv) || argc == 0) {
		fputs(catalog_help, argc == 0 ? stderr : stdout);
		return argc == 0 ? 2 : 0;
	}
	if (strcmp(sub, "import") && strcmp(sub, "export") && strcmp(sub, "search")) {
		fprintf(stderr, "motcua catalog: lệnh con không hợp lệ / unknown subcommand '%s'\n%s", sub, catalog_help);
		return 2;
	}
	if (cli_open_store(cfg, true, 1, &st, &err) || store_conn_get(st, &c, &err)) {
		store_close(st);
		return cli_fail(&err);
	}
	if (!strcmp(sub, "import")) {
		bool dry = argc > 2 && !strcmp(argv[2], "--dry-run");

		if (argc < 2 || argc > 3 || (argc == 3 && !dry))
			fputs(catalog_help, stderr);
		else
			status = cli_catalog_import_file(c, argv[1], dry, false);
	} else if (!strcmp(sub, "export")) {
		json_t *out;
		const char *path = argc == 3 && !strcmp(argv[1], "--out") ? argv[2] : NULL;

		if (argc != 1 && !path) {
			fputs(catalog_help, stderr);
		} else if (svc_catalog_export(c, &out, &err)) {
			status = cli_fail(&err);
		} else {
			int flags = JSON_INDENT(1) | JSON_SORT_KEYS;

			status = path ? (json_dump_file(out, path, flags) ? 1 : 0) : (json_dumpf(out, stdout, flags) ? 1 : 0);
			if (!path)
				putchar('\n');
			json_decref(out);
		}
	} else {
		status = do_search(argc - 1, argv + 1, c);
	}
	store_conn_put(c);
	store_close(st);
	return status;
}
