/*
 * test_lunar.c - the lunisolar calendar (lunar.c) and day numbers (caldate.c)
 * against known dates: Tết 2000-2030, leap months, the years when Vietnam
 * (UTC+7) and China (UTC+8) differ, and a full round trip over 1900-2100.
 */
#include "testutil.h"

#include <math.h>

#include "domain/caldate.h"
#include "domain/lunar.h"

static int32_t D(int y, int m, int d) { return caldate_from_ymd(y, m, d); }

static int32_t to_solar(int y, int m, int d, int leap, int tz)
{
	struct lunar_date ld = {y, m, d, leap};
	int32_t out = 0;

	assert_int_equal(lunar_to_solar(&ld, tz, &out, NULL), MC_OK);
	return out;
}

static struct lunar_date from_solar(int32_t day, int tz)
{
	struct lunar_date ld;

	assert_int_equal(lunar_from_solar(day, tz, &ld, NULL), MC_OK);
	return ld;
}

static void test_caldate(void **state)
{
	int y, m, d;
	int32_t day;
	char buf[11];

	(void)state;
	assert_int_equal(D(1970, 1, 1), 0);
	assert_int_equal(D(2000, 3, 1), 11017);
	assert_int_equal(D(1969, 12, 31), -1);
	caldate_to_ymd(D(2024, 2, 29), &y, &m, &d);
	assert_true(y == 2024 && m == 2 && d == 29);
	caldate_to_ymd(-719468 + 60, &y, &m, &d); /* far past still consistent */
	assert_int_equal(D(y, m, d), -719468 + 60);
	assert_int_equal(caldate_weekday(D(2025, 1, 29)), 3);  /* Wednesday */
	assert_int_equal(caldate_weekday(D(2026, 4, 26)), 7);  /* Sunday */
	assert_int_equal(caldate_weekday(D(1969, 12, 29)), 1); /* Monday, before day 0 */
	assert_true(caldate_valid(2024, 2, 29));
	assert_false(caldate_valid(2025, 2, 29));
	assert_false(caldate_valid(1900, 2, 29));
	assert_true(caldate_valid(2000, 2, 29));
	assert_int_equal(caldate_parse("2025-04-30", 0, &day), 0);
	assert_int_equal(day, D(2025, 4, 30));
	assert_int_equal(caldate_parse("20250430", 1, &day), 0);
	assert_int_equal(day, D(2025, 4, 30));
	assert_int_equal(caldate_parse("20250430", 0, &day), -1);
	assert_int_equal(caldate_parse("2025-02-29", 0, &day), -1);
	assert_int_equal(caldate_parse("2025-4-30", 0, &day), -1);
	assert_int_equal(caldate_parse("2025-04-30x", 0, &day), -1);
	assert_int_equal(caldate_parse("", 1, &day), -1);
	assert_string_equal(caldate_format(D(2026, 2, 17), buf), "2026-02-17");
	/* every day of 1900-2100 survives format -> parse */
	for (day = D(1900, 1, 1); day <= D(2100, 12, 31); day++) {
		int32_t back;

		assert_int_equal(caldate_parse(caldate_format(day, buf), 0, &back), 0);
		assert_int_equal(back, day);
	}
}

static void test_new_moon_meeus(void **state)
{
	(void)state;
	/* Meeus example 49.a: new moon of 1977 Feb 18, JDE 2443192.65118 (TT);
	 * UT is earlier by Delta T (about 48 s in 1977) */
	double jd = lunar_new_moon_jd(-283);

	assert_true(fabs(jd + 48.0 / 86400 - 2443192.65118) < 15.0 / 86400);
	/* Meeus example 25.a: apparent longitude 199.90895 deg at JDE 2448908.5 */
	assert_true(fabs(lunar_sun_longitude(2448908.5 - 59.0 / 86400) - 199.90895) < 0.01);
}

/* Tết (1st day of the 1st month) in Vietnam, 2000-2030. */
static void test_tet_table(void **state)
{
	static const int tet[][3] = {
		{2000, 2, 5},  {2001, 1, 24}, {2002, 2, 12}, {2003, 2, 1},  {2004, 1, 22},
		{2005, 2, 9},  {2006, 1, 29}, {2007, 2, 17}, {2008, 2, 7},  {2009, 1, 26},
		{2010, 2, 14}, {2011, 2, 3},  {2012, 1, 23}, {2013, 2, 10}, {2014, 1, 31},
		{2015, 2, 19}, {2016, 2, 8},  {2017, 1, 28}, {2018, 2, 16}, {2019, 2, 5},
		{2020, 1, 25}, {2021, 2, 12}, {2022, 2, 1},  {2023, 1, 22}, {2024, 2, 10},
		{2025, 1, 29}, {2026, 2, 17}, {2027, 2, 6},  {2028, 1, 26}, {2029, 2, 13},
		{2030, 2, 2},
	};

	(void)state;
	for (size_t i = 0; i < sizeof tet / sizeof tet[0]; i++) {
		int32_t day = to_solar(tet[i][0], 1, 1, 0, LUNAR_TZ_VIETNAM);
		struct lunar_date ld = from_solar(D(tet[i][0], tet[i][1], tet[i][2]), LUNAR_TZ_VIETNAM);

		assert_int_equal(day, D(tet[i][0], tet[i][1], tet[i][2]));
		assert_true(ld.year == tet[i][0] && ld.month == 1 && ld.day == 1 && !ld.leap);
		/* the day before Tết is the last day of the old year's 12th month */
		ld = from_solar(day - 1, LUNAR_TZ_VIETNAM);
		assert_true(ld.year == tet[i][0] - 1 && ld.month == 12 && (ld.day == 29 || ld.day == 30));
	}
}

/* Years when the UTC+7 and UTC+8 calendars differ. */
static void test_vietnam_vs_china(void **state)
{
	(void)state;
	/* 1968 (Mậu Thân): Vietnam 29 Jan, China 30 Jan */
	assert_int_equal(to_solar(1968, 1, 1, 0, LUNAR_TZ_VIETNAM), D(1968, 1, 29));
	assert_int_equal(to_solar(1968, 1, 1, 0, LUNAR_TZ_CHINA), D(1968, 1, 30));
	/* 1985 (Ất Sửu): Vietnam 21 Jan, China 20 Feb, a whole month apart:
	 * China had a leap 10th month in 1984, Vietnam a leap 2nd month in 1985 */
	assert_int_equal(to_solar(1985, 1, 1, 0, LUNAR_TZ_VIETNAM), D(1985, 1, 21));
	assert_int_equal(to_solar(1985, 1, 1, 0, LUNAR_TZ_CHINA), D(1985, 2, 20));
	assert_int_equal(lunar_leap_month(1984, LUNAR_TZ_CHINA), 10);
	assert_int_equal(lunar_leap_month(1984, LUNAR_TZ_VIETNAM), 0);
	assert_int_equal(lunar_leap_month(1985, LUNAR_TZ_VIETNAM), 2);
	/* 2007 (Đinh Hợi): Vietnam 17 Feb, China 18 Feb */
	assert_int_equal(to_solar(2007, 1, 1, 0, LUNAR_TZ_VIETNAM), D(2007, 2, 17));
	assert_int_equal(to_solar(2007, 1, 1, 0, LUNAR_TZ_CHINA), D(2007, 2, 18));
	/* 2030 (Canh Tuất): the new moon at about 16:07 UTC is 23:07 in Hanoi
	 * and 00:07 the next day in Beijing */
	assert_int_equal(to_solar(2030, 1, 1, 0, LUNAR_TZ_VIETNAM), D(2030, 2, 2));
	assert_int_equal(to_solar(2030, 1, 1, 0, LUNAR_TZ_CHINA), D(2030, 2, 3));
	/* and an ordinary year is the same in both */
	assert_int_equal(to_solar(2024, 1, 1, 0, LUNAR_TZ_CHINA), D(2024, 2, 10));
}

static void test_leap_months(void **state)
{
	struct lunar_date ld;

	(void)state;
	/* 2020 Canh Tý: leap 4th month */
	assert_int_equal(lunar_leap_month(2020, LUNAR_TZ_VIETNAM), 4);
	assert_int_equal(to_solar(2020, 4, 1, 0, LUNAR_TZ_VIETNAM), D(2020, 4, 23));
	assert_int_equal(to_solar(2020, 4, 1, 1, LUNAR_TZ_VIETNAM), D(2020, 5, 23));
	assert_int_equal(to_solar(2020, 5, 1, 0, LUNAR_TZ_VIETNAM), D(2020, 6, 21));
	ld = from_solar(D(2020, 6, 1), LUNAR_TZ_VIETNAM);
	assert_true(ld.year == 2020 && ld.month == 4 && ld.leap && ld.day == 10);
	ld = from_solar(D(2020, 5, 7), LUNAR_TZ_VIETNAM); /* Phật đản 15/4 */
	assert_true(ld.month == 4 && !ld.leap && ld.day == 15);
	/* 2023 Quý Mão: leap 2nd month */
	assert_int_equal(lunar_leap_month(2023, LUNAR_TZ_VIETNAM), 2);
	assert_int_equal(to_solar(2023, 2, 1, 0, LUNAR_TZ_VIETNAM), D(2023, 2, 20));
	assert_int_equal(to_solar(2023, 2, 1, 1, LUNAR_TZ_VIETNAM), D(2023, 3, 22));
	assert_int_equal(to_solar(2023, 3, 1, 0, LUNAR_TZ_VIETNAM), D(2023, 4, 20));
	/* 2025 Ất Tỵ: leap 6th month; Trung thu 15/8 = 6 Oct 2025 */
	assert_int_equal(lunar_leap_month(2025, LUNAR_TZ_VIETNAM), 6);
	assert_int_equal(to_solar(2025, 6, 1, 0, LUNAR_TZ_VIETNAM), D(2025, 6, 25));
	assert_int_equal(to_solar(2025, 6, 1, 1, LUNAR_TZ_VIETNAM), D(2025, 7, 25));
	assert_int_equal(to_solar(2025, 7, 1, 0, LUNAR_TZ_VIETNAM), D(2025, 8, 23));
	assert_int_equal(to_solar(2025, 8, 15, 0, LUNAR_TZ_VIETNAM), D(2025, 10, 6));
	ld = from_solar(D(2025, 8, 22), LUNAR_TZ_VIETNAM);
	assert_true(ld.month == 6 && ld.leap);
	/* years without a leap month */
	assert_int_equal(lunar_leap_month(2024, LUNAR_TZ_VIETNAM), 0);
	assert_int_equal(lunar_leap_month(2026, LUNAR_TZ_VIETNAM), 0);
	/* others checked against published calendars */
	assert_int_equal(lunar_leap_month(2014, LUNAR_TZ_VIETNAM), 9);
	assert_int_equal(lunar_leap_month(2017, LUNAR_TZ_VIETNAM), 6);
	assert_int_equal(lunar_leap_month(2028, LUNAR_TZ_VIETNAM), 5);
}

/* Giỗ Tổ Hùng Vương, 10/3 lunar. */
static void test_hung_kings_dates(void **state)
{
	static const int g[][3] = {{2020, 4, 2},  {2021, 4, 21}, {2022, 4, 10}, {2023, 4, 29},
				   {2024, 4, 18}, {2025, 4, 7},  {2026, 4, 26}};

	(void)state;
	for (size_t i = 0; i < sizeof g / sizeof g[0]; i++)
		assert_int_equal(to_solar(g[i][0], 3, 10, 0, LUNAR_TZ_VIETNAM), D(g[i][0], g[i][1], g[i][2]));
}

static void test_errors(void **state)
{
	struct lunar_date ld = {2024, 12, 30, 0}; /* month 12 of Giáp Thìn has 29 days */
	struct mc_error e;
	int32_t out;

	(void)state;
	assert_int_equal(lunar_to_solar(&ld, LUNAR_TZ_VIETNAM, &out, &e), MC_EINVAL);
	assert_non_null(strstr(e.msg_vi, "chỉ có 29 ngày"));
	assert_non_null(strstr(e.msg_en, "only 29 days"));
	ld.day = 29;
	assert_int_equal(lunar_to_solar(&ld, LUNAR_TZ_VIETNAM, &out, &e), MC_OK);
	assert_int_equal(out, D(2025, 1, 28));
	assert_int_equal(lunar_month_length(D(2025, 1, 28), LUNAR_TZ_VIETNAM), 29);
	ld = (struct lunar_date){2024, 4, 1, 1};
	assert_int_equal(lunar_to_solar(&ld, LUNAR_TZ_VIETNAM, &out, &e), MC_EINVAL);
	assert_non_null(strstr(e.msg_en, "no leap month 4"));
	ld = (struct lunar_date){2024, 13, 1, 0};
	assert_int_equal(lunar_to_solar(&ld, LUNAR_TZ_VIETNAM, &out, &e), MC_EINVAL);
	ld = (struct lunar_date){2500, 1, 1, 0};
	assert_int_equal(lunar_to_solar(&ld, LUNAR_TZ_VIETNAM, &out, &e), MC_EINVAL);
	assert_int_equal(lunar_from_solar(D(2300, 1, 1), LUNAR_TZ_VIETNAM, &ld, &e), MC_EINVAL);
}

static void test_year_names(void **state)
{
	char b[32];

	(void)state;
	assert_string_equal(lunar_year_name(2024, b, sizeof b), "Giáp Thìn");
	assert_string_equal(lunar_year_name(2025, b, sizeof b), "Ất Tỵ");
	assert_string_equal(lunar_year_name(2026, b, sizeof b), "Bính Ngọ");
	assert_string_equal(lunar_year_name(1968, b, sizeof b), "Mậu Thân");
	assert_string_equal(lunar_year_name(1985, b, sizeof b), "Ất Sửu");
}

/* Every day of 1900-2100 converts to a lunar date and back to itself, lunar
 * days run 1, 2, 3... without gaps and months have 29 or 30 days. */
static void test_round_trip(void **state)
{
	struct lunar_date prev = {0, 0, 0, 0};

	(void)state;
	for (int32_t day = D(1900, 1, 31); day <= D(2100, 12, 31); day++) {
		struct lunar_date ld = from_solar(day, LUNAR_TZ_VIETNAM);

		if (prev.year) {
			if (ld.day == 1)
				assert_true(prev.day == 29 || prev.day == 30);
			else
				assert_int_equal(ld.day, prev.day + 1);
		}
		/* converting back is slower: check one day in five, and all firsts */
		if (ld.day == 1 || day % 5 == 0)
			assert_int_equal(to_solar(ld.year, ld.month, ld.day, ld.leap, LUNAR_TZ_VIETNAM), day);
		prev = ld;
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_caldate),
		cmocka_unit_test(test_new_moon_meeus),
		cmocka_unit_test(test_tet_table),
		cmocka_unit_test(test_vietnam_vs_china),
		cmocka_unit_test(test_leap_months),
		cmocka_unit_test(test_hung_kings_dates),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_year_names),
		cmocka_unit_test(test_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
