/*
 * forms_parts.c - the parts every administrative form shares (Nghị định
 * 30/2020/NĐ-CP layout): the two-column heading with the issuing unit and the
 * national motto, the title, the signature blocks, the page number.
 */
#include "forms/forms_build.h"
#if FORMS_ENABLED
#include <stdio.h>

#include "forms/forms_int.h"

const char *forms_or_dots(const char *s)
{
	return s && *s ? s : FORMS_DOTS;
}
#define or_dots forms_or_dots

/* The size at which markup fits on one line of `width`, at most `size`. */
static double fit_size(struct forms_doc *d, struct forms_style st, double width, const char *markup)
{
	PangoLayout *l = forms_layout(d, &st, -1, markup); /* -1: no wrapping */
	double w = forms_layout_width(l);

	g_object_unref(l);
	return w > width ? st.size * width / w * 0.98 : st.size;
}

void forms_heading(struct forms_doc *d, const char *form_no, const char *number, const char *date_iso)
{
	const struct forms_context *c = d->ctx;
	double cw = forms_doc_content_w(d), lw = cw * 0.40, rx = d->ml + lw, rw = cw - lw, s = d->base;
	struct forms_style small = {FORMS_SERIF, s - 1.5, false, true, FORMS_RIGHT, 0};
	struct forms_style left = {FORMS_SERIF, s - 0.5, false, false, FORMS_CENTER, 0};
	struct forms_style right = {FORMS_SERIF, s - 0.5, true, false, FORMS_CENTER, 0};
	double yl, yr, h;
	char date[96], *m, *up;
	const char *motto = "Độc lập - Tự do - Hạnh phúc", *nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";

	if (form_no) {
		m = forms_markup("%s", form_no);
		d->y += forms_text_at(d, &small, d->ml, d->y, cw, m) + 2;
		g_free(m);
	}
	yl = yr = d->y;

	/* left: governing body, issuing unit in bold, a short rule, the number */
	up = forms_upper(or_dots(c ? c->parent_unit : NULL));
	m = forms_markup("%s", up);
	yl += forms_text_at(d, &left, d->ml, yl, lw, m);
	g_free(m);
	g_free(up);
	up = forms_upper(or_dots(c ? c->unit : NULL));
	m = forms_markup("<b>%s</b>", up);
	{
		PangoLayout *l = forms_layout(d, &left, lw, m);

		h = forms_layout_height(l);
		forms_show(d, l, d->ml, yl);
		g_object_unref(l);
		/* a short rule under the box, clear of the marks below (Ộ, Ụ) */
		yl += h;
		forms_hline(d, d->ml + lw * 0.33, d->ml + lw * 0.67, yl + 2.5, 0.6);
	}
	g_free(m);
	g_free(up);
	yl += 5;
	if (number) {
		m = forms_markup("Số: %s", *number ? number : "……………");
		yl += forms_text_at(d, &left, d->ml, yl + 2, lw, m) + 2;
		g_free(m);
	}

	/* right: the nation, the motto underlined by a rule of its own width */
	m = forms_markup("%s", nation);
	right.size = fit_size(d, right, rw, m);
	yr += forms_text_at(d, &right, rx, yr, rw, m);
	g_free(m);
	m = forms_markup("%s", motto);
	right.size = fit_size(d, (struct forms_style){FORMS_SERIF, s, true, false, FORMS_CENTER, 0}, rw, m);
	{
		PangoLayout *l = forms_layout(d, &right, rw, m);
		double tw = forms_layout_width(l);

		h = forms_layout_height(l);
		forms_show(d, l, rx, yr);
		/* under the descenders (p, dot below): baseline + 0.4 em */
		forms_hline(d, rx + (rw - tw) / 2, rx + (rw + tw) / 2, yr + forms_layout_baseline(l) + right.size * 0.40,
			    0.6);
		g_object_unref(l);
	}
	g_free(m);
	yr += h + 2;
	forms_fmt_long_date(date_iso, date, sizeof date);
	m = forms_markup("<i>%s, %s</i>", or_dots(c ? c->place : NULL), date);
	yr += forms_text_at(d, &left, rx, yr, rw, m);
	g_free(m);

	d->y = (yl > yr ? yl : yr) + s;
}

void forms_title(struct forms_doc *d, const char *title, const char *subtitle_markup)
{
	struct forms_style t = {FORMS_SERIF, d->base + 2.5, true, false, FORMS_CENTER, 0};
	struct forms_style sub = {FORMS_SERIF, d->base, false, false, FORMS_CENTER, 0};
	char *m = forms_markup("%s", title);

	forms_para(d, &t, 1, m);
	g_free(m);
	if (subtitle_markup)
		forms_para(d, &sub, 0, subtitle_markup);
	d->y += d->base * 0.8;
}

void forms_signatures(struct forms_doc *d, int n, const char *const titles[], const char *const notes[],
		      const char *const names[])
{
	struct forms_style tb = {FORMS_SERIF, d->base, true, false, FORMS_CENTER, 0};
	struct forms_style it = {FORMS_SERIF, d->base - 0.5, false, true, FORMS_CENTER, 0};
	double cw = forms_doc_content_w(d), colw = cw / n, space = d->base * 5.5, tallest = 0;

	/* measure first: the whole block moves to the next page rather than split */
	for (int i = 0; i < n; i++) {
		char *a = forms_markup("%s", titles[i]), *b = forms_markup("(%s)", notes && notes[i] ? notes[i] : "");
		char *c = forms_markup("%s", names && names[i] ? names[i] : " ");
		double h = forms_text_height(d, &tb, colw, a) + forms_text_height(d, &it, colw, b) + space +
			   forms_text_height(d, &tb, colw, c);

		tallest = h > tallest ? h : tallest;
		g_free(a);
		g_free(b);
		g_free(c);
	}
	forms_doc_need(d, tallest);
	for (int i = 0; i < n; i++) {
		double x = d->ml + colw * i, y = d->y;
		char *a = forms_markup("%s", titles[i]);

		y += forms_text_at(d, &tb, x, y, colw, a);
		g_free(a);
		if (notes && notes[i]) {
			a = forms_markup("(%s)", notes[i]);
			y += forms_text_at(d, &it, x, y, colw, a);
			g_free(a);
		}
		if (names && names[i] && *names[i]) {
			a = forms_markup("%s", names[i]);
			forms_text_at(d, &tb, x, y + space, colw, a);
			g_free(a);
		}
	}
	d->y += tallest;
}

void forms_page_number(struct forms_doc *d)
{
	struct forms_style st = {FORMS_SANS, 7.5, false, false, FORMS_CENTER, 0};
	char text[48];

	if (d->total_pages > 0)
		snprintf(text, sizeof text, "Trang %d/%d", d->page, d->total_pages);
	else
		snprintf(text, sizeof text, "Trang %d", d->page);
	forms_text_at(d, &st, d->ml, d->h - d->mb - 10, forms_doc_content_w(d), text);
}

void forms_field(struct forms_doc *d, const char *label, const char *value, bool bold)
{
	const char *v = value && *value ? value : FORMS_DOTS;
	char *m = bold ? forms_markup("%s: <b>%s</b>", label, v) : forms_markup("%s: %s", label, v);

	forms_line(d, m);
	g_free(m);
}

void forms_line(struct forms_doc *d, const char *markup)
{
	struct forms_style st = {FORMS_SERIF, d->base, false, false, FORMS_LEFT, 0};

	forms_para(d, &st, 0, markup);
}

void forms_item(struct forms_doc *d, const char *number, const char *text)
{
	struct forms_style st = {FORMS_SERIF, d->base, false, false, FORMS_LEFT, 0};
	double in = d->base * 2.4, w = forms_doc_content_w(d) - in;
	char *n = forms_markup("%s", number), *t = forms_markup("%s", text);
	double h = forms_text_height(d, &st, w, t);

	forms_doc_need(d, h);
	forms_text_at(d, &st, d->ml + d->base * 0.6, d->y, in - d->base * 0.6, n);
	forms_text_at(d, &st, d->ml + in, d->y, w, t);
	d->y += h;
	g_free(n);
	g_free(t);
}

void forms_applicant_block(struct forms_doc *d, const json_t *j, const char *name_label)
{
	char *m;

	forms_field(d, name_label, forms_str(j, "applicant.name"), true);
	forms_field(d, "Số định danh cá nhân/mã số", forms_str(j, "applicant.id_number"), false);
	forms_field(d, "Địa chỉ", forms_str(j, "applicant.address"), false);
	m = forms_markup("Số điện thoại: %s   Email: %s", or_dots(forms_str(j, "applicant.phone")),
			 *forms_str(j, "applicant.email") ? forms_str(j, "applicant.email") : "……………");
	forms_line(d, m);
	g_free(m);
	forms_field(d, "Nội dung yêu cầu giải quyết", forms_str(j, "procedure.name"), true);
}
#endif /* FORMS_ENABLED */
