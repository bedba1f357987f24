/*
 * authz.c - role x action matrix and unit scoping (see authz.h).  The matrix
 * is the whole policy: reading it tells who may do what.
 */
#include "domain/authz.h"

#include <stdio.h>
#include <string.h>

#define R(x) (1u << (x))
#define STAFF (R(ROLE_ADMIN) | R(ROLE_DESK) | R(ROLE_SPECIALIST) | R(ROLE_HEAD) | R(ROLE_LEADER) | R(ROLE_REPORTER))

static const struct {
	const char *name;
	unsigned roles;  /* bit set of the roles that permit it */
	bool unitless;   /* decided by role alone */
} policy[ACT__COUNT] = {
	[ACT_SELF] = {"self", STAFF | R(ROLE_CITIZEN), true},
	[ACT_UNIT_READ] = {"unit.read", STAFF, false},
	[ACT_UNIT_WRITE] = {"unit.write", R(ROLE_ADMIN), false},
	[ACT_USER_READ] = {"user.read", R(ROLE_ADMIN) | R(ROLE_HEAD) | R(ROLE_LEADER), false},
	[ACT_USER_WRITE] = {"user.write", R(ROLE_ADMIN), false},
	[ACT_AUDIT_READ] = {"audit.read", R(ROLE_ADMIN) | R(ROLE_LEADER) | R(ROLE_REPORTER), false},
	[ACT_METRICS_READ] = {"metrics.read", R(ROLE_ADMIN), false},
	[ACT_CATALOG_WRITE] = {"catalog.write", R(ROLE_ADMIN), false},
	[ACT_CALENDAR_WRITE] = {"calendar.write", R(ROLE_ADMIN), false},
	/* admins run the system; they do not read citizens' files */
	[ACT_DOSSIER_READ] = {"dossier.read", R(ROLE_DESK) | R(ROLE_SPECIALIST) | R(ROLE_HEAD) | R(ROLE_LEADER) | R(ROLE_REPORTER), false},
	[ACT_DOSSIER_INTAKE] = {"dossier.intake", R(ROLE_DESK), false},
	[ACT_DOSSIER_PROCESS] = {"dossier.process", R(ROLE_SPECIALIST) | R(ROLE_HEAD), false},
	[ACT_DOSSIER_APPROVE] = {"dossier.approve", R(ROLE_HEAD) | R(ROLE_LEADER), false},
	[ACT_DOSSIER_SIGN] = {"dossier.sign", R(ROLE_LEADER), false},
	[ACT_DOSSIER_RETURN] = {"dossier.return", R(ROLE_DESK), false},
	[ACT_REPORT_READ] = {"report.read", R(ROLE_ADMIN) | R(ROLE_HEAD) | R(ROLE_LEADER) | R(ROLE_REPORTER), false},
	[ACT_OWN_DOSSIER] = {"dossier.own", R(ROLE_CITIZEN), true},
};

const char *action_name(enum action a)
{
	return (unsigned)a < ACT__COUNT ? policy[a].name : "?";
}

bool authz_role_permits(enum role r, enum action a)
{
	if ((unsigned)a >= ACT__COUNT || (unsigned)r >= ROLE__COUNT)
		return false;
	return (policy[a].roles & R(r)) != 0;
}

/* Is `path` the unit `scope` or below it?  Paths are "/id/id/.../" so a plain
 * prefix test cannot confuse unit 1 with unit 12. */
static bool within(const char *path, const char *scope)
{
	size_t n = strlen(scope);

	return n > 0 && strncmp(path, scope, n) == 0;
}

const struct authz_grant *authz_grant_for(const struct principal *p, enum action a, const char *unit_path)
{
	if (!p || p->user_id == 0 || (unsigned)a >= ACT__COUNT)
		return NULL;
	for (int i = 0; i < p->ngrants; i++) {
		const struct authz_grant *g = &p->grants[i];

		if (!authz_role_permits(g->role, a))
			continue;
		if (policy[a].unitless)
			return g;
		if (unit_path && g->unit_id && within(unit_path, g->unit_path))
			return g;
	}
	return NULL;
}

bool authz_allows(const struct principal *p, enum action a, const char *unit_path)
{
	return authz_grant_for(p, a, unit_path) != NULL;
}

bool authz_may(const struct principal *p, enum action a)
{
	if (!p || p->user_id == 0 || (unsigned)a >= ACT__COUNT)
		return false;
	for (int i = 0; i < p->ngrants; i++)
		if (authz_role_permits(p->grants[i].role, a) &&
		    (policy[a].unitless || p->grants[i].unit_id))
			return true;
	return false;
}

bool principal_add_grant(struct principal *p, enum role r, int64_t unit_id, const char *unit_path)
{
	struct authz_grant *g;

	if (p->ngrants >= AUTHZ_MAX_GRANTS)
		return false;
	g = &p->grants[p->ngrants++];
	g->role = r;
	g->unit_id = unit_id;
	snprintf(g->unit_path, sizeof g->unit_path, "%s", unit_path ? unit_path : "");
	return true;
}

bool principal_has_role(const struct principal *p, enum role r)
{
	for (int i = 0; i < p->ngrants; i++)
		if (p->grants[i].role == r)
			return true;
	return false;
}
