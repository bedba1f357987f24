/*
 * pg_int.h - private to the PostgreSQL backend: its state, its connection
 * type and the helpers its files share.  Nothing outside src/store/pg/
 * includes this (nor libpq-fe.h).
 *
 * Every statement is a static struct pg_stmt: a server-side prepared
 * statement with a fixed name, prepared lazily the first time a connection
 * runs it (PQprepare) and executed with bound text parameters
 * (PQexecPrepared).  SQL is never assembled from input.
 */
#ifndef MC_PG_INT_H
#define MC_PG_INT_H

#include <libpq-fe.h>
#include <pthread.h>

#include "store/store.h"

#define PG_STMT_CACHE 128 /* statements a connection may have prepared */
#define PG_MAXPARAMS 40   /* dossier_insert binds 32 */

/* A statement of the backend.  name is the prepared statement's name on the
 * server and must be unique in the backend; sql uses $1.. placeholders. */
struct pg_stmt {
	const char *name;
	const char *sql;
};

struct pg_conn {
	struct store_conn base; /* first: a struct store_conn * is a struct pg_conn * */
	PGconn *db;
	bool in_tx;
	bool busy;              /* handed out by the pool */
	int nprep;              /* statements prepared on this session; 0 after a reset */
	const struct pg_stmt *prep[PG_STMT_CACHE];
};

struct pg_store {
	struct store base;      /* first */
	char *conninfo;         /* owned copy of the libpq conninfo or URI */
	bool durable;
	int nconn;
	struct pg_conn *conns;
	pthread_mutex_t lock;
	pthread_cond_t freed;
};

static inline struct pg_conn *pgc(struct store_conn *c) { return (struct pg_conn *)c; }

/* Parameters of one execution, all sent as text (NULL pointer = SQL NULL).
 * Integers are formatted into num[], so a pg_params must outlive the call
 * that uses it; it lives on the caller's stack. */
struct pg_params {
	int n;
	const char *v[PG_MAXPARAMS];
	char num[PG_MAXPARAMS][24];
};

void pg_p_text(struct pg_params *p, const char *s, bool null_if_empty); /* borrowed, not copied */
void pg_p_i64(struct pg_params *p, int64_t v);
void pg_p_bool(struct pg_params *p, bool b);
void pg_p_null(struct pg_params *p);

/* Run a statement.  On MC_OK and res_out not NULL, *res_out is a result the
 * caller must PQclear(); otherwise nothing is left to free.  Failures are
 * mapped by pg_fail(). */
enum mc_err pg_run(struct pg_conn *c, const struct pg_stmt *s, const struct pg_params *p, PGresult **res_out,
		   struct mc_error *err);

/* Map a failed result (res may be NULL) to an error, logging the server's
 * SQLSTATE and primary message, never parameters or DETAIL (which can hold
 * personal data):
 *   class 23 (unique, foreign key, check, not null) -> MC_ECONFLICT
 *   lost connection, serialization failure, deadlock, lock timeout,
 *   cancel, shutdown                                   -> MC_EUNAVAILABLE
 *   anything else                                      -> MC_ESTORE */
enum mc_err pg_fail(struct pg_conn *c, const PGresult *res, const char *what, struct mc_error *err);

/* Number of rows a command touched (UPDATE/DELETE/INSERT). */
int64_t pg_changes(const PGresult *res);

/* Copy column i of row r as text into dst (size n), "" for NULL. */
void pg_col_text(const PGresult *res, int r, int i, char *dst, size_t n);
int64_t pg_col_i64(const PGresult *res, int r, int i);
bool pg_col_bool(const PGresult *res, int r, int i);

/* operations implemented in the other files */
enum mc_err pg_unit_insert(struct store_conn *c, struct unit_rec *u, struct mc_error *err);
enum mc_err pg_unit_get(struct store_conn *c, int64_t id, struct unit_rec *out, struct mc_error *err);
enum mc_err pg_unit_get_by_code(struct store_conn *c, const char *code, struct unit_rec *out, struct mc_error *err);
enum mc_err pg_unit_list(struct store_conn *c, store_unit_cb cb, void *ctx, struct mc_error *err);
enum mc_err pg_unit_count(struct store_conn *c, int64_t *out, struct mc_error *err);
enum mc_err pg_unit_update(struct store_conn *c, const struct unit_rec *u, struct mc_error *err);

enum mc_err pg_user_insert(struct store_conn *c, struct user_rec *u, struct mc_error *err);
enum mc_err pg_user_get(struct store_conn *c, int64_t id, struct user_rec *out, struct mc_error *err);
enum mc_err pg_user_get_by_login(struct store_conn *c, const char *login, struct user_rec *out, struct mc_error *err);
enum mc_err pg_user_list(struct store_conn *c, const struct user_filter *f, store_user_cb cb, void *ctx, struct mc_error *err);
enum mc_err pg_user_set_password(struct store_conn *c, int64_t id, const char *hash, struct mc_error *err);
enum mc_err pg_user_set_disabled(struct store_conn *c, int64_t id, bool disabled, struct mc_error *err);
enum mc_err pg_grant_add(struct store_conn *c, const struct grant_rec *g, struct mc_error *err);
enum mc_err pg_grant_remove(struct store_conn *c, const struct grant_rec *g, struct mc_error *err);
enum mc_err pg_grant_list(struct store_conn *c, int64_t user_id, store_grant_cb cb, void *ctx, struct mc_error *err);

enum mc_err pg_session_insert(struct store_conn *c, const struct session_rec *s, struct mc_error *err);
enum mc_err pg_session_get(struct store_conn *c, const char *token_hash, int64_t now, struct session_rec *out, struct mc_error *err);
enum mc_err pg_session_delete(struct store_conn *c, const char *token_hash, struct mc_error *err);
enum mc_err pg_session_delete_user(struct store_conn *c, int64_t user_id, struct mc_error *err);
enum mc_err pg_session_purge(struct store_conn *c, int64_t now, int *purged_out, struct mc_error *err);
enum mc_err pg_counter_hit(struct store_conn *c, const char *key, int64_t window_start, int64_t *count_out, struct mc_error *err);
enum mc_err pg_counter_get(struct store_conn *c, const char *key, int64_t window_start, int64_t *count_out, struct mc_error *err);
enum mc_err pg_counter_clear(struct store_conn *c, const char *key, struct mc_error *err);

enum mc_err pg_audit_append(struct store_conn *c, const struct audit_rec *a, struct mc_error *err);
enum mc_err pg_audit_list(struct store_conn *c, const struct audit_filter *f, store_audit_cb cb, void *ctx,
			  struct mc_error *err);

/* version 2: pg_catalog.c */
enum mc_err pg_field_put(struct store_conn *c, const struct field_rec *f, struct mc_error *err);
enum mc_err pg_field_list(struct store_conn *c, store_field_cb cb, void *ctx, struct mc_error *err);
enum mc_err pg_procedure_put(struct store_conn *c, const struct procedure_rec *p, const struct procedure_text *t,
			     int64_t actor_id, int *version_out, struct mc_error *err);
enum mc_err pg_procedure_get(struct store_conn *c, const char *code, int version, struct procedure_rec *out,
			     struct mc_error *err);
enum mc_err pg_procedure_search(struct store_conn *c, const struct procedure_query *q, store_procedure_cb cb,
				void *ctx, int64_t *total_out, struct mc_error *err);
enum mc_err pg_procedure_counts(struct store_conn *c, store_procedure_count_cb cb, void *ctx, struct mc_error *err);

/* version 3: pg_calendar.c */
enum mc_err pg_override_put(struct store_conn *c, const struct calendar_override_rec *o, int64_t actor_id,
			    int64_t now, struct mc_error *err);
enum mc_err pg_override_delete(struct store_conn *c, int64_t unit_id, int32_t day, struct mc_error *err);
enum mc_err pg_override_list(struct store_conn *c, const char *unit_path, int32_t day_from, int32_t day_to,
			     store_override_cb cb, void *ctx, struct mc_error *err);
enum mc_err pg_override_list_own(struct store_conn *c, int64_t unit_id, int32_t day_from, int32_t day_to,
				 store_override_cb cb, void *ctx, struct mc_error *err);

/* version 4: pg_dossiers.c */
enum mc_err pg_dossier_next_number(struct store_conn *c, const char *agency_code, const char *day, int *n_out,
				   struct mc_error *err);
enum mc_err pg_dossier_insert(struct store_conn *c, struct dossier_rec *d, struct mc_error *err);
enum mc_err pg_dossier_update(struct store_conn *c, const struct dossier_rec *d, int expected_version,
			      struct mc_error *err);
enum mc_err pg_dossier_event_insert(struct store_conn *c, const struct dossier_event_rec *e, struct mc_error *err);
enum mc_err pg_dossier_get(struct store_conn *c, const char *code, struct dossier_rec *out, struct mc_error *err);
enum mc_err pg_dossier_events(struct store_conn *c, int64_t dossier_id, store_dossier_event_cb cb, void *ctx,
			      struct mc_error *err);
enum mc_err pg_dossier_list(struct store_conn *c, const struct dossier_filter *f, store_dossier_cb cb, void *ctx,
			    int64_t *total_out, struct mc_error *err);
enum mc_err pg_dossier_number_floor(struct store_conn *c, const char *agency_code, const char *day, int n,
				    struct mc_error *err);

/* version 5: pg_online.c */
enum mc_err pg_kv_put(struct store_conn *c, const struct kv_rec *k, struct mc_error *err);
enum mc_err pg_kv_get(struct store_conn *c, const char *scope, const char *key, struct kv_rec *out, struct mc_error *err);
enum mc_err pg_kv_delete(struct store_conn *c, const char *scope, const char *key, struct mc_error *err);
enum mc_err pg_kv_list(struct store_conn *c, const char *scope, const char *prefix, store_kv_cb cb, void *ctx,
		       struct mc_error *err);
enum mc_err pg_outbox_insert(struct store_conn *c, struct outbox_rec *m, struct mc_error *err);
enum mc_err pg_outbox_claim(struct store_conn *c, int64_t now, int64_t lease_until, struct outbox_rec *out,
			    struct mc_error *err);
enum mc_err pg_outbox_finish(struct store_conn *c, int64_t id, const char *status, int64_t next_at, int64_t sent_at,
			     const char *last_error, struct mc_error *err);
enum mc_err pg_attachment_insert(struct store_conn *c, struct attachment_rec *a, struct mc_error *err);
enum mc_err pg_attachment_get(struct store_conn *c, int64_t id, struct attachment_rec *out, struct mc_error *err);
enum mc_err pg_attachment_list(struct store_conn *c, const char *owner, store_attachment_cb cb, void *ctx,
			       struct mc_error *err);
enum mc_err pg_attachment_move(struct store_conn *c, const char *from, const char *to, struct mc_error *err);

enum mc_err pg_copy_rows(struct store_conn *c, const char *table, store_row_cb cb, void *ctx, struct mc_error *err);
enum mc_err pg_copy_insert(struct store_conn *c, const char *table, int ncols, const char *const *names,
			   const char *const *values, struct mc_error *err);
enum mc_err pg_copy_finish(struct store_conn *c, struct mc_error *err);
enum mc_err pg_procedure_reindex(struct store_conn *c, const char *code, const struct procedure_text *t,
				 struct mc_error *err);

#endif
