/*
 * forms_report06.c - Biểu số 06/VPCP/KSTT, the report on the resolution of
 * administrative procedures, as a PDF (A4 landscape): the heading of the
 * reporting unit, the title with the unit and the period, then the table of
 * the form - a level's heading row (bold, with its sums), its fields
 * numbered, the total last (bold) - repeated header on each page.
 * Input: the resolution report's JSON (its unit and period) and its lines
 * as svc_report_lines() builds them, so the PDF, the workbook and the CSV
 * print the same figures in the same order.
 */
#include "forms/forms_build.h"
#if FORMS_ENABLED
#include <stdio.h>
#include <string.h>

#include "forms/forms_int.h"

#define MAX_COLS 16 /* No., label, then the counts */

struct report06 {
	const json_t *report, *lines;
	const char *const *titles;
	int ncounts;
};

/* A heading row of a level ("I", "II") and the total: the rows in bold. */
static bool emphasised(const json_t *line)
{
	const char *no = json_string_value(json_array_get(line, 0));

	return !no || !*no || (*no >= 'A' && *no <= 'Z');
}

static enum mc_err draw_report(struct forms_doc *d, const void *p, struct mc_error *err)
{
	const struct report06 *r = p;
	const json_t *unit = json_object_get(r->report, "unit"), *period = json_object_get(r->report, "period"), *line;
	struct forms_table_col cols[MAX_COLS];
	struct forms_table t;
	char from[32], to[32], *m, *cont;
	size_t i;
	int n = 2 + r->ncounts;

	cols[0] = (struct forms_table_col){"STT", 0.4, FORMS_CENTER};
	cols[1] = (struct forms_table_col){"Lĩnh vực, cấp giải quyết", 2.6, FORMS_LEFT};
	for (int c = 0; c < r->ncounts; c++)
		cols[2 + c] = (struct forms_table_col){r->titles[c], 0.72, FORMS_RIGHT};
	forms_heading(d, "Biểu số 06/VPCP/KSTT", NULL, NULL);
	forms_fmt_date(forms_str(period, "from"), false, from, sizeof from);
	forms_fmt_date(forms_str(period, "to"), false, to, sizeof to);
	m = forms_markup("%s — kỳ báo cáo từ ngày %s đến ngày %s", forms_or_dots(forms_str(unit, "name")), from, to);
	forms_title(d, "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", m);
	g_free(m);
	if (!forms_table_init(&t, cols, n, (int)json_array_size(r->lines), d->base - 2.5))
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	cont = forms_markup("Biểu số 06/VPCP/KSTT — %s, từ ngày %s đến ngày %s (tiếp theo)", forms_str(unit, "name"), from,
			    to);
	t.cont_markup = cont;
	json_array_foreach(r->lines, i, line) {
		bool b = emphasised(line);
		int k = (int)i;

		forms_table_set(&t, k, 0, forms_markup(b ? "<b>%s</b>" : "%s", json_string_value(json_array_get(line, 0)) ?: ""));
		forms_table_set(&t, k, 1, forms_markup(b ? "<b>%s</b>" : "%s", json_string_value(json_array_get(line, 1)) ?: ""));
		for (int c = 0; c < r->ncounts; c++) {
			long long v = (long long)json_integer_value(json_array_get(line, (size_t)(3 + c)));

			forms_table_set(&t, k, 2 + c, b ? g_strdup_printf("<b>%lld</b>", v) : g_strdup_printf("%lld", v));
		}
	}
	forms_table_draw(d, &t);
	forms_table_free(&t);
	g_free(cont);
	return MC_OK;
}

enum mc_err forms_report06(const json_t *report, const json_t *lines, const char *const *titles, int ncounts,
			   struct buf *out, struct mc_error *err)
{
	const struct report06 r = {report, lines, titles, ncounts};

	if (!json_is_object(report) || !json_is_array(lines) || ncounts < 1 || ncounts > MAX_COLS - 2)
		return mc_fail(err, MC_EINVAL, "report", "Thiếu số liệu của Biểu 06", "The form 06 figures are missing");
	return forms_doc_render_numbered(out, FORMS_A4_H, FORMS_A4_W, 26, 26, "Biểu số 06/VPCP/KSTT",
					 forms_str(json_object_get(report, "period"), "to"), NULL, draw_report, &r, err);
}
#endif /* FORMS_ENABLED */
