/*
 * forms_control_slip.c - Mẫu số 05: Phiếu kiểm soát quá trình giải quyết hồ
 * sơ (A4 landscape): the dossier, its lead and coordinating units, received
 * and promised times, then one row per hand-off (who gave it, when, who
 * received it, when; the due time; trước hạn / đúng hạn / quá hạn; notes).
 * Input: the JSON of GET /api/v1/dossiers/{code}/control-slip.
 */
#include "forms/forms_build.h"
#if FORMS_ENABLED
#include <stdio.h>
#include <string.h>

#include "forms/forms_int.h"

static const struct forms_table_col cols[] = {
	{"STT", 0.45, FORMS_CENTER},
	{"Cơ quan, đơn vị / bước xử lý", 2.6, FORMS_LEFT},
	{"Giao hồ sơ (thời gian, người giao)", 2.0, FORMS_LEFT},
	{"Nhận hồ sơ (thời gian, người nhận)", 2.0, FORMS_LEFT},
	{"Hạn xử lý", 1.3, FORMS_LEFT},
	{"Kết quả (trước hạn / đúng hạn / quá hạn)", 1.4, FORMS_LEFT},
	{"Ghi chú", 1.5, FORMS_LEFT},
};
#define NCOLS ((int)(sizeof cols / sizeof cols[0]))

/* The applicant may come as a string or as {name: ...} (the lead may merge it
 * from the dossier view); the control slip itself does not carry it. */
static const char *applicant_name(const json_t *slip)
{
	const json_t *a = json_object_get(slip, "applicant");

	return json_is_string(a) ? json_string_value(a) : forms_str(a, "name");
}

/* "Cơ quan phối hợp": the slip's coordinating_units when given, else the
 * units of the rows other than the first (the desk) and the lead unit. */
static void coordinating(const json_t *slip, char *out, size_t n)
{
	const json_t *given = json_object_get(slip, "coordinating_units"), *rows = json_object_get(slip, "rows");
	const char *lead = forms_str(slip, "resolving_unit"), *desk = forms_str(json_array_get(rows, 0), "unit.name");
	size_t len = 0, i;
	json_t *v;

	out[0] = '\0';
	if (json_is_array(given)) {
		json_array_foreach(given, i, v) {
			const char *name = json_is_string(v) ? json_string_value(v) : forms_str(v, "name");

			len += (size_t)snprintf(out + len, len < n ? n - len : 0, "%s%s", len ? "; " : "", name);
		}
		return;
	}
	json_array_foreach(rows, i, v) {
		const char *u = forms_str(v, "unit.name");

		if (!*u || !strcmp(u, lead) || !strcmp(u, desk) || (len && strstr(out, u)))
			continue;
		len += (size_t)snprintf(out + len, len < n ? n - len : 0, "%s%s", len ? "; " : "", u);
		if (len >= n)
			break;
	}
}

static char *when_who(const char *at, const char *who_label, const char *who)
{
	char t[96];

	forms_fmt_hm_date(at, t, sizeof t);
	if (!*at)
		snprintf(t, sizeof t, "%s", "");
	return forms_markup("%s\n%s: <b>%s</b>", t, who_label, *who ? who : "……………");
}

static enum mc_err draw_slip(struct forms_doc *d, const void *p, struct mc_error *err)
{
	const json_t *s = p, *rows = json_object_get(s, "rows");
	const struct forms_context *c = d->ctx;
	struct forms_table t;
	char tmp[1024], a[96], b[96], *m;
	size_t i;
	json_t *r;

	forms_heading(d, "Mẫu số 05 - Thông tư 01/2018/TT-VPCP", NULL,
		      c && c->issued_at ? c->issued_at : forms_str(s, "received_at"));
	m = forms_markup("Mã hồ sơ: <b>%s</b>", forms_str(s, "code"));
	forms_title(d, "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", m);
	g_free(m);
	if (*applicant_name(s))
		forms_field(d, "Hồ sơ của", applicant_name(s), true);
	forms_field(d, "Thủ tục hành chính", forms_str(s, "procedure"), false);
	forms_field(d, "Cơ quan tiếp nhận", forms_str(s, "receiving_unit"), false);
	forms_field(d, "Cơ quan, đơn vị chủ trì giải quyết", forms_str(s, "resolving_unit"), false);
	coordinating(s, tmp, sizeof tmp);
	forms_field(d, "Cơ quan, đơn vị phối hợp giải quyết", *tmp ? tmp : "không", false);
	forms_fmt_hm_date(forms_str(s, "received_at"), a, sizeof a);
	forms_fmt_hm_date(forms_str(s, "appointment"), b, sizeof b);
	m = forms_markup("Thời gian nhận hồ sơ: %s.   Thời gian hẹn trả kết quả: <b>%s</b>.", a, b);
	forms_line(d, m);
	g_free(m);
	d->y += 4;

	if (!forms_table_init(&t, cols, NCOLS, (int)json_array_size(rows), d->base - 1.5))
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	m = forms_markup("Phiếu kiểm soát quá trình giải quyết hồ sơ %s (tiếp theo)", forms_str(s, "code"));
	t.cont_markup = m;
	json_array_foreach(rows, i, r) {
		const char *vi = forms_str(r, "status.vi"), *end = forms_str(r, "end_vi");
		int k = (int)i;

		forms_table_set(&t, k, 0, g_strdup_printf("%zu", i + 1));
		forms_table_set(&t, k, 1, forms_markup("<b>%s</b>\n<i>%s</i>", forms_str(r, "unit.name"),
							 forms_str(r, "step_name")));
		forms_table_set(&t, k, 2, when_who(forms_str(r, "given_at"), "Người giao", forms_str(r, "given_by.name")));
		forms_table_set(&t, k, 3, when_who(forms_str(r, "taken_at"), "Người nhận", forms_str(r, "received_by.name")));
		forms_fmt_hm_date(forms_str(r, "due"), a, sizeof a);
		forms_table_set(&t, k, 4, forms_markup("%s", *forms_str(r, "due") ? a : ""));
		forms_table_set(&t, k, 5, *end ? forms_markup("<b>%s</b>\n%s", vi, end) : forms_markup("<b>%s</b>", vi));
		forms_table_set(&t, k, 6, forms_markup("%s", forms_str(r, "note")));
	}
	forms_table_draw(d, &t);
	forms_table_free(&t);
	g_free(m);
	return MC_OK;
}

enum mc_err forms_control_slip(const json_t *slip, const struct forms_context *ctx, struct buf *out,
			       struct mc_error *err)
{
	if (!json_is_object(slip) || !*forms_str(slip, "code") || !json_is_array(json_object_get(slip, "rows")))
		return mc_fail(err, MC_EINVAL, "slip", "Thiếu phiếu kiểm soát (mã hồ sơ, rows)",
			       "The control slip is missing (code, rows)");
	return forms_doc_render_numbered(out, FORMS_A4_H, FORMS_A4_W, 30, 28,
					 "Phiếu kiểm soát quá trình giải quyết hồ sơ", forms_str(slip, "received_at"), ctx,
					 draw_slip, slip, err);
}
#endif /* FORMS_ENABLED */
