/*
 * units.c - the unit tree: province, district, communes, departments and
 * one-stop desks.  Reading is public (the portal tells citizens where to go);
 * creating needs unit.write on the parent.
 */
#include "api/api_int.h"

#include <stdio.h>
#include <string.h>

#include "core/utf8.h"

static int add_unit(void *ctx, const struct unit_rec *u)
{
	json_array_append_new(ctx, api_unit_json(u));
	return 0;
}

enum mc_err h_units_list(struct api_ctx *x)
{
	struct store_conn *c;
	json_t *arr = json_array();
	enum mc_err rc = api_conn(x, &c);

	if (!rc)
		rc = store_unit_list(c, add_unit, arr, &x->err);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	return api_reply_json(x, 200, json_pack("{s:o}", "units", arr));
}

enum mc_err h_unit_get(struct api_ctx *x)
{
	struct store_conn *c;
	struct unit_rec u;
	enum mc_err rc = api_conn(x, &c);

	if (!rc)
		rc = store_unit_get_by_code(c, x->params[0], &u, &x->err);
	if (rc)
		return rc;
	return api_reply_json(x, 200, api_unit_json(&u));
}

static bool valid_kind(const char *k)
{
	static const char *const kinds[] = {"province", "district", "commune", "office", "department", "desk"};

	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (!strcmp(k, kinds[i]))
			return true;
	return false;
}

static bool valid_code(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '.' || *s == '-' || *s == '_'))
			return false;
	return true;
}

enum mc_err h_unit_create(struct api_ctx *x)
{
	struct unit_rec u = {0}, parent = {0};
	char parent_code[64];
	struct store_conn *c;
	enum mc_err rc;

	if ((rc = api_body_str(x, "code", u.code, sizeof u.code, true)) ||
	    (rc = api_body_str(x, "name", u.name, sizeof u.name, true)) ||
	    (rc = api_body_str(x, "name_en", u.name_en, sizeof u.name_en, false)) ||
	    (rc = api_body_str(x, "kind", u.kind, sizeof u.kind, true)) ||
	    (rc = api_body_str(x, "agency_code", u.agency_code, sizeof u.agency_code, false)) ||
	    (rc = api_body_str(x, "address", u.address, sizeof u.address, false)) ||
	    (rc = api_body_str(x, "phone", u.phone, sizeof u.phone, false)) ||
	    (rc = api_body_str(x, "parent", parent_code, sizeof parent_code, true)))
		return rc;
	if (!valid_code(u.code))
		return mc_fail(&x->err, MC_EINVAL, "code",
			       "Mã đơn vị chỉ gồm a-z, 0-9, dấu chấm, gạch ngang, gạch dưới",
			       "A unit code uses only a-z, 0-9, '.', '-' and '_'");
	if (!valid_kind(u.kind))
		return mc_fail(&x->err, MC_EINVAL, "kind",
			       "Loại đơn vị phải là province, district, commune, office, department hoặc desk",
			       "The kind must be province, district, commune, office, department or desk");
	if ((rc = api_conn(x, &c)))
		return rc;
	rc = store_unit_get_by_code(c, parent_code, &parent, &x->err);
	if (rc == MC_ENOTFOUND)
		return mc_fail(&x->err, MC_EINVAL, "parent", "Không có đơn vị cấp trên này",
			       "No such parent unit");
	if (rc)
		return rc;
	if (!authz_allows(&x->who, ACT_UNIT_WRITE, parent.path))
		return mc_fail(&x->err, MC_EFORBIDDEN, NULL, NULL, NULL);
	u.parent_id = parent.id;
	u.utc_offset_min = parent.utc_offset_min;
	snprintf(u.tz, sizeof u.tz, "%s", parent.tz);
	u.active = true;
	if ((rc = store_begin(c, &x->err)))
		return rc;
	rc = store_unit_insert(c, &u, &x->err);
	if (rc == MC_ECONFLICT)
		mc_fail(&x->err, MC_ECONFLICT, "code", "Mã đơn vị đã tồn tại", "The unit code already exists");
	if (!rc)
		rc = api_audit(x, "unit.create", "unit", u.code, u.id, NULL);
	if (!rc)
		rc = store_commit(c, &x->err);
	if (rc) {
		store_rollback(c);
		return rc;
	}
	return api_reply_json(x, 201, api_unit_json(&u));
}
