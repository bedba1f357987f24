/*
 * dossier.h - the pure rules of a dossier's life (hồ sơ): its states, the
 * events that move it, the fold of a history into a view, and the legal
 * deadline and classification derived from that view.
 *
 * Every change to a dossier is an event appended to its history; the current
 * state is never written directly, it is the fold (dossier_replay) of the
 * events.  The store caches the folded view on the dossier row; this module
 * decides which event may follow which view and what the next view is.
 * Paused time (waiting for the applicant's supplement) is the list of waits
 * in the view, derived from the events, never a counter kept by hand.
 *
 * No I/O, no allocation, no globals: every struct here is plain data with
 * fixed arrays, owned by the caller, safe to copy with memcpy and to persist
 * as a row plus JSON.  Instants are int64_t Unix seconds (UTC); 0 means
 * "not yet" / "none" in every instant field.  Names returned by the *_name
 * and *_vi / *_en functions are static strings.
 *
 * The rules, with their legal sources, are explained for desk officers in
 * docs/LIFECYCLE.md.
 */
#ifndef MC_DOSSIER_H
#define MC_DOSSIER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "domain/workcal.h"

struct proc_step; /* domain/catalog.h */

#define DOSSIER_MAX_STEPS 24      /* == CATALOG_MAX_STEPS */
#define DOSSIER_MAX_WAITS 16      /* supplement requests per dossier */
#define DOSSIER_MAX_ITEMS 16      /* items in one supplement request / guidance */
#define DOSSIER_ITEM_SIZE 256
#define DOSSIER_TEXT_SIZE 512     /* note, reason */

/* States.  The numbers are stable (stored in cached rows), the names too
 * (API, JSON, statistics).  DOSSIER_NONE is the view before any event; it is
 * never stored as a dossier's state. */
enum dossier_state {
	DOSSIER_NONE = 0,
	DOSSIER_SUBMITTED,          /* online submission, not yet received: no clock */
	DOSSIER_GUIDED,             /* paper or online dossier incomplete, NOT received,
				       guidance recorded (terminal, counted) */
	DOSSIER_PROCESSING,         /* received, at step `step` of the process */
	DOSSIER_WAITING_SUPPLEMENT, /* a supplement was requested: clock stopped */
	DOSSIER_RESULT_READY,       /* result recorded, at the desk */
	DOSSIER_RETURNED,           /* result handed to the applicant (terminal) */
	DOSSIER_REFUSED,            /* at intake or after appraisal (terminal) */
	DOSSIER_WITHDRAWN,          /* applicant withdrew before the result (terminal) */
	DOSSIER_STOPPED,            /* ND 118/2025: stopped at the applicant's request,
				       no decision issued (terminal) */
	DOSSIER_TRANSFERRED,        /* sent to another unit (terminal for this unit) */
	DOSSIER__STATE_COUNT
};

/* Event kinds.  Numbers and names are stable (stored in history rows).
 * There is no "to_desk" event: recording the result also hands it to the
 * desk (see dossier_apply and docs/LIFECYCLE.md). */
enum dossier_event_kind {
	DOSSIER_EV_NONE = 0,            /* invalid: a zeroed event is refused */
	DOSSIER_EV_SUBMIT_ONLINE,
	DOSSIER_EV_ACCEPT,              /* desk accepts an online submission: clock starts */
	DOSSIER_EV_INTAKE,              /* received at the desk: clock starts */
	DOSSIER_EV_GUIDE,               /* incomplete, not received: guidance (items) */
	DOSSIER_EV_REFUSE,              /* reason required */
	DOSSIER_EV_TAKE,                /* actor takes the current step */
	DOSSIER_EV_FORWARD,             /* to step `step` == current + 1 */
	DOSSIER_EV_SEND_BACK,           /* to an earlier step `step`, reason required */
	DOSSIER_EV_ASK_OPINION,         /* ask another department (target_unit) */
	DOSSIER_EV_GIVE_OPINION,        /* its answer (note) */
	DOSSIER_EV_REQUEST_SUPPLEMENT,  /* items; 2nd and later: approved_by + reason */
	DOSSIER_EV_SUPPLEMENT_RECEIVED, /* clock resumes (pause) / restarts (restart) */
	DOSSIER_EV_RECORD_RESULT,       /* number, date, signer: -> result_ready */
	DOSSIER_EV_RETURN_RESULT,       /* return_method: desk | post | electronic */
	DOSSIER_EV_WITHDRAW,
	DOSSIER_EV_STOP,
	DOSSIER_EV_APOLOGIZE,           /* new_appointment + reason, once */
	DOSSIER_EV_TRANSFER,            /* target_unit */
	DOSSIER__EV_COUNT
};

/* One event of a history.  Plain data: the store keeps kind, at, actor_id,
 * unit_id and step as columns and the rest as JSON.  Unused fields are zero
 * / empty.  Every string must be NUL-terminated inside its array (checked:
 * an event read back from storage is input like any other). */
struct dossier_event {
	enum dossier_event_kind kind;
	int64_t at;          /* when it happened (UTC); never before the previous event */
	int64_t actor_id;    /* user who did it (0: the applicant / the system) */
	int64_t unit_id;     /* unit the actor acted for */
	int step;            /* forward / send_back: target step index (0-based) */
	char note[DOSSIER_TEXT_SIZE];
	char reason[DOSSIER_TEXT_SIZE];
	int nitems;          /* request_supplement, guide: 1..DOSSIER_MAX_ITEMS */
	char items[DOSSIER_MAX_ITEMS][DOSSIER_ITEM_SIZE];
	int64_t approved_by; /* request_supplement no. 2+: the approving leader */
	int64_t new_appointment; /* intake / accept / supplement_received: the legal
				    deadline the event produces (dossier_fill_appointment);
				    apologize: the new date promised */
	char result_number[64]; /* record_result: "123/QĐ-UBND" */
	int32_t result_date;    /* record_result: caldate day number of the document */
	char signer[128];
	char target_unit[64];   /* transfer, ask_opinion: unit code */
	char return_method[16]; /* return_result: "desk" | "post" | "electronic" */
};

/* What dossier_apply needs to know about the procedure's internal process. */
struct dossier_proc {
	int nsteps;      /* 1 .. DOSSIER_MAX_STEPS */
	int result_step; /* the first step at which the result may be recorded:
			    the last step not at the desk ($desk), or the last
			    step when every step is the desk's */
};

/* The fold of a history. */
struct dossier_view {
	enum dossier_state state;
	struct dossier_proc proc;
	size_t nevents;         /* events folded so far */
	int64_t last_at;        /* time of the last event */
	int step;               /* current step (0-based); -1 when never received */
	int64_t step_since;     /* arrival at the current step */
	int64_t assignee;       /* who took the current step; 0 if nobody */
	int64_t submitted_at;   /* online submission; 0 for paper */
	int64_t received_at;    /* intake / accept; 0 if not received */
	int64_t received_by;
	int64_t clock_start;    /* where the legal clock starts: received_at */
	int64_t legal_due;      /* the legal deadline as recorded by the last of
				   intake / accept / supplement_received */
	int64_t appointment;    /* legal_due, or the apology's new date */
	int64_t finished_at;    /* result recorded, or refused after receipt: the
				   instant classified against the legal deadline */
	int64_t returned_at;
	int64_t closed_at;      /* entered a terminal state */
	int supplement_count;   /* request_supplement events (2nd+ were approved) */
	int apology_count;      /* 0 or 1 */
	int send_back_count;
	int opinions_open;      /* ask_opinion minus give_opinion */
	bool refused_at_intake; /* refused before being received */
	size_t nwaits;
	struct workcal_wait waits[DOSSIER_MAX_WAITS]; /* request -> received; the
							 last may be WORKCAL_OPEN */
	char reason[DOSSIER_TEXT_SIZE]; /* refusal / stop / withdrawal reason */
	char result_number[64];
	int32_t result_date;
	char signer[128];
	char return_method[16];
	char target_unit[64];   /* transferred to */
};

/* ---- names ---- */

/* "submitted", "guided", ... ("none" for DOSSIER_NONE, "" if out of range). */
const char *dossier_state_name(enum dossier_state s);
/* Vietnamese / English labels for people ("Đang giải quyết" / "Processing"). */
const char *dossier_state_vi(enum dossier_state s);
const char *dossier_state_en(enum dossier_state s);
/* The state of a stable name; -1 when unknown (DOSSIER_NONE is not parsed). */
int dossier_state_parse(const char *name);
/* "submit_online", "accept", ... ("" if out of range). */
const char *dossier_event_name(enum dossier_event_kind k);
/* The kind of a stable name; -1 when unknown. */
int dossier_event_parse(const char *name);

/* ---- states ---- */

/* May an event of kind k follow a dossier in state s (the state rule only;
 * dossier_apply also checks the event's own fields and the counts)? */
bool dossier_event_allowed(enum dossier_state s, enum dossier_event_kind k);

/* returned, refused, withdrawn, stopped, transferred, guided. */
bool dossier_state_terminal(enum dossier_state s);
/* processing, waiting_supplement: received and without a result yet. */
bool dossier_state_open(enum dossier_state s);

/* ---- the process ---- */

/* The process summary of a procedure's steps (catalog.h): nsteps and
 * result_step as defined above.  MC_EINVAL for 0 or too many steps. */
enum mc_err dossier_proc_from_steps(const struct proc_step *steps, int nsteps,
				    struct dossier_proc *out, struct mc_error *err);

/* ---- the fold ---- */

/* The empty view (before the first event) of a dossier of process *proc. */
void dossier_view_init(struct dossier_view *v, const struct dossier_proc *proc);

/* Check that *ev may follow *v and write the next view to *out (out may be
 * v itself).  MC_EINVAL for a malformed event (missing reason, bad step,
 * time going backwards: field names the member), MC_ECONFLICT when the
 * state does not allow it, with a bilingual message.  On failure *out is
 * unchanged. */
enum mc_err dossier_apply(const struct dossier_view *v, const struct dossier_event *ev,
			  struct dossier_view *out, struct mc_error *err);

/* Fold n events from scratch.  On failure *bad_index (if not NULL) gets the
 * index of the refused event and the message starts with "Sự kiện số N" /
 * "Event no. N" (1-based); *out then holds the view before that event. */
enum mc_err dossier_replay(const struct dossier_event *events, size_t n,
			   const struct dossier_proc *proc, struct dossier_view *out,
			   size_t *bad_index, struct mc_error *err);

/* ---- the legal deadline ---- */

/* The legal deadline of a received dossier: limit counted from clock_start
 * on cal, with the view's waits under policy (workcal_deadline).  While a
 * supplement is awaited out->paused is 1 and out->due 0.  MC_ECONFLICT if
 * the dossier was never received. */
enum mc_err dossier_deadline(const struct dossier_view *v, const struct workcal *cal,
			     const struct workcal_limit *limit, enum workcal_policy policy,
			     struct workcal_due *out, struct mc_error *err);

/* For intake, accept and supplement_received: set ev->new_appointment to the
 * legal deadline that the event produces (the date printed on the receipt /
 * notified after a supplement), so that the history records it.  Other
 * kinds are left unchanged.  Errors as dossier_apply and dossier_deadline. */
enum mc_err dossier_fill_appointment(const struct dossier_view *v, struct dossier_event *ev,
				     const struct workcal *cal, const struct workcal_limit *limit,
				     enum workcal_policy policy, struct mc_error *err);

/* ---- classification ---- */

/* Against the LEGAL deadline `due` (never the apologised appointment):
 *   finished (result recorded or refused after receipt): EARLY / ON_TIME /
 *     LATE by finished_at;
 *   open (processing, waiting_supplement): WITHIN / DUE_SOON / OVERDUE /
 *     PAUSED at now;
 *   anything else (not received, guided, withdrawn, stopped, transferred):
 *     0, not counted. */
enum workcal_status dossier_classify(const struct dossier_view *v, const struct workcal *cal,
				     const struct workcal_due *due, int64_t now);

/* The late-warning rule (ND 61/2018 art. 19.9: apologise at least one day
 * before the deadline): true when the dossier is processing (clock
 * running), has not apologised yet, and at most one working day of working
 * time is left before due->due at now (or it is already past). */
bool dossier_needs_apology(const struct dossier_view *v, const struct workcal_due *due,
			   const struct workcal *cal, int64_t now);

#endif
