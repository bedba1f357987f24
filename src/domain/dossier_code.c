/*
 * dossier_code.c - format and strict parsing of dossier codes (TT 01/2018
 * art. 19) and public masking of names; see dossier_code.h.
 *
 * The parser looks at characters one by one against the fixed shape and
 * never converts with strtol/sscanf, which would accept signs, spaces and
 * overlong numbers: what is not exactly the shape is refused.
 */
#include "domain/dossier_code.h"

#include <stdio.h>
#include <string.h>

#include "core/utf8.h"
#include "domain/caldate.h"

#define FIRST_DAY_YEAR 2000
#define LAST_DAY_YEAR 2099

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_alnum_up(char c) { return is_digit(c) || is_upper(c); }

/* "DDD.DD.DD.LDD" at s (exactly DOSSIER_CODE_AGENCY_LEN bytes read). */
static bool agency_shape(const char *s)
{
	static const char shape[] = "xxx.xx.xx.Ldd";

	for (int i = 0; i < DOSSIER_CODE_AGENCY_LEN; i++) {
		char c = s[i];

		switch (shape[i]) {
		case 'x':
			if (!is_alnum_up(c))
				return false;
			break;
		case 'L':
			if (!is_upper(c))
				return false;
			break;
		case 'd':
			if (!is_digit(c))
				return false;
			break;
		default:
			if (c != shape[i])
				return false;
		}
	}
	return true;
}

bool dossier_code_agency_valid(const char *agency)
{
	return agency && strnlen(agency, DOSSIER_CODE_AGENCY_LEN + 1) == DOSSIER_CODE_AGENCY_LEN &&
	       agency_shape(agency);
}

int32_t dossier_code_local_day(int64_t t, int utc_offset_min)
{
	int64_t s = t + (int64_t)utc_offset_min * 60;
	int64_t d = s / 86400;

	if (s % 86400 < 0) /* floor, for instants before 1970 */
		d--;
	return (int32_t)d;
}

static bool day_in_range(int32_t day)
{
	return day >= caldate_from_ymd(FIRST_DAY_YEAR, 1, 1) &&
	       day <= caldate_from_ymd(LAST_DAY_YEAR, 12, 31);
}

enum mc_err dossier_code_format(const char *agency, int32_t day, int seq,
				char out[DOSSIER_CODE_SIZE], struct mc_error *err)
{
	int y, m, d;

	out[0] = '\0';
	if (!dossier_code_agency_valid(agency))
		return mc_fail(err, MC_EINVAL, "agency",
			       "Mã cơ quan không hợp lệ (dạng 000.00.27.H21)",
			       "Invalid agency code (like 000.00.27.H21)");
	if (!day_in_range(day))
		return mc_fail(err, MC_EINVAL, "day",
			       "Ngày tiếp nhận phải trong các năm 2000-2099",
			       "The receipt date must be in the years 2000-2099");
	if (seq < 1 || seq > DOSSIER_CODE_SEQ_MAX)
		return mc_failf(err, MC_EINVAL, "seq",
				"Số thứ tự hồ sơ trong ngày phải từ 1 đến %d (đã hết số trong ngày)",
				"The daily dossier number must be 1 to %d (the day's numbers are used up)",
				DOSSIER_CODE_SEQ_MAX);
	caldate_to_ymd(day, &y, &m, &d);
	snprintf(out, DOSSIER_CODE_SIZE, "%s-%02d%02d%02d-%04d", agency, y % 100, m, d, seq);
	return MC_OK;
}

static int num(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

enum mc_err dossier_code_parse(const char *text, struct dossier_code *out,
			       struct mc_error *err)
{
	/* offsets in "000.00.27.H21-260315-0042" */
	enum { DASH1 = 13, DATE = 14, DASH2 = 20, SEQ = 21 };
	int y, m, d, seq;

	memset(out, 0, sizeof *out);
	if (!text || strnlen(text, DOSSIER_CODE_LEN + 1) != DOSSIER_CODE_LEN)
		goto bad;
	if (!agency_shape(text) || text[DASH1] != '-' || text[DASH2] != '-')
		goto bad;
	for (int i = 0; i < 6; i++)
		if (!is_digit(text[DATE + i]))
			goto bad;
	for (int i = 0; i < 4; i++)
		if (!is_digit(text[SEQ + i]))
			goto bad;
	y = 2000 + num(text + DATE, 2);
	m = num(text + DATE + 2, 2);
	d = num(text + DATE + 4, 2);
	seq = num(text + SEQ, 4);
	if (!caldate_valid(y, m, d) || seq < 1)
		goto bad;
	memcpy(out->agency, text, DOSSIER_CODE_AGENCY_LEN);
	out->agency[DOSSIER_CODE_AGENCY_LEN] = '\0';
	out->day = caldate_from_ymd(y, m, d);
	out->seq = seq;
	return MC_OK;
bad:
	return mc_fail(err, MC_EINVAL, "code",
		       "Mã hồ sơ không hợp lệ (dạng 000.00.27.H21-260315-0042)",
		       "Invalid dossier code (like 000.00.27.H21-260315-0042)");
}

bool dossier_code_valid(const char *text)
{
	struct dossier_code c;

	return dossier_code_parse(text, &c, NULL) == MC_OK;
}

/* ------------------------------------------------------------ name masking */

/* Decode one code point of valid UTF-8 at s; *len gets its byte length. */
static unsigned decode(const unsigned char *s, size_t *len)
{
	if (s[0] < 0x80) {
		*len = 1;
		return s[0];
	}
	if ((s[0] & 0xE0) == 0xC0) {
		*len = 2;
		return (unsigned)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
	}
	if ((s[0] & 0xF0) == 0xE0) {
		*len = 3;
		return (unsigned)(s[0] & 0x0F) << 12 | (unsigned)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
	}
	*len = 4;
	return (unsigned)(s[0] & 0x07) << 18 | (unsigned)(s[1] & 0x3F) << 12 |
	       (unsigned)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
}

static bool is_space(unsigned cp)
{
	return cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x3000;
}

/* Combining marks that belong to the letter before them (a name typed on a
 * system that writes Vietnamese decomposed: "A" + U+0306 + U+0301 = "Ắ"). */
static bool is_combining(unsigned cp)
{
	return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
	       (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
	       (cp >= 0xFE20 && cp <= 0xFE2F);
}

struct sink {
	char *p;
	size_t left; /* bytes left, room for the final NUL included */
	bool full;
};

static void put(struct sink *k, const char *s, size_t n)
{
	if (k->full || n >= k->left) {
		k->full = true;
		return;
	}
	memcpy(k->p, s, n);
	k->p += n;
	k->left -= n;
	*k->p = '\0';
}

enum mc_err dossier_code_mask_name(const char *name, char *out, size_t size,
				   struct mc_error *err)
{
	const unsigned char *s = (const unsigned char *)name;
	struct sink k = {out, size, false};
	size_t len, n = 0, words = 0;

	if (!out || size == 0)
		return mc_fail(err, MC_EINVAL, "name", NULL, NULL);
	out[0] = '\0';
	if (!name || !utf8_is_clean_text(name, false))
		return mc_fail(err, MC_EINVAL, "name", "Họ tên không hợp lệ",
			       "Invalid name");
	len = strlen(name);
	while (n < len) {
		size_t cl, start, end;

		/* skip separators */
		while (n < len && is_space(decode(s + n, &cl)))
			n += cl;
		if (n >= len)
			break;
		start = n;
		while (n < len && !is_space(decode(s + n, &cl)))
			n += cl;
		end = n;
		if (words++)
			put(&k, " ", 1);
		if (words == 1) {
			/* the family name, kept whole, unless it is the only word
			 * (decided once the next word is seen, or at the end) */
			put(&k, name + start, end - start);
			continue;
		}
		/* initial: one letter and the combining marks that follow it */
		decode(s + start, &cl);
		{
			size_t e = start + cl;

			while (e < end && is_combining(decode(s + e, &cl)))
				e += cl;
			put(&k, name + start, e - start);
		}
		put(&k, ".", 1);
	}
	if (words == 0) {
		out[0] = '\0';
		return mc_fail(err, MC_EINVAL, "name", "Họ tên trống", "The name is empty");
	}
	if (words == 1) {
		/* one word: show only its initial, as for a given name */
		size_t cl, e;

		while (is_space(decode(s, &cl)))
			s += cl;
		decode(s, &cl);
		e = cl;
		while (s[e] && is_combining(decode(s + e, &cl)))
			e += cl;
		k.p = out;
		k.left = size;
		k.full = false;
		out[0] = '\0';
		put(&k, (const char *)s, e);
		put(&k, ".", 1);
	}
	if (k.full) {
		out[0] = '\0';
		return mc_fail(err, MC_EINVAL, "name", "Vùng ghi họ tên quá nhỏ",
			       "The output buffer for the name is too small");
	}
	return MC_OK;
}
