/*
 * test_account.c - account field rules: phones, e-mails, CCCD, usernames,
 * names, passwords, and the whole-account validation.
 */
#include "testutil.h"

#include <stdio.h>

#include "domain/account.h"

static void phones(void **state)
{
	char out[24];
	struct mc_error e;

	(void)state;
	assert_int_equal(account_normalize_phone("0912 345 678", out, sizeof out, &e), MC_OK);
	assert_string_equal(out, "0912345678");
	assert_int_equal(account_normalize_phone("+84912345678", out, sizeof out, &e), MC_OK);
	assert_string_equal(out, "0912345678");
	assert_int_equal(account_normalize_phone("84-912-345-678", out, sizeof out, &e), MC_OK);
	assert_string_equal(out, "0912345678");
	assert_int_equal(account_normalize_phone("(0269) 3838.111", out, sizeof out, &e), MC_OK);
	assert_string_equal(out, "02693838111");
	assert_int_equal(account_normalize_phone("912345678", out, sizeof out, &e), MC_EINVAL);
	assert_string_equal(e.field, "phone");
	assert_int_equal(account_normalize_phone("0012345678", out, sizeof out, &e), MC_EINVAL);
	assert_int_equal(account_normalize_phone("09123456789012", out, sizeof out, &e), MC_EINVAL);
	assert_int_equal(account_normalize_phone("0912abc678", out, sizeof out, &e), MC_EINVAL);
	assert_int_equal(account_normalize_phone("", out, sizeof out, &e), MC_EINVAL);
}

static void emails(void **state)
{
	struct mc_error e;

	(void)state;
	assert_int_equal(account_check_email("an@dakpo.gialai.gov.vn", &e), MC_OK);
	assert_int_equal(account_check_email("an@localhost", &e), MC_EINVAL);
	assert_int_equal(account_check_email("@x.vn", &e), MC_EINVAL);
	assert_int_equal(account_check_email("a@b@c.vn", &e), MC_EINVAL);
	assert_int_equal(account_check_email("a b@c.vn", &e), MC_EINVAL);
	assert_int_equal(account_check_email("an@x.vn.", &e), MC_EINVAL);
	assert_int_equal(account_check_email("ấn@x.vn", &e), MC_EINVAL);
}

static void cccd(void **state)
{
	struct mc_error e;

	(void)state;
	assert_int_equal(account_check_cccd("064090001234", &e), MC_OK);
	assert_int_equal(account_check_cccd("000090001234", &e), MC_EINVAL);
	assert_int_equal(account_check_cccd("097090001234", &e), MC_EINVAL);
	assert_int_equal(account_check_cccd("06409000123", &e), MC_EINVAL);
	assert_int_equal(account_check_cccd("06409000123X", &e), MC_EINVAL);
	assert_string_equal(e.field, "cccd");
}

static void usernames(void **state)
{
	struct mc_error e;
	char u1[] = "MotCua.Mai", u2[] = "ab", u3[] = "1abc", u4[] = "mai hoa", u5[] = "tuphap_lan-2";

	(void)state;
	assert_int_equal(account_check_username(u1, &e), MC_OK);
	assert_string_equal(u1, "motcua.mai");
	assert_int_equal(account_check_username(u2, &e), MC_EINVAL);
	assert_int_equal(account_check_username(u3, &e), MC_EINVAL);
	assert_int_equal(account_check_username(u4, &e), MC_EINVAL);
	assert_int_equal(account_check_username(u5, &e), MC_OK);
}

static void names_and_passwords(void **state)
{
	struct mc_error e;

	(void)state;
	assert_int_equal(account_check_full_name("Ksor H'Hen", &e), MC_OK);
	assert_int_equal(account_check_full_name("Nguyễn Thị Ánh Tuyết", &e), MC_OK);
	assert_int_equal(account_check_full_name("", &e), MC_EINVAL);
	assert_int_equal(account_check_full_name(" Lan", &e), MC_EINVAL);
	assert_int_equal(account_check_full_name("Lan\nAnh", &e), MC_EINVAL);
	assert_int_equal(account_check_full_name("\xC3\x28", &e), MC_EINVAL);
	assert_int_equal(account_check_password("motcua2026", &e), MC_OK);
	assert_int_equal(account_check_password("short1", &e), MC_EINVAL);
	assert_int_equal(account_check_password("12345678", &e), MC_EINVAL);
	assert_string_equal(e.field, "password");
}

static void whole_account(void **state)
{
	struct mc_error e;
	struct user_rec staff = {0}, citizen = {0};

	(void)state;
	snprintf(staff.full_name, sizeof staff.full_name, "Nguyễn Thị Mai");
	assert_int_equal(account_validate(&staff, &e), MC_EINVAL); /* staff need a username */
	assert_string_equal(e.field, "username");
	snprintf(staff.username, sizeof staff.username, "Mai.NT");
	snprintf(staff.email, sizeof staff.email, "Mai@DakPo.gov.vn");
	snprintf(staff.phone, sizeof staff.phone, "+84 905 111 201");
	assert_int_equal(account_validate(&staff, &e), MC_OK);
	assert_string_equal(staff.username, "mai.nt");
	assert_string_equal(staff.email, "mai@dakpo.gov.vn");
	assert_string_equal(staff.phone, "0905111201");

	citizen.is_citizen = true;
	snprintf(citizen.full_name, sizeof citizen.full_name, "Nguyễn Văn An");
	assert_int_equal(account_validate(&citizen, &e), MC_EINVAL);
	assert_string_equal(e.field, "phone");
	snprintf(citizen.phone, sizeof citizen.phone, "0912345678");
	assert_int_equal(account_validate(&citizen, &e), MC_EINVAL);
	assert_string_equal(e.field, "cccd");
	snprintf(citizen.cccd, sizeof citizen.cccd, "064090001234");
	assert_int_equal(account_validate(&citizen, &e), MC_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(phones),
		cmocka_unit_test(emails),
		cmocka_unit_test(cccd),
		cmocka_unit_test(usernames),
		cmocka_unit_test(names_and_passwords),
		cmocka_unit_test(whole_account),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
