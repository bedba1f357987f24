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

/* The current year at UTC+7: the last year a report may ask for. */
static int current_year(const struct api_ctx *x)
{
	int cy, m, d;

	caldate_to_ymd(dossier_code_local_day(x->rq->now, 420), &cy, &m, &d);
	return cy;
}

/* ?year=YYYY: 2000 up to the current year (UTC+7). */
static enum mc_err query_year(struct api_ctx *x, long *year)
{
	int y0, y1;
	bool range;
	enum mc_err rc =
		svc_appendix_years(api_query(x, "year"), NULL, NULL, current_year(x), &y0, &y1, &range, &x->err);

	*year = rc ? 0 : y0;
	return rc;
}

/* ?year=YYYY, or ?from_year=Y1&to_year=Y2 (at most SVC_APPENDIX_MAX_YEARS
 * years), each 2000 up to the current year. */
static enum mc_err query_years(struct api_ctx *x, int *y0, int *y1, bool *range)
{
	return svc_appendix_years(api_query(x, "year"), api_query(x, "from_year"), api_query(x, "to_year"),
				  current_year(x), y0, y1, range, &x->err);
}

/* POST /api/v1/reports/appendices?year=YYYY&format=json|xlsx|pdf[&unit=]
 * body: {"values": {key: number|string ...}} (cells entered by hand for this
 * export; they win over the values stored for the unit and year).
 * Several years side by side: ?from_year=Y1&to_year=Y2 instead of year,
 * body {"values_by_year": {"YYYY": {key: value}}} (svc_appendices_range). */
enum mc_err h_report_appendices(struct api_ctx *x)
{
	const char *format = api_query(x, "format");
	struct store_conn *c;
	struct unit_rec unit;
	json_t *out = NULL;
	char disp[160], years[16];
	int y0, y1;
	bool pdf, range;
	enum mc_err rc;

	if ((rc = query_years(x, &y0, &y1, &range)))
		return rc;
	if (format && *format && strcmp(format, "json") && strcmp(format, "xlsx") && strcmp(format, "pdf"))
		return mc_fail(&x->err, MC_EINVAL, "format", "format là json, xlsx hoặc pdf", "format is json, xlsx or pdf");
	if ((rc = api_conn(x, &c)) || (rc = quality_unit(x, c, &unit)))
		return rc;
	rc = range ? svc_appendices_range(c, unit.code, y0, y1, x->body, x->rq->now, &out, &x->err)
		   : svc_appendices(c, unit.code, y0, x->body, x->rq->now, &out, &x->err);
	if (rc)
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
		/* the unit code is a slug ([a-z0-9._-]) and the years numbers */
		if (range)
			snprintf(years, sizeof years, "%d-%d", y0, y1);
		else
			snprintf(years, sizeof years, "%d", y0);
		snprintf(disp, sizeof disp, "attachment; filename=\"phu-luc-cchc-%s-%s.%s\"", unit.code, years,
			 pdf ? "pdf" : "xlsx");
		api_response_header(x->rs, "Content-Disposition", disp);
	}
	json_decref(out);
	return rc;
}

/* GET /api/v1/reports/appendices/manual?year=YYYY[&unit=]: the manual values
 * stored for the unit and year (report.read on the unit); with
 * ?from_year=&to_year=, those of each year (svc_appendices_manual_range). */
enum mc_err h_report_appendices_manual_get(struct api_ctx *x)
{
	struct store_conn *c;
	struct unit_rec unit;
	json_t *out = NULL;
	int y0, y1;
	bool range;
	enum mc_err rc;

	if ((rc = query_years(x, &y0, &y1, &range)) || (rc = api_conn(x, &c)) || (rc = quality_unit(x, c, &unit)))
		return rc;
	rc = range ? svc_appendices_manual_range(c, unit.code, y0, y1, &out, &x->err)
		   : svc_appendices_manual_get(c, unit.code, y0, &out, &x->err);
	if (rc)
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
