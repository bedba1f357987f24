/*
 * test_workcal.c - deadline arithmetic on the working calendar (workcal.c):
 * the examples of the issue, lunch breaks, weekends, Tết, holidays, swapped
 * Saturdays, "trong ngày", supplements (restart and pause), classification,
 * explanations and listings, configuration errors and concurrent readers.
 */
#include "testutil.h"

#include <pthread.h>
#include <stdio.h>

#include "domain/caldate.h"
#include "domain/workcal.h"

static struct workcal *CAL; /* default calendar 2020-2030, no overrides */

static int32_t D(int y, int m, int d) { return caldate_from_ymd(y, m, d); }

static int64_t T(int y, int m, int d, int hh, int mm)
{
	return workcal_instant(CAL, D(y, m, d), hh * 60 + mm);
}

static int64_t TC(const struct workcal *c, int y, int m, int d, int hh, int mm)
{
	return workcal_instant(c, D(y, m, d), hh * 60 + mm);
}

/* "YYYY-MM-DD HH:MM" of an instant in the calendar's zone, for messages. */
static const char *fmt(const struct workcal *c, int64_t t)
{
	static char buf[4][24];
	static int k;
	char date[11];
	int32_t day = workcal_local_day(c, t);
	int64_t m = (t - workcal_instant(c, day, 0)) / 60;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "%s %02d:%02d", caldate_format(day, date), (int)(m / 60),
		 (int)(m % 60));
	return buf[k];
}

static const char *deadline(const struct workcal *c, int64_t start, enum workcal_unit unit,
			    int amount)
{
	struct workcal_limit l = {unit, amount};
	struct workcal_due d;
	static struct mc_error e;

	if (workcal_deadline(c, start, &l, WORKCAL_RESTART, NULL, 0, &d, &e) != MC_OK)
		return e.msg_en;
	return fmt(c, d.due);
}

static int setup_group(void **state)
{
	struct workcal_config cfg;

	(void)state;
	workcal_config_default(&cfg, 2020, 2030);
	return workcal_new(&cfg, &CAL, NULL) == MC_OK ? 0 : -1;
}

static int teardown_group(void **state)
{
	(void)state;
	workcal_free(CAL);
	return 0;
}

static void test_issue_examples(void **state)
{
	(void)state;
	assert_int_equal(workcal_day_minutes(CAL), 480);
	/* received Monday 08:00, 3 working days -> Thursday 08:00 */
	assert_string_equal(deadline(CAL, T(2025, 3, 10, 8, 0), WORKCAL_DAYS, 3), "2025-03-13 08:00");
	/* Friday 16:59, 1 working day -> Monday 16:59 */
	assert_string_equal(deadline(CAL, T(2025, 3, 14, 16, 59), WORKCAL_DAYS, 1), "2025-03-17 16:59");
	/* Friday 17:01 -> counting starts Monday 07:00 -> Monday 17:00, not Tuesday 07:00 */
	assert_string_equal(deadline(CAL, T(2025, 3, 14, 17, 1), WORKCAL_DAYS, 1), "2025-03-17 17:00");
	/* received on a Sunday: the same as Monday's opening */
	assert_string_equal(deadline(CAL, T(2025, 3, 16, 10, 0), WORKCAL_DAYS, 1), "2025-03-17 17:00");
	assert_string_equal(deadline(CAL, T(2025, 3, 16, 10, 0), WORKCAL_DAYS, 2), "2025-03-18 17:00");
	/* 05 ngày from Monday 07:00 ends Friday 17:00 */
	assert_string_equal(deadline(CAL, T(2025, 3, 10, 7, 0), WORKCAL_DAYS, 5), "2025-03-14 17:00");
	/* 0 days: the instant itself */
	assert_string_equal(deadline(CAL, T(2025, 3, 10, 9, 13), WORKCAL_DAYS, 0), "2025-03-10 09:13");
}

static void test_lunch_and_hours(void **state)
{
	(void)state;
	/* 04 giờ làm việc from Monday 09:00: 2h30 before lunch, 1h30 after */
	assert_string_equal(deadline(CAL, T(2025, 3, 10, 9, 0), WORKCAL_HOURS, 4), "2025-03-10 15:00");
	/* ending exactly at the lunch break is shown as 11:30, never 13:30 */
	assert_string_equal(deadline(CAL, T(2025, 3, 10, 10, 30), WORKCAL_HOURS, 1), "2025-03-10 11:30");
	/* received during lunch: counting starts 13:30 */
	assert_string_equal(deadline(CAL, T(2025, 3, 10, 12, 15), WORKCAL_HOURS, 1), "2025-03-10 14:30");
	assert_string_equal(deadline(CAL, T(2025, 3, 10, 11, 0), WORKCAL_MINUTES, 60), "2025-03-10 14:00");
	/* seconds are kept: 08:00:30 + 1 day -> next day 08:00:30 */
	{
		struct workcal_limit l = {WORKCAL_DAYS, 1};
		struct workcal_due d;

		assert_int_equal(workcal_deadline(CAL, T(2025, 3, 10, 8, 0) + 30, &l, WORKCAL_RESTART,
						  NULL, 0, &d, NULL), MC_OK);
		assert_int_equal(d.due, T(2025, 3, 11, 8, 0) + 30);
		assert_int_equal(d.limit_min, 480);
	}
}

static void test_between_and_helpers(void **state)
{
	int64_t m, t;

	(void)state;
	assert_int_equal(workcal_between(CAL, T(2025, 3, 14, 16, 0), T(2025, 3, 17, 8, 0), &m, NULL), MC_OK);
	assert_int_equal(m, 120);
	assert_int_equal(workcal_between(CAL, T(2025, 3, 17, 8, 0), T(2025, 3, 14, 16, 0), &m, NULL), MC_OK);
	assert_int_equal(m, -120);
	assert_int_equal(workcal_between(CAL, T(2025, 3, 10, 0, 0), T(2025, 3, 17, 0, 0), &m, NULL), MC_OK);
	assert_int_equal(m, 5 * 480);
	/* is working time: [07:00, 11:30) and [13:30, 17:00) */
	assert_true(workcal_is_working_time(CAL, T(2025, 3, 10, 7, 0)));
	assert_true(workcal_is_working_time(CAL, T(2025, 3, 10, 11, 29)));
	assert_false(workcal_is_working_time(CAL, T(2025, 3, 10, 11, 30)));
	assert_true(workcal_is_working_time(CAL, T(2025, 3, 10, 17, 0) - 1));
	assert_false(workcal_is_working_time(CAL, T(2025, 3, 10, 17, 0)));
	assert_false(workcal_is_working_time(CAL, T(2025, 3, 15, 9, 0))); /* Saturday */
	assert_false(workcal_is_working_time(CAL, T(2025, 4, 30, 9, 0))); /* holiday */
	assert_int_equal(workcal_is_working_day(CAL, D(2025, 4, 30)), 0);
	assert_int_equal(workcal_is_working_day(CAL, D(2025, 5, 2)), 1);
	assert_int_equal(workcal_is_working_day(CAL, D(2040, 5, 2)), -1);
	/* next opening */
	assert_int_equal(workcal_next_opening(CAL, T(2025, 3, 14, 17, 1), &t, NULL), MC_OK);
	assert_string_equal(fmt(CAL, t), "2025-03-17 07:00");
	assert_int_equal(workcal_next_opening(CAL, T(2025, 3, 10, 11, 30), &t, NULL), MC_OK);
	assert_string_equal(fmt(CAL, t), "2025-03-10 13:30");
	assert_int_equal(workcal_next_opening(CAL, T(2025, 3, 10, 9, 5), &t, NULL), MC_OK);
	assert_string_equal(fmt(CAL, t), "2025-03-10 09:05");
	assert_int_equal(workcal_next_opening(CAL, T(2025, 4, 29, 17, 30), &t, NULL), MC_OK);
	assert_string_equal(fmt(CAL, t), "2025-05-02 07:00"); /* over 30/4 and 1/5 */
	/* local day and instants: UTC+7 */
	assert_int_equal(T(2025, 1, 1, 7, 0), 1735689600); /* 2025-01-01 00:00 UTC */
	assert_int_equal(workcal_local_day(CAL, 1735689600 - 7 * 3600 - 1), D(2024, 12, 31));
	assert_int_equal(workcal_local_day(CAL, 1735689600 - 7 * 3600), D(2025, 1, 1));
	assert_int_equal(workcal_day_close(CAL, D(2025, 3, 10), &t, NULL), MC_OK);
	assert_string_equal(fmt(CAL, t), "2025-03-10 17:00");
	assert_int_equal(workcal_day_close(CAL, D(2025, 3, 15), &t, NULL), MC_EINVAL);
}

/* "Hand off to the department next working day if received after 15:00". */
static void test_handoff(void **state)
{
	int64_t t;

	(void)state;
	assert_int_equal(workcal_handoff(CAL, T(2025, 3, 10, 14, 59), &t, NULL), MC_OK);
	assert_string_equal(fmt(CAL, t), "2025-03-10 14:59");
	assert_int_equal(workcal_handoff(CAL, T(2025, 3, 10, 15, 0), &t, NULL), MC_OK);
	assert_string_equal(fmt(CAL, t), "2025-03-11 07:00");
	assert_int_equal(workcal_handoff(CAL, T(2025, 3, 10, 12, 0), &t, NULL), MC_OK);
	assert_string_equal(fmt(CAL, t), "2025-03-10 13:30");
	assert_int_equal(workcal_handoff(CAL, T(2025, 3, 10, 6, 30), &t, NULL), MC_OK);
	assert_string_equal(fmt(CAL, t), "2025-03-10 07:00");
	assert_int_equal(workcal_handoff(CAL, T(2025, 3, 14, 15, 30), &t, NULL), MC_OK);
	assert_string_equal(fmt(CAL, t), "2025-03-17 07:00");
	assert_int_equal(workcal_handoff(CAL, T(2025, 3, 15, 9, 0), &t, NULL), MC_OK);
	assert_string_equal(fmt(CAL, t), "2025-03-17 07:00");
}

/* "Trong ngày" before and after the 15:00 cut-off. */
static void test_same_day(void **state)
{
	(void)state;
	assert_string_equal(deadline(CAL, T(2025, 3, 10, 14, 59), WORKCAL_SAME_DAY, 0), "2025-03-10 17:00");
	assert_string_equal(deadline(CAL, T(2025, 3, 10, 7, 5), WORKCAL_SAME_DAY, 0), "2025-03-10 17:00");
	assert_string_equal(deadline(CAL, T(2025, 3, 10, 6, 45), WORKCAL_SAME_DAY, 0), "2025-03-10 17:00");
	assert_string_equal(deadline(CAL, T(2025, 3, 10, 15, 1), WORKCAL_SAME_DAY, 0), "2025-03-11 17:00");
	assert_string_equal(deadline(CAL, T(2025, 3, 10, 17, 30), WORKCAL_SAME_DAY, 0), "2025-03-11 17:00");
	assert_string_equal(deadline(CAL, T(2025, 3, 14, 15, 30), WORKCAL_SAME_DAY, 0), "2025-03-17 17:00");
	assert_string_equal(deadline(CAL, T(2025, 3, 16, 9, 0), WORKCAL_SAME_DAY, 0), "2025-03-17 17:00");
	/* on the eve of 30/4-1/5/2025 after 15:00: Friday 2/5 (no swap loaded) */
	assert_string_equal(deadline(CAL, T(2025, 4, 29, 16, 0), WORKCAL_SAME_DAY, 0), "2025-05-02 17:00");
}

/* Deadlines across Tết and holidays, intake on a holiday. */
static void test_across_holidays(void **state)
{
	struct workcal_dayinfo info[16];
	size_t n;

	(void)state;
	/* Friday 24/1/2025 10:00 + 3 days: 5h on Friday, Tết 25/1-2/2, then
	 * Monday 3/2 8h, Tuesday 4/2 8h, Wednesday 5/2 3h -> 10:00 */
	assert_string_equal(deadline(CAL, T(2025, 1, 24, 10, 0), WORKCAL_DAYS, 3), "2025-02-05 10:00");
	assert_int_equal(workcal_explain(CAL, T(2025, 1, 24, 10, 0), T(2025, 2, 5, 10, 0), info, 16, &n,
					 NULL), MC_OK);
	assert_int_equal(n, 9); /* 25/1 - 2/2 */
	assert_int_equal(info[0].day, D(2025, 1, 25));
	assert_int_equal(info[0].why, HOLIDAYS_WEEKLY);
	assert_string_equal(info[0].reason_vi, "Nghỉ hằng tuần (thứ Bảy)");
	assert_string_equal(info[0].reason_en, "Weekly day off (Saturday)");
	assert_int_equal(info[2].day, D(2025, 1, 27));
	assert_int_equal(info[2].why, HOLIDAYS_HOLIDAY);
	assert_int_equal(info[2].holiday, HOLIDAYS_TET);
	assert_string_equal(info[2].reason_vi, "Tết Âm lịch");
	assert_non_null(strstr(info[2].source, "Điều 112"));
	assert_int_equal(info[8].day, D(2025, 2, 2));
	/* intake on a holiday (Wed 30/4/2025): counting starts Friday 2/5 07:00 */
	assert_string_equal(deadline(CAL, T(2025, 4, 30, 9, 0), WORKCAL_DAYS, 1), "2025-05-02 17:00");
	assert_string_equal(deadline(CAL, T(2025, 4, 30, 9, 0), WORKCAL_DAYS, 2), "2025-05-05 17:00");
	/* across Giỗ Tổ on Sunday 26/4/2026 and its Monday compensation */
	assert_string_equal(deadline(CAL, T(2026, 4, 24, 16, 0), WORKCAL_DAYS, 1), "2026-04-28 16:00");
	assert_int_equal(workcal_explain(CAL, T(2026, 4, 24, 16, 0), T(2026, 4, 28, 16, 0), info, 16, &n,
					 NULL), MC_OK);
	assert_int_equal(n, 3);
	assert_int_equal(info[1].why, HOLIDAYS_HOLIDAY);
	assert_int_equal(info[1].holiday, HOLIDAYS_HUNG_KINGS);
	assert_int_equal(info[2].why, HOLIDAYS_COMPENSATION);
	assert_int_equal(info[2].ref_day, D(2026, 4, 26));
	assert_string_equal(info[2].reason_vi, "Nghỉ bù Giỗ Tổ Hùng Vương");
	assert_non_null(strstr(info[2].source, "Điều 111"));
	/* the buffer protocol: count first, then fill */
	assert_int_equal(workcal_explain(CAL, T(2025, 1, 1, 0, 0), T(2025, 12, 31, 0, 0), NULL, 0, &n,
					 NULL), MC_OK);
	assert_int_equal(n, 104 + 11); /* 104 weekend days + 11 weekday holidays */
}

static struct holidays_override ov_make(int32_t day, enum holidays_kind kind, const char *vi,
					const char *src)
{
	struct holidays_override o;

	memset(&o, 0, sizeof o);
	o.day = day;
	o.kind = kind;
	snprintf(o.reason_vi, sizeof o.reason_vi, "%s", vi);
	snprintf(o.source, sizeof o.source, "%s", src);
	return o;
}

/* Swapped Saturday (worked) and extra day off, 2025. */
static void test_overrides(void **state)
{
	struct workcal_config cfg;
	struct workcal *c;
	struct holidays_override ov[2];
	struct workcal_dayinfo info[32];
	size_t n, k;

	(void)state;
	ov[0] = ov_make(D(2025, 5, 2), HOLIDAYS_OFF, "Nghỉ hoán đổi", "Công văn 8726/VPCP-KGVX");
	ov[1] = ov_make(D(2025, 4, 26), HOLIDAYS_WORK, "Làm bù", "Công văn 8726/VPCP-KGVX");
	workcal_config_default(&cfg, 2025, 2025);
	cfg.overrides = ov;
	cfg.n_overrides = 2;
	assert_int_equal(workcal_new(&cfg, &c, NULL), MC_OK);
	memset(ov, 0, sizeof ov); /* the calendar keeps its own copy */
	assert_int_equal(workcal_is_working_day(c, D(2025, 4, 26)), 1);
	assert_int_equal(workcal_is_working_day(c, D(2025, 5, 2)), 0);
	assert_true(workcal_is_working_time(c, TC(c, 2025, 4, 26, 14, 0)));
	/* Friday 25/4 09:00 + 2 days: Fri 6h, Sat 26/4 8h, Mon 28/4 2h */
	assert_string_equal(deadline(c, TC(c, 2025, 4, 25, 9, 0), WORKCAL_DAYS, 2), "2025-04-28 09:00");
	assert_string_equal(deadline(CAL, T(2025, 4, 25, 9, 0), WORKCAL_DAYS, 2), "2025-04-29 09:00");
	/* across 30/4-4/5: Tuesday 29/4 16:00 + 1 day -> Monday 5/5 16:00 */
	assert_string_equal(deadline(c, TC(c, 2025, 4, 29, 16, 0), WORKCAL_DAYS, 1), "2025-05-05 16:00");
	assert_int_equal(workcal_explain(c, TC(c, 2025, 4, 29, 16, 0), TC(c, 2025, 5, 5, 16, 0), info, 32,
					 &n, NULL), MC_OK);
	assert_int_equal(n, 5);
	assert_int_equal(info[2].day, D(2025, 5, 2));
	assert_int_equal(info[2].why, HOLIDAYS_OVERRIDE_OFF);
	assert_string_equal(info[2].reason_vi, "Nghỉ hoán đổi");
	assert_string_equal(info[2].reason_en, "Day off by decision"); /* none given */
	assert_string_equal(info[2].source, "Công văn 8726/VPCP-KGVX");
	/* the year's list: weekday holidays, the swap, and no plain weekends */
	assert_int_equal(workcal_year_list(c, 2025, info, 32, &n, NULL), MC_OK);
	assert_int_equal(n, 13); /* 11 weekday holidays + 2/5 off + 26/4 worked */
	for (k = 0; k < n && info[k].day != D(2025, 4, 26); k++)
		;
	assert_true(k < n);
	assert_true(info[k].working && info[k].weekly_off);
	assert_int_equal(info[k].why, HOLIDAYS_OVERRIDE_WORK);
	assert_string_equal(info[k].reason_vi, "Làm bù");
	assert_int_equal(workcal_year_list(c, 2026, info, 32, &n, NULL), MC_EINVAL);
	workcal_free(c);
}

/* Supplements: restart (legal default) and pause. */
static void test_supplements(void **state)
{
	struct workcal_limit l3 = {WORKCAL_DAYS, 3};
	struct workcal_wait w[3];
	struct workcal_due d;
	struct mc_error e;
	int64_t start = T(2025, 3, 3, 8, 0); /* Monday; without waits due Thu 6/3 08:00 */

	(void)state;
	/* waiting from Tuesday 10:00 to Thursday 14:00 */
	w[0].from = T(2025, 3, 4, 10, 0);
	w[0].to = T(2025, 3, 6, 14, 0);
	/* restart: 3 full days from Thursday 14:00 -> Tuesday 11/3 14:00 */
	assert_int_equal(workcal_deadline(CAL, start, &l3, WORKCAL_RESTART, w, 1, &d, NULL), MC_OK);
	assert_string_equal(fmt(CAL, d.due), "2025-03-11 14:00");
	assert_int_equal(d.counted_from, w[0].to);
	assert_int_equal(d.waited_min, 18 * 60);
	/* pause: 10h used before the wait, 14h left from Thursday 14:00 ->
	 * Monday 10/3 10:00 = the plain deadline moved by the 18h waited */
	assert_int_equal(workcal_deadline(CAL, start, &l3, WORKCAL_PAUSE, w, 1, &d, NULL), MC_OK);
	assert_string_equal(fmt(CAL, d.due), "2025-03-10 10:00");
	assert_int_equal(d.waited_min, 18 * 60);
	{
		int64_t plain, moved;

		assert_int_equal(workcal_add_minutes(CAL, start, 3 * 480, &plain, NULL), MC_OK);
		assert_int_equal(workcal_add_minutes(CAL, plain, d.waited_min, &moved, NULL), MC_OK);
		assert_int_equal(moved, d.due);
	}
	/* a wait entirely in non-working time changes nothing under pause */
	w[0].from = T(2025, 3, 7, 17, 30);
	w[0].to = T(2025, 3, 9, 20, 0);
	assert_int_equal(workcal_deadline(CAL, start, &l3, WORKCAL_PAUSE, w, 1, &d, NULL), MC_OK);
	assert_string_equal(fmt(CAL, d.due), "2025-03-06 08:00");
	assert_int_equal(d.waited_min, 0);
	/* ...but restarts the clock under restart: from Monday 10/3 07:00 */
	assert_int_equal(workcal_deadline(CAL, start, &l3, WORKCAL_RESTART, w, 1, &d, NULL), MC_OK);
	assert_string_equal(fmt(CAL, d.due), "2025-03-12 17:00");
	/* two waits, the second still open: paused, no deadline */
	w[0].from = T(2025, 3, 3, 9, 0);
	w[0].to = T(2025, 3, 3, 10, 0);
	w[1].from = T(2025, 3, 4, 9, 0);
	w[1].to = WORKCAL_OPEN;
	assert_int_equal(workcal_deadline(CAL, start, &l3, WORKCAL_PAUSE, w, 2, &d, NULL), MC_OK);
	assert_true(d.paused);
	assert_int_equal(workcal_classify_open(CAL, &d, T(2025, 3, 20, 9, 0)), WORKCAL_PAUSED);
	assert_int_equal(workcal_deadline(CAL, start, &l3, WORKCAL_RESTART, w, 2, &d, NULL), MC_OK);
	assert_true(d.paused);
	/* two closed waits under pause: 1h + 2h -> 3h later than the plain deadline */
	w[1].to = T(2025, 3, 4, 11, 0);
	assert_int_equal(workcal_deadline(CAL, start, &l3, WORKCAL_PAUSE, w, 2, &d, NULL), MC_OK);
	assert_string_equal(fmt(CAL, d.due), "2025-03-06 11:00");
	assert_int_equal(d.waited_min, 180);
	/* a wait begun after the deadline does not move it */
	w[0].from = T(2025, 3, 7, 9, 0);
	w[0].to = T(2025, 3, 10, 9, 0);
	assert_int_equal(workcal_deadline(CAL, start, &l3, WORKCAL_PAUSE, w, 1, &d, NULL), MC_OK);
	assert_string_equal(fmt(CAL, d.due), "2025-03-06 08:00");
	/* across Tết: waiting from Thu 23/1/2025 09:00 to Tue 4/2 09:00 costs
	 * only the working time of 23/1, 24/1, 3/2 and 4/2 */
	w[0].from = T(2025, 1, 23, 9, 0);
	w[0].to = T(2025, 2, 4, 9, 0);
	assert_int_equal(workcal_deadline(CAL, T(2025, 1, 22, 9, 0), &l3, WORKCAL_PAUSE, w, 1, &d, NULL),
			 MC_OK);
	assert_int_equal(d.waited_min, 6 * 60 + 8 * 60 + 8 * 60 + 2 * 60);
	assert_string_equal(fmt(CAL, d.due), "2025-02-06 09:00");
	/* "trong ngày" with restart: same-day again from the completion */
	{
		struct workcal_limit sd = {WORKCAL_SAME_DAY, 0};

		w[0].from = T(2025, 3, 3, 9, 0);
		w[0].to = T(2025, 3, 5, 15, 30);
		assert_int_equal(workcal_deadline(CAL, start, &sd, WORKCAL_RESTART, w, 1, &d, NULL), MC_OK);
		assert_string_equal(fmt(CAL, d.due), "2025-03-06 17:00");
		/* pause: the same-day budget from Monday 08:00 is 7h (to 17:00);
		 * 1h used, 6h left from Wednesday 15:30 -> Thursday 11:30 */
		assert_int_equal(workcal_deadline(CAL, start, &sd, WORKCAL_PAUSE, w, 1, &d, NULL), MC_OK);
		assert_int_equal(d.limit_min, 7 * 60);
		assert_string_equal(fmt(CAL, d.due), "2025-03-06 11:30");
	}
	/* invalid waits */
	w[0].from = T(2025, 3, 1, 9, 0); /* before the start */
	w[0].to = T(2025, 3, 4, 9, 0);
	assert_int_equal(workcal_deadline(CAL, start, &l3, WORKCAL_PAUSE, w, 1, &d, &e), MC_EINVAL);
	assert_non_null(strstr(e.msg_vi, "Khoảng chờ bổ sung thứ 1"));
	w[0].from = T(2025, 3, 4, 9, 0);
	w[0].to = WORKCAL_OPEN; /* open but not last */
	w[1].from = T(2025, 3, 5, 9, 0);
	w[1].to = T(2025, 3, 6, 9, 0);
	assert_int_equal(workcal_deadline(CAL, start, &l3, WORKCAL_RESTART, w, 2, &d, &e), MC_EINVAL);
	w[0].to = T(2025, 3, 5, 10, 0); /* overlapping */
	assert_int_equal(workcal_deadline(CAL, start, &l3, WORKCAL_RESTART, w, 2, &d, &e), MC_EINVAL);
	assert_non_null(strstr(e.msg_en, "Waiting period 2"));
}

static void test_classification(void **state)
{
	struct workcal_limit l = {WORKCAL_DAYS, 3};
	struct workcal_due d;
	int64_t due;

	(void)state;
	assert_int_equal(workcal_deadline(CAL, T(2025, 3, 10, 8, 0), &l, WORKCAL_RESTART, NULL, 0, &d,
					  NULL), MC_OK);
	due = d.due; /* Thursday 13/3 08:00 */
	assert_int_equal(workcal_classify_done(CAL, due, T(2025, 3, 12, 16, 0)), WORKCAL_EARLY);
	assert_int_equal(workcal_classify_done(CAL, due, T(2025, 3, 13, 7, 0) - 60 * 60), WORKCAL_ON_TIME);
	assert_int_equal(workcal_classify_done(CAL, due, due), WORKCAL_ON_TIME);
	assert_int_equal(workcal_classify_done(CAL, due, due + 60), WORKCAL_LATE);
	assert_int_equal(workcal_classify_done(CAL, due, T(2025, 3, 20, 9, 0)), WORKCAL_LATE);
	/* open: limit 24h; due soon at <= 20 % (4h48) or, limits over a day,
	 * at <= one working day (8h) left */
	assert_int_equal(workcal_classify_open(CAL, &d, T(2025, 3, 10, 9, 0)), WORKCAL_WITHIN);
	assert_int_equal(workcal_classify_open(CAL, &d, T(2025, 3, 12, 7, 59)), WORKCAL_WITHIN);
	assert_int_equal(workcal_classify_open(CAL, &d, T(2025, 3, 12, 8, 0)), WORKCAL_DUE_SOON);
	assert_int_equal(workcal_classify_open(CAL, &d, due), WORKCAL_DUE_SOON);
	assert_int_equal(workcal_classify_open(CAL, &d, due + 60), WORKCAL_OVERDUE);
	/* a 1-day limit: only the share rule, 20 % of 8h = 96 minutes */
	l.amount = 1;
	assert_int_equal(workcal_deadline(CAL, T(2025, 3, 10, 8, 0), &l, WORKCAL_RESTART, NULL, 0, &d,
					  NULL), MC_OK);
	/* due Tuesday 08:00: at Monday 16:23, 37 + 60 = 97 minutes are left */
	assert_int_equal(workcal_classify_open(CAL, &d, T(2025, 3, 10, 14, 0)), WORKCAL_WITHIN);
	assert_int_equal(workcal_classify_open(CAL, &d, T(2025, 3, 10, 16, 23)), WORKCAL_WITHIN);
	assert_int_equal(workcal_classify_open(CAL, &d, T(2025, 3, 10, 16, 24)), WORKCAL_DUE_SOON);
	assert_int_equal(workcal_classify_open(CAL, &d, T(2025, 3, 11, 6, 0)), WORKCAL_DUE_SOON);
	/* 10 days: the share rule (16h) comes first */
	l.amount = 10;
	assert_int_equal(workcal_deadline(CAL, T(2025, 3, 3, 7, 0), &l, WORKCAL_RESTART, NULL, 0, &d,
					  NULL), MC_OK);
	assert_string_equal(fmt(CAL, d.due), "2025-03-14 17:00");
	assert_int_equal(workcal_classify_open(CAL, &d, T(2025, 3, 12, 16, 59)), WORKCAL_WITHIN);
	assert_int_equal(workcal_classify_open(CAL, &d, T(2025, 3, 12, 17, 0)), WORKCAL_DUE_SOON);
	assert_string_equal(workcal_status_name(WORKCAL_ON_TIME), "on_time");
	assert_string_equal(workcal_status_vi(WORKCAL_EARLY), "Trước hạn");
	assert_string_equal(workcal_status_en(WORKCAL_DUE_SOON), "Due soon");
	assert_string_equal(workcal_status_name((enum workcal_status)42), "unknown");
}

/* A unit open on Saturday mornings. */
static void test_saturday_mornings(void **state)
{
	struct workcal_config cfg;
	struct workcal *c;

	(void)state;
	workcal_config_default(&cfg, 2022, 2025);
	assert_int_equal(workcal_hours_parse("07:00-11:30", &cfg.week[5], NULL), MC_OK);
	assert_int_equal(workcal_new(&cfg, &c, NULL), MC_OK);
	assert_int_equal(workcal_day_minutes(c), 480);
	/* Friday 16:00 + 1 day: 1h Friday, 4h30 Saturday, 2h30 Monday */
	assert_string_equal(deadline(c, TC(c, 2025, 3, 14, 16, 0), WORKCAL_DAYS, 1), "2025-03-17 09:30");
	/* Saturday 30/4/2022 is a holiday: closed, and Monday 2/5 is still a
	 * compensation day, as for every public servant */
	assert_int_equal(workcal_is_working_day(c, D(2022, 4, 30)), 0);
	assert_int_equal(workcal_is_working_day(c, D(2022, 5, 2)), 0);
	assert_string_equal(deadline(c, TC(c, 2022, 4, 29, 16, 0), WORKCAL_HOURS, 2), "2022-05-04 08:00");
	/* "trong ngày" on Saturday at 10:00: closes 11:30 */
	assert_string_equal(deadline(c, TC(c, 2025, 3, 15, 10, 0), WORKCAL_SAME_DAY, 0), "2025-03-15 11:30");
	workcal_free(c);
}

static void test_config_and_parsers(void **state)
{
	struct workcal_config cfg;
	struct workcal *c = NULL;
	struct workcal_dayhours h;
	struct workcal_limit l;
	struct mc_error e;

	(void)state;
	assert_int_equal(workcal_hours_parse("07:30-11:30, 13:00-17:00", &h, NULL), MC_OK);
	assert_true(h.n == 2 && h.iv[0].open == 450 && h.iv[1].close == 1020);
	assert_int_equal(workcal_hours_parse("-", &h, NULL), MC_OK);
	assert_int_equal(h.n, 0);
	assert_int_equal(workcal_hours_parse("13:00-17:00,07:00-11:00", &h, &e), MC_EINVAL);
	assert_non_null(strstr(e.msg_vi, "không chồng lấn"));
	assert_int_equal(workcal_hours_parse("7h-11h", &h, &e), MC_EINVAL);
	assert_int_equal(workcal_hours_parse("07:00-25:00", &h, &e), MC_EINVAL);
	assert_int_equal(workcal_hours_parse("1:00-2:00,3:00-4:00,5:00-6:00,7:00-8:00,9:00-10:00", &h, &e),
			 MC_EINVAL);

	assert_int_equal(workcal_limit_parse("3 ngày", &l, NULL), MC_OK);
	assert_true(l.unit == WORKCAL_DAYS && l.amount == 3);
	assert_int_equal(workcal_limit_parse("03 ngày làm việc", &l, NULL), MC_OK);
	assert_true(l.unit == WORKCAL_DAYS && l.amount == 3);
	assert_int_equal(workcal_limit_parse("4h", &l, NULL), MC_OK);
	assert_true(l.unit == WORKCAL_HOURS && l.amount == 4);
	assert_int_equal(workcal_limit_parse("04 giờ làm việc", &l, NULL), MC_OK);
	assert_true(l.unit == WORKCAL_HOURS && l.amount == 4);
	assert_int_equal(workcal_limit_parse("90m", &l, NULL), MC_OK);
	assert_true(l.unit == WORKCAL_MINUTES && l.amount == 90);
	assert_int_equal(workcal_limit_parse("trong ngày", &l, NULL), MC_OK);
	assert_int_equal(l.unit, WORKCAL_SAME_DAY);
	assert_int_equal(workcal_limit_parse("5 tuần", &l, &e), MC_EINVAL);
	assert_non_null(strstr(e.msg_en, "\"5 tuần\""));
	assert_int_equal(workcal_limit_parse("99999999d", &l, &e), MC_EINVAL);

	workcal_config_default(&cfg, 2030, 2020);
	assert_int_equal(workcal_new(&cfg, &c, &e), MC_EINVAL);
	assert_null(c);
	assert_non_null(strstr(e.msg_en, "2030-2020"));
	workcal_config_default(&cfg, 2020, 2020);
	cfg.week[0].iv[0].open = 800; /* after its close */
	assert_int_equal(workcal_new(&cfg, &c, &e), MC_EINVAL);
	workcal_config_default(&cfg, 2020, 2020);
	for (int i = 0; i < 7; i++)
		cfg.week[i].n = 0;
	assert_int_equal(workcal_new(&cfg, &c, &e), MC_EINVAL);
	assert_non_null(strstr(e.msg_vi, "Không có giờ làm việc"));
	/* outside the precomputed range */
	{
		struct workcal_limit l1 = {WORKCAL_DAYS, 1};
		struct workcal_due d;
		int64_t m;

		assert_int_equal(workcal_deadline(CAL, T(2019, 6, 3, 8, 0), &l1, WORKCAL_RESTART, NULL, 0,
						  &d, &e), MC_EINVAL);
		assert_non_null(strstr(e.msg_en, "outside"));
		l1.amount = 100;
		assert_int_equal(workcal_deadline(CAL, T(2030, 12, 2, 8, 0), &l1, WORKCAL_RESTART, NULL,
						  0, &d, &e), MC_EINVAL);
		assert_non_null(strstr(e.msg_vi, "Hạn xử lý vượt ra ngoài"));
		assert_int_equal(workcal_between(CAL, T(2019, 1, 1, 0, 0), T(2025, 1, 1, 0, 0), &m, &e),
				 MC_EINVAL);
	}
	/* another offset: UTC+0 calendar puts 07:00 local at 07:00 UTC */
	workcal_config_default(&cfg, 2025, 2025);
	cfg.utc_offset_min = 0;
	assert_int_equal(workcal_new(&cfg, &c, NULL), MC_OK);
	assert_int_equal(workcal_instant(c, D(2025, 1, 2), 7 * 60), 1735689600 + 86400 + 7 * 3600);
	assert_true(workcal_is_working_time(c, 1735689600 + 86400 + 7 * 3600));
	assert_int_equal(workcal_config_get(c)->utc_offset_min, 0);
	workcal_free(c);
	workcal_free(NULL);
}

/* Many threads read one calendar at once and agree with a single thread. */
struct job {
	int64_t sum;
};

static void *reader(void *arg)
{
	struct job *j = arg;
	struct workcal_limit l = {WORKCAL_DAYS, 0};
	struct workcal_due d;

	j->sum = 0;
	for (int i = 0; i < 2000; i++) {
		l.amount = i % 17;
		if (workcal_deadline(CAL, T(2024, 1, 1, 0, 0) + (int64_t)i * 7919 * 60, &l, WORKCAL_RESTART,
				     NULL, 0, &d, NULL) == MC_OK)
			j->sum += d.due % 1000003;
	}
	return NULL;
}

static void test_concurrent_readers(void **state)
{
	pthread_t th[4];
	struct job jobs[4], single;

	(void)state;
	reader(&single);
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&th[i], NULL, reader, &jobs[i]), 0);
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		assert_int_equal(jobs[i].sum, single.sum);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_issue_examples),
		cmocka_unit_test(test_lunch_and_hours),
		cmocka_unit_test(test_between_and_helpers),
		cmocka_unit_test(test_handoff),
		cmocka_unit_test(test_same_day),
		cmocka_unit_test(test_across_holidays),
		cmocka_unit_test(test_overrides),
		cmocka_unit_test(test_supplements),
		cmocka_unit_test(test_classification),
		cmocka_unit_test(test_saturday_mornings),
		cmocka_unit_test(test_config_and_parsers),
		cmocka_unit_test(test_concurrent_readers),
	};

	return cmocka_run_group_tests(tests, setup_group, teardown_group);
}
