/*
 * main.c - the motcua binary: read the settings, then hand over to the
 * subcommand (src/cli/).  Nothing else lives here.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "api/api.h"
#include "cli/cli.h"
#include "core/config.h"
#include "core/log.h"
#include "core/secret.h"

extern char **environ;

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv, struct config *cfg);
	const char *help_vi, *help_en;
} commands[] = {
	{"init", cmd_init, "tạo cơ sở dữ liệu (--demo: kèm dữ liệu mẫu huyện Đak Pơ)",
	 "create the database (--demo: with the Đak Pơ demo district)"},
	{"db", cmd_db, "sao lưu, khôi phục cơ sở dữ liệu: backup, restore", "back up, restore the database"},
	{"dossier", cmd_dossier, "hồ sơ: import (nhập hồ sơ cũ), show", "dossiers: import (history), show"},
	{"migrate", cmd_migrate, "nâng cấp lược đồ cơ sở dữ liệu", "apply schema migrations"},
	{"serve", cmd_serve, "chạy máy chủ web và API", "run the web and API server"},
	{"calendar", cmd_calendar, "lịch làm việc: holidays, lunar, solar, deadline, import",
	 "the working calendar: holidays, lunar, solar, deadline, import"},
	{"catalog", cmd_catalog, "danh mục thủ tục hành chính: import, export, search",
	 "the catalog of procedures: import, export, search"},
	{"report", cmd_report, "báo cáo: resolution (Biểu số 06/VPCP/KSTT), cell, quality, index, dashboard, appendices",
	 "reports: resolution (form 06/VPCP/KSTT), cell, quality, index, dashboard, appendices"},
	{"user", cmd_user, "quản lý tài khoản: add, passwd, list, disable, enable",
	 "manage accounts: add, passwd, list, disable, enable"},
	{"unit", cmd_unit, "đơn vị: bank (tài khoản nhận phí, lệ phí qua VietQR)",
	 "units: bank (the account for fees, VietQR)"},
};

static void usage(FILE *out, const struct config *cfg)
{
	fprintf(out, "MotCua %s - Hệ thống Một cửa điện tử / electronic one-stop shop\n\n"
		     "Cách dùng / usage: motcua [--config FILE] COMMAND [options]\n\nLệnh / commands:\n",
		MOTCUA_VERSION);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(out, "  %-9s %s\n  %-9s %s\n", commands[i].name, commands[i].help_vi, "", commands[i].help_en);
	fprintf(out, "  %-9s %s\n  %-9s %s\n", "routes", "liệt kê các địa chỉ API và quyền cần có", "",
		"list the API routes and the permission each needs");
	fprintf(out, "  %-9s %s\n  %-9s %s\n", "version", "in phiên bản", "", "print the version");
	fprintf(out, "\n'motcua COMMAND --help' cho chi tiết / for details.\n\n"
		     "Thiết lập / settings (flag, MOTCUA_<KEY> environment variable, or 'key = value' in --config FILE):\n");
	fflush(out);
	config_print_keys(cfg, fileno(out));
}

int main(int argc, char **argv)
{
	struct config cfg;
	struct mc_error err = {0};
	const char *file;
	int rest = 0;
	char **args = argv + 1;
	int nargs = argc - 1;

	config_defaults(&cfg);
	/* --config FILE is taken out first; the remaining flags override it */
	file = config_find_file_arg(nargs, args);
	if (file && config_load_file(&cfg, file, &err))
		return cli_fail(&err);
	for (int i = 0; i < nargs; i++) {
		if (!strcmp(args[i], "--config") && i + 1 < nargs) {
			memmove(&args[i], &args[i + 2], (size_t)(nargs - i - 2) * sizeof *args);
			nargs -= 2;
			i--;
		} else if (!strncmp(args[i], "--config=", 9)) {
			memmove(&args[i], &args[i + 1], (size_t)(nargs - i - 1) * sizeof *args);
			nargs--;
			i--;
		}
	}
	if (config_load_env(&cfg, environ, &err) || config_load_args(&cfg, nargs, args, &rest, &err))
		return cli_fail(&err);
	if (log_level_parse(cfg.log_level) < 0) {
		fprintf(stderr, "motcua: log_level phải là debug, info, warn, error hoặc off / must be debug, info, warn, error or off\n");
		return 2;
	}
	log_set_level((enum log_level)log_level_parse(cfg.log_level));
	if (secret_init() || secret_set_cost(cfg.pwhash)) {
		fprintf(stderr, "motcua: pwhash phải là interactive, moderate hoặc min / must be interactive, moderate or min\n");
		return 2;
	}

	if (rest == 0 || !strcmp(args[0], "help") || !strcmp(args[0], "--help") || !strcmp(args[0], "-h")) {
		usage(rest == 0 ? stderr : stdout, &cfg);
		return rest == 0 ? 2 : 0;
	}
	if (!strcmp(args[0], "routes")) {
		/* the API surface with the action each route needs (docs, tests) */
		for (int i = 0; i < api_route_count(); i++)
			printf("%-40s %s\n", api_route_label(i), api_route_action(i));
		return 0;
	}
	if (!strcmp(args[0], "version") || !strcmp(args[0], "--version")) {
		printf("motcua %s (%s)\n", MOTCUA_VERSION, MOTCUA_GITREV);
		return 0;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(args[0], commands[i].name))
			return commands[i].run(rest - 1, args + 1, &cfg);
	fprintf(stderr, "motcua: không có lệnh '%s' / unknown command '%s'\n\n", args[0], args[0]);
	usage(stderr, &cfg);
	return 2;
}
