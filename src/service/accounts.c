/*
 * accounts.c - account use cases (see accounts.h).
 */
#include "service/accounts.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/secret.h"
#include "domain/account.h"
#include "domain/roles.h"

static enum mc_err audit(struct store_conn *c, const char *action, int64_t actor, int64_t now,
			 const char *object_id, struct mc_error *err)
{
	struct audit_rec a = {0};

	a.at = now;
	a.actor_id = actor;
	snprintf(a.action, sizeof a.action, "%s", action);
	snprintf(a.object_type, sizeof a.object_type, "user");
	snprintf(a.object_id, sizeof a.object_id, "%s", object_id);
	return store_audit_append(c, &a, err);
}

enum mc_err svc_user_create(struct store_conn *c, struct user_rec *u, const char *password,
			    const struct new_grant *grants, int ngrants, int64_t actor_id, int64_t now,
			    struct mc_error *err)
{
	char hash[SECRET_PWHASH_MAX];
	char id[24];
	enum mc_err rc;

	u->is_citizen = false;
	for (int i = 0; i < ngrants; i++)
		if (!strcmp(grants[i].role, "citizen"))
			u->is_citizen = true;
	if (ngrants == 0)
		return mc_fail(err, MC_EINVAL, "roles", "Tài khoản cần ít nhất một vai trò",
			       "An account needs at least one role");
	if ((rc = account_validate(u, err)) || (rc = account_check_password(password, err)))
		return rc;
	for (int i = 0; i < ngrants; i++) {
		int r = role_parse(grants[i].role);

		if (r < 0)
			return mc_failf(err, MC_EINVAL, "roles", "Vai trò '%s' không tồn tại",
					"Unknown role '%s'", grants[i].role);
		if ((r == ROLE_CITIZEN) != (grants[i].unit_code[0] == '\0'))
			return mc_fail(err, MC_EINVAL, "roles",
				       "Vai trò cán bộ phải gắn với một đơn vị; vai trò công dân thì không",
				       "A staff role needs a unit; the citizen role has none");
	}
	if (u->is_citizen && ngrants > 1)
		return mc_fail(err, MC_EINVAL, "roles",
			       "Tài khoản công dân không kiêm vai trò cán bộ",
			       "A citizen account cannot also hold a staff role");
	if ((rc = secret_password_hash(password, hash)))
		return mc_fail(err, rc, NULL, NULL, NULL);
	snprintf(u->password_hash, sizeof u->password_hash, "%s", hash);
	u->created_at = now;

	if ((rc = store_begin(c, err)))
		return rc;
	rc = store_user_insert(c, u, err);
	for (int i = 0; !rc && i < ngrants; i++) {
		struct grant_rec g = {0};
		struct unit_rec unit;

		g.user_id = u->id;
		snprintf(g.role, sizeof g.role, "%s", grants[i].role);
		if (grants[i].unit_code[0]) {
			rc = store_unit_get_by_code(c, grants[i].unit_code, &unit, err);
			if (rc == MC_ENOTFOUND)
				rc = mc_failf(err, MC_EINVAL, "roles", "Không có đơn vị '%s'",
					      "No unit '%s'", grants[i].unit_code);
			if (rc)
				break;
			g.unit_id = unit.id;
		}
		rc = store_grant_add(c, &g, err);
	}
	snprintf(id, sizeof id, "%lld", (long long)u->id);
	if (!rc)
		rc = audit(c, "user.create", actor_id, now, id, err);
	if (!rc)
		rc = store_commit(c, err);
	if (rc)
		store_rollback(c);
	return rc;
}

enum mc_err svc_user_set_password(struct store_conn *c, int64_t user_id, const char *password,
				  int64_t actor_id, int64_t now, struct mc_error *err)
{
	char hash[SECRET_PWHASH_MAX], id[24];
	enum mc_err rc;

	if ((rc = account_check_password(password, err)))
		return rc;
	if ((rc = secret_password_hash(password, hash)))
		return mc_fail(err, rc, NULL, NULL, NULL);
	snprintf(id, sizeof id, "%lld", (long long)user_id);
	if ((rc = store_begin(c, err)))
		return rc;
	if ((rc = store_user_set_password(c, user_id, hash, err)) ||
	    (rc = store_session_delete_user(c, user_id, err)) ||
	    (rc = audit(c, "user.password_reset", actor_id, now, id, err)) || (rc = store_commit(c, err)))
		store_rollback(c);
	return rc;
}

enum mc_err svc_user_set_disabled(struct store_conn *c, int64_t user_id, bool disabled, int64_t actor_id,
				  int64_t now, struct mc_error *err)
{
	char id[24];
	enum mc_err rc;

	snprintf(id, sizeof id, "%lld", (long long)user_id);
	if ((rc = store_begin(c, err)))
		return rc;
	if ((rc = store_user_set_disabled(c, user_id, disabled, err)) ||
	    (disabled && (rc = store_session_delete_user(c, user_id, err))) ||
	    (rc = audit(c, disabled ? "user.disable" : "user.enable", actor_id, now, id, err)) ||
	    (rc = store_commit(c, err)))
		store_rollback(c);
	return rc;
}

struct role_count {
	const char *role;
	int64_t unit_id;
	int total;  /* roles the account holds */
	bool held;  /* among them this one */
};

static int count_role(void *ctx, const struct grant_rec *g)
{
	struct role_count *r = ctx;

	r->total++;
	if (g->unit_id == r->unit_id && !strcmp(g->role, r->role))
		r->held = true;
	return 0;
}

enum mc_err svc_user_set_role(struct store_conn *c, int64_t user_id, const char *role, const char *unit_code,
			      bool grant, int64_t actor_id, int64_t now, bool *changed, struct mc_error *err)
{
	struct grant_rec g = {0};
	struct audit_rec a = {0};
	struct role_count have = {role, 0, 0, false};
	char detail[160];
	struct user_rec u;
	struct unit_rec unit;
	char id[24];
	int r = role_parse(role);
	enum mc_err rc;

	*changed = false;
	if (r < 0 || r == ROLE_CITIZEN)
		return mc_failf(err, MC_EINVAL, "role", "Vai trò cán bộ '%s' không tồn tại", "Unknown staff role '%s'",
				role);
	if ((rc = store_user_get(c, user_id, &u, err)))
		return rc;
	if (u.is_citizen)
		return mc_fail(err, MC_ECONFLICT, "role", "Tài khoản công dân không nhận vai trò cán bộ",
			       "A citizen account cannot hold a staff role");
	rc = store_unit_get_by_code(c, unit_code, &unit, err);
	if (rc == MC_ENOTFOUND)
		return mc_failf(err, MC_EINVAL, "unit", "Không có đơn vị '%s'", "No unit '%s'", unit_code);
	if (rc)
		return rc;
	have.unit_id = unit.id;
	if ((rc = store_begin(c, err)))
		return rc;
	if ((rc = store_grant_list(c, user_id, count_role, &have, err)))
		goto fail;
	if (!grant && !have.held) {
		rc = mc_fail(err, MC_ENOTFOUND, "role", "Tài khoản không có vai trò này ở đơn vị này",
			     "The account does not hold this role at this unit");
		goto fail;
	}
	if (!grant && have.total <= 1) {
		rc = mc_fail(err, MC_ECONFLICT, "role",
			     "Không bỏ được vai trò cuối cùng; hãy khóa tài khoản nếu người này thôi công tác",
			     "Cannot take the last role away; disable the account if the person has left");
		goto fail;
	}
	if (!grant && user_id == actor_id && r == ROLE_ADMIN) {
		rc = mc_fail(err, MC_ECONFLICT, "role", "Không thể tự bỏ vai trò quản trị của mình",
			     "You cannot take away your own administrator role");
		goto fail;
	}
	if (grant == have.held) { /* granting a role already held: nothing to do */
		store_rollback(c);
		return MC_OK;
	}
	g.user_id = user_id;
	g.unit_id = unit.id;
	snprintf(g.role, sizeof g.role, "%s", role);
	snprintf(id, sizeof id, "%lld", (long long)user_id);
	/* the audit row says which role at which unit (codes are slugs, roles
	 * words: nothing to escape) */
	snprintf(detail, sizeof detail, "{\"role\":\"%s\",\"unit\":\"%s\"}", g.role, unit.code);
	a.at = now;
	a.actor_id = actor_id;
	a.unit_id = unit.id;
	a.detail_json = detail;
	snprintf(a.action, sizeof a.action, "%s", grant ? "user.role_grant" : "user.role_revoke");
	snprintf(a.object_type, sizeof a.object_type, "user");
	snprintf(a.object_id, sizeof a.object_id, "%s", id);
	if ((rc = grant ? store_grant_add(c, &g, err) : store_grant_remove(c, &g, err)) ||
	    (rc = store_audit_append(c, &a, err)) || (rc = store_commit(c, err)))
		goto fail;
	*changed = true;
	return MC_OK;
fail:
	store_rollback(c);
	return rc;
}

enum mc_err svc_user_find(struct store_conn *c, const char *who, struct user_rec *out, struct mc_error *err)
{
	char *end;
	long long id;
	char norm[130];

	if (*who && isdigit((unsigned char)*who)) {
		id = strtoll(who, &end, 10);
		if (*end == '\0' && strlen(who) < 10)
			return store_user_get(c, id, out, err);
	}
	if (account_normalize_phone(who, norm, sizeof norm, NULL) != MC_OK) {
		snprintf(norm, sizeof norm, "%s", who);
		for (char *p = norm; *p; p++)
			*p = (char)tolower((unsigned char)*p);
	}
	return store_user_get_by_login(c, norm, out, err);
}
