/*
 * sqlite_audit.c - the append-only audit trail on SQLite.
 */
#include "store/sqlite/sqlite_int.h"

#include <string.h>

enum mc_err sq_audit_append(struct store_conn *c, const struct audit_rec *a, struct mc_error *err)
{
	sqlite3_stmt *st = sq_prepare(sq(c), "INSERT INTO audit_log(at, actor_id, unit_id, action, object_type,"
					     " object_id, detail) VALUES(?,?,?,?,?,?,?)", err);

	if (!st)
		return err ? err->code : MC_ESTORE;
	sqlite3_bind_int64(st, 1, a->at);
	sqlite3_bind_int64(st, 2, a->actor_id);
	sqlite3_bind_int64(st, 3, a->unit_id);
	sq_bind_text(st, 4, a->action, false);
	sq_bind_text(st, 5, a->object_type, false);
	sq_bind_text(st, 6, a->object_id, false);
	sq_bind_text(st, 7, a->detail_json, true);
	return sq_exec_stmt(sq(c), st, "audit append", err);
}

/* The unit filter is a prefix of the unit's path ("/1/2/" and below); the
 * newest first by id, so paging on before_id is stable while rows are added. */
enum mc_err sq_audit_list(struct store_conn *c, const struct audit_filter *f, store_audit_cb cb, void *ctx,
			  struct mc_error *err)
{
	sqlite3_stmt *st = sq_prepare(sq(c), "SELECT a.id, a.at, a.actor_id, a.unit_id, a.action, a.object_type,"
					     " a.object_id, a.detail FROM audit_log a LEFT JOIN units u ON u.id = a.unit_id"
					     " WHERE (?1 IS NULL OR a.object_type=?1) AND (?2 IS NULL OR a.object_id=?2)"
					     " AND (?3 IS NULL OR substr(u.path, 1, length(?3)) = ?3 OR (?4 AND a.unit_id = 0))"
					     " AND (?5 = 0 OR a.at >= ?5) AND (?6 = 0 OR a.at < ?6) AND (?7 = 0 OR a.id < ?7)"
					     " ORDER BY a.id DESC LIMIT ?8", err);
	struct audit_rec a;
	int rc, stop = 0;

	if (!st)
		return err ? err->code : MC_ESTORE;
	sq_bind_text(st, 1, f->object_type, true);
	sq_bind_text(st, 2, f->object_id, true);
	sq_bind_text(st, 3, f->unit_path, true);
	sqlite3_bind_int(st, 4, f->with_unitless);
	sqlite3_bind_int64(st, 5, f->from);
	sqlite3_bind_int64(st, 6, f->to);
	sqlite3_bind_int64(st, 7, f->before_id);
	sqlite3_bind_int(st, 8, f->limit > 0 ? f->limit : 100);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&a, 0, sizeof a);
		a.id = sqlite3_column_int64(st, 0);
		a.at = sqlite3_column_int64(st, 1);
		a.actor_id = sqlite3_column_int64(st, 2);
		a.unit_id = sqlite3_column_int64(st, 3);
		sq_col_text(st, 4, a.action, sizeof a.action);
		sq_col_text(st, 5, a.object_type, sizeof a.object_type);
		sq_col_text(st, 6, a.object_id, sizeof a.object_id);
		a.detail_json = (const char *)sqlite3_column_text(st, 7); /* valid during cb only */
		stop = cb(ctx, &a);
		if (stop)
			break;
	}
	sqlite3_reset(st);
	if (stop)
		return (enum mc_err)stop;
	return rc == SQLITE_DONE ? MC_OK : sq_fail(sq(c), rc, "audit list", err);
}
