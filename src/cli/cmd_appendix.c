/*
 * cmd_appendix.c - `motcua report quality|index|dashboard|appendices`: the
 * quality evaluation, the service index, the leaders' dashboard and the
 * annual reform appendices, answering the same JSON as the API (compact,
 * byte for byte), or a workbook for the appendices.  Reached through
 * cmd_report() (cmd_report.c), which hands over every argument.
 */
#include "cli/cli.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/caldate.h"
#include "forms/forms.h"
#include "service/appendix.h"
#include "service/quality.h"


static const char help[] =
	"Cách dùng / usage:\n"
	"  motcua report quality --from DATE --to DATE [--unit CODE] [--settings FILE] [--format table|json]\n"
	"      đánh giá chất lượng giải quyết TTHC (9 chỉ số, NĐ 61/2018, TT 01/2018) /\n"
	"      quality of resolution (nine indicators) per dossier, official and agency\n"
	"  motcua report index --from DATE --to DATE [--unit CODE] [--settings FILE]\n"
	"      bộ chỉ số phục vụ người dân, doanh nghiệp (tinh thần QĐ 766/QĐ-TTg) / the service index (JSON)\n"
	"  motcua report dashboard [--unit CODE] [--at DATE]\n"
	"      bảng điều hành cho lãnh đạo / the leaders' dashboard (JSON), now or at the end of DATE\n"
	"  motcua report appendices --year YYYY | --from-year Y1 --to-year Y2 [--unit CODE] [--format json|xlsx|pdf]\n"
	"                          [--manual FILE] [--out FILE]\n"
	"      các phụ lục báo cáo CCHC năm (Phụ lục 1-8), hoặc nhiều năm cạnh nhau (mỗi năm một cột, tối đa 15 năm);\n"
	"      FILE nhập tay: {\"values\": {khóa: giá trị}} (một năm) hoặc {\"values_by_year\": {\"YYYY\": {...}}},\n"
	"      thắng giá trị đã lưu cho đơn vị và năm / the annual reform appendices, for one year or several side by\n"
	"      side (a column per year, at most 15); FILE: manual values for this export, over the stored ones;\n"
	"      --template in mẫu các khóa nhập tay / --template prints the manual keys\n"
	"  Quy tắc / rules: docs/QUALITY.md\n";

static int usage(bool ok)
{
	fputs(help, ok ? stdout : stderr);
	return ok ? 0 : 2;
}

static json_t *load_json(const char *path, struct mc_error *err)
{
	json_error_t je;
	json_t *j = json_load_file(path, 0, &je);

	if (!j || !json_is_object(j)) {
		json_decref(j);
		mc_failf(err, MC_EINVAL, "manual", "Không đọc được tệp JSON %s: %s", "Cannot read the JSON file %s: %s", path,
			 je.text);
		return NULL;
	}
	return j;
}

int cmd_report_quality(int argc, char **argv, struct config *cfg)
{
	const char *sub = argc > 0 ? argv[0] : "", *from = NULL, *to = NULL, *unit = NULL, *format = NULL;
	const char *settings = NULL, *at = NULL, *year = NULL, *manual = NULL, *outfile = NULL;
	const char *from_year = NULL, *to_year = NULL;
	int y0 = 0, y1 = 0;
	bool range = false;
	struct svc_report_query q = {0};
	struct mc_error err = {0};
	struct store *st = NULL;
	struct store_conn *c = NULL;
	json_t *out = NULL, *sdoc = NULL, *body = NULL;
	bool templ = false;
	int status = 0;
	enum mc_err rc_doc;

	if (cli_wants_help(argc, argv))
		return usage(true);
	for (int i = 1; i < argc; i++) {
		const char **dst = !strcmp(argv[i], "--from")       ? &from
				   : !strcmp(argv[i], "--to")       ? &to
				   : !strcmp(argv[i], "--unit")     ? &unit
				   : !strcmp(argv[i], "--format")   ? &format
				   : !strcmp(argv[i], "--settings") ? &settings
				   : !strcmp(argv[i], "--at")       ? &at
				   : !strcmp(argv[i], "--year")     ? &year
				   : !strcmp(argv[i], "--from-year") ? &from_year
				   : !strcmp(argv[i], "--to-year")  ? &to_year
				   : !strcmp(argv[i], "--manual")   ? &manual
				   : !strcmp(argv[i], "--out")      ? &outfile
								    : NULL;

		if (!strcmp(argv[i], "--template")) {
			templ = true;
			continue;
		}
		if (!dst || i + 1 >= argc)
			return usage(false);
		*dst = argv[++i];
	}
	if (templ) {
		json_t *t = svc_appendices_template();

		json_dumpf(t, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
		json_decref(t);
		return 0;
	}
	if (!strcmp(sub, "quality") || !strcmp(sub, "index")) {
		if (format && strcmp(format, "json") && strcmp(format, "table"))
			return usage(false);
		if (svc_report_period(from, to, &q, &err))
			return cli_fail(&err) + 1;
		q.unit = unit;
	} else if (!strcmp(sub, "appendices")) {
		if (format && strcmp(format, "json") && strcmp(format, "xlsx") && strcmp(format, "pdf"))
			return usage(false);
		/* the API's rules (one year, or a bounded range), with its messages */
		if (svc_appendix_years(year, from_year, to_year, 9999, &y0, &y1, &range, &err))
			return cli_fail(&err) + 1;
		if (format && strcmp(format, "json") && !outfile)
			outfile = "-";
	} else if (strcmp(sub, "dashboard")) {
		return usage(false);
	}
	if ((settings && svc_quality_settings_load(settings, &sdoc, &err)) || (manual && !(body = load_json(manual, &err))))
		return cli_fail(&err);
	if (cli_open_store(cfg, false, 1, &st, &err) || store_conn_get(st, &c, &err)) {
		status = cli_fail(&err);
		goto done;
	}
	if (!strcmp(sub, "quality")) {
		if (svc_quality_report(c, &q, sdoc, &out, &err)) {
			status = cli_fail(&err);
			goto done;
		}
		if (!format || !strcmp(format, "table")) {
			struct buf b;

			buf_init(&b, 16u << 20);
			if (svc_quality_text(out, &b, &err))
				status = cli_fail(&err);
			else
				fwrite(buf_str(&b), 1, b.len, stdout);
			buf_release(&b);
			goto done;
		}
	} else if (!strcmp(sub, "index")) {
		if (svc_service_index(c, &q, sdoc, &out, &err)) {
			status = cli_fail(&err);
			goto done;
		}
	} else if (!strcmp(sub, "dashboard")) {
		int64_t now = (int64_t)time(NULL);
		int32_t day;

		if (at) {
			struct unit_rec u;

			if (caldate_parse(at, 0, &day)) {
				status = usage(false);
				goto done;
			}
			u.utc_offset_min = 420;
			if (unit && store_unit_get_by_code(c, unit, &u, NULL))
				u.utc_offset_min = 420;
			now = ((int64_t)day + 1) * 86400 - (int64_t)u.utc_offset_min * 60 - 1;
		}
		if (svc_dashboard(c, unit, now, &out, &err)) {
			status = cli_fail(&err);
			goto done;
		}
	} else {
		if (range ? svc_appendices_range(c, unit, y0, y1, body, (int64_t)time(NULL), &out, &err)
			  : svc_appendices(c, unit, y0, body, (int64_t)time(NULL), &out, &err)) {
			status = cli_fail(&err);
			goto done;
		}
		if (format && strcmp(format, "json")) {
			struct buf b;
			buf_init(&b, 64u << 20);
			rc_doc = !strcmp(format, "pdf") ? svc_appendices_pdf(out, &b, &err) : svc_appendices_xlsx(out, &b, &err);
			if (!strcmp(format, "pdf"))
				forms_release_fonts(); /* the one render of this process: free pango's caches */
			if (rc_doc) {
				status = cli_fail(&err);
			} else {
				status = cli_write_out(outfile, buf_str(&b), b.len);
			}
			buf_release(&b);
			goto done;
		}
	}
	json_dumpf(out, stdout, JSON_COMPACT);
	putchar('\n');
done:
	json_decref(out);
	json_decref(sdoc);
	json_decref(body);
	store_conn_put(c);
	store_close(st);
	return status;
}
