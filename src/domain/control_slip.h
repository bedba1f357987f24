/*
 * control_slip.h - the control slip of a dossier (mẫu 05, Phiếu kiểm soát
 * quá trình giải quyết hồ sơ, Thông tư 01/2018/TT-VPCP): one row for each
 * stay of the dossier at a step of the procedure's internal process, with
 * who handed it over to whom and when, the step's own deadline, when the
 * step handed it on, and whether it did so early, on time or late.
 *
 * A row is a "visit": the dossier arrives at step k (a hand-off: given_by,
 * given_at) and leaves it (done_at, end, next_step).  Consecutive rows
 * therefore show every hand-off once from each side, which is how the
 * paper form reads ("Giao ... / Nhận ...").  A step visited twice (sent
 * back) has two rows.
 *
 * The step's deadline is its share of the time limit (proc_step.minutes of
 * working time) counted on the working-time clock from the instant it
 * arrived at the step.  A supplement requested during the visit is treated
 * as the dossier's policy treats it: under WORKCAL_PAUSE the step's
 * deadline moves by the working time spent waiting; under WORKCAL_RESTART
 * the step's share runs again in full from when the supplement arrived.
 * Send-backs do not extend anything: the new visit gets the step's share
 * again, and the dossier's own deadline (dossier_deadline) is unchanged.
 *
 * Pure: the rows are written into a caller-provided array; nothing is
 * allocated or kept.  Strings in rows are copies.
 */
#ifndef MC_CONTROL_SLIP_H
#define MC_CONTROL_SLIP_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "domain/dossier.h"
#include "domain/workcal.h"

struct proc_step; /* domain/catalog.h */

/* How a visit ended.  Names are stable ("open", "forwarded", ...). */
enum control_slip_end {
	CONTROL_SLIP_OPEN = 0,    /* still at this step */
	CONTROL_SLIP_FORWARDED,   /* to the next step */
	CONTROL_SLIP_SENT_BACK,   /* to an earlier step */
	CONTROL_SLIP_RESULT,      /* result recorded, handed to the desk's last step */
	CONTROL_SLIP_RETURNED,    /* result handed to the applicant */
	CONTROL_SLIP_REFUSED,
	CONTROL_SLIP_WITHDRAWN,
	CONTROL_SLIP_STOPPED,
	CONTROL_SLIP_TRANSFERRED,
	CONTROL_SLIP__END_COUNT
};

struct control_slip_row {
	int step;               /* 0-based index in the process */
	char step_name[256];    /* copied from the procedure */
	char unit[64];          /* unit code, "$desk" or "$commune" */
	char role[24];
	int64_t given_by;       /* who handed it to this step (0: the applicant) */
	int64_t given_at;       /* hand-off instant = arrival: the step's clock starts */
	int64_t received_by;    /* who took it (the last take of the visit); if
				   nobody took it, who ended the visit; 0 if open
				   and untaken */
	int64_t taken_at;       /* that take's instant; 0 if never taken */
	int64_t due;            /* the step's deadline; 0 while waiting (paused) */
	int64_t waited_min;     /* working minutes of supplement waits in the visit */
	int64_t done_at;        /* when it left the step; 0 while still there */
	enum control_slip_end end;
	int next_step;          /* where it went; -1 if nowhere (open or ended) */
	enum workcal_status status; /* done: EARLY / ON_TIME / LATE (0 when the
				       applicant withdrew or stopped it); open:
				       WITHIN / DUE_SOON / OVERDUE / PAUSED at now */
	char note[DOSSIER_TEXT_SIZE]; /* note or reason of the event that ended it */
};

/* "open", "forwarded", ... and labels for the printed slip ("Chuyển bước
 * tiếp theo" / "Forwarded"); "" when out of range. */
const char *control_slip_end_name(enum control_slip_end e);
const char *control_slip_end_vi(enum control_slip_end e);
const char *control_slip_end_en(enum control_slip_end e);

/* Build the slip of a history of n events (validated by the same rules as
 * dossier_replay: an invalid history is refused, naming the event) for a
 * procedure with nsteps steps, on calendar cal, under the dossier's
 * supplement policy, classifying open rows at now.  At most cap rows are
 * written to out (out may be NULL with cap 0); *n_out gets the total, so a
 * caller can size a buffer and call again.  A dossier never received has
 * no rows.  MC_EINVAL for bad steps or instants outside the calendar. */
enum mc_err control_slip_build(const struct dossier_event *events, size_t n,
			       const struct proc_step *steps, int nsteps,
			       const struct workcal *cal, enum workcal_policy policy, int64_t now,
			       struct control_slip_row *out, size_t cap, size_t *n_out,
			       struct mc_error *err);

#endif
