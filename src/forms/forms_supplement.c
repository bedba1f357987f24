/*
 * forms_supplement.c - Mẫu số 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ
 * (A5).  Everything missing is listed at once ("một lần đầy đủ"): the items
 * of the last request_supplement event, or, for a dossier guided at the desk
 * and not received, of its guide event.
 */
#include "forms/forms_build.h"
#if FORMS_ENABLED
#include <stdio.h>

#include "forms/forms_int.h"

static enum mc_err draw_supplement(struct forms_doc *d, const void *p, struct mc_error *err)
{
	const json_t *j = p, *ev = forms_last_event(j, "request_supplement", "guide");
	const struct forms_context *c = d->ctx;
	const char *at = forms_str(ev, "at");
	char *m;
	size_t i;
	json_t *v;

	forms_heading(d, "Mẫu số 02 - Thông tư 01/2018/TT-VPCP", NULL, c && c->issued_at ? c->issued_at : at);
	m = forms_markup("Mã hồ sơ: <b>%s</b>", forms_str(j, "code"));
	forms_title(d, "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", m);
	g_free(m);
	forms_applicant_block(d, j, "Hồ sơ của");
	forms_line(d, "<b>Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:</b>");
	json_array_foreach(json_object_get(ev, "items"), i, v) {
		char num[24];

		snprintf(num, sizeof num, "%zu.", i + 1);
		forms_item(d, num, json_string_value(v) ? json_string_value(v) : "");
	}
	if (*forms_str(ev, "reason"))
		forms_field(d, "Lý do", forms_str(ev, "reason"), false);
	m = forms_markup("Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông (bà) liên hệ với %s, số điện "
			 "thoại %s để được hướng dẫn.",
			 forms_or_dots(c ? c->officer_name : NULL), forms_or_dots(c ? c->officer_phone : NULL));
	forms_line(d, m);
	g_free(m);
	d->y += d->base * 0.6;
	{
		const char *titles[] = {"NGƯỜI NỘP HỒ SƠ", "NGƯỜI HƯỚNG DẪN"};
		const char *notes[] = {"Ký và ghi rõ họ tên", "Ký và ghi rõ họ tên"};
		const char *names[] = {forms_str(j, "applicant.name"), c ? c->officer_name : NULL};

		forms_signatures(d, 2, titles, notes, names);
	}
	(void)err;
	return MC_OK;
}

enum mc_err forms_supplement_request(const json_t *dossier, const struct forms_context *ctx, struct buf *out,
				     struct mc_error *err)
{
	const json_t *ev = forms_last_event(dossier, "request_supplement", "guide");

	if (!json_is_object(dossier) || !*forms_str(dossier, "code"))
		return mc_fail(err, MC_EINVAL, "dossier", "Thiếu hồ sơ", "The dossier is missing");
	if (!ev || !json_array_size(json_object_get(ev, "items")))
		return mc_fail(err, MC_ECONFLICT, "events",
			       "Hồ sơ chưa có yêu cầu bổ sung hay hướng dẫn hoàn thiện nào",
			       "The dossier has no supplement request or guidance");
	return forms_doc_render(out, FORMS_A5_W, FORMS_A5_H, 28, 26, "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
				forms_str(ev, "at"), ctx, draw_supplement, dossier, err);
}
#endif /* FORMS_ENABLED */
