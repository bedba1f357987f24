/*
 * forms_refusal.c - Mẫu số 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ (A5):
 * the reasons, and both the applicant and the officer sign.
 */
#include "forms/forms_build.h"
#if FORMS_ENABLED
#include "forms/forms_int.h"

static const char *refusal_reason(const json_t *j)
{
	const json_t *ev = forms_last_event(j, "refuse", NULL);

	return *forms_str(ev, "reason") ? forms_str(ev, "reason") : forms_str(j, "reason");
}

static enum mc_err draw_refusal(struct forms_doc *d, const void *p, struct mc_error *err)
{
	const json_t *j = p, *ev = forms_last_event(j, "refuse", NULL);
	const struct forms_context *c = d->ctx;
	struct forms_style just = {FORMS_SERIF, d->base, false, false, FORMS_JUSTIFY, 0};
	const char *unit = *forms_str(j, "desk_unit.name") ? forms_str(j, "desk_unit.name") : forms_str(j, "receiving_unit.name");
	char *m;

	forms_heading(d, "Mẫu số 03 - Thông tư 01/2018/TT-VPCP", NULL, c && c->issued_at ? c->issued_at : forms_str(ev, "at"));
	m = forms_markup("Mã hồ sơ: <b>%s</b>", forms_str(j, "code"));
	forms_title(d, "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", m);
	g_free(m);
	forms_field(d, "Bộ phận tiếp nhận và trả kết quả", unit, false);
	forms_applicant_block(d, j, "Tiếp nhận hồ sơ của");
	m = forms_markup("Qua xem xét, %s thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:",
			 forms_or_dots(unit));
	forms_para(d, &just, 1, m);
	g_free(m);
	m = forms_markup("<b>%s</b>", forms_or_dots(refusal_reason(j)));
	forms_para(d, &just, 1, m);
	g_free(m);
	forms_line(d, "Xin thông báo để ông (bà) được biết và thực hiện./.");
	d->y += d->base * 0.6;
	{
		const char *titles[] = {"NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ"};
		const char *notes[] = {"Ký và ghi rõ họ tên", "Ký và ghi rõ họ tên"};
		const char *names[] = {forms_str(j, "applicant.name"), c ? c->officer_name : NULL};

		forms_signatures(d, 2, titles, notes, names);
	}
	(void)err;
	return MC_OK;
}

enum mc_err forms_refusal(const json_t *dossier, const struct forms_context *ctx, struct buf *out,
			  struct mc_error *err)
{
	if (!json_is_object(dossier) || !*forms_str(dossier, "code"))
		return mc_fail(err, MC_EINVAL, "dossier", "Thiếu hồ sơ", "The dossier is missing");
	if (!*refusal_reason(dossier))
		return mc_fail(err, MC_ECONFLICT, "events", "Hồ sơ không bị từ chối: không có lý do từ chối",
			       "The dossier was not refused: there is no reason");
	return forms_doc_render(out, FORMS_A5_W, FORMS_A5_H, 28, 26, "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
				forms_str(forms_last_event(dossier, "refuse", NULL), "at"), ctx, draw_refusal, dossier,
				err);
}
#endif /* FORMS_ENABLED */
