/*
 * forms_appendix.c - the annual reform report's appendices (Phụ lục 1-8) as
 * a PDF: A4 landscape, the document's heading once, then one section per
 * appendix, each starting on a new page with its Vietnamese title and a
 * table (STT, Chỉ tiêu, Năm YYYY, Nguồn số liệu) whose header repeats on the
 * pages it runs over; "Trang i/n" at the foot of every page.
 *
 * Input: the JSON of svc_appendices (service/appendix.c), borrowed.  The
 * prototype lives in service/appendix.h so that the shared forms/forms.h
 * stays as it is.  Numbers are printed the Vietnamese way: a decimal comma
 * (66,7 %), thousands with dots (1.234).
 */
#include "forms/forms_build.h"
#if FORMS_ENABLED
#include <stdio.h>
#include <string.h>

#include "forms/forms_int.h"
#include "service/appendix.h"

static const struct forms_table_col base_cols[] = {
	{"STT", 0.5, FORMS_CENTER},
	{"Chỉ tiêu", 7.0, FORMS_LEFT},
	{NULL, 1.4, FORMS_RIGHT}, /* "Năm YYYY", set per document */
	{"Nguồn số liệu", 1.3, FORMS_CENTER},
};
#define NCOLS 4

/* A cell's value as markup (g_malloc'd): integers with thousands dots, reals
 * with one decimal and a comma, "%" appended for rates, text as it is. */
static char *value_markup(const json_t *row)
{
	const json_t *v = json_object_get(row, "value");
	const char *unit = json_string_value(json_object_get(row, "unit"));
	char num[64];

	if (json_is_integer(v)) {
		forms_fmt_money((long long)json_integer_value(v), num, sizeof num);
	} else if (json_is_real(v)) {
		double x = json_real_value(v), ax = x < 0 ? -x : x;
		long long tenths = (long long)(ax * 10.0 + 0.5); /* half up, as the service rounds */
		char w[40];

		forms_fmt_money(tenths / 10, w, sizeof w);
		snprintf(num, sizeof num, "%s%s,%lld", x < 0 ? "-" : "", w, tenths % 10);
	} else if (json_is_string(v)) {
		return forms_markup("%s", json_string_value(v));
	} else {
		return g_strdup("");
	}
	return forms_markup("%s%s", num, unit && !strcmp(unit, "%") ? " %" : "");
}

struct draw_arg {
	const json_t *doc;
	char year_title[32];
};

static enum mc_err draw(struct forms_doc *d, const void *p, struct mc_error *err)
{
	const struct draw_arg *a = p;
	const json_t *doc = a->doc, *list = json_object_get(doc, "appendices"), *ap;
	struct forms_table_col cols[NCOLS];
	struct forms_style sec = {FORMS_SERIF, d->base + 1, true, false, FORMS_CENTER, 0};
	struct forms_style note = {FORMS_SERIF, d->base - 1.5, false, true, FORMS_LEFT, 0};
	char *m;
	size_t i;

	memcpy(cols, base_cols, sizeof cols);
	cols[2].title = a->year_title;
	m = forms_markup("%s — năm %lld (số liệu tự động từ %s đến %s)", forms_str(doc, "unit.name"),
			 (long long)json_integer_value(json_object_get(doc, "year")), forms_str(doc, "period.from"),
			 forms_str(doc, "period.to"));
	forms_title(d, "CÁC PHỤ LỤC BÁO CÁO CÔNG TÁC CẢI CÁCH HÀNH CHÍNH", m);
	g_free(m);
	json_array_foreach(list, i, ap) {
		const json_t *rows = json_object_get(ap, "rows"), *r;
		struct forms_table t;
		char *cont;
		size_t j;

		if (i > 0)
			forms_doc_new_page(d);
		m = forms_markup("%s", forms_str(ap, "title"));
		forms_para(d, &sec, d->base * 0.6, m);
		g_free(m);
		if (!forms_table_init(&t, cols, NCOLS, (int)json_array_size(rows), d->base - 1))
			return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
		cont = forms_markup("%s (tiếp theo)", forms_str(ap, "title"));
		t.cont_markup = cont;
		json_array_foreach(rows, j, r) {
			const char *src = forms_str(r, "source");
			bool head = !strcmp(src, "heading");

			forms_table_set(&t, (int)j, 0, forms_markup("%s", forms_str(r, "stt")));
			forms_table_set(&t, (int)j, 1,
					head ? forms_markup("<b>%s</b>", forms_str(r, "label"))
					     : forms_markup("%s", forms_str(r, "label")));
			forms_table_set(&t, (int)j, 2, value_markup(r));
			forms_table_set(&t, (int)j, 3,
					forms_markup("%s", svc_appendix_origin_vi(forms_str(r, "origin"))));
		}
		forms_table_draw(d, &t);
		forms_table_free(&t);
		g_free(cont);
	}
	d->y += d->base * 0.6;
	m = forms_markup("Tự động: tính từ dữ liệu MotCua. Đã lưu: giá trị nhập tay đã lưu cho đơn vị và năm. "
			 "Nhập tay: giá trị nhập khi xuất. Chưa có: chưa nhập.");
	forms_para(d, &note, 0, m);
	g_free(m);
	return MC_OK;
}

enum mc_err forms_appendices_pdf(const json_t *doc, struct buf *out, struct mc_error *err)
{
	struct draw_arg a = {doc, ""};
	char date[16];

	if (!json_is_object(doc) || !json_is_array(json_object_get(doc, "appendices")))
		return mc_fail(err, MC_EINVAL, "appendices", "Thiếu các phụ lục (appendices)",
			       "The appendices are missing");
	snprintf(a.year_title, sizeof a.year_title, "Năm %lld", (long long)json_integer_value(json_object_get(doc, "year")));
	/* a fixed creation date (the period's end) keeps the bytes reproducible */
	snprintf(date, sizeof date, "%s", forms_str(doc, "period.to"));
	return forms_doc_render_numbered(out, FORMS_A4_H, FORMS_A4_W, 30, 28, "Phụ lục báo cáo cải cách hành chính",
					 *date ? date : NULL, NULL, draw, &a, err);
}
#endif /* FORMS_ENABLED */
