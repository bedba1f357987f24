/*
 * sqlite_calendar.c - overrides of the working calendar on SQLite.
 */
#include "store/sqlite/sqlite_int.h"

#include <string.h>

#define PREP(q, sql)                                                    \
	sqlite3_stmt *st = sq_prepare((q), (sql), err);                 \
	if (!st)                                                        \
		return err ? err->code : MC_ESTORE

enum mc_err sq_override_put(struct store_conn *c, const struct calendar_override_rec *o, int64_t actor_id, int64_t now,
			    struct mc_error *err)
{
	PREP(sq(c), "INSERT INTO calendar_overrides(unit_id, day, kind, reason_vi, reason_en, source, updated_at, updated_by)"
		    " VALUES(?,?,?,?,?,?,?,?) ON CONFLICT(unit_id, day) DO UPDATE SET kind=excluded.kind,"
		    " reason_vi=excluded.reason_vi, reason_en=excluded.reason_en, source=excluded.source,"
		    " updated_at=excluded.updated_at, updated_by=excluded.updated_by");
	sqlite3_bind_int64(st, 1, o->unit_id);
	sqlite3_bind_int(st, 2, o->day);
	sq_bind_text(st, 3, o->kind, false);
	sq_bind_text(st, 4, o->reason_vi, false);
	sq_bind_text(st, 5, o->reason_en, false);
	sq_bind_text(st, 6, o->source, false);
	sqlite3_bind_int64(st, 7, now);
	sqlite3_bind_int64(st, 8, actor_id);
	return sq_exec_stmt(sq(c), st, "override put", err);
}

enum mc_err sq_override_delete(struct store_conn *c, int64_t unit_id, int32_t day, struct mc_error *err)
{
	enum mc_err rc;
	PREP(sq(c), "DELETE FROM calendar_overrides WHERE unit_id=? AND day=?");

	sqlite3_bind_int64(st, 1, unit_id);
	sqlite3_bind_int(st, 2, day);
	rc = sq_exec_stmt(sq(c), st, "override delete", err);
	if (!rc && sqlite3_changes(sq(c)->db) == 0)
		return mc_fail(err, MC_ENOTFOUND, "date", "Không có thay đổi lịch nào vào ngày này",
			       "No calendar change on that date");
	return rc;
}

static enum mc_err list_rows(struct sq_conn *q, sqlite3_stmt *st, store_override_cb cb, void *ctx,
			     struct mc_error *err)
{
	struct calendar_override_rec o;
	int rc, stop = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&o, 0, sizeof o);
		o.unit_id = sqlite3_column_int64(st, 0);
		sq_col_text(st, 1, o.unit_code, sizeof o.unit_code);
		o.day = sqlite3_column_int(st, 2);
		sq_col_text(st, 3, o.kind, sizeof o.kind);
		sq_col_text(st, 4, o.reason_vi, sizeof o.reason_vi);
		sq_col_text(st, 5, o.reason_en, sizeof o.reason_en);
		sq_col_text(st, 6, o.source, sizeof o.source);
		if ((stop = cb(ctx, &o)))
			break;
	}
	sqlite3_reset(st);
	if (stop)
		return (enum mc_err)stop;
	return rc == SQLITE_DONE ? MC_OK : sq_fail(q, rc, "override list", err);
}

enum mc_err sq_override_list(struct store_conn *c, const char *unit_path, int32_t day_from, int32_t day_to,
			     store_override_cb cb, void *ctx, struct mc_error *err)
{
	/* an ancestor's id appears in the path as "/id/" */
	PREP(sq(c), "SELECT o.unit_id, COALESCE(u.code,''), o.day, o.kind, o.reason_vi, o.reason_en, o.source"
		    " FROM calendar_overrides o LEFT JOIN units u ON u.id = o.unit_id"
		    " WHERE (o.unit_id = 0 OR (?1 IS NOT NULL AND instr(?1, '/' || o.unit_id || '/') > 0))"
		    " AND o.day BETWEEN ?2 AND ?3"
		    " ORDER BY COALESCE(length(u.path), 0), o.day");
	sq_bind_text(st, 1, unit_path, true);
	sqlite3_bind_int(st, 2, day_from);
	sqlite3_bind_int(st, 3, day_to);
	return list_rows(sq(c), st, cb, ctx, err);
}

enum mc_err sq_override_list_own(struct store_conn *c, int64_t unit_id, int32_t day_from, int32_t day_to,
				 store_override_cb cb, void *ctx, struct mc_error *err)
{
	PREP(sq(c), "SELECT o.unit_id, COALESCE(u.code,''), o.day, o.kind, o.reason_vi, o.reason_en, o.source"
		    " FROM calendar_overrides o LEFT JOIN units u ON u.id = o.unit_id"
		    " WHERE o.unit_id = ?1 AND o.day BETWEEN ?2 AND ?3 ORDER BY o.day");
	sqlite3_bind_int64(st, 1, unit_id);
	sqlite3_bind_int(st, 2, day_from);
	sqlite3_bind_int(st, 3, day_to);
	return list_rows(sq(c), st, cb, ctx, err);
}
