/*
 * dossier.c - dossier use cases (see dossier.h): loading a dossier with its
 * procedure, history and calendar; receiving at the desk; applying events
 * with the optimistic version check.  The JSON views are in dossier_json.c.
 */
#include "service/dossier.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fold.h"
#include "domain/account.h"
#include "domain/caldate.h"
#include "domain/dossier_code.h"
#include "service/cache.h"
#include "service/group_commit.h"
#include "service/calendar.h"
#include "service/catalog.h"
#include "domain/timefmt.h"
#include "service/dossier_int.h"

/* ---- small helpers -------------------------------------------------------- */

const char *dj_str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}


/* The local government (commune, district or province) that a desk belongs
 * to: its dossiers carry that government's agency code. */
enum mc_err dossier_local_government(struct store_conn *c, const struct unit_rec *desk, struct unit_rec *out,
				    struct mc_error *err)
{
	struct unit_rec u = *desk;
	enum mc_err rc;

	for (int depth = 0; depth < 16; depth++) {
		if (!strcmp(u.kind, "commune") || !strcmp(u.kind, "district") || !strcmp(u.kind, "province")) {
			*out = u;
			return MC_OK;
		}
		if (!u.parent_id)
			break;
		if ((rc = store_unit_get(c, u.parent_id, &u, err)))
			return rc;
	}
	return mc_failf(err, MC_EINVAL, "desk", "Bộ phận '%s' không thuộc UBND xã, huyện hay tỉnh nào",
			"The desk '%s' belongs to no commune, district or province", desk->code);
}

void dossier_limit_of(const struct proc_summary *s, struct workcal_limit *l, enum workcal_policy *p)
{
	l->unit = s->tl_kind == TL_DAYS ? WORKCAL_DAYS : s->tl_kind == TL_HOURS ? WORKCAL_HOURS : WORKCAL_SAME_DAY;
	l->amount = s->tl_value;
	*p = strcmp(s->supplement_policy, "pause") ? WORKCAL_RESTART : WORKCAL_PAUSE;
}

enum mc_err dossier_load_procedure(struct store_conn *c, const char *code, int version, json_t **doc,
				  struct proc_summary *s, struct mc_error *err)
{
	enum mc_err rc = svc_procedure_get(c, code, version, doc, err);

	if (rc == MC_ENOTFOUND)
		return mc_failf(err, MC_EINVAL, "procedure", "Không có thủ tục '%s' trong danh mục",
				"No procedure '%s' in the catalog", code);
	if (rc)
		return rc;
	json_object_del(*doc, "version");
	rc = catalog_validate(*doc, NULL, s, err);
	if (rc) {
		json_decref(*doc);
		*doc = NULL;
	}
	return rc;
}

/* The unit of process step k: "$desk", "$commune" or a unit code. */
enum mc_err dossier_step_unit(struct store_conn *c, const struct dossier_ctx *x, int k, struct unit_rec *out,
			      struct mc_error *err)
{
	const char *u;

	if (k < 0 || k >= x->proc.nsteps) {
		memset(out, 0, sizeof *out);
		return MC_OK;
	}
	u = x->proc.steps[k].unit;
	if (!strcmp(u, "$desk")) {
		*out = x->desk;
		return MC_OK;
	}
	if (!strcmp(u, "$commune")) {
		*out = x->receiving;
		return MC_OK;
	}
	return store_unit_get_by_code(c, u, out, err);
}

enum mc_err dossier_build_calendar(struct store_conn *c, struct dossier_ctx *x, int64_t around, struct mc_error *err)
{
	int y, m, d;

	caldate_to_ymd(dossier_code_local_day(around, x->receiving.utc_offset_min), &y, &m, &d);
	/* long limits and late dossiers need years ahead; the range is cheap */
	return cache_calendar_get(c, &x->receiving, y - 1, y + 4, &x->cal, &x->cal_handle, err);
}

/* ---- events and their storage form ---------------------------------------- */

json_t *dossier_event_data(const struct dossier_event *e)
{
	json_t *j = json_object();

	if (e->note[0])
		json_object_set_new(j, "note", json_string(e->note));
	if (e->reason[0])
		json_object_set_new(j, "reason", json_string(e->reason));
	if (e->nitems) {
		json_t *items = json_array();

		for (int i = 0; i < e->nitems; i++)
			json_array_append_new(items, json_string(e->items[i]));
		json_object_set_new(j, "items", items);
	}
	if (e->approved_by)
		json_object_set_new(j, "approved_by", json_integer(e->approved_by));
	if (e->new_appointment)
		json_object_set_new(j, "new_appointment", json_integer(e->new_appointment));
	if (e->result_number[0])
		json_object_set_new(j, "result_number", json_string(e->result_number));
	if (e->result_date) {
		char buf[11];

		json_object_set_new(j, "result_date", json_string(caldate_format(e->result_date, buf)));
	}
	if (e->signer[0])
		json_object_set_new(j, "signer", json_string(e->signer));
	if (e->target_unit[0])
		json_object_set_new(j, "target_unit", json_string(e->target_unit));
	if (e->return_method[0])
		json_object_set_new(j, "return_method", json_string(e->return_method));
	return j;
}

#define COPY(dst, src) snprintf((dst), sizeof(dst), "%s", (src))

/* Fill the free-form members of e from JSON (API input or a stored row).
 * Over-long text is refused, never silently cut. */
enum mc_err dossier_event_fields(json_t *j, struct dossier_event *e, struct mc_error *err)
{
	static const struct {
		const char *key;
		size_t off, size;
	} texts[] = {
		{"note", offsetof(struct dossier_event, note), DOSSIER_TEXT_SIZE},
		{"reason", offsetof(struct dossier_event, reason), DOSSIER_TEXT_SIZE},
		{"result_number", offsetof(struct dossier_event, result_number), 64},
		{"signer", offsetof(struct dossier_event, signer), 128},
		{"target_unit", offsetof(struct dossier_event, target_unit), 64},
		{"return_method", offsetof(struct dossier_event, return_method), 16},
	};
	json_t *items = json_object_get(j, "items"), *v;
	const char *date = json_string_value(json_object_get(j, "result_date"));
	size_t i;

	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		v = json_object_get(j, texts[i].key);
		if (!v)
			continue;
		if (!json_is_string(v) || json_string_length(v) >= texts[i].size ||
		    strlen(json_string_value(v)) != json_string_length(v))
			return mc_failf(err, MC_EINVAL, texts[i].key, "Trường '%s' không hợp lệ hoặc quá dài",
					"The field '%s' is invalid or too long", texts[i].key);
		memcpy((char *)e + texts[i].off, json_string_value(v), json_string_length(v) + 1);
	}
	if (items) {
		if (!json_is_array(items) || json_array_size(items) > DOSSIER_MAX_ITEMS)
			return mc_failf(err, MC_EINVAL, "items", "Danh sách 'items' tối đa %d mục",
					"'items' holds at most %d entries", DOSSIER_MAX_ITEMS);
		json_array_foreach(items, i, v) {
			if (!json_is_string(v) || json_string_length(v) >= DOSSIER_ITEM_SIZE || !json_string_length(v))
				return mc_failf(err, MC_EINVAL, "items", "Mục %zu của 'items' không hợp lệ hoặc quá dài",
						"Item %zu of 'items' is invalid or too long", i + 1);
			COPY(e->items[i], json_string_value(v));
		}
		e->nitems = (int)json_array_size(items);
	}
	if (date && caldate_parse(date, 0, &e->result_date))
		return mc_fail(err, MC_EINVAL, "result_date", "Ngày ký kết quả phải có dạng YYYY-MM-DD",
			       "The result date must be YYYY-MM-DD");
	if (json_is_integer(json_object_get(j, "approved_by")))
		e->approved_by = json_integer_value(json_object_get(j, "approved_by"));
	if (json_is_integer(json_object_get(j, "new_appointment")))
		e->new_appointment = json_integer_value(json_object_get(j, "new_appointment"));
	if (json_is_integer(json_object_get(j, "step")))
		e->step = (int)json_integer_value(json_object_get(j, "step"));
	return MC_OK;
}

struct events_load {
	struct dossier_ctx *x;
	size_t cap;
	enum mc_err rc;
	struct mc_error *err;
};

static int load_event(void *ctx, const struct dossier_event_rec *r)
{
	struct events_load *l = ctx;
	struct dossier_event *e;
	json_t *data;
	int kind = dossier_event_parse(r->kind);

	if (l->x->nevents == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct dossier_event *p = realloc(l->x->events, cap * sizeof *p);

		if (!p) {
			l->rc = mc_fail(l->err, MC_ENOMEM, NULL, NULL, NULL);
			return 1;
		}
		l->x->events = p;
		l->cap = cap;
	}
	e = &l->x->events[l->x->nevents];
	memset(e, 0, sizeof *e);
	data = json_loads(r->data, 0, NULL);
	if (kind < 0 || !data || dossier_event_fields(data, e, l->err)) {
		json_decref(data);
		l->rc = mc_failf(l->err, MC_EINTERNAL, NULL, "Lịch sử hồ sơ bị hỏng ở sự kiện %d",
				 "The dossier's history is corrupt at event %d", r->seq);
		return 1;
	}
	json_decref(data);
	e->kind = (enum dossier_event_kind)kind;
	e->at = r->at;
	e->actor_id = r->actor_id;
	e->unit_id = r->unit_id;
	e->step = r->step;
	l->x->nevents++;
	return 0;
}

/* ---- loading --------------------------------------------------------------- */

void svc_dossier_release(struct dossier_ctx *x)
{
	free(x->rec.doc);
	json_decref(x->doc);
	json_decref(x->proc_doc);
	free(x->events);
	cache_calendar_put(x->cal_handle);
	memset(x, 0, sizeof *x);
}

enum mc_err svc_dossier_load(struct store_conn *c, const char *code, struct dossier_ctx *x, struct mc_error *err)
{
	struct events_load l = {x, 0, MC_OK, err};
	enum mc_err rc;

	memset(x, 0, sizeof *x);
	if ((rc = store_dossier_get(c, code, &x->rec, err)))
		return rc;
	x->doc = json_loads(x->rec.doc, 0, NULL);
	if (!x->doc)
		x->doc = json_object();
	if ((rc = dossier_load_procedure(c, x->rec.procedure_code, x->rec.procedure_version, &x->proc_doc, &x->proc, err)) ||
	    (rc = dossier_proc_from_steps(x->proc.steps, x->proc.nsteps, &x->dproc, err)) ||
	    (rc = store_unit_get(c, x->rec.receiving_unit_id, &x->receiving, err)) ||
	    (rc = store_unit_get(c, x->rec.desk_unit_id, &x->desk, err)) ||
	    (rc = store_unit_get(c, x->rec.resolving_unit_id, &x->resolving, err)))
		goto fail;
	dossier_limit_of(&x->proc, &x->limit, &x->policy);
	rc = store_dossier_events(c, x->rec.id, load_event, &l, err);
	if (!rc)
		rc = l.rc;
	if (rc)
		goto fail;
	if ((rc = dossier_replay(x->events, x->nevents, &x->dproc, &x->view, NULL, err)))
		goto fail;
	if ((rc = dossier_build_calendar(c, x, x->rec.created_at, err)))
		goto fail;
	return MC_OK;
fail:
	svc_dossier_release(x);
	return rc;
}

/* ---- saving ------------------------------------------------------------------ */

/* Copy the fold into the row's cached columns. */
enum mc_err dossier_cache_view(struct store_conn *c, const struct dossier_ctx *x, struct dossier_rec *r,
			      struct mc_error *err)
{
	const struct dossier_view *v = &x->view;
	struct unit_rec su;
	enum mc_err rc;

	COPY(r->state, dossier_state_name(v->state));
	r->step = v->step;
	r->step_unit_id = 0;
	r->step_role[0] = '\0';
	if (dossier_state_open(v->state) && v->step >= 0 && v->step < x->proc.nsteps) {
		if ((rc = dossier_step_unit(c, x, v->step, &su, err)))
			return rc;
		r->step_unit_id = su.id;
		COPY(r->step_role, x->proc.steps[v->step].role);
	} else if (v->state == DOSSIER_RESULT_READY || v->state == DOSSIER_SUBMITTED ||
		   (v->state == DOSSIER_WAITING_SUPPLEMENT && !v->received_at)) {
		r->step_unit_id = x->desk.id; /* waiting at the desk */
		COPY(r->step_role, "desk_officer");
	}
	r->assignee_id = v->assignee;
	/* an opinion still owed: the unit last asked (whose people may give it,
	 * as api/dossiers.c asked_unit() decides), for that unit's list */
	r->opinion_unit_id = 0;
	if (dossier_state_open(v->state) && v->opinions_open > 0)
		for (size_t i = x->nevents; i-- > 0;)
			if (x->events[i].kind == DOSSIER_EV_ASK_OPINION) {
				struct unit_rec ou;

				if (!store_unit_get_by_code(c, x->events[i].target_unit, &ou, NULL))
					r->opinion_unit_id = ou.id;
				break;
			}
	r->received_at = v->received_at;
	r->legal_due = v->legal_due;
	r->appointment = v->appointment;
	r->finished_at = v->finished_at;
	r->returned_at = v->returned_at;
	r->closed_at = v->closed_at;
	r->supplement_count = v->supplement_count;
	r->apology_count = v->apology_count;
	r->version = (int)x->nevents;
	return MC_OK;
}

/* Append ev (already applied to x->view and x->events) and save the cache,
 * if the row is still at expected_version. */
static enum mc_err save_event(struct store_conn *c, struct dossier_ctx *x, const struct dossier_event *ev,
			      int expected_version, int64_t now, bool own_tx, char *new_doc, struct mc_error *err)
{
	struct dossier_event_rec r = {0};
	json_t *data = dossier_event_data(ev);
	char *text = json_dumps(data, JSON_COMPACT);
	struct dossier_rec row = x->rec;
	enum mc_err rc;

	json_decref(data);
	if (!text)
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	row.doc = new_doc; /* NULL keeps the stored document */
	row.updated_at = now;
	if ((rc = dossier_cache_view(c, x, &row, err)))
		goto done;
	r.dossier_id = x->rec.id;
	r.seq = (int)x->nevents;
	COPY(r.kind, dossier_event_name(ev->kind));
	r.at = ev->at;
	r.actor_id = ev->actor_id;
	r.unit_id = ev->unit_id;
	r.step = ev->step;
	r.data = text;
	if (own_tx && (rc = store_begin(c, err)))
		goto done;
	if ((rc = store_dossier_update(c, &row, expected_version, err)) || (rc = store_dossier_event_insert(c, &r, err)) ||
	    (own_tx && (rc = store_commit(c, err)))) {
		if (own_tx)
			store_rollback(c);
		goto done;
	}
	if (new_doc) {
		free(x->rec.doc);
		x->rec.doc = strdup(new_doc);
	}
	row.doc = x->rec.doc;
	x->rec = row;
done:
	free(text);
	return rc;
}

enum mc_err dossier_push_event(struct dossier_ctx *x, const struct dossier_event *ev, struct mc_error *err)
{
	struct dossier_event *p = realloc(x->events, (x->nevents + 1) * sizeof *p);

	if (!p)
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	x->events = p;
	x->events[x->nevents++] = *ev;
	return MC_OK;
}

/* ---- receiving at the desk ---------------------------------------------------- */

enum mc_err dossier_read_applicant(json_t *a, json_t **out, struct dossier_rec *r, struct mc_error *err)
{
	const char *kind = dj_str(a, "kind"), *name = dj_str(a, "name"), *id = dj_str(a, "id_number");
	const char *phone = dj_str(a, "phone"), *email = dj_str(a, "email");
	enum mc_err rc;

	if (!json_is_object(a))
		return mc_fail(err, MC_EINVAL, "applicant", "Cần thông tin người nộp hồ sơ (applicant)",
			       "The applicant is required");
	if (!*kind)
		kind = "individual";
	if (strcmp(kind, "individual") && strcmp(kind, "organisation"))
		return mc_fail(err, MC_EINVAL, "applicant.kind", "Người nộp là individual (cá nhân) hoặc organisation (tổ chức)",
			       "The applicant is an individual or an organisation");
	if ((rc = account_check_full_name(name, err))) {
		COPY(err->field, "applicant.name");
		return rc;
	}
	if (*id && !strcmp(kind, "individual") && (rc = account_check_cccd(id, err))) {
		COPY(err->field, "applicant.id_number");
		return rc;
	}
	if (*id && strlen(id) >= sizeof r->applicant_id)
		return mc_fail(err, MC_EINVAL, "applicant.id_number", "Mã số quá dài", "The number is too long");
	if (*phone && (rc = account_normalize_phone(phone, r->applicant_phone, sizeof r->applicant_phone, err))) {
		COPY(err->field, "applicant.phone");
		return rc;
	}
	if (*email && (rc = account_check_email(email, err))) {
		COPY(err->field, "applicant.email");
		return rc;
	}
	COPY(r->applicant_kind, kind);
	COPY(r->applicant_name, name);
	fold_text(name, r->applicant_folded, sizeof r->applicant_folded);
	COPY(r->applicant_id, id);
	COPY(r->applicant_email, email);
	*out = json_deep_copy(a);
	json_object_set_new(*out, "kind", json_string(kind));
	if (r->applicant_phone[0])
		json_object_set_new(*out, "phone", json_string(r->applicant_phone));
	/* free text of the applicant must be clean single lines */
	{
		const char *k;
		json_t *v;

		json_object_foreach(*out, k, v) {
			if (!json_is_string(v) || json_string_length(v) > 500 ||
			    strlen(json_string_value(v)) != json_string_length(v)) {
				json_decref(*out);
				*out = NULL;
				return mc_failf(err, MC_EINVAL, "applicant", "Thông tin người nộp '%s' không hợp lệ",
						"The applicant's '%s' is invalid", k);
			}
		}
	}
	return MC_OK;
}

/* The checklist: what was received against the procedure's documents.  The
 * names of the required documents not received go to *missing. */
enum mc_err dossier_read_checklist(json_t *in, json_t *proc_doc, json_t **received, json_t **missing,
				  struct mc_error *err)
{
	json_t *docs = json_object_get(proc_doc, "documents"), *got = json_object_get(in, "documents"), *d;
	size_t n = json_array_size(docs), i;
	char seen[64] = {0};

	if (got && !json_is_array(got))
		return mc_fail(err, MC_EINVAL, "documents", "documents phải là danh sách giấy tờ đã nhận",
			       "documents must be the list of documents received");
	*received = json_array();
	*missing = json_array();
	json_array_foreach(got, i, d) {
		json_t *idx = json_object_get(d, "index"), *cnt = json_object_get(d, "count");
		const char *form = dj_str(d, "form");
		json_int_t k = json_integer_value(idx);

		if (!json_is_integer(idx) || k < 0 || (size_t)k >= n || k >= 64 || seen[k])
			goto bad;
		if (*form && strcmp(form, "original") && strcmp(form, "copy") && strcmp(form, "certified_copy"))
			goto bad;
		if (cnt && (!json_is_integer(cnt) || json_integer_value(cnt) < 1 || json_integer_value(cnt) > 99))
			goto bad;
		seen[k] = 1;
		json_array_append_new(*received, json_pack("{s:I, s:s, s:s, s:I}", "index", k, "name",
							   dj_str(json_array_get(docs, (size_t)k), "name"), "form",
							   *form ? form : "original", "count",
							   cnt ? json_integer_value(cnt) : (json_int_t)1));
	}
	json_array_foreach(docs, i, d) {
		if (i < 64 && !seen[i] && !json_is_false(json_object_get(d, "required")))
			json_array_append_new(*missing, json_string(dj_str(d, "name")));
	}
	return MC_OK;
bad:
	json_decref(*received);
	json_decref(*missing);
	*received = *missing = NULL;
	return mc_failf(err, MC_EINVAL, "documents",
			"Giấy tờ thứ %zu không hợp lệ: cần index (0..%zu), form (original, copy, certified_copy), count (1..99)",
			"Document %zu is invalid: needs index (0..%zu), form (original, copy, certified_copy), count (1..99)",
			i + 1, n ? n - 1 : 0);
}

json_int_t dossier_fee_total(json_t *proc_doc)
{
	json_t *f;
	size_t i;
	json_int_t t = 0;

	json_array_foreach(json_object_get(proc_doc, "fees"), i, f) t += json_integer_value(json_object_get(f, "amount"));
	return t;
}

/* Everything an intake needs before writing: the desk, the procedure, the
 * applicant, the checklist, the first event applied.  x and *ev are filled;
 * the caller writes them with write_new() inside a transaction.  channel
 * "transfer" is for dossiers passed on by another unit (not from input). */
static enum mc_err prepare_intake(struct store_conn *c, json_t *in, bool transfer, bool online, int64_t actor_id,
				  int64_t now, struct dossier_ctx *x, struct dossier_event *ev, struct mc_error *err)
{
	const char *action = dj_str(in, "action"), *channel = dj_str(in, "channel");
	json_t *applicant = NULL, *received = NULL, *missing = NULL, *extra = json_object_get(in, "items");
	struct procedure_rec cur;
	size_t i;
	json_t *v;
	enum mc_err rc;

	memset(ev, 0, sizeof *ev);
	if (!*action)
		action = "receive";
	if (!*channel)
		channel = "direct";
	if (transfer)
		channel = "transfer";
	if (online) { /* submitted by the citizen: the desk checks it later (accept) */
		channel = "online";
		action = "submit";
	}
	if (!online && strcmp(action, "receive") && strcmp(action, "guide") && strcmp(action, "refuse"))
		return mc_fail(err, MC_EINVAL, "action", "action là receive (tiếp nhận), guide (hướng dẫn bổ sung) hoặc refuse (từ chối)",
			       "action is receive, guide or refuse");
	if (!transfer && !online && strcmp(channel, "direct") && strcmp(channel, "postal"))
		return mc_fail(err, MC_EINVAL, "channel", "Kênh tiếp nhận tại quầy là direct (trực tiếp) hoặc postal (bưu chính)",
			       "The desk's channels are direct and postal");
	/* where: the desk, its local government, the resolving unit */
	rc = store_unit_get_by_code(c, dj_str(in, "desk"), &x->desk, err);
	if (rc == MC_ENOTFOUND || (!rc && strcmp(x->desk.kind, "desk")))
		return mc_fail(err, MC_EINVAL, transfer ? "target_unit" : "desk",
			       "Cần mã Bộ phận Một cửa tiếp nhận", "A one-stop desk is required");
	if (rc || (rc = dossier_local_government(c, &x->desk, &x->receiving, err)))
		return rc;
	/* what: an open procedure */
	if ((rc = dossier_load_procedure(c, dj_str(in, "procedure"), 0, &x->proc_doc, &x->proc, err)))
		return rc;
	if (!catalog_status_open(x->proc.status))
		return mc_failf(err, MC_EGONE, "procedure", "Thủ tục %s không còn hiệu lực (%s); không tiếp nhận hồ sơ mới",
				"The procedure %s is no longer in force (%s); no new dossiers", x->proc.code, x->proc.status);
	if (!strcmp(x->proc.agency, "$commune")) {
		if (strcmp(x->receiving.kind, "commune"))
			return mc_fail(err, MC_EINVAL, "procedure", "Thủ tục cấp xã phải tiếp nhận tại Bộ phận Một cửa cấp xã",
				       "A commune-level procedure is received at a commune's desk");
		x->resolving = x->receiving;
	} else if ((rc = store_unit_get_by_code(c, x->proc.agency, &x->resolving, err))) {
		return rc;
	}
	if ((rc = dossier_proc_from_steps(x->proc.steps, x->proc.nsteps, &x->dproc, err)))
		return rc;
	dossier_limit_of(&x->proc, &x->limit, &x->policy);
	/* who and with what */
	if ((rc = dossier_read_applicant(json_object_get(in, "applicant"), &applicant, &x->rec, err)) ||
	    (rc = dossier_read_checklist(in, x->proc_doc, &received, &missing, err)))
		goto done;
	if (!strcmp(action, "receive") && json_array_size(missing)) {
		char list[280];
		size_t k = 0;

		json_array_foreach(missing, i, v) {
			int m = snprintf(list + k, sizeof list - k, "%s%zu) %s", i ? "; " : "", i + 1, json_string_value(v));

			if (m < 0 || (size_t)m >= sizeof list - k)
				break;
			k += (size_t)m;
		}
		rc = mc_failf(err, MC_EINVAL, "documents", "Thiếu giấy tờ bắt buộc: %s. Hãy hướng dẫn bổ sung một lần (guide)",
			      "Required documents missing: %s. Guide the applicant once (guide)", list);
		goto done;
	}
	/* the first event */
	dossier_view_init(&x->view, &x->dproc);
	ev->at = now;
	ev->actor_id = actor_id;
	ev->unit_id = x->desk.id;
	COPY(ev->note, dj_str(in, "note"));
	if (online) {
		ev->kind = DOSSIER_EV_SUBMIT_ONLINE;
		x->rec.citizen_id = actor_id;
	} else if (!strcmp(action, "receive")) {
		ev->kind = DOSSIER_EV_INTAKE;
	} else if (!strcmp(action, "refuse")) {
		ev->kind = DOSSIER_EV_REFUSE;
		COPY(ev->reason, dj_str(in, "reason"));
	} else {
		ev->kind = DOSSIER_EV_GUIDE;
		json_array_foreach(missing, i, v) if (ev->nitems < DOSSIER_MAX_ITEMS) COPY(ev->items[ev->nitems++], json_string_value(v));
		json_array_foreach(extra, i, v) if (json_is_string(v) && ev->nitems < DOSSIER_MAX_ITEMS) COPY(ev->items[ev->nitems++], json_string_value(v));
	}
	if ((rc = dossier_build_calendar(c, x, now, err)) ||
	    (rc = dossier_fill_appointment(&x->view, ev, x->cal, &x->limit, x->policy, err)) ||
	    (rc = dossier_apply(&x->view, ev, &x->view, err)) || (rc = dossier_push_event(x, ev, err)))
		goto done;
	/* the row */
	if ((rc = store_procedure_get(c, x->proc.code, 0, &cur, err)))
		goto done;
	free(cur.doc);
	COPY(x->rec.procedure_code, x->proc.code);
	x->rec.procedure_version = cur.version;
	x->rec.receiving_unit_id = x->receiving.id;
	x->rec.desk_unit_id = x->desk.id;
	x->rec.resolving_unit_id = x->resolving.id;
	COPY(x->rec.channel, channel);
	x->rec.created_at = now;
	x->rec.updated_at = now;
	rc = dossier_finish_row(c, x, applicant, received, missing, json_object_get(in, "delivery"), false, err);
	applicant = received = missing = NULL;
	if (!rc && json_is_string(json_object_get(in, "transferred_from"))) {
		json_object_set(x->doc, "transferred_from", json_object_get(in, "transferred_from"));
		free(x->rec.doc);
		x->rec.doc = json_dumps(x->doc, JSON_COMPACT);
		if (!x->rec.doc)
			rc = mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	}
done:
	json_decref(applicant);
	json_decref(received);
	json_decref(missing);
	return rc;
}

enum mc_err dossier_finish_row(struct store_conn *c, struct dossier_ctx *x, json_t *applicant, json_t *received,
			       json_t *missing, json_t *delivery, bool imported, struct mc_error *err)
{
	x->doc = json_pack("{s:s, s:o, s:o, s:o, s:O?, s:O?, s:I, s:s}", "procedure_name", x->proc.name, "applicant",
			   applicant, "documents", received, "missing", missing, "delivery", delivery, "fees",
			   json_object_get(x->proc_doc, "fees"), "fee_total", dossier_fee_total(x->proc_doc), "payment",
			   "unpaid");
	if (x->doc && imported && json_object_set_new(x->doc, "imported", json_true()))
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	x->rec.doc = x->doc ? json_dumps(x->doc, JSON_COMPACT) : NULL;
	if (!x->rec.doc)
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	return dossier_cache_view(c, x, &x->rec, err);
}

/* Number the dossier and write its row and first event, inside the
 * caller's transaction. */
static enum mc_err write_new(struct store_conn *c, struct dossier_ctx *x, const struct dossier_event *ev,
			     struct mc_error *err)
{
	struct dossier_event_rec r = {0};
	char day[11], codebuf[DOSSIER_CODE_SIZE], *text;
	int32_t local_day = dossier_code_local_day(ev->at, x->receiving.utc_offset_min);
	int seq = 0;
	json_t *data;
	enum mc_err rc;

	caldate_format(local_day, day);
	if ((rc = store_dossier_next_number(c, x->receiving.agency_code, day, &seq, err)) ||
	    (rc = dossier_code_format(x->receiving.agency_code, local_day, seq, codebuf, err)))
		return rc;
	COPY(x->rec.code, codebuf);
	if ((rc = store_dossier_insert(c, &x->rec, err)))
		return rc;
	data = dossier_event_data(ev);
	text = json_dumps(data, JSON_COMPACT);
	json_decref(data);
	r.dossier_id = x->rec.id;
	r.seq = 1;
	COPY(r.kind, dossier_event_name(ev->kind));
	r.at = ev->at;
	r.actor_id = ev->actor_id;
	r.unit_id = ev->unit_id;
	r.step = ev->step;
	r.data = text;
	rc = text ? store_dossier_event_insert(c, &r, err) : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	free(text);
	return rc;
}

struct intake_job {
	struct dossier_ctx *x;
	const struct dossier_event *ev;
};

static enum mc_err intake_job(struct store_conn *c, void *arg, struct mc_error *err)
{
	struct intake_job *j = arg;

	return write_new(c, j->x, j->ev, err);
}

enum mc_err svc_dossier_intake(struct store_conn *c, json_t *in, int64_t actor_id, int64_t now, json_t **out,
			       struct mc_error *err)
{
	struct dossier_ctx *x = calloc(1, sizeof *x);
	struct dossier_event ev;
	struct intake_job job;
	enum mc_err rc;

	if (!x)
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	if ((rc = prepare_intake(c, in, false, false, actor_id, now, x, &ev, err)))
		goto done;
	/* Concurrent intakes share one commit (and one fsync); none is answered
	 * before the commit that holds it returned. */
	job.x = x;
	job.ev = &ev;
	if ((rc = group_commit_run(c, intake_job, &job, err)))
		goto done;
	rc = svc_dossier_json(c, x, now, out, err);
done:
	svc_dossier_release(x);
	free(x);
	return rc;
}

enum mc_err svc_dossier_submit_online(struct store_conn *c, json_t *in, int64_t citizen_id, int64_t now,
				      svc_submit_hook hook, void *hook_ctx, json_t **out, struct mc_error *err)
{
	struct dossier_ctx *x = calloc(1, sizeof *x);
	struct dossier_event ev;
	enum mc_err rc;

	if (!x)
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	if ((rc = prepare_intake(c, in, false, true, citizen_id, now, x, &ev, err)) || (rc = store_begin(c, err)))
		goto done;
	if ((rc = write_new(c, x, &ev, err)) || (hook && (rc = hook(c, &x->rec, hook_ctx, err))) ||
	    (rc = store_commit(c, err))) {
		store_rollback(c);
		goto done;
	}
	rc = svc_dossier_json(c, x, now, out, err);
done:
	svc_dossier_release(x);
	free(x);
	return rc;
}

/* A transfer hands the dossier to another desk: there it becomes a new
 * dossier (channel "transfer") with the same applicant and documents,
 * received at the moment of transfer, and the original ends "transferred"
 * with the new code in its document.  Both in one transaction. */
static enum mc_err transfer(struct store_conn *c, struct dossier_ctx *x, const struct dossier_event *ev,
			    int expected, int64_t now, struct mc_error *err)
{
	struct dossier_ctx *nx = calloc(1, sizeof *nx);
	struct dossier_event first;
	json_t *in = NULL, *docs = json_array(), *d;
	char *doc_text = NULL;
	size_t i;
	enum mc_err rc;

	if (!nx || !docs) {
		free(nx);
		json_decref(docs);
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	}
	json_array_foreach(json_object_get(x->doc, "documents"), i, d)
		json_array_append_new(docs, json_pack("{s:O, s:O, s:O}", "index", json_object_get(d, "index"), "form",
						      json_object_get(d, "form"), "count", json_object_get(d, "count")));
	in = json_pack("{s:s, s:s, s:O, s:o, s:O?, s:s, s:s}", "procedure", x->proc.code, "desk", ev->target_unit,
		       "applicant", json_object_get(x->doc, "applicant"), "documents", docs, "delivery",
		       json_object_get(x->doc, "delivery"), "transferred_from", x->rec.code, "note", ev->note);
	if (!in) {
		rc = mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
		goto done;
	}
	if (!strcmp(ev->target_unit, x->desk.code)) {
		rc = mc_fail(err, MC_EINVAL, "target_unit", "Không thể chuyển hồ sơ cho chính bộ phận đang giữ",
			     "A dossier cannot be transferred to the desk that holds it");
		goto done;
	}
	if ((rc = prepare_intake(c, in, true, false, ev->actor_id, now, nx, &first, err)) || (rc = store_begin(c, err)))
		goto done;
	if ((rc = write_new(c, nx, &first, err)))
		goto rollback;
	json_object_set_new(x->doc, "transferred_to", json_string(nx->rec.code));
	doc_text = json_dumps(x->doc, JSON_COMPACT);
	if (!doc_text) {
		rc = mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
		goto rollback;
	}
	if ((rc = save_event(c, x, ev, expected, now, false, doc_text, err)) || (rc = store_commit(c, err)))
		goto rollback;
	goto done;
rollback:
	store_rollback(c);
done:
	free(doc_text);
	json_decref(in);
	svc_dossier_release(nx);
	free(nx);
	return rc;
}

/* ---- later events ------------------------------------------------------------ */

static enum action role_action(const char *role)
{
	if (!strcmp(role, "desk_officer"))
		return ACT_DOSSIER_INTAKE;
	if (!strcmp(role, "head"))
		return ACT_DOSSIER_APPROVE;
	if (!strcmp(role, "leader"))
		return ACT_DOSSIER_SIGN;
	return ACT_DOSSIER_PROCESS;
}

enum mc_err svc_dossier_permission(const struct dossier_ctx *x, enum dossier_event_kind kind,
				   struct dossier_permission *out, struct mc_error *err)
{
	const struct dossier_view *v = &x->view;
	const char *step_path = x->rec.step_unit_path[0] ? x->rec.step_unit_path : x->desk.path;
	const char *step_role = x->rec.step_role[0] ? x->rec.step_role : "desk_officer";

	out->unit_path = x->desk.path;
	switch (kind) {
	case DOSSIER_EV_ACCEPT:
	case DOSSIER_EV_GUIDE:
	case DOSSIER_EV_SUPPLEMENT_RECEIVED:
	case DOSSIER_EV_WITHDRAW:
	case DOSSIER_EV_STOP:
	case DOSSIER_EV_TRANSFER:
		out->action = ACT_DOSSIER_INTAKE;
		return MC_OK;
	case DOSSIER_EV_RETURN_RESULT:
		out->action = ACT_DOSSIER_RETURN;
		return MC_OK;
	case DOSSIER_EV_REFUSE:
		if (v->state == DOSSIER_SUBMITTED || v->state == DOSSIER_NONE) {
			out->action = ACT_DOSSIER_INTAKE;
			return MC_OK;
		}
		out->action = role_action(step_role);
		out->unit_path = step_path;
		return MC_OK;
	case DOSSIER_EV_REQUEST_SUPPLEMENT:
		if (v->state == DOSSIER_SUBMITTED) { /* the desk's check of an online submission */
			out->action = ACT_DOSSIER_INTAKE;
			return MC_OK;
		}
		/* the second request and later need a leader (a head of the
		 * department or the People's Committee's leader) */
		out->action = v->supplement_count >= 1 ? ACT_DOSSIER_APPROVE : role_action(step_role);
		out->unit_path = step_path;
		return MC_OK;
	case DOSSIER_EV_TAKE:
	case DOSSIER_EV_FORWARD:
	case DOSSIER_EV_SEND_BACK:
	case DOSSIER_EV_ASK_OPINION:
	case DOSSIER_EV_RECORD_RESULT:
		out->action = role_action(step_role);
		out->unit_path = step_path;
		return MC_OK;
	case DOSSIER_EV_GIVE_OPINION:
		out->action = ACT_DOSSIER_PROCESS;
		out->unit_path = x->resolving.path; /* refined by the API with the asked unit */
		return MC_OK;
	case DOSSIER_EV_APOLOGIZE:
		out->action = ACT_DOSSIER_APPROVE;
		out->unit_path = x->resolving.path;
		return MC_OK;
	default:
		return mc_fail(err, MC_EINVAL, "kind", "Thao tác này không thực hiện qua đây", "This action is not done here");
	}
}

enum mc_err svc_dossier_act(struct store_conn *c, struct dossier_ctx *x, json_t *in, int64_t actor_id,
			    int64_t actor_unit_id, int64_t now, struct mc_error *err)
{
	struct dossier_event ev = {0};
	struct dossier_view next;
	json_t *ver = json_object_get(in, "version");
	int kind = dossier_event_parse(dj_str(in, "kind"));
	int expected;
	enum mc_err rc;

	if (kind <= 0 || kind == DOSSIER_EV_INTAKE || kind == DOSSIER_EV_SUBMIT_ONLINE)
		return mc_fail(err, MC_EINVAL, "kind", "Thao tác (kind) không hợp lệ", "Invalid action (kind)");
	if (!json_is_integer(ver))
		return mc_fail(err, MC_EINVAL, "version",
			       "Cần phiên bản hồ sơ đang xem (version) để tránh ghi đè thao tác của người khác",
			       "The version you are looking at is required, so no one's action is overwritten");
	expected = (int)json_integer_value(ver);
	if (expected != x->rec.version)
		return mc_fail(err, MC_ECONFLICT, "version", "Hồ sơ vừa được người khác cập nhật; vui lòng tải lại",
			       "Someone else has just updated this dossier; reload it");
	if ((rc = dossier_event_fields(in, &ev, err)))
		return rc;
	ev.kind = (enum dossier_event_kind)kind;
	ev.at = now;
	ev.actor_id = actor_id;
	ev.unit_id = actor_unit_id;
	if (ev.kind == DOSSIER_EV_REQUEST_SUPPLEMENT && x->view.supplement_count >= 1)
		ev.approved_by = actor_id; /* the caller holds dossier.approve: see svc_dossier_permission */
	else
		ev.approved_by = 0;
	if (ev.kind == DOSSIER_EV_APOLOGIZE) {
		const char *when = dj_str(in, "new_appointment_local");

		if (*when) {
			int64_t t;

			if ((rc = timefmt_parse(when, x->receiving.utc_offset_min, &t, "new_appointment", err)))
				return rc;
			ev.new_appointment = t;
		}
	} else {
		ev.new_appointment = 0; /* computed, never taken from the client */
	}
	if (ev.kind == DOSSIER_EV_ASK_OPINION && ev.target_unit[0]) {
		/* an opinion asked of a unit that does not exist could never be given */
		struct unit_rec asked;

		rc = store_unit_get_by_code(c, ev.target_unit, &asked, err);
		if (rc == MC_ENOTFOUND)
			return mc_failf(err, MC_EINVAL, "target_unit", "Không có đơn vị '%s'", "No unit '%s'",
					ev.target_unit);
		if (rc)
			return rc;
	}
	if ((rc = dossier_fill_appointment(&x->view, &ev, x->cal, &x->limit, x->policy, err)) ||
	    (rc = dossier_apply(&x->view, &ev, &next, err)))
		return rc;
	x->view = next;
	if ((rc = dossier_push_event(x, &ev, err)))
		return rc;
	if (ev.kind == DOSSIER_EV_TRANSFER)
		return transfer(c, x, &ev, expected, now, err);
	return save_event(c, x, &ev, expected, now, true, NULL, err);
}
