/*
 * test_report.c - the counting of the resolution report (domain/report.c):
 * every kind of dossier by hand, in several periods, with every figure of
 * March 2026 known in advance; the balance of every line; the drill-down
 * agreeing with the figures; the clock at the period's end; the table's
 * growth, sorting and limits.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>

#include "domain/caldate.h"
#include "domain/report.h"

static struct workcal *CAL;

static int64_t T(int y, int m, int d, int hh, int mm)
{
	return workcal_instant(CAL, caldate_from_ymd(y, m, d), hh * 60 + mm);
}

/* [first day of month m, first day of month m2) of 2026 */
static void period(struct report_table *t, int m, int m2)
{
	int y2 = m2 > 12 ? 2027 : 2026;

	assert_int_equal(report_table_init(t, CAL, T(2026, m, 1, 0, 0), T(y2, m2 > 12 ? 1 : m2, 1, 0, 0), NULL), MC_OK);
}

enum { HKD, DD, HT };
static const char *const FIELDS[] = {"ho-kinh-doanh", "dat-dai", "ho-tich"};

struct tc {
	const char *what;
	enum report_level level;
	int field;
	enum report_channel ch;
	enum dossier_state st;
	int64_t rec, due, fin, closed, paused;
};

static struct tc ROWS[24];
static size_t NROWS;

static void add(const char *what, enum report_level level, int field, enum report_channel ch, enum dossier_state st,
		int64_t rec, int64_t due, int64_t fin, int64_t closed, int64_t paused)
{
	ROWS[NROWS++] = (struct tc){what, level, field, ch, st, rec, due, fin, closed, paused};
}

static struct report_row row_of(const struct tc *c)
{
	struct report_row r = {c->level, FIELDS[c->field], c->ch, c->st, c->rec, c->due, c->fin, c->closed, c->paused};

	return r;
}

static int setup(void **state)
{
	struct workcal_config cfg;

	workcal_config_default(&cfg, 2025, 2027);
	assert_int_equal(workcal_new(&cfg, &CAL, NULL), MC_OK);
	NROWS = 0;
	/* 1: carried over from February, finished on its deadline's date before the minute */
	add("carried, on time", REPORT_DISTRICT, HKD, REPORT_DIRECT, DOSSIER_RETURNED, T(2026, 2, 25, 9, 0),
	    T(2026, 3, 2, 9, 0), T(2026, 3, 2, 8, 0), T(2026, 3, 3, 8, 0), 0);
	/* 2-5: received Monday 2 March 08:00, due Thursday 5 March 08:00 */
	add("early", REPORT_DISTRICT, HKD, REPORT_DIRECT, DOSSIER_RETURNED, T(2026, 3, 2, 8, 0), T(2026, 3, 5, 8, 0),
	    T(2026, 3, 4, 10, 0), T(2026, 3, 4, 11, 0), 0);
	add("exactly at the deadline minute", REPORT_DISTRICT, HKD, REPORT_DIRECT, DOSSIER_RESULT_READY,
	    T(2026, 3, 2, 8, 0), T(2026, 3, 5, 8, 0), T(2026, 3, 5, 8, 0), 0, 0);
	add("one minute late", REPORT_DISTRICT, HKD, REPORT_DIRECT, DOSSIER_RETURNED, T(2026, 3, 2, 8, 0),
	    T(2026, 3, 5, 8, 0), T(2026, 3, 5, 8, 1), T(2026, 3, 6, 8, 0), 0);
	add("on the deadline's date, earlier", REPORT_DISTRICT, HKD, REPORT_DIRECT, DOSSIER_RETURNED,
	    T(2026, 3, 2, 8, 0), T(2026, 3, 5, 8, 0), T(2026, 3, 5, 7, 30), T(2026, 3, 5, 9, 0), 0);
	/* 6: waiting for a supplement asked in time: within, whatever the period's end */
	add("waiting, asked in time", REPORT_DISTRICT, HKD, REPORT_DIRECT, DOSSIER_WAITING_SUPPLEMENT,
	    T(2026, 3, 10, 8, 0), T(2026, 3, 13, 8, 0), 0, 0, T(2026, 3, 11, 9, 0));
	/* 7: waiting, but asked after the deadline had passed: overdue */
	add("waiting, asked late", REPORT_DISTRICT, HKD, REPORT_DIRECT, DOSSIER_WAITING_SUPPLEMENT, T(2026, 3, 2, 8, 0),
	    T(2026, 3, 5, 8, 0), 0, 0, T(2026, 3, 6, 8, 0));
	/* 8: apologised (new date 12 March) and finished 9 March: late all the same */
	add("apologised, late", REPORT_DISTRICT, HKD, REPORT_DIRECT, DOSSIER_RETURNED, T(2026, 3, 2, 8, 0),
	    T(2026, 3, 5, 8, 0), T(2026, 3, 9, 10, 0), T(2026, 3, 9, 11, 0), 0);
	/* 9: refused after receipt: an answer, classified by when */
	add("refused after receipt", REPORT_DISTRICT, HKD, REPORT_DIRECT, DOSSIER_REFUSED, T(2026, 3, 2, 8, 0),
	    T(2026, 3, 5, 8, 0), T(2026, 3, 3, 9, 0), T(2026, 3, 3, 9, 0), 0);
	/* 10: refused at intake: never received */
	add("refused at intake", REPORT_DISTRICT, HKD, REPORT_DIRECT, DOSSIER_REFUSED, 0, 0, 0, T(2026, 3, 3, 9, 0), 0);
	/* 11: withdrawn in the period */
	add("withdrawn", REPORT_DISTRICT, HKD, REPORT_DIRECT, DOSSIER_WITHDRAWN, T(2026, 3, 2, 8, 0),
	    T(2026, 3, 5, 8, 0), 0, T(2026, 3, 4, 8, 0), 0);
	/* 12: received in February (overdue by its end), stopped in March */
	add("stopped, carried", REPORT_DISTRICT, HKD, REPORT_DIRECT, DOSSIER_STOPPED, T(2026, 2, 20, 8, 0),
	    T(2026, 2, 25, 10, 0), 0, T(2026, 3, 3, 8, 0), 0);
	/* 13: guided, never received */
	add("guided", REPORT_DISTRICT, HKD, REPORT_DIRECT, DOSSIER_GUIDED, 0, 0, 0, T(2026, 3, 2, 8, 0), 0);
	/* 14: transferred out: counted at the unit that received the transfer */
	add("transferred out", REPORT_DISTRICT, HKD, REPORT_DIRECT, DOSSIER_TRANSFERRED, T(2026, 3, 2, 8, 0),
	    T(2026, 3, 5, 8, 0), 0, T(2026, 3, 2, 9, 0), 0);
	/* 15: received by transfer (citizen came on paper): "directly or by post" */
	add("transfer in", REPORT_DISTRICT, HKD, REPORT_TRANSFER, DOSSIER_PROCESSING, T(2026, 3, 2, 10, 0),
	    T(2026, 3, 5, 10, 0), 0, 0, 0);
	/* 16, 17: online and postal, another field */
	add("online", REPORT_DISTRICT, DD, REPORT_ONLINE, DOSSIER_RETURNED, T(2026, 3, 3, 8, 0), T(2026, 3, 6, 8, 0),
	    T(2026, 3, 4, 8, 0), T(2026, 3, 4, 9, 0), 0);
	add("postal, in progress", REPORT_DISTRICT, DD, REPORT_POSTAL, DOSSIER_PROCESSING, T(2026, 3, 3, 8, 0),
	    T(2026, 4, 3, 8, 0), 0, 0, 0);
	/* 18: received after March */
	add("next period", REPORT_DISTRICT, HKD, REPORT_DIRECT, DOSSIER_PROCESSING, T(2026, 4, 2, 8, 0),
	    T(2026, 4, 7, 8, 0), 0, 0, 0);
	/* 19: received and finished in February */
	add("finished before", REPORT_DISTRICT, HKD, REPORT_DIRECT, DOSSIER_RETURNED, T(2026, 2, 2, 8, 0),
	    T(2026, 2, 5, 8, 0), T(2026, 2, 3, 8, 0), T(2026, 2, 3, 9, 0), 0);
	/* 20: commune level, same-day procedure, done before its 17:00 */
	add("commune, same day", REPORT_COMMUNE, HT, REPORT_DIRECT, DOSSIER_RETURNED, T(2026, 3, 16, 8, 0),
	    T(2026, 3, 16, 17, 0), T(2026, 3, 16, 10, 0), T(2026, 3, 16, 11, 0), 0);
	/* 21: province level, overdue at the end of March */
	add("province, overdue", REPORT_PROVINCE, DD, REPORT_DIRECT, DOSSIER_PROCESSING, T(2026, 3, 20, 8, 0),
	    T(2026, 3, 25, 8, 0), 0, 0, 0);
	/* 22: submitted online, not yet accepted */
	add("submitted", REPORT_DISTRICT, DD, REPORT_ONLINE, DOSSIER_SUBMITTED, 0, 0, 0, 0, 0);
	(void)state;
	return 0;
}

static int teardown(void **state)
{
	workcal_free(CAL);
	(void)state;
	return 0;
}

static void fill(struct report_table *t)
{
	for (size_t i = 0; i < NROWS; i++) {
		struct report_row r = row_of(&ROWS[i]);

		assert_int_equal(report_table_add(t, &r, NULL), MC_OK);
	}
}

/* received, online, direct, carried, resolved, early, on_time, late, closed, pending, within, overdue */
static void expect(const struct report_line *l, const int64_t want[REPORT__COLS], const char *what)
{
	assert_non_null(l);
	for (int c = 0; c < REPORT__COLS; c++)
		if (l->n[c] != want[c]) {
			print_error("%s: column %s is %lld, want %lld\n", what, report_col_name((enum report_col)c),
				    (long long)l->n[c], (long long)want[c]);
			fail();
		}
	assert_true(report_line_balanced(l));
}

static void all_balanced(const struct report_table *t)
{
	for (size_t i = 0; i < t->nlines; i++)
		assert_true(report_line_balanced(&t->lines[i]));
	for (int l = 0; l < REPORT__LEVELS; l++)
		assert_true(report_line_balanced(&t->level_total[l]));
	assert_true(report_line_balanced(&t->total));
}

static void test_march_every_cell(void **state)
{
	struct report_table t;
	static const int64_t hkd[] = {12, 0, 10, 2, 9, 2, 3, 2, 2, 3, 1, 2};
	static const int64_t dd[] = {2, 1, 1, 0, 1, 1, 0, 0, 0, 1, 1, 0};
	static const int64_t district[] = {14, 1, 11, 2, 10, 3, 3, 2, 2, 4, 2, 2};
	static const int64_t commune[] = {1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0};
	static const int64_t province[] = {1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1};
	static const int64_t total[] = {16, 1, 13, 2, 11, 3, 4, 2, 2, 5, 2, 3};

	(void)state;
	period(&t, 3, 4);
	fill(&t);
	assert_int_equal(t.rows_seen, (int64_t)NROWS);
	assert_int_equal(t.nlines, 4);
	expect(report_table_find(&t, REPORT_DISTRICT, "ho-kinh-doanh"), hkd, "district / ho-kinh-doanh");
	expect(report_table_find(&t, REPORT_DISTRICT, "dat-dai"), dd, "district / dat-dai");
	expect(report_table_find(&t, REPORT_COMMUNE, "ho-tich"), commune, "commune / ho-tich");
	expect(report_table_find(&t, REPORT_PROVINCE, "dat-dai"), province, "province / dat-dai");
	expect(&t.level_total[REPORT_DISTRICT], district, "district total");
	expect(&t.level_total[REPORT_COMMUNE], commune, "commune total");
	expect(&t.level_total[REPORT_PROVINCE], province, "province total");
	expect(&t.total, total, "grand total");
	assert_null(report_table_find(&t, REPORT_COMMUNE, "dat-dai"));
	assert_int_equal(t.level_total[REPORT_OTHER].n[REPORT_RECEIVED], 0);
	report_table_release(&t);
}

static void test_other_periods(void **state)
{
	struct report_table t;
	static const int64_t feb[] = {3, 0, 3, 0, 1, 1, 0, 0, 0, 2, 1, 1};

	(void)state;
	/* February: 1 is in progress within (due 2 March), 12 overdue (due 25
	 * February), 19 resolved early; nothing else existed yet */
	period(&t, 2, 3);
	fill(&t);
	expect(report_table_find(&t, REPORT_DISTRICT, "ho-kinh-doanh"), feb, "February");
	assert_int_equal(t.total.n[REPORT_RECEIVED], 3);
	all_balanced(&t);
	report_table_release(&t);

	/* the first quarter: nothing carried over, 19 counted too */
	period(&t, 1, 4);
	fill(&t);
	assert_int_equal(t.total.n[REPORT_CARRIED], 0);
	assert_int_equal(t.total.n[REPORT_RECEIVED], 17);
	assert_int_equal(t.total.n[REPORT_RESOLVED], 12);
	assert_int_equal(t.total.n[REPORT_PENDING], 5);
	all_balanced(&t);
	report_table_release(&t);

	/* April: March's five in progress are carried over; 18 is received;
	 * 6 still waits (asked in time: within); 17 falls due 3 April */
	period(&t, 4, 5);
	fill(&t);
	assert_int_equal(t.total.n[REPORT_CARRIED], 5);
	assert_int_equal(t.total.n[REPORT_RECEIVED_DIRECT], 1);
	assert_int_equal(t.total.n[REPORT_RESOLVED], 0);
	assert_int_equal(t.total.n[REPORT_PENDING_WITHIN], 1);
	assert_int_equal(t.total.n[REPORT_PENDING_OVERDUE], 5);
	all_balanced(&t);
	report_table_release(&t);

	/* a single day: 2 March, as a from/to pair of local midnights */
	assert_int_equal(report_table_init(&t, CAL, T(2026, 3, 2, 0, 0), T(2026, 3, 3, 0, 0), NULL), MC_OK);
	fill(&t);
	assert_int_equal(t.total.n[REPORT_CARRIED], 2); /* 1 and 12 */
	assert_int_equal(t.total.n[REPORT_RESOLVED], 1); /* 1, at 08:00 on its deadline's date */
	assert_int_equal(t.total.n[REPORT_ON_TIME], 1);
	all_balanced(&t);
	report_table_release(&t);
}

/* The carry-over chain: what one period leaves in progress is what the next
 * one carries over, month after month. */
static void test_chain(void **state)
{
	int64_t pending_before = 0;

	(void)state;
	for (int m = 1; m <= 6; m++) {
		struct report_table t;

		period(&t, m, m + 1);
		fill(&t);
		all_balanced(&t);
		assert_int_equal(t.total.n[REPORT_CARRIED], pending_before);
		pending_before = t.total.n[REPORT_PENDING];
		report_table_release(&t);
	}
}

static void test_classify_each(void **state)
{
	struct report_table t;
	unsigned R = 1u << REPORT_RECEIVED;

	(void)state;
	period(&t, 3, 4);
#define BITS(i) report_classify(&t, &(struct report_row){ROWS[i].level, FIELDS[ROWS[i].field], ROWS[i].ch, ROWS[i].st, \
							 ROWS[i].rec, ROWS[i].due, ROWS[i].fin, ROWS[i].closed,         \
							 ROWS[i].paused})
#define B(c) (1u << (c))
	assert_int_equal(BITS(0), R | B(REPORT_CARRIED) | B(REPORT_RESOLVED) | B(REPORT_ON_TIME));
	assert_int_equal(BITS(2), R | B(REPORT_RECEIVED_DIRECT) | B(REPORT_RESOLVED) | B(REPORT_ON_TIME));
	assert_int_equal(BITS(3), R | B(REPORT_RECEIVED_DIRECT) | B(REPORT_RESOLVED) | B(REPORT_LATE));
	assert_int_equal(BITS(5), R | B(REPORT_RECEIVED_DIRECT) | B(REPORT_PENDING) | B(REPORT_PENDING_WITHIN));
	assert_int_equal(BITS(6), R | B(REPORT_RECEIVED_DIRECT) | B(REPORT_PENDING) | B(REPORT_PENDING_OVERDUE));
	assert_int_equal(BITS(8), R | B(REPORT_RECEIVED_DIRECT) | B(REPORT_RESOLVED) | B(REPORT_EARLY));
	assert_int_equal(BITS(9), 0);  /* refused at intake */
	assert_int_equal(BITS(10), R | B(REPORT_RECEIVED_DIRECT) | B(REPORT_RESOLVED) | B(REPORT_CLOSED));
	assert_int_equal(BITS(12), 0); /* guided */
	assert_int_equal(BITS(13), 0); /* transferred out */
	assert_int_equal(BITS(14), R | B(REPORT_RECEIVED_DIRECT) | B(REPORT_PENDING) | B(REPORT_PENDING_OVERDUE));
	assert_int_equal(BITS(15), R | B(REPORT_RECEIVED_ONLINE) | B(REPORT_RESOLVED) | B(REPORT_EARLY));
	assert_int_equal(BITS(17), 0); /* April */
	assert_int_equal(BITS(18), 0); /* finished in February */
	assert_int_equal(BITS(21), 0); /* submitted */

	/* the same rule as workcal_classify_done, minute by minute around a deadline */
	for (int64_t done = T(2026, 3, 4, 16, 0); done <= T(2026, 3, 5, 9, 0); done += 60) {
		struct report_row r = {REPORT_DISTRICT, "x", REPORT_DIRECT, DOSSIER_RETURNED, T(2026, 3, 2, 8, 0),
				       T(2026, 3, 5, 8, 0), done, done, 0};
		unsigned bits = report_classify(&t, &r);
		enum workcal_status s = workcal_classify_done(CAL, r.legal_due, done);

		assert_true(bits & B(s == WORKCAL_EARLY ? REPORT_EARLY : s == WORKCAL_ON_TIME ? REPORT_ON_TIME : REPORT_LATE));
	}
	/* a dossier that waits from before the period and still waits */
	{
		struct report_row r = {REPORT_DISTRICT, "x", REPORT_DIRECT, DOSSIER_WAITING_SUPPLEMENT, T(2026, 2, 2, 8, 0),
				       T(2026, 2, 5, 8, 0), 0, 0, T(2026, 2, 3, 8, 0)};

		assert_int_equal(report_classify(&t, &r), R | B(REPORT_CARRIED) | B(REPORT_PENDING) | B(REPORT_PENDING_WITHIN));
		/* the wait begins after this period's end: judged at the end */
		r.paused_since = T(2026, 4, 10, 8, 0);
		assert_int_equal(report_classify(&t, &r), R | B(REPORT_CARRIED) | B(REPORT_PENDING) | B(REPORT_PENDING_OVERDUE));
		/* finished exactly at the period's end: still in progress in March */
		r.paused_since = 0;
		r.state = DOSSIER_RETURNED;
		r.finished_at = T(2026, 4, 1, 0, 0);
		assert_true(report_classify(&t, &r) & B(REPORT_PENDING));
		r.finished_at = T(2026, 3, 31, 23, 59);
		assert_true(report_classify(&t, &r) & B(REPORT_LATE));
		/* no deadline recorded: never late */
		r.legal_due = 0;
		assert_true(report_classify(&t, &r) & B(REPORT_ON_TIME));
	}
#undef BITS
#undef B
	report_table_release(&t);
}

static void test_drill_down(void **state)
{
	struct report_table t;
	struct report_cell late = {REPORT_DISTRICT, "ho-kinh-doanh", REPORT_LATE};
	struct report_cell early_district = {REPORT_DISTRICT, "", REPORT_EARLY};
	struct report_cell overdue_all = {REPORT__LEVELS, "", REPORT_PENDING_OVERDUE};
	struct report_cell received_all = {REPORT__LEVELS, "", REPORT_RECEIVED};
	char seen[64];
	size_t n;

	(void)state;
	period(&t, 3, 4);
	fill(&t);
	n = 0;
	seen[0] = '\0';
	for (size_t i = 0; i < NROWS; i++) {
		struct report_row r = row_of(&ROWS[i]);

		if (report_cell_matches(&t, &late, &r))
			n += (size_t)snprintf(seen + n, sizeof seen - n, "%zu,", i + 1);
	}
	assert_string_equal(seen, "4,8,");
	n = 0;
	seen[0] = '\0';
	for (size_t i = 0; i < NROWS; i++) {
		struct report_row r = row_of(&ROWS[i]);

		if (report_cell_matches(&t, &early_district, &r))
			n += (size_t)snprintf(seen + n, sizeof seen - n, "%zu,", i + 1);
	}
	assert_string_equal(seen, "2,9,16,");
	n = 0;
	seen[0] = '\0';
	for (size_t i = 0; i < NROWS; i++) {
		struct report_row r = row_of(&ROWS[i]);

		if (report_cell_matches(&t, &overdue_all, &r))
			n += (size_t)snprintf(seen + n, sizeof seen - n, "%zu,", i + 1);
	}
	assert_string_equal(seen, "7,15,21,");
	/* every figure of the table is the number of dossiers its cell lists */
	for (size_t k = 0; k < t.nlines; k++)
		for (int c = 0; c < REPORT__COLS; c++) {
			struct report_cell cell = {t.lines[k].level, "", (enum report_col)c};
			int64_t count = 0;

			snprintf(cell.field, sizeof cell.field, "%s", t.lines[k].field);
			for (size_t i = 0; i < NROWS; i++) {
				struct report_row r = row_of(&ROWS[i]);

				count += report_cell_matches(&t, &cell, &r);
			}
			assert_int_equal(count, t.lines[k].n[c]);
		}
	n = 0;
	for (size_t i = 0; i < NROWS; i++) {
		struct report_row r = row_of(&ROWS[i]);

		n += report_cell_matches(&t, &received_all, &r);
	}
	assert_int_equal(n, t.total.n[REPORT_RECEIVED]);
	report_table_release(&t);
}

static void test_clock(void **state)
{
	struct report_clock k;
	int64_t due1 = T(2026, 3, 5, 8, 0), due2 = T(2026, 3, 12, 9, 0);

	(void)state;
	/* LIFECYCLE.md 1.3: received Mon 2 March 08:00 (due Thu 5 March 08:00),
	 * supplement asked Tue 3 March 10:00, supplied Mon 9 March 09:00
	 * (restart: due Thu 12 March 09:00) */
#define FOLD(at)                                                                                           \
	do {                                                                                               \
		report_clock_init(&k, (at));                                                               \
		report_clock_event(&k, DOSSIER_EV_INTAKE, T(2026, 3, 2, 8, 0), due1);                      \
		report_clock_event(&k, DOSSIER_EV_FORWARD, T(2026, 3, 2, 9, 0), 0);                        \
		report_clock_event(&k, DOSSIER_EV_REQUEST_SUPPLEMENT, T(2026, 3, 3, 10, 0), 0);            \
		report_clock_event(&k, DOSSIER_EV_APOLOGIZE, T(2026, 3, 4, 10, 0), T(2026, 3, 20, 8, 0));  \
		report_clock_event(&k, DOSSIER_EV_SUPPLEMENT_RECEIVED, T(2026, 3, 9, 9, 0), due2);         \
	} while (0)
	FOLD(T(2026, 3, 2, 7, 0));
	assert_int_equal(k.legal_due, 0);
	FOLD(T(2026, 3, 3, 0, 0));
	assert_int_equal(k.legal_due, due1);
	assert_int_equal(k.paused_since, 0);
	FOLD(T(2026, 3, 4, 0, 0));
	assert_int_equal(k.legal_due, due1);
	assert_int_equal(k.paused_since, T(2026, 3, 3, 10, 0));
	FOLD(T(2026, 4, 1, 0, 0));
	assert_int_equal(k.legal_due, due2); /* the apology's date is never the deadline */
	assert_int_equal(k.paused_since, 0);
#undef FOLD
}

static int rank_rev(void *ctx, const char *field)
{
	(void)ctx;
	return -atoi(field + 1);
}

static void test_growth_sort_limits(void **state)
{
	struct report_table t;
	struct report_row r = {REPORT_DISTRICT, NULL, REPORT_DIRECT, DOSSIER_PROCESSING, 0, 0, 0, 0, 0};
	struct mc_error err = {0};
	char key[16];

	(void)state;
	assert_int_equal(report_table_init(&t, CAL, 10, 10, &err), MC_EINVAL);
	assert_int_equal(report_table_init(&t, NULL, 1, 10, &err), MC_EINVAL);
	period(&t, 3, 4);
	r.received_at = T(2026, 3, 2, 8, 0);
	r.legal_due = T(2026, 3, 5, 8, 0);
	for (int i = 0; i < 300; i++) {
		snprintf(key, sizeof key, "f%d", i);
		r.field = key;
		r.level = (enum report_level)(i % 3);
		assert_int_equal(report_table_add(&t, &r, NULL), MC_OK);
		assert_int_equal(report_table_add(&t, &r, NULL), MC_OK);
	}
	assert_int_equal(t.nlines, 300);
	r.field = NULL; /* no field: its own line "-" */
	assert_int_equal(report_table_add(&t, &r, NULL), MC_OK);
	assert_non_null(report_table_find(&t, r.level, ""));
	assert_int_equal(report_table_find(&t, r.level, "-")->n[REPORT_RECEIVED], 1);
	report_table_sort(&t, rank_rev, NULL);
	for (size_t i = 1; i < t.nlines; i++)
		assert_true(t.lines[i - 1].level < t.lines[i].level ||
			    (t.lines[i - 1].level == t.lines[i].level &&
			     rank_rev(NULL, t.lines[i - 1].field) <= rank_rev(NULL, t.lines[i].field)));
	for (int i = 0; i < 300; i++) {
		snprintf(key, sizeof key, "f%d", i);
		assert_int_equal(report_table_find(&t, (enum report_level)(i % 3), key)->n[REPORT_PENDING], 2);
	}
	assert_int_equal(t.total.n[REPORT_RECEIVED], 601);
	report_table_release(&t);

	/* at most REPORT_MAX_LINES lines */
	period(&t, 3, 4);
	for (int i = 0; i <= REPORT_MAX_LINES; i++) {
		snprintf(key, sizeof key, "g%d", i);
		r.field = key;
		if (i < REPORT_MAX_LINES)
			assert_int_equal(report_table_add(&t, &r, NULL), MC_OK);
		else
			assert_int_equal(report_table_add(&t, &r, &err), MC_ETOOBIG);
	}
	assert_non_null(strstr(err.msg_vi, "dòng"));
	/* rows not counted create no line, even past the limit */
	r.received_at = 0;
	assert_int_equal(report_table_add(&t, &r, NULL), MC_OK);
	report_table_release(&t);
	report_table_release(&t); /* twice is harmless */
}

static void test_names(void **state)
{
	struct report_line l = {0};

	(void)state;
	for (int c = 0; c < REPORT__COLS; c++) {
		assert_int_equal(report_col_parse(report_col_name((enum report_col)c)), c);
		assert_true(strlen(report_col_vi((enum report_col)c)) > 0);
		assert_true(strlen(report_col_en((enum report_col)c)) > 0);
	}
	assert_int_equal(report_col_parse("nope"), -1);
	assert_int_equal(report_col_parse(NULL), -1);
	for (int v = 0; v < REPORT__LEVELS; v++)
		assert_int_equal(report_level_parse(report_level_name((enum report_level)v)), v);
	assert_int_equal(report_level_parse("ministry"), REPORT_OTHER);
	assert_int_equal(report_level_parse_strict("all"), -1);
	assert_string_equal(report_level_vi(REPORT_DISTRICT), "Cấp huyện");
	assert_string_equal(report_col_vi(REPORT_ON_TIME), "Đã giải quyết: đúng hạn");
	assert_int_equal(report_channel_parse("online"), REPORT_ONLINE);
	assert_int_equal(report_channel_parse("postal"), REPORT_POSTAL);
	assert_int_equal(report_channel_parse("transfer"), REPORT_TRANSFER);
	assert_int_equal(report_channel_parse("direct"), REPORT_DIRECT);
	assert_int_equal(report_channel_parse(NULL), REPORT_DIRECT);
	assert_int_equal(report_on_time_permille(&l), -1);
	l.n[REPORT_EARLY] = 1;
	l.n[REPORT_ON_TIME] = 1;
	l.n[REPORT_LATE] = 1;
	l.n[REPORT_CLOSED] = 5; /* withdrawn and stopped do not dilute the rate */
	assert_int_equal(report_on_time_permille(&l), 667);
	assert_false(report_line_balanced(&l));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_march_every_cell), cmocka_unit_test(test_other_periods),
		cmocka_unit_test(test_chain),            cmocka_unit_test(test_classify_each),
		cmocka_unit_test(test_drill_down),       cmocka_unit_test(test_clock),
		cmocka_unit_test(test_growth_sort_limits), cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
