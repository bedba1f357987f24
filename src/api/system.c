/*
 * system.c - liveness, metrics and version.
 */
#include "api/api_int.h"

#include "core/metrics.h"
#include "forms/forms.h"
#include "service/group_commit.h"

enum mc_err h_healthz(struct api_ctx *x)
{
	struct store_conn *c;
	enum mc_err rc = api_conn(x, &c);

	if (!rc)
		rc = store_ping(c, &x->err);
	if (rc)
		return mc_fail(&x->err, MC_EUNAVAILABLE, NULL, "Cơ sở dữ liệu không phản hồi",
			       "The database does not answer");
	return api_reply_json(x, 200, json_pack("{s:s, s:s, s:s}", "status", "ok", "db",
						store_backend_name(x->app->store), "version", MOTCUA_VERSION));
}

enum mc_err h_metrics(struct api_ctx *x)
{
	buf_reset(&x->rs->body);
	metrics_render(&x->rs->body, api_route_count(), api_route_label, store_error_count(),
		       (double)(x->rq->now - x->app->started_at));
	buf_printf(&x->rs->body,
		   "# HELP motcua_group_commit_writes_total Writes committed in groups of two or more.\n"
		   "# TYPE motcua_group_commit_writes_total counter\nmotcua_group_commit_writes_total %ld\n",
		   group_commit_grouped());
	x->rs->status = 200;
	x->rs->content_type = "text/plain; version=0.0.4; charset=utf-8";
	return MC_OK;
}

enum mc_err h_version(struct api_ctx *x)
{
	return api_reply_json(x, 200, json_pack("{s:s, s:s, s:s, s:{s:i, s:i}}", "name", "MotCua", "version",
						MOTCUA_VERSION, "revision", MOTCUA_GITREV, "limits", "max_body_kb",
						x->app->cfg->max_body_kb, "upload_max_kb", x->app->cfg->upload_max_kb));
}

/* GET /api/v1/qr.svg?text=...: any short text as a QR image (the payload
 * is the caller's own: a fee's VietQR string, a lookup address). */
enum mc_err h_qr_svg(struct api_ctx *x)
{
	enum mc_err rc;

	buf_reset(&x->rs->body);
	if ((rc = forms_qr_svg(api_query(x, "text"), &x->rs->body, &x->err)))
		return rc;
	x->rs->status = 200;
	x->rs->content_type = "image/svg+xml";
	api_response_header(x->rs, "Cache-Control", "public, max-age=86400");
	return MC_OK;
}
