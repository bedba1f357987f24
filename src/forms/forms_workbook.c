/*
 * forms_workbook.c - an .xlsx workbook of several sheets (the annual reform
 * appendices, one sheet each), with libxlsxwriter.  Like forms_xlsx.c, the
 * workbook is written into a private folder made with mkdtemp (mode 0700,
 * under TMPDIR or /tmp), read back into the caller's buffer, and the folder
 * is removed on every path.
 */
#include "forms/forms_build.h"
#if FORMS_ENABLED
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "forms/forms.h"

#define FIRST_ROW 3 /* 0-based: title in row 0, a blank row, the header in row 2 */

static lxw_error put(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const json_t *v, lxw_format *wrap)
{
	switch (json_typeof(v)) {
	case JSON_INTEGER:
		return worksheet_write_number(ws, r, c, (double)json_integer_value(v), NULL);
	case JSON_REAL:
		return worksheet_write_number(ws, r, c, json_real_value(v), NULL);
	case JSON_STRING:
		return *json_string_value(v) ? worksheet_write_string(ws, r, c, json_string_value(v), wrap)
					     : LXW_NO_ERROR;
	case JSON_TRUE:
		return worksheet_write_string(ws, r, c, "Có", NULL);
	case JSON_FALSE:
		return worksheet_write_string(ws, r, c, "Không", NULL);
	default:
		return LXW_NO_ERROR; /* null: an empty cell */
	}
}

static enum mc_err write_book(const char *path, const char *dir, const struct forms_sheet *sheets, size_t n,
			      struct mc_error *err)
{
	lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = (char *)dir};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	lxw_format *tf, *hf, *wrap;
	lxw_error e = LXW_NO_ERROR;

	if (!wb)
		return mc_fail(err, MC_EIO, NULL, "Không tạo được tệp Excel", "Cannot create the Excel workbook");
	tf = workbook_add_format(wb);
	hf = workbook_add_format(wb);
	wrap = workbook_add_format(wb);
	if (!tf || !hf || !wrap) {
		workbook_close(wb);
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	}
	format_set_bold(tf);
	format_set_font_size(tf, 13);
	format_set_bold(hf);
	format_set_text_wrap(hf);
	format_set_align(hf, LXW_ALIGN_CENTER);
	format_set_align(hf, LXW_ALIGN_VERTICAL_CENTER);
	format_set_border(hf, LXW_BORDER_THIN);
	format_set_bg_color(hf, 0xE8E8E8);
	format_set_text_wrap(wrap);
	format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
	for (size_t s = 0; !e && s < n; s++) {
		const struct forms_sheet *sh = &sheets[s];
		lxw_worksheet *ws = workbook_add_worksheet(wb, sh->name);
		size_t i;
		json_t *row;

		if (!ws) {
			workbook_close(wb);
			return mc_failf(err, MC_EINVAL, "sheets", "Tên trang tính không hợp lệ: %s", "Invalid sheet name: %s",
					sh->name ? sh->name : "");
		}
		if (sh->title && *sh->title)
			e = worksheet_write_string(ws, 0, 0, sh->title, tf);
		for (size_t c = 0; !e && c < sh->ncols; c++) {
			e = worksheet_write_string(ws, FIRST_ROW - 1, (lxw_col_t)c,
						   sh->cols[c].title ? sh->cols[c].title : "", hf);
			if (!e)
				e = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
							 sh->cols[c].width > 0 ? sh->cols[c].width : 14, NULL);
		}
		json_array_foreach(sh->rows, i, row) {
			if (e)
				break;
			for (size_t c = 0; !e && c < sh->ncols; c++) {
				json_t *v = json_array_get(row, c);

				if (v)
					e = put(ws, (lxw_row_t)(FIRST_ROW + i), (lxw_col_t)c, v,
						sh->cols[c].kind == FORMS_COL_TEXT ? wrap : NULL);
			}
		}
		if (!e)
			worksheet_freeze_panes(ws, FIRST_ROW, 0);
	}
	if (e) {
		workbook_close(wb);
		return mc_failf(err, e == LXW_ERROR_MEMORY_MALLOC_FAILED ? MC_ENOMEM : MC_EINVAL, "rows",
				"Không ghi được bảng Excel: %s", "Cannot write the Excel table: %s", lxw_strerror(e));
	}
	e = workbook_close(wb);
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
		return mc_fail(err, rc, NULL, NULL, NULL);
	}
	return MC_OK;
}

enum mc_err forms_xlsx_workbook(const struct forms_sheet *sheets, size_t nsheets, struct buf *out,
				struct mc_error *err)
{
	const char *tmp = getenv("TMPDIR");
	char dir[4096], path[4200];
	enum mc_err rc;

	if (!sheets || !nsheets || nsheets > 255)
		return mc_fail(err, MC_EINVAL, "sheets", "Thiếu trang tính", "No sheets");
	for (size_t s = 0; s < nsheets; s++)
		if (!sheets[s].cols || !sheets[s].ncols || !json_is_array(sheets[s].rows))
			return mc_fail(err, MC_EINVAL, "rows", "Thiếu cột hoặc dòng dữ liệu", "Columns or rows are missing");
	snprintf(dir, sizeof dir, "%s/motcua-xlsx-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return mc_failf(err, MC_EIO, NULL, "Không tạo được thư mục tạm: %s", "Cannot create a temporary folder: %s",
				strerror(errno));
	snprintf(path, sizeof path, "%s/book.xlsx", dir);
	rc = write_book(path, dir, sheets, nsheets, err);
	if (!rc)
		rc = slurp(path, out, err);
	unlink(path);
	rmdir(dir);
	return rc;
}
#endif /* FORMS_ENABLED */
