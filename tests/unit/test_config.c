/*
 * test_config.c - settings from defaults, file, environment and flags, and
 * their precedence.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/config.h"

static void defaults(void **state)
{
	struct config c;

	(void)state;
	config_defaults(&c);
	assert_string_equal(c.db, "var/motcua.db");
	assert_string_equal(c.listen, "127.0.0.1:8080");
	assert_int_equal(c.session_ttl_minutes, 480);
	assert_false(c.cookie_secure);
	assert_string_equal(c.pwhash, "interactive");
}

static void set_parses_types(void **state)
{
	struct config c;
	struct mc_error e;

	(void)state;
	config_defaults(&c);
	assert_int_equal(config_set(&c, "threads", "4", &e), MC_OK);
	assert_int_equal(c.threads, 4);
	assert_int_equal(config_set(&c, "cookie-secure", "yes", &e), MC_OK);
	assert_true(c.cookie_secure);
	assert_int_equal(config_set(&c, "COOKIE_SECURE", "off", &e), MC_OK);
	assert_false(c.cookie_secure);
	assert_int_equal(config_set(&c, "threads", "many", &e), MC_EINVAL);
	assert_string_equal(e.field, "threads");
	assert_int_equal(config_set(&c, "threads", "9999", &e), MC_EINVAL);
	assert_int_equal(config_set(&c, "cookie_secure", "maybe", &e), MC_EINVAL);
	assert_int_equal(config_set(&c, "no_such_key", "1", &e), MC_EINVAL);
	assert_non_null(strstr(e.msg_en, "no_such_key"));
}

static void file_env_flags_precedence(void **state)
{
	struct config c;
	struct mc_error e;
	char path[] = "/tmp/motcua-config-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	char *env[] = {"MOTCUA_LISTEN=0.0.0.0:9000", "MOTCUA_THREADS=3", "MOTCUA_UNKNOWN=1", "PATH=/bin", NULL};
	char a0[] = "--threads", a1[] = "5", a2[] = "serve", a3[] = "--db=/x/y.db", a4[] = "--cookie-secure", a5[] = "extra";
	char *argv[] = {a0, a1, a2, a3, a4, a5};
	int rest = 0;

	(void)state;
	fputs("# comment\n db = /from/file.db \nlisten = 1.2.3.4:1\n\nthreads=2 # trailing\n", f);
	fclose(f);
	config_defaults(&c);
	assert_int_equal(config_load_file(&c, path, &e), MC_OK);
	assert_string_equal(c.db, "/from/file.db");
	assert_int_equal(c.threads, 2);
	assert_int_equal(config_load_env(&c, env, &e), MC_OK);
	assert_string_equal(c.listen, "0.0.0.0:9000");
	assert_int_equal(c.threads, 3);
	assert_int_equal(config_load_args(&c, 6, argv, &rest, &e), MC_OK);
	assert_int_equal(c.threads, 5);
	assert_string_equal(c.db, "/x/y.db");
	assert_true(c.cookie_secure);
	assert_int_equal(rest, 2);
	assert_string_equal(argv[0], "serve");
	assert_string_equal(argv[1], "extra");
	unlink(path);
}

static void file_errors_name_the_line(void **state)
{
	struct config c;
	struct mc_error e;
	char path[] = "/tmp/motcua-config-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");

	(void)state;
	fputs("db = a.db\nthreads = lots\n", f);
	fclose(f);
	config_defaults(&c);
	assert_int_equal(config_load_file(&c, path, &e), MC_EINVAL);
	assert_non_null(strstr(e.msg_en, "line 2"));
	assert_non_null(strstr(e.msg_vi, "dòng 2"));
	unlink(path);
	assert_int_equal(config_load_file(&c, "/no/such/file", &e), MC_EIO);
}

static void missing_flag_value(void **state)
{
	struct config c;
	struct mc_error e;
	char a0[] = "--db";
	char *argv[] = {a0};
	int rest;

	(void)state;
	config_defaults(&c);
	assert_int_equal(config_load_args(&c, 1, argv, &rest, &e), MC_EINVAL);
	assert_string_equal(e.field, "db");
}

static void listen_split(void **state)
{
	char host[64];
	int port;
	struct mc_error e;

	(void)state;
	assert_int_equal(config_split_listen("127.0.0.1:8080", host, sizeof host, &port, &e), MC_OK);
	assert_string_equal(host, "127.0.0.1");
	assert_int_equal(port, 8080);
	assert_int_equal(config_split_listen("[::1]:0", host, sizeof host, &port, &e), MC_OK);
	assert_string_equal(host, "::1");
	assert_int_equal(port, 0);
	assert_int_equal(config_split_listen("localhost", host, sizeof host, &port, &e), MC_EINVAL);
	assert_int_equal(config_split_listen(":80", host, sizeof host, &port, &e), MC_EINVAL);
	assert_int_equal(config_split_listen("h:70000", host, sizeof host, &port, &e), MC_EINVAL);
	assert_int_equal(config_split_listen("h:8x", host, sizeof host, &port, &e), MC_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults),
		cmocka_unit_test(set_parses_types),
		cmocka_unit_test(file_env_flags_precedence),
		cmocka_unit_test(file_errors_name_the_line),
		cmocka_unit_test(missing_flag_value),
		cmocka_unit_test(listen_split),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
