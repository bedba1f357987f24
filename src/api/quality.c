/*
 * quality.c (api) - the quality evaluation, the service index, the leaders'
 * dashboard and the annual reform appendices over HTTP.  Every route needs
 * report.read on the unit asked for (default: the caller's first unit with
 * it), like the resolution report; storing the appendices' manual values
 * also needs the leader or reporter role on the unit (may_write_manual).
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

/* ?year=YYYY: 2000 up to the current year (UTC+7). */
static enum mc_err query_year(struct api_ctx *x, long *year)
{
	const char *ys = api_query(x, "year");
	char *end = NULL;
	int cy, m, d;

	*year = ys ? strtol(ys, &end, 10) : 0;
	caldate_to_ymd(dossier_code_local_day(x->rq->now, 420), &cy, &m, &d);
	if (!ys || !*ys || *end || *year < 2000 || *year > cy)
		return mc_fail(&x->err, MC_EINVAL, "year", "Năm (year) không hợp lệ", "Invalid year");
	return MC_OK;
}

/* POST /api/v1/reports/appendices?year=YYYY&format=json|xlsx|pdf[&unit=]
 * body: {"values": {key: number|string ...}} (cells entered by hand for this
 * export; they win over the values stored for the unit and year). */
enum mc_err h_report_appendices(struct api_ctx *x)
{
	const char *format = api_query(x, "format");
	struct store_conn *c;
	struct unit_rec unit;
	json_t *out = NULL;
	char disp[160];
	long year;
	bool pdf;
	enum mc_err rc;

	if ((rc = query_year(x, &year)))
		return rc;
	if (format && *format && strcmp(format, "json") && strcmp(format, "xlsx") && strcmp(format, "pdf"))
		return mc_fail(&x->err, MC_EINVAL, "format", "format là json, xlsx hoặc pdf", "format is json, xlsx or pdf");
	if ((rc = api_conn(x, &c)) || (rc = quality_unit(x, c, &unit)) ||
	    (rc = svc_appendices(c, unit.code, (int)year, x->body, x->rq->now, &out, &x->err)))
		return rc;
	if (!format || !*format || !strcmp(format, "json"))
		return api_reply_json(x, 200, out);
	pdf = !strcmp(format, "pdf");
	buf_reset(&x->rs->body);
	rc = pdf ? svc_appendices_pdf(out, &x->rs->body, &x->err) : svc_appendices_xlsx(out, &x->rs->body, &x->err);
	if (!rc) {
		x->rs->status = 200;
		x->rs->content_type =
			pdf ? "application/pdf" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
		/* the unit code is a slug ([a-z0-9._-]) and the year a number */
		snprintf(disp, sizeof disp, "attachment; filename=\"phu-luc-cchc-%s-%ld.%s\"", unit.code, year,
			 pdf ? "pdf" : "xlsx");
		api_response_header(x->rs, "Content-Disposition", disp);
	}
	json_decref(out);
	return rc;
}

/* GET /api/v1/reports/appendices/manual?year=YYYY[&unit=]: the manual values
 * stored for the unit and year (report.read on the unit). */
enum mc_err h_report_appendices_manual_get(struct api_ctx *x)
{
	struct store_conn *c;
	struct unit_rec unit;
	json_t *out = NULL;
	long year;
	enum mc_err rc;

	if ((rc = query_year(x, &year)) || (rc = api_conn(x, &c)) || (rc = quality_unit(x, c, &unit)) ||
	    (rc = svc_appendices_manual_get(c, unit.code, (int)year, &out, &x->err)))
		return rc;
	return api_reply_json(x, 200, out);
}

/* Writing the report's figures is the reporting officer's or the leader's
 * job: report.read on the unit is not enough (an administrator or a head of
 * department reads reports but does not sign the reform report).  The
 * caller must hold the leader or reporter role on the unit or above it. */
static bool may_write_manual(const struct api_ctx *x, const struct unit_rec *unit)
{
	for (int i = 0; i < x->who.ngrants; i++) {
		const struct authz_grant *g = &x->who.grants[i];

		if ((g->role == ROLE_LEADER || g->role == ROLE_REPORTER) && g->unit_path[0] &&
		    !strncmp(unit->path, g->unit_path, strlen(g->unit_path)))
			return true;
	}
	return false;
}

/* PUT /api/v1/reports/appendices/manual?year=YYYY[&unit=]
 * body: {"values": {key: number|string|null}}: replaces the stored set. */
enum mc_err h_report_appendices_manual_put(struct api_ctx *x)
{
	struct store_conn *c;
	struct unit_rec unit;
	json_t *out = NULL;
	long year;
	enum mc_err rc;

	if ((rc = query_year(x, &year)) || (rc = api_conn(x, &c)) || (rc = quality_unit(x, c, &unit)))
		return rc;
	if (!may_write_manual(x, &unit))
		return mc_fail(&x->err, MC_EFORBIDDEN, "unit",
			       "Chỉ lãnh đạo hoặc cán bộ tổng hợp của đơn vị được lưu số liệu phụ lục",
			       "Only the unit's leaders or reporting officers may store the appendices' figures");
	if ((rc = svc_appendices_manual_put(c, unit.code, (int)year, x->body, x->who.user_id, x->rq->now, &out,
					    &x->err)))
		return rc;
	return api_reply_json(x, 200, out);
}
