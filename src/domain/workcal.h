/*
 * workcal.h - the legal working-time clock of one unit: office hours on
 * working days, and deadline arithmetic on them, to the second.
 *
 * A struct workcal is built once (workcal_new) for a range of years from a
 * config: UTC offset, office hours, statutory rules and a list of overrides
 * (the caller picks the overrides that apply to the unit's subtree).  Every
 * day of the range is precomputed with the cumulative working time before it,
 * so each query is a binary search, and the object is never written again:
 * any number of threads may query one calendar at once.  Rebuild (and swap
 * pointers under the caller's own lock) when the overrides change.
 *
 * Time: instants are int64_t Unix seconds (UTC); local dates are caldate day
 * numbers at the calendar's fixed offset.  Working time is measured in
 * seconds internally; the public amounts are minutes.
 *
 * Conventions the functions share:
 *   - Time received outside office hours starts counting at the next opening.
 *   - A deadline is the EARLIEST instant at which the working time is used
 *     up, so one that ends exactly at a closing is that closing (Monday
 *     17:00, never Tuesday 07:00; 11:30, never 13:30).
 *   - An instant outside the precomputed years is refused with MC_EINVAL.
 */
#ifndef MC_WORKCAL_H
#define MC_WORKCAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "domain/holidays.h"

#define WORKCAL_MAX_INTERVALS 4 /* office intervals per day */
#define WORKCAL_OPEN INT64_MAX  /* the `to` of a wait that has not ended */

/* Office hours of one kind of day: intervals [open, close) in minutes from
 * local midnight, sorted, not overlapping (07:00-11:30 = {420, 690}). */
struct workcal_dayhours {
	int n;
	struct {
		int open, close;
	} iv[WORKCAL_MAX_INTERVALS];
};

struct workcal_config {
	int utc_offset_min;     /* +420 for Vietnam */
	int year_from, year_to; /* inclusive range to precompute (<= 200 years) */
	struct workcal_dayhours week[7]; /* [0] = Monday ... [6] = Sunday */
	struct workcal_dayhours swapped; /* hours of a weekly day off that is
					    worked (WORK override): Monday's */
	int day_minutes;        /* one "working day"; 0 = the longest day of
				   `week` (480 with the default hours) */
	int cutoff_min;         /* "after 15:00" rule: 900 */
	int due_soon_pct;       /* classification: 20 (%) */
	unsigned weekly_off;    /* bit 1 << (iso_weekday - 1): Sat|Sun = 0x60 */
	struct holidays_rules rules;
	const struct holidays_override *overrides; /* borrowed: copied by workcal_new */
	size_t n_overrides;
};

/* Vietnam's defaults: UTC+7, Mon-Fri 07:00-11:30 and 13:30-17:00, cut-off
 * 15:00, due soon at 20 %, Sat/Sun off, default statutory rules, no
 * overrides, years from year_from to year_to. */
void workcal_config_default(struct workcal_config *out, int year_from, int year_to);

/* Parse "07:00-11:30,13:30-17:00" (or "" / "-" for a closed day) into *out.
 * MC_EINVAL with a bilingual message on bad text. */
enum mc_err workcal_hours_parse(const char *text, struct workcal_dayhours *out,
				struct mc_error *err);

struct workcal;

/* Build a calendar.  The config and the overrides are copied: the caller may
 * free them afterwards.  On success *out owns the calendar: free it with
 * workcal_free().  MC_EINVAL (bad hours, range), MC_ENOMEM. */
enum mc_err workcal_new(const struct workcal_config *cfg, struct workcal **out,
			struct mc_error *err);
void workcal_free(struct workcal *cal);

/* The effective config (overrides pointer aims at the calendar's copy). */
const struct workcal_config *workcal_config_get(const struct workcal *cal);
/* Minutes in one working day (480 by default). */
int workcal_day_minutes(const struct workcal *cal);

/* ---- instants and days ---- */

/* Local date of an instant at the calendar's offset. */
int32_t workcal_local_day(const struct workcal *cal, int64_t t);
/* Instant of local day `day` at `minute` past midnight. */
int64_t workcal_instant(const struct workcal *cal, int32_t day, int minute);
/* 1 if the whole local day is a working day, 0 if not, -1 out of range. */
int workcal_is_working_day(const struct workcal *cal, int32_t day);
/* 1 if t is inside office hours of a working day ([open, close)), else 0. */
int workcal_is_working_time(const struct workcal *cal, int64_t t);
/* The first instant >= t that is working time. */
enum mc_err workcal_next_opening(const struct workcal *cal, int64_t t, int64_t *out,
				 struct mc_error *err);
/* When a dossier handed in at t reaches the processing department: t itself
 * during office hours of a working day before the cut-off (or the next
 * opening that same day, e.g. after lunch); otherwise the first opening of
 * the next working day (received after 15:00, or on a day off). */
enum mc_err workcal_handoff(const struct workcal *cal, int64_t t, int64_t *out,
			    struct mc_error *err);
/* The closing of the last office interval of working day `day`. */
enum mc_err workcal_day_close(const struct workcal *cal, int32_t day, int64_t *out,
			      struct mc_error *err);

/* ---- amounts of working time ---- */

/* Working minutes between two instants (negative if to < from). */
enum mc_err workcal_between(const struct workcal *cal, int64_t from, int64_t to,
			    int64_t *minutes_out, struct mc_error *err);
/* The earliest instant by which `minutes` of working time after t have
 * passed (t itself for 0). */
enum mc_err workcal_add_minutes(const struct workcal *cal, int64_t t, int64_t minutes,
				int64_t *out, struct mc_error *err);

/* ---- deadlines ---- */

enum workcal_unit {
	WORKCAL_DAYS = 0,  /* "03 ngày làm việc": amount x day_minutes */
	WORKCAL_HOURS,     /* "04 giờ làm việc" */
	WORKCAL_MINUTES,
	WORKCAL_SAME_DAY   /* "trong ngày": closing of the day of receipt, or of
			      the next working day after the cut-off or outside
			      a working day; amount is ignored */
};

struct workcal_limit {
	enum workcal_unit unit;
	int amount; /* 0 .. 100000 */
};

/* Parse "3d", "3 ngày", "4h", "4 giờ", "90m", "trong ngày" / "same-day". */
enum mc_err workcal_limit_parse(const char *text, struct workcal_limit *out,
				struct mc_error *err);

enum workcal_policy {
	WORKCAL_RESTART = 0, /* the legal default (ND 61/2018 art. 19.4): the
				limit runs again in full from the end of the
				last wait */
	WORKCAL_PAUSE        /* waits do not count: the deadline moves by the
				working time spent waiting */
};

/* A period spent waiting for the citizen (supplement request -> complete). */
struct workcal_wait {
	int64_t from;
	int64_t to; /* WORKCAL_OPEN while still waiting */
};

struct workcal_due {
	int paused;            /* 1: still waiting, no deadline (due = 0) */
	int64_t due;           /* the deadline instant */
	int64_t counted_from;  /* start, or the end of the last wait (restart) */
	int64_t limit_min;     /* the limit in working minutes (trong ngày:
				  from counted_from to its closing) */
	int64_t waited_min;    /* working minutes spent in waits (pause) */
};

/* The deadline of a dossier received at `start` with limit `limit`, given
 * its waits (sorted, not overlapping, not before start; only the last may be
 * open).  MC_EINVAL on bad input or a deadline beyond the calendar range. */
enum mc_err workcal_deadline(const struct workcal *cal, int64_t start,
			     const struct workcal_limit *limit, enum workcal_policy policy,
			     const struct workcal_wait *waits, size_t n_waits,
			     struct workcal_due *out, struct mc_error *err);

enum workcal_status {
	WORKCAL_EARLY = 1, /* trước hạn: done on a local date before the deadline's */
	WORKCAL_ON_TIME,   /* đúng hạn: on the deadline's date, not after it */
	WORKCAL_LATE,      /* quá hạn: done after the deadline */
	WORKCAL_WITHIN,    /* open, in time */
	WORKCAL_DUE_SOON,  /* open, close to the deadline (rule below) */
	WORKCAL_OVERDUE,   /* open, past the deadline */
	WORKCAL_PAUSED     /* open, waiting for the citizen */
};

/* Finished dossier: EARLY, ON_TIME or LATE. */
enum workcal_status workcal_classify_done(const struct workcal *cal, int64_t due,
					  int64_t done);
/* Open dossier at `now`: PAUSED if d->paused; OVERDUE if now > due;
 * DUE_SOON if the working time left is <= due_soon_pct % of the limit, or
 * (for limits longer than one working day) <= one working day; else WITHIN. */
enum workcal_status workcal_classify_open(const struct workcal *cal,
					  const struct workcal_due *d, int64_t now);
/* "early", "on_time", ... and the Vietnamese / English labels (static). */
const char *workcal_status_name(enum workcal_status s);
const char *workcal_status_vi(enum workcal_status s);
const char *workcal_status_en(enum workcal_status s);

/* ---- explanations and listings ---- */

/* Why a day is (not) worked.  The strings are never NULL; they point to
 * static text or into the calendar (valid until workcal_free). */
struct workcal_dayinfo {
	int32_t day;
	int working;              /* 1: worked (a swapped weekly day off) */
	int weekly_off;           /* 1: the weekday is a weekly day off */
	enum holidays_why why;
	enum holidays_id holiday; /* HOLIDAY / COMPENSATION: which one */
	int32_t ref_day;          /* COMPENSATION: the holiday's date; else -1 */
	const char *reason_vi, *reason_en, *source;
};

/* The days off between the local dates of `from` and `to` (inclusive), in
 * order: weekly days off, holidays, compensation days, override days.  At
 * most cap entries are written to out (may be NULL with cap 0); *n_out gets
 * the total, so a caller can size a buffer and call again. */
enum mc_err workcal_explain(const struct workcal *cal, int64_t from, int64_t to,
			    struct workcal_dayinfo *out, size_t cap, size_t *n_out,
			    struct mc_error *err);

/* The year's list for display: every day off that is not a weekly day off,
 * every statutory holiday that falls on a weekly day off (working 0,
 * weekly_off 1, so the compensation makes sense), and every weekly day off
 * that is worked.  Same buffer protocol as workcal_explain. */
enum mc_err workcal_year_list(const struct workcal *cal, int year,
			      struct workcal_dayinfo *out, size_t cap, size_t *n_out,
			      struct mc_error *err);

/* The explanation of one day (any day in range, worked or not). */
enum mc_err workcal_day_info(const struct workcal *cal, int32_t day,
			     struct workcal_dayinfo *out, struct mc_error *err);

#endif
