/*
 * report.h - the periodic report on dossier resolution, in the layout of
 * Biểu số 06/VPCP/KSTT (Thông tư 01/2020/TT-VPCP): "Tình hình, kết quả giải
 * quyết TTHC tại cơ quan, đơn vị trực tiếp giải quyết TTHC".  Pure counting:
 * no I/O, no allocation per dossier.
 *
 * The caller streams one plain struct report_row per dossier (level and
 * field of its procedure, channel, state now, and the instants of its cached
 * view); report_classify() decides which columns the dossier counts in for
 * the period [from, to), and report_table_add() adds it to its line (level,
 * field), to its level's total and to the grand total.  The same
 * report_classify() answers "which dossiers are behind this cell", so a
 * drill-down never disagrees with the figure it explains.
 *
 * The counting rules (docs/REPORTS.md has them in full, with examples):
 *   - counted at all: received (received_at != 0), received before `to`, and
 *     not finished before `from`; never a transferred-out dossier (it is
 *     counted once, at the unit that received the transfer);
 *   - received: carried over (received before `from`), else in the period,
 *     online or "directly or by post" (postal, direct, and transfers whose
 *     citizen did not submit online);
 *   - resolved in the period (finished in [from, to)): early / on time /
 *     late against the LEGAL deadline (workcal_classify_done), or
 *     withdrawn / stopped in their own sub-column (no classification);
 *     "finished" = finished_at (result recorded, or refused after receipt),
 *     else closed_at for withdrawn and stopped;
 *   - in progress at the period's end: overdue if the legal deadline in
 *     force then is before the end (or, while waiting for a supplement,
 *     before the wait began), else within time.
 * Every line then balances: received = carried + online + direct =
 * resolved + in progress; resolved = early + on time + late + withdrawn or
 * stopped; in progress = within + overdue.
 *
 * Memory: a struct report_table owns its lines (grown by doubling when a new
 * (level, field) pair appears, never per dossier); release it with
 * report_table_release().  The calendar is borrowed for the table's life.
 */
#ifndef MC_REPORT_H
#define MC_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "domain/dossier.h"
#include "domain/workcal.h"

#define REPORT_FIELD_SIZE 64
#define REPORT_MAX_LINES 4096 /* (level, field) pairs in one table */

/* The level of the procedure (cấp giải quyết), in the form's order. */
enum report_level {
	REPORT_PROVINCE = 0,
	REPORT_DISTRICT,
	REPORT_COMMUNE,
	REPORT_OTHER,        /* a procedure no longer in the catalog */
	REPORT__LEVELS
};

/* How the citizen handed the dossier in. */
enum report_channel {
	REPORT_DIRECT = 0,
	REPORT_POSTAL,
	REPORT_ONLINE,
	REPORT_TRANSFER      /* from another unit, citizen's channel not online */
};

/* The columns, in the form's order, plus "withdrawn or stopped". */
enum report_col {
	REPORT_RECEIVED = 0,      /* (3) tổng số = 4 + 5 + 6 */
	REPORT_RECEIVED_ONLINE,   /* (4) trong kỳ: trực tuyến */
	REPORT_RECEIVED_DIRECT,   /* (5) trong kỳ: trực tiếp, bưu chính */
	REPORT_CARRIED,           /* (6) từ kỳ trước chuyển qua */
	REPORT_RESOLVED,          /* (7) đã giải quyết: tổng số = 8 + 9 + 10 + rút/dừng */
	REPORT_EARLY,             /* (8) trước hạn */
	REPORT_ON_TIME,           /* (9) đúng hạn */
	REPORT_LATE,              /* (10) quá hạn */
	REPORT_CLOSED,            /* rút hồ sơ, dừng giải quyết: not in the official form */
	REPORT_PENDING,           /* (11) đang giải quyết: tổng số = 12 + 13 */
	REPORT_PENDING_WITHIN,    /* (12) trong hạn */
	REPORT_PENDING_OVERDUE,   /* (13) quá hạn */
	REPORT__COLS
};

/* One dossier, as the report needs it.  Plain data: field is borrowed for
 * the call only. */
struct report_row {
	enum report_level level;
	const char *field;        /* field (lĩnh vực) code; NULL or "" = none */
	enum report_channel channel;
	enum dossier_state state; /* now */
	int64_t received_at;      /* 0: never received (guided, refused at intake, submitted) */
	int64_t legal_due;        /* the legal deadline in force at the period's end
				     (or when it finished); never the apology's date */
	int64_t finished_at;      /* result recorded, or refused after receipt; 0 if not */
	int64_t closed_at;        /* entered a terminal state; 0 if not */
	int64_t paused_since;     /* waiting for a supplement at the period's end:
				     when that wait began; else 0 */
};

/* One line of the table: a (level, field) pair, a level's total (field ""
 * and is_total), or the grand total. */
struct report_line {
	enum report_level level;
	char field[REPORT_FIELD_SIZE];
	int64_t n[REPORT__COLS];
};

/* The coordinates of one figure, for the drill-down.  level REPORT__LEVELS
 * with field "" = the grand total; a level with field "" = that level's
 * total. */
struct report_cell {
	enum report_level level;
	char field[REPORT_FIELD_SIZE];
	enum report_col col;
};

struct report_table {
	const struct workcal *cal; /* borrowed: local dates for the classification */
	int64_t from, to;          /* the period [from, to), UTC instants */
	struct report_line *lines; /* owned; order of first appearance until sorted */
	size_t nlines, cap;
	int32_t *slots;            /* owned: open-addressing index into lines, -1 empty */
	size_t nslots;
	struct report_line level_total[REPORT__LEVELS];
	struct report_line total;
	int64_t rows_seen;         /* every row offered, counted or not */
};

/* ---- names ---- */

const char *report_level_name(enum report_level l);   /* "district" ... */
const char *report_level_vi(enum report_level l);     /* "Cấp huyện" ... */
const char *report_level_en(enum report_level l);
/* The level of a catalog level ("province", "district", "commune"); OTHER
 * for anything else. */
enum report_level report_level_parse(const char *s);
/* -1 when unknown; "all" is not a level (the caller handles it). */
int report_level_parse_strict(const char *s);

const char *report_col_name(enum report_col c);       /* "received", "early" ... */
const char *report_col_vi(enum report_col c);         /* CSV titles */
const char *report_col_en(enum report_col c);
/* -1 when unknown. */
int report_col_parse(const char *s);

/* "direct", "postal", "online", "transfer" (anything else: direct). */
enum report_channel report_channel_parse(const char *s);

/* ---- counting ---- */

/* An empty table for [from, to) on cal.  MC_EINVAL if from >= to or no
 * calendar; MC_ENOMEM. */
enum mc_err report_table_init(struct report_table *t, const struct workcal *cal, int64_t from, int64_t to,
			      struct mc_error *err);
void report_table_release(struct report_table *t);

/* The columns r counts in for the table's period, as a bit set
 * (1u << enum report_col); 0 when it is not counted at all. */
unsigned report_classify(const struct report_table *t, const struct report_row *r);

/* Count r in its line (r->level, r->field), its level's total and the
 * grand total.  MC_ETOOBIG past REPORT_MAX_LINES lines, MC_ENOMEM. */
enum mc_err report_table_add(struct report_table *t, const struct report_row *r, struct mc_error *err);

/* The same, under an explicit key (the transparency page groups by unit). */
enum mc_err report_table_add_as(struct report_table *t, const struct report_row *r, enum report_level level,
				const char *key, struct mc_error *err);

/* The line of (level, field), or NULL. */
const struct report_line *report_table_find(const struct report_table *t, enum report_level level,
					    const char *field);

/* Sort the lines by level, then by rank(field) (lower first), then by
 * field code.  rank may be NULL.  Lookups keep working afterwards. */
void report_table_sort(struct report_table *t, int (*rank)(void *ctx, const char *field), void *ctx);

/* Does the dossier count in that cell?  (Drill-down.) */
bool report_cell_matches(const struct report_table *t, const struct report_cell *cell, const struct report_row *r);

/* The three identities of a line (see above). */
bool report_line_balanced(const struct report_line *l);

/* ---- the clock at the period's end ---- */

/* The legal deadline and the wait in force at an instant, folded from a
 * dossier's events in order (only the events before `at` matter):
 * intake / accept / supplement_received set the deadline they recorded
 * (new_appointment) and end any wait; request_supplement starts a wait. */
struct report_clock {
	int64_t at;            /* the instant asked about (the period's end) */
	int64_t legal_due;
	int64_t paused_since;  /* 0 when not waiting */
};

void report_clock_init(struct report_clock *c, int64_t at);
void report_clock_event(struct report_clock *c, enum dossier_event_kind kind, int64_t event_at,
			int64_t new_appointment);

/* On-time rate in tenths of a percent of the classified resolved dossiers
 * ((early + on time) * 1000 / (early + on time + late)); -1 when none. */
int report_on_time_permille(const struct report_line *l);

#endif
