/*
 * forms_text.c - all text of the forms goes through pango here: DejaVu Serif
 * or Sans at a size in points, line spacing 1.35 (stacked Vietnamese marks),
 * wrapping, alignment, and escaping of user text into pango markup.
 */
#include "forms/forms_build.h"
#if FORMS_ENABLED
#include <stdarg.h>

#include "forms/forms_int.h"

/* Font descriptions are built per layout: they are small, and keeping a
 * cache would need a lock (renders run on several HTTP threads). */
PangoLayout *forms_layout(struct forms_doc *d, const struct forms_style *st, double width, const char *markup)
{
	PangoLayout *l = pango_layout_new(d->pc);
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family_static(fd, st->font == FORMS_SANS ? "DejaVu Sans" : "DejaVu Serif");
	pango_font_description_set_size(fd, (gint)(st->size * PANGO_SCALE + 0.5));
	pango_font_description_set_weight(fd, st->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(fd, st->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_line_spacing(l, FORMS_LINE_SPACING);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	if (st->indent != 0)
		pango_layout_set_indent(l, (int)(st->indent * PANGO_SCALE));
	switch (st->align) {
	case FORMS_CENTER:
		pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
		break;
	case FORMS_RIGHT:
		pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
		break;
	case FORMS_JUSTIFY:
		pango_layout_set_justify(l, TRUE);
		break;
	default:
		break;
	}
	pango_layout_set_markup(l, markup ? markup : "", -1);
	return l;
}

/* Pango puts the 1.35 spacing only between the lines of one layout, and the
 * stacked marks of a capital (Ổ) rise above the layout's box.  So every
 * layout gets the same leading above its first line (a quarter of a line:
 * measured 3.25 pt against pango's 3.2 pt at 10 pt): paragraphs then sit as
 * far apart as the lines inside them, and the marks have room. */
double forms_layout_lead(PangoLayout *l)
{
	PangoLayoutLine *line = pango_layout_get_line_readonly(l, 0);
	PangoRectangle logical;

	if (!line)
		return 0;
	pango_layout_line_get_extents(line, NULL, &logical);
	return 0.25 * logical.height / PANGO_SCALE;
}

double forms_layout_height(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE + forms_layout_lead(l);
}

double forms_layout_baseline(PangoLayout *l)
{
	return forms_layout_lead(l) + (double)pango_layout_get_baseline(l) / PANGO_SCALE;
}

void forms_show(struct forms_doc *d, PangoLayout *l, double x, double y)
{
	cairo_move_to(d->cr, x, y + forms_layout_lead(l));
	pango_cairo_show_layout(d->cr, l);
}

double forms_layout_width(PangoLayout *l)
{
	PangoRectangle ink, logical;

	pango_layout_get_extents(l, &ink, &logical);
	return (double)logical.width / PANGO_SCALE;
}

double forms_text_height(struct forms_doc *d, const struct forms_style *st, double width, const char *markup)
{
	PangoLayout *l = forms_layout(d, st, width, markup);
	double h = forms_layout_height(l);

	g_object_unref(l);
	return h;
}

double forms_text_at(struct forms_doc *d, const struct forms_style *st, double x, double y, double width,
		     const char *markup)
{
	PangoLayout *l = forms_layout(d, st, width, markup);
	double h = forms_layout_height(l);

	forms_show(d, l, x, y);
	g_object_unref(l);
	return h;
}

void forms_para(struct forms_doc *d, const struct forms_style *st, double after, const char *markup)
{
	double w = forms_doc_content_w(d);
	PangoLayout *l = forms_layout(d, st, w, markup);
	double h = forms_layout_height(l);

	forms_doc_need(d, h);
	forms_show(d, l, d->ml, d->y);
	g_object_unref(l);
	d->y += h + after;
}

char *forms_markup(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = g_markup_vprintf_escaped(fmt, ap);
	va_end(ap);
	return s;
}

char *forms_upper(const char *s)
{
	return g_utf8_strup(s ? s : "", -1);
}

void forms_hline(struct forms_doc *d, double x0, double x1, double y, double width)
{
	cairo_save(d->cr);
	cairo_set_line_width(d->cr, width);
	cairo_move_to(d->cr, x0, y);
	cairo_line_to(d->cr, x1, y);
	cairo_stroke(d->cr);
	cairo_restore(d->cr);
}
#endif /* FORMS_ENABLED */
