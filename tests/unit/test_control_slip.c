/*
 * test_control_slip.c - the control slip (mẫu 05) built from histories by
 * control_slip.c, with exact instants on the 2026 calendar: every hand-off
 * of each journey, the steps' own deadlines and early / on time / late
 * flags, send-backs, supplements under pause and restart, open rows,
 * endings, the buffer protocol and refusals.
 *
 * Process: 0 desk 2h, 1 specialist 16h, 2 head 4h, 3 desk 2h (3 days);
 * the result is recorded from step 2.
 */
#include "testutil.h"

#include <stdio.h>

#include "domain/caldate.h"
#include "domain/catalog.h"
#include "domain/control_slip.h"
#include "domain/dossier.h"
#include "domain/workcal.h"

static struct workcal *CAL;
static struct proc_step STEPS[4];
static struct dossier_proc PROC;
static const struct workcal_limit LIM3 = {WORKCAL_DAYS, 3};

static int64_t T(int y, int m, int d, int hh, int mm)
{
	return workcal_instant(CAL, caldate_from_ymd(y, m, d), hh * 60 + mm);
}

#define HMAX 24
static struct {
	struct dossier_event ev[HMAX];
	size_t n;
	struct dossier_view v;
	enum workcal_policy policy;
} H;
static struct control_slip_row R[16];
static size_t NR;

static void h_reset(enum workcal_policy p)
{
	memset(&H, 0, sizeof H);
	H.policy = p;
	dossier_view_init(&H.v, &PROC);
}

static void add(enum dossier_event_kind k, int64_t at, int64_t actor, int step, const char *text)
{
	struct dossier_event e;
	struct mc_error err;

	memset(&e, 0, sizeof e);
	e.kind = k;
	e.at = at;
	e.actor_id = actor;
	e.step = step;
	snprintf(e.note, sizeof e.note, "%s", text ? text : "");
	snprintf(e.reason, sizeof e.reason, "%s", text ? text : "");
	switch (k) {
	case DOSSIER_EV_REQUEST_SUPPLEMENT:
		e.nitems = 1;
		snprintf(e.items[0], sizeof e.items[0], "Bản vẽ mặt bằng");
		break;
	case DOSSIER_EV_RECORD_RESULT:
		snprintf(e.result_number, sizeof e.result_number, "15/GCN");
		snprintf(e.signer, sizeof e.signer, "Trưởng phòng");
		e.result_date = workcal_local_day(CAL, at);
		break;
	case DOSSIER_EV_RETURN_RESULT:
		snprintf(e.return_method, sizeof e.return_method, "desk");
		break;
	case DOSSIER_EV_TRANSFER:
		snprintf(e.target_unit, sizeof e.target_unit, "gialai");
		break;
	default:
		break;
	}
	if (dossier_fill_appointment(&H.v, &e, CAL, &LIM3, H.policy, &err) != MC_OK ||
	    dossier_apply(&H.v, &e, &H.v, &err) != MC_OK)
		fail_msg("%s refused: %s", dossier_event_name(k), err.msg_en);
	assert_true(H.n < HMAX);
	H.ev[H.n++] = e;
}

static void build(int64_t now)
{
	struct mc_error err;

	memset(R, 0, sizeof R);
	if (control_slip_build(H.ev, H.n, STEPS, 4, CAL, H.policy, now, R, 16, &NR, &err) != MC_OK)
		fail_msg("slip: %s", err.msg_en);
}

static void row_is(size_t i, int step, int64_t given_by, int64_t given_at, int64_t received_by,
		   int64_t taken_at, int64_t due, int64_t done_at, enum control_slip_end end,
		   int next, enum workcal_status status)
{
	const struct control_slip_row *r = &R[i];

	assert_true(i < NR);
	assert_int_equal(r->step, step);
	assert_string_equal(r->step_name, STEPS[step].name);
	assert_string_equal(r->unit, STEPS[step].unit);
	assert_string_equal(r->role, STEPS[step].role);
	assert_int_equal(r->given_by, given_by);
	assert_int_equal(r->given_at, given_at);
	assert_int_equal(r->received_by, received_by);
	assert_int_equal(r->taken_at, taken_at);
	assert_int_equal(r->due, due);
	assert_int_equal(r->done_at, done_at);
	assert_int_equal(r->end, end);
	assert_int_equal(r->next_step, next);
	if (r->status != status)
		fail_msg("row %zu: status %s, expected %s", i, workcal_status_name(r->status),
			 workcal_status_name(status));
}

static void set_step(int i, const char *name, const char *unit, const char *role, int minutes)
{
	snprintf(STEPS[i].name, sizeof STEPS[i].name, "%s", name);
	snprintf(STEPS[i].unit, sizeof STEPS[i].unit, "%s", unit);
	snprintf(STEPS[i].role, sizeof STEPS[i].role, "%s", role);
	STEPS[i].minutes = minutes;
}

static int setup(void **state)
{
	struct workcal_config cfg;
	struct mc_error err;

	(void)state;
	set_step(0, "Tiếp nhận, kiểm tra, số hóa, chuyển hồ sơ", "$desk", "desk_officer", 120);
	set_step(1, "Thẩm định hồ sơ", "dakpo.tckh", "specialist", 960);
	set_step(2, "Xem xét, ký kết quả", "dakpo.tckh", "head", 240);
	set_step(3, "Trả kết quả", "$desk", "desk_officer", 120);
	if (dossier_proc_from_steps(STEPS, 4, &PROC, &err) != MC_OK || PROC.result_step != 2)
		return -1;
	workcal_config_default(&cfg, 2025, 2027);
	return workcal_new(&cfg, &CAL, &err) == MC_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	workcal_free(CAL);
	return 0;
}

/* intake -> 3 steps -> result -> return, every step in time */
static void journey_on_time(void)
{
	h_reset(WORKCAL_RESTART);
	add(DOSSIER_EV_INTAKE, T(2026, 3, 2, 8, 0), 11, 0, NULL);
	add(DOSSIER_EV_FORWARD, T(2026, 3, 2, 9, 30), 11, 1, "Chuyển thẩm định");
	add(DOSSIER_EV_TAKE, T(2026, 3, 2, 10, 0), 21, 0, NULL);
	add(DOSSIER_EV_FORWARD, T(2026, 3, 3, 14, 0), 21, 2, "Trình ký");
	add(DOSSIER_EV_TAKE, T(2026, 3, 3, 14, 10), 31, 0, NULL);
	add(DOSSIER_EV_RECORD_RESULT, T(2026, 3, 4, 8, 0), 31, 0, "Đã ký");
	add(DOSSIER_EV_TAKE, T(2026, 3, 4, 8, 30), 12, 0, NULL);
	add(DOSSIER_EV_RETURN_RESULT, T(2026, 3, 4, 9, 0), 12, 0, NULL);
}

static void test_journey_on_time(void **state)
{
	(void)state;
	journey_on_time();
	build(T(2026, 3, 20, 8, 0));
	assert_int_equal(NR, 4);
	/* the applicant hands it to desk officer 11; 2h share -> 10:00 */
	row_is(0, 0, 0, T(2026, 3, 2, 8, 0), 11, T(2026, 3, 2, 8, 0), T(2026, 3, 2, 10, 0),
	       T(2026, 3, 2, 9, 30), CONTROL_SLIP_FORWARDED, 1, WORKCAL_ON_TIME);
	assert_string_equal(R[0].note, "Chuyển thẩm định");
	/* 16h from Mon 09:30: Mon 5.5h, Tue 8h, Wed 2.5h -> Wed 09:30 */
	row_is(1, 1, 11, T(2026, 3, 2, 9, 30), 21, T(2026, 3, 2, 10, 0), T(2026, 3, 4, 9, 30),
	       T(2026, 3, 3, 14, 0), CONTROL_SLIP_FORWARDED, 2, WORKCAL_EARLY);
	/* 4h from Tue 14:00: Tue 3h, Wed 1h -> Wed 08:00, done exactly then */
	row_is(2, 2, 21, T(2026, 3, 3, 14, 0), 31, T(2026, 3, 3, 14, 10), T(2026, 3, 4, 8, 0),
	       T(2026, 3, 4, 8, 0), CONTROL_SLIP_RESULT, 3, WORKCAL_ON_TIME);
	/* the result at the desk, returned at 09:00 */
	row_is(3, 3, 31, T(2026, 3, 4, 8, 0), 12, T(2026, 3, 4, 8, 30), T(2026, 3, 4, 10, 0),
	       T(2026, 3, 4, 9, 0), CONTROL_SLIP_RETURNED, -1, WORKCAL_ON_TIME);
	for (size_t i = 0; i < NR; i++)
		assert_int_equal(R[i].waited_min, 0);
}

/* A late desk, a send-back, a second visit, and an open step at `now`. */
static void test_late_and_send_back(void **state)
{
	(void)state;
	h_reset(WORKCAL_RESTART);
	add(DOSSIER_EV_INTAKE, T(2026, 3, 2, 8, 0), 11, 0, NULL);
	add(DOSSIER_EV_FORWARD, T(2026, 3, 2, 11, 0), 11, 1, NULL);
	add(DOSSIER_EV_TAKE, T(2026, 3, 2, 13, 30), 21, 0, NULL);
	add(DOSSIER_EV_FORWARD, T(2026, 3, 3, 9, 0), 21, 2, NULL);
	add(DOSSIER_EV_SEND_BACK, T(2026, 3, 3, 10, 0), 31, 1, "Sai số liệu diện tích");
	add(DOSSIER_EV_FORWARD, T(2026, 3, 5, 10, 0), 21, 2, "Đã sửa");

	build(T(2026, 3, 5, 15, 0));
	assert_int_equal(NR, 5);
	row_is(0, 0, 0, T(2026, 3, 2, 8, 0), 11, T(2026, 3, 2, 8, 0), T(2026, 3, 2, 10, 0),
	       T(2026, 3, 2, 11, 0), CONTROL_SLIP_FORWARDED, 1, WORKCAL_LATE);
	/* 16h from Mon 11:00: Mon 4h, Tue 8h, Wed 4h -> Wed 11:00 */
	row_is(1, 1, 11, T(2026, 3, 2, 11, 0), 21, T(2026, 3, 2, 13, 30), T(2026, 3, 4, 11, 0),
	       T(2026, 3, 3, 9, 0), CONTROL_SLIP_FORWARDED, 2, WORKCAL_EARLY);
	/* nobody took it: the head who sent it back received it */
	row_is(2, 2, 21, T(2026, 3, 3, 9, 0), 31, 0, T(2026, 3, 3, 15, 0), T(2026, 3, 3, 10, 0),
	       CONTROL_SLIP_SENT_BACK, 1, WORKCAL_ON_TIME);
	assert_string_equal(R[2].note, "Sai số liệu diện tích");
	/* the second visit gets the step's share again: Tue 5h, Wed 8h, Thu 3h */
	row_is(3, 1, 31, T(2026, 3, 3, 10, 0), 21, 0, T(2026, 3, 5, 10, 0), T(2026, 3, 5, 10, 0),
	       CONTROL_SLIP_FORWARDED, 2, WORKCAL_ON_TIME);
	/* open: 4h from Thu 10:00 -> Thu 16:00; at 15:00 1h of 4h is left */
	row_is(4, 2, 21, T(2026, 3, 5, 10, 0), 0, 0, T(2026, 3, 5, 16, 0), 0, CONTROL_SLIP_OPEN, -1,
	       WORKCAL_WITHIN);
	build(T(2026, 3, 5, 15, 30));
	assert_int_equal(R[4].status, WORKCAL_DUE_SOON);
	build(T(2026, 3, 5, 16, 1));
	assert_int_equal(R[4].status, WORKCAL_OVERDUE);
	/* the dossier's own deadline is not moved by the send-back */
	{
		struct workcal_due d;

		assert_int_equal(dossier_deadline(&H.v, CAL, &LIM3, WORKCAL_RESTART, &d, NULL), MC_OK);
		assert_int_equal(d.due, T(2026, 3, 5, 8, 0));
	}
}

/* The same supplement under pause and restart: the step that waited gets
 * its deadline moved (pause) or its share again in full (restart). */
static void supplement_journey(enum workcal_policy p, bool finish)
{
	h_reset(p);
	add(DOSSIER_EV_INTAKE, T(2026, 3, 2, 8, 0), 11, 0, NULL);
	add(DOSSIER_EV_FORWARD, T(2026, 3, 2, 9, 0), 11, 1, NULL);
	add(DOSSIER_EV_TAKE, T(2026, 3, 2, 9, 15), 21, 0, NULL);
	add(DOSSIER_EV_REQUEST_SUPPLEMENT, T(2026, 3, 3, 10, 0), 21, 0, NULL);
	if (!finish)
		return;
	add(DOSSIER_EV_SUPPLEMENT_RECEIVED, T(2026, 3, 9, 9, 0), 11, 0, NULL);
	add(DOSSIER_EV_FORWARD, T(2026, 3, 10, 10, 0), 21, 2, NULL);
}

static void test_supplement_pause_and_restart(void **state)
{
	(void)state;
	/* pause: 9h used before the wait, 7h left from Mon 03-09 09:00 ->
	 * Tue 03-10 08:00; handed on at 10:00: late */
	supplement_journey(WORKCAL_PAUSE, true);
	build(T(2026, 3, 10, 11, 0));
	assert_int_equal(NR, 3);
	row_is(1, 1, 11, T(2026, 3, 2, 9, 0), 21, T(2026, 3, 2, 9, 15), T(2026, 3, 10, 8, 0),
	       T(2026, 3, 10, 10, 0), CONTROL_SLIP_FORWARDED, 2, WORKCAL_LATE);
	assert_int_equal(R[1].waited_min, 31 * 60);
	assert_int_equal(R[0].waited_min, 0);
	/* restart: 16h again from Mon 03-09 09:00 -> Wed 03-11 09:00: early */
	supplement_journey(WORKCAL_RESTART, true);
	build(T(2026, 3, 10, 11, 0));
	row_is(1, 1, 11, T(2026, 3, 2, 9, 0), 21, T(2026, 3, 2, 9, 15), T(2026, 3, 11, 9, 0),
	       T(2026, 3, 10, 10, 0), CONTROL_SLIP_FORWARDED, 2, WORKCAL_EARLY);
	assert_int_equal(R[1].waited_min, 31 * 60);
	/* the new visit of step 2 starts at the hand-off: 4h -> Tue 16:00 */
	row_is(2, 2, 21, T(2026, 3, 10, 10, 0), 0, 0, T(2026, 3, 10, 16, 0), 0, CONTROL_SLIP_OPEN,
	       -1, WORKCAL_WITHIN);

	/* still waiting: the step is paused, no deadline */
	supplement_journey(WORKCAL_PAUSE, false);
	build(T(2026, 3, 20, 8, 0));
	assert_int_equal(NR, 2);
	row_is(1, 1, 11, T(2026, 3, 2, 9, 0), 21, T(2026, 3, 2, 9, 15), 0, 0, CONTROL_SLIP_OPEN, -1,
	       WORKCAL_PAUSED);
}

/* Ends other than a return. */
static void test_endings(void **state)
{
	(void)state;
	/* withdrawn while waiting: not judged */
	supplement_journey(WORKCAL_PAUSE, false);
	add(DOSSIER_EV_WITHDRAW, T(2026, 3, 4, 9, 0), 0, 0, "Không còn nhu cầu");
	build(T(2026, 3, 20, 8, 0));
	assert_int_equal(NR, 2);
	assert_int_equal(R[1].end, CONTROL_SLIP_WITHDRAWN);
	assert_int_equal(R[1].status, 0);
	assert_int_equal(R[1].done_at, T(2026, 3, 4, 9, 0));
	assert_int_equal(R[1].received_by, 21);
	assert_string_equal(R[1].note, "Không còn nhu cầu");
	/* waited Tue 10:00 .. Wed 09:00: 5h + 2h */
	assert_int_equal(R[1].waited_min, 7 * 60);

	/* stopped: not judged either */
	supplement_journey(WORKCAL_RESTART, true);
	add(DOSSIER_EV_STOP, T(2026, 3, 10, 11, 0), 11, 0, "Đề nghị dừng");
	build(T(2026, 3, 20, 8, 0));
	assert_int_equal(NR, 3);
	assert_int_equal(R[2].end, CONTROL_SLIP_STOPPED);
	assert_int_equal(R[2].status, 0);

	/* refused after appraisal: judged like any hand-off */
	h_reset(WORKCAL_RESTART);
	add(DOSSIER_EV_INTAKE, T(2026, 3, 2, 8, 0), 11, 0, NULL);
	add(DOSSIER_EV_FORWARD, T(2026, 3, 2, 9, 0), 11, 1, NULL);
	add(DOSSIER_EV_REFUSE, T(2026, 3, 5, 9, 0), 21, 0, "Không đủ điều kiện");
	build(T(2026, 3, 20, 8, 0));
	assert_int_equal(NR, 2);
	/* 16h from Mon 09:00: Mon 6h, Tue 8h, Wed 2h -> Wed 09:00; Thu: late */
	row_is(1, 1, 11, T(2026, 3, 2, 9, 0), 21, 0, T(2026, 3, 4, 9, 0), T(2026, 3, 5, 9, 0),
	       CONTROL_SLIP_REFUSED, -1, WORKCAL_LATE);
	assert_string_equal(R[1].note, "Không đủ điều kiện");

	/* transferred from the desk */
	h_reset(WORKCAL_RESTART);
	add(DOSSIER_EV_INTAKE, T(2026, 3, 2, 8, 0), 11, 0, NULL);
	add(DOSSIER_EV_TRANSFER, T(2026, 3, 2, 9, 0), 11, 0, NULL);
	build(T(2026, 3, 20, 8, 0));
	assert_int_equal(NR, 1);
	row_is(0, 0, 0, T(2026, 3, 2, 8, 0), 11, T(2026, 3, 2, 8, 0), T(2026, 3, 2, 10, 0),
	       T(2026, 3, 2, 9, 0), CONTROL_SLIP_TRANSFERRED, -1, WORKCAL_ON_TIME);
	assert_string_equal(R[0].note, "gialai");

	/* result recorded at the last step: one visit until the return */
	h_reset(WORKCAL_RESTART);
	add(DOSSIER_EV_INTAKE, T(2026, 3, 2, 8, 0), 11, 0, NULL);
	add(DOSSIER_EV_FORWARD, T(2026, 3, 2, 9, 0), 11, 1, NULL);
	add(DOSSIER_EV_FORWARD, T(2026, 3, 3, 9, 0), 21, 2, NULL);
	add(DOSSIER_EV_FORWARD, T(2026, 3, 3, 10, 0), 31, 3, NULL);
	add(DOSSIER_EV_RECORD_RESULT, T(2026, 3, 3, 10, 30), 12, 0, NULL);
	add(DOSSIER_EV_RETURN_RESULT, T(2026, 3, 3, 11, 0), 12, 0, NULL);
	build(T(2026, 3, 20, 8, 0));
	assert_int_equal(NR, 4);
	row_is(3, 3, 31, T(2026, 3, 3, 10, 0), 12, 0, T(2026, 3, 3, 14, 0), T(2026, 3, 3, 11, 0),
	       CONTROL_SLIP_RETURNED, -1, WORKCAL_ON_TIME);
}

static void test_buffer_and_refusals(void **state)
{
	struct control_slip_row two[2];
	struct mc_error err;
	size_t n = 99;

	(void)state;
	journey_on_time();
	assert_int_equal(control_slip_build(H.ev, H.n, STEPS, 4, CAL, H.policy, 0, NULL, 0, &n, &err),
			 MC_OK);
	assert_int_equal(n, 4);
	memset(two, 0, sizeof two);
	assert_int_equal(control_slip_build(H.ev, H.n, STEPS, 4, CAL, H.policy, 0, two, 2, &n, &err),
			 MC_OK);
	assert_int_equal(n, 4);
	assert_int_equal(two[0].step, 0);
	assert_int_equal(two[1].step, 1);
	assert_int_equal(two[1].due, T(2026, 3, 4, 9, 30));

	/* an illegal history: nothing is printed */
	H.ev[3].step = 3; /* forward from step 1 to step 3 */
	assert_int_equal(control_slip_build(H.ev, H.n, STEPS, 4, CAL, H.policy, 0, R, 16, &n, &err),
			 MC_EINVAL);
	assert_int_equal(n, 0);
	assert_non_null(strstr(err.msg_vi, "Sự kiện số 4 (forward)"));
	H.ev[3].step = 2;

	/* bad process */
	assert_int_equal(control_slip_build(H.ev, H.n, STEPS, 0, CAL, H.policy, 0, R, 16, &n, &err),
			 MC_EINVAL);
	assert_int_equal(control_slip_build(H.ev, H.n, STEPS, 4, NULL, H.policy, 0, R, 16, &n, &err),
			 MC_EINVAL);
	/* fewer steps than the history uses */
	assert_int_equal(control_slip_build(H.ev, H.n, STEPS, 2, CAL, H.policy, 0, R, 16, &n, &err),
			 MC_ECONFLICT);

	/* never received: no rows */
	h_reset(WORKCAL_RESTART);
	add(DOSSIER_EV_SUBMIT_ONLINE, T(2026, 3, 1, 20, 0), 0, 0, NULL);
	build(T(2026, 3, 2, 8, 0));
	assert_int_equal(NR, 0);
	add(DOSSIER_EV_REFUSE, T(2026, 3, 2, 8, 0), 11, 0, "Sai thẩm quyền");
	build(T(2026, 3, 2, 8, 0));
	assert_int_equal(NR, 0);
	assert_int_equal(control_slip_build(NULL, 0, STEPS, 4, CAL, H.policy, 0, R, 16, &n, &err),
			 MC_OK);
	assert_int_equal(n, 0);

	/* names */
	assert_string_equal(control_slip_end_name(CONTROL_SLIP_SENT_BACK), "sent_back");
	assert_string_equal(control_slip_end_vi(CONTROL_SLIP_FORWARDED), "Chuyển bước tiếp theo");
	assert_string_equal(control_slip_end_en(CONTROL_SLIP_RETURNED), "Result returned");
	assert_string_equal(control_slip_end_name((enum control_slip_end)42), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_journey_on_time),
		cmocka_unit_test(test_late_and_send_back),
		cmocka_unit_test(test_supplement_pause_and_restart),
		cmocka_unit_test(test_endings),
		cmocka_unit_test(test_buffer_and_refusals),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
