/*
 * bench_receipt.c - how fast the receipt (Mẫu 01) renders, as a ratio to the
 * cheapest possible PDF in the same process: one blank A5 page on a cairo
 * PDF stream surface.  The machine is shared and noisy: read the ratio, not
 * the absolute rates.
 *
 *   gcc -std=c11 -D_GNU_SOURCE -O2 -Isrc $(pkg-config --cflags pangocairo cairo-pdf fontconfig libqrencode \
 *       jansson xlsxwriter) tests/forms/bench_receipt.c src/forms/forms_*.c src/core/buf.c src/core/err.c \
 *       $(pkg-config --libs pangocairo cairo-pdf fontconfig libqrencode jansson xlsxwriter) -o /tmp/bench_receipt
 *   /tmp/bench_receipt [seconds per measurement, default 3]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <cairo-pdf.h>

#include "forms/forms.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static cairo_status_t sink(void *closure, const unsigned char *data, unsigned int len)
{
	return buf_append(closure, data, len) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

static int blank_a5(struct buf *b)
{
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(sink, b, 419.53, 595.28);
	cairo_t *cr = cairo_create(s);

	cairo_show_page(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
	return b->len > 0 ? 0 : -1;
}

static const char *DOSSIER =
	"{\"code\":\"000.00.27.H21-260302-0001\",\"procedure\":{\"code\":\"1.001612\",\"name\":\"Đăng ký thành lập hộ "
	"kinh doanh\",\"time_limit\":{\"days\":3},\"time_limit_text\":\"03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp "
	"lệ\"},\"state\":\"processing\",\"receiving_unit\":{\"code\":\"dakpo\",\"name\":\"UBND huyện Đak Pơ\"},"
	"\"desk_unit\":{\"code\":\"dakpo.motcua\",\"name\":\"Bộ phận Một cửa huyện Đak Pơ\"},\"resolving_unit\":"
	"{\"code\":\"dakpo.tckh\",\"name\":\"Phòng Tài chính - Kế hoạch\"},\"applicant\":{\"kind\":\"individual\","
	"\"name\":\"Nguyễn Văn Bình\",\"id_number\":\"064090001111\",\"phone\":\"0912000111\",\"email\":"
	"\"binh@example.vn\",\"address\":\"Thôn 1, xã An Thành\"},\"documents\":[{\"index\":0,\"name\":\"Giấy đề nghị "
	"đăng ký hộ kinh doanh\",\"form\":\"original\",\"count\":1},{\"index\":1,\"name\":\"Bản sao giấy tờ pháp lý của "
	"cá nhân\",\"form\":\"copy\",\"count\":1}],\"delivery\":{\"method\":\"desk\"},\"fees\":[{\"amount\":100000,"
	"\"name\":\"Lệ phí đăng ký hộ kinh doanh\"}],\"fee_total\":100000,\"received_at\":"
	"\"2026-03-02T08:15:00+07:00\",\"appointment\":\"2026-03-05T16:00:00+07:00\",\"events\":[]}";

int main(int argc, char **argv)
{
	double secs = argc > 1 ? atof(argv[1]) : 3.0, t0, blank_rate, receipt_rate, vietqr_rate;
	struct forms_context ctx = {"UBND huyện Đak Pơ", "Bộ phận Một cửa", "Đak Pơ", "http://127.0.0.1:8080/tra-cuu/",
				    NULL, "Nguyễn Thị Mai", NULL, NULL, NULL};
	json_t *d = json_loads(DOSSIER, 0, NULL);
	struct buf b;
	struct mc_error e;
	long n;
	size_t size = 0;

	if (!d)
		return 1;
	buf_init(&b, 8u << 20);
	if (forms_receipt(d, &ctx, &b, &e)) /* warm up: fontconfig, font loading */
		return fprintf(stderr, "%s\n", e.msg_en), 1;
	for (n = 0, t0 = now(); now() - t0 < secs; n++) {
		buf_reset(&b);
		if (blank_a5(&b))
			return 1;
	}
	blank_rate = n / (now() - t0);
	for (n = 0, t0 = now(); now() - t0 < secs; n++) {
		buf_reset(&b);
		if (forms_receipt(d, &ctx, &b, &e))
			return 1;
	}
	receipt_rate = n / (now() - t0);
	size = b.len;
	ctx.vietqr_payload = "00020101021238560010A0000007270126000697041501121133666688880208QRIBFTTA5303704540610"
			     "00005802VN62360832LE PHI 000.00.27.H21-260302-000163047CFC";
	for (n = 0, t0 = now(); now() - t0 < secs; n++) {
		buf_reset(&b);
		if (forms_receipt(d, &ctx, &b, &e))
			return 1;
	}
	vietqr_rate = n / (now() - t0);
	printf("blank A5 page:             %8.0f /s\n", blank_rate);
	printf("receipt (01, lookup QR):   %8.0f /s  ratio %.3f of blank  (%.2f ms each, %zu bytes)\n", receipt_rate,
	       receipt_rate / blank_rate, 1000.0 / receipt_rate, size);
	printf("receipt with VietQR:       %8.0f /s  ratio %.3f of blank  (%.2f ms each, %zu bytes)\n", vietqr_rate,
	       vietqr_rate / blank_rate, 1000.0 / vietqr_rate, b.len);
	buf_release(&b);
	json_decref(d);
	forms_release_fonts();
	return 0;
}
