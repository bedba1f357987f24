/*
 * cmd_dossier.c - `motcua dossier import|show`: loading historical dossiers
 * (JSON lines, all or nothing) and printing one dossier as the API shows it.
 */
#include "cli/cli.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "service/dossier.h"

static const char dossier_help[] =
	"Cách dùng / usage:\n"
	"  motcua dossier import FILE.jsonl [--dry-run]\n"
	"      nhập hồ sơ cũ (mỗi dòng một hồ sơ với lịch sử sự kiện); không nhập gì nếu có dòng lỗi;\n"
	"      mã đã có thì bỏ qua / import historical dossiers, all or nothing, existing codes skipped\n"
	"  motcua dossier show CODE      in hồ sơ dạng JSON / print a dossier as JSON\n"
	"  Định dạng / format: docs/LIFECYCLE.md (Import).\n";

static char *read_file(const char *path, size_t *len, size_t max)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || (size_t)n > max || fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return NULL;
	}
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	if (buf) {
		buf[n] = '\0';
		*len = (size_t)n;
	}
	return buf;
}

int cmd_dossier(int argc, char **argv, struct config *cfg)
{
	struct mc_error err = {0};
	struct store *st = NULL;
	struct store_conn *c = NULL, *wc = NULL;
	const char *sub = argc > 0 ? argv[0] : "";
	int status = 0;

	if (cli_wants_help(argc, argv) || argc < 2 || (strcmp(sub, "import") && strcmp(sub, "show")) ||
	    (!strcmp(sub, "import") && argc > 3) || (!strcmp(sub, "show") && argc != 2)) {
		fputs(dossier_help, cli_wants_help(argc, argv) ? stdout : stderr);
		return cli_wants_help(argc, argv) ? 0 : 2;
	}
	/* import: a second connection writes while the first reads the lines */
	if (cli_open_store(cfg, true, strcmp(sub, "import") ? 1 : 2, &st, &err) || store_conn_get(st, &c, &err) ||
	    (!strcmp(sub, "import") && store_conn_get(st, &wc, &err))) {
		if (c)
			store_conn_put(c);
		store_close(st);
		return cli_fail(&err);
	}
	if (!strcmp(sub, "import")) {
		bool dry = argc == 3 && !strcmp(argv[2], "--dry-run");
		size_t len = 0;
		char *text = read_file(argv[1], &len, 512u << 20);
		json_t *report = NULL, *e;
		size_t i;

		if (argc == 3 && !dry) {
			fputs(dossier_help, stderr);
			status = 2;
		} else if (!text) {
			fprintf(stderr, "motcua: không đọc được / cannot read %s\n", argv[1]);
			status = 1;
		} else {
			enum mc_err rc = svc_dossier_import(c, wc, text, len, dry, &report, &err);

			json_array_foreach(json_object_get(report, "errors"), i, e)
				fprintf(stderr, "  dòng / line %lld %s: %s\n      %s\n",
					(long long)json_integer_value(json_object_get(e, "line")),
					json_string_value(json_object_get(e, "code")), json_string_value(json_object_get(e, "message")),
					json_string_value(json_object_get(e, "message_en")));
			if (rc)
				status = cli_fail(&err);
			else
				printf("%s%lld dòng / lines: %lld nhập / imported, %zu đã có / already present\n",
				       dry ? "(thử / dry run) " : "", (long long)json_integer_value(json_object_get(report, "lines")),
				       (long long)json_integer_value(json_object_get(report, "imported")),
				       json_array_size(json_object_get(report, "skipped")));
			json_decref(report);
		}
		free(text);
	} else {
		struct dossier_ctx *d = calloc(1, sizeof *d);
		json_t *out = NULL;

		if (!d || svc_dossier_load(c, argv[1], d, &err) || svc_dossier_json(c, d, (int64_t)time(NULL), &out, &err)) {
			status = cli_fail(&err);
		} else {
			json_dumpf(out, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
			putchar('\n');
		}
		if (d && d->cal)
			svc_dossier_release(d);
		json_decref(out);
		free(d);
	}
	if (wc)
		store_conn_put(wc);
	store_conn_put(c);
	store_close(st);
	return status;
}
