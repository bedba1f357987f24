/*
 * fixture.h - what the store contract suite needs to open a fresh store on
 * the backend under test, chosen by the environment:
 *
 *   MOTCUA_TEST_BACKEND  "sqlite" (default) or "postgres"
 *   MOTCUA_TEST_PG       postgres only: libpq conninfo or URI of a database
 *                        the suite may connect to (tools/pg-cluster.sh start
 *                        prints one).  The suite creates its own database
 *                        next to it for the run and drops it at the end.
 *   MOTCUA_TEST_LOG      a log level ("error", "debug") to see the store's
 *                        own log lines; off by default, since many tests
 *                        provoke errors on purpose.
 *
 * Every test starts from an empty database: SQLite gets a new temporary
 * file, PostgreSQL a freshly recreated public schema in the run's database.
 */
#ifndef MC_TEST_STORE_FIXTURE_H
#define MC_TEST_STORE_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>

#include "store/store.h"

#define FX_POOL 6 /* connections per store: the concurrency tests use them all */

struct fx {
	struct store *st;
	struct store_conn *c; /* one connection, held for the test */
	char sqlite_path[512];
};

/* Once per run: read the environment; for postgres create the run database.
 * 0 on success; on failure prints why and returns -1. */
int fx_global_setup(void);
void fx_global_teardown(void);

const char *fx_backend(void);          /* "sqlite" or "postgres" */
bool fx_is_pg(void);

/* A store on an empty database, with f->c taken; migrated when asked.
 * MC_OK or the failure (err filled). */
enum mc_err fx_open(struct fx *f, bool migrate, struct mc_error *err);
void fx_close(struct fx *f);

/* The migrations this binary carries for the backend under test: how many,
 * and the newest version. */
int fx_migration_count(void);
int fx_migration_latest(void);

/* postgres only: run sql on the test database over the suite's own
 * connection (application_name "motcua_contract"), copying the first column
 * of the first row, if any, into out.  0 on success, -1 on failure (the
 * server's message is printed). */
int fx_pg_sql(const char *sql, char *out, size_t n);

#endif
