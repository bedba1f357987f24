/*
 * calimport.c - parsers for calendar override files (see calimport.h).
 *
 * CSV and iCalendar are parsed by hand, line by line, with explicit limits;
 * JSON goes through jansson, plus a small scanner that finds the line on
 * which each entry starts (jansson keeps no positions for values) so that a
 * bad entry is reported by its line like in the other formats.
 *
 * Parsing appends to a temporary list first and commits it to the caller's
 * list only on success, so a failed import never leaves half a file behind.
 */
#include "domain/calimport.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "domain/caldate.h"

void calimport_list_release(struct calimport_list *list)
{
	if (!list)
		return;
	free(list->items);
	list->items = NULL;
	list->n = list->cap = 0;
}

const char *calimport_format_name(enum calimport_format fmt)
{
	switch (fmt) {
	case CALIMPORT_ICS: return "ics";
	case CALIMPORT_JSON: return "json";
	case CALIMPORT_CSV: return "csv";
	case CALIMPORT_UNKNOWN: break;
	}
	return "";
}

enum calimport_format calimport_format_parse(const char *name)
{
	if (!name)
		return CALIMPORT_UNKNOWN;
	if (!strcasecmp(name, "ics") || !strcasecmp(name, "ical") || !strcasecmp(name, "icalendar"))
		return CALIMPORT_ICS;
	if (!strcasecmp(name, "json"))
		return CALIMPORT_JSON;
	if (!strcasecmp(name, "csv"))
		return CALIMPORT_CSV;
	return CALIMPORT_UNKNOWN;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && !strcasecmp(s + a - b, suffix);
}

enum calimport_format calimport_format_guess(const char *name, const char *text, size_t len)
{
	size_t i = 0;

	if (name) {
		if (ends_with(name, ".ics"))
			return CALIMPORT_ICS;
		if (ends_with(name, ".json"))
			return CALIMPORT_JSON;
		if (ends_with(name, ".csv"))
			return CALIMPORT_CSV;
	}
	if (!text)
		return CALIMPORT_UNKNOWN;
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
		i++;
	if (i < len && (text[i] == '{' || text[i] == '['))
		return CALIMPORT_JSON;
	if (len - i >= 15 && !strncasecmp(text + i, "BEGIN:VCALENDAR", 15))
		return CALIMPORT_ICS;
	return CALIMPORT_CSV;
}

/* ------------------------------------------------------------- helpers */

/* 1 if s[0..n) is valid UTF-8 without control characters (tab allowed). */
static int text_ok(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;

	for (size_t i = 0; i < n;) {
		unsigned c = p[i];
		size_t k;
		unsigned cp;

		if (c < 0x80) {
			if ((c < 0x20 && c != '\t') || c == 0x7f)
				return 0;
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			k = 1, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			k = 2, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			k = 3, cp = c & 0x07;
		else
			return 0;
		if (i + k >= n) /* truncated sequence */
			return 0;
		for (size_t j = 1; j <= k; j++) {
			if ((p[i + j] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[i + j] & 0x3f);
		}
		if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		i += k + 1;
	}
	return 1;
}

/* One entry being read, before range expansion. */
struct entry {
	int32_t from, to; /* inclusive */
	enum holidays_kind kind;
	char reason_vi[HOLIDAYS_TEXT_MAX];
	char reason_en[HOLIDAYS_TEXT_MAX];
	char source[HOLIDAYS_TEXT_MAX];
};

static void entry_init(struct entry *e)
{
	memset(e, 0, sizeof *e);
	e->kind = HOLIDAYS_OFF;
	e->from = e->to = INT32_MIN;
}

/* "Dòng N: ..." / "Line N: ...".  Written directly rather than with
 * mc_failf, which takes one argument list for both texts. */
static enum mc_err fail_line(struct calimport_list *list, struct mc_error *err, size_t line,
			     enum mc_err code, const char *vi, const char *en)
{
	list->error_line = line;
	if (err) {
		err->code = code;
		snprintf(err->field, sizeof err->field, "line");
		snprintf(err->msg_vi, sizeof err->msg_vi, "Dòng %zu: %s", line, vi);
		snprintf(err->msg_en, sizeof err->msg_en, "Line %zu: %s", line, en);
	}
	return code;
}

/* The same with one string argument in both messages (vi and en each have
 * exactly one %s). */
static enum mc_err fail_linef(struct calimport_list *list, struct mc_error *err, size_t line,
			      enum mc_err code, const char *vi, const char *en, const char *arg)
{
	char bvi[280], ben[280];

	snprintf(bvi, sizeof bvi, vi, arg);
	snprintf(ben, sizeof ben, en, arg);
	return fail_line(list, err, line, code, bvi, ben);
}

/* Copy a text field (n bytes) into dst[HOLIDAYS_TEXT_MAX]. */
static enum mc_err set_text(char *dst, const char *src, size_t n, const char *what,
			    struct calimport_list *list, size_t line, struct mc_error *err)
{
	if (n >= HOLIDAYS_TEXT_MAX)
		return fail_linef(list, err, line, MC_ETOOBIG,
				  "trường %s quá dài (tối đa 239 byte)",
				  "field %s is too long (at most 239 bytes)", what);
	if (!text_ok(src, n))
		return fail_linef(list, err, line, MC_EINVAL,
				  "trường %s không phải văn bản UTF-8 hợp lệ",
				  "field %s is not valid UTF-8 text", what);
	memcpy(dst, src, n);
	dst[n] = '\0';
	return MC_OK;
}

/* Append e (expanded to one override per day) to tmp. */
static enum mc_err push(struct calimport_list *tmp, const struct entry *e, size_t line,
			struct calimport_list *list, struct mc_error *err)
{
	int32_t days;

	if (e->from == INT32_MIN)
		return fail_line(list, err, line, MC_EINVAL, "thiếu ngày", "the date is missing");
	if (e->to < e->from)
		return fail_line(list, err, line, MC_EINVAL, "ngày kết thúc trước ngày bắt đầu",
				 "the end date is before the start date");
	days = e->to - e->from + 1;
	if (days > CALIMPORT_MAX_RANGE)
		return fail_line(list, err, line, MC_EINVAL,
				 "một mục chỉ được trải tối đa 62 ngày",
				 "one entry may span at most 62 days");
	if (tmp->n + (size_t)days > CALIMPORT_MAX_DAYS)
		return fail_line(list, err, line, MC_ETOOBIG, "quá 5000 ngày trong một danh sách",
				 "more than 5000 days in one list");
	if (tmp->n + (size_t)days > tmp->cap) {
		size_t cap = tmp->cap ? tmp->cap * 2 : 64;
		struct holidays_override *p;

		while (cap < tmp->n + (size_t)days)
			cap *= 2;
		p = realloc(tmp->items, cap * sizeof *p);
		if (!p)
			return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
		tmp->items = p;
		tmp->cap = cap;
	}
	for (int32_t d = e->from; d <= e->to; d++) {
		struct holidays_override *o = &tmp->items[tmp->n++];

		memset(o, 0, sizeof *o);
		o->day = d;
		o->kind = e->kind;
		memcpy(o->reason_vi, e->reason_vi, sizeof o->reason_vi);
		memcpy(o->reason_en, e->reason_en, sizeof o->reason_en);
		memcpy(o->source, e->source, sizeof o->source);
	}
	return MC_OK;
}

static enum mc_err set_kind(struct entry *e, const char *s, size_t n,
			    struct calimport_list *list, size_t line, struct mc_error *err)
{
	char buf[16];

	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0) {
		e->kind = HOLIDAYS_OFF;
		return MC_OK;
	}
	if (n < sizeof buf) {
		for (size_t i = 0; i < n; i++)
			buf[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
		buf[n] = '\0';
		if ((e->kind = holidays_kind_parse(buf)) != 0)
			return MC_OK;
	}
	return fail_line(list, err, line, MC_EINVAL,
			 "loại ngày không hợp lệ (dùng off, work hoặc remove)",
			 "invalid kind (use off, work or remove)");
}

static enum mc_err set_date(int32_t *dst, const char *s, size_t n, int compact,
			    struct calimport_list *list, size_t line, struct mc_error *err)
{
	char buf[16];

	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n >= sizeof buf || n == 0)
		goto bad;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (caldate_parse(buf, compact, dst) == 0)
		return MC_OK;
bad:
	return fail_line(list, err, line, MC_EINVAL,
			 compact ? "ngày không hợp lệ (cần dạng YYYYMMDD)"
				 : "ngày không hợp lệ (cần dạng YYYY-MM-DD)",
			 compact ? "invalid date (expected YYYYMMDD)"
				 : "invalid date (expected YYYY-MM-DD)");
}

/* Next line of text: [*start, *end) without the newline (and without a
 * trailing CR); returns 0 at the end of the text. */
static int next_line(const char *text, size_t len, size_t *pos, size_t *start, size_t *end)
{
	size_t i = *pos;

	if (i >= len)
		return 0;
	*start = i;
	while (i < len && text[i] != '\n')
		i++;
	*end = i;
	if (*end > *start && text[*end - 1] == '\r')
		(*end)--;
	*pos = i < len ? i + 1 : i;
	return 1;
}

/* ----------------------------------------------------------------- CSV */

#define CSV_COLS 5

static enum mc_err csv_fields(const char *s, size_t n, char fields[CSV_COLS][HOLIDAYS_TEXT_MAX],
			      size_t lens[CSV_COLS], int *nf, struct calimport_list *list,
			      size_t line, struct mc_error *err)
{
	size_t i = 0;

	*nf = 0;
	for (;;) {
		size_t k = 0;
		char *f;

		if (*nf == CSV_COLS)
			return fail_line(list, err, line, MC_EINVAL,
					 "quá 5 cột (date,kind,reason_vi,reason_en,source); đặt văn bản có dấu phẩy trong ngoặc kép",
					 "more than 5 columns (date,kind,reason_vi,reason_en,source); quote text that contains commas");
		f = fields[*nf];
		if (i < n && s[i] == '"') {
			i++;
			for (;;) {
				if (i >= n)
					return fail_line(list, err, line, MC_EINVAL,
							 "thiếu dấu ngoặc kép đóng",
							 "missing closing double quote");
				if (s[i] == '"') {
					if (i + 1 < n && s[i + 1] == '"') {
						i += 2;
						if (k + 1 >= HOLIDAYS_TEXT_MAX)
							goto too_long;
						f[k++] = '"';
						continue;
					}
					i++;
					break;
				}
				if (k + 1 >= HOLIDAYS_TEXT_MAX)
					goto too_long;
				f[k++] = s[i++];
			}
			if (i < n && s[i] != ',')
				return fail_line(list, err, line, MC_EINVAL,
						 "ký tự thừa sau dấu ngoặc kép đóng",
						 "unexpected text after a closing double quote");
		} else {
			while (i < n && s[i] != ',') {
				if (s[i] == '"')
					return fail_line(list, err, line, MC_EINVAL,
							 "dấu ngoặc kép giữa trường chưa được đặt trong ngoặc kép",
							 "double quote inside an unquoted field");
				if (k + 1 >= HOLIDAYS_TEXT_MAX)
					goto too_long;
				f[k++] = s[i++];
			}
		}
		f[k] = '\0';
		lens[(*nf)++] = k;
		if (i >= n)
			return MC_OK;
		i++; /* the comma */
	}
too_long:
	return fail_line(list, err, line, MC_ETOOBIG, "một trường quá dài (tối đa 239 byte)",
			 "a field is too long (at most 239 bytes)");
}

static enum mc_err parse_csv(const char *text, size_t len, struct calimport_list *tmp,
			     struct calimport_list *list, struct mc_error *err)
{
	static const char *const header[CSV_COLS] = {"date", "kind", "reason_vi", "reason_en",
						     "source"};
	char (*f)[HOLIDAYS_TEXT_MAX] = malloc(CSV_COLS * HOLIDAYS_TEXT_MAX);
	size_t lens[CSV_COLS], pos = 0, s, e, line = 0;
	int first = 1, nf;
	enum mc_err rc = MC_OK;

	if (!f)
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		pos = 3;
	while (rc == MC_OK && next_line(text, len, &pos, &s, &e)) {
		struct entry en;
		size_t k = s;

		line++;
		if (e - s > CALIMPORT_MAX_LINE) {
			rc = fail_line(list, err, line, MC_ETOOBIG, "dòng quá dài (tối đa 8192 byte)",
				       "line too long (at most 8192 bytes)");
			break;
		}
		while (k < e && (text[k] == ' ' || text[k] == '\t'))
			k++;
		if (k == e || text[k] == '#')
			continue;
		if ((rc = csv_fields(text + s, e - s, f, lens, &nf, list, line, err)) != MC_OK)
			break;
		if (first && !strcasecmp(f[0], "date")) {
			first = 0;
			for (int i = 0; i < nf; i++)
				if (strcasecmp(f[i], header[i]))
					rc = fail_line(list, err, line, MC_EINVAL,
						       "dòng tiêu đề phải là date,kind,reason_vi,reason_en,source",
						       "the header must be date,kind,reason_vi,reason_en,source");
			continue;
		}
		first = 0;
		if (nf < 2) {
			rc = fail_line(list, err, line, MC_EINVAL,
				       "cần ít nhất 2 cột: ngày và loại (off, work, remove)",
				       "at least 2 columns are needed: date and kind (off, work, remove)");
			break;
		}
		entry_init(&en);
		if ((rc = set_date(&en.from, f[0], lens[0], 0, list, line, err)) != MC_OK ||
		    (rc = set_kind(&en, f[1], lens[1], list, line, err)) != MC_OK ||
		    (nf > 2 && (rc = set_text(en.reason_vi, f[2], lens[2], "reason_vi", list, line,
					      err)) != MC_OK) ||
		    (nf > 3 && (rc = set_text(en.reason_en, f[3], lens[3], "reason_en", list, line,
					      err)) != MC_OK) ||
		    (nf > 4 && (rc = set_text(en.source, f[4], lens[4], "source", list, line, err)) !=
				       MC_OK))
			break;
		en.to = en.from;
		rc = push(tmp, &en, line, list, err);
	}
	free(f);
	return rc;
}

/* ----------------------------------------------------------- iCalendar */

/* Unfold the logical line starting at *pos into buf; *line_no gets the
 * physical line it starts on, *next_line_no the one after it. */
static int ics_logical(const char *text, size_t len, size_t *pos, size_t *line_no, char *buf,
		       size_t *blen, int *too_long)
{
	size_t s, e, n = 0;

	*too_long = 0;
	if (!next_line(text, len, pos, &s, &e))
		return 0;
	(*line_no)++;
	for (;;) {
		size_t m = e - s;

		if (n + m >= CALIMPORT_MAX_LINE) {
			*too_long = 1;
			m = 0;
		}
		memcpy(buf + n, text + s, m);
		n += m;
		/* continuation lines start with one space or tab */
		if (*pos < len && (text[*pos] == ' ' || text[*pos] == '\t')) {
			size_t p2 = *pos;

			next_line(text, len, &p2, &s, &e);
			s++;
			*pos = p2;
			continue;
		}
		break;
	}
	buf[n] = '\0';
	*blen = n;
	return 1;
}

/* Split "NAME;P=V;P2=\"a:b\":value": name upper-cased into name[64], params
 * into params (raw), value pointer.  Returns 0 if there is no colon. */
static int ics_split(char *l, char *name, size_t nsize, char **params, char **value)
{
	size_t i = 0, k = 0;
	int quoted = 0;

	while (l[i] && l[i] != ';' && l[i] != ':') {
		if (k + 1 < nsize)
			name[k++] = (char)(l[i] >= 'a' && l[i] <= 'z' ? l[i] - 32 : l[i]);
		i++;
	}
	name[k] = '\0';
	*params = l + i;
	for (; l[i]; i++) {
		if (l[i] == '"')
			quoted = !quoted;
		else if (l[i] == ':' && !quoted)
			break;
	}
	if (l[i] != ':')
		return 0;
	l[i] = '\0';
	*value = l + i + 1;
	return 1;
}

/* iCalendar TEXT unescaping, in place; returns the new length. */
static size_t ics_unescape(char *s)
{
	size_t i = 0, k = 0;

	while (s[i]) {
		if (s[i] == '\\' && s[i + 1]) {
			char c = s[i + 1];

			s[k++] = (c == 'n' || c == 'N') ? ' ' : c;
			i += 2;
		} else {
			s[k++] = s[i++];
		}
	}
	s[k] = '\0';
	return k;
}

static enum mc_err ics_date(const char *params, const char *value, int32_t *out,
			    struct calimport_list *list, size_t line, struct mc_error *err)
{
	if (strchr(value, 'T') || (strcasestr(params, "VALUE=") && !strcasestr(params, "VALUE=DATE")) ||
	    strcasestr(params, "VALUE=DATE-TIME"))
		return fail_line(list, err, line, MC_EINVAL,
				 "chỉ nhận sự kiện trọn ngày (DTSTART;VALUE=DATE:YYYYMMDD)",
				 "only all-day events are accepted (DTSTART;VALUE=DATE:YYYYMMDD)");
	return set_date(out, value, strlen(value), 1, list, line, err);
}

static enum mc_err parse_ics(const char *text, size_t len, struct calimport_list *tmp,
			     struct calimport_list *list, struct mc_error *err)
{
	char *buf = malloc(CALIMPORT_MAX_LINE + 1);
	char name[64], *params, *value;
	size_t pos = 0, line = 0, blen, ev_line = 0;
	int too_long, in_cal = 0, seen_cal = 0, in_event = 0, nested = 0, have_end = 0;
	int32_t dtend = 0;
	struct entry en;
	enum mc_err rc = MC_OK;

	if (!buf)
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	entry_init(&en);
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		pos = 3;
	while (rc == MC_OK && ics_logical(text, len, &pos, &line, buf, &blen, &too_long)) {
		if (too_long) {
			rc = fail_line(list, err, line, MC_ETOOBIG, "dòng quá dài (tối đa 8192 byte)",
				       "line too long (at most 8192 bytes)");
			break;
		}
		if (blen == 0)
			continue;
		if (!ics_split(buf, name, sizeof name, &params, &value)) {
			rc = fail_line(list, err, line, MC_EINVAL,
				       "dòng iCalendar không hợp lệ (thiếu dấu hai chấm)",
				       "invalid iCalendar line (no colon)");
			break;
		}
		if (!in_cal) {
			if (strcmp(name, "BEGIN") || strcasecmp(value, "VCALENDAR") || seen_cal) {
				rc = fail_line(list, err, line, MC_EINVAL,
					       seen_cal ? "nội dung sau END:VCALENDAR"
							: "tệp phải bắt đầu bằng BEGIN:VCALENDAR",
					       seen_cal ? "content after END:VCALENDAR"
							: "the file must start with BEGIN:VCALENDAR");
				break;
			}
			in_cal = seen_cal = 1;
			continue;
		}
		if (nested) { /* inside VALARM, VTIMEZONE...: skip to its END */
			if (!strcmp(name, "BEGIN"))
				nested++;
			else if (!strcmp(name, "END"))
				nested--;
			continue;
		}
		if (!strcmp(name, "BEGIN")) {
			if (!in_event && !strcasecmp(value, "VEVENT")) {
				in_event = 1;
				ev_line = line;
				have_end = 0;
				entry_init(&en);
			} else {
				nested = 1;
			}
			continue;
		}
		if (!strcmp(name, "END")) {
			if (in_event && !strcasecmp(value, "VEVENT")) {
				in_event = 0;
				if (en.from == INT32_MIN) {
					rc = fail_line(list, err, ev_line, MC_EINVAL,
						       "sự kiện thiếu DTSTART", "event without DTSTART");
					break;
				}
				en.to = en.from;
				if (have_end) {
					if (dtend <= en.from) {
						rc = fail_line(list, err, ev_line, MC_EINVAL,
							       "DTEND phải sau DTSTART (DTEND là ngày kế tiếp ngày cuối)",
							       "DTEND must be after DTSTART (DTEND is the day after the last day)");
						break;
					}
					en.to = dtend - 1;
				}
				rc = push(tmp, &en, ev_line, list, err);
			} else if (!in_event && !strcasecmp(value, "VCALENDAR")) {
				in_cal = 0;
			} else {
				rc = fail_line(list, err, line, MC_EINVAL, "END không khớp với BEGIN",
					       "END does not match BEGIN");
			}
			continue;
		}
		if (!in_event)
			continue; /* calendar properties: VERSION, PRODID, X-WR-CALNAME */
		if (!strcmp(name, "DTSTART")) {
			rc = ics_date(params, value, &en.from, list, line, err);
		} else if (!strcmp(name, "DTEND")) {
			rc = ics_date(params, value, &dtend, list, line, err);
			have_end = 1;
		} else if (!strcmp(name, "SUMMARY")) {
			size_t n = ics_unescape(value);

			rc = set_text(en.reason_vi, value, n, "SUMMARY", list, line, err);
		} else if (!strcmp(name, "X-MOTCUA-REASON-EN")) {
			size_t n = ics_unescape(value);

			rc = set_text(en.reason_en, value, n, "X-MOTCUA-REASON-EN", list, line, err);
		} else if (!strcmp(name, "X-MOTCUA-SOURCE")) {
			size_t n = ics_unescape(value);

			rc = set_text(en.source, value, n, "X-MOTCUA-SOURCE", list, line, err);
		} else if (!strcmp(name, "X-MOTCUA-KIND")) {
			rc = set_kind(&en, value, strlen(value), list, line, err);
		} else if (!strcmp(name, "RRULE") || !strcmp(name, "RDATE") ||
			   !strcmp(name, "DURATION")) {
			rc = fail_linef(list, err, line, MC_EINVAL,
					"%s không được hỗ trợ: mỗi ngày/khoảng ngày là một VEVENT với DTEND",
					"%s is not supported: write each day or range as a VEVENT with DTEND",
					name);
		}
	}
	if (rc == MC_OK && (in_event || in_cal || !seen_cal))
		rc = fail_line(list, err, in_event ? ev_line : line, MC_EINVAL,
			       !seen_cal ? "tệp rỗng: cần BEGIN:VCALENDAR"
			       : in_event ? "sự kiện chưa có END:VEVENT"
					  : "thiếu END:VCALENDAR",
			       !seen_cal ? "empty file: BEGIN:VCALENDAR expected"
			       : in_event ? "event without END:VEVENT"
					  : "missing END:VCALENDAR");
	free(buf);
	return rc;
}

/* ---------------------------------------------------------------- JSON */

/* Lines on which the elements of the entries array start (top-level array,
 * or the array under the top-level key "entries").  Runs on text that
 * jansson has accepted, so it can be simple. */
static size_t json_entry_lines(const char *s, size_t len, size_t *lines, size_t max)
{
	size_t line = 1, n = 0, i = 0;
	int depth = 0, target = -1, awaiting = 0, entries_key = 0;

	while (i < len) {
		char c = s[i];

		if (c == '\n') {
			line++;
			i++;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r') {
			i++;
			continue;
		}
		if (depth == target && awaiting && c != ']') {
			if (n < max)
				lines[n] = line;
			n++;
			awaiting = 0;
		}
		if (c == '"') {
			size_t st = ++i, j;

			while (i < len && s[i] != '"')
				i += s[i] == '\\' ? 2 : 1;
			j = i + 1;
			while (j < len && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r' || s[j] == '\n'))
				j++;
			if (depth == 1 && j < len && s[j] == ':')
				entries_key = i - st == 7 && !memcmp(s + st, "entries", 7);
			i++;
			continue;
		}
		if (c == '[' || c == '{') {
			depth++;
			if (c == '[' && target < 0 && (depth == 1 || (depth == 2 && entries_key))) {
				target = depth;
				awaiting = 1;
			}
		} else if (c == ']' || c == '}') {
			if (depth == target)
				target = -2; /* done: ignore any later arrays */
			depth--;
		} else if (c == ',' && depth == target) {
			awaiting = 1;
		}
		i++;
	}
	return n;
}

static enum mc_err json_text(json_t *obj, const char *key, char *dst, const char *fallback,
			     struct calimport_list *list, size_t line, struct mc_error *err)
{
	json_t *v = json_object_get(obj, key);

	if (!v || json_is_null(v)) {
		snprintf(dst, HOLIDAYS_TEXT_MAX, "%s", fallback ? fallback : "");
		return MC_OK;
	}
	if (!json_is_string(v))
		return fail_linef(list, err, line, MC_EINVAL, "\"%s\" phải là chuỗi",
				  "\"%s\" must be a string", key);
	return set_text(dst, json_string_value(v), json_string_length(v), key, list, line, err);
}

static enum mc_err parse_json(const char *text, size_t len, struct calimport_list *tmp,
			      struct calimport_list *list, struct mc_error *err)
{
	json_error_t jerr;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	json_t *entries, *v;
	const char *default_source = "";
	char dsrc[HOLIDAYS_TEXT_MAX];
	size_t *lines = NULL, nlines, idx;
	int year = 0;
	enum mc_err rc = MC_OK;

	if (!root) {
		char msg[200];

		snprintf(msg, sizeof msg, "%s", jerr.text);
		return fail_linef(list, err, jerr.line > 0 ? (size_t)jerr.line : 1, MC_EBADJSON,
				  "JSON không hợp lệ (%s)", "invalid JSON (%s)", msg);
	}
	if (json_is_array(root)) {
		entries = root;
	} else if (json_is_object(root)) {
		v = json_object_get(root, "format");
		if (v && (!json_is_string(v) || strcmp(json_string_value(v), "motcua-calendar"))) {
			rc = fail_line(list, err, 1, MC_EINVAL,
				       "\"format\" phải là \"motcua-calendar\"",
				       "\"format\" must be \"motcua-calendar\"");
			goto done;
		}
		v = json_object_get(root, "version");
		if (v && (!json_is_integer(v) || json_integer_value(v) != 1)) {
			rc = fail_line(list, err, 1, MC_EINVAL, "chỉ hỗ trợ \"version\": 1",
				       "only \"version\": 1 is supported");
			goto done;
		}
		v = json_object_get(root, "year");
		if (v && (!json_is_integer(v) || json_integer_value(v) < 1801 ||
			  json_integer_value(v) > 2198)) {
			rc = fail_line(list, err, 1, MC_EINVAL, "\"year\" không hợp lệ",
				       "invalid \"year\"");
			goto done;
		}
		year = v ? (int)json_integer_value(v) : 0;
		if ((rc = json_text(root, "source", dsrc, "", list, 1, err)) != MC_OK)
			goto done;
		default_source = dsrc;
		entries = json_object_get(root, "entries");
		if (!json_is_array(entries)) {
			rc = fail_line(list, err, 1, MC_EINVAL, "thiếu mảng \"entries\"",
				       "the \"entries\" array is missing");
			goto done;
		}
	} else {
		rc = fail_line(list, err, 1, MC_EINVAL, "cần một đối tượng JSON có \"entries\"",
			       "a JSON object with \"entries\" is expected");
		goto done;
	}
	nlines = json_array_size(entries);
	if (nlines > CALIMPORT_MAX_DAYS) {
		rc = fail_line(list, err, 1, MC_ETOOBIG, "quá 5000 mục", "more than 5000 entries");
		goto done;
	}
	lines = calloc(nlines + 1, sizeof *lines);
	if (!lines) {
		rc = mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
		goto done;
	}
	json_entry_lines(text, len, lines, nlines);
	json_array_foreach(entries, idx, v) {
		size_t line = lines[idx] ? lines[idx] : 1;
		struct entry en;
		json_t *d, *u;
		int y, m, dd;

		entry_init(&en);
		if (!json_is_object(v)) {
			rc = fail_line(list, err, line, MC_EINVAL, "mỗi mục phải là một đối tượng",
				       "each entry must be an object");
			break;
		}
		d = json_object_get(v, "date");
		u = json_object_get(v, "until");
		if (!json_is_string(d)) {
			rc = fail_line(list, err, line, MC_EINVAL, "thiếu \"date\" (YYYY-MM-DD)",
				       "\"date\" (YYYY-MM-DD) is missing");
			break;
		}
		if ((rc = set_date(&en.from, json_string_value(d), json_string_length(d), 0, list,
				   line, err)) != MC_OK)
			break;
		en.to = en.from;
		if (u && !json_is_null(u)) {
			if (!json_is_string(u)) {
				rc = fail_line(list, err, line, MC_EINVAL, "\"until\" phải là ngày",
					       "\"until\" must be a date");
				break;
			}
			if ((rc = set_date(&en.to, json_string_value(u), json_string_length(u), 0,
					   list, line, err)) != MC_OK)
				break;
		}
		caldate_to_ymd(en.to, &y, &m, &dd);
		if (year) {
			int y0;

			caldate_to_ymd(en.from, &y0, &m, &dd);
			if (y0 != year || y != year) {
				rc = fail_line(list, err, line, MC_EINVAL,
					       "ngày không thuộc năm khai báo ở \"year\"",
					       "the date is not in the year given by \"year\"");
				break;
			}
		}
		u = json_object_get(v, "kind");
		if (u && !json_is_string(u)) {
			rc = fail_line(list, err, line, MC_EINVAL,
				       "\"kind\" phải là off, work hoặc remove",
				       "\"kind\" must be off, work or remove");
			break;
		}
		if ((u && (rc = set_kind(&en, json_string_value(u), json_string_length(u), list,
					 line, err)) != MC_OK) ||
		    (rc = json_text(v, "reason_vi", en.reason_vi, NULL, list, line, err)) != MC_OK ||
		    (rc = json_text(v, "reason_en", en.reason_en, NULL, list, line, err)) != MC_OK ||
		    (rc = json_text(v, "source", en.source, default_source, list, line, err)) !=
			    MC_OK ||
		    (rc = push(tmp, &en, line, list, err)) != MC_OK)
			break;
	}
done:
	free(lines);
	json_decref(root);
	return rc;
}

/* ------------------------------------------------------------- public */

enum mc_err calimport_parse(enum calimport_format fmt, const char *text, size_t len,
			    struct calimport_list *list, struct mc_error *err)
{
	struct calimport_list tmp = {0};
	enum mc_err rc;

	list->error_line = 0;
	if (!text && len)
		return mc_fail(err, MC_EINVAL, "text", NULL, NULL);
	if (len > CALIMPORT_MAX_BYTES)
		return mc_fail(err, MC_ETOOBIG, "file", "Tệp lịch quá lớn (tối đa 1 MiB)",
			       "The calendar file is too large (at most 1 MiB)");
	if (memchr(text ? text : "", '\0', len))
		return mc_fail(err, MC_EINVAL, "file", "Tệp chứa ký tự NUL: không phải văn bản",
			       "The file contains NUL bytes: not a text file");
	if (fmt == CALIMPORT_UNKNOWN)
		fmt = calimport_format_guess(NULL, text, len);
	switch (fmt) {
	case CALIMPORT_CSV:
		rc = parse_csv(text, len, &tmp, list, err);
		break;
	case CALIMPORT_ICS:
		rc = parse_ics(text, len, &tmp, list, err);
		break;
	case CALIMPORT_JSON:
		rc = parse_json(text, len, &tmp, list, err);
		break;
	default:
		rc = mc_fail(err, MC_EINVAL, "format", "Định dạng tệp lịch không được hỗ trợ",
			     "Unsupported calendar file format");
	}
	if (rc == MC_OK && list->n + tmp.n > CALIMPORT_MAX_DAYS)
		rc = mc_fail(err, MC_ETOOBIG, "file", "Quá 5000 ngày trong danh sách",
			     "More than 5000 days in the list");
	if (rc == MC_OK && tmp.n) {
		if (list->n + tmp.n > list->cap) {
			size_t cap = list->n + tmp.n;
			struct holidays_override *p = realloc(list->items, cap * sizeof *p);

			if (!p) {
				rc = mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
				goto out;
			}
			list->items = p;
			list->cap = cap;
		}
		memcpy(list->items + list->n, tmp.items, tmp.n * sizeof *tmp.items);
		list->n += tmp.n;
	}
out:
	free(tmp.items);
	return rc;
}

enum mc_err calimport_load_file(const char *path, enum calimport_format fmt,
				struct calimport_list *list, struct mc_error *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n;
	enum mc_err rc;

	if (!f)
		return mc_failf(err, MC_EIO, "file", "Không mở được tệp %s: %s",
				"Cannot open %s: %s", path, strerror(errno));
	buf = malloc(CALIMPORT_MAX_BYTES + 1);
	if (!buf) {
		fclose(f);
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	}
	n = fread(buf, 1, CALIMPORT_MAX_BYTES + 1, f);
	if (ferror(f)) {
		rc = mc_failf(err, MC_EIO, "file", "Không đọc được tệp %s", "Cannot read %s", path);
	} else if (n > CALIMPORT_MAX_BYTES) {
		rc = mc_fail(err, MC_ETOOBIG, "file", "Tệp lịch quá lớn (tối đa 1 MiB)",
			     "The calendar file is too large (at most 1 MiB)");
	} else {
		if (fmt == CALIMPORT_UNKNOWN)
			fmt = calimport_format_guess(path, buf, n);
		rc = calimport_parse(fmt, buf, n, list, err);
	}
	free(buf);
	fclose(f);
	return rc;
}

enum mc_err calimport_to_json(const struct holidays_override *items, size_t n, char **out,
			      struct mc_error *err)
{
	json_t *root = json_object(), *arr = json_array();
	char date[11];

	*out = NULL;
	if (!root || !arr)
		goto nomem;
	if (json_object_set_new(root, "format", json_string("motcua-calendar")) ||
	    json_object_set_new(root, "version", json_integer(1)) ||
	    json_object_set(root, "entries", arr))
		goto nomem;
	for (size_t i = 0; i < n; i++) {
		json_t *e = json_object();

		if (!e || json_array_append_new(arr, e) ||
		    json_object_set_new(e, "date", json_string(caldate_format(items[i].day, date))) ||
		    json_object_set_new(e, "kind", json_string(holidays_kind_name(items[i].kind))) ||
		    json_object_set_new(e, "reason_vi", json_string(items[i].reason_vi)) ||
		    json_object_set_new(e, "reason_en", json_string(items[i].reason_en)) ||
		    json_object_set_new(e, "source", json_string(items[i].source)))
			goto nomem;
	}
	*out = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (!*out)
		goto nomem;
	json_decref(arr);
	json_decref(root);
	return MC_OK;
nomem:
	json_decref(arr);
	json_decref(root);
	return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
}
