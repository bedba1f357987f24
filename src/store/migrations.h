/*
 * migrations.h - numbered schema migrations, embedded in the binary by
 * tools/embed-sql.sh from src/store/sql/<dialect>/NNNN_name.sql.
 * Each array ends with an entry whose version is 0.
 */
#ifndef MC_MIGRATIONS_H
#define MC_MIGRATIONS_H

struct migration {
	int version;
	const char *name;
	const char *sql;
};

extern const struct migration migrations_sqlite[];
extern const struct migration migrations_postgres[]; /* only with MOTCUA_WITH_PG */

#endif
