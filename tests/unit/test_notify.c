/*
 * test_notify.c - the quiet hours of notifications (service/notify.c):
 * when a message queued at a given instant may be sent, in local time
 * (UTC+7).
 */
#include "testutil.h"

#include "core/config.h"
#include "service/notify.h"

/* 2026-03-02 hh:mm local (UTC+7) as Unix seconds */
static int64_t L(int day, int hh, int mm)
{
	int64_t midnight_utc = 1772409600; /* 2026-03-02T00:00:00Z */

	return midnight_utc + (int64_t)(day - 2) * 86400 + hh * 3600 + mm * 60 - 7 * 3600;
}

static void test_quiet_hours(void **state)
{
	struct config cfg;

	(void)state;
	config_defaults(&cfg); /* 21:00 - 07:00 */
	assert_int_equal(notify_release_time(&cfg, L(2, 10, 0)), L(2, 10, 0));
	assert_int_equal(notify_release_time(&cfg, L(2, 20, 59)), L(2, 20, 59));
	assert_int_equal(notify_release_time(&cfg, L(2, 21, 0)), L(3, 7, 0));
	assert_int_equal(notify_release_time(&cfg, L(2, 23, 30)), L(3, 7, 0));
	assert_int_equal(notify_release_time(&cfg, L(3, 0, 10)), L(3, 7, 0));
	assert_int_equal(notify_release_time(&cfg, L(3, 6, 59)), L(3, 7, 0));
	assert_int_equal(notify_release_time(&cfg, L(3, 7, 0)), L(3, 7, 0));
	/* a daytime window (12-13) */
	cfg.notify_quiet_start = 12;
	cfg.notify_quiet_end = 13;
	assert_int_equal(notify_release_time(&cfg, L(2, 12, 30)), L(2, 13, 0));
	assert_int_equal(notify_release_time(&cfg, L(2, 13, 30)), L(2, 13, 30));
	/* equal hours: no quiet time */
	cfg.notify_quiet_start = cfg.notify_quiet_end = 0;
	assert_int_equal(notify_release_time(&cfg, L(2, 23, 30)), L(2, 23, 30));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quiet_hours),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
