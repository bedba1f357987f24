/*
 * cmd_user.c - `motcua user add|passwd|list|disable|enable`: account
 * administration from the shell, for the first admin and for recovery.
 * Passwords come from --password, the MOTCUA_PASSWORD environment variable,
 * or a line on standard input, never from a prompt that echoes.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/account.h"
#include "service/accounts.h"

static const char user_help[] =
	"Cách dùng / usage:\n"
	"  motcua user add --username U --name \"Họ và tên\" --role ROLE@UNIT [--role ROLE@UNIT ...]\n"
	"                  [--phone P] [--email E] [--cccd N] [--password PW]\n"
	"      ROLE: admin, desk_officer, specialist, head, leader, reporter; or 'citizen' (no @UNIT)\n"
	"  motcua user passwd USER [--password PW]   đặt lại mật khẩu / reset the password\n"
	"  motcua user list [--unit CODE] [--citizens]\n"
	"  motcua user disable USER | motcua user enable USER\n"
	"  USER: id, username, phone or e-mail. Without --password, the password is read from\n"
	"  MOTCUA_PASSWORD or from one line of standard input.\n";

static const char *read_password(const char *given, char *buf, size_t n)
{
	const char *env = getenv("MOTCUA_PASSWORD");

	if (given)
		return given;
	if (env && *env)
		return env;
	if (!fgets(buf, (int)n, stdin))
		return NULL;
	buf[strcspn(buf, "\r\n")] = '\0';
	return buf;
}

static int user_add(int argc, char **argv, struct store_conn *c)
{
	struct user_rec u = {0};
	struct new_grant g[16];
	const char *password = NULL;
	char pwbuf[256];
	struct mc_error err = {0};
	int ng = 0;

	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!v)
			goto usage;
		if (!strcmp(a, "--username"))
			snprintf(u.username, sizeof u.username, "%s", v);
		else if (!strcmp(a, "--name"))
			snprintf(u.full_name, sizeof u.full_name, "%s", v);
		else if (!strcmp(a, "--phone"))
			snprintf(u.phone, sizeof u.phone, "%s", v);
		else if (!strcmp(a, "--email"))
			snprintf(u.email, sizeof u.email, "%s", v);
		else if (!strcmp(a, "--cccd"))
			snprintf(u.cccd, sizeof u.cccd, "%s", v);
		else if (!strcmp(a, "--password"))
			password = v;
		else if (!strcmp(a, "--role") && ng < 16) {
			const char *at = strchr(v, '@');

			snprintf(g[ng].role, sizeof g[ng].role, "%.*s", at ? (int)(at - v) : (int)strlen(v), v);
			snprintf(g[ng].unit_code, sizeof g[ng].unit_code, "%s", at ? at + 1 : "");
			ng++;
		} else
			goto usage;
		i++;
	}
	password = read_password(password, pwbuf, sizeof pwbuf);
	if (!password) {
		fprintf(stderr, "motcua user add: thiếu mật khẩu / no password given\n");
		return 2;
	}
	if (svc_user_create(c, &u, password, g, ng, 0, (int64_t)time(NULL), &err))
		return cli_fail(&err);
	printf("Đã tạo tài khoản / account created: id=%lld %s\n", (long long)u.id,
	       u.username[0] ? u.username : u.phone[0] ? u.phone : u.email);
	return 0;
usage:
	fputs(user_help, stderr);
	return 2;
}

static int print_grant(void *ctx, const struct grant_rec *g)
{
	printf("%s%s%s%s", *(int *)ctx ? ", " : "", g->role, g->unit_code[0] ? "@" : "", g->unit_code);
	*(int *)ctx = 1;
	return 0;
}

struct list_ctx {
	struct store_conn *c;
};

static int print_user(void *ctx, const struct user_rec *u)
{
	struct list_ctx *l = ctx;
	int first = 0;

	printf("%5lld  %-16s %-28s %-11s %s  ", (long long)u->id, u->username[0] ? u->username : "-",
	       u->full_name, u->phone[0] ? u->phone : "-", u->disabled ? "KHÓA/disabled" : "");
	store_grant_list(l->c, u->id, print_grant, &first, NULL);
	printf("\n");
	return 0;
}

static int user_list(int argc, char **argv, struct store_conn *c)
{
	struct user_filter f = {0};
	struct unit_rec unit;
	struct list_ctx l = {c};
	struct mc_error err = {0};

	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--unit") && i + 1 < argc) {
			if (store_unit_get_by_code(c, argv[++i], &unit, &err))
				return cli_fail(&err);
			f.unit_path = unit.path;
		} else if (!strcmp(argv[i], "--citizens")) {
			f.include_citizens = true;
		} else {
			fputs(user_help, stderr);
			return 2;
		}
	}
	if (store_user_list(c, &f, print_user, &l, &err))
		return cli_fail(&err);
	return 0;
}

static int user_change(const char *sub, int argc, char **argv, struct store_conn *c)
{
	struct user_rec u;
	struct mc_error err = {0};
	const char *password = NULL;
	char pwbuf[256];
	int64_t now = (int64_t)time(NULL);

	if (argc < 1) {
		fputs(user_help, stderr);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		if (!strcmp(sub, "passwd") && !strcmp(argv[i], "--password") && i + 1 < argc) {
			password = argv[++i];
		} else {
			fputs(user_help, stderr);
			return 2;
		}
	}
	if (svc_user_find(c, argv[0], &u, &err))
		return cli_fail(&err);
	if (!strcmp(sub, "passwd")) {
		password = read_password(password, pwbuf, sizeof pwbuf);
		if (!password) {
			fprintf(stderr, "motcua user passwd: thiếu mật khẩu / no password given\n");
			return 2;
		}
		if (svc_user_set_password(c, u.id, password, 0, now, &err))
			return cli_fail(&err);
		printf("Đã đặt mật khẩu mới / password set: %s\n", argv[0]);
		return 0;
	}
	if (svc_user_set_disabled(c, u.id, !strcmp(sub, "disable"), 0, now, &err))
		return cli_fail(&err);
	printf("%s: %s\n", !strcmp(sub, "disable") ? "Đã khóa / disabled" : "Đã mở khóa / enabled", argv[0]);
	return 0;
}

int cmd_user(int argc, char **argv, struct config *cfg)
{
	struct mc_error err = {0};
	struct store *st = NULL;
	struct store_conn *c = NULL;
	const char *sub = argc > 0 ? argv[0] : "";
	int status;

	if (cli_wants_help(argc, argv) || argc == 0) {
		fputs(user_help, argc == 0 ? stderr : stdout);
		return argc == 0 ? 2 : 0;
	}
	if (strcmp(sub, "add") && strcmp(sub, "list") && strcmp(sub, "passwd") && strcmp(sub, "disable") &&
	    strcmp(sub, "enable")) {
		fprintf(stderr, "motcua user: lệnh con không hợp lệ / unknown subcommand '%s'\n%s", sub, user_help);
		return 2;
	}
	if (cli_open_store(cfg, true, 1, &st, &err) || store_conn_get(st, &c, &err)) {
		store_close(st);
		return cli_fail(&err);
	}
	if (!strcmp(sub, "add"))
		status = user_add(argc - 1, argv + 1, c);
	else if (!strcmp(sub, "list"))
		status = user_list(argc - 1, argv + 1, c);
	else
		status = user_change(sub, argc - 1, argv + 1, c);
	store_conn_put(c);
	store_close(st);
	return status;
}
