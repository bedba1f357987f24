/*
 * test_timefmt.c - reading and writing instants in local time.
 */
#include "testutil.h"

#include "domain/timefmt.h"

static void parse_local_and_explicit(void **state)
{
	int64_t t, u;
	struct mc_error e;

	(void)state;
	/* 2026-02-13 16:59 in Vietnam is 09:59 UTC */
	assert_int_equal(timefmt_parse("2026-02-13 16:59", 420, &t, "from", &e), MC_OK);
	assert_int_equal(t, 1770976740);
	assert_int_equal(timefmt_parse("2026-02-13T09:59:00Z", 420, &u, "from", &e), MC_OK);
	assert_int_equal(t, u);
	assert_int_equal(timefmt_parse("2026-02-13T16:59+07:00", 0, &u, "from", &e), MC_OK);
	assert_int_equal(t, u);
	assert_int_equal(timefmt_parse("2026-02-13T16:59:00+0700", 0, &u, "from", &e), MC_OK);
	assert_int_equal(t, u);
}

static void rejects(void **state)
{
	int64_t t;
	struct mc_error e;
	const char *bad[] = {"2026-02-30 10:00", "2026-02-13", "2026-02-13 24:00", "2026-02-13 10:60",
			     "13/02/2026 10:00", "2026-02-13 10:00 x", "2026-02-13 10:00+25:00", "", "2026-2-13 10:00"};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(timefmt_parse(bad[i], 420, &t, "from", &e), MC_EINVAL);
		assert_string_equal(e.field, "from");
	}
	assert_int_equal(timefmt_parse(NULL, 420, &t, "at", &e), MC_EINVAL);
}

static void format(void **state)
{
	char buf[32];

	(void)state;
	assert_string_equal(timefmt_local(1770976740, 420, buf), "2026-02-13T16:59:00+07:00");
	assert_string_equal(timefmt_local_short(1770976740, 420, buf), "2026-02-13 16:59");
	assert_string_equal(timefmt_utc(1770976740, buf), "2026-02-13T09:59:00Z");
	/* crossing midnight locally */
	assert_string_equal(timefmt_local_short(1770999000, 420, buf), "2026-02-13 23:10");
	assert_string_equal(timefmt_local_short(1771002600, 420, buf), "2026-02-14 00:10");
	assert_string_equal(timefmt_local(-1, 0, buf), "1969-12-31T23:59:59+00:00");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_local_and_explicit),
		cmocka_unit_test(rejects),
		cmocka_unit_test(format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
