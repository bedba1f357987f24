/*
 * pg_dossiers.c - dossiers, their histories and their daily numbers on
 * PostgreSQL (the twin of sqlite_dossiers.c).
 *
 * Concurrency, at READ COMMITTED:
 *  - dossier_next_number is one INSERT ... ON CONFLICT DO UPDATE ...
 *    RETURNING: concurrent intakes for one agency and day queue on the row
 *    lock and each gets the next number, never the same one.  Inside the
 *    caller's transaction the row stays locked until it ends, so numbers are
 *    handed out in commit order and a rolled-back intake gives its number
 *    back (as on SQLite, whose writers are serialised).
 *  - dossier_number_floor (imports keep their codes) is the same upsert with
 *    GREATEST, so it never lowers a number already handed out.
 *  - dossier_update is the optimistic check "UPDATE ... WHERE id = $ AND
 *    version = $expected": a concurrent updater of the same row waits for
 *    the first one's lock, then re-reads the row, finds the version moved
 *    and matches nothing, which is reported as MC_ECONFLICT.
 */
#include "store/pg/pg_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DOSSIER_COLS DOSSIER_COLS_WITH("d.doc")
/* Lists that do not need the document (reports) leave it out: it is most of a row. */
#define DOSSIER_COLS_WITH(doc)                                                                                  \
	"d.id, d.code, d.procedure_code, d.procedure_version, d.receiving_unit_id, d.desk_unit_id,"             \
	" d.resolving_unit_id, d.channel, d.applicant_kind, d.applicant_name, d.applicant_folded,"              \
	" d.applicant_id, d.applicant_phone, d.applicant_email, d.citizen_id, " doc ", d.state, d.step,"        \
	" d.step_unit_id, d.step_role, d.assignee_id, d.received_at, d.legal_due, d.appointment,"               \
	" d.finished_at, d.returned_at, d.closed_at, d.supplement_count, d.apology_count, d.version,"           \
	" d.created_at, d.updated_at, COALESCE(su.path, ''), ru.path, rs.path, d.opinion_unit_id"
#define DOSSIER_FROM                                                                                            \
	" FROM dossiers d LEFT JOIN units su ON su.id = d.step_unit_id"                                         \
	" JOIN units ru ON ru.id = d.receiving_unit_id JOIN units rs ON rs.id = d.resolving_unit_id"           \
	" JOIN units du ON du.id = d.desk_unit_id"
/* Paths are COLLATE "C" (0001), so starts_with() is a byte prefix test. */
#define DOSSIER_ACTIVE(p)                                                                                      \
	" AND (" p "::bigint = 0 OR ((d.finished_at = 0 OR d.finished_at >= " p ")"                            \
	"      AND (d.closed_at = 0 OR d.closed_at >= " p ")))"
/* waiting for the opinion of a unit of the subtree p (a path); NULL = any */
#define DOSSIER_OPINION(p)                                                                                     \
	" AND (" p "::text IS NULL OR (d.opinion_unit_id <> 0"                                                  \
	"      AND starts_with((SELECT path FROM units WHERE id = d.opinion_unit_id), " p ")))"
#define DOSSIER_WHERE                                                                                          \
	" WHERE ($1::text IS NULL OR starts_with(COALESCE(su.path, ''), $1))"                                  \
	" AND ($2::text IS NULL OR starts_with(ru.path, $2))"                                                 \
	" AND ($3::text IS NULL OR starts_with(ru.path, $3) OR starts_with(rs.path, $3)"                       \
	"      OR starts_with(COALESCE(su.path, ''), $3) OR starts_with(du.path, $3))"                        \
	" AND ($4::text IS NULL OR strpos($4, ',' || d.state || ',') > 0)"                                    \
	" AND ($5::bigint = 0 OR d.assignee_id = $5) AND ($6::bigint = 0 OR d.citizen_id = $6)"               \
	" AND ($7::bigint = 0 OR d.received_at >= $7) AND ($8::bigint = 0 OR d.received_at < $8)"             \
	" AND ($9::text IS NULL OR starts_with(d.code, $9))"                                                  \
	" AND ($10::text IS NULL OR strpos(d.applicant_folded, $10) > 0)"

/* A period report on a small subtree (a commune): its few units' ids (an
 * array literal "{1,2}" in p) select the rows through the per-unit indexes
 * (dossiers_receiving, dossiers_step_unit, and dossiers_resolving and
 * dossiers_desk of 0008) - a BitmapOr - instead of the period's candidates
 * of the whole province; the path terms stay, so the rows are the same. */
#define DOSSIER_UNITS(p)                                                                                       \
	" AND (d.receiving_unit_id = ANY(" p "::bigint[]) OR d.resolving_unit_id = ANY(" p "::bigint[])"     \
	"      OR d.step_unit_id = ANY(" p "::bigint[]) OR d.desk_unit_id = ANY(" p "::bigint[]))"

static const struct pg_stmt st_next_number = {
	"dossier_next_number", "INSERT INTO dossier_numbers AS n(agency_code, day, last) VALUES($1, $2, 1)"
			       " ON CONFLICT (agency_code, day) DO UPDATE SET last = n.last + 1 RETURNING last"};
static const struct pg_stmt st_number_floor = {
	"dossier_number_floor", "INSERT INTO dossier_numbers AS n(agency_code, day, last) VALUES($1, $2, $3)"
				" ON CONFLICT (agency_code, day) DO UPDATE SET last = GREATEST(n.last, EXCLUDED.last)"};
static const struct pg_stmt st_insert = {
	"dossier_insert",
	"INSERT INTO dossiers(code, procedure_code, procedure_version, receiving_unit_id, desk_unit_id,"
	" resolving_unit_id, channel, applicant_kind, applicant_name, applicant_folded, applicant_id,"
	" applicant_phone, applicant_email, citizen_id, doc, created_at,"
	" state, step, step_unit_id, step_role, assignee_id, received_at, legal_due, appointment,"
	" finished_at, returned_at, closed_at, supplement_count, apology_count, version, updated_at, opinion_unit_id)"
	" VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,"
	" $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32) RETURNING id"};
static const struct pg_stmt st_update = {
	"dossier_update",
	"UPDATE dossiers SET state = $1, step = $2, step_unit_id = $3, step_role = $4, assignee_id = $5,"
	" received_at = $6, legal_due = $7, appointment = $8, finished_at = $9, returned_at = $10, closed_at = $11,"
	" supplement_count = $12, apology_count = $13, version = $14, updated_at = $15, opinion_unit_id = $16,"
	" doc = COALESCE($17, doc) WHERE id = $18 AND version = $19"};
static const struct pg_stmt st_event_insert = {
	"dossier_event_insert", "INSERT INTO dossier_events(dossier_id, seq, kind, at, actor_id, unit_id, step, data)"
				" VALUES($1, $2, $3, $4, $5, $6, $7, $8)"};
static const struct pg_stmt st_get = {"dossier_get", "SELECT " DOSSIER_COLS DOSSIER_FROM " WHERE d.code = $1"};
static const struct pg_stmt st_events = {
	"dossier_events", "SELECT dossier_id, seq, kind, at, actor_id, unit_id, step, data FROM dossier_events"
			  " WHERE dossier_id = $1 ORDER BY seq"};
static const struct pg_stmt st_count = {"dossier_count",
					 "SELECT count(*)" DOSSIER_FROM DOSSIER_WHERE DOSSIER_ACTIVE("$11") DOSSIER_OPINION("$12")};
#define DOSSIER_ORDER                                                                                           \
	" ORDER BY CASE WHEN $11::integer = 0 THEN d.appointment WHEN $11::integer = 2 THEN 0"                  \
	" ELSE d.received_at END, d.id LIMIT $12::bigint OFFSET $13::bigint"
static const struct pg_stmt st_list = {
	"dossier_list", "SELECT " DOSSIER_COLS DOSSIER_FROM DOSSIER_WHERE DOSSIER_ACTIVE("$14") DOSSIER_OPINION("$15")
			DOSSIER_ORDER};
static const struct pg_stmt st_list_nodoc = {
	"dossier_list_nodoc", "SELECT " DOSSIER_COLS_WITH("NULL::text") DOSSIER_FROM DOSSIER_WHERE DOSSIER_ACTIVE("$14")
			      DOSSIER_OPINION("$15") DOSSIER_ORDER};
static const struct pg_stmt st_count_units = {
	"dossier_count_units",
	"SELECT count(*)" DOSSIER_FROM DOSSIER_WHERE DOSSIER_ACTIVE("$11") DOSSIER_OPINION("$12") DOSSIER_UNITS("$13")};
static const struct pg_stmt st_list_units = {
	"dossier_list_units", "SELECT " DOSSIER_COLS DOSSIER_FROM DOSSIER_WHERE DOSSIER_ACTIVE("$14")
			      DOSSIER_OPINION("$15") DOSSIER_UNITS("$16") DOSSIER_ORDER};
static const struct pg_stmt st_list_units_nodoc = {
	"dossier_list_units_nodoc", "SELECT " DOSSIER_COLS_WITH("NULL::text") DOSSIER_FROM DOSSIER_WHERE
				    DOSSIER_ACTIVE("$14") DOSSIER_OPINION("$15") DOSSIER_UNITS("$16") DOSSIER_ORDER};
static const struct pg_stmt st_subtree_units = {
	"dossier_subtree_units", "SELECT id FROM units WHERE starts_with(path, $1) LIMIT $2::bigint"};

enum mc_err pg_dossier_next_number(struct store_conn *c, const char *agency_code, const char *day, int *n_out,
				   struct mc_error *err)
{
	struct pg_params p = {0};
	PGresult *res;
	enum mc_err rc;

	pg_p_text(&p, agency_code, false);
	pg_p_text(&p, day, false);
	if ((rc = pg_run(pgc(c), &st_next_number, &p, &res, err)))
		return rc;
	*n_out = (int)pg_col_i64(res, 0, 0);
	PQclear(res);
	return MC_OK;
}

enum mc_err pg_dossier_number_floor(struct store_conn *c, const char *agency_code, const char *day, int n,
				    struct mc_error *err)
{
	struct pg_params p = {0};

	pg_p_text(&p, agency_code, false);
	pg_p_text(&p, day, false);
	pg_p_i64(&p, n);
	return pg_run(pgc(c), &st_number_floor, &p, NULL, err);
}

/* The cached view columns, in this order. */
static void view_params(struct pg_params *p, const struct dossier_rec *d)
{
	pg_p_text(p, d->state, false);
	pg_p_i64(p, d->step);
	pg_p_i64(p, d->step_unit_id);
	pg_p_text(p, d->step_role, false);
	pg_p_i64(p, d->assignee_id);
	pg_p_i64(p, d->received_at);
	pg_p_i64(p, d->legal_due);
	pg_p_i64(p, d->appointment);
	pg_p_i64(p, d->finished_at);
	pg_p_i64(p, d->returned_at);
	pg_p_i64(p, d->closed_at);
	pg_p_i64(p, d->supplement_count);
	pg_p_i64(p, d->apology_count);
	pg_p_i64(p, d->version);
	pg_p_i64(p, d->updated_at);
	pg_p_i64(p, d->opinion_unit_id);
}

enum mc_err pg_dossier_insert(struct store_conn *c, struct dossier_rec *d, struct mc_error *err)
{
	struct pg_params p = {0};
	PGresult *res;
	enum mc_err rc;

	pg_p_text(&p, d->code, false);
	pg_p_text(&p, d->procedure_code, false);
	pg_p_i64(&p, d->procedure_version);
	pg_p_i64(&p, d->receiving_unit_id);
	pg_p_i64(&p, d->desk_unit_id);
	pg_p_i64(&p, d->resolving_unit_id);
	pg_p_text(&p, d->channel, false);
	pg_p_text(&p, d->applicant_kind, false);
	pg_p_text(&p, d->applicant_name, false);
	pg_p_text(&p, d->applicant_folded, false);
	pg_p_text(&p, d->applicant_id, false);
	pg_p_text(&p, d->applicant_phone, false);
	pg_p_text(&p, d->applicant_email, false);
	pg_p_i64(&p, d->citizen_id);
	pg_p_text(&p, d->doc ? d->doc : "{}", false);
	pg_p_i64(&p, d->created_at);
	view_params(&p, d);
	rc = pg_run(pgc(c), &st_insert, &p, &res, err);
	if (rc == MC_ECONFLICT)
		return mc_fail(err, MC_ECONFLICT, "code", "Mã hồ sơ đã tồn tại", "The dossier code already exists");
	if (rc)
		return rc;
	d->id = pg_col_i64(res, 0, 0);
	PQclear(res);
	return MC_OK;
}

enum mc_err pg_dossier_update(struct store_conn *c, const struct dossier_rec *d, int expected_version,
			      struct mc_error *err)
{
	struct pg_params p = {0};
	PGresult *res;
	enum mc_err rc;

	view_params(&p, d);
	pg_p_text(&p, d->doc, false); /* NULL keeps the document */
	pg_p_i64(&p, d->id);
	pg_p_i64(&p, expected_version);
	if ((rc = pg_run(pgc(c), &st_update, &p, &res, err)))
		return rc;
	if (pg_changes(res) == 0)
		rc = mc_fail(err, MC_ECONFLICT, "version", "Hồ sơ vừa được người khác cập nhật; vui lòng tải lại và thử lại",
			     "Someone else has just updated this dossier; reload and try again");
	PQclear(res);
	return rc;
}

enum mc_err pg_dossier_event_insert(struct store_conn *c, const struct dossier_event_rec *e, struct mc_error *err)
{
	struct pg_params p = {0};

	pg_p_i64(&p, e->dossier_id);
	pg_p_i64(&p, e->seq);
	pg_p_text(&p, e->kind, false);
	pg_p_i64(&p, e->at);
	pg_p_i64(&p, e->actor_id);
	pg_p_i64(&p, e->unit_id);
	pg_p_i64(&p, e->step);
	pg_p_text(&p, e->data ? e->data : "{}", false);
	return pg_run(pgc(c), &st_event_insert, &p, NULL, err);
}

static void read_dossier(const PGresult *res, int r, struct dossier_rec *d)
{
	memset(d, 0, sizeof *d);
	d->id = pg_col_i64(res, r, 0);
	pg_col_text(res, r, 1, d->code, sizeof d->code);
	pg_col_text(res, r, 2, d->procedure_code, sizeof d->procedure_code);
	d->procedure_version = (int)pg_col_i64(res, r, 3);
	d->receiving_unit_id = pg_col_i64(res, r, 4);
	d->desk_unit_id = pg_col_i64(res, r, 5);
	d->resolving_unit_id = pg_col_i64(res, r, 6);
	pg_col_text(res, r, 7, d->channel, sizeof d->channel);
	pg_col_text(res, r, 8, d->applicant_kind, sizeof d->applicant_kind);
	pg_col_text(res, r, 9, d->applicant_name, sizeof d->applicant_name);
	pg_col_text(res, r, 10, d->applicant_folded, sizeof d->applicant_folded);
	pg_col_text(res, r, 11, d->applicant_id, sizeof d->applicant_id);
	pg_col_text(res, r, 12, d->applicant_phone, sizeof d->applicant_phone);
	pg_col_text(res, r, 13, d->applicant_email, sizeof d->applicant_email);
	d->citizen_id = pg_col_i64(res, r, 14);
	d->doc = PQgetisnull(res, r, 15) ? NULL : PQgetvalue(res, r, 15); /* borrowed from res; NULL: without_doc */
	pg_col_text(res, r, 16, d->state, sizeof d->state);
	d->step = (int)pg_col_i64(res, r, 17);
	d->step_unit_id = pg_col_i64(res, r, 18);
	pg_col_text(res, r, 19, d->step_role, sizeof d->step_role);
	d->assignee_id = pg_col_i64(res, r, 20);
	d->received_at = pg_col_i64(res, r, 21);
	d->legal_due = pg_col_i64(res, r, 22);
	d->appointment = pg_col_i64(res, r, 23);
	d->finished_at = pg_col_i64(res, r, 24);
	d->returned_at = pg_col_i64(res, r, 25);
	d->closed_at = pg_col_i64(res, r, 26);
	d->supplement_count = (int)pg_col_i64(res, r, 27);
	d->apology_count = (int)pg_col_i64(res, r, 28);
	d->version = (int)pg_col_i64(res, r, 29);
	d->created_at = pg_col_i64(res, r, 30);
	d->updated_at = pg_col_i64(res, r, 31);
	pg_col_text(res, r, 32, d->step_unit_path, sizeof d->step_unit_path);
	pg_col_text(res, r, 33, d->receiving_unit_path, sizeof d->receiving_unit_path);
	pg_col_text(res, r, 34, d->resolving_unit_path, sizeof d->resolving_unit_path);
	d->opinion_unit_id = pg_col_i64(res, r, 35);
}

enum mc_err pg_dossier_get(struct store_conn *c, const char *code, struct dossier_rec *out, struct mc_error *err)
{
	struct pg_params p = {0};
	PGresult *res;
	enum mc_err rc;

	pg_p_text(&p, code, false);
	if ((rc = pg_run(pgc(c), &st_get, &p, &res, err)))
		return rc;
	if (PQntuples(res) == 0) {
		PQclear(res);
		return mc_fail(err, MC_ENOTFOUND, "code", "Không tìm thấy hồ sơ", "Dossier not found");
	}
	read_dossier(res, 0, out);
	out->doc = strdup(out->doc);
	PQclear(res);
	return out->doc ? MC_OK : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
}

enum mc_err pg_dossier_events(struct store_conn *c, int64_t dossier_id, store_dossier_event_cb cb, void *ctx,
			      struct mc_error *err)
{
	struct pg_params p = {0};
	struct dossier_event_rec e;
	PGresult *res;
	enum mc_err rc;
	int stop = 0;

	pg_p_i64(&p, dossier_id);
	if ((rc = pg_run(pgc(c), &st_events, &p, &res, err)))
		return rc;
	for (int r = 0; r < PQntuples(res) && !stop; r++) {
		memset(&e, 0, sizeof e);
		e.dossier_id = pg_col_i64(res, r, 0);
		e.seq = (int)pg_col_i64(res, r, 1);
		pg_col_text(res, r, 2, e.kind, sizeof e.kind);
		e.at = pg_col_i64(res, r, 3);
		e.actor_id = pg_col_i64(res, r, 4);
		e.unit_id = pg_col_i64(res, r, 5);
		e.step = (int)pg_col_i64(res, r, 6);
		e.data = PQgetvalue(res, r, 7); /* borrowed from res */
		stop = cb(ctx, &e);
	}
	PQclear(res);
	return (enum mc_err)stop;
}

/* States as ",a,b," for one strpos() test, whatever their number. */
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

/* Beyond this many units (a district of the bench's province has 32, a
 * commune 2), the subtree's dossiers of all years outnumber the period's
 * candidates of the whole province: the plain statement is then no slower. */
#define SUBTREE_UNITS_MAX 8

/* The ids of the units of the subtree `path` as "{1,2}" in out, or "" when
 * there are more than SUBTREE_UNITS_MAX. */
static enum mc_err subtree_units(struct pg_conn *q, const char *path, char *out, size_t n, struct mc_error *err)
{
	struct pg_params p = {0};
	PGresult *res;
	enum mc_err rc;
	size_t k = 0;
	int rows;

	pg_p_text(&p, path, false);
	pg_p_i64(&p, SUBTREE_UNITS_MAX + 1);
	if ((rc = pg_run(q, &st_subtree_units, &p, &res, err)))
		return rc;
	rows = PQntuples(res);
	out[k++] = '{';
	for (int r = 0; r < rows && r < SUBTREE_UNITS_MAX; r++)
		k += (size_t)snprintf(out + k, n - k, "%s%lld", r ? "," : "", (long long)pg_col_i64(res, r, 0));
	snprintf(out + k, n - k, "}");
	PQclear(res);
	if (rows > SUBTREE_UNITS_MAX)
		out[0] = '\0';
	return MC_OK;
}

enum mc_err pg_dossier_list(struct store_conn *c, const struct dossier_filter *f, store_dossier_cb cb, void *ctx,
			    int64_t *total_out, struct mc_error *err)
{
	struct pg_conn *q = pgc(c);
	struct pg_params p = {0};
	struct dossier_rec d;
	char states[512], units[32 * (SUBTREE_UNITS_MAX + 1)] = "";
	PGresult *res;
	enum mc_err rc;
	int stop = 0;

	state_set(f->states, states, sizeof states);
	if (f->active_since && f->any_unit_path && *f->any_unit_path &&
	    (rc = subtree_units(q, f->any_unit_path, units, sizeof units, err)))
		return rc;
	pg_p_text(&p, f->step_unit_path, true);
	pg_p_text(&p, f->receiving_unit_path, true);
	pg_p_text(&p, f->any_unit_path, true);
	pg_p_text(&p, states, true);
	pg_p_i64(&p, f->assignee_id);
	pg_p_i64(&p, f->citizen_id);
	pg_p_i64(&p, f->received_from);
	pg_p_i64(&p, f->received_to);
	pg_p_text(&p, f->code_prefix, true);
	pg_p_text(&p, f->applicant_folded, true);
	if (total_out) {
		struct pg_params pc = p; /* the same ten, then active_since as $11 */

		for (int i = 0; i < pc.n; i++)
			if (p.v[i] == p.num[i])
				pc.v[i] = pc.num[i];
		pg_p_i64(&pc, f->active_since);
		pg_p_text(&pc, f->opinion_unit_path, true);
		if (units[0])
			pg_p_text(&pc, units, false);
		if ((rc = pg_run(q, units[0] ? &st_count_units : &st_count, &pc, &res, err)))
			return rc;
		*total_out = pg_col_i64(res, 0, 0);
		PQclear(res);
	}
	pg_p_i64(&p, f->order);
	if (f->limit > 0)
		pg_p_i64(&p, f->limit);
	else
		pg_p_null(&p); /* LIMIT NULL: no limit */
	pg_p_i64(&p, f->offset > 0 ? f->offset : 0);
	pg_p_i64(&p, f->active_since);
	pg_p_text(&p, f->opinion_unit_path, true);
	if (units[0])
		pg_p_text(&p, units, false);
	if ((rc = pg_run(q, units[0] ? (f->without_doc ? &st_list_units_nodoc : &st_list_units)
				     : f->without_doc ? &st_list_nodoc : &st_list, &p, &res, err)))
		return rc;
	for (int r = 0; r < PQntuples(res) && !stop; r++) {
		read_dossier(res, r, &d);
		stop = cb(ctx, &d);
	}
	PQclear(res);
	return (enum mc_err)stop;
}
