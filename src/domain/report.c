/*
 * report.c - counting dossiers into the table of Biểu số 06/VPCP/KSTT.
 * The rules are stated in report.h and, for people, in docs/REPORTS.md;
 * report_classify() is the only place they are written in code.
 */
#include "domain/report.h"

#include <stdlib.h>
#include <string.h>

#define BIT(c) (1u << (c))
#define NO_FIELD "-" /* the key of dossiers whose procedure has no field */

static const struct {
	const char *name, *vi, *en;
} levels[REPORT__LEVELS] = {
	[REPORT_PROVINCE] = {"province", "Cấp tỉnh", "Province level"},
	[REPORT_DISTRICT] = {"district", "Cấp huyện", "District level"},
	[REPORT_COMMUNE] = {"commune", "Cấp xã", "Commune level"},
	[REPORT_OTHER] = {"other", "Khác (thủ tục không còn trong danh mục)", "Other (procedure no longer in the catalog)"},
};

static const struct {
	const char *name, *vi, *en;
} cols[REPORT__COLS] = {
	[REPORT_RECEIVED] = {"received", "Số hồ sơ nhận giải quyết: tổng số", "Received: total"},
	[REPORT_RECEIVED_ONLINE] = {"received_online", "Nhận trong kỳ: trực tuyến", "Received in the period: online"},
	[REPORT_RECEIVED_DIRECT] = {"received_direct", "Nhận trong kỳ: trực tiếp, dịch vụ bưu chính",
				    "Received in the period: directly or by post"},
	[REPORT_CARRIED] = {"carried_over", "Từ kỳ trước chuyển qua", "Carried over from the previous period"},
	[REPORT_RESOLVED] = {"resolved", "Đã giải quyết: tổng số", "Resolved: total"},
	[REPORT_EARLY] = {"early", "Đã giải quyết: trước hạn", "Resolved: before the deadline"},
	[REPORT_ON_TIME] = {"on_time", "Đã giải quyết: đúng hạn", "Resolved: on time"},
	[REPORT_LATE] = {"late", "Đã giải quyết: quá hạn", "Resolved: late"},
	[REPORT_CLOSED] = {"withdrawn_stopped", "Đã giải quyết: rút hồ sơ, dừng giải quyết",
			   "Resolved: withdrawn or stopped"},
	[REPORT_PENDING] = {"pending", "Đang giải quyết: tổng số", "In progress: total"},
	[REPORT_PENDING_WITHIN] = {"pending_within", "Đang giải quyết: trong hạn", "In progress: within time"},
	[REPORT_PENDING_OVERDUE] = {"pending_overdue", "Đang giải quyết: quá hạn", "In progress: overdue"},
};

const char *report_level_name(enum report_level l)
{
	return (unsigned)l < REPORT__LEVELS ? levels[l].name : "";
}

const char *report_level_vi(enum report_level l)
{
	return (unsigned)l < REPORT__LEVELS ? levels[l].vi : "";
}

const char *report_level_en(enum report_level l)
{
	return (unsigned)l < REPORT__LEVELS ? levels[l].en : "";
}

enum report_level report_level_parse(const char *s)
{
	int l = report_level_parse_strict(s);

	return l < 0 ? REPORT_OTHER : (enum report_level)l;
}

int report_level_parse_strict(const char *s)
{
	for (int l = 0; s && l < REPORT__LEVELS; l++)
		if (!strcmp(s, levels[l].name))
			return l;
	return -1;
}

const char *report_col_name(enum report_col c)
{
	return (unsigned)c < REPORT__COLS ? cols[c].name : "";
}

const char *report_col_vi(enum report_col c)
{
	return (unsigned)c < REPORT__COLS ? cols[c].vi : "";
}

const char *report_col_en(enum report_col c)
{
	return (unsigned)c < REPORT__COLS ? cols[c].en : "";
}

int report_col_parse(const char *s)
{
	for (int c = 0; s && c < REPORT__COLS; c++)
		if (!strcmp(s, cols[c].name))
			return c;
	return -1;
}

enum report_channel report_channel_parse(const char *s)
{
	if (s && !strcmp(s, "online"))
		return REPORT_ONLINE;
	if (s && !strcmp(s, "postal"))
		return REPORT_POSTAL;
	if (s && !strcmp(s, "transfer"))
		return REPORT_TRANSFER;
	return REPORT_DIRECT;
}

/* ------------------------------------------------------------ the table */

static void line_init(struct report_line *l, enum report_level level, const char *field)
{
	memset(l, 0, sizeof *l);
	l->level = level;
	strncpy(l->field, field, sizeof l->field - 1);
}

enum mc_err report_table_init(struct report_table *t, const struct workcal *cal, int64_t from, int64_t to,
			      struct mc_error *err)
{
	memset(t, 0, sizeof *t);
	if (!cal || from >= to)
		return mc_fail(err, MC_EINVAL, "to", "Kỳ báo cáo không hợp lệ: ngày cuối phải sau ngày đầu",
			       "Invalid period: the end must come after the start");
	t->cal = cal;
	t->from = from;
	t->to = to;
	for (int l = 0; l < REPORT__LEVELS; l++)
		line_init(&t->level_total[l], (enum report_level)l, "");
	line_init(&t->total, REPORT__LEVELS, "");
	return MC_OK;
}

void report_table_release(struct report_table *t)
{
	free(t->lines);
	free(t->slots);
	t->lines = NULL;
	t->slots = NULL;
	t->nlines = t->cap = t->nslots = 0;
}

static const char *key_of(const char *field)
{
	return field && *field ? field : NO_FIELD;
}

static size_t hash_key(enum report_level level, const char *field)
{
	uint64_t h = 1469598103934665603ull ^ (uint64_t)level;

	for (const unsigned char *p = (const unsigned char *)field; *p; p++)
		h = (h ^ *p) * 1099511628211ull;
	return (size_t)(h ^ (h >> 29));
}

/* Index every line (after growth or sorting). */
static void reindex(struct report_table *t)
{
	for (size_t i = 0; i < t->nslots; i++)
		t->slots[i] = -1;
	for (size_t i = 0; i < t->nlines; i++) {
		size_t s = hash_key(t->lines[i].level, t->lines[i].field) & (t->nslots - 1);

		while (t->slots[s] >= 0)
			s = (s + 1) & (t->nslots - 1);
		t->slots[s] = (int32_t)i;
	}
}

static struct report_line *lookup(const struct report_table *t, enum report_level level, const char *field,
				  size_t *slot_out)
{
	size_t s;

	if (!t->nslots)
		return NULL;
	s = hash_key(level, field) & (t->nslots - 1);
	while (t->slots[s] >= 0) {
		struct report_line *l = &t->lines[t->slots[s]];

		if (l->level == level && !strcmp(l->field, field))
			return l;
		s = (s + 1) & (t->nslots - 1);
	}
	if (slot_out)
		*slot_out = s;
	return NULL;
}

/* The line of (level, field), created on first use. */
static enum mc_err line_for(struct report_table *t, enum report_level level, const char *field,
			    struct report_line **out, struct mc_error *err)
{
	size_t slot = 0;
	struct report_line *l = lookup(t, level, field, &slot);

	if (l) {
		*out = l;
		return MC_OK;
	}
	if (t->nlines == REPORT_MAX_LINES)
		return mc_failf(err, MC_ETOOBIG, NULL, "Báo cáo có quá %d dòng (cấp, lĩnh vực)",
				"The report has more than %d (level, field) lines", REPORT_MAX_LINES);
	if (t->nlines == t->cap) {
		/* grow the lines and the index together; the index stays at most
		 * half full so probes stay short */
		size_t cap = t->cap ? t->cap * 2 : 32;
		struct report_line *lines = realloc(t->lines, cap * sizeof *lines);
		int32_t *slots;

		if (!lines)
			return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
		t->lines = lines;
		slots = realloc(t->slots, cap * 2 * sizeof *slots);
		if (!slots)
			return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
		t->slots = slots;
		t->cap = cap;
		t->nslots = cap * 2;
		reindex(t);
		lookup(t, level, field, &slot);
	}
	l = &t->lines[t->nlines];
	line_init(l, level, field);
	t->slots[slot] = (int32_t)t->nlines++;
	*out = l;
	return MC_OK;
}

const struct report_line *report_table_find(const struct report_table *t, enum report_level level,
					    const char *field)
{
	return lookup(t, level, key_of(field), NULL);
}

/* ------------------------------------------------------- the one rule set */

static bool closed_state(enum dossier_state s)
{
	return s == DOSSIER_WITHDRAWN || s == DOSSIER_STOPPED;
}

unsigned report_classify(const struct report_table *t, const struct report_row *r)
{
	unsigned bits = BIT(REPORT_RECEIVED);
	int64_t done;

	/* never received (guided, refused at intake, online not yet accepted),
	 * received after the period, or transferred out: not this unit's */
	if (!r->received_at || r->received_at >= t->to || r->state == DOSSIER_TRANSFERRED ||
	    r->state == DOSSIER_GUIDED || r->state == DOSSIER_SUBMITTED || r->state == DOSSIER_NONE)
		return 0;
	done = r->finished_at;
	if (!done && (closed_state(r->state) || dossier_state_terminal(r->state)))
		done = r->closed_at;
	if (done && done < t->from)
		return 0; /* finished before the period: in no column */

	if (r->received_at < t->from)
		bits |= BIT(REPORT_CARRIED);
	else if (r->channel == REPORT_ONLINE)
		bits |= BIT(REPORT_RECEIVED_ONLINE);
	else
		bits |= BIT(REPORT_RECEIVED_DIRECT);

	if (done && done < t->to) {
		bits |= BIT(REPORT_RESOLVED);
		if (closed_state(r->state) && !r->finished_at)
			bits |= BIT(REPORT_CLOSED);
		else if (!r->legal_due)
			bits |= BIT(REPORT_ON_TIME); /* no deadline recorded: never late */
		else
			switch (workcal_classify_done(t->cal, r->legal_due, done)) {
			case WORKCAL_EARLY:
				bits |= BIT(REPORT_EARLY);
				break;
			case WORKCAL_ON_TIME:
				bits |= BIT(REPORT_ON_TIME);
				break;
			default:
				bits |= BIT(REPORT_LATE);
				break;
			}
	} else {
		/* in progress at the period's end; a dossier waiting for the
		 * citizen is judged at the moment its clock stopped */
		int64_t as_of = r->paused_since && r->paused_since < t->to ? r->paused_since : t->to;

		bits |= BIT(REPORT_PENDING);
		bits |= r->legal_due && r->legal_due < as_of ? BIT(REPORT_PENDING_OVERDUE) : BIT(REPORT_PENDING_WITHIN);
	}
	return bits;
}

static void add_bits(struct report_line *l, unsigned bits)
{
	for (int c = 0; c < REPORT__COLS; c++)
		if (bits & BIT(c))
			l->n[c]++;
}

enum mc_err report_table_add_as(struct report_table *t, const struct report_row *r, enum report_level level,
				const char *key, struct mc_error *err)
{
	unsigned bits;
	struct report_line *l = NULL;
	enum mc_err rc;

	t->rows_seen++;
	if ((unsigned)level >= REPORT__LEVELS)
		level = REPORT_OTHER;
	if (!(bits = report_classify(t, r)))
		return MC_OK;
	if ((rc = line_for(t, level, key_of(key), &l, err)))
		return rc;
	add_bits(l, bits);
	add_bits(&t->level_total[level], bits);
	add_bits(&t->total, bits);
	return MC_OK;
}

enum mc_err report_table_add(struct report_table *t, const struct report_row *r, struct mc_error *err)
{
	return report_table_add_as(t, r, r->level, r->field, err);
}

bool report_cell_matches(const struct report_table *t, const struct report_cell *cell, const struct report_row *r)
{
	enum report_level level = (unsigned)r->level < REPORT__LEVELS ? r->level : REPORT_OTHER;

	if ((unsigned)cell->col >= REPORT__COLS || !(report_classify(t, r) & BIT(cell->col)))
		return false;
	if (cell->level == REPORT__LEVELS)
		return true; /* the grand total */
	if (cell->level != level)
		return false;
	return !cell->field[0] || !strcmp(cell->field, key_of(r->field));
}

/* ------------------------------------------------------------- sorting */

struct sort_ctx {
	int (*rank)(void *ctx, const char *field);
	void *ctx;
};

static int cmp_lines(const void *a, const void *b, void *arg)
{
	const struct report_line *x = a, *y = b;
	const struct sort_ctx *s = arg;
	int rx, ry;

	if (x->level != y->level)
		return x->level < y->level ? -1 : 1;
	rx = s->rank ? s->rank(s->ctx, x->field) : 0;
	ry = s->rank ? s->rank(s->ctx, y->field) : 0;
	if (rx != ry)
		return rx < ry ? -1 : 1;
	return strcmp(x->field, y->field);
}

void report_table_sort(struct report_table *t, int (*rank)(void *ctx, const char *field), void *ctx)
{
	struct sort_ctx s = {rank, ctx};

	if (t->nlines < 2)
		return;
	qsort_r(t->lines, t->nlines, sizeof *t->lines, cmp_lines, &s);
	reindex(t);
}

bool report_line_balanced(const struct report_line *l)
{
	const int64_t *n = l->n;

	return n[REPORT_RECEIVED] == n[REPORT_RECEIVED_ONLINE] + n[REPORT_RECEIVED_DIRECT] + n[REPORT_CARRIED] &&
	       n[REPORT_RECEIVED] == n[REPORT_RESOLVED] + n[REPORT_PENDING] &&
	       n[REPORT_RESOLVED] == n[REPORT_EARLY] + n[REPORT_ON_TIME] + n[REPORT_LATE] + n[REPORT_CLOSED] &&
	       n[REPORT_PENDING] == n[REPORT_PENDING_WITHIN] + n[REPORT_PENDING_OVERDUE];
}

int report_on_time_permille(const struct report_line *l)
{
	int64_t good = l->n[REPORT_EARLY] + l->n[REPORT_ON_TIME], all = good + l->n[REPORT_LATE];

	return all ? (int)((good * 1000 + all / 2) / all) : -1;
}

/* ------------------------------------------------- the clock at an instant */

void report_clock_init(struct report_clock *c, int64_t at)
{
	memset(c, 0, sizeof *c);
	c->at = at;
}

void report_clock_event(struct report_clock *c, enum dossier_event_kind kind, int64_t event_at,
			int64_t new_appointment)
{
	if (event_at >= c->at)
		return; /* after the instant asked about */
	switch (kind) {
	case DOSSIER_EV_INTAKE:
	case DOSSIER_EV_ACCEPT:
	case DOSSIER_EV_SUPPLEMENT_RECEIVED:
		if (new_appointment)
			c->legal_due = new_appointment;
		c->paused_since = 0;
		break;
	case DOSSIER_EV_REQUEST_SUPPLEMENT:
		if (!c->paused_since)
			c->paused_since = event_at;
		break;
	default:
		break;
	}
}
