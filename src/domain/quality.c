/*
 * quality.c - scoring one dossier on the nine indicators of Nghị định
 * 61/2018 / Thông tư 01/2018, the 18-point total, averages and bands.
 * The rules are described in quality.h and docs/QUALITY.md; every number
 * here is a default that quality_settings_apply() may replace.
 */
#include "domain/quality.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const names[QUALITY__COUNT] = {"total_time", "step_time", "contacts", "bodies", "one_stop",
						  "publicity", "attitude", "feedback", "online"};
static const char *const names_vi[QUALITY__COUNT] = {
	"Tổng thời gian giải quyết TTHC so với quy định",
	"Thời gian thực hiện của từng cơ quan, đơn vị tham gia giải quyết",
	"Số lần liên hệ để hoàn thiện hồ sơ",
	"Số cơ quan, đơn vị phải liên hệ để hoàn thiện hồ sơ",
	"Thực hiện tiếp nhận, trả kết quả qua Bộ phận Một cửa",
	"Công khai thủ tục hành chính",
	"Thái độ của cán bộ, công chức",
	"Tiếp nhận, xử lý phản ánh, kiến nghị đúng hạn",
	"Cung cấp, sử dụng dịch vụ công trực tuyến",
};
static const char *const names_en[QUALITY__COUNT] = {
	"Total resolution time against the deadline",
	"Time of each unit taking part",
	"Contacts needed to complete the dossier",
	"Bodies to contact to complete the dossier",
	"Received and returned through the one-stop desk",
	"Publicity of the procedure",
	"Staff attitude",
	"Feedback handled on time",
	"Online public service",
};

const char *quality_ind_name(enum quality_ind i)
{
	return (unsigned)i < QUALITY__COUNT ? names[i] : "";
}

const char *quality_ind_vi(enum quality_ind i)
{
	return (unsigned)i < QUALITY__COUNT ? names_vi[i] : "";
}

const char *quality_ind_en(enum quality_ind i)
{
	return (unsigned)i < QUALITY__COUNT ? names_en[i] : "";
}

/* ---------------------------------------------------------------- settings */

static void band(struct quality_band *b, double min, const char *key, const char *vi, const char *en)
{
	b->min = min;
	snprintf(b->key, sizeof b->key, "%s", key);
	snprintf(b->vi, sizeof b->vi, "%s", vi);
	snprintf(b->en, sizeof b->en, "%s", en);
}

void quality_settings_default(struct quality_settings *s)
{
	memset(s, 0, sizeof *s);
	s->total_time[0] = 2, s->total_time[1] = 1, s->total_time[2] = 0;
	s->step_late = (struct quality_count_rule){{2, 1, 0}};
	s->contacts = (struct quality_count_rule){{2, 1, 0}};
	s->bodies = (struct quality_count_rule){{2, 1, 0}};
	s->bodies_count_opinions = false; /* consulted by the authorities, not by the citizen */
	s->bodies_count_inter_level = false;
	s->one_stop[0] = 0, s->one_stop[1] = 2;
	s->publicity[0] = 0, s->publicity[1] = 1, s->publicity[2] = 2;
	s->online[0] = 0, s->online[1] = 1, s->online[2] = 2;
	s->feedback_full = 2;
	s->feedback_partial_pct = 90;
	for (int i = 0; i < QUALITY__COUNT; i++)
		s->enabled[i] = true;
	band(&s->bands[0], 15, "excellent", "Xuất sắc", "Excellent");
	band(&s->bands[1], 12, "good", "Tốt", "Good");
	band(&s->bands[2], 9, "fair", "Khá", "Fair");
	band(&s->bands[3], 6, "average", "Trung bình", "Average");
	band(&s->bands[4], 0, "weak", "Yếu", "Weak");
	s->nbands = 5;
}

static enum mc_err bad(struct mc_error *err, const char *member)
{
	return mc_failf(err, MC_EINVAL, member, "Thiết lập '%s' không hợp lệ (điểm từ 0 đến 2)",
			"Setting '%s' is invalid (scores are 0 to 2)", member);
}

/* n scores 0..2 from an array of exactly n integers. */
static enum mc_err scores(json_t *doc, const char *member, int *dst, size_t n, struct mc_error *err)
{
	json_t *a = json_object_get(doc, member), *v;
	int tmp[3];
	size_t i;

	if (!a)
		return MC_OK;
	if (!json_is_array(a) || json_array_size(a) != n)
		return bad(err, member);
	json_array_foreach(a, i, v) {
		if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 2)
			return bad(err, member);
		tmp[i] = (int)json_integer_value(v);
	}
	memcpy(dst, tmp, n * sizeof *dst);
	return MC_OK;
}

static enum mc_err flag(json_t *doc, const char *member, bool *dst, struct mc_error *err)
{
	json_t *v = json_object_get(doc, member);

	if (!v)
		return MC_OK;
	if (!json_is_boolean(v))
		return mc_failf(err, MC_EINVAL, member, "Thiết lập '%s' phải là true hoặc false",
				"Setting '%s' must be true or false", member);
	*dst = json_is_true(v);
	return MC_OK;
}

static int ind_parse(const char *s)
{
	for (int i = 0; s && i < QUALITY__COUNT; i++)
		if (!strcmp(s, names[i]))
			return i;
	return -1;
}

static enum mc_err read_bands(struct quality_settings *s, json_t *a, struct mc_error *err)
{
	json_t *b;
	size_t i;

	if (!json_is_array(a) || !json_array_size(a) || json_array_size(a) > QUALITY_MAX_BANDS)
		return mc_fail(err, MC_EINVAL, "bands", "Cần 1 đến 8 mức xếp loại (bands)", "1 to 8 bands are needed");
	json_array_foreach(a, i, b) {
		json_t *min = json_object_get(b, "min");
		const char *key = json_string_value(json_object_get(b, "key"));
		const char *vi = json_string_value(json_object_get(b, "vi"));
		const char *en = json_string_value(json_object_get(b, "en"));

		if (!json_is_number(min) || json_number_value(min) < 0 || json_number_value(min) > 18 || !key || !*key ||
		    strlen(key) >= sizeof s->bands[0].key || (vi && strlen(vi) >= sizeof s->bands[0].vi) ||
		    (en && strlen(en) >= sizeof s->bands[0].en) ||
		    (i > 0 && json_number_value(min) >= s->bands[i - 1].min))
			return mc_failf(err, MC_EINVAL, "bands",
					"Mức xếp loại thứ %zu không hợp lệ: cần min (0..18, giảm dần), key, vi, en",
					"Band %zu is invalid: min (0..18, decreasing), key, vi, en are needed", i + 1);
		band(&s->bands[i], json_number_value(min), key, vi ? vi : key, en ? en : key);
	}
	s->nbands = (int)json_array_size(a);
	return MC_OK;
}

enum mc_err quality_settings_apply(struct quality_settings *s, json_t *doc, struct mc_error *err)
{
	struct quality_settings t = *s; /* work on a copy: s unchanged on failure */
	json_t *fb, *dis, *v;
	size_t i;
	enum mc_err rc;

	if (!doc)
		return MC_OK;
	if (!json_is_object(doc))
		return mc_fail(err, MC_EINVAL, "settings", "Thiết lập phải là một đối tượng JSON",
			       "The settings must be a JSON object");
	if ((rc = scores(doc, "total_time", t.total_time, 3, err)) ||
	    (rc = scores(doc, "step_late", t.step_late.by_count, 3, err)) ||
	    (rc = scores(doc, "contacts", t.contacts.by_count, 3, err)) ||
	    (rc = scores(doc, "bodies", t.bodies.by_count, 3, err)) || (rc = scores(doc, "one_stop", t.one_stop, 2, err)) ||
	    (rc = scores(doc, "publicity", t.publicity, 3, err)) || (rc = scores(doc, "online", t.online, 3, err)) ||
	    (rc = flag(doc, "bodies_count_opinions", &t.bodies_count_opinions, err)) ||
	    (rc = flag(doc, "bodies_count_inter_level", &t.bodies_count_inter_level, err)))
		return rc;
	if ((fb = json_object_get(doc, "feedback"))) {
		json_t *full = json_object_get(fb, "full"), *pct = json_object_get(fb, "partial_pct");

		if ((full && (!json_is_integer(full) || json_integer_value(full) < 0 || json_integer_value(full) > 2)) ||
		    (pct && (!json_is_integer(pct) || json_integer_value(pct) < 0 || json_integer_value(pct) > 100)))
			return bad(err, "feedback");
		if (full)
			t.feedback_full = (int)json_integer_value(full);
		if (pct)
			t.feedback_partial_pct = (int)json_integer_value(pct);
	}
	if ((dis = json_object_get(doc, "disabled"))) {
		if (!json_is_array(dis))
			return mc_fail(err, MC_EINVAL, "disabled", "disabled là danh sách tên chỉ số",
				       "disabled is a list of indicator names");
		for (int k = 0; k < QUALITY__COUNT; k++)
			t.enabled[k] = true;
		json_array_foreach(dis, i, v) {
			int k = ind_parse(json_string_value(v));

			if (k < 0)
				return mc_failf(err, MC_EINVAL, "disabled", "Không có chỉ số '%s'", "No indicator '%s'",
						json_string_value(v) ? json_string_value(v) : "?");
			t.enabled[k] = false;
		}
	}
	if ((v = json_object_get(doc, "bands")) && (rc = read_bands(&t, v, err)))
		return rc;
	*s = t;
	return MC_OK;
}

static json_t *ints(const int *a, size_t n)
{
	json_t *j = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(j, json_integer(a[i]));
	return j;
}

json_t *quality_settings_json(const struct quality_settings *s)
{
	json_t *bands = json_array(), *dis = json_array();

	for (int i = 0; i < s->nbands; i++)
		json_array_append_new(bands, json_pack("{s:f, s:s, s:s, s:s}", "min", s->bands[i].min, "key",
						       s->bands[i].key, "vi", s->bands[i].vi, "en", s->bands[i].en));
	for (int i = 0; i < QUALITY__COUNT; i++)
		if (!s->enabled[i])
			json_array_append_new(dis, json_string(names[i]));
	return json_pack("{s:o, s:o, s:o, s:o, s:b, s:b, s:o, s:o, s:o, s:{s:i, s:i}, s:o, s:o}", "total_time",
			 ints(s->total_time, 3), "step_late", ints(s->step_late.by_count, 3), "contacts",
			 ints(s->contacts.by_count, 3), "bodies", ints(s->bodies.by_count, 3), "bodies_count_opinions",
			 s->bodies_count_opinions, "bodies_count_inter_level", s->bodies_count_inter_level, "one_stop",
			 ints(s->one_stop, 2), "publicity", ints(s->publicity, 3), "online", ints(s->online, 3), "feedback",
			 "full", s->feedback_full, "partial_pct", s->feedback_partial_pct, "disabled", dis, "bands", bands);
}

/* ----------------------------------------------------------------- scoring */

static int by_count(const struct quality_count_rule *r, int n)
{
	return r->by_count[n <= 0 ? 0 : n >= 2 ? 2 : n];
}

bool quality_score(const struct quality_settings *s, const struct quality_facts *f, int score[QUALITY__COUNT])
{
	int bodies;

	if (f->outcome != WORKCAL_EARLY && f->outcome != WORKCAL_ON_TIME && f->outcome != WORKCAL_LATE)
		return false;
	score[QUALITY_TOTAL_TIME] = s->total_time[f->outcome - WORKCAL_EARLY];
	/* a dossier whose slip has no finished visit (imported without steps)
	 * tells nothing about the units' time */
	score[QUALITY_STEP_TIME] = f->step_visits_done > 0 ? by_count(&s->step_late, f->step_visits_late)
							    : QUALITY_NOT_SCORED;
	score[QUALITY_CONTACTS] = by_count(&s->contacts, f->supplements);
	bodies = f->transfers + (s->bodies_count_opinions ? f->opinion_bodies : 0) +
		 (s->bodies_count_inter_level && f->inter_level ? 1 : 0);
	score[QUALITY_BODIES] = by_count(&s->bodies, bodies);
	score[QUALITY_ONE_STOP] = s->one_stop[f->at_desk ? 1 : 0];
	score[QUALITY_PUBLICITY] = s->publicity[!f->published ? 0 : f->has_decision ? 2 : 1];
	score[QUALITY_ATTITUDE] = f->rating >= 0 && f->rating <= 2 ? f->rating : QUALITY_NOT_SCORED;
	if (f->feedback_on_time_pct < 0)
		score[QUALITY_FEEDBACK] = QUALITY_NOT_SCORED;
	else
		score[QUALITY_FEEDBACK] = f->feedback_on_time_pct >= 100 ? s->feedback_full
					  : f->feedback_on_time_pct >= s->feedback_partial_pct ? 1 : 0;
	score[QUALITY_ONLINE] = s->online[f->online_submitted ? 2 : f->offer != QUALITY_OFFER_NONE ? 1 : 0];
	for (int i = 0; i < QUALITY__COUNT; i++)
		if (!s->enabled[i])
			score[i] = QUALITY_NOT_SCORED;
	return true;
}

double quality_total18(const int score[QUALITY__COUNT])
{
	int sum = 0, n = 0;

	for (int i = 0; i < QUALITY__COUNT; i++)
		if (score[i] != QUALITY_NOT_SCORED) {
			sum += score[i];
			n++;
		}
	return n ? (double)sum * 18.0 / (2.0 * n) : 0;
}

void quality_acc_add(struct quality_acc *a, const int score[QUALITY__COUNT])
{
	a->dossiers++;
	a->total_sum += quality_total18(score);
	for (int i = 0; i < QUALITY__COUNT; i++)
		if (score[i] != QUALITY_NOT_SCORED) {
			a->ind_sum[i] += score[i];
			a->ind_n[i]++;
		}
}

double quality_acc_mean(const struct quality_acc *a)
{
	return a->dossiers ? a->total_sum / (double)a->dossiers : -1;
}

double quality_acc_ind_mean(const struct quality_acc *a, enum quality_ind i)
{
	return a->ind_n[i] ? (double)a->ind_sum[i] / (double)a->ind_n[i] : -1;
}

double quality_round1(double v)
{
	/* the epsilon absorbs binary error on exact halves (12.25 stored as
	 * 12.2499999...) without moving any value that is not a half */
	return floor(v * 10.0 + 0.5 + 1e-9) / 10.0;
}

const struct quality_band *quality_band_of(const struct quality_settings *s, double total18)
{
	if (s->nbands <= 0)
		return NULL;
	for (int i = 0; i < s->nbands; i++)
		if (total18 >= s->bands[i].min - 1e-9)
			return &s->bands[i];
	return &s->bands[s->nbands - 1];
}
