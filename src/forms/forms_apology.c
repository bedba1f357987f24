/*
 * forms_apology.c - Mẫu số 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả (A5),
 * from the apologize event: the promised time it breaks (the appointment
 * before the apology), the reason, the apology and the new date; signed by
 * the head of the resolving body.
 */
#include "forms/forms_build.h"
#if FORMS_ENABLED
#include <string.h>

#include "forms/forms_int.h"

/* The appointment the citizen held before the apology: the last
 * new_appointment set by an event before it (intake, supplement received). */
static const char *promised_before(const json_t *j, const json_t *apology)
{
	const json_t *evs = json_object_get(j, "events");
	const char *t = "";

	for (size_t i = 0; i < json_array_size(evs); i++) {
		const json_t *e = json_array_get(evs, i);

		if (e == apology)
			break;
		if (*forms_str(e, "new_appointment"))
			t = forms_str(e, "new_appointment");
	}
	return t;
}

static enum mc_err draw_apology(struct forms_doc *d, const void *p, struct mc_error *err)
{
	const json_t *j = p, *ev = forms_last_event(j, "apologize", NULL);
	const struct forms_context *c = d->ctx;
	struct forms_style just = {FORMS_SERIF, d->base, false, false, FORMS_JUSTIFY, d->base * 1.6};
	const char *body = *forms_str(j, "resolving_unit.name") ? forms_str(j, "resolving_unit.name")
								 : forms_str(j, "receiving_unit.name");
	char rec[64], old[96], newd[96], *m;

	forms_heading(d, "Mẫu số 04 - Thông tư 01/2018/TT-VPCP", "", c && c->issued_at ? c->issued_at : forms_str(ev, "at"));
	m = forms_markup("Mã hồ sơ: <b>%s</b>", forms_str(j, "code"));
	forms_title(d, "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", m);
	g_free(m);
	m = forms_markup("Kính gửi: <b>Ông (Bà) %s</b>", forms_or_dots(forms_str(j, "applicant.name")));
	forms_para(d, &(struct forms_style){FORMS_SERIF, d->base, false, false, FORMS_CENTER, 0}, d->base * 0.5, m);
	g_free(m);
	forms_fmt_long_date(forms_str(j, "received_at"), rec, sizeof rec);
	rec[0] = 'N'; /* "ngày" opens the sentence */
	m = forms_markup("%s, %s tiếp nhận giải quyết hồ sơ của Ông (Bà) đề nghị giải quyết thủ tục hành chính "
			 "<b>%s</b>; mã hồ sơ: <b>%s</b>.",
			 rec, forms_or_dots(forms_str(j, "receiving_unit.name")), forms_or_dots(forms_str(j, "procedure.name")),
			 forms_str(j, "code"));
	forms_para(d, &just, 2, m);
	g_free(m);
	forms_fmt_hm_date(promised_before(j, ev), old, sizeof old);
	m = forms_markup("Thời gian hẹn trả kết quả giải quyết hồ sơ: %s.", old);
	forms_para(d, &(struct forms_style){FORMS_SERIF, d->base, false, false, FORMS_LEFT, d->base * 1.6}, 2, m);
	g_free(m);
	m = forms_markup("Tuy nhiên, đến nay, %s chưa trả kết quả giải quyết hồ sơ cho Ông (Bà) đúng thời hạn quy định "
			 "ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả, lý do: %s.",
			 forms_or_dots(body), forms_or_dots(forms_str(ev, "reason")));
	forms_para(d, &just, 2, m);
	g_free(m);
	forms_fmt_hm_date(forms_str(ev, "new_appointment"), newd, sizeof newd);
	m = forms_markup("Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của Ông (Bà). %s xin lỗi Ông (Bà) "
			 "và sẽ trả kết quả giải quyết hồ sơ cho Ông (Bà) vào <b>%s</b>.",
			 forms_or_dots(body), newd);
	forms_para(d, &just, 2, m);
	g_free(m);
	forms_para(d, &just, d->base, "Mong nhận được sự thông cảm của Ông (Bà) vì sự chậm trễ này./.");
	{
		/* one block on the right half, as official letters sign */
		const char *titles[] = {"", "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ"};
		const char *notes[] = {NULL, "Ký, ghi rõ họ tên và đóng dấu"};
		const char *names[] = {NULL, c ? c->head_name : NULL};

		forms_signatures(d, 2, titles, notes, names);
	}
	(void)err;
	return MC_OK;
}

enum mc_err forms_apology(const json_t *dossier, const struct forms_context *ctx, struct buf *out,
			  struct mc_error *err)
{
	const json_t *ev = forms_last_event(dossier, "apologize", NULL);

	if (!json_is_object(dossier) || !*forms_str(dossier, "code"))
		return mc_fail(err, MC_EINVAL, "dossier", "Thiếu hồ sơ", "The dossier is missing");
	if (!ev)
		return mc_fail(err, MC_ECONFLICT, "events", "Hồ sơ chưa có văn bản xin lỗi, hẹn lại ngày trả kết quả",
			       "The dossier has no apology and new appointment");
	return forms_doc_render(out, FORMS_A5_W, FORMS_A5_H, 28, 26, "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
				forms_str(ev, "at"), ctx, draw_apology, dossier, err);
}
#endif /* FORMS_ENABLED */
