/*
 * sqlite_insert.c - the floor for durable intake: N single-row transactions
 * into a SQLite file with the server's settings (WAL, synchronous=FULL), one
 * fsync each, on the same disk.  Prints the same RESULT line as the wrk
 * scripts, so bench/run.sh can show intake as a ratio to it.
 *   cc -O2 bench/sqlite_insert.c -lsqlite3 -o sqlite_insert && ./sqlite_insert FILE N
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	struct timespec t0, t1;
	int n = argc > 2 ? atoi(argv[2]) : 2000;
	double secs;

	if (argc < 2 || sqlite3_open(argv[1], &db) != SQLITE_OK)
		return 2;
	sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
			 "CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, code TEXT, doc TEXT)", NULL, NULL, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO t(code, doc) VALUES(?, ?)", -1, &st, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < n; i++) {
		sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		sqlite3_bind_int(st, 1, i);
		sqlite3_bind_text(st, 2, "{\"applicant\":{\"name\":\"Nguyễn Văn Bình\"},\"documents\":[1,2]}", -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			return 1;
		sqlite3_reset(st);
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("RESULT requests=%d duration_us=%.0f rps=%.1f p50_us=%.1f p99_us=%.1f mean_us=%.1f bad=0 closed=0 "
	       "first_bad=0 err_connect=0 err_read=0 err_write=0 err_timeout=0 err_status=0\n",
	       n, secs * 1e6, n / secs, secs * 1e6 / n, secs * 1e6 / n, secs * 1e6 / n);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return 0;
}
