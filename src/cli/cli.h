/*
 * cli.h - the subcommands of the motcua binary.  Each takes the arguments
 * after its name (config flags already removed) and the merged config, and
 * returns the process exit status: 0 ok, 1 failure, 2 usage error.
 */
#ifndef MC_CLI_H
#define MC_CLI_H

#include <stdbool.h>

#include "core/config.h"
#include "core/err.h"
#include "store/store.h"

int cmd_init(int argc, char **argv, struct config *cfg);
int cmd_migrate(int argc, char **argv, struct config *cfg);
int cmd_serve(int argc, char **argv, struct config *cfg);
int cmd_user(int argc, char **argv, struct config *cfg);
int cmd_catalog(int argc, char **argv, struct config *cfg);
int cmd_calendar(int argc, char **argv, struct config *cfg);
int cmd_dossier(int argc, char **argv, struct config *cfg);
int cmd_report(int argc, char **argv, struct config *cfg);
int cmd_report_quality(int argc, char **argv, struct config *cfg); /* quality, index, dashboard, appendices */
int cmd_db(int argc, char **argv, struct config *cfg);
int cmd_unit(int argc, char **argv, struct config *cfg);

/* Load the official national schedules shipped in data/calendar (every
 * official-*.json) when the national calendar is still empty. */
int cli_load_official_calendars(struct store_conn *c, const char *dir);

/* Import a catalog file, printing a report (or every invalid entry). */
int cli_catalog_import_file(struct store_conn *c, const char *path, bool dry_run, bool quiet);

/* Open the configured store (SQLite file or PostgreSQL) and bring its schema
 * up to date.  The caller closes it with store_close(). */
enum mc_err cli_open_store(const struct config *cfg, bool durable, int pool, struct store **out,
			   struct mc_error *err);

/* Print "motcua: <vi> / <en>" for a failure; returns 1. */
int cli_fail(const struct mc_error *err);
/* Write a generated file to `path` ("-" or NULL: standard output); 0, or
 * 1 after saying why on stderr. */
int cli_write_out(const char *path, const char *data, size_t len);

/* True when argv holds -h or --help. */
bool cli_wants_help(int argc, char **argv);

/* Load the demo district (units and users) from a motcua-demo/1 JSON file;
 * every demo account gets `password`. */
enum mc_err cli_load_demo(struct store_conn *c, const char *path, const char *password, int *units_out,
			  int *users_out, struct mc_error *err);

#endif
