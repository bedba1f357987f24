/*
 * online.c - online public services over HTTP (docs/ONLINE.md): citizen
 * registration and verification, password reset, the profile, drafts,
 * uploads (raw bodies, content sniffed), submission, supplements,
 * withdrawal, payment (VietQR, cash at the desk, the bank's signed
 * notification), result files, postal tracking and ratings.
 *
 * A citizen sees only their own drafts and dossiers: anything else answers
 * 404.  Officers act on online dossiers through the existing events API;
 * the few desk-side routes here check the desk's or resolving unit's role
 * the same way.
 */
#include "api/api_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "domain/dossier_code.h"
#include "service/dossier.h"
#include "service/online.h"

static enum mc_err not_found(struct api_ctx *x)
{
	return mc_fail(&x->err, MC_ENOTFOUND, "code", "Không tìm thấy hồ sơ", "Dossier not found");
}

/* ---- accounts (public) ---------------------------------------------------------------- */

enum mc_err h_citizen_register(struct api_ctx *x)
{
	struct store_conn *c;
	json_t *out;
	enum mc_err rc;

	if ((rc = api_conn(x, &c)) ||
	    (rc = svc_citizen_register(c, x->app->cfg, x->body, x->rq->client_ip, x->rq->now, &out, &x->err)))
		return rc;
	return api_reply_json(x, 201, out);
}

enum mc_err h_citizen_verify(struct api_ctx *x)
{
	struct store_conn *c;
	enum mc_err rc;

	if ((rc = api_conn(x, &c)) || (rc = svc_citizen_verify(c, x->body, x->rq->now, &x->err)))
		return rc;
	return api_reply_json(x, 200, json_pack("{s:s}", "status", "verified"));
}

enum mc_err h_citizen_reset(struct api_ctx *x)
{
	struct store_conn *c;
	enum mc_err rc;

	if ((rc = api_conn(x, &c)) ||
	    (rc = svc_citizen_reset_request(c, x->app->cfg, x->body, x->rq->client_ip, x->rq->now, &x->err)))
		return rc;
	return api_reply_json(x, 202, json_pack("{s:s}", "status", "sent_if_account_exists"));
}

enum mc_err h_citizen_reset_confirm(struct api_ctx *x)
{
	struct store_conn *c;
	enum mc_err rc;

	if ((rc = api_conn(x, &c)) || (rc = svc_citizen_reset_confirm(c, x->body, x->rq->now, &x->err)))
		return rc;
	return api_reply_json(x, 200, json_pack("{s:s}", "status", "password_changed"));
}

/* ---- profile ------------------------------------------------------------------------- */

enum mc_err h_citizen_profile_get(struct api_ctx *x)
{
	struct store_conn *c;
	json_t *out;
	enum mc_err rc;

	if ((rc = api_conn(x, &c)) || (rc = svc_profile_get(c, &x->user, &out, &x->err)))
		return rc;
	return api_reply_json(x, 200, out);
}

enum mc_err h_citizen_profile_put(struct api_ctx *x)
{
	struct store_conn *c;
	json_t *out;
	enum mc_err rc;

	if ((rc = api_conn(x, &c)) || (rc = svc_profile_put(c, &x->user, x->body, x->rq->now, &out, &x->err)))
		return rc;
	return api_reply_json(x, 200, out);
}

/* ---- the citizen's dossiers -------------------------------------------------------------- */

static bool is_draft_id(const char *s) { return !strncmp(s, "draft-", 6); }

/* The dossier of the route's {code}, loaded into a new context (a context
 * is large, so it lives on the heap).  On success *out is the caller's, to
 * give back with dossier_done(); on failure nothing is left to free. */
static enum mc_err load_dossier(struct api_ctx *x, struct store_conn **c, struct dossier_ctx **out)
{
	struct dossier_ctx *d;
	enum mc_err rc;

	*out = NULL;
	if (!dossier_code_valid(x->params[0]))
		return not_found(x);
	if ((rc = api_conn(x, c)))
		return rc;
	if (!(d = calloc(1, sizeof *d)))
		return mc_fail(&x->err, MC_ENOMEM, NULL, NULL, NULL);
	rc = svc_dossier_load(*c, x->params[0], d, &x->err);
	if (rc) {
		free(d);
		return rc == MC_ENOTFOUND ? not_found(x) : rc;
	}
	*out = d;
	return MC_OK;
}

static void dossier_done(struct dossier_ctx *d)
{
	svc_dossier_release(d);
	free(d);
}

/* The caller's own dossier; 404 for anyone else's. */
static enum mc_err load_own(struct api_ctx *x, struct store_conn **c, struct dossier_ctx **out)
{
	enum mc_err rc = load_dossier(x, c, out);

	if (!rc && (*out)->rec.citizen_id != x->who.user_id) {
		dossier_done(*out);
		*out = NULL;
		return not_found(x);
	}
	return rc;
}

enum mc_err h_citizen_dossiers(struct api_ctx *x)
{
	struct store_conn *c;
	json_t *out;
	enum mc_err rc;

	if ((rc = api_conn(x, &c)) || (rc = svc_citizen_dossiers(c, &x->user, x->rq->now, &out, &x->err)))
		return rc;
	return api_reply_json(x, 200, out);
}

enum mc_err h_citizen_draft_create(struct api_ctx *x)
{
	struct store_conn *c;
	json_t *out;
	enum mc_err rc;

	if ((rc = api_conn(x, &c)) || (rc = svc_draft_create(c, &x->user, x->body, x->rq->now, &out, &x->err)))
		return rc;
	return api_reply_json(x, 201, out);
}

enum mc_err h_citizen_draft_update(struct api_ctx *x)
{
	struct store_conn *c;
	json_t *out;
	enum mc_err rc;

	if ((rc = api_conn(x, &c)) ||
	    (rc = svc_draft_update(c, &x->user, x->params[0], x->body, x->rq->now, &out, &x->err)))
		return rc == MC_ENOTFOUND ? not_found(x) : rc;
	return api_reply_json(x, 200, out);
}

enum mc_err h_citizen_dossier_get(struct api_ctx *x)
{
	struct store_conn *c;
	struct dossier_ctx *d;
	json_t *out = NULL;
	enum mc_err rc;

	if (is_draft_id(x->params[0])) {
		if ((rc = api_conn(x, &c)) || (rc = svc_draft_get(c, &x->user, x->params[0], &out, &x->err)))
			return rc == MC_ENOTFOUND ? not_found(x) : rc;
		return api_reply_json(x, 200, out);
	}
	if ((rc = load_own(x, &c, &d)))
		return rc;
	rc = svc_citizen_dossier_json(c, d, x->rq->now, &out, &x->err);
	dossier_done(d);
	return rc ? rc : api_reply_json(x, 200, out);
}

enum mc_err h_citizen_submit(struct api_ctx *x)
{
	struct store_conn *c;
	json_t *out;
	enum mc_err rc;

	if (!is_draft_id(x->params[0]))
		return not_found(x);
	if ((rc = api_conn(x, &c)) || (rc = svc_draft_submit(c, &x->user, x->params[0], x->rq->now, &out, &x->err)))
		return rc == MC_ENOTFOUND && !strcmp(x->err.field, "id") ? not_found(x) : rc;
	return api_reply_json(x, 201, out);
}

/* The raw body of an upload, with its declared type and document index. */
static enum mc_err upload_args(struct api_ctx *x, int *index)
{
	const char *doc = api_query(x, "document");
	char *end;
	long v;

	if (x->rq->body_too_large)
		return mc_failf(&x->err, MC_ETOOBIG, "file", "Tệp vượt quá %d KB", "The file is over %d KB",
				x->app->cfg->upload_max_kb);
	*index = -1;
	if (doc) {
		errno = 0;
		v = strtol(doc, &end, 10);
		if (errno || *end || v < 0 || v > 63)
			return mc_fail(&x->err, MC_EINVAL, "document", "document là số thứ tự giấy tờ trong danh mục (0, 1, ...)",
				       "document is the position of the document in the procedure (0, 1, ...)");
		*index = (int)v;
	}
	return MC_OK;
}

enum mc_err h_citizen_upload(struct api_ctx *x)
{
	struct store_conn *c;
	json_t *out = NULL, *draft = NULL;
	char owner[96];
	int index;
	enum mc_err rc;

	if ((rc = upload_args(x, &index)) || (rc = api_conn(x, &c)))
		return rc;
	if (is_draft_id(x->params[0])) {
		/* the draft must exist and the index must be one of its form's documents */
		if ((rc = svc_draft_get(c, &x->user, x->params[0], &draft, &x->err)))
			return rc == MC_ENOTFOUND ? not_found(x) : rc;
		if (index < 0 || (size_t)index >= json_array_size(json_object_get(draft, "form"))) {
			json_decref(draft);
			return mc_fail(&x->err, MC_EINVAL, "document", "Giấy tờ không có trong thành phần hồ sơ",
				       "No such document in the procedure's list");
		}
		json_decref(draft);
		online_draft_owner(x->who.user_id, x->params[0], owner, sizeof owner);
		rc = svc_attachment_save(c, x->app->cfg, owner, index, "document", x->rq->content_type,
					 api_query(x, "filename"), x->rq->body, x->rq->body_len, x->who.user_id,
					 x->rq->now, &out, &x->err);
	} else {
		struct dossier_ctx *d;

		if ((rc = load_own(x, &c, &d)))
			return rc;
		if (d->view.state != DOSSIER_WAITING_SUPPLEMENT)
			rc = mc_fail(&x->err, MC_ECONFLICT, "state", "Chỉ tải thêm giấy tờ khi hồ sơ đang chờ bổ sung",
				     "Documents can be added only while a supplement is requested");
		else {
			online_dossier_owner(d->rec.id, owner, sizeof owner);
			rc = svc_attachment_save(c, x->app->cfg, owner, index, "supplement", x->rq->content_type,
						 api_query(x, "filename"), x->rq->body, x->rq->body_len, x->who.user_id,
						 x->rq->now, &out, &x->err);
		}
		dossier_done(d);
	}
	return rc ? rc : api_reply_json(x, 201, out);
}

/* Send an attachment's content; owner must match. */
static enum mc_err send_attachment(struct api_ctx *x, struct store_conn *c, const char *owner, const char *id_text)
{
	struct attachment_rec a;
	char path[1100], *end;
	long long id = strtoll(id_text, &end, 10);
	const char *type;
	struct stat sb;
	int fd;
	enum mc_err rc;

	if (*end || id <= 0)
		return not_found(x);
	rc = store_attachment_get(c, id, &a, &x->err);
	if (rc == MC_ENOTFOUND || (!rc && strcmp(a.owner, owner)))
		return mc_fail(&x->err, MC_ENOTFOUND, "attachment", "Không tìm thấy tệp", "File not found");
	if (rc)
		return rc;
	online_attachment_path(x->app->cfg, a.sha256, path, sizeof path);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &sb) || sb.st_size != a.size) {
		if (fd >= 0)
			close(fd);
		return mc_fail(&x->err, MC_EIO, NULL, "Không đọc được tệp", "The file cannot be read");
	}
	buf_reset(&x->rs->body);
	for (;;) {
		char chunk[65536];
		ssize_t n = read(fd, chunk, sizeof chunk);

		if (n < 0) {
			close(fd);
			return mc_fail(&x->err, MC_EIO, NULL, "Không đọc được tệp", "The file cannot be read");
		}
		if (n == 0)
			break;
		if (buf_append(&x->rs->body, chunk, (size_t)n)) {
			close(fd);
			return mc_fail(&x->err, MC_ENOMEM, NULL, NULL, NULL);
		}
	}
	close(fd);
	/* a static string for the response: the one the content really is */
	type = online_sniff(x->rs->body.data, x->rs->body.len);
	x->rs->status = 200;
	x->rs->content_type = type ? type : "application/octet-stream";
	api_response_header(x->rs, "Content-Disposition", "attachment");
	return MC_OK;
}

enum mc_err h_citizen_attachment_get(struct api_ctx *x)
{
	struct store_conn *c;
	struct dossier_ctx *d;
	char owner[96];
	enum mc_err rc;

	if (is_draft_id(x->params[0])) {
		if (!online_draft_owner(x->who.user_id, x->params[0], owner, sizeof owner))
			return not_found(x);
		if ((rc = api_conn(x, &c)))
			return rc;
		return send_attachment(x, c, owner, x->params[1]);
	}
	if ((rc = load_own(x, &c, &d)))
		return rc;
	online_dossier_owner(d->rec.id, owner, sizeof owner);
	dossier_done(d);
	return send_attachment(x, c, owner, x->params[1]);
}

struct since {
	int64_t from;
	int n;
};

static int count_supplement(void *ctx, const struct attachment_rec *a)
{
	struct since *s = ctx;

	if (!strcmp(a->purpose, "supplement") && a->created_at >= s->from)
		s->n++;
	return 0;
}

/* The citizen's own events: supplement_received (with uploads) and withdraw. */
static enum mc_err citizen_event(struct api_ctx *x, enum dossier_event_kind kind)
{
	struct store_conn *c;
	struct dossier_ctx *d;
	json_t *in = NULL, *out = NULL;
	enum mc_err rc;

	if ((rc = load_own(x, &c, &d)))
		return rc;
	if (kind == DOSSIER_EV_SUPPLEMENT_RECEIVED) {
		struct since s = {0, 0};
		char owner[96];

		for (size_t i = d->nevents; i-- > 0;)
			if (d->events[i].kind == DOSSIER_EV_REQUEST_SUPPLEMENT) {
				s.from = d->events[i].at;
				break;
			}
		online_dossier_owner(d->rec.id, owner, sizeof owner);
		if (d->view.state == DOSSIER_WAITING_SUPPLEMENT &&
		    (rc = store_attachment_list(c, owner, count_supplement, &s, &x->err)))
			goto done;
		if (d->view.state == DOSSIER_WAITING_SUPPLEMENT && s.n == 0) {
			rc = mc_fail(&x->err, MC_EINVAL, "attachments",
				     "Hãy tải lên các giấy tờ bổ sung trước khi gửi", "Upload the missing documents before sending");
			goto done;
		}
	}
	in = json_pack("{s:s, s:i, s:s, s:s}", "kind", dossier_event_name(kind), "version", d->rec.version, "note",
		       json_string_value(json_object_get(x->body, "note")) ?: "", "reason",
		       json_string_value(json_object_get(x->body, "reason")) ?: "");
	if (!in) {
		rc = mc_fail(&x->err, MC_ENOMEM, NULL, NULL, NULL);
		goto done;
	}
	/* the actor is the citizen; no unit */
	if (!(rc = svc_dossier_act(c, d, in, x->who.user_id, 0, x->rq->now, &x->err)))
		rc = svc_citizen_dossier_json(c, d, x->rq->now, &out, &x->err);
done:
	json_decref(in);
	dossier_done(d);
	return rc ? rc : api_reply_json(x, 200, out);
}

enum mc_err h_citizen_supplement(struct api_ctx *x) { return citizen_event(x, DOSSIER_EV_SUPPLEMENT_RECEIVED); }
enum mc_err h_citizen_withdraw(struct api_ctx *x) { return citizen_event(x, DOSSIER_EV_WITHDRAW); }

enum mc_err h_citizen_payment(struct api_ctx *x)
{
	struct store_conn *c;
	struct dossier_ctx *d;
	json_t *out = NULL;
	enum mc_err rc;

	if ((rc = load_own(x, &c, &d)))
		return rc;
	rc = svc_payment_info(c, d, &out, &x->err);
	dossier_done(d);
	return rc ? rc : api_reply_json(x, 200, out);
}

/* Record the body's rating on a loaded dossier (given back here); 201 with it. */
static enum mc_err rate(struct api_ctx *x, struct store_conn *c, struct dossier_ctx *d, const char *channel)
{
	json_t *out = NULL;
	enum mc_err rc = svc_rating_record(c, d, x->body, channel, x->who.user_id, x->rq->now, &x->err);

	if (!rc)
		out = json_deep_copy(json_object_get(d->doc, "rating"));
	dossier_done(d);
	return rc ? rc : api_reply_json(x, 201, out);
}

enum mc_err h_citizen_rating(struct api_ctx *x)
{
	struct store_conn *c;
	struct dossier_ctx *d;
	enum mc_err rc = load_own(x, &c, &d);

	return rc ? rc : rate(x, c, d, "online");
}

/* ---- the bank's payment notification (public, signed) ------------------------------------ */

enum mc_err h_payment_notify(struct api_ctx *x)
{
	struct store_conn *c;
	enum mc_err rc;

	if ((rc = api_conn(x, &c)) || (rc = svc_payment_notify(c, x->app->cfg, x->body, x->rq->now, &x->err)))
		return rc;
	return api_reply_json(x, 200, json_pack("{s:s}", "status", "paid"));
}

/* ---- desk-side ------------------------------------------------------------------------ */

/* A dossier for staff who hold `action` at its desk (or, with
 * at_resolving, at its resolving unit).  Ownership of *out as load_dossier. */
static enum mc_err load_staff(struct api_ctx *x, struct store_conn **c, struct dossier_ctx **out, enum action action,
			      bool at_resolving)
{
	struct dossier_ctx *d;
	enum mc_err rc;

	if ((rc = load_dossier(x, c, out)))
		return rc;
	d = *out;
	if (authz_allows(&x->who, action, d->desk.path) ||
	    (at_resolving && authz_allows(&x->who, action, d->resolving.path)))
		return MC_OK;
	/* readers learn that they may not; others that there is nothing */
	rc = authz_allows(&x->who, ACT_DOSSIER_READ, d->receiving.path) ||
			     authz_allows(&x->who, ACT_DOSSIER_READ, d->resolving.path) ||
			     authz_allows(&x->who, ACT_DOSSIER_READ, d->desk.path)
		     ? mc_fail(&x->err, MC_EFORBIDDEN, NULL, NULL, NULL)
		     : not_found(x);
	dossier_done(d);
	*out = NULL;
	return rc;
}

enum mc_err h_dossier_payment_record(struct api_ctx *x)
{
	struct store_conn *c;
	struct dossier_ctx *d;
	const char *method = json_string_value(json_object_get(x->body, "method")) ?: "";
	json_t *out = NULL;
	enum mc_err rc;

	if ((rc = load_staff(x, &c, &d, ACT_DOSSIER_INTAKE, false)))
		return rc;
	if (strcmp(method, "cash") && strcmp(method, "transfer"))
		rc = mc_fail(&x->err, MC_EINVAL, "method", "method là cash (tiền mặt) hoặc transfer (chuyển khoản)",
			     "method is cash or transfer");
	else
		rc = svc_payment_record(c, d, method,
					json_string_value(json_object_get(x->body, !strcmp(method, "cash") ? "receipt_number" : "reference")),
					json_is_integer(json_object_get(x->body, "amount"))
						? json_integer_value(json_object_get(x->body, "amount"))
						: json_integer_value(json_object_get(d->doc, "fee_total")),
					x->who.user_id, x->rq->now, &x->err);
	if (!rc)
		rc = svc_payment_info(c, d, &out, &x->err);
	dossier_done(d);
	return rc ? rc : api_reply_json(x, 200, out);
}

enum mc_err h_dossier_rating_record(struct api_ctx *x)
{
	struct store_conn *c;
	struct dossier_ctx *d;
	enum mc_err rc = load_staff(x, &c, &d, ACT_DOSSIER_RETURN, false);

	return rc ? rc : rate(x, c, d, "desk");
}

/* The electronic result file, uploaded by the resolving unit (or the desk)
 * once the result is recorded. */
enum mc_err h_dossier_result_upload(struct api_ctx *x)
{
	struct store_conn *c;
	struct dossier_ctx *d;
	json_t *out = NULL;
	char owner[96];
	int index;
	enum mc_err rc;

	if ((rc = upload_args(x, &index)) || (rc = load_staff(x, &c, &d, ACT_DOSSIER_PROCESS, true)))
		return rc;
	if (d->view.state != DOSSIER_RESULT_READY && d->view.state != DOSSIER_RETURNED)
		rc = mc_fail(&x->err, MC_ECONFLICT, "state", "Chỉ tải tệp kết quả sau khi đã ghi nhận kết quả",
			     "The result file is uploaded after the result is recorded");
	else {
		online_dossier_owner(d->rec.id, owner, sizeof owner);
		rc = svc_attachment_save(c, x->app->cfg, owner, -1, "result", x->rq->content_type,
					 api_query(x, "filename"), x->rq->body, x->rq->body_len, x->who.user_id,
					 x->rq->now, &out, &x->err);
	}
	dossier_done(d);
	return rc ? rc : api_reply_json(x, 201, out);
}

enum mc_err h_dossier_postal_tracking(struct api_ctx *x)
{
	struct store_conn *c;
	struct dossier_ctx *d;
	const char *number = json_string_value(json_object_get(x->body, "tracking_number"));
	struct dossier_rec row;
	char *text = NULL;
	enum mc_err rc;

	if ((rc = load_staff(x, &c, &d, ACT_DOSSIER_RETURN, false)))
		return rc;
	if (!number || !*number || strlen(number) > 40) {
		rc = mc_fail(&x->err, MC_EINVAL, "tracking_number", "Cần số hiệu bưu gửi (tối đa 40 ký tự)",
			     "The postal tracking number is required (at most 40 characters)");
	} else {
		json_object_set_new(d->doc, "postal_tracking", json_string(number));
		row = d->rec;
		row.doc = text = json_dumps(d->doc, JSON_COMPACT);
		row.updated_at = x->rq->now;
		rc = text ? store_dossier_update(c, &row, d->rec.version, &x->err)
			  : mc_fail(&x->err, MC_ENOMEM, NULL, NULL, NULL);
	}
	dossier_done(d);
	free(text);
	return rc ? rc : api_reply_json(x, 200, json_pack("{s:s}", "postal_tracking", number));
}

/* GET /api/v1/dossiers/{code}/attachments/{id}: staff who may read the
 * dossier see what the citizen uploaded (the desk checks it at acceptance). */
enum mc_err h_dossier_attachment_get(struct api_ctx *x)
{
	struct store_conn *c;
	struct dossier_ctx *d;
	char owner[96];
	enum mc_err rc;

	if ((rc = load_staff(x, &c, &d, ACT_DOSSIER_READ, true)))
		return rc;
	online_dossier_owner(d->rec.id, owner, sizeof owner);
	dossier_done(d);
	return send_attachment(x, c, owner, x->params[1]);
}
