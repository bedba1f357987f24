/*
 * caldate.c - day numbers <-> civil dates, with the days-from-civil algorithm
 * (eras of 400 years, March-based years so the leap day is last).
 */
#include "domain/caldate.h"

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int caldate_month_days(int y, int m)
{
	static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m < 1 || m > 12)
		return 0;
	return m == 2 && is_leap(y) ? 29 : len[m - 1];
}

int caldate_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= caldate_month_days(y, m);
}

int32_t caldate_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * 146097 + doe - 719468);
}

void caldate_to_ymd(int32_t day, int *y_out, int *m_out, int *d_out)
{
	int32_t z = day + 719468;
	int32_t era = (z >= 0 ? z : z - 146096) / 146097;
	int32_t doe = z - era * 146097;
	int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int32_t mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1);
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);
	int y = (int)(yoe + era * 400) + (m <= 2);

	*y_out = y;
	*m_out = m;
	*d_out = d;
}

int caldate_weekday(int32_t day)
{
	/* day 0 was a Thursday (ISO 4) */
	int r = (int)(((int64_t)day % 7 + 7 + 3) % 7);

	return r + 1;
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int caldate_parse(const char *s, int compact, int32_t *out)
{
	int y, m, d;

	if (!s)
		return -1;
	if (s[0] && s[1] && s[2] && s[3] && s[4] == '-') {
		if (digits(s, 4, &y) || digits(s + 5, 2, &m) || s[7] != '-' ||
		    digits(s + 8, 2, &d) || s[10] != '\0')
			return -1;
	} else if (compact) {
		if (digits(s, 4, &y) || digits(s + 4, 2, &m) || digits(s + 6, 2, &d) ||
		    s[8] != '\0')
			return -1;
	} else {
		return -1;
	}
	if (!caldate_valid(y, m, d))
		return -1;
	*out = caldate_from_ymd(y, m, d);
	return 0;
}

char *caldate_format(int32_t day, char *buf)
{
	int y, m, d;

	caldate_to_ymd(day, &y, &m, &d);
	y = ((y % 10000) + 10000) % 10000;
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
	return buf;
}
