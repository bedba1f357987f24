/*
 * forms_qr_svg.c - a QR code as a small SVG image (libqrencode), for the
 * screens: the VietQR code a citizen scans with a banking app to pay a fee.
 * One path of unit squares, crisp at any size, a 4-module quiet zone.
 */
#include <qrencode.h>
#include <string.h>

#include "forms/forms.h"

enum mc_err forms_qr_svg(const char *text, struct buf *out, struct mc_error *err)
{
	QRcode *q;
	int n, quiet = 4;
	enum mc_err rc = MC_OK;

	if (!text || !*text || strlen(text) > 1024)
		return mc_fail(err, MC_EINVAL, "text", "Nội dung mã QR trống hoặc quá dài (tối đa 1024 byte)",
			       "The QR content is empty or too long (at most 1024 bytes)");
	q = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
	if (!q)
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	n = q->width + 2 * quiet;
	buf_reset(out);
	rc = buf_printf(out,
			"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\">"
			"<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
			n, n, n, n);
	for (int y = 0; !rc && y < q->width; y++)
		for (int x = 0; !rc && x < q->width; x++)
			if (q->data[y * q->width + x] & 1)
				rc = buf_printf(out, "M%d %dh1v1h-1z", x + quiet, y + quiet);
	if (!rc)
		rc = buf_puts(out, "\"/></svg>");
	QRcode_free(q);
	if (rc)
		return mc_fail(err, rc, NULL, NULL, NULL);
	return MC_OK;
}
