/*
 * lunar.c - Vietnamese lunisolar calendar from first principles (see lunar.h
 * for the rules and the sources of the formulas).
 *
 * Times are Julian Days.  Meeus's new-moon series gives Terrestrial Time; we
 * subtract Delta T to get Universal Time, then add the zone offset to find the
 * local civil day.  Solar terms are tested at local midnights: a month (from
 * its first day to the first day of the next) contains a major term iff the
 * sector floor(longitude / 30) changes between those two midnights.
 */
#include "domain/lunar.h"

#include <math.h>
#include <stdio.h>

#include "domain/caldate.h"

#define PI 3.14159265358979323846
#define RAD (PI / 180.0)
#define SYNODIC 29.530588861
#define YEAR_MIN 1800
#define YEAR_MAX 2199

/* Delta T = TT - UT in seconds (Espenak & Meeus, NASA eclipse pages). */
static double delta_t(double year)
{
	double t, u;

	if (year < 1860 || year >= 2150) {
		u = (year - 1820) / 100;
		return -20 + 32 * u * u;
	}
	if (year < 1900) {
		t = year - 1860;
		return 7.62 + 0.5737 * t - 0.251754 * t * t + 0.01680668 * t * t * t -
		       0.0004473624 * pow(t, 4) + pow(t, 5) / 233174;
	}
	if (year < 1920) {
		t = year - 1900;
		return -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * t * t * t -
		       0.000197 * pow(t, 4);
	}
	if (year < 1941) {
		t = year - 1920;
		return 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * t * t * t;
	}
	if (year < 1961) {
		t = year - 1950;
		return 29.07 + 0.407 * t - t * t / 233 + t * t * t / 2547;
	}
	if (year < 1986) {
		t = year - 1975;
		return 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718;
	}
	if (year < 2005) {
		t = year - 2000;
		return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t * t * t +
		       0.000651814 * pow(t, 4) + 0.00002373599 * pow(t, 5);
	}
	if (year < 2050) {
		t = year - 2000;
		return 62.92 + 0.32217 * t + 0.005589 * t * t;
	}
	u = (year - 1820) / 100;
	return -20 + 32 * u * u - 0.5628 * (2150 - year);
}

static double jd_to_year(double jd)
{
	return 2000.0 + (jd - 2451545.0) / 365.25;
}

static double norm360(double a)
{
	a = fmod(a, 360.0);
	return a < 0 ? a + 360.0 : a;
}

/* Meeus ch. 49: true (corrected) new moon number k, as JDE (TT). */
static double new_moon_jde(int k)
{
	static const double pa[14][3] = {
		{299.77, 0.107408, 0.000325}, {251.88, 0.016321, 0.000165},
		{251.83, 26.651886, 0.000164}, {349.42, 36.412478, 0.000126},
		{84.66, 18.206239, 0.000110}, {141.74, 53.303771, 0.000062},
		{207.14, 2.453732, 0.000060}, {154.84, 7.306860, 0.000056},
		{34.52, 27.261239, 0.000047}, {207.19, 0.121824, 0.000042},
		{291.34, 1.844379, 0.000040}, {161.72, 24.198154, 0.000037},
		{239.56, 25.513099, 0.000035}, {331.55, 3.592518, 0.000023},
	};
	double kk = k, T = kk / 1236.85, T2 = T * T, T3 = T2 * T, T4 = T3 * T;
	double jde = 2451550.09766 + SYNODIC * kk + 0.00015437 * T2 - 0.000000150 * T3 +
		     0.00000000073 * T4;
	double E = 1 - 0.002516 * T - 0.0000074 * T2;
	double M = (2.5534 + 29.10535670 * kk - 0.0000014 * T2 - 0.00000011 * T3) * RAD;
	double Mp = (201.5643 + 385.81693528 * kk + 0.0107582 * T2 + 0.00001238 * T3 -
		     0.000000058 * T4) * RAD;
	double F = (160.7108 + 390.67050284 * kk - 0.0016118 * T2 - 0.00000227 * T3 +
		    0.000000011 * T4) * RAD;
	double Om = (124.7746 - 1.56375588 * kk + 0.0020672 * T2 + 0.00000215 * T3) * RAD;
	double c = 0;

	c += -0.40720 * sin(Mp);
	c += 0.17241 * E * sin(M);
	c += 0.01608 * sin(2 * Mp);
	c += 0.01039 * sin(2 * F);
	c += 0.00739 * E * sin(Mp - M);
	c += -0.00514 * E * sin(Mp + M);
	c += 0.00208 * E * E * sin(2 * M);
	c += -0.00111 * sin(Mp - 2 * F);
	c += -0.00057 * sin(Mp + 2 * F);
	c += 0.00056 * E * sin(2 * Mp + M);
	c += -0.00042 * sin(3 * Mp);
	c += 0.00042 * E * sin(M + 2 * F);
	c += 0.00038 * E * sin(M - 2 * F);
	c += -0.00024 * E * sin(2 * Mp - M);
	c += -0.00017 * sin(Om);
	c += -0.00007 * sin(Mp + 2 * M);
	c += 0.00004 * sin(2 * Mp - 2 * F);
	c += 0.00004 * sin(3 * M);
	c += 0.00003 * sin(Mp + M - 2 * F);
	c += 0.00003 * sin(2 * Mp + 2 * F);
	c += -0.00003 * sin(Mp + M + 2 * F);
	c += 0.00003 * sin(Mp - M + 2 * F);
	c += -0.00002 * sin(Mp - M - 2 * F);
	c += -0.00002 * sin(3 * Mp + M);
	c += 0.00002 * sin(4 * Mp);

	for (int i = 0; i < 14; i++) {
		double a = pa[i][0] + pa[i][1] * kk;

		if (i == 0)
			a -= 0.009173 * T2;
		c += pa[i][2] * sin(a * RAD);
	}
	return jde + c;
}

double lunar_new_moon_jd(int k)
{
	double jde = new_moon_jde(k);

	return jde - delta_t(jd_to_year(jde)) / 86400.0;
}

/* Meeus ch. 25, low accuracy: apparent longitude of the Sun (degrees). */
static double sun_longitude_tt(double jde)
{
	double T = (jde - 2451545.0) / 36525.0, T2 = T * T;
	double L0 = 280.46646 + 36000.76983 * T + 0.0003032 * T2;
	double M = (357.52911 + 35999.05029 * T - 0.0001537 * T2) * RAD;
	double C = (1.914602 - 0.004817 * T - 0.000014 * T2) * sin(M) +
		   (0.019993 - 0.000101 * T) * sin(2 * M) + 0.000289 * sin(3 * M);
	double om = (125.04 - 1934.136 * T) * RAD;

	return norm360(L0 + C - 0.00569 - 0.00478 * sin(om));
}

double lunar_sun_longitude(double jd_ut)
{
	return sun_longitude_tt(jd_ut + delta_t(jd_to_year(jd_ut)) / 86400.0);
}

/* Julian Day Number of the local civil day containing instant jd (UT). */
static int32_t local_jdn(double jd_ut, int tz_min)
{
	return (int32_t)floor(jd_ut + 0.5 + tz_min / 1440.0);
}

static int32_t new_moon_day(int k, int tz_min)
{
	return local_jdn(lunar_new_moon_jd(k), tz_min);
}

/* Sector (0-11) of the solar longitude at local midnight opening day jdn. */
static int term_at(int32_t jdn, int tz_min)
{
	double jd = jdn - 0.5 - tz_min / 1440.0;

	return (int)(lunar_sun_longitude(jd) / 30.0) % 12;
}

/* Lunation k whose local start day is <= jdn < start of k + 1. */
static int lunation_of(int32_t jdn, int tz_min)
{
	int k = (int)floor((jdn - 2451550.1) / SYNODIC);

	while (new_moon_day(k, tz_min) > jdn)
		k--;
	while (new_moon_day(k + 1, tz_min) <= jdn)
		k++;
	return k;
}

/* Lunation holding the winter solstice of Gregorian year y: the 11th month. */
static int month11(int y, int tz_min)
{
	int32_t jdn = caldate_from_ymd(y, 12, 17) + CALDATE_JDN_EPOCH;

	/* the solstice day: the last day whose opening midnight is before 270 deg */
	while (term_at(jdn + 1, tz_min) != 9)
		jdn++;
	return lunation_of(jdn, tz_min);
}

/* Index (1-12, counted from the 11th month ka) of the leap month of the
 * lunar span [ka, kb) when it holds 13 lunations, else 0. */
static int leap_index(int ka, int kb, int tz_min)
{
	if (kb - ka != 13)
		return 0;
	for (int i = 1; i < 13; i++) {
		int32_t s = new_moon_day(ka + i, tz_min), e = new_moon_day(ka + i + 1, tz_min);

		if (term_at(s, tz_min) == term_at(e, tz_min))
			return i;
	}
	return 0; /* cannot happen: 13 lunations hold only 12 major terms */
}

static int year_ok(int y)
{
	return y >= YEAR_MIN && y <= YEAR_MAX;
}

enum mc_err lunar_from_solar(int32_t day, int tz_min, struct lunar_date *out,
			     struct mc_error *err)
{
	int32_t jdn = day + CALDATE_JDN_EPOCH;
	int y, m, d, ka, kb, k, idx, leap, raw, base;

	caldate_to_ymd(day, &y, &m, &d);
	if (!year_ok(y - 1) || !year_ok(y + 1))
		return mc_failf(err, MC_EINVAL, "date",
				"Năm %d nằm ngoài phạm vi lịch âm (1801-2198)",
				"Year %d is outside the lunar calendar range (1801-2198)", y);
	ka = month11(y - 1, tz_min);
	kb = month11(y, tz_min);
	base = y - 1;
	if (jdn >= new_moon_day(kb, tz_min)) {
		ka = kb;
		kb = month11(y + 1, tz_min);
		base = y;
	}
	k = lunation_of(jdn, tz_min);
	idx = k - ka;
	leap = leap_index(ka, kb, tz_min);
	out->leap = leap && idx == leap;
	raw = leap && idx >= leap ? idx - 1 : idx;
	out->month = 11 + raw;
	out->year = base;
	if (out->month > 12) {
		out->month -= 12;
		out->year++;
	}
	out->day = jdn - new_moon_day(k, tz_min) + 1;
	return MC_OK;
}

enum mc_err lunar_to_solar(const struct lunar_date *ld, int tz_min, int32_t *day_out,
			   struct mc_error *err)
{
	int base, ka, kb, leap, raw, idx;
	int32_t start, len;

	if (!year_ok(ld->year - 1) || !year_ok(ld->year + 1))
		return mc_failf(err, MC_EINVAL, "year",
				"Năm âm lịch %d nằm ngoài phạm vi (1801-2198)",
				"Lunar year %d is out of range (1801-2198)", ld->year);
	if (ld->month < 1 || ld->month > 12 || ld->day < 1 || ld->day > 30)
		return mc_failf(err, MC_EINVAL, "date", "Ngày âm lịch %d/%d không hợp lệ",
				"Invalid lunar date %d/%d", ld->day, ld->month);
	base = ld->month >= 11 ? ld->year : ld->year - 1;
	ka = month11(base, tz_min);
	kb = month11(base + 1, tz_min);
	leap = leap_index(ka, kb, tz_min);
	raw = ld->month >= 11 ? ld->month - 11 : ld->month + 1;
	if (ld->leap) {
		if (!leap || leap != raw + 1)
			return mc_failf(err, MC_EINVAL, "leap",
					"Năm âm lịch %d không có tháng %d nhuận",
					"Lunar year %d has no leap month %d", ld->year, ld->month);
		idx = leap;
	} else {
		idx = leap && raw >= leap ? raw + 1 : raw;
	}
	start = new_moon_day(ka + idx, tz_min);
	len = new_moon_day(ka + idx + 1, tz_min) - start;
	if (ld->day > len)
		return mc_failf(err, MC_EINVAL, "day",
				"Tháng %d âm lịch năm %d chỉ có %d ngày",
				"Lunar month %d of year %d has only %d days", ld->month, ld->year,
				(int)len);
	*day_out = start + ld->day - 1 - CALDATE_JDN_EPOCH;
	return MC_OK;
}

int lunar_month_length(int32_t day, int tz_min)
{
	int k = lunation_of(day + CALDATE_JDN_EPOCH, tz_min);

	return new_moon_day(k + 1, tz_min) - new_moon_day(k, tz_min);
}

int lunar_leap_month(int year, int tz_min)
{
	/* a leap month of lunar year y lies in the span from the 11th month of
	 * y-1 to that of y (months 11, 12 of y-1 belong to lunar year y-1 but
	 * a leap 11 or 12 there is reported for year y-1 by the next span) */
	int ka, kb, leap;

	if (!year_ok(year - 1) || !year_ok(year + 1))
		return 0;
	ka = month11(year - 1, tz_min);
	kb = month11(year, tz_min);
	leap = leap_index(ka, kb, tz_min);
	if (leap >= 3) /* raw month 11 + leap - 1 - 12 = months 1..10 */
		return leap - 2;
	/* leap 11 or 12 of this lunar year lies in the next span */
	ka = kb;
	kb = month11(year + 1, tz_min);
	leap = leap_index(ka, kb, tz_min);
	if (leap == 1 || leap == 2)
		return 10 + leap;
	return 0;
}

const char *lunar_year_name(int year, char *buf, unsigned size)
{
	static const char *can[10] = {"Giáp", "Ất", "Bính", "Đinh", "Mậu",
				      "Kỷ", "Canh", "Tân", "Nhâm", "Quý"};
	static const char *chi[12] = {"Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ",
				      "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"};
	int c = ((year + 6) % 10 + 10) % 10, h = ((year + 8) % 12 + 12) % 12;

	snprintf(buf, size, "%s %s", can[c], chi[h]);
	return buf;
}
