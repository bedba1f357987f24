/*
 * cmd_calendar.c - `motcua calendar holidays|lunar|solar|deadline|import`.
 * The answers come from the same service functions as the API's, so
 * `--json` prints exactly what the API returns for the same inputs.
 */
#include "cli/cli.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/caldate.h"
#include "domain/lunar.h"
#include "service/calendar.h"

static const char calendar_help[] =
	"Cách dùng / usage:\n"
	"  motcua calendar holidays YEAR [--unit CODE] [--json]\n"
	"      ngày nghỉ trong tuần làm việc và ngày làm bù / weekdays off and weekend days worked\n"
	"  motcua calendar lunar YYYY-MM-DD [--json]          dương lịch -> âm lịch / solar to lunar\n"
	"  motcua calendar solar YYYY-MM-DD [--leap] [--json] âm lịch -> dương lịch / lunar to solar\n"
	"  motcua calendar deadline --from 'YYYY-MM-DD HH:MM' (--days N | --hours H | --same-day)\n"
	"                  [--unit CODE] [--pause 'FROM/TO' ...| --restart-at 'YYYY-MM-DD HH:MM'] [--json]\n"
	"      hạn giải quyết theo giờ làm việc / the legal deadline on working time\n"
	"  motcua calendar import FILE [--unit CODE]          nhập lịch nghỉ (.ics, .json, .csv) / import days off\n"
	"  Giờ địa phương UTC+7 / local time UTC+7. Không có --unit: lịch quốc gia / no --unit: national calendar.\n";

static void print_json(json_t *j)
{
	json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	putchar('\n');
}

static const char *const weekday_vi[] = {"", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"};

static int holidays(int argc, char **argv, struct store_conn *c)
{
	const char *unit = NULL;
	bool as_json = false;
	int year = 0;
	struct mc_error err = {0};
	json_t *out, *d;
	size_t i;

	for (int k = 0; k < argc; k++) {
		if (!strcmp(argv[k], "--unit") && k + 1 < argc)
			unit = argv[++k];
		else if (!strcmp(argv[k], "--json"))
			as_json = true;
		else if (!year && atoi(argv[k]) > 0)
			year = atoi(argv[k]);
		else
			goto usage;
	}
	if (!year)
		goto usage;
	if (svc_calendar_holidays(c, unit, year, &out, &err))
		return cli_fail(&err);
	if (as_json) {
		print_json(out);
	} else {
		printf("Năm / year %d%s%s\n", year, unit ? ", " : " (quốc gia / national)", unit ? unit : "");
		json_array_foreach(json_object_get(out, "days"), i, d) {
			bool working = json_is_true(json_object_get(d, "working"));

			printf("  %s %-8s %-10s %s\n", json_string_value(json_object_get(d, "date")),
			       weekday_vi[json_integer_value(json_object_get(d, "weekday"))],
			       working ? "LÀM VIỆC" : "nghỉ", json_string_value(json_object_get(d, "reason_vi")));
		}
	}
	json_decref(out);
	return 0;
usage:
	fputs(calendar_help, stderr);
	return 2;
}

static int lunar(const char *cmd, int argc, char **argv)
{
	bool as_json = false, leap = false;
	const char *date = NULL;
	struct lunar_date ld = {0};
	struct mc_error err = {0};
	int32_t day;
	char buf[16], name[32];

	for (int k = 0; k < argc; k++) {
		if (!strcmp(argv[k], "--json"))
			as_json = true;
		else if (!strcmp(argv[k], "--leap") && !strcmp(cmd, "solar"))
			leap = true;
		else if (!date)
			date = argv[k];
		else
			goto usage;
	}
	if (!date || caldate_parse(date, 0, &day)) {
		fprintf(stderr, "motcua: ngày phải có dạng YYYY-MM-DD / the date must be YYYY-MM-DD\n");
		return 2;
	}
	if (!strcmp(cmd, "lunar")) {
		if (lunar_from_solar(day, LUNAR_TZ_VIETNAM, &ld, &err))
			return cli_fail(&err);
	} else {
		int y, m, d;

		caldate_to_ymd(day, &y, &m, &d);
		ld.year = y;
		ld.month = m;
		ld.day = d;
		ld.leap = leap;
		if (lunar_to_solar(&ld, LUNAR_TZ_VIETNAM, &day, &err))
			return cli_fail(&err);
	}
	lunar_year_name(ld.year, name, sizeof name);
	if (as_json)
		printf("{\"solar\": \"%s\", \"lunar\": {\"year\": %d, \"month\": %d, \"day\": %d, \"leap\": %s}, "
		       "\"year_name\": \"%s\"}\n",
		       caldate_format(day, buf), ld.year, ld.month, ld.day, ld.leap ? "true" : "false", name);
	else
		printf("Dương lịch / solar %s = âm lịch / lunar %02d/%02d%s năm %s (%d)\n", caldate_format(day, buf), ld.day,
		       ld.month, ld.leap ? " (nhuận / leap)" : "", name, ld.year);
	return 0;
usage:
	fputs(calendar_help, stderr);
	return 2;
}

/* Flags to the same JSON request the API takes, so both parse alike. */
static int deadline(int argc, char **argv, struct store_conn *c)
{
	json_t *in = json_object(), *pauses = NULL, *out = NULL;
	struct deadline_request *r = malloc(sizeof *r);
	struct mc_error err = {0};
	bool as_json = false;
	int status = 2;

	for (int k = 0; r && k < argc; k++) {
		const char *a = argv[k], *v = k + 1 < argc ? argv[k + 1] : NULL;

		if (!strcmp(a, "--json")) {
			as_json = true;
			continue;
		}
		if (!strcmp(a, "--same-day")) {
			json_object_set_new(in, "same_day", json_true());
			continue;
		}
		if (!v)
			goto usage;
		k++;
		if (!strcmp(a, "--from"))
			json_object_set_new(in, "from", json_string(v));
		else if (!strcmp(a, "--unit"))
			json_object_set_new(in, "unit", json_string(v));
		else if (!strcmp(a, "--days") || !strcmp(a, "--hours"))
			json_object_set_new(in, a + 2, json_integer(atoi(v)));
		else if (!strcmp(a, "--restart-at"))
			json_object_set_new(in, "restart_at", json_string(v));
		else if (!strcmp(a, "--pause")) {
			const char *slash = strchr(v, '/');
			char from[64];

			if (!slash || slash - v >= (long)sizeof from)
				goto usage;
			snprintf(from, sizeof from, "%.*s", (int)(slash - v), v);
			if (!pauses)
				json_object_set_new(in, "pauses", pauses = json_array());
			json_array_append_new(pauses, *(slash + 1) ? json_pack("{s:s, s:s}", "from", from, "to", slash + 1)
								   : json_pack("{s:s}", "from", from));
		} else
			goto usage;
	}
	if (!r || svc_deadline_request_from_json(in, r, &err) || svc_calendar_deadline(c, r, &out, &err)) {
		status = r ? cli_fail(&err) : 1;
		goto done;
	}
	if (as_json) {
		print_json(out);
	} else {
		size_t i;
		json_t *d;

		printf("Tiếp nhận / received:      %s\n", json_string_value(json_object_get(out, "from")));
		printf("Bắt đầu tính / counted from: %s\n", json_string_value(json_object_get(out, "counted_from")));
		if (json_is_true(json_object_get(out, "paused")))
			printf("Đang chờ công dân bổ sung: chưa có hạn / waiting for the citizen: no deadline yet\n");
		else
			printf("Hạn giải quyết / deadline:  %s\n", json_string_value(json_object_get(out, "due")));
		json_array_foreach(json_object_get(out, "skipped"), i, d)
			printf("  bỏ qua / skipped %s: %s\n", json_string_value(json_object_get(d, "date")),
			       json_string_value(json_object_get(d, "reason_vi")));
	}
	status = 0;
	goto done;
usage:
	fputs(calendar_help, stderr);
done:
	json_decref(in);
	json_decref(out);
	free(r);
	return status;
}

static int import(int argc, char **argv, struct store_conn *c)
{
	struct calimport_list list = {0};
	struct mc_error err = {0};
	const char *unit = "", *file = NULL;
	int status;

	for (int k = 0; k < argc; k++) {
		if (!strcmp(argv[k], "--unit") && k + 1 < argc)
			unit = argv[++k];
		else if (!file)
			file = argv[k];
		else
			file = NULL, k = argc;
	}
	if (!file) {
		fputs(calendar_help, stderr);
		return 2;
	}
	if (calimport_load_file(file, CALIMPORT_UNKNOWN, &list, &err) ||
	    svc_calendar_put(c, unit, list.items, list.n, 0, (int64_t)time(NULL), &err)) {
		status = cli_fail(&err);
	} else {
		printf("Đã nhập / imported %zu ngày / days%s%s\n", list.n, *unit ? " cho / for " : " (quốc gia / national)",
		       unit);
		status = 0;
	}
	calimport_list_release(&list);
	return status;
}

int cmd_calendar(int argc, char **argv, struct config *cfg)
{
	struct mc_error err = {0};
	struct store *st = NULL;
	struct store_conn *c = NULL;
	const char *sub = argc > 0 ? argv[0] : "";
	int status;

	if (cli_wants_help(argc, argv) || argc == 0) {
		fputs(calendar_help, argc == 0 ? stderr : stdout);
		return argc == 0 ? 2 : 0;
	}
	if (!strcmp(sub, "lunar") || !strcmp(sub, "solar"))
		return lunar(sub, argc - 1, argv + 1); /* no database needed */
	if (strcmp(sub, "holidays") && strcmp(sub, "deadline") && strcmp(sub, "import")) {
		fprintf(stderr, "motcua calendar: lệnh con không hợp lệ / unknown subcommand '%s'\n%s", sub, calendar_help);
		return 2;
	}
	if (cli_open_store(cfg, true, 1, &st, &err) || store_conn_get(st, &c, &err)) {
		store_close(st);
		return cli_fail(&err);
	}
	if (!strcmp(sub, "holidays"))
		status = holidays(argc - 1, argv + 1, c);
	else if (!strcmp(sub, "deadline"))
		status = deadline(argc - 1, argv + 1, c);
	else
		status = import(argc - 1, argv + 1, c);
	store_conn_put(c);
	store_close(st);
	return status;
}
