/*
 * cache.h - process-wide caches of what every dossier request needs and
 * rarely changes: a procedure at a given version (never changes once
 * written) and a unit's working calendar (changes only when an override
 * does).  They keep intake and lookup from re-parsing the procedure and
 * re-building the calendar on every request.
 *
 * Several server processes may share one database: the calendar cache is
 * keyed by the calendar revision stored in the database (a counter that every
 * override change bumps), so a change made through any process is seen by
 * all at their next request.  Procedure versions are immutable, so they are
 * safe to keep forever.
 *
 * Entries are reference counted: what a caller gets stays valid until it
 * calls the matching release, even if the cache evicts the entry meanwhile.
 */
#ifndef MC_SVC_CACHE_H
#define MC_SVC_CACHE_H

#include <jansson.h>

#include "core/err.h"
#include "domain/catalog.h"
#include "domain/workcal.h"
#include "store/store.h"

struct cached_calendar;
struct cached_procedure;

/* The calendar of the unit (its overrides and its ancestors') for the years
 * [year_from, year_to].  *cal is read-only and shared. */
enum mc_err cache_calendar_get(struct store_conn *c, const struct unit_rec *unit, int year_from, int year_to,
			       const struct workcal **cal, struct cached_calendar **handle, struct mc_error *err);
void cache_calendar_put(struct cached_calendar *handle);

/* Tell every process that the calendar changed (call inside the writing
 * transaction). */
enum mc_err cache_calendar_bump(struct store_conn *c, struct mc_error *err);

/* A procedure at version (0 = the current one: looked up, then cached by its
 * number).  *doc is read-only and shared: never modify it; take your own
 * reference with json_incref if you keep it past cache_procedure_put.
 * *summary is the validated summary. */
enum mc_err cache_procedure_get(struct store_conn *c, const char *code, int version, json_t **doc,
				const struct proc_summary **summary, int *version_out,
				struct cached_procedure **handle, struct mc_error *err);
void cache_procedure_put(struct cached_procedure *handle);

#endif
