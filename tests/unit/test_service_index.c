/*
 * test_service_index.c - the service index (domain/service_index.c): each
 * group's share from hand-made counts, groups without data left out with
 * their weight, the weighted total, and the weights document.
 */
#include "testutil.h"

#include <jansson.h>
#include <math.h>

#include "domain/service_index.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

static void test_shares_and_total(void **state)
{
	struct service_index_counts c = {0};
	struct service_index_weights w;
	struct service_index_result r;

	(void)state;
	service_index_weights_default(&w);
	NEAR(w.w[SINDEX_PUBLICITY] + w.w[SINDEX_PROGRESS] + w.w[SINDEX_ONLINE] + w.w[SINDEX_PAYMENT] +
		     w.w[SINDEX_SATISFACTION] + w.w[SINDEX_DIGITISATION],
	     100);
	c.procedures = 8, c.procedures_published = 6;   /* 75 % */
	c.classified = 10, c.on_time = 8;               /* 80 % */
	c.received = 20, c.received_online = 5;          /* 25 % */
	c.with_fee = 4, c.paid_online = 0;               /* 0 % */
	c.ratings = 0;                                   /* no data */
	c.digitised = 2;                                 /* 10 % */
	service_index_compute(&c, &w, &r);
	NEAR(r.share[SINDEX_PUBLICITY], 75);
	NEAR(r.share[SINDEX_PROGRESS], 80);
	NEAR(r.share[SINDEX_ONLINE], 25);
	assert_true(r.has[SINDEX_PAYMENT]);
	NEAR(r.share[SINDEX_PAYMENT], 0);
	assert_false(r.has[SINDEX_SATISFACTION]);
	NEAR(r.share[SINDEX_DIGITISATION], 10);
	assert_int_equal(r.num[SINDEX_PROGRESS], 8);
	assert_int_equal(r.den[SINDEX_DIGITISATION], 20);
	/* (18*75 + 20*80 + 12*25 + 10*0 + 22*10) / (18+20+12+10+22) = 3470 / 82 */
	assert_true(r.has_total);
	NEAR(r.total, 3470.0 / 82.0);

	/* nothing at all: no total */
	memset(&c, 0, sizeof c);
	service_index_compute(&c, &w, &r);
	assert_false(r.has_total);
	for (int g = 0; g < SINDEX__COUNT; g++)
		assert_false(r.has[g]);
}

static void test_weights(void **state)
{
	struct service_index_weights w;
	struct service_index_counts c = {0};
	struct service_index_result r;
	struct mc_error err = {0};
	json_t *doc;

	(void)state;
	service_index_weights_default(&w);
	doc = json_loads("{\"progress\": 50, \"online\": 50, \"publicity\": 0, \"payment\": 0, \"satisfaction\": 0,"
			 " \"digitisation\": 0}",
			 0, NULL);
	assert_int_equal(service_index_weights_apply(&w, doc, &err), MC_OK);
	json_decref(doc);
	c.classified = 4, c.on_time = 3; /* 75 */
	c.received = 4, c.received_online = 1; /* 25 */
	service_index_compute(&c, &w, &r);
	NEAR(r.total, 50);
	/* refused: negative, over 100, all zero, not a number; w unchanged */
	doc = json_loads("{\"progress\": -1}", 0, NULL);
	assert_int_equal(service_index_weights_apply(&w, doc, &err), MC_EINVAL);
	assert_string_equal(err.field, "weights");
	json_decref(doc);
	doc = json_loads("{\"progress\": \"x\"}", 0, NULL);
	assert_int_equal(service_index_weights_apply(&w, doc, &err), MC_EINVAL);
	json_decref(doc);
	doc = json_loads("{\"progress\": 0, \"online\": 0}", 0, NULL);
	assert_int_equal(service_index_weights_apply(&w, doc, &err), MC_EINVAL);
	json_decref(doc);
	NEAR(w.w[SINDEX_PROGRESS], 50);
	assert_int_equal(service_index_weights_apply(&w, NULL, &err), MC_OK);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(sindex_group_name(SINDEX_DIGITISATION), "digitisation");
	assert_string_equal(sindex_group_vi(SINDEX_PROGRESS), "Tiến độ giải quyết");
	assert_string_equal(sindex_group_en(SINDEX_PAYMENT), "Online payment");
	assert_string_equal(sindex_group_formula(SINDEX__COUNT), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shares_and_total),
		cmocka_unit_test(test_weights),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
