/*
 * forms_qr.c - QR codes on the forms (libqrencode), drawn as vector modules
 * with cairo: the receipt's public lookup link and the VietQR fee payload.
 */
#include "forms/forms_build.h"
#if FORMS_ENABLED
#include <qrencode.h>

#include "forms/forms_int.h"

#define QUIET 4 /* modules of white border the QR specification asks for */

enum mc_err forms_qr_draw(struct forms_doc *d, const char *text, double x, double y, double side,
			  struct mc_error *err)
{
	QRcode *q;
	double m;
	int n;

	if (!text || !*text)
		return mc_fail(err, MC_EINVAL, "qr", "Mã QR không có nội dung", "The QR code has no content");
	/* level M: survives a crease or a stain on a paper receipt; byte mode
	 * keeps the URL exactly as given (no case folding). */
	q = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
	if (!q)
		return mc_fail(err, MC_EINVAL, "qr", "Nội dung quá dài cho mã QR", "The content is too long for a QR code");
	n = q->width;
	m = side / (n + 2 * QUIET);
	cairo_save(d->cr);
	cairo_set_source_rgb(d->cr, 1, 1, 1);
	cairo_rectangle(d->cr, x, y, side, side);
	cairo_fill(d->cr);
	cairo_set_source_rgb(d->cr, 0, 0, 0);
	/* one rectangle per horizontal run of dark modules: a smaller PDF and a
	 * single fill, so viewers draw no hairlines between neighbours */
	for (int r = 0; r < n; r++) {
		for (int c = 0; c < n;) {
			int run = 0;

			while (c + run < n && (q->data[r * n + c + run] & 1))
				run++;
			if (run) {
				cairo_rectangle(d->cr, x + (QUIET + c) * m, y + (QUIET + r) * m, run * m, m);
				c += run;
			} else {
				c++;
			}
		}
	}
	cairo_fill(d->cr);
	cairo_restore(d->cr);
	QRcode_free(q);
	return MC_OK;
}
#endif /* FORMS_ENABLED */
