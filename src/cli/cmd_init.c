/*
 * cmd_init.c - `motcua init` and `motcua migrate`: create or upgrade the
 * database, optionally with the demo district.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include <glob.h>
#include <time.h>

#include "core/secret.h"
#include "service/calendar.h"

static const char init_help[] =
	"Cách dùng / usage: motcua init [--db PATH] [--demo] [--demo-file FILE] [--demo-catalog FILE]\n"
	"                              [--demo-password PW]\n"
	"  Tạo cơ sở dữ liệu (hoặc nâng cấp lược đồ). Với --demo: nạp huyện Đak Pơ mẫu\n"
	"  (đơn vị, tài khoản cho mọi vai trò, danh mục thủ tục) khi cơ sở dữ liệu còn trống.\n"
	"  Creates the database (or upgrades its schema). With --demo, loads the demo\n"
	"  district (units, one account per role, the procedure catalog) when the database is empty.\n";

static int any_override(void *ctx, const struct calendar_override_rec *o)
{
	(void)ctx;
	(void)o;
	return 1;
}

int cli_load_official_calendars(struct store_conn *c, const char *dir)
{
	struct mc_error err = {0};
	char pattern[512];
	glob_t g;
	size_t total = 0;
	int status = 0;

	/* only into an empty national calendar: never overwrite an operator's edits */
	if (store_override_list_own(c, 0, INT32_MIN, INT32_MAX, any_override, NULL, &err) != MC_OK)
		return 0;
	snprintf(pattern, sizeof pattern, "%s/official-*.json", dir);
	if (glob(pattern, 0, NULL, &g))
		return 0; /* nothing shipped: the statutory rules alone apply */
	for (size_t i = 0; i < g.gl_pathc && !status; i++) {
		struct calimport_list list = {0};

		if (calimport_load_file(g.gl_pathv[i], CALIMPORT_JSON, &list, &err) ||
		    svc_calendar_put(c, "", list.items, list.n, 0, (int64_t)time(NULL), &err))
			status = cli_fail(&err);
		total += list.n;
		calimport_list_release(&list);
	}
	if (!status)
		printf("Đã nạp lịch nghỉ chính thức / official schedules loaded: %zu ngày / days (%zu tệp / files)\n", total,
		       g.gl_pathc);
	globfree(&g);
	return status;
}

int cmd_init(int argc, char **argv, struct config *cfg)
{
	const char *demo_file = "data/demo/dakpo.json", *demo_pw = "motcua2026";
	const char *demo_catalog = "data/catalog/dakpo.json";
	bool demo = false;
	struct mc_error err = {0};
	struct store *st = NULL;
	struct store_conn *c = NULL;
	int64_t nunits = 0;
	int units = 0, users = 0, status = 1;
	enum mc_err rc;

	if (cli_wants_help(argc, argv)) {
		fputs(init_help, stdout);
		return 0;
	}
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--demo"))
			demo = true;
		else if (!strcmp(argv[i], "--demo-file") && i + 1 < argc)
			demo_file = argv[++i], demo = true;
		else if (!strcmp(argv[i], "--demo-catalog") && i + 1 < argc)
			demo_catalog = argv[++i];
		else if (!strcmp(argv[i], "--demo-password") && i + 1 < argc)
			demo_pw = argv[++i];
		else {
			fprintf(stderr, "motcua init: tham số không hợp lệ / unknown argument '%s'\n%s", argv[i],
				init_help);
			return 2;
		}
	}
	if ((rc = cli_open_store(cfg, true, 1, &st, &err)) || (rc = store_conn_get(st, &c, &err)))
		goto done;
	if ((rc = store_unit_count(c, &nunits, &err)))
		goto done;
	if (cli_load_official_calendars(c, "data/calendar"))
		goto done;
	if (demo && nunits == 0) {
		rc = cli_load_demo(c, demo_file, demo_pw, &units, &users, &err);
		if (rc)
			goto done;
		printf("Đã nạp dữ liệu mẫu / demo data loaded: %d đơn vị / units, %d tài khoản / accounts\n", units,
		       users);
		if (*demo_catalog && cli_catalog_import_file(c, demo_catalog, false, false)) {
			status = 1;
			goto done;
		}
	} else if (demo) {
		printf("Cơ sở dữ liệu đã có dữ liệu; không nạp lại dữ liệu mẫu / database not empty; demo data not reloaded\n");
	}
	printf("Cơ sở dữ liệu sẵn sàng / database ready: %s\n", cfg->pg[0] ? "PostgreSQL" : cfg->db);
	status = 0;
done:
	if (rc)
		status = cli_fail(&err);
	store_conn_put(c);
	store_close(st);
	return status;
}

int cmd_migrate(int argc, char **argv, struct config *cfg)
{
	struct mc_error err = {0};
	struct store *st = NULL;
	struct store_conn *c = NULL;
	int version = 0;

	if (cli_wants_help(argc, argv) || argc > 0) {
		fputs("Cách dùng / usage: motcua migrate [--db PATH | --pg CONNINFO]\n"
		      "  Áp dụng các bản nâng cấp lược đồ còn thiếu / apply pending schema migrations.\n",
		      argc > 0 && !cli_wants_help(argc, argv) ? stderr : stdout);
		return cli_wants_help(argc, argv) ? 0 : 2;
	}
	if (cli_open_store(cfg, true, 1, &st, &err) || store_conn_get(st, &c, &err) ||
	    store_schema_version(c, &version, &err)) {
		store_conn_put(c);
		store_close(st);
		return cli_fail(&err);
	}
	printf("Lược đồ ở phiên bản / schema at version %d\n", version);
	store_conn_put(c);
	store_close(st);
	return 0;
}
