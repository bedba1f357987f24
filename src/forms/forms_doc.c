/*
 * forms_doc.c - the PDF document of a form: a cairo PDF surface whose stream
 * goes into the caller's struct buf, one pango context for all its text, page
 * breaks, and the two-pass run of the forms that print "Trang i/n".
 */
#include "forms/forms_build.h"
#if FORMS_ENABLED
#include <string.h>

#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>

#include "forms/forms_int.h"

/* cairo calls this with each chunk of the PDF as it is produced.  A failed
 * append (the caller's cap) is remembered and reported by forms_doc_finish:
 * cairo itself only learns "write error" and stops. */
static cairo_status_t sink(void *closure, const unsigned char *data, unsigned int length)
{
	struct forms_doc *d = closure;
	enum mc_err rc;

	if (!d->out)
		return CAIRO_STATUS_SUCCESS; /* counting pass: bytes are not wanted */
	if (d->write_rc)
		return CAIRO_STATUS_WRITE_ERROR;
	rc = buf_append(d->out, data, length);
	if (rc) {
		d->write_rc = rc;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

enum mc_err forms_doc_begin(struct forms_doc *d, struct buf *out, double w, double h, double margin_x,
			    double margin_y, const char *title, const char *date_iso,
			    const struct forms_context *ctx, struct mc_error *err)
{
	cairo_font_options_t *fo;

	memset(d, 0, sizeof *d);
	d->out = out;
	d->w = w;
	d->h = h;
	d->ml = margin_x + 6; /* a little more on the binding side, as printed forms have */
	d->mr = margin_x;
	d->mt = margin_y;
	d->mb = margin_y;
	d->y = d->mt;
	d->page = 1;
	d->base = w < 500 ? 9.0 : 10.5;
	d->ctx = ctx;
	d->surface = cairo_pdf_surface_create_for_stream(sink, d, w, h);
	if (cairo_surface_status(d->surface) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(d->surface);
		d->surface = NULL;
		return mc_fail(err, MC_ENOMEM, NULL, "Không tạo được tệp PDF", "Cannot create the PDF surface");
	}
	/* Fixed metadata: without a CREATE_DATE cairo stamps the current time, and
	 * the same dossier would print to different bytes on every request. */
	cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_TITLE, title ? title : "");
	cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATOR, "MotCua");
	cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATE_DATE,
				       date_iso && *date_iso ? date_iso : "2018-01-01T00:00:00Z");
	d->cr = cairo_create(d->surface);
	d->pc = pango_cairo_create_context(d->cr);
	/* 1 pango point = 1 cairo unit (the default assumes 96 dpi screens), and
	 * unhinted metrics: the counting pass and the real one measure alike. */
	pango_cairo_context_set_resolution(d->pc, 72.0);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(d->pc, fo);
	cairo_font_options_destroy(fo);
	cairo_set_source_rgb(d->cr, 0, 0, 0);
	return MC_OK;
}

double forms_doc_content_w(const struct forms_doc *d)
{
	return d->w - d->ml - d->mr;
}

double forms_doc_bottom(const struct forms_doc *d)
{
	return d->h - d->mb - (d->numbered ? 16 : 0);
}

void forms_doc_new_page(struct forms_doc *d)
{
	if (d->numbered)
		forms_page_number(d);
	cairo_show_page(d->cr);
	d->page++;
	d->y = d->mt;
}

void forms_doc_need(struct forms_doc *d, double height)
{
	if (d->y + height > forms_doc_bottom(d) && d->y > d->mt)
		forms_doc_new_page(d);
}

static void release(struct forms_doc *d)
{
	if (d->pc)
		g_object_unref(d->pc);
	if (d->cr)
		cairo_destroy(d->cr);
	if (d->surface)
		cairo_surface_destroy(d->surface);
	d->pc = NULL;
	d->cr = NULL;
	d->surface = NULL;
}

enum mc_err forms_doc_finish(struct forms_doc *d, struct mc_error *err)
{
	cairo_status_t st;

	if (d->numbered)
		forms_page_number(d);
	cairo_show_page(d->cr);
	cairo_surface_finish(d->surface); /* writes the trailer through sink() */
	st = cairo_surface_status(d->surface);
	release(d);
	if (d->write_rc) {
		if (d->out)
			buf_reset(d->out);
		return mc_fail(err, d->write_rc, NULL, "Tệp PDF vượt quá giới hạn kích thước",
			       "The PDF is larger than its size limit");
	}
	if (st != CAIRO_STATUS_SUCCESS) {
		if (d->out)
			buf_reset(d->out);
		return mc_failf(err, MC_EINTERNAL, NULL, "Lỗi tạo PDF: %s", "PDF rendering failed: %s",
				cairo_status_to_string(st));
	}
	return MC_OK;
}

void forms_doc_abort(struct forms_doc *d)
{
	struct buf *out = d->out;

	d->out = NULL; /* whatever cairo flushes now is dropped */
	if (d->surface)
		cairo_surface_finish(d->surface);
	release(d);
	if (out)
		buf_reset(out);
}

enum mc_err forms_doc_render(struct buf *out, double w, double h, double mx, double my, const char *title,
			     const char *date_iso, const struct forms_context *ctx, forms_draw_fn draw, const void *arg,
			     struct mc_error *err)
{
	struct forms_doc d;
	enum mc_err rc;

	if ((rc = forms_doc_begin(&d, out, w, h, mx, my, title, date_iso, ctx, err)))
		return rc;
	if ((rc = draw(&d, arg, err))) {
		forms_doc_abort(&d);
		return rc;
	}
	return forms_doc_finish(&d, err);
}

enum mc_err forms_doc_render_numbered(struct buf *out, double w, double h, double mx, double my, const char *title,
				      const char *date_iso, const struct forms_context *ctx, forms_draw_fn draw,
				      const void *arg, struct mc_error *err)
{
	struct forms_doc d;
	enum mc_err rc;
	int pages;

	/* pass 1: count the pages (same fonts, same metrics, bytes discarded) */
	if ((rc = forms_doc_begin(&d, NULL, w, h, mx, my, title, date_iso, ctx, err)))
		return rc;
	d.numbered = true;
	if ((rc = draw(&d, arg, err))) {
		forms_doc_abort(&d);
		return rc;
	}
	pages = d.page;
	if ((rc = forms_doc_finish(&d, err)))
		return rc;
	/* pass 2: for real, with the total known */
	if ((rc = forms_doc_begin(&d, out, w, h, mx, my, title, date_iso, ctx, err)))
		return rc;
	d.numbered = true;
	d.total_pages = pages;
	if ((rc = draw(&d, arg, err))) {
		forms_doc_abort(&d);
		return rc;
	}
	return forms_doc_finish(&d, err);
}

void forms_release_fonts(void)
{
	/* the calling thread's pango font map (other threads' go when they end),
	 * cairo's font caches, then fontconfig's configuration and font set */
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
}
#endif /* FORMS_ENABLED */
