/*
 * contract.c - the store contract suite: one set of behaviour tests that
 * every backend behind store.h must pass, through the public store_*
 * wrappers only.  The backend comes from MOTCUA_TEST_BACKEND (fixture.h):
 *
 *   build/release/tests/store_contract                        (sqlite)
 *   MOTCUA_TEST_BACKEND=postgres MOTCUA_TEST_PG='host=...' build/release/tests/store_contract
 *
 * Every test starts on an empty database and asserts exact values: ids,
 * paths, counts, error codes and the messages shown to people.  A new store
 * op gets its tests here, and every backend must pass them.
 */
#include "testutil.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fixture.h"
#include "store/store.h"

/* ---- helpers ------------------------------------------------------------ */

static int setup_fresh(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct mc_error err = {0};

	if (!f)
		return -1;
	*state = f;
	if (fx_open(f, true, &err)) {
		fprintf(stderr, "store contract: open/migrate failed: %s\n", err.msg_en);
		return -1;
	}
	return 0;
}

static int setup_raw(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct mc_error err = {0};

	if (!f)
		return -1;
	*state = f;
	if (fx_open(f, false, &err)) {
		fprintf(stderr, "store contract: open failed: %s\n", err.msg_en);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	if (f) {
		fx_close(f);
		free(f);
	}
	return 0;
}

static void ms_sleep(int ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

#define OK(call) assert_int_equal((call), MC_OK)

static struct unit_rec mkunit(const char *code, int64_t parent, const char *kind)
{
	struct unit_rec u;

	memset(&u, 0, sizeof u);
	snprintf(u.code, sizeof u.code, "%s", code);
	snprintf(u.name, sizeof u.name, "Đơn vị %s", code);
	snprintf(u.kind, sizeof u.kind, "%s", kind);
	u.parent_id = parent;
	u.utc_offset_min = 420;
	u.active = true;
	return u;
}

static int64_t add_unit(struct store_conn *c, const char *code, int64_t parent, const char *kind)
{
	struct unit_rec u = mkunit(code, parent, kind);

	OK(store_unit_insert(c, &u, NULL));
	return u.id;
}

static struct user_rec mkuser(const char *username, const char *phone, const char *email, bool citizen)
{
	struct user_rec u;

	memset(&u, 0, sizeof u);
	snprintf(u.username, sizeof u.username, "%s", username);
	snprintf(u.full_name, sizeof u.full_name, "Nguyễn Văn %s", username[0] ? username : phone);
	snprintf(u.phone, sizeof u.phone, "%s", phone);
	snprintf(u.email, sizeof u.email, "%s", email);
	snprintf(u.password_hash, sizeof u.password_hash, "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA");
	u.is_citizen = citizen;
	u.created_at = 1700000000;
	return u;
}

static int64_t add_user(struct store_conn *c, const char *username, const char *phone, const char *email,
			bool citizen)
{
	struct user_rec u = mkuser(username, phone, email, citizen);

	OK(store_user_insert(c, &u, NULL));
	assert_true(u.id > 0);
	return u.id;
}

static void grant(struct store_conn *c, int64_t user, const char *role, int64_t unit)
{
	struct grant_rec g;

	memset(&g, 0, sizeof g);
	g.user_id = user;
	g.unit_id = unit;
	snprintf(g.role, sizeof g.role, "%s", role);
	OK(store_grant_add(c, &g, NULL));
}

/* Collects what a list op hands its callback; stops with stop_rc after
 * stop_after rows when stop_after > 0. */
struct seen {
	int n;
	int stop_after, stop_rc;
	int64_t ids[64];
	char text[64][1024];
};

static int seen_row(struct seen *s, int64_t id, const char *text)
{
	if (s->n < 64) {
		s->ids[s->n] = id;
		snprintf(s->text[s->n], sizeof s->text[s->n], "%.1000s", text ? text : "(null)");
	}
	s->n++;
	return s->stop_after > 0 && s->n >= s->stop_after ? s->stop_rc : 0;
}

static int on_unit(void *ctx, const struct unit_rec *u) { return seen_row(ctx, u->id, u->path); }
static int on_user(void *ctx, const struct user_rec *u) { return seen_row(ctx, u->id, u->username); }
static int on_audit(void *ctx, const struct audit_rec *a) { return seen_row(ctx, a->id, a->action); }

static int on_grant(void *ctx, const struct grant_rec *g)
{
	char t[800];

	snprintf(t, sizeof t, "%s|%lld|%s|%s|%s", g->role, (long long)g->unit_id, g->unit_code, g->unit_path,
		 g->unit_name);
	return seen_row(ctx, g->user_id, t);
}

static void expect_err(enum mc_err got, const struct mc_error *err, enum mc_err code, const char *field,
		       const char *vi, const char *en)
{
	assert_int_equal(got, code);
	assert_int_equal(err->code, code);
	if (field)
		assert_string_equal(err->field, field);
	if (vi)
		assert_string_equal(err->msg_vi, vi);
	if (en)
		assert_string_equal(err->msg_en, en);
}

static const char *const CONFLICT_VI = "Dữ liệu đã tồn tại hoặc vi phạm ràng buộc";
static const char *const CONFLICT_EN = "The record already exists or breaks a constraint";

/* ---- schema ------------------------------------------------------------- */

static void test_migrate_idempotent(void **state)
{
	struct fx *f = *state;
	int v = -1, applied = -1;

	OK(store_schema_version(f->c, &v, NULL));
	assert_int_equal(v, 0);
	assert_true(fx_migration_count() >= 1);
	OK(store_migrate(f->c, &applied, NULL));
	assert_int_equal(applied, fx_migration_count());
	OK(store_schema_version(f->c, &v, NULL));
	assert_int_equal(v, fx_migration_latest());
	applied = -1;
	OK(store_migrate(f->c, &applied, NULL));
	assert_int_equal(applied, 0);
	OK(store_schema_version(f->c, &v, NULL));
	assert_int_equal(v, fx_migration_latest());
	OK(store_ping(f->c, NULL));
}

struct mig_job {
	struct store *st;
	enum mc_err rc;
	int applied;
};

static void *migrate_thread(void *arg)
{
	struct mig_job *j = arg;
	struct store_conn *c;

	j->applied = -1;
	j->rc = store_conn_get(j->st, &c, NULL);
	if (j->rc)
		return NULL;
	j->rc = store_migrate(c, &j->applied, NULL);
	store_conn_put(c);
	return NULL;
}

/* Instances starting together: every migration is applied exactly once. */
static void test_migrate_concurrent(void **state)
{
	struct fx *f = *state;
	struct mig_job jobs[3];
	pthread_t t[3];
	int total = 0, v = -1;

	for (int i = 0; i < 3; i++) {
		jobs[i].st = f->st;
		assert_int_equal(pthread_create(&t[i], NULL, migrate_thread, &jobs[i]), 0);
	}
	for (int i = 0; i < 3; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(jobs[i].rc, MC_OK);
		total += jobs[i].applied;
	}
	assert_int_equal(total, fx_migration_count());
	OK(store_schema_version(f->c, &v, NULL));
	assert_int_equal(v, fx_migration_latest());
}

/* ---- units -------------------------------------------------------------- */

static int cmp_str(const void *a, const void *b) { return strcmp((const char *)a, (const char *)b); }

static void test_units_tree(void **state)
{
	struct fx *f = *state;
	struct unit_rec u = mkunit("anthanh", 2, "commune"), got;
	struct seen s = {0};
	char want[16][256];
	int64_t n = -1;
	int nwant = 0;

	/* ids are given in insertion order on an empty database */
	assert_int_equal(add_unit(f->c, "binhdinh", 0, "province"), 1);
	assert_int_equal(add_unit(f->c, "hoaian", 1, "district"), 2);
	assert_int_equal(add_unit(f->c, "anlao", 1, "district"), 3);
	assert_int_equal(add_unit(f->c, "anhoa", 2, "commune"), 4);

	snprintf(u.agency_code, sizeof u.agency_code, "000.21.27.H08");
	snprintf(u.name, sizeof u.name, "UBND xã Ân Thạnh");
	snprintf(u.name_en, sizeof u.name_en, "An Thanh Commune People's Committee");
	snprintf(u.address, sizeof u.address, "Thôn Gia Trị, xã Ân Thạnh, huyện Hoài Ân");
	snprintf(u.phone, sizeof u.phone, "0256 3870 123");
	u.tz[0] = 0; /* empty: the default zone */
	u.active = false;
	OK(store_unit_insert(f->c, &u, NULL));
	assert_int_equal(u.id, 5);
	assert_string_equal(u.path, "/1/2/5/");

	OK(store_unit_get(f->c, 5, &got, NULL));
	assert_int_equal(got.id, 5);
	assert_int_equal(got.parent_id, 2);
	assert_string_equal(got.code, "anthanh");
	assert_string_equal(got.agency_code, "000.21.27.H08");
	assert_string_equal(got.name, "UBND xã Ân Thạnh");
	assert_string_equal(got.name_en, "An Thanh Commune People's Committee");
	assert_string_equal(got.kind, "commune");
	assert_string_equal(got.path, "/1/2/5/");
	assert_int_equal(got.utc_offset_min, 420);
	assert_string_equal(got.tz, "Asia/Ho_Chi_Minh");
	assert_string_equal(got.address, "Thôn Gia Trị, xã Ân Thạnh, huyện Hoài Ân");
	assert_string_equal(got.phone, "0256 3870 123");
	assert_false(got.active);

	OK(store_unit_get(f->c, 1, &got, NULL));
	assert_int_equal(got.parent_id, 0);
	assert_string_equal(got.path, "/1/");
	assert_true(got.active);
	OK(store_unit_get_by_code(f->c, "anhoa", &got, NULL));
	assert_int_equal(got.id, 4);
	assert_string_equal(got.path, "/1/2/4/");

	/* ids 6..11 under unit 3, then a second root with id 12: byte order puts
	 * "/1/2/5/" before "/12/" and "/1/10/"-style paths correctly, where a
	 * locale collation that ignores '/' would not. */
	for (int i = 6; i <= 11; i++) {
		char code[24];

		snprintf(code, sizeof code, "office%d", i);
		assert_int_equal(add_unit(f->c, code, 3, "office"), i);
	}
	assert_int_equal(add_unit(f->c, "quangngai", 0, "province"), 12);
	assert_int_equal(add_unit(f->c, "ducpho", 12, "district"), 13);
	assert_int_equal(add_unit(f->c, "desk10", 10, "desk"), 14);
	OK(store_unit_get(f->c, 14, &got, NULL));
	assert_string_equal(got.path, "/1/3/10/14/");

	OK(store_unit_count(f->c, &n, NULL));
	assert_int_equal(n, 14);
	OK(store_unit_list(f->c, on_unit, &s, NULL));
	assert_int_equal(s.n, 14);
	for (int i = 1; i <= 14; i++) {
		OK(store_unit_get(f->c, i, &got, NULL));
		snprintf(want[nwant++], sizeof want[0], "%s", got.path);
	}
	qsort(want, (size_t)nwant, sizeof want[0], cmp_str);
	for (int i = 0; i < nwant; i++)
		assert_string_equal(s.text[i], want[i]);
	assert_string_equal(s.text[0], "/1/");
	assert_string_equal(s.text[1], "/1/2/");
	assert_string_equal(s.text[2], "/1/2/4/");
	assert_string_equal(s.text[3], "/1/2/5/");
	assert_string_equal(s.text[4], "/1/3/");
	assert_string_equal(s.text[5], "/1/3/10/");
	assert_string_equal(s.text[6], "/1/3/10/14/");
	assert_string_equal(s.text[12], "/12/");
	assert_string_equal(s.text[13], "/12/13/");
}

static void test_units_errors(void **state)
{
	struct fx *f = *state;
	struct unit_rec u = mkunit("dakpo", 0, "district"), got;
	struct mc_error err = {0};
	int64_t n = -1;

	OK(store_unit_insert(f->c, &u, NULL));

	u = mkunit("dakpo", 0, "district");
	expect_err(store_unit_insert(f->c, &u, &err), &err, MC_ECONFLICT, NULL, CONFLICT_VI, CONFLICT_EN);

	u = mkunit("orphan", 999, "commune");
	mc_error_clear(&err);
	expect_err(store_unit_insert(f->c, &u, &err), &err, MC_ENOTFOUND, "unit", "Không tìm thấy đơn vị",
		   "Unit not found");

	u = mkunit("planet", 0, "planet");
	mc_error_clear(&err);
	expect_err(store_unit_insert(f->c, &u, &err), &err, MC_ECONFLICT, NULL, CONFLICT_VI, CONFLICT_EN);

	mc_error_clear(&err);
	expect_err(store_unit_get(f->c, 999, &got, &err), &err, MC_ENOTFOUND, "unit", "Không tìm thấy đơn vị",
		   "Unit not found");
	mc_error_clear(&err);
	expect_err(store_unit_get_by_code(f->c, "DAKPO", &got, &err), &err, MC_ENOTFOUND, "unit", NULL, NULL);

	/* failures outside a transaction leave the connection usable */
	OK(store_unit_count(f->c, &n, NULL));
	assert_int_equal(n, 1);
	OK(store_unit_get_by_code(f->c, "dakpo", &got, NULL));
	assert_string_equal(got.path, "/1/");
}

static void test_unit_list_stop(void **state)
{
	struct fx *f = *state;
	struct seen s = {.stop_after = 2, .stop_rc = 42};

	add_unit(f->c, "a", 0, "province");
	add_unit(f->c, "b", 1, "district");
	add_unit(f->c, "c", 1, "district");
	assert_int_equal(store_unit_list(f->c, on_unit, &s, NULL), 42);
	assert_int_equal(s.n, 2);
}

/* ---- users -------------------------------------------------------------- */

static void test_users_insert_get_login(void **state)
{
	struct fx *f = *state;
	struct user_rec u = mkuser("NguyenVanA", "0912345678", "A.Nguyen@DakPo.gov.vn", false), got, c1, c2;
	struct mc_error err = {0};
	const char *dup_vi = "Tên đăng nhập, số điện thoại hoặc email đã được dùng cho tài khoản khác";
	const char *dup_en = "The username, phone or e-mail is already used by another account";

	snprintf(u.cccd, sizeof u.cccd, "062090001234");
	u.disabled = true;
	OK(store_user_insert(f->c, &u, NULL));
	assert_int_equal(u.id, 1);

	OK(store_user_get(f->c, u.id, &got, NULL));
	assert_int_equal(got.id, u.id);
	assert_string_equal(got.username, "NguyenVanA");
	assert_string_equal(got.full_name, "Nguyễn Văn NguyenVanA");
	assert_string_equal(got.phone, "0912345678");
	assert_string_equal(got.email, "A.Nguyen@DakPo.gov.vn");
	assert_string_equal(got.cccd, "062090001234");
	assert_string_equal(got.password_hash, u.password_hash);
	assert_true(got.disabled);
	assert_false(got.is_citizen);
	assert_int_equal(got.created_at, 1700000000);

	/* login by username or e-mail in any case, or by phone */
	static const char *const logins[] = {"NguyenVanA", "nguyenvana", "NGUYENVANA", "0912345678",
					     "a.nguyen@dakpo.gov.vn", "A.NGUYEN@DAKPO.GOV.VN"};
	for (size_t i = 0; i < sizeof logins / sizeof logins[0]; i++) {
		memset(&got, 0, sizeof got);
		OK(store_user_get_by_login(f->c, logins[i], &got, NULL));
		assert_int_equal(got.id, u.id);
	}
	expect_err(store_user_get_by_login(f->c, "nobody", &got, &err), &err, MC_ENOTFOUND, "user",
		   "Không tìm thấy tài khoản", "Account not found");
	mc_error_clear(&err);
	expect_err(store_user_get_by_login(f->c, "", &got, &err), &err, MC_ENOTFOUND, "user", NULL, NULL);
	mc_error_clear(&err);
	expect_err(store_user_get(f->c, 999, &got, &err), &err, MC_ENOTFOUND, "user", "Không tìm thấy tài khoản",
		   "Account not found");

	/* citizens without username or e-mail: empty is "none", not a value */
	c1 = mkuser("", "0987000001", "", true);
	c2 = mkuser("", "0987000002", "", true);
	OK(store_user_insert(f->c, &c1, NULL));
	OK(store_user_insert(f->c, &c2, NULL));
	assert_int_equal(c1.id, 2);
	assert_int_equal(c2.id, 3);
	OK(store_user_get(f->c, c2.id, &got, NULL));
	assert_string_equal(got.username, "");
	assert_string_equal(got.email, "");
	assert_string_equal(got.cccd, "");
	assert_true(got.is_citizen);
	assert_false(got.disabled);
	OK(store_user_get_by_login(f->c, "0987000002", &got, NULL));
	assert_int_equal(got.id, c2.id);

	/* duplicates of phone, username (any case), e-mail (any case) */
	struct user_rec d = mkuser("other", "0912345678", "other@example.vn", false);
	mc_error_clear(&err);
	expect_err(store_user_insert(f->c, &d, &err), &err, MC_ECONFLICT, "login", dup_vi, dup_en);
	d = mkuser("nguyenVANA", "0900000009", "x@example.vn", false);
	mc_error_clear(&err);
	expect_err(store_user_insert(f->c, &d, &err), &err, MC_ECONFLICT, "login", dup_vi, dup_en);
	d = mkuser("someone", "0900000010", "a.nguyen@DAKPO.gov.vn", false);
	mc_error_clear(&err);
	expect_err(store_user_insert(f->c, &d, &err), &err, MC_ECONFLICT, "login", dup_vi, dup_en);
	d = mkuser("", "0987000001", "", true);
	mc_error_clear(&err);
	expect_err(store_user_insert(f->c, &d, &err), &err, MC_ECONFLICT, "login", dup_vi, dup_en);

	/* nothing of the refused rows was stored */
	struct seen s = {0};
	struct user_filter all = {.include_citizens = true};
	OK(store_user_list(f->c, &all, on_user, &s, NULL));
	assert_int_equal(s.n, 3);
}

/* units 1 tinh > 2 huyen > 3 xa, 1 > 4 huyen2; users 1..4 staff at 1..4,
 * 5 citizen, 6 staff without roles */
static void seed_people(struct store_conn *c)
{
	add_unit(c, "tinh", 0, "province");
	add_unit(c, "huyen", 1, "district");
	add_unit(c, "xa", 2, "commune");
	add_unit(c, "huyen2", 1, "district");
	assert_int_equal(add_user(c, "u1", "0900000001", "", false), 1);
	assert_int_equal(add_user(c, "u2", "0900000002", "", false), 2);
	assert_int_equal(add_user(c, "u3", "0900000003", "", false), 3);
	assert_int_equal(add_user(c, "u4", "0900000004", "", false), 4);
	assert_int_equal(add_user(c, "", "0900000005", "", true), 5);
	assert_int_equal(add_user(c, "u6", "0900000006", "", false), 6);
	grant(c, 1, "admin", 1);
	grant(c, 2, "specialist", 2);
	grant(c, 2, "head", 2); /* two roles in one unit: still listed once */
	grant(c, 3, "desk_officer", 3);
	grant(c, 4, "leader", 4);
	grant(c, 5, "citizen", 0);
}

static void expect_users(struct store_conn *c, const struct user_filter *flt, int n, const int64_t *ids)
{
	struct seen s = {0};

	OK(store_user_list(c, flt, on_user, &s, NULL));
	assert_int_equal(s.n, n);
	for (int i = 0; i < n; i++)
		assert_int_equal(s.ids[i], ids[i]);
}

static void test_user_list(void **state)
{
	struct fx *f = *state;
	struct user_filter flt;

	seed_people(f->c);
	expect_users(f->c, NULL, 5, (const int64_t[]){1, 2, 3, 4, 6});
	flt = (struct user_filter){0};
	expect_users(f->c, &flt, 5, (const int64_t[]){1, 2, 3, 4, 6});
	flt = (struct user_filter){.include_citizens = true};
	expect_users(f->c, &flt, 6, (const int64_t[]){1, 2, 3, 4, 5, 6});
	flt = (struct user_filter){.unit_path = ""};
	expect_users(f->c, &flt, 5, (const int64_t[]){1, 2, 3, 4, 6});
	flt = (struct user_filter){.unit_path = "/1/"};
	expect_users(f->c, &flt, 4, (const int64_t[]){1, 2, 3, 4});
	flt = (struct user_filter){.unit_path = "/1/2/"};
	expect_users(f->c, &flt, 2, (const int64_t[]){2, 3});
	flt = (struct user_filter){.unit_path = "/1/2/3/", .include_citizens = true};
	expect_users(f->c, &flt, 1, (const int64_t[]){3});
	flt = (struct user_filter){.unit_path = "/1/4/"};
	expect_users(f->c, &flt, 1, (const int64_t[]){4});
	flt = (struct user_filter){.unit_path = "/9/"};
	expect_users(f->c, &flt, 0, NULL);
	flt = (struct user_filter){.include_citizens = true, .limit = 2, .offset = 1};
	expect_users(f->c, &flt, 2, (const int64_t[]){2, 3});
	flt = (struct user_filter){.include_citizens = true, .offset = 4};
	expect_users(f->c, &flt, 2, (const int64_t[]){5, 6});
	flt = (struct user_filter){.limit = 3};
	expect_users(f->c, &flt, 3, (const int64_t[]){1, 2, 3});
	flt = (struct user_filter){.unit_path = "/1/", .limit = 2, .offset = 3};
	expect_users(f->c, &flt, 1, (const int64_t[]){4});

	struct seen s = {.stop_after = 1, .stop_rc = 7};
	assert_int_equal(store_user_list(f->c, NULL, on_user, &s, NULL), 7);
	assert_int_equal(s.n, 1);
}

static void test_user_updates(void **state)
{
	struct fx *f = *state;
	struct user_rec got;
	struct mc_error err = {0};
	int64_t id = add_user(f->c, "canbo", "0911111111", "canbo@example.vn", false);

	OK(store_user_set_password(f->c, id, "$argon2id$v=19$new", NULL));
	OK(store_user_get(f->c, id, &got, NULL));
	assert_string_equal(got.password_hash, "$argon2id$v=19$new");
	assert_false(got.disabled);
	OK(store_user_set_disabled(f->c, id, true, NULL));
	OK(store_user_get(f->c, id, &got, NULL));
	assert_true(got.disabled);
	OK(store_user_set_disabled(f->c, id, true, NULL)); /* unchanged value: still found */
	OK(store_user_set_disabled(f->c, id, false, NULL));
	OK(store_user_get(f->c, id, &got, NULL));
	assert_false(got.disabled);
	assert_string_equal(got.password_hash, "$argon2id$v=19$new");

	expect_err(store_user_set_password(f->c, 999, "x", &err), &err, MC_ENOTFOUND, "user",
		   "Không tìm thấy tài khoản", "Account not found");
	mc_error_clear(&err);
	expect_err(store_user_set_disabled(f->c, 999, true, &err), &err, MC_ENOTFOUND, "user",
		   "Không tìm thấy tài khoản", "Account not found");
}

static void test_grants(void **state)
{
	struct fx *f = *state;
	struct seen s = {0};
	struct grant_rec g = {0};
	struct mc_error err = {0};
	int64_t uid;

	add_unit(f->c, "tinh", 0, "province");
	add_unit(f->c, "huyen", 1, "district");
	uid = add_user(f->c, "lanhdao", "0922222222", "", false);

	grant(f->c, uid, "specialist", 2);
	grant(f->c, uid, "specialist", 2); /* idempotent */
	grant(f->c, uid, "admin", 1);
	grant(f->c, uid, "admin", 0);      /* unit-less: sorts first in its role */
	grant(f->c, uid, "head", 2);
	OK(store_grant_list(f->c, uid, on_grant, &s, NULL));
	assert_int_equal(s.n, 4);
	assert_string_equal(s.text[0], "admin|0|||");
	assert_string_equal(s.text[1], "admin|1|tinh|/1/|Đơn vị tinh");
	assert_string_equal(s.text[2], "head|2|huyen|/1/2/|Đơn vị huyen");
	assert_string_equal(s.text[3], "specialist|2|huyen|/1/2/|Đơn vị huyen");
	for (int i = 0; i < 4; i++)
		assert_int_equal(s.ids[i], uid);

	g.user_id = uid;
	g.unit_id = 1;
	snprintf(g.role, sizeof g.role, "admin");
	OK(store_grant_remove(f->c, &g, NULL));
	OK(store_grant_remove(f->c, &g, NULL)); /* already gone: not an error */
	memset(&s, 0, sizeof s);
	OK(store_grant_list(f->c, uid, on_grant, &s, NULL));
	assert_int_equal(s.n, 3);
	assert_string_equal(s.text[0], "admin|0|||");
	assert_string_equal(s.text[1], "head|2|huyen|/1/2/|Đơn vị huyen");

	/* a grant for no such user breaks a constraint */
	g.user_id = 999;
	expect_err(store_grant_add(f->c, &g, &err), &err, MC_ECONFLICT, NULL, CONFLICT_VI, CONFLICT_EN);

	memset(&s, 0, sizeof s);
	OK(store_grant_list(f->c, 999, on_grant, &s, NULL));
	assert_int_equal(s.n, 0);

	memset(&s, 0, sizeof s);
	s.stop_after = 1;
	s.stop_rc = 3;
	assert_int_equal(store_grant_list(f->c, uid, on_grant, &s, NULL), 3);
	assert_int_equal(s.n, 1);
}

/* ---- sessions ----------------------------------------------------------- */

static struct session_rec mksession(char tag, int64_t user, int64_t created, int64_t expires)
{
	struct session_rec s;

	memset(&s, 0, sizeof s);
	memset(s.token_hash, tag, 64);
	s.user_id = user;
	snprintf(s.csrf_token, sizeof s.csrf_token, "csrf-%c", tag);
	s.created_at = created;
	s.expires_at = expires;
	snprintf(s.client, sizeof s.client, "203.0.113.%d", tag % 200);
	return s;
}

static void test_sessions(void **state)
{
	struct fx *f = *state;
	struct session_rec s1, s2, s3, got;
	struct mc_error err = {0};
	int64_t u1 = add_user(f->c, "a", "0900000001", "", false), u2 = add_user(f->c, "b", "0900000002", "", false);
	int purged = -1;

	s1 = mksession('a', u1, 1000, 2000);
	s2 = mksession('b', u1, 1000, 3000);
	s3 = mksession('c', u2, 1000, 1500);
	OK(store_session_insert(f->c, &s1, NULL));
	OK(store_session_insert(f->c, &s2, NULL));
	OK(store_session_insert(f->c, &s3, NULL));

	OK(store_session_get(f->c, s1.token_hash, 1999, &got, NULL));
	assert_string_equal(got.token_hash, s1.token_hash);
	assert_int_equal(got.user_id, u1);
	assert_string_equal(got.csrf_token, "csrf-a");
	assert_int_equal(got.created_at, 1000);
	assert_int_equal(got.expires_at, 2000);
	assert_string_equal(got.client, s1.client);
	/* expired at its expiry instant */
	expect_err(store_session_get(f->c, s1.token_hash, 2000, &got, &err), &err, MC_ENOTFOUND, NULL, NULL, NULL);
	mc_error_clear(&err);
	expect_err(store_session_get(f->c, "ffff", 0, &got, &err), &err, MC_ENOTFOUND, NULL, NULL, NULL);

	/* the same token twice, or a session of no user, break constraints */
	mc_error_clear(&err);
	expect_err(store_session_insert(f->c, &s1, &err), &err, MC_ECONFLICT, NULL, CONFLICT_VI, CONFLICT_EN);
	struct session_rec orphan = mksession('d', 999, 1000, 5000);
	mc_error_clear(&err);
	expect_err(store_session_insert(f->c, &orphan, &err), &err, MC_ECONFLICT, NULL, CONFLICT_VI, CONFLICT_EN);

	/* purge removes expires_at <= now: s1 (2000) and s3 (1500) */
	OK(store_session_purge(f->c, 2000, &purged, NULL));
	assert_int_equal(purged, 2);
	OK(store_session_get(f->c, s2.token_hash, 2500, &got, NULL));
	expect_err(store_session_get(f->c, s3.token_hash, 0, &got, &err), &err, MC_ENOTFOUND, NULL, NULL, NULL);
	OK(store_session_purge(f->c, 2000, &purged, NULL));
	assert_int_equal(purged, 0);

	OK(store_session_delete(f->c, s2.token_hash, NULL));
	expect_err(store_session_get(f->c, s2.token_hash, 0, &got, &err), &err, MC_ENOTFOUND, NULL, NULL, NULL);
	OK(store_session_delete(f->c, s2.token_hash, NULL)); /* already gone: fine */

	/* delete_user signs a user out everywhere, and nobody else */
	s1 = mksession('e', u1, 1000, 9000);
	s2 = mksession('f', u1, 1000, 9000);
	s3 = mksession('g', u2, 1000, 9000);
	OK(store_session_insert(f->c, &s1, NULL));
	OK(store_session_insert(f->c, &s2, NULL));
	OK(store_session_insert(f->c, &s3, NULL));
	OK(store_session_delete_user(f->c, u1, NULL));
	expect_err(store_session_get(f->c, s1.token_hash, 0, &got, &err), &err, MC_ENOTFOUND, NULL, NULL, NULL);
	expect_err(store_session_get(f->c, s2.token_hash, 0, &got, &err), &err, MC_ENOTFOUND, NULL, NULL, NULL);
	OK(store_session_get(f->c, s3.token_hash, 0, &got, NULL));
	assert_int_equal(got.user_id, u2);
	OK(store_session_purge(f->c, 10000, &purged, NULL));
	assert_int_equal(purged, 1);
}

/* ---- counters ----------------------------------------------------------- */

static void test_counters(void **state)
{
	struct fx *f = *state;
	int64_t n = -1;

	for (int i = 1; i <= 3; i++) {
		OK(store_counter_hit(f->c, "login:203.0.113.9", 600, &n, NULL));
		assert_int_equal(n, i);
	}
	OK(store_counter_get(f->c, "login:203.0.113.9", 600, &n, NULL));
	assert_int_equal(n, 3);
	OK(store_counter_get(f->c, "login:203.0.113.9", 660, &n, NULL));
	assert_int_equal(n, 0);
	OK(store_counter_hit(f->c, "other", 600, &n, NULL));
	assert_int_equal(n, 1);

	/* a new window starts again from 1 and forgets the old one */
	OK(store_counter_hit(f->c, "login:203.0.113.9", 660, &n, NULL));
	assert_int_equal(n, 1);
	OK(store_counter_get(f->c, "login:203.0.113.9", 600, &n, NULL));
	assert_int_equal(n, 0);
	OK(store_counter_get(f->c, "login:203.0.113.9", 660, &n, NULL));
	assert_int_equal(n, 1);
	OK(store_counter_hit(f->c, "login:203.0.113.9", 660, &n, NULL));
	assert_int_equal(n, 2);

	OK(store_counter_clear(f->c, "login:203.0.113.9", NULL));
	OK(store_counter_get(f->c, "login:203.0.113.9", 660, &n, NULL));
	assert_int_equal(n, 0);
	OK(store_counter_clear(f->c, "login:203.0.113.9", NULL)); /* nothing to clear: fine */
	OK(store_counter_hit(f->c, "login:203.0.113.9", 660, &n, NULL));
	assert_int_equal(n, 1);
	OK(store_counter_get(f->c, "other", 600, &n, NULL));
	assert_int_equal(n, 1);
	OK(store_counter_get(f->c, "never", 600, &n, NULL));
	assert_int_equal(n, 0);
}

#define HIT_THREADS 4
#define HIT_EACH 250

struct hit_job {
	struct store *st;
	atomic_int *seen; /* seen[k-1]: how often a hit returned k */
	int failures;
	enum mc_err first_rc;
};

static void *hit_thread(void *arg)
{
	struct hit_job *j = arg;
	struct store_conn *c;
	enum mc_err rc;
	int64_t n;

	if ((j->first_rc = store_conn_get(j->st, &c, NULL))) {
		j->failures = HIT_EACH;
		return NULL;
	}
	for (int i = 0; i < HIT_EACH; i++) {
		rc = store_counter_hit(c, "burst", 1200, &n, NULL);
		if (rc || n < 1 || n > HIT_THREADS * HIT_EACH) {
			if (!j->first_rc)
				j->first_rc = rc ? rc : MC_EINTERNAL;
			j->failures++;
			continue;
		}
		atomic_fetch_add(&j->seen[n - 1], 1);
	}
	store_conn_put(c);
	return NULL;
}

/* N threads x M hits, each thread on its own connection: exactly N*M, and
 * every intermediate count handed out exactly once (no lost update). */
static void test_counter_concurrent(void **state)
{
	struct fx *f = *state;
	static atomic_int seen[HIT_THREADS * HIT_EACH];
	struct hit_job jobs[HIT_THREADS];
	pthread_t t[HIT_THREADS];
	int64_t n = -1;

	for (int i = 0; i < HIT_THREADS * HIT_EACH; i++)
		atomic_store(&seen[i], 0);
	for (int i = 0; i < HIT_THREADS; i++) {
		jobs[i] = (struct hit_job){.st = f->st, .seen = seen};
		assert_int_equal(pthread_create(&t[i], NULL, hit_thread, &jobs[i]), 0);
	}
	for (int i = 0; i < HIT_THREADS; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(jobs[i].first_rc, MC_OK);
		assert_int_equal(jobs[i].failures, 0);
	}
	OK(store_counter_get(f->c, "burst", 1200, &n, NULL));
	assert_int_equal(n, HIT_THREADS * HIT_EACH);
	for (int i = 0; i < HIT_THREADS * HIT_EACH; i++)
		assert_int_equal(atomic_load(&seen[i]), 1);
}

/* ---- audit -------------------------------------------------------------- */

static void audit(struct store_conn *c, int64_t at, int64_t actor, int64_t unit, const char *action,
		  const char *type, const char *id, const char *detail)
{
	struct audit_rec a;

	memset(&a, 0, sizeof a);
	a.at = at;
	a.actor_id = actor;
	a.unit_id = unit;
	snprintf(a.action, sizeof a.action, "%s", action);
	snprintf(a.object_type, sizeof a.object_type, "%s", type);
	snprintf(a.object_id, sizeof a.object_id, "%s", id);
	a.detail_json = detail;
	OK(store_audit_append(c, &a, NULL));
}

struct audit_seen {
	int n;
	struct audit_rec rec[8];
	char detail[8][64];
	bool detail_null[8];
};

static int on_audit_full(void *ctx, const struct audit_rec *a)
{
	struct audit_seen *s = ctx;

	if (s->n < 8) {
		s->rec[s->n] = *a;
		s->detail_null[s->n] = a->detail_json == NULL;
		snprintf(s->detail[s->n], sizeof s->detail[s->n], "%s", a->detail_json ? a->detail_json : "");
		s->rec[s->n].detail_json = NULL; /* borrowed: not valid after the callback */
	}
	s->n++;
	return 0;
}

static void expect_audit(struct store_conn *c, const char *type, const char *id, int limit, int n,
			 const char *const *actions)
{
	struct seen s = {0};

	OK(store_audit_list(c, type, id, limit, on_audit, &s, NULL));
	assert_int_equal(s.n, n);
	for (int i = 0; i < n; i++)
		assert_string_equal(s.text[i], actions[i]);
	for (int i = 1; i < n; i++)
		assert_true(s.ids[i - 1] > s.ids[i]);
}

static void test_audit(void **state)
{
	struct fx *f = *state;
	struct audit_seen full = {0};
	struct seen s = {.stop_after = 2, .stop_rc = 9};

	audit(f->c, 100, 1, 0, "user.create", "user", "7", "{\"roles\":[\"admin\"],\"tên\":\"Hà\"}");
	audit(f->c, 101, 0, 0, "auth.login_failed", "user", "8", NULL);
	audit(f->c, 102, 1, 2, "unit.create", "unit", "anthanh", "{}");
	audit(f->c, 103, 1, 0, "user.password_reset", "user", "7", NULL);
	audit(f->c, 104, 0, 0, "system.start", "", "", NULL);

	expect_audit(f->c, NULL, NULL, 0, 5,
		     (const char *const[]){"system.start", "user.password_reset", "unit.create", "auth.login_failed",
					   "user.create"});
	expect_audit(f->c, "", "", 0, 5,
		     (const char *const[]){"system.start", "user.password_reset", "unit.create", "auth.login_failed",
					   "user.create"});
	expect_audit(f->c, "user", NULL, 0, 3,
		     (const char *const[]){"user.password_reset", "auth.login_failed", "user.create"});
	expect_audit(f->c, "user", "7", 0, 2, (const char *const[]){"user.password_reset", "user.create"});
	expect_audit(f->c, NULL, "anthanh", 0, 1, (const char *const[]){"unit.create"});
	expect_audit(f->c, "unit", "7", 0, 0, NULL);
	expect_audit(f->c, NULL, NULL, 2, 2, (const char *const[]){"system.start", "user.password_reset"});

	OK(store_audit_list(f->c, "user", "7", 0, on_audit_full, &full, NULL));
	assert_int_equal(full.n, 2);
	assert_int_equal(full.rec[1].at, 100);
	assert_int_equal(full.rec[1].actor_id, 1);
	assert_int_equal(full.rec[1].unit_id, 0);
	assert_string_equal(full.rec[1].action, "user.create");
	assert_string_equal(full.rec[1].object_type, "user");
	assert_string_equal(full.rec[1].object_id, "7");
	assert_false(full.detail_null[1]);
	assert_string_equal(full.detail[1], "{\"roles\":[\"admin\"],\"tên\":\"Hà\"}");
	assert_true(full.detail_null[0]);
	memset(&full, 0, sizeof full);
	OK(store_audit_list(f->c, "unit", NULL, 0, on_audit_full, &full, NULL));
	assert_int_equal(full.n, 1);
	assert_int_equal(full.rec[0].unit_id, 2);
	assert_string_equal(full.detail[0], "{}");

	assert_int_equal(store_audit_list(f->c, NULL, NULL, 0, on_audit, &s, NULL), 9);
	assert_int_equal(s.n, 2);
}

static void test_audit_default_limit(void **state)
{
	struct fx *f = *state;
	struct seen s = {0};

	OK(store_begin(f->c, NULL));
	for (int i = 0; i < 120; i++)
		audit(f->c, 1000 + i, 0, 0, "tick", "t", "1", NULL);
	OK(store_commit(f->c, NULL));
	OK(store_audit_list(f->c, NULL, NULL, 0, on_audit, &s, NULL));
	assert_int_equal(s.n, 100); /* limit <= 0 means 100 */
	memset(&s, 0, sizeof s);
	OK(store_audit_list(f->c, NULL, NULL, 110, on_audit, &s, NULL));
	assert_int_equal(s.n, 110);
}

/* ---- transactions and the pool ------------------------------------------ */

static void test_tx_rollback_commit(void **state)
{
	struct fx *f = *state;
	struct unit_rec got;
	struct store_conn *c2;
	int64_t n = -1;

	OK(store_begin(f->c, NULL));
	add_unit(f->c, "rolled", 0, "province");
	OK(store_unit_get_by_code(f->c, "rolled", &got, NULL)); /* visible inside */
	store_rollback(f->c);
	assert_int_equal(store_unit_get_by_code(f->c, "rolled", &got, NULL), MC_ENOTFOUND);
	OK(store_unit_count(f->c, &n, NULL));
	assert_int_equal(n, 0);

	OK(store_begin(f->c, NULL));
	add_unit(f->c, "kept", 0, "province");
	add_unit(f->c, "kept.child", 0, "district");
	OK(store_commit(f->c, NULL));
	OK(store_conn_get(f->st, &c2, NULL));
	OK(store_unit_get_by_code(c2, "kept", &got, NULL));
	OK(store_unit_count(c2, &n, NULL));
	assert_int_equal(n, 2);
	store_conn_put(c2);

	store_rollback(f->c); /* no transaction: a no-op */
	OK(store_unit_count(f->c, &n, NULL));
	assert_int_equal(n, 2);
}

static void test_tx_isolation(void **state)
{
	struct fx *f = *state;
	struct unit_rec got;
	struct store_conn *c2;

	OK(store_conn_get(f->st, &c2, NULL));
	OK(store_begin(f->c, NULL));
	add_unit(f->c, "pending", 0, "province");
	assert_int_equal(store_unit_get_by_code(c2, "pending", &got, NULL), MC_ENOTFOUND);
	OK(store_commit(f->c, NULL));
	OK(store_unit_get_by_code(c2, "pending", &got, NULL));
	store_conn_put(c2);
}

static void test_tx_conn_put_rolls_back(void **state)
{
	struct fx *f = *state;
	struct unit_rec got;
	struct store_conn *c2;

	OK(store_conn_get(f->st, &c2, NULL));
	OK(store_begin(c2, NULL));
	add_unit(c2, "forgotten", 0, "province");
	store_conn_put(c2); /* still inside the transaction */
	assert_int_equal(store_unit_get_by_code(f->c, "forgotten", &got, NULL), MC_ENOTFOUND);

	/* the connection comes back clean: a new transaction starts and commits */
	OK(store_conn_get(f->st, &c2, NULL));
	OK(store_begin(c2, NULL));
	add_unit(c2, "next", 0, "province");
	OK(store_commit(c2, NULL));
	store_conn_put(c2);
	OK(store_unit_get_by_code(f->c, "next", &got, NULL));
	assert_int_equal(store_unit_get_by_code(f->c, "forgotten", &got, NULL), MC_ENOTFOUND);
}

/* After a failed statement a caller rolls back; nothing of the transaction
 * stays, and the connection goes on working. */
static void test_tx_failed_statement(void **state)
{
	struct fx *f = *state;
	struct unit_rec u = mkunit("dup", 0, "province"), got;
	int64_t n = -1;

	OK(store_begin(f->c, NULL));
	add_unit(f->c, "dup", 0, "province");
	assert_int_equal(store_unit_insert(f->c, &u, NULL), MC_ECONFLICT);
	store_rollback(f->c);
	assert_int_equal(store_unit_get_by_code(f->c, "dup", &got, NULL), MC_ENOTFOUND);
	add_unit(f->c, "after", 0, "province");
	OK(store_unit_count(f->c, &n, NULL));
	assert_int_equal(n, 1);
}

static void test_tx_misuse(void **state)
{
	struct fx *f = *state;
	struct unit_rec got;

	assert_int_equal(store_commit(f->c, NULL), MC_ESTORE); /* no transaction */
	OK(store_begin(f->c, NULL));
	assert_int_equal(store_begin(f->c, NULL), MC_ESTORE); /* no nesting */
	add_unit(f->c, "inner", 0, "province");
	store_rollback(f->c); /* the outer transaction is still the one that ends */
	assert_int_equal(store_unit_get_by_code(f->c, "inner", &got, NULL), MC_ENOTFOUND);
	OK(store_ping(f->c, NULL));
}

struct waiter {
	struct store *st;
	struct store_conn *c;
	atomic_int got;
};

static void *wait_conn(void *arg)
{
	struct waiter *w = arg;

	if (store_conn_get(w->st, &w->c, NULL) == MC_OK)
		atomic_store(&w->got, 1);
	return NULL;
}

/* conn_get waits while every connection is out, and wakes on conn_put. */
static void test_pool_waits(void **state)
{
	struct fx *f = *state;
	struct store_conn *held[FX_POOL - 1];
	struct waiter w = {.st = f->st};
	pthread_t t;

	for (int i = 0; i < FX_POOL - 1; i++)
		OK(store_conn_get(f->st, &held[i], NULL));
	assert_int_equal(pthread_create(&t, NULL, wait_conn, &w), 0);
	ms_sleep(150);
	assert_int_equal(atomic_load(&w.got), 0);
	store_conn_put(held[0]);
	pthread_join(t, NULL);
	assert_int_equal(atomic_load(&w.got), 1);
	assert_ptr_equal(w.c, held[0]); /* the one just given back */
	OK(store_ping(w.c, NULL));
	store_conn_put(w.c);
	for (int i = 1; i < FX_POOL - 1; i++)
		store_conn_put(held[i]);
}

/* ---- PostgreSQL only ---------------------------------------------------- */

static void test_pg_fold(void **state)
{
	char out[256];

	(void)state;
	if (!fx_is_pg())
		skip();
	assert_int_equal(fx_pg_sql("SELECT motcua_fold('Đăng ký Hộ TỊCH, đất đai ĐỒNG Ổ Ẫ')", out, sizeof out), 0);
	assert_string_equal(out, "dang ky ho tich, dat dai dong o a");
	assert_int_equal(fx_pg_sql("SELECT motcua_fold(NULL) IS NULL", out, sizeof out), 0);
	assert_string_equal(out, "t");
	assert_int_equal(fx_pg_sql("SELECT provolatile FROM pg_proc WHERE proname = 'motcua_fold'", out, sizeof out), 0);
	assert_string_equal(out, "i");
	/* IMMUTABLE, so it may index an expression */
	assert_int_equal(fx_pg_sql("CREATE INDEX units_name_fold ON units (motcua_fold(name))", NULL, 0), 0);
	/* and does not depend on the caller's search_path */
	assert_int_equal(fx_pg_sql("SET search_path TO pg_catalog", NULL, 0), 0);
	assert_int_equal(fx_pg_sql("SELECT public.motcua_fold('Đà Nẵng')", out, sizeof out), 0);
	assert_int_equal(fx_pg_sql("RESET search_path", NULL, 0), 0);
	assert_string_equal(out, "da nang");
}

/* A connection the server killed is noticed on checkout and reconnected,
 * with its prepared statements prepared again. */
static void test_pg_reconnect(void **state)
{
	struct fx *f = *state;
	struct unit_rec got;
	struct mc_error err = {0};
	char out[32];
	int left = -1;

	if (!fx_is_pg())
		skip();
	add_unit(f->c, "before", 0, "province");
	OK(store_unit_get_by_code(f->c, "before", &got, NULL));
	assert_int_equal(fx_pg_sql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
				   " WHERE datname = current_database() AND application_name = 'motcua'",
				   out, sizeof out), 0);
	assert_int_equal(atoi(out), FX_POOL);
	for (int i = 0; i < 100 && left; i++) {
		ms_sleep(20);
		assert_int_equal(fx_pg_sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
					   " AND application_name = 'motcua'", out, sizeof out), 0);
		left = atoi(out);
	}
	assert_int_equal(left, 0);

	/* the held connection is dead: the failure says so and is retryable */
	expect_err(store_ping(f->c, &err), &err, MC_EUNAVAILABLE, NULL, NULL,
		   "The connection to the database was lost; please retry");
	store_conn_put(f->c);
	f->c = NULL;
	OK(store_conn_get(f->st, &f->c, NULL));
	OK(store_ping(f->c, NULL));
	OK(store_unit_get_by_code(f->c, "before", &got, NULL));
	assert_string_equal(got.path, "/1/");
	add_unit(f->c, "after", 1, "district");
	OK(store_begin(f->c, NULL));
	add_unit(f->c, "intx", 1, "district");
	OK(store_commit(f->c, NULL));
	assert_int_equal(fx_pg_sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
				   " AND application_name = 'motcua'", out, sizeof out), 0);
	assert_int_equal(atoi(out), 1); /* only the connection used again was reopened */
}

/* ---- main --------------------------------------------------------------- */

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_migrate_idempotent, setup_raw, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_concurrent, setup_raw, teardown),
		cmocka_unit_test_setup_teardown(test_units_tree, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_units_errors, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_unit_list_stop, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_users_insert_get_login, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_user_list, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_user_updates, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_grants, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_sessions, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_counters, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_counter_concurrent, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_audit, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_audit_default_limit, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_tx_rollback_commit, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_tx_isolation, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_tx_conn_put_rolls_back, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_tx_failed_statement, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_tx_misuse, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_pool_waits, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_pg_fold, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_pg_reconnect, setup_fresh, teardown),
	};
	char name[64];
	int failed;

	if (fx_global_setup())
		return 1;
	snprintf(name, sizeof name, "store contract (%s)", fx_backend());
	failed = _cmocka_run_group_tests(name, tests, sizeof tests / sizeof tests[0], NULL, NULL);
	fx_global_teardown();
	return failed ? 1 : 0;
}
