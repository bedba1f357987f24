/*
 * dossier.h - dossier use cases: receiving at the desk, every later action
 * (take, forward, send back, opinions, supplements, result, return,
 * withdrawal, stop, apology, transfer), reading with the timeline, the
 * control slip, worklists and the public lookup.
 *
 * Each write loads the dossier and its history, folds the history
 * (domain/dossier.c), checks the new event against it, and then, in one
 * transaction, appends the event and replaces the cached view - if the row is
 * still at the version the caller read (otherwise MC_ECONFLICT: two officers
 * acting at once, one wins, nothing is lost).  A commit that returned is on
 * disk (synchronous=FULL), so an answer the API gave is never lost.
 *
 * JSON values returned through out parameters are new references.
 */
#ifndef MC_SVC_DOSSIER_H
#define MC_SVC_DOSSIER_H

#include <jansson.h>
#include <stdbool.h>

#include "core/err.h"
#include "domain/authz.h"
#include "domain/catalog.h"
#include "domain/dossier.h"
#include "domain/workcal.h"
#include "store/store.h"

struct cached_calendar;

/* Everything known about one dossier, loaded together.  Release with
 * svc_dossier_release(). */
struct dossier_ctx {
	struct dossier_rec rec;      /* rec.doc owned (malloc'd) */
	json_t *doc;                 /* parsed rec.doc */
	json_t *proc_doc;            /* the procedure, at the dossier's version */
	struct proc_summary proc;
	struct dossier_proc dproc;
	struct dossier_event *events;/* the history, nevents long */
	size_t nevents;
	struct dossier_view view;
	const struct workcal *cal;   /* the receiving unit's calendar (shared, from the cache) */
	struct cached_calendar *cal_handle;
	struct workcal_limit limit;
	enum workcal_policy policy;
	struct unit_rec receiving, desk, resolving;
};

enum mc_err svc_dossier_load(struct store_conn *c, const char *code, struct dossier_ctx *x, struct mc_error *err);
void svc_dossier_release(struct dossier_ctx *x);

/* Receive, guide or refuse at the desk.  in: {"action": "receive" (default)
 * | "guide" | "refuse", "procedure": code, "desk": unit code, "channel":
 * "direct" | "postal", "applicant": {...}, "documents": [{"index", "form",
 * "count"}], "delivery": {"method", "address"}, "items": [...] (guide),
 * "reason" (refuse), "note"}.  Receiving with a required document missing is
 * MC_EINVAL naming every missing item: the desk then guides instead. */
enum mc_err svc_dossier_intake(struct store_conn *c, json_t *in, int64_t actor_id, int64_t now, json_t **out,
			       struct mc_error *err);

/* Online submission by a citizen (event submit_online, state submitted: not
 * received, no clock): in as for svc_dossier_intake without action/channel;
 * documents lists the documents uploaded.  The dossier is numbered now and
 * owned by citizen_id.  hook (may be NULL) runs inside the transaction after
 * the row is written (rec->id and rec->code are set): the caller moves the
 * draft's attachments there; its failure undoes everything. */
typedef enum mc_err (*svc_submit_hook)(struct store_conn *c, const struct dossier_rec *rec, void *ctx,
				       struct mc_error *err);
enum mc_err svc_dossier_submit_online(struct store_conn *c, json_t *in, int64_t citizen_id, int64_t now,
				      svc_submit_hook hook, void *hook_ctx, json_t **out, struct mc_error *err);

/* What the actor must be allowed to do an event of this kind, and where. */
struct dossier_permission {
	enum action action;
	const char *unit_path; /* points into x */
};
enum mc_err svc_dossier_permission(const struct dossier_ctx *x, enum dossier_event_kind kind,
				   struct dossier_permission *out, struct mc_error *err);

/* Apply one event: in = {"kind", "version" (the version read), and the
 * kind's fields: "step", "note", "reason", "items", "result_number",
 * "result_date", "signer", "target_unit", "return_method",
 * "new_appointment"}.  The caller has checked the permission. */
enum mc_err svc_dossier_act(struct store_conn *c, struct dossier_ctx *x, json_t *in, int64_t actor_id,
			    int64_t actor_unit_id, int64_t now, struct mc_error *err);

/* The full JSON view (staff), with the timeline.  now: for the status. */
enum mc_err svc_dossier_json(struct store_conn *c, const struct dossier_ctx *x, int64_t now, json_t **out,
			     struct mc_error *err);

/* The public view: no personal data beyond a masked name. */
enum mc_err svc_dossier_public_json(struct store_conn *c, const struct dossier_ctx *x, int64_t now, json_t **out,
				    struct mc_error *err);

/* The control slip (phiếu kiểm soát) as JSON. */
enum mc_err svc_dossier_control_slip(struct store_conn *c, const struct dossier_ctx *x, json_t **out,
				     struct mc_error *err);

/* A worklist or a search: {"total", "dossiers": [summary...]}, each with
 * its status now (within / due_soon / overdue / paused / early / on_time /
 * late).  status (may be NULL) keeps only one status, or "at_risk" for due
 * soon and overdue together. */
enum mc_err svc_dossier_list(struct store_conn *c, const struct dossier_filter *f, const char *status, int64_t now,
			     json_t **out, struct mc_error *err);

/* The draft of the apology (Phiếu xin lỗi và hẹn lại): a suggested new
 * appointment (what is left of the process, counted from the later of now
 * and the legal deadline) and the letter's text, for the head to confirm
 * with an "apologize" event. */
enum mc_err svc_dossier_apology_draft(const struct dossier_ctx *x, int64_t now, json_t **out, struct mc_error *err);

/* Import historical dossiers from JSON lines (see dossier_import.c for the
 * format): all or nothing (one transaction); codes already present are
 * skipped.  writer (may be NULL): a second connection of the same store, on
 * which a thread writes the rows while c reads and validates the next lines;
 * NULL: c does both.  *report: {"dry_run", "lines", "imported", "skipped":
 * [codes], "errors": [{"line", "code", "field", "message", "message_en"}]}
 * (also on failure). */
enum mc_err svc_dossier_import(struct store_conn *c, struct store_conn *writer, const char *text, size_t len,
			       bool dry_run, json_t **report, struct mc_error *err);

#endif
