/*
 * appendix.h (service) - the statistical appendices (Phụ lục 1-8) of the
 * annual administrative reform report (báo cáo cải cách hành chính), in the
 * layout of the district's report: MotCua fills what its data gives (the
 * catalog's procedures by level, published, one-stop and inter-level; the
 * on-time rates by level for the year; feedback, 0 until the PAKN module;
 * online services and the share that received dossiers; the units that
 * received dossiers through the electronic one-stop), and the rest is
 * entered by hand in the request: {"values": {key: number | string | null}}.
 * Nothing is stored: the same request gives the same workbook, so an export
 * is complete and reproducible (persisting the manual values needs a store
 * operation: docs/QUALITY.md proposes it).
 *
 * Memory: *out is a new reference the caller releases.
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
 *  "value", "source": "auto" | "manual" | "heading", "unit"?}]}], "notes"}.
 * body (borrowed, may be NULL) holds the manual values; a key that does not
 * exist, or that MotCua computes itself, is MC_EINVAL naming it. */
enum mc_err svc_appendices(struct store_conn *c, const char *unit, int year, json_t *body, int64_t now, json_t **out,
			   struct mc_error *err);

/* The same as an .xlsx workbook, a sheet per appendix ("PL1" ... "PL8"),
 * columns STT, Chỉ tiêu, Năm YYYY, Nguồn (tự động / nhập tay). */
enum mc_err svc_appendices_xlsx(json_t *appendices, struct buf *out, struct mc_error *err);

/* The row keys entered by hand, as a template {"values": {key: null ...}}
 * (a new reference), for `motcua report appendices --template`. */
json_t *svc_appendices_template(void);

#endif
