/*
 * pg_accounts.c - users, their roles, sessions and rate-limit counters on
 * PostgreSQL.  Empty phone, e-mail and username are stored as NULL so that
 * the unique indexes only bind real values.  Username and e-mail are unique
 * and looked up case-insensitively through indexes on lower(...), the
 * counterpart of SQLite's COLLATE NOCASE (which folds ASCII only; lower()
 * also folds non-ASCII letters).
 */
#include "store/pg/pg_int.h"

#include <stdio.h>
#include <string.h>

#define USER_COLS "id, COALESCE(username, ''), full_name, COALESCE(phone, ''), COALESCE(email, '')," \
		  " COALESCE(cccd, ''), password_hash, disabled, is_citizen, created_at"

static const struct pg_stmt st_user_insert = {
	"user_insert", "INSERT INTO users(username, full_name, phone, email, cccd, password_hash, disabled,"
		       " is_citizen, created_at) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id"};
static const struct pg_stmt st_user_get = {"user_get", "SELECT " USER_COLS " FROM users WHERE id = $1"};
static const struct pg_stmt st_user_by_login = {
	"user_get_by_login", "SELECT " USER_COLS " FROM users"
			     " WHERE lower(username) = lower($1) OR phone = $1 OR lower(email) = lower($1)"
			     " ORDER BY id LIMIT 1"};
static const struct pg_stmt st_user_list = {
	"user_list", "SELECT " USER_COLS " FROM users u WHERE ($1::boolean OR NOT is_citizen) AND"
		     " ($2::text IS NULL OR EXISTS (SELECT 1 FROM user_roles r JOIN units n ON n.id = r.unit_id"
		     "   WHERE r.user_id = u.id AND starts_with(n.path, $2::text)))"
		     " ORDER BY id LIMIT $3::bigint OFFSET $4::bigint"};
static const struct pg_stmt st_user_password = {"user_set_password",
						"UPDATE users SET password_hash = $1 WHERE id = $2"};
static const struct pg_stmt st_user_disabled = {"user_set_disabled", "UPDATE users SET disabled = $1 WHERE id = $2"};
static const struct pg_stmt st_grant_add = {
	"grant_add", "INSERT INTO user_roles(user_id, role, unit_id) VALUES($1, $2, $3) ON CONFLICT DO NOTHING"};
static const struct pg_stmt st_grant_remove = {
	"grant_remove", "DELETE FROM user_roles WHERE user_id = $1 AND role = $2 AND unit_id = $3"};
/* NULLS FIRST: unit-less grants sort before the others of their role, as
 * SQLite orders NULL. */
static const struct pg_stmt st_grant_list = {
	"grant_list", "SELECT r.user_id, r.unit_id, r.role, COALESCE(n.code, ''), COALESCE(n.path, ''),"
		      " COALESCE(n.name, '') FROM user_roles r LEFT JOIN units n ON n.id = r.unit_id"
		      " WHERE r.user_id = $1 ORDER BY r.role, n.path NULLS FIRST"};
static const struct pg_stmt st_session_insert = {
	"session_insert", "INSERT INTO sessions(token_hash, user_id, csrf_token, created_at, expires_at, client)"
			  " VALUES($1, $2, $3, $4, $5, $6)"};
static const struct pg_stmt st_session_get = {
	"session_get", "SELECT token_hash, user_id, csrf_token, created_at, expires_at, client FROM sessions"
		       " WHERE token_hash = $1 AND expires_at > $2"};
static const struct pg_stmt st_session_delete = {"session_delete", "DELETE FROM sessions WHERE token_hash = $1"};
static const struct pg_stmt st_session_delete_user = {"session_delete_user",
						      "DELETE FROM sessions WHERE user_id = $1"};
static const struct pg_stmt st_session_purge = {"session_purge", "DELETE FROM sessions WHERE expires_at <= $1"};
/* One statement, so concurrent hits on the same key never lose a count: the
 * insert and the update of an existing row are one atomic upsert (a
 * concurrent inserter waits for the row lock, then updates).  A new window
 * replaces the old one, the same window adds one. */
static const struct pg_stmt st_counter_hit = {
	"counter_hit", "INSERT INTO counters AS k(key, window_start, count) VALUES($1, $2, 1)"
		       " ON CONFLICT (key) DO UPDATE SET"
		       "   count = CASE WHEN k.window_start = EXCLUDED.window_start THEN k.count + 1 ELSE 1 END,"
		       "   window_start = EXCLUDED.window_start"
		       " RETURNING count"};
static const struct pg_stmt st_counter_get = {"counter_get",
					      "SELECT count FROM counters WHERE key = $1 AND window_start = $2"};
static const struct pg_stmt st_counter_clear = {"counter_clear", "DELETE FROM counters WHERE key = $1"};

static void read_user(const PGresult *res, int r, struct user_rec *u)
{
	memset(u, 0, sizeof *u);
	u->id = pg_col_i64(res, r, 0);
	pg_col_text(res, r, 1, u->username, sizeof u->username);
	pg_col_text(res, r, 2, u->full_name, sizeof u->full_name);
	pg_col_text(res, r, 3, u->phone, sizeof u->phone);
	pg_col_text(res, r, 4, u->email, sizeof u->email);
	pg_col_text(res, r, 5, u->cccd, sizeof u->cccd);
	pg_col_text(res, r, 6, u->password_hash, sizeof u->password_hash);
	u->disabled = pg_col_bool(res, r, 7);
	u->is_citizen = pg_col_bool(res, r, 8);
	u->created_at = pg_col_i64(res, r, 9);
}

enum mc_err pg_user_insert(struct store_conn *c, struct user_rec *u, struct mc_error *err)
{
	struct pg_params p = {0};
	PGresult *res;
	enum mc_err rc;

	pg_p_text(&p, u->username, true);
	pg_p_text(&p, u->full_name, false);
	pg_p_text(&p, u->phone, true);
	pg_p_text(&p, u->email, true);
	pg_p_text(&p, u->cccd, true);
	pg_p_text(&p, u->password_hash, false);
	pg_p_bool(&p, u->disabled);
	pg_p_bool(&p, u->is_citizen);
	pg_p_i64(&p, u->created_at);
	rc = pg_run(pgc(c), &st_user_insert, &p, &res, err);
	if (rc == MC_ECONFLICT)
		return mc_fail(err, MC_ECONFLICT, "login",
			       "Tên đăng nhập, số điện thoại hoặc email đã được dùng cho tài khoản khác",
			       "The username, phone or e-mail is already used by another account");
	if (rc)
		return rc;
	u->id = pg_col_i64(res, 0, 0);
	PQclear(res);
	return MC_OK;
}

static enum mc_err user_one(struct pg_conn *q, const struct pg_stmt *s, const struct pg_params *p,
			    struct user_rec *out, struct mc_error *err)
{
	PGresult *res;
	enum mc_err rc = pg_run(q, s, p, &res, err);

	if (rc)
		return rc;
	if (PQntuples(res) == 0)
		rc = mc_fail(err, MC_ENOTFOUND, "user", "Không tìm thấy tài khoản", "Account not found");
	else
		read_user(res, 0, out);
	PQclear(res);
	return rc;
}

enum mc_err pg_user_get(struct store_conn *c, int64_t id, struct user_rec *out, struct mc_error *err)
{
	struct pg_params p = {0};

	pg_p_i64(&p, id);
	return user_one(pgc(c), &st_user_get, &p, out, err);
}

enum mc_err pg_user_get_by_login(struct store_conn *c, const char *login, struct user_rec *out,
				 struct mc_error *err)
{
	struct pg_params p = {0};

	pg_p_text(&p, login, false);
	return user_one(pgc(c), &st_user_by_login, &p, out, err);
}

enum mc_err pg_user_list(struct store_conn *c, const struct user_filter *f, store_user_cb cb, void *ctx,
			 struct mc_error *err)
{
	struct pg_params p = {0};
	struct user_rec u;
	PGresult *res;
	enum mc_err rc;
	int stop = 0;

	pg_p_bool(&p, f && f->include_citizens);
	pg_p_text(&p, f ? f->unit_path : NULL, true);
	if (f && f->limit > 0)
		pg_p_i64(&p, f->limit);
	else
		pg_p_null(&p); /* LIMIT NULL: no limit */
	pg_p_i64(&p, f && f->offset > 0 ? f->offset : 0);
	if ((rc = pg_run(pgc(c), &st_user_list, &p, &res, err)))
		return rc;
	for (int r = 0; r < PQntuples(res) && !stop; r++) {
		read_user(res, r, &u);
		stop = cb(ctx, &u);
	}
	PQclear(res);
	return (enum mc_err)stop;
}

static enum mc_err changed_one(struct pg_conn *q, const struct pg_stmt *s, const struct pg_params *p,
			       struct mc_error *err)
{
	PGresult *res;
	enum mc_err rc = pg_run(q, s, p, &res, err);

	if (rc)
		return rc;
	if (pg_changes(res) == 0)
		rc = mc_fail(err, MC_ENOTFOUND, "user", "Không tìm thấy tài khoản", "Account not found");
	PQclear(res);
	return rc;
}

enum mc_err pg_user_set_password(struct store_conn *c, int64_t id, const char *hash, struct mc_error *err)
{
	struct pg_params p = {0};

	pg_p_text(&p, hash, false);
	pg_p_i64(&p, id);
	return changed_one(pgc(c), &st_user_password, &p, err);
}

enum mc_err pg_user_set_disabled(struct store_conn *c, int64_t id, bool disabled, struct mc_error *err)
{
	struct pg_params p = {0};

	pg_p_bool(&p, disabled);
	pg_p_i64(&p, id);
	return changed_one(pgc(c), &st_user_disabled, &p, err);
}

static void grant_params(struct pg_params *p, const struct grant_rec *g)
{
	pg_p_i64(p, g->user_id);
	pg_p_text(p, g->role, false);
	pg_p_i64(p, g->unit_id);
}

enum mc_err pg_grant_add(struct store_conn *c, const struct grant_rec *g, struct mc_error *err)
{
	struct pg_params p = {0};

	grant_params(&p, g);
	return pg_run(pgc(c), &st_grant_add, &p, NULL, err);
}

enum mc_err pg_grant_remove(struct store_conn *c, const struct grant_rec *g, struct mc_error *err)
{
	struct pg_params p = {0};

	grant_params(&p, g);
	return pg_run(pgc(c), &st_grant_remove, &p, NULL, err);
}

enum mc_err pg_grant_list(struct store_conn *c, int64_t user_id, store_grant_cb cb, void *ctx,
			  struct mc_error *err)
{
	struct pg_params p = {0};
	struct grant_rec g;
	PGresult *res;
	enum mc_err rc;
	int stop = 0;

	pg_p_i64(&p, user_id);
	if ((rc = pg_run(pgc(c), &st_grant_list, &p, &res, err)))
		return rc;
	for (int r = 0; r < PQntuples(res) && !stop; r++) {
		memset(&g, 0, sizeof g);
		g.user_id = pg_col_i64(res, r, 0);
		g.unit_id = pg_col_i64(res, r, 1);
		pg_col_text(res, r, 2, g.role, sizeof g.role);
		pg_col_text(res, r, 3, g.unit_code, sizeof g.unit_code);
		pg_col_text(res, r, 4, g.unit_path, sizeof g.unit_path);
		pg_col_text(res, r, 5, g.unit_name, sizeof g.unit_name);
		stop = cb(ctx, &g);
	}
	PQclear(res);
	return (enum mc_err)stop;
}

enum mc_err pg_session_insert(struct store_conn *c, const struct session_rec *s, struct mc_error *err)
{
	struct pg_params p = {0};

	pg_p_text(&p, s->token_hash, false);
	pg_p_i64(&p, s->user_id);
	pg_p_text(&p, s->csrf_token, false);
	pg_p_i64(&p, s->created_at);
	pg_p_i64(&p, s->expires_at);
	pg_p_text(&p, s->client, false);
	return pg_run(pgc(c), &st_session_insert, &p, NULL, err);
}

enum mc_err pg_session_get(struct store_conn *c, const char *token_hash, int64_t now, struct session_rec *out,
			   struct mc_error *err)
{
	struct pg_params p = {0};
	PGresult *res;
	enum mc_err rc;

	pg_p_text(&p, token_hash, false);
	pg_p_i64(&p, now);
	if ((rc = pg_run(pgc(c), &st_session_get, &p, &res, err)))
		return rc;
	if (PQntuples(res) == 0) {
		rc = mc_fail(err, MC_ENOTFOUND, NULL, NULL, NULL);
	} else {
		memset(out, 0, sizeof *out);
		pg_col_text(res, 0, 0, out->token_hash, sizeof out->token_hash);
		out->user_id = pg_col_i64(res, 0, 1);
		pg_col_text(res, 0, 2, out->csrf_token, sizeof out->csrf_token);
		out->created_at = pg_col_i64(res, 0, 3);
		out->expires_at = pg_col_i64(res, 0, 4);
		pg_col_text(res, 0, 5, out->client, sizeof out->client);
	}
	PQclear(res);
	return rc;
}

enum mc_err pg_session_delete(struct store_conn *c, const char *token_hash, struct mc_error *err)
{
	struct pg_params p = {0};

	pg_p_text(&p, token_hash, false);
	return pg_run(pgc(c), &st_session_delete, &p, NULL, err);
}

enum mc_err pg_session_delete_user(struct store_conn *c, int64_t user_id, struct mc_error *err)
{
	struct pg_params p = {0};

	pg_p_i64(&p, user_id);
	return pg_run(pgc(c), &st_session_delete_user, &p, NULL, err);
}

enum mc_err pg_session_purge(struct store_conn *c, int64_t now, int *purged_out, struct mc_error *err)
{
	struct pg_params p = {0};
	PGresult *res;
	enum mc_err rc;

	pg_p_i64(&p, now);
	if ((rc = pg_run(pgc(c), &st_session_purge, &p, &res, err)))
		return rc;
	if (purged_out)
		*purged_out = (int)pg_changes(res);
	PQclear(res);
	return MC_OK;
}

enum mc_err pg_counter_hit(struct store_conn *c, const char *key, int64_t window_start, int64_t *count_out,
			   struct mc_error *err)
{
	struct pg_params p = {0};
	PGresult *res;
	enum mc_err rc;

	pg_p_text(&p, key, false);
	pg_p_i64(&p, window_start);
	if ((rc = pg_run(pgc(c), &st_counter_hit, &p, &res, err)))
		return rc;
	*count_out = pg_col_i64(res, 0, 0);
	PQclear(res);
	return MC_OK;
}

enum mc_err pg_counter_get(struct store_conn *c, const char *key, int64_t window_start, int64_t *count_out,
			   struct mc_error *err)
{
	struct pg_params p = {0};
	PGresult *res;
	enum mc_err rc;

	pg_p_text(&p, key, false);
	pg_p_i64(&p, window_start);
	if ((rc = pg_run(pgc(c), &st_counter_get, &p, &res, err)))
		return rc;
	*count_out = PQntuples(res) ? pg_col_i64(res, 0, 0) : 0;
	PQclear(res);
	return MC_OK;
}

enum mc_err pg_counter_clear(struct store_conn *c, const char *key, struct mc_error *err)
{
	struct pg_params p = {0};

	pg_p_text(&p, key, false);
	return pg_run(pgc(c), &st_counter_clear, &p, NULL, err);
}
