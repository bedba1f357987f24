/*
 * cmd_serve.c - `motcua serve`: open the store, start the HTTP server, and
 * wait for SIGINT or SIGTERM to stop cleanly (requests in flight finish).
 */
#include "cli/cli.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "api/api.h"
#include "core/log.h"
#include "core/secret.h"
#include "forms/forms.h"
#include "http/http.h"
#include "service/notify.h"

static const char serve_help[] =
	"Cách dùng / usage: motcua serve [--db PATH | --pg CONNINFO] [--listen ADDR:PORT] [--threads N]\n"
	"                               [--web-root DIR] [--config FILE] [other settings, see motcua help]\n"
	"  Chạy máy chủ web và API / runs the web and API server. Ctrl-C dừng / stops.\n";

int cmd_serve(int argc, char **argv, struct config *cfg)
{
	struct mc_error err = {0};
	struct store *st = NULL;
	struct http_server *http = NULL;
	struct notify_worker *notifier = NULL;
	struct app app = {0};
	sigset_t sigs;
	int sig = 0, threads;

	if (cli_wants_help(argc, argv)) {
		fputs(serve_help, stdout);
		return 0;
	}
	if (argc > 0) {
		fprintf(stderr, "motcua serve: tham số không hợp lệ / unknown argument '%s'\n%s", argv[0], serve_help);
		return 2;
	}
	threads = cfg->threads > 0 ? cfg->threads : (int)sysconf(_SC_NPROCESSORS_ONLN);
	/* one connection per HTTP thread, plus one for background work */
	if (cli_open_store(cfg, true, threads + 1, &st, &err))
		return cli_fail(&err);

	/* Block the stop signals before MHD starts its threads, so they inherit
	 * the mask and only this thread receives them, in sigwait(). */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	app.cfg = cfg;
	app.store = st;
	app.started_at = (int64_t)time(NULL);
	if (http_start(&app, &http, &err)) {
		store_close(st);
		return cli_fail(&err);
	}
	if (notify_worker_start(st, cfg, &notifier, &err)) { /* the notification outbox (service/notify.c) */
		http_stop(http);
		store_close(st);
		return cli_fail(&err);
	}
	if (cfg->port_file[0]) {
		FILE *f = fopen(cfg->port_file, "w");

		if (f) {
			fprintf(f, "%d\n", app.bound_port);
			fclose(f);
		}
	}
	{
		char host[128];
		int port;

		/* a wildcard address is reachable locally as 127.0.0.1 */
		if (config_split_listen(cfg->listen, host, sizeof host, &port, NULL) ||
		    !strcmp(host, "0.0.0.0") || !strcmp(host, "::"))
			snprintf(host, sizeof host, "127.0.0.1");
		printf("MotCua đang chạy tại / is serving at http://%s%s%s:%d/\n", strchr(host, ':') ? "[" : "",
		       host, strchr(host, ':') ? "]" : "", app.bound_port);
	}
	fflush(stdout);
	sigwait(&sigs, &sig);
	log_info("signal %d: stopping", sig);
	http_stop(http);
	notify_worker_stop(notifier);
	store_close(st);
	forms_release_fonts(); /* font caches: freed so leak checkers see a clean exit */
	log_info("stopped");
	return 0;
}
