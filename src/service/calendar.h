/*
 * calendar.h - the working calendar of a unit, built from the store's
 * overrides (national, then each ancestor of the unit, then the unit itself),
 * and the answers the CLI and the API both give: the year's days off and a
 * deadline with its explanation.  Both front ends call these functions, so
 * their answers are the same JSON.
 */
#ifndef MC_SVC_CALENDAR_H
#define MC_SVC_CALENDAR_H

#include <jansson.h>

#include "core/err.h"
#include "domain/calimport.h"
#include "domain/workcal.h"
#include "store/store.h"

#define CAL_MAX_WAITS 32

/* Build the calendar that applies to unit_code ("" or NULL: national rules
 * only) for the years [year_from, year_to].  *out is freed with
 * workcal_free(); *unit_out (may be NULL) gets the unit. */
enum mc_err svc_calendar_build(struct store_conn *c, const char *unit_code, int year_from, int year_to,
			       struct workcal **out, struct unit_rec *unit_out, struct mc_error *err);

/* {"year", "unit", "days": [{"date", "weekday", "working", "why", "reason_vi",
 * "reason_en", "source"}]}: every weekday off and every weekend day worked. */
enum mc_err svc_calendar_holidays(struct store_conn *c, const char *unit_code, int year, json_t **out,
				  struct mc_error *err);

struct deadline_request {
	const char *unit;                 /* "" = national calendar */
	int64_t from;                     /* received */
	struct workcal_limit limit;
	enum workcal_policy policy;
	struct workcal_wait waits[CAL_MAX_WAITS];
	size_t nwaits;
};

/* Read a deadline request from JSON: {"from": "2026-02-13 16:59", one of
 * "days"/"hours"/"same_day"/"limit" ("3 ngày"), "unit", "pauses":
 * [{"from","to"}] or "restart_at"}.  Local times are read at UTC+7. */
enum mc_err svc_deadline_request_from_json(json_t *in, struct deadline_request *out, struct mc_error *err);

/* {"unit", "from", "counted_from", "due", "due_utc", "limit_minutes",
 * "waited_minutes", "paused", "skipped": [{"date", "reason_vi", "reason_en",
 * "source"}]} */
enum mc_err svc_calendar_deadline(struct store_conn *c, const struct deadline_request *r, json_t **out,
				  struct mc_error *err);

/* Save overrides for a unit ("" = national), replacing the same days. */
enum mc_err svc_calendar_put(struct store_conn *c, const char *unit_code, const struct holidays_override *items,
			     size_t n, int64_t actor_id, int64_t now, struct mc_error *err);

/* Remove one override. */
enum mc_err svc_calendar_delete(struct store_conn *c, const char *unit_code, int32_t day, int64_t actor_id,
				int64_t now, struct mc_error *err);

/* A unit's own overrides for a year (0 = all years), as JSON. */
enum mc_err svc_calendar_overrides(struct store_conn *c, const char *unit_code, int year, json_t **out,
				   struct mc_error *err);

/* Office hours of a unit: its own, else its nearest ancestor's, else the
 * default (Monday-Friday 07:00-11:30, 13:30-17:00).  {"unit", "hours": {"mon":
 * "07:00-11:30,13:30-17:00", ..., "sat": "", "sun": ""}, "set_by": code|null} */
enum mc_err svc_office_hours_get(struct store_conn *c, const char *unit_code, json_t **out, struct mc_error *err);

/* Set a unit's office hours for the days given (e.g. {"sat": "07:00-11:30"});
 * days not given keep the default.  {} clears them (the unit inherits). */
enum mc_err svc_office_hours_set(struct store_conn *c, const char *unit_code, json_t *hours, int64_t actor_id,
				 int64_t now, struct mc_error *err);

#endif
