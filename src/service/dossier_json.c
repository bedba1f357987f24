/*
 * dossier_json.c - the JSON views of dossiers: the full view for officials
 * (with the timeline), the public view (no personal data but a masked name),
 * the control slip, and lists with each dossier's status now.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/caldate.h"
#include "domain/control_slip.h"
#include "domain/dossier_code.h"
#include "domain/timefmt.h"
#include "service/cache.h"
#include "service/calendar.h"
#include "service/dossier_int.h"

#define COPY(dst, src) snprintf((dst), sizeof(dst), "%s", (src))

static const struct {
	const char *vi, *en;
} event_labels[DOSSIER__EV_COUNT] = {
	[DOSSIER_EV_SUBMIT_ONLINE] = {"Nộp hồ sơ trực tuyến", "Submitted online"},
	[DOSSIER_EV_ACCEPT] = {"Tiếp nhận hồ sơ trực tuyến", "Online submission accepted"},
	[DOSSIER_EV_INTAKE] = {"Tiếp nhận hồ sơ", "Received"},
	[DOSSIER_EV_GUIDE] = {"Hướng dẫn bổ sung, hoàn thiện hồ sơ", "Guidance given (not received)"},
	[DOSSIER_EV_REFUSE] = {"Từ chối giải quyết", "Refused"},
	[DOSSIER_EV_TAKE] = {"Nhận xử lý", "Taken"},
	[DOSSIER_EV_FORWARD] = {"Chuyển bước tiếp theo", "Forwarded"},
	[DOSSIER_EV_SEND_BACK] = {"Trả lại bước trước", "Sent back"},
	[DOSSIER_EV_ASK_OPINION] = {"Xin ý kiến phối hợp", "Opinion requested"},
	[DOSSIER_EV_GIVE_OPINION] = {"Cho ý kiến phối hợp", "Opinion given"},
	[DOSSIER_EV_REQUEST_SUPPLEMENT] = {"Yêu cầu bổ sung hồ sơ", "Supplement requested"},
	[DOSSIER_EV_SUPPLEMENT_RECEIVED] = {"Nhận hồ sơ bổ sung", "Supplement received"},
	[DOSSIER_EV_RECORD_RESULT] = {"Có kết quả, chuyển Bộ phận Một cửa", "Result ready at the desk"},
	[DOSSIER_EV_RETURN_RESULT] = {"Trả kết quả", "Result returned"},
	[DOSSIER_EV_WITHDRAW] = {"Rút hồ sơ", "Withdrawn"},
	[DOSSIER_EV_STOP] = {"Dừng giải quyết", "Stopped"},
	[DOSSIER_EV_APOLOGIZE] = {"Xin lỗi và hẹn lại ngày trả kết quả", "Apology and new appointment"},
	[DOSSIER_EV_TRANSFER] = {"Chuyển đơn vị khác", "Transferred"},
};

static const char *ev_vi(enum dossier_event_kind k)
{
	return (unsigned)k < DOSSIER__EV_COUNT && event_labels[k].vi ? event_labels[k].vi : "";
}

static const char *ev_en(enum dossier_event_kind k)
{
	return (unsigned)k < DOSSIER__EV_COUNT && event_labels[k].en ? event_labels[k].en : "";
}

/* A local-time string, or JSON null for "never". */
static json_t *when(int64_t t, int off)
{
	char buf[32];

	return t ? json_string(timefmt_local(t, off, buf)) : json_null();
}

static json_t *unit_ref(const struct unit_rec *u)
{
	return u->id ? json_pack("{s:s, s:s, s:s}", "code", u->code, "name", u->name, "name_en", u->name_en) : json_null();
}

static json_t *status_json(enum workcal_status s)
{
	if (!s)
		return json_null();
	return json_pack("{s:s, s:s, s:s}", "name", workcal_status_name(s), "vi", workcal_status_vi(s), "en",
			 workcal_status_en(s));
}

static enum workcal_status status_now(const struct dossier_ctx *x, int64_t now)
{
	struct workcal_due due;
	struct mc_error ignore;

	if (!x->view.received_at || dossier_deadline(&x->view, x->cal, &x->limit, x->policy, &due, &ignore))
		return 0;
	return dossier_classify(&x->view, x->cal, &due, now);
}

enum mc_err svc_dossier_json(struct store_conn *c, const struct dossier_ctx *x, int64_t now, json_t **out,
			     struct mc_error *err)
{
	const struct dossier_view *v = &x->view;
	int off = x->receiving.utc_offset_min;
	json_t *steps = json_array(), *events = json_array(), *step = json_null(), *j;
	struct workcal_due due = {0};
	struct mc_error ignore;
	bool late_warning = false;

	for (int k = 0; k < x->proc.nsteps; k++)
		json_array_append_new(steps, json_pack("{s:i, s:s, s:s, s:s, s:f}", "index", k, "name", x->proc.steps[k].name,
						       "unit", x->proc.steps[k].unit, "role", x->proc.steps[k].role,
						       "hours", x->proc.steps[k].minutes / 60.0));
	if (v->step >= 0 && v->step < x->proc.nsteps && dossier_state_open(v->state)) {
		struct unit_rec su;

		if (dossier_step_unit(c, x, v->step, &su, err) == MC_OK)
			step = json_pack("{s:i, s:s, s:o, s:s, s:o}", "index", v->step, "name", x->proc.steps[v->step].name,
					 "unit", unit_ref(&su), "role", x->proc.steps[v->step].role, "since",
					 when(v->step_since, off));
	}
	for (size_t i = 0; i < x->nevents; i++) {
		const struct dossier_event *e = &x->events[i];
		json_t *ej = dossier_event_data(e);

		json_object_set_new(ej, "seq", json_integer((json_int_t)i + 1));
		json_object_set_new(ej, "kind", json_string(dossier_event_name(e->kind)));
		json_object_set_new(ej, "label_vi", json_string(ev_vi(e->kind)));
		json_object_set_new(ej, "label_en", json_string(ev_en(e->kind)));
		json_object_set_new(ej, "at", when(e->at, off));
		json_object_set_new(ej, "actor_id", json_integer(e->actor_id));
		{
			struct user_rec au;
			struct unit_rec eu;

			if (e->actor_id && !store_user_get(c, e->actor_id, &au, NULL))
				json_object_set_new(ej, "actor_name", json_string(au.full_name));
			if (e->unit_id && !store_unit_get(c, e->unit_id, &eu, NULL))
				json_object_set_new(ej, "unit_name", json_string(eu.name));
		}
		json_object_set_new(ej, "unit_id", json_integer(e->unit_id));
		json_object_set_new(ej, "step", json_integer(e->step));
		if (e->new_appointment)
			json_object_set_new(ej, "new_appointment", when(e->new_appointment, off));
		json_array_append_new(events, ej);
	}
	if (v->received_at && !dossier_deadline(v, x->cal, &x->limit, x->policy, &due, &ignore))
		late_warning = dossier_needs_apology(v, &due, x->cal, now);
	j = json_pack("{s:s, s:i, s:{s:s, s:s, s:i, s:O?, s:O?, s:s, s:o}, s:s, s:s, s:s, s:s, s:o, s:I,"
		      " s:o, s:o, s:o}",
		      "code", x->rec.code, "version", x->rec.version, "procedure", "code", x->proc.code, "name", x->proc.name,
		      "version", x->rec.procedure_version, "time_limit", json_object_get(x->proc_doc, "time_limit"),
		      "time_limit_text", json_object_get(x->proc_doc, "time_limit_text"), "supplement_policy",
		      x->proc.supplement_policy, "steps", steps, "channel", x->rec.channel, "state",
		      dossier_state_name(v->state), "state_vi", dossier_state_vi(v->state), "state_en",
		      dossier_state_en(v->state), "step", step, "assignee_id", (json_int_t)v->assignee, "receiving_unit",
		      unit_ref(&x->receiving), "desk_unit", unit_ref(&x->desk), "resolving_unit", unit_ref(&x->resolving));
	if (!j) {
		json_decref(events);
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	}
	json_object_set(j, "applicant", json_object_get(x->doc, "applicant"));
	json_object_set(j, "documents", json_object_get(x->doc, "documents"));
	json_object_set(j, "missing", json_object_get(x->doc, "missing"));
	json_object_set(j, "delivery", json_object_get(x->doc, "delivery"));
	json_object_set(j, "fees", json_object_get(x->doc, "fees"));
	json_object_set(j, "fee_total", json_object_get(x->doc, "fee_total"));
	json_object_set_new(j, "received_at", when(v->received_at, off));
	json_object_set_new(j, "legal_due", when(v->legal_due, off));
	json_object_set_new(j, "appointment", when(v->appointment, off));
	json_object_set_new(j, "finished_at", when(v->finished_at, off));
	json_object_set_new(j, "returned_at", when(v->returned_at, off));
	json_object_set_new(j, "status", status_json(status_now(x, now)));
	json_object_set_new(j, "supplement_count", json_integer(v->supplement_count));
	json_object_set_new(j, "apology_count", json_integer(v->apology_count));
	json_object_set_new(j, "needs_apology", json_boolean(late_warning));
	if (v->reason[0])
		json_object_set_new(j, "reason", json_string(v->reason));
	if (v->result_number[0])
		json_object_set_new(j, "result_number", json_string(v->result_number));
	if (json_object_get(x->doc, "transferred_to"))
		json_object_set(j, "transferred_to", json_object_get(x->doc, "transferred_to"));
	if (json_object_get(x->doc, "transferred_from"))
		json_object_set(j, "transferred_from", json_object_get(x->doc, "transferred_from"));
	json_object_set_new(j, "events", events);
	*out = j;
	return MC_OK;
}

enum mc_err svc_dossier_public_json(struct store_conn *c, const struct dossier_ctx *x, int64_t now, json_t **out,
				    struct mc_error *err)
{
	const struct dossier_view *v = &x->view;
	int off = x->receiving.utc_offset_min;
	char masked[320];
	json_t *timeline = json_array();
	struct unit_rec u;

	if (dossier_code_mask_name(x->rec.applicant_name, masked, sizeof masked, NULL))
		masked[0] = '\0';
	for (size_t i = 0; i < x->nevents; i++) {
		const struct dossier_event *e = &x->events[i];

		/* the public sees what happened and where, not notes or names */
		if (e->kind == DOSSIER_EV_TAKE || e->kind == DOSSIER_EV_ASK_OPINION || e->kind == DOSSIER_EV_GIVE_OPINION)
			continue;
		if (store_unit_get(c, e->unit_id, &u, NULL))
			memset(&u, 0, sizeof u);
		json_array_append_new(timeline, json_pack("{s:o, s:s, s:s, s:s, s:s}", "at", when(e->at, off), "kind",
							  dossier_event_name(e->kind), "label_vi", ev_vi(e->kind),
							  "label_en", ev_en(e->kind), "unit", u.name));
	}
	*out = json_pack("{s:s, s:{s:s, s:s}, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "code",
			 x->rec.code, "procedure", "code", x->proc.code, "name", x->proc.name, "receiving_unit",
			 x->receiving.name, "applicant", masked, "state", dossier_state_name(v->state), "state_vi",
			 dossier_state_vi(v->state), "state_en", dossier_state_en(v->state), "received_at",
			 when(v->received_at, off), "appointment", when(v->appointment, off), "legal_due",
			 when(v->legal_due, off), "returned_at", when(v->returned_at, off), "status",
			 status_json(status_now(x, now)), "timeline", timeline);
	return *out ? MC_OK : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
}

static json_t *user_ref(struct store_conn *c, int64_t id)
{
	struct user_rec u;

	if (!id || store_user_get(c, id, &u, NULL))
		return json_null();
	return json_pack("{s:I, s:s}", "id", (json_int_t)id, "name", u.full_name);
}

enum mc_err svc_dossier_control_slip(struct store_conn *c, const struct dossier_ctx *x, json_t **out,
				     struct mc_error *err)
{
	size_t cap = x->nevents + 2, n = 0;
	struct control_slip_row *rows = calloc(cap, sizeof *rows);
	int off = x->receiving.utc_offset_min;
	json_t *arr;
	enum mc_err rc;

	if (!rows)
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	rc = control_slip_build(x->events, x->nevents, x->proc.steps, x->proc.nsteps, x->cal, x->policy,
				x->rec.updated_at > 0 ? x->rec.updated_at : 0, rows, cap, &n, err);
	if (rc) {
		free(rows);
		return rc;
	}
	arr = json_array();
	for (size_t i = 0; i < n && i < cap; i++) {
		const struct control_slip_row *r = &rows[i];
		struct unit_rec su;

		if (dossier_step_unit(c, x, r->step, &su, NULL))
			memset(&su, 0, sizeof su);
		json_array_append_new(arr, json_pack("{s:i, s:s, s:o, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:I, s:s, s:s,"
						     " s:o, s:s}",
						     "step", r->step, "step_name", r->step_name, "unit", unit_ref(&su), "role",
						     r->role, "given_by", user_ref(c, r->given_by), "given_at",
						     when(r->given_at, off), "received_by", user_ref(c, r->received_by),
						     "taken_at", when(r->taken_at, off), "due", when(r->due, off), "done_at",
						     when(r->done_at, off), "waited_minutes", (json_int_t)r->waited_min,
						     "end", control_slip_end_name(r->end), "end_vi",
						     control_slip_end_vi(r->end), "status", status_json(r->status), "note",
						     r->note));
		json_object_set_new(json_array_get(arr, json_array_size(arr) - 1), "end_en",
				    json_string(control_slip_end_en(r->end)));
	}
	free(rows);
	*out = json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o}", "code", x->rec.code, "procedure", x->proc.name,
			 "receiving_unit", x->receiving.name, "resolving_unit", x->resolving.name, "received_at",
			 when(x->view.received_at, off), "legal_due", when(x->view.legal_due, off), "appointment",
			 when(x->view.appointment, off), "rows", arr);
	return *out ? MC_OK : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
}

/* ---- lists ------------------------------------------------------------------ */

struct cal_cache {
	int64_t unit_id;
	const struct workcal *cal;
	struct cached_calendar *handle;
};

struct list_ctx {
	struct store_conn *c;
	json_t *arr;
	int64_t now;
	const char *status;   /* keep only rows with this status ("at_risk": due soon or overdue) */
	int64_t matched;      /* rows kept, before paging */
	int limit, offset;
	struct cal_cache cals[16];
	int ncals;
	enum mc_err rc;
	struct mc_error *err;
};

static const struct workcal *calendar_for(struct list_ctx *l, int64_t unit_id)
{
	struct unit_rec u;
	const struct workcal *cal = NULL;
	struct cached_calendar *h;
	int y, m, d;

	for (int i = 0; i < l->ncals; i++)
		if (l->cals[i].unit_id == unit_id)
			return l->cals[i].cal;
	if (store_unit_get(l->c, unit_id, &u, NULL))
		return NULL;
	caldate_to_ymd(dossier_code_local_day(l->now, u.utc_offset_min), &y, &m, &d);
	if (cache_calendar_get(l->c, &u, y - 3, y + 2, &cal, &h, NULL))
		return NULL;
	if (l->ncals == (int)(sizeof l->cals / sizeof l->cals[0])) {
		cache_calendar_put(l->cals[0].handle); /* rare: many receiving units in one list */
		memmove(&l->cals[0], &l->cals[1], sizeof l->cals - sizeof l->cals[0]);
		l->ncals--;
	}
	l->cals[l->ncals].unit_id = unit_id;
	l->cals[l->ncals].handle = h;
	l->cals[l->ncals++].cal = cal;
	return cal;
}

/* Status from the cached columns: the same rules as the full view. */
static enum workcal_status row_status(const struct workcal *cal, const struct dossier_rec *r, int64_t now)
{
	struct workcal_due due = {0};
	int64_t limit = 0;

	if (!cal || !r->received_at || !r->legal_due)
		return 0;
	if (r->finished_at && strcmp(r->state, "withdrawn") && strcmp(r->state, "stopped"))
		return workcal_classify_done(cal, r->legal_due, r->finished_at);
	if (strcmp(r->state, "processing") && strcmp(r->state, "waiting_supplement"))
		return 0;
	due.paused = !strcmp(r->state, "waiting_supplement");
	due.due = r->legal_due;
	if (workcal_between(cal, r->received_at, r->legal_due, &limit, NULL))
		limit = 0;
	due.limit_min = limit;
	due.counted_from = r->received_at;
	return workcal_classify_open(cal, &due, now);
}

/* The step's name (from the procedure version, cached) and the unit that
 * holds the dossier now, so a worklist reads "Thẩm định hồ sơ - Phòng Tư pháp". */
static void add_step(struct list_ctx *l, const struct dossier_rec *r, json_t *row)
{
	struct cached_procedure *h;
	const struct proc_summary *sum;
	struct unit_rec u;
	struct user_rec who;
	json_t *doc;

	if (!row)
		return;
	json_object_set_new(row, "procedure_version", json_integer(r->procedure_version));
	if (r->step >= 0 && !cache_procedure_get(l->c, r->procedure_code, r->procedure_version, &doc, &sum, NULL, &h, NULL)) {
		if (r->step < sum->nsteps)
			json_object_set_new(row, "step_name", json_string(sum->steps[r->step].name));
		cache_procedure_put(h);
	}
	if (r->step_unit_id && !store_unit_get(l->c, r->step_unit_id, &u, NULL))
		json_object_set_new(row, "step_unit", json_pack("{s:s, s:s}", "code", u.code, "name", u.name));
	/* who holds it: a leader asks "who?" before "why?" */
	if (r->assignee_id && !store_user_get(l->c, r->assignee_id, &who, NULL))
		json_object_set_new(row, "assignee_name", json_string(who.full_name));
}

static bool status_matches(const char *want, enum workcal_status s)
{
	if (!want)
		return true;
	if (!strcmp(want, "at_risk"))
		return s == WORKCAL_DUE_SOON || s == WORKCAL_OVERDUE;
	return s && !strcmp(want, workcal_status_name(s));
}

static int add_row(void *ctx, const struct dossier_rec *r)
{
	struct list_ctx *l = ctx;
	json_t *doc;
	const struct workcal *cal = calendar_for(l, r->receiving_unit_id);
	struct unit_rec ru;
	int off = 420;

	if (l->status) {
		/* filtering on a computed status: page here, after the filter */
		if (!status_matches(l->status, row_status(cal, r, l->now)))
			return 0;
		l->matched++;
		if (l->matched <= l->offset || (l->limit > 0 && l->matched > (int64_t)l->offset + l->limit))
			return 0;
	}
	doc = json_loads(r->doc, 0, NULL);
	if (!store_unit_get(l->c, r->receiving_unit_id, &ru, NULL))
		off = ru.utc_offset_min;
	json_array_append_new(
		l->arr,
		json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:s, s:I, s:o, s:o, s:o, s:o, s:o, s:i, s:i, s:i}", "code",
			  r->code, "procedure_code", r->procedure_code, "procedure_name", dj_str(doc, "procedure_name"),
			  "applicant_name", r->applicant_name, "state", r->state, "channel", r->channel, "step", r->step,
			  "step_role", r->step_role, "assignee_id", (json_int_t)r->assignee_id, "received_at",
			  when(r->received_at, off), "legal_due", when(r->legal_due, off), "appointment",
			  when(r->appointment, off), "returned_at", when(r->returned_at, off), "status",
			  status_json(row_status(cal, r, l->now)), "supplement_count", r->supplement_count,
			  "apology_count", r->apology_count, "version", r->version));
	json_decref(doc);
	add_step(l, r, json_array_get(l->arr, json_array_size(l->arr) - 1));
	return 0;
}

enum mc_err svc_dossier_list(struct store_conn *c, const struct dossier_filter *f, const char *status, int64_t now,
			     json_t **out, struct mc_error *err)
{
	struct list_ctx l = {0};
	struct dossier_filter all;
	int64_t total = 0;
	enum mc_err rc;

	l.c = c;
	l.arr = json_array();
	l.now = now;
	l.err = err;
	if (status && *status) {
		all = *f;
		l.status = status;
		l.limit = f->limit;
		l.offset = f->offset;
		all.limit = 0;
		all.offset = 0;
		f = &all;
	}
	rc = store_dossier_list(c, f, add_row, &l, &total, err);
	if (l.status)
		total = l.matched;
	for (int i = 0; i < l.ncals; i++)
		cache_calendar_put(l.cals[i].handle);
	if (rc) {
		json_decref(l.arr);
		return rc;
	}
	*out = json_pack("{s:I, s:o}", "total", (json_int_t)total, "dossiers", l.arr);
	return *out ? MC_OK : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
}

/* ---- the apology draft ------------------------------------------------------ */

enum mc_err svc_dossier_apology_draft(const struct dossier_ctx *x, int64_t now, json_t **out, struct mc_error *err)
{
	const struct dossier_view *v = &x->view;
	int off = x->receiving.utc_offset_min;
	int64_t left = 0, from, suggested, day_end;
	struct workcal_due due;
	char vi[1400], en[1400], b1[32], b2[32];
	enum mc_err rc;

	if (!dossier_state_open(v->state))
		return mc_fail(err, MC_ECONFLICT, "state", "Chỉ hồ sơ đang giải quyết mới cần thư xin lỗi",
			       "Only a dossier being processed needs an apology");
	if (v->apology_count)
		return mc_fail(err, MC_ECONFLICT, "apology", "Hồ sơ đã hẹn lại một lần; không hẹn lại lần nữa",
			       "The appointment was already reset once; it cannot be reset again");
	if ((rc = dossier_deadline(v, x->cal, &x->limit, x->policy, &due, err)))
		return rc;
	/* What is left of the process, from the current step to the end, counted
	 * from the later of now and the legal deadline: a realistic new date the
	 * head can confirm or change. */
	for (int k = v->step < 0 ? 0 : v->step; k < x->proc.nsteps; k++)
		left += x->proc.steps[k].minutes;
	if (left < 60)
		left = 60;
	from = now > due.due ? now : due.due;
	if ((rc = workcal_add_minutes(x->cal, from, left, &suggested, err)))
		return rc;
	/* appointments are given as the close of a working day */
	if (workcal_day_close(x->cal, workcal_local_day(x->cal, suggested), &day_end, NULL) == MC_OK && day_end > suggested)
		suggested = day_end;
	snprintf(vi, sizeof vi,
		 "%.200s xin lỗi ông/bà %.150s: hồ sơ %s (%.500s) hẹn trả kết quả ngày %s chưa giải quyết xong đúng hạn. "
		 "Lý do: ....... Hẹn lại ngày trả kết quả: %s.",
		 x->resolving.name, x->rec.applicant_name, x->rec.code, x->proc.name, timefmt_local_short(v->appointment, off, b1),
		 timefmt_local_short(suggested, off, b2));
	snprintf(en, sizeof en,
		 "%.200s apologises to %.150s: the dossier %s (%.500s), due on %s, will not be resolved on time. Reason: ....... "
		 "New appointment: %s.",
		 x->resolving.name, x->rec.applicant_name, x->rec.code, x->proc.name, b1, b2);
	*out = json_pack("{s:s, s:o, s:o, s:o, s:b, s:s, s:s, s:s}", "code", x->rec.code, "legal_due", when(due.due, off),
			 "appointment", when(v->appointment, off), "suggested_appointment", when(suggested, off), "late_now",
			 now > due.due, "signer_role", "head", "text_vi", vi, "text_en", en);
	return *out ? MC_OK : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
}
