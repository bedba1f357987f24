/*
 * pg_copy.c - whole tables in and out as text rows, for `motcua db copy`
 * between backends.  Table names come only from store_copy_tables and
 * column names only from the table's own definition; values are always bound
 * parameters.  Booleans travel as "0"/"1" (SQLite's form), and the search
 * vector is not copied: the service rebuilds it (procedure_reindex).
 */
#include "store/pg/pg_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COLS 64
#define BOOLOID 16
#define TSVECTOROID 3614

static enum mc_err unknown_table(const char *table, struct mc_error *err)
{
	return mc_failf(err, MC_EINVAL, "table", "Không sao chép bảng '%s'", "Table '%s' is not copied", table);
}

enum mc_err pg_copy_rows(struct store_conn *c, const char *table, store_row_cb cb, void *ctx, struct mc_error *err)
{
	char sql[128];
	const char *names[MAX_COLS], *values[MAX_COLS];
	int cols[MAX_COLS], n = 0, stop = 0;
	PGresult *res;

	if (!store_copy_table_known(table))
		return unknown_table(table, err);
	snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY 1", table); /* ids: parents first */
	res = PQexec(pgc(c)->db, sql);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		enum mc_err rc = pg_fail(pgc(c), res, "copy rows", err);

		PQclear(res);
		return rc;
	}
	for (int i = 0; i < PQnfields(res) && n < MAX_COLS; i++) {
		if (PQftype(res, i) == TSVECTOROID)
			continue; /* rebuilt by the target, not copied */
		cols[n] = i;
		names[n++] = PQfname(res, i);
	}
	for (int r = 0; r < PQntuples(res) && !stop; r++) {
		for (int k = 0; k < n; k++) {
			int i = cols[k];

			if (PQgetisnull(res, r, i))
				values[k] = NULL;
			else if (PQftype(res, i) == BOOLOID)
				values[k] = PQgetvalue(res, r, i)[0] == 't' ? "1" : "0";
			else
				values[k] = PQgetvalue(res, r, i);
		}
		stop = cb(ctx, n, names, values);
	}
	PQclear(res);
	return (enum mc_err)stop;
}

enum mc_err pg_copy_insert(struct store_conn *c, const char *table, int ncols, const char *const *names,
			   const char *const *values, struct mc_error *err)
{
	char sql[4096], cols[2048] = "", marks[512] = "";
	const char *params[MAX_COLS], *tparam[1] = {table};
	size_t kc = 0, km = 0;
	int nkeep = 0;
	PGresult *res;
	enum mc_err rc = MC_OK;

	if (!store_copy_table_known(table))
		return unknown_table(table, err);
	res = PQexecParams(pgc(c)->db,
			   "SELECT column_name FROM information_schema.columns"
			   " WHERE table_schema = current_schema() AND table_name = $1",
			   1, NULL, tparam, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		rc = pg_fail(pgc(c), res, "copy columns", err);
		PQclear(res);
		return rc;
	}
	for (int r = 0; r < PQntuples(res); r++) {
		const char *col = PQgetvalue(res, r, 0);

		for (int i = 0; i < ncols && i < MAX_COLS; i++) {
			if (strcmp(names[i], col))
				continue;
			params[nkeep++] = values[i];
			kc += (size_t)snprintf(cols + kc, sizeof cols - kc, "%s%s", kc ? ", " : "", col);
			km += (size_t)snprintf(marks + km, sizeof marks - km, "%s$%d", km ? ", " : "", nkeep);
			break;
		}
	}
	PQclear(res);
	if (!nkeep || kc >= sizeof cols || km >= sizeof marks)
		return mc_failf(err, MC_EINVAL, "table", "Không khớp cột nào của bảng %s", "No column of %s matches", table);
	snprintf(sql, sizeof sql, "INSERT INTO %s(%s) VALUES(%s)", table, cols, marks);
	res = PQexecParams(pgc(c)->db, sql, nkeep, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = pg_fail(pgc(c), res, "copy insert", err);
	PQclear(res);
	return rc;
}

/* Every id sequence continues after the largest copied id. */
enum mc_err pg_copy_finish(struct store_conn *c, struct mc_error *err)
{
	PGresult *res = PQexec(pgc(c)->db,
			       "DO $$ DECLARE r record; BEGIN"
			       " FOR r IN SELECT table_name, column_name FROM information_schema.columns"
			       "   WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%' LOOP"
			       "   EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L), COALESCE(max(%I), 0) + 1, false) FROM %I',"
			       "     r.table_name, r.column_name, r.column_name, r.table_name);"
			       " END LOOP; END $$");
	enum mc_err rc = MC_OK;

	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = pg_fail(pgc(c), res, "copy finish", err);
	PQclear(res);
	return rc;
}
