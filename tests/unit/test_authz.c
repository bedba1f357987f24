/*
 * test_authz.c - the authorization policy: roles, unit scoping, default deny.
 */
#include "testutil.h"

#include "domain/authz.h"

/* The demo tree: /1/ province, /1/2/ district, /1/2/4/ district desk,
 * /1/2/6/ Tư pháp, /1/2/7/ Tài chính, /1/2/20/ commune, /1/2/20/21/ its desk,
 * and unit 12 elsewhere to prove that /1/2/ does not cover /1/21/. */
#define PROVINCE "/1/"
#define DISTRICT "/1/2/"
#define DESK "/1/2/4/"
#define TUPHAP "/1/2/6/"
#define TCKH "/1/2/7/"
#define COMMUNE "/1/2/20/"
#define COMMUNE_DESK "/1/2/20/21/"

static struct principal one(enum role r, int64_t unit, const char *path)
{
	struct principal p = {0};

	p.user_id = 7;
	principal_add_grant(&p, r, unit, path);
	return p;
}

static void anonymous_may_nothing(void **state)
{
	struct principal p = {0};

	(void)state;
	for (int a = 0; a < ACT__COUNT; a++) {
		assert_false(authz_may(&p, a));
		assert_false(authz_allows(&p, a, DISTRICT));
		assert_false(authz_allows(&p, a, NULL));
	}
	assert_false(authz_allows(NULL, ACT_SELF, NULL));
}

static void role_scope_covers_subtree_only(void **state)
{
	struct principal head = one(ROLE_HEAD, 6, TUPHAP);

	(void)state;
	assert_true(authz_allows(&head, ACT_DOSSIER_APPROVE, TUPHAP));
	assert_false(authz_allows(&head, ACT_DOSSIER_APPROVE, TCKH));
	assert_false(authz_allows(&head, ACT_DOSSIER_APPROVE, DISTRICT));
	assert_true(authz_allows(&head, ACT_USER_READ, TUPHAP));
	assert_false(authz_allows(&head, ACT_USER_WRITE, TUPHAP));
}

static void prefix_is_by_whole_segments(void **state)
{
	struct principal p = one(ROLE_ADMIN, 2, "/1/2/");

	(void)state;
	assert_true(authz_allows(&p, ACT_UNIT_WRITE, "/1/2/"));
	assert_true(authz_allows(&p, ACT_UNIT_WRITE, "/1/2/20/"));
	assert_false(authz_allows(&p, ACT_UNIT_WRITE, "/1/21/"));
	assert_false(authz_allows(&p, ACT_UNIT_WRITE, "/1/"));
}

static void matrix(void **state)
{
	(void)state;
	/* desk officers receive and return; they do not approve or sign */
	assert_true(authz_role_permits(ROLE_DESK, ACT_DOSSIER_INTAKE));
	assert_true(authz_role_permits(ROLE_DESK, ACT_DOSSIER_RETURN));
	assert_false(authz_role_permits(ROLE_DESK, ACT_DOSSIER_APPROVE));
	assert_false(authz_role_permits(ROLE_DESK, ACT_DOSSIER_SIGN));
	/* only leaders sign */
	assert_true(authz_role_permits(ROLE_LEADER, ACT_DOSSIER_SIGN));
	assert_false(authz_role_permits(ROLE_HEAD, ACT_DOSSIER_SIGN));
	/* admins run the system but do not read citizens' dossiers */
	assert_true(authz_role_permits(ROLE_ADMIN, ACT_USER_WRITE));
	assert_false(authz_role_permits(ROLE_ADMIN, ACT_DOSSIER_READ));
	/* citizens: their own things only */
	for (int a = 0; a < ACT__COUNT; a++)
		assert_int_equal(authz_role_permits(ROLE_CITIZEN, a), a == ACT_SELF || a == ACT_OWN_DOSSIER);
	/* reporters read, never write */
	assert_true(authz_role_permits(ROLE_REPORTER, ACT_REPORT_READ));
	assert_false(authz_role_permits(ROLE_REPORTER, ACT_DOSSIER_PROCESS));
	assert_false(authz_role_permits(ROLE_REPORTER, ACT_USER_WRITE));
}

static void citizen_has_no_unit_rights(void **state)
{
	struct principal c = one(ROLE_CITIZEN, 0, "");

	(void)state;
	assert_true(authz_allows(&c, ACT_SELF, NULL));
	assert_true(authz_allows(&c, ACT_OWN_DOSSIER, NULL));
	assert_false(authz_allows(&c, ACT_DOSSIER_READ, COMMUNE));
	assert_false(authz_may(&c, ACT_UNIT_READ));
	assert_true(authz_may(&c, ACT_OWN_DOSSIER));
}

static void unit_action_needs_a_unit(void **state)
{
	struct principal admin = one(ROLE_ADMIN, 1, PROVINCE);

	(void)state;
	/* a unit-scoped action asked without a unit is refused: default deny */
	assert_false(authz_allows(&admin, ACT_UNIT_WRITE, NULL));
	assert_true(authz_allows(&admin, ACT_UNIT_WRITE, COMMUNE_DESK));
}

static void several_grants(void **state)
{
	struct principal p = one(ROLE_SPECIALIST, 6, TUPHAP);

	(void)state;
	principal_add_grant(&p, ROLE_DESK, 21, COMMUNE_DESK);
	assert_true(authz_allows(&p, ACT_DOSSIER_PROCESS, TUPHAP));
	assert_false(authz_allows(&p, ACT_DOSSIER_PROCESS, COMMUNE_DESK));
	assert_true(authz_allows(&p, ACT_DOSSIER_INTAKE, COMMUNE_DESK));
	assert_false(authz_allows(&p, ACT_DOSSIER_INTAKE, DESK));
	assert_true(principal_has_role(&p, ROLE_DESK));
	assert_false(principal_has_role(&p, ROLE_LEADER));
}

static void grant_capacity(void **state)
{
	struct principal p = {0};

	(void)state;
	for (int i = 0; i < AUTHZ_MAX_GRANTS; i++)
		assert_true(principal_add_grant(&p, ROLE_SPECIALIST, i + 1, TUPHAP));
	assert_false(principal_add_grant(&p, ROLE_HEAD, 99, TUPHAP));
	assert_int_equal(p.ngrants, AUTHZ_MAX_GRANTS);
}

static void names(void **state)
{
	(void)state;
	assert_string_equal(role_name(ROLE_DESK), "desk_officer");
	assert_int_equal(role_parse("leader"), ROLE_LEADER);
	assert_int_equal(role_parse("king"), -1);
	assert_int_equal(role_parse(NULL), -1);
	assert_string_equal(action_name(ACT_DOSSIER_SIGN), "dossier.sign");
	assert_string_equal(role_label_vi(ROLE_DESK), "Cán bộ Bộ phận Một cửa");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(anonymous_may_nothing),
		cmocka_unit_test(role_scope_covers_subtree_only),
		cmocka_unit_test(prefix_is_by_whole_segments),
		cmocka_unit_test(matrix),
		cmocka_unit_test(citizen_has_no_unit_rights),
		cmocka_unit_test(unit_action_needs_a_unit),
		cmocka_unit_test(several_grants),
		cmocka_unit_test(grant_capacity),
		cmocka_unit_test(names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
