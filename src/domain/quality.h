/*
 * quality.h - the quality evaluation of dossier resolution (Nghị định
 * 61/2018/NĐ-CP arts. 27-32, Thông tư 01/2018/TT-VPCP arts. 12-15): nine
 * indicators scored 0, 1 or 2 for each resolved dossier, the dossier's total
 * scaled to the 18-point maximum, averages per official and per agency, and
 * the agency's rating band.  Pure: no I/O; the caller gathers the facts of a
 * dossier (struct quality_facts) from the store and the control slip.
 *
 * The rules (every threshold comes from struct quality_settings, whose
 * defaults are built in and which a JSON settings document may change;
 * docs/QUALITY.md has them in full):
 *   1. total time: early 2, on time 1, late 0 (against the LEGAL deadline);
 *   2. each unit's time: the control slip's finished step visits: no late
 *      visit 2, one late visit 1, two or more 0;
 *   3. contacts to complete the dossier: supplement requests 0 -> 2,
 *      1 -> 1, 2+ -> 0;
 *   4. bodies contacted beyond the one-stop desk: transfers (and, if the
 *      settings say so, departments asked for an opinion and the other level
 *      of an inter-level procedure): 0 -> 2, 1 -> 1, 2+ -> 0;
 *   5. one-stop: received at a one-stop desk 2, else 0;
 *   6. publicity: the procedure version was in force with a publishing
 *      decision 2; in force without a decision 1; else 0;
 *   7. staff attitude: the citizen's rating (0..2) when there is one; no
 *      rating: not scored;
 *   8. feedback handled on time: not scored until the feedback (PAKN)
 *      module exists (a hook: facts.feedback_on_time_pct);
 *   9. online: submitted online 2; the procedure was offered online but the
 *      citizen came on paper 1; not offered online 0.
 * A dossier's total = sum of its scored indicators * 18 / (2 * scored), so
 * that indicators without data neither help nor hurt.  Averages are plain
 * means, rounded half up to 0.1 for display; bands apply to the rounded
 * average on the 18-point scale.
 *
 * Memory: struct quality_settings is plain data (fixed arrays); struct
 * quality_acc is plain data the caller owns.
 */
#ifndef MC_QUALITY_H
#define MC_QUALITY_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "domain/workcal.h"

enum quality_ind {
	QUALITY_TOTAL_TIME = 0, /* tổng thời gian giải quyết */
	QUALITY_STEP_TIME,      /* thời gian của từng cơ quan, đơn vị */
	QUALITY_CONTACTS,       /* số lần liên hệ để hoàn thiện hồ sơ */
	QUALITY_BODIES,         /* số cơ quan phải liên hệ */
	QUALITY_ONE_STOP,       /* thực hiện qua Bộ phận Một cửa */
	QUALITY_PUBLICITY,      /* công khai thủ tục */
	QUALITY_ATTITUDE,       /* thái độ của cán bộ */
	QUALITY_FEEDBACK,       /* tiếp nhận, xử lý phản ánh, kiến nghị đúng hạn */
	QUALITY_ONLINE,         /* dịch vụ công trực tuyến */
	QUALITY__COUNT
};

#define QUALITY_NOT_SCORED (-1)
#define QUALITY_MAX_BANDS 8

/* Where a procedure's online offer stands. */
enum quality_online_offer {
	QUALITY_OFFER_NONE = 0,
	QUALITY_OFFER_PARTIAL,
	QUALITY_OFFER_FULL
};

/* What is known of one resolved dossier.  Plain data. */
struct quality_facts {
	enum workcal_status outcome; /* EARLY / ON_TIME / LATE; anything else: not scored at all */
	int step_visits_done;        /* control slip rows classified EARLY / ON_TIME / LATE */
	int step_visits_late;
	int supplements;             /* supplement requests */
	int transfers;               /* 1 when the dossier came by transfer from another body */
	int opinion_bodies;          /* distinct units asked for an opinion */
	bool inter_level;            /* the procedure is inter-level */
	bool at_desk;                /* received through a one-stop desk */
	bool published;              /* procedure version in force ... */
	bool has_decision;           /* ... with a publishing decision */
	bool online_submitted;       /* the citizen submitted online (here or at the first body) */
	enum quality_online_offer offer;
	int rating;                  /* the citizen's attitude rating 0..2; -1: none */
	int feedback_on_time_pct;    /* feedback handled on time, percent; -1: no feedback module */
};

/* A score by a count: by_count[min(count, 2)]. */
struct quality_count_rule {
	int by_count[3];
};

struct quality_band {
	double min;        /* inclusive lower bound on the 18-point scale */
	char key[24];      /* "excellent" ... */
	char vi[48];
	char en[48];
};

struct quality_settings {
	int total_time[3];                  /* early, on time, late */
	struct quality_count_rule step_late;
	struct quality_count_rule contacts;
	struct quality_count_rule bodies;
	bool bodies_count_opinions;
	bool bodies_count_inter_level;
	int one_stop[2];                    /* not at a desk, at a desk */
	int publicity[3];                   /* not published, in force without decision, published */
	int online[3];                      /* not offered, offered but paper, submitted online */
	int feedback_full, feedback_partial_pct; /* 100% -> 2; >= pct -> 1; else 0 */
	bool enabled[QUALITY__COUNT];       /* an indicator switched off is never scored */
	struct quality_band bands[QUALITY_MAX_BANDS]; /* highest first */
	int nbands;
};

/* Totals for averages: one per official, agency, or the whole scope. */
struct quality_acc {
	int64_t dossiers;
	double total_sum;                   /* sum of the dossiers' scaled totals */
	int64_t ind_sum[QUALITY__COUNT];    /* sum of each indicator's scores */
	int64_t ind_n[QUALITY__COUNT];      /* dossiers where it was scored */
};

/* ---- names ---- */
const char *quality_ind_name(enum quality_ind i); /* "total_time" ... */
const char *quality_ind_vi(enum quality_ind i);
const char *quality_ind_en(enum quality_ind i);

/* ---- settings ---- */

/* The built-in rules (as described above). */
void quality_settings_default(struct quality_settings *s);

/* Apply a JSON settings document over s (members absent keep their value):
 * {"total_time": [e, o, l], "step_late": [0, 1, 2+], "contacts": [...],
 *  "bodies": [...], "bodies_count_opinions": bool, "bodies_count_inter_level":
 *  bool, "one_stop": [no, yes], "publicity": [no, no_decision, yes],
 *  "online": [none, offered, submitted], "feedback": {"full": 2,
 *  "partial_pct": 90}, "disabled": ["attitude", ...],
 *  "bands": [{"min": 15, "key": "excellent", "vi": "...", "en": "..."} ...]}.
 * Scores must be 0..2; bands highest first, 1..8 of them.  MC_EINVAL naming
 * the member; s is unchanged on failure. */
enum mc_err quality_settings_apply(struct quality_settings *s, json_t *doc, struct mc_error *err);

/* The settings as that JSON document (a new reference). */
json_t *quality_settings_json(const struct quality_settings *s);

/* ---- scoring ---- */

/* Score every indicator of one dossier into score[] (0..2, or
 * QUALITY_NOT_SCORED).  Returns false (and scores nothing) when the dossier
 * is not evaluated at all (no EARLY / ON_TIME / LATE outcome). */
bool quality_score(const struct quality_settings *s, const struct quality_facts *f, int score[QUALITY__COUNT]);

/* The dossier's total on the 18-point scale: sum * 18 / (2 * scored); 0 when
 * nothing was scored. */
double quality_total18(const int score[QUALITY__COUNT]);

void quality_acc_add(struct quality_acc *a, const int score[QUALITY__COUNT]);
/* The mean total, and the mean of one indicator; -1 when no data. */
double quality_acc_mean(const struct quality_acc *a);
double quality_acc_ind_mean(const struct quality_acc *a, enum quality_ind i);

/* Half up to one decimal, exactly for values that are sums of tenths
 * (0.05 -> 0.1, 12.25 -> 12.3). */
double quality_round1(double v);

/* The band of a (rounded) 18-point average: the first band whose min it
 * reaches; the last band otherwise.  NULL when there are no bands. */
const struct quality_band *quality_band_of(const struct quality_settings *s, double total18);

#endif
