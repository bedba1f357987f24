/*
 * test_calimport.c - the override file parsers (calimport.c): the three
 * formats, their errors with line numbers, limits, merging, and the shipped
 * official schedules of 2024-2026 applied to a calendar.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>

#include "domain/caldate.h"
#include "domain/calimport.h"
#include "domain/workcal.h"

static int32_t D(int y, int m, int d) { return caldate_from_ymd(y, m, d); }

static enum mc_err parse(enum calimport_format f, const char *text, struct calimport_list *l,
			 struct mc_error *e)
{
	return calimport_parse(f, text, strlen(text), l, e);
}

/* ---- CSV ---- */

static void test_csv_ok(void **state)
{
	struct calimport_list l = {0};
	const char *csv =
		"\xEF\xBB\xBF"
		"date,kind,reason_vi,reason_en,source\r\n"
		"# hoán đổi dịp 30/4\r\n"
		"2025-05-02,off,Nghỉ hoán đổi,Swapped day off,\"Công văn 8726/VPCP-KGVX, ngày 26/11/2024\"\r\n"
		"\r\n"
		"2025-04-26,WORK,\"Làm bù \"\"thứ Bảy\"\"\",Working Saturday,CV 8726\n"
		"2025-04-07,remove\n"
		"2025-12-31,,Nghỉ cuối năm\n";

	(void)state;
	assert_int_equal(parse(CALIMPORT_CSV, csv, &l, NULL), MC_OK);
	assert_int_equal(l.n, 4);
	assert_int_equal(l.items[0].day, D(2025, 5, 2));
	assert_int_equal(l.items[0].kind, HOLIDAYS_OFF);
	assert_string_equal(l.items[0].reason_vi, "Nghỉ hoán đổi");
	assert_string_equal(l.items[0].source, "Công văn 8726/VPCP-KGVX, ngày 26/11/2024");
	assert_int_equal(l.items[1].kind, HOLIDAYS_WORK);
	assert_string_equal(l.items[1].reason_vi, "Làm bù \"thứ Bảy\"");
	assert_int_equal(l.items[2].kind, HOLIDAYS_REMOVE);
	assert_string_equal(l.items[2].reason_vi, "");
	assert_int_equal(l.items[3].kind, HOLIDAYS_OFF); /* empty kind = off */
	/* without a header */
	assert_int_equal(parse(CALIMPORT_CSV, "2026-01-02,off\n", &l, NULL), MC_OK);
	assert_int_equal(l.n, 5);
	calimport_list_release(&l);
	assert_null(l.items);
}

static void csv_error(const char *text, size_t line, const char *vi_part, const char *en_part)
{
	struct calimport_list l = {0};
	struct mc_error e;
	char want[32];

	assert_int_not_equal(parse(CALIMPORT_CSV, text, &l, &e), MC_OK);
	assert_int_equal(l.error_line, line);
	snprintf(want, sizeof want, "Dòng %zu: ", line);
	assert_true(strncmp(e.msg_vi, want, strlen(want)) == 0);
	snprintf(want, sizeof want, "Line %zu: ", line);
	assert_true(strncmp(e.msg_en, want, strlen(want)) == 0);
	if (!strstr(e.msg_vi, vi_part) || !strstr(e.msg_en, en_part))
		fail_msg("unexpected message: %s / %s", e.msg_vi, e.msg_en);
	assert_int_equal(l.n, 0);
	calimport_list_release(&l);
}

static void test_csv_errors(void **state)
{
	char big[600];

	(void)state;
	csv_error("date,kind\n2025-05-02,off\n2025-13-01,off\n", 3, "ngày không hợp lệ", "invalid date");
	csv_error("2025-05-02,holiday\n", 1, "loại ngày không hợp lệ", "invalid kind");
	csv_error("# c\n2025-05-02,off,a,b,c,d\n", 2, "quá 5 cột", "more than 5 columns");
	csv_error("2025-05-02,off,\"unclosed\n", 1, "ngoặc kép đóng", "closing double quote");
	csv_error("2025-05-02,off,\"a\"b\n", 1, "sau dấu ngoặc kép", "after a closing");
	csv_error("2025-05-02,off,a\"b\n", 1, "ngoặc kép", "double quote inside");
	csv_error("\n\n2025-05-02\n", 3, "ít nhất 2 cột", "at least 2 columns");
	csv_error("date,kind,reason\n", 1, "dòng tiêu đề", "header");
	csv_error("2025-05-02,off,\x01\n", 1, "UTF-8", "UTF-8");
	csv_error("2025-05-02,off,\xC3\x28\n", 1, "UTF-8", "UTF-8");
	memset(big, 'a', sizeof big);
	memcpy(big, "2025-05-02,off,", 15);
	big[sizeof big - 1] = '\0';
	csv_error(big, 1, "quá dài", "too long");
}

/* ---- iCalendar ---- */

static void test_ics_ok(void **state)
{
	struct calimport_list l = {0};
	const char *ics =
		"BEGIN:VCALENDAR\r\n"
		"VERSION:2.0\r\n"
		"PRODID:-//MotCua//Lich//VI\r\n"
		"X-WR-CALNAME:Lịch nghỉ 2025\r\n"
		"BEGIN:VEVENT\r\n"
		"UID:1@motcua\r\n"
		"DTSTART;VALUE=DATE:20250127\r\n"
		"DTEND;VALUE=DATE:20250201\r\n"
		"SUMMARY:Nghỉ Tết Âm lịch\\, Ất Tỵ\r\n"
		"X-MOTCUA-REASON-EN:Tết holiday\r\n"
		"X-MOTCUA-SOURCE:Công văn 8726/VPCP-KGVX ngày\r\n"
		"  26/11/2024\r\n"
		"BEGIN:VALARM\r\n"
		"TRIGGER:-PT15M\r\n"
		"END:VALARM\r\n"
		"END:VEVENT\r\n"
		"BEGIN:VEVENT\r\n"
		"DTSTART:20250426\r\n"
		"SUMMARY:Làm bù\r\n"
		"X-MOTCUA-KIND:work\r\n"
		"END:VEVENT\r\n"
		"END:VCALENDAR\r\n";

	(void)state;
	assert_int_equal(calimport_format_guess(NULL, ics, strlen(ics)), CALIMPORT_ICS);
	assert_int_equal(parse(CALIMPORT_ICS, ics, &l, NULL), MC_OK);
	assert_int_equal(l.n, 6); /* 27-31/1 (DTEND is exclusive) + 26/4 */
	assert_int_equal(l.items[0].day, D(2025, 1, 27));
	assert_int_equal(l.items[4].day, D(2025, 1, 31));
	assert_string_equal(l.items[0].reason_vi, "Nghỉ Tết Âm lịch, Ất Tỵ");
	assert_string_equal(l.items[0].reason_en, "Tết holiday");
	assert_string_equal(l.items[0].source, "Công văn 8726/VPCP-KGVX ngày 26/11/2024");
	assert_int_equal(l.items[0].kind, HOLIDAYS_OFF);
	assert_int_equal(l.items[5].day, D(2025, 4, 26));
	assert_int_equal(l.items[5].kind, HOLIDAYS_WORK);
	calimport_list_release(&l);
}

static void ics_error(const char *text, size_t line, const char *en_part)
{
	struct calimport_list l = {0};
	struct mc_error e;
	char want[32];

	assert_int_not_equal(parse(CALIMPORT_ICS, text, &l, &e), MC_OK);
	assert_int_equal(l.error_line, line);
	snprintf(want, sizeof want, "Line %zu: ", line);
	if (strncmp(e.msg_en, want, strlen(want)) || !strstr(e.msg_en, en_part))
		fail_msg("line %zu: unexpected message: %s", line, e.msg_en);
	assert_true(strncmp(e.msg_vi, "Dòng ", 6) == 0);
	calimport_list_release(&l);
}

#define EV(body) "BEGIN:VCALENDAR\nBEGIN:VEVENT\n" body "END:VEVENT\nEND:VCALENDAR\n"

static void test_ics_errors(void **state)
{
	(void)state;
	ics_error("BEGIN:VEVENT\n", 1, "must start with BEGIN:VCALENDAR");
	ics_error("", 0, "empty file");
	ics_error(EV("DTSTART:20250502T080000Z\n"), 3, "only all-day events");
	ics_error(EV("DTSTART;VALUE=DATE-TIME:20250502\n"), 3, "only all-day events");
	ics_error(EV("SUMMARY:x\n"), 2, "event without DTSTART");
	ics_error(EV("DTSTART;VALUE=DATE:20250502\nDTEND;VALUE=DATE:20250502\n"), 2,
		  "DTEND must be after DTSTART");
	ics_error(EV("DTSTART;VALUE=DATE:20250502\nRRULE:FREQ=YEARLY\n"), 4, "RRULE is not supported");
	ics_error(EV("DTSTART;VALUE=DATE:20250231\n"), 3, "invalid date");
	ics_error(EV("DTSTART;VALUE=DATE:20250502\nX-MOTCUA-KIND:holiday\n"), 4, "invalid kind");
	ics_error(EV("DTSTART;VALUE=DATE:20250101\nDTEND;VALUE=DATE:20250501\n"), 2, "at most 62 days");
	ics_error(EV("this line has no colon\n"), 3, "no colon");
	ics_error("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20250502\n", 2, "without END:VEVENT");
	ics_error("BEGIN:VCALENDAR\nVERSION:2.0\n", 2, "missing END:VCALENDAR");
	ics_error("BEGIN:VCALENDAR\nEND:VEVENT\n", 2, "does not match");
}

/* ---- JSON ---- */

static void test_json_ok(void **state)
{
	struct calimport_list l = {0};
	const char *json =
		"{\n"
		"  \"format\": \"motcua-calendar\", \"version\": 1, \"year\": 2025,\n"
		"  \"source\": \"CV 8726\",\n"
		"  \"entries\": [\n"
		"    {\"date\": \"2025-05-02\", \"kind\": \"off\", \"reason_vi\": \"Nghỉ\"},\n"
		"    {\"date\": \"2025-04-26\", \"kind\": \"work\", \"source\": \"khác\"},\n"
		"    {\"date\": \"2025-09-01\", \"until\": \"2025-09-02\"}\n"
		"  ]\n"
		"}\n";
	char *out = NULL;
	struct calimport_list back = {0};

	(void)state;
	assert_int_equal(calimport_format_guess(NULL, json, strlen(json)), CALIMPORT_JSON);
	assert_int_equal(parse(CALIMPORT_JSON, json, &l, NULL), MC_OK);
	assert_int_equal(l.n, 4);
	assert_string_equal(l.items[0].source, "CV 8726"); /* the file's default */
	assert_string_equal(l.items[1].source, "khác");
	assert_int_equal(l.items[1].kind, HOLIDAYS_WORK);
	assert_int_equal(l.items[3].day, D(2025, 9, 2));
	/* a bare array is accepted too */
	assert_int_equal(parse(CALIMPORT_UNKNOWN, "[{\"date\":\"2026-01-02\"}]", &l, NULL), MC_OK);
	assert_int_equal(l.n, 5);
	/* export and read back */
	assert_int_equal(calimport_to_json(l.items, l.n, &out, NULL), MC_OK);
	assert_int_equal(parse(CALIMPORT_JSON, out, &back, NULL), MC_OK);
	assert_int_equal(back.n, l.n);
	assert_memory_equal(back.items, l.items, l.n * sizeof *l.items);
	free(out);
	calimport_list_release(&back);
	calimport_list_release(&l);
}

static void json_error(const char *text, size_t line, const char *en_part)
{
	struct calimport_list l = {0};
	struct mc_error e;
	char want[32];

	assert_int_not_equal(parse(CALIMPORT_JSON, text, &l, &e), MC_OK);
	assert_int_equal(l.error_line, line);
	snprintf(want, sizeof want, "Line %zu: ", line);
	if (strncmp(e.msg_en, want, strlen(want)) || !strstr(e.msg_en, en_part))
		fail_msg("line %zu: unexpected message: %s", line, e.msg_en);
	assert_true(strncmp(e.msg_vi, "Dòng ", 6) == 0);
	calimport_list_release(&l);
}

static void test_json_errors(void **state)
{
	(void)state;
	json_error("{\n \"entries\": [\n  {\"date\": \"2025-05-02\",}\n ]\n}\n", 3, "invalid JSON");
	json_error("{\n\"entries\": [\n{\"date\": \"2025-05-02\"},\n\n{\"date\": \"2025-5-3\"}\n]}",
		   5, "invalid date");
	json_error("{\"year\": 2025, \"entries\": [\n {\"date\": \"2025-05-02\"},\n {\"date\": \"2026-05-02\"}]}",
		   3, "not in the year");
	json_error("{\"entries\": [\n {\"date\": \"2025-05-02\", \"kind\": \"nghỉ\"}]}", 2, "invalid kind");
	json_error("{\"entries\": [\n {\"date\": \"2025-05-02\", \"kind\": 1}]}", 2, "must be off");
	json_error("{\"entries\": [\n {\"kind\": \"off\"}]}", 2, "\"date\" (YYYY-MM-DD) is missing");
	json_error("{\"entries\": [\n \"2025-05-02\"]}", 2, "must be an object");
	json_error("{\"entries\": [\n {\"date\": \"2025-05-02\", \"reason_vi\": 5}]}", 2,
		   "\"reason_vi\" must be a string");
	json_error("{\"entries\": [{\"date\": \"2025-01-01\", \"until\": \"2025-06-01\"}]}", 1,
		   "at most 62 days");
	json_error("{\"entries\": [{\"date\": \"2025-02-01\", \"until\": \"2025-01-01\"}]}", 1,
		   "end date is before");
	json_error("{\"format\": \"other\", \"entries\": []}", 1, "\"format\" must be");
	json_error("{\"version\": 2, \"entries\": []}", 1, "\"version\": 1");
	json_error("{\"entries\": {}}", 1, "\"entries\" array is missing");
	json_error("{\"entries\": [], \"entries\": []}", 1, "invalid JSON");
	json_error("42", 1, "invalid JSON");
	json_error("{\n\"entries\": [\n{\"date\": \"2025-05-02\"}\n", 4, "invalid JSON");
}

/* ---- limits, merging, files ---- */

static void test_limits_and_merge(void **state)
{
	struct calimport_list l = {0};
	struct mc_error e;
	size_t big = CALIMPORT_MAX_BYTES + 1;
	char *text = malloc(big);

	(void)state;
	assert_non_null(text);
	memset(text, '\n', big);
	assert_int_equal(calimport_parse(CALIMPORT_CSV, text, big, &l, &e), MC_ETOOBIG);
	assert_non_null(strstr(e.msg_en, "1 MiB"));
	free(text);
	assert_int_equal(calimport_parse(CALIMPORT_CSV, "a\0b", 3, &l, &e), MC_EINVAL);
	/* merging: national then unit; a failed file leaves the list alone */
	assert_int_equal(parse(CALIMPORT_CSV, "2025-05-02,off\n", &l, NULL), MC_OK);
	assert_int_equal(parse(CALIMPORT_CSV, "2025-05-05,off\n2025-05-06,bad\n", &l, &e), MC_EINVAL);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.error_line, 2);
	assert_int_equal(parse(CALIMPORT_ICS, EV("DTSTART:20250505\n"), &l, NULL), MC_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.error_line, 0);
	calimport_list_release(&l);
	/* formats by name */
	assert_int_equal(calimport_format_guess("x/lich-2025.ICS", NULL, 0), CALIMPORT_ICS);
	assert_int_equal(calimport_format_guess("a.csv", "{", 1), CALIMPORT_CSV);
	assert_int_equal(calimport_format_guess(NULL, "2025-01-01,off", 14), CALIMPORT_CSV);
	assert_int_equal(calimport_format_parse("iCal"), CALIMPORT_ICS);
	assert_int_equal(calimport_format_parse("xml"), CALIMPORT_UNKNOWN);
	assert_string_equal(calimport_format_name(CALIMPORT_JSON), "json");
	assert_int_equal(calimport_load_file("/nonexistent/x.json", CALIMPORT_UNKNOWN, &l, &e), MC_EIO);
	assert_non_null(strstr(e.msg_vi, "Không mở được tệp"));
}

/* The tests run from the repository root (tools/run-unit.sh); allow a build
 * directory too. */
static enum mc_err load_official(int year, struct calimport_list *l)
{
	static const char *prefix[] = {"", "../", "../../", "../../../"};
	struct mc_error e;
	char path[256];

	for (size_t i = 0; i < 4; i++) {
		FILE *f;

		snprintf(path, sizeof path, "%sdata/calendar/official-%d.json", prefix[i], year);
		if (!(f = fopen(path, "r")))
			continue;
		fclose(f);
		if (calimport_load_file(path, CALIMPORT_UNKNOWN, l, &e) != MC_OK)
			fail_msg("%s: %s", path, e.msg_en);
		return MC_OK;
	}
	fail_msg("data/calendar/official-%d.json not found", year);
	return MC_ENOTFOUND;
}

static const char *offdays(const struct workcal *c, int32_t from, int32_t to)
{
	static char buf[512];
	size_t k = 0;

	buf[0] = '\0';
	for (int32_t d = from; d <= to; d++) {
		int y, m, dd;

		if (workcal_is_working_day(c, d))
			continue;
		caldate_to_ymd(d, &y, &m, &dd);
		k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%02d%02d", k ? " " : "", m, dd);
	}
	return buf;
}

static void test_official_schedules(void **state)
{
	struct calimport_list l = {0};
	struct workcal_config cfg;
	struct workcal *c;
	struct workcal_dayinfo info;

	(void)state;
	load_official(2024, &l);
	load_official(2025, &l);
	load_official(2026, &l);
	workcal_config_default(&cfg, 2024, 2026);
	cfg.overrides = l.items;
	cfg.n_overrides = l.n;
	assert_int_equal(workcal_new(&cfg, &c, NULL), MC_OK);
	calimport_list_release(&l);

	/* 2024: Tết 8-14/2; 27/4-1/5 with Saturday 4/5 worked; 31/8-3/9 */
	assert_string_equal(offdays(c, D(2024, 2, 3), D(2024, 2, 18)),
			    "0203 0204 0208 0209 0210 0211 0212 0213 0214 0217 0218");
	assert_string_equal(offdays(c, D(2024, 4, 27), D(2024, 5, 5)), "0427 0428 0429 0430 0501 0505");
	assert_string_equal(offdays(c, D(2024, 8, 31), D(2024, 9, 4)), "0831 0901 0902 0903");
	assert_int_equal(workcal_day_info(c, D(2024, 5, 4), &info, NULL), MC_OK);
	assert_int_equal(info.why, HOLIDAYS_OVERRIDE_WORK);
	assert_non_null(strstr(info.source, "2450/VPCP-KGVX"));
	/* 2025: Tết 25/1-2/2; 30/4-4/5 (2/5 swapped with 26/4); 30/8-2/9 */
	assert_string_equal(offdays(c, D(2025, 1, 24), D(2025, 2, 3)),
			    "0125 0126 0127 0128 0129 0130 0131 0201 0202");
	assert_string_equal(offdays(c, D(2025, 4, 26), D(2025, 5, 5)), "0427 0430 0501 0502 0503 0504");
	assert_string_equal(offdays(c, D(2025, 8, 29), D(2025, 9, 3)), "0830 0831 0901 0902");
	assert_int_equal(workcal_day_info(c, D(2025, 1, 27), &info, NULL), MC_OK);
	assert_non_null(strstr(info.source, "8726/VPCP-KGVX"));
	assert_int_equal(info.holiday, HOLIDAYS_TET);
	/* 2026: 1-4/1 (2/1 swapped with Saturday 10/1); Tết 14-22/2; Giỗ Tổ
	 * Sunday 26/4 -> Monday 27/4; 30/4-3/5 */
	assert_string_equal(offdays(c, D(2026, 1, 1), D(2026, 1, 11)), "0101 0102 0103 0104 0111");
	assert_string_equal(offdays(c, D(2026, 2, 13), D(2026, 2, 23)),
			    "0214 0215 0216 0217 0218 0219 0220 0221 0222");
	assert_int_equal(workcal_day_info(c, D(2026, 2, 15), &info, NULL), MC_OK);
	assert_int_equal(info.why, HOLIDAYS_WEEKLY); /* 28 Chạp removed: a plain Sunday */
	assert_int_equal(workcal_day_info(c, D(2026, 2, 20), &info, NULL), MC_OK);
	assert_int_equal(info.why, HOLIDAYS_OVERRIDE_OFF);
	assert_string_equal(offdays(c, D(2026, 4, 25), D(2026, 5, 4)),
			    "0425 0426 0427 0430 0501 0502 0503");
	/* a deadline across Tết 2026: Friday 13/2 10:00 + 2 days -> Tuesday 24/2 10:00 */
	{
		struct workcal_limit lim = {WORKCAL_DAYS, 2};
		struct workcal_due d;

		assert_int_equal(workcal_deadline(c, workcal_instant(c, D(2026, 2, 13), 600), &lim,
						  WORKCAL_RESTART, NULL, 0, &d, NULL), MC_OK);
		assert_int_equal(d.due, workcal_instant(c, D(2026, 2, 24), 600));
	}
	workcal_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_ok),
		cmocka_unit_test(test_csv_errors),
		cmocka_unit_test(test_ics_ok),
		cmocka_unit_test(test_ics_errors),
		cmocka_unit_test(test_json_ok),
		cmocka_unit_test(test_json_errors),
		cmocka_unit_test(test_limits_and_merge),
		cmocka_unit_test(test_official_schedules),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
