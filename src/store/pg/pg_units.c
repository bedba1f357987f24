/*
 * pg_units.c - the unit tree on PostgreSQL.  Each unit keeps the path of its
 * ancestors' ids ("/1/2/7/"), so "is X inside Y" is a prefix test and a
 * subtree is one range scan.  The path column uses the "C" collation so that
 * its order is byte order, as on SQLite, whatever the database's locale
 * (a linguistic collation ignores the slashes and would sort "/12/" between
 * "/1/2/" and its children).
 */
#include "store/pg/pg_int.h"

#include <stdio.h>
#include <string.h>

#define UNIT_COLS "id, COALESCE(parent_id, 0), code, agency_code, name, name_en, kind, path," \
		  " utc_offset_min, tz, address, phone, active"

static const struct pg_stmt st_next_id = {"unit_next_id", "SELECT nextval('units_id_seq')"};
static const struct pg_stmt st_insert = {
	"unit_insert", "INSERT INTO units(id, parent_id, code, agency_code, name, name_en, kind, path,"
		       " utc_offset_min, tz, address, phone, active)"
		       " VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"};
static const struct pg_stmt st_get = {"unit_get", "SELECT " UNIT_COLS " FROM units WHERE id = $1"};
static const struct pg_stmt st_get_by_code = {"unit_get_by_code", "SELECT " UNIT_COLS " FROM units WHERE code = $1"};
static const struct pg_stmt st_list = {"unit_list", "SELECT " UNIT_COLS " FROM units ORDER BY path"};
static const struct pg_stmt st_count = {"unit_count", "SELECT count(*) FROM units"};

static void read_unit(const PGresult *res, int r, struct unit_rec *u)
{
	memset(u, 0, sizeof *u);
	u->id = pg_col_i64(res, r, 0);
	u->parent_id = pg_col_i64(res, r, 1);
	pg_col_text(res, r, 2, u->code, sizeof u->code);
	pg_col_text(res, r, 3, u->agency_code, sizeof u->agency_code);
	pg_col_text(res, r, 4, u->name, sizeof u->name);
	pg_col_text(res, r, 5, u->name_en, sizeof u->name_en);
	pg_col_text(res, r, 6, u->kind, sizeof u->kind);
	pg_col_text(res, r, 7, u->path, sizeof u->path);
	u->utc_offset_min = (int)pg_col_i64(res, r, 8);
	pg_col_text(res, r, 9, u->tz, sizeof u->tz);
	pg_col_text(res, r, 10, u->address, sizeof u->address);
	pg_col_text(res, r, 11, u->phone, sizeof u->phone);
	u->active = pg_col_bool(res, r, 12);
}

enum mc_err pg_unit_insert(struct store_conn *c, struct unit_rec *u, struct mc_error *err)
{
	struct pg_conn *q = pgc(c);
	struct unit_rec parent;
	struct pg_params p = {0};
	PGresult *res;
	enum mc_err rc;
	char path[sizeof u->path];
	int64_t id;
	int n;

	if (u->parent_id) {
		rc = pg_unit_get(c, u->parent_id, &parent, err);
		if (rc)
			return rc;
	}
	/* Take the id first, so the path is written with the row in one
	 * statement and a row never exists without its path. */
	if ((rc = pg_run(q, &st_next_id, NULL, &res, err)))
		return rc;
	id = pg_col_i64(res, 0, 0);
	PQclear(res);
	n = snprintf(path, sizeof path, "%s%lld/", u->parent_id ? parent.path : "/", (long long)id);
	if (n < 0 || (size_t)n >= sizeof path)
		return mc_fail(err, MC_EINVAL, "parent", "Cây đơn vị quá sâu", "The unit tree is too deep");
	pg_p_i64(&p, id);
	if (u->parent_id)
		pg_p_i64(&p, u->parent_id);
	else
		pg_p_null(&p);
	pg_p_text(&p, u->code, false);
	pg_p_text(&p, u->agency_code, false);
	pg_p_text(&p, u->name, false);
	pg_p_text(&p, u->name_en, false);
	pg_p_text(&p, u->kind, false);
	pg_p_text(&p, path, false);
	pg_p_i64(&p, u->utc_offset_min);
	pg_p_text(&p, u->tz[0] ? u->tz : "Asia/Ho_Chi_Minh", false);
	pg_p_text(&p, u->address, false);
	pg_p_text(&p, u->phone, false);
	pg_p_bool(&p, u->active);
	if ((rc = pg_run(q, &st_insert, &p, NULL, err)))
		return rc;
	u->id = id;
	memcpy(u->path, path, sizeof path);
	return MC_OK;
}

static enum mc_err get_one(struct pg_conn *q, const struct pg_stmt *s, const struct pg_params *p,
			   struct unit_rec *out, struct mc_error *err)
{
	PGresult *res;
	enum mc_err rc = pg_run(q, s, p, &res, err);

	if (rc)
		return rc;
	if (PQntuples(res) == 0)
		rc = mc_fail(err, MC_ENOTFOUND, "unit", "Không tìm thấy đơn vị", "Unit not found");
	else
		read_unit(res, 0, out);
	PQclear(res);
	return rc;
}

enum mc_err pg_unit_get(struct store_conn *c, int64_t id, struct unit_rec *out, struct mc_error *err)
{
	struct pg_params p = {0};

	pg_p_i64(&p, id);
	return get_one(pgc(c), &st_get, &p, out, err);
}

enum mc_err pg_unit_get_by_code(struct store_conn *c, const char *code, struct unit_rec *out,
				struct mc_error *err)
{
	struct pg_params p = {0};

	pg_p_text(&p, code, false);
	return get_one(pgc(c), &st_get_by_code, &p, out, err);
}

enum mc_err pg_unit_list(struct store_conn *c, store_unit_cb cb, void *ctx, struct mc_error *err)
{
	PGresult *res;
	struct unit_rec u;
	int stop = 0;
	enum mc_err rc = pg_run(pgc(c), &st_list, NULL, &res, err);

	if (rc)
		return rc;
	/* The whole result is in memory, so the callback may use the
	 * connection for other statements. */
	for (int r = 0; r < PQntuples(res) && !stop; r++) {
		read_unit(res, r, &u);
		stop = cb(ctx, &u);
	}
	PQclear(res);
	return (enum mc_err)stop;
}

enum mc_err pg_unit_count(struct store_conn *c, int64_t *out, struct mc_error *err)
{
	PGresult *res;
	enum mc_err rc = pg_run(pgc(c), &st_count, NULL, &res, err);

	if (rc)
		return rc;
	*out = pg_col_i64(res, 0, 0);
	PQclear(res);
	return MC_OK;
}

static const struct pg_stmt st_update = {
	"unit_update", "UPDATE units SET agency_code = $1, name = $2, name_en = $3, address = $4, phone = $5"
		       " WHERE id = $6"};

enum mc_err pg_unit_update(struct store_conn *c, const struct unit_rec *u, struct mc_error *err)
{
	struct pg_params p = {0};
	PGresult *res;
	enum mc_err rc;

	pg_p_text(&p, u->agency_code, false);
	pg_p_text(&p, u->name, false);
	pg_p_text(&p, u->name_en, false);
	pg_p_text(&p, u->address, false);
	pg_p_text(&p, u->phone, false);
	pg_p_i64(&p, u->id);
	if ((rc = pg_run(pgc(c), &st_update, &p, &res, err)))
		return rc;
	if (pg_changes(res) == 0)
		rc = mc_fail(err, MC_ENOTFOUND, "unit", "Không tìm thấy đơn vị", "Unit not found");
	PQclear(res);
	return rc;
}
