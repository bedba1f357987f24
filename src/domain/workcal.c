/*
 * workcal.c - working-time arithmetic on a precomputed day table (workcal.h).
 *
 * The whole idea: W(t), the working seconds from the start of the range up to
 * instant t, is a non-decreasing step-and-ramp function.  With cum[i] = W at
 * the local midnight opening day i, W(t) = cum[day] + the seconds worked that
 * day before t.  "Add H of working time to t" is the earliest instant u with
 * W(u) >= W(t) + H (a binary search on cum, then a walk over the day's
 * intervals); "working time between a and b" is W(b) - W(a).  Everything else
 * (same-day limits, waits, classification) is built on those two.
 *
 * Memory: struct workcal and its arrays are owned by the calendar and freed by
 * workcal_free(); nothing is written after workcal_new() returns.
 */
#include "domain/workcal.h"

#include <stdlib.h>
#include <string.h>

#include "domain/caldate.h"

#define MAX_YEARS 200
#define DAY_S 86400
#define LIMIT_MAX 100000

struct wc_day {
	struct holidays_daystat st;
	int8_t hours; /* -1: none; 0-6: week[]; 7: swapped */
};

struct workcal {
	struct workcal_config cfg;     /* cfg.overrides points at ov */
	struct holidays_override *ov;  /* owned copy */
	int32_t first;                 /* day number of day index 0 */
	int ndays;
	struct wc_day *days;           /* ndays */
	int64_t *cum;                  /* ndays + 1: working seconds before day i */
	int day_minutes;
};

/* ---------------------------------------------------------------- config */

static void set_hours(struct workcal_dayhours *h, int n, int o1, int c1, int o2, int c2)
{
	memset(h, 0, sizeof *h);
	h->n = n;
	h->iv[0].open = o1;
	h->iv[0].close = c1;
	h->iv[1].open = o2;
	h->iv[1].close = c2;
}

void workcal_config_default(struct workcal_config *out, int year_from, int year_to)
{
	memset(out, 0, sizeof *out);
	out->utc_offset_min = 420;
	out->year_from = year_from;
	out->year_to = year_to;
	for (int i = 0; i < 5; i++)
		set_hours(&out->week[i], 2, 7 * 60, 11 * 60 + 30, 13 * 60 + 30, 17 * 60);
	set_hours(&out->swapped, 2, 7 * 60, 11 * 60 + 30, 13 * 60 + 30, 17 * 60);
	out->day_minutes = 0;
	out->cutoff_min = 15 * 60;
	out->due_soon_pct = 20;
	out->weekly_off = (1u << 5) | (1u << 6);
	holidays_rules_default(&out->rules);
}

static int hours_ok(const struct workcal_dayhours *h)
{
	if (h->n < 0 || h->n > WORKCAL_MAX_INTERVALS)
		return 0;
	for (int i = 0; i < h->n; i++) {
		if (h->iv[i].open < 0 || h->iv[i].close > 1440 || h->iv[i].open >= h->iv[i].close)
			return 0;
		if (i > 0 && h->iv[i].open < h->iv[i - 1].close)
			return 0;
	}
	return 1;
}

static int hours_len(const struct workcal_dayhours *h)
{
	int m = 0;

	for (int i = 0; i < h->n; i++)
		m += h->iv[i].close - h->iv[i].open;
	return m;
}

static const char *skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* "HH:MM" -> minutes; returns the char after it or NULL. */
static const char *parse_hhmm(const char *p, int *out)
{
	int h = 0, m = 0, nd = 0;

	p = skip_ws(p);
	while (*p >= '0' && *p <= '9' && nd < 2)
		h = h * 10 + (*p++ - '0'), nd++;
	if (!nd || *p != ':')
		return NULL;
	p++;
	if (!(p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9'))
		return NULL;
	m = (p[0] - '0') * 10 + (p[1] - '0');
	if (h > 24 || m > 59 || (h == 24 && m))
		return NULL;
	*out = h * 60 + m;
	return skip_ws(p + 2);
}

enum mc_err workcal_hours_parse(const char *text, struct workcal_dayhours *out,
				struct mc_error *err)
{
	struct workcal_dayhours h;
	const char *p = skip_ws(text ? text : "");

	memset(&h, 0, sizeof h);
	if (*p == '\0' || (*p == '-' && *skip_ws(p + 1) == '\0')) {
		*out = h;
		return MC_OK;
	}
	for (;;) {
		int o, c;

		if (h.n == WORKCAL_MAX_INTERVALS)
			return mc_failf(err, MC_EINVAL, "hours",
					"Tối đa %d khoảng giờ làm việc mỗi ngày",
					"At most %d office intervals a day", WORKCAL_MAX_INTERVALS);
		p = parse_hhmm(p, &o);
		if (!p || *p != '-' || !(p = parse_hhmm(p + 1, &c)))
			return mc_fail(err, MC_EINVAL, "hours",
				       "Giờ làm việc không hợp lệ: cần dạng 07:00-11:30,13:30-17:00",
				       "Invalid office hours: expected 07:00-11:30,13:30-17:00");
		h.iv[h.n].open = o;
		h.iv[h.n].close = c;
		h.n++;
		if (*p == '\0')
			break;
		if (*p != ',')
			return mc_fail(err, MC_EINVAL, "hours",
				       "Giờ làm việc không hợp lệ: các khoảng cách nhau bằng dấu phẩy",
				       "Invalid office hours: separate intervals with commas");
		p++;
	}
	if (!hours_ok(&h))
		return mc_fail(err, MC_EINVAL, "hours",
			       "Các khoảng giờ làm việc phải theo thứ tự và không chồng lấn",
			       "Office intervals must be in order and must not overlap");
	*out = h;
	return MC_OK;
}

/* ------------------------------------------------------------- building */

static const struct workcal_dayhours *day_hours(const struct workcal *cal, int idx)
{
	int8_t h = cal->days[idx].hours;

	if (h < 0)
		return NULL;
	return h == 7 ? &cal->cfg.swapped : &cal->cfg.week[h];
}

enum mc_err workcal_new(const struct workcal_config *cfg, struct workcal **out,
			struct mc_error *err)
{
	struct workcal *cal;
	struct holidays_daystat *year = NULL;
	enum mc_err rc;

	*out = NULL;
	if (cfg->year_from < 1801 || cfg->year_to > 2198 || cfg->year_to < cfg->year_from ||
	    cfg->year_to - cfg->year_from >= MAX_YEARS)
		return mc_failf(err, MC_EINVAL, "years",
				"Khoảng năm %d-%d không hợp lệ (trong 1801-2198, tối đa %d năm)",
				"Invalid year range %d-%d (within 1801-2198, at most %d years)",
				cfg->year_from, cfg->year_to, MAX_YEARS);
	if (cfg->utc_offset_min < -14 * 60 || cfg->utc_offset_min > 14 * 60)
		return mc_fail(err, MC_EINVAL, "utc_offset",
			       "Độ lệch múi giờ không hợp lệ", "Invalid UTC offset");
	for (int i = 0; i < 7; i++)
		if (!hours_ok(&cfg->week[i]))
			return mc_failf(err, MC_EINVAL, "hours",
					"Giờ làm việc của ngày %d trong tuần không hợp lệ",
					"Invalid office hours for weekday %d", i + 1);
	if (!hours_ok(&cfg->swapped) || cfg->day_minutes < 0 || cfg->day_minutes > 1440 ||
	    cfg->cutoff_min < 0 || cfg->cutoff_min > 1440 || cfg->due_soon_pct < 0 ||
	    cfg->due_soon_pct > 100 || (cfg->weekly_off & ~0x7fu))
		return mc_fail(err, MC_EINVAL, "config", "Cấu hình lịch làm việc không hợp lệ",
			       "Invalid working calendar configuration");
	if (cfg->n_overrides > 100000 || (cfg->n_overrides && !cfg->overrides))
		return mc_fail(err, MC_EINVAL, "overrides", "Danh sách ngày điều chỉnh không hợp lệ",
			       "Invalid list of overrides");

	cal = calloc(1, sizeof *cal);
	if (!cal)
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	cal->cfg = *cfg;
	if (cfg->n_overrides) {
		cal->ov = malloc(cfg->n_overrides * sizeof *cal->ov);
		if (!cal->ov) {
			rc = mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
			goto fail;
		}
		memcpy(cal->ov, cfg->overrides, cfg->n_overrides * sizeof *cal->ov);
		for (size_t j = 0; j < cfg->n_overrides; j++) {
			/* never trust a caller's strings to be terminated */
			cal->ov[j].reason_vi[HOLIDAYS_TEXT_MAX - 1] = '\0';
			cal->ov[j].reason_en[HOLIDAYS_TEXT_MAX - 1] = '\0';
			cal->ov[j].source[HOLIDAYS_TEXT_MAX - 1] = '\0';
		}
	}
	cal->cfg.overrides = cal->ov;
	cal->day_minutes = cfg->day_minutes;
	if (!cal->day_minutes)
		for (int i = 0; i < 7; i++)
			if (hours_len(&cfg->week[i]) > cal->day_minutes)
				cal->day_minutes = hours_len(&cfg->week[i]);
	if (!cal->day_minutes) {
		rc = mc_fail(err, MC_EINVAL, "hours", "Không có giờ làm việc nào trong tuần",
			     "No office hours in the week");
		goto fail;
	}
	cal->cfg.day_minutes = cal->day_minutes;

	cal->first = caldate_from_ymd(cfg->year_from, 1, 1);
	cal->ndays = (int)(caldate_from_ymd(cfg->year_to, 12, 31) - cal->first + 1);
	cal->days = calloc((size_t)cal->ndays, sizeof *cal->days);
	cal->cum = calloc((size_t)cal->ndays + 1, sizeof *cal->cum);
	year = calloc(366, sizeof *year);
	if (!cal->days || !cal->cum || !year) {
		rc = mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
		goto fail;
	}
	for (int y = cfg->year_from; y <= cfg->year_to; y++) {
		int32_t y0 = caldate_from_ymd(y, 1, 1);
		int len = (int)(caldate_from_ymd(y, 12, 31) - y0 + 1);

		rc = holidays_year(&cfg->rules, y, cfg->weekly_off, cal->ov, cfg->n_overrides, year,
				   err);
		if (rc != MC_OK)
			goto fail;
		for (int i = 0; i < len; i++) {
			struct wc_day *d = &cal->days[y0 - cal->first + i];
			int wd = caldate_weekday(y0 + i) - 1;

			d->st = year[i];
			if (d->st.why == HOLIDAYS_OVERRIDE_WORK)
				/* a worked weekly day off follows the swapped
				 * hours; a worked weekday its own */
				d->hours = d->st.weekly_off || !cfg->week[wd].n ? 7 : (int8_t)wd;
			else if (d->st.why == HOLIDAYS_WORKDAY || d->st.why == HOLIDAYS_WEEKLY)
				d->hours = cfg->week[wd].n ? (int8_t)wd : -1;
			else
				d->hours = -1;
		}
	}
	for (int i = 0; i < cal->ndays; i++) {
		const struct workcal_dayhours *h = day_hours(cal, i);

		cal->cum[i + 1] = cal->cum[i] + (h ? (int64_t)hours_len(h) * 60 : 0);
	}
	free(year);
	*out = cal;
	return MC_OK;
fail:
	free(year);
	workcal_free(cal);
	return rc;
}

void workcal_free(struct workcal *cal)
{
	if (!cal)
		return;
	free(cal->ov);
	free(cal->days);
	free(cal->cum);
	free(cal);
}

const struct workcal_config *workcal_config_get(const struct workcal *cal)
{
	return &cal->cfg;
}

int workcal_day_minutes(const struct workcal *cal)
{
	return cal->day_minutes;
}

/* ------------------------------------------------------ instants and W(t) */

static int64_t floordiv(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int32_t workcal_local_day(const struct workcal *cal, int64_t t)
{
	return (int32_t)floordiv(t + (int64_t)cal->cfg.utc_offset_min * 60, DAY_S);
}

int64_t workcal_instant(const struct workcal *cal, int32_t day, int minute)
{
	return (int64_t)day * DAY_S + (int64_t)minute * 60 - (int64_t)cal->cfg.utc_offset_min * 60;
}

static enum mc_err out_of_range(const struct workcal *cal, struct mc_error *err)
{
	return mc_failf(err, MC_EINVAL, "time",
			"Thời điểm nằm ngoài phạm vi lịch làm việc đã tính (%d-%d)",
			"The time is outside the computed working calendar (%d-%d)",
			cal->cfg.year_from, cal->cfg.year_to);
}

/* Day index of t and the local second of that day; -1 if out of range. */
static int locate(const struct workcal *cal, int64_t t, int64_t *tod)
{
	int64_t ls = t + (int64_t)cal->cfg.utc_offset_min * 60;
	int64_t day = floordiv(ls, DAY_S);

	if (day < cal->first || day >= (int64_t)cal->first + cal->ndays)
		return -1;
	*tod = ls - day * DAY_S;
	return (int)(day - cal->first);
}

static int64_t worked_in_day(const struct workcal_dayhours *h, int64_t tod)
{
	int64_t s = 0;

	for (int i = 0; h && i < h->n; i++) {
		int64_t o = (int64_t)h->iv[i].open * 60, c = (int64_t)h->iv[i].close * 60;

		if (tod <= o)
			break;
		s += (tod < c ? tod : c) - o;
	}
	return s;
}

static enum mc_err W(const struct workcal *cal, int64_t t, int64_t *out, struct mc_error *err)
{
	int64_t tod;
	int i = locate(cal, t, &tod);

	if (i < 0)
		return out_of_range(cal, err);
	*out = cal->cum[i] + worked_in_day(day_hours(cal, i), tod);
	return MC_OK;
}

/* W clamped to the range: for classification, which must not fail. */
static int64_t W_clamped(const struct workcal *cal, int64_t t)
{
	int64_t w;

	if (W(cal, t, &w, NULL) == MC_OK)
		return w;
	return t < workcal_instant(cal, cal->first, 0) ? 0 : cal->cum[cal->ndays];
}

/* The earliest instant u with W(u) >= target, for target > 0. */
static enum mc_err find(const struct workcal *cal, int64_t target, int64_t *out,
			struct mc_error *err)
{
	int lo = 1, hi = cal->ndays, i;
	const struct workcal_dayhours *h;
	int64_t rem;

	if (target <= 0 || target > cal->cum[cal->ndays])
		return mc_failf(err, MC_EINVAL, "deadline",
				"Hạn xử lý vượt ra ngoài phạm vi lịch làm việc đã tính (%d-%d)",
				"The deadline falls outside the computed working calendar (%d-%d)",
				cal->cfg.year_from, cal->cfg.year_to);
	while (lo < hi) { /* smallest j with cum[j] >= target */
		int mid = lo + (hi - lo) / 2;

		if (cal->cum[mid] >= target)
			hi = mid;
		else
			lo = mid + 1;
	}
	i = lo - 1;
	rem = target - cal->cum[i]; /* > 0 and <= that day's working seconds */
	h = day_hours(cal, i);
	for (int k = 0; h && k < h->n; k++) {
		int64_t len = (int64_t)(h->iv[k].close - h->iv[k].open) * 60;

		if (rem <= len) {
			*out = workcal_instant(cal, cal->first + i, h->iv[k].open) + rem;
			return MC_OK;
		}
		rem -= len;
	}
	return mc_fail(err, MC_EINTERNAL, NULL, NULL, NULL); /* cum is inconsistent */
}

static enum mc_err add_seconds(const struct workcal *cal, int64_t t, int64_t secs, int64_t *out,
			       struct mc_error *err)
{
	int64_t w;
	enum mc_err rc = W(cal, t, &w, err);

	if (rc != MC_OK)
		return rc;
	if (secs <= 0) {
		*out = t;
		return MC_OK;
	}
	return find(cal, w + secs, out, err);
}

int workcal_is_working_day(const struct workcal *cal, int32_t day)
{
	const struct workcal_dayhours *h;

	if (day < cal->first || day >= cal->first + cal->ndays)
		return -1;
	h = day_hours(cal, (int)(day - cal->first));
	return h && h->n > 0;
}

int workcal_is_working_time(const struct workcal *cal, int64_t t)
{
	int64_t tod;
	int i = locate(cal, t, &tod);
	const struct workcal_dayhours *h;

	if (i < 0)
		return 0;
	h = day_hours(cal, i);
	for (int k = 0; h && k < h->n; k++)
		if (tod >= (int64_t)h->iv[k].open * 60 && tod < (int64_t)h->iv[k].close * 60)
			return 1;
	return 0;
}

enum mc_err workcal_next_opening(const struct workcal *cal, int64_t t, int64_t *out,
				 struct mc_error *err)
{
	int64_t w, u;
	enum mc_err rc;

	if (workcal_is_working_time(cal, t)) {
		*out = t;
		return MC_OK;
	}
	rc = W(cal, t, &w, err);
	if (rc != MC_OK)
		return rc;
	/* one second into the next interval, minus that second */
	rc = find(cal, w + 1, &u, err);
	if (rc != MC_OK)
		return rc;
	*out = u - 1;
	return MC_OK;
}

static int last_close(const struct workcal *cal, int idx)
{
	const struct workcal_dayhours *h = day_hours(cal, idx);

	return h && h->n ? h->iv[h->n - 1].close : -1;
}

/* Index of the first working day after index idx, or -1. */
static int next_working(const struct workcal *cal, int idx)
{
	for (int i = idx + 1; i < cal->ndays; i++)
		if (last_close(cal, i) >= 0)
			return i;
	return -1;
}

/* Received on a working day, before the cut-off and before closing? */
static int same_day_ok(const struct workcal *cal, int idx, int64_t tod)
{
	int close = last_close(cal, idx);

	return close >= 0 && tod < (int64_t)cal->cfg.cutoff_min * 60 && tod < (int64_t)close * 60;
}

enum mc_err workcal_handoff(const struct workcal *cal, int64_t t, int64_t *out,
			    struct mc_error *err)
{
	int64_t tod;
	int i = locate(cal, t, &tod), j;
	const struct workcal_dayhours *h;

	if (i < 0)
		return out_of_range(cal, err);
	if (same_day_ok(cal, i, tod))
		return workcal_next_opening(cal, t, out, err);
	j = next_working(cal, i);
	if (j < 0)
		return out_of_range(cal, err);
	h = day_hours(cal, j);
	*out = workcal_instant(cal, cal->first + j, h->iv[0].open);
	return MC_OK;
}

enum mc_err workcal_day_close(const struct workcal *cal, int32_t day, int64_t *out,
			      struct mc_error *err)
{
	int close;

	if (day < cal->first || day >= cal->first + cal->ndays)
		return out_of_range(cal, err);
	close = last_close(cal, (int)(day - cal->first));
	if (close < 0)
		return mc_fail(err, MC_EINVAL, "day", "Ngày này không phải ngày làm việc",
			       "This is not a working day");
	*out = workcal_instant(cal, day, close);
	return MC_OK;
}

/* "Trong ngày": the closing instant that ends a same-day limit from t. */
static enum mc_err same_day_due(const struct workcal *cal, int64_t t, int64_t *out,
				struct mc_error *err)
{
	int64_t tod;
	int i = locate(cal, t, &tod);

	if (i < 0)
		return out_of_range(cal, err);
	if (!same_day_ok(cal, i, tod) && (i = next_working(cal, i)) < 0)
		return out_of_range(cal, err);
	*out = workcal_instant(cal, cal->first + i, last_close(cal, i));
	return MC_OK;
}

enum mc_err workcal_between(const struct workcal *cal, int64_t from, int64_t to,
			    int64_t *minutes_out, struct mc_error *err)
{
	int64_t a, b;
	enum mc_err rc;

	if ((rc = W(cal, from, &a, err)) != MC_OK || (rc = W(cal, to, &b, err)) != MC_OK)
		return rc;
	*minutes_out = (b - a) / 60;
	return MC_OK;
}

enum mc_err workcal_add_minutes(const struct workcal *cal, int64_t t, int64_t minutes,
				int64_t *out, struct mc_error *err)
{
	if (minutes < 0 || minutes > (int64_t)LIMIT_MAX * 1440)
		return mc_fail(err, MC_EINVAL, "minutes", "Số phút không hợp lệ",
			       "Invalid number of minutes");
	return add_seconds(cal, t, minutes * 60, out, err);
}

/* ------------------------------------------------------------ deadlines */

static int unit_word(const char *p, const char *const *words, const char **end)
{
	for (int i = 0; words[i]; i++) {
		size_t n = strlen(words[i]);

		if (!strncmp(p, words[i], n)) {
			*end = p + n;
			return 1;
		}
	}
	return 0;
}

enum mc_err workcal_limit_parse(const char *text, struct workcal_limit *out,
				struct mc_error *err)
{
	static const char *const same[] = {"trong ngày", "same-day", "same day", "sameday", NULL};
	static const char *const days[] = {"ngày làm việc", "ngày", "days", "day", "d", NULL};
	static const char *const hours[] = {"giờ làm việc", "giờ", "hours", "hour", "h", NULL};
	static const char *const mins[] = {"phút", "minutes", "min", "m", NULL};
	const char *p = skip_ws(text ? text : ""), *end = NULL;
	long v = 0;
	int nd = 0;

	if (unit_word(p, same, &end) && *skip_ws(end) == '\0') {
		out->unit = WORKCAL_SAME_DAY;
		out->amount = 0;
		return MC_OK;
	}
	while (*p >= '0' && *p <= '9' && nd < 7)
		v = v * 10 + (*p++ - '0'), nd++;
	p = skip_ws(p);
	if (nd && v <= LIMIT_MAX) {
		if (unit_word(p, days, &end) && *skip_ws(end) == '\0')
			out->unit = WORKCAL_DAYS;
		else if (unit_word(p, hours, &end) && *skip_ws(end) == '\0')
			out->unit = WORKCAL_HOURS;
		else if (unit_word(p, mins, &end) && *skip_ws(end) == '\0')
			out->unit = WORKCAL_MINUTES;
		else
			end = NULL;
		if (end) {
			out->amount = (int)v;
			return MC_OK;
		}
	}
	return mc_failf(err, MC_EINVAL, "limit",
			"Thời hạn \"%.40s\" không hợp lệ: dùng ví dụ \"3 ngày\", \"4 giờ\", \"trong ngày\"",
			"Invalid time limit \"%.40s\": use e.g. \"3d\", \"4h\", \"same-day\"",
			text ? text : "");
}

/* The limit in working seconds when counted from t. */
static enum mc_err limit_seconds(const struct workcal *cal, const struct workcal_limit *l,
				 int64_t t, int64_t *out, struct mc_error *err)
{
	int64_t sd = 0, a = 0, b = 0;
	enum mc_err rc;

	if (l->unit != WORKCAL_SAME_DAY && (l->amount < 0 || l->amount > LIMIT_MAX))
		return mc_failf(err, MC_EINVAL, "limit", "Thời hạn phải từ 0 đến %d",
				"The time limit must be between 0 and %d", LIMIT_MAX);
	switch (l->unit) {
	case WORKCAL_DAYS:
		*out = (int64_t)l->amount * cal->day_minutes * 60;
		return MC_OK;
	case WORKCAL_HOURS:
		*out = (int64_t)l->amount * 3600;
		return MC_OK;
	case WORKCAL_MINUTES:
		*out = (int64_t)l->amount * 60;
		return MC_OK;
	case WORKCAL_SAME_DAY:
		if ((rc = same_day_due(cal, t, &sd, err)) != MC_OK ||
		    (rc = W(cal, t, &a, err)) != MC_OK || (rc = W(cal, sd, &b, err)) != MC_OK)
			return rc;
		*out = b - a;
		return MC_OK;
	}
	return mc_fail(err, MC_EINVAL, "limit", "Loại thời hạn không hợp lệ",
		       "Invalid kind of time limit");
}

static enum mc_err check_waits(int64_t start, const struct workcal_wait *w, size_t n,
			       struct mc_error *err)
{
	int64_t prev = start;

	if (n && !w)
		return mc_fail(err, MC_EINVAL, "waits", NULL, NULL);
	for (size_t i = 0; i < n; i++) {
		if (w[i].from < prev || w[i].to < w[i].from ||
		    (w[i].to == WORKCAL_OPEN && i + 1 != n))
			return mc_failf(err, MC_EINVAL, "waits",
					"Khoảng chờ bổ sung thứ %zu không hợp lệ: các khoảng phải theo thứ tự, không chồng lấn, sau thời điểm tiếp nhận; chỉ khoảng cuối được chưa kết thúc",
					"Waiting period %zu is invalid: periods must be in order, not overlapping, after receipt; only the last may be open",
					i + 1);
		prev = w[i].to;
	}
	return MC_OK;
}

enum mc_err workcal_deadline(const struct workcal *cal, int64_t start,
			     const struct workcal_limit *limit, enum workcal_policy policy,
			     const struct workcal_wait *waits, size_t n_waits,
			     struct workcal_due *out, struct mc_error *err)
{
	int64_t ls, a, b, cursor = start, remaining;
	enum mc_err rc;

	memset(out, 0, sizeof *out);
	if ((rc = check_waits(start, waits, n_waits, err)) != MC_OK)
		return rc;
	if (policy != WORKCAL_RESTART && policy != WORKCAL_PAUSE)
		return mc_fail(err, MC_EINVAL, "policy", "Cách tính khi bổ sung hồ sơ không hợp lệ",
			       "Invalid supplement policy");

	if (policy == WORKCAL_RESTART) {
		for (size_t i = 0; i < n_waits; i++) {
			if (waits[i].to == WORKCAL_OPEN) {
				out->paused = 1;
				break;
			}
			if ((rc = W(cal, waits[i].from, &a, err)) != MC_OK ||
			    (rc = W(cal, waits[i].to, &b, err)) != MC_OK)
				return rc;
			out->waited_min += (b - a) / 60;
			cursor = waits[i].to;
		}
		out->counted_from = cursor;
		if ((rc = limit_seconds(cal, limit, cursor, &ls, err)) != MC_OK)
			return rc;
		out->limit_min = ls / 60;
		if (out->paused)
			return MC_OK;
		return add_seconds(cal, cursor, ls, &out->due, err);
	}

	/* pause: spend the limit on the working time between the waits */
	if ((rc = limit_seconds(cal, limit, start, &ls, err)) != MC_OK)
		return rc;
	out->counted_from = start;
	out->limit_min = ls / 60;
	remaining = ls;
	for (size_t i = 0; i < n_waits; i++) {
		if ((rc = W(cal, cursor, &a, err)) != MC_OK ||
		    (rc = W(cal, waits[i].from, &b, err)) != MC_OK)
			return rc;
		if (b - a >= remaining) /* used up before this wait began */
			return add_seconds(cal, cursor, remaining, &out->due, err);
		remaining -= b - a;
		if (waits[i].to == WORKCAL_OPEN) {
			out->paused = 1;
			return MC_OK;
		}
		if ((rc = W(cal, waits[i].to, &a, err)) != MC_OK)
			return rc;
		out->waited_min += (a - b) / 60;
		cursor = waits[i].to;
	}
	return add_seconds(cal, cursor, remaining, &out->due, err);
}

/* ------------------------------------------------------- classification */

enum workcal_status workcal_classify_done(const struct workcal *cal, int64_t due, int64_t done)
{
	if (workcal_local_day(cal, done) < workcal_local_day(cal, due))
		return WORKCAL_EARLY;
	return done <= due ? WORKCAL_ON_TIME : WORKCAL_LATE;
}

enum workcal_status workcal_classify_open(const struct workcal *cal,
					  const struct workcal_due *d, int64_t now)
{
	int64_t left, lim, day_s = (int64_t)cal->day_minutes * 60;

	if (d->paused)
		return WORKCAL_PAUSED;
	if (now > d->due)
		return WORKCAL_OVERDUE;
	left = W_clamped(cal, d->due) - W_clamped(cal, now);
	lim = d->limit_min * 60;
	if (left * 100 <= lim * cal->cfg.due_soon_pct)
		return WORKCAL_DUE_SOON;
	if (lim > day_s && left <= day_s)
		return WORKCAL_DUE_SOON;
	return WORKCAL_WITHIN;
}

static const struct {
	const char *name, *vi, *en;
} status_txt[] = {
	{"unknown", "", ""},
	{"early", "Trước hạn", "Before the deadline"},
	{"on_time", "Đúng hạn", "On time"},
	{"late", "Quá hạn", "Late"},
	{"within", "Trong hạn", "Within time"},
	{"due_soon", "Sắp đến hạn", "Due soon"},
	{"overdue", "Quá hạn", "Overdue"},
	{"paused", "Tạm dừng (chờ bổ sung)", "Paused (waiting for the applicant)"},
};

static int status_ok(enum workcal_status s)
{
	return (int)s >= WORKCAL_EARLY && s <= WORKCAL_PAUSED;
}

const char *workcal_status_name(enum workcal_status s) { return status_txt[status_ok(s) ? s : 0].name; }
const char *workcal_status_vi(enum workcal_status s) { return status_txt[status_ok(s) ? s : 0].vi; }
const char *workcal_status_en(enum workcal_status s) { return status_txt[status_ok(s) ? s : 0].en; }

/* ------------------------------------------------ explanations, listings */

static void fill_info(const struct workcal *cal, int idx, struct workcal_dayinfo *o)
{
	static const char *weekly_vi[7] = {
		"Nghỉ hằng tuần (thứ Hai)", "Nghỉ hằng tuần (thứ Ba)", "Nghỉ hằng tuần (thứ Tư)",
		"Nghỉ hằng tuần (thứ Năm)", "Nghỉ hằng tuần (thứ Sáu)", "Nghỉ hằng tuần (thứ Bảy)",
		"Nghỉ hằng tuần (Chủ nhật)"};
	static const char *weekly_en[7] = {
		"Weekly day off (Monday)", "Weekly day off (Tuesday)", "Weekly day off (Wednesday)",
		"Weekly day off (Thursday)", "Weekly day off (Friday)", "Weekly day off (Saturday)",
		"Weekly day off (Sunday)"};
	const struct wc_day *d = &cal->days[idx];
	int32_t day = cal->first + idx;
	int wd = caldate_weekday(day) - 1;
	const struct holidays_override *ov = d->st.ref >= 0 && (d->st.why == HOLIDAYS_OVERRIDE_OFF ||
							       d->st.why == HOLIDAYS_OVERRIDE_WORK)
						     ? &cal->ov[d->st.ref]
						     : NULL;

	memset(o, 0, sizeof *o);
	o->day = day;
	o->working = day_hours(cal, idx) && day_hours(cal, idx)->n > 0;
	o->weekly_off = d->st.weekly_off;
	o->why = (enum holidays_why)d->st.why;
	o->holiday = (enum holidays_id)d->st.holiday;
	o->ref_day = d->st.why == HOLIDAYS_COMPENSATION ? d->st.ref : -1;
	o->source = "";
	switch (o->why) {
	case HOLIDAYS_WORKDAY:
		o->reason_vi = o->working ? "Ngày làm việc" : "Không có giờ làm việc";
		o->reason_en = o->working ? "Working day" : "No office hours";
		break;
	case HOLIDAYS_WEEKLY:
		o->reason_vi = weekly_vi[wd];
		o->reason_en = weekly_en[wd];
		o->source = HOLIDAYS_WEEKLY_SOURCE;
		break;
	case HOLIDAYS_HOLIDAY:
		o->reason_vi = holidays_name_vi(o->holiday);
		o->reason_en = holidays_name_en(o->holiday);
		o->source = holidays_source(o->holiday);
		break;
	case HOLIDAYS_COMPENSATION:
		o->reason_vi = holidays_compensation_vi(o->holiday);
		o->reason_en = holidays_compensation_en(o->holiday);
		o->source = HOLIDAYS_COMPENSATION_SOURCE;
		break;
	case HOLIDAYS_OVERRIDE_OFF:
	case HOLIDAYS_OVERRIDE_WORK: {
		int off = o->why == HOLIDAYS_OVERRIDE_OFF;

		o->reason_vi = ov && ov->reason_vi[0] ? ov->reason_vi
			       : off ? "Ngày nghỉ theo quyết định"
				     : "Ngày làm việc bù";
		o->reason_en = ov && ov->reason_en[0] ? ov->reason_en
			       : off ? "Day off by decision"
				     : "Working day (swap)";
		o->source = ov ? ov->source : "";
		break;
	}
	}
}

enum mc_err workcal_day_info(const struct workcal *cal, int32_t day,
			     struct workcal_dayinfo *out, struct mc_error *err)
{
	if (day < cal->first || day >= cal->first + cal->ndays)
		return out_of_range(cal, err);
	fill_info(cal, (int)(day - cal->first), out);
	return MC_OK;
}

static void put(struct workcal_dayinfo *out, size_t cap, size_t *n, const struct workcal *cal,
		int idx)
{
	if (*n < cap)
		fill_info(cal, idx, &out[*n]);
	(*n)++;
}

enum mc_err workcal_explain(const struct workcal *cal, int64_t from, int64_t to,
			    struct workcal_dayinfo *out, size_t cap, size_t *n_out,
			    struct mc_error *err)
{
	int64_t tod;
	int a = locate(cal, from, &tod), b = locate(cal, to, &tod);
	size_t n = 0;

	*n_out = 0;
	if (a < 0 || b < 0)
		return out_of_range(cal, err);
	for (int i = a; i <= b; i++)
		if (!(day_hours(cal, i) && day_hours(cal, i)->n))
			put(out, cap, &n, cal, i);
	*n_out = n;
	return MC_OK;
}

enum mc_err workcal_year_list(const struct workcal *cal, int year,
			      struct workcal_dayinfo *out, size_t cap, size_t *n_out,
			      struct mc_error *err)
{
	int a, b;
	size_t n = 0;

	*n_out = 0;
	if (year < cal->cfg.year_from || year > cal->cfg.year_to)
		return mc_failf(err, MC_EINVAL, "year",
				"Năm %d nằm ngoài phạm vi lịch đã tính (%d-%d)",
				"Year %d is outside the computed calendar (%d-%d)", year,
				cal->cfg.year_from, cal->cfg.year_to);
	a = (int)(caldate_from_ymd(year, 1, 1) - cal->first);
	b = (int)(caldate_from_ymd(year, 12, 31) - cal->first);
	for (int i = a; i <= b; i++) {
		const struct holidays_daystat *st = &cal->days[i].st;

		if ((!st->weekly_off && st->off) ||
		    (st->weekly_off && st->off && st->holiday != HOLIDAYS_NONE) ||
		    (st->weekly_off && st->why == HOLIDAYS_OVERRIDE_WORK))
			put(out, cap, &n, cal, i);
	}
	*n_out = n;
	return MC_OK;
}
