/*
 * quality.c (api) - the quality evaluation, the service index, the leaders'
 * dashboard and the annual reform appendices over HTTP.  Every route needs
 * report.read on the unit asked for (default: the caller's first unit with
 * it), like the resolution report.
 *
 * Settings (rules, bands, index weights) come from the JSON file named by
 * MOTCUA_QUALITY_SETTINGS, read at each request so an edit applies at once;
 * without it, the built-in defaults (docs/QUALITY.md).  Every answer echoes
 * the settings it used.
 */
#include "api/api_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/caldate.h"
#include "domain/dossier_code.h"
#include "service/appendix.h"
#include "service/quality.h"

static enum mc_err quality_unit(struct api_ctx *x, struct store_conn *c, struct unit_rec *unit)
{
	const char *code = api_query(x, "unit");
	enum mc_err rc;

	memset(unit, 0, sizeof *unit);
	if (code && *code) {
		rc = store_unit_get_by_code(c, code, unit, &x->err);
		if (rc == MC_ENOTFOUND)
			return mc_failf(&x->err, MC_ENOTFOUND, "unit", "Không có đơn vị '%s'", "No unit '%s'", code);
		if (rc)
			return rc;
	} else {
		for (int i = 0; i < x->who.ngrants && !unit->id; i++)
			if (authz_role_permits(x->who.grants[i].role, ACT_REPORT_READ) && x->who.grants[i].unit_id)
				store_unit_get(c, x->who.grants[i].unit_id, unit, NULL);
	}
	if (!unit->id || !authz_allows(&x->who, ACT_REPORT_READ, unit->path))
		return mc_fail(&x->err, MC_EFORBIDDEN, "unit", "Bạn không được xem báo cáo của đơn vị này",
			       "You may not read this unit's reports");
	return MC_OK;
}

static enum mc_err settings(struct api_ctx *x, json_t **out)
{
	return svc_quality_settings_load(getenv("MOTCUA_QUALITY_SETTINGS"), out, &x->err);
}

static enum mc_err period_query(struct api_ctx *x, struct store_conn **c, struct unit_rec *unit,
				struct svc_report_query *q)
{
	enum mc_err rc;

	if ((rc = api_conn(x, c)) || (rc = quality_unit(x, *c, unit)) ||
	    (rc = svc_report_period(api_query(x, "from"), api_query(x, "to"), q, &x->err)))
		return rc;
	q->unit = unit->code;
	return MC_OK;
}

/* GET /api/v1/reports/quality?from=&to=&unit= */
enum mc_err h_report_quality(struct api_ctx *x)
{
	struct svc_report_query q = {0};
	struct store_conn *c;
	struct unit_rec unit;
	json_t *s = NULL, *out = NULL;
	enum mc_err rc;

	if ((rc = period_query(x, &c, &unit, &q)) || (rc = settings(x, &s)))
		return rc;
	rc = svc_quality_report(c, &q, s, &out, &x->err);
	json_decref(s);
	return rc ? rc : api_reply_json(x, 200, out);
}

/* GET /api/v1/reports/index?from=&to=&unit= */
enum mc_err h_report_index(struct api_ctx *x)
{
	struct svc_report_query q = {0};
	struct store_conn *c;
	struct unit_rec unit;
	json_t *s = NULL, *out = NULL;
	enum mc_err rc;

	if ((rc = period_query(x, &c, &unit, &q)) || (rc = settings(x, &s)))
		return rc;
	rc = svc_service_index(c, &q, s, &out, &x->err);
	json_decref(s);
	return rc ? rc : api_reply_json(x, 200, out);
}

/* GET /api/v1/reports/dashboard?unit=[&at=YYYY-MM-DD]: now, or the end of
 * that local day (for a reproducible view of the past). */
enum mc_err h_report_dashboard(struct api_ctx *x)
{
	const char *at = api_query(x, "at");
	struct store_conn *c;
	struct unit_rec unit;
	int64_t now = x->rq->now;
	int32_t day;
	json_t *out = NULL;
	enum mc_err rc;

	if ((rc = api_conn(x, &c)) || (rc = quality_unit(x, c, &unit)))
		return rc;
	if (at && *at) {
		if (caldate_parse(at, 0, &day))
			return mc_fail(&x->err, MC_EINVAL, "at", "at phải có dạng YYYY-MM-DD", "at must be a date YYYY-MM-DD");
		now = ((int64_t)day + 1) * 86400 - (int64_t)unit.utc_offset_min * 60 - 1;
	}
	if ((rc = svc_dashboard(c, unit.code, now, &out, &x->err)))
		return rc;
	return api_reply_json(x, 200, out);
}

/* POST /api/v1/reports/appendices?year=YYYY&format=json|xlsx[&unit=]
 * body: {"values": {key: number|string ...}} (the cells entered by hand). */
enum mc_err h_report_appendices(struct api_ctx *x)
{
	const char *ys = api_query(x, "year"), *format = api_query(x, "format");
	struct store_conn *c;
	struct unit_rec unit;
	json_t *out = NULL;
	char *end = NULL, disp[160];
	long year = ys ? strtol(ys, &end, 10) : 0;
	int cy, m, d;
	enum mc_err rc;

	caldate_to_ymd(dossier_code_local_day(x->rq->now, 420), &cy, &m, &d);
	if (!ys || !*ys || *end || year < 2000 || year > cy)
		return mc_fail(&x->err, MC_EINVAL, "year", "Năm (year) không hợp lệ", "Invalid year");
	if (format && *format && strcmp(format, "json") && strcmp(format, "xlsx"))
		return mc_fail(&x->err, MC_EINVAL, "format", "format là json hoặc xlsx", "format is json or xlsx");
	if ((rc = api_conn(x, &c)) || (rc = quality_unit(x, c, &unit)) ||
	    (rc = svc_appendices(c, unit.code, (int)year, x->body, x->rq->now, &out, &x->err)))
		return rc;
	if (!format || !*format || !strcmp(format, "json"))
		return api_reply_json(x, 200, out);
	buf_reset(&x->rs->body);
	rc = svc_appendices_xlsx(out, &x->rs->body, &x->err);
	if (!rc) {
		x->rs->status = 200;
		x->rs->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
		snprintf(disp, sizeof disp, "attachment; filename=\"phu-luc-cchc-%s-%ld.xlsx\"", unit.code, year);
		api_response_header(x->rs, "Content-Disposition", disp);
	}
	json_decref(out);
	return rc;
}
