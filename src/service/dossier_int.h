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

#endif
