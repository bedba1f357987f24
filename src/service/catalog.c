/*
 * catalog.c - catalog use cases (see catalog.h).
 */
#include "service/catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fold.h"
#include "domain/catalog.h"

void catalog_report_init(struct catalog_report *r)
{
	memset(r, 0, sizeof *r);
	r->added_codes = json_array();
	r->changed_codes = json_array();
	r->errors = json_array();
}

void catalog_report_release(struct catalog_report *r)
{
	json_decref(r->added_codes);
	json_decref(r->changed_codes);
	json_decref(r->errors);
	memset(r, 0, sizeof *r);
}

/* ---- references for validation --------------------------------------- */

struct refs_ctx {
	struct store_conn *c;
	json_t *extra_fields; /* object: fields declared in the file being imported */
};

static bool unit_exists(void *ctx, const char *code)
{
	struct refs_ctx *r = ctx;
	struct unit_rec u;

	return store_unit_get_by_code(r->c, code, &u, NULL) == MC_OK;
}

static int find_field(void *ctx, const struct field_rec *f)
{
	return strcmp(f->code, (const char *)ctx) == 0 ? 1 : 0;
}

static bool field_exists(void *ctx, const char *code)
{
	struct refs_ctx *r = ctx;

	if (r->extra_fields && json_object_get(r->extra_fields, code))
		return true;
	return store_field_list(r->c, find_field, (void *)code, NULL) == 1;
}

/* ---- saving ------------------------------------------------------------ */

static int field_name_cb(void *ctx, const struct field_rec *f)
{
	char **want = ctx; /* want[0] = code, want[1] = out buffer (256) */

	if (strcmp(f->code, want[0]))
		return 0;
	snprintf(want[1], 256, "%s", f->name);
	return 1;
}

static void field_name(struct store_conn *c, json_t *extra, const char *code, char out[256])
{
	char *want[2] = {(char *)code, out};
	const char *n = extra ? json_string_value(json_object_get(extra, code)) : NULL;

	out[0] = '\0';
	if (n) {
		snprintf(out, 256, "%s", n);
		return;
	}
	store_field_list(c, field_name_cb, want, NULL);
}

/* Write one validated document as the next version; *changed tells whether
 * it differed from the current one.  Runs inside the caller's transaction. */
static enum mc_err put_doc(struct store_conn *c, json_t *doc, const struct proc_summary *s, json_t *extra_fields,
			   int64_t actor_id, int64_t now, bool *changed, int *version_out, struct mc_error *err)
{
	struct procedure_rec cur, p = {0};
	struct catalog_search_text t;
	struct procedure_text pt;
	char fname[256];
	char *text = json_dumps(doc, JSON_SORT_KEYS | JSON_COMPACT);
	enum mc_err rc;

	if (!text)
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	rc = store_procedure_get(c, s->code, 0, &cur, err);
	if (rc == MC_OK) {
		bool same = !strcmp(cur.doc, text);

		free(cur.doc);
		if (same) {
			free(text);
			*changed = false;
			if (version_out)
				*version_out = cur.version;
			return MC_OK;
		}
	} else if (rc != MC_ENOTFOUND) {
		free(text);
		return rc;
	}
	mc_error_clear(err);
	field_name(c, extra_fields, s->field, fname);
	if ((rc = catalog_search_text(doc, fname, &t))) {
		free(text);
		return mc_fail(err, rc, NULL, NULL, NULL);
	}
	snprintf(p.code, sizeof p.code, "%s", s->code);
	snprintf(p.name, sizeof p.name, "%s", s->name);
	snprintf(p.field, sizeof p.field, "%s", s->field);
	snprintf(p.level, sizeof p.level, "%s", s->level);
	snprintf(p.agency, sizeof p.agency, "%s", s->agency);
	snprintf(p.online, sizeof p.online, "%s", s->online);
	snprintf(p.status, sizeof p.status, "%s", s->status);
	p.inter_level = s->inter_level;
	p.updated_at = now;
	p.doc = text;
	pt.name = t.name;
	pt.code = t.code;
	pt.field = t.field;
	pt.body = t.body;
	rc = store_procedure_put(c, &p, &pt, actor_id, version_out, err);
	catalog_search_text_release(&t);
	free(text);
	*changed = true;
	return rc;
}

static enum mc_err audit(struct store_conn *c, const char *action, const char *code, int64_t actor, int64_t now,
			 struct mc_error *err)
{
	struct audit_rec a = {0};

	a.at = now;
	a.actor_id = actor;
	snprintf(a.action, sizeof a.action, "%s", action);
	snprintf(a.object_type, sizeof a.object_type, "procedure");
	snprintf(a.object_id, sizeof a.object_id, "%s", code);
	return store_audit_append(c, &a, err);
}

enum mc_err svc_procedure_save(struct store_conn *c, json_t *doc, bool must_be_new, int expected_version,
			       int64_t actor_id, int64_t now, int *version_out, struct mc_error *err)
{
	struct refs_ctx rctx = {c, NULL};
	struct catalog_refs refs = {field_exists, unit_exists, &rctx};
	struct proc_summary *s = malloc(sizeof *s);
	struct procedure_rec cur;
	bool changed = false;
	enum mc_err rc;

	if (!s)
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	if ((rc = catalog_validate(doc, &refs, s, err)))
		goto done;
	if ((rc = store_begin(c, err)))
		goto done;
	rc = store_procedure_get(c, s->code, 0, &cur, err);
	if (rc == MC_OK) {
		free(cur.doc);
		if (expected_version && cur.version != expected_version) {
			/* someone saved another version since this one was read */
			rc = mc_failf(err, MC_ECONFLICT, "version",
				      "Thủ tục vừa được người khác sửa (phiên bản %d); vui lòng tải lại",
				      "Someone else has just changed the procedure (version %d); reload it", cur.version);
			goto rollback;
		}
		if (must_be_new) {
			rc = mc_failf(err, MC_ECONFLICT, "code", "Mã thủ tục %s đã có trong danh mục",
				      "The procedure code %s is already in the catalog", s->code);
			goto rollback;
		}
	} else if (rc == MC_ENOTFOUND) {
		if (!must_be_new) {
			rc = mc_fail(err, MC_ENOTFOUND, "code", "Không tìm thấy thủ tục hành chính",
				     "Procedure not found");
			goto rollback;
		}
	} else {
		goto rollback;
	}
	mc_error_clear(err);
	if ((rc = put_doc(c, doc, s, NULL, actor_id, now, &changed, version_out, err)))
		goto rollback;
	if (changed && (rc = audit(c, must_be_new ? "procedure.create" : "procedure.update", s->code, actor_id, now, err)))
		goto rollback;
	rc = store_commit(c, err);
	goto done;
rollback:
	store_rollback(c);
done:
	free(s);
	return rc;
}

enum mc_err svc_procedure_get(struct store_conn *c, const char *code, int version, json_t **out,
			      struct mc_error *err)
{
	struct procedure_rec p;
	json_error_t jerr;
	enum mc_err rc = store_procedure_get(c, code, version, &p, err);

	if (rc)
		return rc;
	*out = json_loads(p.doc, 0, &jerr);
	free(p.doc);
	if (!*out)
		return mc_fail(err, MC_EINTERNAL, NULL, "Dữ liệu thủ tục bị hỏng", "Stored procedure is corrupt");
	json_object_set_new(*out, "version", json_integer(p.version));
	return MC_OK;
}

/* ---- import and export --------------------------------------------------- */

static void report_error(struct catalog_report *r, const char *code, const struct mc_error *e)
{
	json_array_append_new(r->errors, json_pack("{s:s, s:s, s:s, s:s}", "code", code, "field", e->field, "message",
						   e->msg_vi, "message_en", e->msg_en));
}

enum mc_err svc_catalog_import(struct store_conn *c, json_t *file, int64_t actor_id, int64_t now, bool dry_run,
			       struct catalog_report *r, struct mc_error *err)
{
	json_t *fields = json_object_get(file, "fields"), *procs = json_object_get(file, "procedures");
	json_t *declared = json_object(), *seen = json_object(), *f, *doc;
	struct proc_summary *s = malloc(sizeof *s);
	struct refs_ctx rctx = {c, declared};
	struct catalog_refs refs = {field_exists, unit_exists, &rctx};
	const char *format = json_string_value(json_object_get(file, "format"));
	size_t i;
	enum mc_err rc = MC_OK;

	if (!s || !declared || !seen) {
		rc = mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
		goto done;
	}
	if (!format || strcmp(format, "motcua-catalog/1")) {
		rc = mc_fail(err, MC_EINVAL, "format", "Tệp không phải định dạng motcua-catalog/1",
			     "The file is not in the motcua-catalog/1 format");
		goto done;
	}
	if ((fields && !json_is_array(fields)) || !json_is_array(procs)) {
		rc = mc_fail(err, MC_EINVAL, "procedures", "Cần danh sách \"fields\" và \"procedures\"",
			     "\"fields\" and \"procedures\" must be lists");
		goto done;
	}
	/* 1. validate everything; nothing is written while any entry is bad */
	json_array_foreach(fields, i, f) {
		const char *code = json_string_value(json_object_get(f, "code"));
		const char *name = json_string_value(json_object_get(f, "name"));

		if (!code || !*code || strlen(code) >= 64 || !name || !*name || strlen(name) >= 256) {
			struct mc_error e;

			mc_failf(&e, MC_EINVAL, "fields", "Lĩnh vực thứ %zu thiếu mã hoặc tên",
				 "Field %zu lacks a code or a name", i + 1);
			report_error(r, code ? code : "", &e);
			continue;
		}
		json_object_set_new(declared, code, json_string(name));
	}
	json_array_foreach(procs, i, doc) {
		struct mc_error e = {0};

		if (catalog_validate(doc, &refs, s, &e)) {
			const char *code = json_string_value(json_object_get(doc, "code"));
			char where[64];

			snprintf(where, sizeof where, "%s", code ? code : "");
			if (!code)
				snprintf(where, sizeof where, "#%zu", i + 1);
			report_error(r, where, &e);
			continue;
		}
		if (json_object_get(seen, s->code)) {
			mc_failf(&e, MC_EINVAL, "code", "Mã thủ tục %s xuất hiện hai lần trong tệp",
				 "The procedure code %s appears twice in the file", s->code);
			report_error(r, s->code, &e);
			continue;
		}
		json_object_set_new(seen, s->code, json_true());
	}
	if (json_array_size(r->errors)) {
		rc = mc_failf(err, MC_EINVAL, "procedures",
			      "%zu mục không hợp lệ; không có gì được nhập",
			      "%zu invalid entries; nothing was imported", json_array_size(r->errors));
		goto done;
	}
	/* 2. write it all in one transaction */
	if ((rc = store_begin(c, err)))
		goto done;
	json_array_foreach(fields, i, f) {
		struct field_rec fr = {0};

		snprintf(fr.code, sizeof fr.code, "%s", json_string_value(json_object_get(f, "code")));
		snprintf(fr.name, sizeof fr.name, "%s", json_string_value(json_object_get(f, "name")));
		snprintf(fr.name_en, sizeof fr.name_en, "%s", json_string_value(json_object_get(f, "name_en")) ?: "");
		fr.position = (int)i + 1;
		if ((rc = store_field_put(c, &fr, err)))
			break;
		r->fields++;
	}
	json_array_foreach(procs, i, doc) {
		struct procedure_rec cur;
		bool existed, changed = false;

		if (rc)
			break;
		catalog_validate(doc, &refs, s, NULL);
		existed = store_procedure_get(c, s->code, 0, &cur, NULL) == MC_OK;
		if (existed)
			free(cur.doc);
		if ((rc = put_doc(c, doc, s, declared, actor_id, now, &changed, NULL, err)))
			break;
		if (!changed) {
			r->unchanged++;
		} else if (existed) {
			r->changed++;
			json_array_append_new(r->changed_codes, json_string(s->code));
		} else {
			r->added++;
			json_array_append_new(r->added_codes, json_string(s->code));
		}
	}
	if (!rc && (r->added || r->changed))
		rc = audit(c, "catalog.import", "", actor_id, now, err);
	if (rc || dry_run)
		store_rollback(c);
	else
		rc = store_commit(c, err);
done:
	json_decref(declared);
	json_decref(seen);
	free(s);
	return rc;
}

static int export_field(void *ctx, const struct field_rec *f)
{
	json_array_append_new(ctx, json_pack("{s:s, s:s, s:s}", "code", f->code, "name", f->name, "name_en", f->name_en));
	return 0;
}

static int export_proc(void *ctx, const struct procedure_rec *p)
{
	json_t *doc = json_loads(p->doc, 0, NULL);

	if (doc)
		json_array_append_new(ctx, doc);
	return 0;
}

enum mc_err svc_catalog_export(struct store_conn *c, json_t **out, struct mc_error *err)
{
	struct procedure_query q = {0};
	json_t *fields = json_array(), *procs = json_array();
	enum mc_err rc;

	if ((rc = store_field_list(c, export_field, fields, err)) ||
	    (rc = store_procedure_search(c, &q, export_proc, procs, NULL, err))) {
		json_decref(fields);
		json_decref(procs);
		return rc;
	}
	*out = json_pack("{s:s, s:s, s:o, s:o}", "format", "motcua-catalog/1", "source",
			 "Xuất từ MotCua / exported from MotCua", "fields", fields, "procedures", procs);
	return *out ? MC_OK : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
}

/* ---- search -------------------------------------------------------------- */

struct hit {
	double score;
	char code[32];
	json_t *item;   /* the summary: built for the returned page only */
};

struct collect {
	const char *folded_q;
	struct hit *hits;
	size_t n, cap;
	bool oom;
	bool summaries; /* browse mode: the store already pages, so summarise every row */
};

static json_t *summary_json(const struct procedure_rec *p)
{
	json_t *doc = json_loads(p->doc, 0, NULL), *fees, *fee;
	json_int_t total = 0;
	size_t i;
	json_t *j;

	fees = json_object_get(doc, "fees");
	json_array_foreach(fees, i, fee) total += json_integer_value(json_object_get(fee, "amount"));
	j = json_pack("{s:s, s:s, s:O?, s:s, s:s, s:s, s:s, s:s, s:b, s:O?, s:O?, s:I, s:i}", "code", p->code, "name",
		      p->name, "name_en", json_object_get(doc, "name_en"), "field", p->field, "level", p->level,
		      "agency", p->agency, "online", p->online, "status", p->status, "inter_level", p->inter_level,
		      "time_limit", json_object_get(doc, "time_limit"), "time_limit_text",
		      json_object_get(doc, "time_limit_text"), "fees_total", total, "version", p->version);
	json_decref(doc);
	return j;
}

/* Ranking needs only the name and the engine's rank: the documents are
 * parsed later, for the page actually returned (parsing every match's
 * document made a one-letter search cost 0.18 s at 2,000 procedures). */
static int collect_hit(void *ctx, const struct procedure_rec *p)
{
	struct collect *col = ctx;
	struct hit *h;

	if (col->n == col->cap) {
		size_t cap = col->cap ? col->cap * 2 : 64;
		struct hit *nh = realloc(col->hits, cap * sizeof *nh);

		if (!nh) {
			col->oom = true;
			return 1;
		}
		col->hits = nh;
		col->cap = cap;
	}
	h = &col->hits[col->n++];
	h->score = col->folded_q ? catalog_rank(col->folded_q, p->name, p->rank) : 0;
	snprintf(h->code, sizeof h->code, "%s", p->code);
	h->item = col->summaries ? summary_json(p) : NULL;
	return 0;
}

static int by_score(const void *a, const void *b)
{
	double x = ((const struct hit *)a)->score, y = ((const struct hit *)b)->score;

	return x < y ? 1 : x > y ? -1 : 0;
}

enum mc_err svc_catalog_search(struct store_conn *c, const struct catalog_search *s, json_t **out,
			       struct mc_error *err)
{
	static const char *const open_statuses[] = {"in_force", "amended", NULL};
	const char *one_status[2] = {NULL, NULL};
	struct procedure_query q = {0};
	struct collect col = {0};
	char fts[512], folded[512];
	int64_t total = 0;
	json_t *arr;
	int limit = s->limit > 0 && s->limit <= 500 ? s->limit : 50;
	int offset = s->offset > 0 ? s->offset : 0;
	enum mc_err rc;

	q.level = s->level;
	q.field = s->field;
	q.agency = s->agency;
	q.online = s->online;
	q.statuses = s->include_closed ? NULL : open_statuses;
	if (s->status && *s->status) {
		if (!s->include_closed && !catalog_status_open(s->status)) {
			*out = json_pack("{s:i, s:i, s:i, s:[]}", "total", 0, "limit", limit, "offset", offset, "procedures");
			return *out ? MC_OK : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
		}
		one_status[0] = s->status;
		q.statuses = one_status;
	}
	if (s->q && *s->q && catalog_fts_query(s->q, fts, sizeof fts) > 0) {
		/* Ranking needs every candidate: the catalog is small (hundreds to a
		 * few thousand), so the store returns all matches and we page here. */
		fold_text(s->q, folded, sizeof folded);
		q.fts = fts;
		col.folded_q = folded;
	} else {
		q.limit = limit;
		q.offset = offset;
		col.summaries = true;
	}
	rc = store_procedure_search(c, &q, collect_hit, &col, &total, err);
	if (!rc && col.oom)
		rc = mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	arr = json_array();
	if (!rc) {
		size_t from = 0, to = col.n;

		if (col.folded_q) {
			if (col.n > 1)
				qsort(col.hits, col.n, sizeof *col.hits, by_score);
			from = (size_t)offset < col.n ? (size_t)offset : col.n;
			to = from + (size_t)limit < col.n ? from + (size_t)limit : col.n;
		}
		for (size_t i = from; i < to && !rc; i++) {
			struct procedure_rec p;

			if (col.hits[i].item) {
				json_array_append(arr, col.hits[i].item);
				continue;
			}
			if ((rc = store_procedure_get(c, col.hits[i].code, 0, &p, err)))
				break;
			json_array_append_new(arr, summary_json(&p));
			free(p.doc);
		}
	}
	for (size_t i = 0; i < col.n; i++)
		json_decref(col.hits[i].item);
	free(col.hits);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	*out = json_pack("{s:I, s:i, s:i, s:o}", "total", (json_int_t)total, "limit", limit, "offset", offset,
			 "procedures", arr);
	return *out ? MC_OK : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
}

struct stats_ctx {
	json_t *by_level, *by_online, *by_field, *by_status;
	json_int_t total;
};

static void add_count(json_t *obj, const char *key, json_int_t n)
{
	json_object_set_new(obj, key, json_integer(json_integer_value(json_object_get(obj, key)) + n));
}

static int stats_cb(void *ctx, const struct procedure_count *pc)
{
	struct stats_ctx *s = ctx;

	add_count(s->by_status, pc->status, pc->count);
	if (!catalog_status_open(pc->status))
		return 0;
	s->total += pc->count;
	add_count(s->by_level, pc->level, pc->count);
	add_count(s->by_online, pc->online, pc->count);
	add_count(s->by_field, pc->field, pc->count);
	return 0;
}

enum mc_err svc_catalog_stats(struct store_conn *c, json_t **out, struct mc_error *err)
{
	struct stats_ctx s = {json_object(), json_object(), json_object(), json_object(), 0};
	enum mc_err rc = store_procedure_counts(c, stats_cb, &s, err);

	if (rc) {
		json_decref(s.by_level);
		json_decref(s.by_online);
		json_decref(s.by_field);
		json_decref(s.by_status);
		return rc;
	}
	*out = json_pack("{s:I, s:o, s:o, s:o, s:o}", "total", s.total, "by_level", s.by_level, "by_online",
			 s.by_online, "by_field", s.by_field, "by_status", s.by_status);
	return *out ? MC_OK : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
}
