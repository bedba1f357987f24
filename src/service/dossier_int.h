/*
 * dossier_int.h - shared by service/dossier*.c only.
 */
#ifndef MC_SVC_DOSSIER_INT_H
#define MC_SVC_DOSSIER_INT_H

#include "service/dossier.h"

/* A string member, "" when absent. */
const char *dj_str(json_t *o, const char *k);

/* The unit of process step k of x ($desk, $commune or a unit code);
 * zeroed for a step out of range. */
enum mc_err dossier_step_unit(struct store_conn *c, const struct dossier_ctx *x, int k, struct unit_rec *out,
			      struct mc_error *err);

/* The JSON kept in an event row (the members beyond the columns). */
json_t *dossier_event_data(const struct dossier_event *e);

/* The pieces of an intake, shared with the importer (dossier_import.c). */
enum mc_err dossier_local_government(struct store_conn *c, const struct unit_rec *desk, struct unit_rec *out,
				     struct mc_error *err);
void dossier_limit_of(const struct proc_summary *s, struct workcal_limit *l, enum workcal_policy *p);
enum mc_err dossier_load_procedure(struct store_conn *c, const char *code, int version, json_t **doc,
				   struct proc_summary *s, struct mc_error *err);
enum mc_err dossier_build_calendar(struct store_conn *c, struct dossier_ctx *x, int64_t around, struct mc_error *err);
enum mc_err dossier_cache_view(struct store_conn *c, const struct dossier_ctx *x, struct dossier_rec *r,
			       struct mc_error *err);
enum mc_err dossier_read_applicant(json_t *a, json_t **out, struct dossier_rec *r, struct mc_error *err);
enum mc_err dossier_read_checklist(json_t *in, json_t *proc_doc, json_t **received, json_t **missing,
				   struct mc_error *err);
json_int_t dossier_fee_total(json_t *proc_doc);
enum mc_err dossier_push_event(struct dossier_ctx *x, const struct dossier_event *ev, struct mc_error *err);
/* Fill e's free-form members from JSON (input or a stored row). */
enum mc_err dossier_event_fields(json_t *j, struct dossier_event *e, struct mc_error *err);

/* The dossier's document (applicant, documents received and missing,
 * delivery, fees; "imported": true last when imported) and its cached
 * columns, from a prepared x.  applicant, received and missing are stolen;
 * delivery is borrowed. */
enum mc_err dossier_finish_row(struct store_conn *c, struct dossier_ctx *x, json_t *applicant, json_t *received,
			       json_t *missing, json_t *delivery, bool imported, struct mc_error *err);

#endif
