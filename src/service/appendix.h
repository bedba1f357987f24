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

/* The same as an .xlsx workbook, a sheet per appendix ("PL1" ... "PL8"),
 * columns STT, Chỉ tiêu, Năm YYYY, Nguồn số liệu (svc_appendix_origin_vi). */
enum mc_err svc_appendices_xlsx(json_t *appendices, struct buf *out, struct mc_error *err);

/* The same as a PDF, A4 landscape, a section per appendix (its Vietnamese
 * title, then the table STT / Chỉ tiêu / Năm YYYY / Nguồn số liệu), "Trang
 * i/n" at the foot of every page.  Rendered by forms_appendices_pdf
 * (forms/forms_appendix.c); MC_EINTERNAL when built without the forms. */
enum mc_err svc_appendices_pdf(json_t *appendices, struct buf *out, struct mc_error *err);

/* "Tự động", "Đã lưu", "Nhập tay", "Chưa có" for an origin; "" otherwise. */
const char *svc_appendix_origin_vi(const char *origin);

/* Defined in forms/forms_appendix.c (declared here, not in the shared
 * forms/forms.h, to keep that header untouched): doc is svc_appendices's
 * answer, borrowed; appends to out (the caller's). */
enum mc_err forms_appendices_pdf(const json_t *doc, struct buf *out, struct mc_error *err);

/* The row keys entered by hand, as a template {"values": {key: null ...}}
 * (a new reference), for `motcua report appendices --template`. */
json_t *svc_appendices_template(void);

#endif
