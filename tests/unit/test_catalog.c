/*
 * test_catalog.c - procedure validation (the process must add up to the
 * time limit), the search query builder and the ranking rule.
 */
#include "testutil.h"

#include <stdio.h>

#include "domain/catalog.h"

static const char *base_doc =
	"{\"code\":\"1.001612\",\"name\":\"Đăng ký thành lập hộ kinh doanh\",\"field\":\"ho-kinh-doanh\","
	"\"level\":\"district\",\"agency\":\"dakpo.tckh\",\"applicants\":[\"individual\"],"
	"\"time_limit\":{\"days\":3},\"fees\":[{\"kind\":\"le_phi\",\"name\":\"Lệ phí\",\"amount\":100000}],"
	"\"documents\":[{\"name\":\"Giấy đề nghị\",\"originals\":1,\"copies\":0,\"certified_copy\":false,\"required\":true}],"
	"\"channels\":[\"direct\",\"online\"],\"result\":\"Giấy chứng nhận\",\"online\":\"full\","
	"\"status\":\"in_force\",\"decision\":{\"number\":\"1/QĐ-UBND\",\"date\":\"2020-06-15\",\"issuer\":\"UBND tỉnh\"},"
	"\"process\":[{\"name\":\"Tiếp nhận\",\"unit\":\"$desk\",\"role\":\"desk_officer\",\"hours\":4},"
	"{\"name\":\"Thẩm định\",\"unit\":\"dakpo.tckh\",\"role\":\"specialist\",\"hours\":14},"
	"{\"name\":\"Ký\",\"unit\":\"dakpo\",\"role\":\"leader\",\"hours\":2},"
	"{\"name\":\"Trả\",\"unit\":\"$desk\",\"role\":\"desk_officer\",\"hours\":4}]}";

static json_t *doc(void)
{
	json_t *d = json_loads(base_doc, 0, NULL);

	assert_non_null(d);
	return d;
}

static bool no_unit_x(void *ctx, const char *code)
{
	(void)ctx;
	return strcmp(code, "dakpo.x") != 0;
}

static void valid_document(void **state)
{
	struct proc_summary s;
	struct mc_error e;
	json_t *d = doc();

	(void)state;
	assert_int_equal(catalog_validate(d, NULL, &s, &e), MC_OK);
	assert_string_equal(s.code, "1.001612");
	assert_int_equal(s.tl_kind, TL_DAYS);
	assert_int_equal(s.tl_value, 3);
	assert_int_equal(s.nsteps, 4);
	assert_int_equal(s.steps[1].minutes, 14 * 60);
	assert_string_equal(s.supplement_policy, "restart");
	json_decref(d);
}

static void steps_must_add_up(void **state)
{
	struct proc_summary s;
	struct mc_error e;
	json_t *d = doc();

	(void)state;
	json_object_set_new(json_array_get(json_object_get(d, "process"), 1), "hours", json_real(20));
	assert_int_equal(catalog_validate(d, NULL, &s, &e), MC_EINVAL);
	assert_string_equal(e.field, "process");
	assert_non_null(strstr(e.msg_vi, "cộng lại 30 giờ"));
	assert_non_null(strstr(e.msg_vi, "3 ngày làm việc (24 giờ)"));
	assert_non_null(strstr(e.msg_en, "1.001612"));
	/* half hours are fine, other fractions are not */
	json_object_set_new(json_array_get(json_object_get(d, "process"), 1), "hours", json_real(13.5));
	json_object_set_new(json_array_get(json_object_get(d, "process"), 2), "hours", json_real(2.5));
	assert_int_equal(catalog_validate(d, NULL, &s, &e), MC_OK);
	json_object_set_new(json_array_get(json_object_get(d, "process"), 2), "hours", json_real(2.25));
	assert_int_equal(catalog_validate(d, NULL, &s, &e), MC_EINVAL);
	json_decref(d);
}

static void same_day_and_hours(void **state)
{
	struct proc_summary s;
	struct mc_error e;
	json_t *d = doc();

	(void)state;
	json_object_set_new(d, "time_limit", json_pack("{s:b}", "same_day", 1));
	assert_int_equal(catalog_validate(d, NULL, &s, &e), MC_EINVAL); /* 24 h > one day */
	json_object_set_new(d, "time_limit", json_pack("{s:i}", "hours", 24));
	assert_int_equal(catalog_validate(d, NULL, &s, &e), MC_OK);
	assert_int_equal(s.tl_kind, TL_HOURS);
	json_object_set_new(d, "time_limit", json_pack("{s:i, s:i}", "hours", 24, "days", 3));
	assert_int_equal(catalog_validate(d, NULL, &s, &e), MC_EINVAL);
	assert_string_equal(e.field, "time_limit");
	json_decref(d);
}

static void references_and_enums(void **state)
{
	struct proc_summary s;
	struct mc_error e;
	struct catalog_refs refs = {NULL, no_unit_x, NULL};
	json_t *d = doc();

	(void)state;
	json_object_set_new(d, "agency", json_string("dakpo.x"));
	assert_int_equal(catalog_validate(d, &refs, &s, &e), MC_EINVAL);
	assert_string_equal(e.field, "agency");
	json_object_set_new(d, "agency", json_string("$commune"));
	assert_int_equal(catalog_validate(d, &refs, &s, &e), MC_EINVAL); /* district-level */
	json_object_set_new(d, "agency", json_string("dakpo.tckh"));
	json_object_set_new(d, "online", json_string("level4"));
	assert_int_equal(catalog_validate(d, &refs, &s, &e), MC_EINVAL);
	assert_string_equal(e.field, "online");
	json_object_set_new(d, "online", json_string("full"));
	json_object_set_new(d, "channels", json_pack("[s]", "direct"));
	assert_int_equal(catalog_validate(d, &refs, &s, &e), MC_EINVAL); /* online without the channel */
	assert_string_equal(e.field, "channels");
	json_object_set_new(d, "channels", json_pack("[s,s]", "direct", "online"));
	json_object_del(d, "decision");
	assert_int_equal(catalog_validate(d, &refs, &s, &e), MC_EINVAL);
	assert_string_equal(e.field, "decision");
	json_object_set_new(d, "status", json_string("draft"));
	assert_int_equal(catalog_validate(d, &refs, &s, &e), MC_OK); /* drafts need no decision yet */
	json_object_set_new(d, "code", json_string("x"));
	assert_int_equal(catalog_validate(d, &refs, &s, &e), MC_EINVAL);
	assert_string_equal(e.field, "code");
	json_decref(d);
}

static void fees_and_documents(void **state)
{
	struct proc_summary s;
	struct mc_error e;
	json_t *d = doc();

	(void)state;
	json_object_set_new(d, "fees", json_pack("[{s:s, s:s, s:i}]", "kind", "le_phi", "name", "X", "amount", -5));
	assert_int_equal(catalog_validate(d, NULL, &s, &e), MC_EINVAL);
	assert_string_equal(e.field, "fees");
	json_object_set_new(d, "fees", json_array());
	json_object_set_new(d, "documents", json_pack("[{s:i}]", "originals", 1));
	assert_int_equal(catalog_validate(d, NULL, &s, &e), MC_EINVAL);
	assert_string_equal(e.field, "documents");
	json_decref(d);
}

static void fts_query(void **state)
{
	char q[256];

	(void)state;
	catalog_fts_query("Đăng ký  hộ kinh doanh", q, sizeof q);
	assert_string_equal(q, "\"dang\" \"ky\" \"ho\" \"kinh\" \"doanh\"*");
	catalog_fts_query("chung\"thuc OR *", q, sizeof q); /* no query syntax gets through */
	assert_string_equal(q, "\"chung\" \"thuc\" \"or\"*");
	assert_int_equal(catalog_fts_query("  ,,, ", q, sizeof q), 0);
	assert_string_equal(q, "");
}

static void ranking(void **state)
{
	const char *q = "dang ky ho kinh doanh";
	double founding = catalog_rank(q, "Đăng ký thành lập hộ kinh doanh", -5);
	double change = catalog_rank(q, "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", -9);
	double coop = catalog_rank(q, "Đăng ký thành lập hợp tác xã", -8);

	(void)state;
	assert_true(founding > change);
	assert_true(change > coop); /* missing words weigh more than length */
	/* equal names: the engine's rank decides */
	assert_true(catalog_rank("ho tich", "Hộ tịch", -2) > catalog_rank("ho tich", "Hộ tịch", -1));
	/* a word is matched whole or as a prefix, not in the middle of another */
	assert_true(catalog_rank("an", "Tân An", 0) > catalog_rank("an", "Tân Hòa", 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_document),
		cmocka_unit_test(steps_must_add_up),
		cmocka_unit_test(same_day_and_hours),
		cmocka_unit_test(references_and_enums),
		cmocka_unit_test(fees_and_documents),
		cmocka_unit_test(fts_query),
		cmocka_unit_test(ranking),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
