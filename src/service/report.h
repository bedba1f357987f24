/*
 * report.h (service) - the reports built from the store: the periodic
 * report on dossier resolution (Biểu số 06/VPCP/KSTT) for a unit's subtree,
 * the dossiers behind any one of its figures, its CSV form, and the public
 * transparency page (on-time rates by unit and by field, no personal data).
 *
 * The counting rules live in domain/report.c; this layer streams the cached
 * view of every dossier (store_dossier_list), maps each procedure to its
 * level and field through the catalog (cached per call), and renders.
 * Shared by `motcua report` and the API, so both answer the same JSON.
 *
 * Memory: every json_t ** out is a new reference the caller releases.
 */
#ifndef MC_SVC_REPORT_H
#define MC_SVC_REPORT_H

#include <jansson.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "domain/report.h"
#include "store/store.h"

struct svc_report_query {
	const char *unit;         /* unit code; NULL or "" = the root of the tree */
	int32_t from_day, to_day; /* local dates (caldate day numbers), both inclusive */
};

/* Read "YYYY-MM-DD" dates (to inclusive) into q.  MC_EINVAL naming the
 * field for a bad date, a missing one, or to before from; periods are at
 * most 10 years long. */
enum mc_err svc_report_period(const char *from, const char *to, struct svc_report_query *q, struct mc_error *err);

/* {"report": "resolution", "form": "06/VPCP/KSTT", "period": {"from", "to"},
 *  "unit": {"code", "name", "name_en"}, "columns": [{"key", "vi", "en"}],
 *  "rows": [{"level", "level_name", "field", "field_name", <column>: n ...}],
 *  "totals": [{"level", "level_name", <column>: n ...}] (one per level with
 *  dossiers), "total": {<column>: n ...}}.  MC_ENOTFOUND for an unknown unit. */
enum mc_err svc_report_resolution(struct store_conn *c, const struct svc_report_query *q, json_t **out,
				  struct mc_error *err);

/* The dossiers counted in one figure of that report:
 * {"cell": {"level", "field", "column"}, "count": n, "dossiers": [{"code",
 *  "procedure_code", "state", "channel", "received_at", "legal_due",
 *  "finished_at", "closed_at"}]} in order of receipt.  cell->level
 * REPORT__LEVELS = the grand total; field "" = a level's total. */
enum mc_err svc_report_cell_dossiers(struct store_conn *c, const struct svc_report_query *q,
				     const struct report_cell *cell, json_t **out, struct mc_error *err);

/* The report as CSV (UTF-8 with a byte-order mark, so spreadsheet programs
 * read the Vietnamese titles right): one title row, then each level's
 * fields and its total, then the grand total. */
enum mc_err svc_report_csv(json_t *report, struct buf *out, struct mc_error *err);

/* The form's lines in order (each level's heading row with its sums, its
 * fields numbered, the total last) as [no, label, field code, count...] in
 * report_col order: what the CSV, the workbook and the PDF print.  *out is a
 * new reference. */
enum mc_err svc_report_lines(const json_t *report, json_t **out, struct mc_error *err);
/* Biểu 06 as one sheet of a workbook, and as a PDF (A4 landscape). */
enum mc_err svc_report_xlsx(json_t *report, struct buf *out, struct mc_error *err);
enum mc_err svc_report_pdf(json_t *report, struct buf *out, struct mc_error *err);

/* The same figures as a plain text table for a terminal. */
enum mc_err svc_report_text(json_t *report, struct buf *out, struct mc_error *err);

/* Public transparency for `year` so far (until now): for each local
 * government that received dossiers, and for each field, the dossiers
 * received, resolved, resolved early / on time / late, in progress and
 * overdue, and the on-time rate (percent, one decimal; null when nothing
 * was classified).  Counts only. */
enum mc_err svc_report_transparency(struct store_conn *c, int year, int64_t now, json_t **out,
				    struct mc_error *err);

#endif
