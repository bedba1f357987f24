/*
 * users.c - staff accounts: list, read, create, disable, enable, reset the
 * password.  Every action is checked against the units where the target
 * holds roles: a head sees the people of their department, an admin of the
 * district manages everyone in the district and its communes.
 */
#include "api/api_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/account.h"
#include "service/accounts.h"

struct scope_check {
	const struct principal *who;
	enum action action;
	bool all_ok;   /* every grant's unit is within the principal's scope */
	bool any_ok;   /* at least one is */
	int n;
};

static int check_grant(void *ctx, const struct grant_rec *g)
{
	struct scope_check *s = ctx;
	bool ok = g->unit_id ? authz_allows(s->who, s->action, g->unit_path) : false;

	s->n++;
	s->all_ok = s->all_ok && ok;
	s->any_ok = s->any_ok || ok;
	return 0;
}

/* May the caller do `a` on the account `target`?  Reading needs one shared
 * unit; changing needs all of the target's units, so that nobody can lock
 * out a person who also works elsewhere.  A citizen account (no unit) is
 * managed by whoever holds the action at a root unit. */
static enum mc_err may_touch(struct api_ctx *x, struct store_conn *c, const struct user_rec *target,
			     enum action a)
{
	struct scope_check s = {&x->who, a, true, false, 0};
	enum mc_err rc = store_grant_list(c, target->id, check_grant, &s, &x->err);

	if (rc)
		return rc;
	if (s.n == 0 || target->is_citizen) {
		for (int i = 0; i < x->who.ngrants; i++) {
			const struct authz_grant *g = &x->who.grants[i];

			/* a root path has exactly two slashes: "/1/" */
			if (authz_role_permits(g->role, a) && g->unit_id && strchr(g->unit_path + 1, '/') &&
			    !strchr(strchr(g->unit_path + 1, '/') + 1, '/'))
				return MC_OK;
		}
		return mc_fail(&x->err, MC_EFORBIDDEN, NULL, NULL, NULL);
	}
	if (a == ACT_USER_READ ? s.any_ok : s.all_ok)
		return MC_OK;
	/* do not confirm that an account exists to someone outside its units */
	return mc_fail(&x->err, MC_ENOTFOUND, "user", "Không tìm thấy tài khoản", "Account not found");
}

static enum mc_err load_target(struct api_ctx *x, struct store_conn **c, struct user_rec *u, enum action a)
{
	char *end;
	long long id = strtoll(x->params[0], &end, 10);
	enum mc_err rc;

	if (*end || id <= 0)
		return mc_fail(&x->err, MC_ENOTFOUND, "user", "Không tìm thấy tài khoản", "Account not found");
	if ((rc = api_conn(x, c)) || (rc = store_user_get(*c, id, u, &x->err)))
		return rc;
	if (u->id == x->who.user_id && a == ACT_USER_READ)
		return MC_OK;
	return may_touch(x, *c, u, a);
}

struct list_ctx {
	struct api_ctx *x;
	json_t *arr;
};

static int add_user(void *ctx, const struct user_rec *u)
{
	struct list_ctx *l = ctx;

	json_array_append_new(l->arr, api_user_json(l->x, u, true));
	return 0;
}

enum mc_err h_users_list(struct api_ctx *x)
{
	const char *unit_code = api_query(x, "unit");
	struct user_filter f = {0};
	struct unit_rec unit;
	struct store_conn *c;
	struct list_ctx l = {x, NULL};
	const char *lim = api_query(x, "limit"), *off = api_query(x, "offset");
	enum mc_err rc;

	if ((rc = api_conn(x, &c)))
		return rc;
	if (unit_code) {
		rc = store_unit_get_by_code(c, unit_code, &unit, &x->err);
		if (rc)
			return rc;
		f.unit_path = unit.path;
	} else {
		/* default: the caller's own first unit where they may read users */
		for (int i = 0; i < x->who.ngrants && !f.unit_path; i++)
			if (authz_role_permits(x->who.grants[i].role, ACT_USER_READ) && x->who.grants[i].unit_id)
				f.unit_path = x->who.grants[i].unit_path;
	}
	if (!f.unit_path || !authz_allows(&x->who, ACT_USER_READ, f.unit_path))
		return mc_fail(&x->err, MC_EFORBIDDEN, "unit", NULL, NULL);
	f.limit = lim ? atoi(lim) : 200;
	if (f.limit <= 0 || f.limit > 1000)
		f.limit = 200;
	f.offset = off ? atoi(off) : 0;
	l.arr = json_array();
	rc = store_user_list(c, &f, add_user, &l, &x->err);
	if (rc) {
		json_decref(l.arr);
		return rc;
	}
	return api_reply_json(x, 200, json_pack("{s:o}", "users", l.arr));
}

enum mc_err h_user_get(struct api_ctx *x)
{
	struct store_conn *c;
	struct user_rec u;
	enum mc_err rc = load_target(x, &c, &u, ACT_USER_READ);

	if (rc)
		return rc;
	return api_reply_json(x, 200, api_user_json(x, &u, true));
}

enum mc_err h_user_create(struct api_ctx *x)
{
	struct user_rec u = {0};
	struct new_grant grants[AUTHZ_MAX_GRANTS];
	char password[ACCOUNT_PASSWORD_MAX + 2];
	json_t *roles = json_object_get(x->body, "roles"), *r;
	struct store_conn *c;
	size_t i;
	int n = 0;
	enum mc_err rc;

	if ((rc = api_body_str(x, "username", u.username, sizeof u.username, true)) ||
	    (rc = api_body_str(x, "full_name", u.full_name, sizeof u.full_name, true)) ||
	    (rc = api_body_str(x, "phone", u.phone, sizeof u.phone, false)) ||
	    (rc = api_body_str(x, "email", u.email, sizeof u.email, false)) ||
	    (rc = api_body_str(x, "cccd", u.cccd, sizeof u.cccd, false)) ||
	    (rc = api_body_str(x, "password", password, sizeof password, true)))
		return rc;
	if (!json_is_array(roles) || json_array_size(roles) == 0 || json_array_size(roles) > AUTHZ_MAX_GRANTS)
		return mc_fail(&x->err, MC_EINVAL, "roles",
			       "Cần danh sách vai trò, ví dụ [{\"role\":\"specialist\",\"unit\":\"dakpo.tuphap\"}]",
			       "Give the roles, e.g. [{\"role\":\"specialist\",\"unit\":\"dakpo.tuphap\"}]");
	if ((rc = api_conn(x, &c)))
		return rc;
	json_array_foreach(roles, i, r) {
		const char *role = json_string_value(json_object_get(r, "role"));
		const char *unit = json_string_value(json_object_get(r, "unit"));
		struct unit_rec ur;

		if (!role || !unit || strlen(role) >= sizeof grants[0].role ||
		    strlen(unit) >= sizeof grants[0].unit_code || !strcmp(role, "citizen"))
			return mc_fail(&x->err, MC_EINVAL, "roles",
				       "Mỗi vai trò cần 'role' (vai trò cán bộ) và 'unit' (mã đơn vị)",
				       "Each role needs 'role' (a staff role) and 'unit' (a unit code)");
		rc = store_unit_get_by_code(c, unit, &ur, &x->err);
		if (rc == MC_ENOTFOUND)
			return mc_failf(&x->err, MC_EINVAL, "roles", "Không có đơn vị '%s'", "No unit '%s'", unit);
		if (rc)
			return rc;
		if (!authz_allows(&x->who, ACT_USER_WRITE, ur.path))
			return mc_failf(&x->err, MC_EFORBIDDEN, "roles",
					"Bạn không quản lý tài khoản của đơn vị '%s'",
					"You do not manage accounts of the unit '%s'", unit);
		snprintf(grants[n].role, sizeof grants[n].role, "%s", role);
		snprintf(grants[n].unit_code, sizeof grants[n].unit_code, "%s", unit);
		n++;
	}
	rc = svc_user_create(c, &u, password, grants, n, x->who.user_id, x->rq->now, &x->err);
	if (rc)
		return rc;
	return api_reply_json(x, 201, api_user_json(x, &u, true));
}

static enum mc_err set_disabled(struct api_ctx *x, bool disabled)
{
	struct store_conn *c;
	struct user_rec u;
	enum mc_err rc = load_target(x, &c, &u, ACT_USER_WRITE);

	if (rc)
		return rc;
	if (u.id == x->who.user_id && disabled)
		return mc_fail(&x->err, MC_ECONFLICT, NULL, "Không thể tự khóa tài khoản của mình",
			       "You cannot disable your own account");
	if ((rc = svc_user_set_disabled(c, u.id, disabled, x->who.user_id, x->rq->now, &x->err)))
		return rc;
	u.disabled = disabled;
	return api_reply_json(x, 200, api_user_json(x, &u, true));
}

enum mc_err h_user_disable(struct api_ctx *x) { return set_disabled(x, true); }
enum mc_err h_user_enable(struct api_ctx *x) { return set_disabled(x, false); }

enum mc_err h_user_reset_password(struct api_ctx *x)
{
	char password[ACCOUNT_PASSWORD_MAX + 2];
	struct store_conn *c;
	struct user_rec u;
	enum mc_err rc;

	if ((rc = api_body_str(x, "password", password, sizeof password, true)) ||
	    (rc = load_target(x, &c, &u, ACT_USER_WRITE)))
		return rc;
	if ((rc = svc_user_set_password(c, u.id, password, x->who.user_id, x->rq->now, &x->err)))
		return rc;
	return api_reply_json(x, 200, json_pack("{s:b}", "ok", 1));
}

/* POST /api/v1/users/{id}/roles {"role": "...", "unit": "code"} gives a staff
 * role; DELETE /api/v1/users/{id}/roles?role=&unit= takes it away.  The
 * caller must manage every unit of the account (load_target) and the unit of
 * the role itself.  Both answer the account with its roles as they are now. */
static enum mc_err set_role(struct api_ctx *x, const char *role, const char *unit_code, bool grant)
{
	struct store_conn *c;
	struct user_rec u;
	struct unit_rec unit;
	bool changed;
	enum mc_err rc;

	if (!role || !*role)
		return mc_fail(&x->err, MC_EINVAL, "role", "Chọn vai trò", "Choose a role");
	if (!unit_code || !*unit_code)
		return mc_fail(&x->err, MC_EINVAL, "unit", "Chọn đơn vị", "Choose a unit");
	if ((rc = load_target(x, &c, &u, ACT_USER_WRITE)))
		return rc;
	/* an administrator does not read citizens' files (authz.c): giving
	 * oneself a leader's or a reporter's role would be the way round it */
	if (grant && u.id == x->who.user_id)
		return mc_fail(&x->err, MC_EFORBIDDEN, "user", "Không tự cấp vai trò cho mình; hãy nhờ một quản trị viên khác",
			       "You cannot give yourself a role; ask another administrator");
	rc = store_unit_get_by_code(c, unit_code, &unit, &x->err);
	if (rc == MC_ENOTFOUND)
		return mc_failf(&x->err, MC_EINVAL, "unit", "Không có đơn vị '%s'", "No unit '%s'", unit_code);
	if (rc)
		return rc;
	if (!authz_allows(&x->who, ACT_USER_WRITE, unit.path))
		return mc_failf(&x->err, MC_EFORBIDDEN, "unit", "Bạn không quản lý tài khoản của đơn vị '%s'",
				"You do not manage accounts of the unit '%s'", unit_code);
	if ((rc = svc_user_set_role(c, u.id, role, unit_code, grant, x->who.user_id, x->rq->now, &changed,
				    &x->err)))
		return rc;
	return api_reply_json(x, 200, api_user_json(x, &u, true));
}

enum mc_err h_user_role_grant(struct api_ctx *x)
{
	return set_role(x, json_string_value(json_object_get(x->body, "role")),
			json_string_value(json_object_get(x->body, "unit")), true);
}

enum mc_err h_user_role_revoke(struct api_ctx *x)
{
	return set_role(x, api_query(x, "role"), api_query(x, "unit"), false);
}
