/*
 * catalog.c - procedure documents: validation, search text, ranking (see
 * catalog.h).  The checks follow docs/CATALOG_FORMAT.md member by member.
 */
#include "domain/catalog.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/fold.h"
#include "core/utf8.h"

/* Fail with both messages prefixed by the procedure and the member. */
static enum mc_err bad(struct mc_error *err, const char *proc, const char *member, const char *vi,
		       const char *en, ...)
{
	char v[200], e[200];
	va_list ap;

	va_start(ap, en);
	vsnprintf(v, sizeof v, vi, ap);
	va_end(ap);
	va_start(ap, en);
	vsnprintf(e, sizeof e, en, ap);
	va_end(ap);
	if (!err)
		return MC_EINVAL;
	err->code = MC_EINVAL;
	snprintf(err->field, sizeof err->field, "%s", member);
	snprintf(err->msg_vi, sizeof err->msg_vi, "Thủ tục %.40s, mục '%s': %s", *proc ? proc : "(chưa có mã)",
		 member, v);
	snprintf(err->msg_en, sizeof err->msg_en, "Procedure %.40s, '%s': %s", *proc ? proc : "(no code)", member,
		 e);
	return MC_EINVAL;
}

static bool one_of(const char *s, const char *const *set)
{
	for (; *set; set++)
		if (!strcmp(s, *set))
			return true;
	return false;
}

static const char *const levels[] = {"district", "commune", "province", NULL};
static const char *const onlines[] = {"full", "partial", "none", NULL};
static const char *const statuses[] = {"draft", "in_force", "amended", "replaced", "abolished", NULL};
static const char *const policies[] = {"restart", "pause", NULL};
static const char *const roles[] = {"desk_officer", "specialist", "head", "leader", NULL};
static const char *const applicant_kinds[] = {"individual", "organisation", NULL};
static const char *const channel_kinds[] = {"direct", "postal", "online", NULL};
static const char *const fee_kinds[] = {"le_phi", "phi", NULL};

bool catalog_status_valid(const char *s) { return s && one_of(s, statuses); }
bool catalog_status_open(const char *s) { return s && (!strcmp(s, "in_force") || !strcmp(s, "amended")); }

/* A required (or optional) string member copied into dst. */
static enum mc_err get_str(json_t *doc, const char *proc, const char *key, char *dst, size_t n, bool required,
			   struct mc_error *err)
{
	json_t *v = json_object_get(doc, key);
	const char *s;

	dst[0] = '\0';
	if (!v)
		return required ? bad(err, proc, key, "thiếu mục bắt buộc", "required member missing") : MC_OK;
	if (!json_is_string(v))
		return bad(err, proc, key, "phải là chuỗi ký tự", "must be a string");
	s = json_string_value(v);
	if (strlen(s) >= n)
		return bad(err, proc, key, "dài quá %zu byte", "longer than %zu bytes", n - 1);
	if (!utf8_is_clean_text(s, true))
		return bad(err, proc, key, "chứa ký tự không hợp lệ", "contains invalid characters");
	if (required && !*s)
		return bad(err, proc, key, "không được để trống", "must not be empty");
	memcpy(dst, s, strlen(s) + 1);
	return MC_OK;
}

static enum mc_err get_bool(json_t *doc, const char *proc, const char *key, bool *out, bool dflt,
			    struct mc_error *err)
{
	json_t *v = json_object_get(doc, key);

	if (!v) {
		*out = dflt;
		return MC_OK;
	}
	if (!json_is_boolean(v))
		return bad(err, proc, key, "phải là true hoặc false", "must be true or false");
	*out = json_is_true(v);
	return MC_OK;
}

/* An array of strings, each from `set` when set is given, at least min long. */
static enum mc_err check_str_array(json_t *doc, const char *proc, const char *key, const char *const *set,
				   size_t min, struct mc_error *err)
{
	json_t *a = json_object_get(doc, key), *v;
	size_t i;

	if (!a && min == 0)
		return MC_OK;
	if (!json_is_array(a) || json_array_size(a) < min)
		return bad(err, proc, key, "phải là danh sách có ít nhất %zu phần tử",
			   "must be a list of at least %zu items", min);
	json_array_foreach(a, i, v) {
		if (!json_is_string(v) || !utf8_is_clean_text(json_string_value(v), true) ||
		    strlen(json_string_value(v)) > 4000)
			return bad(err, proc, key, "phần tử %zu phải là chuỗi ký tự hợp lệ",
				   "item %zu must be valid text", i + 1);
		if (set && !one_of(json_string_value(v), set))
			return bad(err, proc, key, "giá trị '%s' không hợp lệ", "invalid value '%s'",
				   json_string_value(v));
	}
	return MC_OK;
}

static bool valid_code(const char *c)
{
	size_t n = strlen(c);

	if (n < 3 || n > 31)
		return false;
	for (; *c; c++)
		if (!((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      *c == '.' || *c == '-' || *c == '_'))
			return false;
	return true;
}

static bool valid_date(const char *d)
{
	int y, m, day;
	char tail;

	return strlen(d) == 10 && sscanf(d, "%4d-%2d-%2d%c", &y, &m, &day, &tail) == 3 && y >= 1945 && y <= 2200 &&
	       m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

static enum mc_err check_time_limit(json_t *doc, const char *proc, struct proc_summary *out, struct mc_error *err)
{
	json_t *tl = json_object_get(doc, "time_limit");
	json_t *days = json_object_get(tl, "days"), *hours = json_object_get(tl, "hours");
	json_t *same = json_object_get(tl, "same_day");

	if (!json_is_object(tl) || (days != NULL) + (hours != NULL) + (same != NULL) != 1 || json_object_size(tl) != 1)
		return bad(err, proc, "time_limit",
			   "cần đúng một trong {\"days\": N}, {\"hours\": N}, {\"same_day\": true}",
			   "needs exactly one of {\"days\": N}, {\"hours\": N}, {\"same_day\": true}");
	if (days) {
		if (!json_is_integer(days) || json_integer_value(days) < 1 || json_integer_value(days) > 365)
			return bad(err, proc, "time_limit", "số ngày làm việc phải từ 1 đến 365",
				   "working days must be 1 to 365");
		out->tl_kind = TL_DAYS;
		out->tl_value = (int)json_integer_value(days);
	} else if (hours) {
		if (!json_is_integer(hours) || json_integer_value(hours) < 1 || json_integer_value(hours) > 2000)
			return bad(err, proc, "time_limit", "số giờ làm việc phải từ 1 đến 2000",
				   "working hours must be 1 to 2000");
		out->tl_kind = TL_HOURS;
		out->tl_value = (int)json_integer_value(hours);
	} else {
		if (!json_is_true(same))
			return bad(err, proc, "time_limit", "same_day phải là true", "same_day must be true");
		out->tl_kind = TL_SAME_DAY;
		out->tl_value = 0;
	}
	return MC_OK;
}

static enum mc_err check_fees(json_t *doc, const char *proc, struct mc_error *err)
{
	json_t *a = json_object_get(doc, "fees"), *f;
	size_t i;

	if (!a)
		return MC_OK;
	if (!json_is_array(a))
		return bad(err, proc, "fees", "phải là danh sách", "must be a list");
	json_array_foreach(a, i, f) {
		json_t *amount = json_object_get(f, "amount");
		const char *kind = json_string_value(json_object_get(f, "kind"));
		const char *name = json_string_value(json_object_get(f, "name"));

		if (!kind || !one_of(kind, fee_kinds))
			return bad(err, proc, "fees", "khoản %zu: kind phải là le_phi hoặc phi",
				   "item %zu: kind must be le_phi or phi", i + 1);
		if (!name || !*name || !utf8_is_clean_text(name, true))
			return bad(err, proc, "fees", "khoản %zu: thiếu tên", "item %zu: name missing", i + 1);
		if (!json_is_integer(amount) || json_integer_value(amount) < 0 ||
		    json_integer_value(amount) > 1000000000000LL)
			return bad(err, proc, "fees", "khoản %zu: số tiền phải là số nguyên đồng, không âm",
				   "item %zu: amount must be a whole, non-negative number of VND", i + 1);
	}
	return MC_OK;
}

static enum mc_err check_documents(json_t *doc, const char *proc, struct mc_error *err)
{
	json_t *a = json_object_get(doc, "documents"), *d;
	size_t i;

	if (!json_is_array(a))
		return bad(err, proc, "documents", "phải là danh sách thành phần hồ sơ",
			   "must be the list of required documents");
	json_array_foreach(a, i, d) {
		const char *name = json_string_value(json_object_get(d, "name"));
		json_t *orig = json_object_get(d, "originals"), *copies = json_object_get(d, "copies");

		if (!name || !*name || strlen(name) > 2000 || !utf8_is_clean_text(name, true))
			return bad(err, proc, "documents", "giấy tờ %zu: thiếu tên", "document %zu: name missing",
				   i + 1);
		if ((orig && (!json_is_integer(orig) || json_integer_value(orig) < 0 || json_integer_value(orig) > 99)) ||
		    (copies && (!json_is_integer(copies) || json_integer_value(copies) < 0 ||
				json_integer_value(copies) > 99)))
			return bad(err, proc, "documents", "giấy tờ %zu: số bản chính/bản sao phải từ 0 đến 99",
				   "document %zu: originals/copies must be 0 to 99", i + 1);
		if ((json_object_get(d, "required") && !json_is_boolean(json_object_get(d, "required"))) ||
		    (json_object_get(d, "certified_copy") && !json_is_boolean(json_object_get(d, "certified_copy"))))
			return bad(err, proc, "documents", "giấy tờ %zu: required/certified_copy phải là true hoặc false",
				   "document %zu: required/certified_copy must be true or false", i + 1);
	}
	return MC_OK;
}

/* Hours in half-hour steps, as working minutes. */
static bool step_minutes(json_t *hours, int *out)
{
	double h;

	if (!json_is_number(hours))
		return false;
	h = json_number_value(hours);
	if (h <= 0 || h > 4000 || fabs(h * 2 - round(h * 2)) > 1e-9)
		return false;
	*out = (int)lround(h * 60);
	return true;
}

static enum mc_err check_process(json_t *doc, const char *proc, const struct catalog_refs *refs,
				 struct proc_summary *out, struct mc_error *err)
{
	json_t *a = json_object_get(doc, "process"), *s;
	size_t i;
	int total = 0, limit;

	if (!json_is_array(a) || json_array_size(a) == 0 || json_array_size(a) > CATALOG_MAX_STEPS)
		return bad(err, proc, "process", "quy trình nội bộ cần từ 1 đến %d bước",
			   "the internal process needs 1 to %d steps", CATALOG_MAX_STEPS);
	out->nsteps = 0;
	json_array_foreach(a, i, s) {
		struct proc_step *st = &out->steps[out->nsteps];
		const char *name = json_string_value(json_object_get(s, "name"));
		const char *unit = json_string_value(json_object_get(s, "unit"));
		const char *role = json_string_value(json_object_get(s, "role"));

		if (!name || !*name || strlen(name) >= sizeof st->name)
			return bad(err, proc, "process", "bước %zu: thiếu tên bước", "step %zu: name missing", i + 1);
		if (!role || !one_of(role, roles))
			return bad(err, proc, "process",
				   "bước %zu: vai trò phải là desk_officer, specialist, head hoặc leader",
				   "step %zu: role must be desk_officer, specialist, head or leader", i + 1);
		if (!unit || strlen(unit) >= sizeof st->unit)
			return bad(err, proc, "process", "bước %zu: thiếu đơn vị thực hiện",
				   "step %zu: unit missing", i + 1);
		if (!strcmp(unit, "$commune") && strcmp(out->level, "commune") && !out->inter_level)
			return bad(err, proc, "process",
				   "bước %zu: \"$commune\" chỉ dùng cho thủ tục cấp xã hoặc liên thông",
				   "step %zu: \"$commune\" is only for commune-level or inter-level procedures", i + 1);
		if (unit[0] != '$' && refs && refs->unit_exists && !refs->unit_exists(refs->ctx, unit))
			return bad(err, proc, "process", "bước %zu: không có đơn vị '%s'", "step %zu: no unit '%s'",
				   i + 1, unit);
		if (unit[0] == '$' && strcmp(unit, "$desk") && strcmp(unit, "$commune"))
			return bad(err, proc, "process", "bước %zu: đơn vị '%s' không hợp lệ (dùng $desk, $commune hoặc mã đơn vị)",
				   "step %zu: invalid unit '%s' (use $desk, $commune or a unit code)", i + 1, unit);
		if (!step_minutes(json_object_get(s, "hours"), &st->minutes))
			return bad(err, proc, "process", "bước %zu: số giờ phải dương, theo bội số 0,5 giờ",
				   "step %zu: hours must be positive, in steps of 0.5", i + 1);
		snprintf(st->name, sizeof st->name, "%s", name);
		snprintf(st->unit, sizeof st->unit, "%s", unit);
		snprintf(st->role, sizeof st->role, "%s", role);
		total += st->minutes;
		out->nsteps++;
	}
	if (out->tl_kind == TL_SAME_DAY) {
		if (total > CATALOG_DAY_MINUTES)
			return bad(err, proc, "process",
				   "thủ tục giải quyết trong ngày nhưng các bước cộng lại %g giờ (tối đa 8 giờ)",
				   "a same-day procedure whose steps add up to %g hours (at most 8)", total / 60.0);
		return MC_OK;
	}
	limit = out->tl_kind == TL_DAYS ? out->tl_value * CATALOG_DAY_MINUTES : out->tl_value * 60;
	if (total != limit) {
		if (out->tl_kind == TL_DAYS)
			return bad(err, proc, "process",
				   "các bước cộng lại %g giờ nhưng thời hạn là %d ngày làm việc (%d giờ)",
				   "the steps add up to %g hours but the time limit is %d working days (%d hours)",
				   total / 60.0, out->tl_value, out->tl_value * 8);
		return bad(err, proc, "process", "các bước cộng lại %g giờ nhưng thời hạn là %d giờ làm việc",
			   "the steps add up to %g hours but the time limit is %d working hours", total / 60.0,
			   out->tl_value);
	}
	return MC_OK;
}

enum mc_err catalog_validate(json_t *doc, const struct catalog_refs *refs, struct proc_summary *out,
			     struct mc_error *err)
{
	const char *p = "";
	json_t *dec;
	enum mc_err rc;

	memset(out, 0, sizeof *out);
	if (!json_is_object(doc))
		return bad(err, p, "procedure", "phải là một đối tượng JSON", "must be a JSON object");
	if ((rc = get_str(doc, p, "code", out->code, sizeof out->code, true, err)))
		return rc;
	p = out->code;
	if (!valid_code(out->code))
		return bad(err, p, "code", "mã thủ tục chỉ gồm chữ, số, dấu chấm, gạch (3-31 ký tự)",
			   "a procedure code has 3-31 letters, digits, dots or dashes");
	if ((rc = get_str(doc, p, "name", out->name, sizeof out->name, true, err)) ||
	    (rc = get_str(doc, p, "field", out->field, sizeof out->field, true, err)) ||
	    (rc = get_str(doc, p, "level", out->level, sizeof out->level, true, err)) ||
	    (rc = get_str(doc, p, "agency", out->agency, sizeof out->agency, true, err)) ||
	    (rc = get_str(doc, p, "online", out->online, sizeof out->online, true, err)) ||
	    (rc = get_str(doc, p, "status", out->status, sizeof out->status, true, err)) ||
	    (rc = get_str(doc, p, "supplement_policy", out->supplement_policy, sizeof out->supplement_policy, false,
			  err)) ||
	    (rc = get_bool(doc, p, "inter_level", &out->inter_level, false, err)) ||
	    (rc = get_bool(doc, p, "postal_return", &out->postal_return, false, err)))
		return rc;
	{
		char tmp[4096];

		if ((rc = get_str(doc, p, "name_en", tmp, 512, false, err)) ||
		    (rc = get_str(doc, p, "result", tmp, sizeof tmp, true, err)) ||
		    (rc = get_str(doc, p, "conditions", tmp, sizeof tmp, false, err)) ||
		    (rc = get_str(doc, p, "time_limit_text", tmp, 1024, false, err)) ||
		    (rc = get_str(doc, p, "replaced_by", tmp, 32, false, err)))
			return rc;
	}
	if (!out->supplement_policy[0])
		snprintf(out->supplement_policy, sizeof out->supplement_policy, "restart");
	if (!one_of(out->level, levels))
		return bad(err, p, "level", "cấp phải là district, commune hoặc province",
			   "level must be district, commune or province");
	if (!one_of(out->online, onlines))
		return bad(err, p, "online", "phải là full, partial hoặc none", "must be full, partial or none");
	if (!one_of(out->status, statuses))
		return bad(err, p, "status", "phải là draft, in_force, amended, replaced hoặc abolished",
			   "must be draft, in_force, amended, replaced or abolished");
	if (!one_of(out->supplement_policy, policies))
		return bad(err, p, "supplement_policy", "phải là restart hoặc pause", "must be restart or pause");
	if (refs && refs->field_exists && !refs->field_exists(refs->ctx, out->field))
		return bad(err, p, "field", "không có lĩnh vực '%s'", "no field '%s'", out->field);
	if (!strcmp(out->agency, "$commune")) {
		if (strcmp(out->level, "commune"))
			return bad(err, p, "agency", "\"$commune\" chỉ dùng cho thủ tục cấp xã",
				   "\"$commune\" is only for commune-level procedures");
	} else if (refs && refs->unit_exists && !refs->unit_exists(refs->ctx, out->agency)) {
		return bad(err, p, "agency", "không có đơn vị '%s'", "no unit '%s'", out->agency);
	}
	if ((rc = check_str_array(doc, p, "applicants", applicant_kinds, 1, err)) ||
	    (rc = check_str_array(doc, p, "channels", channel_kinds, 1, err)) ||
	    (rc = check_str_array(doc, p, "steps", NULL, 0, err)) ||
	    (rc = check_str_array(doc, p, "legal_basis", NULL, 0, err)) || (rc = check_time_limit(doc, p, out, err)) ||
	    (rc = check_fees(doc, p, err)) || (rc = check_documents(doc, p, err)) ||
	    (rc = check_process(doc, p, refs, out, err)))
		return rc;
	if (strcmp(out->online, "none")) {
		json_t *ch = json_object_get(doc, "channels"), *v;
		size_t i;
		bool has = false;

		json_array_foreach(ch, i, v) has = has || !strcmp(json_string_value(v), "online");
		if (!has)
			return bad(err, p, "channels", "dịch vụ công trực tuyến phải có kênh \"online\"",
				   "an online service must list the \"online\" channel");
	}
	dec = json_object_get(doc, "decision");
	if (dec || strcmp(out->status, "draft")) {
		const char *num = json_string_value(json_object_get(dec, "number"));
		const char *date = json_string_value(json_object_get(dec, "date"));

		if (!json_is_object(dec) || !num || !*num || !date || !valid_date(date))
			return bad(err, p, "decision",
				   "cần quyết định công bố {\"number\", \"date\": \"YYYY-MM-DD\", \"issuer\"}",
				   "needs the publishing decision {\"number\", \"date\": \"YYYY-MM-DD\", \"issuer\"}");
	}
	return MC_OK;
}

/* ---- search ---------------------------------------------------------- */

static char *folded_dup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *out = malloc(n);

	if (out)
		fold_text(s, out, n); /* folding never makes text longer */
	return out;
}

enum mc_err catalog_search_text(json_t *doc, const char *field_name, struct catalog_search_text *out)
{
	struct buf body;
	json_t *v, *d;
	size_t i;
	const char *name_en = json_string_value(json_object_get(doc, "name_en"));
	const char *result = json_string_value(json_object_get(doc, "result"));

	memset(out, 0, sizeof *out);
	buf_init(&body, 1u << 20);
	if (name_en)
		buf_printf(&body, "%s\n", name_en);
	if (result)
		buf_printf(&body, "%s\n", result);
	json_array_foreach(json_object_get(doc, "documents"), i, d) {
		v = json_object_get(d, "name");
		if (json_is_string(v))
			buf_printf(&body, "%s\n", json_string_value(v));
	}
	out->name = folded_dup(json_string_value(json_object_get(doc, "name")) ?: "");
	out->code = strdup(json_string_value(json_object_get(doc, "code")) ?: "");
	out->field = folded_dup(field_name ? field_name : "");
	out->body = folded_dup(buf_str(&body));
	buf_release(&body);
	if (!out->name || !out->code || !out->field || !out->body) {
		catalog_search_text_release(out);
		return MC_ENOMEM;
	}
	return MC_OK;
}

void catalog_search_text_release(struct catalog_search_text *t)
{
	free(t->name);
	free(t->code);
	free(t->field);
	free(t->body);
	memset(t, 0, sizeof *t);
}

size_t catalog_fts_query(const char *typed, char *out, size_t n)
{
	char folded[512];
	char *words[32];
	char *save = NULL, *w;
	int nwords = 0;
	size_t k = 0;

	if (n == 0)
		return 0;
	out[0] = '\0';
	fold_text(typed, folded, sizeof folded);
	for (w = strtok_r(folded, " ", &save); w && nwords < 32; w = strtok_r(NULL, " ", &save))
		words[nwords++] = w;
	for (int i = 0; i < nwords; i++) {
		/* folded words are [a-z0-9] only, so quoting is enough */
		int m = snprintf(out + k, n - k, "%s\"%s\"%s", i ? " " : "", words[i], i == nwords - 1 ? "*" : "");

		if (m < 0 || (size_t)m >= n - k) {
			out[k] = '\0';
			break; /* keep the words that fit */
		}
		k += (size_t)m;
	}
	return k;
}

double catalog_rank(const char *folded_query, const char *name, double engine_rank)
{
	char q[512], nm[1024];
	char *save = NULL, *w;
	int qwords = 0, found = 0, nwords = 0;
	double score;

	snprintf(q, sizeof q, "%s", folded_query);
	fold_text(name, nm, sizeof nm);
	for (char *p = nm; *p;) {
		while (*p == ' ')
			p++;
		if (*p)
			nwords++;
		while (*p && *p != ' ')
			p++;
	}
	for (w = strtok_r(q, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		size_t wl = strlen(w);
		const char *hit = nm;

		qwords++;
		/* a whole word of the name, or its prefix (for the word being typed) */
		while ((hit = strstr(hit, w))) {
			if (hit == nm || hit[-1] == ' ') {
				found++;
				break;
			}
			hit += wl;
		}
	}
	if (qwords == 0 || nwords == 0)
		return -engine_rank;
	/* Every query word in the name is worth the most; then the share of the
	 * name those words cover; the engine's rank only breaks ties. */
	score = 100.0 * found / qwords + 10.0 * (double)found / nwords;
	return score * 1000.0 - engine_rank;
}
