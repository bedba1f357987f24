/*
 * cache.c - the calendar and procedure caches (see cache.h).  Small fixed
 * tables under one mutex: lookups are a few comparisons; building happens
 * outside the lock, so a slow build never blocks other requests.
 */
#include "service/cache.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "service/calendar.h"
#include "service/catalog.h"

#define CAL_SLOTS 64
#define PROC_SLOTS 512
#define REV_KEY "calendar-revision"

struct cached_calendar {
	atomic_int refs;        /* the cache's own reference counts as one */
	int64_t unit_id;
	int year_from, year_to;
	int64_t revision;
	struct workcal *cal;
	uint64_t used;          /* for eviction: least recently used goes */
};

struct cached_procedure {
	atomic_int refs;
	char code[32];
	int version;
	json_t *doc;
	struct proc_summary summary;
	uint64_t used;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct cached_calendar *cals[CAL_SLOTS];
static struct cached_procedure *procs[PROC_SLOTS];
static uint64_t clock_tick;

static void cal_unref(struct cached_calendar *e)
{
	if (e && atomic_fetch_sub(&e->refs, 1) == 1) {
		workcal_free(e->cal);
		free(e);
	}
}

static void proc_unref(struct cached_procedure *e)
{
	if (e && atomic_fetch_sub(&e->refs, 1) == 1) {
		json_decref(e->doc);
		free(e);
	}
}

void cache_calendar_put(struct cached_calendar *handle) { cal_unref(handle); }
void cache_procedure_put(struct cached_procedure *handle) { proc_unref(handle); }

enum mc_err cache_calendar_bump(struct store_conn *c, struct mc_error *err)
{
	int64_t n;

	return store_counter_hit(c, REV_KEY, 0, &n, err);
}

/* Insert e into the table (taking the cache's reference), evicting the least
 * recently used slot; returns with e->refs counting the caller too. */
#define INSERT(table, slots, e, unref)                                          \
	do {                                                                    \
		int victim = 0;                                                 \
		for (int i_ = 0; i_ < (slots); i_++) {                          \
			if (!(table)[i_]) {                                     \
				victim = i_;                                    \
				break;                                          \
			}                                                       \
			if ((table)[i_]->used < (table)[victim]->used)          \
				victim = i_;                                    \
		}                                                               \
		unref((table)[victim]);                                         \
		(table)[victim] = (e);                                          \
	} while (0)

enum mc_err cache_calendar_get(struct store_conn *c, const struct unit_rec *unit, int year_from, int year_to,
			       const struct workcal **cal, struct cached_calendar **handle, struct mc_error *err)
{
	struct cached_calendar *e = NULL;
	int64_t rev = 0;
	enum mc_err rc;

	if ((rc = store_counter_get(c, REV_KEY, 0, &rev, err)))
		return rc;
	pthread_mutex_lock(&lock);
	for (int i = 0; i < CAL_SLOTS; i++) {
		struct cached_calendar *s = cals[i];

		if (s && s->unit_id == unit->id && s->year_from == year_from && s->year_to == year_to && s->revision == rev) {
			s->used = ++clock_tick;
			atomic_fetch_add(&s->refs, 1);
			e = s;
			break;
		}
	}
	pthread_mutex_unlock(&lock);
	if (!e) {
		e = calloc(1, sizeof *e);
		if (!e)
			return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
		if ((rc = svc_calendar_build(c, unit->id ? unit->code : "", year_from, year_to, &e->cal, NULL, err))) {
			free(e);
			return rc;
		}
		e->unit_id = unit->id;
		e->year_from = year_from;
		e->year_to = year_to;
		e->revision = rev;
		atomic_init(&e->refs, 2); /* the cache's and the caller's */
		pthread_mutex_lock(&lock);
		e->used = ++clock_tick;
		INSERT(cals, CAL_SLOTS, e, cal_unref);
		pthread_mutex_unlock(&lock);
	}
	*cal = e->cal;
	*handle = e;
	return MC_OK;
}

enum mc_err cache_procedure_get(struct store_conn *c, const char *code, int version, json_t **doc,
				const struct proc_summary **summary, int *version_out,
				struct cached_procedure **handle, struct mc_error *err)
{
	struct cached_procedure *e = NULL;
	enum mc_err rc;

	if (version == 0) {
		/* the current version's number is one cheap lookup; its content is cached */
		struct procedure_rec cur;

		if ((rc = store_procedure_get(c, code, 0, &cur, err)))
			return rc;
		free(cur.doc);
		version = cur.version;
	}
	pthread_mutex_lock(&lock);
	for (int i = 0; i < PROC_SLOTS; i++) {
		struct cached_procedure *s = procs[i];

		if (s && s->version == version && !strcmp(s->code, code)) {
			s->used = ++clock_tick;
			atomic_fetch_add(&s->refs, 1);
			e = s;
			break;
		}
	}
	pthread_mutex_unlock(&lock);
	if (!e) {
		e = calloc(1, sizeof *e);
		if (!e)
			return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
		if ((rc = svc_procedure_get(c, code, version, &e->doc, err))) {
			free(e);
			return rc;
		}
		json_object_del(e->doc, "version");
		if ((rc = catalog_validate(e->doc, NULL, &e->summary, err))) {
			json_decref(e->doc);
			free(e);
			return rc;
		}
		snprintf(e->code, sizeof e->code, "%s", code);
		e->version = version;
		atomic_init(&e->refs, 2);
		pthread_mutex_lock(&lock);
		e->used = ++clock_tick;
		INSERT(procs, PROC_SLOTS, e, proc_unref);
		pthread_mutex_unlock(&lock);
	}
	*doc = e->doc;
	*summary = &e->summary;
	if (version_out)
		*version_out = version;
	*handle = e;
	return MC_OK;
}
