/*
 * service_index.h - the real-time index of service to citizens and
 * businesses in the spirit of Quyết định 766/QĐ-TTg (2022): six groups, each
 * a share in percent computed from counts, and a weighted total out of 100.
 * Pure: the caller counts (struct service_index_counts) from the store.
 *
 * Groups and formulas (docs/QUALITY.md):
 *   publicity     = procedures published (in force with a decision) /
 *                   procedures in force, of the units in scope;
 *   progress      = dossiers resolved early or on time / resolved and
 *                   classified (early + on time + late) in the period;
 *   online        = dossiers received online in the period / received in
 *                   the period;
 *   payment       = dossiers with a fee paid online / dossiers with a fee
 *                   (no payments yet: 0 paid, so 0 whenever there are fees);
 *   satisfaction  = ratings "satisfied" / ratings (hook: no ratings, no data);
 *   digitisation  = dossiers received in the period with a scanned component
 *                   or an electronic result / received in the period.
 * A group with a zero denominator has no data (null) and is left out of the
 * total, whose weights are renormalised over the groups with data:
 * total = sum(w_g * share_g) / sum(w_g).  Default weights (18, 20, 12, 10,
 * 18, 22: "to verify" against the decision) come from
 * service_index_weights_default() and can be replaced by a JSON document.
 */
#ifndef MC_SERVICE_INDEX_H
#define MC_SERVICE_INDEX_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"

enum sindex_group {
	SINDEX_PUBLICITY = 0,
	SINDEX_PROGRESS,
	SINDEX_ONLINE,
	SINDEX_PAYMENT,
	SINDEX_SATISFACTION,
	SINDEX_DIGITISATION,
	SINDEX__COUNT
};

struct service_index_counts {
	int64_t procedures, procedures_published;
	int64_t classified, on_time;        /* on_time: early + on time */
	int64_t received, received_online;
	int64_t with_fee, paid_online;
	int64_t ratings, satisfied;
	int64_t digitised;                  /* of received */
};

struct service_index_weights {
	double w[SINDEX__COUNT];
};

struct service_index_result {
	bool has[SINDEX__COUNT];
	double share[SINDEX__COUNT];        /* percent, 0..100; valid when has[] */
	int64_t num[SINDEX__COUNT], den[SINDEX__COUNT];
	bool has_total;
	double total;                       /* 0..100 */
};

const char *sindex_group_name(enum sindex_group g); /* "publicity" ... */
const char *sindex_group_vi(enum sindex_group g);
const char *sindex_group_en(enum sindex_group g);
const char *sindex_group_formula(enum sindex_group g); /* one line, English */

void service_index_weights_default(struct service_index_weights *w);
/* {"publicity": 18, ...}: members absent keep their value; each weight a
 * number 0..100, not all zero.  MC_EINVAL naming the member; w unchanged on
 * failure. */
enum mc_err service_index_weights_apply(struct service_index_weights *w, json_t *doc, struct mc_error *err);

void service_index_compute(const struct service_index_counts *c, const struct service_index_weights *w,
			   struct service_index_result *out);

#endif
