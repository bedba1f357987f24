/*
 * sqlite_copy.c - whole tables in and out as text rows, for `motcua db
 * copy` between backends, and rebuilding a procedure's search entry.
 * Table names come only from store_copy_tables and column names only from
 * the table's own definition, so no input ever becomes SQL text.
 */
#include "store/sqlite/sqlite_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COLS 64

static enum mc_err unknown_table(const char *table, struct mc_error *err)
{
	return mc_failf(err, MC_EINVAL, "table", "Không sao chép bảng '%s'", "Table '%s' is not copied", table);
}

enum mc_err sq_copy_rows(struct store_conn *c, const char *table, store_row_cb cb, void *ctx, struct mc_error *err)
{
	char sql[128];
	sqlite3_stmt *st;
	const char *names[MAX_COLS], *values[MAX_COLS];
	int rc, n, stop = 0;

	if (!store_copy_table_known(table))
		return unknown_table(table, err);
	snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY 1", table); /* ids: parents first */
	if ((rc = sqlite3_prepare_v2(sq(c)->db, sql, -1, &st, NULL)) != SQLITE_OK)
		return sq_fail(sq(c), rc, "copy rows", err);
	n = sqlite3_column_count(st);
	if (n > MAX_COLS)
		n = MAX_COLS;
	for (int i = 0; i < n; i++)
		names[i] = sqlite3_column_name(st, i);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < n; i++)
			values[i] = (const char *)sqlite3_column_text(st, i);
		if ((stop = cb(ctx, n, names, values)))
			break;
	}
	sqlite3_finalize(st);
	if (stop)
		return (enum mc_err)stop;
	return rc == SQLITE_DONE ? MC_OK : sq_fail(sq(c), rc, "copy rows", err);
}

enum mc_err sq_copy_insert(struct store_conn *c, const char *table, int ncols, const char *const *names,
			   const char *const *values, struct mc_error *err)
{
	char sql[4096], cols[2048] = "", marks[512] = "", info[128];
	sqlite3_stmt *st;
	int keep[MAX_COLS], nkeep = 0, rc;
	size_t kc = 0, km = 0;
	enum mc_err e;

	if (!store_copy_table_known(table))
		return unknown_table(table, err);
	/* the target's own columns decide which source columns are kept */
	snprintf(info, sizeof info, "SELECT name FROM pragma_table_info('%s')", table);
	if ((rc = sqlite3_prepare_v2(sq(c)->db, info, -1, &st, NULL)) != SQLITE_OK)
		return sq_fail(sq(c), rc, "copy columns", err);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *col = (const char *)sqlite3_column_text(st, 0);

		for (int i = 0; i < ncols && i < MAX_COLS; i++) {
			if (strcmp(names[i], col))
				continue;
			keep[nkeep++] = i;
			kc += (size_t)snprintf(cols + kc, sizeof cols - kc, "%s%s", kc ? ", " : "", col);
			km += (size_t)snprintf(marks + km, sizeof marks - km, "%s?", km ? ", " : "");
			break;
		}
	}
	sqlite3_finalize(st);
	if (!nkeep || kc >= sizeof cols || km >= sizeof marks)
		return mc_failf(err, MC_EINVAL, "table", "Không khớp cột nào của bảng %s", "No column of %s matches", table);
	snprintf(sql, sizeof sql, "INSERT INTO %s(%s) VALUES(%s)", table, cols, marks);
	if ((rc = sqlite3_prepare_v2(sq(c)->db, sql, -1, &st, NULL)) != SQLITE_OK)
		return sq_fail(sq(c), rc, "copy insert", err);
	for (int i = 0; i < nkeep; i++)
		sq_bind_text(st, i + 1, values[keep[i]], false);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	e = rc == SQLITE_DONE ? MC_OK : sq_fail(sq(c), rc, "copy insert", err);
	return e;
}

enum mc_err sq_copy_finish(struct store_conn *c, struct mc_error *err)
{
	(void)c;
	(void)err;
	return MC_OK; /* INTEGER PRIMARY KEY continues after the largest id by itself */
}

enum mc_err sq_procedure_reindex(struct store_conn *c, const char *code, const struct procedure_text *t,
				 struct mc_error *err)
{
	sqlite3_stmt *st = sq_prepare(sq(c), "DELETE FROM procedures_fts WHERE rowid = (SELECT id FROM procedures WHERE code=?)",
				      err);
	enum mc_err rc;

	if (!st)
		return err ? err->code : MC_ESTORE;
	sq_bind_text(st, 1, code, false);
	if ((rc = sq_exec_stmt(sq(c), st, "reindex delete", err)))
		return rc;
	st = sq_prepare(sq(c), "INSERT INTO procedures_fts(rowid, name, code, field, body)"
			       " SELECT id, ?, ?, ?, ? FROM procedures WHERE code=?", err);
	if (!st)
		return err ? err->code : MC_ESTORE;
	sq_bind_text(st, 1, t->name, false);
	sq_bind_text(st, 2, t->code, false);
	sq_bind_text(st, 3, t->field, false);
	sq_bind_text(st, 4, t->body, false);
	sq_bind_text(st, 5, code, false);
	return sq_exec_stmt(sq(c), st, "reindex insert", err);
}
