/*
 * catalog.c - the catalog of administrative procedures over HTTP.  Reading
 * is public (citizens read it before they come); writing needs
 * catalog.write on the procedure's agency (or, for procedures every commune
 * performs and for whole-catalog imports, on the root of the unit tree).
 */
#include "api/api_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/catalog.h"
#include "service/catalog.h"

static int first_unit(void *ctx, const struct unit_rec *u)
{
	*(struct unit_rec *)ctx = *u;
	return 1; /* stop: the first unit in path order is the root */
}

/* May the caller change the catalog entry whose agency is `agency`? */
static enum mc_err may_write(struct api_ctx *x, const char *agency)
{
	struct store_conn *c;
	struct unit_rec u = {0};
	enum mc_err rc = api_conn(x, &c);

	if (rc)
		return rc;
	if (agency && agency[0] != '$' && store_unit_get_by_code(c, agency, &u, NULL) == MC_OK) {
		if (authz_allows(&x->who, ACT_CATALOG_WRITE, u.path))
			return MC_OK;
	} else {
		store_unit_list(c, first_unit, &u, NULL);
		if (u.id && authz_allows(&x->who, ACT_CATALOG_WRITE, u.path))
			return MC_OK;
	}
	return mc_fail(&x->err, MC_EFORBIDDEN, NULL, "Bạn không quản lý danh mục thủ tục của đơn vị này",
		       "You do not manage this unit's catalog");
}

static int query_int(struct api_ctx *x, const char *name, int dflt)
{
	const char *v = api_query(x, name);

	return v && *v ? atoi(v) : dflt;
}

enum mc_err h_procedures_search(struct api_ctx *x)
{
	struct catalog_search s = {0};
	struct store_conn *c;
	json_t *out;
	enum mc_err rc;

	s.q = api_query(x, "q");
	s.level = api_query(x, "level");
	s.field = api_query(x, "field");
	s.agency = api_query(x, "agency");
	s.online = api_query(x, "online");
	s.limit = query_int(x, "limit", 50);
	s.offset = query_int(x, "offset", 0);
	s.include_closed = api_query(x, "all") && x->who.user_id && authz_may(&x->who, ACT_CATALOG_WRITE);
	s.status = api_query(x, "status");
	if (s.status && *s.status && !catalog_status_valid(s.status))
		return mc_fail(&x->err, MC_EINVAL, "status",
			       "Trạng thái phải là draft, in_force, amended, replaced hoặc abolished",
			       "The status must be draft, in_force, amended, replaced or abolished");
	if (s.q && strlen(s.q) > 200)
		return mc_fail(&x->err, MC_EINVAL, "q", "Từ khóa tìm kiếm quá dài", "The search text is too long");
	if ((rc = api_conn(x, &c)) || (rc = svc_catalog_search(c, &s, &out, &x->err)))
		return rc;
	return api_reply_json(x, 200, out);
}

enum mc_err h_procedure_get(struct api_ctx *x)
{
	struct store_conn *c;
	json_t *doc;
	const char *st;
	enum mc_err rc;

	if ((rc = api_conn(x, &c)) || (rc = svc_procedure_get(c, x->params[0], query_int(x, "version", 0), &doc, &x->err)))
		return rc;
	/* drafts are not public yet */
	st = json_string_value(json_object_get(doc, "status"));
	if (st && !strcmp(st, "draft") && !authz_may(&x->who, ACT_CATALOG_WRITE)) {
		json_decref(doc);
		return mc_fail(&x->err, MC_ENOTFOUND, "code", "Không tìm thấy thủ tục hành chính", "Procedure not found");
	}
	return api_reply_json(x, 200, doc);
}

enum mc_err h_catalog_stats(struct api_ctx *x)
{
	struct store_conn *c;
	json_t *out;
	enum mc_err rc;

	if ((rc = api_conn(x, &c)) || (rc = svc_catalog_stats(c, &out, &x->err)))
		return rc;
	return api_reply_json(x, 200, out);
}

static int add_field(void *ctx, const struct field_rec *f)
{
	json_array_append_new(ctx, json_pack("{s:s, s:s, s:s}", "code", f->code, "name", f->name, "name_en", f->name_en));
	return 0;
}

enum mc_err h_fields_list(struct api_ctx *x)
{
	struct store_conn *c;
	json_t *arr = json_array();
	enum mc_err rc = api_conn(x, &c);

	if (!rc)
		rc = store_field_list(c, add_field, arr, &x->err);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	return api_reply_json(x, 200, json_pack("{s:o}", "fields", arr));
}

static enum mc_err save(struct api_ctx *x, json_t *doc, bool is_new, int expected_version)
{
	struct store_conn *c;
	int version = 0;
	enum mc_err rc;

	if ((rc = may_write(x, json_string_value(json_object_get(doc, "agency")))) || (rc = api_conn(x, &c)) ||
	    (rc = svc_procedure_save(c, doc, is_new, expected_version, x->who.user_id, x->rq->now, &version, &x->err)))
		return rc;
	return api_reply_json(x, is_new ? 201 : 200,
			      json_pack("{s:s, s:i}", "code", json_string_value(json_object_get(doc, "code")), "version",
					version));
}

enum mc_err h_procedure_create(struct api_ctx *x)
{
	if (!json_object_get(x->body, "status"))
		json_object_set_new(x->body, "status", json_string("draft"));
	return save(x, x->body, true, 0);
}

enum mc_err h_procedure_update(struct api_ctx *x)
{
	const char *code = json_string_value(json_object_get(x->body, "code"));
	int expected;

	if (code && strcmp(code, x->params[0]))
		return mc_fail(&x->err, MC_EINVAL, "code", "Không được đổi mã thủ tục; hãy tạo thủ tục mới và thay thế",
			       "The code cannot change; create a new procedure and replace this one");
	json_object_set_new(x->body, "code", json_string(x->params[0]));
	/* "version": the one the editor read; a stale one is refused (409)
	 * rather than silently undoing another administrator's change */
	expected = (int)json_integer_value(json_object_get(x->body, "version"));
	json_object_del(x->body, "version");
	return save(x, x->body, false, expected);
}

/* publish (draft -> in_force), amend, replace, abolish: a new version whose
 * status and publishing decision change, everything else kept. */
enum mc_err h_procedure_status(struct api_ctx *x)
{
	char status[16];
	struct store_conn *c;
	json_t *doc, *decision = json_object_get(x->body, "decision");
	const char *replaced_by = json_string_value(json_object_get(x->body, "replaced_by"));
	enum mc_err rc;

	if ((rc = api_body_str(x, "status", status, sizeof status, true)))
		return rc;
	if (!catalog_status_valid(status) || !strcmp(status, "draft"))
		return mc_fail(&x->err, MC_EINVAL, "status",
			       "Trạng thái mới phải là in_force, amended, replaced hoặc abolished",
			       "The new status must be in_force, amended, replaced or abolished");
	if (!json_is_object(decision))
		return mc_fail(&x->err, MC_EINVAL, "decision",
			       "Cần quyết định {\"number\", \"date\", \"issuer\"} làm căn cứ thay đổi",
			       "The decision {\"number\", \"date\", \"issuer\"} behind the change is required");
	if (!strcmp(status, "replaced") && !replaced_by)
		return mc_fail(&x->err, MC_EINVAL, "replaced_by", "Cần mã thủ tục thay thế",
			       "The code of the replacing procedure is required");
	if ((rc = api_conn(x, &c)) || (rc = svc_procedure_get(c, x->params[0], 0, &doc, &x->err)))
		return rc;
	json_object_del(doc, "version");
	json_object_set_new(doc, "status", json_string(status));
	json_object_set(doc, "decision", decision);
	if (replaced_by)
		json_object_set_new(doc, "replaced_by", json_string(replaced_by));
	rc = save(x, doc, false, 0);
	json_decref(doc);
	return rc;
}

enum mc_err h_catalog_import(struct api_ctx *x)
{
	struct catalog_report r;
	struct store_conn *c;
	bool dry = api_query(x, "dry_run") != NULL;
	json_t *out;
	enum mc_err rc;

	if ((rc = may_write(x, NULL)) || (rc = api_conn(x, &c)))
		return rc;
	catalog_report_init(&r);
	rc = svc_catalog_import(c, x->body, x->who.user_id, x->rq->now, dry, &r, &x->err);
	if (rc == MC_EINVAL && json_array_size(r.errors)) {
		/* the list of bad entries is the useful part: answer it whole */
		out = json_pack("{s:{s:s, s:s, s:s, s:s, s:O}}", "error", "code", "invalid_input", "message",
				x->err.msg_vi, "message_en", x->err.msg_en, "request_id", x->rq->request_id, "entries",
				r.errors);
		catalog_report_release(&r);
		return api_reply_json(x, 400, out);
	}
	if (!rc)
		out = json_pack("{s:b, s:i, s:i, s:i, s:i, s:O, s:O}", "dry_run", dry, "fields", r.fields, "added", r.added,
				"changed", r.changed, "unchanged", r.unchanged, "added_codes", r.added_codes,
				"changed_codes", r.changed_codes);
	catalog_report_release(&r);
	if (rc)
		return rc;
	return api_reply_json(x, 200, out);
}

enum mc_err h_catalog_export(struct api_ctx *x)
{
	struct store_conn *c;
	json_t *out;
	enum mc_err rc;

	if ((rc = may_write(x, NULL)) || (rc = api_conn(x, &c)) || (rc = svc_catalog_export(c, &out, &x->err)))
		return rc;
	return api_reply_json(x, 200, out);
}
