/*
 * dispatch.c - one request through the API: find the route, authenticate,
 * check the action and the CSRF token, parse the body, run the handler, and
 * turn any failure into the one error body.  Handlers never write an error
 * response themselves: they return the code with x->err filled.
 */
#include "api/api_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/secret.h"
#include "core/metrics.h"


static char route_labels[METRICS_MAX_ROUTES][96];

int api_route_count(void) { return api_nroutes; }

const char *api_route_label(int i)
{
	if (i < 0 || i >= api_nroutes)
		return "?";
	if (!route_labels[i][0]) /* benign race: every writer writes the same bytes */
		snprintf(route_labels[i], sizeof route_labels[i], "%s %s", api_routes[i].method,
			 api_routes[i].pattern);
	return route_labels[i];
}

bool api_route_is_public(int i) { return i >= 0 && i < api_nroutes && (api_routes[i].flags & ROUTE_PUBLIC); }

const char *api_route_action(int i)
{
	if (i < 0 || i >= api_nroutes)
		return "?";
	return (api_routes[i].flags & ROUTE_PUBLIC) ? "public" : action_name(api_routes[i].action);
}

bool api_owns_path(const char *path)
{
	return !strncmp(path, "/api/", 5) || !strcmp(path, "/api") || !strcmp(path, "/healthz") ||
	       !strcmp(path, "/metrics");
}

void api_response_init(struct api_response *rs)
{
	memset(rs, 0, sizeof *rs);
	buf_init(&rs->body, 64u << 20);
	rs->status = 200;
	rs->content_type = "application/json; charset=utf-8";
	rs->route_index = -1;
}

void api_response_release(struct api_response *rs) { buf_release(&rs->body); }

void api_response_header(struct api_response *rs, const char *name, const char *value)
{
	if (rs->nheaders >= API_MAX_HEADERS)
		return;
	snprintf(rs->headers[rs->nheaders].name, sizeof rs->headers[0].name, "%s", name);
	snprintf(rs->headers[rs->nheaders].value, sizeof rs->headers[0].value, "%s", value);
	rs->nheaders++;
}

/* Match path against a pattern with {name} segments; fill params. */
static bool match(const char *pattern, const char *path, const char **params, int *nparams,
		  char *scratch, size_t scratch_size)
{
	const char *p = pattern, *s = path;
	size_t used = 0;

	*nparams = 0;
	while (*p && *s) {
		if (*p == '{') {
			const char *seg_end = strchr(s, '/');
			size_t len = seg_end ? (size_t)(seg_end - s) : strlen(s);

			if (len == 0 || *nparams >= API_MAX_PARAMS || used + len + 1 > scratch_size)
				return false;
			memcpy(scratch + used, s, len);
			scratch[used + len] = '\0';
			params[(*nparams)++] = scratch + used;
			used += len + 1;
			s += len;
			p = strchr(p, '}');
			if (!p)
				return false;
			p++;
			continue;
		}
		if (*p != *s)
			return false;
		p++;
		s++;
	}
	return *p == '\0' && *s == '\0';
}

static bool is_safe_method(const char *m)
{
	return !strcmp(m, "GET") || !strcmp(m, "HEAD") || !strcmp(m, "OPTIONS");
}

static bool is_loopback(const char *ip)
{
	return !strncmp(ip, "127.", 4) || !strcmp(ip, "::1") || !strncmp(ip, "::ffff:127.", 11);
}

static enum mc_err parse_body(struct api_ctx *x)
{
	const struct api_request *rq = x->rq;
	json_error_t jerr;

	if (rq->body_too_large)
		return mc_failf(&x->err, MC_ETOOBIG, NULL,
				"Dữ liệu gửi lên vượt quá %d KB", "The request body is over %d KB",
				x->app->cfg->max_body_kb);
	if (!rq->content_type || strncmp(rq->content_type, "application/json", 16))
		/* Also a CSRF defence: a cross-site form cannot send this type. */
		return mc_fail(&x->err, MC_EINVAL, "content-type",
			       "Dữ liệu phải gửi dạng JSON (Content-Type: application/json)",
			       "Send the body as JSON (Content-Type: application/json)");
	if (!rq->body || rq->body_len == 0)
		return mc_fail(&x->err, MC_EBADJSON, NULL, "Thiếu dữ liệu JSON",
			       "The JSON body is missing");
	x->body = json_loadb(rq->body, rq->body_len, JSON_REJECT_DUPLICATES, &jerr);
	if (!x->body)
		return mc_failf(&x->err, MC_EBADJSON, NULL,
				"Dữ liệu JSON không hợp lệ (dòng %d, cột %d)",
				"Malformed JSON (line %d, column %d)", jerr.line, jerr.column);
	if (!json_is_object(x->body))
		return mc_fail(&x->err, MC_EBADJSON, NULL, "Dữ liệu JSON phải là một đối tượng {...}",
			       "The JSON body must be an object {...}");
	return MC_OK;
}

static enum mc_err run(struct api_ctx *x, const struct route *r)
{
	enum mc_err rc;
	bool signed_in;

	rc = api_authenticate(x);
	if (rc)
		return rc;
	signed_in = x->who.user_id != 0;
	if (!(r->flags & ROUTE_PUBLIC)) {
		bool loopback_ok = (r->flags & ROUTE_LOOPBACK_OK) && is_loopback(x->rq->client_ip);

		if (!signed_in && !loopback_ok)
			return mc_fail(&x->err, MC_EUNAUTH, NULL, NULL, NULL);
		if (signed_in && !loopback_ok && !authz_may(&x->who, r->action))
			return mc_fail(&x->err, MC_EFORBIDDEN, NULL, NULL, NULL);
	}
	if (signed_in && x->via_cookie && !is_safe_method(x->rq->method) && !(r->flags & ROUTE_NO_CSRF)) {
		if (!x->rq->csrf_token || !secret_equal(x->rq->csrf_token, x->session.csrf_token))
			return mc_fail(&x->err, MC_ECSRF, NULL, NULL, NULL);
	}
	if (r->flags & ROUTE_JSON) {
		rc = parse_body(x);
		if (rc)
			return rc;
	} else if (x->rq->body_too_large) {
		return mc_fail(&x->err, MC_ETOOBIG, NULL, NULL, NULL);
	}
	return r->fn(x);
}

void api_handle(const struct app *app, const struct api_request *rq, struct api_response *rs)
{
	struct api_ctx *x;
	char scratch[512];
	bool path_matched = false;
	enum mc_err rc = MC_ENOTFOUND;

	x = calloc(1, sizeof *x); /* large (principal, records): keep it off the thread stack */
	if (!x) {
		struct mc_error e;

		mc_fail(&e, MC_ENOMEM, NULL, NULL, NULL);
		api_reply_error(rs, &e, rq->request_id);
		return;
	}
	x->app = app;
	x->rq = rq;
	x->rs = rs;
	for (int i = 0; i < api_nroutes; i++) {
		const struct route *r = &api_routes[i];

		if (!match(r->pattern, rq->path, x->params, &x->nparams, scratch, sizeof scratch))
			continue;
		path_matched = true;
		if (strcmp(r->method, rq->method) && !(strcmp(rq->method, "HEAD") == 0 && !strcmp(r->method, "GET")))
			continue;
		rs->route_index = i;
		rc = run(x, r);
		break;
	}
	if (rs->route_index < 0) {
		if (path_matched)
			rc = mc_fail(&x->err, MC_EMETHOD, NULL, NULL, NULL);
		else
			rc = mc_fail(&x->err, MC_ENOTFOUND, NULL, "Không có địa chỉ API này",
				     "No such API endpoint");
	}
	if (rc != MC_OK) {
		if (x->err.code != rc) /* a handler returned a code without a message */
			mc_fail(&x->err, rc, NULL, NULL, NULL);
		buf_reset(&rs->body);
		rs->nheaders = 0;
		api_reply_error(rs, &x->err, rq->request_id);
		if (rc == MC_EINTERNAL || rc == MC_ESTORE)
			log_error("request %s %s %s failed: %s", rq->request_id, rq->method, rq->path,
				  x->err.msg_en);
	}
	rs->user_id = x->who.user_id;
	if (x->conn)
		store_conn_put(x->conn);
	json_decref(x->body);
	free(x);
}
