/*
 * cmd_report.c - `motcua report resolution|cell`: the resolution report
 * (Biểu số 06/VPCP/KSTT) on the terminal, as JSON (exactly the API's
 * answer) or as CSV (the API's file), and the dossiers behind one figure.
 */
#include "cli/cli.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/forms.h"
#include "service/report.h"

/* quality, index, dashboard, appendices: cmd_appendix.c (lead: this
 * declaration belongs in cli/cli.h) */

static const char report_help[] =
	"Cách dùng / usage:\n"
	"  motcua report resolution --from YYYY-MM-DD --to YYYY-MM-DD [--unit CODE] [--format table|json|csv|xlsx|pdf]\n"
	"                         [--out FILE]\n"
	"      tình hình, kết quả giải quyết TTHC (Biểu số 06/VPCP/KSTT) của đơn vị và các đơn vị trực thuộc;\n"
	"      ngày cuối được tính; mặc định: đơn vị gốc, dạng bảng /\n"
	"      the resolution report of a unit's subtree; the end date is included; default: the root unit, a table\n"
	"  motcua report cell --from DATE --to DATE [--unit CODE] --column KEY [--level LEVEL|all] [--field CODE]\n"
	"      các hồ sơ được đếm trong một ô của báo cáo (JSON) / the dossiers counted in one figure (JSON)\n"
	"  Cột / columns: received received_online received_direct carried_over resolved early on_time late\n"
	"                 withdrawn_stopped pending pending_within pending_overdue\n"
	"  Quy tắc đếm / counting rules: docs/REPORTS.md\n"
	"  motcua report quality|index|dashboard|appendices ...: đánh giá chất lượng, bộ chỉ số, bảng điều hành,\n"
	"      phụ lục báo cáo CCHC / quality, service index, dashboard, reform appendices: docs/QUALITY.md\n"
	"      (motcua report quality --help)\n";

static int usage(bool ok)
{
	fputs(report_help, ok ? stdout : stderr);
	return ok ? 0 : 2;
}

int cmd_report(int argc, char **argv, struct config *cfg)
{
	const char *sub = argc > 0 ? argv[0] : "", *from = NULL, *to = NULL, *unit = NULL, *format = "table";
	const char *out_path = NULL;
	const char *level = NULL, *field = NULL, *column = NULL;
	struct svc_report_query q = {0};
	struct mc_error err = {0};
	struct store *st = NULL;
	struct store_conn *c = NULL;
	json_t *out = NULL;
	int status = 0;

	if (!strcmp(sub, "quality") || !strcmp(sub, "index") || !strcmp(sub, "dashboard") || !strcmp(sub, "appendices"))
		return cmd_report_quality(argc, argv, cfg);
	if (cli_wants_help(argc, argv))
		return usage(true);
	if (strcmp(sub, "resolution") && strcmp(sub, "cell"))
		return usage(false);
	for (int i = 1; i < argc; i++) {
		const char **dst = !strcmp(argv[i], "--from")     ? &from
				   : !strcmp(argv[i], "--to")     ? &to
				   : !strcmp(argv[i], "--unit")   ? &unit
				   : !strcmp(argv[i], "--format") ? &format
				   : !strcmp(argv[i], "--level")  ? &level
				   : !strcmp(argv[i], "--field")  ? &field
				   : !strcmp(argv[i], "--column") ? &column
				   : !strcmp(argv[i], "--out")    ? &out_path
								  : NULL;

		if (!dst || i + 1 >= argc)
			return usage(false);
		*dst = argv[++i];
	}
	if (strcmp(format, "table") && strcmp(format, "json") && strcmp(format, "csv") && strcmp(format, "xlsx") &&
	    strcmp(format, "pdf"))
		return usage(false);
	if (svc_report_period(from, to, &q, &err))
		return cli_fail(&err) + 1; /* a usage error: 2 */
	q.unit = unit;
	if (cli_open_store(cfg, false, 1, &st, &err) || store_conn_get(st, &c, &err)) {
		store_close(st);
		return cli_fail(&err);
	}
	if (!strcmp(sub, "cell")) {
		struct report_cell cell = {0};
		int lv = !level || !strcmp(level, "all") ? REPORT__LEVELS : report_level_parse_strict(level);
		int col = column ? report_col_parse(column) : -1;

		if (lv < 0 || col < 0 || (field && strlen(field) >= sizeof cell.field)) {
			status = usage(false);
			goto done;
		}
		cell.level = (enum report_level)lv;
		cell.col = (enum report_col)col;
		snprintf(cell.field, sizeof cell.field, "%s", field && lv != REPORT__LEVELS ? field : "");
		if (svc_report_cell_dossiers(c, &q, &cell, &out, &err)) {
			status = cli_fail(&err);
			goto done;
		}
		json_dumpf(out, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
		goto done;
	}
	if (svc_report_resolution(c, &q, &out, &err)) {
		status = cli_fail(&err);
		goto done;
	}
	if (!strcmp(format, "json")) {
		/* compact, as the API sends it, so the two compare byte for byte */
		json_dumpf(out, stdout, JSON_COMPACT);
		putchar('\n');
	} else {
		struct buf b;

		buf_init(&b, 64u << 20);
		if ((!strcmp(format, "csv")    ? svc_report_csv(out, &b, &err)
		     : !strcmp(format, "xlsx") ? svc_report_xlsx(out, &b, &err)
		     : !strcmp(format, "pdf")  ? svc_report_pdf(out, &b, &err)
					       : svc_report_text(out, &b, &err)))
			status = cli_fail(&err);
		else
			status = cli_write_out(out_path, buf_str(&b), b.len);
		if (!strcmp(format, "pdf"))
			forms_release_fonts(); /* the one render of this process: free pango's caches */
		buf_release(&b);
	}
done:
	json_decref(out);
	store_conn_put(c);
	store_close(st);
	return status;
}
