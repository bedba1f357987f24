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
 * Every line is validated first - its history is folded with the same rules
 * as live work (domain/dossier.c), on the receiving unit's calendar - and
 * nothing is written unless every line is valid.  A code already in the
 * database is skipped, so importing a file twice changes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/caldate.h"
#include "domain/dossier_code.h"
#include "domain/timefmt.h"
#include "service/dossier_int.h"

#define COPY(dst, src) snprintf((dst), sizeof(dst), "%s", (src))
#define IMPORT_MAX_LINES 100000

static void report_error(json_t *errors, size_t line, const char *code, const struct mc_error *e)
{
	json_array_append_new(errors, json_pack("{s:I, s:s, s:s, s:s, s:s}", "line", (json_int_t)line, "code", code,
						"field", e->field, "message", e->msg_vi, "message_en", e->msg_en));
}

/* One line into x (fully folded, ready to write). */
static enum mc_err read_line(struct store_conn *c, json_t *j, struct dossier_ctx *x, struct mc_error *err)
{
	const char *code = dj_str(j, "code"), *channel = dj_str(j, "channel");
	json_t *events = json_object_get(j, "events"), *ej, *applicant = NULL, *received = NULL, *missing = NULL;
	struct dossier_code parsed;
	size_t i;
	enum mc_err rc;

	if ((rc = dossier_code_parse(code, &parsed, err)))
		return rc;
	rc = store_unit_get_by_code(c, dj_str(j, "desk"), &x->desk, err);
	if (rc == MC_ENOTFOUND || (!rc && strcmp(x->desk.kind, "desk")))
		return mc_fail(err, MC_EINVAL, "desk", "Cần mã Bộ phận Một cửa (desk)", "A one-stop desk is required");
	if (rc || (rc = dossier_local_government(c, &x->desk, &x->receiving, err)))
		return rc;
	if (strcmp(parsed.agency, x->receiving.agency_code))
		return mc_failf(err, MC_EINVAL, "code", "Mã hồ sơ phải bắt đầu bằng mã cơ quan %s của đơn vị tiếp nhận",
				"The code must start with the receiving agency's code %s", x->receiving.agency_code);
	if (!*channel)
		channel = "direct";
	if (strcmp(channel, "direct") && strcmp(channel, "postal") && strcmp(channel, "online") && strcmp(channel, "transfer"))
		return mc_fail(err, MC_EINVAL, "channel", "Kênh là direct, postal, online hoặc transfer",
			       "The channel is direct, postal, online or transfer");
	if ((rc = dossier_load_procedure(c, dj_str(j, "procedure"), (int)json_integer_value(json_object_get(j, "procedure_version")),
					 &x->proc_doc, &x->proc, err)))
		return rc;
	if (!strcmp(x->proc.agency, "$commune"))
		x->resolving = x->receiving;
	else if ((rc = store_unit_get_by_code(c, x->proc.agency, &x->resolving, err)))
		return rc;
	if ((rc = dossier_proc_from_steps(x->proc.steps, x->proc.nsteps, &x->dproc, err)))
		return rc;
	dossier_limit_of(&x->proc, &x->limit, &x->policy);
	if ((rc = dossier_read_applicant(json_object_get(j, "applicant"), &applicant, &x->rec, err)) ||
	    (rc = dossier_read_checklist(j, x->proc_doc, &received, &missing, err)))
		goto done;
	if (!json_is_array(events) || json_array_size(events) == 0 || json_array_size(events) > 500) {
		rc = mc_fail(err, MC_EINVAL, "events", "Cần danh sách sự kiện (1 đến 500)", "The events (1 to 500) are required");
		goto done;
	}
	dossier_view_init(&x->view, &x->dproc);
	json_array_foreach(events, i, ej) {
		struct dossier_event e = {0};
		const char *actor = dj_str(ej, "actor");
		int kind = dossier_event_parse(dj_str(ej, "kind"));
		struct user_rec u;

		if (kind <= 0) {
			rc = mc_failf(err, MC_EINVAL, "events", "Sự kiện số %zu: loại không hợp lệ", "Event no. %zu: invalid kind", i + 1);
			goto done;
		}
		if (i == 0) {
			int64_t first;

			if ((rc = timefmt_parse(dj_str(ej, "at"), 420, &first, "events", err)) ||
			    (rc = dossier_build_calendar(c, x, first, err)))
				goto done;
		}
		if ((rc = timefmt_parse(dj_str(ej, "at"), x->receiving.utc_offset_min, &e.at, "events", err)) ||
		    (rc = dossier_event_fields(ej, &e, err)))
			goto done;
		e.kind = (enum dossier_event_kind)kind;
		e.new_appointment = 0;
		if (*actor) {
			if (store_user_get_by_login(c, actor, &u, NULL)) {
				rc = mc_failf(err, MC_EINVAL, "events", "Sự kiện số %zu: không có tài khoản '%s'",
					      "Event no. %zu: no account '%s'", i + 1, actor);
				goto done;
			}
			e.actor_id = u.id;
		}
		e.unit_id = x->desk.id;
		if (e.kind == DOSSIER_EV_APOLOGIZE) {
			const char *na = dj_str(ej, "new_appointment_local");

			if (*na && (rc = timefmt_parse(na, x->receiving.utc_offset_min, &e.new_appointment, "events", err)))
				goto done;
		}
		if ((rc = dossier_fill_appointment(&x->view, &e, x->cal, &x->limit, x->policy, err)) ||
		    (rc = dossier_apply(&x->view, &e, &x->view, err)) || (rc = dossier_push_event(x, &e, err))) {
			char vi[200], en[200];

			snprintf(vi, sizeof vi, "%.199s", err->msg_vi);
			snprintf(en, sizeof en, "%.199s", err->msg_en);
			snprintf(err->msg_vi, sizeof err->msg_vi, "Sự kiện số %zu: %s", i + 1, vi);
			snprintf(err->msg_en, sizeof err->msg_en, "Event no. %zu: %s", i + 1, en);
			goto done;
		}
	}
	COPY(x->rec.code, code);
	COPY(x->rec.procedure_code, x->proc.code);
	x->rec.procedure_version = json_integer_value(json_object_get(j, "procedure_version"));
	if (!x->rec.procedure_version) {
		struct procedure_rec cur;

		if ((rc = store_procedure_get(c, x->proc.code, 0, &cur, err)))
			goto done;
		free(cur.doc);
		x->rec.procedure_version = cur.version;
	}
	x->rec.receiving_unit_id = x->receiving.id;
	x->rec.desk_unit_id = x->desk.id;
	x->rec.resolving_unit_id = x->resolving.id;
	COPY(x->rec.channel, channel);
	x->rec.created_at = x->events[0].at;
	x->rec.updated_at = x->events[x->nevents - 1].at;
	rc = dossier_finish_row(c, x, applicant, received, missing, json_object_get(j, "delivery"), err);
	applicant = received = missing = NULL;
	if (!rc) { /* mark it: imported, not received through MotCua */
		json_object_set_new(x->doc, "imported", json_true());
		free(x->rec.doc);
		x->rec.doc = json_dumps(x->doc, JSON_COMPACT);
		if (!x->rec.doc)
			rc = mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	}
done:
	json_decref(applicant);
	json_decref(received);
	json_decref(missing);
	return rc;
}

static enum mc_err write_one(struct store_conn *c, struct dossier_ctx *x, struct mc_error *err)
{
	struct dossier_code parsed;
	char day[11];
	enum mc_err rc;

	if ((rc = store_dossier_insert(c, &x->rec, err)))
		return rc;
	for (size_t i = 0; i < x->nevents; i++) {
		struct dossier_event_rec r = {0};
		const struct dossier_event *e = &x->events[i];
		json_t *data = dossier_event_data(e);
		char *text = json_dumps(data, JSON_COMPACT);

		json_decref(data);
		r.dossier_id = x->rec.id;
		r.seq = (int)i + 1;
		COPY(r.kind, dossier_event_name(e->kind));
		r.at = e->at;
		r.actor_id = e->actor_id;
		r.unit_id = e->unit_id;
		r.step = e->step;
		r.data = text;
		rc = text ? store_dossier_event_insert(c, &r, err) : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
		free(text);
		if (rc)
			return rc;
	}
	/* later intakes on that day continue after the imported number */
	dossier_code_parse(x->rec.code, &parsed, NULL);
	caldate_format(parsed.day, day);
	return store_dossier_number_floor(c, parsed.agency, day, parsed.seq, err);
}

enum mc_err svc_dossier_import(struct store_conn *c, const char *text, size_t len, bool dry_run, json_t **report,
			       struct mc_error *err)
{
	struct dossier_ctx **items = NULL;
	json_t *errors = json_array(), *seen = json_object(), *skipped = json_array();
	size_t nitems = 0, cap = 0, lineno = 0, lines = 0;
	const char *p = text, *end = text + len;
	enum mc_err rc = MC_OK;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *line = p;
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		struct mc_error e = {0};
		struct dossier_rec existing;
		struct dossier_ctx *x;
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
			goto done;
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
		if (json_object_get(seen, code)) {
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
		x = calloc(1, sizeof *x);
		if (!x || (nitems == cap && !(items = realloc(items, (cap = cap ? cap * 2 : 64) * sizeof *items)))) {
			free(x);
			json_decref(j);
			rc = mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
			goto done;
		}
		if (read_line(c, j, x, &e)) {
			report_error(errors, lineno, code, &e);
			svc_dossier_release(x);
			free(x);
		} else {
			items[nitems++] = x;
		}
		json_decref(j);
	}
	if (json_array_size(errors)) {
		rc = mc_failf(err, MC_EINVAL, "lines", "%zu dòng không hợp lệ; không có hồ sơ nào được nhập",
			      "%zu invalid lines; nothing was imported", json_array_size(errors));
		goto done;
	}
	if (!dry_run && nitems) {
		if ((rc = store_begin(c, err)))
			goto done;
		for (size_t i = 0; i < nitems && !rc; i++)
			rc = write_one(c, items[i], err);
		if (rc)
			store_rollback(c);
		else
			rc = store_commit(c, err);
	}
done:
	*report = json_pack("{s:b, s:I, s:I, s:o, s:o}", "dry_run", dry_run, "lines", (json_int_t)lines, "imported",
			    (json_int_t)(rc || dry_run ? 0 : nitems), "skipped", skipped, "errors", errors);
	for (size_t i = 0; i < nitems; i++) {
		svc_dossier_release(items[i]);
		free(items[i]);
	}
	free(items);
	json_decref(seen);
	return rc;
}
