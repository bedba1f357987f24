/*
 * units.c - the unit tree: province, district, communes, departments and
 * one-stop desks.  Reading is public (the portal tells citizens where to go);
 * creating needs unit.write on the parent, changing a unit's names and
 * agency code unit.write on the unit itself.
 */
#include "api/api_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

/* Every unit, read once; the list is put in tree order here, in C, so that
 * both backends answer the same order whatever their collation. */
struct unit_rows {
	struct unit_rec *v;
	size_t n, cap;
};

static int collect_unit(void *ctx, const struct unit_rec *u)
{
	struct unit_rows *r = ctx;

	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		struct unit_rec *nv = realloc(r->v, cap * sizeof *nv);

		if (!nv)
			return MC_ENOMEM;
		r->v = nv;
		r->cap = cap;
	}
	r->v[r->n++] = *u;
	return 0;
}

/* siblings together, each group by code */
static int by_parent_code(const void *a, const void *b)
{
	const struct unit_rec *x = a, *y = b;

	if (x->parent_id != y->parent_id)
		return x->parent_id < y->parent_id ? -1 : 1;
	return strcmp(x->code, y->code);
}

/* the first row whose parent is `parent` (rows sorted by by_parent_code) */
static size_t first_child(const struct unit_rows *r, int64_t parent)
{
	size_t lo = 0, hi = r->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (r->v[mid].parent_id < parent)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void emit_subtree(const struct unit_rows *r, size_t i, const char *parent_code, int depth, bool *done,
			 json_t *arr)
{
	json_t *j = api_unit_json(&r->v[i]);

	done[i] = true;
	json_object_set_new(j, "parent", parent_code ? json_string(parent_code) : json_null());
	json_object_set_new(j, "depth", json_integer(depth));
	json_array_append_new(arr, j);
	for (size_t k = first_child(r, r->v[i].id); k < r->n && r->v[k].parent_id == r->v[i].id; k++)
		if (!done[k])
			emit_subtree(r, k, r->v[i].code, depth + 1, done, arr);
}

/* GET /api/v1/units: {"units": [unit + "parent" (code or null), "depth"]}
 * depth first, a parent before its children, siblings by code. */
enum mc_err h_units_list(struct api_ctx *x)
{
	struct store_conn *c;
	struct unit_rows r = {0};
	json_t *arr;
	bool *done;
	enum mc_err rc = api_conn(x, &c);

	if (!rc)
		rc = store_unit_list(c, collect_unit, &r, &x->err);
	if (rc == MC_ENOMEM)
		mc_fail(&x->err, MC_ENOMEM, NULL, NULL, NULL);
	if (rc) {
		free(r.v);
		return rc;
	}
	if (r.n > 1)
		qsort(r.v, r.n, sizeof *r.v, by_parent_code);
	done = calloc(r.n ? r.n : 1, sizeof *done);
	arr = json_array();
	if (!done || !arr) {
		free(done);
		free(r.v);
		json_decref(arr);
		return mc_fail(&x->err, MC_ENOMEM, NULL, NULL, NULL);
	}
	for (size_t i = 0; i < r.n && r.v[i].parent_id == 0; i++)
		emit_subtree(&r, i, NULL, 0, done, arr);
	for (size_t i = 0; i < r.n; i++) /* a parent outside the list cannot happen; never lose a row */
		if (!done[i])
			emit_subtree(&r, i, NULL, 0, done, arr);
	free(done);
	free(r.v);
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

/* QCVN agency codes look like "000.30.27.H21": letters and digits in groups
 * separated by single dots.  Empty is allowed (a unit without its own code). */
static bool valid_agency_code(const char *s)
{
	if (!*s)
		return true;
	if (*s == '.')
		return false;
	for (; *s; s++) {
		bool alnum = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9');

		if (!alnum && !(*s == '.' && s[1] && s[1] != '.'))
			return false;
	}
	return true;
}

static enum mc_err bad_agency_code(struct api_ctx *x)
{
	return mc_fail(&x->err, MC_EINVAL, "agency_code",
		       "Mã cơ quan chỉ gồm chữ, số và dấu chấm giữa các nhóm, ví dụ 000.30.27.H21",
		       "An agency code uses letters and digits in groups separated by dots, e.g. 000.30.27.H21");
}

static bool blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
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
	if (blank(u.name))
		return mc_fail(&x->err, MC_EINVAL, "name", "Tên đơn vị không được để trống",
			       "The unit's name must not be empty");
	if (!valid_agency_code(u.agency_code))
		return bad_agency_code(x);
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

/* One optional string of the PUT body into dst when present; *changed and
 * the audit detail {"field": [before, after]} record a real change. */
static enum mc_err take(struct api_ctx *x, const char *key, char *dst, size_t n, json_t *detail, int *given)
{
	char tmp[256];
	enum mc_err rc;

	if (!json_object_get(x->body, key))
		return MC_OK;
	(*given)++;
	if ((rc = api_body_str(x, key, tmp, n < sizeof tmp ? n : sizeof tmp, false)))
		return rc;
	if (strcmp(tmp, dst)) {
		json_object_set_new(detail, key, json_pack("[s, s]", dst, tmp));
		memcpy(dst, tmp, strlen(tmp) + 1);
	}
	return MC_OK;
}

/* PUT /api/v1/units/{code} {name?, name_en?, agency_code?, address?, phone?}:
 * rename a unit, change its agency code or contact.  The code, kind and
 * parent never change (a different value is refused).  Answers the unit. */
enum mc_err h_unit_update(struct api_ctx *x)
{
	struct unit_rec u, parent;
	struct store_conn *c;
	json_t *detail, *v;
	const char *s;
	int given = 0;
	enum mc_err rc;

	if ((rc = api_conn(x, &c)) || (rc = store_unit_get_by_code(c, x->params[0], &u, &x->err)))
		return rc;
	if (!authz_allows(&x->who, ACT_UNIT_WRITE, u.path))
		return mc_fail(&x->err, MC_EFORBIDDEN, NULL, "Bạn không quản trị đơn vị này",
			       "You do not administer this unit");
	if ((v = json_object_get(x->body, "code")) && (!(s = json_string_value(v)) || strcmp(s, u.code)))
		return mc_fail(&x->err, MC_EINVAL, "code", "Không đổi được mã đơn vị; hãy tạo đơn vị mới",
			       "A unit's code cannot change; create a new unit");
	if ((v = json_object_get(x->body, "kind")) && (!(s = json_string_value(v)) || strcmp(s, u.kind)))
		return mc_fail(&x->err, MC_EINVAL, "kind", "Không đổi được loại đơn vị",
			       "A unit's kind cannot change");
	/* a row of GET /api/v1/units sent back as it is has "parent": null for a root */
	if ((v = json_object_get(x->body, "parent")) && !(json_is_null(v) && !u.parent_id)) {
		s = json_string_value(v);
		if (!u.parent_id || !s || store_unit_get(c, u.parent_id, &parent, &x->err) || strcmp(s, parent.code))
			return mc_fail(&x->err, MC_EINVAL, "parent", "Không chuyển được đơn vị sang đơn vị cấp trên khác",
				       "A unit cannot move to another parent");
	}
	detail = json_object();
	if ((rc = take(x, "name", u.name, sizeof u.name, detail, &given)) ||
	    (rc = take(x, "name_en", u.name_en, sizeof u.name_en, detail, &given)) ||
	    (rc = take(x, "agency_code", u.agency_code, sizeof u.agency_code, detail, &given)) ||
	    (rc = take(x, "address", u.address, sizeof u.address, detail, &given)) ||
	    (rc = take(x, "phone", u.phone, sizeof u.phone, detail, &given))) {
		json_decref(detail);
		return rc;
	}
	if (!given)
		rc = mc_fail(&x->err, MC_EINVAL, NULL,
			     "Cần ít nhất một trường để sửa: name, name_en, agency_code, address hoặc phone",
			     "Give at least one field to change: name, name_en, agency_code, address or phone");
	else if (blank(u.name))
		rc = mc_fail(&x->err, MC_EINVAL, "name", "Tên đơn vị không được để trống",
			     "The unit's name must not be empty");
	else if (!valid_agency_code(u.agency_code))
		rc = bad_agency_code(x);
	if (rc || !json_object_size(detail)) {
		json_decref(detail);
		return rc ? rc : api_reply_json(x, 200, api_unit_json(&u));
	}
	if ((rc = store_begin(c, &x->err))) {
		json_decref(detail);
		return rc;
	}
	rc = store_unit_update(c, &u, &x->err);
	if (!rc)
		rc = api_audit(x, "unit.update", "unit", u.code, u.id, detail);
	json_decref(detail);
	if (!rc)
		rc = store_commit(c, &x->err);
	if (rc) {
		store_rollback(c);
		return rc;
	}
	return api_reply_json(x, 200, api_unit_json(&u));
}
