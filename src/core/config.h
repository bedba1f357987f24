/*
 * config.h - MotCua's settings and where they come from.
 *
 * Precedence, lowest first: built-in defaults, the config file
 * (--config FILE or MOTCUA_CONFIG), environment variables MOTCUA_<KEY>, then
 * command-line flags --<key> VALUE or --<key>=VALUE ('-' and '_' are the same
 * in keys).  Every key is listed in config.c's table and in the README.
 *
 * A struct config is plain data: strings live in fixed arrays, so it can be
 * copied and needs no release.
 */
#ifndef MC_CONFIG_H
#define MC_CONFIG_H

#include <stdbool.h>

#include "core/err.h"

#define CONFIG_STR 512

struct config {
	char db[CONFIG_STR];       /* SQLite file path */
	char pg[CONFIG_STR];       /* PostgreSQL conninfo; when set, used instead of db */
	char listen[128];          /* ADDR:PORT; port 0 picks a free port */
	int threads;               /* HTTP worker threads; 0 = number of CPUs */
	char web_root[CONFIG_STR]; /* directory of the static UI */
	char data_dir[CONFIG_STR]; /* attachments and other files */
	char base_url[CONFIG_STR]; /* public URL, printed in QR codes and e-mails */
	char log_level[16];
	bool access_log;
	int session_ttl_minutes;
	bool cookie_secure;        /* set the Secure flag (behind HTTPS) */
	char pwhash[16];           /* argon2id cost: interactive | moderate | min */
	int max_body_kb;           /* JSON request bodies */
	int login_max_failures;    /* per account within the window */
	int login_ip_max;          /* per client address within the window */
	int login_window_minutes;
	bool trust_proxy;          /* take the client address from X-Forwarded-For */
	int lookup_per_minute;     /* public dossier lookups per client address per minute */
	char port_file[CONFIG_STR];/* write the bound port here (tests) */
	/* online services */
	int upload_max_kb;         /* one uploaded file (raw body of .../attachments) */
	char smtp_url[CONFIG_STR]; /* smtp://host:port or smtps://...; "" = no e-mail */
	char smtp_from[256];       /* sender address */
	char smtp_user[128];
	char smtp_password[128];   /* never logged */
	char sms_url[CONFIG_STR];  /* HTTP gateway: {to} and {text} are replaced (URL-encoded); "" = no SMS */
	int notify_quiet_start;    /* local hour quiet hours begin (0-23) */
	int notify_quiet_end;      /* local hour they end; start == end: none */
	int notify_max_attempts;   /* give up after this many tries */
	int notify_poll_ms;        /* how often the worker looks for due messages */
	char payment_secret[128];  /* HMAC-SHA256 key of the payment notification; "" = endpoint off */
};

void config_defaults(struct config *c);

/* Set one key from text.  MC_EINVAL with a message naming the key when the key
 * is unknown or the value does not parse. */
enum mc_err config_set(struct config *c, const char *key, const char *value,
		       struct mc_error *err);

/* Lines "key = value"; '#' starts a comment; blank lines are skipped. */
enum mc_err config_load_file(struct config *c, const char *path, struct mc_error *err);

/* Every MOTCUA_<KEY> in envp (a NULL-terminated environ array). */
enum mc_err config_load_env(struct config *c, char *const *envp, struct mc_error *err);

/* Consume --key VALUE / --key=VALUE flags from argv[0..argc).  Arguments that
 * are not known keys are left in place: on return argv[0..*argc_out) holds
 * them in their order (argv is rearranged). --config is handled by the caller
 * before this, via config_find_file_arg(). */
enum mc_err config_load_args(struct config *c, int argc, char **argv, int *argc_out,
			     struct mc_error *err);

/* The value of --config in argv, or MOTCUA_CONFIG, or NULL. */
const char *config_find_file_arg(int argc, char **argv);

/* Print every key with its current value and meaning (for `--help`). */
void config_print_keys(const struct config *c, int fd);

/* Split "ADDR:PORT" ("[::1]:8080" accepted); MC_EINVAL when malformed. */
enum mc_err config_split_listen(const char *listen, char *host, int host_size, int *port_out,
				struct mc_error *err);

#endif
