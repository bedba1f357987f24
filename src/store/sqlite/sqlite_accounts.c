/*
 * sqlite_accounts.c - users, their roles, sessions and rate-limit counters
 * on SQLite.  Empty phone, e-mail and username are stored as NULL so that the
 * UNIQUE constraints only bind real values.
 */
#include "store/sqlite/sqlite_int.h"

#include <stdio.h>
#include <string.h>

#define USER_COLS "id, COALESCE(username,''), full_name, COALESCE(phone,''), COALESCE(email,'')," \
		  " COALESCE(cccd,''), password_hash, disabled, is_citizen, created_at"

static void read_user(sqlite3_stmt *st, struct user_rec *u)
{
	memset(u, 0, sizeof *u);
	u->id = sqlite3_column_int64(st, 0);
	sq_col_text(st, 1, u->username, sizeof u->username);
	sq_col_text(st, 2, u->full_name, sizeof u->full_name);
	sq_col_text(st, 3, u->phone, sizeof u->phone);
	sq_col_text(st, 4, u->email, sizeof u->email);
	sq_col_text(st, 5, u->cccd, sizeof u->cccd);
	sq_col_text(st, 6, u->password_hash, sizeof u->password_hash);
	u->disabled = sqlite3_column_int(st, 7) != 0;
	u->is_citizen = sqlite3_column_int(st, 8) != 0;
	u->created_at = sqlite3_column_int64(st, 9);
}

#define PREP(q, sql)                                                    \
	sqlite3_stmt *st = sq_prepare((q), (sql), err);                 \
	if (!st)                                                        \
		return err ? err->code : MC_ESTORE

enum mc_err sq_user_insert(struct store_conn *c, struct user_rec *u, struct mc_error *err)
{
	struct sq_conn *q = sq(c);
	enum mc_err rc;
	PREP(q, "INSERT INTO users(username, full_name, phone, email, cccd, password_hash, disabled,"
		" is_citizen, created_at) VALUES(?,?,?,?,?,?,?,?,?)");

	sq_bind_text(st, 1, u->username, true);
	sq_bind_text(st, 2, u->full_name, false);
	sq_bind_text(st, 3, u->phone, true);
	sq_bind_text(st, 4, u->email, true);
	sq_bind_text(st, 5, u->cccd, true);
	sq_bind_text(st, 6, u->password_hash, false);
	sqlite3_bind_int(st, 7, u->disabled);
	sqlite3_bind_int(st, 8, u->is_citizen);
	sqlite3_bind_int64(st, 9, u->created_at);
	rc = sq_exec_stmt(q, st, "user insert", err);
	if (rc == MC_ECONFLICT)
		return mc_fail(err, MC_ECONFLICT, "login",
			       "Tên đăng nhập, số điện thoại hoặc email đã được dùng cho tài khoản khác",
			       "The username, phone or e-mail is already used by another account");
	if (!rc)
		u->id = sqlite3_last_insert_rowid(q->db);
	return rc;
}

static enum mc_err user_one(struct sq_conn *q, sqlite3_stmt *st, struct user_rec *out, struct mc_error *err)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		read_user(st, out);
		sqlite3_reset(st);
		return MC_OK;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return mc_fail(err, MC_ENOTFOUND, "user", "Không tìm thấy tài khoản", "Account not found");
	return sq_fail(q, rc, "user get", err);
}

enum mc_err sq_user_get(struct store_conn *c, int64_t id, struct user_rec *out, struct mc_error *err)
{
	PREP(sq(c), "SELECT " USER_COLS " FROM users WHERE id=?");
	sqlite3_bind_int64(st, 1, id);
	return user_one(sq(c), st, out, err);
}

enum mc_err sq_user_get_by_login(struct store_conn *c, const char *login, struct user_rec *out,
				 struct mc_error *err)
{
	PREP(sq(c), "SELECT " USER_COLS " FROM users WHERE username=?1 OR phone=?1 OR email=?1"
		    " ORDER BY id LIMIT 1");
	sq_bind_text(st, 1, login, false);
	return user_one(sq(c), st, out, err);
}

enum mc_err sq_user_list(struct store_conn *c, const struct user_filter *f, store_user_cb cb, void *ctx,
			 struct mc_error *err)
{
	struct user_rec u;
	int rc, stop = 0;
	PREP(sq(c), "SELECT " USER_COLS " FROM users u WHERE (?1 = 1 OR is_citizen = 0) AND"
		    " (?2 IS NULL OR EXISTS (SELECT 1 FROM user_roles r JOIN units n ON n.id = r.unit_id"
		    "   WHERE r.user_id = u.id AND substr(n.path, 1, length(?2)) = ?2))"
		    " ORDER BY id LIMIT ?3 OFFSET ?4");

	sqlite3_bind_int(st, 1, f && f->include_citizens);
	sq_bind_text(st, 2, f ? f->unit_path : NULL, true);
	sqlite3_bind_int(st, 3, f && f->limit > 0 ? f->limit : -1);
	sqlite3_bind_int(st, 4, f && f->offset > 0 ? f->offset : 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_user(st, &u);
		stop = cb(ctx, &u);
		if (stop)
			break;
	}
	sqlite3_reset(st);
	if (stop)
		return (enum mc_err)stop;
	return rc == SQLITE_DONE ? MC_OK : sq_fail(sq(c), rc, "user list", err);
}

static enum mc_err changed_one(struct sq_conn *q, sqlite3_stmt *st, const char *what, struct mc_error *err)
{
	enum mc_err rc = sq_exec_stmt(q, st, what, err);

	if (!rc && sqlite3_changes(q->db) == 0)
		return mc_fail(err, MC_ENOTFOUND, "user", "Không tìm thấy tài khoản", "Account not found");
	return rc;
}

enum mc_err sq_user_set_password(struct store_conn *c, int64_t id, const char *hash, struct mc_error *err)
{
	PREP(sq(c), "UPDATE users SET password_hash=? WHERE id=?");
	sq_bind_text(st, 1, hash, false);
	sqlite3_bind_int64(st, 2, id);
	return changed_one(sq(c), st, "user password", err);
}

enum mc_err sq_user_set_disabled(struct store_conn *c, int64_t id, bool disabled, struct mc_error *err)
{
	PREP(sq(c), "UPDATE users SET disabled=? WHERE id=?");
	sqlite3_bind_int(st, 1, disabled);
	sqlite3_bind_int64(st, 2, id);
	return changed_one(sq(c), st, "user disable", err);
}

enum mc_err sq_grant_add(struct store_conn *c, const struct grant_rec *g, struct mc_error *err)
{
	PREP(sq(c), "INSERT INTO user_roles(user_id, role, unit_id) VALUES(?,?,?) ON CONFLICT DO NOTHING");
	sqlite3_bind_int64(st, 1, g->user_id);
	sq_bind_text(st, 2, g->role, false);
	sqlite3_bind_int64(st, 3, g->unit_id);
	return sq_exec_stmt(sq(c), st, "grant add", err);
}

enum mc_err sq_grant_remove(struct store_conn *c, const struct grant_rec *g, struct mc_error *err)
{
	PREP(sq(c), "DELETE FROM user_roles WHERE user_id=? AND role=? AND unit_id=?");
	sqlite3_bind_int64(st, 1, g->user_id);
	sq_bind_text(st, 2, g->role, false);
	sqlite3_bind_int64(st, 3, g->unit_id);
	return sq_exec_stmt(sq(c), st, "grant remove", err);
}

enum mc_err sq_grant_list(struct store_conn *c, int64_t user_id, store_grant_cb cb, void *ctx,
			  struct mc_error *err)
{
	struct grant_rec g;
	int rc, stop = 0;
	PREP(sq(c), "SELECT r.user_id, r.unit_id, r.role, COALESCE(n.code,''), COALESCE(n.path,''),"
		    " COALESCE(n.name,'') FROM user_roles r LEFT JOIN units n ON n.id = r.unit_id"
		    " WHERE r.user_id=? ORDER BY r.role, n.path");

	sqlite3_bind_int64(st, 1, user_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&g, 0, sizeof g);
		g.user_id = sqlite3_column_int64(st, 0);
		g.unit_id = sqlite3_column_int64(st, 1);
		sq_col_text(st, 2, g.role, sizeof g.role);
		sq_col_text(st, 3, g.unit_code, sizeof g.unit_code);
		sq_col_text(st, 4, g.unit_path, sizeof g.unit_path);
		sq_col_text(st, 5, g.unit_name, sizeof g.unit_name);
		stop = cb(ctx, &g);
		if (stop)
			break;
	}
	sqlite3_reset(st);
	if (stop)
		return (enum mc_err)stop;
	return rc == SQLITE_DONE ? MC_OK : sq_fail(sq(c), rc, "grant list", err);
}

enum mc_err sq_session_insert(struct store_conn *c, const struct session_rec *s, struct mc_error *err)
{
	PREP(sq(c), "INSERT INTO sessions(token_hash, user_id, csrf_token, created_at, expires_at, client)"
		    " VALUES(?,?,?,?,?,?)");
	sq_bind_text(st, 1, s->token_hash, false);
	sqlite3_bind_int64(st, 2, s->user_id);
	sq_bind_text(st, 3, s->csrf_token, false);
	sqlite3_bind_int64(st, 4, s->created_at);
	sqlite3_bind_int64(st, 5, s->expires_at);
	sq_bind_text(st, 6, s->client, false);
	return sq_exec_stmt(sq(c), st, "session insert", err);
}

enum mc_err sq_session_get(struct store_conn *c, const char *token_hash, int64_t now, struct session_rec *out,
			   struct mc_error *err)
{
	int rc;
	PREP(sq(c), "SELECT token_hash, user_id, csrf_token, created_at, expires_at, client FROM sessions"
		    " WHERE token_hash=? AND expires_at > ?");

	sq_bind_text(st, 1, token_hash, false);
	sqlite3_bind_int64(st, 2, now);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		memset(out, 0, sizeof *out);
		sq_col_text(st, 0, out->token_hash, sizeof out->token_hash);
		out->user_id = sqlite3_column_int64(st, 1);
		sq_col_text(st, 2, out->csrf_token, sizeof out->csrf_token);
		out->created_at = sqlite3_column_int64(st, 3);
		out->expires_at = sqlite3_column_int64(st, 4);
		sq_col_text(st, 5, out->client, sizeof out->client);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return MC_OK;
	if (rc == SQLITE_DONE)
		return mc_fail(err, MC_ENOTFOUND, NULL, NULL, NULL);
	return sq_fail(sq(c), rc, "session get", err);
}

enum mc_err sq_session_delete(struct store_conn *c, const char *token_hash, struct mc_error *err)
{
	PREP(sq(c), "DELETE FROM sessions WHERE token_hash=?");
	sq_bind_text(st, 1, token_hash, false);
	return sq_exec_stmt(sq(c), st, "session delete", err);
}

enum mc_err sq_session_delete_user(struct store_conn *c, int64_t user_id, struct mc_error *err)
{
	PREP(sq(c), "DELETE FROM sessions WHERE user_id=?");
	sqlite3_bind_int64(st, 1, user_id);
	return sq_exec_stmt(sq(c), st, "session delete user", err);
}

enum mc_err sq_session_purge(struct store_conn *c, int64_t now, int *purged_out, struct mc_error *err)
{
	enum mc_err rc;
	PREP(sq(c), "DELETE FROM sessions WHERE expires_at <= ?");

	sqlite3_bind_int64(st, 1, now);
	rc = sq_exec_stmt(sq(c), st, "session purge", err);
	if (!rc && purged_out)
		*purged_out = sqlite3_changes(sq(c)->db);
	return rc;
}

enum mc_err sq_counter_hit(struct store_conn *c, const char *key, int64_t window_start, int64_t *count_out,
			   struct mc_error *err)
{
	int rc;
	/* One statement, so concurrent hits on the same key never lose a count:
	 * a new window replaces the old one, the same window adds one. */
	PREP(sq(c), "INSERT INTO counters(key, window_start, count) VALUES(?1, ?2, 1)"
		    " ON CONFLICT(key) DO UPDATE SET"
		    "   count = CASE WHEN window_start = ?2 THEN count + 1 ELSE 1 END,"
		    "   window_start = ?2"
		    " RETURNING count");

	sq_bind_text(st, 1, key, false);
	sqlite3_bind_int64(st, 2, window_start);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*count_out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? MC_OK : sq_fail(sq(c), rc, "counter hit", err);
}

enum mc_err sq_counter_get(struct store_conn *c, const char *key, int64_t window_start, int64_t *count_out,
			   struct mc_error *err)
{
	int rc;
	PREP(sq(c), "SELECT count FROM counters WHERE key=? AND window_start=?");

	sq_bind_text(st, 1, key, false);
	sqlite3_bind_int64(st, 2, window_start);
	rc = sqlite3_step(st);
	*count_out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? MC_OK : sq_fail(sq(c), rc, "counter get", err);
}

enum mc_err sq_counter_clear(struct store_conn *c, const char *key, struct mc_error *err)
{
	PREP(sq(c), "DELETE FROM counters WHERE key=?");
	sq_bind_text(st, 1, key, false);
	return sq_exec_stmt(sq(c), st, "counter clear", err);
}
