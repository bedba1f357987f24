/*
 * authz.h - the one place that decides whether a person may do an action on
 * an object that belongs to a unit.  Default deny.
 *
 * A role held in unit U covers U and every unit below it (a head of the
 * district's Tư pháp department covers that department; an admin at the
 * province covers the whole tree).  Unit-less actions (one's own account,
 * one's own dossiers) are decided by role alone.
 *
 * Every HTTP route names the action it needs (src/api/routes.c); the route
 * layer asks authz_may() before the handler runs, and the handler asks
 * authz_allows() with the unit of the object it touches.
 */
#ifndef MC_AUTHZ_H
#define MC_AUTHZ_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/roles.h"

enum action {
	ACT_SELF = 0,          /* read or change one's own account */
	ACT_UNIT_READ,
	ACT_UNIT_WRITE,
	ACT_USER_READ,
	ACT_USER_WRITE,
	ACT_AUDIT_READ,
	ACT_METRICS_READ,
	ACT_CATALOG_WRITE,
	ACT_CALENDAR_WRITE,
	ACT_DOSSIER_READ,
	ACT_DOSSIER_INTAKE,
	ACT_DOSSIER_PROCESS,
	ACT_DOSSIER_APPROVE,
	ACT_DOSSIER_SIGN,
	ACT_DOSSIER_RETURN,
	ACT_REPORT_READ,
	ACT_OWN_DOSSIER,       /* a citizen's own dossiers */
	ACT__COUNT
};

#define AUTHZ_MAX_GRANTS 32

struct authz_grant {
	enum role role;
	int64_t unit_id;     /* 0 = unit-less */
	char unit_path[256]; /* "/1/2/", "" when unit-less */
};

/* Who is asking.  Plain data, filled from the session by the API layer. */
struct principal {
	int64_t user_id;     /* 0 = anonymous */
	bool is_citizen;
	int ngrants;
	struct authz_grant grants[AUTHZ_MAX_GRANTS];
};

const char *action_name(enum action a);

/* Does the role permit the action anywhere? */
bool authz_role_permits(enum role r, enum action a);

/* May p do a on an object of the unit whose path is unit_path?  unit_path
 * NULL means a unit-less action (ACT_SELF, ACT_OWN_DOSSIER). */
bool authz_allows(const struct principal *p, enum action a, const char *unit_path);

/* May p do a on at least one unit?  Used by the route table as the coarse
 * check before the handler knows which object is touched. */
bool authz_may(const struct principal *p, enum action a);

/* The grant through which p may do a on unit_path (the unit p acts for),
 * or NULL when none does. */
const struct authz_grant *authz_grant_for(const struct principal *p, enum action a, const char *unit_path);

/* Add a grant; false when the principal already holds AUTHZ_MAX_GRANTS. */
bool principal_add_grant(struct principal *p, enum role r, int64_t unit_id, const char *unit_path);

bool principal_has_role(const struct principal *p, enum role r);

#endif
