/*
 * forms_table.c - ruled tables for the control slip and the tracking book:
 * column widths from weights, rows as tall as their wrapped text, rows never
 * split, and the header row repeated at the top of every page.
 */
#include "forms/forms_build.h"
#if FORMS_ENABLED
#include "forms/forms_int.h"

#define PAD 2.5 /* points of space inside each cell */

bool forms_table_init(struct forms_table *t, const struct forms_table_col *cols, int ncols, int nrows, double size)
{
	t->cols = cols;
	t->ncols = ncols;
	t->nrows = nrows;
	t->size = size;
	t->cont_markup = NULL;
	t->cells = g_new0(char *, (gsize)ncols * (gsize)(nrows > 0 ? nrows : 1));
	return t->cells != NULL;
}

void forms_table_set(struct forms_table *t, int row, int col, char *markup)
{
	char **slot = &t->cells[row * t->ncols + col];

	g_free(*slot);
	*slot = markup;
}

void forms_table_free(struct forms_table *t)
{
	if (!t->cells)
		return;
	for (int i = 0; i < t->ncols * t->nrows; i++)
		g_free(t->cells[i]);
	g_free(t->cells);
	t->cells = NULL;
}

static void widths(const struct forms_doc *d, const struct forms_table *t, double *w)
{
	double sum = 0, cw = forms_doc_content_w(d);

	for (int c = 0; c < t->ncols; c++)
		sum += t->cols[c].weight;
	for (int c = 0; c < t->ncols; c++)
		w[c] = cw * t->cols[c].weight / sum;
}

/* Height of a row of cells (header when cells == NULL), or draw it at d->y
 * when draw is set. */
static double row(struct forms_doc *d, const struct forms_table *t, const double *w, char *const *cells, bool draw,
		  double height)
{
	struct forms_style st = {FORMS_SERIF, t->size, cells == NULL, false, FORMS_LEFT, 0};
	double x = d->ml, h = 0;

	for (int c = 0; c < t->ncols; c++) {
		const char *m = cells ? cells[c] : t->cols[c].title;
		double ch;

		st.align = cells ? t->cols[c].align : FORMS_CENTER;
		if (draw) {
			forms_text_at(d, &st, x + PAD, d->y + PAD * 0.4, w[c] - 2 * PAD, m ? m : "");
		} else {
			ch = forms_text_height(d, &st, w[c] - 2 * PAD, m ? m : "") + 1.4 * PAD; /* the lead is above */
			h = ch > h ? ch : h;
		}
		x += w[c];
	}
	if (draw) {
		/* the rules after the text: show_layout leaves move_to's in the path */
		cairo_save(d->cr);
		cairo_new_path(d->cr);
		x = d->ml;
		for (int c = 0; c < t->ncols; c++) {
			cairo_rectangle(d->cr, x, d->y, w[c], height);
			x += w[c];
		}
		cairo_set_line_width(d->cr, 0.5);
		cairo_stroke(d->cr);
		cairo_restore(d->cr);
	}
	return h;
}

static void header(struct forms_doc *d, const struct forms_table *t, const double *w, double hh)
{
	cairo_save(d->cr);
	cairo_set_source_rgb(d->cr, 0.92, 0.92, 0.92);
	cairo_rectangle(d->cr, d->ml, d->y, forms_doc_content_w(d), hh);
	cairo_fill(d->cr);
	cairo_restore(d->cr);
	row(d, t, w, NULL, true, hh);
	d->y += hh;
}

void forms_table_draw(struct forms_doc *d, const struct forms_table *t)
{
	double w[32], hh;

	if (t->ncols > 32)
		return; /* a caller's bug; the forms have at most 12 columns */
	widths(d, t, w);
	hh = row(d, t, w, NULL, false, 0);
	forms_doc_need(d, hh * 2); /* never a header alone at the foot of a page */
	header(d, t, w, hh);
	for (int r = 0; r < t->nrows; r++) {
		char *const *cells = &t->cells[r * t->ncols];
		double rh = row(d, t, w, cells, false, 0);

		if (d->y + rh > forms_doc_bottom(d)) {
			forms_doc_new_page(d);
			if (t->cont_markup)
				forms_para(d, &(struct forms_style){FORMS_SERIF, t->size, false, true, FORMS_LEFT, 0}, 4,
					   t->cont_markup);
			header(d, t, w, hh);
		}
		row(d, t, w, cells, true, rh);
		d->y += rh;
	}
}
#endif /* FORMS_ENABLED */
