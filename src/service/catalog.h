/*
 * catalog.h - catalog use cases: import and export of the whole catalog,
 * saving one procedure as a new version, and search with ranking.
 *
 * Documents are jansson values in the format of docs/CATALOG_FORMAT.md;
 * they are stored in canonical form (sorted keys, compact), so an unchanged
 * procedure is recognised byte for byte and importing the same file twice
 * changes nothing.
 */
#ifndef MC_SVC_CATALOG_H
#define MC_SVC_CATALOG_H

#include <jansson.h>
#include <stdbool.h>

#include "core/err.h"
#include "store/store.h"

/* What an import did (or, with dry_run, would do).  Lists are JSON arrays
 * owned by the report: release it with catalog_report_release(). */
struct catalog_report {
	int fields;
	int added, changed, unchanged;
	json_t *added_codes, *changed_codes;
	json_t *errors; /* [{code, field, message, message_en}] when invalid */
};

void catalog_report_init(struct catalog_report *r);
void catalog_report_release(struct catalog_report *r);

/* Import a motcua-catalog/1 document: every entry is validated first; if any
 * is invalid nothing is written, r->errors lists each bad entry and the
 * result is MC_EINVAL.  Otherwise one transaction writes the fields and a new
 * version of each new or changed procedure. */
enum mc_err svc_catalog_import(struct store_conn *c, json_t *file, int64_t actor_id, int64_t now, bool dry_run,
			       struct catalog_report *r, struct mc_error *err);

/* The whole current catalog as a motcua-catalog/1 document (new reference). */
enum mc_err svc_catalog_export(struct store_conn *c, json_t **out, struct mc_error *err);

/* Validate doc and save it as the procedure's next version (in its own
 * transaction).  must_be_new: refuse a code that exists (create);
 * otherwise refuse one that does not (edit).  expected_version (edit, 0 =
 * any): the version the editor read; another one is MC_ECONFLICT "version".
 * An unchanged document saves nothing and reports the current version. */
enum mc_err svc_procedure_save(struct store_conn *c, json_t *doc, bool must_be_new, int expected_version,
			       int64_t actor_id, int64_t now, int *version_out, struct mc_error *err);

/* The document of a procedure (version 0 = current), new reference. */
enum mc_err svc_procedure_get(struct store_conn *c, const char *code, int version, json_t **out,
			      struct mc_error *err);

struct catalog_search {
	const char *q;            /* what the person typed; NULL or "" = browse */
	const char *level, *field, *agency, *online;
	bool include_closed;      /* also replaced and abolished (and drafts) */
	const char *status;       /* only this status (NULL or "" = any); a closed one needs include_closed */
	int limit, offset;
};

/* {"total": N, "procedures": [{code, name, field, level, agency, online,
 * status, time_limit, fees_total, ...summary}]}, best first. */
enum mc_err svc_catalog_search(struct store_conn *c, const struct catalog_search *s, json_t **out,
			       struct mc_error *err);

/* Public counts: {"total", "by_level": {...}, "by_online": {...}, "by_field":
 * [...], "by_status": {...}} over procedures in force (in_force, amended). */
enum mc_err svc_catalog_stats(struct store_conn *c, json_t **out, struct mc_error *err);

#endif
