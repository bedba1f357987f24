/*
 * forms_xlsx.c - Excel exports with libxlsxwriter: one sheet with a title, a
 * bold header, column widths, real numbers and real Excel dates.
 * libxlsxwriter 1.1.4 writes only to files: the workbook goes into a private
 * folder made with mkdtemp (mode 0700, under TMPDIR or /tmp), is read back
 * into the caller's buffer, and the folder is removed on every path.
 */
#include "forms/forms_build.h"
#if FORMS_ENABLED
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "forms/forms_int.h"

#define FIRST_ROW 3 /* 0-based: title in row 0, a blank row, the header in row 2 */

/* The local wall clock of "YYYY-MM-DD[THH:MM[:SS]][offset]" as an Excel
 * date: the offset is dropped on purpose, a form shows local time. */
static bool to_datetime(const char *s, lxw_datetime *dt)
{
	struct forms_time t;

	if (!forms_time_parse(s, &t))
		return false;
	memset(dt, 0, sizeof *dt);
	dt->year = t.y;
	dt->month = t.mo;
	dt->day = t.d;
	dt->hour = t.h;
	dt->min = t.mi;
	if (t.has_time && strlen(s) >= 19 && s[16] == ':')
		dt->sec = (s[17] - '0') * 10 + (s[18] - '0');
	return true;
}

static lxw_error cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const json_t *v, enum forms_col_kind kind,
		      lxw_format *date_fmt, lxw_format *datetime_fmt)
{
	lxw_datetime dt;

	switch (json_typeof(v)) {
	case JSON_NULL:
		return LXW_NO_ERROR;
	case JSON_INTEGER:
		return worksheet_write_number(ws, r, c, (double)json_integer_value(v), NULL);
	case JSON_REAL:
		return worksheet_write_number(ws, r, c, json_real_value(v), NULL);
	case JSON_TRUE:
		return worksheet_write_string(ws, r, c, "Có", NULL);
	case JSON_FALSE:
		return worksheet_write_string(ws, r, c, "Không", NULL);
	case JSON_STRING: {
		const char *s = json_string_value(v);
		char *end;
		double d;

		if (!*s)
			return LXW_NO_ERROR;
		if ((kind == FORMS_COL_DATE || kind == FORMS_COL_DATETIME) && to_datetime(s, &dt))
			return worksheet_write_datetime(ws, r, c, &dt, kind == FORMS_COL_DATE ? date_fmt : datetime_fmt);
		if (kind == FORMS_COL_NUMBER) {
			errno = 0;
			d = strtod(s, &end);
			if (!errno && end != s && !*end)
				return worksheet_write_number(ws, r, c, d, NULL);
		}
		return worksheet_write_string(ws, r, c, s, NULL);
	}
	default: {
		char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
		lxw_error e = s ? worksheet_write_string(ws, r, c, s, NULL) : LXW_ERROR_MEMORY_MALLOC_FAILED;

		free(s);
		return e;
	}
	}
}

static enum mc_err write_book(const char *path, const char *dir, const char *title, const struct forms_column *cols,
			      size_t ncols, const json_t *rows, struct mc_error *err)
{
	lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = (char *)dir};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	lxw_worksheet *ws;
	lxw_format *tf, *hf, *df, *dtf;
	lxw_error e = LXW_NO_ERROR;
	size_t i;
	json_t *row;

	if (!wb)
		return mc_fail(err, MC_EIO, NULL, "Không tạo được tệp Excel", "Cannot create the Excel workbook");
	ws = workbook_add_worksheet(wb, "Dữ liệu");
	tf = workbook_add_format(wb);
	format_set_bold(tf);
	format_set_font_size(tf, 14);
	hf = workbook_add_format(wb);
	format_set_bold(hf);
	format_set_text_wrap(hf);
	format_set_align(hf, LXW_ALIGN_CENTER);
	format_set_align(hf, LXW_ALIGN_VERTICAL_CENTER);
	format_set_border(hf, LXW_BORDER_THIN);
	format_set_bg_color(hf, 0xE8E8E8);
	df = workbook_add_format(wb);
	format_set_num_format(df, "dd/mm/yyyy");
	dtf = workbook_add_format(wb);
	format_set_num_format(dtf, "dd/mm/yyyy hh:mm");
	if (!ws || !tf || !hf || !df || !dtf) {
		workbook_close(wb);
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	}
	if (title && *title)
		e = worksheet_write_string(ws, 0, 0, title, tf);
	for (size_t c = 0; !e && c < ncols; c++) {
		e = worksheet_write_string(ws, FIRST_ROW - 1, (lxw_col_t)c, cols[c].title ? cols[c].title : "", hf);
		if (!e)
			e = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, cols[c].width > 0 ? cols[c].width : 14,
						 NULL);
	}
	json_array_foreach(rows, i, row) {
		if (e)
			break;
		if (!json_is_array(row)) {
			workbook_close(wb);
			return mc_failf(err, MC_EINVAL, "rows", "Dòng %zu không phải là danh sách giá trị",
					"Row %zu is not an array of values", i + 1);
		}
		for (size_t c = 0; !e && c < ncols; c++) {
			json_t *v = json_array_get(row, c);

			if (v)
				e = cell(ws, (lxw_row_t)(FIRST_ROW + i), (lxw_col_t)c, v, cols[c].kind, df, dtf);
		}
	}
	if (!e) {
		worksheet_freeze_panes(ws, FIRST_ROW, 0);
		if (json_array_size(rows))
			worksheet_autofilter(ws, FIRST_ROW - 1, 0, (lxw_row_t)(FIRST_ROW - 1 + json_array_size(rows)),
					     (lxw_col_t)(ncols - 1));
	}
	if (e) {
		workbook_close(wb);
		return mc_failf(err, e == LXW_ERROR_MEMORY_MALLOC_FAILED ? MC_ENOMEM : MC_EINVAL, "rows",
				"Không ghi được bảng Excel: %s", "Cannot write the Excel table: %s", lxw_strerror(e));
	}
	e = workbook_close(wb); /* writes the file and frees wb */
	if (e)
		return mc_failf(err, MC_EIO, NULL, "Không ghi được tệp Excel: %s", "Cannot write the Excel file: %s",
				lxw_strerror(e));
	return MC_OK;
}

static enum mc_err slurp(const char *path, struct buf *out, struct mc_error *err)
{
	FILE *f = fopen(path, "rb");
	char chunk[16384];
	size_t n;
	enum mc_err rc = MC_OK;

	if (!f)
		return mc_fail(err, MC_EIO, NULL, "Không đọc lại được tệp Excel", "Cannot read the Excel file back");
	while (!rc && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		rc = buf_append(out, chunk, n);
	if (!rc && ferror(f))
		rc = MC_EIO;
	fclose(f);
	if (rc) {
		buf_reset(out);
		return mc_fail(err, rc, NULL, rc == MC_ETOOBIG ? "Tệp Excel vượt quá giới hạn kích thước" : NULL,
			       rc == MC_ETOOBIG ? "The Excel file is larger than its size limit" : NULL);
	}
	return MC_OK;
}

enum mc_err forms_xlsx_table(const char *title, const struct forms_column *cols, size_t ncols, const json_t *rows,
			     struct buf *out, struct mc_error *err)
{
	const char *tmp = getenv("TMPDIR");
	char dir[4096], path[4200];
	enum mc_err rc;

	if (!cols || !ncols || ncols > 16384 || !json_is_array(rows))
		return mc_fail(err, MC_EINVAL, "rows", "Thiếu cột hoặc dòng dữ liệu", "Columns or rows are missing");
	if (json_array_size(rows) > 1000000)
		return mc_fail(err, MC_ETOOBIG, "rows", "Quá nhiều dòng cho một bảng Excel", "Too many rows for one sheet");
	snprintf(dir, sizeof dir, "%s/motcua-xlsx-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return mc_failf(err, MC_EIO, NULL, "Không tạo được thư mục tạm: %s", "Cannot create a temporary folder: %s",
				strerror(errno));
	snprintf(path, sizeof path, "%s/export.xlsx", dir);
	rc = write_book(path, dir, title, cols, ncols, rows, err);
	if (!rc)
		rc = slurp(path, out, err);
	unlink(path); /* may not exist when writing failed early */
	rmdir(dir);
	return rc;
}
#endif /* FORMS_ENABLED */
