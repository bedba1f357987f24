/*
 * caldate.h - civil dates as day numbers (proleptic Gregorian calendar).
 *
 * Every local date in the calendar code is an int32_t counting days since
 * 1970-01-01 (day 0, a Thursday): cheap to compare, subtract and index, and
 * free of time zones.  Which date an instant falls on depends on a UTC
 * offset; workcal_local_day() does that conversion.  Pure functions, no
 * state: safe from any thread.
 */
#ifndef MC_CALDATE_H
#define MC_CALDATE_H

#include <stdint.h>

/* Julian Day Number of day 0 (1970-01-01): jdn = day + CALDATE_JDN_EPOCH. */
#define CALDATE_JDN_EPOCH 2440588

/* 1 if y-m-d is a real date (years 1..9999), else 0. */
int caldate_valid(int y, int m, int d);

/* Day number of y-m-d (y-m-d must be valid: check with caldate_valid). */
int32_t caldate_from_ymd(int y, int m, int d);

/* Year, month (1-12) and day (1-31) of a day number. */
void caldate_to_ymd(int32_t day, int *y_out, int *m_out, int *d_out);

/* ISO weekday: 1 = Monday (thứ Hai) ... 6 = Saturday, 7 = Sunday. */
int caldate_weekday(int32_t day);

/* Days in month m of year y (28-31). */
int caldate_month_days(int y, int m);

/* Parse exactly "YYYY-MM-DD" (also "YYYYMMDD" when compact is 1, as iCalendar
 * writes it).  Returns 0 and sets *out, or -1 for anything else. */
int caldate_parse(const char *s, int compact, int32_t *out);

/* Write "YYYY-MM-DD" into buf (at least 11 bytes). Returns buf. */
char *caldate_format(int32_t day, char *buf);

#endif
