/*
 * calendar.c - the working calendar over HTTP: the year's days off and the
 * deadline calculator are public (a citizen can check an appointment); the
 * overrides (official schedules, a unit's swapped days) need calendar.write
 * on the unit, or on the root of the tree for national ones.
 */
#include "api/api_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/caldate.h"
#include "service/calendar.h"

static int root_cb(void *ctx, const struct unit_rec *u)
{
	*(struct unit_rec *)ctx = *u;
	return 1;
}

static enum mc_err may_write(struct api_ctx *x, const char *unit_code)
{
	struct store_conn *c;
	struct unit_rec u = {0};
	enum mc_err rc = api_conn(x, &c);

	if (rc)
		return rc;
	if (unit_code && *unit_code) {
		rc = store_unit_get_by_code(c, unit_code, &u, &x->err);
		if (rc == MC_ENOTFOUND)
			return mc_failf(&x->err, MC_EINVAL, "unit", "Không có đơn vị '%s'", "No unit '%s'", unit_code);
		if (rc)
			return rc;
	} else {
		store_unit_list(c, root_cb, &u, NULL); /* national: decided at the root */
	}
	if (u.id && authz_allows(&x->who, ACT_CALENDAR_WRITE, u.path))
		return MC_OK;
	return mc_fail(&x->err, MC_EFORBIDDEN, "unit", "Bạn không quản lý lịch làm việc của đơn vị này",
		       "You do not manage this unit's working calendar");
}

enum mc_err h_calendar_holidays(struct api_ctx *x)
{
	const char *y = api_query(x, "year");
	struct store_conn *c;
	json_t *out;
	char *end = NULL;
	long year = y ? strtol(y, &end, 10) : 0;
	enum mc_err rc;

	if (!y || *end)
		return mc_fail(&x->err, MC_EINVAL, "year", "Cần năm, ví dụ ?year=2026", "Give the year, e.g. ?year=2026");
	if ((rc = api_conn(x, &c)) || (rc = svc_calendar_holidays(c, api_query(x, "unit"), (int)year, &out, &x->err)))
		return rc;
	return api_reply_json(x, 200, out);
}

enum mc_err h_calendar_deadline(struct api_ctx *x)
{
	struct deadline_request *r = malloc(sizeof *r);
	struct store_conn *c;
	json_t *out = NULL;
	enum mc_err rc;

	if (!r)
		return mc_fail(&x->err, MC_ENOMEM, NULL, NULL, NULL);
	if (!(rc = svc_deadline_request_from_json(x->body, r, &x->err)) && !(rc = api_conn(x, &c)))
		rc = svc_calendar_deadline(c, r, &out, &x->err);
	free(r);
	if (rc)
		return rc;
	return api_reply_json(x, 200, out);
}

enum mc_err h_calendar_overrides(struct api_ctx *x)
{
	const char *unit = api_query(x, "unit"), *y = api_query(x, "year");
	struct store_conn *c;
	json_t *out;
	enum mc_err rc;

	if ((rc = may_write(x, unit)) || (rc = api_conn(x, &c)) ||
	    (rc = svc_calendar_overrides(c, unit, y ? atoi(y) : 0, &out, &x->err)))
		return rc;
	return api_reply_json(x, 200, out);
}

/* The unit's own override of one day, as GET /api/v1/calendar/overrides
 * lists it: {"unit", "date", "kind", "reason_vi", "reason_en", "source"}. */
static enum mc_err stored_override(struct api_ctx *x, struct store_conn *c, const char *unit, int32_t day,
				   json_t **out)
{
	json_t *list = NULL, *o;
	char date[11];
	int y, m, d;
	size_t i;
	enum mc_err rc;

	caldate_to_ymd(day, &y, &m, &d);
	caldate_format(day, date);
	if ((rc = svc_calendar_overrides(c, unit, y, &list, &x->err)))
		return rc;
	*out = NULL;
	json_array_foreach(json_object_get(list, "overrides"), i, o)
		if (!*out && json_is_string(json_object_get(o, "date")) &&
		    !strcmp(json_string_value(json_object_get(o, "date")), date))
			*out = json_incref(o);
	json_decref(list);
	return *out ? MC_OK
		    : mc_fail(&x->err, MC_EINTERNAL, NULL, "Không đọc lại được ngày vừa lưu",
			      "The day just stored cannot be read back");
}

enum mc_err h_calendar_override_put(struct api_ctx *x)
{
	char unit[64], date[16], kind[8];
	struct holidays_override o = {0};
	struct store_conn *c;
	json_t *out = NULL;
	enum mc_err rc;

	if ((rc = api_body_str(x, "unit", unit, sizeof unit, false)) ||
	    (rc = api_body_str(x, "date", date, sizeof date, true)) ||
	    (rc = api_body_str(x, "kind", kind, sizeof kind, true)) ||
	    (rc = api_body_str(x, "reason_vi", o.reason_vi, sizeof o.reason_vi, true)) ||
	    (rc = api_body_str(x, "reason_en", o.reason_en, sizeof o.reason_en, false)) ||
	    (rc = api_body_str(x, "source", o.source, sizeof o.source, false)))
		return rc;
	if (caldate_parse(date, 0, &o.day))
		return mc_fail(&x->err, MC_EINVAL, "date", "Ngày phải có dạng YYYY-MM-DD", "The date must be YYYY-MM-DD");
	o.kind = holidays_kind_parse(kind);
	if (!o.kind)
		return mc_fail(&x->err, MC_EINVAL, "kind", "Loại phải là off (nghỉ), work (làm bù) hoặc remove (bỏ ngày lễ)",
			       "The kind must be off, work or remove");
	if ((rc = may_write(x, unit)) || (rc = api_conn(x, &c)) ||
	    (rc = svc_calendar_put(c, unit, &o, 1, x->who.user_id, x->rq->now, &x->err)))
		return rc;
	/* answer what was stored, as the list shows it (normalised date, the
	 * reasons and source as kept) rather than an echo of the request */
	if ((rc = stored_override(x, c, unit, o.day, &out)))
		return rc;
	return api_reply_json(x, 201, out);
}

enum mc_err h_calendar_override_delete(struct api_ctx *x)
{
	const char *unit = api_query(x, "unit"), *date = api_query(x, "date");
	struct store_conn *c;
	int32_t day;
	enum mc_err rc;

	if (!date || caldate_parse(date, 0, &day))
		return mc_fail(&x->err, MC_EINVAL, "date", "Cần ?date=YYYY-MM-DD", "Give ?date=YYYY-MM-DD");
	if ((rc = may_write(x, unit)) || (rc = api_conn(x, &c)) ||
	    (rc = svc_calendar_delete(c, unit, day, x->who.user_id, x->rq->now, &x->err)))
		return rc;
	return api_reply_json(x, 200, json_pack("{s:b}", "ok", 1));
}

/* {"unit": "...", "format": "ics|json|csv", "content": "<the file's text>"} */
enum mc_err h_calendar_import(struct api_ctx *x)
{
	char unit[64], format[8];
	json_t *content = json_object_get(x->body, "content");
	struct calimport_list list = {0};
	struct store_conn *c;
	enum calimport_format fmt;
	enum mc_err rc;

	if ((rc = api_body_str(x, "unit", unit, sizeof unit, false)) ||
	    (rc = api_body_str(x, "format", format, sizeof format, true)))
		return rc;
	fmt = calimport_format_parse(format);
	if (fmt == CALIMPORT_UNKNOWN)
		return mc_fail(&x->err, MC_EINVAL, "format", "Định dạng phải là ics, json hoặc csv",
			       "The format must be ics, json or csv");
	if (!json_is_string(content))
		return mc_fail(&x->err, MC_EINVAL, "content", "Cần nội dung tệp (content)", "The file content is required");
	if ((rc = may_write(x, unit)))
		return rc;
	rc = calimport_parse(fmt, json_string_value(content), json_string_length(content), &list, &x->err);
	if (!rc && !(rc = api_conn(x, &c)))
		rc = svc_calendar_put(c, unit, list.items, list.n, x->who.user_id, x->rq->now, &x->err);
	if (!rc)
		rc = api_reply_json(x, 200, json_pack("{s:s, s:I}", "unit", unit, "days", (json_int_t)list.n));
	calimport_list_release(&list);
	return rc;
}
