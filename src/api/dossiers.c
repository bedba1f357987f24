/*
 * dossiers.c - dossiers over HTTP: intake at the desk, actions along the
 * process, reading, worklists, the control slip, the tracking book, and the
 * public lookup by code.
 *
 * Authorization by unit: an official may read a dossier received, resolved
 * or currently held in their unit's subtree; each action needs the role of
 * the step the dossier is at (svc_dossier_permission), in that step's unit.
 * A citizen reads only their own dossiers.  Everything else answers 404, so
 * nobody learns which codes exist.
 */
#include "api/api_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fold.h"
#include "domain/dossier_code.h"
#include "domain/timefmt.h"
#include "service/dossier.h"
#include "service/online.h"
#include "service/online.h"

static enum mc_err not_found(struct api_ctx *x)
{
	return mc_fail(&x->err, MC_ENOTFOUND, "code", "Không tìm thấy hồ sơ", "Dossier not found");
}

/* Load a dossier the caller may read; 404 otherwise. */
static enum mc_err load_readable(struct api_ctx *x, struct store_conn **c, struct dossier_ctx *d)
{
	enum mc_err rc;

	if (!dossier_code_valid(x->params[0]))
		return not_found(x);
	if ((rc = api_conn(x, c)))
		return rc;
	rc = svc_dossier_load(*c, x->params[0], d, &x->err);
	if (rc == MC_ENOTFOUND)
		return not_found(x);
	if (rc)
		return rc;
	if ((d->rec.citizen_id && d->rec.citizen_id == x->who.user_id) ||
	    authz_allows(&x->who, ACT_DOSSIER_READ, d->receiving.path) ||
	    authz_allows(&x->who, ACT_DOSSIER_READ, d->resolving.path) ||
	    authz_allows(&x->who, ACT_DOSSIER_READ, d->desk.path) ||
	    (d->rec.step_unit_path[0] && authz_allows(&x->who, ACT_DOSSIER_READ, d->rec.step_unit_path)))
		return MC_OK;
	/* a unit asked for its opinion reads the dossier: to answer, and
	 * afterwards to see what became of what it said */
	for (size_t i = 0; i < d->nevents; i++) {
		struct unit_rec asked;

		if (d->events[i].kind == DOSSIER_EV_ASK_OPINION &&
		    !store_unit_get_by_code(*c, d->events[i].target_unit, &asked, NULL) &&
		    authz_allows(&x->who, ACT_DOSSIER_READ, asked.path))
			return MC_OK;
	}
	svc_dossier_release(d);
	return not_found(x);
}

/* The desk the officer works at: the body's "desk", else their first desk. */
static enum mc_err pick_desk(struct api_ctx *x, struct store_conn *c, struct unit_rec *desk)
{
	const char *code = json_string_value(json_object_get(x->body, "desk"));
	enum mc_err rc;

	if (!code) {
		for (int i = 0; i < x->who.ngrants; i++)
			if (x->who.grants[i].role == ROLE_DESK)
				return store_unit_get(c, x->who.grants[i].unit_id, desk, &x->err);
		return mc_fail(&x->err, MC_EFORBIDDEN, "desk", "Bạn không làm việc tại Bộ phận Một cửa nào",
			       "You work at no one-stop desk");
	}
	rc = store_unit_get_by_code(c, code, desk, &x->err);
	if (rc == MC_ENOTFOUND)
		return mc_failf(&x->err, MC_EINVAL, "desk", "Không có bộ phận '%s'", "No desk '%s'", code);
	return rc;
}

enum mc_err h_dossier_intake(struct api_ctx *x)
{
	struct store_conn *c;
	struct unit_rec desk;
	json_t *out;
	enum mc_err rc;

	if ((rc = api_conn(x, &c)) || (rc = pick_desk(x, c, &desk)))
		return rc;
	if (!authz_allows(&x->who, ACT_DOSSIER_INTAKE, desk.path))
		return mc_fail(&x->err, MC_EFORBIDDEN, "desk", "Bạn không tiếp nhận hồ sơ tại bộ phận này",
			       "You do not receive dossiers at this desk");
	json_object_set_new(x->body, "desk", json_string(desk.code));
	if ((rc = svc_dossier_intake(c, x->body, x->who.user_id, x->rq->now, &out, &x->err)))
		return rc;
	/* tell the applicant (online services: notification outbox) */
	svc_online_notify_last(c, x->app->cfg, json_string_value(json_object_get(out, "code")) ?: "", x->rq->now);
	return api_reply_json(x, 201, out);
}

static const char *asked_unit(const struct dossier_ctx *d);

/* The events this caller may send now: the state allows the kind and the
 * caller holds the permission the kind needs at this step (the UI shows
 * these buttons; the server still checks each request). */
static json_t *my_actions(struct api_ctx *x, struct store_conn *c, const struct dossier_ctx *d)
{
	json_t *a = json_array();

	for (int k = DOSSIER_EV_NONE + 1; k < DOSSIER__EV_COUNT; k++) {
		struct dossier_permission perm;
		struct unit_rec asked;
		const char *to;
		struct mc_error ignore;

		if (k == DOSSIER_EV_INTAKE || k == DOSSIER_EV_SUBMIT_ONLINE || !dossier_event_allowed(d->view.state, k))
			continue;
		if (svc_dossier_permission(d, (enum dossier_event_kind)k, &perm, &ignore))
			continue;
		if (k == DOSSIER_EV_GIVE_OPINION) {
			if (!d->view.opinions_open)
				continue;
			to = asked_unit(d);
			if (*to && !store_unit_get_by_code(c, to, &asked, NULL))
				perm.unit_path = asked.path;
		}
		if (k == DOSSIER_EV_APOLOGIZE && d->view.apology_count)
			continue;
		if (k == DOSSIER_EV_RECORD_RESULT && d->view.step < d->dproc.result_step)
			continue;
		if (authz_allows(&x->who, perm.action, perm.unit_path))
			json_array_append_new(a, json_string(dossier_event_name((enum dossier_event_kind)k)));
	}
	return a;
}

/* The three read-only views of one dossier share loading, the read check
 * and the release; each differs in the JSON it builds. */
enum view_kind { VIEW_FULL, VIEW_CONTROL_SLIP, VIEW_APOLOGY_DRAFT };

static enum mc_err reply_view(struct api_ctx *x, enum view_kind kind)
{
	struct store_conn *c;
	struct dossier_ctx *d = calloc(1, sizeof *d);
	json_t *out = NULL;
	enum mc_err rc;

	if (!d)
		return mc_fail(&x->err, MC_ENOMEM, NULL, NULL, NULL);
	if (!(rc = load_readable(x, &c, d))) {
		/* the full view as the citizen's, plus the actions: attachments,
		 * payment, rating and postal tracking included */
		if (kind == VIEW_FULL && !(rc = svc_citizen_dossier_json(c, d, x->rq->now, &out, &x->err)))
			json_object_set_new(out, "actions", my_actions(x, c, d));
		else if (kind == VIEW_CONTROL_SLIP)
			rc = svc_dossier_control_slip(c, d, &out, &x->err);
		else if (!authz_allows(&x->who, ACT_DOSSIER_APPROVE, d->resolving.path))
			rc = mc_fail(&x->err, MC_EFORBIDDEN, NULL, "Thư xin lỗi do lãnh đạo đơn vị giải quyết ký",
				     "The apology is signed by a leader of the resolving unit");
		else
			rc = svc_dossier_apology_draft(d, x->rq->now, &out, &x->err);
		svc_dossier_release(d);
	}
	free(d);
	return rc ? rc : api_reply_json(x, 200, out);
}

enum mc_err h_dossier_get(struct api_ctx *x) { return reply_view(x, VIEW_FULL); }
enum mc_err h_dossier_control_slip(struct api_ctx *x) { return reply_view(x, VIEW_CONTROL_SLIP); }
enum mc_err h_dossier_apology_draft(struct api_ctx *x) { return reply_view(x, VIEW_APOLOGY_DRAFT); }

/* The unit whose path authorises an opinion: the one the last request for
 * an opinion went to. */
static const char *asked_unit(const struct dossier_ctx *d)
{
	for (size_t i = d->nevents; i-- > 0;)
		if (d->events[i].kind == DOSSIER_EV_ASK_OPINION)
			return d->events[i].target_unit;
	return "";
}

enum mc_err h_dossier_act(struct api_ctx *x)
{
	struct store_conn *c;
	struct dossier_ctx *d = calloc(1, sizeof *d);
	struct dossier_permission perm;
	struct unit_rec asked;
	const struct authz_grant *g;
	json_t *out = NULL;
	int kind;
	enum mc_err rc;

	if (!d)
		return mc_fail(&x->err, MC_ENOMEM, NULL, NULL, NULL);
	if ((rc = load_readable(x, &c, d))) {
		free(d);
		return rc;
	}
	/* a stale view is answered first: whatever the reader may do now, they
	 * must reload to see what changed */
	if (json_is_integer(json_object_get(x->body, "version")) &&
	    json_integer_value(json_object_get(x->body, "version")) != d->rec.version) {
		rc = mc_fail(&x->err, MC_ECONFLICT, "version", "Hồ sơ vừa được người khác cập nhật; vui lòng tải lại",
			     "Someone else has just updated this dossier; reload it");
		goto done;
	}
	kind = dossier_event_parse(json_string_value(json_object_get(x->body, "kind")) ?: "");
	if (kind <= 0) {
		rc = mc_fail(&x->err, MC_EINVAL, "kind", "Thao tác (kind) không hợp lệ", "Invalid action (kind)");
		goto done;
	}
	if ((rc = svc_dossier_permission(d, (enum dossier_event_kind)kind, &perm, &x->err)))
		goto done;
	if (kind == DOSSIER_EV_GIVE_OPINION && *asked_unit(d) && !store_unit_get_by_code(c, asked_unit(d), &asked, NULL))
		perm.unit_path = asked.path;
	g = authz_grant_for(&x->who, perm.action, perm.unit_path);
	if (!g) {
		rc = kind == DOSSIER_EV_REQUEST_SUPPLEMENT && d->view.supplement_count >= 1
			     ? mc_fail(&x->err, MC_EFORBIDDEN, "kind",
				       "Yêu cầu bổ sung lần thứ hai trở lên phải do lãnh đạo phê duyệt, kèm lý do",
				       "A second or later supplement request needs a leader's approval and a reason")
			     : mc_fail(&x->err, MC_EFORBIDDEN, "kind",
				       "Bạn không có quyền thực hiện thao tác này ở bước hiện tại của hồ sơ",
				       "You may not do this at the dossier's current step");
		goto done;
	}
	if ((rc = svc_dossier_act(c, d, x->body, x->who.user_id, g->unit_id, x->rq->now, &x->err)) ||
	    (rc = svc_dossier_json(c, d, x->rq->now, &out, &x->err)))
		goto done;
	json_object_set_new(out, "actions", my_actions(x, c, d));
	/* tell the applicant (online services: notification outbox) */
	svc_online_notify_last(c, x->app->cfg, d->rec.code, x->rq->now);
done:
	svc_dossier_release(d);
	free(d);
	return rc ? rc : api_reply_json(x, 200, out);
}

static const char *const open_states[] = {"submitted", "processing", "waiting_supplement", "result_ready", NULL};

enum mc_err h_dossiers_list(struct api_ctx *x)
{
	const char *unit_code = api_query(x, "unit"), *view = api_query(x, "view"), *state = api_query(x, "state");
	const char *q = api_query(x, "q"), *from = api_query(x, "from"), *to = api_query(x, "to");
	const char *lim = api_query(x, "limit"), *off = api_query(x, "offset"), *status = api_query(x, "status");
	const char *one_state[2] = {state, NULL};
	struct dossier_filter f = {0};
	struct store_conn *c;
	struct unit_rec unit = {0};
	char folded[160];
	json_t *out;
	enum mc_err rc;

	if ((rc = api_conn(x, &c)))
		return rc;
	if (unit_code) {
		rc = store_unit_get_by_code(c, unit_code, &unit, &x->err);
		if (rc)
			return rc;
	} else {
		for (int i = 0; i < x->who.ngrants && !unit.id; i++)
			if (authz_role_permits(x->who.grants[i].role, ACT_DOSSIER_READ) && x->who.grants[i].unit_id)
				store_unit_get(c, x->who.grants[i].unit_id, &unit, NULL);
	}
	if (!unit.id || !authz_allows(&x->who, ACT_DOSSIER_READ, unit.path))
		return mc_fail(&x->err, MC_EFORBIDDEN, "unit", NULL, NULL);
	if (!view || !strcmp(view, "worklist")) {
		/* what waits at this unit's steps, most urgent first */
		f.step_unit_path = unit.path;
		f.states = open_states;
		if (api_query(x, "mine"))
			f.assignee_id = x->who.user_id;
	} else if (!strcmp(view, "all")) {
		f.any_unit_path = unit.path;
		f.order = 1;
	} else if (!strcmp(view, "opinions")) {
		/* what this unit's opinion is asked on, and still owed */
		f.opinion_unit_path = unit.path;
		f.states = open_states;
	} else {
		return mc_fail(&x->err, MC_EINVAL, "view", "view là worklist, all hoặc opinions",
			       "view is worklist, all or opinions");
	}
	if (state) {
		if (dossier_state_parse(state) < 0)
			return mc_fail(&x->err, MC_EINVAL, "state", "Trạng thái không hợp lệ", "Invalid state");
		f.states = one_state;
	}
	if (q && *q) {
		if (strlen(q) > 100)
			return mc_fail(&x->err, MC_EINVAL, "q", "Từ khóa quá dài", "The search text is too long");
		if (strchr(q, '-') || strchr(q, '.')) {
			f.code_prefix = q;
		} else {
			fold_text(q, folded, sizeof folded);
			f.applicant_folded = folded;
		}
	}
	if ((from && (rc = api_day_start(x, from, "from", &f.received_from))) ||
	    (to && (rc = api_day_start(x, to, "to", &f.received_to))))
		return rc;
	if (to)
		f.received_to += 86400; /* "to" is inclusive */
	f.limit = lim ? atoi(lim) : 100;
	if (f.limit <= 0 || f.limit > 1000)
		f.limit = 100;
	f.offset = off ? atoi(off) : 0;
	if (status && strcmp(status, "at_risk") && strcmp(status, "within") && strcmp(status, "due_soon") &&
	    strcmp(status, "overdue") && strcmp(status, "paused") && strcmp(status, "early") &&
	    strcmp(status, "on_time") && strcmp(status, "late"))
		return mc_fail(&x->err, MC_EINVAL, "status",
			       "status là within, due_soon, overdue, paused, at_risk, early, on_time hoặc late",
			       "status is within, due_soon, overdue, paused, at_risk, early, on_time or late");
	if ((rc = svc_dossier_list(c, &f, status, x->rq->now, &out, &x->err)))
		return rc;
	json_object_set_new(out, "unit", json_string(unit.code));
	return api_reply_json(x, 200, out);
}

/* Sổ theo dõi hồ sơ: dossiers received by a unit in a period, in order. */
enum mc_err h_tracking_book(struct api_ctx *x)
{
	const char *from = api_query(x, "from"), *to = api_query(x, "to");
	struct dossier_filter f = {0};
	struct store_conn *c;
	struct unit_rec unit;
	json_t *out;
	enum mc_err rc;

	if ((rc = api_conn(x, &c)) || (rc = store_unit_get_by_code(c, x->params[0], &unit, &x->err)))
		return rc;
	if (!authz_allows(&x->who, ACT_DOSSIER_READ, unit.path))
		return mc_fail(&x->err, MC_EFORBIDDEN, "unit", NULL, NULL);
	if (!from || !to)
		return mc_fail(&x->err, MC_EINVAL, "from", "Cần khoảng thời gian ?from=YYYY-MM-DD&to=YYYY-MM-DD",
			       "Give the period ?from=YYYY-MM-DD&to=YYYY-MM-DD");
	if ((rc = api_day_start(x, from, "from", &f.received_from)) || (rc = api_day_start(x, to, "to", &f.received_to)))
		return rc;
	f.received_to += 86400;
	/* a desk keeps the book of what it received; a government, of all its desks */
	if (!strcmp(unit.kind, "desk"))
		f.any_unit_path = unit.path;
	else
		f.receiving_unit_path = unit.path;
	f.order = 1;
	f.limit = 10000;
	if ((rc = svc_dossier_list(c, &f, NULL, x->rq->now, &out, &x->err)))
		return rc;
	json_object_set_new(out, "unit", json_string(unit.code));
	json_object_set_new(out, "unit_name", json_string(unit.name));
	json_object_set_new(out, "from", json_string(from));
	json_object_set_new(out, "to", json_string(to));
	return api_reply_json(x, 200, out);
}

/* Public lookup: rate limited per client address, the same answer for a
 * malformed and an unknown code, no personal data. */
enum mc_err h_public_dossier(struct api_ctx *x)
{
	struct store_conn *c;
	struct dossier_ctx *d;
	char key[96];
	int64_t n = 0;
	json_t *out = NULL;
	enum mc_err rc;

	if ((rc = api_conn(x, &c)))
		return rc;
	snprintf(key, sizeof key, "lookup-ip:%s", x->rq->client_ip);
	if ((rc = store_counter_hit(c, key, x->rq->now - x->rq->now % 60, &n, &x->err)))
		return rc;
	if (n > x->app->cfg->lookup_per_minute)
		return mc_fail(&x->err, MC_ERATE, NULL, "Tra cứu quá nhiều lần; vui lòng thử lại sau một phút",
			       "Too many lookups; try again in a minute");
	if (!dossier_code_valid(x->params[0]))
		return not_found(x);
	d = calloc(1, sizeof *d);
	if (!d)
		return mc_fail(&x->err, MC_ENOMEM, NULL, NULL, NULL);
	rc = svc_dossier_load(c, x->params[0], d, &x->err);
	if (rc == MC_ENOTFOUND || (!rc && !d->view.received_at && d->view.state != DOSSIER_SUBMITTED)) {
		if (!rc)
			svc_dossier_release(d);
		free(d);
		return not_found(x);
	}
	if (!rc) {
		rc = svc_dossier_public_json(c, d, x->rq->now, &out, &x->err);
		svc_dossier_release(d);
	}
	free(d);
	return rc ? rc : api_reply_json(x, 200, out);
}
