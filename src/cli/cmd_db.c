/*
 * cmd_db.c - `motcua db backup|restore`: a consistent copy of the embedded
 * database while the server runs, and putting one back (server stopped).
 * PostgreSQL is backed up with pg_dump (docs/OPERATIONS.md).
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char db_help[] =
	"Cách dùng / usage:\n"
	"  motcua db backup --to FILE      sao lưu khi máy chủ đang chạy / back up while the server runs\n"
	"  motcua db restore --from FILE   khôi phục (dừng máy chủ trước) / restore (stop the server first)\n"
	"  PostgreSQL: pg_dump / pg_restore (docs/OPERATIONS.md).\n";

int cmd_db(int argc, char **argv, struct config *cfg)
{
	struct mc_error err = {0};
	struct store *st = NULL;
	struct store_conn *c = NULL;
	bool backup = argc == 3 && !strcmp(argv[0], "backup") && !strcmp(argv[1], "--to");
	bool restore = argc == 3 && !strcmp(argv[0], "restore") && !strcmp(argv[1], "--from");
	int status = 0;

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
