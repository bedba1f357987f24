/*
 * auth.c - who is asking, signing in and out, and one's own password.
 *
 * Browsers carry the session in the HttpOnly cookie "mc_session" and prove
 * each write with the X-CSRF-Token header (the token comes with the sign-in
 * answer and from GET /api/v1/session).  API clients get a token from
 * POST /api/v1/auth/token and send "Authorization: Bearer <token>"; no cookie,
 * so no CSRF check.  Only the token's hash is stored.
 *
 * Sign-in is rate limited per account (failures) and per client address
 * (attempts), with counters in the database so every server instance shares
 * them.
 */
#include "api/api_int.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "core/secret.h"
#include "domain/account.h"

#define COOKIE_NAME "mc_session"

/* Copy the value of cookie `name` out of a Cookie header. */
static bool cookie_value(const char *header, const char *name, char *out, size_t n)
{
	size_t nl = strlen(name);
	const char *p = header;

	while (p && *p) {
		while (*p == ' ' || *p == ';')
			p++;
		if (!strncmp(p, name, nl) && p[nl] == '=') {
			const char *v = p + nl + 1, *end = strchr(v, ';');
			size_t len = end ? (size_t)(end - v) : strlen(v);

			if (len >= n)
				return false;
			memcpy(out, v, len);
			out[len] = '\0';
			return true;
		}
		p = strchr(p, ';');
	}
	return false;
}

static int grant_to_principal(void *ctx, const struct grant_rec *g)
{
	struct principal *p = ctx;
	int r = role_parse(g->role);

	if (r >= 0 && !principal_add_grant(p, (enum role)r, g->unit_id, g->unit_path))
		log_warn("user %lld holds more than %d roles; extra roles ignored", (long long)g->user_id,
			 AUTHZ_MAX_GRANTS);
	return 0;
}

enum mc_err api_load_principal(struct api_ctx *x, struct store_conn *c, const struct user_rec *u)
{
	memset(&x->who, 0, sizeof x->who);
	x->who.user_id = u->id;
	x->who.is_citizen = u->is_citizen;
	return store_grant_list(c, u->id, grant_to_principal, &x->who, &x->err);
}

enum mc_err api_authenticate(struct api_ctx *x)
{
	char token[128];
	char hash[SECRET_HASH_HEX + 1];
	struct store_conn *c;
	enum mc_err rc;
	bool have = false;

	if (x->rq->authorization && !strncasecmp(x->rq->authorization, "Bearer ", 7)) {
		snprintf(token, sizeof token, "%s", x->rq->authorization + 7);
		have = token[0] != '\0';
	} else if (x->rq->cookie && cookie_value(x->rq->cookie, COOKIE_NAME, token, sizeof token)) {
		have = token[0] != '\0';
		x->via_cookie = have;
	}
	if (!have)
		return MC_OK; /* anonymous; routes decide whether that is enough */
	secret_hash_hex(token, hash);
	rc = api_conn(x, &c);
	if (rc)
		return rc;
	rc = store_session_get(c, hash, x->rq->now, &x->session, &x->err);
	if (rc == MC_ENOTFOUND) {
		/* An expired or forged token is just no session: a public page still
		 * works, a private one answers 401 and the UI shows the sign-in. */
		mc_error_clear(&x->err);
		x->via_cookie = false;
		return MC_OK;
	}
	if (rc)
		return rc;
	rc = store_user_get(c, x->session.user_id, &x->user, &x->err);
	if (rc == MC_ENOTFOUND || (!rc && x->user.disabled)) {
		mc_error_clear(&x->err);
		x->via_cookie = false;
		return MC_OK;
	}
	if (rc)
		return rc;
	return api_load_principal(x, c, &x->user);
}

static void set_session_cookie(struct api_ctx *x, const char *token, int max_age)
{
	char v[320];

	snprintf(v, sizeof v, COOKIE_NAME "=%s; Path=/; Max-Age=%d; HttpOnly; SameSite=Lax%s", token,
		 max_age, x->app->cfg->cookie_secure ? "; Secure" : "");
	api_response_header(x->rs, "Set-Cookie", v);
}

static json_t *session_json(struct api_ctx *x, const char *csrf)
{
	json_t *j = json_pack("{s:o, s:I}", "user", api_user_json(x, &x->user, true), "expires_at",
			      (json_int_t)x->session.expires_at);

	if (j && csrf)
		json_object_set_new(j, "csrf_token", json_string(csrf));
	return j;
}

/* Turn what a person typed into the form stored in the database: phone
 * numbers are normalised, e-mails and usernames folded to lower case. */
static void normalize_login(const char *in, char *out, size_t n)
{
	struct mc_error ignore;

	if (account_normalize_phone(in, out, n, &ignore) == MC_OK)
		return;
	snprintf(out, n, "%s", in);
	for (char *p = out; *p; p++)
		*p = (char)tolower((unsigned char)*p);
}

static int64_t window_start(struct api_ctx *x)
{
	int64_t w = (int64_t)x->app->cfg->login_window_minutes * 60;

	return x->rq->now - x->rq->now % w;
}

static enum mc_err sign_in(struct api_ctx *x, bool want_cookie)
{
	char login[130], password[ACCOUNT_PASSWORD_MAX + 2], norm[130], key[200];
	char token[SECRET_TOKEN_LEN + 1], csrf[SECRET_TOKEN_LEN + 1];
	struct session_rec s = {0};
	struct store_conn *c;
	int64_t n, win = window_start(x);
	enum mc_err rc;
	bool found, ok;

	if ((rc = api_body_str(x, "login", login, sizeof login, true)) ||
	    (rc = api_body_str(x, "password", password, sizeof password, true)))
		return rc;
	if ((rc = api_conn(x, &c)))
		return rc;
	normalize_login(login, norm, sizeof norm);

	snprintf(key, sizeof key, "login-ip:%s", x->rq->client_ip);
	if ((rc = store_counter_hit(c, key, win, &n, &x->err)))
		return rc;
	if (n > x->app->cfg->login_ip_max)
		return mc_fail(&x->err, MC_ERATE, NULL,
			       "Quá nhiều lần đăng nhập từ địa chỉ này; vui lòng thử lại sau ít phút",
			       "Too many sign-in attempts from this address; try again in a few minutes");
	snprintf(key, sizeof key, "login-fail:%s", norm);
	if ((rc = store_counter_get(c, key, win, &n, &x->err)))
		return rc;
	if (n >= x->app->cfg->login_max_failures)
		return mc_failf(&x->err, MC_ERATE, NULL,
				"Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần; thử lại sau %d phút",
				"Too many failed sign-ins for this account; try again in %d minutes",
				x->app->cfg->login_window_minutes);

	rc = store_user_get_by_login(c, norm, &x->user, &x->err);
	if (rc && rc != MC_ENOTFOUND)
		return rc;
	found = rc == MC_OK;
	mc_error_clear(&x->err);
	ok = secret_password_verify(found ? x->user.password_hash : NULL, password);
	if (!ok || x->user.disabled) {
		int64_t ignored;

		store_counter_hit(c, key, win, &ignored, NULL);
		x->who.user_id = 0;
		api_audit(x, "auth.login_failed", "user", found ? x->user.username : "", 0, NULL);
		if (ok && x->user.disabled)
			return mc_fail(&x->err, MC_EFORBIDDEN, NULL,
				       "Tài khoản đã bị khóa; liên hệ quản trị hệ thống",
				       "This account is disabled; contact the administrator");
		return mc_fail(&x->err, MC_EUNAUTH, "password", "Sai tên đăng nhập hoặc mật khẩu",
			       "Wrong username or password");
	}
	store_counter_clear(c, key, NULL);

	secret_token(token);
	secret_token(csrf);
	secret_hash_hex(token, s.token_hash);
	s.user_id = x->user.id;
	snprintf(s.csrf_token, sizeof s.csrf_token, "%s", csrf);
	s.created_at = x->rq->now;
	s.expires_at = x->rq->now + (int64_t)x->app->cfg->session_ttl_minutes * 60;
	snprintf(s.client, sizeof s.client, "%s", x->rq->client_ip);
	if ((rc = store_session_insert(c, &s, &x->err)))
		return rc;
	x->session = s;
	if ((rc = api_load_principal(x, c, &x->user)))
		return rc;
	api_audit(x, "auth.login", "user", x->user.username[0] ? x->user.username : x->user.phone, 0, NULL);
	if (want_cookie) {
		set_session_cookie(x, token, x->app->cfg->session_ttl_minutes * 60);
		return api_reply_json(x, 200, session_json(x, csrf));
	} else {
		json_t *j = session_json(x, NULL);

		if (j)
			json_object_set_new(j, "token", json_string(token));
		return api_reply_json(x, 200, j);
	}
}

enum mc_err h_login(struct api_ctx *x) { return sign_in(x, true); }
enum mc_err h_token(struct api_ctx *x) { return sign_in(x, false); }

enum mc_err h_logout(struct api_ctx *x)
{
	struct store_conn *c;
	enum mc_err rc = api_conn(x, &c);

	if (rc)
		return rc;
	if ((rc = store_session_delete(c, x->session.token_hash, &x->err)))
		return rc;
	api_audit(x, "auth.logout", "user", x->user.username, 0, NULL);
	set_session_cookie(x, "", 0);
	return api_reply_json(x, 200, json_pack("{s:b}", "ok", 1));
}

enum mc_err h_session(struct api_ctx *x)
{
	return api_reply_json(x, 200, session_json(x, x->via_cookie ? x->session.csrf_token : NULL));
}

enum mc_err h_session_password(struct api_ctx *x)
{
	char old_pw[ACCOUNT_PASSWORD_MAX + 2], new_pw[ACCOUNT_PASSWORD_MAX + 2];
	char hash[SECRET_PWHASH_MAX];
	struct store_conn *c;
	enum mc_err rc;

	if ((rc = api_body_str(x, "old_password", old_pw, sizeof old_pw, true)) ||
	    (rc = api_body_str(x, "new_password", new_pw, sizeof new_pw, true)))
		return rc;
	if (!secret_password_verify(x->user.password_hash, old_pw))
		return mc_fail(&x->err, MC_EFORBIDDEN, "old_password", "Mật khẩu hiện tại không đúng",
			       "The current password is wrong");
	if ((rc = account_check_password(new_pw, &x->err)))
		return rc;
	if ((rc = secret_password_hash(new_pw, hash)))
		return mc_fail(&x->err, rc, NULL, NULL, NULL);
	if ((rc = api_conn(x, &c)) || (rc = store_begin(c, &x->err)))
		return rc;
	/* a changed password ends every other sign-in of this person */
	if ((rc = store_user_set_password(c, x->user.id, hash, &x->err)) ||
	    (rc = store_session_delete_user(c, x->user.id, &x->err)) ||
	    (rc = store_session_insert(c, &x->session, &x->err)) ||
	    (rc = api_audit(x, "user.password_changed", "user", x->user.username, 0, NULL)) ||
	    (rc = store_commit(c, &x->err))) {
		store_rollback(c);
		return rc;
	}
	return api_reply_json(x, 200, json_pack("{s:b}", "ok", 1));
}
