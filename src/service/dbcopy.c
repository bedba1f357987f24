/*
 * dbcopy.c - whole-database copy between backends and its checksums (see
 * dbcopy.h).
 */
#include "service/dbcopy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/catalog.h"

struct copy_ctx {
	struct store_conn *to;
	const char *table;
	int64_t rows;
	enum mc_err rc;
	struct mc_error *err;
};

static int copy_row(void *ctx, int n, const char *const *names, const char *const *values)
{
	struct copy_ctx *x = ctx;

	x->rc = store_copy_insert(x->to, x->table, n, names, values, x->err);
	if (x->rc)
		return 1;
	x->rows++;
	return 0;
}

struct reindex_ctx {
	struct store_conn *to;
	json_t *fields; /* code -> name */
	int n;
	enum mc_err rc;
	struct mc_error *err;
};

static int field_name(void *ctx, const struct field_rec *f)
{
	json_object_set_new(ctx, f->code, json_string(f->name));
	return 0;
}

static int reindex(void *ctx, const struct procedure_rec *p)
{
	struct reindex_ctx *r = ctx;
	struct catalog_search_text t;
	struct procedure_text pt;
	json_t *doc = json_loads(p->doc, 0, NULL);

	if (!doc || catalog_search_text(doc, json_string_value(json_object_get(r->fields, p->field)), &t)) {
		json_decref(doc);
		r->rc = mc_fail(r->err, MC_ENOMEM, NULL, NULL, NULL);
		return 1;
	}
	pt.name = t.name;
	pt.code = t.code;
	pt.field = t.field;
	pt.body = t.body;
	r->rc = store_procedure_reindex(r->to, p->code, &pt, r->err);
	catalog_search_text_release(&t);
	json_decref(doc);
	if (r->rc)
		return 1;
	r->n++;
	return 0;
}

enum mc_err svc_db_copy(struct store_conn *from, struct store_conn *to, json_t **report, struct mc_error *err)
{
	struct reindex_ctx r = {to, json_object(), 0, MC_OK, err};
	struct procedure_query all = {0};
	json_t *tables = json_object();
	int64_t units = 0;
	enum mc_err rc;

	*report = NULL;
	if ((rc = store_unit_count(to, &units, err)))
		goto done;
	if (units) {
		rc = mc_fail(err, MC_ECONFLICT, "to", "Cơ sở dữ liệu đích đã có dữ liệu; hãy dùng một cơ sở dữ liệu mới",
			     "The target database is not empty; use a new one");
		goto done;
	}
	if ((rc = store_begin(to, err)))
		goto done;
	for (int i = 0; store_copy_tables[i]; i++) {
		struct copy_ctx x = {to, store_copy_tables[i], 0, MC_OK, err};

		rc = store_copy_rows(from, x.table, copy_row, &x, err);
		if (x.rc)
			rc = x.rc;
		if (rc) {
			char vi[200], en[200];

			snprintf(vi, sizeof vi, "%.190s", err->msg_vi);
			snprintf(en, sizeof en, "%.190s", err->msg_en);
			mc_failf(err, rc, "table", "Bảng %s: %s", "Table %s: %s", x.table, vi);
			snprintf(err->msg_en, sizeof err->msg_en, "Table %s: %s", x.table, en);
			goto rollback;
		}
		json_object_set_new(tables, x.table, json_integer(x.rows));
	}
	if ((rc = store_copy_finish(to, err)) || (rc = store_field_list(to, field_name, r.fields, err)))
		goto rollback;
	rc = store_procedure_search(to, &all, reindex, &r, NULL, err);
	if (r.rc)
		rc = r.rc;
	if (rc || (rc = store_commit(to, err)))
		goto rollback;
	*report = json_pack("{s:O, s:i}", "tables", tables, "procedures_indexed", r.n);
	goto done;
rollback:
	store_rollback(to);
done:
	json_decref(tables);
	json_decref(r.fields);
	return rc;
}

/* ---- checksums ------------------------------------------------------------ */

struct sum_ctx {
	int64_t rows;
	uint64_t sum;
};

static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* Columns hashed in name order, so the order a backend returns them in
 * does not matter; rows are added, so their order does not either. */
static int sum_row(void *ctx, int n, const char *const *names, const char *const *values)
{
	struct sum_ctx *s = ctx;
	int order[64];
	uint64_t h = 1469598103934665603ULL;

	if (n > 64)
		n = 64;
	for (int i = 0; i < n; i++)
		order[i] = i;
	for (int i = 1; i < n; i++) /* insertion sort: a few dozen columns */
		for (int j = i; j > 0 && strcmp(names[order[j - 1]], names[order[j]]) > 0; j--) {
			int t = order[j];

			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (int i = 0; i < n; i++) {
		const char *v = values[order[i]];

		h = fnv(h, names[order[i]], strlen(names[order[i]]));
		h = fnv(h, "=", 1);
		h = v ? fnv(h, v, strlen(v)) : fnv(h, "\x01NULL", 5);
		h = fnv(h, "\x1f", 1);
	}
	s->sum += h;
	s->rows++;
	return 0;
}

enum mc_err svc_db_checksum(struct store_conn *c, json_t **out, struct mc_error *err)
{
	json_t *j = json_object();
	enum mc_err rc = MC_OK;

	for (int i = 0; store_copy_tables[i] && !rc; i++) {
		struct sum_ctx s = {0, 0};
		char hex[17];

		if ((rc = store_copy_rows(c, store_copy_tables[i], sum_row, &s, err)))
			break;
		snprintf(hex, sizeof hex, "%016llx", (unsigned long long)s.sum);
		json_object_set_new(j, store_copy_tables[i], json_pack("{s:I, s:s}", "rows", (json_int_t)s.rows, "sum", hex));
	}
	if (rc) {
		json_decref(j);
		return rc;
	}
	*out = j;
	return MC_OK;
}
