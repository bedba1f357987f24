/*
 * sqlite_dossiers.c - dossiers, their histories and their daily numbers on
 * SQLite.
 */
#include "store/sqlite/sqlite_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PREP(q, sql)                                                    \
	sqlite3_stmt *st = sq_prepare((q), (sql), err);                 \
	if (!st)                                                        \
		return err ? err->code : MC_ESTORE

enum mc_err sq_dossier_next_number(struct store_conn *c, const char *agency_code, const char *day, int *n_out,
				   struct mc_error *err)
{
	int rc;
	PREP(sq(c), "INSERT INTO dossier_numbers(agency_code, day, last) VALUES(?1, ?2, 1)"
		    " ON CONFLICT(agency_code, day) DO UPDATE SET last = last + 1 RETURNING last");

	sq_bind_text(st, 1, agency_code, false);
	sq_bind_text(st, 2, day, false);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n_out = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? MC_OK : sq_fail(sq(c), rc, "dossier number", err);
}

enum mc_err sq_dossier_number_floor(struct store_conn *c, const char *agency_code, const char *day, int n,
				    struct mc_error *err)
{
	PREP(sq(c), "INSERT INTO dossier_numbers(agency_code, day, last) VALUES(?1, ?2, ?3)"
		    " ON CONFLICT(agency_code, day) DO UPDATE SET last = max(last, ?3)");
	sq_bind_text(st, 1, agency_code, false);
	sq_bind_text(st, 2, day, false);
	sqlite3_bind_int(st, 3, n);
	return sq_exec_stmt(sq(c), st, "dossier number floor", err);
}

/* The cached view columns, bound from ?first on, in this order. */
static void bind_view(sqlite3_stmt *st, int first, const struct dossier_rec *d)
{
	sq_bind_text(st, first, d->state, false);
	sqlite3_bind_int(st, first + 1, d->step);
	sqlite3_bind_int64(st, first + 2, d->step_unit_id);
	sq_bind_text(st, first + 3, d->step_role, false);
	sqlite3_bind_int64(st, first + 4, d->assignee_id);
	sqlite3_bind_int64(st, first + 5, d->received_at);
	sqlite3_bind_int64(st, first + 6, d->legal_due);
	sqlite3_bind_int64(st, first + 7, d->appointment);
	sqlite3_bind_int64(st, first + 8, d->finished_at);
	sqlite3_bind_int64(st, first + 9, d->returned_at);
	sqlite3_bind_int64(st, first + 10, d->closed_at);
	sqlite3_bind_int(st, first + 11, d->supplement_count);
	sqlite3_bind_int(st, first + 12, d->apology_count);
	sqlite3_bind_int(st, first + 13, d->version);
	sqlite3_bind_int64(st, first + 14, d->updated_at);
	sqlite3_bind_int64(st, first + 15, d->opinion_unit_id);
}

enum mc_err sq_dossier_insert(struct store_conn *c, struct dossier_rec *d, struct mc_error *err)
{
	enum mc_err rc;
	PREP(sq(c), "INSERT INTO dossiers(code, procedure_code, procedure_version, receiving_unit_id, desk_unit_id,"
		    " resolving_unit_id, channel, applicant_kind, applicant_name, applicant_folded, applicant_id,"
		    " applicant_phone, applicant_email, citizen_id, doc, created_at,"
		    " state, step, step_unit_id, step_role, assignee_id, received_at, legal_due, appointment,"
		    " finished_at, returned_at, closed_at, supplement_count, apology_count, version, updated_at,"
		    " opinion_unit_id) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?, ?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");

	sq_bind_text(st, 1, d->code, false);
	sq_bind_text(st, 2, d->procedure_code, false);
	sqlite3_bind_int(st, 3, d->procedure_version);
	sqlite3_bind_int64(st, 4, d->receiving_unit_id);
	sqlite3_bind_int64(st, 5, d->desk_unit_id);
	sqlite3_bind_int64(st, 6, d->resolving_unit_id);
	sq_bind_text(st, 7, d->channel, false);
	sq_bind_text(st, 8, d->applicant_kind, false);
	sq_bind_text(st, 9, d->applicant_name, false);
	sq_bind_text(st, 10, d->applicant_folded, false);
	sq_bind_text(st, 11, d->applicant_id, false);
	sq_bind_text(st, 12, d->applicant_phone, false);
	sq_bind_text(st, 13, d->applicant_email, false);
	sqlite3_bind_int64(st, 14, d->citizen_id);
	sq_bind_text(st, 15, d->doc ? d->doc : "{}", false);
	sqlite3_bind_int64(st, 16, d->created_at);
	bind_view(st, 17, d);
	rc = sq_exec_stmt(sq(c), st, "dossier insert", err);
	if (rc == MC_ECONFLICT)
		return mc_fail(err, MC_ECONFLICT, "code", "Mã hồ sơ đã tồn tại", "The dossier code already exists");
	if (!rc)
		d->id = sqlite3_last_insert_rowid(sq(c)->db);
	return rc;
}

enum mc_err sq_dossier_update(struct store_conn *c, const struct dossier_rec *d, int expected_version,
			      struct mc_error *err)
{
	enum mc_err rc;
	PREP(sq(c), "UPDATE dossiers SET state=?1, step=?2, step_unit_id=?3, step_role=?4, assignee_id=?5,"
		    " received_at=?6, legal_due=?7, appointment=?8, finished_at=?9, returned_at=?10, closed_at=?11,"
		    " supplement_count=?12, apology_count=?13, version=?14, updated_at=?15, opinion_unit_id=?16,"
		    " doc=COALESCE(?17, doc) WHERE id=?18 AND version=?19");

	bind_view(st, 1, d);
	sq_bind_text(st, 17, d->doc, false);
	sqlite3_bind_int64(st, 18, d->id);
	sqlite3_bind_int(st, 19, expected_version);
	rc = sq_exec_stmt(sq(c), st, "dossier update", err);
	if (!rc && sqlite3_changes(sq(c)->db) == 0)
		return mc_fail(err, MC_ECONFLICT, "version",
			       "Hồ sơ vừa được người khác cập nhật; vui lòng tải lại và thử lại",
			       "Someone else has just updated this dossier; reload and try again");
	return rc;
}

enum mc_err sq_dossier_event_insert(struct store_conn *c, const struct dossier_event_rec *e, struct mc_error *err)
{
	PREP(sq(c), "INSERT INTO dossier_events(dossier_id, seq, kind, at, actor_id, unit_id, step, data)"
		    " VALUES(?,?,?,?,?,?,?,?)");
	sqlite3_bind_int64(st, 1, e->dossier_id);
	sqlite3_bind_int(st, 2, e->seq);
	sq_bind_text(st, 3, e->kind, false);
	sqlite3_bind_int64(st, 4, e->at);
	sqlite3_bind_int64(st, 5, e->actor_id);
	sqlite3_bind_int64(st, 6, e->unit_id);
	sqlite3_bind_int(st, 7, e->step);
	sq_bind_text(st, 8, e->data ? e->data : "{}", false);
	return sq_exec_stmt(sq(c), st, "dossier event insert", err);
}

#define DOSSIER_COLS                                                                                            \
	"d.id, d.code, d.procedure_code, d.procedure_version, d.receiving_unit_id, d.desk_unit_id,"             \
	" d.resolving_unit_id, d.channel, d.applicant_kind, d.applicant_name, d.applicant_folded,"              \
	" d.applicant_id, d.applicant_phone, d.applicant_email, d.citizen_id,"                                  \
	" CASE WHEN ?15 THEN NULL ELSE d.doc END, d.state, d.step,"                                            \
	" d.step_unit_id, d.step_role, d.assignee_id, d.received_at, d.legal_due, d.appointment,"               \
	" d.finished_at, d.returned_at, d.closed_at, d.supplement_count, d.apology_count, d.version,"           \
	" d.created_at, d.updated_at, COALESCE(su.path, ''), ru.path, rs.path, d.opinion_unit_id"
#define DOSSIER_FROM                                                                                            \
	" FROM dossiers d LEFT JOIN units su ON su.id = d.step_unit_id"                                         \
	" JOIN units ru ON ru.id = d.receiving_unit_id JOIN units rs ON rs.id = d.resolving_unit_id"           \
	" JOIN units du ON du.id = d.desk_unit_id"

static void read_dossier(sqlite3_stmt *st, struct dossier_rec *d)
{
	memset(d, 0, sizeof *d);
	d->id = sqlite3_column_int64(st, 0);
	sq_col_text(st, 1, d->code, sizeof d->code);
	sq_col_text(st, 2, d->procedure_code, sizeof d->procedure_code);
	d->procedure_version = sqlite3_column_int(st, 3);
	d->receiving_unit_id = sqlite3_column_int64(st, 4);
	d->desk_unit_id = sqlite3_column_int64(st, 5);
	d->resolving_unit_id = sqlite3_column_int64(st, 6);
	sq_col_text(st, 7, d->channel, sizeof d->channel);
	sq_col_text(st, 8, d->applicant_kind, sizeof d->applicant_kind);
	sq_col_text(st, 9, d->applicant_name, sizeof d->applicant_name);
	sq_col_text(st, 10, d->applicant_folded, sizeof d->applicant_folded);
	sq_col_text(st, 11, d->applicant_id, sizeof d->applicant_id);
	sq_col_text(st, 12, d->applicant_phone, sizeof d->applicant_phone);
	sq_col_text(st, 13, d->applicant_email, sizeof d->applicant_email);
	d->citizen_id = sqlite3_column_int64(st, 14);
	d->doc = (char *)sqlite3_column_text(st, 15);
	sq_col_text(st, 16, d->state, sizeof d->state);
	d->step = sqlite3_column_int(st, 17);
	d->step_unit_id = sqlite3_column_int64(st, 18);
	sq_col_text(st, 19, d->step_role, sizeof d->step_role);
	d->assignee_id = sqlite3_column_int64(st, 20);
	d->received_at = sqlite3_column_int64(st, 21);
	d->legal_due = sqlite3_column_int64(st, 22);
	d->appointment = sqlite3_column_int64(st, 23);
	d->finished_at = sqlite3_column_int64(st, 24);
	d->returned_at = sqlite3_column_int64(st, 25);
	d->closed_at = sqlite3_column_int64(st, 26);
	d->supplement_count = sqlite3_column_int(st, 27);
	d->apology_count = sqlite3_column_int(st, 28);
	d->version = sqlite3_column_int(st, 29);
	d->created_at = sqlite3_column_int64(st, 30);
	d->updated_at = sqlite3_column_int64(st, 31);
	sq_col_text(st, 32, d->step_unit_path, sizeof d->step_unit_path);
	sq_col_text(st, 33, d->receiving_unit_path, sizeof d->receiving_unit_path);
	sq_col_text(st, 34, d->resolving_unit_path, sizeof d->resolving_unit_path);
	d->opinion_unit_id = sqlite3_column_int64(st, 35);
}

enum mc_err sq_dossier_get(struct store_conn *c, const char *code, struct dossier_rec *out, struct mc_error *err)
{
	int rc;
	PREP(sq(c), "SELECT " DOSSIER_COLS DOSSIER_FROM " WHERE d.code = ?1");

	sq_bind_text(st, 1, code, false);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_dossier(st, out);
		out->doc = strdup(out->doc ? out->doc : "{}");
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return mc_fail(err, MC_ENOTFOUND, "code", "Không tìm thấy hồ sơ", "Dossier not found");
	if (rc != SQLITE_ROW)
		return sq_fail(sq(c), rc, "dossier get", err);
	return out->doc ? MC_OK : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
}

enum mc_err sq_dossier_events(struct store_conn *c, int64_t dossier_id, store_dossier_event_cb cb, void *ctx,
			      struct mc_error *err)
{
	struct dossier_event_rec e;
	int rc, stop = 0;
	PREP(sq(c), "SELECT dossier_id, seq, kind, at, actor_id, unit_id, step, data FROM dossier_events"
		    " WHERE dossier_id = ? ORDER BY seq");

	sqlite3_bind_int64(st, 1, dossier_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&e, 0, sizeof e);
		e.dossier_id = sqlite3_column_int64(st, 0);
		e.seq = sqlite3_column_int(st, 1);
		sq_col_text(st, 2, e.kind, sizeof e.kind);
		e.at = sqlite3_column_int64(st, 3);
		e.actor_id = sqlite3_column_int64(st, 4);
		e.unit_id = sqlite3_column_int64(st, 5);
		e.step = sqlite3_column_int(st, 6);
		e.data = (const char *)sqlite3_column_text(st, 7);
		if ((stop = cb(ctx, &e)))
			break;
	}
	sqlite3_reset(st);
	if (stop)
		return (enum mc_err)stop;
	return rc == SQLITE_DONE ? MC_OK : sq_fail(sq(c), rc, "dossier events", err);
}

/* States as ",a,b," for one instr() test, whatever their number. */
static void state_set(const char *const *states, char *out, size_t n)
{
	size_t k;

	out[0] = '\0';
	if (!states)
		return;
	k = (size_t)snprintf(out, n, ",");
	for (; *states && k < n; states++)
		k += (size_t)snprintf(out + k, n - k, "%s,", *states);
}

/* Every filter but received_to (?8) and active_since (?14). */
#define DOSSIER_TERMS                                                                                          \
	" (?1 IS NULL OR substr(COALESCE(su.path, ''), 1, length(?1)) = ?1)"                                   \
	" AND (?2 IS NULL OR substr(ru.path, 1, length(?2)) = ?2)"                                            \
	" AND (?3 IS NULL OR substr(ru.path, 1, length(?3)) = ?3 OR substr(rs.path, 1, length(?3)) = ?3"       \
	"      OR substr(COALESCE(su.path, ''), 1, length(?3)) = ?3 OR substr(du.path, 1, length(?3)) = ?3)"  \
	" AND (?4 IS NULL OR instr(?4, ',' || d.state || ',') > 0)"                                           \
	" AND (?5 = 0 OR d.assignee_id = ?5) AND (?6 = 0 OR d.citizen_id = ?6)"                               \
	" AND (?7 = 0 OR d.received_at >= ?7)"                                                                \
	" AND (?9 IS NULL OR substr(d.code, 1, length(?9)) = ?9)"                                             \
	" AND (?10 IS NULL OR instr(d.applicant_folded, ?10) > 0)"                                            \
	" AND (?16 IS NULL OR (d.opinion_unit_id <> 0 AND substr((SELECT path FROM units WHERE id = d.opinion_unit_id),"\
	"      1, length(?16)) = ?16))"
#define DOSSIER_WHERE                                                                                          \
	" WHERE" DOSSIER_TERMS " AND (?8 = 0 OR d.received_at < ?8)"                                          \
	" AND (?14 = 0 OR ((d.finished_at = 0 OR d.finished_at >= ?14) AND (d.closed_at = 0 OR d.closed_at >= ?14)))"
/* The period reports' question (active_since set, ?8 never 0): the same rows,
 * as plain terms the planner serves from dossiers_finished (0006) with two
 * index ranges - still open, or finished since the start - instead of a scan
 * of the whole history. */
#define DOSSIER_WHERE_ACTIVE                                                                                   \
	" WHERE d.received_at < ?8 AND (d.finished_at = 0 OR d.finished_at >= ?14)"                           \
	" AND (d.closed_at = 0 OR d.closed_at >= ?14) AND" DOSSIER_TERMS

/* The same question on a small subtree (a commune): its few units' ids, as a
 * JSON array in ?17, select the rows through the per-unit indexes
 * (dossiers_receiving, dossiers_step_unit, and dossiers_resolving and
 * dossiers_desk of 0008): a MULTI-INDEX OR in a subquery on dossiers alone
 * (SQLite does not use one on a table joined to others), instead of testing
 * the unit paths on each of the period's candidates of the whole province.
 * The unary + keeps dossiers_finished out of both plans; every term of
 * DOSSIER_WHERE_ACTIVE stays, so the rows are exactly its rows. */
#define DOSSIER_IN_UNITS " IN (SELECT value FROM json_each(?17))"
#define DOSSIER_WHERE_UNITS                                                                                    \
	" WHERE d.id IN (SELECT x.id FROM dossiers x WHERE (x.receiving_unit_id" DOSSIER_IN_UNITS             \
	"      OR x.resolving_unit_id" DOSSIER_IN_UNITS " OR x.step_unit_id" DOSSIER_IN_UNITS                  \
	"      OR x.desk_unit_id" DOSSIER_IN_UNITS ") AND x.received_at < ?8"                                  \
	"      AND (+x.finished_at = 0 OR +x.finished_at >= ?14))"                                             \
	" AND +d.received_at < ?8 AND (+d.finished_at = 0 OR +d.finished_at >= ?14)"                          \
	" AND (d.closed_at = 0 OR d.closed_at >= ?14) AND" DOSSIER_TERMS

/* Beyond this many units (a district of the bench's province has 32, a
 * commune 2), the subtree's dossiers of all years outnumber the period's
 * candidates of the whole province: DOSSIER_WHERE_ACTIVE is then no slower. */
#define SUBTREE_UNITS_MAX 8

/* The ids of the units of the subtree `path` as "[1,2]" in out, or "" when
 * there are more than SUBTREE_UNITS_MAX. */
static enum mc_err subtree_units(struct sq_conn *q, const char *path, char *out, size_t n, struct mc_error *err)
{
	size_t k = 0;
	int rc, count = 0;
	sqlite3_stmt *st = sq_prepare(q, "SELECT id FROM units WHERE substr(path, 1, length(?1)) = ?1 LIMIT ?2", err);

	if (!st)
		return err ? err->code : MC_ESTORE;
	sq_bind_text(st, 1, path, false);
	sqlite3_bind_int(st, 2, SUBTREE_UNITS_MAX + 1);
	out[k++] = '[';
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && ++count <= SUBTREE_UNITS_MAX)
		k += (size_t)snprintf(out + k, n - k, "%s%lld", count > 1 ? "," : "",
				      (long long)sqlite3_column_int64(st, 0));
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sq_fail(q, rc, "dossier subtree units", err);
	snprintf(out + k, n - k, "]");
	if (count > SUBTREE_UNITS_MAX)
		out[0] = '\0';
	return MC_OK;
}

static void bind_filter(sqlite3_stmt *st, const struct dossier_filter *f, const char *states)
{
	sq_bind_text(st, 1, f->step_unit_path, true);
	sq_bind_text(st, 2, f->receiving_unit_path, true);
	sq_bind_text(st, 3, f->any_unit_path, true);
	sq_bind_text(st, 4, states, true);
	sqlite3_bind_int64(st, 5, f->assignee_id);
	sqlite3_bind_int64(st, 6, f->citizen_id);
	sqlite3_bind_int64(st, 7, f->received_from);
	sqlite3_bind_int64(st, 8, f->received_to);
	sq_bind_text(st, 9, f->code_prefix, true);
	sq_bind_text(st, 10, f->applicant_folded, true);
	sqlite3_bind_int64(st, 14, f->active_since);
	sqlite3_bind_int(st, 15, f->without_doc);
	sq_bind_text(st, 16, f->opinion_unit_path, true);
	if (f->active_since) /* DOSSIER_WHERE_ACTIVE: no "0 = open" */
		sqlite3_bind_int64(st, 8, f->received_to ? f->received_to : INT64_MAX);
}

enum mc_err sq_dossier_list(struct store_conn *c, const struct dossier_filter *f, store_dossier_cb cb, void *ctx,
			    int64_t *total_out, struct mc_error *err)
{
	struct sq_conn *q = sq(c);
	struct dossier_rec d;
	char states[512], units[32 * (SUBTREE_UNITS_MAX + 1)] = "";
	sqlite3_stmt *st;
	enum mc_err e;
	int rc, stop = 0;

	state_set(f->states, states, sizeof states);
	if (f->active_since && f->any_unit_path && *f->any_unit_path &&
	    (e = subtree_units(q, f->any_unit_path, units, sizeof units, err)))
		return e;
	if (total_out) {
		st = units[0] ? sq_prepare(q, "SELECT count(*)" DOSSIER_FROM DOSSIER_WHERE_UNITS, err)
		     : f->active_since ? sq_prepare(q, "SELECT count(*)" DOSSIER_FROM DOSSIER_WHERE_ACTIVE, err)
				       : sq_prepare(q, "SELECT count(*)" DOSSIER_FROM DOSSIER_WHERE, err);
		if (!st)
			return err ? err->code : MC_ESTORE;
		bind_filter(st, f, states);
		if (units[0])
			sq_bind_text(st, 17, units, false);
		rc = sqlite3_step(st);
		*total_out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
		if (rc != SQLITE_ROW)
			return sq_fail(q, rc, "dossier count", err);
	}
	if (units[0] && f->order == 2)
		st = sq_prepare(q, "SELECT " DOSSIER_COLS DOSSIER_FROM DOSSIER_WHERE_UNITS " LIMIT ?12 OFFSET ?13", err);
	else if (units[0])
		st = sq_prepare(q, "SELECT " DOSSIER_COLS DOSSIER_FROM DOSSIER_WHERE_UNITS
				   " ORDER BY CASE WHEN ?11 = 0 THEN d.appointment ELSE d.received_at END, d.id"
				   " LIMIT ?12 OFFSET ?13", err);
	else if (f->active_since && f->order == 2) /* a report: any order, so no sort of the period's rows */
		st = sq_prepare(q, "SELECT " DOSSIER_COLS DOSSIER_FROM DOSSIER_WHERE_ACTIVE " LIMIT ?12 OFFSET ?13", err);
	else if (f->active_since)
		st = sq_prepare(q, "SELECT " DOSSIER_COLS DOSSIER_FROM DOSSIER_WHERE_ACTIVE
				   " ORDER BY CASE WHEN ?11 = 0 THEN d.appointment ELSE d.received_at END, d.id"
				   " LIMIT ?12 OFFSET ?13", err);
	else
		st = sq_prepare(q, "SELECT " DOSSIER_COLS DOSSIER_FROM DOSSIER_WHERE
				   " ORDER BY CASE WHEN ?11 = 0 THEN d.appointment WHEN ?11 = 2 THEN 0 ELSE d.received_at END, d.id"
				   " LIMIT ?12 OFFSET ?13", err);
	if (!st)
		return err ? err->code : MC_ESTORE;
	bind_filter(st, f, states);
	if (units[0])
		sq_bind_text(st, 17, units, false);
	sqlite3_bind_int(st, 11, f->order);
	sqlite3_bind_int(st, 12, f->limit > 0 ? f->limit : -1);
	sqlite3_bind_int(st, 13, f->offset > 0 ? f->offset : 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_dossier(st, &d);
		if ((stop = cb(ctx, &d)))
			break;
	}
	sqlite3_reset(st);
	if (stop)
		return (enum mc_err)stop;
	return rc == SQLITE_DONE ? MC_OK : sq_fail(q, rc, "dossier list", err);
}
