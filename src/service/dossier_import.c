/*
 * dossier_import.c - loading historical dossiers (from another system or a
 * paper book) as JSON lines, one dossier per line:
 *
 *   {"code": "000.00.27.H21-260302-0001", "procedure": "1.001612",
 *    "procedure_version": 1, "desk": "dakpo.motcua", "channel": "direct",
 *    "applicant": {...}, "documents": [{"index": 0}, ...], "delivery": {...},
 *    "events": [{"kind": "intake", "at": "2026-03-02 08:00", "actor": "motcua.mai"},
 *               {"kind": "forward", "at": "2026-03-02 09:00", "step": 1}, ...]}
 *
 * Every line is validated - its history is folded with the same rules as
 * live work (domain/dossier.c), on the receiving unit's calendar - and the
 * whole file is one transaction: if any line is invalid, nothing is written
 * and every bad line is reported.  A code already in the database is
 * skipped, so importing a file twice changes nothing.
 *
 * Speed (a province migrates millions of dossiers, docs/PERFORMANCE.md):
 *  - what the lines share is looked up once per file, not once per line:
 *    desks and their local government, units, accounts, procedures (parsed
 *    and validated), calendars per (unit, year); nothing in an import
 *    changes them;
 *  - a checked line is handed over as plain rows (struct import_row) and its
 *    folding context is dropped at once, so memory stays flat;
 *  - with a second connection (svc_dossier_import's writer), a thread writes
 *    those rows inside the transaction while the next lines are read and
 *    checked on the first; once a line is bad, no more rows are handed over
 *    and the transaction is rolled back at the end;
 *  - the daily number floors are raised once per (agency, day), to the
 *    highest imported number, at the end of the transaction.
 * The rows written are exactly those a line-by-line import writes.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/caldate.h"
#include "domain/dossier_code.h"
#include "domain/timefmt.h"
#include "service/cache.h"
#include "service/dossier_int.h"

#define COPY(dst, src) snprintf((dst), sizeof(dst), "%s", (src))
#define IMPORT_MAX_LINES 100000
#define IMPORT_MAX_EVENTS 500

/* ---- what a file's lines share, looked up once ------------------------------ */

/* A table of entries by string key: the key indexes a jansson object whose
 * values are positions in items (jansson's hash table, no other code). */
struct memo {
	json_t *keys;
	void **items;
	size_t n, cap;
};

static void *memo_find(const struct memo *m, const char *key)
{
	json_t *i = json_object_get(m->keys, key);

	return i ? m->items[json_integer_value(i)] : NULL;
}

/* Takes item (freed here on failure). */
static enum mc_err memo_add(struct memo *m, const char *key, void *item, struct mc_error *err)
{
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 32;
		void **p = realloc(m->items, cap * sizeof *p);

		if (!p) {
			free(item);
			return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
		}
		m->items = p;
		m->cap = cap;
	}
	if (json_object_set_new(m->keys, key, json_integer((json_int_t)m->n))) {
		free(item);
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	}
	m->items[m->n++] = item;
	return MC_OK;
}

struct memo_desk {
	struct unit_rec desk, receiving;
};

struct memo_proc {
	json_t *doc; /* validated, without "version"; shared read-only by the lines */
	struct proc_summary summary;
	int current_version; /* the version stored for "procedure_version": 0 / absent; 0 until looked up */
};

struct memo_cal {
	const struct workcal *cal;
	struct cached_calendar *handle;
};

struct import_memo {
	struct memo desks, units, procs, cals, users;
};

static void memo_release(struct import_memo *im)
{
	struct memo *all[] = {&im->desks, &im->units, &im->procs, &im->cals, &im->users};

	for (size_t i = 0; i < im->procs.n; i++)
		json_decref(((struct memo_proc *)im->procs.items[i])->doc);
	for (size_t i = 0; i < im->cals.n; i++)
		cache_calendar_put(((struct memo_cal *)im->cals.items[i])->handle);
	for (size_t k = 0; k < sizeof all / sizeof all[0]; k++) {
		for (size_t i = 0; i < all[k]->n; i++)
			free(all[k]->items[i]);
		free(all[k]->items);
		json_decref(all[k]->keys);
	}
}

static enum mc_err memo_init(struct import_memo *im, struct mc_error *err)
{
	struct memo *all[] = {&im->desks, &im->units, &im->procs, &im->cals, &im->users};

	memset(im, 0, sizeof *im);
	for (size_t k = 0; k < sizeof all / sizeof all[0]; k++)
		if (!(all[k]->keys = json_object()))
			return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	return MC_OK;
}

/* The desk named code and its local government (the errors of a live intake). */
static enum mc_err desk_of(struct import_memo *im, struct store_conn *c, const char *code, struct dossier_ctx *x,
			   struct mc_error *err)
{
	struct memo_desk *d = memo_find(&im->desks, code);
	enum mc_err rc;

	if (!d) {
		if (!(d = calloc(1, sizeof *d)))
			return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
		rc = store_unit_get_by_code(c, code, &d->desk, err);
		if (rc == MC_ENOTFOUND || (!rc && strcmp(d->desk.kind, "desk")))
			rc = mc_fail(err, MC_EINVAL, "desk", "Cần mã Bộ phận Một cửa (desk)", "A one-stop desk is required");
		else if (!rc)
			rc = dossier_local_government(c, &d->desk, &d->receiving, err);
		if (rc) {
			free(d);
			return rc;
		}
		if ((rc = memo_add(&im->desks, code, d, err)))
			return rc;
	}
	x->desk = d->desk;
	x->receiving = d->receiving;
	return MC_OK;
}

static enum mc_err unit_of(struct import_memo *im, struct store_conn *c, const char *code, struct unit_rec *out,
			   struct mc_error *err)
{
	struct unit_rec *u = memo_find(&im->units, code);
	enum mc_err rc;

	if (!u) {
		if (!(u = malloc(sizeof *u)))
			return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
		if ((rc = store_unit_get_by_code(c, code, u, err))) {
			free(u);
			return rc;
		}
		if ((rc = memo_add(&im->units, code, u, err)))
			return rc;
	}
	*out = *u;
	return MC_OK;
}

/* The procedure at version (0: the current one), parsed and validated once. */
static enum mc_err proc_of(struct import_memo *im, struct store_conn *c, const char *code, int version,
			   struct memo_proc **out, struct mc_error *err)
{
	char key[96];
	struct memo_proc *p;
	enum mc_err rc;

	snprintf(key, sizeof key, "%d %s", version, code);
	if ((p = memo_find(&im->procs, key))) {
		*out = p;
		return MC_OK;
	}
	if (!(p = calloc(1, sizeof *p)))
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	if ((rc = dossier_load_procedure(c, code, version, &p->doc, &p->summary, err))) {
		free(p);
		return rc;
	}
	if ((rc = memo_add(&im->procs, key, p, err))) {
		json_decref(p->doc);
		return rc;
	}
	*out = p;
	return MC_OK;
}

/* The receiving unit's calendar around instant t, as dossier_build_calendar
 * builds it: the years from the one before t's to four after. */
static enum mc_err calendar_of(struct import_memo *im, struct store_conn *c, struct dossier_ctx *x, int64_t t,
			       struct mc_error *err)
{
	char key[48];
	struct memo_cal *m;
	struct cached_calendar *handle;
	int y, mo, d;
	enum mc_err rc;

	caldate_to_ymd(dossier_code_local_day(t, x->receiving.utc_offset_min), &y, &mo, &d);
	snprintf(key, sizeof key, "%lld %d", (long long)x->receiving.id, y);
	if (!(m = memo_find(&im->cals, key))) {
		if (!(m = calloc(1, sizeof *m)))
			return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
		if ((rc = cache_calendar_get(c, &x->receiving, y - 1, y + 4, &m->cal, &m->handle, err))) {
			free(m);
			return rc;
		}
		handle = m->handle;
		if ((rc = memo_add(&im->cals, key, m, err))) {
			cache_calendar_put(handle);
			return rc;
		}
	}
	x->cal = m->cal;
	x->cal_handle = NULL; /* the memo holds the reference */
	return MC_OK;
}

static enum mc_err user_of(struct import_memo *im, struct store_conn *c, const char *login, int64_t *id_out)
{
	int64_t *id = memo_find(&im->users, login);
	struct user_rec u;

	if (!id) {
		if (store_user_get_by_login(c, login, &u, NULL))
			return MC_ENOTFOUND;
		if (!(id = malloc(sizeof *id)))
			return MC_ENOMEM;
		*id = u.id;
		if (memo_add(&im->users, login, id, NULL))
			return MC_ENOMEM;
	}
	*id_out = *id;
	return MC_OK;
}

/* ---- one line ---------------------------------------------------------------- */

static void report_error(json_t *errors, size_t line, const char *code, const struct mc_error *e)
{
	json_array_append_new(errors, json_pack("{s:I, s:s, s:s, s:s, s:s}", "line", (json_int_t)line, "code", code,
						"field", e->field, "message", e->msg_vi, "message_en", e->msg_en));
}

/* One line into x (fully folded, ready to write). */
static enum mc_err read_line(struct store_conn *c, struct import_memo *im, json_t *j, struct dossier_ctx *x,
			     struct mc_error *err)
{
	const char *code = dj_str(j, "code"), *channel = dj_str(j, "channel");
	json_t *events = json_object_get(j, "events"), *ej, *applicant = NULL, *received = NULL, *missing = NULL;
	struct dossier_code parsed;
	struct memo_proc *mp = NULL;
	size_t i;
	enum mc_err rc;

	if ((rc = dossier_code_parse(code, &parsed, err)) || (rc = desk_of(im, c, dj_str(j, "desk"), x, err)))
		return rc;
	if (strcmp(parsed.agency, x->receiving.agency_code))
		return mc_failf(err, MC_EINVAL, "code", "Mã hồ sơ phải bắt đầu bằng mã cơ quan %s của đơn vị tiếp nhận",
				"The code must start with the receiving agency's code %s", x->receiving.agency_code);
	if (!*channel)
		channel = "direct";
	if (strcmp(channel, "direct") && strcmp(channel, "postal") && strcmp(channel, "online") && strcmp(channel, "transfer"))
		return mc_fail(err, MC_EINVAL, "channel", "Kênh là direct, postal, online hoặc transfer",
			       "The channel is direct, postal, online or transfer");
	if ((rc = proc_of(im, c, dj_str(j, "procedure"), (int)json_integer_value(json_object_get(j, "procedure_version")),
			  &mp, err)))
		return rc;
	x->proc_doc = json_incref(mp->doc);
	x->proc = mp->summary;
	if (!strcmp(x->proc.agency, "$commune"))
		x->resolving = x->receiving;
	else if ((rc = unit_of(im, c, x->proc.agency, &x->resolving, err)))
		return rc;
	if ((rc = dossier_proc_from_steps(x->proc.steps, x->proc.nsteps, &x->dproc, err)))
		return rc;
	dossier_limit_of(&x->proc, &x->limit, &x->policy);
	if ((rc = dossier_read_applicant(json_object_get(j, "applicant"), &applicant, &x->rec, err)) ||
	    (rc = dossier_read_checklist(j, x->proc_doc, &received, &missing, err)))
		goto done;
	if (!json_is_array(events) || json_array_size(events) == 0 || json_array_size(events) > IMPORT_MAX_EVENTS) {
		rc = mc_fail(err, MC_EINVAL, "events", "Cần danh sách sự kiện (1 đến 500)", "The events (1 to 500) are required");
		goto done;
	}
	/* the whole history at once (dossier_push_event grows it one by one) */
	if (!(x->events = malloc(json_array_size(events) * sizeof *x->events))) {
		rc = mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
		goto done;
	}
	dossier_view_init(&x->view, &x->dproc);
	json_array_foreach(events, i, ej) {
		struct dossier_event *e = memset(&x->events[i], 0, sizeof *x->events); /* counted once applied */
		const char *actor = dj_str(ej, "actor");
		int kind = dossier_event_parse(dj_str(ej, "kind"));

		if (kind <= 0) {
			rc = mc_failf(err, MC_EINVAL, "events", "Sự kiện số %zu: loại không hợp lệ", "Event no. %zu: invalid kind", i + 1);
			goto done;
		}
		if (i == 0) {
			int64_t first;

			if ((rc = timefmt_parse(dj_str(ej, "at"), 420, &first, "events", err)) ||
			    (rc = calendar_of(im, c, x, first, err)))
				goto done;
		}
		if ((rc = timefmt_parse(dj_str(ej, "at"), x->receiving.utc_offset_min, &e->at, "events", err)) ||
		    (rc = dossier_event_fields(ej, e, err)))
			goto done;
		e->kind = (enum dossier_event_kind)kind;
		e->new_appointment = 0;
		if (*actor) {
			if ((rc = user_of(im, c, actor, &e->actor_id))) {
				rc = rc == MC_ENOTFOUND ? mc_failf(err, MC_EINVAL, "events", "Sự kiện số %zu: không có tài khoản '%s'",
								  "Event no. %zu: no account '%s'", i + 1, actor)
							: mc_fail(err, rc, NULL, NULL, NULL);
				goto done;
			}
		}
		e->unit_id = x->desk.id;
		if (e->kind == DOSSIER_EV_APOLOGIZE) {
			const char *na = dj_str(ej, "new_appointment_local");

			if (*na && (rc = timefmt_parse(na, x->receiving.utc_offset_min, &e->new_appointment, "events", err)))
				goto done;
		}
		if ((rc = dossier_fill_appointment(&x->view, e, x->cal, &x->limit, x->policy, err)) ||
		    (rc = dossier_apply(&x->view, e, &x->view, err))) {
			char vi[200], en[200];

			snprintf(vi, sizeof vi, "%.199s", err->msg_vi);
			snprintf(en, sizeof en, "%.199s", err->msg_en);
			snprintf(err->msg_vi, sizeof err->msg_vi, "Sự kiện số %zu: %s", i + 1, vi);
			snprintf(err->msg_en, sizeof err->msg_en, "Event no. %zu: %s", i + 1, en);
			goto done;
		}
		x->nevents++;
	}
	COPY(x->rec.code, code);
	COPY(x->rec.procedure_code, x->proc.code);
	x->rec.procedure_version = json_integer_value(json_object_get(j, "procedure_version"));
	if (!x->rec.procedure_version) {
		if (!mp->current_version) {
			struct procedure_rec cur;

			if ((rc = store_procedure_get(c, x->proc.code, 0, &cur, err)))
				goto done;
			free(cur.doc);
			mp->current_version = cur.version;
		}
		x->rec.procedure_version = mp->current_version;
	}
	x->rec.receiving_unit_id = x->receiving.id;
	x->rec.desk_unit_id = x->desk.id;
	x->rec.resolving_unit_id = x->resolving.id;
	COPY(x->rec.channel, channel);
	x->rec.created_at = x->events[0].at;
	x->rec.updated_at = x->events[x->nevents - 1].at;
	/* marked "imported": not received through MotCua */
	rc = dossier_finish_row(c, x, applicant, received, missing, json_object_get(j, "delivery"), true, err);
	applicant = received = missing = NULL;
done:
	json_decref(applicant);
	json_decref(received);
	json_decref(missing);
	return rc;
}

/* ---- writing ------------------------------------------------------------------- */

/* What is written of a validated line: plain C data, so that another thread
 * can write it while the next lines are read. */
struct import_event {
	enum dossier_event_kind kind;
	int64_t at, actor_id, unit_id;
	int step;
	char *data; /* the row's JSON, owned */
};

struct import_row {
	struct dossier_rec rec; /* rec.doc owned */
	struct import_event *events;
	size_t nevents;
};

static void row_free(struct import_row *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nevents; i++)
		free(r->events[i].data);
	free(r->events);
	free(r->rec.doc);
	free(r);
}

/* Move what will be written out of a folded x. */
static enum mc_err row_of(struct dossier_ctx *x, struct import_row **out, struct mc_error *err)
{
	struct import_row *r = calloc(1, sizeof *r);

	if (!r || !(r->events = calloc(x->nevents, sizeof *r->events))) {
		free(r);
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	}
	for (size_t i = 0; i < x->nevents; i++) {
		const struct dossier_event *e = &x->events[i];
		struct import_event *k = &r->events[i];
		json_t *data = dossier_event_data(e);

		k->kind = e->kind;
		k->at = e->at;
		k->actor_id = e->actor_id;
		k->unit_id = e->unit_id;
		k->step = e->step;
		k->data = json_dumps(data, JSON_COMPACT);
		json_decref(data);
		r->nevents++;
		if (!k->data) {
			row_free(r);
			return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
		}
	}
	r->rec = x->rec;
	x->rec.doc = NULL; /* now r's */
	*out = r;
	return MC_OK;
}

static enum mc_err write_row(struct store_conn *c, struct import_row *row, struct mc_error *err)
{
	enum mc_err rc;

	if ((rc = store_dossier_insert(c, &row->rec, err)))
		return rc;
	for (size_t i = 0; i < row->nevents; i++) {
		const struct import_event *e = &row->events[i];
		struct dossier_event_rec r = {0};

		r.dossier_id = row->rec.id;
		r.seq = (int)i + 1;
		COPY(r.kind, dossier_event_name(e->kind));
		r.at = e->at;
		r.actor_id = e->actor_id;
		r.unit_id = e->unit_id;
		r.step = e->step;
		r.data = e->data;
		if ((rc = store_dossier_event_insert(c, &r, err)))
			return rc;
	}
	return MC_OK;
}

/* ---- the writer: rows written on their own connection while lines are read -- */

#define WRITER_QUEUE 512

struct writer {
	struct store_conn *c; /* inside the import's transaction */
	bool threaded;        /* false: rows are written at once, by the caller */
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t more, room;
	struct import_row *queue[WRITER_QUEUE];
	size_t head, count;
	bool closed;          /* no more rows will come */
	enum mc_err rc;       /* the first failure; later rows are dropped */
	struct mc_error err;
};

static void *writer_main(void *arg)
{
	struct writer *w = arg;

	for (;;) {
		struct import_row *row;
		enum mc_err rc;

		pthread_mutex_lock(&w->lock);
		while (!w->count && !w->closed)
			pthread_cond_wait(&w->more, &w->lock);
		if (!w->count) {
			pthread_mutex_unlock(&w->lock);
			return NULL;
		}
		row = w->queue[w->head];
		w->head = (w->head + 1) % WRITER_QUEUE;
		w->count--;
		rc = w->rc;
		pthread_cond_signal(&w->room);
		pthread_mutex_unlock(&w->lock);
		if (!rc && (rc = write_row(w->c, row, &w->err))) {
			pthread_mutex_lock(&w->lock);
			w->rc = rc;
			pthread_mutex_unlock(&w->lock);
		}
		row_free(row);
	}
}

/* Hand row over (taken in every case); the writer's failure, if any. */
static enum mc_err writer_put(struct writer *w, struct import_row *row)
{
	enum mc_err rc;

	if (!w->threaded) {
		if (!w->rc)
			w->rc = write_row(w->c, row, &w->err);
		row_free(row);
		return w->rc;
	}
	pthread_mutex_lock(&w->lock);
	while (w->count == WRITER_QUEUE)
		pthread_cond_wait(&w->room, &w->lock);
	w->queue[(w->head + w->count) % WRITER_QUEUE] = row;
	w->count++;
	rc = w->rc;
	pthread_cond_signal(&w->more);
	pthread_mutex_unlock(&w->lock);
	return rc;
}

/* Wait until every row handed over is written (or dropped). */
static enum mc_err writer_finish(struct writer *w, struct mc_error *err)
{
	if (w->threaded) {
		pthread_mutex_lock(&w->lock);
		w->closed = true;
		pthread_cond_signal(&w->more);
		pthread_mutex_unlock(&w->lock);
		pthread_join(w->thread, NULL);
		pthread_mutex_destroy(&w->lock);
		pthread_cond_destroy(&w->more);
		pthread_cond_destroy(&w->room);
		w->threaded = false;
	}
	if (w->rc && err)
		*err = w->err;
	return w->rc;
}

static enum mc_err writer_start(struct writer *w, struct store_conn *c, bool threaded, struct mc_error *err)
{
	memset(w, 0, sizeof *w);
	w->c = c;
	if (!threaded)
		return MC_OK;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->more, NULL);
	pthread_cond_init(&w->room, NULL);
	if (pthread_create(&w->thread, NULL, writer_main, w)) {
		pthread_mutex_destroy(&w->lock);
		pthread_cond_destroy(&w->more);
		pthread_cond_destroy(&w->room);
		return mc_fail(err, MC_EINTERNAL, NULL, "Không tạo được luồng ghi", "Cannot start the writing thread");
	}
	w->threaded = true;
	return MC_OK;
}

/* Later intakes on a day continue after the highest imported number of that
 * agency and day: floors, "agency day" -> the highest sequence. */
static enum mc_err note_floor(json_t *floors, const char *code, struct mc_error *err)
{
	struct dossier_code parsed;
	char key[DOSSIER_CODE_AGENCY_LEN + 16], day[11];
	json_t *v;

	dossier_code_parse(code, &parsed, NULL);
	caldate_format(parsed.day, day);
	snprintf(key, sizeof key, "%s %s", parsed.agency, day);
	v = json_object_get(floors, key);
	if (v && json_integer_value(v) >= parsed.seq)
		return MC_OK;
	return json_object_set_new(floors, key, json_integer(parsed.seq)) ? mc_fail(err, MC_ENOMEM, NULL, NULL, NULL)
									   : MC_OK;
}

static enum mc_err write_floors(struct store_conn *c, json_t *floors, struct mc_error *err)
{
	const char *key;
	json_t *v;
	enum mc_err rc;

	json_object_foreach(floors, key, v) {
		char agency[DOSSIER_CODE_AGENCY_LEN + 1];
		const char *sp = strchr(key, ' ');

		snprintf(agency, sizeof agency, "%.*s", (int)(sp - key), key);
		if ((rc = store_dossier_number_floor(c, agency, sp + 1, (int)json_integer_value(v), err)))
			return rc;
	}
	return MC_OK;
}

enum mc_err svc_dossier_import(struct store_conn *c, struct store_conn *writer, const char *text, size_t len,
			       bool dry_run, json_t **report, struct mc_error *err)
{
	struct import_memo im;
	struct writer w;
	struct store_conn *wc = writer ? writer : c;
	struct dossier_ctx *x = calloc(1, sizeof *x);
	json_t *errors = json_array(), *seen = json_object(), *skipped = json_array(), *floors = json_object();
	size_t imported = 0, lineno = 0, lines = 0;
	const char *p = text, *end = text + len;
	bool in_tx = false, writing = false, writer_failed = false;
	enum mc_err rc = memo_init(&im, err);

	if (!rc && (!x || !errors || !seen || !skipped || !floors))
		rc = mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	/* One transaction for the whole file: a failure anywhere leaves nothing. */
	if (!rc && !dry_run && !(rc = store_begin(wc, err))) {
		in_tx = true;
		if (!(rc = writer_start(&w, wc, writer != NULL, err)))
			writing = true;
	}
	while (!rc && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *line = p;
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		struct mc_error e = {0};
		struct dossier_rec existing;
		struct import_row *row = NULL;
		enum mc_err lrc;
		json_error_t jerr;
		json_t *j;
		const char *code;

		p = nl ? nl + 1 : end;
		lineno++;
		while (n && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
			n--;
		if (n == 0)
			continue; /* blank lines are allowed */
		if (++lines > IMPORT_MAX_LINES) {
			rc = mc_failf(err, MC_ETOOBIG, NULL, "Tệp có quá %d hồ sơ", "The file holds more than %d dossiers",
				      IMPORT_MAX_LINES);
			break;
		}
		j = json_loadb(line, n, JSON_REJECT_DUPLICATES, &jerr);
		if (!j || !json_is_object(j)) {
			mc_failf(&e, MC_EINVAL, "line", "JSON không hợp lệ (cột %d): %s", "Invalid JSON (column %d): %s",
				 jerr.column, jerr.text);
			report_error(errors, lineno, "", &e);
			json_decref(j);
			continue;
		}
		code = dj_str(j, "code");
		if (*code && json_object_get(seen, code)) { /* a line without a code is reported by read_line */
			mc_fail(&e, MC_EINVAL, "code", "Mã hồ sơ lặp lại trong tệp", "The code appears twice in the file");
			report_error(errors, lineno, code, &e);
			json_decref(j);
			continue;
		}
		json_object_set_new(seen, code, json_true());
		if (dossier_code_valid(code) && store_dossier_get(c, code, &existing, NULL) == MC_OK) {
			free(existing.doc);
			json_array_append_new(skipped, json_string(code));
			json_decref(j);
			continue;
		}
		if ((lrc = read_line(c, &im, j, x, &e)) == MC_ENOMEM || lrc == MC_ESTORE || lrc == MC_EIO ||
		    lrc == MC_EINTERNAL || lrc == MC_EUNAVAILABLE) {
			/* not the line's fault: the whole import stops with the real cause */
			if (err)
				*err = e;
			rc = lrc;
			svc_dossier_release(x);
			json_decref(j);
			break;
		} else if (lrc) {
			report_error(errors, lineno, code, &e);
		} else if (writing && json_array_size(errors) == 0) {
			/* written as it comes; once a line has failed, only validated */
			if (!(rc = note_floor(floors, x->rec.code, err)) && !(rc = row_of(x, &row, err))) {
				if ((rc = writer_put(&w, row)))
					writer_failed = true; /* its message comes with writer_finish */
				else
					imported++;
			}
		}
		svc_dossier_release(x);
		json_decref(j);
	}
	if (writing) {
		enum mc_err wrc = writer_finish(&w, !rc || writer_failed ? err : NULL);

		if (!rc)
			rc = wrc;
	}
	if (!rc && json_array_size(errors))
		rc = mc_failf(err, MC_EINVAL, "lines", "%zu dòng không hợp lệ; không có hồ sơ nào được nhập",
			      "%zu invalid lines; nothing was imported", json_array_size(errors));
	if (in_tx) {
		if (!rc && imported && !(rc = write_floors(wc, floors, err)))
			rc = store_commit(wc, err);
		else
			store_rollback(wc); /* nothing written, or nothing to keep */
	}
	*report = json_pack("{s:b, s:I, s:I, s:o, s:o}", "dry_run", dry_run, "lines", (json_int_t)lines, "imported",
			    (json_int_t)(rc ? 0 : imported), "skipped", skipped, "errors", errors);
	free(x);
	memo_release(&im);
	json_decref(seen);
	json_decref(floors);
	return rc;
}
