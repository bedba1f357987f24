/*
 * forms_receipt.c - Mẫu số 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả (A5),
 * with the QR code of the public lookup link of the dossier and, when the
 * caller gives a VietQR payload, a second QR code for paying the fee.
 */
#include "forms/forms_build.h"
#if FORMS_ENABLED
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/forms_int.h"

struct receipt_arg {
	const json_t *dossier;
	const char *lookup_url; /* base + code, built by forms_receipt */
};

/* Paragraphs in a column narrowed to leave `reserve` points on the right, and
 * a QR code with a caption in that space; the cursor ends below the taller. */
static enum mc_err beside_qr(struct forms_doc *d, char *const lines[], int n, const char *qr_text,
			     const char *caption, struct mc_error *err)
{
	struct forms_style st = {FORMS_SERIF, d->base, false, false, FORMS_LEFT, 0};
	struct forms_style cap = {FORMS_SANS, d->base - 2.5, false, false, FORMS_CENTER, 0};
	double side = 74, gap = 8, cw = forms_doc_content_w(d), tw = cw - side - gap, y0, yt, yq, capw = side + 16;
	double need = 0;
	char *c = forms_markup("%s", caption);
	enum mc_err rc;

	for (int i = 0; i < n; i++)
		need += forms_text_height(d, &st, tw, lines[i]);
	need = need > side + 20 ? need : side + 20;
	forms_doc_need(d, need);
	y0 = yt = d->y;
	for (int i = 0; i < n; i++)
		yt += forms_text_at(d, &st, d->ml, yt, tw, lines[i]);
	if ((rc = forms_qr_draw(d, qr_text, d->ml + cw - side, y0, side, err))) {
		g_free(c);
		return rc;
	}
	yq = y0 + side + forms_text_at(d, &cap, d->ml + cw - side - (capw - side) / 2, y0 + side, capw, c);
	g_free(c);
	d->y = (yt > yq ? yt : yq) + 2;
	return MC_OK;
}

static void free_lines(char *lines[], int n)
{
	for (int i = 0; i < n; i++)
		g_free(lines[i]);
}

static enum mc_err draw_receipt(struct forms_doc *d, const void *p, struct mc_error *err)
{
	const struct receipt_arg *a = p;
	const json_t *j = a->dossier;
	const struct forms_context *c = d->ctx;
	const char *received = forms_str(j, "received_at"), *authorized = forms_str(j, "applicant.authorized_person");
	char tmp[512], when[96], *lines[8], *sub;
	int n = 0;
	size_t i;
	json_t *v, *fees = json_object_get(j, "fees");
	json_int_t sets = json_integer_value(json_object_get(j, "sets"));
	enum mc_err rc;

	forms_heading(d, "Mẫu số 01 - Thông tư 01/2018/TT-VPCP", forms_str(j, "receipt_number"),
		      c && c->issued_at ? c->issued_at : received);
	sub = forms_markup("Mã hồ sơ: <b>%s</b>", forms_str(j, "code"));
	forms_title(d, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", sub);
	g_free(sub);

	/* who and what, beside the lookup QR code */
	lines[n++] = forms_markup("%s: <b>%s</b>", "Bộ phận tiếp nhận và trả kết quả", forms_str(j, "desk_unit.name"));
	lines[n++] = forms_markup("Tiếp nhận hồ sơ của: <b>%s</b>", forms_str(j, "applicant.name"));
	lines[n++] = forms_markup("Số định danh cá nhân/mã số: %s",
				  *forms_str(j, "applicant.id_number") ? forms_str(j, "applicant.id_number") : FORMS_DOTS);
	lines[n++] = forms_markup("Địa chỉ: %s",
				  *forms_str(j, "applicant.address") ? forms_str(j, "applicant.address") : FORMS_DOTS);
	lines[n++] = forms_markup("Số điện thoại: %s",
				  *forms_str(j, "applicant.phone") ? forms_str(j, "applicant.phone") : FORMS_DOTS);
	lines[n++] = forms_markup("Email: %s", *forms_str(j, "applicant.email") ? forms_str(j, "applicant.email") : "……………");
	rc = beside_qr(d, lines, n, a->lookup_url, "Quét mã để tra cứu hồ sơ", err);
	free_lines(lines, n);
	if (rc)
		return rc;
	if (*authorized)
		forms_field(d, "Người được ủy quyền", authorized, false);
	forms_field(d, "Nội dung yêu cầu giải quyết", forms_str(j, "procedure.name"), true);

	forms_line(d, "1. Thành phần hồ sơ nộp gồm:");
	json_array_foreach(json_object_get(j, "documents"), i, v) {
		char num[24];
		json_int_t cnt = json_integer_value(json_object_get(v, "count"));

		snprintf(num, sizeof num, "%zu)", i + 1);
		snprintf(tmp, sizeof tmp, "%s (%s: %02lld)", forms_str(v, "name"), forms_doc_form_vi(forms_str(v, "form")),
			 (long long)(cnt > 0 ? cnt : 1));
		forms_item(d, num, tmp);
	}
	if (!json_array_size(json_object_get(j, "documents")))
		forms_item(d, "", FORMS_DOTS);
	snprintf(tmp, sizeof tmp, "%02lld bộ", (long long)(sets > 0 ? sets : 1));
	sub = forms_markup("2. Số lượng hồ sơ: %s", tmp);
	forms_line(d, sub);
	g_free(sub);
	forms_time_limit_text(j, tmp, sizeof tmp);
	forms_field(d, "3. Thời gian giải quyết hồ sơ theo quy định", tmp, false);
	forms_fmt_hm_date(received, when, sizeof when);
	forms_field(d, "4. Thời gian nhận hồ sơ", when, false);
	forms_fmt_hm_date(forms_str(j, "appointment"), when, sizeof when);
	forms_field(d, "5. Thời gian trả kết quả giải quyết hồ sơ", when, true);
	forms_delivery_text(j, tmp, sizeof tmp);
	forms_field(d, "6. Đăng ký nhận kết quả tại", tmp, false);

	/* the fee, with its payment QR code when the caller made one */
	if (json_array_size(fees)) {
		char money[32];
		int k = 0;

		n = 0;
		forms_fmt_money(json_integer_value(json_object_get(j, "fee_total")), money, sizeof money);
		lines[n++] = forms_markup("7. Phí, lệ phí: <b>%s đồng</b>", money);
		json_array_foreach(fees, i, v) {
			char amount[32];

			if (k++ == 5)
				break; /* the catalog's fee list is short; a long one belongs on the notice board */
			forms_fmt_money(json_integer_value(json_object_get(v, "amount")), amount, sizeof amount);
			lines[n++] = forms_markup("   – %s: %s đồng", forms_str(v, "name"), amount);
		}
		if (c && c->vietqr_payload && *c->vietqr_payload) {
			char cap[64];

			snprintf(cap, sizeof cap, "VietQR: %s đ", money);
			rc = beside_qr(d, lines, n, c->vietqr_payload, cap, err);
			free_lines(lines, n);
			if (rc)
				return rc;
		} else {
			for (int l = 0; l < n; l++)
				forms_line(d, lines[l]);
			free_lines(lines, n);
		}
	}
	sub = forms_markup("Vào Sổ theo dõi hồ sơ, Quyển số: %s, Số thứ tự: %s",
			   *forms_str(j, "tracking_book.volume") ? forms_str(j, "tracking_book.volume") : "……",
			   *forms_str(j, "tracking_book.line") ? forms_str(j, "tracking_book.line") : "……");
	forms_line(d, sub);
	g_free(sub);
	d->y += d->base * 0.6;
	{
		const char *titles[] = {"NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ"};
		const char *notes[] = {"Ký và ghi rõ họ tên", "Ký và ghi rõ họ tên"};
		const char *names[] = {forms_str(j, "applicant.name"), c ? c->officer_name : NULL};

		forms_signatures(d, 2, titles, notes, names);
	}
	return MC_OK;
}

enum mc_err forms_receipt(const json_t *dossier, const struct forms_context *ctx, struct buf *out,
			  struct mc_error *err)
{
	struct receipt_arg a = {dossier, NULL};
	const char *code = forms_str(dossier, "code"), *base = ctx ? ctx->lookup_base_url : NULL;
	char *url;
	enum mc_err rc;

	if (!json_is_object(dossier) || !*code)
		return mc_fail(err, MC_EINVAL, "dossier", "Thiếu hồ sơ", "The dossier is missing");
	if (!*forms_str(dossier, "received_at"))
		return mc_fail(err, MC_ECONFLICT, "received_at", "Hồ sơ chưa được tiếp nhận: không có giấy tiếp nhận",
			       "The dossier was not received: there is no receipt");
	if (!base || !*base)
		return mc_fail(err, MC_EINVAL, "lookup_base_url", "Thiếu địa chỉ tra cứu hồ sơ cho mã QR",
			       "The lookup URL for the QR code is missing");
	if (asprintf(&url, "%s%s", base, code) < 0)
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	a.lookup_url = url;
	rc = forms_doc_render(out, FORMS_A5_W, FORMS_A5_H, 28, 26, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
			      forms_str(dossier, "received_at"), ctx, draw_receipt, &a, err);
	free(url);
	return rc;
}
#endif /* FORMS_ENABLED */
