/*
 * holidays.h - which days public servants do not work, year by year.
 *
 * Three layers, applied in this order for a Gregorian year:
 *   1. statutory holidays (Bộ luật Lao động 2019, art. 112), computed from
 *      dated rules: holidays_statutory();
 *   2. compensation (art. 111.3): a holiday on a weekly day off moves to the
 *      next working day that is neither a weekly day off, a holiday nor
 *      already a compensation day (holidays in date order);
 *   3. overrides, the yearly official schedules and unit decisions:
 *        REMOVE  drops a statutory holiday before step 2 (so its
 *                compensation day disappears too);
 *        OFF     makes a date a day off (Tết days decided by the Prime
 *                Minister, a weekday swapped away);
 *        WORK    makes a date a working day (the Saturday worked in
 *                exchange).
 *      OFF and WORK are applied after step 2, in list order: a later entry for
 *      the same date wins, so append a unit's list after the national one.
 * holidays_year() does all three and yields one status per day of the year.
 *
 * Pure functions; no state.  Thread-safe.
 */
#ifndef MC_HOLIDAYS_H
#define MC_HOLIDAYS_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

enum holidays_id {
	HOLIDAYS_NONE = 0,
	HOLIDAYS_NEW_YEAR,      /* 1/1 */
	HOLIDAYS_TET,           /* Tết Âm lịch, 5 days */
	HOLIDAYS_HUNG_KINGS,    /* Giỗ Tổ Hùng Vương, 10/3 lunar */
	HOLIDAYS_REUNIFICATION, /* 30/4 */
	HOLIDAYS_LABOUR,        /* 1/5 */
	HOLIDAYS_NATIONAL,      /* Quốc khánh 2/9 */
	HOLIDAYS_NATIONAL_EXTRA,/* the day next to 2/9 (1/9 or 3/9), from 2021 */
	HOLIDAYS_CULTURE,       /* Ngày Văn hóa Việt Nam 24/11, from 2026 (to verify) */
	HOLIDAYS__COUNT
};

/* The statutory rules, with their dates of effect.  Get the defaults with
 * holidays_rules_default() and change what a deployment needs. */
struct holidays_rules {
	int lunar_tz_min;        /* zone of the lunar calendar: 420 (UTC+7) */
	int tet_days;            /* 5 (art. 112.1.b) */
	int tet_days_before;     /* days before mùng 1: 2 (28/29 and 29/30
				    tháng Chạp, then mùng 1-3); with the
				    compensation rule this reproduces every
				    official Tết schedule of 2020-2026 */
	int national_extra_from; /* first year with the extra Quốc khánh day: 2021 */
	int culture_day_from;    /* first year with 24/11 off: 2026; 0 = never */
	int compensate;          /* 1: apply art. 111.3 (default) */
};

void holidays_rules_default(struct holidays_rules *out);

/* Names of a holiday, static UTF-8 strings ("" for HOLIDAYS_NONE). */
const char *holidays_name_vi(enum holidays_id id);
const char *holidays_name_en(enum holidays_id id);
/* The legal basis of a holiday (static). */
const char *holidays_source(enum holidays_id id);
/* "Nghỉ bù Tết Âm lịch" / "Compensatory day off for Tết" (static). */
const char *holidays_compensation_vi(enum holidays_id id);
const char *holidays_compensation_en(enum holidays_id id);
#define HOLIDAYS_COMPENSATION_SOURCE "Bộ luật Lao động 2019, Điều 111 khoản 3"
#define HOLIDAYS_WEEKLY_SOURCE "Quyết định 188/1999/QĐ-TTg (tuần làm việc 40 giờ)"

/* One statutory holiday date. */
struct holidays_date {
	int32_t day; /* caldate day number */
	enum holidays_id id;
};

#define HOLIDAYS_MAX_PER_YEAR 16

/* The statutory holidays of Gregorian year `year` (1801-2198), sorted by date,
 * into out[HOLIDAYS_MAX_PER_YEAR]; returns how many (0 on a year out of
 * range).  weekly_off (bit 1 << (iso_weekday - 1); Sat|Sun = 0x60) picks the
 * extra Quốc khánh day: the neighbour of 2/9 that is a working day; if both
 * are, the one next to a weekly day off; if still tied, 1/9. */
size_t holidays_statutory(const struct holidays_rules *rules, int year, unsigned weekly_off,
			  struct holidays_date out[HOLIDAYS_MAX_PER_YEAR]);

/* ---- overrides ---- */

enum holidays_kind {
	HOLIDAYS_OFF = 1, /* extra day off */
	HOLIDAYS_WORK,    /* working day (swap) */
	HOLIDAYS_REMOVE   /* statutory holiday not observed */
};

#define HOLIDAYS_TEXT_MAX 240 /* bytes, with the NUL: reasons and sources */

/* One override: a plain value (no pointers), so arrays of them can be copied
 * with memcpy and freed with free(). */
struct holidays_override {
	int32_t day;
	enum holidays_kind kind;
	char reason_vi[HOLIDAYS_TEXT_MAX];
	char reason_en[HOLIDAYS_TEXT_MAX];
	char source[HOLIDAYS_TEXT_MAX]; /* the decision: "Công văn 8726/VPCP-KGVX ..." */
};

/* "off" / "work" / "remove" and back; holidays_kind_parse returns 0 if unknown. */
const char *holidays_kind_name(enum holidays_kind kind);
enum holidays_kind holidays_kind_parse(const char *s);

/* ---- one year, day by day ---- */

enum holidays_why {
	HOLIDAYS_WORKDAY = 0,  /* an ordinary working day */
	HOLIDAYS_WEEKLY,       /* weekly day off */
	HOLIDAYS_HOLIDAY,      /* statutory holiday (holiday = which) */
	HOLIDAYS_COMPENSATION, /* nghỉ bù for holiday `holiday` on ref_day */
	HOLIDAYS_OVERRIDE_OFF, /* override `ref` (index in the list) */
	HOLIDAYS_OVERRIDE_WORK /* override `ref`: worked although normally off */
};

struct holidays_daystat {
	uint8_t off;         /* 1: no work this day */
	uint8_t weekly_off;  /* 1: the weekday is a weekly day off */
	uint8_t why;         /* enum holidays_why */
	uint8_t holiday;     /* enum holidays_id: the statutory holiday on this
				date, or compensated by it (even when an
				override decides the status) */
	int32_t ref;         /* COMPENSATION: the holiday's day number;
				OVERRIDE_*: index into the override list; else -1 */
};

/* Status of every day of `year` into out[0 .. days-in-year - 1] (out[0] is
 * 1 January).  Overrides dated in other years are ignored.  MC_EINVAL when
 * the year is out of range. */
enum mc_err holidays_year(const struct holidays_rules *rules, int year, unsigned weekly_off,
			  const struct holidays_override *ov, size_t n_ov,
			  struct holidays_daystat out[366], struct mc_error *err);

#endif
