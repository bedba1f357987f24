/*
 * store.c - the registry of backends and the checked wrappers that are the
 * only way callers reach a backend (see store.h).  Each wrapper counts
 * database failures for /metrics; this is also the place for fault injection
 * when the hardening work needs it.
 */
#include "store/store.h"

#include <stdatomic.h>
#include <string.h>

extern const struct store_ops store_sqlite_ops;
#ifdef MOTCUA_WITH_PG
extern const struct store_ops store_pg_ops;
#endif

static const struct store_ops *const backends[] = {
	&store_sqlite_ops,
#ifdef MOTCUA_WITH_PG
	&store_pg_ops,
#endif
};

static atomic_long db_errors;

long store_error_count(void) { return atomic_load(&db_errors); }

static enum mc_err counted(enum mc_err rc)
{
	if (rc == MC_ESTORE || rc == MC_EUNAVAILABLE)
		atomic_fetch_add(&db_errors, 1);
	return rc;
}

const struct store_ops *store_backend_find(const char *name)
{
	for (size_t i = 0; i < sizeof backends / sizeof backends[0]; i++)
		if (!strcmp(backends[i]->name, name))
			return backends[i];
	return NULL;
}

enum mc_err store_open(const char *backend, const struct store_config *cfg, struct store **out,
		       struct mc_error *err)
{
	const struct store_ops *ops = store_backend_find(backend);

	if (!ops)
		return mc_failf(err, MC_EINVAL, "backend",
				"Không hỗ trợ cơ sở dữ liệu '%s' trong bản dựng này",
				"The database backend '%s' is not built in", backend);
	/* A backend may lag behind the interface (its newer ops then answer
	 * "not supported"); it may not be ahead of it. */
	if (ops->version > STORE_OPS_VERSION)
		return mc_fail(err, MC_EINTERNAL, NULL, "Phiên bản backend không khớp",
			       "Backend version mismatch");
	return counted(ops->open(cfg, out, err));
}

void store_close(struct store *st)
{
	if (st)
		st->ops->close(st);
}

const char *store_backend_name(const struct store *st) { return st->ops->name; }

enum mc_err store_conn_get(struct store *st, struct store_conn **out, struct mc_error *err)
{
	return counted(st->ops->conn_get(st, out, err));
}

void store_conn_put(struct store_conn *c)
{
	if (c)
		c->st->ops->conn_put(c->st, c);
}

#define OPS (c->st->ops)

enum mc_err store_migrate(struct store_conn *c, int *n, struct mc_error *e) { return counted(OPS->migrate(c, n, e)); }
enum mc_err store_schema_version(struct store_conn *c, int *v, struct mc_error *e) { return counted(OPS->schema_version(c, v, e)); }
enum mc_err store_ping(struct store_conn *c, struct mc_error *e) { return counted(OPS->ping(c, e)); }
enum mc_err store_begin(struct store_conn *c, struct mc_error *e) { return counted(OPS->begin(c, e)); }
enum mc_err store_commit(struct store_conn *c, struct mc_error *e) { return counted(OPS->commit(c, e)); }
void store_rollback(struct store_conn *c) { OPS->rollback(c); }

enum mc_err store_unit_insert(struct store_conn *c, struct unit_rec *u, struct mc_error *e) { return counted(OPS->unit_insert(c, u, e)); }
enum mc_err store_unit_get(struct store_conn *c, int64_t id, struct unit_rec *out, struct mc_error *e) { return counted(OPS->unit_get(c, id, out, e)); }
enum mc_err store_unit_get_by_code(struct store_conn *c, const char *code, struct unit_rec *out, struct mc_error *e) { return counted(OPS->unit_get_by_code(c, code, out, e)); }
enum mc_err store_unit_list(struct store_conn *c, store_unit_cb cb, void *ctx, struct mc_error *e) { return counted(OPS->unit_list(c, cb, ctx, e)); }
enum mc_err store_unit_count(struct store_conn *c, int64_t *out, struct mc_error *e) { return counted(OPS->unit_count(c, out, e)); }

enum mc_err store_user_insert(struct store_conn *c, struct user_rec *u, struct mc_error *e) { return counted(OPS->user_insert(c, u, e)); }
enum mc_err store_user_get(struct store_conn *c, int64_t id, struct user_rec *out, struct mc_error *e) { return counted(OPS->user_get(c, id, out, e)); }
enum mc_err store_user_get_by_login(struct store_conn *c, const char *login, struct user_rec *out, struct mc_error *e) { return counted(OPS->user_get_by_login(c, login, out, e)); }
enum mc_err store_user_list(struct store_conn *c, const struct user_filter *f, store_user_cb cb, void *ctx, struct mc_error *e) { return counted(OPS->user_list(c, f, cb, ctx, e)); }
enum mc_err store_user_set_password(struct store_conn *c, int64_t id, const char *hash, struct mc_error *e) { return counted(OPS->user_set_password(c, id, hash, e)); }
enum mc_err store_user_set_disabled(struct store_conn *c, int64_t id, bool d, struct mc_error *e) { return counted(OPS->user_set_disabled(c, id, d, e)); }
enum mc_err store_grant_add(struct store_conn *c, const struct grant_rec *g, struct mc_error *e) { return counted(OPS->grant_add(c, g, e)); }
enum mc_err store_grant_remove(struct store_conn *c, const struct grant_rec *g, struct mc_error *e) { return counted(OPS->grant_remove(c, g, e)); }
enum mc_err store_grant_list(struct store_conn *c, int64_t uid, store_grant_cb cb, void *ctx, struct mc_error *e) { return counted(OPS->grant_list(c, uid, cb, ctx, e)); }

enum mc_err store_session_insert(struct store_conn *c, const struct session_rec *s, struct mc_error *e) { return counted(OPS->session_insert(c, s, e)); }
enum mc_err store_session_get(struct store_conn *c, const char *h, int64_t now, struct session_rec *out, struct mc_error *e) { return counted(OPS->session_get(c, h, now, out, e)); }
enum mc_err store_session_delete(struct store_conn *c, const char *h, struct mc_error *e) { return counted(OPS->session_delete(c, h, e)); }
enum mc_err store_session_delete_user(struct store_conn *c, int64_t uid, struct mc_error *e) { return counted(OPS->session_delete_user(c, uid, e)); }
enum mc_err store_session_purge(struct store_conn *c, int64_t now, int *n, struct mc_error *e) { return counted(OPS->session_purge(c, now, n, e)); }

enum mc_err store_counter_hit(struct store_conn *c, const char *k, int64_t w, int64_t *n, struct mc_error *e) { return counted(OPS->counter_hit(c, k, w, n, e)); }
enum mc_err store_counter_get(struct store_conn *c, const char *k, int64_t w, int64_t *n, struct mc_error *e) { return counted(OPS->counter_get(c, k, w, n, e)); }
enum mc_err store_counter_clear(struct store_conn *c, const char *k, struct mc_error *e) { return counted(OPS->counter_clear(c, k, e)); }

enum mc_err store_audit_append(struct store_conn *c, const struct audit_rec *a, struct mc_error *e) { return counted(OPS->audit_append(c, a, e)); }
enum mc_err store_audit_list(struct store_conn *c, const struct audit_filter *f, store_audit_cb cb, void *ctx, struct mc_error *e) { return counted(OPS->audit_list(c, f, cb, ctx, e)); }

/* A backend written for an older version leaves the newer ops NULL. */
static enum mc_err missing(struct mc_error *e)
{
	return mc_fail(e, MC_EINTERNAL, NULL, "Cơ sở dữ liệu này chưa hỗ trợ chức năng này",
		       "This database backend does not support this operation yet");
}


enum mc_err store_field_put(struct store_conn *c, const struct field_rec *f, struct mc_error *e) { return OPS->field_put ? counted(OPS->field_put(c, f, e)) : missing(e); }
enum mc_err store_field_list(struct store_conn *c, store_field_cb cb, void *ctx, struct mc_error *e) { return OPS->field_list ? counted(OPS->field_list(c, cb, ctx, e)) : missing(e); }
enum mc_err store_procedure_put(struct store_conn *c, const struct procedure_rec *p, const struct procedure_text *t, int64_t actor, int *v, struct mc_error *e) { return OPS->procedure_put ? counted(OPS->procedure_put(c, p, t, actor, v, e)) : missing(e); }
enum mc_err store_procedure_get(struct store_conn *c, const char *code, int version, struct procedure_rec *out, struct mc_error *e) { return OPS->procedure_get ? counted(OPS->procedure_get(c, code, version, out, e)) : missing(e); }
enum mc_err store_procedure_search(struct store_conn *c, const struct procedure_query *q, store_procedure_cb cb, void *ctx, int64_t *total, struct mc_error *e) { return OPS->procedure_search ? counted(OPS->procedure_search(c, q, cb, ctx, total, e)) : missing(e); }
enum mc_err store_procedure_counts(struct store_conn *c, store_procedure_count_cb cb, void *ctx, struct mc_error *e) { return OPS->procedure_counts ? counted(OPS->procedure_counts(c, cb, ctx, e)) : missing(e); }

enum mc_err store_override_put(struct store_conn *c, const struct calendar_override_rec *o, int64_t actor, int64_t now, struct mc_error *e) { return OPS->override_put ? counted(OPS->override_put(c, o, actor, now, e)) : missing(e); }
enum mc_err store_override_delete(struct store_conn *c, int64_t unit_id, int32_t day, struct mc_error *e) { return OPS->override_delete ? counted(OPS->override_delete(c, unit_id, day, e)) : missing(e); }
enum mc_err store_override_list(struct store_conn *c, const char *path, int32_t from, int32_t to, store_override_cb cb, void *ctx, struct mc_error *e) { return OPS->override_list ? counted(OPS->override_list(c, path, from, to, cb, ctx, e)) : missing(e); }
enum mc_err store_override_list_own(struct store_conn *c, int64_t unit_id, int32_t from, int32_t to, store_override_cb cb, void *ctx, struct mc_error *e) { return OPS->override_list_own ? counted(OPS->override_list_own(c, unit_id, from, to, cb, ctx, e)) : missing(e); }

enum mc_err store_dossier_next_number(struct store_conn *c, const char *a, const char *day, int *n, struct mc_error *e) { return OPS->dossier_next_number ? counted(OPS->dossier_next_number(c, a, day, n, e)) : missing(e); }
enum mc_err store_dossier_insert(struct store_conn *c, struct dossier_rec *d, struct mc_error *e) { return OPS->dossier_insert ? counted(OPS->dossier_insert(c, d, e)) : missing(e); }
enum mc_err store_dossier_update(struct store_conn *c, const struct dossier_rec *d, int v, struct mc_error *e) { return OPS->dossier_update ? counted(OPS->dossier_update(c, d, v, e)) : missing(e); }
enum mc_err store_dossier_event_insert(struct store_conn *c, const struct dossier_event_rec *ev, struct mc_error *e) { return OPS->dossier_event_insert ? counted(OPS->dossier_event_insert(c, ev, e)) : missing(e); }
enum mc_err store_dossier_get(struct store_conn *c, const char *code, struct dossier_rec *out, struct mc_error *e) { return OPS->dossier_get ? counted(OPS->dossier_get(c, code, out, e)) : missing(e); }
enum mc_err store_dossier_events(struct store_conn *c, int64_t id, store_dossier_event_cb cb, void *ctx, struct mc_error *e) { return OPS->dossier_events ? counted(OPS->dossier_events(c, id, cb, ctx, e)) : missing(e); }
enum mc_err store_dossier_list(struct store_conn *c, const struct dossier_filter *f, store_dossier_cb cb, void *ctx, int64_t *total, struct mc_error *e) { return OPS->dossier_list ? counted(OPS->dossier_list(c, f, cb, ctx, total, e)) : missing(e); }
enum mc_err store_dossier_number_floor(struct store_conn *c, const char *a, const char *day, int n, struct mc_error *e) { return OPS->dossier_number_floor ? counted(OPS->dossier_number_floor(c, a, day, n, e)) : missing(e); }

static enum mc_err own_tools(struct mc_error *e)
{
	return mc_fail(e, MC_EINVAL, "db", "Cơ sở dữ liệu này sao lưu bằng công cụ riêng (PostgreSQL: pg_dump, pg_restore)",
		       "This database is backed up with its own tools (PostgreSQL: pg_dump, pg_restore)");
}

enum mc_err store_backup_to(struct store_conn *c, const char *path, struct mc_error *e) { return OPS->backup_to ? counted(OPS->backup_to(c, path, e)) : own_tools(e); }
enum mc_err store_restore_from(struct store_conn *c, const char *path, struct mc_error *e) { return OPS->restore_from ? counted(OPS->restore_from(c, path, e)) : own_tools(e); }

enum mc_err store_kv_put(struct store_conn *c, const struct kv_rec *k, struct mc_error *e) { return OPS->kv_put ? counted(OPS->kv_put(c, k, e)) : missing(e); }
enum mc_err store_kv_get(struct store_conn *c, const char *s, const char *k, struct kv_rec *out, struct mc_error *e) { return OPS->kv_get ? counted(OPS->kv_get(c, s, k, out, e)) : missing(e); }
enum mc_err store_kv_delete(struct store_conn *c, const char *s, const char *k, struct mc_error *e) { return OPS->kv_delete ? counted(OPS->kv_delete(c, s, k, e)) : missing(e); }
enum mc_err store_kv_list(struct store_conn *c, const char *s, const char *p, store_kv_cb cb, void *ctx, struct mc_error *e) { return OPS->kv_list ? counted(OPS->kv_list(c, s, p, cb, ctx, e)) : missing(e); }
enum mc_err store_outbox_insert(struct store_conn *c, struct outbox_rec *m, struct mc_error *e) { return OPS->outbox_insert ? counted(OPS->outbox_insert(c, m, e)) : missing(e); }
enum mc_err store_outbox_claim(struct store_conn *c, int64_t now, int64_t lease, struct outbox_rec *out, struct mc_error *e) { return OPS->outbox_claim ? counted(OPS->outbox_claim(c, now, lease, out, e)) : missing(e); }
enum mc_err store_outbox_finish(struct store_conn *c, int64_t id, const char *st, int64_t next_at, int64_t sent_at, const char *le, struct mc_error *e) { return OPS->outbox_finish ? counted(OPS->outbox_finish(c, id, st, next_at, sent_at, le, e)) : missing(e); }
enum mc_err store_attachment_insert(struct store_conn *c, struct attachment_rec *a, struct mc_error *e) { return OPS->attachment_insert ? counted(OPS->attachment_insert(c, a, e)) : missing(e); }
enum mc_err store_attachment_get(struct store_conn *c, int64_t id, struct attachment_rec *out, struct mc_error *e) { return OPS->attachment_get ? counted(OPS->attachment_get(c, id, out, e)) : missing(e); }
enum mc_err store_attachment_list(struct store_conn *c, const char *o, store_attachment_cb cb, void *ctx, struct mc_error *e) { return OPS->attachment_list ? counted(OPS->attachment_list(c, o, cb, ctx, e)) : missing(e); }
enum mc_err store_attachment_move(struct store_conn *c, const char *f, const char *t, struct mc_error *e) { return OPS->attachment_move ? counted(OPS->attachment_move(c, f, t, e)) : missing(e); }

const char *const store_copy_tables[] = {
	"units", "users", "user_roles", "sessions", "counters", "audit_log", "fields", "procedures",
	"procedure_versions", "calendar_overrides", "dossiers", "dossier_events", "dossier_numbers", "kv", "outbox",
	"attachments", NULL,
};

bool store_copy_table_known(const char *table)
{
	for (int i = 0; store_copy_tables[i]; i++)
		if (!strcmp(table, store_copy_tables[i]))
			return true;
	return false;
}

enum mc_err store_copy_rows(struct store_conn *c, const char *t, store_row_cb cb, void *ctx, struct mc_error *e) { return OPS->copy_rows ? counted(OPS->copy_rows(c, t, cb, ctx, e)) : missing(e); }
enum mc_err store_copy_insert(struct store_conn *c, const char *t, int n, const char *const *names, const char *const *values, struct mc_error *e) { return OPS->copy_insert ? counted(OPS->copy_insert(c, t, n, names, values, e)) : missing(e); }
enum mc_err store_copy_finish(struct store_conn *c, struct mc_error *e) { return OPS->copy_finish ? counted(OPS->copy_finish(c, e)) : missing(e); }
enum mc_err store_procedure_reindex(struct store_conn *c, const char *code, const struct procedure_text *t, struct mc_error *e) { return OPS->procedure_reindex ? counted(OPS->procedure_reindex(c, code, t, e)) : missing(e); }
enum mc_err store_unit_update(struct store_conn *c, const struct unit_rec *u, struct mc_error *e) { return OPS->unit_update ? counted(OPS->unit_update(c, u, e)) : missing(e); }
