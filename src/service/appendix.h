/*
 * appendix.h (service) - the statistical appendices (Phụ lục 1-8) of the
 * annual administrative reform report (báo cáo cải cách hành chính), in the
 * layout of the district's report: MotCua fills what its data gives (the
 * catalog's procedures by level, published, one-stop and inter-level; the
 * on-time rates by level for the year; feedback, 0 until the PAKN module;
 * online services and the share that received dossiers; the units that
 * received dossiers through the electronic one-stop), and the rest is
 * entered by hand: stored per unit and year (the kv store: scope
 * "unit:<id>", key "appendix:<year>", {"values": {...}, "updated_by": id}),
 * and/or given in the export's request {"values": {key: number | string |
 * null}}, which wins over the stored value for that export only.  Every
 * manual row says where its value came from (origin: request, stored,
 * missing).
 *
 * Memory: *out is a new reference the caller releases; inputs are borrowed.
 */
#ifndef MC_SVC_APPENDIX_H
#define MC_SVC_APPENDIX_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "store/store.h"

/* {"report": "appendices", "year", "unit", "period": {"from", "to"},
 *  "appendices": [{"no", "key", "title", "rows": [{"stt", "label", "key",
 *  "value", "source": "auto" | "manual" | "heading", "origin"?: "auto" |
 *  "stored" | "request" | "missing", "unit"?}]}], "cells": {"auto",
 *  "stored", "request", "missing"}, "notes"}.
 * body (borrowed, may be NULL) holds manual values for this export; they win
 * over the values stored for the unit and year.  A key that does not exist,
 * or that MotCua computes itself, is MC_EINVAL naming it. */
enum mc_err svc_appendices(struct store_conn *c, const char *unit, int year, json_t *body, int64_t now, json_t **out,
			   struct mc_error *err);

/* The most years one report spans (from_year to to_year, both included). */
#define SVC_APPENDIX_MAX_YEARS 15

/* The years a request asks for, from the texts of year, from_year and
 * to_year (each NULL or "" when not given): either year alone (*range
 * false, *y0 = *y1 = year) or from_year and to_year together (*range true),
 * each 2000 to max_year, from_year <= to_year, at most
 * SVC_APPENDIX_MAX_YEARS years.  MC_EINVAL names the field at fault, in
 * both languages. */
enum mc_err svc_appendix_years(const char *year, const char *from_year, const char *to_year, int max_year, int *y0,
			       int *y1, bool *range, struct mc_error *err);

/* The appendices over the years from_year..to_year side by side, as the
 * district's report lays them out (a column per year), each year computed
 * exactly as svc_appendices computes it alone:
 * {"report": "appendices", "from_year", "to_year", "unit": {code, name},
 *  "years": [{"year", "title" ("Năm 2025", or "Năm 2026 (tính đến 4/12)"
 *  for a year not over), "period": {"from", "to"}, "cells": {...}}],
 *  "cells": {"auto", "stored", "request", "missing"} (summed over the years),
 *  "appendices": [{"no", "key", "title", "rows": [{"stt", "label", "key",
 *  "source", "unit"?, "values": [one per year, in the order of years],
 *  "origins": [one per year] (null on headings, as "origin" is)}]}],
 *  "notes"}.
 * body (borrowed, may be NULL): {"values_by_year": {"YYYY": {key: value}}}
 * for this export, year by year (checked like svc_appendices; a year
 * outside the range is MC_EINVAL); a non-empty "values" is MC_EINVAL (which
 * year would it be?). */
enum mc_err svc_appendices_range(struct store_conn *c, const char *unit, int from_year, int to_year, json_t *body,
				 int64_t now, json_t **out, struct mc_error *err);

/* The stored manual values of a unit over from_year..to_year:
 * {"from_year", "to_year", "unit": {code, name}, "years": [{"year",
 * "values", "updated_at"?, "updated_by"?}]}. */
enum mc_err svc_appendices_manual_range(struct store_conn *c, const char *unit, int from_year, int to_year,
					json_t **out, struct mc_error *err);

/* The stored manual values of a unit (NULL or "": the first unit) for a
 * year: {"year", "unit": {code, name}, "values": {...}, "updated_at"?
 * (local ISO time), "updated_by"? (user id)}; values is {} when nothing is
 * stored. */
enum mc_err svc_appendices_manual_get(struct store_conn *c, const char *unit, int year, json_t **out,
				      struct mc_error *err);

/* Replace the stored manual values of (unit, year) with body's "values"
 * (required, an object; checked like svc_appendices; null entries are not
 * stored; {} clears).  One transaction with the audit row
 * "report.appendix_manual_put" (object "appendix", "<unit>:<year>").  The
 * caller has checked who may write.  *out as svc_appendices_manual_get. */
enum mc_err svc_appendices_manual_put(struct store_conn *c, const char *unit, int year, const json_t *body,
				      int64_t actor_id, int64_t now, json_t **out, struct mc_error *err);

/* The same (one year's answer, or a range's) as an .xlsx workbook, a sheet
 * per appendix ("PL1" ... "PL8", its Vietnamese title in A1), columns STT,
 * Chỉ tiêu, then one per year (the year's title: "Năm YYYY"), then Nguồn số
 * liệu (svc_appendix_row_origin_vi). */
enum mc_err svc_appendices_xlsx(json_t *appendices, struct buf *out, struct mc_error *err);

/* The same (one year or a range) as a PDF, A4 landscape, a section per
 * appendix (its Vietnamese title, then the table STT / Chỉ tiêu / a column
 * per year / Nguồn số liệu), "Trang
 * i/n" at the foot of every page.  Rendered by forms_appendices_pdf
 * (forms/forms_appendix.c); MC_EINTERNAL when built without the forms. */
enum mc_err svc_appendices_pdf(json_t *appendices, struct buf *out, struct mc_error *err);

/* "Tự động", "Đã lưu", "Nhập tay", "Chưa có" for an origin; "" otherwise. */
const char *svc_appendix_origin_vi(const char *origin);

/* The "Nguồn số liệu" text of a row: svc_appendix_origin_vi of its origin;
 * for a range's row (with "origins"), the distinct origins of its filled
 * years joined by ", " in order of first appearance ("Đã lưu, Nhập tay"),
 * or "Chưa có" when no year is filled.  May write into buf (size bytes). */
const char *svc_appendix_row_origin_vi(const json_t *row, char *buf, size_t size);

/* Defined in forms/forms_appendix.c (declared here, not in the shared
 * forms/forms.h, to keep that header untouched): doc is svc_appendices's
 * answer, borrowed; appends to out (the caller's). */
enum mc_err forms_appendices_pdf(const json_t *doc, struct buf *out, struct mc_error *err);

/* The row keys entered by hand, as a template {"values": {key: null ...}}
 * (a new reference), for `motcua report appendices --template`. */
json_t *svc_appendices_template(void);

#endif
