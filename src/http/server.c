/*
 * server.c - libmicrohttpd glue: accept, read bounded bodies, turn each
 * request into a struct api_request, answer from the API or the web UI, add
 * the security headers, log one access line, count metrics.
 *
 * Keep-alive: libmicrohttpd 0.9.75 closes the connection when a response is
 * queued on the first call of the access handler, so the first call only
 * sets up the request state and the answer is queued on a later call.
 */
#include "http/http.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netdb.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"
#include "core/metrics.h"
#include "core/secret.h"
#include "http/static_files.h"

struct http_server {
	struct MHD_Daemon *daemon;
	struct app *app;
	struct static_site site;
	char rid_prefix[9];
	atomic_ulong rid_counter;
	size_t max_body;
	size_t upload_max;   /* raw bodies of /api/.../attachments */
};

/* Per-request state, created on the first call and freed when MHD says the
 * request is complete (also when the client went away half-way). */
struct reqstate {
	struct timespec start;
	struct buf body;
	bool too_big;
	bool answered;
	size_t discarded; /* body bytes dropped after the limit */
	size_t max;       /* this request's body cap: max_body, or upload_max for uploads */
};

static const char security_csp[] =
	"default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
	"connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

static double elapsed(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void client_address(struct MHD_Connection *conn, const struct config *cfg, char *out, size_t n)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const char *xff;

	snprintf(out, n, "?");
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;

		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, (socklen_t)n);
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out, (socklen_t)n);
	}
	/* Behind nginx the right-most X-Forwarded-For entry is the address that
	 * nginx itself saw; anything left of it is what the client claims. */
	if (cfg->trust_proxy && (xff = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-For"))) {
		const char *last = strrchr(xff, ',');

		last = last ? last + 1 : xff;
		while (*last == ' ')
			last++;
		if (*last && strlen(last) < n && strspn(last, "0123456789abcdefABCDEF.:") == strlen(last))
			snprintf(out, n, "%s", last);
	}
}

static enum MHD_Result add_query(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct api_request *rq = cls;

	(void)kind;
	if (rq->nquery < API_MAX_QUERY && key) {
		rq->query[rq->nquery].name = key;
		rq->query[rq->nquery].value = value ? value : "";
		rq->nquery++;
	}
	return MHD_YES;
}

static void request_id(struct http_server *s, struct MHD_Connection *conn, char *out, size_t n)
{
	const char *given = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Request-Id");

	if (given && strlen(given) >= 8 && strlen(given) < n &&
	    strspn(given, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_") == strlen(given)) {
		snprintf(out, n, "%s", given);
		return;
	}
	snprintf(out, n, "%s-%lx", s->rid_prefix, atomic_fetch_add(&s->rid_counter, 1) + 1);
}

static void add_common_headers(struct MHD_Response *r, const char *rid)
{
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "same-origin");
	MHD_add_response_header(r, "Content-Security-Policy", security_csp);
	MHD_add_response_header(r, "X-Request-Id", rid);
}

static enum MHD_Result send_api(struct http_server *s, struct MHD_Connection *conn, const char *method,
				const char *url, struct reqstate *st)
{
	struct api_request rq;
	struct api_response rs;
	struct MHD_Response *r;
	enum MHD_Result ret;
	size_t len;
	char *body;

	memset(&rq, 0, sizeof rq);
	rq.method = method;
	rq.path = url;
	rq.now = (int64_t)time(NULL);
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, add_query, &rq);
	rq.cookie = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Cookie");
	rq.authorization = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Authorization");
	rq.csrf_token = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-CSRF-Token");
	rq.content_type = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
	rq.accept_language = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Accept-Language");
	client_address(conn, s->app->cfg, rq.client_ip, sizeof rq.client_ip);
	request_id(s, conn, rq.request_id, sizeof rq.request_id);
	rq.body = st->body.data;
	rq.body_len = st->body.len;
	rq.body_too_large = st->too_big;

	api_response_init(&rs);
	api_handle(s->app, &rq, &rs);
	body = buf_detach(&rs.body, &len);
	if (!strcmp(method, "HEAD"))
		len = 0;
	r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	if (!r) {
		free(body);
		api_response_release(&rs);
		return MHD_NO;
	}
	MHD_add_response_header(r, "Content-Type", rs.content_type);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	for (int i = 0; i < rs.nheaders; i++)
		MHD_add_response_header(r, rs.headers[i].name, rs.headers[i].value);
	add_common_headers(r, rq.request_id);
	ret = MHD_queue_response(conn, (unsigned)rs.status, r);
	MHD_destroy_response(r);
	metrics_observe(rs.route_index, rs.status, elapsed(&st->start));
	if (s->app->cfg->access_log)
		log_info("access rid=%s ip=%s %s %s %d %zu %.1fms uid=%lld", rq.request_id, rq.client_ip, method, url,
			 rs.status, len, elapsed(&st->start) * 1e3, (long long)rs.user_id);
	api_response_release(&rs);
	return ret;
}

static enum MHD_Result send_static(struct http_server *s, struct MHD_Connection *conn, const char *method,
				   const char *url, struct reqstate *st)
{
	const struct static_file *f = static_site_find(&s->site, url);
	const char *inm = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "If-None-Match");
	struct MHD_Response *r;
	enum MHD_Result ret;
	unsigned status = 200;
	char rid[24];

	request_id(s, conn, rid, sizeof rid);
	if (strcmp(method, "GET") && strcmp(method, "HEAD")) {
		static const char msg[] = "Method not allowed\n";

		r = MHD_create_response_from_buffer(sizeof msg - 1, (void *)msg, MHD_RESPMEM_PERSISTENT);
		status = 405;
		if (r)
			MHD_add_response_header(r, "Allow", "GET, HEAD");
	} else if (!f) {
		static const char msg[] = "404 - Không tìm thấy trang / Page not found\n";

		r = MHD_create_response_from_buffer(sizeof msg - 1, (void *)msg, MHD_RESPMEM_PERSISTENT);
		status = 404;
		if (r)
			MHD_add_response_header(r, "Content-Type", "text/plain; charset=utf-8");
	} else if (inm && !strcmp(inm, f->etag)) {
		r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
		status = 304;
		if (r)
			MHD_add_response_header(r, "ETag", f->etag);
	} else {
		r = MHD_create_response_from_buffer(strcmp(method, "HEAD") ? f->len : 0, f->data,
						    MHD_RESPMEM_PERSISTENT);
		if (r) {
			MHD_add_response_header(r, "Content-Type", f->type);
			MHD_add_response_header(r, "ETag", f->etag);
			/* revalidate every time: an update of the UI shows at once, and
			 * the ETag makes the check cost a 304 */
			MHD_add_response_header(r, "Cache-Control", "no-cache");
		}
	}
	if (!r)
		return MHD_NO;
	add_common_headers(r, rid);
	ret = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	metrics_observe(METRICS_SLOT_STATIC, (int)status, elapsed(&st->start));
	if (s->app->cfg->access_log && status != 304 && status != 200)
		log_info("access rid=%s %s %s %u", rid, method, url, status);
	return ret;
}

static enum MHD_Result send_api_or_static(struct http_server *s, struct MHD_Connection *conn,
					  const char *method, const char *url, struct reqstate *st)
{
	if (api_owns_path(url))
		return send_api(s, conn, method, url, st);
	return send_static(s, conn, method, url, st);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
				  const char *version, const char *upload_data, size_t *upload_data_size,
				  void **con_cls)
{
	struct http_server *s = cls;
	struct reqstate *st = *con_cls;

	(void)version;
	if (!st) {
		const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");

		st = calloc(1, sizeof *st);
		if (!st)
			return MHD_NO;
		clock_gettime(CLOCK_MONOTONIC, &st->start);
		/* file uploads (raw body, one route family) have their own cap */
		st->max = strstr(url, "/attachments") && !strncmp(url, "/api/", 5) ? s->upload_max : s->max_body;
		buf_init(&st->body, st->max);
		*con_cls = st;
		if (!cl || strtoull(cl, NULL, 10) <= st->max)
			return MHD_YES;
		/* A declared body over the limit is refused before it is read (the
		 * client sees 413 instead of uploading megabytes); the connection
		 * closes, so keep-alive does not matter here. */
		st->too_big = true;
		st->answered = true;
		return send_api_or_static(s, conn, method, url, st);
	}
	if (*upload_data_size) {
		/* Past the limit the rest is read and dropped, so the client gets
		 * its 413; a client that keeps sending far past it is cut off. */
		if (!st->too_big && buf_append(&st->body, upload_data, *upload_data_size) != MC_OK)
			st->too_big = true;
		if (st->too_big) {
			st->discarded += *upload_data_size;
			if (st->discarded > 8 * st->max + (1u << 20))
				return MHD_NO;
		}
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (st->answered)
		return MHD_YES;
	st->answered = true;
	return send_api_or_static(s, conn, method, url, st);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct reqstate *st = *con_cls;

	(void)cls;
	(void)conn;
	(void)toe;
	if (st) {
		buf_release(&st->body);
		free(st);
		*con_cls = NULL;
	}
}

/* libmicrohttpd logs every refused connection: under a flood that would be
 * thousands of lines a second.  At most one line a second reaches the log,
 * with the number of lines dropped before it. */
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	static atomic_long last_second, dropped;
	char line[512];
	long now = (long)time(NULL), prev = atomic_load(&last_second);

	(void)cls;
	if (prev == now || !atomic_compare_exchange_strong(&last_second, &prev, now)) {
		atomic_fetch_add(&dropped, 1);
		return;
	}
	vsnprintf(line, sizeof line, fmt, ap);
	line[strcspn(line, "\n")] = '\0';
	log_warn("http: %s (%ld similar lines dropped)", line, atomic_exchange(&dropped, 0));
}

enum mc_err http_start(struct app *app, struct http_server **out, struct mc_error *err)
{
	const struct config *cfg = app->cfg;
	struct http_server *s;
	struct addrinfo hints = {0}, *ai = NULL;
	char host[128], port_s[8];
	char rnd[SECRET_TOKEN_LEN + 1];
	int port, threads = cfg->threads > 0 ? cfg->threads : (int)sysconf(_SC_NPROCESSORS_ONLN);
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG;
	const union MHD_DaemonInfo *di;
	enum mc_err rc;

	if ((rc = config_split_listen(cfg->listen, host, sizeof host, &port, err)))
		return rc;
	s = calloc(1, sizeof *s);
	if (!s)
		return MC_ENOMEM;
	s->app = app;
	s->max_body = (size_t)cfg->max_body_kb * 1024;
	s->upload_max = (size_t)cfg->upload_max_kb * 1024;
	secret_token(rnd);
	snprintf(s->rid_prefix, sizeof s->rid_prefix, "%.8s", rnd);
	if ((rc = static_site_load(cfg->web_root, &s->site, err)))
		goto fail;
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	snprintf(port_s, sizeof port_s, "%d", port);
	if (getaddrinfo(host, port_s, &hints, &ai) || !ai) {
		rc = mc_failf(err, MC_EINVAL, "listen", "Không phân giải được địa chỉ '%s'",
			      "Cannot resolve the address '%s'", host);
		goto fail;
	}
	if (ai->ai_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	if (threads < 1)
		threads = 1;
	s->daemon = MHD_start_daemon(flags, (uint16_t)port, NULL, NULL, on_request, s,
				     MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL, /* first, or MHD logs before it is set */
				     MHD_OPTION_SOCK_ADDR, ai->ai_addr,
				     MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
				     MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
				     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
				     MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
				     MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)(cfg->trust_proxy ? 0 : 64),
				     /* headers and buffers; MHD clears it per request, so no bigger than needed */
				     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024),
				     MHD_OPTION_END);
	freeaddrinfo(ai);
	if (!s->daemon) {
		rc = mc_failf(err, MC_EIO, "listen",
			      "Không mở được cổng %s (cổng đang được dùng hoặc không có quyền)",
			      "Cannot listen on %s (port in use or not permitted)", cfg->listen);
		goto fail;
	}
	di = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_LISTEN_FD);
	app->bound_port = port;
	if (di) {
		struct sockaddr_storage ss;
		socklen_t sl = sizeof ss;

		if (!getsockname(di->listen_fd, (struct sockaddr *)&ss, &sl))
			app->bound_port = ntohs(ss.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
								       : ((struct sockaddr_in *)&ss)->sin_port);
	}
	log_info("http: serving on %s (port %d), %d threads", cfg->listen, app->bound_port, threads);
	*out = s;
	return MC_OK;
fail:
	static_site_release(&s->site);
	free(s);
	return rc;
}

void http_stop(struct http_server *s)
{
	if (!s)
		return;
	MHD_stop_daemon(s->daemon);
	static_site_release(&s->site);
	free(s);
}
