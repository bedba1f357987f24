/*
 * fixture.c - opening a fresh store on the backend under test (see
 * fixture.h).  For PostgreSQL it keeps one administrative libpq connection
 * of its own to the run's database, to reset the schema between tests and
 * to check what the interface cannot show (the folding function, killed
 * connections).  This is test code: it may speak to libpq directly.
 */
#include "fixture.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"
#include "store/migrations.h"

static const char *backend = "sqlite";
static char run_db[64];             /* postgres: the database of this run */
static char *run_conninfo;          /* postgres: conninfo of run_db (malloc'd) */
static PGconn *admin;               /* postgres: our own connection to run_db */

const char *fx_backend(void) { return backend; }
bool fx_is_pg(void) { return !strcmp(backend, "postgres"); }

static const struct migration *migrations(void)
{
#ifdef MOTCUA_WITH_PG
	if (fx_is_pg())
		return migrations_postgres;
#endif
	return migrations_sqlite;
}

int fx_migration_count(void)
{
	int n = 0;

	for (const struct migration *m = migrations(); m->version; m++)
		n++;
	return n;
}

int fx_migration_latest(void)
{
	int v = 0;

	for (const struct migration *m = migrations(); m->version; m++)
		if (m->version > v)
			v = m->version;
	return v;
}

/* Append " key='value'" to a malloc'd conninfo, quoting as libpq wants. */
static char *conninfo_add(char *ci, const char *key, const char *val)
{
	size_t len = ci ? strlen(ci) : 0, need = len + strlen(key) + 2 * strlen(val) + 6;
	char *out = realloc(ci, need), *p;

	if (!out) {
		free(ci);
		return NULL;
	}
	p = out + len;
	p += sprintf(p, "%s%s='", len ? " " : "", key);
	for (const char *s = val; *s; s++) {
		if (*s == '\'' || *s == '\\')
			*p++ = '\\';
		*p++ = *s;
	}
	*p++ = '\'';
	*p = 0;
	return out;
}

/* The conninfo of base (a conninfo string or URI) with another dbname and
 * application name. */
static char *conninfo_for(const char *base, const char *dbname, const char *app)
{
	char *msg = NULL, *ci = NULL;
	PQconninfoOption *opts = PQconninfoParse(base, &msg);

	if (!opts) {
		fprintf(stderr, "store contract: MOTCUA_TEST_PG: %s\n", msg ? msg : "cannot parse");
		PQfreemem(msg);
		return NULL;
	}
	for (PQconninfoOption *o = opts; o->keyword; o++)
		if (o->val && *o->val && strcmp(o->keyword, "dbname") && strcmp(o->keyword, "application_name"))
			ci = conninfo_add(ci, o->keyword, o->val);
	PQconninfoFree(opts);
	ci = conninfo_add(ci, "dbname", dbname);
	if (ci && app)
		ci = conninfo_add(ci, "application_name", app);
	return ci;
}

static int admin_exec(PGconn *db, const char *sql)
{
	PGresult *res = PQexec(db, sql);
	int ok = PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK;

	if (!ok)
		fprintf(stderr, "store contract: %s: %s", sql, PQerrorMessage(db));
	PQclear(res);
	return ok ? 0 : -1;
}

static void quiet(void *arg, const char *m)
{
	(void)arg;
	(void)m;
}

static PGconn *connect_to(const char *ci)
{
	PGconn *db = PQconnectdb(ci);

	if (PQstatus(db) != CONNECTION_OK) {
		fprintf(stderr, "store contract: cannot connect to PostgreSQL: %s", PQerrorMessage(db));
		PQfinish(db);
		return NULL;
	}
	PQsetNoticeProcessor(db, quiet, NULL);
	return db;
}

/* A connection to the database MOTCUA_TEST_PG names (it must exist: the
 * suite may not be allowed into "postgres"), to create and drop ours. */
static PGconn *connect_maintenance(const char *base)
{
	char *msg = NULL, *ci = NULL;
	PQconninfoOption *opts = PQconninfoParse(base, &msg);
	PGconn *db;

	if (!opts) {
		fprintf(stderr, "store contract: MOTCUA_TEST_PG: %s\n", msg ? msg : "cannot parse");
		PQfreemem(msg);
		return NULL;
	}
	for (PQconninfoOption *o = opts; o->keyword; o++)
		if (!strcmp(o->keyword, "dbname"))
			ci = conninfo_for(base, o->val && *o->val ? o->val : "postgres", "motcua_contract");
	PQconninfoFree(opts);
	if (!ci)
		return NULL;
	db = connect_to(ci);
	free(ci);
	return db;
}

int fx_global_setup(void)
{
	const char *b = getenv("MOTCUA_TEST_BACKEND"), *lvl = getenv("MOTCUA_TEST_LOG");
	const char *base = getenv("MOTCUA_TEST_PG");
	char *ci, sql[256];
	PGconn *maint;
	int rc;

	log_set_level(lvl && *lvl && log_level_parse(lvl) >= 0 ? (enum log_level)log_level_parse(lvl) : LOG_OFF);
	if (b && *b)
		backend = b;
	if (!store_backend_find(backend)) {
		fprintf(stderr, "store contract: backend '%s' is not built into this binary\n", backend);
		return -1;
	}
	if (!fx_is_pg())
		return 0;
	if (!base || !*base) {
		fprintf(stderr, "store contract: MOTCUA_TEST_PG is not set (see tools/pg-cluster.sh)\n");
		return -1;
	}
	/* A database of our own, so runs never see each other's rows. */
	snprintf(run_db, sizeof run_db, "motcua_ct_%ld_%ld", (long)getpid(), (long)time(NULL));
	if (!(maint = connect_maintenance(base)))
		return -1;
	/* A hostile collation on purpose: Vietnamese ICU rules that ignore
	 * punctuation (like glibc's vi_VN and en_US locales) would sort "/12/"
	 * before "/1/2/" if the backend relied on the database's collation.
	 * Without ICU (or before PostgreSQL 15), the server's default. */
	snprintf(sql, sizeof sql, "CREATE DATABASE %s LOCALE_PROVIDER icu ICU_LOCALE 'vi-VN-u-ka-shifted'"
		 " LOCALE 'C.UTF-8' TEMPLATE template0", run_db); /* a name we made, not input */
	PQclear(PQexec(maint, sql));
	snprintf(sql, sizeof sql, "SELECT 1 FROM pg_database WHERE datname = '%s'", run_db);
	rc = -1;
	{
		PGresult *res = PQexec(maint, sql);

		if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
			rc = 0;
		PQclear(res);
	}
	if (rc) {
		fprintf(stderr, "store contract: no ICU collation; using the server's default\n");
		snprintf(sql, sizeof sql, "CREATE DATABASE %s", run_db);
		rc = admin_exec(maint, sql);
	}
	PQfinish(maint);
	if (rc) {
		run_db[0] = 0;
		return -1;
	}
	run_conninfo = conninfo_for(base, run_db, NULL);
	ci = conninfo_for(base, run_db, "motcua_contract");
	if (!run_conninfo || !ci) {
		free(ci);
		return -1;
	}
	admin = connect_to(ci);
	free(ci);
	return admin ? 0 : -1;
}

void fx_global_teardown(void)
{
	PGconn *maint;
	char sql[128];

	if (!fx_is_pg() || !run_db[0])
		return;
	PQfinish(admin);
	admin = NULL;
	free(run_conninfo);
	run_conninfo = NULL;
	if ((maint = connect_maintenance(getenv("MOTCUA_TEST_PG")))) {
		snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", run_db);
		admin_exec(maint, sql);
		PQfinish(maint);
	}
}

enum mc_err fx_open(struct fx *f, bool migrate, struct mc_error *err)
{
	struct store_config cfg = {0};
	enum mc_err rc;
	int applied = 0;

	memset(f, 0, sizeof *f);
	cfg.pool_size = FX_POOL;
	cfg.durable = false;
	if (fx_is_pg()) {
		/* An empty schema: DROP SCHEMA ... CASCADE takes the tables, the
		 * sequences, the unaccent extension and motcua_fold with it. */
		if (admin_exec(admin, "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public"))
			return mc_fail(err, MC_ESTORE, NULL, NULL, "cannot reset the test schema");
		cfg.pg_conninfo = run_conninfo;
	} else {
		const char *tmp = getenv("TMPDIR");
		int fd;

		snprintf(f->sqlite_path, sizeof f->sqlite_path, "%s/motcua-contract-XXXXXX",
			 tmp && *tmp ? tmp : "/tmp");
		fd = mkstemp(f->sqlite_path);
		if (fd < 0)
			return mc_fail(err, MC_EIO, NULL, NULL, "cannot create a temporary file");
		close(fd);
		cfg.sqlite_path = f->sqlite_path;
	}
	if ((rc = store_open(backend, &cfg, &f->st, err)))
		return rc;
	if ((rc = store_conn_get(f->st, &f->c, err)))
		return rc;
	if (migrate && (rc = store_migrate(f->c, &applied, err)))
		return rc;
	return MC_OK;
}

void fx_close(struct fx *f)
{
	char p[600];

	if (f->c)
		store_conn_put(f->c);
	f->c = NULL;
	store_close(f->st);
	f->st = NULL;
	if (f->sqlite_path[0]) {
		unlink(f->sqlite_path);
		snprintf(p, sizeof p, "%s-wal", f->sqlite_path);
		unlink(p);
		snprintf(p, sizeof p, "%s-shm", f->sqlite_path);
		unlink(p);
	}
}

int fx_pg_sql(const char *sql, char *out, size_t n)
{
	PGresult *res;
	int rc = -1;

	if (out && n)
		out[0] = 0;
	if (!admin)
		return -1;
	res = PQexec(admin, sql);
	if (PQresultStatus(res) == PGRES_TUPLES_OK || PQresultStatus(res) == PGRES_COMMAND_OK) {
		if (out && n && PQntuples(res) > 0 && PQnfields(res) > 0)
			snprintf(out, n, "%s", PQgetvalue(res, 0, 0));
		rc = 0;
	} else {
		fprintf(stderr, "store contract: %s: %s", sql, PQerrorMessage(admin));
	}
	PQclear(res);
	return rc;
}
