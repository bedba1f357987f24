/*
 * quality.c (service) - the quality evaluation, the service index and the
 * leaders' dashboard over the store.  See service/quality.h for the answers
 * and docs/QUALITY.md for every rule.
 *
 * Each report makes one pass over the cached view of the dossiers of a
 * unit's subtree received before the period's end (store_dossier_list,
 * cached columns only), classifies them with the resolution report's own
 * rules (report_classify), and only then loads in full the dossiers it
 * must look into (history, procedure, calendar: svc_dossier_load) - after
 * the listing, never inside its callback.
 */
#include "service/quality.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/caldate.h"
#include "domain/catalog.h"
#include "domain/control_slip.h"
#include "domain/quality.h"
#include "domain/service_index.h"
#include "domain/timefmt.h"
#include "service/dossier.h"
#include "service/online.h"

/* ---------------------------------------------------------------- common */

static int first_unit(void *ctx, const struct unit_rec *u)
{
	*(struct unit_rec *)ctx = *u;
	return 1;
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

static bool under(const char *path, const char *root)
{
	return path[0] && !strncmp(path, root, strlen(root));
}

/* The same scope as the resolution report: a desk reports what it
 * received; any other unit what its subtree received or resolved. */
static bool in_scope(const struct unit_rec *u, const struct dossier_rec *d)
{
	if (!strcmp(u->kind, "desk"))
		return d->desk_unit_id == u->id;
	return under(d->receiving_unit_path, u->path) || under(d->resolving_unit_path, u->path);
}

static enum mc_err open_cal(const struct unit_rec *u, int64_t from, int64_t to, struct workcal **cal,
			    struct mc_error *err)
{
	struct workcal_config cfg;
	int y0, y1, m, d;

	caldate_to_ymd((int32_t)(from / 86400), &y0, &m, &d);
	caldate_to_ymd((int32_t)(to / 86400), &y1, &m, &d);
	workcal_config_default(&cfg, y0 - 1, y1 + 1);
	cfg.utc_offset_min = u->utc_offset_min;
	return workcal_new(&cfg, cal, err);
}

static void period_instants(const struct unit_rec *u, const struct svc_report_query *q, int64_t *from, int64_t *to)
{
	*from = (int64_t)q->from_day * 86400 - (int64_t)u->utc_offset_min * 60;
	*to = ((int64_t)q->to_day + 1) * 86400 - (int64_t)u->utc_offset_min * 60;
}

static json_t *period_json(const struct svc_report_query *q)
{
	char d0[11], d1[11];

	caldate_format(q->from_day, d0);
	caldate_format(q->to_day, d1);
	return json_pack("{s:s, s:s}", "from", d0, "to", d1);
}

static json_t *unit_json(const struct unit_rec *u)
{
	return json_pack("{s:s, s:s, s:s}", "code", u->code, "name", u->name, "name_en", u->name_en);
}

static json_t *r1(double v)
{
	return v < 0 ? json_null() : json_real(quality_round1(v));
}

/* The row the resolution report's rules need, from the cached view. */
static void row_of(const struct dossier_rec *d, struct report_row *r)
{
	int state = dossier_state_parse(d->state);

	memset(r, 0, sizeof *r);
	r->state = state < 0 ? DOSSIER_NONE : (enum dossier_state)state;
	r->channel = report_channel_parse(d->channel);
	r->received_at = d->received_at;
	r->legal_due = d->legal_due;
	r->finished_at = d->finished_at;
	r->closed_at = d->closed_at;
	r->level = REPORT_OTHER;
}

/* The deadline in force at the period's end, and a wait then (the
 * resolution report's clock, domain/report.h). */
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

static enum mc_err clock_at(struct store_conn *c, const struct dossier_rec *d, int64_t at, struct report_row *r,
			    struct mc_error *err)
{
	struct report_clock k;
	enum mc_err rc;

	report_clock_init(&k, at);
	if ((rc = store_dossier_events(c, d->id, clock_event, &k, err)))
		return rc;
	if (k.legal_due)
		r->legal_due = k.legal_due;
	r->paused_since = k.paused_since;
	return MC_OK;
}

/* Did the citizen submit online, here or at the body that transferred it? */
static bool origin_online(struct store_conn *c, const struct dossier_rec *d, json_t *doc)
{
	const char *from;
	struct dossier_rec o;
	bool online = false;

	if (!strcmp(d->channel, "online"))
		return true;
	if (strcmp(d->channel, "transfer"))
		return false;
	from = json_string_value(json_object_get(doc, "transferred_from"));
	if (from && store_dossier_get(c, from, &o, NULL) == MC_OK) {
		online = !strcmp(o.channel, "online");
		free(o.doc);
	}
	return online;
}

/* Grown-by-doubling arrays of plain records. */
#define GROW(arr, n, cap)                                                                   \
	((n) < (cap) ? 0                                                                    \
		     : ((cap) = (cap) ? (cap) * 2 : 16,                                     \
			((arr) = reallocarray_or_free((arr), (cap), sizeof *(arr))) ? 0 : -1))

static void *reallocarray_or_free(void *p, size_t n, size_t size)
{
	void *q = n && size <= SIZE_MAX / n ? realloc(p, n * size) : NULL;

	if (!q)
		free(p);
	return q;
}

/* -------------------------------------------------------------- settings */

enum mc_err svc_quality_settings_load(const char *path, json_t **out, struct mc_error *err)
{
	json_error_t je;

	*out = NULL;
	if (!path || !*path)
		return MC_OK;
	*out = json_load_file(path, 0, &je);
	if (!*out || !json_is_object(*out)) {
		json_decref(*out);
		*out = NULL;
		return mc_failf(err, MC_EINVAL, "settings", "Không đọc được tệp thiết lập %s: %s",
				"Cannot read the settings file %s: %s", path, je.text);
	}
	return MC_OK;
}

/* ------------------------------------------------------------- quality */

struct eval_item {
	char code[40];
	int64_t resolving_unit_id;
	enum workcal_status outcome;
};

struct acc_entry {
	int64_t id; /* unit or user */
	struct quality_acc acc;
};

struct qual {
	struct store_conn *c;
	struct unit_rec unit;
	struct report_table t;      /* for report_classify only */
	struct eval_item *items;
	size_t nitems, cap;
	enum mc_err rc;
	struct mc_error *err;
};

static int on_resolved(void *ctx, const struct dossier_rec *d)
{
	struct qual *x = ctx;
	struct report_row r;
	unsigned bits;
	enum workcal_status outcome;

	if (!in_scope(&x->unit, d))
		return 0;
	row_of(d, &r);
	bits = report_classify(&x->t, &r);
	if (bits & (1u << REPORT_EARLY))
		outcome = WORKCAL_EARLY;
	else if (bits & (1u << REPORT_ON_TIME))
		outcome = WORKCAL_ON_TIME;
	else if (bits & (1u << REPORT_LATE))
		outcome = WORKCAL_LATE;
	else
		return 0;
	if (GROW(x->items, x->nitems, x->cap)) {
		x->rc = mc_fail(x->err, MC_ENOMEM, NULL, NULL, NULL);
		return 1;
	}
	snprintf(x->items[x->nitems].code, sizeof x->items[0].code, "%s", d->code);
	x->items[x->nitems].resolving_unit_id = d->resolving_unit_id;
	x->items[x->nitems].outcome = outcome;
	x->nitems++;
	return 0;
}

static struct quality_acc *acc_for(struct acc_entry **arr, size_t *n, size_t *cap, int64_t id)
{
	for (size_t i = 0; i < *n; i++)
		if ((*arr)[i].id == id)
			return &(*arr)[i].acc;
	if (GROW(*arr, *n, *cap))
		return NULL;
	memset(&(*arr)[*n], 0, sizeof **arr);
	(*arr)[*n].id = id;
	return &(*arr)[(*n)++].acc;
}

/* The facts of one resolved dossier (domain/quality.h), and its officials. */
static enum mc_err dossier_facts(struct store_conn *c, const struct dossier_ctx *dx, enum workcal_status outcome,
				 struct quality_facts *f, struct mc_error *err)
{
	size_t cap = dx->nevents + 2, n = 0;
	struct control_slip_row *rows = calloc(cap, sizeof *rows);
	const char *online = dx->proc.online;
	json_t *rating = json_object_get(dx->doc, "rating"), *decision;
	const char *dn;
	char seen[DOSSIER_MAX_STEPS * 2][64];
	int nseen = 0;
	enum mc_err rc;

	if (!rows)
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	memset(f, 0, sizeof *f);
	f->outcome = outcome;
	rc = control_slip_build(dx->events, dx->nevents, dx->proc.steps, dx->proc.nsteps, dx->cal, dx->policy,
				dx->view.last_at, rows, cap, &n, err);
	if (rc) {
		free(rows);
		return rc;
	}
	for (size_t i = 0; i < n && i < cap; i++) {
		/* the steps after the result (handing it to the citizen) wait for
		 * the citizen, not for the units */
		if (!rows[i].done_at || rows[i].step > dx->dproc.result_step)
			continue;
		if (rows[i].status == WORKCAL_EARLY || rows[i].status == WORKCAL_ON_TIME || rows[i].status == WORKCAL_LATE)
			f->step_visits_done++;
		if (rows[i].status == WORKCAL_LATE)
			f->step_visits_late++;
	}
	free(rows);
	f->supplements = dx->view.supplement_count;
	f->transfers = json_string_value(json_object_get(dx->doc, "transferred_from")) ? 1 : 0;
	for (size_t i = 0; i < dx->nevents; i++) {
		const struct dossier_event *e = &dx->events[i];
		bool dup = false;

		if (e->kind != DOSSIER_EV_ASK_OPINION || !e->target_unit[0])
			continue;
		for (int k = 0; k < nseen && !dup; k++)
			dup = !strcmp(seen[k], e->target_unit);
		if (!dup && nseen < (int)(sizeof seen / sizeof seen[0]))
			snprintf(seen[nseen++], sizeof seen[0], "%s", e->target_unit);
	}
	f->opinion_bodies = nseen;
	f->inter_level = dx->proc.inter_level;
	f->at_desk = dx->rec.desk_unit_id != 0 && !strcmp(dx->desk.kind, "desk");
	f->published = catalog_status_open(dx->proc.status);
	decision = json_object_get(dx->proc_doc, "decision");
	dn = json_string_value(json_object_get(decision, "number"));
	f->has_decision = dn && *dn;
	f->online_submitted = origin_online(c, &dx->rec, dx->doc);
	f->offer = !strcmp(online, "full") ? QUALITY_OFFER_FULL : !strcmp(online, "partial") ? QUALITY_OFFER_PARTIAL
											  : QUALITY_OFFER_NONE;
	/* the citizen's rating (docs/ONLINE.md): "attitude" among the problems
	 * ticked -> 0; otherwise not satisfied -> 1, (very) satisfied -> 2.  An
	 * explicit doc.rating.attitude 0..2 (older documents) wins. */
	if (json_is_integer(json_object_get(rating, "attitude"))) {
		f->rating = (int)json_integer_value(json_object_get(rating, "attitude"));
	} else if (json_is_string(json_object_get(rating, "level"))) {
		const char *level = json_string_value(json_object_get(rating, "level"));
		json_t *pr;
		size_t k;
		bool bad = false;

		json_array_foreach(json_object_get(rating, "problems"), k, pr)
			bad |= json_is_string(pr) && !strcmp(json_string_value(pr), "attitude");
		f->rating = bad ? 0 : !strcmp(level, "not_satisfied") ? 1 : 2;
	} else {
		f->rating = -1;
	}
	f->feedback_on_time_pct = -1; /* no feedback (PAKN) module yet */
	return MC_OK;
}

static json_t *acc_json(const struct quality_settings *s, const struct quality_acc *a)
{
	double mean = quality_acc_mean(a);
	const struct quality_band *b = quality_band_of(s, quality_round1(mean));
	json_t *ind = json_object();

	for (int i = 0; i < QUALITY__COUNT; i++)
		json_object_set_new(ind, quality_ind_name((enum quality_ind)i),
				    r1(quality_acc_ind_mean(a, (enum quality_ind)i)));
	return json_pack("{s:I, s:o, s:s?, s:s?, s:s?, s:o}", "dossiers", (json_int_t)a->dossiers, "score", r1(mean),
			 "band", a->dossiers && b ? b->key : NULL, "band_vi", a->dossiers && b ? b->vi : NULL, "band_en",
			 a->dossiers && b ? b->en : NULL, "indicators", ind);
}

static int cmp_entry_score(const void *pa, const void *pb)
{
	const struct acc_entry *a = pa, *b = pb;
	double x = quality_acc_mean(&a->acc), y = quality_acc_mean(&b->acc);

	if (x != y)
		return x > y ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

enum mc_err svc_quality_report(struct store_conn *c, const struct svc_report_query *q, json_t *settings,
			       json_t **out, struct mc_error *err)
{
	struct qual x = {0};
	struct quality_settings s;
	struct workcal *cal = NULL;
	struct dossier_filter f = {0};
	struct quality_acc total = {0};
	struct acc_entry *agencies = NULL, *officials = NULL;
	size_t nag = 0, cag = 0, nof = 0, cof = 0;
	int64_t from, to;
	json_t *dossiers = NULL, *ja, *jo, *inds;
	enum mc_err rc;

	quality_settings_default(&s);
	if ((rc = quality_settings_apply(&s, json_object_get(settings, "quality"), err)) ||
	    (rc = find_unit(c, q->unit, &x.unit, err)))
		return rc;
	period_instants(&x.unit, q, &from, &to);
	if ((rc = open_cal(&x.unit, from, to, &cal, err)) || (rc = report_table_init(&x.t, cal, from, to, err)))
		goto done;
	x.c = c;
	x.err = err;
	f.any_unit_path = x.unit.path;
	f.received_to = to;
	f.order = 1;
	rc = store_dossier_list(c, &f, on_resolved, &x, NULL, err);
	if (x.rc || rc) {
		rc = x.rc ? x.rc : rc;
		goto done;
	}
	dossiers = json_array();
	for (size_t i = 0; i < x.nitems; i++) {
		struct dossier_ctx dx;
		struct quality_facts qf;
		int score[QUALITY__COUNT], scored = 0;
		json_t *js;
		int64_t actors[64];
		int nact = 0;
		struct quality_acc *a;

		if ((rc = svc_dossier_load(c, x.items[i].code, &dx, err)))
			goto done;
		rc = dossier_facts(c, &dx, x.items[i].outcome, &qf, err);
		for (size_t k = 0; !rc && k < dx.nevents; k++) {
			bool dup = false;

			if (!dx.events[k].actor_id)
				continue;
			for (int m = 0; m < nact && !dup; m++)
				dup = actors[m] == dx.events[k].actor_id;
			if (!dup && nact < 64)
				actors[nact++] = dx.events[k].actor_id;
		}
		svc_dossier_release(&dx);
		if (rc)
			goto done;
		if (!quality_score(&s, &qf, score))
			continue;
		js = json_object();
		for (int k = 0; k < QUALITY__COUNT; k++) {
			json_object_set_new(js, quality_ind_name((enum quality_ind)k),
					    score[k] == QUALITY_NOT_SCORED ? json_null() : json_integer(score[k]));
			scored += score[k] != QUALITY_NOT_SCORED;
		}
		{
			struct unit_rec ru;

			if (store_unit_get(c, x.items[i].resolving_unit_id, &ru, NULL))
				memset(&ru, 0, sizeof ru);
			json_array_append_new(dossiers,
					      json_pack("{s:s, s:s, s:s, s:o, s:i, s:o}", "code", x.items[i].code,
							"resolving_unit", ru.code, "outcome",
							workcal_status_name(x.items[i].outcome), "scores", js, "scored",
							scored, "total", r1(quality_total18(score))));
		}
		quality_acc_add(&total, score);
		if (!(a = acc_for(&agencies, &nag, &cag, x.items[i].resolving_unit_id))) {
			rc = mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
			goto done;
		}
		quality_acc_add(a, score);
		for (int m = 0; m < nact; m++) {
			if (!(a = acc_for(&officials, &nof, &cof, actors[m]))) {
				rc = mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
				goto done;
			}
			quality_acc_add(a, score);
		}
	}
	if (nag)
		qsort(agencies, nag, sizeof *agencies, cmp_entry_score);
	if (nof)
		qsort(officials, nof, sizeof *officials, cmp_entry_score);
	ja = json_array();
	for (size_t i = 0; i < nag; i++) {
		struct unit_rec u;
		json_t *o = acc_json(&s, &agencies[i].acc);

		if (store_unit_get(c, agencies[i].id, &u, NULL))
			memset(&u, 0, sizeof u);
		json_object_set_new(o, "unit", json_string(u.code));
		json_object_set_new(o, "unit_name", json_string(u.name));
		json_array_append_new(ja, o);
	}
	jo = json_array();
	for (size_t i = 0; i < nof; i++) {
		struct user_rec u;
		json_t *o = acc_json(&s, &officials[i].acc);

		if (store_user_get(c, officials[i].id, &u, NULL))
			memset(&u, 0, sizeof u);
		json_object_set_new(o, "user_id", json_integer(officials[i].id));
		json_object_set_new(o, "username", json_string(u.username));
		json_object_set_new(o, "full_name", json_string(u.full_name));
		json_array_append_new(jo, o);
	}
	inds = json_array();
	for (int i = 0; i < QUALITY__COUNT; i++)
		json_array_append_new(inds, json_pack("{s:s, s:s, s:s, s:o, s:I}", "key", quality_ind_name((enum quality_ind)i),
						      "vi", quality_ind_vi((enum quality_ind)i), "en",
						      quality_ind_en((enum quality_ind)i), "mean",
						      r1(quality_acc_ind_mean(&total, (enum quality_ind)i)), "scored",
						      (json_int_t)total.ind_n[i]));
	*out = json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:O}", "report", "quality", "period", period_json(q),
			 "unit", unit_json(&x.unit), "settings", quality_settings_json(&s), "indicators", inds, "total",
			 acc_json(&s, &total), "agencies", ja, "officials", jo, "dossiers", dossiers);
	rc = *out ? MC_OK : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
done:
	json_decref(dossiers);
	free(agencies);
	free(officials);
	free(x.items);
	report_table_release(&x.t);
	workcal_free(cal);
	return rc;
}

enum mc_err svc_quality_text(json_t *report, struct buf *out, struct mc_error *err)
{
	json_t *t = json_object_get(report, "total"), *v;
	size_t i;
	enum mc_err rc;

	rc = buf_printf(out, "Đánh giá chất lượng giải quyết TTHC / Quality of resolution\n%s, %s - %s\n\n",
			json_string_value(json_object_get(json_object_get(report, "unit"), "name")),
			json_string_value(json_object_get(json_object_get(report, "period"), "from")),
			json_string_value(json_object_get(json_object_get(report, "period"), "to")));
	json_array_foreach(json_object_get(report, "indicators"), i, v) {
		json_t *m = json_object_get(v, "mean");

		if (rc)
			break;
		if (json_is_null(m))
			rc = buf_printf(out, "%zu. %-70s  (không chấm / not scored)\n", i + 1,
					json_string_value(json_object_get(v, "vi")));
		else
			rc = buf_printf(out, "%zu. %-70s %4.1f\n", i + 1, json_string_value(json_object_get(v, "vi")),
					json_real_value(m));
	}
	if (!rc)
		rc = buf_printf(out, "\nSố hồ sơ / dossiers: %lld\n", (long long)json_integer_value(json_object_get(t, "dossiers")));
	if (!rc && json_is_real(json_object_get(t, "score")))
		rc = buf_printf(out, "Điểm / score: %.1f/18  %s\n", json_real_value(json_object_get(t, "score")),
				json_string_value(json_object_get(t, "band_vi")));
	json_array_foreach(json_object_get(report, "agencies"), i, v) {
		if (rc)
			break;
		rc = buf_printf(out, "  %-40s %5lld  %4.1f  %s\n", json_string_value(json_object_get(v, "unit_name")),
				(long long)json_integer_value(json_object_get(v, "dossiers")),
				json_real_value(json_object_get(v, "score")), json_string_value(json_object_get(v, "band_vi")));
	}
	return rc ? mc_fail(err, rc, NULL, NULL, NULL) : MC_OK;
}

/* ---------------------------------------------------------- service index */

struct unit_brief {
	int64_t id;
	char code[64];
	char path[256];
	char kind[16];
};

struct units {
	struct unit_brief *v;
	size_t n, cap;
};

static int add_unit(void *ctx, const struct unit_rec *u)
{
	struct units *us = ctx;

	if (GROW(us->v, us->n, us->cap))
		return MC_ENOMEM;
	us->v[us->n].id = u->id;
	snprintf(us->v[us->n].code, sizeof us->v[0].code, "%s", u->code);
	snprintf(us->v[us->n].path, sizeof us->v[0].path, "%s", u->path);
	snprintf(us->v[us->n].kind, sizeof us->v[0].kind, "%s", u->kind);
	us->n++;
	return 0;
}

struct idx {
	struct store_conn *c;
	const struct unit_rec *unit;
	struct units units;
	bool has_commune;             /* a commune is in scope: $commune procedures count */
	struct service_index_counts k;
	struct report_table t;
	/* dossiers received in the period without doc.attachments: their
	 * uploaded files (attachments table) and, when returned, the return
	 * method are checked after the list, not inside its callback (one query
	 * at a time on a connection).  A returned dossier's id is stored as is,
	 * any other as -id. */
	int64_t *returned;
	size_t nret, cret;
	enum mc_err rc;
	struct mc_error *err;
};

static bool agency_in_scope(const struct idx *x, const char *agency)
{
	if (!strcmp(agency, "$commune"))
		return x->has_commune;
	for (size_t i = 0; i < x->units.n; i++)
		if (!strcmp(x->units.v[i].code, agency))
			return under(x->units.v[i].path, x->unit->path);
	return false;
}

static int on_procedure(void *ctx, const struct procedure_rec *p)
{
	struct idx *x = ctx;
	json_t *doc;
	const char *dn;

	if (!strcmp(p->status, "abolished") || !strcmp(p->status, "replaced") || !agency_in_scope(x, p->agency))
		return 0;
	x->k.procedures++;
	if (!catalog_status_open(p->status))
		return 0;
	doc = p->doc ? json_loads(p->doc, 0, NULL) : NULL;
	dn = json_string_value(json_object_get(json_object_get(doc, "decision"), "number"));
	if (dn && *dn)
		x->k.procedures_published++;
	json_decref(doc);
	return 0;
}

static bool has_fee(json_t *doc)
{
	json_t *fees = json_object_get(doc, "fees"), *f;
	size_t i;

	json_array_foreach(fees, i, f)
		if (json_integer_value(json_object_get(f, "amount")) > 0)
			return true;
	return false;
}

static int on_index_dossier(void *ctx, const struct dossier_rec *d)
{
	struct idx *x = ctx;
	struct report_row r;
	unsigned bits;
	json_t *doc, *rating, *att;

	if (!in_scope(x->unit, d))
		return 0;
	row_of(d, &r);
	bits = report_classify(&x->t, &r);
	if (bits & ((1u << REPORT_EARLY) | (1u << REPORT_ON_TIME)))
		x->k.on_time++, x->k.classified++;
	if (bits & (1u << REPORT_LATE))
		x->k.classified++;
	if (!(bits & ((1u << REPORT_RECEIVED_ONLINE) | (1u << REPORT_RECEIVED_DIRECT))))
		return 0;
	/* received in the period */
	doc = d->doc ? json_loads(d->doc, 0, NULL) : NULL;
	x->k.received++;
	if (origin_online(x->c, d, doc))
		x->k.received_online++;
	/* fees: the dossier's own fee lines; paid online = paid by bank transfer
	 * (the VietQR notification, or a transfer the desk confirmed), not cash
	 * at the desk (docs/ONLINE.md: doc.payment "paid", doc.payment_detail.method) */
	if (has_fee(doc) || json_integer_value(json_object_get(doc, "fee_total")) > 0) {
		const char *method = json_string_value(json_object_get(json_object_get(doc, "payment_detail"), "method"));

		x->k.with_fee++;
		if (!strcmp(json_string_value(json_object_get(doc, "payment")) ? json_string_value(json_object_get(doc, "payment"))
										 : "",
			    "paid") &&
		    method && (!strcmp(method, "transfer") || !strcmp(method, "online")))
			x->k.paid_online++;
	}
	/* ratings: doc.rating.level (very_satisfied and satisfied are
	 * "satisfied"); the older boolean doc.rating.satisfied still counts */
	rating = json_object_get(doc, "rating");
	if (json_is_string(json_object_get(rating, "level"))) {
		const char *level = json_string_value(json_object_get(rating, "level"));

		x->k.ratings++;
		x->k.satisfied += !strcmp(level, "very_satisfied") || !strcmp(level, "satisfied");
	} else if ((att = json_object_get(rating, "satisfied")) && json_is_boolean(att)) {
		x->k.ratings++;
		if (json_is_true(att))
			x->k.satisfied++;
	}
	/* digitisation: scanned components in doc.attachments, else uploaded
	 * files or an electronic return, checked after the list */
	if (json_array_size(json_object_get(doc, "attachments")) > 0)
		x->k.digitised++;
	else {
		if (GROW(x->returned, x->nret, x->cret)) {
			json_decref(doc);
			x->rc = mc_fail(x->err, MC_ENOMEM, NULL, NULL, NULL);
			return 1;
		}
		x->returned[x->nret++] = !strcmp(d->state, "returned") ? d->id : -d->id;
	}
	json_decref(doc);
	return 0;
}

static int count_file(void *ctx, const struct attachment_rec *a)
{
	(void)a;
	(*(int *)ctx)++;
	return 0;
}

static int electronic_return(void *ctx, const struct dossier_event_rec *e)
{
	json_t *j;

	if (strcmp(e->kind, "return_result"))
		return 0;
	j = e->data ? json_loads(e->data, 0, NULL) : NULL;
	*(bool *)ctx = !strcmp(json_string_value(json_object_get(j, "return_method")) ?
				       json_string_value(json_object_get(j, "return_method")) : "",
			       "electronic");
	json_decref(j);
	return 0;
}

enum mc_err svc_service_index(struct store_conn *c, const struct svc_report_query *q, json_t *settings, json_t **out,
			      struct mc_error *err)
{
	struct idx x = {0};
	struct unit_rec unit;
	struct service_index_weights w;
	struct service_index_result res;
	struct procedure_query pq = {0};
	struct dossier_filter f = {0};
	struct workcal *cal = NULL;
	int64_t from, to;
	json_t *groups, *weights;
	enum mc_err rc;

	service_index_weights_default(&w);
	if ((rc = service_index_weights_apply(&w, json_object_get(json_object_get(settings, "index"), "weights"), err)) ||
	    (rc = find_unit(c, q->unit, &unit, err)))
		return rc;
	x.c = c;
	x.unit = &unit;
	x.err = err;
	period_instants(&unit, q, &from, &to);
	if ((rc = open_cal(&unit, from, to, &cal, err)) || (rc = report_table_init(&x.t, cal, from, to, err)))
		goto done;
	if ((rc = store_unit_list(c, add_unit, &x.units, err))) {
		rc = mc_fail(err, rc, NULL, NULL, NULL);
		goto done;
	}
	for (size_t i = 0; i < x.units.n; i++)
		if (!strcmp(x.units.v[i].kind, "commune") &&
		    (under(x.units.v[i].path, unit.path) || under(unit.path, x.units.v[i].path)))
			x.has_commune = true;
	if ((rc = store_procedure_search(c, &pq, on_procedure, &x, NULL, err)))
		goto done;
	f.any_unit_path = unit.path;
	f.received_to = to;
	f.order = 1;
	rc = store_dossier_list(c, &f, on_index_dossier, &x, NULL, err);
	if (x.rc || rc) {
		rc = x.rc ? x.rc : rc;
		goto done;
	}
	for (size_t i = 0; i < x.nret; i++) {
		int64_t id = x.returned[i] < 0 ? -x.returned[i] : x.returned[i];
		char owner[40];
		int files = 0;
		bool el = false;

		/* the files uploaded with the dossier: components, supplements, the electronic result */
		online_dossier_owner(id, owner, sizeof owner);
		if ((rc = store_attachment_list(c, owner, count_file, &files, err)))
			goto done;
		if (!files && x.returned[i] > 0 && (rc = store_dossier_events(c, id, electronic_return, &el, err)))
			goto done;
		x.k.digitised += files > 0 || el;
	}
	service_index_compute(&x.k, &w, &res);
	groups = json_array();
	weights = json_object();
	for (int g = 0; g < SINDEX__COUNT; g++) {
		json_array_append_new(groups,
				      json_pack("{s:s, s:s, s:s, s:s, s:I, s:I, s:o, s:f}", "key",
						sindex_group_name((enum sindex_group)g), "vi", sindex_group_vi((enum sindex_group)g),
						"en", sindex_group_en((enum sindex_group)g), "formula",
						sindex_group_formula((enum sindex_group)g), "numerator", (json_int_t)res.num[g],
						"denominator", (json_int_t)res.den[g], "share",
						res.has[g] ? r1(res.share[g]) : json_null(), "weight", w.w[g]));
		json_object_set_new(weights, sindex_group_name((enum sindex_group)g), json_real(w.w[g]));
	}
	*out = json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:[s, s, s]}", "report", "service_index", "period",
			 period_json(q), "unit", unit_json(&unit), "weights", weights, "groups", groups, "total",
			 res.has_total ? r1(res.total) : json_null(), "notes",
			 "payment: fees paid by bank transfer (VietQR notification or a confirmed transfer) over dossiers with fees; cash at the desk is not online",
			 "satisfaction: citizens' ratings (doc.rating.level very_satisfied or satisfied) over ratings",
			 "digitisation: files uploaded with the dossier (components, supplements, electronic result) or a result returned electronically");
	rc = *out ? MC_OK : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
done:
	free(x.units.v);
	free(x.returned);
	report_table_release(&x.t);
	workcal_free(cal);
	return rc;
}

/* --------------------------------------------------------------- dashboard */

#define DASH_MONTHS 12
#define DASH_TOP 10

struct step_stat {
	char proc[32];
	int step;
	char name[256];
	char unit[64];
	int64_t visits, late, delay_s;
};

struct off_stat {
	int64_t id, overdue, late_steps;
};

struct dash {
	struct store_conn *c;
	const struct unit_rec *unit;
	struct report_table ytd_unit, ytd_field, months[DASH_MONTHS];
	int32_t month_day0[DASH_MONTHS];
	char (*recent)[40];             /* dossiers received in the last 12 months: control slips */
	size_t nrecent, crecent;
	struct off_stat *offs;
	size_t noffs, coffs;
	enum mc_err rc;
	struct mc_error *err;
	int64_t now;
};

static struct off_stat *off_for(struct dash *x, int64_t id)
{
	for (size_t i = 0; i < x->noffs; i++)
		if (x->offs[i].id == id)
			return &x->offs[i];
	if (GROW(x->offs, x->noffs, x->coffs))
		return NULL;
	memset(&x->offs[x->noffs], 0, sizeof *x->offs);
	x->offs[x->noffs].id = id;
	return &x->offs[x->noffs++];
}

static int on_dash_dossier(void *ctx, const struct dossier_rec *d)
{
	struct dash *x = ctx;
	struct report_row r;
	unsigned bits;
	struct procedure_rec p;
	char key[64];

	if (!in_scope(x->unit, d))
		return 0;
	row_of(d, &r);
	for (int m = 0; m < DASH_MONTHS; m++) {
		struct report_row rm = r;

		if (report_classify(&x->months[m], &rm) &&
		    (x->rc = report_table_add_as(&x->months[m], &rm, REPORT_OTHER, "all", x->err)))
			return 1;
	}
	bits = report_classify(&x->ytd_unit, &r);
	if (bits) {
		if ((bits & (1u << REPORT_PENDING)) && d->supplement_count > 0 &&
		    (x->rc = clock_at(x->c, d, x->ytd_unit.to, &r, x->err)))
			return 1;
		snprintf(key, sizeof key, "%lld", (long long)d->resolving_unit_id);
		if ((x->rc = report_table_add_as(&x->ytd_unit, &r, REPORT_OTHER, key, x->err)))
			return 1;
		memset(&p, 0, sizeof p);
		if (store_procedure_get(x->c, d->procedure_code, d->procedure_version, &p, NULL) == MC_OK)
			free(p.doc);
		if ((x->rc = report_table_add_as(&x->ytd_field, &r, REPORT_OTHER, p.field[0] ? p.field : "-", x->err)))
			return 1;
		/* overdue now: the official holding it (0: nobody took it yet) */
		if (report_classify(&x->ytd_unit, &r) & (1u << REPORT_PENDING_OVERDUE)) {
			struct off_stat *o = off_for(x, d->assignee_id);

			if (!o) {
				x->rc = mc_fail(x->err, MC_ENOMEM, NULL, NULL, NULL);
				return 1;
			}
			o->overdue++;
		}
	}
	if (d->received_at && d->received_at >= x->months[0].from) {
		if (GROW(x->recent, x->nrecent, x->crecent)) {
			x->rc = mc_fail(x->err, MC_ENOMEM, NULL, NULL, NULL);
			return 1;
		}
		snprintf(x->recent[x->nrecent++], sizeof x->recent[0], "%s", d->code);
	}
	return 0;
}

static json_t *line_json(const struct report_line *l)
{
	int pm = report_on_time_permille(l);

	return json_pack("{s:I, s:I, s:I, s:I, s:o, s:I, s:I}", "resolved",
			 (json_int_t)(l->n[REPORT_EARLY] + l->n[REPORT_ON_TIME] + l->n[REPORT_LATE]), "early",
			 (json_int_t)l->n[REPORT_EARLY], "on_time", (json_int_t)l->n[REPORT_ON_TIME], "late",
			 (json_int_t)l->n[REPORT_LATE], "on_time_rate", pm < 0 ? json_null() : json_real(pm / 10.0),
			 "pending", (json_int_t)l->n[REPORT_PENDING], "pending_overdue",
			 (json_int_t)l->n[REPORT_PENDING_OVERDUE]);
}

static int cmp_step(const void *pa, const void *pb)
{
	const struct step_stat *a = pa, *b = pb;
	double x = a->visits ? (double)a->delay_s / a->visits : 0, y = b->visits ? (double)b->delay_s / b->visits : 0;

	if (x != y)
		return x > y ? -1 : 1;
	if (a->late != b->late)
		return a->late > b->late ? -1 : 1;
	return strcmp(a->proc, b->proc) ? strcmp(a->proc, b->proc) : a->step - b->step;
}

static int cmp_off(const void *pa, const void *pb)
{
	const struct off_stat *a = pa, *b = pb;

	if (a->overdue != b->overdue)
		return a->overdue > b->overdue ? -1 : 1;
	if (a->late_steps != b->late_steps)
		return a->late_steps > b->late_steps ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* Step delays of the recent dossiers' control slips, at now. */
static enum mc_err slips(struct dash *x, struct step_stat **steps, size_t *nsteps, struct mc_error *err)
{
	size_t cap = 0;

	for (size_t i = 0; i < x->nrecent; i++) {
		struct dossier_ctx dx;
		struct control_slip_row *rows;
		size_t n = 0, rcap;
		enum mc_err rc;

		if ((rc = svc_dossier_load(x->c, x->recent[i], &dx, err)))
			return rc;
		rcap = dx.nevents + 2;
		if (!(rows = calloc(rcap, sizeof *rows))) {
			svc_dossier_release(&dx);
			return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
		}
		rc = control_slip_build(dx.events, dx.nevents, dx.proc.steps, dx.proc.nsteps, dx.cal, dx.policy,
					x->now > dx.view.last_at ? x->now : dx.view.last_at, rows, rcap, &n, err);
		for (size_t k = 0; !rc && k < n && k < rcap; k++) {
			const struct control_slip_row *row = &rows[k];
			struct step_stat *s = NULL;
			int64_t end = row->done_at ? row->done_at : x->now, delay;

			if (!row->due || row->step > dx.dproc.result_step)
				continue; /* paused, never timed, or waiting for the citizen to collect */
			delay = end > row->due ? end - row->due : 0;
			for (size_t m = 0; m < *nsteps && !s; m++)
				if ((*steps)[m].step == row->step && !strcmp((*steps)[m].proc, dx.rec.procedure_code))
					s = &(*steps)[m];
			if (!s) {
				if (GROW(*steps, *nsteps, cap)) {
					rc = mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
					break;
				}
				s = &(*steps)[(*nsteps)++];
				memset(s, 0, sizeof *s);
				snprintf(s->proc, sizeof s->proc, "%s", dx.rec.procedure_code);
				s->step = row->step;
				snprintf(s->name, sizeof s->name, "%s", row->step_name);
				snprintf(s->unit, sizeof s->unit, "%s", row->unit);
			}
			s->visits++;
			s->delay_s += delay;
			if (delay > 0) {
				struct off_stat *o;

				s->late++;
				if (row->received_by && (o = off_for(x, row->received_by)))
					o->late_steps++;
			}
		}
		free(rows);
		svc_dossier_release(&dx);
		if (rc)
			return rc;
	}
	return MC_OK;
}

static int add_field_name(void *ctx, const struct field_rec *f)
{
	json_object_set_new(ctx, f->code, json_pack("{s:s, s:s}", "name", f->name, "name_en", f->name_en));
	return 0;
}

enum mc_err svc_dashboard(struct store_conn *c, const char *unit_code, int64_t now, json_t **out, struct mc_error *err)
{
	struct dash *x = calloc(1, sizeof *x);
	struct unit_rec unit;
	struct workcal *cal = NULL;
	struct dossier_filter f = {0};
	struct step_stat *steps = NULL;
	size_t nsteps = 0;
	int32_t today;
	int y, m, d;
	int64_t off, ystart;
	json_t *units, *fields, *months, *js, *jo, *fnames;
	char asof[32], d0[11], d1[11];
	enum mc_err rc;

	if (!x)
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	if ((rc = find_unit(c, unit_code, &unit, err)))
		goto done;
	x->c = c;
	x->unit = &unit;
	x->err = err;
	x->now = now;
	off = (int64_t)unit.utc_offset_min * 60;
	today = (int32_t)((now + off) / 86400 - ((now + off) < 0));
	caldate_to_ymd(today, &y, &m, &d);
	ystart = (int64_t)caldate_from_ymd(y, 1, 1) * 86400 - off;
	if ((rc = open_cal(&unit, ystart - 400 * 86400LL, now, &cal, err)) ||
	    (rc = report_table_init(&x->ytd_unit, cal, ystart, now + 1, err)) ||
	    (rc = report_table_init(&x->ytd_field, cal, ystart, now + 1, err)))
		goto done;
	for (int i = 0; i < DASH_MONTHS; i++) {
		int mm = m - (DASH_MONTHS - 1 - i), yy = y;

		while (mm < 1)
			mm += 12, yy--;
		x->month_day0[i] = caldate_from_ymd(yy, mm, 1);
		if ((rc = report_table_init(&x->months[i], cal, (int64_t)x->month_day0[i] * 86400 - off,
					    (mm == 12 ? (int64_t)caldate_from_ymd(yy + 1, 1, 1)
						      : (int64_t)caldate_from_ymd(yy, mm + 1, 1)) * 86400 - off,
					    err)))
			goto done;
		if (i == DASH_MONTHS - 1)
			x->months[i].to = now + 1; /* the month so far */
	}
	f.any_unit_path = unit.path;
	f.received_to = now + 1;
	f.order = 1;
	rc = store_dossier_list(c, &f, on_dash_dossier, x, NULL, err);
	if (x->rc || rc) {
		rc = x->rc ? x->rc : rc;
		goto done;
	}
	if ((rc = slips(x, &steps, &nsteps, err)))
		goto done;
	units = json_array();
	report_table_sort(&x->ytd_unit, NULL, NULL);
	for (size_t i = 0; i < x->ytd_unit.nlines; i++) {
		const struct report_line *l = &x->ytd_unit.lines[i];
		struct unit_rec u;
		json_t *o = line_json(l);

		if (store_unit_get(c, strtoll(l->field, NULL, 10), &u, NULL))
			memset(&u, 0, sizeof u);
		json_object_set_new(o, "unit", json_string(u.code));
		json_object_set_new(o, "unit_name", json_string(u.name)); /* kept for older clients: = name */
		json_object_set_new(o, "name", json_string(u.name));
		json_object_set_new(o, "name_en", json_string(u.name_en));
		json_array_append_new(units, o);
	}
	/* the fields' names, so that a client needs no second request */
	fnames = json_object();
	if ((rc = store_field_list(c, add_field_name, fnames, err))) {
		json_decref(fnames);
		json_decref(units);
		goto done;
	}
	fields = json_array();
	report_table_sort(&x->ytd_field, NULL, NULL);
	for (size_t i = 0; i < x->ytd_field.nlines; i++) {
		const char *code = strcmp(x->ytd_field.lines[i].field, "-") ? x->ytd_field.lines[i].field : "";
		json_t *o = line_json(&x->ytd_field.lines[i]), *fn = json_object_get(fnames, code);

		json_object_set_new(o, "field", json_string(code));
		if (fn) {
			json_object_set(o, "name", json_object_get(fn, "name"));
			json_object_set(o, "name_en", json_object_get(fn, "name_en"));
		} else {
			/* a procedure without a field, or a code no longer listed */
			json_object_set_new(o, "name", json_string(*code ? code : "Chưa phân lĩnh vực"));
			json_object_set_new(o, "name_en", json_string(*code ? code : "No field"));
		}
		json_array_append_new(fields, o);
	}
	json_decref(fnames);
	months = json_array();
	for (int i = 0; i < DASH_MONTHS; i++) {
		const struct report_line *l = &x->months[i].total;
		int pm = report_on_time_permille(l);
		char mon[11];

		caldate_format(x->month_day0[i], mon);
		mon[7] = '\0';
		json_array_append_new(months, json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:o}", "month", mon, "received",
							(json_int_t)(l->n[REPORT_RECEIVED_ONLINE] + l->n[REPORT_RECEIVED_DIRECT]),
							"resolved",
							(json_int_t)(l->n[REPORT_EARLY] + l->n[REPORT_ON_TIME] + l->n[REPORT_LATE]),
							"early", (json_int_t)l->n[REPORT_EARLY], "on_time",
							(json_int_t)l->n[REPORT_ON_TIME], "late", (json_int_t)l->n[REPORT_LATE],
							"on_time_rate", pm < 0 ? json_null() : json_real(pm / 10.0)));
	}
	if (nsteps)
		qsort(steps, nsteps, sizeof *steps, cmp_step);
	js = json_array();
	for (size_t i = 0; i < nsteps && json_array_size(js) < DASH_TOP; i++) {
		if (!steps[i].delay_s)
			break;
		json_array_append_new(js, json_pack("{s:s, s:i, s:s, s:s, s:I, s:I, s:o}", "procedure_code", steps[i].proc,
						    "step", steps[i].step, "step_name", steps[i].name, "unit", steps[i].unit,
						    "visits", (json_int_t)steps[i].visits, "late", (json_int_t)steps[i].late,
						    "avg_delay_hours",
						    r1((double)steps[i].delay_s / (double)steps[i].visits / 3600.0)));
	}
	if (x->noffs)
		qsort(x->offs, x->noffs, sizeof *x->offs, cmp_off);
	jo = json_array();
	for (size_t i = 0; i < x->noffs && json_array_size(jo) < DASH_TOP; i++) {
		struct user_rec u;

		memset(&u, 0, sizeof u);
		if (x->offs[i].id)
			store_user_get(c, x->offs[i].id, &u, NULL);
		json_array_append_new(jo, json_pack("{s:I, s:s, s:s, s:I, s:I}", "user_id", (json_int_t)x->offs[i].id,
						    "username", u.username, "full_name", u.full_name, "overdue_now",
						    (json_int_t)x->offs[i].overdue, "late_steps",
						    (json_int_t)x->offs[i].late_steps));
	}
	caldate_format(caldate_from_ymd(y, 1, 1), d0);
	caldate_format(today, d1);
	*out = json_pack("{s:s, s:s, s:o, s:{s:s, s:s}, s:o, s:o, s:o, s:o, s:o, s:o}", "report", "dashboard", "as_of",
			 timefmt_local(now, unit.utc_offset_min, asof), "unit", unit_json(&unit), "year_to_date", "from",
			 d0, "to", d1, "units", units, "fields", fields, "total", line_json(&x->ytd_unit.total), "months",
			 months, "slowest_steps", js, "officials", jo);
	rc = *out ? MC_OK : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
done:
	free(steps);
	if (x) {
		report_table_release(&x->ytd_unit);
		report_table_release(&x->ytd_field);
		for (int i = 0; i < DASH_MONTHS; i++)
			report_table_release(&x->months[i]);
		free(x->recent);
		free(x->offs);
	}
	free(x);
	workcal_free(cal);
	return rc;
}
