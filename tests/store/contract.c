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

static void test_unit_update(void **state)
{
	struct fx *f = *state;
	struct unit_rec u, got;
	struct mc_error err = {0};
	int64_t root = add_unit(f->c, "gialai", 0, "province");
	int64_t id = add_unit(f->c, "anthanh", root, "commune");

	OK(store_unit_get(f->c, id, &u, NULL));
	snprintf(u.name, sizeof u.name, "UBND xã An Thành (mới)");
	snprintf(u.name_en, sizeof u.name_en, "An Thành Commune People's Committee");
	snprintf(u.agency_code, sizeof u.agency_code, "000.22.27.H21");
	snprintf(u.address, sizeof u.address, "Thôn An Điền Bắc");
	snprintf(u.phone, sizeof u.phone, "0269 3838 111");
	/* only names, agency code, address and phone are written */
	snprintf(u.code, sizeof u.code, "other");
	snprintf(u.kind, sizeof u.kind, "desk");
	snprintf(u.path, sizeof u.path, "/9/");
	u.parent_id = 0;
	u.active = false;
	OK(store_begin(f->c, NULL));
	OK(store_unit_update(f->c, &u, NULL));
	OK(store_commit(f->c, NULL));
	OK(store_unit_get(f->c, id, &got, NULL));
	assert_string_equal(got.name, "UBND xã An Thành (mới)");
	assert_string_equal(got.name_en, "An Thành Commune People's Committee");
	assert_string_equal(got.agency_code, "000.22.27.H21");
	assert_string_equal(got.address, "Thôn An Điền Bắc");
	assert_string_equal(got.phone, "0269 3838 111");
	assert_string_equal(got.code, "anthanh");
	assert_string_equal(got.kind, "commune");
	assert_string_equal(got.path, "/1/2/");
	assert_int_equal(got.parent_id, root);
	assert_true(got.active);
	OK(store_unit_get_by_code(f->c, "anthanh", &got, NULL));
	assert_string_equal(got.name, "UBND xã An Thành (mới)");
	/* the same values again: still found, still fine */
	OK(store_unit_update(f->c, &u, NULL));

	/* a rolled back update leaves the old names */
	snprintf(u.name, sizeof u.name, "Tạm");
	OK(store_begin(f->c, NULL));
	OK(store_unit_update(f->c, &u, NULL));
	store_rollback(f->c);
	OK(store_unit_get(f->c, id, &got, NULL));
	assert_string_equal(got.name, "UBND xã An Thành (mới)");

	u.id = 999;
	expect_err(store_unit_update(f->c, &u, &err), &err, MC_ENOTFOUND, "unit", "Không tìm thấy đơn vị",
		   "Unit not found");
	OK(store_unit_get(f->c, root, &got, NULL));
	assert_string_equal(got.name, "Đơn vị gialai");
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
	struct audit_filter af = {.object_type = type, .object_id = id, .limit = limit};

	OK(store_audit_list(c, &af, on_audit, &s, NULL));
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

	OK(store_audit_list(f->c, &(struct audit_filter){.object_type = "user", .object_id = "7"}, on_audit_full, &full,
			    NULL));
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
	OK(store_audit_list(f->c, &(struct audit_filter){.object_type = "unit"}, on_audit_full, &full, NULL));
	assert_int_equal(full.n, 1);
	assert_int_equal(full.rec[0].unit_id, 2);
	assert_string_equal(full.detail[0], "{}");

	assert_int_equal(store_audit_list(f->c, &(struct audit_filter){0}, on_audit, &s, NULL), 9);
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
	OK(store_audit_list(f->c, &(struct audit_filter){0}, on_audit, &s, NULL));
	assert_int_equal(s.n, 100); /* limit <= 0 means 100 */
	memset(&s, 0, sizeof s);
	OK(store_audit_list(f->c, &(struct audit_filter){.limit = 110}, on_audit, &s, NULL));
	assert_int_equal(s.n, 110);
}

/* The inspector's view: rows of a unit subtree (with or without the rows of
 * no unit), a time window, and paging by id that does not move when new
 * rows arrive. */
static void test_audit_filters(void **state)
{
	struct fx *f = *state;
	int64_t prov = add_unit(f->c, "tinh", 0, "province");
	int64_t dist = add_unit(f->c, "huyen", prov, "district");
	int64_t comm = add_unit(f->c, "xa", dist, "commune");
	int64_t other = add_unit(f->c, "huyenkhac", prov, "district");
	struct unit_rec d;
	struct seen s = {0};

	audit(f->c, 100, 1, comm, "a.commune", "unit", "xa", NULL);
	audit(f->c, 200, 1, dist, "b.district", "unit", "huyen", NULL);
	audit(f->c, 300, 1, other, "c.other", "unit", "huyenkhac", NULL);
	audit(f->c, 400, 1, 0, "d.nounit", "user", "5", NULL);
	audit(f->c, 500, 1, prov, "e.province", "unit", "tinh", NULL);
	OK(store_unit_get(f->c, dist, &d, NULL));

	OK(store_audit_list(f->c, &(struct audit_filter){.unit_path = d.path}, on_audit, &s, NULL));
	assert_int_equal(s.n, 2);
	assert_string_equal(s.text[0], "b.district");
	assert_string_equal(s.text[1], "a.commune");
	memset(&s, 0, sizeof s);
	OK(store_audit_list(f->c, &(struct audit_filter){.unit_path = d.path, .with_unitless = true}, on_audit, &s, NULL));
	assert_int_equal(s.n, 3);
	assert_string_equal(s.text[0], "d.nounit");
	/* time window [200, 500) over every unit */
	memset(&s, 0, sizeof s);
	OK(store_audit_list(f->c, &(struct audit_filter){.from = 200, .to = 500}, on_audit, &s, NULL));
	assert_int_equal(s.n, 3);
	assert_string_equal(s.text[0], "d.nounit");
	assert_string_equal(s.text[2], "b.district");
	/* pages of two, newest first, continued from the last id seen */
	memset(&s, 0, sizeof s);
	OK(store_audit_list(f->c, &(struct audit_filter){.limit = 2}, on_audit, &s, NULL));
	assert_int_equal(s.n, 2);
	assert_string_equal(s.text[1], "d.nounit");
	{
		int64_t last = s.ids[1];

		audit(f->c, 600, 1, prov, "f.newer", "unit", "tinh", NULL); /* arrives meanwhile */
		memset(&s, 0, sizeof s);
		OK(store_audit_list(f->c, &(struct audit_filter){.limit = 2, .before_id = last}, on_audit, &s, NULL));
		assert_int_equal(s.n, 2);
		assert_string_equal(s.text[0], "c.other");
		assert_string_equal(s.text[1], "b.district");
	}
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

/* ---- the catalog (version 2) -------------------------------------------- */

static void put_field(struct store_conn *c, const char *code, const char *name, int position)
{
	struct field_rec fr;

	memset(&fr, 0, sizeof fr);
	snprintf(fr.code, sizeof fr.code, "%s", code);
	snprintf(fr.name, sizeof fr.name, "%s", name);
	snprintf(fr.name_en, sizeof fr.name_en, "EN %s", code);
	fr.position = position;
	OK(store_field_put(c, &fr, NULL));
}

/* One procedure: the columns, and the search text as the catalog hands it
 * over (name, field and body folded; the code raw). */
struct proc_def {
	const char *code, *name, *field, *level, *agency, *online, *status;
	const char *t_name, *t_field, *t_body;
};

static enum mc_err put_proc_rc(struct store_conn *c, const struct proc_def *d, const char *doc, int *version,
			       struct mc_error *err)
{
	struct procedure_rec p;
	struct procedure_text t = {d->t_name, d->code, d->t_field, d->t_body};
	char docbuf[256];

	memset(&p, 0, sizeof p);
	snprintf(p.code, sizeof p.code, "%s", d->code);
	snprintf(p.name, sizeof p.name, "%s", d->name);
	snprintf(p.field, sizeof p.field, "%s", d->field);
	snprintf(p.level, sizeof p.level, "%s", d->level);
	snprintf(p.agency, sizeof p.agency, "%s", d->agency);
	snprintf(p.online, sizeof p.online, "%s", d->online);
	snprintf(p.status, sizeof p.status, "%s", d->status);
	p.inter_level = !strcmp(d->level, "district");
	p.updated_at = 1700000000;
	snprintf(docbuf, sizeof docbuf, "{\"code\":\"%s\",\"name\":\"%s\"}", d->code, d->name);
	p.doc = (char *)(doc ? doc : docbuf);
	return store_procedure_put(c, &p, &t, 42, version, err);
}

static int put_proc(struct store_conn *c, const struct proc_def *d)
{
	int v = -1;

	OK(put_proc_rc(c, d, NULL, &v, NULL));
	return v;
}

static const struct proc_def CATALOG[] = {
	{"1.000001", "Cấp giấy phép xây dựng", "xay_dung", "district", "ubnd_huyen", "full", "in_force",
	 "cap giay phep xay dung", "xay dung", "don de nghi cap phep ban ve thiet ke"},
	{"1.000002", "Chứng thực bản sao", "giay_to", "commune", "ubnd_xa", "partial", "in_force",
	 "chung thuc ban sao", "giay to", "ban chinh de doi chieu"},
	{"1.001612", "Đăng ký khai sinh", "ho_tich", "commune", "ubnd_xa", "full", "amended",
	 "dang ky khai sinh", "ho tich", "to khai dang ky khai sinh giay chung sinh"},
	{"1.001699", "Đăng ký kết hôn", "ho_tich", "commune", "ubnd_xa", "partial", "abolished",
	 "dang ky ket hon", "ho tich", "to khai ket hon"},
	{"2.001612", "Thay đổi hộ tịch", "ho_tich", "district", "ubnd_huyen", "none", "in_force",
	 "thay doi ho tich", "ho tich", "to khai thay doi cai chinh ho tich bo sung thong tin"},
	{"1.000006", "Thu hồi đất", "dat_dai", "district", "ubnd_huyen", "none", "in_force",
	 "thu hoi dat", "dat dai", "quyet dinh thu hoi"},
	{"1.000007", "Giao đất", "dat_dai", "district", "ubnd_huyen", "partial", "in_force",
	 "giao dat", "dat dai", "don xin giao dat"},
};
#define NCATALOG (int)(sizeof CATALOG / sizeof CATALOG[0])

static void load_catalog(struct store_conn *c)
{
	put_field(c, "xay_dung", "Xây dựng", 1);
	put_field(c, "ho_tich", "Hộ tịch", 2);
	put_field(c, "giay_to", "Giấy tờ", 3);
	put_field(c, "dat_dai", "Đất đai", 4);
	for (int i = 0; i < NCATALOG; i++)
		assert_int_equal(put_proc(c, &CATALOG[i]), 1);
}

struct proc_seen {
	int n;
	int stop_after;
	char codes[16][32];
	int versions[16];
	double ranks[16];
	char docs[16][128];
};

static int on_proc(void *ctx, const struct procedure_rec *p)
{
	struct proc_seen *s = ctx;

	if (s->n < 16) {
		snprintf(s->codes[s->n], sizeof s->codes[s->n], "%s", p->code);
		s->versions[s->n] = p->version;
		s->ranks[s->n] = p->rank;
		snprintf(s->docs[s->n], sizeof s->docs[s->n], "%s", p->doc ? p->doc : "(null)");
	}
	s->n++;
	return s->stop_after > 0 && s->n >= s->stop_after ? 77 : 0;
}

/* Search and compare the codes, in order, with a comma-separated list; the
 * engine's rank must never decrease (lower is better). */
static void expect_search(struct store_conn *c, const struct procedure_query *q, int64_t total, const char *codes)
{
	struct proc_seen s = {0};
	char got[512] = "";
	int64_t t = -1;

	OK(store_procedure_search(c, q, on_proc, &s, &t, NULL));
	for (int i = 0; i < s.n && i < 16; i++)
		snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", i ? "," : "", s.codes[i]);
	if (getenv("MOTCUA_TEST_SEARCH")) { /* to compare the engines' ranks */
		fprintf(stderr, "search %s: %s [", q->fts ? q->fts : "-", got);
		for (int i = 0; i < s.n && i < 16; i++)
			fprintf(stderr, " %g", s.ranks[i]);
		fprintf(stderr, " ]\n");
	}
	assert_string_equal(got, codes);
	assert_int_equal(t, total);
	for (int i = 1; i < s.n && i < 16; i++)
		assert_true(s.ranks[i - 1] <= s.ranks[i]);
}

struct field_seen {
	int n;
	struct field_rec rec[8];
};

static int on_field_full(void *ctx, const struct field_rec *fr)
{
	struct field_seen *s = ctx;

	if (s->n < 8)
		s->rec[s->n] = *fr;
	s->n++;
	return 0;
}

static void test_fields(void **state)
{
	struct fx *f = *state;
	struct field_seen fs = {0};
	struct mc_error err = {0};
	struct proc_def bad = CATALOG[0];
	int v = -1;

	put_field(f->c, "b", "Lĩnh vực B", 2);
	put_field(f->c, "a", "Lĩnh vực A", 2);
	put_field(f->c, "c", "Lĩnh vực C", 1);
	put_field(f->c, "b", "Lĩnh vực B mới", 0); /* an update, not a second row */
	OK(store_field_list(f->c, on_field_full, &fs, NULL));
	assert_int_equal(fs.n, 3);
	assert_string_equal(fs.rec[0].code, "b"); /* by position, then code */
	assert_string_equal(fs.rec[0].name, "Lĩnh vực B mới");
	assert_string_equal(fs.rec[0].name_en, "EN b");
	assert_int_equal(fs.rec[0].position, 0);
	assert_string_equal(fs.rec[1].code, "c");
	assert_string_equal(fs.rec[2].code, "a");
	assert_int_equal(fs.rec[2].position, 2);

	/* a procedure must name an existing field */
	bad.field = "khong_co";
	expect_err(put_proc_rc(f->c, &bad, NULL, &v, &err), &err, MC_ECONFLICT, NULL, CONFLICT_VI, CONFLICT_EN);
}

static void test_procedure_versions(void **state)
{
	struct fx *f = *state;
	struct procedure_rec p;
	struct proc_def d = {"9.000001", "Thủ tục Alpha", "xay_dung", "commune", "ubnd_xa", "full", "in_force",
			     "thu tuc alpha", "xay dung", "alpha"};
	struct procedure_query q = {0};
	struct mc_error err = {0};
	int v = -1;

	put_field(f->c, "xay_dung", "Xây dựng", 1);
	OK(put_proc_rc(f->c, &d, "{\"v\":1}", &v, NULL));
	assert_int_equal(v, 1);
	d.name = "Thủ tục Beta";
	d.t_name = "thu tuc beta";
	d.t_body = "beta";
	d.status = "amended";
	OK(put_proc_rc(f->c, &d, "{\"v\":2}", &v, NULL));
	assert_int_equal(v, 2);
	OK(put_proc_rc(f->c, &d, "{\"v\":3}", &v, NULL));
	assert_int_equal(v, 3);

	/* version 0: the current one */
	OK(store_procedure_get(f->c, "9.000001", 0, &p, NULL));
	assert_int_equal(p.version, 3);
	assert_true(p.id > 0);
	assert_string_equal(p.code, "9.000001");
	assert_string_equal(p.name, "Thủ tục Beta");
	assert_string_equal(p.field, "xay_dung");
	assert_string_equal(p.level, "commune");
	assert_string_equal(p.agency, "ubnd_xa");
	assert_string_equal(p.online, "full");
	assert_string_equal(p.status, "amended");
	assert_false(p.inter_level);
	assert_int_equal(p.updated_at, 1700000000);
	assert_string_equal(p.doc, "{\"v\":3}");
	free(p.doc);
	/* an older version: its own document and number */
	OK(store_procedure_get(f->c, "9.000001", 1, &p, NULL));
	assert_int_equal(p.version, 1);
	assert_string_equal(p.doc, "{\"v\":1}");
	free(p.doc);
	OK(store_procedure_get(f->c, "9.000001", 2, &p, NULL));
	assert_int_equal(p.version, 2);
	assert_string_equal(p.doc, "{\"v\":2}");
	free(p.doc);
	expect_err(store_procedure_get(f->c, "9.000001", 4, &p, &err), &err, MC_ENOTFOUND, "code",
		   "Không tìm thấy thủ tục hành chính", "Procedure not found");
	expect_err(store_procedure_get(f->c, "9.999999", 0, &p, &err), &err, MC_ENOTFOUND, "code",
		   "Không tìm thấy thủ tục hành chính", "Procedure not found");

	/* the index follows the current version only */
	q.fts = "\"alpha\"*";
	expect_search(f->c, &q, 0, "");
	q.fts = "\"beta\"*";
	expect_search(f->c, &q, 1, "9.000001");

	/* a rolled-back put leaves no version behind */
	OK(store_begin(f->c, NULL));
	OK(put_proc_rc(f->c, &d, "{\"v\":4}", &v, NULL));
	assert_int_equal(v, 4);
	store_rollback(f->c);
	OK(put_proc_rc(f->c, &d, "{\"v\":4b}", &v, NULL));
	assert_int_equal(v, 4);
}

static void test_procedure_search(void **state)
{
	struct fx *f = *state;
	static const char *const open_st[] = {"in_force", "amended", NULL};
	static const char *const one_st[] = {"abolished", NULL};
	struct procedure_query q = {0};
	struct proc_seen s = {.stop_after = 2};
	int64_t t = -1;

	load_catalog(f->c);

	/* one word, as a prefix: name (A) before field (C) before body (D) */
	q.fts = "\"giay\"*";
	expect_search(f->c, &q, 3, "1.000001,1.000002,1.001612");
	/* every word must match; both names have them, and the shorter text
	 * ranks higher (bm25 and ts_rank with length normalisation agree) */
	q.fts = "\"dang\" \"ky\"*";
	expect_search(f->c, &q, 2, "1.001699,1.001612");
	/* only the last word is a prefix */
	q.fts = "\"kha\"*";
	expect_search(f->c, &q, 3, "1.001612,1.001699,2.001612");
	q.fts = "\"kha\" \"sinh\"*";
	expect_search(f->c, &q, 0, "");
	q.fts = "\"khai\" \"sinh\"*";
	expect_search(f->c, &q, 1, "1.001612");
	/* the code is indexed as its words: 1.001612 is "1" "001612" */
	q.fts = "\"1\" \"0016\"*";
	expect_search(f->c, &q, 2, "1.001699,1.001612");
	q.fts = "\"2\" \"001612\"*";
	expect_search(f->c, &q, 1, "2.001612");
	q.fts = "\"ho\" \"tich\"*";
	expect_search(f->c, &q, 3, "2.001612,1.001699,1.001612");
	q.fts = "\"khong\" \"co\"*";
	expect_search(f->c, &q, 0, "");

	/* filters apply with text too, and the total counts before the page */
	q.fts = "\"ho\" \"tich\"*";
	q.statuses = open_st;
	expect_search(f->c, &q, 2, "2.001612,1.001612");
	q.statuses = one_st;
	expect_search(f->c, &q, 1, "1.001699");
	q.statuses = NULL;
	q.level = "commune";
	expect_search(f->c, &q, 2, "1.001699,1.001612");
	q.level = NULL;
	q.online = "none";
	expect_search(f->c, &q, 1, "2.001612");
	q.online = NULL;
	q.limit = 1;
	q.offset = 1;
	expect_search(f->c, &q, 3, "1.001699");

	/* without text: by field position, then folded name */
	memset(&q, 0, sizeof q);
	expect_search(f->c, &q, 7, "1.000001,1.001699,1.001612,2.001612,1.000002,1.000007,1.000006");
	q.agency = "ubnd_huyen";
	expect_search(f->c, &q, 4, "1.000001,2.001612,1.000007,1.000006");
	q.agency = NULL;
	q.field = "ho_tich";
	q.statuses = open_st;
	expect_search(f->c, &q, 2, "1.001612,2.001612");
	q.field = NULL;
	q.statuses = NULL;
	q.limit = 2;
	q.offset = 2;
	expect_search(f->c, &q, 7, "1.001612,2.001612");
	q.limit = 0;
	q.offset = 6;
	expect_search(f->c, &q, 7, "1.000006");

	/* a callback's non-zero return stops the listing and is returned */
	memset(&q, 0, sizeof q);
	assert_int_equal(store_procedure_search(f->c, &q, on_proc, &s, &t, NULL), 77);
	assert_int_equal(s.n, 2);
	assert_int_equal(t, 7);
	assert_string_equal(s.docs[0], "{\"code\":\"1.000001\",\"name\":\"Cấp giấy phép xây dựng\"}");
	assert_int_equal(s.versions[0], 1);
	/* total_out may be NULL */
	memset(&s, 0, sizeof s);
	q.fts = "\"giay\"*";
	OK(store_procedure_search(f->c, &q, on_proc, &s, NULL, NULL));
	assert_int_equal(s.n, 3);
}

static int on_count(void *ctx, const struct procedure_count *pc)
{
	char t[128];

	snprintf(t, sizeof t, "%s|%s|%s|%s", pc->level, pc->field, pc->online, pc->status);
	return seen_row(ctx, pc->count, t);
}

static void test_procedure_counts(void **state)
{
	struct fx *f = *state;
	struct seen s = {0};
	static const char *const want[] = {
		"commune|giay_to|partial|in_force", "commune|ho_tich|full|amended",
		"commune|ho_tich|partial|abolished", "district|dat_dai|none|in_force",
		"district|dat_dai|partial|in_force", "district|ho_tich|none|in_force",
		"district|xay_dung|full|in_force",
	};
	struct proc_def extra = CATALOG[5];

	load_catalog(f->c);
	extra.code = "1.000008";
	put_proc(f->c, &extra);
	OK(store_procedure_counts(f->c, on_count, &s, NULL));
	assert_int_equal(s.n, 7);
	for (int i = 0; i < 7; i++) {
		assert_string_equal(s.text[i], want[i]);
		assert_int_equal(s.ids[i], i == 3 ? 2 : 1);
	}
}

/* ---- the working calendar (version 3) ------------------------------------ */

static void put_override(struct store_conn *c, int64_t unit, int32_t day, const char *kind, const char *reason)
{
	struct calendar_override_rec o;

	memset(&o, 0, sizeof o);
	o.unit_id = unit;
	o.day = day;
	snprintf(o.kind, sizeof o.kind, "%s", kind);
	snprintf(o.reason_vi, sizeof o.reason_vi, "Lý do %s", reason);
	snprintf(o.reason_en, sizeof o.reason_en, "Reason %s", reason);
	snprintf(o.source, sizeof o.source, "Quyết định %s", reason);
	OK(store_override_put(c, &o, 7, 1700000000, NULL));
}

static int on_override(void *ctx, const struct calendar_override_rec *o)
{
	char t[800];

	snprintf(t, sizeof t, "%lld:%s:%d:%s:%s:%s:%s", (long long)o->unit_id, o->unit_code, o->day, o->kind,
		 o->reason_vi, o->reason_en, o->source);
	return seen_row(ctx, o->unit_id, t);
}

static void expect_overrides(struct seen *s, int n, const char *const *want)
{
	assert_int_equal(s->n, n);
	for (int i = 0; i < n; i++) {
		char head[64];

		/* the unit, its code, the day and the kind; the reasons once */
		snprintf(head, sizeof head, "%s", s->text[i]);
		*strchr(strchr(strchr(strchr(head, ':') + 1, ':') + 1, ':') + 1, ':') = 0;
		assert_string_equal(head, want[i]);
	}
}

static void test_calendar_overrides(void **state)
{
	struct fx *f = *state;
	struct seen s = {0};
	struct mc_error err = {0};
	struct calendar_override_rec bad;
	int64_t prov, dist, comm, other, u11 = 0;

	prov = add_unit(f->c, "tinh", 0, "province");     /* 1 */
	dist = add_unit(f->c, "huyen", prov, "district"); /* 2 */
	comm = add_unit(f->c, "xa", dist, "commune");     /* 3 */
	other = add_unit(f->c, "huyen2", prov, "district");
	for (int i = 5; i <= 10; i++) {
		char code[16];

		snprintf(code, sizeof code, "u%d", i);
		add_unit(f->c, code, prov, "district");
	}
	u11 = add_unit(f->c, "tinh11", 0, "province"); /* "/11/" contains "1/" but not "/1/" */
	assert_int_equal(u11, 11);

	put_override(f->c, 0, 100, "off", "quốc gia");
	put_override(f->c, 0, 120, "off", "ngoài khoảng");
	put_override(f->c, comm, 101, "off", "xã");
	put_override(f->c, dist, 100, "work", "huyện");
	put_override(f->c, prov, 102, "off", "tỉnh");
	put_override(f->c, prov, 99, "remove", "tỉnh sớm");
	put_override(f->c, other, 100, "off", "huyện khác");
	put_override(f->c, u11, 100, "off", "tỉnh 11");
	put_override(f->c, dist, 100, "off", "huyện sửa"); /* replaces (unit, day) */

	/* national first, then the ancestors from the root down, by day */
	OK(store_override_list(f->c, "/1/2/3/", 90, 110, on_override, &s, NULL));
	{
		static const char *const want[] = {"0::100:off", "1:tinh:99:remove", "1:tinh:102:off",
						   "2:huyen:100:off", "3:xa:101:off"};
		expect_overrides(&s, 5, want);
		assert_string_equal(s.text[3], "2:huyen:100:off:Lý do huyện sửa:Reason huyện sửa:Quyết định huyện sửa");
		assert_string_equal(s.text[0], "0::100:off:Lý do quốc gia:Reason quốc gia:Quyết định quốc gia");
	}
	/* the range is inclusive */
	memset(&s, 0, sizeof s);
	OK(store_override_list(f->c, "/1/2/", 100, 102, on_override, &s, NULL));
	{
		static const char *const want[] = {"0::100:off", "1:tinh:102:off", "2:huyen:100:off"};
		expect_overrides(&s, 3, want);
	}
	/* an id is matched as a whole path element */
	memset(&s, 0, sizeof s);
	OK(store_override_list(f->c, "/11/", 0, 1000, on_override, &s, NULL));
	{
		static const char *const want[] = {"0::100:off", "0::120:off", "11:tinh11:100:off"};
		expect_overrides(&s, 3, want);
	}
	/* no unit: national only */
	memset(&s, 0, sizeof s);
	OK(store_override_list(f->c, NULL, 0, 1000, on_override, &s, NULL));
	{
		static const char *const want[] = {"0::100:off", "0::120:off"};
		expect_overrides(&s, 2, want);
	}
	/* a unit's own rows */
	memset(&s, 0, sizeof s);
	OK(store_override_list_own(f->c, prov, 0, 1000, on_override, &s, NULL));
	{
		static const char *const want[] = {"1:tinh:99:remove", "1:tinh:102:off"};
		expect_overrides(&s, 2, want);
	}
	memset(&s, 0, sizeof s);
	OK(store_override_list_own(f->c, 0, 100, 119, on_override, &s, NULL));
	{
		static const char *const want[] = {"0::100:off"};
		expect_overrides(&s, 1, want);
	}

	/* delete: once */
	OK(store_override_delete(f->c, dist, 100, NULL));
	expect_err(store_override_delete(f->c, dist, 100, &err), &err, MC_ENOTFOUND, "date",
		   "Không có thay đổi lịch nào vào ngày này", "No calendar change on that date");
	memset(&s, 0, sizeof s);
	OK(store_override_list_own(f->c, dist, 0, 1000, on_override, &s, NULL));
	assert_int_equal(s.n, 0);

	/* an unknown kind breaks a constraint */
	memset(&bad, 0, sizeof bad);
	bad.day = 5;
	snprintf(bad.kind, sizeof bad.kind, "holiday");
	expect_err(store_override_put(f->c, &bad, 1, 1, &err), &err, MC_ECONFLICT, NULL, CONFLICT_VI, CONFLICT_EN);

	/* a callback's non-zero return stops the listing */
	memset(&s, 0, sizeof s);
	s.stop_after = 1;
	s.stop_rc = 5;
	assert_int_equal(store_override_list(f->c, "/1/2/3/", 0, 1000, on_override, &s, NULL), 5);
	assert_int_equal(s.n, 1);
}

/* ---- dossiers (version 4) ------------------------------------------------ */

static void test_dossier_numbers(void **state)
{
	struct fx *f = *state;
	int n = -1;

	for (int i = 1; i <= 3; i++) {
		OK(store_dossier_next_number(f->c, "H01.2", "240101", &n, NULL));
		assert_int_equal(n, i);
	}
	OK(store_dossier_next_number(f->c, "H01.4", "240101", &n, NULL)); /* another agency */
	assert_int_equal(n, 1);
	OK(store_dossier_next_number(f->c, "H01.2", "240102", &n, NULL)); /* another day */
	assert_int_equal(n, 1);
	OK(store_dossier_next_number(f->c, "H01.2", "240101", &n, NULL));
	assert_int_equal(n, 4);
	OK(store_dossier_next_number(f->c, "H01.4", "240101", &n, NULL));
	assert_int_equal(n, 2);

	/* a rolled-back intake gives its number back */
	OK(store_begin(f->c, NULL));
	OK(store_dossier_next_number(f->c, "H01.2", "240103", &n, NULL));
	assert_int_equal(n, 1);
	OK(store_dossier_next_number(f->c, "H01.2", "240103", &n, NULL));
	assert_int_equal(n, 2);
	store_rollback(f->c);
	OK(store_dossier_next_number(f->c, "H01.2", "240103", &n, NULL));
	assert_int_equal(n, 1);

	/* imported codes raise the day's number, never lower it */
	OK(store_dossier_number_floor(f->c, "H01.2", "240103", 7, NULL));
	OK(store_dossier_next_number(f->c, "H01.2", "240103", &n, NULL));
	assert_int_equal(n, 8);
	OK(store_dossier_number_floor(f->c, "H01.2", "240103", 3, NULL));
	OK(store_dossier_next_number(f->c, "H01.2", "240103", &n, NULL));
	assert_int_equal(n, 9);
	OK(store_dossier_number_floor(f->c, "H01.9", "240103", 5, NULL)); /* a new day starts there */
	OK(store_dossier_next_number(f->c, "H01.9", "240103", &n, NULL));
	assert_int_equal(n, 6);
	OK(store_dossier_next_number(f->c, "H01.2", "240101", &n, NULL)); /* others untouched */
	assert_int_equal(n, 5);
}

#define NUM_THREADS (FX_POOL - 1)
#define NUM_EACH 40

struct num_job {
	struct store *st;
	atomic_int *seen; /* seen[k-1]: how often number k was handed out */
	int failures;
	enum mc_err first_rc;
};

static void *num_thread(void *arg)
{
	struct num_job *j = arg;
	struct store_conn *c;
	enum mc_err rc;
	int n;

	if ((j->first_rc = store_conn_get(j->st, &c, NULL))) {
		j->failures = NUM_EACH;
		return NULL;
	}
	for (int i = 0; i < NUM_EACH; i++) {
		/* half on their own, half inside a transaction as intake does */
		bool tx = i % 2;

		n = -1;
		rc = tx ? store_begin(c, NULL) : MC_OK;
		if (!rc)
			rc = store_dossier_next_number(c, "H01.2", "240101", &n, NULL);
		if (!rc && tx)
			rc = store_commit(c, NULL);
		if (rc && tx)
			store_rollback(c);
		if (rc || n < 1 || n > NUM_THREADS * NUM_EACH) {
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

/* N threads x M numbers on their own connections: exactly 1..N*M, each
 * handed out once. */
static void test_dossier_numbers_concurrent(void **state)
{
	struct fx *f = *state;
	static atomic_int seen[NUM_THREADS * NUM_EACH];
	struct num_job jobs[NUM_THREADS];
	pthread_t t[NUM_THREADS];
	int n = -1;

	for (int i = 0; i < NUM_THREADS * NUM_EACH; i++)
		atomic_store(&seen[i], 0);
	for (int i = 0; i < NUM_THREADS; i++) {
		jobs[i] = (struct num_job){.st = f->st, .seen = seen};
		assert_int_equal(pthread_create(&t[i], NULL, num_thread, &jobs[i]), 0);
	}
	for (int i = 0; i < NUM_THREADS; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(jobs[i].first_rc, MC_OK);
		assert_int_equal(jobs[i].failures, 0);
	}
	for (int i = 0; i < NUM_THREADS * NUM_EACH; i++)
		assert_int_equal(atomic_load(&seen[i]), 1);
	OK(store_dossier_next_number(f->c, "H01.2", "240101", &n, NULL));
	assert_int_equal(n, NUM_THREADS * NUM_EACH + 1);
}

/* The unit tree of the dossier tests:
 *   1 tinh /1/ - 2 huyen /1/2/ - 3 xa /1/2/3/
 *              - 4 huyen2 /1/4/ - 5 xa2 /1/4/5/ */
static void dossier_units(struct store_conn *c)
{
	assert_int_equal(add_unit(c, "tinh", 0, "province"), 1);
	assert_int_equal(add_unit(c, "huyen", 1, "district"), 2);
	assert_int_equal(add_unit(c, "xa", 2, "commune"), 3);
	assert_int_equal(add_unit(c, "huyen2", 1, "district"), 4);
	assert_int_equal(add_unit(c, "xa2", 4, "commune"), 5);
}

static struct dossier_rec mkdossier(const char *code, int64_t recv, int64_t resolving, int64_t step_unit,
				    const char *state, int64_t assignee, int64_t citizen, int64_t received_at,
				    int64_t appointment, const char *name, const char *folded)
{
	struct dossier_rec d;

	memset(&d, 0, sizeof d);
	snprintf(d.code, sizeof d.code, "%s", code);
	snprintf(d.procedure_code, sizeof d.procedure_code, "1.001612");
	d.procedure_version = 2;
	d.receiving_unit_id = recv;
	d.desk_unit_id = recv;
	d.resolving_unit_id = resolving;
	snprintf(d.channel, sizeof d.channel, "%s", citizen ? "online" : "direct");
	snprintf(d.applicant_kind, sizeof d.applicant_kind, "individual");
	snprintf(d.applicant_name, sizeof d.applicant_name, "%s", name);
	snprintf(d.applicant_folded, sizeof d.applicant_folded, "%s", folded);
	snprintf(d.applicant_id, sizeof d.applicant_id, "001090000001");
	snprintf(d.applicant_phone, sizeof d.applicant_phone, "0912345678");
	snprintf(d.applicant_email, sizeof d.applicant_email, "an@example.vn");
	d.citizen_id = citizen;
	d.doc = (char *)"{\"checklist\":[{\"index\":0,\"tên\":\"Tờ khai\"}]}";
	snprintf(d.state, sizeof d.state, "%s", state);
	d.step = step_unit ? 1 : -1;
	d.step_unit_id = step_unit;
	snprintf(d.step_role, sizeof d.step_role, "%s", step_unit ? "specialist" : "");
	d.assignee_id = assignee;
	d.received_at = received_at;
	d.legal_due = appointment + 100;
	d.appointment = appointment;
	d.version = 1;
	d.created_at = received_at;
	d.updated_at = received_at;
	return d;
}

static void test_dossier_insert_get(void **state)
{
	struct fx *f = *state;
	struct dossier_rec d, got, dup;
	struct mc_error err = {0};

	dossier_units(f->c);
	d = mkdossier("H01.2-240101-0001", 2, 4, 3, "processing", 10, 7, 1000, 5000, "Nguyễn Văn An",
		      "nguyen van an");
	d.finished_at = 11;
	d.returned_at = 12;
	d.closed_at = 13;
	d.supplement_count = 2;
	d.apology_count = 1;
	d.desk_unit_id = 3;
	OK(store_dossier_insert(f->c, &d, NULL));
	assert_true(d.id > 0);

	OK(store_dossier_get(f->c, "H01.2-240101-0001", &got, NULL));
	assert_int_equal(got.id, d.id);
	assert_string_equal(got.code, "H01.2-240101-0001");
	assert_string_equal(got.procedure_code, "1.001612");
	assert_int_equal(got.procedure_version, 2);
	assert_int_equal(got.receiving_unit_id, 2);
	assert_int_equal(got.desk_unit_id, 3);
	assert_int_equal(got.resolving_unit_id, 4);
	assert_string_equal(got.channel, "online");
	assert_string_equal(got.applicant_kind, "individual");
	assert_string_equal(got.applicant_name, "Nguyễn Văn An");
	assert_string_equal(got.applicant_folded, "nguyen van an");
	assert_string_equal(got.applicant_id, "001090000001");
	assert_string_equal(got.applicant_phone, "0912345678");
	assert_string_equal(got.applicant_email, "an@example.vn");
	assert_int_equal(got.citizen_id, 7);
	assert_string_equal(got.doc, "{\"checklist\":[{\"index\":0,\"tên\":\"Tờ khai\"}]}");
	assert_string_equal(got.state, "processing");
	assert_int_equal(got.step, 1);
	assert_int_equal(got.step_unit_id, 3);
	assert_string_equal(got.step_role, "specialist");
	assert_int_equal(got.assignee_id, 10);
	assert_int_equal(got.received_at, 1000);
	assert_int_equal(got.legal_due, 5100);
	assert_int_equal(got.appointment, 5000);
	assert_int_equal(got.finished_at, 11);
	assert_int_equal(got.returned_at, 12);
	assert_int_equal(got.closed_at, 13);
	assert_int_equal(got.supplement_count, 2);
	assert_int_equal(got.apology_count, 1);
	assert_int_equal(got.version, 1);
	assert_int_equal(got.created_at, 1000);
	assert_int_equal(got.updated_at, 1000);
	assert_string_equal(got.step_unit_path, "/1/2/3/");
	assert_string_equal(got.receiving_unit_path, "/1/2/");
	assert_string_equal(got.resolving_unit_path, "/1/4/");
	free(got.doc);

	/* no step unit: an empty path */
	d = mkdossier("H01.2-240101-0002", 2, 2, 0, "received", 0, 0, 1000, 0, "Trần Thị Bình", "tran thi binh");
	OK(store_dossier_insert(f->c, &d, NULL));
	OK(store_dossier_get(f->c, "H01.2-240101-0002", &got, NULL));
	assert_string_equal(got.step_unit_path, "");
	assert_int_equal(got.step, -1);
	assert_string_equal(got.step_role, "");
	assert_string_equal(got.channel, "direct");
	free(got.doc);

	dup = d;
	expect_err(store_dossier_insert(f->c, &dup, &err), &err, MC_ECONFLICT, "code", "Mã hồ sơ đã tồn tại",
		   "The dossier code already exists");
	expect_err(store_dossier_get(f->c, "H01.2-240101-0009", &got, &err), &err, MC_ENOTFOUND, "code",
		   "Không tìm thấy hồ sơ", "Dossier not found");
	/* an unknown unit or channel breaks a constraint */
	dup = mkdossier("H01.2-240101-0003", 99, 2, 0, "received", 0, 0, 1, 0, "X", "x");
	assert_int_equal(store_dossier_insert(f->c, &dup, &err), MC_ECONFLICT);
	dup = mkdossier("H01.2-240101-0004", 2, 2, 0, "received", 0, 0, 1, 0, "X", "x");
	snprintf(dup.channel, sizeof dup.channel, "fax");
	assert_int_equal(store_dossier_insert(f->c, &dup, &err), MC_ECONFLICT);
}

struct event_seen {
	int n;
	struct dossier_event_rec rec[8];
	char data[8][64];
};

static int on_event(void *ctx, const struct dossier_event_rec *e)
{
	struct event_seen *s = ctx;

	if (s->n < 8) {
		s->rec[s->n] = *e;
		snprintf(s->data[s->n], sizeof s->data[s->n], "%s", e->data ? e->data : "(null)");
		s->rec[s->n].data = NULL; /* borrowed */
	}
	s->n++;
	return 0;
}

static void add_event(struct store_conn *c, int64_t dossier, int seq, const char *kind, const char *data,
		      enum mc_err want)
{
	struct dossier_event_rec e;
	struct mc_error err = {0};

	memset(&e, 0, sizeof e);
	e.dossier_id = dossier;
	e.seq = seq;
	snprintf(e.kind, sizeof e.kind, "%s", kind);
	e.at = 1000 + seq;
	e.actor_id = 5;
	e.unit_id = 2;
	e.step = seq - 1;
	e.data = data;
	assert_int_equal(store_dossier_event_insert(c, &e, &err), want);
}

static void test_dossier_events(void **state)
{
	struct fx *f = *state;
	struct dossier_rec d;
	struct event_seen s = {0};
	struct mc_error err = {0};

	dossier_units(f->c);
	d = mkdossier("H01.2-240101-0001", 2, 2, 2, "processing", 0, 0, 1000, 5000, "An", "an");
	OK(store_dossier_insert(f->c, &d, NULL));
	add_event(f->c, d.id, 2, "assign", "{\"to\":3}", MC_OK);
	add_event(f->c, d.id, 1, "receive", "{\"tên\":\"Hồ sơ\"}", MC_OK);
	add_event(f->c, d.id, 3, "note", NULL, MC_OK);
	add_event(f->c, d.id, 2, "again", "{}", MC_ECONFLICT);    /* one event per seq */
	add_event(f->c, d.id + 100, 1, "orphan", "{}", MC_ECONFLICT); /* no such dossier */
	(void)err;

	OK(store_dossier_events(f->c, d.id, on_event, &s, NULL));
	assert_int_equal(s.n, 3);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(s.rec[i].seq, i + 1);
		assert_int_equal(s.rec[i].dossier_id, d.id);
		assert_int_equal(s.rec[i].at, 1001 + i);
		assert_int_equal(s.rec[i].actor_id, 5);
		assert_int_equal(s.rec[i].unit_id, 2);
		assert_int_equal(s.rec[i].step, i);
	}
	assert_string_equal(s.rec[0].kind, "receive");
	assert_string_equal(s.data[0], "{\"tên\":\"Hồ sơ\"}");
	assert_string_equal(s.rec[1].kind, "assign");
	assert_string_equal(s.data[1], "{\"to\":3}");
	assert_string_equal(s.data[2], "{}"); /* NULL data is stored as {} */
	memset(&s, 0, sizeof s);
	OK(store_dossier_events(f->c, d.id + 100, on_event, &s, NULL));
	assert_int_equal(s.n, 0);
}

static const char *const VERSION_VI = "Hồ sơ vừa được người khác cập nhật; vui lòng tải lại và thử lại";
static const char *const VERSION_EN = "Someone else has just updated this dossier; reload and try again";

struct upd_job {
	struct store *st;
	struct dossier_rec d;
	int expected;
	enum mc_err rc;
	struct mc_error err;
};

static void *update_thread(void *arg)
{
	struct upd_job *j = arg;
	struct store_conn *c;

	if ((j->rc = store_conn_get(j->st, &c, NULL)))
		return NULL;
	j->rc = store_dossier_update(c, &j->d, j->expected, &j->err);
	store_conn_put(c);
	return NULL;
}

static void test_dossier_update(void **state)
{
	struct fx *f = *state;
	struct dossier_rec d, got, upd;
	struct mc_error err = {0};
	struct upd_job job;
	pthread_t t;

	dossier_units(f->c);
	d = mkdossier("H01.2-240101-0001", 2, 2, 2, "received", 0, 0, 1000, 5000, "An", "an");
	OK(store_dossier_insert(f->c, &d, NULL));

	/* the view moves on; a NULL doc keeps the document */
	upd = d;
	snprintf(upd.state, sizeof upd.state, "processing");
	upd.step = 2;
	upd.step_unit_id = 3;
	snprintf(upd.step_role, sizeof upd.step_role, "head");
	upd.assignee_id = 9;
	upd.received_at = 1001;
	upd.legal_due = 6000;
	upd.appointment = 5500;
	upd.finished_at = 7;
	upd.returned_at = 8;
	upd.closed_at = 9;
	upd.supplement_count = 1;
	upd.apology_count = 3;
	upd.version = 2;
	upd.updated_at = 2000;
	upd.doc = NULL;
	snprintf(upd.applicant_name, sizeof upd.applicant_name, "not updated");
	OK(store_dossier_update(f->c, &upd, 1, NULL));
	OK(store_dossier_get(f->c, d.code, &got, NULL));
	assert_string_equal(got.state, "processing");
	assert_int_equal(got.step, 2);
	assert_int_equal(got.step_unit_id, 3);
	assert_string_equal(got.step_unit_path, "/1/2/3/");
	assert_string_equal(got.step_role, "head");
	assert_int_equal(got.assignee_id, 9);
	assert_int_equal(got.received_at, 1001);
	assert_int_equal(got.legal_due, 6000);
	assert_int_equal(got.appointment, 5500);
	assert_int_equal(got.finished_at, 7);
	assert_int_equal(got.returned_at, 8);
	assert_int_equal(got.closed_at, 9);
	assert_int_equal(got.supplement_count, 1);
	assert_int_equal(got.apology_count, 3);
	assert_int_equal(got.version, 2);
	assert_int_equal(got.updated_at, 2000);
	assert_int_equal(got.created_at, 1000);
	assert_string_equal(got.applicant_name, "An"); /* identity is not part of the view */
	assert_string_equal(got.doc, d.doc);
	free(got.doc);

	/* a stale version loses, and changes nothing */
	upd.version = 3;
	snprintf(upd.state, sizeof upd.state, "stale");
	expect_err(store_dossier_update(f->c, &upd, 1, &err), &err, MC_ECONFLICT, "version", VERSION_VI, VERSION_EN);
	upd.id = d.id + 100; /* so does a missing row */
	expect_err(store_dossier_update(f->c, &upd, 2, &err), &err, MC_ECONFLICT, "version", VERSION_VI, VERSION_EN);
	upd.id = d.id;
	OK(store_dossier_get(f->c, d.code, &got, NULL));
	assert_string_equal(got.state, "processing");
	free(got.doc);

	/* a new doc replaces the old one */
	upd.doc = (char *)"{\"v\":3}";
	snprintf(upd.state, sizeof upd.state, "done");
	OK(store_dossier_update(f->c, &upd, 2, NULL));
	OK(store_dossier_get(f->c, d.code, &got, NULL));
	assert_string_equal(got.doc, "{\"v\":3}");
	assert_string_equal(got.state, "done");
	assert_int_equal(got.version, 3);
	free(got.doc);

	/* two writers read version 3: the first commits 4, the second, which
	 * waited for it, finds the row moved */
	OK(store_begin(f->c, NULL));
	upd.version = 4;
	snprintf(upd.state, sizeof upd.state, "first");
	OK(store_dossier_update(f->c, &upd, 3, NULL));
	memset(&job, 0, sizeof job);
	job.st = f->st;
	job.d = upd;
	job.d.doc = NULL;
	snprintf(job.d.state, sizeof job.d.state, "second");
	job.expected = 3;
	assert_int_equal(pthread_create(&t, NULL, update_thread, &job), 0);
	ms_sleep(200);
	OK(store_commit(f->c, NULL));
	pthread_join(t, NULL);
	assert_int_equal(job.rc, MC_ECONFLICT);
	assert_string_equal(job.err.field, "version");
	assert_string_equal(job.err.msg_vi, VERSION_VI);
	assert_string_equal(job.err.msg_en, VERSION_EN);
	OK(store_dossier_get(f->c, d.code, &got, NULL));
	assert_string_equal(got.state, "first");
	assert_int_equal(got.version, 4);
	free(got.doc);
}

struct dossier_seen {
	int n;
	int stop_after;
	char codes[512];
};

static int on_dossier(void *ctx, const struct dossier_rec *d)
{
	struct dossier_seen *s = ctx;
	size_t k = strlen(s->codes);

	/* the code's last part is enough to tell them apart: 2-0001 */
	snprintf(s->codes + k, sizeof s->codes - k, "%s%c%s", s->n ? "," : "", d->code[4], d->code + 12);
	s->n++;
	if (!d->doc || strcmp(d->doc, "{\"checklist\":[{\"index\":0,\"tên\":\"Tờ khai\"}]}"))
		return 99;
	return s->stop_after > 0 && s->n >= s->stop_after ? 55 : 0;
}

static void expect_dossiers(struct store_conn *c, const struct dossier_filter *fl, int64_t total, const char *codes)
{
	struct dossier_seen s = {0};
	int64_t t = -1;

	OK(store_dossier_list(c, fl, on_dossier, &s, &t, NULL));
	assert_string_equal(s.codes, codes);
	assert_int_equal(t, total);
}

/* The period reports' question: dossier_filter.active_since.  Seen as
 * "seq numbers in the order listed", checking doc is NULL iff without_doc. */
struct active_seen {
	bool without_doc;
	int bad;
	char seqs[128];
};

static int on_active(void *ctx, const struct dossier_rec *d)
{
	struct active_seen *s = ctx;
	size_t k = strlen(s->seqs);

	snprintf(s->seqs + k, sizeof s->seqs - k, "%s%d", k ? "," : "", atoi(strrchr(d->code, '-') + 1));
	if ((d->doc == NULL) != s->without_doc)
		s->bad++;
	return 0;
}

/* The listed seq numbers, sorted (order 2 promises no order). */
static void expect_active(struct store_conn *c, const struct dossier_filter *fl, int64_t total, const char *sorted)
{
	struct active_seen s = {.without_doc = fl->without_doc};
	int seq[16], n = 0;
	char got[128] = "";
	int64_t t = -1;

	OK(store_dossier_list(c, fl, on_active, &s, &t, NULL));
	assert_int_equal(s.bad, 0);
	assert_int_equal(t, total);
	for (char *p = s.seqs; *p && n < 16; p = strchr(p, ',') ? strchr(p, ',') + 1 : p + strlen(p))
		seq[n++] = atoi(p);
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && seq[j - 1] > seq[j]; j--) {
			int x = seq[j];

			seq[j] = seq[j - 1];
			seq[j - 1] = x;
		}
	for (int i = 0; i < n; i++)
		snprintf(got + strlen(got), sizeof got - strlen(got), "%s%d", i ? "," : "", seq[i]);
	assert_string_equal(got, sorted);
}

/* The unit whose opinion a dossier waits for: stored, read back, updated,
 * and the list of a subtree's owed opinions (view=opinions). */
static void test_dossier_opinion_unit(void **state)
{
	struct fx *f = *state;
	struct dossier_filter fl = {0};
	struct dossier_rec d, got;

	dossier_units(f->c);
	/* 1: asked of the commune "xa" (3); 2: of "xa2" (5); 3: none */
	for (int i = 0; i < 3; i++) {
		char code[40];

		snprintf(code, sizeof code, "H01.2-240101-%04d", i + 1);
		d = mkdossier(code, 2, 2, 2, "processing", 0, 0, 1000, 5000, "A", "a");
		d.opinion_unit_id = i == 0 ? 3 : i == 1 ? 5 : 0;
		OK(store_dossier_insert(f->c, &d, NULL));
	}
	OK(store_dossier_get(f->c, "H01.2-240101-0001", &got, NULL));
	assert_int_equal(got.opinion_unit_id, 3);
	free(got.doc);
	fl.order = 1;
	fl.opinion_unit_path = "/1/2/3/"; /* the commune itself */
	expect_active(f->c, &fl, 1, "1");
	fl.opinion_unit_path = "/1/"; /* the whole province: both owed */
	expect_active(f->c, &fl, 2, "1,2");
	fl.opinion_unit_path = "/1/4/";
	expect_active(f->c, &fl, 1, "2");
	/* answered: the update clears it, and the list forgets it */
	OK(store_dossier_get(f->c, "H01.2-240101-0002", &got, NULL));
	got.opinion_unit_id = 0;
	got.version = 2;
	free(got.doc);
	got.doc = NULL;
	OK(store_dossier_update(f->c, &got, 1, NULL));
	expect_active(f->c, &fl, 0, "");
	OK(store_dossier_get(f->c, "H01.2-240101-0002", &got, NULL));
	assert_int_equal(got.opinion_unit_id, 0);
	free(got.doc);
}

static void test_dossier_list_active(void **state)
{
	struct fx *f = *state;
	/* seq: received_at, finished_at, closed_at, receiving unit */
	static const int64_t rows[][4] = {
		{1000, 0, 0, 2},    /* 1 open: counts */
		{1000, 1500, 0, 2}, /* 2 finished before the start */
		{1000, 2500, 0, 2}, /* 3 finished in the period */
		{1000, 0, 1800, 2}, /* 4 withdrawn before the start */
		{1000, 0, 2200, 2}, /* 5 withdrawn in the period */
		{3000, 0, 0, 2},    /* 6 received at the end: not yet */
		{0, 0, 0, 2},       /* 7 not received (online, waiting at the desk) */
		{2000, 2000, 0, 2}, /* 8 finished at the start itself */
		{1000, 0, 0, 4},    /* 9 open, in the other district */
	};
	struct dossier_filter fl = {0};
	struct active_seen s = {0};

	dossier_units(f->c);
	for (int i = 0; i < 9; i++) {
		char code[40];
		struct dossier_rec d;

		snprintf(code, sizeof code, "H01.2-240101-%04d", i + 1);
		d = mkdossier(code, rows[i][3], rows[i][3], 0, "processing", 0, 0, rows[i][0], 5000, "A", "a");
		d.finished_at = rows[i][1];
		d.closed_at = rows[i][2];
		OK(store_dossier_insert(f->c, &d, NULL));
	}
	fl.active_since = 2000;
	fl.received_to = 3000;
	fl.order = 2;
	fl.without_doc = true;
	expect_active(f->c, &fl, 6, "1,3,5,7,8,9");
	fl.without_doc = false;
	expect_active(f->c, &fl, 6, "1,3,5,7,8,9");
	fl.received_to = 0; /* open: no end */
	expect_active(f->c, &fl, 7, "1,3,5,6,7,8,9");
	fl.received_to = 3000;
	fl.any_unit_path = "/1/2/";
	expect_active(f->c, &fl, 5, "1,3,5,7,8");
	fl.receiving_unit_path = "/1/4/";
	fl.any_unit_path = NULL;
	expect_active(f->c, &fl, 1, "9");
	fl.receiving_unit_path = NULL;
	/* sorted orders still sort: by received_at, then id */
	fl.order = 1;
	OK(store_dossier_list(f->c, &fl, on_active, &s, NULL, NULL));
	assert_string_equal(s.seqs, "7,1,3,5,9,8");
	fl.limit = 2;
	fl.offset = 1;
	memset(&s, 0, sizeof s);
	OK(store_dossier_list(f->c, &fl, on_active, &s, NULL, NULL));
	assert_string_equal(s.seqs, "1,3");
}

/* The report on a small subtree (a commune) takes the rows through the
 * subtree's unit ids (0008); on a large one (more than 8 units) through the
 * period's candidates: the same rows either way, matched by any of the four
 * units. */
static void test_dossier_list_active_subtree(void **state)
{
	struct fx *f = *state;
	/* seq: receiving, desk, resolving, step unit, received_at, finished_at, closed_at */
	static const int64_t rows[][7] = {
		{3, 3, 3, 3, 1000, 0, 0},    /* 1 all in the commune xa (3) */
		{5, 5, 3, 0, 1000, 0, 0},    /* 2 only resolved there */
		{5, 5, 5, 3, 1000, 2500, 0}, /* 3 only held there (step) */
		{5, 3, 5, 5, 1000, 0, 0},    /* 4 only at its desk */
		{5, 5, 5, 5, 1000, 0, 0},    /* 5 elsewhere */
		{3, 3, 3, 3, 1000, 1500, 0}, /* 6 finished before the start */
		{5, 5, 3, 5, 3000, 0, 0},    /* 7 received at the end */
		{5, 5, 5, 3, 1000, 0, 1800}, /* 8 withdrawn before the start */
		{2, 2, 2, 2, 1000, 0, 0},    /* 9 in the district, not the commune */
	};
	struct dossier_filter fl = {0};

	dossier_units(f->c);
	for (int i = 0; i < 9; i++) {
		char code[40];
		struct dossier_rec d;

		snprintf(code, sizeof code, "H01.2-240101-%04d", i + 1);
		d = mkdossier(code, rows[i][0], rows[i][2], rows[i][3], "processing", 0, 0, rows[i][4], 5000, "A",
			      "a");
		d.desk_unit_id = rows[i][1];
		d.finished_at = rows[i][5];
		d.closed_at = rows[i][6];
		OK(store_dossier_insert(f->c, &d, NULL));
	}
	fl.active_since = 2000;
	fl.received_to = 3000;
	fl.order = 2;
	fl.without_doc = true;
	fl.any_unit_path = "/1/2/3/"; /* one unit */
	expect_active(f->c, &fl, 4, "1,2,3,4");
	fl.without_doc = false;
	expect_active(f->c, &fl, 4, "1,2,3,4");
	fl.order = 1;
	expect_active(f->c, &fl, 4, "1,2,3,4");
	fl.order = 2;
	fl.any_unit_path = "/1/2/"; /* two units */
	expect_active(f->c, &fl, 5, "1,2,3,4,9");
	fl.any_unit_path = "/1/4/5/";
	expect_active(f->c, &fl, 4, "2,3,4,5");
	fl.any_unit_path = "/1/9/"; /* no such unit */
	expect_active(f->c, &fl, 0, "");
	fl.any_unit_path = "/1/";
	expect_active(f->c, &fl, 6, "1,2,3,4,5,9");
	/* a large subtree: nine more units under huyen2, the same rows */
	for (int i = 0; i < 9; i++) {
		char code[16];

		snprintf(code, sizeof code, "xa2-%d", i);
		assert_int_equal(add_unit(f->c, code, 4, "commune"), 6 + i);
	}
	expect_active(f->c, &fl, 6, "1,2,3,4,5,9");
	fl.any_unit_path = "/1/4/";
	expect_active(f->c, &fl, 4, "2,3,4,5");
	fl.any_unit_path = "/1/2/3/";
	expect_active(f->c, &fl, 4, "1,2,3,4");
}

static void test_dossier_list(void **state)
{
	struct fx *f = *state;
	static const char *const busy[] = {"processing", "supplement", NULL};
	static const char *const processing[] = {"processing", NULL};
	struct dossier_filter fl = {0};
	struct dossier_rec d[4];
	struct dossier_seen s = {.stop_after = 2};
	int64_t t = -1;

	dossier_units(f->c);
	d[0] = mkdossier("H01.2-240101-0001", 2, 2, 3, "processing", 10, 0, 1000, 5000, "Nguyễn Văn An",
			 "nguyen van an");
	d[1] = mkdossier("H01.2-240101-0002", 2, 4, 4, "processing", 11, 7, 2000, 4000, "Trần Thị Bình",
			 "tran thi binh");
	d[2] = mkdossier("H01.4-240102-0001", 4, 4, 0, "returned", 0, 7, 3000, 6000, "Lê Văn An", "le van an");
	d[3] = mkdossier("H01.4-240102-0002", 4, 2, 2, "supplement", 10, 0, 4000, 1000, "Phạm Thị Dung",
			 "pham thi dung");
	for (int i = 0; i < 4; i++)
		OK(store_dossier_insert(f->c, &d[i], NULL));

	/* order 0: appointment first (worklists); 1: received */
	expect_dossiers(f->c, &fl, 4, "4-0002,2-0002,2-0001,4-0001");
	fl.order = 1;
	expect_dossiers(f->c, &fl, 4, "2-0001,2-0002,4-0001,4-0002");
	fl.limit = 2;
	fl.offset = 1;
	expect_dossiers(f->c, &fl, 4, "2-0002,4-0001");
	fl.limit = 0;
	fl.offset = 3;
	expect_dossiers(f->c, &fl, 4, "4-0002");
	memset(&fl, 0, sizeof fl);

	/* at a step of this subtree */
	fl.step_unit_path = "/1/2/";
	expect_dossiers(f->c, &fl, 2, "4-0002,2-0001");
	fl.step_unit_path = "/1/2/3/";
	expect_dossiers(f->c, &fl, 1, "2-0001");
	fl.step_unit_path = "/1/";
	expect_dossiers(f->c, &fl, 3, "4-0002,2-0002,2-0001");
	fl.step_unit_path = "";
	expect_dossiers(f->c, &fl, 4, "4-0002,2-0002,2-0001,4-0001");
	memset(&fl, 0, sizeof fl);

	/* received by this subtree */
	fl.receiving_unit_path = "/1/4/";
	expect_dossiers(f->c, &fl, 2, "4-0002,4-0001");
	fl.receiving_unit_path = "/1/4/5/";
	expect_dossiers(f->c, &fl, 0, "");
	memset(&fl, 0, sizeof fl);

	/* received, resolved or held in this subtree */
	fl.any_unit_path = "/1/4/";
	expect_dossiers(f->c, &fl, 3, "4-0002,2-0002,4-0001");
	fl.any_unit_path = "/1/2/3/";
	expect_dossiers(f->c, &fl, 1, "2-0001");
	memset(&fl, 0, sizeof fl);

	fl.states = busy;
	expect_dossiers(f->c, &fl, 3, "4-0002,2-0002,2-0001");
	fl.states = processing;
	fl.receiving_unit_path = "/1/2/";
	expect_dossiers(f->c, &fl, 2, "2-0002,2-0001");
	memset(&fl, 0, sizeof fl);

	fl.assignee_id = 10;
	expect_dossiers(f->c, &fl, 2, "4-0002,2-0001");
	fl.assignee_id = 0;
	fl.citizen_id = 7;
	expect_dossiers(f->c, &fl, 2, "2-0002,4-0001");
	fl.citizen_id = 0;

	/* received in [from, to) */
	fl.received_from = 2000;
	fl.received_to = 4000;
	fl.order = 1;
	expect_dossiers(f->c, &fl, 2, "2-0002,4-0001");
	fl.received_to = 0;
	expect_dossiers(f->c, &fl, 3, "2-0002,4-0001,4-0002");
	fl.received_from = 0;
	fl.received_to = 2000;
	expect_dossiers(f->c, &fl, 1, "2-0001");
	memset(&fl, 0, sizeof fl);

	fl.code_prefix = "H01.4-";
	expect_dossiers(f->c, &fl, 2, "4-0002,4-0001");
	fl.code_prefix = "H01.2-240101-0002";
	expect_dossiers(f->c, &fl, 1, "2-0002");
	fl.code_prefix = "01.2";
	expect_dossiers(f->c, &fl, 0, "");
	memset(&fl, 0, sizeof fl);

	/* a substring of the folded name */
	fl.applicant_folded = "van an";
	fl.order = 1;
	expect_dossiers(f->c, &fl, 2, "2-0001,4-0001");
	fl.applicant_folded = "thi";
	expect_dossiers(f->c, &fl, 2, "2-0002,4-0002");
	fl.applicant_folded = "";
	expect_dossiers(f->c, &fl, 4, "2-0001,2-0002,4-0001,4-0002");
	memset(&fl, 0, sizeof fl);

	/* a callback's non-zero return stops the listing; total_out may be NULL */
	assert_int_equal(store_dossier_list(f->c, &fl, on_dossier, &s, &t, NULL), 55);
	assert_int_equal(s.n, 2);
	assert_int_equal(t, 4);
	memset(&s, 0, sizeof s);
	OK(store_dossier_list(f->c, &fl, on_dossier, &s, NULL, NULL));
	assert_int_equal(s.n, 4);

	/* "any unit" also covers the desk that took the dossier in */
	d[0] = mkdossier("H01.2-240103-0001", 2, 2, 0, "received", 0, 0, 5000, 9000, "Võ Văn Em", "vo van em");
	d[0].desk_unit_id = 5;
	OK(store_dossier_insert(f->c, &d[0], NULL));
	fl.any_unit_path = "/1/4/5/";
	expect_dossiers(f->c, &fl, 1, "2-0001");
	fl.any_unit_path = "/1/4/";
	expect_dossiers(f->c, &fl, 4, "4-0002,2-0002,4-0001,2-0001");
	fl.receiving_unit_path = "/1/4/"; /* receiving does not */
	expect_dossiers(f->c, &fl, 2, "4-0002,4-0001");
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

/* ---- version 5: kv documents, the outbox, attachments --------------------- */

static int count_kv(void *ctx, const struct kv_rec *k)
{
	int *n = ctx;

	assert_non_null(k->value);
	(*n)++;
	return 0;
}

static void test_kv(void **state)
{
	struct fx *f = *state;
	struct kv_rec k = {0}, got;
	int n = 0;

	snprintf(k.scope, sizeof k.scope, "user:7");
	snprintf(k.key, sizeof k.key, "profile");
	k.value = "{\"address\":\"Thôn 3\"}";
	k.updated_at = 100;
	OK(store_kv_put(f->c, &k, NULL));
	OK(store_kv_get(f->c, "user:7", "profile", &got, NULL));
	assert_string_equal(got.value, "{\"address\":\"Thôn 3\"}");
	assert_int_equal(got.updated_at, 100);
	free(got.value);
	/* replace */
	k.value = "{}";
	k.updated_at = 200;
	OK(store_kv_put(f->c, &k, NULL));
	OK(store_kv_get(f->c, "user:7", "profile", &got, NULL));
	assert_string_equal(got.value, "{}");
	free(got.value);
	assert_int_equal(store_kv_get(f->c, "user:8", "profile", &got, NULL), MC_ENOTFOUND);
	/* prefix listing: "draft:" matches literally ('_' and '%' are not wildcards) */
	snprintf(k.key, sizeof k.key, "draft:a");
	OK(store_kv_put(f->c, &k, NULL));
	snprintf(k.key, sizeof k.key, "draft:b");
	OK(store_kv_put(f->c, &k, NULL));
	snprintf(k.key, sizeof k.key, "draftXc");
	OK(store_kv_put(f->c, &k, NULL));
	OK(store_kv_list(f->c, "user:7", "draft:", count_kv, &n, NULL));
	assert_int_equal(n, 2);
	n = 0;
	OK(store_kv_list(f->c, "user:7", "", count_kv, &n, NULL));
	assert_int_equal(n, 4);
	OK(store_kv_delete(f->c, "user:7", "draft:a", NULL));
	n = 0;
	OK(store_kv_list(f->c, "user:7", "draft:", count_kv, &n, NULL));
	assert_int_equal(n, 1);
}

static void test_outbox(void **state)
{
	struct fx *f = *state;
	struct outbox_rec m = {0}, got;

	snprintf(m.channel, sizeof m.channel, "email");
	snprintf(m.recipient, sizeof m.recipient, "a@example.vn");
	snprintf(m.subject, sizeof m.subject, "Hồ sơ đã được tiếp nhận");
	snprintf(m.kind, sizeof m.kind, "received");
	m.body = "Nội dung";
	m.next_at = 1000;
	m.created_at = 900;
	OK(store_outbox_insert(f->c, &m, NULL));
	assert_true(m.id > 0);
	m.next_at = 2000; /* a second one, due later */
	OK(store_outbox_insert(f->c, &m, NULL));
	assert_int_equal(store_outbox_claim(f->c, 999, 1100, &got, NULL), MC_ENOTFOUND);
	OK(store_outbox_claim(f->c, 1000, 1100, &got, NULL));
	assert_string_equal(got.status, "sending");
	assert_int_equal(got.attempts, 1);
	assert_int_equal(got.next_at, 1100);
	assert_string_equal(got.body, "Nội dung");
	assert_string_equal(got.subject, "Hồ sơ đã được tiếp nhận");
	free(got.body);
	/* leased: nobody else takes it until the lease runs out */
	assert_int_equal(store_outbox_claim(f->c, 1050, 1200, &got, NULL), MC_ENOTFOUND);
	OK(store_outbox_claim(f->c, 1100, 1300, &got, NULL));
	assert_int_equal(got.attempts, 2);
	free(got.body);
	OK(store_outbox_finish(f->c, got.id, "queued", 1500, 0, "smtp: timeout", NULL));
	assert_int_equal(store_outbox_claim(f->c, 1499, 1600, &got, NULL), MC_ENOTFOUND);
	OK(store_outbox_claim(f->c, 1500, 1600, &got, NULL));
	assert_int_equal(got.attempts, 3);
	assert_string_equal(got.last_error, "smtp: timeout");
	free(got.body);
	OK(store_outbox_finish(f->c, got.id, "sent", 1500, 1500, "", NULL));
	/* the second message comes when due; sent ones never again */
	OK(store_outbox_claim(f->c, 5000, 5100, &got, NULL));
	assert_int_equal(got.id, m.id);
	assert_int_equal(got.attempts, 1);
	free(got.body);
	OK(store_outbox_finish(f->c, got.id, "failed", 5000, 0, "gave up", NULL));
	assert_int_equal(store_outbox_claim(f->c, 99999, 100000, &got, NULL), MC_ENOTFOUND);
}

static int count_att(void *ctx, const struct attachment_rec *a)
{
	int *n = ctx;

	assert_int_equal(a->size, 1234);
	(*n)++;
	return 0;
}

static void test_attachments(void **state)
{
	struct fx *f = *state;
	struct attachment_rec a = {0}, got;
	int n = 0;

	snprintf(a.owner, sizeof a.owner, "draft:7:draft-0011223344556677");
	a.document_index = 1;
	snprintf(a.purpose, sizeof a.purpose, "document");
	snprintf(a.sha256, sizeof a.sha256, "%064d", 0);
	snprintf(a.content_type, sizeof a.content_type, "application/pdf");
	a.size = 1234;
	snprintf(a.filename, sizeof a.filename, "tờ khai.pdf");
	a.uploaded_by = 7;
	a.created_at = 100;
	OK(store_attachment_insert(f->c, &a, NULL));
	assert_true(a.id > 0);
	a.document_index = 0;
	OK(store_attachment_insert(f->c, &a, NULL));
	OK(store_attachment_get(f->c, a.id, &got, NULL));
	assert_string_equal(got.filename, "tờ khai.pdf");
	assert_int_equal(got.document_index, 0);
	assert_string_equal(got.owner, "draft:7:draft-0011223344556677");
	assert_int_equal(store_attachment_get(f->c, a.id + 100, &got, NULL), MC_ENOTFOUND);
	OK(store_attachment_list(f->c, a.owner, count_att, &n, NULL));
	assert_int_equal(n, 2);
	OK(store_attachment_move(f->c, a.owner, "dossier:3", NULL));
	n = 0;
	OK(store_attachment_list(f->c, a.owner, count_att, &n, NULL));
	assert_int_equal(n, 0);
	OK(store_attachment_list(f->c, "dossier:3", count_att, &n, NULL));
	assert_int_equal(n, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_migrate_idempotent, setup_raw, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_concurrent, setup_raw, teardown),
		cmocka_unit_test_setup_teardown(test_units_tree, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_units_errors, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_unit_list_stop, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_unit_update, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_users_insert_get_login, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_user_list, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_user_updates, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_grants, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_sessions, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_counters, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_counter_concurrent, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_audit, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_audit_default_limit, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_audit_filters, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_dossier_opinion_unit, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_tx_rollback_commit, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_tx_isolation, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_tx_conn_put_rolls_back, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_tx_failed_statement, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_tx_misuse, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_pool_waits, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_fields, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_procedure_versions, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_procedure_search, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_procedure_counts, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_calendar_overrides, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_dossier_numbers, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_dossier_numbers_concurrent, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_dossier_insert_get, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_dossier_events, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_dossier_update, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_dossier_list, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_dossier_list_active, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_dossier_list_active_subtree, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_pg_fold, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_pg_reconnect, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_kv, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_outbox, setup_fresh, teardown),
		cmocka_unit_test_setup_teardown(test_attachments, setup_fresh, teardown),
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
