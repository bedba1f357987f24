/*
 * forms_fields.c - reading the API's JSON views for the forms (dotted paths,
 * the last event of a kind) and writing dates the way Vietnamese forms do
 * ("16 giờ 00 phút, ngày 05/03/2026").  Times in the views are local
 * ("2026-03-05T16:00:00+07:00"): the wall clock is printed as it is.
 */
#include "forms/forms_build.h"
#if FORMS_ENABLED
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/forms_int.h"

json_t *forms_get(const json_t *j, const char *path)
{
	char key[64];
	const char *p = path;

	while (j && *p) {
		const char *dot = strchr(p, '.');
		size_t n = dot ? (size_t)(dot - p) : strlen(p);

		if (n >= sizeof key || !json_is_object(j))
			return NULL;
		memcpy(key, p, n);
		key[n] = '\0';
		j = json_object_get(j, key);
		p += n + (dot ? 1 : 0);
	}
	return (json_t *)j;
}

const char *forms_str(const json_t *j, const char *path)
{
	const char *s = json_string_value(forms_get(j, path));

	return s ? s : "";
}

json_t *forms_last_event(const json_t *dossier, const char *kind, const char *kind2)
{
	const json_t *ev = json_object_get(dossier, "events");

	for (int pass = 0; pass < 2; pass++) {
		const char *want = pass ? kind2 : kind;

		if (!want)
			break;
		for (size_t i = json_array_size(ev); i-- > 0;) {
			json_t *e = json_array_get(ev, i);

			if (!strcmp(forms_str(e, "kind"), want))
				return e;
		}
	}
	return NULL;
}

static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool forms_time_parse(const char *s, struct forms_time *t)
{
	memset(t, 0, sizeof *t);
	if (!s || strlen(s) < 10 || s[4] != '-' || s[7] != '-')
		return false;
	t->y = digits(s, 4);
	t->mo = digits(s + 5, 2);
	t->d = digits(s + 8, 2);
	if (t->y < 1900 || t->mo < 1 || t->mo > 12 || t->d < 1 || t->d > 31)
		return false;
	if ((s[10] == 'T' || s[10] == ' ') && strlen(s) >= 16 && s[13] == ':') {
		t->h = digits(s + 11, 2);
		t->mi = digits(s + 14, 2);
		if (t->h < 0 || t->h > 23 || t->mi < 0 || t->mi > 59)
			return false;
		t->has_time = true;
	}
	return true;
}

void forms_fmt_hm_date(const char *s, char *out, size_t n)
{
	struct forms_time t;

	if (!forms_time_parse(s, &t))
		snprintf(out, n, "…… giờ …… phút, ngày ……/……/…………");
	else if (!t.has_time)
		snprintf(out, n, "ngày %02d/%02d/%04d", t.d, t.mo, t.y);
	else
		/* no-break spaces: a line may wrap after the comma, never inside "16 giờ" */
		snprintf(out, n, "%02d\u00a0giờ\u00a0%02d\u00a0phút, ngày\u00a0%02d/%02d/%04d", t.h, t.mi, t.d, t.mo, t.y);
}

void forms_fmt_date(const char *s, bool want_time, char *out, size_t n)
{
	struct forms_time t;

	if (!forms_time_parse(s, &t))
		snprintf(out, n, "%s", "");
	else if (want_time && t.has_time)
		snprintf(out, n, "%02d:%02d %02d/%02d/%04d", t.h, t.mi, t.d, t.mo, t.y);
	else
		snprintf(out, n, "%02d/%02d/%04d", t.d, t.mo, t.y);
}

void forms_fmt_long_date(const char *s, char *out, size_t n)
{
	struct forms_time t;

	if (!forms_time_parse(s, &t))
		snprintf(out, n, "ngày …… tháng …… năm ……");
	else
		snprintf(out, n, "ngày\u00a0%02d tháng\u00a0%02d năm\u00a0%04d", t.d, t.mo, t.y);
}

void forms_fmt_money(long long v, char *out, size_t n)
{
	char tmp[32], grouped[48];
	int len, j = 0;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	len = snprintf(tmp, sizeof tmp, "%llu", u);
	if (v < 0)
		grouped[j++] = '-';
	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			grouped[j++] = '.';
		grouped[j++] = tmp[i];
	}
	grouped[j] = '\0';
	snprintf(out, n, "%s", grouped);
}

const char *forms_doc_form_vi(const char *form)
{
	if (!strcmp(form, "copy"))
		return "Bản sao";
	if (!strcmp(form, "certified_copy"))
		return "Bản sao chứng thực";
	return "Bản chính";
}

void forms_delivery_text(const json_t *dossier, char *out, size_t n)
{
	const char *method = forms_str(dossier, "delivery.method");
	const char *desk = forms_str(dossier, "desk_unit.name");

	if (!strcmp(method, "post"))
		snprintf(out, n, "Qua dịch vụ bưu chính công ích, địa chỉ: %s",
			 *forms_str(dossier, "delivery.address") ? forms_str(dossier, "delivery.address")
								 : forms_str(dossier, "applicant.address"));
	else if (!strcmp(method, "electronic"))
		snprintf(out, n, "Nhận kết quả điện tử qua tài khoản dịch vụ công trực tuyến");
	else
		snprintf(out, n, "%s", *desk ? desk : "Bộ phận Một cửa");
}

void forms_time_limit_text(const json_t *dossier, char *out, size_t n)
{
	const char *text = forms_str(dossier, "procedure.time_limit_text");
	json_t *days = forms_get(dossier, "procedure.time_limit.days");
	json_t *hours = forms_get(dossier, "procedure.time_limit.hours");

	if (*text)
		snprintf(out, n, "%s", text);
	else if (json_is_number(days))
		snprintf(out, n, "%02g ngày làm việc", json_number_value(days));
	else if (json_is_number(hours))
		snprintf(out, n, "%g giờ làm việc", json_number_value(hours));
	else
		snprintf(out, n, "%s", "");
}
#endif /* FORMS_ENABLED */
