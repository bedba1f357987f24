/*
 * test_quality.c - the quality evaluation (domain/quality.c): each of the
 * nine indicators by hand, the 18-point scaling when indicators are not
 * scored, the averages and their rounding, the bands, and the settings
 * document (applied, refused, echoed).
 */
#include "testutil.h"

#include <jansson.h>
#include <math.h>

#include "domain/quality.h"

static struct quality_settings S;

static int setup(void **state)
{
	(void)state;
	quality_settings_default(&S);
	return 0;
}

/* A dossier that scores 2 everywhere it can be scored. */
static struct quality_facts best(void)
{
	struct quality_facts f = {0};

	f.outcome = WORKCAL_EARLY;
	f.step_visits_done = 3;
	f.at_desk = true;
	f.published = true;
	f.has_decision = true;
	f.online_submitted = true;
	f.offer = QUALITY_OFFER_FULL;
	f.rating = -1;
	f.feedback_on_time_pct = -1;
	return f;
}

static void test_each_indicator(void **state)
{
	struct quality_facts f = best();
	int s[QUALITY__COUNT];

	(void)state;
	assert_true(quality_score(&S, &f, s));
	assert_int_equal(s[QUALITY_TOTAL_TIME], 2);
	assert_int_equal(s[QUALITY_STEP_TIME], 2);
	assert_int_equal(s[QUALITY_CONTACTS], 2);
	assert_int_equal(s[QUALITY_BODIES], 2);
	assert_int_equal(s[QUALITY_ONE_STOP], 2);
	assert_int_equal(s[QUALITY_PUBLICITY], 2);
	assert_int_equal(s[QUALITY_ATTITUDE], QUALITY_NOT_SCORED);
	assert_int_equal(s[QUALITY_FEEDBACK], QUALITY_NOT_SCORED);
	assert_int_equal(s[QUALITY_ONLINE], 2);
	assert_true(fabs(quality_total18(s) - 18.0) < 1e-9); /* 14 of 14, scaled */

	/* 1. total time: early 2, on time 1, late 0 */
	f.outcome = WORKCAL_ON_TIME;
	quality_score(&S, &f, s);
	assert_int_equal(s[QUALITY_TOTAL_TIME], 1);
	f.outcome = WORKCAL_LATE;
	quality_score(&S, &f, s);
	assert_int_equal(s[QUALITY_TOTAL_TIME], 0);
	/* not resolved (withdrawn, open): not evaluated at all */
	f.outcome = WORKCAL_WITHIN;
	assert_false(quality_score(&S, &f, s));
	f.outcome = 0;
	assert_false(quality_score(&S, &f, s));
	f = best();

	/* 2. late step visits 0 / 1 / 2+; no finished visit: not scored */
	f.step_visits_late = 1;
	quality_score(&S, &f, s);
	assert_int_equal(s[QUALITY_STEP_TIME], 1);
	f.step_visits_late = 3;
	quality_score(&S, &f, s);
	assert_int_equal(s[QUALITY_STEP_TIME], 0);
	f.step_visits_done = 0;
	quality_score(&S, &f, s);
	assert_int_equal(s[QUALITY_STEP_TIME], QUALITY_NOT_SCORED);
	f = best();

	/* 3. supplement requests 0 -> 2, 1 -> 1, 2+ -> 0 */
	f.supplements = 1;
	quality_score(&S, &f, s);
	assert_int_equal(s[QUALITY_CONTACTS], 1);
	f.supplements = 2;
	quality_score(&S, &f, s);
	assert_int_equal(s[QUALITY_CONTACTS], 0);
	f.supplements = 7;
	quality_score(&S, &f, s);
	assert_int_equal(s[QUALITY_CONTACTS], 0);
	f = best();

	/* 4. bodies: a transfer counts; opinions and inter-level only when the
	 * settings say so */
	f.transfers = 1;
	quality_score(&S, &f, s);
	assert_int_equal(s[QUALITY_BODIES], 1);
	f.opinion_bodies = 2;
	f.inter_level = true;
	quality_score(&S, &f, s);
	assert_int_equal(s[QUALITY_BODIES], 1);
	S.bodies_count_opinions = true;
	quality_score(&S, &f, s);
	assert_int_equal(s[QUALITY_BODIES], 0);
	S.bodies_count_opinions = false;
	f.transfers = 0;
	S.bodies_count_inter_level = true;
	quality_score(&S, &f, s);
	assert_int_equal(s[QUALITY_BODIES], 1);
	quality_settings_default(&S);
	f = best();

	/* 5. one-stop; 6. publicity */
	f.at_desk = false;
	f.has_decision = false;
	quality_score(&S, &f, s);
	assert_int_equal(s[QUALITY_ONE_STOP], 0);
	assert_int_equal(s[QUALITY_PUBLICITY], 1);
	f.published = false;
	quality_score(&S, &f, s);
	assert_int_equal(s[QUALITY_PUBLICITY], 0);
	f = best();

	/* 7. the citizen's rating when there is one */
	f.rating = 1;
	quality_score(&S, &f, s);
	assert_int_equal(s[QUALITY_ATTITUDE], 1);
	f.rating = 0;
	quality_score(&S, &f, s);
	assert_int_equal(s[QUALITY_ATTITUDE], 0);
	f = best();

	/* 8. feedback (hook): 100% -> 2, >= 90% -> 1, else 0 */
	f.feedback_on_time_pct = 100;
	quality_score(&S, &f, s);
	assert_int_equal(s[QUALITY_FEEDBACK], 2);
	f.feedback_on_time_pct = 90;
	quality_score(&S, &f, s);
	assert_int_equal(s[QUALITY_FEEDBACK], 1);
	f.feedback_on_time_pct = 89;
	quality_score(&S, &f, s);
	assert_int_equal(s[QUALITY_FEEDBACK], 0);
	f = best();

	/* 9. online: submitted 2, offered but paper 1, not offered 0 */
	f.online_submitted = false;
	quality_score(&S, &f, s);
	assert_int_equal(s[QUALITY_ONLINE], 1);
	f.offer = QUALITY_OFFER_PARTIAL;
	quality_score(&S, &f, s);
	assert_int_equal(s[QUALITY_ONLINE], 1);
	f.offer = QUALITY_OFFER_NONE;
	quality_score(&S, &f, s);
	assert_int_equal(s[QUALITY_ONLINE], 0);
}

static void test_scaling_and_averages(void **state)
{
	struct quality_facts f = best();
	struct quality_acc a = {0};
	int s[QUALITY__COUNT];

	(void)state;
	/* on time, one supplement, paper while offered online: 1+2+1+2+2+2+1 = 11
	 * of 14 -> 11 * 18 / 14 = 14.142857 */
	f.outcome = WORKCAL_ON_TIME;
	f.supplements = 1;
	f.online_submitted = false;
	quality_score(&S, &f, s);
	assert_true(fabs(quality_total18(s) - 11.0 * 18 / 14) < 1e-9);
	quality_acc_add(&a, s);
	/* late, two late steps, 2 supplements, not offered online, rated 2:
	 * 0+0+0+2+2+2+2+0 = 8 of 16 -> 9.0 */
	f = best();
	f.outcome = WORKCAL_LATE;
	f.step_visits_late = 2;
	f.supplements = 2;
	f.online_submitted = false;
	f.offer = QUALITY_OFFER_NONE;
	f.rating = 2;
	quality_score(&S, &f, s);
	assert_true(fabs(quality_total18(s) - 9.0) < 1e-9);
	quality_acc_add(&a, s);
	/* mean (14.142857 + 9) / 2 = 11.571 -> 11.6: fair */
	assert_int_equal(a.dossiers, 2);
	assert_true(fabs(quality_round1(quality_acc_mean(&a)) - 11.6) < 1e-9);
	assert_string_equal(quality_band_of(&S, quality_round1(quality_acc_mean(&a)))->key, "fair");
	/* per indicator: total time (1 + 0) / 2 = 0.5; attitude only once: 2.0 */
	assert_true(fabs(quality_acc_ind_mean(&a, QUALITY_TOTAL_TIME) - 0.5) < 1e-9);
	assert_int_equal(a.ind_n[QUALITY_ATTITUDE], 1);
	assert_true(fabs(quality_acc_ind_mean(&a, QUALITY_ATTITUDE) - 2.0) < 1e-9);
	assert_true(quality_acc_ind_mean(&a, QUALITY_FEEDBACK) < 0);
	/* nothing scored at all */
	for (int i = 0; i < QUALITY__COUNT; i++)
		s[i] = QUALITY_NOT_SCORED;
	assert_true(quality_total18(s) == 0);
	/* rounding half up on exact tenths */
	assert_true(fabs(quality_round1(12.25) - 12.3) < 1e-9);
	assert_true(fabs(quality_round1(12.24999) - 12.2) < 1e-9);
	assert_true(fabs(quality_round1(0.05) - 0.1) < 1e-9);
	assert_true(fabs(quality_round1(18.0) - 18.0) < 1e-9);
	{
		struct quality_acc z = {0};

		assert_true(quality_acc_mean(&z) < 0);
	}
}

static void test_bands(void **state)
{
	(void)state;
	assert_string_equal(quality_band_of(&S, 18)->key, "excellent");
	assert_string_equal(quality_band_of(&S, 15)->key, "excellent");
	assert_string_equal(quality_band_of(&S, 14.9)->key, "good");
	assert_string_equal(quality_band_of(&S, 12)->key, "good");
	assert_string_equal(quality_band_of(&S, 11.9)->key, "fair");
	assert_string_equal(quality_band_of(&S, 9)->key, "fair");
	assert_string_equal(quality_band_of(&S, 8.9)->vi, "Trung bình");
	assert_string_equal(quality_band_of(&S, 6)->key, "average");
	assert_string_equal(quality_band_of(&S, 5.9)->key, "weak");
	assert_string_equal(quality_band_of(&S, 0)->en, "Weak");
}

static void test_settings(void **state)
{
	struct quality_settings s;
	struct quality_facts f = best();
	struct mc_error err = {0};
	int sc[QUALITY__COUNT];
	json_t *doc, *back;

	(void)state;
	quality_settings_default(&s);
	doc = json_loads("{\"contacts\": [2, 0, 0], \"online\": [0, 0, 2], \"disabled\": [\"one_stop\"],"
			 " \"bodies_count_opinions\": true, \"feedback\": {\"partial_pct\": 80},"
			 " \"bands\": [{\"min\": 16, \"key\": \"a\", \"vi\": \"A\", \"en\": \"A\"}, {\"min\": 0, \"key\": \"b\"}]}",
			 0, NULL);
	assert_non_null(doc);
	assert_int_equal(quality_settings_apply(&s, doc, &err), MC_OK);
	f.supplements = 1;
	f.online_submitted = false;
	f.feedback_on_time_pct = 85;
	quality_score(&s, &f, sc);
	assert_int_equal(sc[QUALITY_CONTACTS], 0);
	assert_int_equal(sc[QUALITY_ONLINE], 0);
	assert_int_equal(sc[QUALITY_ONE_STOP], QUALITY_NOT_SCORED);
	assert_int_equal(sc[QUALITY_FEEDBACK], 1);
	assert_int_equal(s.nbands, 2);
	assert_string_equal(quality_band_of(&s, 15.9)->key, "b");
	assert_string_equal(quality_band_of(&s, 15.9)->vi, "b"); /* vi defaults to the key */
	back = quality_settings_json(&s);
	assert_int_equal(json_integer_value(json_array_get(json_object_get(back, "contacts"), 1)), 0);
	assert_string_equal(json_string_value(json_array_get(json_object_get(back, "disabled"), 0)), "one_stop");
	assert_true(json_is_true(json_object_get(back, "bodies_count_opinions")));
	json_decref(back);
	json_decref(doc);

	/* refused, naming the member; nothing changed */
	quality_settings_default(&s);
	doc = json_loads("{\"contacts\": [2, 1, 3]}", 0, NULL);
	assert_int_equal(quality_settings_apply(&s, doc, &err), MC_EINVAL);
	assert_string_equal(err.field, "contacts");
	assert_int_equal(s.contacts.by_count[2], 0);
	json_decref(doc);
	doc = json_loads("{\"total_time\": [2, 1]}", 0, NULL);
	assert_int_equal(quality_settings_apply(&s, doc, &err), MC_EINVAL);
	json_decref(doc);
	doc = json_loads("{\"disabled\": [\"nope\"]}", 0, NULL);
	assert_int_equal(quality_settings_apply(&s, doc, &err), MC_EINVAL);
	assert_string_equal(err.field, "disabled");
	json_decref(doc);
	doc = json_loads("{\"bands\": [{\"min\": 5, \"key\": \"x\"}, {\"min\": 9, \"key\": \"y\"}]}", 0, NULL);
	assert_int_equal(quality_settings_apply(&s, doc, &err), MC_EINVAL);
	assert_string_equal(err.field, "bands");
	assert_int_equal(s.nbands, 5);
	json_decref(doc);
	doc = json_loads("[1]", 0, NULL);
	assert_int_equal(quality_settings_apply(&s, doc, &err), MC_EINVAL);
	json_decref(doc);
	assert_int_equal(quality_settings_apply(&s, NULL, &err), MC_OK);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(quality_ind_name(QUALITY_TOTAL_TIME), "total_time");
	assert_string_equal(quality_ind_name(QUALITY_ONLINE), "online");
	assert_string_equal(quality_ind_vi(QUALITY_CONTACTS), "Số lần liên hệ để hoàn thiện hồ sơ");
	assert_string_equal(quality_ind_en(QUALITY__COUNT), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_each_indicator, setup),
		cmocka_unit_test_setup(test_scaling_and_averages, setup),
		cmocka_unit_test_setup(test_bands, setup),
		cmocka_unit_test_setup(test_settings, setup),
		cmocka_unit_test_setup(test_names, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
