/*
 * timefmt.c - parsing and formatting instants (see timefmt.h), on the
 * calendar arithmetic of caldate.c.
 */
#include "domain/timefmt.h"

#include <stdio.h>
#include <string.h>

#include "domain/caldate.h"

static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

enum mc_err timefmt_parse(const char *s, int offset_min, int64_t *out, const char *field, struct mc_error *err)
{
	int y, mo, d, h, mi, sec = 0, n = 0, oh, om;
	const char *rest;
	char sign;

	if (!s || strlen(s) > 40 || sscanf(s, "%4d-%2d-%2d%*1[ T]%2d:%2d%n", &y, &mo, &d, &h, &mi, &n) != 5 || n != 16)
		goto bad;
	rest = s + n;
	if (rest[0] == ':') {
		if (sscanf(rest, ":%2d%n", &sec, &n) != 1 || n != 3)
			goto bad;
		rest += 3;
	}
	if (!strcmp(rest, "Z")) {
		offset_min = 0;
	} else if (*rest == '+' || *rest == '-') {
		sign = *rest;
		if (strlen(rest) == 6 && sscanf(rest + 1, "%2d:%2d", &oh, &om) == 2)
			;
		else if (strlen(rest) == 5 && sscanf(rest + 1, "%2d%2d", &oh, &om) == 2)
			;
		else
			goto bad;
		if (oh > 14 || om > 59)
			goto bad;
		offset_min = (sign == '-' ? -1 : 1) * (oh * 60 + om);
	} else if (*rest) {
		goto bad;
	}
	if (!caldate_valid(y, mo, d) || h > 23 || mi > 59 || sec > 59 || h < 0 || mi < 0 || sec < 0)
		goto bad;
	*out = (int64_t)caldate_from_ymd(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - (int64_t)offset_min * 60;
	return MC_OK;
bad:
	return mc_failf(err, MC_EINVAL, field,
			"Thời điểm '%.40s' không hợp lệ (dạng 2026-02-13 16:59)",
			"Invalid time '%.40s' (expected e.g. 2026-02-13 16:59)", s ? s : "");
}

static void split(int64_t t, int offset_min, int *y, int *mo, int *d, int *h, int *mi, int *sec)
{
	int64_t local = t + (int64_t)offset_min * 60;
	int64_t day = floor_div(local, 86400);
	int64_t rem = local - day * 86400;

	caldate_to_ymd((int32_t)day, y, mo, d);
	*h = (int)(rem / 3600);
	*mi = (int)(rem % 3600 / 60);
	*sec = (int)(rem % 60);
}

/* Unsigned and reduced, so the compiler can see every field's width. */
#define U2(v) ((unsigned)(v) % 100u)
#define U4(v) ((unsigned)(v) % 10000u)

char *timefmt_local(int64_t t, int offset_min, char *buf)
{
	int y, mo, d, h, mi, sec, off = offset_min < 0 ? -offset_min : offset_min;

	split(t, offset_min, &y, &mo, &d, &h, &mi, &sec);
	snprintf(buf, 26, "%04u-%02u-%02uT%02u:%02u:%02u%c%02u:%02u", U4(y), U2(mo), U2(d), U2(h), U2(mi), U2(sec),
		 offset_min < 0 ? '-' : '+', U2(off / 60), U2(off % 60));
	return buf;
}

char *timefmt_local_short(int64_t t, int offset_min, char *buf)
{
	int y, mo, d, h, mi, sec;

	split(t, offset_min, &y, &mo, &d, &h, &mi, &sec);
	snprintf(buf, 17, "%04u-%02u-%02u %02u:%02u", U4(y), U2(mo), U2(d), U2(h), U2(mi));
	return buf;
}

char *timefmt_utc(int64_t t, char *buf)
{
	int y, mo, d, h, mi, sec;

	split(t, 0, &y, &mo, &d, &h, &mi, &sec);
	snprintf(buf, 21, "%04u-%02u-%02uT%02u:%02u:%02uZ", U4(y), U2(mo), U2(d), U2(h), U2(mi), U2(sec));
	return buf;
}
