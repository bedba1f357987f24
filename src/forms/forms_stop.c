/*
 * forms_stop.c - Thông báo dừng giải quyết hồ sơ (A5), issued by the desk when
 * the applicant asks to stop a dossier on which no decision was issued
 * (Nghị định 118/2025/NĐ-CP; the exact article is still to verify, see
 * docs/FORMS.md).  From the last stop event, else withdraw.
 */
#include "forms/forms_build.h"
#if FORMS_ENABLED
#include "forms/forms_int.h"

static enum mc_err draw_stop(struct forms_doc *d, const void *p, struct mc_error *err)
{
	const json_t *j = p, *ev = forms_last_event(j, "stop", "withdraw");
	const struct forms_context *c = d->ctx;
	struct forms_style just = {FORMS_SERIF, d->base, false, false, FORMS_JUSTIFY, d->base * 1.6};
	const char *desk = *forms_str(j, "desk_unit.name") ? forms_str(j, "desk_unit.name") : forms_str(j, "receiving_unit.name");
	char rec[64], at[96], *m;

	forms_heading(d, NULL, "", c && c->issued_at ? c->issued_at : forms_str(ev, "at"));
	m = forms_markup("Về việc dừng giải quyết hồ sơ <b>%s</b>", forms_str(j, "code"));
	forms_title(d, "THÔNG BÁO", m);
	g_free(m);
	m = forms_markup("Kính gửi: <b>Ông (Bà) %s</b>", forms_or_dots(forms_str(j, "applicant.name")));
	forms_para(d, &(struct forms_style){FORMS_SERIF, d->base, false, false, FORMS_CENTER, 0}, d->base * 0.5, m);
	g_free(m);
	forms_fmt_hm_date(forms_str(j, "received_at"), rec, sizeof rec);
	m = forms_markup("Lúc %s, %s tiếp nhận hồ sơ của Ông (Bà) đề nghị giải quyết thủ tục hành chính <b>%s</b>; "
			 "mã hồ sơ: <b>%s</b>.",
			 rec, forms_or_dots(desk), forms_or_dots(forms_str(j, "procedure.name")), forms_str(j, "code"));
	forms_para(d, &just, 2, m);
	g_free(m);
	forms_fmt_hm_date(forms_str(ev, "at"), at, sizeof at);
	m = forms_markup("Ông (Bà) đã đề nghị dừng giải quyết hồ sơ nêu trên; lý do: %s.",
			 forms_or_dots(forms_str(ev, "reason")));
	forms_para(d, &just, 2, m);
	g_free(m);
	m = forms_markup("Do chưa có quyết định giải quyết, %s thông báo <b>dừng giải quyết hồ sơ</b> kể từ %s. "
			 "Ông (Bà) nhận lại hồ sơ đã nộp tại %s.",
			 forms_or_dots(desk), at, forms_or_dots(desk));
	forms_para(d, &just, 2, m);
	g_free(m);
	forms_para(d, &just, d->base, "Xin thông báo để Ông (Bà) được biết./.");
	{
		const char *titles[] = {"NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ"};
		const char *notes[] = {"Ký và ghi rõ họ tên", "Ký và ghi rõ họ tên"};
		const char *names[] = {forms_str(j, "applicant.name"), c ? c->officer_name : NULL};

		forms_signatures(d, 2, titles, notes, names);
	}
	(void)err;
	return MC_OK;
}

enum mc_err forms_stop_notice(const json_t *dossier, const struct forms_context *ctx, struct buf *out,
			      struct mc_error *err)
{
	const json_t *ev = forms_last_event(dossier, "stop", "withdraw");

	if (!json_is_object(dossier) || !*forms_str(dossier, "code"))
		return mc_fail(err, MC_EINVAL, "dossier", "Thiếu hồ sơ", "The dossier is missing");
	if (!ev)
		return mc_fail(err, MC_ECONFLICT, "events", "Hồ sơ không có đề nghị dừng giải quyết",
			       "The dossier has no request to stop");
	return forms_doc_render(out, FORMS_A5_W, FORMS_A5_H, 28, 26, "Thông báo dừng giải quyết hồ sơ",
				forms_str(ev, "at"), ctx, draw_stop, dossier, err);
}
#endif /* FORMS_ENABLED */
