/*
 * service_index.c - the six groups of the service index (Quyết định
 * 766/QĐ-TTg spirit) as shares of counts, and their weighted total.  See
 * service_index.h for the formulas.
 */
#include "domain/service_index.h"

#include <string.h>

static const char *const names[SINDEX__COUNT] = {"publicity", "progress", "online", "payment", "satisfaction",
						 "digitisation"};
static const char *const names_vi[SINDEX__COUNT] = {"Công khai, minh bạch", "Tiến độ giải quyết",
						    "Dịch vụ công trực tuyến", "Thanh toán trực tuyến",
						    "Mức độ hài lòng", "Số hóa hồ sơ"};
static const char *const names_en[SINDEX__COUNT] = {"Publicity", "Progress", "Online services", "Online payment",
						    "Satisfaction", "Digitisation"};
static const char *const formulas[SINDEX__COUNT] = {
	"procedures published (in force with a decision) / procedures in force",
	"dossiers resolved early or on time / dossiers resolved early, on time or late",
	"dossiers received online / dossiers received",
	"dossiers with a fee paid online / dossiers with a fee",
	"ratings satisfied / ratings",
	"dossiers with a scanned component or an electronic result / dossiers received",
};

const char *sindex_group_name(enum sindex_group g)
{
	return (unsigned)g < SINDEX__COUNT ? names[g] : "";
}

const char *sindex_group_vi(enum sindex_group g)
{
	return (unsigned)g < SINDEX__COUNT ? names_vi[g] : "";
}

const char *sindex_group_en(enum sindex_group g)
{
	return (unsigned)g < SINDEX__COUNT ? names_en[g] : "";
}

const char *sindex_group_formula(enum sindex_group g)
{
	return (unsigned)g < SINDEX__COUNT ? formulas[g] : "";
}

void service_index_weights_default(struct service_index_weights *w)
{
	static const double def[SINDEX__COUNT] = {18, 20, 12, 10, 18, 22};

	memcpy(w->w, def, sizeof def);
}

enum mc_err service_index_weights_apply(struct service_index_weights *w, json_t *doc, struct mc_error *err)
{
	struct service_index_weights t = *w;
	double sum = 0;

	if (!doc)
		return MC_OK;
	if (!json_is_object(doc))
		return mc_fail(err, MC_EINVAL, "weights", "Trọng số phải là một đối tượng JSON",
			       "The weights must be a JSON object");
	for (int g = 0; g < SINDEX__COUNT; g++) {
		json_t *v = json_object_get(doc, names[g]);

		if (!v)
			continue;
		if (!json_is_number(v) || json_number_value(v) < 0 || json_number_value(v) > 100)
			return mc_failf(err, MC_EINVAL, "weights", "Trọng số '%s' phải là số từ 0 đến 100",
					"The weight '%s' must be a number from 0 to 100", names[g]);
		t.w[g] = json_number_value(v);
	}
	for (int g = 0; g < SINDEX__COUNT; g++)
		sum += t.w[g];
	if (sum <= 0)
		return mc_fail(err, MC_EINVAL, "weights", "Các trọng số không thể cùng bằng 0", "The weights cannot all be 0");
	*w = t;
	return MC_OK;
}

void service_index_compute(const struct service_index_counts *c, const struct service_index_weights *w,
			   struct service_index_result *out)
{
	double wsum = 0, acc = 0;

	memset(out, 0, sizeof *out);
	out->num[SINDEX_PUBLICITY] = c->procedures_published, out->den[SINDEX_PUBLICITY] = c->procedures;
	out->num[SINDEX_PROGRESS] = c->on_time, out->den[SINDEX_PROGRESS] = c->classified;
	out->num[SINDEX_ONLINE] = c->received_online, out->den[SINDEX_ONLINE] = c->received;
	out->num[SINDEX_PAYMENT] = c->paid_online, out->den[SINDEX_PAYMENT] = c->with_fee;
	out->num[SINDEX_SATISFACTION] = c->satisfied, out->den[SINDEX_SATISFACTION] = c->ratings;
	out->num[SINDEX_DIGITISATION] = c->digitised, out->den[SINDEX_DIGITISATION] = c->received;
	for (int g = 0; g < SINDEX__COUNT; g++) {
		if (out->den[g] <= 0)
			continue;
		out->has[g] = true;
		out->share[g] = 100.0 * (double)out->num[g] / (double)out->den[g];
		wsum += w->w[g];
		acc += w->w[g] * out->share[g];
	}
	if (wsum > 0) {
		out->has_total = true;
		out->total = acc / wsum;
	}
}
