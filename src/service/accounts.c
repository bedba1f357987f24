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
