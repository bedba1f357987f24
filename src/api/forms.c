/*
 * forms.c - the printable forms over HTTP: each dossier form as a PDF, and
 * the tracking book as PDF, Excel or CSV.  The forms are rendered from the
 * same JSON the screens show (src/forms/), with the same permission as
 * reading that JSON; the citizen who owns a dossier can print its receipt.
 */
#include "api/api_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/forms.h"
#include "service/dossier.h"
#include "service/online.h"

static const struct {
	const char *file;
	enum mc_err (*render)(const json_t *dossier, const struct forms_context *ctx, struct buf *out,
			      struct mc_error *err);
} dossier_forms[] = {
	{"receipt.pdf", forms_receipt},
	{"supplement.pdf", forms_supplement_request},
	{"refusal.pdf", forms_refusal},
	{"apology.pdf", forms_apology},
	{"stop.pdf", forms_stop_notice},
};

/* The heading and the signers of a dossier's forms. */
struct form_names {
	char parent[256], unit[256], place[256], base[600], officer[160], head[160];
};

static void names_for(struct api_ctx *x, struct store_conn *c, const struct dossier_ctx *d, struct form_names *n,
		      struct forms_context *ctx)
{
	struct user_rec u;
	const char *place = d->receiving.name;

	memset(n, 0, sizeof *n);
	memset(ctx, 0, sizeof *ctx);
	snprintf(n->parent, sizeof n->parent, "%s", d->receiving.name);
	snprintf(n->unit, sizeof n->unit, "%s", d->desk.name);
	/* "UBND huyện Đak Pơ" -> "Đak Pơ": the place of the date line */
	if (!strncmp(place, "UBND ", 5))
		place += 5;
	for (const char *w = place; *w; w++)
		if (*w == ' ' && (!strncmp(place, "huyện", 6) || !strncmp(place, "xã", 3) || !strncmp(place, "tỉnh", 5) ||
				  !strncmp(place, "thị trấn", 10))) {
			place = w + 1;
			break;
		}
	snprintf(n->place, sizeof n->place, "%s", place);
	snprintf(n->base, sizeof n->base, "%s/tra-cuu/", x->app->cfg->base_url);
	if (d->nevents && d->events[0].actor_id && !store_user_get(c, d->events[0].actor_id, &u, NULL))
		snprintf(n->officer, sizeof n->officer, "%s", u.full_name);
	for (size_t i = d->nevents; i-- > 0;)
		if (d->events[i].kind == DOSSIER_EV_APOLOGIZE && !store_user_get(c, d->events[i].actor_id, &u, NULL)) {
			snprintf(n->head, sizeof n->head, "%s", u.full_name);
			break;
		}
	ctx->parent_unit = n->parent;
	ctx->unit = n->unit;
	ctx->place = n->place;
	ctx->lookup_base_url = n->base;
	ctx->officer_name = n->officer[0] ? n->officer : NULL;
	ctx->head_name = n->head[0] ? n->head : NULL;
}

static void as_file(struct api_ctx *x, const char *type, const char *name)
{
	char disp[160];

	x->rs->status = 200;
	x->rs->content_type = type;
	snprintf(disp, sizeof disp, "inline; filename=\"%s\"", name);
	api_response_header(x->rs, "Content-Disposition", disp);
}

enum mc_err h_dossier_form(struct api_ctx *x)
{
	const char *file = x->params[1];
	struct dossier_ctx *d;
	struct store_conn *c;
	struct form_names names;
	struct forms_context ctx;
	json_t *view = NULL, *pay = NULL;
	char fname[96];
	size_t k;
	enum mc_err rc;

	for (k = 0; k < sizeof dossier_forms / sizeof dossier_forms[0]; k++)
		if (!strcmp(file, dossier_forms[k].file))
			break;
	if (k == sizeof dossier_forms / sizeof dossier_forms[0] && strcmp(file, "control-slip.pdf"))
		return mc_fail(&x->err, MC_ENOTFOUND, "form",
			       "Không có mẫu này (receipt, supplement, refusal, apology, stop, control-slip)",
			       "No such form (receipt, supplement, refusal, apology, stop, control-slip)");
	if ((rc = api_conn(x, &c)))
		return rc;
	d = calloc(1, sizeof *d);
	if (!d)
		return mc_fail(&x->err, MC_ENOMEM, NULL, NULL, NULL);
	rc = svc_dossier_load(c, x->params[0], d, &x->err);
	if (rc == MC_ENOTFOUND || (!rc && !(d->rec.citizen_id && d->rec.citizen_id == x->who.user_id) &&
				   !authz_allows(&x->who, ACT_DOSSIER_READ, d->receiving.path) &&
				   !authz_allows(&x->who, ACT_DOSSIER_READ, d->resolving.path) &&
				   !authz_allows(&x->who, ACT_DOSSIER_READ, d->desk.path))) {
		if (!rc)
			svc_dossier_release(d);
		free(d);
		return mc_fail(&x->err, MC_ENOTFOUND, "code", "Không tìm thấy hồ sơ", "Dossier not found");
	}
	if (rc) {
		free(d);
		return rc;
	}
	names_for(x, c, d, &names, &ctx);
	/* an unpaid fee: the receipt carries the VietQR code to pay it by transfer */
	if (!strcmp(file, "receipt.pdf") && svc_payment_info(c, d, &pay, NULL) == MC_OK) {
		const char *status = json_string_value(json_object_get(pay, "status"));

		if (json_integer_value(json_object_get(pay, "amount")) > 0 && status && strcmp(status, "paid"))
			ctx.vietqr_payload = json_string_value(json_object_get(json_object_get(pay, "vietqr"), "payload"));
	}
	if (!strcmp(file, "control-slip.pdf"))
		rc = svc_dossier_control_slip(c, d, &view, &x->err);
	else
		rc = svc_dossier_json(c, d, x->rq->now, &view, &x->err);
	buf_reset(&x->rs->body);
	if (!rc)
		rc = !strcmp(file, "control-slip.pdf") ? forms_control_slip(view, &ctx, &x->rs->body, &x->err)
						       : dossier_forms[k].render(view, &ctx, &x->rs->body, &x->err);
	if (!rc) {
		snprintf(fname, sizeof fname, "%s-%s", d->rec.code, file);
		as_file(x, "application/pdf", fname);
	}
	json_decref(view);
	json_decref(pay);
	svc_dossier_release(d);
	free(d);
	return rc;
}

/* GET /api/v1/units/{code}/tracking-book.pdf|.xlsx|.csv?from=&to= */
enum mc_err h_tracking_book_file(struct api_ctx *x)
{
	const char *file = x->params[1];
	struct forms_context ctx = {0};
	struct store_conn *c;
	struct unit_rec unit, parent;
	json_t *book, *rows = NULL;
	char fname[128], title[400];
	enum mc_err rc;

	if (strcmp(file, "tracking-book.pdf") && strcmp(file, "tracking-book.xlsx") && strcmp(file, "tracking-book.csv"))
		return mc_fail(&x->err, MC_ENOTFOUND, NULL, "Không có địa chỉ API này", "No such API endpoint");
	/* the JSON book first: same checks, same rows */
	if ((rc = h_tracking_book(x)))
		return rc;
	book = json_loadb(x->rs->body.data, x->rs->body.len, 0, NULL);
	if (!book)
		return mc_fail(&x->err, MC_EINTERNAL, NULL, NULL, NULL);
	if ((rc = api_conn(x, &c)) || (rc = store_unit_get_by_code(c, x->params[0], &unit, &x->err))) {
		json_decref(book);
		return rc;
	}
	if (unit.parent_id && !store_unit_get(c, unit.parent_id, &parent, NULL))
		ctx.parent_unit = parent.name;
	ctx.unit = unit.name;
	ctx.place = "";
	buf_reset(&x->rs->body);
	x->rs->nheaders = 0;
	snprintf(fname, sizeof fname, "so-theo-doi-%s-%s-%s.%s", unit.code, api_query(x, "from"), api_query(x, "to"),
		 strrchr(file, '.') + 1);
	if (!strcmp(file, "tracking-book.pdf")) {
		rc = forms_tracking_book(book, &ctx, &x->rs->body, &x->err);
		if (!rc)
			as_file(x, "application/pdf", fname);
	} else if (!(rc = forms_tracking_book_rows(book, &rows, &x->err))) {
		snprintf(title, sizeof title, "Sổ theo dõi hồ sơ - %s (%s đến %s)", unit.name, api_query(x, "from"),
			 api_query(x, "to"));
		if (!strcmp(file, "tracking-book.xlsx")) {
			rc = forms_xlsx_table(title, forms_tracking_book_columns, forms_tracking_book_ncolumns, rows,
					      &x->rs->body, &x->err);
			if (!rc)
				as_file(x, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fname);
		} else {
			rc = forms_csv_table(forms_tracking_book_columns, forms_tracking_book_ncolumns, rows, &x->rs->body,
					     &x->err);
			if (!rc)
				as_file(x, "text/csv; charset=utf-8", fname);
		}
	}
	json_decref(rows);
	json_decref(book);
	return rc;
}
