/*
 * store.h - the storage interface.  Only src/store/ speaks SQL.
 *
 * A backend (SQLite now, PostgreSQL next) fills a const struct store_ops and
 * embeds struct store as the first member of its own state, and struct
 * store_conn as the first member of its connection type (libgit2's ODB
 * backend and SQLite's VFS pattern).  Callers never touch ops directly: they
 * use the store_* wrappers in store.c, which check arguments and give one
 * place for logging and fault injection.
 *
 * The ops table is versioned and append-only: new operations are added at the
 * end and gated by STORE_OPS_VERSION; existing ones never change signature.
 *
 * Threads: struct store is shared by all threads.  A struct store_conn is
 * used by one thread at a time: take one with store_conn_get(), give it back
 * with store_conn_put().  A transaction belongs to a connection.
 *
 * Records are plain structs with fixed-size text fields (UTF-8, always
 * NUL-terminated, truncated never: inputs longer than a field are refused by
 * the domain layer before they reach the store).  List operations call a
 * callback per row; returning non-zero from the callback stops the listing and
 * that value is returned.
 *
 * Time: every instant is int64_t seconds since the Unix epoch, UTC.
 */
#ifndef MC_STORE_H
#define MC_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"

#define STORE_OPS_VERSION 7

struct store;
struct store_conn;

struct store_config {
	const char *sqlite_path; /* sqlite backend: database file */
	const char *pg_conninfo; /* postgres backend */
	int pool_size;           /* connections kept open (>= 1) */
	bool durable;            /* fsync each commit (on in production) */
};

/* ---- records ---------------------------------------------------------- */

struct unit_rec {
	int64_t id;
	int64_t parent_id;       /* 0 for a root */
	char code[64];           /* stable slug: "dakpo", "dakpo.tuphap", "anthanh.motcua" */
	char agency_code[32];    /* QCVN agency code (Thông tư 10/2016/TT-BTTTT), may be "" */
	char name[256];          /* Vietnamese name */
	char name_en[256];
	char kind[16];           /* province | district | commune | office | department | desk */
	char path[256];          /* ancestor ids "/1/2/7/", root first, self last */
	int utc_offset_min;      /* +420 for Asia/Ho_Chi_Minh */
	char tz[48];
	char address[256];
	char phone[32];
	bool active;
};

struct user_rec {
	int64_t id;
	char username[64];       /* staff login; citizens use phone or e-mail */
	char full_name[128];
	char phone[24];
	char email[128];
	char cccd[16];           /* personal identification number, 12 digits */
	char password_hash[160]; /* argon2id, libsodium's encoded form */
	bool disabled;
	bool is_citizen;
	int64_t created_at;
};

struct grant_rec {
	int64_t user_id;
	int64_t unit_id;         /* 0 for unit-less roles (citizen) */
	char role[24];
	char unit_code[64];      /* filled on read */
	char unit_path[256];     /* filled on read */
	char unit_name[256];     /* filled on read */
};

struct session_rec {
	char token_hash[65];     /* hex BLAKE2b-256 of the bearer token: tokens are never stored */
	int64_t user_id;
	char csrf_token[48];
	int64_t created_at;
	int64_t expires_at;
	char client[64];         /* client address at sign-in, for the user's session list */
};

struct audit_rec {
	int64_t id;
	int64_t at;
	int64_t actor_id;        /* 0 = system */
	int64_t unit_id;         /* 0 = none */
	char action[48];         /* "user.create", "auth.login_failed" ... */
	char object_type[32];
	char object_id[64];
	const char *detail_json; /* borrowed: JSON text, may be NULL */
};

/* The catalog: one current row per procedure, every version kept. */
struct field_rec {
	char code[64];
	char name[256];
	char name_en[256];
	int position;            /* display order */
};

struct procedure_rec {
	int64_t id;
	char code[32];
	int version;
	char name[512];
	char field[64];
	char level[16];
	char agency[64];
	char online[8];
	char status[16];
	bool inter_level;
	int64_t updated_at;
	/* JSON text of the whole procedure.  From procedure_get: malloc'd, the
	 * caller frees it with free().  In search callbacks: borrowed for the
	 * call.  For procedure_put: borrowed input. */
	char *doc;
	double rank;             /* search only: the engine's rank, lower is better */
};

/* Folded (see core/fold.h) text that search indexes, by weight. */
struct procedure_text {
	const char *name, *code, *field, *body;
};

struct procedure_query {
	const char *fts;         /* engine query from catalog_fts_query(), NULL or "" = no text */
	const char *level, *field, *agency, *online; /* NULL = any */
	const char *const *statuses; /* NULL-terminated; NULL = any */
	int limit, offset;       /* limit <= 0: no limit */
};

struct procedure_count {
	char level[16];
	char field[64];
	char online[8];
	char status[16];
	int64_t count;
};

/* A change to the working calendar: national (unit_id 0) or for a unit and
 * everything below it. */
struct calendar_override_rec {
	int64_t unit_id;
	char unit_code[64];      /* filled on read; "" for national */
	int32_t day;             /* local date, days since 1970-01-01 */
	char kind[8];            /* off | work | remove */
	char reason_vi[240];
	char reason_en[240];
	char source[240];        /* the decision */
};

/* A dossier: identity and applicant, the JSON of everything else (checklist,
 * fees, delivery, applicant details), and the cached fold of its events. */
struct dossier_rec {
	int64_t id;
	char code[40];
	char procedure_code[32];
	int procedure_version;
	int64_t receiving_unit_id; /* the local government that received it */
	int64_t desk_unit_id;
	int64_t resolving_unit_id;
	char channel[12];          /* direct | online | postal | transfer */
	char applicant_kind[16];   /* individual | organisation */
	char applicant_name[160];
	char applicant_folded[160];/* folded name, for search */
	char applicant_id[24];     /* CCCD or tax code */
	char applicant_phone[24];
	char applicant_email[128];
	int64_t citizen_id;        /* the owner's account, 0 for paper dossiers */
	/* JSON text.  From dossier_get: malloc'd, the caller frees it.  In list
	 * callbacks: borrowed for the call.  For insert: borrowed input. */
	char *doc;
	/* cached view */
	char state[24];
	int step;
	int64_t step_unit_id;
	char step_role[24];
	int64_t assignee_id;
	int64_t opinion_unit_id;   /* the unit whose opinion it waits for; 0 = none */
	int64_t received_at, legal_due, appointment, finished_at, returned_at, closed_at;
	int supplement_count, apology_count;
	int version;               /* number of events */
	int64_t created_at, updated_at;
	char step_unit_path[256];  /* filled on read */
	char receiving_unit_path[256];
	char resolving_unit_path[256];
};

struct dossier_event_rec {
	int64_t dossier_id;
	int seq;                   /* 1, 2, ... */
	char kind[32];
	int64_t at, actor_id, unit_id;
	int step;
	const char *data;          /* JSON: borrowed (input, or for the callback) */
};

struct dossier_filter {
	const char *step_unit_path;      /* at a step of this unit's subtree */
	const char *receiving_unit_path; /* received by this subtree */
	const char *any_unit_path;       /* received, resolved, held or at a desk in this subtree */
	const char *const *states;       /* NULL-terminated; NULL = any */
	int64_t assignee_id;             /* 0 = any */
	int64_t citizen_id;              /* 0 = any */
	int64_t received_from, received_to; /* [from, to); 0 = open */
	const char *code_prefix;
	const char *applicant_folded;    /* substring of the folded name */
	const char *opinion_unit_path;   /* waiting for the opinion of a unit of this subtree */
	int order;                       /* 0: appointment first (worklists); 1: received_at; 2: none (any order) */
	int64_t active_since;            /* not finished nor closed before this instant; 0 = any (reports) */
	bool without_doc;                /* rows come with doc NULL: lists that do not need it read less */
	int limit, offset;
};

typedef int (*store_unit_cb)(void *ctx, const struct unit_rec *u);
typedef int (*store_user_cb)(void *ctx, const struct user_rec *u);
typedef int (*store_grant_cb)(void *ctx, const struct grant_rec *g);

/* Which audit rows to list, newest first.  Every member is optional. */
struct audit_filter {
	const char *object_type; /* NULL = any */
	const char *object_id;   /* NULL = any */
	const char *unit_path;   /* rows of units at or below this path; NULL = any */
	bool with_unitless;      /* with unit_path: rows of no unit (unit_id 0) too */
	int64_t from, to;        /* at >= from, at < to; 0 = open */
	int64_t before_id;       /* paging: rows with id < before_id; 0 = from the newest */
	int limit;               /* 0 = 100 */
};
typedef int (*store_audit_cb)(void *ctx, const struct audit_rec *a);
typedef int (*store_field_cb)(void *ctx, const struct field_rec *f);
typedef int (*store_procedure_cb)(void *ctx, const struct procedure_rec *p);
typedef int (*store_procedure_count_cb)(void *ctx, const struct procedure_count *c);
typedef int (*store_override_cb)(void *ctx, const struct calendar_override_rec *o);
typedef int (*store_dossier_cb)(void *ctx, const struct dossier_rec *d);
typedef int (*store_dossier_event_cb)(void *ctx, const struct dossier_event_rec *e);

struct user_filter {
	const char *unit_path;   /* only users holding a role at or below this unit; NULL = all */
	bool include_citizens;
	int limit, offset;
};


/* ---- online services (version 5) --------------------------------------- */

/* A small JSON document kept under (scope, key): per-unit settings such as
 * the bank account ("unit:7", "bank"), a citizen's profile ("user:12",
 * "profile"), one-time codes ("otp:<login>", "verify") and online drafts
 * ("user:12", "draft:<id>").  The value is JSON text. */
struct kv_rec {
	char scope[96];
	char key[64];
	char *value;             /* from kv_get: malloc'd, the caller frees; in callbacks: borrowed */
	int64_t updated_at;
};

/* One message of the notification outbox. */
struct outbox_rec {
	int64_t id;
	char channel[8];         /* email | sms */
	char recipient[128];
	char subject[256];
	char *body;              /* from claim: malloc'd, the caller frees; for insert: borrowed */
	char kind[32];           /* received, supplement, result_ready, late, refused, otp ... */
	char status[12];         /* queued | sending | sent | failed */
	int attempts;
	int64_t next_at;         /* due (queued) or lease end (sending) */
	int64_t created_at;
	int64_t sent_at;
	char last_error[256];
};

/* An uploaded file: content-addressed on disk (data_dir/attachments/<sha256>). */
struct attachment_rec {
	int64_t id;
	char owner[96];          /* "draft:<user>:<id>" or "dossier:<id>" */
	int document_index;      /* position in the procedure's documents; -1 = other (result file) */
	char purpose[16];        /* document | supplement | result */
	char sha256[65];
	char content_type[32];
	int64_t size;
	char filename[128];      /* as the citizen named it, display only */
	int64_t uploaded_by;
	int64_t created_at;
};

typedef int (*store_kv_cb)(void *ctx, const struct kv_rec *k);
/* One row of a table being copied: column names and values as text (NULL for
 * SQL NULL; booleans as "0"/"1"), borrowed for the call. */
typedef int (*store_row_cb)(void *ctx, int ncols, const char *const *names, const char *const *values);

/* The tables `motcua db copy` moves, in an order that satisfies the foreign
 * keys (NULL-terminated).  Search indexes are rebuilt, not copied. */
extern const char *const store_copy_tables[];
typedef int (*store_attachment_cb)(void *ctx, const struct attachment_rec *a);

/* ---- the backend interface ---------------------------------------------- */

struct store_ops {
	int version; /* STORE_OPS_VERSION the backend was written for */
	const char *name;

	enum mc_err (*open)(const struct store_config *cfg, struct store **out, struct mc_error *err);
	void (*close)(struct store *st);
	enum mc_err (*conn_get)(struct store *st, struct store_conn **out, struct mc_error *err);
	void (*conn_put)(struct store *st, struct store_conn *c);

	/* Apply every migration newer than the schema; *applied_out counts them. */
	enum mc_err (*migrate)(struct store_conn *c, int *applied_out, struct mc_error *err);
	enum mc_err (*schema_version)(struct store_conn *c, int *version_out, struct mc_error *err);
	/* Cheap liveness probe for /healthz. */
	enum mc_err (*ping)(struct store_conn *c, struct mc_error *err);

	/* Write transactions take the write lock at begin (BEGIN IMMEDIATE on
	 * SQLite), so a transaction never fails half-way on a lock upgrade. */
	enum mc_err (*begin)(struct store_conn *c, struct mc_error *err);
	enum mc_err (*commit)(struct store_conn *c, struct mc_error *err);
	void (*rollback)(struct store_conn *c);

	/* units */
	enum mc_err (*unit_insert)(struct store_conn *c, struct unit_rec *u, struct mc_error *err); /* sets id, path */
	enum mc_err (*unit_get)(struct store_conn *c, int64_t id, struct unit_rec *out, struct mc_error *err);
	enum mc_err (*unit_get_by_code)(struct store_conn *c, const char *code, struct unit_rec *out,
					struct mc_error *err);
	enum mc_err (*unit_list)(struct store_conn *c, store_unit_cb cb, void *ctx, struct mc_error *err); /* in path order */
	enum mc_err (*unit_count)(struct store_conn *c, int64_t *out, struct mc_error *err);

	/* users and their roles */
	enum mc_err (*user_insert)(struct store_conn *c, struct user_rec *u, struct mc_error *err); /* sets id */
	enum mc_err (*user_get)(struct store_conn *c, int64_t id, struct user_rec *out, struct mc_error *err);
	/* by username, phone or e-mail (case-insensitive for e-mail and username) */
	enum mc_err (*user_get_by_login)(struct store_conn *c, const char *login, struct user_rec *out,
					 struct mc_error *err);
	enum mc_err (*user_list)(struct store_conn *c, const struct user_filter *f, store_user_cb cb, void *ctx,
				 struct mc_error *err);
	enum mc_err (*user_set_password)(struct store_conn *c, int64_t id, const char *hash, struct mc_error *err);
	enum mc_err (*user_set_disabled)(struct store_conn *c, int64_t id, bool disabled, struct mc_error *err);
	enum mc_err (*grant_add)(struct store_conn *c, const struct grant_rec *g, struct mc_error *err);
	enum mc_err (*grant_remove)(struct store_conn *c, const struct grant_rec *g, struct mc_error *err);
	enum mc_err (*grant_list)(struct store_conn *c, int64_t user_id, store_grant_cb cb, void *ctx,
				  struct mc_error *err);

	/* sessions (shared by every server instance, hence in the database) */
	enum mc_err (*session_insert)(struct store_conn *c, const struct session_rec *s, struct mc_error *err);
	/* MC_ENOTFOUND when absent or expired at `now` */
	enum mc_err (*session_get)(struct store_conn *c, const char *token_hash, int64_t now,
				   struct session_rec *out, struct mc_error *err);
	enum mc_err (*session_delete)(struct store_conn *c, const char *token_hash, struct mc_error *err);
	enum mc_err (*session_delete_user)(struct store_conn *c, int64_t user_id, struct mc_error *err);
	enum mc_err (*session_purge)(struct store_conn *c, int64_t now, int *purged_out, struct mc_error *err);

	/* Fixed-window counters for rate limits: add 1 to `key` in the window
	 * starting at window_start and return the new count.  Old windows expire. */
	enum mc_err (*counter_hit)(struct store_conn *c, const char *key, int64_t window_start,
				   int64_t *count_out, struct mc_error *err);
	enum mc_err (*counter_get)(struct store_conn *c, const char *key, int64_t window_start,
				   int64_t *count_out, struct mc_error *err);
	enum mc_err (*counter_clear)(struct store_conn *c, const char *key, struct mc_error *err);

	/* the audit trail: append-only */
	enum mc_err (*audit_append)(struct store_conn *c, const struct audit_rec *a, struct mc_error *err);
	enum mc_err (*audit_list)(struct store_conn *c, const struct audit_filter *f, store_audit_cb cb, void *ctx,
				  struct mc_error *err);
	/* version 1 ends here */

	/* the catalog (version 2) */
	enum mc_err (*field_put)(struct store_conn *c, const struct field_rec *f, struct mc_error *err); /* insert or update */
	enum mc_err (*field_list)(struct store_conn *c, store_field_cb cb, void *ctx, struct mc_error *err); /* by position */
	/* Save p as the procedure's next version (1 for a new code) and make it
	 * current; *version_out gets the number. */
	enum mc_err (*procedure_put)(struct store_conn *c, const struct procedure_rec *p, const struct procedure_text *t,
				     int64_t actor_id, int *version_out, struct mc_error *err);
	/* version 0 = the current one */
	enum mc_err (*procedure_get)(struct store_conn *c, const char *code, int version, struct procedure_rec *out,
				     struct mc_error *err);
	/* With q->fts: every match in rank order.  Without: by field then name.
	 * *total_out (may be NULL) gets the number of matches before limit/offset. */
	enum mc_err (*procedure_search)(struct store_conn *c, const struct procedure_query *q, store_procedure_cb cb,
					void *ctx, int64_t *total_out, struct mc_error *err);
	enum mc_err (*procedure_counts)(struct store_conn *c, store_procedure_count_cb cb, void *ctx,
					struct mc_error *err);
	/* version 2 ends here */

	/* the working calendar (version 3) */
	enum mc_err (*override_put)(struct store_conn *c, const struct calendar_override_rec *o, int64_t actor_id,
				    int64_t now, struct mc_error *err); /* insert or replace (unit_id, day) */
	enum mc_err (*override_delete)(struct store_conn *c, int64_t unit_id, int32_t day, struct mc_error *err);
	/* The overrides that apply to the unit whose path is unit_path (NULL:
	 * national only) for days in [day_from, day_to]: national first, then
	 * each ancestor from the root down, so a later row wins for its day. */
	enum mc_err (*override_list)(struct store_conn *c, const char *unit_path, int32_t day_from, int32_t day_to,
				     store_override_cb cb, void *ctx, struct mc_error *err);
	/* Only the unit's own rows (0 = national). */
	enum mc_err (*override_list_own)(struct store_conn *c, int64_t unit_id, int32_t day_from, int32_t day_to,
					 store_override_cb cb, void *ctx, struct mc_error *err);
	/* version 3 ends here */

	/* dossiers (version 4) */
	/* The next number of the day for an agency: 1, 2, ... (inside the
	 * caller's transaction, so two intakes never share one). */
	enum mc_err (*dossier_next_number)(struct store_conn *c, const char *agency_code, const char *day, int *n_out,
					   struct mc_error *err);
	enum mc_err (*dossier_insert)(struct store_conn *c, struct dossier_rec *d, struct mc_error *err); /* sets id */
	/* Replace the cached view (and doc when not NULL) if the row is still at
	 * expected_version; MC_ECONFLICT when someone else changed it first. */
	enum mc_err (*dossier_update)(struct store_conn *c, const struct dossier_rec *d, int expected_version,
				      struct mc_error *err);
	enum mc_err (*dossier_event_insert)(struct store_conn *c, const struct dossier_event_rec *e, struct mc_error *err);
	enum mc_err (*dossier_get)(struct store_conn *c, const char *code, struct dossier_rec *out, struct mc_error *err);
	enum mc_err (*dossier_events)(struct store_conn *c, int64_t dossier_id, store_dossier_event_cb cb, void *ctx,
				      struct mc_error *err);
	enum mc_err (*dossier_list)(struct store_conn *c, const struct dossier_filter *f, store_dossier_cb cb, void *ctx,
				    int64_t *total_out, struct mc_error *err);
	/* Raise the day's last number to at least n (imported dossiers keep
	 * their codes; later intakes must not reuse them). */
	enum mc_err (*dossier_number_floor)(struct store_conn *c, const char *agency_code, const char *day, int n,
					    struct mc_error *err);
	/* A consistent copy of the whole database into a new file, while the
	 * server runs (SQLite: the online backup API).  Backends whose own tools
	 * do this (PostgreSQL: pg_dump) leave it NULL. */
	enum mc_err (*backup_to)(struct store_conn *c, const char *path, struct mc_error *err);
	/* Replace the whole database with the copy in path (server stopped). */
	enum mc_err (*restore_from)(struct store_conn *c, const char *path, struct mc_error *err);
	/* version 4 ends here */

	/* online services (version 5) */
	enum mc_err (*kv_put)(struct store_conn *c, const struct kv_rec *k, struct mc_error *err); /* insert or replace */
	enum mc_err (*kv_get)(struct store_conn *c, const char *scope, const char *key, struct kv_rec *out,
			      struct mc_error *err);
	enum mc_err (*kv_delete)(struct store_conn *c, const char *scope, const char *key, struct mc_error *err);
	/* Rows of scope whose key starts with key_prefix, by key. */
	enum mc_err (*kv_list)(struct store_conn *c, const char *scope, const char *key_prefix, store_kv_cb cb, void *ctx,
			       struct mc_error *err);
	enum mc_err (*outbox_insert)(struct store_conn *c, struct outbox_rec *m, struct mc_error *err); /* sets id */
	/* Take the oldest queued message due at now (or a sending one whose lease
	 * ran out): mark it sending with next_at = lease_until, attempts + 1, in
	 * one statement, so two workers never take the same one.  MC_ENOTFOUND
	 * when nothing is due. */
	enum mc_err (*outbox_claim)(struct store_conn *c, int64_t now, int64_t lease_until, struct outbox_rec *out,
				    struct mc_error *err);
	/* Record the outcome: status sent | queued (retry at next_at) | failed. */
	enum mc_err (*outbox_finish)(struct store_conn *c, int64_t id, const char *status, int64_t next_at, int64_t sent_at,
				     const char *last_error, struct mc_error *err);
	enum mc_err (*attachment_insert)(struct store_conn *c, struct attachment_rec *a, struct mc_error *err); /* sets id */
	enum mc_err (*attachment_get)(struct store_conn *c, int64_t id, struct attachment_rec *out, struct mc_error *err);
	enum mc_err (*attachment_list)(struct store_conn *c, const char *owner, store_attachment_cb cb, void *ctx,
				       struct mc_error *err); /* by id */
	/* Give every attachment of one owner to another (a draft becomes a dossier). */
	enum mc_err (*attachment_move)(struct store_conn *c, const char *from_owner, const char *to_owner,
				       struct mc_error *err);
	/* version 5 ends here */

	/* copying a whole database between backends (version 6) */
	/* Every row of `table` (one of store_copy_tables; anything else is
	 * refused) as text, in no particular order. */
	enum mc_err (*copy_rows)(struct store_conn *c, const char *table, store_row_cb cb, void *ctx, struct mc_error *err);
	/* Insert one row as it came from copy_rows (ids kept); columns this
	 * backend's table does not have are skipped. */
	enum mc_err (*copy_insert)(struct store_conn *c, const char *table, int ncols, const char *const *names,
				   const char *const *values, struct mc_error *err);
	/* After the rows: id sequences continue after the highest copied id. */
	enum mc_err (*copy_finish)(struct store_conn *c, struct mc_error *err);
	/* Rebuild the search index entry of a procedure's current row. */
	enum mc_err (*procedure_reindex)(struct store_conn *c, const char *code, const struct procedure_text *t,
					 struct mc_error *err);
	/* version 6 ends here */

	/* the unit tree, changed in place (version 7) */
	/* Rewrite the names, agency code, address and phone of the unit u->id
	 * (its code, kind, parent and path never change); MC_ENOTFOUND if none. */
	enum mc_err (*unit_update)(struct store_conn *c, const struct unit_rec *u, struct mc_error *err);
	/* version 7 ends here */
};

/* Backends embed these first. */
struct store {
	const struct store_ops *ops;
};
struct store_conn {
	struct store *st;
};

/* ---- the ways in -------------------------------------------------------- */

/* Find a backend by name ("sqlite", "postgres"); NULL if not built in. */
const struct store_ops *store_backend_find(const char *name);

enum mc_err store_open(const char *backend, const struct store_config *cfg, struct store **out,
		       struct mc_error *err);
void store_close(struct store *st);
const char *store_backend_name(const struct store *st);
enum mc_err store_conn_get(struct store *st, struct store_conn **out, struct mc_error *err);
void store_conn_put(struct store_conn *c);

enum mc_err store_migrate(struct store_conn *c, int *applied_out, struct mc_error *err);
enum mc_err store_schema_version(struct store_conn *c, int *version_out, struct mc_error *err);
enum mc_err store_ping(struct store_conn *c, struct mc_error *err);
enum mc_err store_begin(struct store_conn *c, struct mc_error *err);
enum mc_err store_commit(struct store_conn *c, struct mc_error *err);
void store_rollback(struct store_conn *c);

enum mc_err store_unit_insert(struct store_conn *c, struct unit_rec *u, struct mc_error *err);
enum mc_err store_unit_get(struct store_conn *c, int64_t id, struct unit_rec *out, struct mc_error *err);
enum mc_err store_unit_get_by_code(struct store_conn *c, const char *code, struct unit_rec *out,
				   struct mc_error *err);
enum mc_err store_unit_list(struct store_conn *c, store_unit_cb cb, void *ctx, struct mc_error *err);
enum mc_err store_unit_count(struct store_conn *c, int64_t *out, struct mc_error *err);
enum mc_err store_unit_update(struct store_conn *c, const struct unit_rec *u, struct mc_error *err);

enum mc_err store_user_insert(struct store_conn *c, struct user_rec *u, struct mc_error *err);
enum mc_err store_user_get(struct store_conn *c, int64_t id, struct user_rec *out, struct mc_error *err);
enum mc_err store_user_get_by_login(struct store_conn *c, const char *login, struct user_rec *out,
				    struct mc_error *err);
enum mc_err store_user_list(struct store_conn *c, const struct user_filter *f, store_user_cb cb, void *ctx,
			    struct mc_error *err);
enum mc_err store_user_set_password(struct store_conn *c, int64_t id, const char *hash, struct mc_error *err);
enum mc_err store_user_set_disabled(struct store_conn *c, int64_t id, bool disabled, struct mc_error *err);
enum mc_err store_grant_add(struct store_conn *c, const struct grant_rec *g, struct mc_error *err);
enum mc_err store_grant_remove(struct store_conn *c, const struct grant_rec *g, struct mc_error *err);
enum mc_err store_grant_list(struct store_conn *c, int64_t user_id, store_grant_cb cb, void *ctx,
			     struct mc_error *err);

enum mc_err store_session_insert(struct store_conn *c, const struct session_rec *s, struct mc_error *err);
enum mc_err store_session_get(struct store_conn *c, const char *token_hash, int64_t now, struct session_rec *out,
			      struct mc_error *err);
enum mc_err store_session_delete(struct store_conn *c, const char *token_hash, struct mc_error *err);
enum mc_err store_session_delete_user(struct store_conn *c, int64_t user_id, struct mc_error *err);
enum mc_err store_session_purge(struct store_conn *c, int64_t now, int *purged_out, struct mc_error *err);

enum mc_err store_counter_hit(struct store_conn *c, const char *key, int64_t window_start, int64_t *count_out,
			      struct mc_error *err);
enum mc_err store_counter_get(struct store_conn *c, const char *key, int64_t window_start, int64_t *count_out,
			      struct mc_error *err);
enum mc_err store_counter_clear(struct store_conn *c, const char *key, struct mc_error *err);

enum mc_err store_audit_append(struct store_conn *c, const struct audit_rec *a, struct mc_error *err);
enum mc_err store_audit_list(struct store_conn *c, const struct audit_filter *f, store_audit_cb cb, void *ctx,
			     struct mc_error *err);

enum mc_err store_field_put(struct store_conn *c, const struct field_rec *f, struct mc_error *err);
enum mc_err store_field_list(struct store_conn *c, store_field_cb cb, void *ctx, struct mc_error *err);
enum mc_err store_procedure_put(struct store_conn *c, const struct procedure_rec *p, const struct procedure_text *t,
				int64_t actor_id, int *version_out, struct mc_error *err);
enum mc_err store_procedure_get(struct store_conn *c, const char *code, int version, struct procedure_rec *out,
				struct mc_error *err);
enum mc_err store_procedure_search(struct store_conn *c, const struct procedure_query *q, store_procedure_cb cb,
				   void *ctx, int64_t *total_out, struct mc_error *err);
enum mc_err store_procedure_counts(struct store_conn *c, store_procedure_count_cb cb, void *ctx,
				   struct mc_error *err);

enum mc_err store_override_put(struct store_conn *c, const struct calendar_override_rec *o, int64_t actor_id,
			       int64_t now, struct mc_error *err);
enum mc_err store_override_delete(struct store_conn *c, int64_t unit_id, int32_t day, struct mc_error *err);
enum mc_err store_override_list(struct store_conn *c, const char *unit_path, int32_t day_from, int32_t day_to,
				store_override_cb cb, void *ctx, struct mc_error *err);
enum mc_err store_override_list_own(struct store_conn *c, int64_t unit_id, int32_t day_from, int32_t day_to,
				    store_override_cb cb, void *ctx, struct mc_error *err);

enum mc_err store_dossier_next_number(struct store_conn *c, const char *agency_code, const char *day, int *n_out,
				      struct mc_error *err);
enum mc_err store_dossier_insert(struct store_conn *c, struct dossier_rec *d, struct mc_error *err);
enum mc_err store_dossier_update(struct store_conn *c, const struct dossier_rec *d, int expected_version,
				 struct mc_error *err);
enum mc_err store_dossier_event_insert(struct store_conn *c, const struct dossier_event_rec *e, struct mc_error *err);
enum mc_err store_dossier_get(struct store_conn *c, const char *code, struct dossier_rec *out, struct mc_error *err);
enum mc_err store_dossier_events(struct store_conn *c, int64_t dossier_id, store_dossier_event_cb cb, void *ctx,
				 struct mc_error *err);
enum mc_err store_dossier_list(struct store_conn *c, const struct dossier_filter *f, store_dossier_cb cb, void *ctx,
			       int64_t *total_out, struct mc_error *err);
enum mc_err store_dossier_number_floor(struct store_conn *c, const char *agency_code, const char *day, int n,
				       struct mc_error *err);

enum mc_err store_backup_to(struct store_conn *c, const char *path, struct mc_error *err);
enum mc_err store_restore_from(struct store_conn *c, const char *path, struct mc_error *err);

enum mc_err store_kv_put(struct store_conn *c, const struct kv_rec *k, struct mc_error *err);
enum mc_err store_kv_get(struct store_conn *c, const char *scope, const char *key, struct kv_rec *out,
			 struct mc_error *err);
enum mc_err store_kv_delete(struct store_conn *c, const char *scope, const char *key, struct mc_error *err);
enum mc_err store_kv_list(struct store_conn *c, const char *scope, const char *key_prefix, store_kv_cb cb, void *ctx,
			  struct mc_error *err);
enum mc_err store_outbox_insert(struct store_conn *c, struct outbox_rec *m, struct mc_error *err);
enum mc_err store_outbox_claim(struct store_conn *c, int64_t now, int64_t lease_until, struct outbox_rec *out,
			       struct mc_error *err);
enum mc_err store_outbox_finish(struct store_conn *c, int64_t id, const char *status, int64_t next_at, int64_t sent_at,
				const char *last_error, struct mc_error *err);
enum mc_err store_attachment_insert(struct store_conn *c, struct attachment_rec *a, struct mc_error *err);
enum mc_err store_attachment_get(struct store_conn *c, int64_t id, struct attachment_rec *out, struct mc_error *err);
enum mc_err store_attachment_list(struct store_conn *c, const char *owner, store_attachment_cb cb, void *ctx,
				  struct mc_error *err);
enum mc_err store_copy_rows(struct store_conn *c, const char *table, store_row_cb cb, void *ctx, struct mc_error *err);
enum mc_err store_copy_insert(struct store_conn *c, const char *table, int ncols, const char *const *names,
			      const char *const *values, struct mc_error *err);
enum mc_err store_copy_finish(struct store_conn *c, struct mc_error *err);
enum mc_err store_procedure_reindex(struct store_conn *c, const char *code, const struct procedure_text *t,
				    struct mc_error *err);
/* Is table one of store_copy_tables? (Backends build SQL with the name.) */
bool store_copy_table_known(const char *table);
enum mc_err store_attachment_move(struct store_conn *c, const char *from_owner, const char *to_owner,
				  struct mc_error *err);

/* Count of database errors since start, for /metrics. */
long store_error_count(void);

#endif
