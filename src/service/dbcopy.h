/*
 * dbcopy.h - moving a whole MotCua database between backends (SQLite to
 * PostgreSQL when a province outgrows one machine, and back), and the
 * checksums that prove a copy is exact.
 */
#ifndef MC_SVC_DBCOPY_H
#define MC_SVC_DBCOPY_H

#include <jansson.h>

#include "core/err.h"
#include "store/store.h"

/* Copy every table of `from` into the empty, migrated `to`, keeping ids, in
 * one transaction on `to`; then continue id sequences and rebuild the search
 * index.  *report: {"tables": {"units": N, ...}, "procedures_indexed": N}. */
enum mc_err svc_db_copy(struct store_conn *from, struct store_conn *to, json_t **report, struct mc_error *err);

/* Per table: the row count and an order-independent 64-bit checksum of the
 * rows (columns by name, text values): {"units": {"rows": N, "sum":
 * "hex"}, ...}.  Equal checksums on two databases mean equal data. */
enum mc_err svc_db_checksum(struct store_conn *c, json_t **out, struct mc_error *err);

#endif
