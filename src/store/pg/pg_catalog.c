/*
 * pg_catalog.c - the catalog of procedures on PostgreSQL: fields, the
 * current row of each procedure with its search vector, and every version.
 *
 * Full-text search mirrors SQLite's FTS5 table (sqlite_catalog.c) exactly:
 *
 *  - The indexed words are made here, in C, not by a text-search parser:
 *    each of the four parts (name, code, field name, body) is folded with
 *    fold_text() (idempotent on the parts the catalog already folded; the
 *    code arrives raw, "1.001612" -> "1 001612", as FTS5's unicode61 splits
 *    it) and written as a tsvector literal, 'word':position, which the
 *    statement casts and weights A, B, C, D.  PostgreSQL's own parser would
 *    split some [a-z0-9] words differently ("10e3x" is "10e3" and "x"), so
 *    it is not used.
 *  - The query from catalog_fts_query(), '"dang" "ky"*', becomes the tsquery
 *    literal  'dang' & 'ky':*  (a quoted string of several words becomes a
 *    phrase, 'a' <-> 'b'), cast with $1::tsquery.  Only folded [a-z0-9]
 *    words reach it, and it is a bound parameter: nothing typed by a person
 *    ever becomes SQL text.
 *  - Rank is -ts_rank({0.1, 0.2, 0.5, 1.0}, ...), lower is better like bm25,
 *    with the weights of SQLite's bm25(10, 5, 2, 1) scaled into ts_rank's
 *    [0, 1] (ts_rank takes them D, C, B, A) and normalisation 1 (divide by
 *    1 + log(length)), so that, as with bm25, a shorter text ranks a match
 *    higher.  Ties go to the lower id, as SQLite's sorter leaves them.
 *
 * procedure_put is one statement: the upsert that takes the next version
 * number (locking the row, so concurrent puts of one code queue and get 2,
 * 3, ...) and the insert of that version, in a data-modifying WITH.
 */
#include "store/pg/pg_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fold.h"

#define PROC_COLS "p.id, p.code, p.version, p.name, p.field, p.level, p.agency, p.online, p.status," \
		  " p.inter_level, p.updated_at"
#define PROC_FILTER                                                                                        \
	" AND ($2::text IS NULL OR p.level = $2) AND ($3::text IS NULL OR p.field = $3)"                  \
	" AND ($4::text IS NULL OR p.agency = $4) AND ($5::text IS NULL OR p.online = $5)"                \
	" AND ($6::text IS NULL OR strpos($6, ',' || p.status || ',') > 0)"
#define PROC_RANK "-ts_rank('{0.1, 0.2, 0.5, 1.0}', p.search, q, 1)"

static const struct pg_stmt st_field_put = {
	"field_put", "INSERT INTO fields(code, name, name_en, position) VALUES($1, $2, $3, $4)"
		     " ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en,"
		     " position = EXCLUDED.position"};
static const struct pg_stmt st_field_list = {
	"field_list", "SELECT code, name, name_en, position FROM fields ORDER BY position, code"};
static const struct pg_stmt st_proc_put = {
	"procedure_put",
	"WITH up AS (INSERT INTO procedures AS p(code, version, name, name_folded, field, level, agency, online,"
	"   status, inter_level, updated_at, doc, search)"
	"  VALUES($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, setweight($12::tsvector, 'A') ||"
	"   setweight($13::tsvector, 'B') || setweight($14::tsvector, 'C') || setweight($15::tsvector, 'D'))"
	"  ON CONFLICT (code) DO UPDATE SET version = p.version + 1, name = EXCLUDED.name,"
	"   name_folded = EXCLUDED.name_folded, field = EXCLUDED.field, level = EXCLUDED.level,"
	"   agency = EXCLUDED.agency, online = EXCLUDED.online, status = EXCLUDED.status,"
	"   inter_level = EXCLUDED.inter_level, updated_at = EXCLUDED.updated_at, doc = EXCLUDED.doc,"
	"   search = EXCLUDED.search"
	"  RETURNING id, version),"
	" v AS (INSERT INTO procedure_versions(code, version, doc, created_at, created_by)"
	"  SELECT $1, version, $11, $10, $16 FROM up)"
	" SELECT id, version FROM up"};
/* An older version: its own document; the current row's columns, which the
 * service replaces by what that document says. */
static const struct pg_stmt st_proc_get = {
	"procedure_get", "SELECT " PROC_COLS ", COALESCE(v.doc, p.doc), COALESCE(v.version, p.version)"
			 " FROM procedures p LEFT JOIN procedure_versions v ON v.code = p.code AND v.version = $2"
			 " WHERE p.code = $1 AND ($2::integer = 0 OR v.version IS NOT NULL)"};
static const struct pg_stmt st_proc_count = {
	"procedure_count", "SELECT count(*) FROM procedures p WHERE $1::text IS NULL" PROC_FILTER};
static const struct pg_stmt st_proc_count_fts = {
	"procedure_count_fts", "SELECT count(*) FROM procedures p WHERE p.search @@ $1::tsquery" PROC_FILTER};
static const struct pg_stmt st_proc_list = {
	"procedure_list", "SELECT " PROC_COLS ", p.doc, 0 FROM procedures p JOIN fields fl ON fl.code = p.field"
			  " WHERE $1::text IS NULL" PROC_FILTER
			  " ORDER BY fl.position, p.name_folded, p.id LIMIT $7::bigint OFFSET $8::bigint"};
static const struct pg_stmt st_proc_search = {
	"procedure_search", "SELECT " PROC_COLS ", p.doc, " PROC_RANK " AS rank"
			    " FROM procedures p, CAST($1 AS tsquery) q WHERE p.search @@ q" PROC_FILTER
			    " ORDER BY rank, p.id LIMIT $7::bigint OFFSET $8::bigint"};
static const struct pg_stmt st_proc_counts = {
	"procedure_counts", "SELECT level, field, online, status, count(*) FROM procedures"
			    " GROUP BY level, field, online, status ORDER BY level, field, online, status"};

enum mc_err pg_field_put(struct store_conn *c, const struct field_rec *f, struct mc_error *err)
{
	struct pg_params p = {0};

	pg_p_text(&p, f->code, false);
	pg_p_text(&p, f->name, false);
	pg_p_text(&p, f->name_en, false);
	pg_p_i64(&p, f->position);
	return pg_run(pgc(c), &st_field_put, &p, NULL, err);
}

enum mc_err pg_field_list(struct store_conn *c, store_field_cb cb, void *ctx, struct mc_error *err)
{
	struct field_rec f;
	PGresult *res;
	enum mc_err rc;
	int stop = 0;

	if ((rc = pg_run(pgc(c), &st_field_list, NULL, &res, err)))
		return rc;
	for (int r = 0; r < PQntuples(res) && !stop; r++) {
		memset(&f, 0, sizeof f);
		pg_col_text(res, r, 0, f.code, sizeof f.code);
		pg_col_text(res, r, 1, f.name, sizeof f.name);
		pg_col_text(res, r, 2, f.name_en, sizeof f.name_en);
		f.position = (int)pg_col_i64(res, r, 3);
		stop = cb(ctx, &f);
	}
	PQclear(res);
	return (enum mc_err)stop;
}

/* ---- the search vector and query ----------------------------------------- */

#define TS_MAXPOS 16383   /* PostgreSQL clamps positions there */
#define TS_MAXWORD 2046   /* longest lexeme it accepts */

/* The tsvector literal of one part: its folded words with their positions,
 * 'dang':1 'ky':2 ...  (folded words are [a-z0-9]: nothing to escape).
 * malloc'd; NULL when out of memory. */
static char *ts_vector_text(const char *s)
{
	size_t len = s ? strlen(s) : 0, k = 0;
	char *folded = malloc(len + 1), *out = malloc(5 * len + 16), *save = NULL, *w;
	int pos = 0;

	if (!folded || !out) {
		free(folded);
		free(out);
		return NULL;
	}
	fold_text(s ? s : "", folded, len + 1);
	out[0] = '\0';
	for (w = strtok_r(folded, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		size_t wl = strlen(w);

		if (pos < TS_MAXPOS)
			pos++;
		if (wl > TS_MAXWORD)
			continue; /* nobody types it; FTS5 would keep it, unmatched */
		k += (size_t)sprintf(out + k, "%s'%s':%d", k ? " " : "", w, pos);
	}
	free(folded);
	return out;
}

/* Append the words of one FTS5 string or bare word (its text is s[0..n)) to
 * the tsquery literal in out: a phrase of several words joined by <->, the
 * last one a prefix when prefix is set.  Returns false when it has no word
 * or out is full. */
static bool ts_add_phrase(const char *s, size_t n, bool prefix, char *out, size_t cap, size_t *k)
{
	char raw[512], folded[512], *save = NULL, *w;
	int words = 0, m;

	snprintf(raw, sizeof raw, "%.*s", (int)(n < sizeof raw ? n : sizeof raw - 1), s);
	fold_text(raw, folded, sizeof folded);
	if (!folded[0])
		return false;
	m = snprintf(out + *k, cap - *k, "%s(", *k ? " & " : "");
	if (m < 0 || (size_t)m >= cap - *k)
		return false;
	*k += (size_t)m;
	for (w = strtok_r(folded, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		m = snprintf(out + *k, cap - *k, "%s'%s'", words++ ? " <-> " : "", w);
		if (m < 0 || (size_t)m >= cap - *k)
			return false;
		*k += (size_t)m;
	}
	m = snprintf(out + *k, cap - *k, "%s)", prefix ? ":*" : "");
	if (m < 0 || (size_t)m >= cap - *k)
		return false;
	*k += (size_t)m;
	return true;
}

/* The tsquery literal for an FTS5 query of quoted strings ("" inside one is
 * a quote) and bare words, each optionally followed by * (a prefix): every
 * one must match.  False when there is nothing to search for (or the query
 * is too long), which matches no row. */
static bool ts_query_text(const char *fts, char *out, size_t cap)
{
	const char *s = fts;
	size_t k = 0;

	out[0] = '\0';
	while (*s) {
		char buf[512];
		size_t n = 0;
		bool prefix;

		if (*s == ' ' || *s == '*') {
			s++;
			continue;
		}
		if (*s == '"') {
			for (s++; *s; s++) {
				if (*s == '"' && s[1] == '"')
					s++;
				else if (*s == '"')
					break;
				if (n + 1 < sizeof buf)
					buf[n++] = *s;
			}
			if (*s == '"')
				s++;
		} else {
			for (; *s && *s != ' ' && *s != '"' && *s != '*'; s++)
				if (n + 1 < sizeof buf)
					buf[n++] = *s;
		}
		prefix = *s == '*';
		if (!ts_add_phrase(buf, n, prefix, out, cap, &k))
			return false;
	}
	return k > 0;
}

enum mc_err pg_procedure_put(struct store_conn *c, const struct procedure_rec *p, const struct procedure_text *t,
			     int64_t actor_id, int *version_out, struct mc_error *err)
{
	struct pg_params prm = {0};
	char *vec[4] = {ts_vector_text(t->name), ts_vector_text(t->code), ts_vector_text(t->field),
			ts_vector_text(t->body)};
	PGresult *res = NULL;
	enum mc_err rc = MC_OK;

	for (int i = 0; i < 4; i++)
		if (!vec[i])
			rc = mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	if (!rc) {
		pg_p_text(&prm, p->code, false);
		pg_p_text(&prm, p->name, false);
		pg_p_text(&prm, t->name ? t->name : "", false);
		pg_p_text(&prm, p->field, false);
		pg_p_text(&prm, p->level, false);
		pg_p_text(&prm, p->agency, false);
		pg_p_text(&prm, p->online, false);
		pg_p_text(&prm, p->status, false);
		pg_p_bool(&prm, p->inter_level);
		pg_p_i64(&prm, p->updated_at);
		pg_p_text(&prm, p->doc ? p->doc : "{}", false);
		for (int i = 0; i < 4; i++)
			pg_p_text(&prm, vec[i], false);
		pg_p_i64(&prm, actor_id);
		rc = pg_run(pgc(c), &st_proc_put, &prm, &res, err);
	}
	if (!rc) {
		if (version_out)
			*version_out = (int)pg_col_i64(res, 0, 1);
		PQclear(res);
	}
	for (int i = 0; i < 4; i++)
		free(vec[i]);
	return rc;
}

static void read_proc(const PGresult *res, int r, struct procedure_rec *p)
{
	memset(p, 0, sizeof *p);
	p->id = pg_col_i64(res, r, 0);
	pg_col_text(res, r, 1, p->code, sizeof p->code);
	p->version = (int)pg_col_i64(res, r, 2);
	pg_col_text(res, r, 3, p->name, sizeof p->name);
	pg_col_text(res, r, 4, p->field, sizeof p->field);
	pg_col_text(res, r, 5, p->level, sizeof p->level);
	pg_col_text(res, r, 6, p->agency, sizeof p->agency);
	pg_col_text(res, r, 7, p->online, sizeof p->online);
	pg_col_text(res, r, 8, p->status, sizeof p->status);
	p->inter_level = pg_col_bool(res, r, 9);
	p->updated_at = pg_col_i64(res, r, 10);
	p->doc = PQgetvalue(res, r, 11); /* borrowed from res */
}

enum mc_err pg_procedure_get(struct store_conn *c, const char *code, int version, struct procedure_rec *out,
			     struct mc_error *err)
{
	struct pg_params p = {0};
	PGresult *res;
	enum mc_err rc;

	pg_p_text(&p, code, false);
	pg_p_i64(&p, version);
	if ((rc = pg_run(pgc(c), &st_proc_get, &p, &res, err)))
		return rc;
	if (PQntuples(res) == 0) {
		PQclear(res);
		return mc_fail(err, MC_ENOTFOUND, "code", "Không tìm thấy thủ tục hành chính", "Procedure not found");
	}
	read_proc(res, 0, out);
	out->version = (int)pg_col_i64(res, 0, 12);
	out->doc = strdup(out->doc);
	PQclear(res);
	return out->doc ? MC_OK : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
}

/* Statuses as one text ",in_force,amended," for a strpos() test: a fixed SQL
 * text with one parameter, however many statuses are asked for. */
static void status_set(const char *const *statuses, char *out, size_t n)
{
	size_t k;

	out[0] = '\0';
	if (!statuses)
		return;
	k = (size_t)snprintf(out, n, ",");
	for (; *statuses && k < n; statuses++)
		k += (size_t)snprintf(out + k, n - k, "%s,", *statuses);
}

enum mc_err pg_procedure_search(struct store_conn *c, const struct procedure_query *qr, store_procedure_cb cb,
				void *ctx, int64_t *total_out, struct mc_error *err)
{
	struct pg_conn *q = pgc(c);
	bool fts = qr->fts && *qr->fts;
	char statuses[256], tsq[1024];
	struct procedure_rec p;
	struct pg_params prm = {0};
	PGresult *res;
	enum mc_err rc;
	int stop = 0;

	if (total_out)
		*total_out = 0;
	if (fts && !ts_query_text(qr->fts, tsq, sizeof tsq))
		return MC_OK; /* no word to look for: FTS5 matches nothing either */
	status_set(qr->statuses, statuses, sizeof statuses);
	pg_p_text(&prm, fts ? tsq : NULL, true);
	pg_p_text(&prm, qr->level, true);
	pg_p_text(&prm, qr->field, true);
	pg_p_text(&prm, qr->agency, true);
	pg_p_text(&prm, qr->online, true);
	pg_p_text(&prm, statuses, true);
	if (total_out) {
		if ((rc = pg_run(q, fts ? &st_proc_count_fts : &st_proc_count, &prm, &res, err)))
			return rc;
		*total_out = pg_col_i64(res, 0, 0);
		PQclear(res);
	}
	if (qr->limit > 0)
		pg_p_i64(&prm, qr->limit);
	else
		pg_p_null(&prm); /* LIMIT NULL: no limit */
	pg_p_i64(&prm, qr->offset > 0 ? qr->offset : 0);
	if ((rc = pg_run(q, fts ? &st_proc_search : &st_proc_list, &prm, &res, err)))
		return rc;
	for (int r = 0; r < PQntuples(res) && !stop; r++) {
		read_proc(res, r, &p);
		p.rank = strtod(PQgetvalue(res, r, 12), NULL);
		stop = cb(ctx, &p);
	}
	PQclear(res);
	return (enum mc_err)stop;
}

enum mc_err pg_procedure_counts(struct store_conn *c, store_procedure_count_cb cb, void *ctx, struct mc_error *err)
{
	struct procedure_count pc;
	PGresult *res;
	enum mc_err rc;
	int stop = 0;

	if ((rc = pg_run(pgc(c), &st_proc_counts, NULL, &res, err)))
		return rc;
	for (int r = 0; r < PQntuples(res) && !stop; r++) {
		memset(&pc, 0, sizeof pc);
		pg_col_text(res, r, 0, pc.level, sizeof pc.level);
		pg_col_text(res, r, 1, pc.field, sizeof pc.field);
		pg_col_text(res, r, 2, pc.online, sizeof pc.online);
		pg_col_text(res, r, 3, pc.status, sizeof pc.status);
		pc.count = pg_col_i64(res, r, 4);
		stop = cb(ctx, &pc);
	}
	PQclear(res);
	return (enum mc_err)stop;
}

/* ---- rebuilding a search entry (after `motcua db copy`) ------------------- */

static const struct pg_stmt st_proc_reindex = {
	"procedure_reindex",
	"UPDATE procedures SET search = setweight($2::tsvector, 'A') || setweight($3::tsvector, 'B') ||"
	" setweight($4::tsvector, 'C') || setweight($5::tsvector, 'D') WHERE code = $1"};

enum mc_err pg_procedure_reindex(struct store_conn *c, const char *code, const struct procedure_text *t,
				 struct mc_error *err)
{
	struct pg_params prm = {0};
	char *vec[4] = {ts_vector_text(t->name), ts_vector_text(t->code), ts_vector_text(t->field),
			ts_vector_text(t->body)};
	PGresult *res = NULL;
	enum mc_err rc = MC_OK;

	for (int i = 0; i < 4; i++)
		if (!vec[i])
			rc = mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	if (!rc) {
		pg_p_text(&prm, code, false);
		for (int i = 0; i < 4; i++)
			pg_p_text(&prm, vec[i], false);
		rc = pg_run(pgc(c), &st_proc_reindex, &prm, &res, err);
	}
	PQclear(res);
	for (int i = 0; i < 4; i++)
		free(vec[i]);
	return rc;
}
