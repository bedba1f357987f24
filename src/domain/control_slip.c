/*
 * control_slip.c - the control slip (mẫu 05) derived from a dossier's
 * history; see control_slip.h for the meaning of each column.
 *
 * One pass over the events: each is first applied with dossier_apply (so
 * the slip of an illegal history is never printed), then its effect on the
 * current visit is noted.  A visit is finished into a row when the dossier
 * leaves its step.  No allocation: the current visit and its waits live on
 * the stack.
 */
#include "domain/control_slip.h"

#include <stdio.h>
#include <string.h>

#include "domain/catalog.h"

static const struct {
	const char *name, *vi, *en;
} end_txt[CONTROL_SLIP__END_COUNT] = {
	[CONTROL_SLIP_OPEN] = {"open", "Đang xử lý", "In progress"},
	[CONTROL_SLIP_FORWARDED] = {"forwarded", "Chuyển bước tiếp theo", "Forwarded"},
	[CONTROL_SLIP_SENT_BACK] = {"sent_back", "Trả lại bước trước", "Sent back"},
	[CONTROL_SLIP_RESULT] = {"result", "Có kết quả, chuyển Bộ phận Một cửa",
				 "Result recorded, sent to the desk"},
	[CONTROL_SLIP_RETURNED] = {"returned", "Đã trả kết quả", "Result returned"},
	[CONTROL_SLIP_REFUSED] = {"refused", "Từ chối", "Refused"},
	[CONTROL_SLIP_WITHDRAWN] = {"withdrawn", "Rút hồ sơ", "Withdrawn"},
	[CONTROL_SLIP_STOPPED] = {"stopped", "Dừng giải quyết", "Stopped"},
	[CONTROL_SLIP_TRANSFERRED] = {"transferred", "Chuyển đơn vị khác", "Transferred"},
};

static bool end_ok(enum control_slip_end e)
{
	return (int)e >= 0 && e < CONTROL_SLIP__END_COUNT;
}

const char *control_slip_end_name(enum control_slip_end e) { return end_ok(e) ? end_txt[e].name : ""; }
const char *control_slip_end_vi(enum control_slip_end e) { return end_ok(e) ? end_txt[e].vi : ""; }
const char *control_slip_end_en(enum control_slip_end e) { return end_ok(e) ? end_txt[e].en : ""; }

struct visit {
	bool active;
	struct control_slip_row row;
	size_t nwaits;
	struct workcal_wait waits[DOSSIER_MAX_WAITS];
};

struct builder {
	const struct proc_step *steps;
	const struct workcal *cal;
	enum workcal_policy policy;
	int64_t now;
	struct control_slip_row *out;
	size_t cap, count;
	struct visit cur;
};

static void open_visit(struct builder *b, int step, int64_t by, int64_t at)
{
	struct control_slip_row *r = &b->cur.row;

	memset(&b->cur, 0, sizeof b->cur);
	b->cur.active = true;
	r->step = step;
	/* bounded reads: the steps are the caller's, not trusted to be terminated */
	snprintf(r->step_name, sizeof r->step_name, "%.*s", (int)sizeof b->steps[step].name - 1,
		 b->steps[step].name);
	snprintf(r->unit, sizeof r->unit, "%.*s", (int)sizeof b->steps[step].unit - 1,
		 b->steps[step].unit);
	snprintf(r->role, sizeof r->role, "%.*s", (int)sizeof b->steps[step].role - 1,
		 b->steps[step].role);
	r->given_by = by;
	r->given_at = at;
	r->next_step = -1;
}

/* Compute the step's deadline and status, then write the row (if there is
 * room) and count it. */
static enum mc_err emit(struct builder *b, struct mc_error *err)
{
	struct control_slip_row *r = &b->cur.row;
	struct workcal_limit lim = {WORKCAL_MINUTES, b->steps[r->step].minutes};
	struct workcal_due due;
	enum mc_err rc;

	if ((rc = workcal_deadline(b->cal, r->given_at, &lim, b->policy, b->cur.waits,
				   b->cur.nwaits, &due, err)) != MC_OK)
		return rc;
	r->due = due.paused ? 0 : due.due;
	r->waited_min = due.waited_min;
	if (r->end == CONTROL_SLIP_OPEN)
		r->status = workcal_classify_open(b->cal, &due, b->now);
	else if (r->end == CONTROL_SLIP_WITHDRAWN || r->end == CONTROL_SLIP_STOPPED)
		r->status = 0; /* the applicant ended it: the step is not judged */
	else
		r->status = workcal_classify_done(b->cal, due.due, r->done_at);
	if (b->count < b->cap)
		b->out[b->count] = *r;
	b->count++;
	b->cur.active = false;
	return MC_OK;
}

static enum mc_err close_visit(struct builder *b, const struct dossier_event *ev,
			       enum control_slip_end end, int next, struct mc_error *err)
{
	struct control_slip_row *r = &b->cur.row;
	const char *note = ev->note;

	if (!b->cur.active)
		return MC_OK;
	if (b->cur.nwaits && b->cur.waits[b->cur.nwaits - 1].to == WORKCAL_OPEN)
		b->cur.waits[b->cur.nwaits - 1].to = ev->at; /* ended while waiting */
	if (ev->kind == DOSSIER_EV_SEND_BACK || ev->kind == DOSSIER_EV_REFUSE ||
	    ev->kind == DOSSIER_EV_WITHDRAW || ev->kind == DOSSIER_EV_STOP)
		note = ev->reason;
	else if (ev->kind == DOSSIER_EV_TRANSFER)
		note = ev->target_unit;
	snprintf(r->note, sizeof r->note, "%s", note);
	if (!r->received_by)
		r->received_by = ev->actor_id;
	r->done_at = ev->at;
	r->end = end;
	r->next_step = next;
	return emit(b, err);
}

enum mc_err control_slip_build(const struct dossier_event *events, size_t n,
			       const struct proc_step *steps, int nsteps,
			       const struct workcal *cal, enum workcal_policy policy, int64_t now,
			       struct control_slip_row *out, size_t cap, size_t *n_out,
			       struct mc_error *err)
{
	struct dossier_proc proc;
	struct dossier_view v;
	size_t bad = 0;
	enum mc_err rc;
	/* on the stack (a few KB), never static: concurrent callers share nothing */
	struct builder b = {steps, cal, policy, now, out, out ? cap : 0, 0, {0}};

	*n_out = 0;
	if (!cal || (n && !events))
		return mc_fail(err, MC_EINVAL, NULL, NULL, NULL);
	if ((rc = dossier_proc_from_steps(steps, nsteps, &proc, err)) != MC_OK)
		return rc;
	/* validate the whole history first, so no row comes from a bad one */
	if ((rc = dossier_replay(events, n, &proc, &v, &bad, err)) != MC_OK)
		return rc;

	dossier_view_init(&v, &proc);
	for (size_t i = 0; i < n; i++) {
		const struct dossier_event *ev = &events[i];
		int from_step = v.step;

		if ((rc = dossier_apply(&v, ev, &v, err)) != MC_OK)
			return rc; /* cannot happen after the replay above */
		switch (ev->kind) {
		case DOSSIER_EV_INTAKE:
		case DOSSIER_EV_ACCEPT:
			/* the applicant hands it to the desk, which takes it at once */
			open_visit(&b, 0, 0, ev->at);
			b.cur.row.received_by = ev->actor_id;
			b.cur.row.taken_at = ev->at;
			break;
		case DOSSIER_EV_TAKE:
			b.cur.row.received_by = ev->actor_id;
			b.cur.row.taken_at = ev->at;
			break;
		case DOSSIER_EV_FORWARD:
		case DOSSIER_EV_SEND_BACK:
			if ((rc = close_visit(&b, ev,
					      ev->kind == DOSSIER_EV_FORWARD ? CONTROL_SLIP_FORWARDED
									     : CONTROL_SLIP_SENT_BACK,
					      v.step, err)) != MC_OK)
				return rc;
			open_visit(&b, v.step, ev->actor_id, ev->at);
			break;
		case DOSSIER_EV_REQUEST_SUPPLEMENT:
			b.cur.waits[b.cur.nwaits].from = ev->at;
			b.cur.waits[b.cur.nwaits].to = WORKCAL_OPEN;
			b.cur.nwaits++; /* bounded: dossier_apply caps the waits */
			break;
		case DOSSIER_EV_SUPPLEMENT_RECEIVED:
			b.cur.waits[b.cur.nwaits - 1].to = ev->at;
			break;
		case DOSSIER_EV_RECORD_RESULT:
			/* the result goes to the desk's last step; recorded at the
			 * last step itself, the visit goes on until the return */
			if (v.step != from_step) {
				if ((rc = close_visit(&b, ev, CONTROL_SLIP_RESULT, v.step, err)) != MC_OK)
					return rc;
				open_visit(&b, v.step, ev->actor_id, ev->at);
			}
			break;
		case DOSSIER_EV_RETURN_RESULT:
			if ((rc = close_visit(&b, ev, CONTROL_SLIP_RETURNED, -1, err)) != MC_OK)
				return rc;
			break;
		case DOSSIER_EV_REFUSE:
			if ((rc = close_visit(&b, ev, CONTROL_SLIP_REFUSED, -1, err)) != MC_OK)
				return rc;
			break;
		case DOSSIER_EV_WITHDRAW:
			if ((rc = close_visit(&b, ev, CONTROL_SLIP_WITHDRAWN, -1, err)) != MC_OK)
				return rc;
			break;
		case DOSSIER_EV_STOP:
			if ((rc = close_visit(&b, ev, CONTROL_SLIP_STOPPED, -1, err)) != MC_OK)
				return rc;
			break;
		case DOSSIER_EV_TRANSFER:
			if ((rc = close_visit(&b, ev, CONTROL_SLIP_TRANSFERRED, -1, err)) != MC_OK)
				return rc;
			break;
		default:
			break;
		}
	}
	if (b.cur.active && (rc = emit(&b, err)) != MC_OK)
		return rc;
	*n_out = b.count;
	return MC_OK;
}
