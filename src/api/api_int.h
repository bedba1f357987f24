/*
 * api_int.h - shared by the API's handler files: the per-request context and
 * the helpers every handler uses.  Not for use outside src/api/.
 */
#ifndef MC_API_INT_H
#define MC_API_INT_H

#include <jansson.h>

#include "api/api.h"
#include "domain/authz.h"

/* Route flags */
#define ROUTE_PUBLIC 0x01      /* no sign-in needed (action is ignored) */
#define ROUTE_NO_CSRF 0x02     /* sign-in (no session yet) or a pure calculation with no effect */
#define ROUTE_JSON 0x04        /* the body must be a JSON object */
#define ROUTE_LOOPBACK_OK 0x08 /* clients on this machine need no sign-in (metrics) */

struct api_ctx {
	const struct app *app;
	const struct api_request *rq;
	struct api_response *rs;
	struct mc_error err;
	const char *params[API_MAX_PARAMS]; /* path parameters in pattern order */
	int nparams;
	json_t *body;                /* parsed body for ROUTE_JSON (owned, freed by dispatch) */
	/* who is asking: filled by the authentication step */
	struct principal who;
	struct user_rec user;        /* valid when who.user_id != 0 */
	struct session_rec session;  /* valid when signed in */
	bool via_cookie;             /* session came from the cookie (so CSRF applies) */
	struct store_conn *conn;     /* taken lazily by api_conn(), returned by dispatch */
};

typedef enum mc_err (*api_handler)(struct api_ctx *x);

struct route {
	const char *method;
	const char *pattern; /* "/api/v1/units/{code}" */
	api_handler fn;
	enum action action;
	unsigned flags;
};

extern const struct route api_routes[];
extern const int api_nroutes;

/* The connection for this request, taken from the pool on first use. */
enum mc_err api_conn(struct api_ctx *x, struct store_conn **out);

/* Replies.  api_reply_json steals the reference to body (jansson's "_new"
 * convention): callers pass json_pack(...) results straight in. */
enum mc_err api_reply_json(struct api_ctx *x, int status, json_t *body);
/* The one place an error becomes an HTTP status and a JSON body. */
void api_reply_error(struct api_response *rs, const struct mc_error *e, const char *request_id);

/* Query parameter value or NULL. */
const char *api_query(const struct api_ctx *x, const char *name);

/* A local day "YYYY-MM-DD" as the instant it starts in the offices' time
 * (UTC+7); anything else is MC_EINVAL naming `field`. */
enum mc_err api_day_start(struct api_ctx *x, const char *s, const char *field, int64_t *out);

/* Body field readers: copy a string member into dst (size n).  A missing
 * member is MC_EINVAL when required, else dst = "".  Wrong type, invalid
 * UTF-8, control characters or over-long text are MC_EINVAL naming the field. */
enum mc_err api_body_str(struct api_ctx *x, const char *key, char *dst, size_t n, bool required);

/* Write an audit row in the current connection (inside the caller's
 * transaction when there is one).  detail may be NULL; it is borrowed. */
enum mc_err api_audit(struct api_ctx *x, const char *action, const char *object_type,
		      const char *object_id, int64_t unit_id, json_t *detail);

/* JSON views of records (new references). */
json_t *api_unit_json(const struct unit_rec *u);
json_t *api_user_json(struct api_ctx *x, const struct user_rec *u, bool with_grants);

/* handlers */
enum mc_err h_healthz(struct api_ctx *x);
enum mc_err h_metrics(struct api_ctx *x);
enum mc_err h_version(struct api_ctx *x);
enum mc_err h_qr_svg(struct api_ctx *x);
enum mc_err h_dossier_attachment_get(struct api_ctx *x);
enum mc_err h_login(struct api_ctx *x);
enum mc_err h_token(struct api_ctx *x);
enum mc_err h_logout(struct api_ctx *x);
enum mc_err h_session(struct api_ctx *x);
enum mc_err h_session_password(struct api_ctx *x);
enum mc_err h_units_list(struct api_ctx *x);
enum mc_err h_unit_get(struct api_ctx *x);
enum mc_err h_unit_create(struct api_ctx *x);
enum mc_err h_unit_update(struct api_ctx *x);
enum mc_err h_users_list(struct api_ctx *x);
enum mc_err h_user_get(struct api_ctx *x);
enum mc_err h_user_create(struct api_ctx *x);
enum mc_err h_user_disable(struct api_ctx *x);
enum mc_err h_user_enable(struct api_ctx *x);
enum mc_err h_user_reset_password(struct api_ctx *x);
enum mc_err h_user_role_grant(struct api_ctx *x);
enum mc_err h_user_role_revoke(struct api_ctx *x);
enum mc_err h_unit_bank_get(struct api_ctx *x);
enum mc_err h_unit_bank_put(struct api_ctx *x);
enum mc_err h_audit_list(struct api_ctx *x);

enum mc_err h_procedures_search(struct api_ctx *x);
enum mc_err h_procedure_get(struct api_ctx *x);
enum mc_err h_procedure_create(struct api_ctx *x);
enum mc_err h_procedure_update(struct api_ctx *x);
enum mc_err h_procedure_status(struct api_ctx *x);
enum mc_err h_catalog_stats(struct api_ctx *x);
enum mc_err h_catalog_import(struct api_ctx *x);
enum mc_err h_catalog_export(struct api_ctx *x);
enum mc_err h_fields_list(struct api_ctx *x);

enum mc_err h_calendar_holidays(struct api_ctx *x);
enum mc_err h_calendar_deadline(struct api_ctx *x);
enum mc_err h_calendar_overrides(struct api_ctx *x);
enum mc_err h_calendar_override_put(struct api_ctx *x);
enum mc_err h_calendar_override_delete(struct api_ctx *x);
enum mc_err h_calendar_import(struct api_ctx *x);

enum mc_err h_dossier_intake(struct api_ctx *x);
enum mc_err h_dossier_get(struct api_ctx *x);
enum mc_err h_dossier_act(struct api_ctx *x);
enum mc_err h_dossier_control_slip(struct api_ctx *x);
enum mc_err h_dossier_apology_draft(struct api_ctx *x);
enum mc_err h_dossier_form(struct api_ctx *x);
enum mc_err h_tracking_book_file(struct api_ctx *x);
enum mc_err h_export(struct api_ctx *x);
enum mc_err h_office_hours_get(struct api_ctx *x);
enum mc_err h_office_hours_put(struct api_ctx *x);
enum mc_err h_dossiers_list(struct api_ctx *x);
enum mc_err h_tracking_book(struct api_ctx *x);
enum mc_err h_public_dossier(struct api_ctx *x);

enum mc_err h_report_resolution(struct api_ctx *x);
enum mc_err h_report_cell(struct api_ctx *x);
enum mc_err h_public_transparency(struct api_ctx *x);
enum mc_err h_report_quality(struct api_ctx *x);
enum mc_err h_report_index(struct api_ctx *x);
enum mc_err h_report_dashboard(struct api_ctx *x);
enum mc_err h_report_appendices(struct api_ctx *x);
enum mc_err h_report_appendices_manual_get(struct api_ctx *x);
enum mc_err h_report_appendices_manual_put(struct api_ctx *x);

/* online public services (online.c) */
enum mc_err h_citizen_register(struct api_ctx *x);
enum mc_err h_citizen_verify(struct api_ctx *x);
enum mc_err h_citizen_reset(struct api_ctx *x);
enum mc_err h_citizen_reset_confirm(struct api_ctx *x);
enum mc_err h_citizen_profile_get(struct api_ctx *x);
enum mc_err h_citizen_profile_put(struct api_ctx *x);
enum mc_err h_citizen_dossiers(struct api_ctx *x);
enum mc_err h_citizen_draft_create(struct api_ctx *x);
enum mc_err h_citizen_draft_update(struct api_ctx *x);
enum mc_err h_citizen_dossier_get(struct api_ctx *x);
enum mc_err h_citizen_submit(struct api_ctx *x);
enum mc_err h_citizen_upload(struct api_ctx *x);
enum mc_err h_citizen_attachment_get(struct api_ctx *x);
enum mc_err h_citizen_supplement(struct api_ctx *x);
enum mc_err h_citizen_withdraw(struct api_ctx *x);
enum mc_err h_citizen_payment(struct api_ctx *x);
enum mc_err h_citizen_rating(struct api_ctx *x);
enum mc_err h_payment_notify(struct api_ctx *x);
enum mc_err h_dossier_payment_record(struct api_ctx *x);
enum mc_err h_dossier_rating_record(struct api_ctx *x);
enum mc_err h_dossier_result_upload(struct api_ctx *x);
enum mc_err h_dossier_postal_tracking(struct api_ctx *x);

/* authentication step (auth.c) */
enum mc_err api_authenticate(struct api_ctx *x);
/* load a principal's grants from the store */
enum mc_err api_load_principal(struct api_ctx *x, struct store_conn *c, const struct user_rec *u);

#endif
