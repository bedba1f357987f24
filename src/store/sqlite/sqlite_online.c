/*
 * sqlite_online.c - store version 5 on SQLite: small JSON documents (kv),
 * the notification outbox and attachment metadata (see store.h).
 * Strings returned through kv_rec.value and outbox_rec.body are malloc'd
 * copies the caller frees.
 */
#include "store/sqlite/sqlite_int.h"

#include <stdlib.h>
#include <string.h>

#define PREP(q, sql)                                                    \
	sqlite3_stmt *st = sq_prepare((q), (sql), err);                 \
	if (!st)                                                        \
		return err ? err->code : MC_ESTORE

static char *dup_col(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return strdup(s ? s : "");
}

enum mc_err sq_kv_put(struct store_conn *c, const struct kv_rec *k, struct mc_error *err)
{
	PREP(sq(c), "INSERT INTO kv(scope, key, value, updated_at) VALUES(?1, ?2, ?3, ?4)"
		    " ON CONFLICT(scope, key) DO UPDATE SET value = ?3, updated_at = ?4");
	sq_bind_text(st, 1, k->scope, false);
	sq_bind_text(st, 2, k->key, false);
	sq_bind_text(st, 3, k->value ? k->value : "{}", false);
	sqlite3_bind_int64(st, 4, k->updated_at);
	return sq_exec_stmt(sq(c), st, "kv put", err);
}

static void read_kv(sqlite3_stmt *st, struct kv_rec *k, bool copy)
{
	memset(k, 0, sizeof *k);
	sq_col_text(st, 0, k->scope, sizeof k->scope);
	sq_col_text(st, 1, k->key, sizeof k->key);
	k->value = copy ? dup_col(st, 2) : (char *)sqlite3_column_text(st, 2);
	k->updated_at = sqlite3_column_int64(st, 3);
}

enum mc_err sq_kv_get(struct store_conn *c, const char *scope, const char *key, struct kv_rec *out,
		      struct mc_error *err)
{
	int rc;
	PREP(sq(c), "SELECT scope, key, value, updated_at FROM kv WHERE scope = ? AND key = ?");

	sq_bind_text(st, 1, scope, false);
	sq_bind_text(st, 2, key, false);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_kv(st, out, true);
		sqlite3_reset(st);
		return out->value ? MC_OK : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return mc_fail(err, MC_ENOTFOUND, NULL, "Không tìm thấy dữ liệu", "Not found");
	return sq_fail(sq(c), rc, "kv get", err);
}

enum mc_err sq_kv_delete(struct store_conn *c, const char *scope, const char *key, struct mc_error *err)
{
	PREP(sq(c), "DELETE FROM kv WHERE scope = ? AND key = ?");
	sq_bind_text(st, 1, scope, false);
	sq_bind_text(st, 2, key, false);
	return sq_exec_stmt(sq(c), st, "kv delete", err);
}

enum mc_err sq_kv_list(struct store_conn *c, const char *scope, const char *prefix, store_kv_cb cb, void *ctx,
		       struct mc_error *err)
{
	struct kv_rec k;
	int rc, stop = 0;
	PREP(sq(c), "SELECT scope, key, value, updated_at FROM kv WHERE scope = ?1"
		    " AND substr(key, 1, length(?2)) = ?2 ORDER BY key");

	sq_bind_text(st, 1, scope, false);
	sq_bind_text(st, 2, prefix ? prefix : "", false);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_kv(st, &k, false);
		stop = cb(ctx, &k);
	}
	sqlite3_reset(st);
	if (stop)
		return (enum mc_err)stop;
	return rc == SQLITE_DONE ? MC_OK : sq_fail(sq(c), rc, "kv list", err);
}

enum mc_err sq_outbox_insert(struct store_conn *c, struct outbox_rec *m, struct mc_error *err)
{
	enum mc_err rc;
	PREP(sq(c), "INSERT INTO outbox(channel, recipient, subject, body, kind, status, attempts, next_at, created_at)"
		    " VALUES(?, ?, ?, ?, ?, 'queued', 0, ?, ?)");

	sq_bind_text(st, 1, m->channel, false);
	sq_bind_text(st, 2, m->recipient, false);
	sq_bind_text(st, 3, m->subject, false);
	sq_bind_text(st, 4, m->body ? m->body : "", false);
	sq_bind_text(st, 5, m->kind, false);
	sqlite3_bind_int64(st, 6, m->next_at);
	sqlite3_bind_int64(st, 7, m->created_at);
	rc = sq_exec_stmt(sq(c), st, "outbox insert", err);
	if (!rc)
		m->id = sqlite3_last_insert_rowid(sq(c)->db);
	return rc;
}

enum mc_err sq_outbox_claim(struct store_conn *c, int64_t now, int64_t lease_until, struct outbox_rec *out,
			    struct mc_error *err)
{
	int rc;
	/* One statement: SQLite runs it under the write lock, so two
	 * processes never claim the same row. */
	PREP(sq(c), "UPDATE outbox SET status = 'sending', attempts = attempts + 1, next_at = ?2"
		    " WHERE id = (SELECT id FROM outbox WHERE status IN ('queued','sending') AND next_at <= ?1"
		    "             ORDER BY next_at, id LIMIT 1)"
		    " RETURNING id, channel, recipient, subject, body, kind, status, attempts, next_at, created_at,"
		    "           sent_at, last_error");

	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, lease_until);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		memset(out, 0, sizeof *out);
		out->id = sqlite3_column_int64(st, 0);
		sq_col_text(st, 1, out->channel, sizeof out->channel);
		sq_col_text(st, 2, out->recipient, sizeof out->recipient);
		sq_col_text(st, 3, out->subject, sizeof out->subject);
		out->body = dup_col(st, 4);
		sq_col_text(st, 5, out->kind, sizeof out->kind);
		sq_col_text(st, 6, out->status, sizeof out->status);
		out->attempts = sqlite3_column_int(st, 7);
		out->next_at = sqlite3_column_int64(st, 8);
		out->created_at = sqlite3_column_int64(st, 9);
		out->sent_at = sqlite3_column_int64(st, 10);
		sq_col_text(st, 11, out->last_error, sizeof out->last_error);
		sqlite3_step(st); /* finish the statement so the write completes */
		sqlite3_reset(st);
		return out->body ? MC_OK : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return mc_fail(err, MC_ENOTFOUND, NULL, "Không có thông báo nào đến hạn gửi", "No message is due");
	return sq_fail(sq(c), rc, "outbox claim", err);
}

enum mc_err sq_outbox_finish(struct store_conn *c, int64_t id, const char *status, int64_t next_at, int64_t sent_at,
			     const char *last_error, struct mc_error *err)
{
	PREP(sq(c), "UPDATE outbox SET status = ?, next_at = ?, sent_at = ?, last_error = ? WHERE id = ?");
	sq_bind_text(st, 1, status, false);
	sqlite3_bind_int64(st, 2, next_at);
	sqlite3_bind_int64(st, 3, sent_at);
	sq_bind_text(st, 4, last_error ? last_error : "", false);
	sqlite3_bind_int64(st, 5, id);
	return sq_exec_stmt(sq(c), st, "outbox finish", err);
}

#define ATT_COLS "id, owner, document_index, purpose, sha256, content_type, size, filename, uploaded_by, created_at"

static void read_att(sqlite3_stmt *st, struct attachment_rec *a)
{
	memset(a, 0, sizeof *a);
	a->id = sqlite3_column_int64(st, 0);
	sq_col_text(st, 1, a->owner, sizeof a->owner);
	a->document_index = sqlite3_column_int(st, 2);
	sq_col_text(st, 3, a->purpose, sizeof a->purpose);
	sq_col_text(st, 4, a->sha256, sizeof a->sha256);
	sq_col_text(st, 5, a->content_type, sizeof a->content_type);
	a->size = sqlite3_column_int64(st, 6);
	sq_col_text(st, 7, a->filename, sizeof a->filename);
	a->uploaded_by = sqlite3_column_int64(st, 8);
	a->created_at = sqlite3_column_int64(st, 9);
}

enum mc_err sq_attachment_insert(struct store_conn *c, struct attachment_rec *a, struct mc_error *err)
{
	enum mc_err rc;
	PREP(sq(c), "INSERT INTO attachments(owner, document_index, purpose, sha256, content_type, size, filename,"
		    " uploaded_by, created_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");

	sq_bind_text(st, 1, a->owner, false);
	sqlite3_bind_int(st, 2, a->document_index);
	sq_bind_text(st, 3, a->purpose, false);
	sq_bind_text(st, 4, a->sha256, false);
	sq_bind_text(st, 5, a->content_type, false);
	sqlite3_bind_int64(st, 6, a->size);
	sq_bind_text(st, 7, a->filename, false);
	sqlite3_bind_int64(st, 8, a->uploaded_by);
	sqlite3_bind_int64(st, 9, a->created_at);
	rc = sq_exec_stmt(sq(c), st, "attachment insert", err);
	if (!rc)
		a->id = sqlite3_last_insert_rowid(sq(c)->db);
	return rc;
}

enum mc_err sq_attachment_get(struct store_conn *c, int64_t id, struct attachment_rec *out, struct mc_error *err)
{
	int rc;
	PREP(sq(c), "SELECT " ATT_COLS " FROM attachments WHERE id = ?");

	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_att(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return MC_OK;
	if (rc == SQLITE_DONE)
		return mc_fail(err, MC_ENOTFOUND, "attachment", "Không tìm thấy tệp đính kèm", "Attachment not found");
	return sq_fail(sq(c), rc, "attachment get", err);
}

enum mc_err sq_attachment_list(struct store_conn *c, const char *owner, store_attachment_cb cb, void *ctx,
			       struct mc_error *err)
{
	struct attachment_rec a;
	int rc, stop = 0;
	PREP(sq(c), "SELECT " ATT_COLS " FROM attachments WHERE owner = ? ORDER BY id");

	sq_bind_text(st, 1, owner, false);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_att(st, &a);
		stop = cb(ctx, &a);
	}
	sqlite3_reset(st);
	if (stop)
		return (enum mc_err)stop;
	return rc == SQLITE_DONE ? MC_OK : sq_fail(sq(c), rc, "attachment list", err);
}

enum mc_err sq_attachment_move(struct store_conn *c, const char *from, const char *to, struct mc_error *err)
{
	PREP(sq(c), "UPDATE attachments SET owner = ? WHERE owner = ?");
	sq_bind_text(st, 1, to, false);
	sq_bind_text(st, 2, from, false);
	return sq_exec_stmt(sq(c), st, "attachment move", err);
}
