/*
 * metrics.c - Prometheus counters (see metrics.h).
 */
#include "core/metrics.h"

#include <stdatomic.h>
#include <stdio.h>

/* Statuses worth their own series; everything else is counted as "other". */
static const int statuses[] = {200, 201, 204, 304, 400, 401, 403, 404, 405, 409, 410, 413, 415, 429, 500, 503};
#define NSTATUS (sizeof statuses / sizeof statuses[0])
#define NSLOTS (METRICS_MAX_ROUTES + 2)

static const double buckets[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
#define NBUCKETS (sizeof buckets / sizeof buckets[0])

static atomic_ulong counts[NSLOTS][NSTATUS + 1];
static atomic_ulong hist[NSLOTS][NBUCKETS + 1]; /* last = +Inf */
static atomic_ulong sum_us[NSLOTS];

static int status_index(int status)
{
	for (size_t i = 0; i < NSTATUS; i++)
		if (statuses[i] == status)
			return (int)i;
	return NSTATUS;
}

void metrics_observe(int slot, int status, double seconds)
{
	size_t b = 0;

	if (slot < 0 || slot >= NSLOTS)
		slot = METRICS_SLOT_OTHER;
	atomic_fetch_add_explicit(&counts[slot][status_index(status)], 1, memory_order_relaxed);
	while (b < NBUCKETS && seconds > buckets[b])
		b++;
	atomic_fetch_add_explicit(&hist[slot][b], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&sum_us[slot], (unsigned long)(seconds * 1e6), memory_order_relaxed);
}

static const char *slot_label(int slot, int nroutes, const char *(*label)(int))
{
	if (slot == METRICS_SLOT_STATIC)
		return "static";
	if (slot == METRICS_SLOT_OTHER)
		return "other";
	return slot < nroutes ? label(slot) : "?";
}

void metrics_render(struct buf *out, int nroutes, const char *(*label)(int), long db_errors,
		    double uptime_seconds)
{
	buf_puts(out, "# HELP motcua_http_requests_total HTTP requests by route and status.\n"
		      "# TYPE motcua_http_requests_total counter\n");
	for (int s = 0; s < NSLOTS; s++) {
		if (s >= nroutes && s < METRICS_MAX_ROUTES)
			continue;
		for (size_t i = 0; i <= NSTATUS; i++) {
			unsigned long n = atomic_load(&counts[s][i]);
			char st[8];

			if (!n)
				continue;
			if (i < NSTATUS)
				snprintf(st, sizeof st, "%d", statuses[i]);
			else
				snprintf(st, sizeof st, "other");
			buf_printf(out, "motcua_http_requests_total{route=\"%s\",status=\"%s\"} %lu\n",
				   slot_label(s, nroutes, label), st, n);
		}
	}
	buf_puts(out, "# HELP motcua_http_request_duration_seconds Time to answer, by route.\n"
		      "# TYPE motcua_http_request_duration_seconds histogram\n");
	for (int s = 0; s < NSLOTS; s++) {
		unsigned long cum = 0;
		const char *l;

		if (s >= nroutes && s < METRICS_MAX_ROUTES)
			continue;
		for (size_t b = 0; b <= NBUCKETS; b++)
			cum += atomic_load(&hist[s][b]);
		if (!cum)
			continue;
		l = slot_label(s, nroutes, label);
		cum = 0;
		for (size_t b = 0; b <= NBUCKETS; b++) {
			cum += atomic_load(&hist[s][b]);
			if (b < NBUCKETS)
				buf_printf(out, "motcua_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %lu\n",
					   l, buckets[b], cum);
			else
				buf_printf(out, "motcua_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %lu\n",
					   l, cum);
		}
		buf_printf(out, "motcua_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n", l,
			   (double)atomic_load(&sum_us[s]) / 1e6);
		buf_printf(out, "motcua_http_request_duration_seconds_count{route=\"%s\"} %lu\n", l, cum);
	}
	buf_printf(out, "# HELP motcua_db_errors_total Database operations that failed.\n"
			"# TYPE motcua_db_errors_total counter\nmotcua_db_errors_total %ld\n",
		   db_errors);
	buf_printf(out, "# HELP motcua_uptime_seconds Seconds since the server started.\n"
			"# TYPE motcua_uptime_seconds gauge\nmotcua_uptime_seconds %.0f\n",
		   uptime_seconds);
}
