/*
 * report.c (service) - the resolution report (Biểu số 06/VPCP/KSTT), its
 * drill-down, CSV and text forms, and the public transparency figures.
 *
 * One pass over the cached view of the dossiers received before the
 * period's end (store_dossier_list, oldest first).  Per dossier: a first
 * classification without the catalog rejects most old dossiers at once;
 * only the counted ones are mapped to (level, field) through a per-call
 * cache of procedures; only those still in progress at the period's end
 * that ever waited for a supplement have their events read, to know the
 * deadline in force then; only transfers look up the dossier they came
 * from.  Nothing is allocated per dossier except in those rare cases.
 */
#include "service/report.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/caldate.h"
#include "domain/timefmt.h"
#include "forms/forms.h"

#define PROC_CACHE 1024 /* power of two; beyond it, lookups go to the store */
#define MAX_PERIOD_DAYS 3660

/* ---------------------------------------------------------------- period */

enum mc_err svc_report_period(const char *from, const char *to, struct svc_report_query *q, struct mc_error *err)
{
	if (!from || !*from || caldate_parse(from, 0, &q->from_day))
		return mc_fail(err, MC_EINVAL, "from", "Ngày đầu kỳ (from) phải có dạng YYYY-MM-DD",
			       "The start of the period (from) must be a date YYYY-MM-DD");
	if (!to || !*to || caldate_parse(to, 0, &q->to_day))
		return mc_fail(err, MC_EINVAL, "to", "Ngày cuối kỳ (to) phải có dạng YYYY-MM-DD",
			       "The end of the period (to) must be a date YYYY-MM-DD");
	if (q->to_day < q->from_day)
		return mc_fail(err, MC_EINVAL, "to", "Ngày cuối kỳ phải không sớm hơn ngày đầu kỳ",
			       "The end of the period cannot be before its start");
	if (q->to_day - q->from_day >= MAX_PERIOD_DAYS)
		return mc_fail(err, MC_EINVAL, "to", "Kỳ báo cáo dài tối đa 10 năm",
			       "A period is at most 10 years long");
	return MC_OK;
}

/* ------------------------------------------------------------ the context */

struct field_info {
	char code[64];
	char name[256];
	char name_en[256];
	int position;
};

struct proc_entry {
	char code[32];
	int version;           /* 0 = empty slot */
	enum report_level level;
	char field[64];
};

struct unit_info {
	int64_t id;
	char code[64];
	char name[256];
	char kind[16];
};

struct rep {
	struct store_conn *c;
	struct unit_rec unit;
	struct workcal *cal;
	struct report_table t;
	struct field_info *fields;
	size_t nfields;
	struct proc_entry procs[PROC_CACHE];
	struct proc_entry scratch; /* the answer when the cache is full there */
	/* drill-down: only the dossiers of this cell are listed */
	const struct report_cell *cell;
	json_t *dossiers;
	/* transparency: a second table by receiving unit, and the units */
	struct report_table *by_unit;
	struct unit_info *units;
	size_t nunits;
	enum mc_err rc;
	struct mc_error *err;
};

static int add_field(void *ctx, const struct field_rec *f)
{
	struct rep *x = ctx;
	struct field_info *n;

	if (!(x->nfields & (x->nfields + 1)) || !x->fields) {
		/* grow at 1, 3, 7, ... entries: doubling */
		n = realloc(x->fields, (x->nfields + 1) * 2 * sizeof *n);
		if (!n)
			return MC_ENOMEM;
		x->fields = n;
	}
	n = &x->fields[x->nfields++];
	snprintf(n->code, sizeof n->code, "%s", f->code);
	snprintf(n->name, sizeof n->name, "%s", f->name);
	snprintf(n->name_en, sizeof n->name_en, "%s", f->name_en);
	n->position = f->position;
	return 0;
}

static const struct field_info *field_find(const struct rep *x, const char *code)
{
	for (size_t i = 0; i < x->nfields; i++)
		if (!strcmp(x->fields[i].code, code))
			return &x->fields[i];
	return NULL;
}

static int field_rank(void *ctx, const char *code)
{
	const struct field_info *f = field_find(ctx, code);

	return f ? f->position : INT_MAX;
}

static int first_unit(void *ctx, const struct unit_rec *u)
{
	*(struct unit_rec *)ctx = *u;
	return 1; /* the root comes first in path order */
}

static enum mc_err find_unit(struct store_conn *c, const char *code, struct unit_rec *out, struct mc_error *err)
{
	enum mc_err rc;

	memset(out, 0, sizeof *out);
	if (code && *code) {
		rc = store_unit_get_by_code(c, code, out, err);
		if (rc == MC_ENOTFOUND)
			return mc_failf(err, MC_ENOTFOUND, "unit", "Không có đơn vị '%s'", "No unit '%s'", code);
		return rc;
	}
	rc = store_unit_list(c, first_unit, out, err);
	if (rc && rc != 1)
		return rc;
	return out->id ? MC_OK : mc_fail(err, MC_ENOTFOUND, "unit", "Chưa có đơn vị nào", "There is no unit yet");
}

/* Calendar for local dates only (classification needs the unit's offset,
 * not its holidays), the table, and the fields. */
static enum mc_err rep_open(struct rep *x, struct store_conn *c, const struct unit_rec *unit, int64_t from,
			    int64_t to, struct mc_error *err)
{
	struct workcal_config cfg;
	int y0, y1, m, d;
	enum mc_err rc;

	x->c = c;
	x->err = err;
	x->unit = *unit;
	caldate_to_ymd((int32_t)(from / 86400), &y0, &m, &d);
	caldate_to_ymd((int32_t)(to / 86400), &y1, &m, &d);
	workcal_config_default(&cfg, y0, y1);
	cfg.utc_offset_min = unit->utc_offset_min;
	if ((rc = workcal_new(&cfg, &x->cal, err)) || (rc = report_table_init(&x->t, x->cal, from, to, err)))
		return rc;
	rc = store_field_list(c, add_field, x, err);
	if (rc == MC_ENOMEM)
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	return rc;
}

static void rep_close(struct rep *x)
{
	report_table_release(&x->t);
	workcal_free(x->cal);
	free(x->fields);
	free(x->units);
	json_decref(x->dossiers);
}

static size_t proc_hash(const char *code, int version)
{
	uint32_t h = 2166136261u ^ (uint32_t)version;

	for (const unsigned char *p = (const unsigned char *)code; *p; p++)
		h = (h ^ *p) * 16777619u;
	return h & (PROC_CACHE - 1);
}

/* The level and field of a procedure version: the catalog as it was when
 * the dossier was received, so a later re-levelling does not rewrite old
 * reports.  Unknown procedures are counted under "other". */
static void proc_lookup(struct rep *x, const char *code, int version, enum report_level *level, const char **field)
{
	size_t s = proc_hash(code, version), probes = 0;
	struct procedure_rec p;
	struct proc_entry *e = NULL;

	for (; probes < 16; probes++, s = (s + 1) & (PROC_CACHE - 1)) {
		e = &x->procs[s];
		if (!e->version)
			break;
		if (e->version == version && !strcmp(e->code, code)) {
			*level = e->level;
			*field = e->field;
			return;
		}
	}
	if (probes == 16 || !e || e->version)
		e = NULL; /* cache full around here: look it up each time */
	memset(&p, 0, sizeof p);
	if (store_procedure_get(x->c, code, version, &p, NULL) &&
	    store_procedure_get(x->c, code, 0, &p, NULL)) {
		*level = REPORT_OTHER;
		*field = "";
		return;
	}
	free(p.doc);
	if (!e)
		e = &x->scratch; /* valid until the next lookup: used at once */
	snprintf(e->code, sizeof e->code, "%s", code);
	e->version = version ? version : p.version;
	e->level = report_level_parse(p.level);
	snprintf(e->field, sizeof e->field, "%s", p.field);
	*level = e->level;
	*field = e->field;
}

/* ------------------------------------------------------ one dossier at a time */

static int clock_event(void *ctx, const struct dossier_event_rec *e)
{
	struct report_clock *k = ctx;
	int kind = dossier_event_parse(e->kind);
	int64_t na = 0;

	if (kind == DOSSIER_EV_INTAKE || kind == DOSSIER_EV_ACCEPT || kind == DOSSIER_EV_SUPPLEMENT_RECEIVED) {
		json_t *j = e->data ? json_loads(e->data, 0, NULL) : NULL;

		na = json_integer_value(json_object_get(j, "new_appointment"));
		json_decref(j);
	}
	if (kind > 0)
		report_clock_event(k, (enum dossier_event_kind)kind, e->at, na);
	return 0;
}

/* A transfer counts in the channel the citizen used at the first unit. */
static enum report_channel origin_channel(struct rep *x, const struct dossier_rec *d)
{
	struct dossier_rec full;
	json_t *doc = NULL;

	/* rows come without their document: read it for the rare transfer */
	if (store_dossier_get(x->c, d->code, &full, NULL) == MC_OK) {
		doc = json_loads(full.doc, 0, NULL);
		free(full.doc);
	}
	const char *from = json_string_value(json_object_get(doc, "transferred_from"));
	struct dossier_rec o;
	enum report_channel ch = REPORT_TRANSFER;

	if (from && store_dossier_get(x->c, from, &o, NULL) == MC_OK) {
		if (!strcmp(o.channel, "online"))
			ch = REPORT_ONLINE;
		free(o.doc);
	}
	json_decref(doc);
	return ch;
}

static bool under(const char *path, const char *root)
{
	return path[0] && !strncmp(path, root, strlen(root));
}

static bool in_scope(const struct rep *x, const struct dossier_rec *d)
{
	if (!strcmp(x->unit.kind, "desk"))
		return d->desk_unit_id == x->unit.id; /* a desk reports what it received */
	return under(d->receiving_unit_path, x->unit.path) || under(d->resolving_unit_path, x->unit.path);
}

static json_t *when(int64_t t, int off)
{
	char buf[32];

	return t ? json_string(timefmt_local(t, off, buf)) : json_null();
}

static const struct unit_info *unit_by_id(const struct rep *x, int64_t id)
{
	size_t lo = 0, hi = x->nunits;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (x->units[mid].id == id)
			return &x->units[mid];
		if (x->units[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static enum report_level level_of_kind(const char *kind)
{
	return !strcmp(kind, "province") ? REPORT_PROVINCE : !strcmp(kind, "commune") ? REPORT_COMMUNE
			: !strcmp(kind, "district") ? REPORT_DISTRICT : REPORT_OTHER;
}

static int on_dossier(void *ctx, const struct dossier_rec *d)
{
	struct rep *x = ctx;
	struct report_row r = {0};
	int state = dossier_state_parse(d->state);
	unsigned bits;

	if (state < 0 || (!x->by_unit && !in_scope(x, d)))
		return 0;
	r.state = (enum dossier_state)state;
	r.channel = report_channel_parse(d->channel);
	r.received_at = d->received_at;
	r.legal_due = d->legal_due;
	r.finished_at = d->finished_at;
	r.closed_at = d->closed_at;
	r.level = REPORT_OTHER;
	/* most old dossiers stop here, before any lookup */
	if (!(bits = report_classify(&x->t, &r)))
		return 0;
	if ((bits & (1u << REPORT_PENDING)) && d->supplement_count > 0) {
		/* the deadline in force at the period's end, and whether the
		 * citizen was being waited for then */
		struct report_clock k;

		report_clock_init(&k, x->t.to);
		if ((x->rc = store_dossier_events(x->c, d->id, clock_event, &k, x->err)))
			return 1;
		if (k.legal_due)
			r.legal_due = k.legal_due;
		r.paused_since = k.paused_since;
	}
	if (r.channel == REPORT_TRANSFER)
		r.channel = origin_channel(x, d);
	proc_lookup(x, d->procedure_code, d->procedure_version, &r.level, &r.field);

	if (x->cell) {
		int off = x->unit.utc_offset_min;

		if (report_cell_matches(&x->t, x->cell, &r))
			json_array_append_new(
				x->dossiers,
				json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o}", "code", d->code, "procedure_code",
					  d->procedure_code, "state", d->state, "channel", d->channel, "received_at",
					  when(d->received_at, off), "legal_due", when(r.legal_due, off), "finished_at",
					  when(d->finished_at, off), "closed_at", when(d->closed_at, off)));
		return 0;
	}
	if (x->by_unit) {
		/* transparency: by field across levels, and by receiving unit */
		const struct unit_info *u = unit_by_id(x, d->receiving_unit_id);

		if ((x->rc = report_table_add_as(&x->t, &r, REPORT_OTHER, r.field, x->err)) ||
		    (u && (x->rc = report_table_add_as(x->by_unit, &r, level_of_kind(u->kind), u->code, x->err))))
			return 1;
		return 0;
	}
	if ((x->rc = report_table_add(&x->t, &r, x->err)))
		return 1;
	return 0;
}

static enum mc_err stream(struct rep *x, const char *path)
{
	struct dossier_filter f = {0};
	enum mc_err rc;

	f.any_unit_path = path;
	f.received_to = x->t.to;
	/* Only what the period can count: received before its end and not
	 * finished (nor closed) before its start; no document, no ordering. */
	f.active_since = x->t.from;
	f.without_doc = true;
	f.order = 2;
	rc = store_dossier_list(x->c, &f, on_dossier, x, NULL, x->err);
	if (x->rc)
		return x->rc;
	return rc;
}

/* --------------------------------------------------------------- rendering */

static void put_cells(json_t *o, const struct report_line *l)
{
	for (int c = 0; c < REPORT__COLS; c++)
		json_object_set_new(o, report_col_name((enum report_col)c), json_integer(l->n[c]));
}

static json_t *columns_json(void)
{
	json_t *a = json_array();

	for (int c = 0; c < REPORT__COLS; c++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "key", report_col_name((enum report_col)c), "vi",
						   report_col_vi((enum report_col)c), "en",
						   report_col_en((enum report_col)c)));
	return a;
}

static const char *field_name(const struct rep *x, const char *code, bool en)
{
	const struct field_info *f = field_find(x, code);

	if (f)
		return en ? f->name_en : f->name;
	return en ? "No field" : "Không xác định lĩnh vực";
}

static void day_text(int32_t day, char *buf)
{
	caldate_format(day, buf);
}

static enum mc_err period_instants(const struct unit_rec *u, const struct svc_report_query *q, int64_t *from,
				   int64_t *to)
{
	*from = (int64_t)q->from_day * 86400 - (int64_t)u->utc_offset_min * 60;
	*to = ((int64_t)q->to_day + 1) * 86400 - (int64_t)u->utc_offset_min * 60;
	return MC_OK;
}

enum mc_err svc_report_resolution(struct store_conn *c, const struct svc_report_query *q, json_t **out,
				  struct mc_error *err)
{
	struct rep *x = calloc(1, sizeof *x);
	struct unit_rec unit;
	int64_t from, to;
	json_t *rows, *totals, *total;
	char d0[11], d1[11];
	enum mc_err rc;

	if (!x)
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	if ((rc = find_unit(c, q->unit, &unit, err)))
		goto done;
	period_instants(&unit, q, &from, &to);
	if ((rc = rep_open(x, c, &unit, from, to, err)) || (rc = stream(x, unit.path)))
		goto done;
	report_table_sort(&x->t, field_rank, x);
	rows = json_array();
	for (size_t i = 0; i < x->t.nlines; i++) {
		const struct report_line *l = &x->t.lines[i];
		const char *code = strcmp(l->field, "-") ? l->field : "";
		json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s}", "level", report_level_name(l->level), "level_name",
				      report_level_vi(l->level), "field", code, "field_name", field_name(x, code, false),
				      "field_name_en", field_name(x, code, true));

		put_cells(o, l);
		json_array_append_new(rows, o);
	}
	totals = json_array();
	for (int lv = 0; lv < REPORT__LEVELS; lv++) {
		const struct report_line *l = &x->t.level_total[lv];
		json_t *o;

		if (!l->n[REPORT_RECEIVED])
			continue;
		o = json_pack("{s:s, s:s, s:s}", "level", report_level_name(l->level), "level_name",
			      report_level_vi(l->level), "level_name_en", report_level_en(l->level));
		put_cells(o, l);
		json_array_append_new(totals, o);
	}
	total = json_object();
	put_cells(total, &x->t.total);
	day_text(q->from_day, d0);
	day_text(q->to_day, d1);
	*out = json_pack("{s:s, s:s, s:{s:s, s:s}, s:{s:s, s:s, s:s}, s:o, s:o, s:o, s:o}", "report", "resolution",
			 "form", "06/VPCP/KSTT", "period", "from", d0, "to", d1, "unit", "code", unit.code, "name",
			 unit.name, "name_en", unit.name_en, "columns", columns_json(), "rows", rows, "totals", totals,
			 "total", total);
	rc = *out ? MC_OK : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
done:
	rep_close(x);
	free(x);
	return rc;
}

enum mc_err svc_report_cell_dossiers(struct store_conn *c, const struct svc_report_query *q,
				     const struct report_cell *cell, json_t **out, struct mc_error *err)
{
	struct rep *x = calloc(1, sizeof *x);
	struct unit_rec unit;
	int64_t from, to;
	char d0[11], d1[11];
	enum mc_err rc;

	if (!x)
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	if ((unsigned)cell->col >= REPORT__COLS || (unsigned)cell->level > REPORT__LEVELS) {
		rc = mc_fail(err, MC_EINVAL, "column", "Ô báo cáo không hợp lệ", "Invalid report cell");
		goto done;
	}
	if ((rc = find_unit(c, q->unit, &unit, err)))
		goto done;
	period_instants(&unit, q, &from, &to);
	if ((rc = rep_open(x, c, &unit, from, to, err)))
		goto done;
	x->cell = cell;
	x->dossiers = json_array();
	if ((rc = stream(x, unit.path)))
		goto done;
	day_text(q->from_day, d0);
	day_text(q->to_day, d1);
	*out = json_pack("{s:{s:s, s:s}, s:{s:s, s:s}, s:{s:s, s:s, s:s, s:s}, s:I, s:O}", "period", "from", d0, "to",
			 d1, "unit", "code", unit.code, "name", unit.name, "cell", "level",
			 cell->level == REPORT__LEVELS ? "all" : report_level_name(cell->level), "field", cell->field,
			 "column", report_col_name(cell->col), "column_vi", report_col_vi(cell->col), "count",
			 (json_int_t)json_array_size(x->dossiers), "dossiers", x->dossiers);
	rc = *out ? MC_OK : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
done:
	rep_close(x);
	free(x);
	return rc;
}

/* ------------------------------------------------------------------- CSV */

static enum mc_err csv_text(struct buf *b, const char *s)
{
	enum mc_err rc = buf_puts(b, "\"");

	for (const char *p = s; !rc && *p; p++)
		rc = *p == '"' ? buf_puts(b, "\"\"") : buf_append(b, p, 1);
	return rc ? rc : buf_puts(b, "\"");
}

static const char *const roman[] = {"I", "II", "III", "IV", "V"};

/* One line of the form: its number, label, field code, then the counts. */
static json_t *form_line(const char *no, const char *label, const char *code, const json_t *cells)
{
	json_t *line = json_pack("[s, s, s]", no, label ? label : "", code ? code : "");

	for (int c = 0; line && c < REPORT__COLS; c++)
		json_array_append_new(line,
				      json_integer(json_integer_value(json_object_get(cells, report_col_name((enum report_col)c)))));
	return line;
}

enum mc_err svc_report_lines(const json_t *report, json_t **out, struct mc_error *err)
{
	json_t *rows = json_object_get(report, "rows"), *totals = json_object_get(report, "totals"), *t, *r;
	json_t *lines = json_array();
	bool bad = false; /* a line that could not be built (no memory) */
	size_t i, j;

	if (!lines)
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	json_array_foreach(totals, i, t) {
		const char *level = json_string_value(json_object_get(t, "level"));
		char no[16];
		int k = 0;

		/* as in the form: the level's heading row carries its sums */
		if (json_array_append_new(lines, form_line(i < 5 ? roman[i] : "",
							   json_string_value(json_object_get(t, "level_name")), "", t)))
			bad = true;
		json_array_foreach(rows, j, r) {
			if (strcmp(json_string_value(json_object_get(r, "level")), level))
				continue;
			snprintf(no, sizeof no, "%d", ++k);
			if (json_array_append_new(lines, form_line(no, json_string_value(json_object_get(r, "field_name")),
								   json_string_value(json_object_get(r, "field")), r)))
				bad = true;
		}
	}
	if (json_array_append_new(lines, form_line("", "Tổng cộng", "", json_object_get(report, "total"))))
		bad = true;
	if (bad) {
		json_decref(lines);
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	}
	*out = lines;
	return MC_OK;
}

/* The columns of the form's table for the spreadsheet and the CSV. */
static void form_columns(struct forms_column cols[3 + REPORT__COLS])
{
	cols[0] = (struct forms_column){"STT", 6, FORMS_COL_TEXT};
	cols[1] = (struct forms_column){"Lĩnh vực, cấp giải quyết", 40, FORMS_COL_TEXT};
	cols[2] = (struct forms_column){"Mã lĩnh vực", 12, FORMS_COL_TEXT};
	for (int c = 0; c < REPORT__COLS; c++)
		cols[3 + c] = (struct forms_column){report_col_vi((enum report_col)c), 14, FORMS_COL_NUMBER};
}

/* Every text quoted (the form's titles hold commas), counts bare: the CSV a
 * spreadsheet opens as the form, and that tests read line by line. */
enum mc_err svc_report_csv(json_t *report, struct buf *out, struct mc_error *err)
{
	struct forms_column cols[3 + REPORT__COLS];
	json_t *lines, *line;
	size_t i;
	enum mc_err rc;

	if ((rc = svc_report_lines(report, &lines, err)))
		return rc;
	form_columns(cols);
	rc = buf_puts(out, "\xEF\xBB\xBF");
	for (int c = 0; !rc && c < 3 + REPORT__COLS; c++)
		if ((c && (rc = buf_puts(out, ","))) || (rc = csv_text(out, cols[c].title)))
			break;
	if (!rc)
		rc = buf_puts(out, "\r\n");
	json_array_foreach(lines, i, line) {
		for (int c = 0; !rc && c < 3 + REPORT__COLS; c++) {
			json_t *v = json_array_get(line, (size_t)c);

			if (c && (rc = buf_puts(out, ",")))
				break;
			rc = c < 3 ? csv_text(out, json_string_value(v) ?: "")
				   : buf_printf(out, "%lld", (long long)json_integer_value(v));
		}
		if (rc || (rc = buf_puts(out, "\r\n")))
			break;
	}
	json_decref(lines);
	return rc ? mc_fail(err, rc, NULL, NULL, NULL) : MC_OK;
}

enum mc_err svc_report_xlsx(json_t *report, struct buf *out, struct mc_error *err)
{
	struct forms_column cols[3 + REPORT__COLS];
	json_t *unit = json_object_get(report, "unit"), *period = json_object_get(report, "period"), *lines;
	char title[600];
	enum mc_err rc;

	if ((rc = svc_report_lines(report, &lines, err)))
		return rc;
	form_columns(cols);
	snprintf(title, sizeof title, "Biểu số 06/VPCP/KSTT - Tình hình, kết quả giải quyết TTHC - %s (%s đến %s)",
		 json_string_value(json_object_get(unit, "name")) ?: "",
		 json_string_value(json_object_get(period, "from")) ?: "", json_string_value(json_object_get(period, "to")) ?: "");
	rc = forms_xlsx_table(title, cols, 3 + REPORT__COLS, lines, out, err);
	json_decref(lines);
	return rc;
}

enum mc_err svc_report_pdf(json_t *report, struct buf *out, struct mc_error *err)
{
	const char *titles[REPORT__COLS];
	json_t *lines;
	enum mc_err rc;

	if ((rc = svc_report_lines(report, &lines, err)))
		return rc;
	for (int c = 0; c < REPORT__COLS; c++)
		titles[c] = report_col_vi((enum report_col)c);
	rc = forms_report06(report, lines, titles, REPORT__COLS, out, err);
	json_decref(lines);
	return rc;
}

/* ------------------------------------------------------------- text table */

/* Append s padded with spaces to `width` characters (code points). */
static enum mc_err pad(struct buf *b, const char *s, int width)
{
	int n = 0;
	char cut[256];
	size_t k = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p && k < sizeof cut - 4; p++) {
		if ((*p & 0xC0) != 0x80) {
			if (n == width)
				break;
			n++;
		}
		cut[k++] = (char)*p;
	}
	cut[k] = '\0';
	if (buf_puts(b, cut))
		return MC_ENOMEM;
	for (; n < width; n++)
		if (buf_puts(b, " "))
			return MC_ENOMEM;
	return MC_OK;
}

static enum mc_err text_line(struct buf *b, const char *label, json_t *cells)
{
	enum mc_err rc = pad(b, label, 33);

	for (int c = 0; !rc && c < REPORT__COLS; c++)
		rc = buf_printf(b, "%7lld",
				(long long)json_integer_value(json_object_get(cells, report_col_name((enum report_col)c))));
	return rc ? rc : buf_puts(b, "\n");
}

enum mc_err svc_report_text(json_t *report, struct buf *out, struct mc_error *err)
{
	static const char *const heads[REPORT__COLS] = {"Tổng", "TT", "TT/BC", "Kỳ tr.", "Đã GQ", "Tr.hạn",
							 "Đ.hạn", "Q.hạn", "Rút/D", "Đang", "Tr.hạn", "Q.hạn"};
	json_t *rows = json_object_get(report, "rows"), *totals = json_object_get(report, "totals"), *t, *r;
	json_t *unit = json_object_get(report, "unit"), *period = json_object_get(report, "period");
	size_t i, j;
	enum mc_err rc;

	rc = buf_printf(out,
			"Tình hình, kết quả giải quyết TTHC (Biểu số 06/VPCP/KSTT)\n%s, từ %s đến %s\n"
			"Nhận: Tổng = TT (trực tuyến) + TT/BC (trực tiếp, bưu chính) + Kỳ tr. (kỳ trước chuyển qua)\n"
			"Đã GQ = Tr.hạn + Đ.hạn + Q.hạn + Rút/D (rút, dừng); Đang = Tr.hạn (trong hạn) + Q.hạn\n\n",
			json_string_value(json_object_get(unit, "name")), json_string_value(json_object_get(period, "from")),
			json_string_value(json_object_get(period, "to")));
	if (!rc)
		rc = pad(out, "Lĩnh vực", 33);
	for (int c = 0; !rc && c < REPORT__COLS; c++) {
		rc = buf_puts(out, " ");
		if (!rc)
			rc = pad(out, heads[c], 6);
	}
	if (!rc)
		rc = buf_puts(out, "\n");
	json_array_foreach(totals, i, t) {
		const char *level = json_string_value(json_object_get(t, "level"));
		char label[160];

		if (rc || (rc = buf_printf(out, "%s. %s\n", i < 5 ? roman[i] : "", json_string_value(json_object_get(t, "level_name")))))
			break;
		json_array_foreach(rows, j, r) {
			if (!strcmp(json_string_value(json_object_get(r, "level")), level) &&
			    (rc = text_line(out, json_string_value(json_object_get(r, "field_name")), r)))
				break;
		}
		snprintf(label, sizeof label, "Cộng %s", json_string_value(json_object_get(t, "level_name")));
		if (!rc)
			rc = text_line(out, label, t);
	}
	if (!rc)
		rc = text_line(out, "TỔNG CỘNG", json_object_get(report, "total"));
	return rc ? mc_fail(err, rc, NULL, NULL, NULL) : MC_OK;
}

/* ------------------------------------------------------------ transparency */

static int add_unit(void *ctx, const struct unit_rec *u)
{
	struct rep *x = ctx;
	struct unit_info *n;

	if (!(x->nunits & (x->nunits + 1)) || !x->units) {
		n = realloc(x->units, (x->nunits + 1) * 2 * sizeof *n);
		if (!n)
			return MC_ENOMEM;
		x->units = n;
	}
	n = &x->units[x->nunits++];
	n->id = u->id;
	snprintf(n->code, sizeof n->code, "%s", u->code);
	snprintf(n->name, sizeof n->name, "%s", u->name);
	snprintf(n->kind, sizeof n->kind, "%s", u->kind);
	return 0;
}

static int cmp_unit_id(const void *a, const void *b)
{
	const struct unit_info *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

static json_t *public_cells(const struct report_line *l)
{
	int pm = report_on_time_permille(l);

	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o}", "received", (json_int_t)l->n[REPORT_RECEIVED],
			 "resolved", (json_int_t)l->n[REPORT_RESOLVED], "early", (json_int_t)l->n[REPORT_EARLY], "on_time",
			 (json_int_t)l->n[REPORT_ON_TIME], "late", (json_int_t)l->n[REPORT_LATE], "withdrawn_stopped",
			 (json_int_t)l->n[REPORT_CLOSED], "pending", (json_int_t)l->n[REPORT_PENDING], "pending_overdue",
			 (json_int_t)l->n[REPORT_PENDING_OVERDUE], "on_time_rate",
			 pm < 0 ? json_null() : json_real(pm / 10.0));
}

enum mc_err svc_report_transparency(struct store_conn *c, int year, int64_t now, json_t **out,
				    struct mc_error *err)
{
	struct rep *x = calloc(1, sizeof *x);
	struct report_table by_unit = {0};
	struct unit_rec root;
	int64_t from, to;
	json_t *units, *fields;
	char d0[11], d1[11];
	enum mc_err rc;

	if (!x)
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	if ((rc = find_unit(c, NULL, &root, err)))
		goto done;
	if (year < 2000 || year > 9998 ||
	    (from = (int64_t)caldate_from_ymd(year, 1, 1) * 86400 - (int64_t)root.utc_offset_min * 60) > now) {
		rc = mc_fail(err, MC_EINVAL, "year", "Năm không hợp lệ hoặc chưa bắt đầu", "Invalid year, or not begun yet");
		goto done;
	}
	to = (int64_t)caldate_from_ymd(year + 1, 1, 1) * 86400 - (int64_t)root.utc_offset_min * 60;
	if (to > now)
		to = now + 1; /* the year so far, up to this second */
	if ((rc = rep_open(x, c, &root, from, to, err)) || (rc = report_table_init(&by_unit, x->cal, from, to, err)))
		goto done;
	if ((rc = store_unit_list(c, add_unit, x, err))) {
		rc = mc_fail(err, rc, NULL, NULL, NULL);
		goto done;
	}
	if (x->nunits)
		qsort(x->units, x->nunits, sizeof *x->units, cmp_unit_id);
	x->by_unit = &by_unit;
	if ((rc = stream(x, root.path)))
		goto done;
	report_table_sort(&by_unit, NULL, NULL);
	report_table_sort(&x->t, field_rank, x);
	units = json_array();
	for (size_t i = 0; i < by_unit.nlines; i++) {
		const struct report_line *l = &by_unit.lines[i];
		const char *name = "";
		json_t *o = public_cells(l);

		for (size_t k = 0; k < x->nunits; k++)
			if (!strcmp(x->units[k].code, l->field))
				name = x->units[k].name;
		json_object_set_new(o, "unit", json_string(l->field));
		json_object_set_new(o, "unit_name", json_string(name));
		json_object_set_new(o, "level", json_string(report_level_name(l->level)));
		json_array_append_new(units, o);
	}
	fields = json_array();
	for (size_t i = 0; i < x->t.nlines; i++) {
		const struct report_line *l = &x->t.lines[i];
		const char *code = strcmp(l->field, "-") ? l->field : "";
		json_t *o = public_cells(l);

		json_object_set_new(o, "field", json_string(code));
		json_object_set_new(o, "field_name", json_string(field_name(x, code, false)));
		json_object_set_new(o, "field_name_en", json_string(field_name(x, code, true)));
		json_array_append_new(fields, o);
	}
	caldate_format(caldate_from_ymd(year, 1, 1), d0);
	caldate_format((int32_t)((to - 1 + (int64_t)root.utc_offset_min * 60) / 86400), d1);
	*out = json_pack("{s:i, s:s, s:s, s:o, s:o, s:o}", "year", year, "from", d0, "to", d1, "units", units,
			 "fields", fields, "total", public_cells(&x->t.total));
	rc = *out ? MC_OK : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
done:
	report_table_release(&by_unit);
	rep_close(x);
	free(x);
	return rc;
}
