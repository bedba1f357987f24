/*
 * dossier.c - the state machine of a dossier and the fold of its history
 * (see dossier.h for the model, docs/LIFECYCLE.md for the rules in words).
 *
 * dossier_apply is the only place that decides whether an event may follow a
 * view; everything else (replay, the appointment helper, the control slip)
 * goes through it, so an imported history obeys exactly the rules of a live
 * one.  No allocation: views and events are caller-owned plain structs.
 */
#include "domain/dossier.h"

#include <stdio.h>
#include <string.h>

#include "core/utf8.h"
#include "domain/catalog.h"

/* ------------------------------------------------------------------ names */

static const struct {
	const char *name, *vi, *en;
} state_txt[DOSSIER__STATE_COUNT] = {
	[DOSSIER_NONE] = {"none", "Chưa có", "None"},
	[DOSSIER_SUBMITTED] = {"submitted", "Đã nộp trực tuyến, chờ tiếp nhận",
			       "Submitted online, waiting for the desk"},
	[DOSSIER_GUIDED] = {"guided", "Đã hướng dẫn bổ sung, không tiếp nhận",
			    "Guided to complete, not received"},
	[DOSSIER_PROCESSING] = {"processing", "Đang giải quyết", "Processing"},
	[DOSSIER_WAITING_SUPPLEMENT] = {"waiting_supplement", "Chờ bổ sung hồ sơ",
					"Waiting for a supplement"},
	[DOSSIER_RESULT_READY] = {"result_ready", "Đã có kết quả, chờ trả",
				  "Result ready at the desk"},
	[DOSSIER_RETURNED] = {"returned", "Đã trả kết quả", "Result returned"},
	[DOSSIER_REFUSED] = {"refused", "Từ chối", "Refused"},
	[DOSSIER_WITHDRAWN] = {"withdrawn", "Đã rút hồ sơ", "Withdrawn"},
	[DOSSIER_STOPPED] = {"stopped", "Dừng giải quyết", "Stopped"},
	[DOSSIER_TRANSFERRED] = {"transferred", "Đã chuyển đơn vị khác",
				 "Transferred to another unit"},
};

/* What a person reads when an event does not fit the state: "<state
 * phrase>, <event phrase>" ("Hồ sơ đã trả kết quả, không thể yêu cầu bổ
 * sung" / "The result was returned; no supplement can be requested"). */
static const struct {
	const char *vi, *en;
} state_phrase[DOSSIER__STATE_COUNT] = {
	[DOSSIER_NONE] = {"Hồ sơ chưa được tiếp nhận", "The dossier has not been received"},
	[DOSSIER_SUBMITTED] = {"Hồ sơ nộp trực tuyến chưa được tiếp nhận",
			       "The online submission has not been accepted yet"},
	[DOSSIER_GUIDED] = {"Hồ sơ đã được hướng dẫn bổ sung và không được tiếp nhận",
			    "The dossier was not received (the applicant was guided to complete it)"},
	[DOSSIER_PROCESSING] = {"Hồ sơ đang được giải quyết", "The dossier is being processed"},
	[DOSSIER_WAITING_SUPPLEMENT] = {"Hồ sơ đang chờ bổ sung",
					"The dossier is waiting for a supplement"},
	[DOSSIER_RESULT_READY] = {"Hồ sơ đã có kết quả", "The result is ready"},
	[DOSSIER_RETURNED] = {"Hồ sơ đã trả kết quả", "The result was returned"},
	[DOSSIER_REFUSED] = {"Hồ sơ đã bị từ chối", "The dossier was refused"},
	[DOSSIER_WITHDRAWN] = {"Hồ sơ đã được rút", "The dossier was withdrawn"},
	[DOSSIER_STOPPED] = {"Hồ sơ đã dừng giải quyết", "Processing of the dossier was stopped"},
	[DOSSIER_TRANSFERRED] = {"Hồ sơ đã chuyển sang đơn vị khác",
				 "The dossier was transferred to another unit"},
};

static const struct {
	const char *name, *vi, *en;
} ev_txt[DOSSIER__EV_COUNT] = {
	[DOSSIER_EV_NONE] = {"", "", ""},
	[DOSSIER_EV_SUBMIT_ONLINE] = {"submit_online", "không thể nộp trực tuyến lại",
				      "it cannot be submitted online again"},
	[DOSSIER_EV_ACCEPT] = {"accept", "không thể tiếp nhận như hồ sơ nộp trực tuyến",
			       "it cannot be accepted as an online submission"},
	[DOSSIER_EV_INTAKE] = {"intake", "không thể tiếp nhận lại", "it cannot be received again"},
	[DOSSIER_EV_GUIDE] = {"guide", "không thể hướng dẫn bổ sung khi tiếp nhận",
			      "intake guidance is no longer possible"},
	[DOSSIER_EV_REFUSE] = {"refuse", "không thể từ chối", "it cannot be refused"},
	[DOSSIER_EV_TAKE] = {"take", "không thể nhận xử lý", "nobody can take it"},
	[DOSSIER_EV_FORWARD] = {"forward", "không thể chuyển bước tiếp theo",
				"it cannot be forwarded"},
	[DOSSIER_EV_SEND_BACK] = {"send_back", "không thể trả lại bước trước",
				  "it cannot be sent back"},
	[DOSSIER_EV_ASK_OPINION] = {"ask_opinion", "không thể xin ý kiến",
				    "no opinion can be asked"},
	[DOSSIER_EV_GIVE_OPINION] = {"give_opinion", "không thể cho ý kiến",
				     "no opinion can be given"},
	[DOSSIER_EV_REQUEST_SUPPLEMENT] = {"request_supplement", "không thể yêu cầu bổ sung",
					   "no supplement can be requested"},
	[DOSSIER_EV_SUPPLEMENT_RECEIVED] = {"supplement_received", "không thể nhận hồ sơ bổ sung",
					    "no supplement can be received"},
	[DOSSIER_EV_RECORD_RESULT] = {"record_result", "không thể ghi nhận kết quả",
				      "no result can be recorded"},
	[DOSSIER_EV_RETURN_RESULT] = {"return_result", "không thể trả kết quả",
				      "no result can be returned"},
	[DOSSIER_EV_WITHDRAW] = {"withdraw", "không thể rút hồ sơ", "it cannot be withdrawn"},
	[DOSSIER_EV_STOP] = {"stop", "không thể dừng giải quyết",
			     "its processing cannot be stopped"},
	[DOSSIER_EV_APOLOGIZE] = {"apologize", "không thể xin lỗi, hẹn lại",
				  "no apology or new appointment can be made"},
	[DOSSIER_EV_TRANSFER] = {"transfer", "không thể chuyển sang đơn vị khác",
				 "it cannot be transferred"},
};

static bool state_ok(enum dossier_state s)
{
	return (int)s >= 0 && s < DOSSIER__STATE_COUNT;
}

static bool kind_ok(enum dossier_event_kind k)
{
	return (int)k > DOSSIER_EV_NONE && k < DOSSIER__EV_COUNT;
}

const char *dossier_state_name(enum dossier_state s) { return state_ok(s) ? state_txt[s].name : ""; }
const char *dossier_state_vi(enum dossier_state s) { return state_ok(s) ? state_txt[s].vi : ""; }
const char *dossier_state_en(enum dossier_state s) { return state_ok(s) ? state_txt[s].en : ""; }

int dossier_state_parse(const char *name)
{
	if (!name)
		return -1;
	for (int s = DOSSIER_SUBMITTED; s < DOSSIER__STATE_COUNT; s++)
		if (!strcmp(name, state_txt[s].name))
			return s;
	return -1;
}

const char *dossier_event_name(enum dossier_event_kind k) { return kind_ok(k) ? ev_txt[k].name : ""; }

int dossier_event_parse(const char *name)
{
	if (!name)
		return -1;
	for (int k = DOSSIER_EV_NONE + 1; k < DOSSIER__EV_COUNT; k++)
		if (!strcmp(name, ev_txt[k].name))
			return k;
	return -1;
}

bool dossier_state_terminal(enum dossier_state s)
{
	switch (s) {
	case DOSSIER_GUIDED:
	case DOSSIER_RETURNED:
	case DOSSIER_REFUSED:
	case DOSSIER_WITHDRAWN:
	case DOSSIER_STOPPED:
	case DOSSIER_TRANSFERRED:
		return true;
	default:
		return false;
	}
}

bool dossier_state_open(enum dossier_state s)
{
	return s == DOSSIER_PROCESSING || s == DOSSIER_WAITING_SUPPLEMENT;
}

/* ---------------------------------------------------------------- process */

static enum mc_err proc_check(const struct dossier_proc *p, struct mc_error *err)
{
	if (!p || p->nsteps < 1 || p->nsteps > DOSSIER_MAX_STEPS || p->result_step < 0 ||
	    p->result_step >= p->nsteps)
		return mc_failf(err, MC_EINVAL, "process",
				"Quy trình nội bộ phải có từ 1 đến %d bước",
				"The internal process must have 1 to %d steps", DOSSIER_MAX_STEPS);
	return MC_OK;
}

enum mc_err dossier_proc_from_steps(const struct proc_step *steps, int nsteps,
				    struct dossier_proc *out, struct mc_error *err)
{
	struct dossier_proc p = {nsteps, nsteps - 1};
	enum mc_err rc;

	if (nsteps > 0 && !steps)
		return mc_fail(err, MC_EINVAL, "process", NULL, NULL);
	if ((rc = proc_check(nsteps > 0 ? &p : NULL, err)) != MC_OK)
		return rc;
	/* The result is decided by the processing departments, never by the
	 * desk: the last step outside the desk is where the decision is signed
	 * or entered in the register and sent out.  A procedure the desk
	 * handles alone records its result at its last step. */
	for (int i = nsteps - 1; i >= 0; i--)
		if (strncmp(steps[i].unit, "$desk", sizeof steps[i].unit) != 0) {
			p.result_step = i;
			break;
		}
	*out = p;
	return MC_OK;
}

/* ------------------------------------------------------------------- fold */

void dossier_view_init(struct dossier_view *v, const struct dossier_proc *proc)
{
	memset(v, 0, sizeof *v);
	v->state = DOSSIER_NONE;
	v->step = -1;
	if (proc)
		v->proc = *proc;
}

/* States allowed before each event (bit 1 << state). */
#define B(s) (1u << (s))
static const unsigned allowed_from[DOSSIER__EV_COUNT] = {
	[DOSSIER_EV_SUBMIT_ONLINE] = B(DOSSIER_NONE),
	[DOSSIER_EV_ACCEPT] = B(DOSSIER_SUBMITTED),
	[DOSSIER_EV_INTAKE] = B(DOSSIER_NONE),
	[DOSSIER_EV_GUIDE] = B(DOSSIER_NONE) | B(DOSSIER_SUBMITTED),
	[DOSSIER_EV_REFUSE] = B(DOSSIER_NONE) | B(DOSSIER_SUBMITTED) | B(DOSSIER_PROCESSING) |
			      B(DOSSIER_WAITING_SUPPLEMENT),
	[DOSSIER_EV_TAKE] = B(DOSSIER_PROCESSING) | B(DOSSIER_RESULT_READY),
	[DOSSIER_EV_FORWARD] = B(DOSSIER_PROCESSING),
	[DOSSIER_EV_SEND_BACK] = B(DOSSIER_PROCESSING),
	[DOSSIER_EV_ASK_OPINION] = B(DOSSIER_PROCESSING),
	[DOSSIER_EV_GIVE_OPINION] = B(DOSSIER_PROCESSING) | B(DOSSIER_WAITING_SUPPLEMENT),
	/* also before receipt: the desk's check of an online submission asks
	 * for everything missing at once, and the citizen supplies it online */
	[DOSSIER_EV_REQUEST_SUPPLEMENT] = B(DOSSIER_PROCESSING) | B(DOSSIER_SUBMITTED),
	[DOSSIER_EV_SUPPLEMENT_RECEIVED] = B(DOSSIER_WAITING_SUPPLEMENT),
	[DOSSIER_EV_RECORD_RESULT] = B(DOSSIER_PROCESSING),
	[DOSSIER_EV_RETURN_RESULT] = B(DOSSIER_RESULT_READY),
	[DOSSIER_EV_WITHDRAW] = B(DOSSIER_SUBMITTED) | B(DOSSIER_PROCESSING) |
				B(DOSSIER_WAITING_SUPPLEMENT),
	[DOSSIER_EV_STOP] = B(DOSSIER_PROCESSING) | B(DOSSIER_WAITING_SUPPLEMENT),
	[DOSSIER_EV_APOLOGIZE] = B(DOSSIER_PROCESSING),
	[DOSSIER_EV_TRANSFER] = B(DOSSIER_SUBMITTED) | B(DOSSIER_PROCESSING),
};
#undef B

bool dossier_event_allowed(enum dossier_state s, enum dossier_event_kind k)
{
	return state_ok(s) && kind_ok(k) && (allowed_from[k] & (1u << s)) != 0;
}

static bool terminated(const char *s, size_t size)
{
	return memchr(s, '\0', size) != NULL;
}

static bool blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

/* The text members must be NUL-terminated inside their arrays and clean
 * UTF-8: an event read back from storage or an import is untrusted. */
static enum mc_err check_text(const struct dossier_event *ev, struct mc_error *err)
{
	static const char vi[] = "Trường \"%s\" không hợp lệ (quá dài hoặc không phải văn bản UTF-8)";
	static const char en[] = "Field \"%s\" is invalid (too long or not UTF-8 text)";
	const struct {
		const char *name, *s;
		size_t size;
		bool multiline;
	} f[] = {
		{"note", ev->note, sizeof ev->note, true},
		{"reason", ev->reason, sizeof ev->reason, true},
		{"result_number", ev->result_number, sizeof ev->result_number, false},
		{"signer", ev->signer, sizeof ev->signer, false},
		{"target_unit", ev->target_unit, sizeof ev->target_unit, false},
		{"return_method", ev->return_method, sizeof ev->return_method, false},
	};

	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		if (!terminated(f[i].s, f[i].size) || !utf8_is_clean_text(f[i].s, f[i].multiline))
			return mc_failf(err, MC_EINVAL, f[i].name, vi, en, f[i].name);
	if (ev->nitems < 0 || ev->nitems > DOSSIER_MAX_ITEMS)
		return mc_failf(err, MC_EINVAL, "items", "Danh sách có tối đa %d mục",
				"At most %d items may be listed", DOSSIER_MAX_ITEMS);
	for (int i = 0; i < ev->nitems; i++)
		if (!terminated(ev->items[i], DOSSIER_ITEM_SIZE) ||
		    !utf8_is_clean_text(ev->items[i], false) || blank(ev->items[i]))
			return mc_failf(err, MC_EINVAL, "items",
					"Mục số %d của danh sách trống, quá dài hoặc không hợp lệ",
					"Item %d of the list is empty, too long or invalid", i + 1);
	return MC_OK;
}

static enum mc_err not_now(const struct dossier_view *v, enum dossier_event_kind k,
			   struct mc_error *err)
{
	return mc_failf(err, MC_ECONFLICT, "state", "%s, %s%.0s%.0s", "%.0s%.0s%s; %s",
			state_phrase[v->state].vi, ev_txt[k].vi, state_phrase[v->state].en,
			ev_txt[k].en);
}

static enum mc_err need(const char *field, const char *vi, const char *en, struct mc_error *err)
{
	return mc_fail(err, MC_EINVAL, field, vi, en);
}

/* A dossier that leaves a wait by ending (refused, withdrawn, stopped) stops
 * waiting at that instant, so the waited time in statistics is finite. */
static void close_wait(struct dossier_view *n, int64_t at)
{
	if (n->nwaits && n->waits[n->nwaits - 1].to == WORKCAL_OPEN)
		n->waits[n->nwaits - 1].to = at;
}

static void set_text(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src);
}

static void receive(struct dossier_view *n, const struct dossier_event *ev)
{
	n->state = DOSSIER_PROCESSING;
	n->received_at = n->clock_start = ev->at;
	n->received_by = ev->actor_id;
	n->step = 0;
	n->step_since = ev->at;
	n->assignee = ev->actor_id; /* the desk officer holds the intake step */
	n->legal_due = n->appointment = ev->new_appointment;
}

static enum mc_err check_appointment(const struct dossier_event *ev, struct mc_error *err)
{
	if (ev->new_appointment < ev->at)
		return need("new_appointment",
			    "Thiếu ngày hẹn trả kết quả (hạn giải quyết theo quy định), hoặc ngày hẹn sớm hơn thời điểm tiếp nhận",
			    "The appointment (the legal deadline) is missing or earlier than the event",
			    err);
	return MC_OK;
}

enum mc_err dossier_apply(const struct dossier_view *v, const struct dossier_event *ev,
			  struct dossier_view *out, struct mc_error *err)
{
	struct dossier_view n;
	enum mc_err rc;

	if (!v || !ev || !out)
		return mc_fail(err, MC_EINVAL, NULL, NULL, NULL);
	if ((rc = proc_check(&v->proc, err)) != MC_OK)
		return rc;
	if (!state_ok(v->state))
		return mc_fail(err, MC_EINVAL, "state", "Trạng thái hồ sơ không hợp lệ",
			       "Invalid dossier state");
	if (!kind_ok(ev->kind))
		return mc_fail(err, MC_EINVAL, "kind", "Loại sự kiện không hợp lệ",
			       "Invalid event kind");
	if (ev->at <= 0)
		return need("at", "Thiếu thời điểm của sự kiện", "The event has no time", err);
	if (ev->at < v->last_at)
		return need("at", "Sự kiện không được sớm hơn sự kiện trước đó",
			    "An event cannot be earlier than the one before it", err);
	if ((rc = check_text(ev, err)) != MC_OK)
		return rc;
	if (!(allowed_from[ev->kind] & (1u << v->state)))
		return not_now(v, ev->kind, err);

	n = *v;
	n.nevents++;
	n.last_at = ev->at;

	switch (ev->kind) {
	case DOSSIER_EV_SUBMIT_ONLINE:
		n.state = DOSSIER_SUBMITTED;
		n.submitted_at = ev->at;
		break;

	case DOSSIER_EV_ACCEPT:
	case DOSSIER_EV_INTAKE:
		if ((rc = check_appointment(ev, err)) != MC_OK)
			return rc;
		receive(&n, ev);
		break;

	case DOSSIER_EV_GUIDE:
		/* ND 61/2018 art. 15: everything missing is told at once, so the
		 * guidance must list it */
		if (ev->nitems < 1)
			return need("items",
				    "Phải liệt kê đầy đủ các giấy tờ còn thiếu (hướng dẫn một lần)",
				    "List every missing document (all at once)", err);
		n.state = DOSSIER_GUIDED;
		n.closed_at = ev->at;
		break;

	case DOSSIER_EV_REFUSE:
		if (blank(ev->reason))
			return need("reason", "Phải nêu lý do từ chối",
				    "The reason for the refusal is required", err);
		if (n.received_at)
			n.finished_at = ev->at; /* refusal after appraisal answers the dossier */
		else
			n.refused_at_intake = true;
		close_wait(&n, ev->at);
		set_text(n.reason, sizeof n.reason, ev->reason);
		n.state = DOSSIER_REFUSED;
		n.closed_at = ev->at;
		break;

	case DOSSIER_EV_TAKE:
		if (ev->actor_id <= 0)
			return need("actor_id", "Thiếu người nhận xử lý",
				    "Who takes the step is missing", err);
		n.assignee = ev->actor_id;
		break;

	case DOSSIER_EV_FORWARD:
		if (v->step + 1 >= v->proc.nsteps)
			return mc_fail(err, MC_ECONFLICT, "step",
				       "Hồ sơ đang ở bước cuối của quy trình: hãy ghi nhận kết quả",
				       "The dossier is at the last step of the process: record the result");
		if (ev->step != v->step + 1)
			return mc_failf(err, MC_EINVAL, "step",
					"Chỉ chuyển được sang bước kế tiếp (bước %d)",
					"A dossier can only go to the next step (step %d)",
					v->step + 2);
		n.step = ev->step;
		n.step_since = ev->at;
		n.assignee = 0;
		break;

	case DOSSIER_EV_SEND_BACK:
		if (ev->step < 0 || ev->step >= v->step)
			return mc_failf(err, MC_EINVAL, "step",
					"Chỉ trả lại được một bước trước bước hiện tại (bước %d)",
					"A dossier can only be sent back to a step before the current one (step %d)",
					v->step + 1);
		if (blank(ev->reason))
			return need("reason", "Phải nêu lý do trả lại",
				    "The reason for sending it back is required", err);
		n.step = ev->step;
		n.step_since = ev->at;
		n.assignee = 0;
		n.send_back_count++;
		break;

	case DOSSIER_EV_ASK_OPINION:
		if (blank(ev->target_unit))
			return need("target_unit", "Phải chọn đơn vị được xin ý kiến",
				    "The unit asked for an opinion is required", err);
		n.opinions_open++;
		break;

	case DOSSIER_EV_GIVE_OPINION:
		if (v->opinions_open <= 0)
			return mc_fail(err, MC_ECONFLICT, "state",
				       "Không có yêu cầu xin ý kiến nào đang chờ",
				       "No request for an opinion is pending");
		n.opinions_open--;
		break;

	case DOSSIER_EV_REQUEST_SUPPLEMENT:
		if (ev->nitems < 1)
			return need("items",
				    "Phải liệt kê đầy đủ các nội dung cần bổ sung trong một lần yêu cầu",
				    "List every item to supply, all in one request", err);
		/* the seed's complaint: applicants asked again and again */
		if (v->supplement_count >= 1 && (ev->approved_by <= 0 || blank(ev->reason)))
			return mc_failf(err, MC_ECONFLICT, "approved_by",
					"Yêu cầu bổ sung lần thứ %d phải được lãnh đạo phê duyệt: ghi người phê duyệt và lý do",
					"Supplement request no. %d must be approved by a leader: give the approver and the reason",
					v->supplement_count + 1);
		if (v->nwaits >= DOSSIER_MAX_WAITS)
			return mc_failf(err, MC_ECONFLICT, "items",
					"Hồ sơ đã có %d lần yêu cầu bổ sung, không thể yêu cầu thêm",
					"The dossier already had %d supplement requests; no more can be made",
					DOSSIER_MAX_WAITS);
		n.supplement_count++;
		n.state = DOSSIER_WAITING_SUPPLEMENT;
		if (!v->received_at)
			break; /* not received yet: no legal clock to stop */
		n.waits[n.nwaits].from = ev->at;
		n.waits[n.nwaits].to = WORKCAL_OPEN;
		n.nwaits++;
		break;

	case DOSSIER_EV_SUPPLEMENT_RECEIVED:
		if (!v->received_at) {
			/* an online submission completed before receipt: back to
			 * the desk's check, still no clock */
			n.state = DOSSIER_SUBMITTED;
			break;
		}
		if ((rc = check_appointment(ev, err)) != MC_OK)
			return rc;
		close_wait(&n, ev->at);
		n.legal_due = ev->new_appointment;
		if (!n.apology_count || n.appointment < n.legal_due)
			n.appointment = n.legal_due;
		n.state = DOSSIER_PROCESSING;
		break;

	case DOSSIER_EV_RECORD_RESULT:
		if (v->step < v->proc.result_step)
			return mc_failf(err, MC_ECONFLICT, "step",
					"Chỉ ghi nhận kết quả từ bước %d của quy trình (hồ sơ đang ở bước %d)",
					"The result can only be recorded from step %d of the process (the dossier is at step %d)",
					v->proc.result_step + 1, v->step + 1);
		if (blank(ev->result_number) || blank(ev->signer) || ev->result_date <= 0)
			return need("result_number",
				    "Phải ghi số, ngày và người ký văn bản kết quả",
				    "The result's number, date and signer are required", err);
		n.finished_at = ev->at;
		set_text(n.result_number, sizeof n.result_number, ev->result_number);
		set_text(n.signer, sizeof n.signer, ev->signer);
		n.result_date = ev->result_date;
		/* recording the result hands it to the desk: the dossier moves to
		 * the last step (the desk's "Trả kết quả") if it was not there */
		if (n.step != v->proc.nsteps - 1) {
			n.step = v->proc.nsteps - 1;
			n.step_since = ev->at;
			n.assignee = 0;
		}
		n.state = DOSSIER_RESULT_READY;
		break;

	case DOSSIER_EV_RETURN_RESULT:
		if (strcmp(ev->return_method, "desk") && strcmp(ev->return_method, "post") &&
		    strcmp(ev->return_method, "electronic"))
			return need("return_method",
				    "Cách trả kết quả phải là \"desk\" (tại Bộ phận Một cửa), \"post\" (bưu chính) hoặc \"electronic\" (trực tuyến)",
				    "The return method must be \"desk\", \"post\" or \"electronic\"", err);
		set_text(n.return_method, sizeof n.return_method, ev->return_method);
		n.returned_at = n.closed_at = ev->at;
		n.state = DOSSIER_RETURNED;
		break;

	case DOSSIER_EV_WITHDRAW:
	case DOSSIER_EV_STOP:
		close_wait(&n, ev->at);
		set_text(n.reason, sizeof n.reason, ev->reason);
		n.closed_at = ev->at;
		n.state = ev->kind == DOSSIER_EV_STOP ? DOSSIER_STOPPED : DOSSIER_WITHDRAWN;
		break;

	case DOSSIER_EV_APOLOGIZE:
		if (v->apology_count > 0)
			return mc_fail(err, MC_ECONFLICT, "new_appointment",
				       "Hồ sơ đã được xin lỗi và hẹn lại một lần; chỉ được hẹn lại một lần (Nghị định 61/2018, Điều 19)",
				       "The applicant was already given an apology and a new date; the date may be reset only once (Decree 61/2018, art. 19)");
		if (ev->new_appointment <= v->legal_due)
			return need("new_appointment",
				    "Ngày hẹn mới phải sau hạn giải quyết hiện tại",
				    "The new appointment must be after the current deadline", err);
		if (blank(ev->reason))
			return need("reason", "Phải nêu lý do quá hạn",
				    "The reason for the delay is required", err);
		n.apology_count++;
		n.appointment = ev->new_appointment;
		break;

	case DOSSIER_EV_TRANSFER:
		if (blank(ev->target_unit))
			return need("target_unit", "Phải chọn đơn vị nhận hồ sơ chuyển",
				    "The unit to transfer to is required", err);
		set_text(n.target_unit, sizeof n.target_unit, ev->target_unit);
		n.closed_at = ev->at;
		n.state = DOSSIER_TRANSFERRED;
		break;

	default:
		return mc_fail(err, MC_EINTERNAL, "kind", NULL, NULL);
	}
	*out = n;
	return MC_OK;
}

enum mc_err dossier_replay(const struct dossier_event *events, size_t n,
			   const struct dossier_proc *proc, struct dossier_view *out,
			   size_t *bad_index, struct mc_error *err)
{
	struct mc_error e;
	enum mc_err rc;

	if ((rc = proc_check(proc, err)) != MC_OK)
		return rc;
	if (n && !events)
		return mc_fail(err, MC_EINVAL, "events", NULL, NULL);
	dossier_view_init(out, proc);
	for (size_t i = 0; i < n; i++) {
		mc_error_clear(&e);
		if ((rc = dossier_apply(out, &events[i], out, &e)) != MC_OK) {
			if (bad_index)
				*bad_index = i;
			return mc_failf(err, rc, e.field, "Sự kiện số %zu (%s): %s%.0s",
					"Event no. %zu (%s): %.0s%s", i + 1,
					dossier_event_name(events[i].kind), e.msg_vi, e.msg_en);
		}
	}
	return MC_OK;
}

/* ----------------------------------------------------------- the deadline */

enum mc_err dossier_deadline(const struct dossier_view *v, const struct workcal *cal,
			     const struct workcal_limit *limit, enum workcal_policy policy,
			     struct workcal_due *out, struct mc_error *err)
{
	if (!v->received_at)
		return mc_fail(err, MC_ECONFLICT, "state",
			       "Hồ sơ chưa được tiếp nhận nên chưa có hạn giải quyết",
			       "The dossier has not been received, so it has no deadline yet");
	return workcal_deadline(cal, v->clock_start, limit, policy, v->waits, v->nwaits, out, err);
}

enum mc_err dossier_fill_appointment(const struct dossier_view *v, struct dossier_event *ev,
				     const struct workcal *cal, const struct workcal_limit *limit,
				     enum workcal_policy policy, struct mc_error *err)
{
	struct dossier_event probe;
	struct dossier_view next;
	struct workcal_due due;
	enum mc_err rc;

	if (ev->kind != DOSSIER_EV_INTAKE && ev->kind != DOSSIER_EV_ACCEPT &&
	    ev->kind != DOSSIER_EV_SUPPLEMENT_RECEIVED)
		return MC_OK;
	if (ev->kind == DOSSIER_EV_SUPPLEMENT_RECEIVED && !v->received_at)
		return MC_OK; /* before receipt: no deadline yet */
	/* Apply a copy with a placeholder date to get the view the event
	 * produces, then compute its deadline: one set of rules for both. */
	probe = *ev;
	probe.new_appointment = ev->at;
	if ((rc = dossier_apply(v, &probe, &next, err)) != MC_OK ||
	    (rc = dossier_deadline(&next, cal, limit, policy, &due, err)) != MC_OK)
		return rc;
	ev->new_appointment = due.due;
	return MC_OK;
}

/* --------------------------------------------------------- classification */

enum workcal_status dossier_classify(const struct dossier_view *v, const struct workcal *cal,
				     const struct workcal_due *due, int64_t now)
{
	switch (v->state) {
	case DOSSIER_RESULT_READY:
	case DOSSIER_RETURNED:
	case DOSSIER_REFUSED:
		if (!v->finished_at || due->paused)
			return 0; /* refused at intake: never received, not counted */
		return workcal_classify_done(cal, due->due, v->finished_at);
	case DOSSIER_PROCESSING:
	case DOSSIER_WAITING_SUPPLEMENT:
		return workcal_classify_open(cal, due, now);
	default:
		return 0;
	}
}

bool dossier_needs_apology(const struct dossier_view *v, const struct workcal_due *due,
			   const struct workcal *cal, int64_t now)
{
	int64_t left = 0;

	if (v->state != DOSSIER_PROCESSING || v->apology_count > 0 || due->paused)
		return false;
	if (now >= due->due)
		return true;
	if (workcal_between(cal, now, due->due, &left, NULL) != MC_OK)
		return false;
	return left <= workcal_day_minutes(cal);
}
