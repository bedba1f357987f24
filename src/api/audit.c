/*
 * audit.c (api) - the audit trail for inspection ("Nhật ký hệ thống"):
 * GET /api/v1/audit?unit=&from=&to=&type=&before=&limit=
 * Rows of the unit's subtree, newest first, with the actor's and the unit's
 * names; the rows of no unit (sign-ins, accounts) only for a root unit, since
 * they cannot be placed in a subtree.  Needs audit.read on the unit
 * (administrators, leaders, reporting officers).  Paging: `before` = the
 * `next_before` of the previous page.
 */
#include "api/api_int.h"

#include <stdlib.h>
#include <string.h>

#include "domain/timefmt.h"

#define AUDIT_PAGE_MAX 500

struct audit_list {
	struct api_ctx *x;
	struct store_conn *c;
	json_t *rows;
	int64_t last_id;
};

static int add_row(void *ctx, const struct audit_rec *a)
{
	struct audit_list *l = ctx;
	struct user_rec u;
	struct unit_rec un;
	char at[32];
	json_t *row = json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)a->id, "at",
				timefmt_local(a->at, 420, at), "action", a->action, "object_type", a->object_type,
				"object_id", a->object_id);

	if (!row)
		return MC_ENOMEM;
	/* the actor and unit by name: an inspector reads people, not ids */
	if (a->actor_id && !store_user_get(l->c, a->actor_id, &u, NULL))
		json_object_set_new(row, "actor", json_pack("{s:I, s:s, s:s}", "id", (json_int_t)u.id, "username",
							    u.username, "full_name", u.full_name));
	else
		json_object_set_new(row, "actor", json_null());
	if (a->unit_id && !store_unit_get(l->c, a->unit_id, &un, NULL))
		json_object_set_new(row, "unit", api_unit_json(&un));
	else
		json_object_set_new(row, "unit", json_null());
	/* stored as JSON text by the code that wrote it; shown as it is */
	json_object_set_new(row, "detail", a->detail_json ? json_loads(a->detail_json, 0, NULL) : json_null());
	if (!json_object_get(row, "detail"))
		json_object_set_new(row, "detail", json_null());
	json_array_append_new(l->rows, row);
	l->last_id = a->id;
	return 0;
}

/* ?from= / ?to= as local days, "to" inclusive; absent or empty = open. */
static enum mc_err query_day(struct api_ctx *x, const char *name, bool end, int64_t *out)
{
	const char *s = api_query(x, name);
	enum mc_err rc;

	*out = 0;
	if (!s || !*s)
		return MC_OK;
	if (!(rc = api_day_start(x, s, name, out)) && end)
		*out += 86400;
	return rc;
}

enum mc_err h_audit_list(struct api_ctx *x)
{
	const char *code = api_query(x, "unit"), *type = api_query(x, "type"), *lim = api_query(x, "limit");
	const char *before = api_query(x, "before");
	struct audit_filter f = {0};
	struct audit_list l = {x, NULL, NULL, 0};
	struct unit_rec unit = {0};
	enum mc_err rc;

	if ((rc = api_conn(x, &l.c)))
		return rc;
	if (code && *code) {
		rc = store_unit_get_by_code(l.c, code, &unit, &x->err);
		if (rc == MC_ENOTFOUND)
			return mc_failf(&x->err, MC_EINVAL, "unit", "Không có đơn vị '%s'", "No unit '%s'", code);
		if (rc)
			return rc;
	} else {
		for (int i = 0; i < x->who.ngrants && !unit.id; i++)
			if (authz_role_permits(x->who.grants[i].role, ACT_AUDIT_READ) && x->who.grants[i].unit_id)
				store_unit_get(l.c, x->who.grants[i].unit_id, &unit, NULL);
	}
	if (!unit.id || !authz_allows(&x->who, ACT_AUDIT_READ, unit.path))
		return mc_fail(&x->err, MC_EFORBIDDEN, "unit", "Bạn không được xem nhật ký của đơn vị này",
			       "You may not read this unit's audit trail");
	if ((rc = query_day(x, "from", false, &f.from)) || (rc = query_day(x, "to", true, &f.to)))
		return rc;
	f.unit_path = unit.path;
	f.with_unitless = unit.parent_id == 0;
	f.object_type = type && *type ? type : NULL;
	f.before_id = before ? strtoll(before, NULL, 10) : 0;
	f.limit = lim ? atoi(lim) : 100;
	if (f.limit <= 0 || f.limit > AUDIT_PAGE_MAX)
		f.limit = 100;
	l.rows = json_array();
	if ((rc = store_audit_list(l.c, &f, add_row, &l, &x->err))) {
		json_decref(l.rows);
		return rc;
	}
	return api_reply_json(x, 200, json_pack("{s:s, s:o, s:o}", "unit", unit.code, "entries", l.rows, "next_before",
						(int)json_array_size(l.rows) == f.limit ? json_integer(l.last_id)
											  : json_null()));
}
