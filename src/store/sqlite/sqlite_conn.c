/*
 * sqlite_conn.c - the SQLite backend's lifecycle: opening the file, the
 * connection pool, the statement cache, migrations and transactions, and the
 * ops table that store.c finds by the name "sqlite".
 *
 * Durability: WAL mode with synchronous=FULL when the store is opened durable
 * (the default for `motcua serve`), so a commit that returned is on disk and
 * an acknowledged write survives a crash or a power cut.
 */
#include "store/sqlite/sqlite_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "store/migrations.h"

enum mc_err sq_fail(struct sq_conn *c, int rc, const char *what, struct mc_error *err)
{
	int primary = rc & 0xff;

	if (primary == SQLITE_CONSTRAINT)
		return mc_fail(err, MC_ECONFLICT, NULL, "Dữ liệu đã tồn tại hoặc vi phạm ràng buộc",
			       "The record already exists or breaks a constraint");
	if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
		/* another writer held the lock past busy_timeout (a long import,
		 * a backup): an operating condition the caller retries, not a fault */
		log_warn("sqlite: %s: %s (%d)", what, c && c->db ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc), rc);
		return mc_fail(err, MC_EUNAVAILABLE, NULL, "Cơ sở dữ liệu đang bận; vui lòng thử lại",
			       "The database is busy; please retry");
	}
	log_error("sqlite: %s: %s (%d)", what, c && c->db ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc), rc);
	return mc_fail(err, MC_ESTORE, NULL, NULL, NULL);
}

sqlite3_stmt *sq_prepare(struct sq_conn *c, const char *sql, struct mc_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	for (int i = 0; i < c->nstmt; i++) {
		if (c->cache[i].sql == sql) {
			st = c->cache[i].stmt;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	}
	rc = sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc != SQLITE_OK) {
		sq_fail(c, rc, "prepare", err);
		return NULL;
	}
	if (c->nstmt < SQ_STMT_CACHE) {
		c->cache[c->nstmt].sql = sql;
		c->cache[c->nstmt].stmt = st;
		c->nstmt++;
	} else {
		/* Cache full is a programming error (raise SQ_STMT_CACHE): fail loudly
		 * rather than leak a statement per call. */
		sqlite3_finalize(st);
		log_error("sqlite: statement cache full");
		mc_fail(err, MC_EINTERNAL, NULL, NULL, NULL);
		return NULL;
	}
	return st;
}

enum mc_err sq_exec_stmt(struct sq_conn *c, sqlite3_stmt *st, const char *what, struct mc_error *err)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return sq_fail(c, rc, what, err);
	return MC_OK;
}

int sq_bind_text(sqlite3_stmt *st, int i, const char *s, bool null_if_empty)
{
	if (!s || (null_if_empty && !*s))
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

void sq_col_text(sqlite3_stmt *st, int i, char *dst, size_t n)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	snprintf(dst, n, "%s", t ? (const char *)t : "");
}

static enum mc_err exec_sql(struct sq_conn *c, const char *sql, struct mc_error *err)
{
	char *msg = NULL;
	int rc = sqlite3_exec(c->db, sql, NULL, NULL, &msg);

	if (rc != SQLITE_OK) {
		log_error("sqlite: %s", msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		return sq_fail(c, rc, "exec", err);
	}
	return MC_OK;
}

static enum mc_err conn_open(struct sq_store *s, struct sq_conn *c, struct mc_error *err)
{
	int rc;
	char pragmas[256];

	memset(c, 0, sizeof *c);
	c->base.st = &s->base;
	rc = sqlite3_open_v2(s->path, &c->db,
			     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		enum mc_err e = mc_failf(err, MC_ESTORE, "db", "Không mở được cơ sở dữ liệu %s: %s",
					 "Cannot open the database %s: %s", s->path,
					 c->db ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc));
		sqlite3_close(c->db);
		c->db = NULL;
		return e;
	}
	sqlite3_busy_timeout(c->db, 5000);
	snprintf(pragmas, sizeof pragmas,
		 "PRAGMA journal_mode=WAL; PRAGMA synchronous=%s; PRAGMA foreign_keys=ON;"
		 "PRAGMA temp_store=MEMORY;",
		 s->durable ? "FULL" : "NORMAL");
	return exec_sql(c, pragmas, err);
}

static void conn_close(struct sq_conn *c)
{
	for (int i = 0; i < c->nstmt; i++)
		sqlite3_finalize(c->cache[i].stmt);
	c->nstmt = 0;
	sqlite3_close(c->db);
	c->db = NULL;
}

static void sq_close(struct store *st)
{
	struct sq_store *s = (struct sq_store *)st;

	for (int i = 0; i < s->nconn; i++)
		if (s->conns[i].db)
			conn_close(&s->conns[i]);
	free(s->conns);
	pthread_mutex_destroy(&s->lock);
	pthread_cond_destroy(&s->freed);
	free(s);
}

extern const struct store_ops store_sqlite_ops;

static enum mc_err sq_open(const struct store_config *cfg, struct store **out, struct mc_error *err)
{
	struct sq_store *s;
	enum mc_err rc;

	if (!cfg->sqlite_path || !*cfg->sqlite_path)
		return mc_fail(err, MC_EINVAL, "db", "Chưa chỉ định tệp cơ sở dữ liệu",
			       "No database file given");
	s = calloc(1, sizeof *s);
	if (!s)
		return MC_ENOMEM;
	s->base.ops = &store_sqlite_ops;
	snprintf(s->path, sizeof s->path, "%s", cfg->sqlite_path);
	s->durable = cfg->durable;
	s->nconn = cfg->pool_size > 0 ? cfg->pool_size : 1;
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->freed, NULL);
	s->conns = calloc((size_t)s->nconn, sizeof *s->conns);
	if (!s->conns) {
		sq_close(&s->base);
		return MC_ENOMEM;
	}
	for (int i = 0; i < s->nconn; i++) {
		rc = conn_open(s, &s->conns[i], err);
		if (rc) {
			sq_close(&s->base);
			return rc;
		}
	}
	*out = &s->base;
	return MC_OK;
}

static enum mc_err sq_conn_get(struct store *st, struct store_conn **out, struct mc_error *err)
{
	struct sq_store *s = (struct sq_store *)st;

	(void)err;
	pthread_mutex_lock(&s->lock);
	for (;;) {
		for (int i = 0; i < s->nconn; i++) {
			if (!s->conns[i].busy) {
				s->conns[i].busy = true;
				pthread_mutex_unlock(&s->lock);
				*out = &s->conns[i].base;
				return MC_OK;
			}
		}
		pthread_cond_wait(&s->freed, &s->lock);
	}
}

static void sq_conn_put(struct store *st, struct store_conn *c)
{
	struct sq_store *s = (struct sq_store *)st;
	struct sq_conn *q = sq(c);

	if (q->in_tx) {
		/* A caller forgot to end its transaction: never let the next user
		 * of this connection inherit (and commit) half a change. */
		log_error("sqlite: connection returned inside a transaction; rolled back");
		sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
		q->in_tx = false;
	}
	pthread_mutex_lock(&s->lock);
	q->busy = false;
	pthread_cond_signal(&s->freed);
	pthread_mutex_unlock(&s->lock);
}

static enum mc_err sq_schema_version(struct store_conn *c, int *version_out, struct mc_error *err)
{
	sqlite3_stmt *st;
	int rc;

	*version_out = 0;
	st = sq_prepare(sq(c), "SELECT count(*) FROM sqlite_master WHERE name='schema_migrations'", err);
	if (!st)
		return err ? err->code : MC_ESTORE;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		return sq_fail(sq(c), rc, "schema version", err);
	if (sqlite3_column_int(st, 0) == 0) {
		sqlite3_reset(st);
		return MC_OK; /* an empty database is at version 0 */
	}
	sqlite3_reset(st);
	st = sq_prepare(sq(c), "SELECT COALESCE(MAX(version),0) FROM schema_migrations", err);
	if (!st)
		return err ? err->code : MC_ESTORE;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		return sq_fail(sq(c), rc, "schema version", err);
	*version_out = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return MC_OK;
}

static enum mc_err sq_migrate(struct store_conn *c, int *applied_out, struct mc_error *err)
{
	struct sq_conn *q = sq(c);
	int current = 0, applied = 0;
	enum mc_err rc;

	rc = exec_sql(q, "CREATE TABLE IF NOT EXISTS schema_migrations ("
			 " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)",
		      err);
	if (rc)
		return rc;
	/* Find the version inside the write transaction, so two processes
	 * starting at once cannot both apply the same migration. */
	rc = exec_sql(q, "BEGIN IMMEDIATE", err);
	if (rc)
		return rc;
	rc = sq_schema_version(c, &current, err);
	for (const struct migration *m = migrations_sqlite; !rc && m->version; m++) {
		sqlite3_stmt *st;

		if (m->version <= current)
			continue;
		rc = exec_sql(q, m->sql, err);
		if (rc)
			break;
		st = sq_prepare(q, "INSERT INTO schema_migrations(version,name,applied_at)"
				   " VALUES(?,?,strftime('%s','now'))", err);
		if (!st) {
			rc = err ? err->code : MC_ESTORE;
			break;
		}
		sqlite3_bind_int(st, 1, m->version);
		sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
		rc = sq_exec_stmt(q, st, "record migration", err);
		if (!rc) {
			applied++;
			log_info("migration %04d %s applied", m->version, m->name);
		}
	}
	if (rc) {
		exec_sql(q, "ROLLBACK", NULL);
		return rc;
	}
	rc = exec_sql(q, "COMMIT", err);
	if (!rc && applied_out)
		*applied_out = applied;
	return rc;
}

static enum mc_err sq_ping(struct store_conn *c, struct mc_error *err)
{
	sqlite3_stmt *st = sq_prepare(sq(c), "SELECT 1", err);

	if (!st)
		return err ? err->code : MC_ESTORE;
	return sq_exec_stmt(sq(c), st, "ping", err);
}

static enum mc_err sq_begin(struct store_conn *c, struct mc_error *err)
{
	enum mc_err rc = exec_sql(sq(c), "BEGIN IMMEDIATE", err);

	if (!rc)
		sq(c)->in_tx = true;
	return rc;
}

static enum mc_err sq_commit(struct store_conn *c, struct mc_error *err)
{
	enum mc_err rc = exec_sql(sq(c), "COMMIT", err);

	if (rc) {
		exec_sql(sq(c), "ROLLBACK", NULL);
	}
	sq(c)->in_tx = false;
	return rc;
}

static void sq_rollback(struct store_conn *c)
{
	if (sq(c)->in_tx)
		exec_sql(sq(c), "ROLLBACK", NULL);
	sq(c)->in_tx = false;
}

/* Copy every page from one open database to another with the online backup
 * API: readers and writers of the source may go on meanwhile. */
static enum mc_err copy_db(struct sq_conn *q, sqlite3 *from, sqlite3 *to, struct mc_error *err)
{
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
	int rc;

	if (!b)
		return sq_fail(q, sqlite3_errcode(to), "backup init", err);
	do {
		rc = sqlite3_backup_step(b, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	return rc == SQLITE_DONE ? MC_OK : sq_fail(q, rc, "backup", err);
}

static enum mc_err sq_backup_to(struct store_conn *c, const char *path, struct mc_error *err)
{
	sqlite3 *dst = NULL;
	enum mc_err rc;

	if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		rc = mc_failf(err, MC_EIO, "to", "Không tạo được tệp sao lưu %s", "Cannot create the backup file %s", path);
		sqlite3_close(dst);
		return rc;
	}
	rc = copy_db(sq(c), sq(c)->db, dst, err);
	sqlite3_close(dst);
	return rc;
}

static enum mc_err sq_restore_from(struct store_conn *c, const char *path, struct mc_error *err)
{
	sqlite3 *src = NULL;
	enum mc_err rc;

	if (sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		rc = mc_failf(err, MC_EIO, "from", "Không mở được tệp sao lưu %s", "Cannot open the backup file %s", path);
		sqlite3_close(src);
		return rc;
	}
	rc = copy_db(sq(c), src, sq(c)->db, err);
	sqlite3_close(src);
	return rc;
}

const struct store_ops store_sqlite_ops = {
	.version = STORE_OPS_VERSION,
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.conn_get = sq_conn_get,
	.conn_put = sq_conn_put,
	.migrate = sq_migrate,
	.schema_version = sq_schema_version,
	.ping = sq_ping,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.unit_insert = sq_unit_insert,
	.unit_get = sq_unit_get,
	.unit_get_by_code = sq_unit_get_by_code,
	.unit_list = sq_unit_list,
	.unit_count = sq_unit_count,
	.user_insert = sq_user_insert,
	.user_get = sq_user_get,
	.user_get_by_login = sq_user_get_by_login,
	.user_list = sq_user_list,
	.user_set_password = sq_user_set_password,
	.user_set_disabled = sq_user_set_disabled,
	.grant_add = sq_grant_add,
	.grant_remove = sq_grant_remove,
	.grant_list = sq_grant_list,
	.session_insert = sq_session_insert,
	.session_get = sq_session_get,
	.session_delete = sq_session_delete,
	.session_delete_user = sq_session_delete_user,
	.session_purge = sq_session_purge,
	.counter_hit = sq_counter_hit,
	.counter_get = sq_counter_get,
	.counter_clear = sq_counter_clear,
	.audit_append = sq_audit_append,
	.audit_list = sq_audit_list,
	.field_put = sq_field_put,
	.field_list = sq_field_list,
	.procedure_put = sq_procedure_put,
	.procedure_get = sq_procedure_get,
	.procedure_search = sq_procedure_search,
	.procedure_counts = sq_procedure_counts,
	.override_put = sq_override_put,
	.override_delete = sq_override_delete,
	.override_list = sq_override_list,
	.override_list_own = sq_override_list_own,
	.dossier_next_number = sq_dossier_next_number,
	.dossier_insert = sq_dossier_insert,
	.dossier_update = sq_dossier_update,
	.dossier_event_insert = sq_dossier_event_insert,
	.dossier_get = sq_dossier_get,
	.dossier_events = sq_dossier_events,
	.dossier_list = sq_dossier_list,
	.dossier_number_floor = sq_dossier_number_floor,
	.backup_to = sq_backup_to,
	.restore_from = sq_restore_from,
	/* version 5 */
	.kv_put = sq_kv_put,
	.kv_get = sq_kv_get,
	.kv_delete = sq_kv_delete,
	.kv_list = sq_kv_list,
	.outbox_insert = sq_outbox_insert,
	.outbox_claim = sq_outbox_claim,
	.outbox_finish = sq_outbox_finish,
	.attachment_insert = sq_attachment_insert,
	.attachment_get = sq_attachment_get,
	.attachment_list = sq_attachment_list,
	.attachment_move = sq_attachment_move,
	.copy_rows = sq_copy_rows,
	.copy_insert = sq_copy_insert,
	.copy_finish = sq_copy_finish,
	.procedure_reindex = sq_procedure_reindex,
	.unit_update = sq_unit_update,
};
