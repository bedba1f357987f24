/*
 * test_err.c - the error table: every code has a name, a status and both
 * messages; mc_fail/mc_failf fill the slot.
 */
#include "testutil.h"

#include "core/err.h"

static void every_code_is_mapped(void **state)
{
	(void)state;
	for (int c = 0; c < MC__COUNT; c++) {
		assert_non_null(mc_err_name(c));
		assert_true(strlen(mc_err_generic_vi(c)) > 0);
		assert_true(strlen(mc_err_generic_en(c)) > 0);
		assert_in_range(mc_err_http_status(c), 200, 599);
	}
}

static void statuses_are_stable(void **state)
{
	(void)state;
	/* API clients depend on these: changing one is a breaking change */
	assert_int_equal(mc_err_http_status(MC_EINVAL), 400);
	assert_int_equal(mc_err_http_status(MC_EBADJSON), 400);
	assert_int_equal(mc_err_http_status(MC_EUNAUTH), 401);
	assert_int_equal(mc_err_http_status(MC_EFORBIDDEN), 403);
	assert_int_equal(mc_err_http_status(MC_ECSRF), 403);
	assert_int_equal(mc_err_http_status(MC_ENOTFOUND), 404);
	assert_int_equal(mc_err_http_status(MC_EMETHOD), 405);
	assert_int_equal(mc_err_http_status(MC_ECONFLICT), 409);
	assert_int_equal(mc_err_http_status(MC_EGONE), 410);
	assert_int_equal(mc_err_http_status(MC_ETOOBIG), 413);
	assert_int_equal(mc_err_http_status(MC_ERATE), 429);
	assert_int_equal(mc_err_http_status(MC_ESTORE), 500);
	assert_int_equal(mc_err_http_status(MC_EUNAVAILABLE), 503);
	assert_string_equal(mc_err_name(MC_ENOTFOUND), "not_found");
	assert_string_equal(mc_err_name(MC_ECSRF), "csrf_failed");
	assert_string_equal(mc_err_name(MC_EBADJSON), "malformed_json");
}

static void names_are_unique(void **state)
{
	(void)state;
	for (int a = 0; a < MC__COUNT; a++)
		for (int b = a + 1; b < MC__COUNT; b++)
			assert_string_not_equal(mc_err_name(a), mc_err_name(b));
}

static void out_of_range_is_internal(void **state)
{
	(void)state;
	assert_string_equal(mc_err_name((enum mc_err)999), "internal_error");
	assert_int_equal(mc_err_http_status((enum mc_err)-1), 500);
}

static void fail_fills_the_slot(void **state)
{
	struct mc_error e;

	(void)state;
	assert_int_equal(mc_fail(&e, MC_EINVAL, "phone", "Số điện thoại sai", "Bad phone"), MC_EINVAL);
	assert_int_equal(e.code, MC_EINVAL);
	assert_string_equal(e.field, "phone");
	assert_string_equal(e.msg_vi, "Số điện thoại sai");
	assert_string_equal(e.msg_en, "Bad phone");
	mc_fail(&e, MC_ENOTFOUND, NULL, NULL, NULL);
	assert_string_equal(e.field, "");
	assert_string_equal(e.msg_vi, "Không tìm thấy");
	assert_int_equal(mc_fail(NULL, MC_ERATE, NULL, NULL, NULL), MC_ERATE);
}

static void failf_formats_both_languages(void **state)
{
	struct mc_error e;

	(void)state;
	mc_failf(&e, MC_EINVAL, "x", "Giá trị %d quá lớn (%s)", "Value %d too large (%s)", 42, "x");
	assert_string_equal(e.msg_vi, "Giá trị 42 quá lớn (x)");
	assert_string_equal(e.msg_en, "Value 42 too large (x)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_code_is_mapped),
		cmocka_unit_test(statuses_are_stable),
		cmocka_unit_test(names_are_unique),
		cmocka_unit_test(out_of_range_is_internal),
		cmocka_unit_test(fail_fills_the_slot),
		cmocka_unit_test(failf_formats_both_languages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
