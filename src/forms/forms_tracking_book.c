/*
 * forms_tracking_book.c - Mẫu số 06: Sổ theo dõi hồ sơ (A4 landscape), the
 * dossiers a desk (or a government's desks) received in a period, and the
 * same rows as a table for the XLSX and CSV exports.
 * Input: the JSON of GET /api/v1/units/{code}/tracking-book.  The list rows
 * carry no address, phone, lead unit or return method today: the form prints
 * them when present (applicant_address, applicant_phone, resolving_unit or
 * resolving_unit_name, return_method) and leaves the cell empty otherwise.
 */
#include "forms/forms_build.h"
#if FORMS_ENABLED
#include <stdio.h>
#include <string.h>

#include "forms/forms_int.h"

static const struct forms_table_col cols[] = {
	{"STT", 0.45, FORMS_CENTER},
	{"Mã hồ sơ", 2.5, FORMS_LEFT}, /* 117 pt of code at 8 pt, on one line */
	{"Tên thủ tục hành chính", 2.4, FORMS_LEFT},
	{"Tên tổ chức, cá nhân", 1.6, FORMS_LEFT},
	{"Địa chỉ, số điện thoại", 1.4, FORMS_LEFT},
	{"Cơ quan chủ trì giải quyết", 1.2, FORMS_LEFT},
	{"Nhận hồ sơ", 1.15, FORMS_LEFT},
	{"Hẹn trả kết quả", 1.15, FORMS_LEFT},
	{"Trả kết quả", 1.15, FORMS_LEFT},
	{"Hình thức trả kết quả", 1.0, FORMS_LEFT},
	{"Ký nhận", 0.65, FORMS_LEFT},
	{"Ghi chú", 0.95, FORMS_LEFT},
};
#define NCOLS ((int)(sizeof cols / sizeof cols[0]))

const struct forms_column forms_tracking_book_columns[] = {
	{"STT", 6, FORMS_COL_NUMBER},
	{"Mã hồ sơ", 28, FORMS_COL_TEXT},
	{"Tên thủ tục hành chính", 45, FORMS_COL_TEXT},
	{"Tên tổ chức, cá nhân", 26, FORMS_COL_TEXT},
	{"Địa chỉ, số điện thoại", 30, FORMS_COL_TEXT},
	{"Cơ quan chủ trì giải quyết", 26, FORMS_COL_TEXT},
	{"Nhận hồ sơ", 17, FORMS_COL_DATETIME},
	{"Hẹn trả kết quả", 17, FORMS_COL_DATETIME},
	{"Trả kết quả", 17, FORMS_COL_DATETIME},
	{"Hình thức trả kết quả", 16, FORMS_COL_TEXT},
	{"Tình trạng", 20, FORMS_COL_TEXT},
};
const size_t forms_tracking_book_ncolumns = sizeof forms_tracking_book_columns / sizeof forms_tracking_book_columns[0];

static const char *state_vi(const json_t *r)
{
	static const struct {
		const char *name, *vi;
	} states[] = {
		{"submitted", "Đã nộp trực tuyến, chờ tiếp nhận"}, {"guided", "Đã hướng dẫn bổ sung"},
		{"processing", "Đang giải quyết"},                 {"waiting_supplement", "Chờ bổ sung hồ sơ"},
		{"result_ready", "Đã có kết quả, chờ trả"},         {"returned", "Đã trả kết quả"},
		{"refused", "Từ chối"},                              {"withdrawn", "Đã rút hồ sơ"},
		{"stopped", "Dừng giải quyết"},                      {"transferred", "Đã chuyển đơn vị khác"},
	};
	const char *s = forms_str(r, "state");

	if (*forms_str(r, "state_vi"))
		return forms_str(r, "state_vi");
	for (size_t i = 0; i < sizeof states / sizeof states[0]; i++)
		if (!strcmp(s, states[i].name))
			return states[i].vi;
	return s;
}

static const char *return_method_vi(const json_t *r)
{
	const char *m = forms_str(r, "return_method");

	if (!strcmp(m, "desk"))
		return "Trực tiếp";
	if (!strcmp(m, "post"))
		return "Bưu chính";
	if (!strcmp(m, "electronic"))
		return "Trực tuyến";
	return m;
}

static const char *lead_unit(const json_t *r)
{
	return *forms_str(r, "resolving_unit_name")	   ? forms_str(r, "resolving_unit_name")
	       : json_is_string(json_object_get(r, "resolving_unit")) ? forms_str(r, "resolving_unit")
								      : forms_str(r, "resolving_unit.name");
}

static void address_phone(const json_t *r, char *out, size_t n)
{
	const char *a = forms_str(r, "applicant_address"), *p = forms_str(r, "applicant_phone");

	snprintf(out, n, "%s%s%s", a, *a && *p ? "; " : "", p);
}

/* Dates in the book: "08:15 02/03/2026" (a line per value in a narrow cell). */
static char *cell_time(const char *iso)
{
	struct forms_time t;

	if (!forms_time_parse(iso, &t))
		return g_strdup("");
	return t.has_time ? g_strdup_printf("%02d:%02d\n%02d/%02d/%04d", t.h, t.mi, t.d, t.mo, t.y)
			  : g_strdup_printf("%02d/%02d/%04d", t.d, t.mo, t.y);
}

static enum mc_err draw_book(struct forms_doc *d, const void *p, struct mc_error *err)
{
	const json_t *b = p, *rows = json_object_get(b, "dossiers");
	const struct forms_context *c = d->ctx;
	struct forms_table t;
	char from[32], to[32], ap[600], *m, *cont;
	size_t i;
	json_t *r;

	forms_heading(d, "Mẫu số 06 - Thông tư 01/2018/TT-VPCP", NULL, c ? c->issued_at : NULL);
	forms_fmt_date(forms_str(b, "from"), false, from, sizeof from);
	forms_fmt_date(forms_str(b, "to"), false, to, sizeof to);
	m = forms_markup("%s — từ ngày %s đến ngày %s (%zu hồ sơ)", forms_or_dots(forms_str(b, "unit_name")), from, to,
			 json_array_size(rows));
	forms_title(d, "SỔ THEO DÕI HỒ SƠ", m);
	g_free(m);
	if (!forms_table_init(&t, cols, NCOLS, (int)json_array_size(rows), d->base - 2.5))
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	cont = forms_markup("Sổ theo dõi hồ sơ — %s, từ ngày %s đến ngày %s (tiếp theo)", forms_str(b, "unit_name"),
			    from, to);
	t.cont_markup = cont;
	json_array_foreach(rows, i, r) {
		int k = (int)i;

		forms_table_set(&t, k, 0, g_strdup_printf("%zu", i + 1));
		forms_table_set(&t, k, 1, forms_markup("%s", forms_str(r, "code")));
		forms_table_set(&t, k, 2, forms_markup("%s", forms_str(r, "procedure_name")));
		forms_table_set(&t, k, 3, forms_markup("%s", forms_str(r, "applicant_name")));
		address_phone(r, ap, sizeof ap);
		forms_table_set(&t, k, 4, forms_markup("%s", ap));
		forms_table_set(&t, k, 5, forms_markup("%s", lead_unit(r)));
		forms_table_set(&t, k, 6, cell_time(forms_str(r, "received_at")));
		forms_table_set(&t, k, 7, cell_time(forms_str(r, "appointment")));
		forms_table_set(&t, k, 8, cell_time(forms_str(r, "returned_at")));
		forms_table_set(&t, k, 9, forms_markup("%s", return_method_vi(r)));
		forms_table_set(&t, k, 10, g_strdup(""));
		forms_table_set(&t, k, 11, forms_markup("%s", *forms_str(r, "returned_at") ? "" : state_vi(r)));
	}
	forms_table_draw(d, &t);
	forms_table_free(&t);
	g_free(cont);
	return MC_OK;
}

enum mc_err forms_tracking_book(const json_t *book, const struct forms_context *ctx, struct buf *out,
				struct mc_error *err)
{
	if (!json_is_object(book) || !json_is_array(json_object_get(book, "dossiers")))
		return mc_fail(err, MC_EINVAL, "book", "Thiếu sổ theo dõi hồ sơ (dossiers)",
			       "The tracking book is missing (dossiers)");
	return forms_doc_render_numbered(out, FORMS_A4_H, FORMS_A4_W, 26, 26, "Sổ theo dõi hồ sơ",
					 ctx && ctx->issued_at ? ctx->issued_at : forms_str(book, "to"), ctx, draw_book,
					 book, err);
}

enum mc_err forms_tracking_book_rows(const json_t *book, json_t **rows, struct mc_error *err)
{
	const json_t *list = json_object_get(book, "dossiers");
	json_t *out, *r;
	char ap[600];
	size_t i;

	if (!json_is_array(list))
		return mc_fail(err, MC_EINVAL, "book", "Thiếu sổ theo dõi hồ sơ (dossiers)",
			       "The tracking book is missing (dossiers)");
	out = json_array();
	json_array_foreach(list, i, r) {
		json_t *row;

		address_phone(r, ap, sizeof ap);
		row = json_pack("[I, s, s, s, s, s, O, O, O, s, s]", (json_int_t)i + 1, forms_str(r, "code"),
				forms_str(r, "procedure_name"), forms_str(r, "applicant_name"), ap, lead_unit(r),
				json_object_get(r, "received_at") ? json_object_get(r, "received_at") : json_null(),
				json_object_get(r, "appointment") ? json_object_get(r, "appointment") : json_null(),
				json_object_get(r, "returned_at") ? json_object_get(r, "returned_at") : json_null(),
				return_method_vi(r), state_vi(r));
		if (!row || json_array_append_new(out, row)) {
			json_decref(out);
			return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
		}
	}
	*rows = out;
	return MC_OK;
}
#endif /* FORMS_ENABLED */
