/*
 * api.h - the JSON API, independent of the HTTP library.
 *
 * src/http/ turns each HTTP request into a struct api_request, calls
 * api_handle(), and sends the struct api_response back.  Everything here is
 * testable without a socket: no libmicrohttpd type crosses this line.
 *
 * Memory: the request's strings are borrowed from the HTTP layer and live
 * until api_handle() returns.  The response owns its body buffer; the HTTP
 * layer releases it with api_response_release().
 */
#ifndef MC_API_H
#define MC_API_H

#include <stdbool.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/config.h"
#include "core/err.h"
#include "store/store.h"

#define API_MAX_PARAMS 8
#define API_MAX_QUERY 32
#define API_MAX_HEADERS 8

struct api_kv {
	const char *name;
	const char *value;
};

/* Shared by every request: set up once by `motcua serve`. */
struct app {
	const struct config *cfg;
	struct store *store;
	int64_t started_at;
	int bound_port;
};

struct api_request {
	const char *method;         /* "GET", "POST", ... */
	const char *path;           /* URL path, percent-decoded, no query */
	struct api_kv query[API_MAX_QUERY];
	int nquery;
	/* headers the API looks at; NULL when absent */
	const char *cookie;         /* the whole Cookie header */
	const char *authorization;
	const char *csrf_token;     /* X-CSRF-Token */
	const char *content_type;
	const char *accept_language;
	char client_ip[64];
	char request_id[24];
	const char *body;           /* may be NULL when empty */
	size_t body_len;
	bool body_too_large;        /* the HTTP layer stopped reading at the limit */
	int64_t now;                /* UTC seconds, taken once per request */
};

struct api_response {
	int status;
	struct buf body;
	const char *content_type;   /* static string */
	struct {
		char name[32];
		char value[320];
	} headers[API_MAX_HEADERS];
	int nheaders;
	int route_index;            /* for metrics: index in the route table, -1 if none */
	int64_t user_id;            /* for the access log; 0 = anonymous */
};

void api_response_init(struct api_response *rs);
void api_response_release(struct api_response *rs);
void api_response_header(struct api_response *rs, const char *name, const char *value);

/* Handle one API request (any path under /api/, /healthz, /metrics). */
void api_handle(const struct app *app, const struct api_request *rq, struct api_response *rs);

/* True when the path belongs to the API rather than to the static UI. */
bool api_owns_path(const char *path);

/* Route table introspection, for metrics labels and the route audit test. */
int api_route_count(void);
const char *api_route_label(int index); /* "GET /api/v1/units/{code}" */
bool api_route_is_public(int index);
const char *api_route_action(int index); /* action name, or "public" */

#endif
