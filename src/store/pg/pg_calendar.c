/*
 * pg_calendar.c - overrides of the working calendar on PostgreSQL (the twin
 * of sqlite_calendar.c).  An ancestor's id appears in a unit's path as
 * "/id/", so "the overrides that apply to a unit" are the national ones and
 * those whose unit id is in its path; ordering them by the length of their
 * unit's path puts the nation first and then the ancestors root first, so a
 * later row wins for its day.
 */
#include "store/pg/pg_int.h"

#include <string.h>

#define OVERRIDE_COLS "o.unit_id, COALESCE(u.code, ''), o.day, o.kind, o.reason_vi, o.reason_en, o.source"

static const struct pg_stmt st_put = {
	"override_put", "INSERT INTO calendar_overrides(unit_id, day, kind, reason_vi, reason_en, source, updated_at,"
			" updated_by) VALUES($1, $2, $3, $4, $5, $6, $7, $8)"
			" ON CONFLICT (unit_id, day) DO UPDATE SET kind = EXCLUDED.kind,"
			" reason_vi = EXCLUDED.reason_vi, reason_en = EXCLUDED.reason_en, source = EXCLUDED.source,"
			" updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by"};
static const struct pg_stmt st_delete = {"override_delete",
					 "DELETE FROM calendar_overrides WHERE unit_id = $1 AND day = $2"};
static const struct pg_stmt st_list = {
	"override_list", "SELECT " OVERRIDE_COLS " FROM calendar_overrides o LEFT JOIN units u ON u.id = o.unit_id"
			 " WHERE (o.unit_id = 0 OR ($1::text IS NOT NULL AND strpos($1, '/' || o.unit_id || '/') > 0))"
			 " AND o.day BETWEEN $2 AND $3"
			 " ORDER BY COALESCE(length(u.path), 0), o.day"};
static const struct pg_stmt st_list_own = {
	"override_list_own", "SELECT " OVERRIDE_COLS " FROM calendar_overrides o LEFT JOIN units u ON u.id = o.unit_id"
			     " WHERE o.unit_id = $1 AND o.day BETWEEN $2 AND $3 ORDER BY o.day"};

enum mc_err pg_override_put(struct store_conn *c, const struct calendar_override_rec *o, int64_t actor_id,
			    int64_t now, struct mc_error *err)
{
	struct pg_params p = {0};

	pg_p_i64(&p, o->unit_id);
	pg_p_i64(&p, o->day);
	pg_p_text(&p, o->kind, false);
	pg_p_text(&p, o->reason_vi, false);
	pg_p_text(&p, o->reason_en, false);
	pg_p_text(&p, o->source, false);
	pg_p_i64(&p, now);
	pg_p_i64(&p, actor_id);
	return pg_run(pgc(c), &st_put, &p, NULL, err);
}

enum mc_err pg_override_delete(struct store_conn *c, int64_t unit_id, int32_t day, struct mc_error *err)
{
	struct pg_params p = {0};
	PGresult *res;
	enum mc_err rc;

	pg_p_i64(&p, unit_id);
	pg_p_i64(&p, day);
	if ((rc = pg_run(pgc(c), &st_delete, &p, &res, err)))
		return rc;
	if (pg_changes(res) == 0)
		rc = mc_fail(err, MC_ENOTFOUND, "date", "Không có thay đổi lịch nào vào ngày này",
			     "No calendar change on that date");
	PQclear(res);
	return rc;
}

static enum mc_err list_rows(struct pg_conn *q, const struct pg_stmt *s, const struct pg_params *p,
			     store_override_cb cb, void *ctx, struct mc_error *err)
{
	struct calendar_override_rec o;
	PGresult *res;
	enum mc_err rc;
	int stop = 0;

	if ((rc = pg_run(q, s, p, &res, err)))
		return rc;
	for (int r = 0; r < PQntuples(res) && !stop; r++) {
		memset(&o, 0, sizeof o);
		o.unit_id = pg_col_i64(res, r, 0);
		pg_col_text(res, r, 1, o.unit_code, sizeof o.unit_code);
		o.day = (int32_t)pg_col_i64(res, r, 2);
		pg_col_text(res, r, 3, o.kind, sizeof o.kind);
		pg_col_text(res, r, 4, o.reason_vi, sizeof o.reason_vi);
		pg_col_text(res, r, 5, o.reason_en, sizeof o.reason_en);
		pg_col_text(res, r, 6, o.source, sizeof o.source);
		stop = cb(ctx, &o);
	}
	PQclear(res);
	return (enum mc_err)stop;
}

enum mc_err pg_override_list(struct store_conn *c, const char *unit_path, int32_t day_from, int32_t day_to,
			     store_override_cb cb, void *ctx, struct mc_error *err)
{
	struct pg_params p = {0};

	pg_p_text(&p, unit_path, true);
	pg_p_i64(&p, day_from);
	pg_p_i64(&p, day_to);
	return list_rows(pgc(c), &st_list, &p, cb, ctx, err);
}

enum mc_err pg_override_list_own(struct store_conn *c, int64_t unit_id, int32_t day_from, int32_t day_to,
				 store_override_cb cb, void *ctx, struct mc_error *err)
{
	struct pg_params p = {0};

	pg_p_i64(&p, unit_id);
	pg_p_i64(&p, day_from);
	pg_p_i64(&p, day_to);
	return list_rows(pgc(c), &st_list_own, &p, cb, ctx, err);
}
