/*
 * sqlite_catalog.c - the catalog of procedures on SQLite: fields, the
 * current row of each procedure, every version, and the FTS5 index over
 * folded text (rowid = procedures.id).
 */
#include "store/sqlite/sqlite_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PREP(q, sql)                                                    \
	sqlite3_stmt *st = sq_prepare((q), (sql), err);                 \
	if (!st)                                                        \
		return err ? err->code : MC_ESTORE

enum mc_err sq_field_put(struct store_conn *c, const struct field_rec *f, struct mc_error *err)
{
	PREP(sq(c), "INSERT INTO fields(code, name, name_en, position) VALUES(?,?,?,?)"
		    " ON CONFLICT(code) DO UPDATE SET name=excluded.name, name_en=excluded.name_en,"
		    " position=excluded.position");
	sq_bind_text(st, 1, f->code, false);
	sq_bind_text(st, 2, f->name, false);
	sq_bind_text(st, 3, f->name_en, false);
	sqlite3_bind_int(st, 4, f->position);
	return sq_exec_stmt(sq(c), st, "field put", err);
}

enum mc_err sq_field_list(struct store_conn *c, store_field_cb cb, void *ctx, struct mc_error *err)
{
	struct field_rec f;
	int rc, stop = 0;
	PREP(sq(c), "SELECT code, name, name_en, position FROM fields ORDER BY position, code");

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&f, 0, sizeof f);
		sq_col_text(st, 0, f.code, sizeof f.code);
		sq_col_text(st, 1, f.name, sizeof f.name);
		sq_col_text(st, 2, f.name_en, sizeof f.name_en);
		f.position = sqlite3_column_int(st, 3);
		if ((stop = cb(ctx, &f)))
			break;
	}
	sqlite3_reset(st);
	if (stop)
		return (enum mc_err)stop;
	return rc == SQLITE_DONE ? MC_OK : sq_fail(sq(c), rc, "field list", err);
}

enum mc_err sq_procedure_put(struct store_conn *c, const struct procedure_rec *p, const struct procedure_text *t,
			     int64_t actor_id, int *version_out, struct mc_error *err)
{
	struct sq_conn *q = sq(c);
	sqlite3_stmt *st;
	int64_t id = 0;
	int version = 1, rc;
	enum mc_err e;

	/* the next version number, and the row id if the code exists */
	st = sq_prepare(q, "SELECT id, version FROM procedures WHERE code=?", err);
	if (!st)
		return err ? err->code : MC_ESTORE;
	sq_bind_text(st, 1, p->code, false);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		version = sqlite3_column_int(st, 1) + 1;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sq_fail(q, rc, "procedure version", err);

	st = sq_prepare(q, "INSERT INTO procedure_versions(code, version, doc, created_at, created_by) VALUES(?,?,?,?,?)",
			err);
	if (!st)
		return err ? err->code : MC_ESTORE;
	sq_bind_text(st, 1, p->code, false);
	sqlite3_bind_int(st, 2, version);
	sq_bind_text(st, 3, p->doc, false);
	sqlite3_bind_int64(st, 4, p->updated_at);
	sqlite3_bind_int64(st, 5, actor_id);
	if ((e = sq_exec_stmt(q, st, "procedure version insert", err)))
		return e;

	st = sq_prepare(q, "INSERT INTO procedures(code, version, name, name_folded, field, level, agency, online, status,"
			   " inter_level, updated_at, doc) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)"
			   " ON CONFLICT(code) DO UPDATE SET version=?2, name=?3, name_folded=?4, field=?5, level=?6,"
			   " agency=?7, online=?8, status=?9, inter_level=?10, updated_at=?11, doc=?12"
			   " RETURNING id", err);
	if (!st)
		return err ? err->code : MC_ESTORE;
	sq_bind_text(st, 1, p->code, false);
	sqlite3_bind_int(st, 2, version);
	sq_bind_text(st, 3, p->name, false);
	sq_bind_text(st, 4, t->name, false);
	sq_bind_text(st, 5, p->field, false);
	sq_bind_text(st, 6, p->level, false);
	sq_bind_text(st, 7, p->agency, false);
	sq_bind_text(st, 8, p->online, false);
	sq_bind_text(st, 9, p->status, false);
	sqlite3_bind_int(st, 10, p->inter_level);
	sqlite3_bind_int64(st, 11, p->updated_at);
	sq_bind_text(st, 12, p->doc, false);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return sq_fail(q, rc, "procedure upsert", err);

	st = sq_prepare(q, "DELETE FROM procedures_fts WHERE rowid=?", err);
	if (!st)
		return err ? err->code : MC_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	if ((e = sq_exec_stmt(q, st, "fts delete", err)))
		return e;
	st = sq_prepare(q, "INSERT INTO procedures_fts(rowid, name, code, field, body) VALUES(?,?,?,?,?)", err);
	if (!st)
		return err ? err->code : MC_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	sq_bind_text(st, 2, t->name, false);
	sq_bind_text(st, 3, t->code, false);
	sq_bind_text(st, 4, t->field, false);
	sq_bind_text(st, 5, t->body, false);
	if ((e = sq_exec_stmt(q, st, "fts insert", err)))
		return e;
	if (version_out)
		*version_out = version;
	return MC_OK;
}

static void read_proc(sqlite3_stmt *st, struct procedure_rec *p)
{
	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(st, 0);
	sq_col_text(st, 1, p->code, sizeof p->code);
	p->version = sqlite3_column_int(st, 2);
	sq_col_text(st, 3, p->name, sizeof p->name);
	sq_col_text(st, 4, p->field, sizeof p->field);
	sq_col_text(st, 5, p->level, sizeof p->level);
	sq_col_text(st, 6, p->agency, sizeof p->agency);
	sq_col_text(st, 7, p->online, sizeof p->online);
	sq_col_text(st, 8, p->status, sizeof p->status);
	p->inter_level = sqlite3_column_int(st, 9) != 0;
	p->updated_at = sqlite3_column_int64(st, 10);
	p->doc = (char *)sqlite3_column_text(st, 11);
}

#define PROC_COLS "p.id, p.code, p.version, p.name, p.field, p.level, p.agency, p.online, p.status, p.inter_level, p.updated_at"

enum mc_err sq_procedure_get(struct store_conn *c, const char *code, int version, struct procedure_rec *out,
			     struct mc_error *err)
{
	int rc;
	/* an older version: its own document, with the current row's columns
	 * replaced by what that document says is done by the caller (service) */
	PREP(sq(c), "SELECT " PROC_COLS ", COALESCE(v.doc, p.doc), COALESCE(v.version, p.version)"
		    " FROM procedures p LEFT JOIN procedure_versions v ON v.code = p.code AND v.version = ?2"
		    " WHERE p.code = ?1 AND (?2 = 0 OR v.version IS NOT NULL)");

	sq_bind_text(st, 1, code, false);
	sqlite3_bind_int(st, 2, version);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_proc(st, out);
		out->version = sqlite3_column_int(st, 12);
		out->doc = strdup(out->doc ? out->doc : "{}");
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return mc_fail(err, MC_ENOTFOUND, "code", "Không tìm thấy thủ tục hành chính",
			       "Procedure not found");
	if (rc != SQLITE_ROW)
		return sq_fail(sq(c), rc, "procedure get", err);
	if (!out->doc)
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	return MC_OK;
}

/* Statuses as one text ",in_force,amended," for an instr() test: a fixed SQL
 * text with one parameter, however many statuses are asked for. */
static void status_set(const char *const *statuses, char *out, size_t n)
{
	size_t k = 0;

	out[0] = '\0';
	if (!statuses)
		return;
	k += (size_t)snprintf(out, n, ",");
	for (; *statuses && k < n; statuses++)
		k += (size_t)snprintf(out + k, n - k, "%s,", *statuses);
}

enum mc_err sq_procedure_search(struct store_conn *c, const struct procedure_query *qr, store_procedure_cb cb,
				void *ctx, int64_t *total_out, struct mc_error *err)
{
	struct sq_conn *q = sq(c);
	bool fts = qr->fts && *qr->fts;
	char statuses[256];
	struct procedure_rec p;
	sqlite3_stmt *st;
	int rc, stop = 0;

	status_set(qr->statuses, statuses, sizeof statuses);
	if (total_out) {
		st = fts ? sq_prepare(q, "SELECT count(*) FROM procedures_fts f JOIN procedures p ON p.id = f.rowid"
					 " WHERE procedures_fts MATCH ?1 AND (?2 IS NULL OR p.level=?2) AND (?3 IS NULL OR p.field=?3)"
					 " AND (?4 IS NULL OR p.agency=?4) AND (?5 IS NULL OR p.online=?5)"
					 " AND (?6 IS NULL OR instr(?6, ',' || p.status || ',') > 0)", err)
			 : sq_prepare(q, "SELECT count(*) FROM procedures p WHERE ?1 IS NULL AND (?2 IS NULL OR p.level=?2)"
					 " AND (?3 IS NULL OR p.field=?3) AND (?4 IS NULL OR p.agency=?4)"
					 " AND (?5 IS NULL OR p.online=?5)"
					 " AND (?6 IS NULL OR instr(?6, ',' || p.status || ',') > 0)", err);
		if (!st)
			return err ? err->code : MC_ESTORE;
		sq_bind_text(st, 1, fts ? qr->fts : NULL, true);
		sq_bind_text(st, 2, qr->level, true);
		sq_bind_text(st, 3, qr->field, true);
		sq_bind_text(st, 4, qr->agency, true);
		sq_bind_text(st, 5, qr->online, true);
		sq_bind_text(st, 6, statuses, true);
		rc = sqlite3_step(st);
		*total_out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
		if (rc != SQLITE_ROW)
			return sq_fail(q, rc, "procedure count", err);
	}
	st = fts ? sq_prepare(q, "SELECT " PROC_COLS ", p.doc, bm25(procedures_fts, 10.0, 5.0, 2.0, 1.0)"
				 " FROM procedures_fts f JOIN procedures p ON p.id = f.rowid"
				 " WHERE procedures_fts MATCH ?1 AND (?2 IS NULL OR p.level=?2) AND (?3 IS NULL OR p.field=?3)"
				 " AND (?4 IS NULL OR p.agency=?4) AND (?5 IS NULL OR p.online=?5)"
				 " AND (?6 IS NULL OR instr(?6, ',' || p.status || ',') > 0)"
				 " ORDER BY 13 LIMIT ?7 OFFSET ?8", err)
		 : sq_prepare(q, "SELECT " PROC_COLS ", p.doc, 0 FROM procedures p JOIN fields fl ON fl.code = p.field"
				 " WHERE ?1 IS NULL AND (?2 IS NULL OR p.level=?2) AND (?3 IS NULL OR p.field=?3)"
				 " AND (?4 IS NULL OR p.agency=?4) AND (?5 IS NULL OR p.online=?5)"
				 " AND (?6 IS NULL OR instr(?6, ',' || p.status || ',') > 0)"
				 " ORDER BY fl.position, p.name_folded LIMIT ?7 OFFSET ?8", err);
	if (!st)
		return err ? err->code : MC_ESTORE;
	sq_bind_text(st, 1, fts ? qr->fts : NULL, true);
	sq_bind_text(st, 2, qr->level, true);
	sq_bind_text(st, 3, qr->field, true);
	sq_bind_text(st, 4, qr->agency, true);
	sq_bind_text(st, 5, qr->online, true);
	sq_bind_text(st, 6, statuses, true);
	sqlite3_bind_int(st, 7, qr->limit > 0 ? qr->limit : -1);
	sqlite3_bind_int(st, 8, qr->offset > 0 ? qr->offset : 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_proc(st, &p);
		p.rank = sqlite3_column_double(st, 12);
		if ((stop = cb(ctx, &p)))
			break;
	}
	sqlite3_reset(st);
	if (stop)
		return (enum mc_err)stop;
	return rc == SQLITE_DONE ? MC_OK : sq_fail(q, rc, "procedure search", err);
}

enum mc_err sq_procedure_counts(struct store_conn *c, store_procedure_count_cb cb, void *ctx, struct mc_error *err)
{
	struct procedure_count pc;
	int rc, stop = 0;
	PREP(sq(c), "SELECT level, field, online, status, count(*) FROM procedures"
		    " GROUP BY level, field, online, status ORDER BY level, field, online, status");

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&pc, 0, sizeof pc);
		sq_col_text(st, 0, pc.level, sizeof pc.level);
		sq_col_text(st, 1, pc.field, sizeof pc.field);
		sq_col_text(st, 2, pc.online, sizeof pc.online);
		sq_col_text(st, 3, pc.status, sizeof pc.status);
		pc.count = sqlite3_column_int64(st, 4);
		if ((stop = cb(ctx, &pc)))
			break;
	}
	sqlite3_reset(st);
	if (stop)
		return (enum mc_err)stop;
	return rc == SQLITE_DONE ? MC_OK : sq_fail(sq(c), rc, "procedure counts", err);
}
