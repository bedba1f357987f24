/*
 * pg_online.c - store version 5 on PostgreSQL: small JSON documents (kv),
 * the notification outbox and attachment metadata; same semantics as
 * sqlite_online.c.  Strings returned through kv_rec.value and
 * outbox_rec.body are malloc'd copies the caller frees.
 */
#include "store/pg/pg_int.h"

#include <stdlib.h>
#include <string.h>

static const struct pg_stmt st_kv_put = {
	"kv_put", "INSERT INTO kv(scope, key, value, updated_at) VALUES($1, $2, $3, $4)"
		  " ON CONFLICT (scope, key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at"};
static const struct pg_stmt st_kv_get = {"kv_get",
					 "SELECT scope, key, value, updated_at FROM kv WHERE scope = $1 AND key = $2"};
static const struct pg_stmt st_kv_delete = {"kv_delete", "DELETE FROM kv WHERE scope = $1 AND key = $2"};
static const struct pg_stmt st_kv_list = {
	"kv_list", "SELECT scope, key, value, updated_at FROM kv WHERE scope = $1"
		   " AND left(key, length($2)) = $2 ORDER BY key"};
static const struct pg_stmt st_outbox_insert = {
	"outbox_insert",
	"INSERT INTO outbox(channel, recipient, subject, body, kind, status, attempts, next_at, created_at)"
	" VALUES($1, $2, $3, $4, $5, 'queued', 0, $6, $7) RETURNING id"};
/* SKIP LOCKED: several instances poll at once; each takes a different row. */
static const struct pg_stmt st_outbox_claim = {
	"outbox_claim",
	"UPDATE outbox SET status = 'sending', attempts = attempts + 1, next_at = $2"
	" WHERE id = (SELECT id FROM outbox WHERE status IN ('queued','sending') AND next_at <= $1"
	"             ORDER BY next_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)"
	" RETURNING id, channel, recipient, subject, body, kind, status, attempts, next_at, created_at,"
	"           sent_at, last_error"};
static const struct pg_stmt st_outbox_finish = {
	"outbox_finish", "UPDATE outbox SET status = $1, next_at = $2, sent_at = $3, last_error = $4 WHERE id = $5"};
#define ATT_COLS "id, owner, document_index, purpose, sha256, content_type, size, filename, uploaded_by, created_at"
static const struct pg_stmt st_att_insert = {
	"attachment_insert",
	"INSERT INTO attachments(owner, document_index, purpose, sha256, content_type, size, filename,"
	" uploaded_by, created_at) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id"};
static const struct pg_stmt st_att_get = {"attachment_get", "SELECT " ATT_COLS " FROM attachments WHERE id = $1"};
static const struct pg_stmt st_att_list = {"attachment_list",
					   "SELECT " ATT_COLS " FROM attachments WHERE owner = $1 ORDER BY id"};
static const struct pg_stmt st_att_move = {"attachment_move", "UPDATE attachments SET owner = $1 WHERE owner = $2"};

static char *dup_col(const PGresult *res, int r, int i)
{
	return strdup(PQgetisnull(res, r, i) ? "" : PQgetvalue(res, r, i));
}

enum mc_err pg_kv_put(struct store_conn *c, const struct kv_rec *k, struct mc_error *err)
{
	struct pg_params p = {0};

	pg_p_text(&p, k->scope, false);
	pg_p_text(&p, k->key, false);
	pg_p_text(&p, k->value ? k->value : "{}", false);
	pg_p_i64(&p, k->updated_at);
	return pg_run(pgc(c), &st_kv_put, &p, NULL, err);
}

static void read_kv(const PGresult *res, int r, struct kv_rec *k, bool copy)
{
	memset(k, 0, sizeof *k);
	pg_col_text(res, r, 0, k->scope, sizeof k->scope);
	pg_col_text(res, r, 1, k->key, sizeof k->key);
	k->value = copy ? dup_col(res, r, 2) : PQgetvalue(res, r, 2);
	k->updated_at = pg_col_i64(res, r, 3);
}

enum mc_err pg_kv_get(struct store_conn *c, const char *scope, const char *key, struct kv_rec *out,
		      struct mc_error *err)
{
	struct pg_params p = {0};
	PGresult *res;
	enum mc_err rc;

	pg_p_text(&p, scope, false);
	pg_p_text(&p, key, false);
	if ((rc = pg_run(pgc(c), &st_kv_get, &p, &res, err)))
		return rc;
	if (PQntuples(res) == 0) {
		rc = mc_fail(err, MC_ENOTFOUND, NULL, "Không tìm thấy dữ liệu", "Not found");
	} else {
		read_kv(res, 0, out, true);
		if (!out->value)
			rc = mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	}
	PQclear(res);
	return rc;
}

enum mc_err pg_kv_delete(struct store_conn *c, const char *scope, const char *key, struct mc_error *err)
{
	struct pg_params p = {0};

	pg_p_text(&p, scope, false);
	pg_p_text(&p, key, false);
	return pg_run(pgc(c), &st_kv_delete, &p, NULL, err);
}

enum mc_err pg_kv_list(struct store_conn *c, const char *scope, const char *prefix, store_kv_cb cb, void *ctx,
		       struct mc_error *err)
{
	struct pg_params p = {0};
	PGresult *res;
	struct kv_rec k;
	enum mc_err rc;
	int stop = 0;

	pg_p_text(&p, scope, false);
	pg_p_text(&p, prefix ? prefix : "", false);
	if ((rc = pg_run(pgc(c), &st_kv_list, &p, &res, err)))
		return rc;
	for (int r = 0; r < PQntuples(res) && !stop; r++) {
		read_kv(res, r, &k, false);
		stop = cb(ctx, &k);
	}
	PQclear(res);
	return (enum mc_err)stop;
}

enum mc_err pg_outbox_insert(struct store_conn *c, struct outbox_rec *m, struct mc_error *err)
{
	struct pg_params p = {0};
	PGresult *res;
	enum mc_err rc;

	pg_p_text(&p, m->channel, false);
	pg_p_text(&p, m->recipient, false);
	pg_p_text(&p, m->subject, false);
	pg_p_text(&p, m->body ? m->body : "", false);
	pg_p_text(&p, m->kind, false);
	pg_p_i64(&p, m->next_at);
	pg_p_i64(&p, m->created_at);
	if ((rc = pg_run(pgc(c), &st_outbox_insert, &p, &res, err)))
		return rc;
	m->id = pg_col_i64(res, 0, 0);
	PQclear(res);
	return MC_OK;
}

enum mc_err pg_outbox_claim(struct store_conn *c, int64_t now, int64_t lease_until, struct outbox_rec *out,
			    struct mc_error *err)
{
	struct pg_params p = {0};
	PGresult *res;
	enum mc_err rc;

	pg_p_i64(&p, now);
	pg_p_i64(&p, lease_until);
	if ((rc = pg_run(pgc(c), &st_outbox_claim, &p, &res, err)))
		return rc;
	if (PQntuples(res) == 0) {
		PQclear(res);
		return mc_fail(err, MC_ENOTFOUND, NULL, "Không có thông báo nào đến hạn gửi", "No message is due");
	}
	memset(out, 0, sizeof *out);
	out->id = pg_col_i64(res, 0, 0);
	pg_col_text(res, 0, 1, out->channel, sizeof out->channel);
	pg_col_text(res, 0, 2, out->recipient, sizeof out->recipient);
	pg_col_text(res, 0, 3, out->subject, sizeof out->subject);
	out->body = dup_col(res, 0, 4);
	pg_col_text(res, 0, 5, out->kind, sizeof out->kind);
	pg_col_text(res, 0, 6, out->status, sizeof out->status);
	out->attempts = (int)pg_col_i64(res, 0, 7);
	out->next_at = pg_col_i64(res, 0, 8);
	out->created_at = pg_col_i64(res, 0, 9);
	out->sent_at = pg_col_i64(res, 0, 10);
	pg_col_text(res, 0, 11, out->last_error, sizeof out->last_error);
	PQclear(res);
	return out->body ? MC_OK : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
}

enum mc_err pg_outbox_finish(struct store_conn *c, int64_t id, const char *status, int64_t next_at, int64_t sent_at,
			     const char *last_error, struct mc_error *err)
{
	struct pg_params p = {0};

	pg_p_text(&p, status, false);
	pg_p_i64(&p, next_at);
	pg_p_i64(&p, sent_at);
	pg_p_text(&p, last_error ? last_error : "", false);
	pg_p_i64(&p, id);
	return pg_run(pgc(c), &st_outbox_finish, &p, NULL, err);
}

static void read_att(const PGresult *res, int r, struct attachment_rec *a)
{
	memset(a, 0, sizeof *a);
	a->id = pg_col_i64(res, r, 0);
	pg_col_text(res, r, 1, a->owner, sizeof a->owner);
	a->document_index = (int)pg_col_i64(res, r, 2);
	pg_col_text(res, r, 3, a->purpose, sizeof a->purpose);
	pg_col_text(res, r, 4, a->sha256, sizeof a->sha256);
	pg_col_text(res, r, 5, a->content_type, sizeof a->content_type);
	a->size = pg_col_i64(res, r, 6);
	pg_col_text(res, r, 7, a->filename, sizeof a->filename);
	a->uploaded_by = pg_col_i64(res, r, 8);
	a->created_at = pg_col_i64(res, r, 9);
}

enum mc_err pg_attachment_insert(struct store_conn *c, struct attachment_rec *a, struct mc_error *err)
{
	struct pg_params p = {0};
	PGresult *res;
	enum mc_err rc;

	pg_p_text(&p, a->owner, false);
	pg_p_i64(&p, a->document_index);
	pg_p_text(&p, a->purpose, false);
	pg_p_text(&p, a->sha256, false);
	pg_p_text(&p, a->content_type, false);
	pg_p_i64(&p, a->size);
	pg_p_text(&p, a->filename, false);
	pg_p_i64(&p, a->uploaded_by);
	pg_p_i64(&p, a->created_at);
	if ((rc = pg_run(pgc(c), &st_att_insert, &p, &res, err)))
		return rc;
	a->id = pg_col_i64(res, 0, 0);
	PQclear(res);
	return MC_OK;
}

enum mc_err pg_attachment_get(struct store_conn *c, int64_t id, struct attachment_rec *out, struct mc_error *err)
{
	struct pg_params p = {0};
	PGresult *res;
	enum mc_err rc;

	pg_p_i64(&p, id);
	if ((rc = pg_run(pgc(c), &st_att_get, &p, &res, err)))
		return rc;
	if (PQntuples(res) == 0)
		rc = mc_fail(err, MC_ENOTFOUND, "attachment", "Không tìm thấy tệp đính kèm", "Attachment not found");
	else
		read_att(res, 0, out);
	PQclear(res);
	return rc;
}

enum mc_err pg_attachment_list(struct store_conn *c, const char *owner, store_attachment_cb cb, void *ctx,
			       struct mc_error *err)
{
	struct pg_params p = {0};
	struct attachment_rec a;
	PGresult *res;
	enum mc_err rc;
	int stop = 0;

	pg_p_text(&p, owner, false);
	if ((rc = pg_run(pgc(c), &st_att_list, &p, &res, err)))
		return rc;
	for (int r = 0; r < PQntuples(res) && !stop; r++) {
		read_att(res, r, &a);
		stop = cb(ctx, &a);
	}
	PQclear(res);
	return (enum mc_err)stop;
}

enum mc_err pg_attachment_move(struct store_conn *c, const char *from, const char *to, struct mc_error *err)
{
	struct pg_params p = {0};

	pg_p_text(&p, to, false);
	pg_p_text(&p, from, false);
	return pg_run(pgc(c), &st_att_move, &p, NULL, err);
}
