/*
 * config.c - settings from defaults, file, environment and flags (see
 * config.h).  One table describes every key, so the parsers, the help text and
 * the README cannot drift apart.
 */
#include "core/config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

enum key_type { K_STR, K_INT, K_BOOL };

struct key {
	const char *name;
	enum key_type type;
	size_t offset;
	size_t size; /* for strings */
	int min, max; /* for ints */
	const char *help;
};

#define S(f, h) {#f, K_STR, offsetof(struct config, f), sizeof(((struct config *)0)->f), 0, 0, h}
#define I(f, lo, hi, h) {#f, K_INT, offsetof(struct config, f), 0, lo, hi, h}
#define B(f, h) {#f, K_BOOL, offsetof(struct config, f), 0, 0, 0, h}

static const struct key keys[] = {
	S(db, "SQLite database file"),
	S(pg, "PostgreSQL connection string (used instead of db when set)"),
	S(listen, "address and port to serve on, ADDR:PORT (port 0 = any free port)"),
	I(threads, 0, 256, "HTTP worker threads (0 = number of CPUs)"),
	S(web_root, "directory of the web interface"),
	S(data_dir, "directory for attachments and generated files"),
	S(base_url, "public address of this server, used in QR codes and messages"),
	S(log_level, "debug | info | warn | error | off"),
	B(access_log, "one log line per HTTP request"),
	I(session_ttl_minutes, 5, 60 * 24 * 30, "how long a sign-in lasts"),
	B(cookie_secure, "mark cookies Secure (when served over HTTPS)"),
	S(pwhash, "password hashing cost: interactive | moderate | min (tests only)"),
	I(max_body_kb, 1, 1024 * 1024, "largest JSON request body, in KiB"),
	I(login_max_failures, 1, 1000, "failed sign-ins per account before a pause"),
	I(login_ip_max, 1, 100000, "sign-in attempts per client address per window"),
	I(login_window_minutes, 1, 1440, "the window for the two limits above"),
	B(trust_proxy, "take the client address from X-Forwarded-For (behind nginx)"),
	I(lookup_per_minute, 1, 100000, "public dossier lookups per client address per minute"),
	S(port_file, "write the port actually bound to this file (for tests)"),
	I(upload_max_kb, 1, 1024 * 1024, "largest uploaded file (PDF, JPEG, PNG), in KiB"),
	S(smtp_url, "SMTP server for e-mail notifications, smtp://host:port or smtps://host (empty = none)"),
	S(smtp_from, "sender address of e-mail notifications"),
	S(smtp_user, "SMTP user name (empty = no authentication)"),
	S(smtp_password, "SMTP password"),
	S(sms_url, "SMS gateway URL; {to} and {text} are replaced, URL-encoded (empty = none)"),
	I(notify_quiet_start, 0, 23, "local hour when notifications stop (receipts and codes still go)"),
	I(notify_quiet_end, 0, 23, "local hour when notifications start again (equal to start: no quiet hours)"),
	I(notify_max_attempts, 1, 100, "tries before a notification is given up"),
	I(notify_poll_ms, 10, 600000, "how often the notification worker looks for due messages, in ms"),
	S(payment_secret, "shared secret (HMAC-SHA256) of the bank payment notification (empty = endpoint off)"),
};

#define NKEYS (sizeof keys / sizeof keys[0])

void config_defaults(struct config *c)
{
	memset(c, 0, sizeof *c);
	snprintf(c->db, sizeof c->db, "var/motcua.db");
	snprintf(c->listen, sizeof c->listen, "127.0.0.1:8080");
	snprintf(c->web_root, sizeof c->web_root, "web");
	snprintf(c->data_dir, sizeof c->data_dir, "var");
	snprintf(c->base_url, sizeof c->base_url, "http://127.0.0.1:8080");
	snprintf(c->log_level, sizeof c->log_level, "info");
	snprintf(c->pwhash, sizeof c->pwhash, "interactive");
	c->access_log = true;
	c->session_ttl_minutes = 8 * 60;
	c->max_body_kb = 1024;
	c->login_max_failures = 5;
	c->login_ip_max = 50;
	c->login_window_minutes = 15;
	c->lookup_per_minute = 30;
	c->upload_max_kb = 10 * 1024;
	snprintf(c->smtp_from, sizeof c->smtp_from, "motcua@localhost");
	c->notify_quiet_start = 21;
	c->notify_quiet_end = 7;
	c->notify_max_attempts = 8;
	c->notify_poll_ms = 1000;
}

/* Keys compare equal when they differ only in '-' versus '_' and in case. */
static bool key_eq(const char *a, const char *b, size_t blen)
{
	size_t i;

	for (i = 0; i < blen && a[i]; i++) {
		char x = a[i] == '-' ? '_' : (char)tolower((unsigned char)a[i]);
		char y = b[i] == '-' ? '_' : (char)tolower((unsigned char)b[i]);
		if (x != y)
			return false;
	}
	return i == blen && a[i] == '\0';
}

static const struct key *find_key(const char *name, size_t len)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (key_eq(keys[i].name, name, len))
			return &keys[i];
	return NULL;
}

static bool is_bool_word(const char *v)
{
	static const char *const words[] = {"1", "0", "true", "false", "yes", "no", "on", "off"};

	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (!strcasecmp(v, words[i]))
			return true;
	return false;
}

static enum mc_err set_key(struct config *c, const struct key *k, const char *value,
			   struct mc_error *err)
{
	char *base = (char *)c + k->offset;

	switch (k->type) {
	case K_STR:
		if (strlen(value) >= k->size)
			return mc_failf(err, MC_EINVAL, k->name, "Giá trị của '%s' quá dài",
					"The value of '%s' is too long", k->name);
		memcpy(base, value, strlen(value) + 1);
		return MC_OK;
	case K_INT: {
		char *end;
		long v;

		errno = 0;
		v = strtol(value, &end, 10);
		if (errno || end == value || *end || v < k->min || v > k->max)
			return mc_failf(err, MC_EINVAL, k->name,
					"'%s' phải là số nguyên từ %d đến %d",
					"'%s' must be a whole number from %d to %d", k->name,
					k->min, k->max);
		*(int *)base = (int)v;
		return MC_OK;
	}
	case K_BOOL:
		if (!strcmp(value, "1") || !strcasecmp(value, "true") || !strcasecmp(value, "yes") ||
		    !strcasecmp(value, "on")) {
			*(bool *)base = true;
		} else if (!strcmp(value, "0") || !strcasecmp(value, "false") ||
			   !strcasecmp(value, "no") || !strcasecmp(value, "off")) {
			*(bool *)base = false;
		} else {
			return mc_failf(err, MC_EINVAL, k->name, "'%s' phải là true hoặc false",
					"'%s' must be true or false", k->name);
		}
		return MC_OK;
	}
	return MC_EINTERNAL;
}

static enum mc_err unknown_key(struct mc_error *err, const char *name, size_t len)
{
	return mc_failf(err, MC_EINVAL, "", "Không có thiết lập '%.*s'",
			"Unknown setting '%.*s'", (int)len, name);
}

enum mc_err config_set(struct config *c, const char *key, const char *value,
		       struct mc_error *err)
{
	const struct key *k = find_key(key, strlen(key));

	if (!k)
		return unknown_key(err, key, strlen(key));
	return set_key(c, k, value, err);
}

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

enum mc_err config_load_file(struct config *c, const char *path, struct mc_error *err)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	int lineno = 0;
	enum mc_err rc = MC_OK;

	if (!f)
		return mc_failf(err, MC_EIO, "config", "Không mở được tệp cấu hình %s",
				"Cannot open the config file %s", path);
	while (fgets(line, sizeof line, f)) {
		char *s, *eq, *hash;

		lineno++;
		hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		s = trim(line);
		if (!*s)
			continue;
		eq = strchr(s, '=');
		if (!eq) {
			rc = mc_failf(err, MC_EINVAL, "config",
				      "%s dòng %d: cần dạng 'khóa = giá trị'",
				      "%s line %d: expected 'key = value'", path, lineno);
			break;
		}
		*eq = '\0';
		rc = config_set(c, trim(s), trim(eq + 1), err);
		if (rc) {
			/* prefix both messages with where the mistake is */
			char vi[201], en[201];

			snprintf(vi, sizeof vi, "%.200s", err->msg_vi);
			snprintf(en, sizeof en, "%.200s", err->msg_en);
			snprintf(err->msg_vi, sizeof err->msg_vi, "%.80s dòng %d: %s", path, lineno, vi);
			snprintf(err->msg_en, sizeof err->msg_en, "%.80s line %d: %s", path, lineno, en);
			break;
		}
	}
	fclose(f);
	return rc;
}

enum mc_err config_load_env(struct config *c, char *const *envp, struct mc_error *err)
{
	static const char prefix[] = "MOTCUA_";

	for (; envp && *envp; envp++) {
		const char *e = *envp, *eq;
		const struct key *k;

		if (strncmp(e, prefix, sizeof prefix - 1))
			continue;
		e += sizeof prefix - 1;
		eq = strchr(e, '=');
		if (!eq)
			continue;
		if (eq - e == 6 && !strncmp(e, "CONFIG", 6))
			continue;
		k = find_key(e, (size_t)(eq - e));
		if (!k)
			continue; /* other tools may share the prefix: ignore, don't fail */
		if (set_key(c, k, eq + 1, err))
			return err ? err->code : MC_EINVAL;
	}
	return MC_OK;
}

enum mc_err config_load_args(struct config *c, int argc, char **argv, int *argc_out,
			     struct mc_error *err)
{
	int kept = 0;

	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *name, *eq, *value;
		const struct key *k;
		size_t len;

		if (strncmp(a, "--", 2) || !a[2]) {
			argv[kept++] = argv[i];
			continue;
		}
		name = a + 2;
		eq = strchr(name, '=');
		len = eq ? (size_t)(eq - name) : strlen(name);
		k = find_key(name, len);
		if (!k) {
			argv[kept++] = argv[i];
			continue;
		}
		if (eq) {
			value = eq + 1;
		} else if (k->type == K_BOOL && (i + 1 >= argc || !is_bool_word(argv[i + 1]))) {
			value = "true"; /* a bare boolean flag: the next argument is not its value */
		} else if (i + 1 < argc) {
			value = argv[++i];
		} else {
			return mc_failf(err, MC_EINVAL, k->name, "Thiếu giá trị cho --%s",
					"Missing value for --%s", k->name);
		}
		if (set_key(c, k, value, err))
			return err ? err->code : MC_EINVAL;
	}
	*argc_out = kept;
	return MC_OK;
}

const char *config_find_file_arg(int argc, char **argv)
{
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--config") && i + 1 < argc)
			return argv[i + 1];
		if (!strncmp(argv[i], "--config=", 9))
			return argv[i] + 9;
	}
	return getenv("MOTCUA_CONFIG");
}

void config_print_keys(const struct config *c, int fd)
{
	FILE *f = fdopen(dup(fd), "w");

	if (!f)
		return;
	for (size_t i = 0; i < NKEYS; i++) {
		const struct key *k = &keys[i];
		const char *base = (const char *)c + k->offset;
		char val[CONFIG_STR + 8];

		if (k->type == K_STR)
			snprintf(val, sizeof val, "%s", base);
		else if (k->type == K_INT)
			snprintf(val, sizeof val, "%d", *(const int *)base);
		else
			snprintf(val, sizeof val, "%s", *(const bool *)base ? "true" : "false");
		fprintf(f, "  --%-22s %s [%s]\n", k->name, k->help, val);
	}
	fclose(f);
}

enum mc_err config_split_listen(const char *listen, char *host, int host_size, int *port_out,
				struct mc_error *err)
{
	const char *colon = strrchr(listen, ':');
	const char *h = listen;
	size_t hlen;
	char *end;
	long port;

	if (!colon)
		goto bad;
	hlen = (size_t)(colon - listen);
	if (hlen >= 2 && h[0] == '[' && h[hlen - 1] == ']') {
		h++;
		hlen -= 2;
	}
	if (hlen == 0 || hlen >= (size_t)host_size)
		goto bad;
	port = strtol(colon + 1, &end, 10);
	if (end == colon + 1 || *end || port < 0 || port > 65535)
		goto bad;
	memcpy(host, h, hlen);
	host[hlen] = '\0';
	*port_out = (int)port;
	return MC_OK;
bad:
	return mc_failf(err, MC_EINVAL, "listen",
			"Địa chỉ lắng nghe '%s' không hợp lệ (cần dạng 127.0.0.1:8080)",
			"Invalid listen address '%s' (expected e.g. 127.0.0.1:8080)", listen);
}
