/*
 * quality.h (service) - the evaluation of dossier resolution quality (nine
 * indicators per dossier, averages per official and per agency, rating
 * bands), the real-time service index (Quyết định 766/QĐ-TTg spirit), and
 * the leaders' dashboard, computed from the store.  Shared by the API and
 * `motcua report quality|index|dashboard`, so both answer the same JSON.
 *
 * The rules are pure code in domain/quality.c and domain/service_index.c;
 * this layer streams the dossiers of a unit's subtree (store_dossier_list),
 * loads the few it evaluates in full (svc_dossier_load: history, procedure,
 * calendar) to build their control slips, and renders.
 *
 * Settings: a JSON document {"quality": {...quality_settings_apply...},
 * "index": {"weights": {...}}}, borrowed, may be NULL (built-in defaults).
 * svc_quality_settings_load() reads it from a file (the API reads the file
 * named by MOTCUA_QUALITY_SETTINGS at each request).
 *
 * Memory: every json_t ** out is a new reference the caller releases.
 * The quality report keeps one small record per evaluated dossier while it
 * works (code, unit, outcome), freed before returning.
 */
#ifndef MC_SVC_QUALITY_H
#define MC_SVC_QUALITY_H

#include <jansson.h>
#include <stdint.h>

#include "core/err.h"
#include "service/report.h"
#include "store/store.h"

/* The settings document of a file (NULL path or "": *out = NULL, MC_OK).
 * MC_EINVAL for unreadable or invalid JSON. */
enum mc_err svc_quality_settings_load(const char *path, json_t **out, struct mc_error *err);

/* Quality of the dossiers resolved (result recorded or refused after
 * receipt) in the period by the unit's subtree:
 * {"report": "quality", "period", "unit", "settings", "indicators": [{"key",
 *  "vi", "en", "mean", "scored"}], "total": {"dossiers", "score", "band",
 *  "band_vi", "band_en", "indicators": {key: mean|null}}, "agencies": [same
 *  + "unit", "unit_name"], "officials": [same + "user_id", "username",
 *  "full_name"], "dossiers": [{"code", "resolving_unit", "outcome",
 *  "scores": {key: 0..2|null}, "scored", "total"}]}.
 * Scores and means rounded to 0.1. */
enum mc_err svc_quality_report(struct store_conn *c, const struct svc_report_query *q, json_t *settings,
			       json_t **out, struct mc_error *err);

/* The service index of the unit's subtree for the period:
 * {"report": "service_index", "period", "unit", "weights": {g: w},
 *  "groups": [{"key", "vi", "en", "formula", "numerator", "denominator",
 *  "share" (percent, 0.1; null without data), "weight"}], "total" (0.1 or
 *  null), "notes": [...]}. */
enum mc_err svc_service_index(struct store_conn *c, const struct svc_report_query *q, json_t *settings, json_t **out,
			      struct mc_error *err);

/* The leaders' dashboard at `now` for the unit's subtree:
 * {"report": "dashboard", "as_of", "unit", "year_to_date": {"from", "to"},
 *  "units": [{"unit", "name", "name_en", "unit_name" (= name, kept for
 *  older clients), "resolved", "early", "on_time", "late", "on_time_rate",
 *  "pending", "pending_overdue"}], "fields": [{"field" (code, "" for none),
 *  "name", "name_en" (the catalog's field names; the code itself for a
 *  field no longer listed), then the same counts}], "total", "months": [{"month": "YYYY-MM", "received", "resolved",
 *  "early", "on_time", "late", "on_time_rate"}] (12, oldest first),
 *  "slowest_steps": [{"procedure_code", "step", "step_name", "unit",
 *  "visits", "late", "avg_delay_hours"}] (up to 10),
 *  "officials": [{"user_id", "username", "full_name", "overdue_now",
 *  "late_steps"}] (up to 10)}. */
enum mc_err svc_dashboard(struct store_conn *c, const char *unit, int64_t now, json_t **out, struct mc_error *err);

/* Plain text of the quality report for a terminal. */
enum mc_err svc_quality_text(json_t *report, struct buf *out, struct mc_error *err);

#endif
