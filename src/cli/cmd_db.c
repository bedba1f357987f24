/*
 * cmd_db.c - `motcua db backup|restore`: a consistent copy of the embedded
 * database while the server runs, and putting one back (server stopped).
 * PostgreSQL is backed up with pg_dump (docs/OPERATIONS.md).
 */
#include "cli/cli.h"

#include <jansson.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "service/dbcopy.h"

static const char db_help[] =
	"Cách dùng / usage:\n"
	"  motcua db backup --to FILE      sao lưu khi máy chủ đang chạy / back up while the server runs\n"
	"  motcua db restore --from FILE   khôi phục (dừng máy chủ trước) / restore (stop the server first)\n"
	"  motcua db copy --from sqlite:PATH|pg:CONNINFO --to sqlite:PATH|pg:CONNINFO\n"
	"                                  chép toàn bộ sang cơ sở dữ liệu trống khác / copy everything into an empty database\n"
	"  motcua db checksum              số dòng và mã kiểm tra từng bảng (JSON) / row counts and checksums per table\n"
	"  PostgreSQL: pg_dump / pg_restore (docs/OPERATIONS.md).\n";

/* "sqlite:PATH" or "pg:CONNINFO" into a config naming that database. */
static bool parse_target(const struct config *base, const char *spec, struct config *out)
{
	*out = *base;
	if (!strncmp(spec, "sqlite:", 7) && spec[7] && strlen(spec + 7) < sizeof out->db) {
		snprintf(out->db, sizeof out->db, "%s", spec + 7);
		out->pg[0] = '\0';
		return true;
	}
	if (!strncmp(spec, "pg:", 3) && spec[3] && strlen(spec + 3) < sizeof out->pg) {
		snprintf(out->pg, sizeof out->pg, "%s", spec + 3);
		return true;
	}
	return false;
}

static int copy_db(int argc, char **argv, const struct config *cfg)
{
	struct config from_cfg, to_cfg;
	struct mc_error err = {0};
	struct store *from = NULL, *to = NULL;
	struct store_conn *fc = NULL, *tc = NULL;
	json_t *report = NULL;
	int status = 0;

	if (argc != 5 || strcmp(argv[1], "--from") || strcmp(argv[3], "--to") || !parse_target(cfg, argv[2], &from_cfg) ||
	    !parse_target(cfg, argv[4], &to_cfg)) {
		fputs(db_help, stderr);
		return 2;
	}
	if (cli_open_store(&from_cfg, false, 1, &from, &err) || store_conn_get(from, &fc, &err) ||
	    cli_open_store(&to_cfg, true, 1, &to, &err) || store_conn_get(to, &tc, &err) ||
	    svc_db_copy(fc, tc, &report, &err)) {
		status = cli_fail(&err);
	} else {
		json_dumpf(report, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
	}
	json_decref(report);
	store_conn_put(fc);
	store_conn_put(tc);
	store_close(from);
	store_close(to);
	return status;
}

int cmd_db(int argc, char **argv, struct config *cfg)
{
	struct mc_error err = {0};
	struct store *st = NULL;
	struct store_conn *c = NULL;
	bool backup = argc == 3 && !strcmp(argv[0], "backup") && !strcmp(argv[1], "--to");
	bool restore = argc == 3 && !strcmp(argv[0], "restore") && !strcmp(argv[1], "--from");
	int status = 0;

	if (argc >= 1 && !strcmp(argv[0], "copy") && !cli_wants_help(argc, argv))
		return copy_db(argc, argv, cfg);
	if (argc == 1 && !strcmp(argv[0], "checksum")) {
		json_t *sums = NULL;

		if (cli_open_store(cfg, false, 1, &st, &err) || store_conn_get(st, &c, &err) ||
		    svc_db_checksum(c, &sums, &err)) {
			status = cli_fail(&err);
		} else {
			json_dumpf(sums, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
			putchar('\n');
		}
		json_decref(sums);
		store_conn_put(c);
		store_close(st);
		return status;
	}
	if (cli_wants_help(argc, argv) || (!backup && !restore)) {
		fputs(db_help, cli_wants_help(argc, argv) ? stdout : stderr);
		return cli_wants_help(argc, argv) ? 0 : 2;
	}
	if (backup && access(argv[2], F_OK) == 0) {
		fprintf(stderr, "motcua: %s đã tồn tại; chọn tên khác / already exists; choose another name\n", argv[2]);
		return 1;
	}
	if (restore && access(argv[2], R_OK) != 0) {
		fprintf(stderr, "motcua: không đọc được / cannot read %s\n", argv[2]);
		return 1;
	}
	if (cli_open_store(cfg, true, 1, &st, &err) || store_conn_get(st, &c, &err)) {
		store_close(st);
		return cli_fail(&err);
	}
	if (backup ? store_backup_to(c, argv[2], &err) : store_restore_from(c, argv[2], &err))
		status = cli_fail(&err);
	else
		printf("%s %s\n", backup ? "Đã sao lưu vào / backed up to" : "Đã khôi phục từ / restored from", argv[2]);
	store_conn_put(c);
	store_close(st);
	return status;
}
