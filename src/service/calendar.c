/*
 * calendar.c - building a unit's calendar from the store, and the holiday
 * and deadline answers (see calendar.h).
 */
#include "service/calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/caldate.h"
#include "service/cache.h"
#include "domain/timefmt.h"

#define VN_OFFSET 420

struct ov_collect {
	struct holidays_override *items;
	size_t n, cap;
	bool oom;
};

static int collect_override(void *ctx, const struct calendar_override_rec *o)
{
	struct ov_collect *col = ctx;
	struct holidays_override *h;

	if (col->n == col->cap) {
		size_t cap = col->cap ? col->cap * 2 : 64;
		struct holidays_override *p = realloc(col->items, cap * sizeof *p);

		if (!p) {
			col->oom = true;
			return 1;
		}
		col->items = p;
		col->cap = cap;
	}
	h = &col->items[col->n++];
	memset(h, 0, sizeof *h);
	h->day = o->day;
	h->kind = holidays_kind_parse(o->kind);
	snprintf(h->reason_vi, sizeof h->reason_vi, "%s", o->reason_vi);
	snprintf(h->reason_en, sizeof h->reason_en, "%s", o->reason_en);
	snprintf(h->source, sizeof h->source, "%s", o->source);
	return 0;
}

static enum mc_err find_unit(struct store_conn *c, const char *code, struct unit_rec *u, struct mc_error *err)
{
	enum mc_err rc;

	memset(u, 0, sizeof *u);
	u->utc_offset_min = VN_OFFSET;
	if (!code || !*code)
		return MC_OK;
	rc = store_unit_get_by_code(c, code, u, err);
	if (rc == MC_ENOTFOUND)
		return mc_failf(err, MC_EINVAL, "unit", "Không có đơn vị '%s'", "No unit '%s'", code);
	return rc;
}

static const char *const day_keys[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

/* Apply the office hours set for the unit or its nearest ancestor (kv
 * "unit:<id>" / "office_hours"); *set_by gets that unit's id, 0 for the
 * national default. */
static enum mc_err apply_office_hours(struct store_conn *c, const struct unit_rec *u, struct workcal_config *cfg,
				      int64_t *set_by, struct mc_error *err)
{
	char path[sizeof u->path], *ids[32];
	int n = 0;

	*set_by = 0;
	if (!u->id)
		return MC_OK;
	snprintf(path, sizeof path, "%s", u->path);
	for (char *save = NULL, *t = strtok_r(path, "/", &save); t && n < 32; t = strtok_r(NULL, "/", &save))
		ids[n++] = t;
	for (int i = n - 1; i >= 0; i--) { /* the unit itself first, then up */
		struct kv_rec kv;
		char scope[96];
		json_t *doc;
		enum mc_err rc;

		snprintf(scope, sizeof scope, "unit:%s", ids[i]);
		rc = store_kv_get(c, scope, "office_hours", &kv, NULL);
		if (rc == MC_ENOTFOUND || rc == MC_EINTERNAL) /* not set (or a backend without kv) */
			continue;
		if (rc)
			return mc_fail(err, rc, NULL, NULL, NULL);
		doc = json_loads(kv.value, 0, NULL);
		free(kv.value);
		for (int d = 0; d < 7 && doc; d++) {
			const char *text = json_string_value(json_object_get(doc, day_keys[d]));

			if (!text)
				continue;
			if ((rc = workcal_hours_parse(text, &cfg->week[d], err))) {
				json_decref(doc);
				return rc;
			}
			/* a day with hours is worked; a day without is a weekly day off */
			if (cfg->week[d].n)
				cfg->weekly_off &= ~(1u << d);
			else
				cfg->weekly_off |= 1u << d;
		}
		json_decref(doc);
		*set_by = strtoll(ids[i], NULL, 10);
		return MC_OK;
	}
	return MC_OK;
}

enum mc_err svc_calendar_build(struct store_conn *c, const char *unit_code, int year_from, int year_to,
			       struct workcal **out, struct unit_rec *unit_out, struct mc_error *err)
{
	struct ov_collect col = {0};
	struct workcal_config cfg;
	struct unit_rec u;
	enum mc_err rc;

	if ((rc = find_unit(c, unit_code, &u, err)))
		return rc;
	if (year_from < 1901 || year_to > 2199 || year_from > year_to)
		return mc_fail(err, MC_EINVAL, "year", "Năm phải từ 1901 đến 2199", "The year must be 1901 to 2199");
	rc = store_override_list(c, u.id ? u.path : NULL, caldate_from_ymd(year_from, 1, 1),
				 caldate_from_ymd(year_to, 12, 31), collect_override, &col, err);
	if (!rc && col.oom)
		rc = mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	if (!rc) {
		int64_t set_by;

		workcal_config_default(&cfg, year_from, year_to);
		cfg.utc_offset_min = u.utc_offset_min;
		rc = apply_office_hours(c, &u, &cfg, &set_by, err);
	}
	if (!rc) {
		cfg.overrides = col.items;
		cfg.n_overrides = col.n;
		rc = workcal_new(&cfg, out, err);
	}
	free(col.items);
	if (!rc && unit_out)
		*unit_out = u;
	return rc;
}

static const char *why_name(const struct workcal_dayinfo *d)
{
	if (d->working)
		return "work";
	switch (d->why) {
	case HOLIDAYS_HOLIDAY: return "holiday";
	case HOLIDAYS_COMPENSATION: return "compensation";
	case HOLIDAYS_OVERRIDE_OFF: return "override";
	default: return d->weekly_off ? "weekend" : "off";
	}
}

static json_t *day_json(const struct workcal_dayinfo *d)
{
	char date[11];

	return json_pack("{s:s, s:i, s:b, s:b, s:s, s:s, s:s, s:s}", "date", caldate_format(d->day, date), "weekday",
			 caldate_weekday(d->day), "working", d->working, "weekly_off", d->weekly_off, "why",
			 why_name(d), "reason_vi", d->reason_vi, "reason_en", d->reason_en, "source", d->source);
}

enum mc_err svc_calendar_holidays(struct store_conn *c, const char *unit_code, int year, json_t **out,
				  struct mc_error *err)
{
	struct workcal *cal;
	struct workcal_dayinfo days[400];
	struct unit_rec u;
	size_t n = 0;
	json_t *arr;
	enum mc_err rc;

	if (year < 1902 || year > 2198)
		return mc_fail(err, MC_EINVAL, "year", "Năm phải từ 1902 đến 2198", "The year must be 1902 to 2198");
	if ((rc = svc_calendar_build(c, unit_code, year - 1, year + 1, &cal, &u, err)))
		return rc;
	rc = workcal_year_list(cal, year, days, sizeof days / sizeof days[0], &n, err);
	if (!rc) {
		arr = json_array();
		for (size_t i = 0; i < n && i < sizeof days / sizeof days[0]; i++)
			json_array_append_new(arr, day_json(&days[i]));
		*out = json_pack("{s:i, s:s, s:o}", "year", year, "unit", u.code, "days", arr);
		if (!*out)
			rc = mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	}
	workcal_free(cal);
	return rc;
}

static enum mc_err read_time(json_t *in, const char *key, int64_t *out, bool required, struct mc_error *err)
{
	json_t *v = json_object_get(in, key);

	if (!v) {
		*out = 0;
		return required ? mc_failf(err, MC_EINVAL, key, "Thiếu '%s'", "'%s' is required", key) : MC_OK;
	}
	return timefmt_parse(json_string_value(v), VN_OFFSET, out, key, err);
}

enum mc_err svc_deadline_request_from_json(json_t *in, struct deadline_request *r, struct mc_error *err)
{
	json_t *days = json_object_get(in, "days"), *hours = json_object_get(in, "hours");
	json_t *same = json_object_get(in, "same_day"), *limit = json_object_get(in, "limit");
	json_t *pauses = json_object_get(in, "pauses"), *p;
	int64_t restart_at = 0;
	size_t i;
	enum mc_err rc;

	memset(r, 0, sizeof *r);
	r->unit = json_string_value(json_object_get(in, "unit"));
	if (!r->unit)
		r->unit = "";
	if ((rc = read_time(in, "from", &r->from, true, err)) || (rc = read_time(in, "restart_at", &restart_at, false, err)))
		return rc;
	if ((days != NULL) + (hours != NULL) + (same != NULL) + (limit != NULL) != 1)
		return mc_fail(err, MC_EINVAL, "days", "Cần đúng một trong days, hours, same_day, limit",
			       "Give exactly one of days, hours, same_day, limit");
	if (days || hours) {
		json_t *v = days ? days : hours;

		if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 3650)
			return mc_fail(err, MC_EINVAL, days ? "days" : "hours", "Thời hạn phải là số nguyên dương",
				       "The time limit must be a positive whole number");
		r->limit.unit = days ? WORKCAL_DAYS : WORKCAL_HOURS;
		r->limit.amount = (int)json_integer_value(v);
	} else if (same) {
		if (!json_is_true(same))
			return mc_fail(err, MC_EINVAL, "same_day", "same_day phải là true", "same_day must be true");
		r->limit.unit = WORKCAL_SAME_DAY;
	} else if ((rc = workcal_limit_parse(json_string_value(limit) ? json_string_value(limit) : "", &r->limit, err))) {
		return rc;
	}
	if (pauses && restart_at)
		return mc_fail(err, MC_EINVAL, "pauses", "Chỉ dùng một trong pauses (tạm dừng) hoặc restart_at (tính lại)",
			       "Use either pauses or restart_at, not both");
	r->policy = pauses ? WORKCAL_PAUSE : WORKCAL_RESTART;
	if (restart_at) {
		r->waits[0].from = r->from;
		r->waits[0].to = restart_at;
		r->nwaits = 1;
	}
	if (pauses && (!json_is_array(pauses) || json_array_size(pauses) > CAL_MAX_WAITS))
		return mc_failf(err, MC_EINVAL, "pauses", "pauses là danh sách tối đa %d khoảng {from, to}",
				"pauses is a list of at most %d {from, to}", CAL_MAX_WAITS);
	json_array_foreach(pauses, i, p) {
		struct workcal_wait *w = &r->waits[r->nwaits];

		if ((rc = read_time(p, "from", &w->from, true, err)) || (rc = read_time(p, "to", &w->to, false, err)))
			return rc;
		if (!json_object_get(p, "to"))
			w->to = WORKCAL_OPEN;
		r->nwaits++;
	}
	return MC_OK;
}

static int year_of(int64_t t)
{
	int y, m, d;

	caldate_to_ymd((int32_t)((t + VN_OFFSET * 60) / 86400), &y, &m, &d);
	return y;
}

enum mc_err svc_calendar_deadline(struct store_conn *c, const struct deadline_request *r, json_t **out,
				  struct mc_error *err)
{
	struct workcal *cal;
	struct workcal_due due;
	struct workcal_dayinfo days[200];
	struct unit_rec u;
	size_t n = 0;
	int off;
	char b1[32], b2[32], b3[32], b4[32];
	json_t *skipped;
	enum mc_err rc;
	int y = year_of(r->from);

	/* the deadline can lie far ahead for long limits: build enough years */
	if ((rc = svc_calendar_build(c, r->unit, y - 1, y + 3 + r->limit.amount / 200, &cal, &u, err)))
		return rc;
	off = u.utc_offset_min;
	rc = workcal_deadline(cal, r->from, &r->limit, r->policy, r->waits, r->nwaits, &due, err);
	if (!rc && !due.paused)
		rc = workcal_explain(cal, due.counted_from, due.due, days, sizeof days / sizeof days[0], &n, err);
	if (rc) {
		workcal_free(cal);
		return rc;
	}
	skipped = json_array();
	for (size_t i = 0; i < n && i < sizeof days / sizeof days[0]; i++) {
		char date[11];

		json_array_append_new(skipped, json_pack("{s:s, s:s, s:s, s:s, s:s}", "date",
							 caldate_format(days[i].day, date), "why", why_name(&days[i]),
							 "reason_vi", days[i].reason_vi, "reason_en", days[i].reason_en,
							 "source", days[i].source));
	}
	*out = json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:I, s:I, s:b, s:o}", "unit", u.code, "from",
			 timefmt_local(r->from, off, b1), "counted_from", timefmt_local(due.counted_from, off, b2), "due",
			 due.paused ? NULL : timefmt_local(due.due, off, b3), "due_utc",
			 due.paused ? NULL : timefmt_utc(due.due, b4), "limit_minutes", (json_int_t)due.limit_min,
			 "waited_minutes", (json_int_t)due.waited_min, "paused", due.paused, "skipped", skipped);
	workcal_free(cal);
	return *out ? MC_OK : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
}

static enum mc_err audit(struct store_conn *c, const char *action, const char *unit, int64_t actor, int64_t now,
			 struct mc_error *err)
{
	struct audit_rec a = {0};

	a.at = now;
	a.actor_id = actor;
	snprintf(a.action, sizeof a.action, "%s", action);
	snprintf(a.object_type, sizeof a.object_type, "calendar");
	snprintf(a.object_id, sizeof a.object_id, "%s", unit && *unit ? unit : "national");
	return store_audit_append(c, &a, err);
}

enum mc_err svc_calendar_put(struct store_conn *c, const char *unit_code, const struct holidays_override *items,
			     size_t n, int64_t actor_id, int64_t now, struct mc_error *err)
{
	struct unit_rec u;
	enum mc_err rc;

	if ((rc = find_unit(c, unit_code, &u, err)) || (rc = store_begin(c, err)))
		return rc;
	for (size_t i = 0; i < n && !rc; i++) {
		struct calendar_override_rec o = {0};

		o.unit_id = u.id;
		o.day = items[i].day;
		snprintf(o.kind, sizeof o.kind, "%s", holidays_kind_name(items[i].kind));
		snprintf(o.reason_vi, sizeof o.reason_vi, "%s", items[i].reason_vi);
		snprintf(o.reason_en, sizeof o.reason_en, "%s", items[i].reason_en);
		snprintf(o.source, sizeof o.source, "%s", items[i].source);
		rc = store_override_put(c, &o, actor_id, now, err);
	}
	if (!rc)
		rc = audit(c, "calendar.put", unit_code, actor_id, now, err);
	if (!rc)
		rc = cache_calendar_bump(c, err); /* every process rebuilds its calendars */
	if (!rc)
		rc = store_commit(c, err);
	if (rc)
		store_rollback(c);
	return rc;
}

enum mc_err svc_calendar_delete(struct store_conn *c, const char *unit_code, int32_t day, int64_t actor_id,
				int64_t now, struct mc_error *err)
{
	struct unit_rec u;
	enum mc_err rc;

	if ((rc = find_unit(c, unit_code, &u, err)) || (rc = store_begin(c, err)))
		return rc;
	if ((rc = store_override_delete(c, u.id, day, err)) || (rc = audit(c, "calendar.delete", unit_code, actor_id, now, err)) ||
	    (rc = cache_calendar_bump(c, err)) ||
	    (rc = store_commit(c, err)))
		store_rollback(c);
	return rc;
}

static int own_json(void *ctx, const struct calendar_override_rec *o)
{
	char date[11];

	json_array_append_new(ctx, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "unit", o->unit_code, "date",
					     caldate_format(o->day, date), "kind", o->kind, "reason_vi", o->reason_vi,
					     "reason_en", o->reason_en, "source", o->source));
	return 0;
}

enum mc_err svc_calendar_overrides(struct store_conn *c, const char *unit_code, int year, json_t **out,
				   struct mc_error *err)
{
	struct unit_rec u;
	json_t *arr;
	int32_t from = year ? caldate_from_ymd(year, 1, 1) : caldate_from_ymd(1901, 1, 1);
	int32_t to = year ? caldate_from_ymd(year, 12, 31) : caldate_from_ymd(2199, 12, 31);
	enum mc_err rc;

	if (year && (year < 1901 || year > 2199))
		return mc_fail(err, MC_EINVAL, "year", "Năm phải từ 1901 đến 2199", "The year must be 1901 to 2199");
	if ((rc = find_unit(c, unit_code, &u, err)))
		return rc;
	arr = json_array();
	if ((rc = store_override_list_own(c, u.id, from, to, own_json, arr, err))) {
		json_decref(arr);
		return rc;
	}
	*out = json_pack("{s:s, s:o}", "unit", u.code, "overrides", arr);
	return *out ? MC_OK : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
}

enum mc_err svc_office_hours_get(struct store_conn *c, const char *unit_code, json_t **out, struct mc_error *err)
{
	struct workcal_config cfg;
	struct unit_rec u, by;
	int64_t set_by = 0;
	json_t *days;
	enum mc_err rc;

	if ((rc = find_unit(c, unit_code, &u, err)))
		return rc;
	workcal_config_default(&cfg, 2000, 2001);
	if ((rc = apply_office_hours(c, &u, &cfg, &set_by, err)))
		return rc;
	days = json_object();
	for (int d = 0; d < 7; d++) {
		char text[128] = "";
		size_t k = 0;

		for (int i = 0; i < cfg.week[d].n && k < sizeof text - 16; i++)
			k += (size_t)snprintf(text + k, sizeof text - k, "%s%02d:%02d-%02d:%02d", i ? "," : "",
					      cfg.week[d].iv[i].open / 60, cfg.week[d].iv[i].open % 60,
					      cfg.week[d].iv[i].close / 60, cfg.week[d].iv[i].close % 60);
		json_object_set_new(days, day_keys[d], json_string(text));
	}
	if (set_by && store_unit_get(c, set_by, &by, NULL))
		set_by = 0;
	*out = json_pack("{s:s, s:o, s:s?}", "unit", u.code, "hours", days, "set_by", set_by ? by.code : NULL);
	return *out ? MC_OK : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
}

enum mc_err svc_office_hours_set(struct store_conn *c, const char *unit_code, json_t *hours, int64_t actor_id,
				 int64_t now, struct mc_error *err)
{
	struct workcal_dayhours check;
	struct kv_rec kv = {0};
	struct unit_rec u;
	json_t *clean = json_object();
	enum mc_err rc;

	if ((rc = find_unit(c, unit_code, &u, err)))
		goto done;
	if (!u.id) {
		rc = mc_fail(err, MC_EINVAL, "unit", "Cần đơn vị", "A unit is required");
		goto done;
	}
	for (int d = 0; d < 7; d++) {
		const char *text = json_string_value(json_object_get(hours, day_keys[d]));

		if (!json_object_get(hours, day_keys[d]))
			continue;
		if (!text) {
			rc = mc_failf(err, MC_EINVAL, day_keys[d], "'%s' phải là chuỗi như \"07:00-11:30,13:30-17:00\" hoặc \"\"",
				      "'%s' must be text such as \"07:00-11:30,13:30-17:00\" or \"\"", day_keys[d]);
			goto done;
		}
		if ((rc = workcal_hours_parse(text, &check, err))) {
			snprintf(err->field, sizeof err->field, "%s", day_keys[d]);
			goto done;
		}
		json_object_set_new(clean, day_keys[d], json_string(text));
	}
	snprintf(kv.scope, sizeof kv.scope, "unit:%lld", (long long)u.id);
	snprintf(kv.key, sizeof kv.key, "office_hours");
	kv.updated_at = now;
	kv.value = json_dumps(clean, JSON_COMPACT);
	if ((rc = store_begin(c, err)))
		goto done;
	rc = json_object_size(clean) ? store_kv_put(c, &kv, err) : store_kv_delete(c, kv.scope, kv.key, err);
	if (rc == MC_ENOTFOUND)
		rc = MC_OK; /* clearing what was never set */
	if (!rc)
		rc = audit(c, "calendar.office_hours", unit_code, actor_id, now, err);
	if (!rc)
		rc = cache_calendar_bump(c, err);
	if (!rc)
		rc = store_commit(c, err);
	if (rc)
		store_rollback(c);
done:
	free(kv.value);
	json_decref(clean);
	return rc;
}
