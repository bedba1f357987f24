/*
 * reports.c - reports over HTTP: the resolution report (Biểu số
 * 06/VPCP/KSTT) as JSON or CSV, the dossiers behind one of its figures,
 * and the public transparency page.
 *
 * The report covers a unit's subtree and needs report.read on that unit
 * (default: the first unit where the caller holds it).  The transparency
 * page is public: counts only, no personal data, rate limited per address
 * like the public lookup because each answer reads a year of dossiers.
 */
#include "api/api_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/caldate.h"
#include "domain/dossier_code.h"
#include "service/report.h"

/* The unit of ?unit=CODE (or the caller's first unit with report.read),
 * after checking the permission on it. */
static enum mc_err report_unit(struct api_ctx *x, struct store_conn *c, struct unit_rec *unit)
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

static enum mc_err read_query(struct api_ctx *x, struct store_conn **c, struct unit_rec *unit,
			      struct svc_report_query *q)
{
	enum mc_err rc;

	if ((rc = api_conn(x, c)) || (rc = report_unit(x, *c, unit)) ||
	    (rc = svc_report_period(api_query(x, "from"), api_query(x, "to"), q, &x->err)))
		return rc;
	q->unit = unit->code;
	return MC_OK;
}

/* GET /api/v1/reports/resolution?from=&to=&unit=&format=json|csv|xlsx|pdf */
enum mc_err h_report_resolution(struct api_ctx *x)
{
	static const struct {
		const char *format, *type;
		enum mc_err (*write)(json_t *report, struct buf *out, struct mc_error *err);
	} files[] = {
		{"csv", "text/csv; charset=utf-8", svc_report_csv},
		{"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", svc_report_xlsx},
		{"pdf", "application/pdf", svc_report_pdf},
	};
	const char *format = api_query(x, "format");
	struct svc_report_query q = {0};
	struct store_conn *c;
	struct unit_rec unit;
	json_t *out = NULL;
	char disp[200];
	size_t f = 0;
	enum mc_err rc;

	if (format && *format && strcmp(format, "json")) {
		while (f < sizeof files / sizeof files[0] && strcmp(format, files[f].format))
			f++;
		if (f == sizeof files / sizeof files[0])
			return mc_fail(&x->err, MC_EINVAL, "format", "format là json, csv, xlsx hoặc pdf",
				       "format is json, csv, xlsx or pdf");
	}
	if ((rc = read_query(x, &c, &unit, &q)) || (rc = svc_report_resolution(c, &q, &out, &x->err)))
		return rc;
	if (!format || !*format || !strcmp(format, "json"))
		return api_reply_json(x, 200, out);
	buf_reset(&x->rs->body);
	rc = files[f].write(out, &x->rs->body, &x->err);
	if (!rc) {
		x->rs->status = 200;
		x->rs->content_type = files[f].type;
		/* the unit code is a slug ([a-z0-9.]) and the dates are ours */
		snprintf(disp, sizeof disp, "attachment; filename=\"bieu06-%s-%s-%s.%s\"", unit.code,
			 json_string_value(json_object_get(json_object_get(out, "period"), "from")),
			 json_string_value(json_object_get(json_object_get(out, "period"), "to")), files[f].format);
		api_response_header(x->rs, "Content-Disposition", disp);
	}
	json_decref(out);
	return rc;
}

enum mc_err h_report_cell(struct api_ctx *x)
{
	const char *level = api_query(x, "level"), *field = api_query(x, "field"), *column = api_query(x, "column");
	struct svc_report_query q = {0};
	struct report_cell cell = {0};
	struct store_conn *c;
	struct unit_rec unit;
	json_t *out;
	int lv, col;
	enum mc_err rc;

	if (!level || !*level || !strcmp(level, "all"))
		lv = REPORT__LEVELS;
	else if ((lv = report_level_parse_strict(level)) < 0)
		return mc_fail(&x->err, MC_EINVAL, "level", "level là province, district, commune, other hoặc all",
			       "level is province, district, commune, other or all");
	if (!column || (col = report_col_parse(column)) < 0)
		return mc_fail(&x->err, MC_EINVAL, "column", "Cột (column) không hợp lệ", "Invalid column");
	if (field && strlen(field) >= sizeof cell.field)
		return mc_fail(&x->err, MC_EINVAL, "field", "Mã lĩnh vực quá dài", "The field code is too long");
	cell.level = (enum report_level)lv;
	cell.col = (enum report_col)col;
	snprintf(cell.field, sizeof cell.field, "%s", field && lv != REPORT__LEVELS ? field : "");
	if ((rc = read_query(x, &c, &unit, &q)) || (rc = svc_report_cell_dossiers(c, &q, &cell, &out, &x->err)))
		return rc;
	return api_reply_json(x, 200, out);
}

enum mc_err h_public_transparency(struct api_ctx *x)
{
	const char *ys = api_query(x, "year");
	struct store_conn *c;
	char key[96];
	int64_t n = 0;
	int year, m, d;
	json_t *out;
	enum mc_err rc;

	if ((rc = api_conn(x, &c)))
		return rc;
	snprintf(key, sizeof key, "transparency-ip:%s", x->rq->client_ip);
	if ((rc = store_counter_hit(c, key, x->rq->now - x->rq->now % 60, &n, &x->err)))
		return rc;
	if (n > x->app->cfg->lookup_per_minute)
		return mc_fail(&x->err, MC_ERATE, NULL, "Truy vấn quá nhiều lần; vui lòng thử lại sau một phút",
			       "Too many requests; try again in a minute");
	caldate_to_ymd(dossier_code_local_day(x->rq->now, 420), &year, &m, &d);
	if (ys && *ys) {
		char *end;
		long v = strtol(ys, &end, 10);

		if (*end || v < 2000 || v > year)
			return mc_fail(&x->err, MC_EINVAL, "year", "Năm không hợp lệ", "Invalid year");
		year = (int)v;
	}
	if ((rc = svc_report_transparency(c, year, x->rq->now, &out, &x->err)))
		return rc;
	return api_reply_json(x, 200, out);
}
