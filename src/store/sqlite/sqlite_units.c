/*
 * sqlite_units.c - the unit tree on SQLite.  Each unit keeps the path of its
 * ancestors' ids ("/1/2/7/"), so "is X inside Y" is a prefix test and a
 * subtree is one indexed range scan.
 */
#include "store/sqlite/sqlite_int.h"

#include <stdio.h>
#include <string.h>

#define UNIT_COLS "id, COALESCE(parent_id,0), code, agency_code, name, name_en, kind, path," \
		  " utc_offset_min, tz, address, phone, active"

static void read_unit(sqlite3_stmt *st, struct unit_rec *u)
{
	memset(u, 0, sizeof *u);
	u->id = sqlite3_column_int64(st, 0);
	u->parent_id = sqlite3_column_int64(st, 1);
	sq_col_text(st, 2, u->code, sizeof u->code);
	sq_col_text(st, 3, u->agency_code, sizeof u->agency_code);
	sq_col_text(st, 4, u->name, sizeof u->name);
	sq_col_text(st, 5, u->name_en, sizeof u->name_en);
	sq_col_text(st, 6, u->kind, sizeof u->kind);
	sq_col_text(st, 7, u->path, sizeof u->path);
	u->utc_offset_min = sqlite3_column_int(st, 8);
	sq_col_text(st, 9, u->tz, sizeof u->tz);
	sq_col_text(st, 10, u->address, sizeof u->address);
	sq_col_text(st, 11, u->phone, sizeof u->phone);
	u->active = sqlite3_column_int(st, 12) != 0;
}

enum mc_err sq_unit_insert(struct store_conn *c, struct unit_rec *u, struct mc_error *err)
{
	struct sq_conn *q = sq(c);
	struct unit_rec parent;
	sqlite3_stmt *st;
	enum mc_err rc;
	char path[sizeof u->path];
	int n;

	if (u->parent_id) {
		rc = sq_unit_get(c, u->parent_id, &parent, err);
		if (rc)
			return rc;
	}
	st = sq_prepare(q, "INSERT INTO units(parent_id, code, agency_code, name, name_en, kind,"
			   " utc_offset_min, tz, address, phone, active) VALUES(?,?,?,?,?,?,?,?,?,?,?)", err);
	if (!st)
		return err ? err->code : MC_ESTORE;
	if (u->parent_id)
		sqlite3_bind_int64(st, 1, u->parent_id);
	else
		sqlite3_bind_null(st, 1);
	sq_bind_text(st, 2, u->code, false);
	sq_bind_text(st, 3, u->agency_code, false);
	sq_bind_text(st, 4, u->name, false);
	sq_bind_text(st, 5, u->name_en, false);
	sq_bind_text(st, 6, u->kind, false);
	sqlite3_bind_int(st, 7, u->utc_offset_min);
	sq_bind_text(st, 8, u->tz[0] ? u->tz : "Asia/Ho_Chi_Minh", false);
	sq_bind_text(st, 9, u->address, false);
	sq_bind_text(st, 10, u->phone, false);
	sqlite3_bind_int(st, 11, u->active);
	rc = sq_exec_stmt(q, st, "unit insert", err);
	if (rc)
		return rc;
	u->id = sqlite3_last_insert_rowid(q->db);
	n = snprintf(path, sizeof path, "%s%lld/", u->parent_id ? parent.path : "/", (long long)u->id);
	if (n < 0 || (size_t)n >= sizeof path)
		return mc_fail(err, MC_EINVAL, "parent", "Cây đơn vị quá sâu", "The unit tree is too deep");
	st = sq_prepare(q, "UPDATE units SET path=? WHERE id=?", err);
	if (!st)
		return err ? err->code : MC_ESTORE;
	sq_bind_text(st, 1, path, false);
	sqlite3_bind_int64(st, 2, u->id);
	rc = sq_exec_stmt(q, st, "unit path", err);
	if (!rc)
		memcpy(u->path, path, sizeof path);
	return rc;
}

static enum mc_err get_one(struct sq_conn *q, sqlite3_stmt *st, struct unit_rec *out, struct mc_error *err)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		read_unit(st, out);
		sqlite3_reset(st);
		return MC_OK;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return mc_fail(err, MC_ENOTFOUND, "unit", "Không tìm thấy đơn vị", "Unit not found");
	return sq_fail(q, rc, "unit get", err);
}

enum mc_err sq_unit_get(struct store_conn *c, int64_t id, struct unit_rec *out, struct mc_error *err)
{
	sqlite3_stmt *st = sq_prepare(sq(c), "SELECT " UNIT_COLS " FROM units WHERE id=?", err);

	if (!st)
		return err ? err->code : MC_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	return get_one(sq(c), st, out, err);
}

enum mc_err sq_unit_get_by_code(struct store_conn *c, const char *code, struct unit_rec *out,
				struct mc_error *err)
{
	sqlite3_stmt *st = sq_prepare(sq(c), "SELECT " UNIT_COLS " FROM units WHERE code=?", err);

	if (!st)
		return err ? err->code : MC_ESTORE;
	sq_bind_text(st, 1, code, false);
	return get_one(sq(c), st, out, err);
}

enum mc_err sq_unit_list(struct store_conn *c, store_unit_cb cb, void *ctx, struct mc_error *err)
{
	sqlite3_stmt *st = sq_prepare(sq(c), "SELECT " UNIT_COLS " FROM units ORDER BY path", err);
	struct unit_rec u;
	int rc, stop = 0;

	if (!st)
		return err ? err->code : MC_ESTORE;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_unit(st, &u);
		stop = cb(ctx, &u);
		if (stop)
			break;
	}
	sqlite3_reset(st);
	if (stop)
		return (enum mc_err)stop;
	if (rc != SQLITE_DONE)
		return sq_fail(sq(c), rc, "unit list", err);
	return MC_OK;
}

enum mc_err sq_unit_count(struct store_conn *c, int64_t *out, struct mc_error *err)
{
	sqlite3_stmt *st = sq_prepare(sq(c), "SELECT count(*) FROM units", err);
	int rc;

	if (!st)
		return err ? err->code : MC_ESTORE;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		return sq_fail(sq(c), rc, "unit count", err);
	*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return MC_OK;
}

enum mc_err sq_unit_update(struct store_conn *c, const struct unit_rec *u, struct mc_error *err)
{
	struct sq_conn *q = sq(c);
	sqlite3_stmt *st = sq_prepare(q, "UPDATE units SET agency_code=?, name=?, name_en=?, address=?, phone=?"
				      " WHERE id=?", err);
	enum mc_err rc;

	if (!st)
		return err ? err->code : MC_ESTORE;
	sq_bind_text(st, 1, u->agency_code, false);
	sq_bind_text(st, 2, u->name, false);
	sq_bind_text(st, 3, u->name_en, false);
	sq_bind_text(st, 4, u->address, false);
	sq_bind_text(st, 5, u->phone, false);
	sqlite3_bind_int64(st, 6, u->id);
	rc = sq_exec_stmt(q, st, "unit update", err);
	if (!rc && sqlite3_changes(q->db) == 0)
		return mc_fail(err, MC_ENOTFOUND, "unit", "Không tìm thấy đơn vị", "Unit not found");
	return rc;
}
