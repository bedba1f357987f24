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

enum mc_err sq_audit_list(struct store_conn *c, const char *object_type, const char *object_id, int limit,
			  store_audit_cb cb, void *ctx, struct mc_error *err)
{
	sqlite3_stmt *st = sq_prepare(sq(c), "SELECT id, at, actor_id, unit_id, action, object_type, object_id,"
					     " detail FROM audit_log WHERE (?1 IS NULL OR object_type=?1) AND"
					     " (?2 IS NULL OR object_id=?2) ORDER BY id DESC LIMIT ?3", err);
	struct audit_rec a;
	int rc, stop = 0;

	if (!st)
		return err ? err->code : MC_ESTORE;
	sq_bind_text(st, 1, object_type, true);
	sq_bind_text(st, 2, object_id, true);
	sqlite3_bind_int(st, 3, limit > 0 ? limit : 100);
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
