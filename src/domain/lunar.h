/*
 * lunar.h - the Vietnamese lunisolar calendar (âm lịch), computed from the
 * astronomy for a given time zone (UTC+7 for Vietnam, +420 minutes).
 *
 * Rules (the ones shared by the Vietnamese and Chinese calendars; only the
 * time zone differs, which is why Tết can fall a day or a month apart):
 *   - a month starts on the local day of a new moon;
 *   - the winter solstice always falls in the 11th month;
 *   - when 13 new moons start between two 11th months, the first month after
 *     the 11th that contains no major solar term (trung khí, a multiple of
 *     30 degrees of solar longitude) is a leap month (tháng nhuận) and takes
 *     the number of the month before it.
 * New moons: Meeus, "Astronomical Algorithms", ch. 49 (with the planetary
 * terms); solar longitude: Meeus ch. 25 (apparent, about 0.01 degree);
 * Delta T: the Espenak-Meeus polynomials.  Written from those formulas.
 * Checked for 1900-2100; years outside 1801-2198 are refused.
 *
 * Pure functions of their arguments, no caches: safe from any thread.
 * Dates are day numbers (caldate.h).
 */
#ifndef MC_LUNAR_H
#define MC_LUNAR_H

#include <stdint.h>

#include "core/err.h"

#define LUNAR_TZ_VIETNAM 420 /* UTC+7, minutes */
#define LUNAR_TZ_CHINA 480   /* UTC+8: for comparisons only */

struct lunar_date {
	int year;  /* the lunar year, named by the Gregorian year in which its
		      month 1 starts: Tết 2025 (29 Jan 2025) opens year 2025 */
	int month; /* 1-12 (12 = tháng Chạp, 1 = tháng Giêng) */
	int day;   /* 1-30 */
	int leap;  /* 1 for the leap month (tháng nhuận) */
};

/* Lunar date of a solar day (caldate day number) for a time zone offset in
 * minutes.  MC_EINVAL when the day is outside the supported years. */
enum mc_err lunar_from_solar(int32_t day, int tz_min, struct lunar_date *out,
			     struct mc_error *err);

/* Solar day of a lunar date.  MC_EINVAL for a day 30 in a 29-day month, a
 * leap flag on a month that is not leap that year, or years out of range. */
enum mc_err lunar_to_solar(const struct lunar_date *ld, int tz_min, int32_t *day_out,
			   struct mc_error *err);

/* Number of days (29 or 30) of the lunar month that contains solar day. */
int lunar_month_length(int32_t day, int tz_min);

/* The leap month of lunar year y (1-12), or 0 if the year has none. */
int lunar_leap_month(int year, int tz_min);

/* Can Chi name of a lunar year, e.g. 2025 -> "Ất Tỵ" (UTF-8), written into
 * buf (24 bytes are enough); returns buf. */
const char *lunar_year_name(int year, char *buf, unsigned size);

/* The instant of the k-th new moon after (k < 0: before) that of
 * 2000-01-06, as a Julian Day in Universal Time.  Exposed for tests and for
 * the CLI's "lunar" command. */
double lunar_new_moon_jd(int k);

/* Apparent solar longitude in degrees [0, 360) at a Julian Day (UT). */
double lunar_sun_longitude(double jd_ut);

#endif
