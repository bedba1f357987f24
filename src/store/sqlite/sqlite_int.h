/*
 * sqlite_int.h - private to the SQLite backend: its state, its connection
 * type and the helpers its files share.  Nothing outside src/store/sqlite/
 * includes this.
 */
#ifndef MC_SQLITE_INT_H
#define MC_SQLITE_INT_H

#include <pthread.h>
#include <sqlite3.h>

#include "store/store.h"

#define SQ_STMT_CACHE 128 /* distinct statements a connection may prepare (~90 today) */

struct sq_conn {
	struct store_conn base; /* first: a struct store_conn * is a struct sq_conn * */
	sqlite3 *db;
	bool in_tx;
	bool busy;              /* handed out by the pool */
	int nstmt;
	struct {
		const char *sql; /* the static SQL text: its address is the cache key */
		sqlite3_stmt *stmt;
	} cache[SQ_STMT_CACHE];
};

struct sq_store {
	struct store base;      /* first */
	char path[512];
	bool durable;
	int nconn;
	struct sq_conn *conns;
	pthread_mutex_t lock;
	pthread_cond_t freed;
};

static inline struct sq_conn *sq(struct store_conn *c) { return (struct sq_conn *)c; }

/* A prepared, reset statement for this static SQL text, with bindings cleared;
 * NULL on failure (err filled).  The statement belongs to the connection's
 * cache: do not finalize it.  SQL must be a string literal (cache key). */
sqlite3_stmt *sq_prepare(struct sq_conn *c, const char *sql, struct mc_error *err);

/* Map a SQLite result code to an error, logging the database message. */
enum mc_err sq_fail(struct sq_conn *c, int rc, const char *what, struct mc_error *err);

/* Run a statement that returns no rows; resets it. */
enum mc_err sq_exec_stmt(struct sq_conn *c, sqlite3_stmt *st, const char *what, struct mc_error *err);

/* Bind text, NULL when s is NULL or "" and null_if_empty is set. */
int sq_bind_text(sqlite3_stmt *st, int i, const char *s, bool null_if_empty);

/* Copy column i as text into dst (size n), "" for NULL. */
void sq_col_text(sqlite3_stmt *st, int i, char *dst, size_t n);

/* operations implemented in the other files */
enum mc_err sq_unit_insert(struct store_conn *c, struct unit_rec *u, struct mc_error *err);
enum mc_err sq_unit_get(struct store_conn *c, int64_t id, struct unit_rec *out, struct mc_error *err);
enum mc_err sq_unit_get_by_code(struct store_conn *c, const char *code, struct unit_rec *out, struct mc_error *err);
enum mc_err sq_unit_list(struct store_conn *c, store_unit_cb cb, void *ctx, struct mc_error *err);
enum mc_err sq_unit_count(struct store_conn *c, int64_t *out, struct mc_error *err);
enum mc_err sq_unit_update(struct store_conn *c, const struct unit_rec *u, struct mc_error *err);

enum mc_err sq_user_insert(struct store_conn *c, struct user_rec *u, struct mc_error *err);
enum mc_err sq_user_get(struct store_conn *c, int64_t id, struct user_rec *out, struct mc_error *err);
enum mc_err sq_user_get_by_login(struct store_conn *c, const char *login, struct user_rec *out, struct mc_error *err);
enum mc_err sq_user_list(struct store_conn *c, const struct user_filter *f, store_user_cb cb, void *ctx, struct mc_error *err);
enum mc_err sq_user_set_password(struct store_conn *c, int64_t id, const char *hash, struct mc_error *err);
enum mc_err sq_user_set_disabled(struct store_conn *c, int64_t id, bool disabled, struct mc_error *err);
enum mc_err sq_grant_add(struct store_conn *c, const struct grant_rec *g, struct mc_error *err);
enum mc_err sq_grant_remove(struct store_conn *c, const struct grant_rec *g, struct mc_error *err);
enum mc_err sq_grant_list(struct store_conn *c, int64_t user_id, store_grant_cb cb, void *ctx, struct mc_error *err);

enum mc_err sq_session_insert(struct store_conn *c, const struct session_rec *s, struct mc_error *err);
enum mc_err sq_session_get(struct store_conn *c, const char *token_hash, int64_t now, struct session_rec *out, struct mc_error *err);
enum mc_err sq_session_delete(struct store_conn *c, const char *token_hash, struct mc_error *err);
enum mc_err sq_session_delete_user(struct store_conn *c, int64_t user_id, struct mc_error *err);
enum mc_err sq_session_purge(struct store_conn *c, int64_t now, int *purged_out, struct mc_error *err);
enum mc_err sq_counter_hit(struct store_conn *c, const char *key, int64_t window_start, int64_t *count_out, struct mc_error *err);
enum mc_err sq_counter_get(struct store_conn *c, const char *key, int64_t window_start, int64_t *count_out, struct mc_error *err);
enum mc_err sq_counter_clear(struct store_conn *c, const char *key, struct mc_error *err);

enum mc_err sq_audit_append(struct store_conn *c, const struct audit_rec *a, struct mc_error *err);
enum mc_err sq_audit_list(struct store_conn *c, const struct audit_filter *f, store_audit_cb cb, void *ctx,
			  struct mc_error *err);

enum mc_err sq_field_put(struct store_conn *c, const struct field_rec *f, struct mc_error *err);
enum mc_err sq_field_list(struct store_conn *c, store_field_cb cb, void *ctx, struct mc_error *err);
enum mc_err sq_procedure_put(struct store_conn *c, const struct procedure_rec *p, const struct procedure_text *t,
			     int64_t actor_id, int *version_out, struct mc_error *err);
enum mc_err sq_procedure_get(struct store_conn *c, const char *code, int version, struct procedure_rec *out,
			     struct mc_error *err);
enum mc_err sq_procedure_search(struct store_conn *c, const struct procedure_query *q, store_procedure_cb cb,
				void *ctx, int64_t *total_out, struct mc_error *err);
enum mc_err sq_procedure_counts(struct store_conn *c, store_procedure_count_cb cb, void *ctx, struct mc_error *err);

enum mc_err sq_override_put(struct store_conn *c, const struct calendar_override_rec *o, int64_t actor_id, int64_t now,
			    struct mc_error *err);
enum mc_err sq_override_delete(struct store_conn *c, int64_t unit_id, int32_t day, struct mc_error *err);
enum mc_err sq_override_list(struct store_conn *c, const char *unit_path, int32_t day_from, int32_t day_to,
			     store_override_cb cb, void *ctx, struct mc_error *err);
enum mc_err sq_override_list_own(struct store_conn *c, int64_t unit_id, int32_t day_from, int32_t day_to,
				 store_override_cb cb, void *ctx, struct mc_error *err);

enum mc_err sq_dossier_next_number(struct store_conn *c, const char *agency_code, const char *day, int *n_out,
				   struct mc_error *err);
enum mc_err sq_dossier_insert(struct store_conn *c, struct dossier_rec *d, struct mc_error *err);
enum mc_err sq_dossier_update(struct store_conn *c, const struct dossier_rec *d, int expected_version,
			      struct mc_error *err);
enum mc_err sq_dossier_event_insert(struct store_conn *c, const struct dossier_event_rec *e, struct mc_error *err);
enum mc_err sq_dossier_get(struct store_conn *c, const char *code, struct dossier_rec *out, struct mc_error *err);
enum mc_err sq_dossier_events(struct store_conn *c, int64_t dossier_id, store_dossier_event_cb cb, void *ctx,
			      struct mc_error *err);
enum mc_err sq_dossier_list(struct store_conn *c, const struct dossier_filter *f, store_dossier_cb cb, void *ctx,
			    int64_t *total_out, struct mc_error *err);

enum mc_err sq_dossier_number_floor(struct store_conn *c, const char *agency_code, const char *day, int n,
				    struct mc_error *err);

/* version 5: sqlite_online.c */
enum mc_err sq_kv_put(struct store_conn *c, const struct kv_rec *k, struct mc_error *err);
enum mc_err sq_kv_get(struct store_conn *c, const char *scope, const char *key, struct kv_rec *out, struct mc_error *err);
enum mc_err sq_kv_delete(struct store_conn *c, const char *scope, const char *key, struct mc_error *err);
enum mc_err sq_kv_list(struct store_conn *c, const char *scope, const char *prefix, store_kv_cb cb, void *ctx,
		       struct mc_error *err);
enum mc_err sq_outbox_insert(struct store_conn *c, struct outbox_rec *m, struct mc_error *err);
enum mc_err sq_outbox_claim(struct store_conn *c, int64_t now, int64_t lease_until, struct outbox_rec *out,
			    struct mc_error *err);
enum mc_err sq_outbox_finish(struct store_conn *c, int64_t id, const char *status, int64_t next_at, int64_t sent_at,
			     const char *last_error, struct mc_error *err);
enum mc_err sq_attachment_insert(struct store_conn *c, struct attachment_rec *a, struct mc_error *err);
enum mc_err sq_attachment_get(struct store_conn *c, int64_t id, struct attachment_rec *out, struct mc_error *err);
enum mc_err sq_attachment_list(struct store_conn *c, const char *owner, store_attachment_cb cb, void *ctx,
			       struct mc_error *err);
enum mc_err sq_attachment_move(struct store_conn *c, const char *from, const char *to, struct mc_error *err);

enum mc_err sq_copy_rows(struct store_conn *c, const char *table, store_row_cb cb, void *ctx, struct mc_error *err);
enum mc_err sq_copy_insert(struct store_conn *c, const char *table, int ncols, const char *const *names,
			   const char *const *values, struct mc_error *err);
enum mc_err sq_copy_finish(struct store_conn *c, struct mc_error *err);
enum mc_err sq_procedure_reindex(struct store_conn *c, const char *code, const struct procedure_text *t,
				 struct mc_error *err);

#endif
