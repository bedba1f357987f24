/*
 * routes.c - every route of the API, with the action it needs.  This table is
 * the whole surface: a test walks it to prove that every non-public route
 * refuses anonymous callers (tests/api/auth.test.mjs).
 */
#include "api/api_int.h"

const struct route api_routes[] = {
	/* system */
	{"GET", "/healthz", h_healthz, ACT_SELF, ROUTE_PUBLIC},
	{"GET", "/metrics", h_metrics, ACT_METRICS_READ, ROUTE_LOOPBACK_OK},
	{"GET", "/api/v1/version", h_version, ACT_SELF, ROUTE_PUBLIC},
	{"GET", "/api/v1/qr.svg", h_qr_svg, ACT_SELF, ROUTE_PUBLIC},

	/* accounts and sessions */
	{"POST", "/api/v1/auth/login", h_login, ACT_SELF, ROUTE_PUBLIC | ROUTE_NO_CSRF | ROUTE_JSON},
	{"POST", "/api/v1/auth/token", h_token, ACT_SELF, ROUTE_PUBLIC | ROUTE_NO_CSRF | ROUTE_JSON},
	{"POST", "/api/v1/auth/logout", h_logout, ACT_SELF, 0},
	{"GET", "/api/v1/session", h_session, ACT_SELF, 0},
	{"POST", "/api/v1/session/password", h_session_password, ACT_SELF, ROUTE_JSON},

	/* the unit tree: public, the portal shows where to go */
	{"GET", "/api/v1/units", h_units_list, ACT_UNIT_READ, ROUTE_PUBLIC},
	{"GET", "/api/v1/units/{code}", h_unit_get, ACT_UNIT_READ, ROUTE_PUBLIC},
	{"POST", "/api/v1/units", h_unit_create, ACT_UNIT_WRITE, ROUTE_JSON},
	{"PUT", "/api/v1/units/{code}", h_unit_update, ACT_UNIT_WRITE, ROUTE_JSON},

	/* staff accounts */
	{"GET", "/api/v1/audit", h_audit_list, ACT_AUDIT_READ, 0},
	{"GET", "/api/v1/users", h_users_list, ACT_USER_READ, 0},
	{"POST", "/api/v1/users", h_user_create, ACT_USER_WRITE, ROUTE_JSON},
	{"GET", "/api/v1/users/{id}", h_user_get, ACT_USER_READ, 0},
	{"POST", "/api/v1/users/{id}/disable", h_user_disable, ACT_USER_WRITE, 0},
	{"POST", "/api/v1/users/{id}/enable", h_user_enable, ACT_USER_WRITE, 0},
	{"POST", "/api/v1/users/{id}/password", h_user_reset_password, ACT_USER_WRITE, ROUTE_JSON},
	{"POST", "/api/v1/users/{id}/roles", h_user_role_grant, ACT_USER_WRITE, ROUTE_JSON},
	{"DELETE", "/api/v1/users/{id}/roles", h_user_role_revoke, ACT_USER_WRITE, 0},

	/* the catalog of administrative procedures: public to read */
	{"GET", "/api/v1/procedures", h_procedures_search, ACT_SELF, ROUTE_PUBLIC},
	{"POST", "/api/v1/procedures", h_procedure_create, ACT_CATALOG_WRITE, ROUTE_JSON},
	{"GET", "/api/v1/procedures/{code}", h_procedure_get, ACT_SELF, ROUTE_PUBLIC},
	{"PUT", "/api/v1/procedures/{code}", h_procedure_update, ACT_CATALOG_WRITE, ROUTE_JSON},
	{"POST", "/api/v1/procedures/{code}/status", h_procedure_status, ACT_CATALOG_WRITE, ROUTE_JSON},
	{"GET", "/api/v1/fields", h_fields_list, ACT_SELF, ROUTE_PUBLIC},
	{"GET", "/api/v1/catalog/stats", h_catalog_stats, ACT_SELF, ROUTE_PUBLIC},
	{"POST", "/api/v1/catalog/import", h_catalog_import, ACT_CATALOG_WRITE, ROUTE_JSON},
	{"GET", "/api/v1/catalog/export", h_catalog_export, ACT_CATALOG_WRITE, 0},

	/* the working calendar: public days off and deadline calculator */
	{"GET", "/api/v1/calendar/holidays", h_calendar_holidays, ACT_SELF, ROUTE_PUBLIC},
	{"POST", "/api/v1/calendar/deadline", h_calendar_deadline, ACT_SELF, ROUTE_PUBLIC | ROUTE_NO_CSRF | ROUTE_JSON},
	{"GET", "/api/v1/calendar/overrides", h_calendar_overrides, ACT_CALENDAR_WRITE, 0},
	{"POST", "/api/v1/calendar/overrides", h_calendar_override_put, ACT_CALENDAR_WRITE, ROUTE_JSON},
	{"DELETE", "/api/v1/calendar/overrides", h_calendar_override_delete, ACT_CALENDAR_WRITE, 0},
	{"POST", "/api/v1/calendar/import", h_calendar_import, ACT_CALENDAR_WRITE, ROUTE_JSON},

	/* dossiers */
	{"POST", "/api/v1/dossiers", h_dossier_intake, ACT_DOSSIER_INTAKE, ROUTE_JSON},
	{"GET", "/api/v1/dossiers", h_dossiers_list, ACT_DOSSIER_READ, 0},
	{"GET", "/api/v1/dossiers/{code}", h_dossier_get, ACT_SELF, 0},
	{"POST", "/api/v1/dossiers/{code}/events", h_dossier_act, ACT_SELF, ROUTE_JSON},
	{"GET", "/api/v1/dossiers/{code}/control-slip", h_dossier_control_slip, ACT_SELF, 0},
	{"GET", "/api/v1/dossiers/{code}/apology-draft", h_dossier_apology_draft, ACT_DOSSIER_APPROVE, 0},
	{"GET", "/api/v1/units/{code}/office-hours", h_office_hours_get, ACT_SELF, ROUTE_PUBLIC},
	{"PUT", "/api/v1/units/{code}/office-hours", h_office_hours_put, ACT_CALENDAR_WRITE, ROUTE_JSON},
	/* before {code}/{file}: the first matching route wins (api/settings.c) */
	{"GET", "/api/v1/units/{code}/bank", h_unit_bank_get, ACT_UNIT_WRITE, 0},
	{"PUT", "/api/v1/units/{code}/bank", h_unit_bank_put, ACT_UNIT_WRITE, ROUTE_JSON},
	{"GET", "/api/v1/units/{code}/tracking-book", h_tracking_book, ACT_DOSSIER_READ, 0},
	{"GET", "/api/v1/units/{code}/{file}", h_tracking_book_file, ACT_DOSSIER_READ, 0},
	{"GET", "/api/v1/dossiers/{code}/forms/{file}", h_dossier_form, ACT_SELF, 0},
	{"GET", "/api/v1/exports/{file}", h_export, ACT_SELF, 0}, /* the dossier list checks its unit itself */
	{"GET", "/api/v1/public/dossiers/{code}", h_public_dossier, ACT_SELF, ROUTE_PUBLIC},

	/* reports (Biểu số 06/VPCP/KSTT) and public transparency */
	{"GET", "/api/v1/reports/resolution", h_report_resolution, ACT_REPORT_READ, 0},
	{"GET", "/api/v1/reports/resolution/cell", h_report_cell, ACT_REPORT_READ, 0},
	{"GET", "/api/v1/public/transparency", h_public_transparency, ACT_SELF, ROUTE_PUBLIC},
	/* quality evaluation, service index, dashboard, reform appendices (api/quality.c) */
	{"GET", "/api/v1/reports/quality", h_report_quality, ACT_REPORT_READ, 0},
	{"GET", "/api/v1/reports/index", h_report_index, ACT_REPORT_READ, 0},
	{"GET", "/api/v1/reports/dashboard", h_report_dashboard, ACT_REPORT_READ, 0},
	{"POST", "/api/v1/reports/appendices", h_report_appendices, ACT_REPORT_READ, ROUTE_JSON},
	{"GET", "/api/v1/reports/appendices/manual", h_report_appendices_manual_get, ACT_REPORT_READ, 0},
	{"PUT", "/api/v1/reports/appendices/manual", h_report_appendices_manual_put, ACT_REPORT_READ, ROUTE_JSON},
	/* online public services (api/online.c, docs/ONLINE.md) */
	{"POST", "/api/v1/citizen/register", h_citizen_register, ACT_SELF, ROUTE_PUBLIC | ROUTE_NO_CSRF | ROUTE_JSON},
	{"POST", "/api/v1/citizen/verify", h_citizen_verify, ACT_SELF, ROUTE_PUBLIC | ROUTE_NO_CSRF | ROUTE_JSON},
	{"POST", "/api/v1/citizen/password-reset", h_citizen_reset, ACT_SELF, ROUTE_PUBLIC | ROUTE_NO_CSRF | ROUTE_JSON},
	{"POST", "/api/v1/citizen/password-reset/confirm", h_citizen_reset_confirm, ACT_SELF,
	 ROUTE_PUBLIC | ROUTE_NO_CSRF | ROUTE_JSON},
	{"GET", "/api/v1/citizen/profile", h_citizen_profile_get, ACT_OWN_DOSSIER, 0},
	{"PUT", "/api/v1/citizen/profile", h_citizen_profile_put, ACT_OWN_DOSSIER, ROUTE_JSON},
	{"GET", "/api/v1/citizen/dossiers", h_citizen_dossiers, ACT_OWN_DOSSIER, 0},
	{"POST", "/api/v1/citizen/dossiers", h_citizen_draft_create, ACT_OWN_DOSSIER, ROUTE_JSON},
	{"GET", "/api/v1/citizen/dossiers/{code}", h_citizen_dossier_get, ACT_OWN_DOSSIER, 0},
	{"PUT", "/api/v1/citizen/dossiers/{code}", h_citizen_draft_update, ACT_OWN_DOSSIER, ROUTE_JSON},
	{"POST", "/api/v1/citizen/dossiers/{code}/submit", h_citizen_submit, ACT_OWN_DOSSIER, 0},
	{"POST", "/api/v1/citizen/dossiers/{code}/attachments", h_citizen_upload, ACT_OWN_DOSSIER, 0},
	{"GET", "/api/v1/citizen/dossiers/{code}/attachments/{id}", h_citizen_attachment_get, ACT_OWN_DOSSIER, 0},
	{"POST", "/api/v1/citizen/dossiers/{code}/supplement", h_citizen_supplement, ACT_OWN_DOSSIER, ROUTE_JSON},
	{"POST", "/api/v1/citizen/dossiers/{code}/withdraw", h_citizen_withdraw, ACT_OWN_DOSSIER, ROUTE_JSON},
	{"GET", "/api/v1/citizen/dossiers/{code}/payment", h_citizen_payment, ACT_OWN_DOSSIER, 0},
	{"POST", "/api/v1/citizen/dossiers/{code}/rating", h_citizen_rating, ACT_OWN_DOSSIER, ROUTE_JSON},
	{"POST", "/api/v1/payments/notify", h_payment_notify, ACT_SELF, ROUTE_PUBLIC | ROUTE_NO_CSRF | ROUTE_JSON},
	{"POST", "/api/v1/dossiers/{code}/payment", h_dossier_payment_record, ACT_SELF, ROUTE_JSON},
	{"POST", "/api/v1/dossiers/{code}/rating", h_dossier_rating_record, ACT_SELF, ROUTE_JSON},
	{"POST", "/api/v1/dossiers/{code}/attachments", h_dossier_result_upload, ACT_SELF, 0},
	{"GET", "/api/v1/dossiers/{code}/attachments/{id}", h_dossier_attachment_get, ACT_SELF, 0},
	{"POST", "/api/v1/dossiers/{code}/postal-tracking", h_dossier_postal_tracking, ACT_SELF, ROUTE_JSON},
};

const int api_nroutes = sizeof api_routes / sizeof api_routes[0];

#include "core/metrics.h"
_Static_assert(sizeof api_routes / sizeof api_routes[0] <= METRICS_MAX_ROUTES, "raise METRICS_MAX_ROUTES");
