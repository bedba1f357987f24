/*
 * pg_audit.c - the append-only audit trail on PostgreSQL.  The detail is
 * kept as TEXT, not jsonb, so it reads back byte for byte as written (jsonb
 * would reorder keys and respace it).
 */
#include "store/pg/pg_int.h"

#include <string.h>

static const struct pg_stmt st_append = {
	"audit_append", "INSERT INTO audit_log(at, actor_id, unit_id, action, object_type, object_id, detail)"
			" VALUES($1, $2, $3, $4, $5, $6, $7)"};
/* as on SQLite: the unit filter is a prefix of the unit's path, newest first */
static const struct pg_stmt st_list = {
	"audit_list", "SELECT a.id, a.at, a.actor_id, a.unit_id, a.action, a.object_type, a.object_id, a.detail"
		      " FROM audit_log a LEFT JOIN units u ON u.id = a.unit_id"
		      " WHERE ($1::text IS NULL OR a.object_type = $1) AND ($2::text IS NULL OR a.object_id = $2)"
		      " AND ($3::text IS NULL OR substr(u.path, 1, length($3)) = $3 OR ($4::bigint = 1 AND a.unit_id = 0))"
		      " AND ($5::bigint = 0 OR a.at >= $5) AND ($6::bigint = 0 OR a.at < $6)"
		      " AND ($7::bigint = 0 OR a.id < $7) ORDER BY a.id DESC LIMIT $8::bigint"};

enum mc_err pg_audit_append(struct store_conn *c, const struct audit_rec *a, struct mc_error *err)
{
	struct pg_params p = {0};

	pg_p_i64(&p, a->at);
	pg_p_i64(&p, a->actor_id);
	pg_p_i64(&p, a->unit_id);
	pg_p_text(&p, a->action, false);
	pg_p_text(&p, a->object_type, false);
	pg_p_text(&p, a->object_id, false);
	pg_p_text(&p, a->detail_json, true);
	return pg_run(pgc(c), &st_append, &p, NULL, err);
}

enum mc_err pg_audit_list(struct store_conn *c, const struct audit_filter *f, store_audit_cb cb, void *ctx,
			  struct mc_error *err)
{
	struct pg_params p = {0};
	struct audit_rec a;
	PGresult *res;
	enum mc_err rc;
	int stop = 0;

	pg_p_text(&p, f->object_type, true);
	pg_p_text(&p, f->object_id, true);
	pg_p_text(&p, f->unit_path, true);
	pg_p_i64(&p, f->with_unitless ? 1 : 0);
	pg_p_i64(&p, f->from);
	pg_p_i64(&p, f->to);
	pg_p_i64(&p, f->before_id);
	pg_p_i64(&p, f->limit > 0 ? f->limit : 100);
	if ((rc = pg_run(pgc(c), &st_list, &p, &res, err)))
		return rc;
	for (int r = 0; r < PQntuples(res) && !stop; r++) {
		memset(&a, 0, sizeof a);
		a.id = pg_col_i64(res, r, 0);
		a.at = pg_col_i64(res, r, 1);
		a.actor_id = pg_col_i64(res, r, 2);
		a.unit_id = pg_col_i64(res, r, 3);
		pg_col_text(res, r, 4, a.action, sizeof a.action);
		pg_col_text(res, r, 5, a.object_type, sizeof a.object_type);
		pg_col_text(res, r, 6, a.object_id, sizeof a.object_id);
		/* Borrowed from res: valid during the callback only, as on SQLite. */
		a.detail_json = PQgetisnull(res, r, 7) ? NULL : PQgetvalue(res, r, 7);
		stop = cb(ctx, &a);
	}
	PQclear(res);
	return (enum mc_err)stop;
}
