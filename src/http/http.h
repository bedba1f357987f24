/*
 * http.h - the HTTP server: libmicrohttpd with an epoll thread pool, the
 * static web UI, and the bridge to the API.  This folder is the only one that
 * includes microhttpd.h.
 */
#ifndef MC_HTTP_H
#define MC_HTTP_H

#include "api/api.h"
#include "core/err.h"

struct http_server;

/* Load the web UI from cfg->web_root, bind cfg->listen and start serving
 * app.  app->bound_port is set to the port actually bound.  The server
 * borrows app (and its config and store) until http_stop(). */
enum mc_err http_start(struct app *app, struct http_server **out, struct mc_error *err);

/* Stop accepting, finish requests in flight, free everything. */
void http_stop(struct http_server *s);

#endif
