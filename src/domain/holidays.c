/*
 * holidays.c - statutory holidays of Vietnam's Labour Code 2019 (art. 112),
 * the compensatory day rule (art. 111.3) and yearly overrides (holidays.h).
 */
#include "domain/holidays.h"

#include <string.h>

#include "domain/caldate.h"
#include "domain/lunar.h"

void holidays_rules_default(struct holidays_rules *out)
{
	out->lunar_tz_min = LUNAR_TZ_VIETNAM;
	out->tet_days = 5;
	out->tet_days_before = 2;
	out->national_extra_from = 2021;
	out->culture_day_from = 2026;
	out->compensate = 1;
}

static const struct {
	const char *vi, *en, *src;
} names[HOLIDAYS__COUNT] = {
	[HOLIDAYS_NONE] = {"", "", ""},
	[HOLIDAYS_NEW_YEAR] = {"Tết Dương lịch", "New Year's Day",
			       "Bộ luật Lao động 2019, Điều 112 khoản 1"},
	[HOLIDAYS_TET] = {"Tết Âm lịch", "Lunar New Year (Tết)",
			  "Bộ luật Lao động 2019, Điều 112 khoản 1"},
	[HOLIDAYS_HUNG_KINGS] = {"Giỗ Tổ Hùng Vương (10/3 âm lịch)",
				 "Hung Kings' Commemoration Day (10th day of the 3rd lunar month)",
				 "Bộ luật Lao động 2019, Điều 112 khoản 1"},
	[HOLIDAYS_REUNIFICATION] = {"Ngày Chiến thắng (30/4)", "Reunification Day (30 April)",
				    "Bộ luật Lao động 2019, Điều 112 khoản 1"},
	[HOLIDAYS_LABOUR] = {"Ngày Quốc tế lao động (1/5)", "International Labour Day (1 May)",
			     "Bộ luật Lao động 2019, Điều 112 khoản 1"},
	[HOLIDAYS_NATIONAL] = {"Quốc khánh (2/9)", "National Day (2 September)",
			       "Bộ luật Lao động 2019, Điều 112 khoản 1"},
	[HOLIDAYS_NATIONAL_EXTRA] = {"Quốc khánh (ngày liền kề 2/9)",
				     "National Day (day adjacent to 2 September)",
				     "Bộ luật Lao động 2019, Điều 112 khoản 1"},
	[HOLIDAYS_CULTURE] = {"Ngày Văn hóa Việt Nam (24/11)", "Vietnamese Culture Day (24 November)",
			      "Nghị quyết 28/2026/QH16 (cần xác minh / to verify)"},
};

static int id_ok(enum holidays_id id)
{
	return (int)id >= 0 && id < HOLIDAYS__COUNT;
}

const char *holidays_name_vi(enum holidays_id id) { return id_ok(id) ? names[id].vi : ""; }
const char *holidays_name_en(enum holidays_id id) { return id_ok(id) ? names[id].en : ""; }
const char *holidays_source(enum holidays_id id) { return id_ok(id) ? names[id].src : ""; }

const char *holidays_compensation_vi(enum holidays_id id)
{
	static const char *t[HOLIDAYS__COUNT] = {
		[HOLIDAYS_NEW_YEAR] = "Nghỉ bù Tết Dương lịch",
		[HOLIDAYS_TET] = "Nghỉ bù Tết Âm lịch",
		[HOLIDAYS_HUNG_KINGS] = "Nghỉ bù Giỗ Tổ Hùng Vương",
		[HOLIDAYS_REUNIFICATION] = "Nghỉ bù Ngày Chiến thắng (30/4)",
		[HOLIDAYS_LABOUR] = "Nghỉ bù Ngày Quốc tế lao động (1/5)",
		[HOLIDAYS_NATIONAL] = "Nghỉ bù Quốc khánh (2/9)",
		[HOLIDAYS_NATIONAL_EXTRA] = "Nghỉ bù Quốc khánh (ngày liền kề)",
		[HOLIDAYS_CULTURE] = "Nghỉ bù Ngày Văn hóa Việt Nam",
	};

	return id_ok(id) && t[id] ? t[id] : "Nghỉ bù";
}

const char *holidays_compensation_en(enum holidays_id id)
{
	static const char *t[HOLIDAYS__COUNT] = {
		[HOLIDAYS_NEW_YEAR] = "Compensatory day off for New Year's Day",
		[HOLIDAYS_TET] = "Compensatory day off for Tết",
		[HOLIDAYS_HUNG_KINGS] = "Compensatory day off for Hung Kings' Commemoration Day",
		[HOLIDAYS_REUNIFICATION] = "Compensatory day off for Reunification Day",
		[HOLIDAYS_LABOUR] = "Compensatory day off for Labour Day",
		[HOLIDAYS_NATIONAL] = "Compensatory day off for National Day",
		[HOLIDAYS_NATIONAL_EXTRA] = "Compensatory day off for National Day (adjacent day)",
		[HOLIDAYS_CULTURE] = "Compensatory day off for Vietnamese Culture Day",
	};

	return id_ok(id) && t[id] ? t[id] : "Compensatory day off";
}

const char *holidays_kind_name(enum holidays_kind kind)
{
	switch (kind) {
	case HOLIDAYS_OFF: return "off";
	case HOLIDAYS_WORK: return "work";
	case HOLIDAYS_REMOVE: return "remove";
	}
	return "";
}

enum holidays_kind holidays_kind_parse(const char *s)
{
	if (!s)
		return 0;
	if (!strcmp(s, "off"))
		return HOLIDAYS_OFF;
	if (!strcmp(s, "work"))
		return HOLIDAYS_WORK;
	if (!strcmp(s, "remove"))
		return HOLIDAYS_REMOVE;
	return 0;
}

static int weekly(unsigned mask, int32_t day)
{
	return (mask >> (caldate_weekday(day) - 1)) & 1u;
}

static size_t add(struct holidays_date *out, size_t n, int32_t day, enum holidays_id id)
{
	if (n < HOLIDAYS_MAX_PER_YEAR) {
		out[n].day = day;
		out[n].id = id;
		n++;
	}
	return n;
}

/* The day off added to Quốc khánh (see holidays.h for the rule). */
static int32_t national_extra(int year, unsigned weekly_off)
{
	int32_t before = caldate_from_ymd(year, 9, 1), after = caldate_from_ymd(year, 9, 3);
	int wb = !weekly(weekly_off, before), wa = !weekly(weekly_off, after);

	if (wb != wa)
		return wb ? before : after;
	if (wb) { /* both working: prefer the one touching a weekly day off */
		int tb = weekly(weekly_off, before - 1), ta = weekly(weekly_off, after + 1);

		if (ta && !tb)
			return after;
	}
	return before;
}

size_t holidays_statutory(const struct holidays_rules *rules, int year, unsigned weekly_off,
			  struct holidays_date out[HOLIDAYS_MAX_PER_YEAR])
{
	struct lunar_date ld = {year, 1, 1, 0};
	int32_t tet, hung;
	size_t n = 0;
	int before = rules->tet_days_before, total = rules->tet_days;

	if (year < 1801 || year > 2198)
		return 0;
	if (total < 1 || total > 10)
		total = 5;
	if (before < 0 || before > total)
		before = 1;
	if (lunar_to_solar(&ld, rules->lunar_tz_min, &tet, NULL) != MC_OK)
		return 0;
	ld.month = 3;
	ld.day = 10;
	if (lunar_to_solar(&ld, rules->lunar_tz_min, &hung, NULL) != MC_OK)
		return 0;

	/* in date order: Tết never starts before 21 January */
	n = add(out, n, caldate_from_ymd(year, 1, 1), HOLIDAYS_NEW_YEAR);
	for (int i = -before; i < total - before; i++)
		n = add(out, n, tet + i, HOLIDAYS_TET);
	n = add(out, n, hung, HOLIDAYS_HUNG_KINGS); /* 10/3 lunar: late Mar - late Apr */
	n = add(out, n, caldate_from_ymd(year, 4, 30), HOLIDAYS_REUNIFICATION);
	n = add(out, n, caldate_from_ymd(year, 5, 1), HOLIDAYS_LABOUR);
	if (rules->national_extra_from && year >= rules->national_extra_from) {
		int32_t extra = national_extra(year, weekly_off);

		if (extra < caldate_from_ymd(year, 9, 2)) {
			n = add(out, n, extra, HOLIDAYS_NATIONAL_EXTRA);
			n = add(out, n, caldate_from_ymd(year, 9, 2), HOLIDAYS_NATIONAL);
		} else {
			n = add(out, n, caldate_from_ymd(year, 9, 2), HOLIDAYS_NATIONAL);
			n = add(out, n, extra, HOLIDAYS_NATIONAL_EXTRA);
		}
	} else {
		n = add(out, n, caldate_from_ymd(year, 9, 2), HOLIDAYS_NATIONAL);
	}
	if (rules->culture_day_from && year >= rules->culture_day_from)
		n = add(out, n, caldate_from_ymd(year, 11, 24), HOLIDAYS_CULTURE);
	return n;
}

enum mc_err holidays_year(const struct holidays_rules *rules, int year, unsigned weekly_off,
			  const struct holidays_override *ov, size_t n_ov,
			  struct holidays_daystat out[366], struct mc_error *err)
{
	struct holidays_date hol[HOLIDAYS_MAX_PER_YEAR];
	size_t nh;
	int32_t first, last;
	int ndays;

	if (year < 1801 || year > 2198)
		return mc_failf(err, MC_EINVAL, "year",
				"Năm %d nằm ngoài phạm vi lịch (1801-2198)",
				"Year %d is outside the calendar range (1801-2198)", year);
	first = caldate_from_ymd(year, 1, 1);
	last = caldate_from_ymd(year, 12, 31);
	ndays = (int)(last - first + 1);
	nh = holidays_statutory(rules, year, weekly_off, hol);

	for (int i = 0; i < ndays; i++) {
		int w = weekly(weekly_off, first + i);

		out[i].off = (uint8_t)w;
		out[i].weekly_off = (uint8_t)w;
		out[i].why = w ? HOLIDAYS_WEEKLY : HOLIDAYS_WORKDAY;
		out[i].holiday = HOLIDAYS_NONE;
		out[i].ref = -1;
	}
	/* 1. statutory holidays, minus the removed ones */
	for (size_t h = 0; h < nh; h++) {
		int removed = 0;

		for (size_t j = 0; j < n_ov; j++)
			if (ov[j].kind == HOLIDAYS_REMOVE && ov[j].day == hol[h].day)
				removed = 1;
		if (removed) {
			hol[h].id = HOLIDAYS_NONE;
			continue;
		}
		out[hol[h].day - first].off = 1;
		out[hol[h].day - first].why = HOLIDAYS_HOLIDAY;
		out[hol[h].day - first].holiday = (uint8_t)hol[h].id;
	}
	/* 2. compensation, in date order so consecutive holidays cascade
	 *    (2023: Sat 29/4, Sun 30/4, Mon 1/5 -> Tue 2/5, Wed 3/5) */
	for (size_t h = 0; rules->compensate && h < nh; h++) {
		int i;

		if (hol[h].id == HOLIDAYS_NONE || !weekly(weekly_off, hol[h].day))
			continue;
		for (i = (int)(hol[h].day - first) + 1; i < ndays; i++)
			if (!out[i].off)
				break;
		if (i >= ndays)
			continue; /* cannot happen: the last holiday is 24/11 */
		out[i].off = 1;
		out[i].why = HOLIDAYS_COMPENSATION;
		out[i].holiday = (uint8_t)hol[h].id;
		out[i].ref = hol[h].day;
	}
	/* 3. explicit days off and worked days, later entries winning */
	for (size_t j = 0; j < n_ov; j++) {
		int i;

		if (ov[j].day < first || ov[j].day > last)
			continue;
		i = (int)(ov[j].day - first);
		if (ov[j].kind == HOLIDAYS_OFF) {
			out[i].off = 1;
			out[i].why = HOLIDAYS_OVERRIDE_OFF;
			out[i].ref = (int32_t)j;
		} else if (ov[j].kind == HOLIDAYS_WORK) {
			out[i].off = 0;
			out[i].why = HOLIDAYS_OVERRIDE_WORK;
			out[i].ref = (int32_t)j;
		}
	}
	return MC_OK;
}
