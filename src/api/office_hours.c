/*
 * office_hours.c - a unit's office hours over HTTP: public to read (citizens
 * need to know when the desk is open), set by whoever manages the unit's
 * working calendar.  They apply to the unit and every unit below it that has
 * none of its own, and move every deadline computed for them.
 */
#include "api/api_int.h"

#include "service/calendar.h"

enum mc_err h_office_hours_get(struct api_ctx *x)
{
	struct store_conn *c;
	json_t *out;
	enum mc_err rc;

	if ((rc = api_conn(x, &c)) || (rc = svc_office_hours_get(c, x->params[0], &out, &x->err)))
		return rc;
	return api_reply_json(x, 200, out);
}

enum mc_err h_office_hours_put(struct api_ctx *x)
{
	struct store_conn *c;
	struct unit_rec u;
	json_t *out;
	enum mc_err rc;

	if ((rc = api_conn(x, &c)) || (rc = store_unit_get_by_code(c, x->params[0], &u, &x->err)))
		return rc;
	if (!authz_allows(&x->who, ACT_CALENDAR_WRITE, u.path))
		return mc_fail(&x->err, MC_EFORBIDDEN, "unit", "Bạn không quản lý lịch làm việc của đơn vị này",
			       "You do not manage this unit's working calendar");
	if ((rc = svc_office_hours_set(c, u.code, x->body, x->who.user_id, x->rq->now, &x->err)) ||
	    (rc = svc_office_hours_get(c, u.code, &out, &x->err)))
		return rc;
	return api_reply_json(x, 200, out);
}
