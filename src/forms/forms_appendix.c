/*
 * forms_appendix.c - the annual reform report's appendices (Phụ lục 1-8) as
 * a PDF: A4 landscape, the document's heading once, then one section per
 * appendix, each starting on a new page with its Vietnamese title and a
 * table (STT, Chỉ tiêu, a column per year, Nguồn số liệu) whose header
 * repeats on the pages it runs over; "Trang i/n" at the foot of every page.
 *
 * Input: the JSON of svc_appendices (one year: "year", rows with "value")
 * or of svc_appendices_range (several: "years", rows with "values"),
 * borrowed (service/appendix.c).  The
 * prototype lives in service/appendix.h so that the shared forms/forms.h
 * stays as it is.  Numbers are printed the Vietnamese way: a decimal comma
 * (66,7 %), thousands with dots (1.234).
 */
#include "forms/forms_build.h"
#if FORMS_ENABLED
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/forms_int.h"
#include "service/appendix.h"

#define MAXCOLS (3 + SVC_APPENDIX_MAX_YEARS)

/* A cell's value as markup (g_malloc'd): integers with thousands dots, reals
 * with one decimal and a comma, "%" appended for rates, text as it is. */
static char *value_markup(const json_t *row, const json_t *v)
{
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
	const json_t *years; /* a range's "years", NULL for one year */
	size_t ny;           /* year columns */
	char year_title[SVC_APPENDIX_MAX_YEARS][64];
};

static enum mc_err draw(struct forms_doc *d, const void *p, struct mc_error *err)
{
	const struct draw_arg *a = p;
	const json_t *doc = a->doc, *list = json_object_get(doc, "appendices"), *ap;
	struct forms_table_col cols[MAXCOLS];
	struct forms_style sec = {FORMS_SERIF, d->base + 1, true, false, FORMS_CENTER, 0};
	struct forms_style note = {FORMS_SERIF, d->base - 1.5, false, true, FORMS_LEFT, 0};
	int ncols = (int)a->ny + 3;
	char *m, osrc[128];
	size_t i;

	/* one year: a wide value column; several: narrower ones, as the seed's
	 * six-year tables, the label keeping about a third of the width */
	cols[0] = (struct forms_table_col){"STT", a->ny > 6 ? 0.75 : 0.5, FORMS_CENTER};
	cols[1] = (struct forms_table_col){"Chỉ tiêu", a->years ? 6.0 : 7.0, FORMS_LEFT};
	for (size_t y = 0; y < a->ny; y++)
		cols[2 + y] = (struct forms_table_col){a->year_title[y], a->years ? 1.1 : 1.4, FORMS_RIGHT};
	cols[2 + a->ny] = (struct forms_table_col){"Nguồn số liệu", a->years ? 1.5 : 1.3, FORMS_CENTER};
	if (a->years)
		m = forms_markup("%s — các năm %lld-%lld (số liệu tự động đến %s)", forms_str(doc, "unit.name"),
				 (long long)json_integer_value(json_object_get(doc, "from_year")),
				 (long long)json_integer_value(json_object_get(doc, "to_year")),
				 forms_str(json_array_get(a->years, a->ny - 1), "period.to"));
	else
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
		if (!forms_table_init(&t, cols, ncols, (int)json_array_size(rows), d->base - (a->ny > 6 ? 2 : 1)))
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
			for (size_t y = 0; y < a->ny; y++)
				forms_table_set(&t, (int)j, 2 + (int)y,
						value_markup(r, a->years ? json_array_get(json_object_get(r, "values"), y)
									 : json_object_get(r, "value")));
			forms_table_set(&t, (int)j, 2 + (int)a->ny,
					forms_markup("%s", svc_appendix_row_origin_vi(r, osrc, sizeof osrc)));
		}
		forms_table_draw(d, &t);
		forms_table_free(&t);
		g_free(cont);
	}
	d->y += d->base * 0.6;
	m = forms_markup("Tự động: tính từ dữ liệu MotCua. Đã lưu: giá trị nhập tay đã lưu cho đơn vị và năm. "
			 "Nhập tay: giá trị nhập khi xuất. Chưa có: chưa nhập.%s",
			 a->years ? " Mỗi năm một cột, tính như báo cáo riêng của năm đó." : "");
	forms_para(d, &note, 0, m);
	g_free(m);
	return MC_OK;
}

enum mc_err forms_appendices_pdf(const json_t *doc, struct buf *out, struct mc_error *err)
{
	struct draw_arg *a;
	const json_t *years = json_object_get(doc, "years");
	char date[16];
	enum mc_err rc;

	if (!json_is_object(doc) || !json_is_array(json_object_get(doc, "appendices")))
		return mc_fail(err, MC_EINVAL, "appendices", "Thiếu các phụ lục (appendices)",
			       "The appendices are missing");
	if (years &&
	    (!json_is_array(years) || !json_array_size(years) || json_array_size(years) > SVC_APPENDIX_MAX_YEARS))
		return mc_failf(err, MC_EINVAL, "years", "Từ 1 đến %d năm trong một báo cáo",
				"1 to %d years in one report", SVC_APPENDIX_MAX_YEARS);
	if (!(a = calloc(1, sizeof *a)))
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	a->doc = doc;
	a->years = years;
	a->ny = years ? json_array_size(years) : 1;
	for (size_t y = 0; y < a->ny; y++)
		if (years)
			snprintf(a->year_title[y], sizeof a->year_title[y], "%s",
				 forms_str(json_array_get(years, y), "title"));
		else
			snprintf(a->year_title[y], sizeof a->year_title[y], "Năm %lld",
				 (long long)json_integer_value(json_object_get(doc, "year")));
	/* a fixed creation date (the period's end) keeps the bytes reproducible */
	snprintf(date, sizeof date, "%s",
		 years ? forms_str(json_array_get(years, a->ny - 1), "period.to") : forms_str(doc, "period.to"));
	rc = forms_doc_render_numbered(out, FORMS_A4_H, FORMS_A4_W, 30, 28, "Phụ lục báo cáo cải cách hành chính",
				       *date ? date : NULL, NULL, draw, a, err);
	free(a);
	return rc;
}
#endif /* FORMS_ENABLED */
