/*
 * respond.c - replies, the error body, and the small helpers that every
 * handler shares (body fields, query parameters, the audit trail, the
 * request's database connection).
 *
 * The error body is the API's stable contract:
 *   {"error": {"code": "not_found", "message": "<Vietnamese>",
 *              "message_en": "<English>", "field": "phone", "request_id": "..."}}
 * "field" is present only when one input field is at fault.  docs/ERRORS.md
 * lists every code.
 */
#include "api/api_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "domain/caldate.h"

enum mc_err api_conn(struct api_ctx *x, struct store_conn **out)
{
	enum mc_err rc;

	if (!x->conn) {
		rc = store_conn_get(x->app->store, &x->conn, &x->err);
		if (rc)
			return rc;
	}
	*out = x->conn;
	return MC_OK;
}

static enum mc_err dump(struct buf *b, json_t *v)
{
	char *s = json_dumps(v, JSON_COMPACT);
	enum mc_err rc;

	if (!s)
		return MC_ENOMEM;
	rc = buf_puts(b, s);
	free(s);
	return rc;
}

enum mc_err api_reply_json(struct api_ctx *x, int status, json_t *body)
{
	enum mc_err rc;

	if (!body)
		return mc_fail(&x->err, MC_ENOMEM, NULL, NULL, NULL);
	x->rs->status = status;
	x->rs->content_type = "application/json; charset=utf-8";
	buf_reset(&x->rs->body);
	rc = dump(&x->rs->body, body);
	json_decref(body);
	if (rc)
		return mc_fail(&x->err, rc, NULL, NULL, NULL);
	return MC_OK;
}

void api_reply_error(struct api_response *rs, const struct mc_error *e, const char *request_id)
{
	json_t *err = json_pack("{s:s, s:s, s:s}", "code", mc_err_name(e->code), "message",
				e->msg_vi[0] ? e->msg_vi : mc_err_generic_vi(e->code), "message_en",
				e->msg_en[0] ? e->msg_en : mc_err_generic_en(e->code));
	json_t *body;

	if (err && e->field[0])
		json_object_set_new(err, "field", json_string(e->field));
	if (err && request_id && *request_id)
		json_object_set_new(err, "request_id", json_string(request_id));
	body = json_pack("{s:o}", "error", err);
	rs->status = mc_err_http_status(e->code);
	rs->content_type = "application/json; charset=utf-8";
	buf_reset(&rs->body);
	if (!body || dump(&rs->body, body))
		buf_puts(&rs->body, "{\"error\":{\"code\":\"out_of_memory\"}}");
	json_decref(body);
	if (e->code == MC_ERATE)
		api_response_header(rs, "Retry-After", "60");
	if (e->code == MC_EUNAUTH)
		api_response_header(rs, "WWW-Authenticate", "Bearer realm=\"motcua\"");
}

const char *api_query(const struct api_ctx *x, const char *name)
{
	for (int i = 0; i < x->rq->nquery; i++)
		if (!strcmp(x->rq->query[i].name, name))
			return x->rq->query[i].value;
	return NULL;
}

enum mc_err api_day_start(struct api_ctx *x, const char *s, const char *field, int64_t *out)
{
	int32_t day;

	if (!s || caldate_parse(s, 0, &day))
		return mc_failf(&x->err, MC_EINVAL, field, "'%s' phải là ngày dạng YYYY-MM-DD",
				"'%s' must be a date YYYY-MM-DD", field);
	*out = (int64_t)day * 86400 - 420 * 60;
	return MC_OK;
}

enum mc_err api_body_str(struct api_ctx *x, const char *key, char *dst, size_t n, bool required)
{
	json_t *v = x->body ? json_object_get(x->body, key) : NULL;
	const char *s;

	dst[0] = '\0';
	if (!v || json_is_null(v)) {
		if (required)
			return mc_failf(&x->err, MC_EINVAL, key, "Thiếu trường bắt buộc '%s'",
					"The field '%s' is required", key);
		return MC_OK;
	}
	if (!json_is_string(v))
		return mc_failf(&x->err, MC_EINVAL, key, "Trường '%s' phải là chuỗi ký tự",
				"The field '%s' must be a string", key);
	s = json_string_value(v);
	if (strlen(s) >= n)
		return mc_failf(&x->err, MC_EINVAL, key, "Trường '%s' quá dài (tối đa %zu byte)",
				"The field '%s' is too long (at most %zu bytes)", key, n - 1);
	if (!utf8_is_clean_text(s, false))
		return mc_failf(&x->err, MC_EINVAL, key, "Trường '%s' chứa ký tự không hợp lệ",
				"The field '%s' contains invalid characters", key);
	if (required && !*s)
		return mc_failf(&x->err, MC_EINVAL, key, "Trường '%s' không được để trống",
				"The field '%s' must not be empty", key);
	memcpy(dst, s, strlen(s) + 1);
	return MC_OK;
}

enum mc_err api_audit(struct api_ctx *x, const char *action, const char *object_type,
		      const char *object_id, int64_t unit_id, json_t *detail)
{
	struct audit_rec a = {0};
	struct store_conn *c;
	char *text = NULL;
	enum mc_err rc = api_conn(x, &c);

	if (rc)
		return rc;
	a.at = x->rq->now;
	a.actor_id = x->who.user_id;
	a.unit_id = unit_id;
	snprintf(a.action, sizeof a.action, "%s", action);
	snprintf(a.object_type, sizeof a.object_type, "%s", object_type ? object_type : "");
	snprintf(a.object_id, sizeof a.object_id, "%s", object_id ? object_id : "");
	if (detail)
		text = json_dumps(detail, JSON_COMPACT);
	a.detail_json = text;
	rc = store_audit_append(c, &a, &x->err);
	free(text);
	return rc;
}

json_t *api_unit_json(const struct unit_rec *u)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:s, s:s, s:b}", "id", (json_int_t)u->id,
			 "code", u->code, "agency_code", u->agency_code, "name", u->name, "name_en",
			 u->name_en, "kind", u->kind, "path", u->path, "utc_offset_min", u->utc_offset_min,
			 "address", u->address, "phone", u->phone, "active", u->active);
}

static int add_grant(void *ctx, const struct grant_rec *g)
{
	json_t *arr = ctx;

	json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s}", "role", g->role, "unit",
					     g->unit_code, "unit_name", g->unit_name, "unit_path",
					     g->unit_path));
	return 0;
}

json_t *api_user_json(struct api_ctx *x, const struct user_rec *u, bool with_grants)
{
	json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:s, s:b, s:b, s:I}", "id", (json_int_t)u->id, "username",
			      u->username, "full_name", u->full_name, "phone", u->phone, "email", u->email,
			      "disabled", u->disabled, "is_citizen", u->is_citizen, "created_at",
			      (json_int_t)u->created_at);
	struct store_conn *c;

	if (j && with_grants && !api_conn(x, &c)) {
		json_t *roles = json_array();

		store_grant_list(c, u->id, add_grant, roles, &x->err);
		json_object_set_new(j, "roles", roles);
	}
	return j;
}
