/*
 * test_holidays.c - statutory holidays, the compensatory day rule and
 * overrides (holidays.c), with the real schedules of 2020-2026.
 */
#include "testutil.h"

#include <stdio.h>

#include "domain/caldate.h"
#include "domain/holidays.h"

#define SATSUN 0x60u

static int32_t D(int y, int m, int d) { return caldate_from_ymd(y, m, d); }

static struct holidays_rules R;
static struct holidays_daystat YEAR[366];

static void year(int y, const struct holidays_override *ov, size_t n)
{
	assert_int_equal(holidays_year(&R, y, SATSUN, ov, n, YEAR, NULL), MC_OK);
}

static const struct holidays_daystat *st(int y, int m, int d)
{
	return &YEAR[D(y, m, d) - D(y, 1, 1)];
}

/* The weekdays (Mon-Fri) off in [from, to], as "MMDD MMDD ..." text. */
static const char *weekdays_off(int32_t from, int32_t to, int y)
{
	static char buf[512];
	size_t k = 0;

	buf[0] = '\0';
	for (int32_t d = from; d <= to; d++) {
		int yy, mm, dd;

		if (caldate_weekday(d) >= 6 || !YEAR[d - D(y, 1, 1)].off)
			continue;
		caldate_to_ymd(d, &yy, &mm, &dd);
		k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%02d%02d", k ? " " : "", mm, dd);
	}
	return buf;
}

static int setup(void **state)
{
	(void)state;
	holidays_rules_default(&R);
	return 0;
}

static void test_statutory_2025(void **state)
{
	struct holidays_date h[HOLIDAYS_MAX_PER_YEAR];
	size_t n = holidays_statutory(&R, 2025, SATSUN, h);
	static const struct {
		int m, d;
		enum holidays_id id;
	} want[] = {
		{1, 1, HOLIDAYS_NEW_YEAR}, {1, 27, HOLIDAYS_TET}, {1, 28, HOLIDAYS_TET},
		{1, 29, HOLIDAYS_TET}, {1, 30, HOLIDAYS_TET}, {1, 31, HOLIDAYS_TET},
		{4, 7, HOLIDAYS_HUNG_KINGS}, {4, 30, HOLIDAYS_REUNIFICATION}, {5, 1, HOLIDAYS_LABOUR},
		{9, 1, HOLIDAYS_NATIONAL_EXTRA}, {9, 2, HOLIDAYS_NATIONAL},
	};

	(void)state;
	assert_int_equal(n, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(h[i].day, D(2025, want[i].m, want[i].d));
		assert_int_equal(h[i].id, want[i].id);
	}
}

static void test_dated_rules(void **state)
{
	struct holidays_date h[HOLIDAYS_MAX_PER_YEAR];
	size_t n;

	(void)state;
	/* before the 2019 Labour Code took effect: Quốc khánh is one day */
	n = holidays_statutory(&R, 2020, SATSUN, h);
	assert_int_equal(n, 10);
	assert_int_equal(h[n - 1].day, D(2020, 9, 2));
	/* Ngày Văn hóa Việt Nam from 2026 only */
	n = holidays_statutory(&R, 2025, SATSUN, h);
	assert_int_not_equal(h[n - 1].id, HOLIDAYS_CULTURE);
	n = holidays_statutory(&R, 2026, SATSUN, h);
	assert_int_equal(h[n - 1].id, HOLIDAYS_CULTURE);
	assert_int_equal(h[n - 1].day, D(2026, 11, 24));
	/* and configurable */
	R.culture_day_from = 0;
	n = holidays_statutory(&R, 2026, SATSUN, h);
	assert_int_not_equal(h[n - 1].id, HOLIDAYS_CULTURE);
	holidays_rules_default(&R);
	assert_int_equal(holidays_statutory(&R, 2300, SATSUN, h), 0);
}

/* The extra Quốc khánh day for every weekday of 2 September. */
static void test_national_day_extra(void **state)
{
	static const int want[][3] = {
		{2021, 9, 3}, /* Thu -> Fri 3/9 */
		{2022, 9, 1}, /* Fri -> Thu 1/9 */
		{2023, 9, 1}, /* Sat -> Fri 1/9 */
		{2024, 9, 3}, /* Mon -> Tue 3/9 */
		{2025, 9, 1}, /* Tue -> Mon 1/9 */
		{2026, 9, 1}, /* Wed -> Tue 1/9 (tie: default, to verify) */
		{2029, 9, 3}, /* Sun -> Mon 3/9 */
	};

	(void)state;
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		struct holidays_date h[HOLIDAYS_MAX_PER_YEAR];
		size_t n = holidays_statutory(&R, want[i][0], SATSUN, h);
		int found = 0;

		for (size_t k = 0; k < n; k++)
			if (h[k].id == HOLIDAYS_NATIONAL_EXTRA) {
				assert_int_equal(h[k].day, D(want[i][0], want[i][1], want[i][2]));
				found = 1;
			}
		assert_true(found);
	}
	/* 2029: 2/9 on Sunday, 3/9 the extra day, so the compensation is Tue 4/9 */
	year(2029, NULL, 0);
	assert_int_equal(st(2029, 9, 4)->why, HOLIDAYS_COMPENSATION);
	assert_int_equal(st(2029, 9, 4)->ref, D(2029, 9, 2));
}

/* Holidays on weekends and their compensation days (art. 111.3). */
static void test_compensation(void **state)
{
	(void)state;
	/* 2022: 1/1 Saturday -> Monday 3/1; Giỗ Tổ Sunday 10/4 -> Monday 11/4;
	 * 30/4 Saturday and 1/5 Sunday -> Monday 2/5 and Tuesday 3/5 */
	year(2022, NULL, 0);
	assert_int_equal(st(2022, 1, 3)->why, HOLIDAYS_COMPENSATION);
	assert_int_equal(st(2022, 1, 3)->holiday, HOLIDAYS_NEW_YEAR);
	assert_int_equal(st(2022, 4, 11)->holiday, HOLIDAYS_HUNG_KINGS);
	assert_int_equal(st(2022, 5, 2)->holiday, HOLIDAYS_REUNIFICATION);
	assert_int_equal(st(2022, 5, 3)->holiday, HOLIDAYS_LABOUR);
	assert_int_equal(st(2022, 5, 3)->ref, D(2022, 5, 1));
	assert_false(st(2022, 5, 4)->off);
	/* 2023: Giỗ Tổ Sat 29/4, 30/4 Sun, 1/5 Mon: the compensations cascade
	 * past the Monday holiday -> Tue 2/5, Wed 3/5 (official: 29/4-3/5) */
	year(2023, NULL, 0);
	assert_string_equal(weekdays_off(D(2023, 4, 24), D(2023, 5, 7), 2023), "0501 0502 0503");
	assert_int_equal(st(2023, 5, 2)->holiday, HOLIDAYS_HUNG_KINGS);
	assert_int_equal(st(2023, 5, 3)->holiday, HOLIDAYS_REUNIFICATION);
	/* 2/9/2023 Saturday: extra day Fri 1/9 and compensation Mon 4/9
	 * (official: 1/9-4/9) */
	assert_string_equal(weekdays_off(D(2023, 8, 28), D(2023, 9, 8), 2023), "0901 0904");
	assert_int_equal(st(2023, 9, 4)->holiday, HOLIDAYS_NATIONAL);
	/* 2026: Giỗ Tổ on Sunday 26/4 -> Monday 27/4 off */
	year(2026, NULL, 0);
	assert_true(st(2026, 4, 26)->off && st(2026, 4, 26)->weekly_off);
	assert_int_equal(st(2026, 4, 26)->why, HOLIDAYS_HOLIDAY);
	assert_int_equal(st(2026, 4, 27)->why, HOLIDAYS_COMPENSATION);
	assert_int_equal(st(2026, 4, 27)->holiday, HOLIDAYS_HUNG_KINGS);
	/* switched off, holidays on weekends are simply lost */
	R.compensate = 0;
	year(2026, NULL, 0);
	assert_false(st(2026, 4, 27)->off);
	holidays_rules_default(&R);
}

/* The default Tết split (2 days before mùng 1, then mùng 1-3, plus the
 * compensation days) gives the official Tết weekdays off of 2020-2026. */
static void test_tet_default_matches_official(void **state)
{
	static const struct {
		int y;
		const char *off;
	} want[] = {
		{2020, "0123 0124 0127 0128 0129"}, /* 23-29/1/2020 */
		{2021, "0210 0211 0212 0215 0216"}, /* 10-16/2/2021 */
		{2022, "0131 0201 0202 0203 0204"}, /* 29/1-6/2/2022 */
		{2023, "0120 0123 0124 0125 0126"}, /* 20-26/1/2023 */
		{2024, "0208 0209 0212 0213 0214"}, /* 8-14/2/2024 */
		{2025, "0127 0128 0129 0130 0131"}, /* 25/1-2/2/2025 */
		{2026, "0216 0217 0218 0219 0220"}, /* 14-22/2/2026 */
	};

	(void)state;
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		year(want[i].y, NULL, 0);
		assert_string_equal(weekdays_off(D(want[i].y, 1, 15), D(want[i].y, 2, 28), want[i].y),
				    want[i].off);
	}
	/* the split is configurable: "last day + mùng 1-4" for 2024 gives
	 * 9-15/2 instead of the official 8-14/2 */
	R.tet_days_before = 1;
	year(2024, NULL, 0);
	assert_string_equal(weekdays_off(D(2024, 2, 1), D(2024, 2, 28), 2024),
			    "0209 0212 0213 0214 0215");
	holidays_rules_default(&R);
}

static void set_ov(struct holidays_override *o, int32_t day, enum holidays_kind kind,
		   const char *why)
{
	memset(o, 0, sizeof *o);
	o->day = day;
	o->kind = kind;
	snprintf(o->reason_vi, sizeof o->reason_vi, "%s", why);
	snprintf(o->source, sizeof o->source, "Công văn thử nghiệm");
}

static void test_overrides(void **state)
{
	struct holidays_override ov[6];

	(void)state;
	/* 2025: Friday 2/5 off, Saturday 26/4 worked */
	set_ov(&ov[0], D(2025, 5, 2), HOLIDAYS_OFF, "nghỉ hoán đổi");
	set_ov(&ov[1], D(2025, 4, 26), HOLIDAYS_WORK, "làm bù");
	year(2025, ov, 2);
	assert_true(st(2025, 5, 2)->off);
	assert_int_equal(st(2025, 5, 2)->why, HOLIDAYS_OVERRIDE_OFF);
	assert_int_equal(st(2025, 5, 2)->ref, 0);
	assert_false(st(2025, 4, 26)->off);
	assert_true(st(2025, 4, 26)->weekly_off);
	assert_int_equal(st(2025, 4, 26)->why, HOLIDAYS_OVERRIDE_WORK);
	assert_int_equal(st(2025, 4, 26)->ref, 1);
	/* remove a weekday holiday: it becomes a working day */
	set_ov(&ov[2], D(2025, 4, 7), HOLIDAYS_REMOVE, "không nghỉ");
	year(2025, ov, 3);
	assert_false(st(2025, 4, 7)->off);
	assert_int_equal(st(2025, 4, 7)->why, HOLIDAYS_WORKDAY);
	/* remove a weekend holiday: its compensation day goes too */
	set_ov(&ov[0], D(2026, 4, 26), HOLIDAYS_REMOVE, "");
	year(2026, ov, 1);
	assert_false(st(2026, 4, 27)->off);
	assert_int_equal(st(2026, 4, 26)->why, HOLIDAYS_WEEKLY);
	/* later entries win; overrides of other years are ignored */
	set_ov(&ov[0], D(2026, 3, 2), HOLIDAYS_OFF, "a");
	set_ov(&ov[1], D(2026, 3, 2), HOLIDAYS_WORK, "b");
	set_ov(&ov[2], D(2027, 3, 2), HOLIDAYS_OFF, "c");
	year(2026, ov, 3);
	assert_false(st(2026, 3, 2)->off);
	assert_int_equal(st(2026, 3, 2)->ref, 1);
	/* WORK on a holiday keeps the holiday's identity for display */
	set_ov(&ov[0], D(2026, 9, 1), HOLIDAYS_WORK, "");
	year(2026, ov, 1);
	assert_false(st(2026, 9, 1)->off);
	assert_int_equal(st(2026, 9, 1)->holiday, HOLIDAYS_NATIONAL_EXTRA);
}

static void test_names_and_kinds(void **state)
{
	(void)state;
	assert_string_equal(holidays_name_vi(HOLIDAYS_HUNG_KINGS), "Giỗ Tổ Hùng Vương (10/3 âm lịch)");
	assert_string_equal(holidays_name_en(HOLIDAYS_TET), "Lunar New Year (Tết)");
	assert_string_equal(holidays_name_vi(HOLIDAYS_NONE), "");
	assert_string_equal(holidays_name_vi((enum holidays_id)99), "");
	assert_non_null(strstr(holidays_source(HOLIDAYS_CULTURE), "to verify"));
	assert_string_equal(holidays_compensation_vi(HOLIDAYS_TET), "Nghỉ bù Tết Âm lịch");
	assert_int_equal(holidays_kind_parse("off"), HOLIDAYS_OFF);
	assert_int_equal(holidays_kind_parse("work"), HOLIDAYS_WORK);
	assert_int_equal(holidays_kind_parse("remove"), HOLIDAYS_REMOVE);
	assert_int_equal(holidays_kind_parse("holiday"), 0);
	assert_int_equal(holidays_kind_parse(NULL), 0);
	assert_string_equal(holidays_kind_name(HOLIDAYS_WORK), "work");
}

static void test_year_errors(void **state)
{
	struct mc_error e;

	(void)state;
	assert_int_equal(holidays_year(&R, 1700, SATSUN, NULL, 0, YEAR, &e), MC_EINVAL);
	assert_non_null(strstr(e.msg_vi, "1700"));
	assert_non_null(strstr(e.msg_en, "outside"));
	/* a leap year has 366 days, the last one filled */
	year(2024, NULL, 0);
	assert_int_equal(YEAR[365].why, HOLIDAYS_WORKDAY); /* Tue 31/12/2024 */
	assert_int_equal(YEAR[365].ref, -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_statutory_2025, setup),
		cmocka_unit_test_setup(test_dated_rules, setup),
		cmocka_unit_test_setup(test_national_day_extra, setup),
		cmocka_unit_test_setup(test_compensation, setup),
		cmocka_unit_test_setup(test_tet_default_matches_official, setup),
		cmocka_unit_test_setup(test_overrides, setup),
		cmocka_unit_test_setup(test_names_and_kinds, setup),
		cmocka_unit_test_setup(test_year_errors, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
