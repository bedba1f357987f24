/*
 * test_dossier.c - the state machine and fold of dossier.c with exact
 * values on the 2026 calendar: complete journeys, supplements under restart
 * and pause, the leader's approval of a second request, the apology rule,
 * refusal, withdrawal, stop, transfer, every terminal state refusing every
 * event, step rules, malformed events, and replay == incremental apply.
 *
 * The process used (like the catalog's "Đăng ký thành lập hộ kinh doanh"):
 *   0 desk 2h, 1 specialist 16h, 2 head 4h, 3 desk 2h = 3 working days;
 *   the result is recorded from step 2 (the last step not at the desk).
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>

#include "domain/caldate.h"
#include "domain/catalog.h"
#include "domain/dossier.h"
#include "domain/workcal.h"

static struct workcal *CAL;
static const struct dossier_proc PROC = {4, 2};
static const struct workcal_limit LIM3 = {WORKCAL_DAYS, 3};

/* Local time (UTC+7) on the default calendar. */
static int64_t T(int y, int m, int d, int hh, int mm)
{
	return workcal_instant(CAL, caldate_from_ymd(y, m, d), hh * 60 + mm);
}

/* A history being built, with its view after each event.  Static: events
 * are 5 KB each. */
#define HMAX 40
static struct {
	struct dossier_event ev[HMAX];
	size_t n;
	struct dossier_view v;
	enum workcal_policy policy;
} H;

static void h_reset(enum workcal_policy policy)
{
	memset(&H, 0, sizeof H);
	H.policy = policy;
	dossier_view_init(&H.v, &PROC);
}

static struct dossier_event E(enum dossier_event_kind k, int64_t at, int64_t actor)
{
	struct dossier_event e;

	memset(&e, 0, sizeof e);
	e.kind = k;
	e.at = at;
	e.actor_id = actor;
	e.unit_id = 1;
	return e;
}

/* Try an event on the current view (filling the appointment where the
 * event records one); on success append it. */
static enum mc_err h_try(struct dossier_event e, struct mc_error *err)
{
	enum mc_err rc;

	mc_error_clear(err);
	if ((rc = dossier_fill_appointment(&H.v, &e, CAL, &LIM3, H.policy, err)) != MC_OK)
		return rc;
	if ((rc = dossier_apply(&H.v, &e, &H.v, err)) != MC_OK)
		return rc;
	assert_true(H.n < HMAX);
	H.ev[H.n++] = e;
	return MC_OK;
}

static void h_ok(struct dossier_event e)
{
	struct mc_error err;
	enum mc_err rc = h_try(e, &err);

	if (rc != MC_OK)
		fail_msg("%s event refused: %s", dossier_event_name(e.kind), err.msg_en);
}

static struct dossier_event fwd(int64_t at, int64_t actor, int step)
{
	struct dossier_event e = E(DOSSIER_EV_FORWARD, at, actor);

	e.step = step;
	snprintf(e.note, sizeof e.note, "Chuyển bước %d", step + 1);
	return e;
}

static struct dossier_event result(int64_t at, int64_t actor)
{
	struct dossier_event e = E(DOSSIER_EV_RECORD_RESULT, at, actor);

	snprintf(e.result_number, sizeof e.result_number, "123/QĐ-UBND");
	snprintf(e.signer, sizeof e.signer, "Trần Văn Bình");
	e.result_date = caldate_from_ymd(2026, 3, 4);
	return e;
}

static struct dossier_event ret(int64_t at, int64_t actor, const char *how)
{
	struct dossier_event e = E(DOSSIER_EV_RETURN_RESULT, at, actor);

	snprintf(e.return_method, sizeof e.return_method, "%s", how);
	return e;
}

static struct dossier_event supp(int64_t at, int64_t actor, int64_t approver, const char *why)
{
	struct dossier_event e = E(DOSSIER_EV_REQUEST_SUPPLEMENT, at, actor);

	e.nitems = 2;
	snprintf(e.items[0], sizeof e.items[0], "Bản sao Căn cước công dân của chủ hộ");
	snprintf(e.items[1], sizeof e.items[1], "Hợp đồng thuê địa điểm kinh doanh");
	e.approved_by = approver;
	snprintf(e.reason, sizeof e.reason, "%s", why ? why : "");
	return e;
}

static struct dossier_event with_reason(struct dossier_event e, const char *why)
{
	snprintf(e.reason, sizeof e.reason, "%s", why);
	return e;
}

static struct workcal_due due_of(const struct dossier_view *v, enum workcal_policy p)
{
	struct workcal_due d;
	struct mc_error err;

	if (dossier_deadline(v, CAL, &LIM3, p, &d, &err) != MC_OK)
		fail_msg("deadline: %s", err.msg_en);
	return d;
}

/* intake Mon 2026-03-02 08:00 by desk officer 11, forwarded to step 1 at
 * 09:00 (taken by 21) */
static void intake_and_forward(enum workcal_policy p)
{
	h_reset(p);
	h_ok(E(DOSSIER_EV_INTAKE, T(2026, 3, 2, 8, 0), 11));
	h_ok(fwd(T(2026, 3, 2, 9, 0), 11, 1));
	h_ok(E(DOSSIER_EV_TAKE, T(2026, 3, 2, 9, 15), 21));
}

static int setup(void **state)
{
	struct workcal_config cfg;
	struct mc_error err;

	(void)state;
	workcal_config_default(&cfg, 2025, 2027);
	return workcal_new(&cfg, &CAL, &err) == MC_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	workcal_free(CAL);
	return 0;
}

/* ------------------------------------------------------------------ tests */

static void test_names(void **state)
{
	(void)state;
	for (int s = DOSSIER_SUBMITTED; s < DOSSIER__STATE_COUNT; s++)
		assert_int_equal(dossier_state_parse(dossier_state_name(s)), s);
	for (int k = 1; k < DOSSIER__EV_COUNT; k++)
		assert_int_equal(dossier_event_parse(dossier_event_name(k)), k);
	assert_string_equal(dossier_state_name(DOSSIER_WAITING_SUPPLEMENT), "waiting_supplement");
	assert_string_equal(dossier_state_name(DOSSIER_TRANSFERRED), "transferred");
	assert_string_equal(dossier_event_name(DOSSIER_EV_SUPPLEMENT_RECEIVED), "supplement_received");
	assert_string_equal(dossier_event_name(DOSSIER_EV_SUBMIT_ONLINE), "submit_online");
	assert_string_equal(dossier_state_vi(DOSSIER_PROCESSING), "Đang giải quyết");
	assert_int_equal(dossier_state_parse("none"), -1);
	assert_int_equal(dossier_state_parse("to_desk"), -1);
	assert_int_equal(dossier_event_parse("to_desk"), -1);
	assert_int_equal(dossier_event_parse(NULL), -1);
	assert_string_equal(dossier_state_name((enum dossier_state)99), "");
	assert_string_equal(dossier_event_name((enum dossier_event_kind)0), "");

	assert_true(dossier_state_terminal(DOSSIER_GUIDED));
	assert_true(dossier_state_terminal(DOSSIER_RETURNED));
	assert_true(dossier_state_terminal(DOSSIER_STOPPED));
	assert_false(dossier_state_terminal(DOSSIER_RESULT_READY));
	assert_false(dossier_state_terminal(DOSSIER_SUBMITTED));
	assert_true(dossier_state_open(DOSSIER_WAITING_SUPPLEMENT));
	assert_false(dossier_state_open(DOSSIER_RESULT_READY));
}

static void test_proc_from_steps(void **state)
{
	static struct proc_step s[CATALOG_MAX_STEPS + 1];
	struct dossier_proc p;
	struct mc_error err;
	static const char *units[5] = {"$desk", "dakpo.tckh", "dakpo.tckh", "dakpo.tckh", "$desk"};

	(void)state;
	for (int i = 0; i < 5; i++)
		snprintf(s[i].unit, sizeof s[i].unit, "%s", units[i]);
	assert_int_equal(dossier_proc_from_steps(s, 5, &p, &err), MC_OK);
	assert_int_equal(p.nsteps, 5);
	assert_int_equal(p.result_step, 3); /* "Vào số, đóng dấu, chuyển kết quả" */

	for (int i = 0; i < 3; i++)
		snprintf(s[i].unit, sizeof s[i].unit, "$desk");
	assert_int_equal(dossier_proc_from_steps(s, 3, &p, &err), MC_OK);
	assert_int_equal(p.result_step, 2); /* the desk alone: its last step */

	assert_int_equal(dossier_proc_from_steps(s, 0, &p, &err), MC_EINVAL);
	assert_int_equal(dossier_proc_from_steps(s, CATALOG_MAX_STEPS + 1, &p, &err), MC_EINVAL);
	assert_int_equal(dossier_proc_from_steps(NULL, 3, &p, &err), MC_EINVAL);
}

/* Intake -> 3 more steps -> result -> return, well within 3 days. */
static void test_journey_on_time(void **state)
{
	struct workcal_due d;

	(void)state;
	h_reset(WORKCAL_RESTART);
	assert_int_equal(H.v.state, DOSSIER_NONE);
	assert_int_equal(H.v.step, -1);
	h_ok(E(DOSSIER_EV_INTAKE, T(2026, 3, 2, 8, 0), 11));
	/* 3 working days from Monday 08:00: Mon 7h + Tue 8h + Wed 8h + Thu 1h */
	assert_int_equal(H.ev[0].new_appointment, T(2026, 3, 5, 8, 0));
	assert_int_equal(H.v.state, DOSSIER_PROCESSING);
	assert_int_equal(H.v.received_at, T(2026, 3, 2, 8, 0));
	assert_int_equal(H.v.clock_start, H.v.received_at);
	assert_int_equal(H.v.received_by, 11);
	assert_int_equal(H.v.legal_due, T(2026, 3, 5, 8, 0));
	assert_int_equal(H.v.appointment, T(2026, 3, 5, 8, 0));
	assert_int_equal(H.v.step, 0);
	assert_int_equal(H.v.assignee, 11);

	h_ok(fwd(T(2026, 3, 2, 9, 30), 11, 1));
	assert_int_equal(H.v.step, 1);
	assert_int_equal(H.v.assignee, 0);
	assert_int_equal(H.v.step_since, T(2026, 3, 2, 9, 30));
	h_ok(E(DOSSIER_EV_TAKE, T(2026, 3, 2, 10, 0), 21));
	assert_int_equal(H.v.assignee, 21);
	h_ok(fwd(T(2026, 3, 3, 14, 0), 21, 2));
	h_ok(E(DOSSIER_EV_TAKE, T(2026, 3, 3, 14, 10), 31));

	d = due_of(&H.v, WORKCAL_RESTART);
	assert_int_equal(d.due, T(2026, 3, 5, 8, 0));
	assert_int_equal(d.limit_min, 3 * 480);
	assert_int_equal(dossier_classify(&H.v, CAL, &d, T(2026, 3, 3, 15, 0)), WORKCAL_WITHIN);

	h_ok(result(T(2026, 3, 4, 8, 0), 31));
	assert_int_equal(H.v.state, DOSSIER_RESULT_READY);
	assert_int_equal(H.v.step, 3); /* handed to the desk's return step */
	assert_int_equal(H.v.step_since, T(2026, 3, 4, 8, 0));
	assert_int_equal(H.v.assignee, 0);
	assert_int_equal(H.v.finished_at, T(2026, 3, 4, 8, 0));
	assert_string_equal(H.v.result_number, "123/QĐ-UBND");
	assert_string_equal(H.v.signer, "Trần Văn Bình");
	assert_int_equal(H.v.result_date, caldate_from_ymd(2026, 3, 4));

	h_ok(E(DOSSIER_EV_TAKE, T(2026, 3, 4, 8, 30), 12)); /* the desk takes the return */
	h_ok(ret(T(2026, 3, 4, 9, 0), 12, "desk"));
	assert_int_equal(H.v.state, DOSSIER_RETURNED);
	assert_int_equal(H.v.returned_at, T(2026, 3, 4, 9, 0));
	assert_int_equal(H.v.closed_at, T(2026, 3, 4, 9, 0));
	assert_string_equal(H.v.return_method, "desk");
	assert_int_equal(H.v.nevents, 8);
	assert_int_equal(H.v.supplement_count, 0);
	assert_int_equal(H.v.nwaits, 0);

	d = due_of(&H.v, WORKCAL_RESTART);
	/* finished Wednesday, the deadline is Thursday: early */
	assert_int_equal(dossier_classify(&H.v, CAL, &d, T(2026, 3, 20, 8, 0)), WORKCAL_EARLY);
	assert_false(dossier_needs_apology(&H.v, &d, CAL, T(2026, 3, 20, 8, 0)));
}

/* Online: submitted on Saturday, accepted Monday 08:00: the clock starts at
 * acceptance, not at submission. */
static void test_online_accept(void **state)
{
	struct mc_error err;

	(void)state;
	h_reset(WORKCAL_RESTART);
	h_ok(E(DOSSIER_EV_SUBMIT_ONLINE, T(2026, 2, 28, 10, 0), 0));
	assert_int_equal(H.v.state, DOSSIER_SUBMITTED);
	assert_int_equal(H.v.submitted_at, T(2026, 2, 28, 10, 0));
	assert_int_equal(H.v.received_at, 0);
	assert_int_equal(h_try(E(DOSSIER_EV_INTAKE, T(2026, 3, 2, 8, 0), 11), &err), MC_ECONFLICT);
	assert_int_equal(h_try(E(DOSSIER_EV_TAKE, T(2026, 3, 2, 8, 0), 11), &err), MC_ECONFLICT);
	assert_string_equal(err.msg_vi, "Hồ sơ nộp trực tuyến chưa được tiếp nhận, không thể nhận xử lý");
	h_ok(E(DOSSIER_EV_ACCEPT, T(2026, 3, 2, 8, 0), 11));
	assert_int_equal(H.v.received_at, T(2026, 3, 2, 8, 0));
	assert_int_equal(H.v.legal_due, T(2026, 3, 5, 8, 0));
	assert_int_equal(H.v.state, DOSSIER_PROCESSING);
	assert_int_equal(h_try(E(DOSSIER_EV_ACCEPT, T(2026, 3, 2, 8, 5), 11), &err), MC_ECONFLICT);

	/* not received: no deadline */
	h_reset(WORKCAL_RESTART);
	h_ok(E(DOSSIER_EV_SUBMIT_ONLINE, T(2026, 2, 28, 10, 0), 0));
	{
		struct workcal_due d;

		assert_int_equal(dossier_deadline(&H.v, CAL, &LIM3, WORKCAL_RESTART, &d, &err),
				 MC_ECONFLICT);
	}
	/* guidance for an online submission: not received, terminal */
	{
		struct dossier_event g = E(DOSSIER_EV_GUIDE, T(2026, 3, 2, 9, 0), 11);

		assert_int_equal(h_try(g, &err), MC_EINVAL); /* no items */
		assert_string_equal(err.field, "items");
		g.nitems = 1;
		snprintf(g.items[0], sizeof g.items[0], "Giấy ủy quyền");
		h_ok(g);
		assert_int_equal(H.v.state, DOSSIER_GUIDED);
		assert_int_equal(H.v.received_at, 0);
		assert_int_equal(H.v.closed_at, T(2026, 3, 2, 9, 0));
	}
}

/* The desk's check of an online submission may ask for a supplement before
 * receipt: no clock runs, so no wait is recorded, and the supplied dossier
 * goes back to the desk's check (submitted); accept then starts the clock
 * from the acceptance, not from the submission. */
static void test_online_supplement_before_receipt(void **state)
{
	struct mc_error err;
	struct dossier_view replayed;

	(void)state;
	h_reset(WORKCAL_RESTART);
	h_ok(E(DOSSIER_EV_SUBMIT_ONLINE, T(2026, 2, 27, 10, 0), 31));
	h_ok(supp(T(2026, 2, 27, 14, 0), 11, 0, NULL));
	assert_int_equal(H.v.state, DOSSIER_WAITING_SUPPLEMENT);
	assert_int_equal(H.v.nwaits, 0);
	assert_int_equal(H.v.supplement_count, 1);
	assert_int_equal(H.v.received_at, 0);
	/* the citizen supplies it: back to the desk, still no deadline */
	h_ok(E(DOSSIER_EV_SUPPLEMENT_RECEIVED, T(2026, 3, 1, 20, 0), 31));
	assert_int_equal(H.v.state, DOSSIER_SUBMITTED);
	assert_int_equal(H.ev[H.n - 1].new_appointment, 0);
	assert_int_equal(H.v.legal_due, 0);
	/* the citizen may still withdraw; here the desk accepts */
	h_ok(E(DOSSIER_EV_ACCEPT, T(2026, 3, 2, 8, 0), 11));
	assert_int_equal(H.v.state, DOSSIER_PROCESSING);
	assert_int_equal(H.v.legal_due, T(2026, 3, 5, 8, 0)); /* 3 days from acceptance */
	/* a later supplement request during processing is the second: a leader's */
	assert_int_equal(h_try(supp(T(2026, 3, 3, 8, 0), 21, 0, NULL), &err), MC_ECONFLICT);
	/* the history replays to the same view */
	assert_int_equal(dossier_replay(H.ev, H.n, &PROC, &replayed, NULL, &err), MC_OK);
	assert_int_equal(replayed.state, H.v.state);
	assert_int_equal(replayed.legal_due, H.v.legal_due);
	/* withdrawal while waiting before receipt */
	h_reset(WORKCAL_RESTART);
	h_ok(E(DOSSIER_EV_SUBMIT_ONLINE, T(2026, 2, 27, 10, 0), 31));
	h_ok(supp(T(2026, 2, 27, 14, 0), 11, 0, NULL));
	h_ok(with_reason(E(DOSSIER_EV_WITHDRAW, T(2026, 2, 28, 9, 0), 31), "Nộp nhầm"));
	assert_int_equal(H.v.state, DOSSIER_WITHDRAWN);
}

/* Supplement under "restart" (the legal default): the full limit runs again
 * from the day the complete dossier came back. */
static void test_supplement_restart(void **state)
{
	struct workcal_due d;

	(void)state;
	intake_and_forward(WORKCAL_RESTART);
	h_ok(supp(T(2026, 3, 3, 10, 0), 21, 0, NULL));
	assert_int_equal(H.v.state, DOSSIER_WAITING_SUPPLEMENT);
	assert_int_equal(H.v.supplement_count, 1);
	assert_int_equal(H.v.nwaits, 1);
	assert_true(H.v.waits[0].to == WORKCAL_OPEN);

	d = due_of(&H.v, WORKCAL_RESTART);
	assert_int_equal(d.paused, 1);
	assert_int_equal(d.due, 0);
	assert_int_equal(dossier_classify(&H.v, CAL, &d, T(2026, 3, 5, 10, 0)), WORKCAL_PAUSED);
	assert_false(dossier_needs_apology(&H.v, &d, CAL, T(2026, 3, 20, 10, 0)));

	h_ok(E(DOSSIER_EV_SUPPLEMENT_RECEIVED, T(2026, 3, 9, 9, 0), 11));
	assert_int_equal(H.v.state, DOSSIER_PROCESSING);
	assert_int_equal(H.v.step, 1); /* back where it was */
	assert_int_equal(H.v.assignee, 21);
	assert_int_equal(H.v.waits[0].from, T(2026, 3, 3, 10, 0));
	assert_int_equal(H.v.waits[0].to, T(2026, 3, 9, 9, 0));
	/* 3 days from Mon 03-09 09:00: Mon 6h, Tue 8h, Wed 8h, Thu 2h */
	d = due_of(&H.v, WORKCAL_RESTART);
	assert_int_equal(d.due, T(2026, 3, 12, 9, 0));
	assert_int_equal(d.counted_from, T(2026, 3, 9, 9, 0));
	assert_int_equal(H.v.legal_due, T(2026, 3, 12, 9, 0));
	assert_int_equal(H.v.appointment, T(2026, 3, 12, 9, 0));
	assert_int_equal(H.ev[H.n - 1].new_appointment, T(2026, 3, 12, 9, 0));
}

/* Supplement under "pause": the deadline moves by exactly the working time
 * spent waiting. */
static void test_supplement_pause(void **state)
{
	struct workcal_due d;
	int64_t moved = 0;

	(void)state;
	intake_and_forward(WORKCAL_PAUSE);
	h_ok(supp(T(2026, 3, 3, 10, 0), 21, 0, NULL));
	h_ok(E(DOSSIER_EV_SUPPLEMENT_RECEIVED, T(2026, 3, 9, 9, 0), 11));
	d = due_of(&H.v, WORKCAL_PAUSE);
	/* before: Mon 7h + Tue 3h = 10h used; 14h left from Mon 03-09 09:00:
	 * Mon 6h, Tue 8h -> Tuesday 17:00 */
	assert_int_equal(d.due, T(2026, 3, 10, 17, 0));
	assert_int_equal(H.v.legal_due, T(2026, 3, 10, 17, 0));
	/* waited: Tue 5h, Wed, Thu, Fri 8h each, Mon 2h = 31h */
	assert_int_equal(d.waited_min, 31 * 60);
	assert_int_equal(workcal_between(CAL, T(2026, 3, 5, 8, 0), d.due, &moved, NULL), MC_OK);
	assert_int_equal(moved, 31 * 60);

	/* finished Tuesday 16:00: on time (same date, before 17:00) */
	h_ok(fwd(T(2026, 3, 9, 10, 0), 21, 2));
	h_ok(result(T(2026, 3, 10, 16, 0), 31));
	d = due_of(&H.v, WORKCAL_PAUSE);
	assert_int_equal(dossier_classify(&H.v, CAL, &d, 0), WORKCAL_ON_TIME);
	/* the same history under restart would be early (due Thu 03-12 09:00) */
	d = due_of(&H.v, WORKCAL_RESTART);
	assert_int_equal(dossier_classify(&H.v, CAL, &d, 0), WORKCAL_EARLY);
}

/* A second request needs a leader's approval and a reason. */
static void test_second_supplement_needs_leader(void **state)
{
	struct mc_error err;

	(void)state;
	intake_and_forward(WORKCAL_RESTART);
	h_ok(supp(T(2026, 3, 3, 10, 0), 21, 0, NULL));
	/* another request while waiting: not processing */
	assert_int_equal(h_try(supp(T(2026, 3, 3, 11, 0), 21, 0, NULL), &err), MC_ECONFLICT);
	assert_string_equal(err.msg_vi, "Hồ sơ đang chờ bổ sung, không thể yêu cầu bổ sung");
	h_ok(E(DOSSIER_EV_SUPPLEMENT_RECEIVED, T(2026, 3, 4, 9, 0), 11));

	assert_int_equal(h_try(supp(T(2026, 3, 5, 9, 0), 21, 0, NULL), &err), MC_ECONFLICT);
	assert_string_equal(err.field, "approved_by");
	assert_string_equal(err.msg_vi, "Yêu cầu bổ sung lần thứ 2 phải được lãnh đạo phê duyệt: "
					"ghi người phê duyệt và lý do");
	assert_string_equal(err.msg_en, "Supplement request no. 2 must be approved by a leader: "
					"give the approver and the reason");
	/* approver without a reason, reason without an approver, blank reason */
	assert_int_equal(h_try(supp(T(2026, 3, 5, 9, 0), 21, 41, NULL), &err), MC_ECONFLICT);
	assert_int_equal(h_try(supp(T(2026, 3, 5, 9, 0), 21, 0, "Thiếu bản vẽ"), &err), MC_ECONFLICT);
	assert_int_equal(h_try(supp(T(2026, 3, 5, 9, 0), 21, 41, "  \n"), &err), MC_ECONFLICT);
	assert_int_equal(H.v.supplement_count, 1);
	assert_int_equal(H.v.state, DOSSIER_PROCESSING);

	h_ok(supp(T(2026, 3, 5, 9, 0), 21, 41,
		  "Quy định mới yêu cầu thêm bản vẽ mặt bằng (lãnh đạo đã duyệt)"));
	assert_int_equal(H.v.supplement_count, 2);
	assert_int_equal(H.v.nwaits, 2);
	assert_int_equal(H.v.state, DOSSIER_WAITING_SUPPLEMENT);

	/* a request must list what is missing */
	intake_and_forward(WORKCAL_RESTART);
	{
		struct dossier_event e = supp(T(2026, 3, 3, 10, 0), 21, 0, NULL);

		e.nitems = 0;
		assert_int_equal(h_try(e, &err), MC_EINVAL);
		e.nitems = 1;
		e.items[0][0] = '\0';
		assert_int_equal(h_try(e, &err), MC_EINVAL);
		e.nitems = DOSSIER_MAX_ITEMS + 1;
		assert_int_equal(h_try(e, &err), MC_EINVAL);
	}
}

/* The cap on requests keeps the waits array bounded. */
static void test_supplement_cap(void **state)
{
	struct mc_error err;
	int64_t t = T(2026, 3, 3, 8, 0);

	(void)state;
	intake_and_forward(WORKCAL_PAUSE);
	for (int i = 0; i < DOSSIER_MAX_WAITS; i++) {
		h_ok(supp(t, 21, i ? 41 : 0, i ? "Lãnh đạo duyệt" : NULL));
		h_ok(E(DOSSIER_EV_SUPPLEMENT_RECEIVED, t + 600, 11));
		t += 3600;
	}
	assert_int_equal(h_try(supp(t, 21, 41, "Lãnh đạo duyệt"), &err), MC_ECONFLICT);
	assert_int_equal(H.v.nwaits, DOSSIER_MAX_WAITS);
}

/* The apology: warned one working day before the deadline, allowed once,
 * with a date after the deadline; the dossier still counts as late. */
static void test_apology(void **state)
{
	struct workcal_due d;
	struct mc_error err;
	struct dossier_event a;

	(void)state;
	intake_and_forward(WORKCAL_RESTART);
	d = due_of(&H.v, WORKCAL_RESTART);
	assert_int_equal(d.due, T(2026, 3, 5, 8, 0));
	/* Tue 16:00: 10h left; Wed 07:59: 8h01 left; Wed 08:00: exactly 1 day */
	assert_false(dossier_needs_apology(&H.v, &d, CAL, T(2026, 3, 3, 16, 0)));
	assert_false(dossier_needs_apology(&H.v, &d, CAL, T(2026, 3, 4, 7, 59)));
	assert_true(dossier_needs_apology(&H.v, &d, CAL, T(2026, 3, 4, 8, 0)));
	assert_true(dossier_needs_apology(&H.v, &d, CAL, T(2026, 3, 6, 8, 0))); /* already late */
	/* the classification warns too */
	assert_int_equal(dossier_classify(&H.v, CAL, &d, T(2026, 3, 3, 16, 0)), WORKCAL_WITHIN);
	assert_int_equal(dossier_classify(&H.v, CAL, &d, T(2026, 3, 4, 9, 0)), WORKCAL_DUE_SOON);
	assert_int_equal(dossier_classify(&H.v, CAL, &d, T(2026, 3, 5, 8, 1)), WORKCAL_OVERDUE);

	a = with_reason(E(DOSSIER_EV_APOLOGIZE, T(2026, 3, 4, 9, 0), 51),
			"Phải xác minh thực địa địa điểm kinh doanh");
	a.new_appointment = T(2026, 3, 5, 8, 0); /* not after the deadline */
	assert_int_equal(h_try(a, &err), MC_EINVAL);
	assert_string_equal(err.field, "new_appointment");
	a.new_appointment = T(2026, 3, 9, 8, 0);
	a.reason[0] = '\0';
	assert_int_equal(h_try(a, &err), MC_EINVAL);
	assert_string_equal(err.field, "reason");
	a = with_reason(a, "Phải xác minh thực địa địa điểm kinh doanh");
	h_ok(a);
	assert_int_equal(H.v.apology_count, 1);
	assert_int_equal(H.v.appointment, T(2026, 3, 9, 8, 0));
	assert_int_equal(H.v.legal_due, T(2026, 3, 5, 8, 0)); /* unchanged */
	d = due_of(&H.v, WORKCAL_RESTART);
	assert_int_equal(d.due, T(2026, 3, 5, 8, 0));
	assert_false(dossier_needs_apology(&H.v, &d, CAL, T(2026, 3, 4, 10, 0)));

	/* once only */
	a.at = T(2026, 3, 6, 9, 0);
	a.new_appointment = T(2026, 3, 12, 8, 0);
	assert_int_equal(h_try(a, &err), MC_ECONFLICT);
	assert_int_equal(H.v.appointment, T(2026, 3, 9, 8, 0));

	/* finished before the new date but after the legal deadline: late */
	h_ok(fwd(T(2026, 3, 5, 9, 0), 21, 2));
	h_ok(result(T(2026, 3, 6, 10, 0), 31));
	d = due_of(&H.v, WORKCAL_RESTART);
	assert_int_equal(dossier_classify(&H.v, CAL, &d, 0), WORKCAL_LATE);

	/* no apology outside processing */
	a.at = T(2026, 3, 6, 11, 0);
	assert_int_equal(h_try(a, &err), MC_ECONFLICT);
	assert_string_equal(err.field, "state");
}

static void test_refusal(void **state)
{
	struct mc_error err;
	struct workcal_due d;
	struct dossier_event r;

	(void)state;
	/* at the desk, paper: the first event */
	h_reset(WORKCAL_RESTART);
	r = E(DOSSIER_EV_REFUSE, T(2026, 3, 2, 8, 0), 11);
	assert_int_equal(h_try(r, &err), MC_EINVAL);
	assert_string_equal(err.field, "reason");
	h_ok(with_reason(r, "Không thuộc thẩm quyền giải quyết của UBND huyện"));
	assert_int_equal(H.v.state, DOSSIER_REFUSED);
	assert_true(H.v.refused_at_intake);
	assert_int_equal(H.v.finished_at, 0);
	assert_int_equal(H.v.received_at, 0);
	assert_string_equal(H.v.reason, "Không thuộc thẩm quyền giải quyết của UBND huyện");
	memset(&d, 0, sizeof d);
	assert_int_equal(dossier_classify(&H.v, CAL, &d, 0), 0); /* not counted */

	/* an online submission */
	h_reset(WORKCAL_RESTART);
	h_ok(E(DOSSIER_EV_SUBMIT_ONLINE, T(2026, 3, 1, 20, 0), 0));
	h_ok(with_reason(E(DOSSIER_EV_REFUSE, T(2026, 3, 2, 8, 0), 11), "Không đủ điều kiện"));
	assert_true(H.v.refused_at_intake);

	/* after appraisal: answers the dossier, classified */
	intake_and_forward(WORKCAL_RESTART);
	h_ok(with_reason(E(DOSSIER_EV_REFUSE, T(2026, 3, 4, 10, 0), 21),
			 "Ngành nghề kinh doanh bị cấm"));
	assert_false(H.v.refused_at_intake);
	assert_int_equal(H.v.finished_at, T(2026, 3, 4, 10, 0));
	assert_int_equal(H.v.closed_at, T(2026, 3, 4, 10, 0));
	d = due_of(&H.v, WORKCAL_RESTART);
	assert_int_equal(dossier_classify(&H.v, CAL, &d, 0), WORKCAL_EARLY);

	/* while waiting for a supplement: the wait ends there */
	intake_and_forward(WORKCAL_PAUSE);
	h_ok(supp(T(2026, 3, 3, 10, 0), 21, 0, NULL));
	h_ok(with_reason(E(DOSSIER_EV_REFUSE, T(2026, 3, 20, 10, 0), 21),
			 "Quá thời hạn bổ sung"));
	assert_int_equal(H.v.waits[0].to, T(2026, 3, 20, 10, 0));
}

static void test_withdrawal(void **state)
{
	struct mc_error err;

	(void)state;
	h_reset(WORKCAL_RESTART);
	h_ok(E(DOSSIER_EV_SUBMIT_ONLINE, T(2026, 3, 1, 20, 0), 0));
	h_ok(E(DOSSIER_EV_WITHDRAW, T(2026, 3, 1, 21, 0), 0));
	assert_int_equal(H.v.state, DOSSIER_WITHDRAWN);

	intake_and_forward(WORKCAL_RESTART);
	h_ok(with_reason(E(DOSSIER_EV_WITHDRAW, T(2026, 3, 3, 8, 0), 0), "Không còn nhu cầu"));
	assert_int_equal(H.v.state, DOSSIER_WITHDRAWN);
	assert_string_equal(H.v.reason, "Không còn nhu cầu");
	assert_int_equal(H.v.closed_at, T(2026, 3, 3, 8, 0));

	intake_and_forward(WORKCAL_RESTART);
	h_ok(supp(T(2026, 3, 3, 10, 0), 21, 0, NULL));
	h_ok(E(DOSSIER_EV_WITHDRAW, T(2026, 3, 4, 8, 0), 0));
	assert_int_equal(H.v.state, DOSSIER_WITHDRAWN);
	assert_int_equal(H.v.waits[0].to, T(2026, 3, 4, 8, 0));

	/* not once the result is ready */
	intake_and_forward(WORKCAL_RESTART);
	h_ok(fwd(T(2026, 3, 2, 10, 0), 21, 2));
	h_ok(result(T(2026, 3, 2, 11, 0), 31));
	assert_int_equal(h_try(E(DOSSIER_EV_WITHDRAW, T(2026, 3, 2, 14, 0), 0), &err), MC_ECONFLICT);
	assert_string_equal(err.field, "state");
	assert_string_equal(err.msg_vi, "Hồ sơ đã có kết quả, không thể rút hồ sơ");
	assert_string_equal(err.msg_en, "The result is ready; it cannot be withdrawn");
	assert_int_equal(H.v.state, DOSSIER_RESULT_READY);
}

static void test_stop(void **state)
{
	struct mc_error err;
	struct dossier_event s;

	(void)state;
	intake_and_forward(WORKCAL_RESTART);
	s = with_reason(E(DOSSIER_EV_STOP, T(2026, 3, 3, 9, 0), 11),
			"Người nộp đề nghị dừng giải quyết");
	h_ok(s);
	assert_int_equal(H.v.state, DOSSIER_STOPPED);
	assert_int_equal(H.v.closed_at, T(2026, 3, 3, 9, 0));
	assert_int_equal(H.v.finished_at, 0);

	/* while waiting */
	intake_and_forward(WORKCAL_RESTART);
	h_ok(supp(T(2026, 3, 3, 10, 0), 21, 0, NULL));
	s.at = T(2026, 3, 4, 9, 0);
	h_ok(s);
	assert_int_equal(H.v.state, DOSSIER_STOPPED);
	assert_int_equal(H.v.waits[0].to, T(2026, 3, 4, 9, 0));

	/* not before receipt (withdraw instead), not after the decision */
	h_reset(WORKCAL_RESTART);
	h_ok(E(DOSSIER_EV_SUBMIT_ONLINE, T(2026, 3, 1, 20, 0), 0));
	assert_int_equal(h_try(s, &err), MC_ECONFLICT);
	intake_and_forward(WORKCAL_RESTART);
	h_ok(fwd(T(2026, 3, 2, 10, 0), 21, 2));
	h_ok(result(T(2026, 3, 2, 11, 0), 31));
	assert_int_equal(h_try(s, &err), MC_ECONFLICT);
	assert_string_equal(err.msg_vi, "Hồ sơ đã có kết quả, không thể dừng giải quyết");
}

static void test_transfer(void **state)
{
	struct mc_error err;
	struct dossier_event t;

	(void)state;
	intake_and_forward(WORKCAL_RESTART);
	t = E(DOSSIER_EV_TRANSFER, T(2026, 3, 2, 10, 0), 11);
	assert_int_equal(h_try(t, &err), MC_EINVAL);
	assert_string_equal(err.field, "target_unit");
	snprintf(t.target_unit, sizeof t.target_unit, "dakpo");
	h_ok(t);
	assert_int_equal(H.v.state, DOSSIER_TRANSFERRED);
	assert_string_equal(H.v.target_unit, "dakpo");
	assert_int_equal(H.v.closed_at, T(2026, 3, 2, 10, 0));

	h_reset(WORKCAL_RESTART);
	h_ok(E(DOSSIER_EV_SUBMIT_ONLINE, T(2026, 3, 1, 20, 0), 0));
	h_ok(t);
	assert_int_equal(H.v.state, DOSSIER_TRANSFERRED);

	/* not while waiting for the applicant */
	intake_and_forward(WORKCAL_RESTART);
	h_ok(supp(T(2026, 3, 2, 9, 30), 21, 0, NULL));
	assert_int_equal(h_try(t, &err), MC_ECONFLICT);
}

/* An event with every member filled, so that only the state can refuse it. */
static struct dossier_event full_event(enum dossier_event_kind k, int64_t at)
{
	struct dossier_event e = E(k, at, 99);

	e.step = 0;
	snprintf(e.note, sizeof e.note, "ghi chú");
	snprintf(e.reason, sizeof e.reason, "lý do");
	e.nitems = 1;
	snprintf(e.items[0], sizeof e.items[0], "giấy tờ");
	e.approved_by = 41;
	e.new_appointment = at + 30 * 86400;
	snprintf(e.result_number, sizeof e.result_number, "1/QĐ");
	e.result_date = caldate_from_ymd(2026, 3, 2);
	snprintf(e.signer, sizeof e.signer, "A");
	snprintf(e.target_unit, sizeof e.target_unit, "x");
	snprintf(e.return_method, sizeof e.return_method, "post");
	return e;
}

static void test_terminal_states_refuse_everything(void **state)
{
	struct mc_error err;
	int64_t later = T(2026, 3, 30, 8, 0);
	struct dossier_event g;

	(void)state;
	for (int which = 0; which < 6; which++) {
		enum dossier_state want = DOSSIER_NONE;

		switch (which) {
		case 0:
			h_reset(WORKCAL_RESTART);
			g = E(DOSSIER_EV_GUIDE, T(2026, 3, 2, 8, 0), 11);
			g.nitems = 1;
			snprintf(g.items[0], sizeof g.items[0], "Tờ khai");
			h_ok(g);
			want = DOSSIER_GUIDED;
			break;
		case 1:
			intake_and_forward(WORKCAL_RESTART);
			h_ok(fwd(T(2026, 3, 2, 10, 0), 21, 2));
			h_ok(result(T(2026, 3, 2, 11, 0), 31));
			h_ok(ret(T(2026, 3, 2, 14, 0), 12, "post"));
			want = DOSSIER_RETURNED;
			break;
		case 2:
			intake_and_forward(WORKCAL_RESTART);
			h_ok(with_reason(E(DOSSIER_EV_REFUSE, T(2026, 3, 2, 10, 0), 21), "x"));
			want = DOSSIER_REFUSED;
			break;
		case 3:
			intake_and_forward(WORKCAL_RESTART);
			h_ok(E(DOSSIER_EV_WITHDRAW, T(2026, 3, 2, 10, 0), 0));
			want = DOSSIER_WITHDRAWN;
			break;
		case 4:
			intake_and_forward(WORKCAL_RESTART);
			h_ok(E(DOSSIER_EV_STOP, T(2026, 3, 2, 10, 0), 0));
			want = DOSSIER_STOPPED;
			break;
		case 5:
			intake_and_forward(WORKCAL_RESTART);
			g = E(DOSSIER_EV_TRANSFER, T(2026, 3, 2, 10, 0), 11);
			snprintf(g.target_unit, sizeof g.target_unit, "gialai");
			h_ok(g);
			want = DOSSIER_TRANSFERRED;
			break;
		}
		assert_int_equal(H.v.state, want);
		assert_true(dossier_state_terminal(want));
		for (int k = 1; k < DOSSIER__EV_COUNT; k++) {
			struct dossier_view before = H.v;
			enum mc_err rc = h_try(full_event(k, later), &err);

			if (rc != MC_ECONFLICT)
				fail_msg("%s accepted %s (rc %d)", dossier_state_name(want),
					 dossier_event_name(k), rc);
			assert_string_equal(err.field, "state");
			assert_int_equal(H.v.state, before.state);
			assert_int_equal(H.v.nevents, before.nevents);
		}
	}
	/* the example of the brief, word for word */
	intake_and_forward(WORKCAL_RESTART);
	h_ok(fwd(T(2026, 3, 2, 10, 0), 21, 2));
	h_ok(result(T(2026, 3, 2, 11, 0), 31));
	h_ok(ret(T(2026, 3, 2, 14, 0), 12, "electronic"));
	assert_int_equal(h_try(supp(later, 21, 41, "x"), &err), MC_ECONFLICT);
	assert_string_equal(err.msg_vi, "Hồ sơ đã trả kết quả, không thể yêu cầu bổ sung");
	assert_string_equal(err.msg_en, "The result was returned; no supplement can be requested");
}

static void test_step_rules(void **state)
{
	struct mc_error err;
	struct dossier_event e;

	(void)state;
	intake_and_forward(WORKCAL_RESTART);
	/* only to the next step */
	assert_int_equal(h_try(fwd(T(2026, 3, 2, 10, 0), 21, 3), &err), MC_EINVAL);
	assert_string_equal(err.field, "step");
	assert_int_equal(h_try(fwd(T(2026, 3, 2, 10, 0), 21, 1), &err), MC_EINVAL);
	/* the result only from step 2 (index) on */
	assert_int_equal(h_try(result(T(2026, 3, 2, 10, 0), 21), &err), MC_ECONFLICT);
	assert_string_equal(err.msg_en, "The result can only be recorded from step 3 of the "
					"process (the dossier is at step 2)");
	/* send back needs an earlier step and a reason */
	e = E(DOSSIER_EV_SEND_BACK, T(2026, 3, 2, 10, 0), 21);
	e.step = 1;
	assert_int_equal(h_try(with_reason(e, "x"), &err), MC_EINVAL);
	e.step = -1;
	assert_int_equal(h_try(with_reason(e, "x"), &err), MC_EINVAL);
	e.step = 0;
	assert_int_equal(h_try(e, &err), MC_EINVAL);
	assert_string_equal(err.field, "reason");
	h_ok(with_reason(e, "Thiếu chữ ký trên tờ khai"));
	assert_int_equal(H.v.step, 0);
	assert_int_equal(H.v.send_back_count, 1);
	assert_int_equal(H.v.assignee, 0);
	h_ok(fwd(T(2026, 3, 2, 11, 0), 11, 1));
	h_ok(fwd(T(2026, 3, 2, 14, 0), 21, 2));
	h_ok(fwd(T(2026, 3, 2, 15, 0), 31, 3));
	/* from the last step: record the result, nothing to forward to */
	assert_int_equal(h_try(fwd(T(2026, 3, 2, 16, 0), 12, 4), &err), MC_ECONFLICT);
	/* recorded at the last step: stays there */
	e = result(T(2026, 3, 2, 16, 0), 12);
	e.signer[0] = '\0';
	assert_int_equal(h_try(e, &err), MC_EINVAL);
	e = result(T(2026, 3, 2, 16, 0), 12);
	e.result_date = 0;
	assert_int_equal(h_try(e, &err), MC_EINVAL);
	h_ok(result(T(2026, 3, 2, 16, 0), 12));
	assert_int_equal(H.v.step, 3);
	assert_int_equal(H.v.step_since, T(2026, 3, 2, 15, 0));
	/* return method */
	assert_int_equal(h_try(ret(T(2026, 3, 3, 8, 0), 12, "fax"), &err), MC_EINVAL);
	assert_string_equal(err.field, "return_method");
	assert_int_equal(h_try(ret(T(2026, 3, 3, 8, 0), 12, ""), &err), MC_EINVAL);
	h_ok(ret(T(2026, 3, 3, 8, 0), 12, "post"));

	/* opinions: asked and given, not given unasked; they never move the step */
	intake_and_forward(WORKCAL_RESTART);
	assert_int_equal(h_try(E(DOSSIER_EV_GIVE_OPINION, T(2026, 3, 2, 10, 0), 61), &err),
			 MC_ECONFLICT);
	e = E(DOSSIER_EV_ASK_OPINION, T(2026, 3, 2, 10, 0), 21);
	assert_int_equal(h_try(e, &err), MC_EINVAL);
	snprintf(e.target_unit, sizeof e.target_unit, "dakpo.tnmt");
	h_ok(e);
	assert_int_equal(H.v.opinions_open, 1);
	h_ok(supp(T(2026, 3, 2, 10, 30), 21, 0, NULL));
	h_ok(E(DOSSIER_EV_GIVE_OPINION, T(2026, 3, 2, 11, 0), 61)); /* also while waiting */
	assert_int_equal(H.v.opinions_open, 0);
	assert_int_equal(H.v.step, 1);
	/* nobody takes a dossier that waits for the applicant */
	assert_int_equal(h_try(E(DOSSIER_EV_TAKE, T(2026, 3, 2, 11, 0), 22), &err), MC_ECONFLICT);
	assert_int_equal(h_try(E(DOSSIER_EV_SUPPLEMENT_RECEIVED, T(2026, 3, 2, 11, 0), 11), &err),
			 MC_OK);
	assert_int_equal(h_try(E(DOSSIER_EV_TAKE, T(2026, 3, 2, 11, 0), 0), &err), MC_EINVAL);
	assert_int_equal(h_try(E(DOSSIER_EV_SUPPLEMENT_RECEIVED, T(2026, 3, 2, 11, 0), 11), &err),
			 MC_ECONFLICT);
}

static void test_malformed_events(void **state)
{
	struct mc_error err;
	struct dossier_event e;
	struct dossier_view v, out;

	(void)state;
	dossier_view_init(&v, &PROC);
	e = E(DOSSIER_EV_INTAKE, T(2026, 3, 2, 8, 0), 11);
	/* no appointment recorded */
	assert_int_equal(dossier_apply(&v, &e, &out, &err), MC_EINVAL);
	assert_string_equal(err.field, "new_appointment");
	e.new_appointment = e.at - 1;
	assert_int_equal(dossier_apply(&v, &e, &out, &err), MC_EINVAL);
	e.new_appointment = T(2026, 3, 5, 8, 0);
	/* kind */
	e.kind = DOSSIER_EV_NONE;
	assert_int_equal(dossier_apply(&v, &e, &out, &err), MC_EINVAL);
	assert_string_equal(err.field, "kind");
	e.kind = (enum dossier_event_kind)1000;
	assert_int_equal(dossier_apply(&v, &e, &out, &err), MC_EINVAL);
	e.kind = DOSSIER_EV_INTAKE;
	/* time */
	e.at = 0;
	assert_int_equal(dossier_apply(&v, &e, &out, &err), MC_EINVAL);
	assert_string_equal(err.field, "at");
	e.at = T(2026, 3, 2, 8, 0);
	/* a note that is not NUL-terminated, or not UTF-8 text */
	memset(e.note, 'a', sizeof e.note);
	assert_int_equal(dossier_apply(&v, &e, &out, &err), MC_EINVAL);
	assert_string_equal(err.field, "note");
	snprintf(e.note, sizeof e.note, "\xc3\x28");
	assert_int_equal(dossier_apply(&v, &e, &out, &err), MC_EINVAL);
	snprintf(e.note, sizeof e.note, "dòng 1\ndòng 2");
	snprintf(e.signer, sizeof e.signer, "a\nb"); /* single-line member */
	assert_int_equal(dossier_apply(&v, &e, &out, &err), MC_EINVAL);
	assert_string_equal(err.field, "signer");
	e.signer[0] = '\0';
	/* a bad process */
	{
		struct dossier_view bad = v;

		bad.proc.nsteps = 0;
		assert_int_equal(dossier_apply(&bad, &e, &out, &err), MC_EINVAL);
		bad.proc.nsteps = 4;
		bad.proc.result_step = 4;
		assert_int_equal(dossier_apply(&bad, &e, &out, &err), MC_EINVAL);
		bad = v;
		bad.state = (enum dossier_state)77;
		assert_int_equal(dossier_apply(&bad, &e, &out, &err), MC_EINVAL);
	}
	assert_int_equal(dossier_apply(&v, &e, &out, &err), MC_OK);
	/* apply in place */
	assert_int_equal(dossier_apply(&v, &e, &v, &err), MC_OK);
	assert_int_equal(v.state, DOSSIER_PROCESSING);
	/* an earlier event */
	e = E(DOSSIER_EV_TAKE, T(2026, 3, 2, 7, 59), 21);
	assert_int_equal(dossier_apply(&v, &e, &out, &err), MC_EINVAL);
	assert_string_equal(err.field, "at");
	/* the same instant is fine */
	e.at = T(2026, 3, 2, 8, 0);
	assert_int_equal(dossier_apply(&v, &e, &out, &err), MC_OK);
	/* a NULL error is allowed */
	e.at = 1;
	assert_int_equal(dossier_apply(&v, &e, &out, NULL), MC_EINVAL);
}

static void assert_views_equal(const struct dossier_view *a, const struct dossier_view *b)
{
	assert_int_equal(a->state, b->state);
	assert_int_equal(a->proc.nsteps, b->proc.nsteps);
	assert_int_equal(a->proc.result_step, b->proc.result_step);
	assert_int_equal(a->nevents, b->nevents);
	assert_int_equal(a->last_at, b->last_at);
	assert_int_equal(a->step, b->step);
	assert_int_equal(a->step_since, b->step_since);
	assert_int_equal(a->assignee, b->assignee);
	assert_int_equal(a->submitted_at, b->submitted_at);
	assert_int_equal(a->received_at, b->received_at);
	assert_int_equal(a->received_by, b->received_by);
	assert_int_equal(a->clock_start, b->clock_start);
	assert_int_equal(a->legal_due, b->legal_due);
	assert_int_equal(a->appointment, b->appointment);
	assert_int_equal(a->finished_at, b->finished_at);
	assert_int_equal(a->returned_at, b->returned_at);
	assert_int_equal(a->closed_at, b->closed_at);
	assert_int_equal(a->supplement_count, b->supplement_count);
	assert_int_equal(a->apology_count, b->apology_count);
	assert_int_equal(a->send_back_count, b->send_back_count);
	assert_int_equal(a->opinions_open, b->opinions_open);
	assert_int_equal(a->refused_at_intake, b->refused_at_intake);
	assert_int_equal(a->nwaits, b->nwaits);
	for (size_t i = 0; i < a->nwaits; i++) {
		assert_int_equal(a->waits[i].from, b->waits[i].from);
		assert_true(a->waits[i].to == b->waits[i].to);
	}
	assert_string_equal(a->reason, b->reason);
	assert_string_equal(a->result_number, b->result_number);
	assert_int_equal(a->result_date, b->result_date);
	assert_string_equal(a->signer, b->signer);
	assert_string_equal(a->return_method, b->return_method);
	assert_string_equal(a->target_unit, b->target_unit);
}

static void test_replay(void **state)
{
	struct dossier_view r;
	struct mc_error err;
	size_t bad = 99;
	struct dossier_event a;

	(void)state;
	/* a long journey with everything in it */
	h_reset(WORKCAL_PAUSE);
	h_ok(E(DOSSIER_EV_SUBMIT_ONLINE, T(2026, 2, 28, 10, 0), 0));
	h_ok(E(DOSSIER_EV_ACCEPT, T(2026, 3, 2, 8, 0), 11));
	h_ok(fwd(T(2026, 3, 2, 9, 0), 11, 1));
	h_ok(E(DOSSIER_EV_TAKE, T(2026, 3, 2, 9, 15), 21));
	h_ok(supp(T(2026, 3, 3, 10, 0), 21, 0, NULL));
	h_ok(E(DOSSIER_EV_SUPPLEMENT_RECEIVED, T(2026, 3, 9, 9, 0), 11));
	h_ok(fwd(T(2026, 3, 9, 10, 0), 21, 2));
	a = with_reason(E(DOSSIER_EV_SEND_BACK, T(2026, 3, 9, 11, 0), 31), "Sai số liệu");
	a.step = 1;
	h_ok(a);
	h_ok(fwd(T(2026, 3, 9, 14, 0), 21, 2));
	h_ok(supp(T(2026, 3, 9, 15, 0), 31, 41, "Cần thêm giấy xác nhận (đã duyệt)"));
	h_ok(E(DOSSIER_EV_SUPPLEMENT_RECEIVED, T(2026, 3, 10, 8, 0), 11));
	a = with_reason(E(DOSSIER_EV_APOLOGIZE, T(2026, 3, 10, 9, 0), 51), "Xác minh thêm");
	a.new_appointment = H.v.legal_due + 86400;
	h_ok(a);
	h_ok(result(T(2026, 3, 10, 10, 0), 31));
	h_ok(ret(T(2026, 3, 10, 14, 0), 12, "electronic"));
	assert_int_equal(H.v.state, DOSSIER_RETURNED);

	assert_int_equal(dossier_replay(H.ev, H.n, &PROC, &r, &bad, &err), MC_OK);
	assert_views_equal(&r, &H.v);

	/* every prefix replays to what the incremental fold saw */
	for (size_t k = 0; k <= H.n; k++) {
		struct dossier_view inc;

		dossier_view_init(&inc, &PROC);
		for (size_t i = 0; i < k; i++)
			assert_int_equal(dossier_apply(&inc, &H.ev[i], &inc, NULL), MC_OK);
		assert_int_equal(dossier_replay(H.ev, k, &PROC, &r, NULL, NULL), MC_OK);
		assert_views_equal(&r, &inc);
	}

	/* a bad history names its first bad event */
	assert_int_equal(H.ev[9].kind, DOSSIER_EV_REQUEST_SUPPLEMENT);
	H.ev[9].approved_by = 0; /* the 2nd request loses its approval */
	assert_int_equal(dossier_replay(H.ev, H.n, &PROC, &r, &bad, &err), MC_ECONFLICT);
	assert_int_equal(bad, 9);
	assert_string_equal(err.field, "approved_by");
	assert_non_null(strstr(err.msg_vi, "Sự kiện số 10 (request_supplement): Yêu cầu bổ sung lần thứ 2"));
	assert_non_null(strstr(err.msg_en, "Event no. 10 (request_supplement): Supplement request no. 2"));
	assert_int_equal(r.nevents, 9); /* the view before the bad event */

	/* events out of order */
	h_reset(WORKCAL_RESTART);
	h_ok(E(DOSSIER_EV_INTAKE, T(2026, 3, 2, 8, 0), 11));
	h_ok(fwd(T(2026, 3, 2, 9, 0), 11, 1));
	H.ev[1].at = T(2026, 3, 2, 7, 0);
	assert_int_equal(dossier_replay(H.ev, H.n, &PROC, &r, &bad, &err), MC_EINVAL);
	assert_int_equal(bad, 1);
	/* a bad process and a NULL array */
	{
		struct dossier_proc p = {0, 0};

		assert_int_equal(dossier_replay(H.ev, H.n, &p, &r, &bad, &err), MC_EINVAL);
		assert_int_equal(dossier_replay(NULL, 2, &PROC, &r, &bad, &err), MC_EINVAL);
		assert_int_equal(dossier_replay(NULL, 0, &PROC, &r, &bad, &err), MC_OK);
		assert_int_equal(r.state, DOSSIER_NONE);
	}
}

/* The clock does not start outside office hours, and a paper dossier
 * received on Friday after 15:00 still counts from its receipt. */
static void test_deadline_edges(void **state)
{
	struct workcal_due d;
	struct workcal_limit same = {WORKCAL_SAME_DAY, 0};
	struct mc_error err;

	(void)state;
	h_reset(WORKCAL_RESTART);
	h_ok(E(DOSSIER_EV_INTAKE, T(2026, 3, 6, 16, 0), 11)); /* Friday 16:00 */
	/* 3 days: Fri 1h, Mon 8h, Tue 8h, Wed 7h -> Wednesday 16:00 */
	d = due_of(&H.v, WORKCAL_RESTART);
	assert_int_equal(d.due, T(2026, 3, 11, 16, 0));
	/* "trong ngày" after the cut-off: the next working day's closing */
	assert_int_equal(dossier_deadline(&H.v, CAL, &same, WORKCAL_RESTART, &d, &err), MC_OK);
	assert_int_equal(d.due, T(2026, 3, 9, 17, 0));
	/* a day off before Tết: intake Friday 2026-02-13, 1 day -> after Tết */
	{
		struct workcal_limit one = {WORKCAL_DAYS, 1};

		h_reset(WORKCAL_RESTART);
		h_ok(E(DOSSIER_EV_INTAKE, T(2026, 2, 13, 14, 0), 11));
		assert_int_equal(dossier_deadline(&H.v, CAL, &one, WORKCAL_RESTART, &d, &err), MC_OK);
		assert_int_equal(d.due, T(2026, 2, 23, 14, 0));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_proc_from_steps),
		cmocka_unit_test(test_journey_on_time),
		cmocka_unit_test(test_online_accept),
		cmocka_unit_test(test_online_supplement_before_receipt),
		cmocka_unit_test(test_supplement_restart),
		cmocka_unit_test(test_supplement_pause),
		cmocka_unit_test(test_second_supplement_needs_leader),
		cmocka_unit_test(test_supplement_cap),
		cmocka_unit_test(test_apology),
		cmocka_unit_test(test_refusal),
		cmocka_unit_test(test_withdrawal),
		cmocka_unit_test(test_stop),
		cmocka_unit_test(test_transfer),
		cmocka_unit_test(test_terminal_states_refuse_everything),
		cmocka_unit_test(test_step_rules),
		cmocka_unit_test(test_malformed_events),
		cmocka_unit_test(test_replay),
		cmocka_unit_test(test_deadline_edges),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
