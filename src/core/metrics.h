/*
 * metrics.h - request counters and latency histograms, rendered in the
 * Prometheus text format.  Lock-free (C11 atomics): recording a request costs
 * a few atomic adds on the hot path.
 *
 * Series are per route slot: the API's route index, plus METRICS_SLOT_STATIC
 * for the web UI's files and METRICS_SLOT_OTHER for everything unmatched.
 */
#ifndef MC_METRICS_H
#define MC_METRICS_H

#include "core/buf.h"

#define METRICS_MAX_ROUTES 160
#define METRICS_SLOT_STATIC (METRICS_MAX_ROUTES)
#define METRICS_SLOT_OTHER (METRICS_MAX_ROUTES + 1)

void metrics_observe(int slot, int status, double seconds);

/* label(i) names route slot i; nroutes is how many API routes there are. */
void metrics_render(struct buf *out, int nroutes, const char *(*label)(int), long db_errors,
		    double uptime_seconds);

#endif
