/*
 * settings.c (api) - what an administrator sets up for a unit beyond the
 * tree itself: the bank account where the unit's fees and charges are paid
 * (VietQR, docs/ONLINE.md).  Reading and writing both need unit.write on the
 * unit (the account is printed on every payment code, but who may change it
 * is an administrator of that unit or above); each change is audited by the
 * service.
 */
#include "api/api_int.h"

#include <string.h>

#include "service/online.h"

static enum mc_err admin_unit(struct api_ctx *x, struct store_conn **c, struct unit_rec *u)
{
	enum mc_err rc;

	if ((rc = api_conn(x, c)))
		return rc;
	rc = store_unit_get_by_code(*c, x->params[0], u, &x->err);
	if (rc == MC_ENOTFOUND)
		return mc_failf(&x->err, MC_ENOTFOUND, "unit", "Không có đơn vị '%s'", "No unit '%s'", x->params[0]);
	if (rc)
		return rc;
	if (!authz_allows(&x->who, ACT_UNIT_WRITE, u->path))
		return mc_fail(&x->err, MC_EFORBIDDEN, "unit", "Bạn không quản trị đơn vị này",
			       "You do not administer this unit");
	return MC_OK;
}

/* GET /api/v1/units/{code}/bank: {"own": bool, "account": {bin, account,
 * name, unit: {code, name}} | null} - the account in effect, and whether it
 * is the unit's own or inherited from the unit named in it. */
enum mc_err h_unit_bank_get(struct api_ctx *x)
{
	struct store_conn *c;
	struct unit_rec u;
	json_t *bank = NULL;
	const char *from;
	enum mc_err rc;

	if ((rc = admin_unit(x, &c, &u)))
		return rc;
	rc = svc_unit_bank_get(c, &u, &bank, &x->err);
	if (rc == MC_ENOTFOUND)
		return api_reply_json(x, 200, json_pack("{s:s, s:b, s:n}", "unit", u.code, "own", 0, "account"));
	if (rc)
		return rc;
	from = json_string_value(json_object_get(json_object_get(bank, "unit"), "code"));
	return api_reply_json(x, 200, json_pack("{s:s, s:b, s:o}", "unit", u.code, "own", from && !strcmp(from, u.code),
						"account", bank));
}

/* PUT /api/v1/units/{code}/bank {"bin": "970436", "account": "...", "name": "..."} */
enum mc_err h_unit_bank_put(struct api_ctx *x)
{
	char bin[16], account[32], name[128];
	struct store_conn *c;
	struct unit_rec u;
	enum mc_err rc;

	if ((rc = api_body_str(x, "bin", bin, sizeof bin, true)) ||
	    (rc = api_body_str(x, "account", account, sizeof account, true)) ||
	    (rc = api_body_str(x, "name", name, sizeof name, true)) || (rc = admin_unit(x, &c, &u)) ||
	    (rc = svc_unit_bank_put(c, u.code, bin, account, name, x->who.user_id, x->rq->now, &x->err)))
		return rc;
	return h_unit_bank_get(x);
}
