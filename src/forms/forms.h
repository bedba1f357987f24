/*
 * forms.h - printable one-stop forms (PDF) and table exports (XLSX, CSV).
 *
 * The rendering library behind the print and export endpoints.  It knows
 * nothing of HTTP or the store: its input is the JSON the API already answers
 * (the full dossier view of GET /api/v1/dossiers/{code}, the control slip of
 * .../control-slip, the tracking book of GET /api/v1/units/{code}/tracking-book)
 * and a struct forms_context with what the JSON does not carry (the heading of
 * the issuing unit, the place of the date line, the public lookup URL).
 *
 * The forms are those of Thông tư 01/2018/TT-VPCP art. 9 (Mẫu số 01-06) and the
 * Thông báo dừng giải quyết hồ sơ of Nghị định 118/2025/NĐ-CP; see
 * docs/FORMS.md for their fields, sizes and QR contents.
 *
 * Output: every function appends to `out`, which the caller has set up with
 * buf_init() (its cap bounds the document) and owns; on failure `out` is left
 * empty (len 0).  Inputs are only read: the caller keeps its references.
 *
 * Threads: each call builds its own cairo surface and pango context, so calls
 * on different threads are independent (pango's cairo font map is per thread).
 */
#ifndef MC_FORMS_H
#define MC_FORMS_H

#include <stddef.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/err.h"

/* What the issuing unit prints on every form.  Strings are borrowed for the
 * length of the call; NULL or "" means "not known": the form then prints a
 * dotted line for a person to fill in by hand, never "(null)". */
struct forms_context {
	const char *parent_unit;     /* governing body, first heading line: "UBND huyện Đak Pơ" (printed in capitals) */
	const char *unit;            /* issuing unit, bold second line: "Bộ phận Một cửa" (printed in capitals) */
	const char *place;           /* place of the date line: "Đak Pơ" -> "Đak Pơ, ngày 02 tháng 03 năm 2026" */
	const char *lookup_base_url; /* public lookup, the receipt's QR = base + dossier code ("http://h/tra-cuu/") */
	const char *vietqr_payload;  /* optional: a ready VietQR (EMVCo) payload for the fee: a second QR on the receipt */
	const char *officer_name;    /* optional: the desk officer who signs 01, 02, 03 and the stop notice */
	const char *officer_phone;   /* optional: the phone 02 gives for questions about the supplement */
	const char *head_name;       /* optional: the head who signs 04 (apology) */
	const char *issued_at;       /* optional local ISO time of the date line; NULL: the form's own event time */
};

/* Mẫu 01, A5: Giấy tiếp nhận hồ sơ và hẹn trả kết quả, with the lookup QR code
 * (and the fee QR when ctx->vietqr_payload is set).  Needs a received dossier. */
enum mc_err forms_receipt(const json_t *dossier, const struct forms_context *ctx, struct buf *out,
			  struct mc_error *err);

/* Mẫu 02, A5: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ: the items of the last
 * request_supplement event, else of the guide event, numbered. */
enum mc_err forms_supplement_request(const json_t *dossier, const struct forms_context *ctx, struct buf *out,
				     struct mc_error *err);

/* Mẫu 03, A5: Phiếu từ chối tiếp nhận giải quyết hồ sơ: the reason of the last
 * refuse event (or the dossier's reason). */
enum mc_err forms_refusal(const json_t *dossier, const struct forms_context *ctx, struct buf *out,
			  struct mc_error *err);

/* Mẫu 04, A5: Phiếu xin lỗi và hẹn lại ngày trả kết quả: from the last
 * apologize event (reason, new appointment). */
enum mc_err forms_apology(const json_t *dossier, const struct forms_context *ctx, struct buf *out,
			  struct mc_error *err);

/* A5: Thông báo dừng giải quyết hồ sơ: from the last stop (or withdraw) event. */
enum mc_err forms_stop_notice(const json_t *dossier, const struct forms_context *ctx, struct buf *out,
			      struct mc_error *err);

/* Mẫu 05, A4 landscape: Phiếu kiểm soát quá trình giải quyết hồ sơ, one row per
 * hand-off; the table header repeats on every page; "Trang i/n" at the foot. */
enum mc_err forms_control_slip(const json_t *slip, const struct forms_context *ctx, struct buf *out,
			       struct mc_error *err);

/* Mẫu 06, A4 landscape: Sổ theo dõi hồ sơ of a period, multi-page with the
 * header repeated and page numbers. */
enum mc_err forms_tracking_book(const json_t *book, const struct forms_context *ctx, struct buf *out,
				struct mc_error *err);

/* At process exit, after the last render and when no other thread renders:
 * free the font caches of pango, cairo and fontconfig, which otherwise live
 * as long as the process (and show up as leaks under LeakSanitizer).  Never
 * needed for correctness. */
void forms_release_fonts(void);

/* A QR code of text as an SVG image appended to out (screens: the VietQR
 * code of a fee).  MC_EINVAL for empty or over-long text. */
enum mc_err forms_qr_svg(const char *text, struct buf *out, struct mc_error *err);

/* ---- table exports ----------------------------------------------------------- */

enum forms_col_kind {
	FORMS_COL_TEXT = 0, /* strings as they are; numbers and booleans as text */
	FORMS_COL_NUMBER,   /* a JSON number (or a numeric string) as a real number */
	FORMS_COL_DATE,     /* "YYYY-MM-DD[...]": an Excel date, shown dd/mm/yyyy */
	FORMS_COL_DATETIME, /* "YYYY-MM-DDTHH:MM[:SS][+07:00]": an Excel date-time at the local wall clock */
};

struct forms_column {
	const char *title;       /* header text (UTF-8) */
	double width;            /* column width in characters (Excel units); 0: 14 */
	enum forms_col_kind kind;
};

/* An .xlsx workbook of one sheet: the title in row 1 (bold, larger), the bold
 * header in row 3, the rows from row 4, frozen under the header.  rows is a
 * JSON array of arrays, one value per column; null is an empty cell.
 * libxlsxwriter writes files only: it writes into a private temporary folder
 * (TMPDIR or /tmp), which is removed before returning. */
enum mc_err forms_xlsx_table(const char *title, const struct forms_column *cols, size_t ncols, const json_t *rows,
			     struct buf *out, struct mc_error *err);

/* CSV, UTF-8 with a byte order mark (so Excel reads the diacritics), RFC 4180:
 * CRLF line ends, fields quoted when they hold a comma, quote, CR or LF, quotes
 * doubled.  A header line, then the rows; dates are written as they come. */
enum mc_err forms_csv_table(const struct forms_column *cols, size_t ncols, const json_t *rows, struct buf *out,
			    struct mc_error *err);

/* A workbook of several sheets (the annual reform appendices: one sheet per
 * appendix).  Each sheet: its title in row 1 (bold), the bold header in row
 * 3, the rows from row 4; JSON integers and reals become numbers, strings
 * text, null an empty cell.  name is the tab's name (at most 31 characters,
 * none of []:*?/\).  Written like forms_xlsx_table (forms_workbook.c). */
struct forms_sheet {
	const char *name;
	const char *title;
	const struct forms_column *cols;
	size_t ncols;
	const json_t *rows;
};
enum mc_err forms_xlsx_workbook(const struct forms_sheet *sheets, size_t nsheets, struct buf *out,
				struct mc_error *err);

/* Biểu số 06/VPCP/KSTT as a PDF, A4 landscape (forms_report06.c): report is
 * the resolution report's JSON (unit, period), lines what svc_report_lines()
 * builds ([no, label, code, count...]), titles the ncounts count columns'. */
enum mc_err forms_report06(const json_t *report, const json_t *lines, const char *const *titles, int ncounts,
			   struct buf *out, struct mc_error *err);

/* The tracking book as table columns and rows, for forms_xlsx_table and
 * forms_csv_table: No., code, procedure, applicant, address/phone, lead unit,
 * received, appointment, returned, how returned, state.  *rows is a new
 * reference the caller releases with json_decref(). */
extern const struct forms_column forms_tracking_book_columns[];
extern const size_t forms_tracking_book_ncolumns;
enum mc_err forms_tracking_book_rows(const json_t *book, json_t **rows, struct mc_error *err);

#endif
