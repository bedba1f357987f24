/*
 * forms_int.h - what the form renderers share inside src/forms: the document
 * (a cairo PDF surface writing into a struct buf, with a cursor that flows
 * down the page), pango text helpers, the parts every form has (national
 * heading, title, signatures), JSON field access and date formatting.
 * Not for use outside src/forms.
 */
#ifndef MC_FORMS_INT_H
#define MC_FORMS_INT_H

#include <stdbool.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "forms/forms.h"

/* Page sizes in PostScript points (1/72 inch). */
#define FORMS_A5_W 419.53
#define FORMS_A5_H 595.28
#define FORMS_A4_W 595.28
#define FORMS_A4_H 841.89

/* Vietnamese capitals stack two marks (Ổ, Ẫ): at pango's default spacing they
 * touch the line above (see shared/stack.md). */
#define FORMS_LINE_SPACING 1.35

enum forms_font { FORMS_SERIF = 0, FORMS_SANS };
enum forms_align { FORMS_LEFT = 0, FORMS_CENTER, FORMS_RIGHT, FORMS_JUSTIFY };

struct forms_style {
	enum forms_font font;
	double size;       /* points */
	bool bold, italic;
	enum forms_align align;
	double indent;     /* first-line indent, points; negative: hanging */
};

struct forms_doc {
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoContext *pc;      /* one per document: layouts share it (cheaper than one per text) */
	struct buf *out;       /* borrowed: the caller's; NULL in a counting pass */
	enum mc_err write_rc;  /* a failed append of the stream callback (buffer cap) */
	double w, h;           /* page size */
	double ml, mr, mt, mb; /* margins */
	double y;              /* the cursor: top of the next thing to draw */
	double base;           /* body text size in points: 9 on A5, 10.5 on A4 */
	int page;              /* 1-based, the page being drawn */
	int total_pages;       /* 0 when not known (single pass) */
	bool numbered;         /* draw "Trang i/n" at the foot of each page */
	const struct forms_context *ctx;
};

/* ---- forms_doc.c ---- */

/* A document on a PDF surface of w x h points with the given margins, its PDF
 * metadata (title, creator, and a fixed creation date from `date_iso` so the
 * same input gives the same bytes).  out == NULL: bytes are discarded (a
 * counting pass).  forms_doc_finish() flushes into out and frees everything;
 * forms_doc_abort() frees without caring for the bytes. */
enum mc_err forms_doc_begin(struct forms_doc *d, struct buf *out, double w, double h, double margin_x,
			    double margin_y, const char *title, const char *date_iso,
			    const struct forms_context *ctx, struct mc_error *err);
void forms_doc_new_page(struct forms_doc *d);
/* Start a new page unless `height` points still fit below the cursor. */
void forms_doc_need(struct forms_doc *d, double height);
enum mc_err forms_doc_finish(struct forms_doc *d, struct mc_error *err);
void forms_doc_abort(struct forms_doc *d);
double forms_doc_content_w(const struct forms_doc *d);
double forms_doc_bottom(const struct forms_doc *d); /* lowest y content may reach (above the footer) */

/* A renderer that may span pages and prints "Trang i/n": it is run twice,
 * once to count pages (bytes discarded), then for real. */
typedef enum mc_err (*forms_draw_fn)(struct forms_doc *d, const void *arg, struct mc_error *err);
/* The same in one pass, without page numbers (the A5 forms: one page, rarely two). */
enum mc_err forms_doc_render(struct buf *out, double w, double h, double mx, double my, const char *title,
			     const char *date_iso, const struct forms_context *ctx, forms_draw_fn draw, const void *arg,
			     struct mc_error *err);
enum mc_err forms_doc_render_numbered(struct buf *out, double w, double h, double mx, double my, const char *title,
				      const char *date_iso, const struct forms_context *ctx, forms_draw_fn draw,
				      const void *arg, struct mc_error *err);

/* ---- forms_text.c ---- */

/* A pango layout of `markup` (pango markup: escape user text with
 * forms_esc/g_markup_printf_escaped) wrapped to `width`.  Caller unrefs. */
PangoLayout *forms_layout(struct forms_doc *d, const struct forms_style *st, double width, const char *markup);
double forms_layout_height(PangoLayout *l); /* with the leading above, see forms_text.c */
double forms_layout_lead(PangoLayout *l);
double forms_layout_baseline(PangoLayout *l); /* of the first line, from the top of the box */
void forms_show(struct forms_doc *d, PangoLayout *l, double x, double y);
double forms_layout_width(PangoLayout *l); /* of the widest line, points */
/* Height of markup at width, without drawing. */
double forms_text_height(struct forms_doc *d, const struct forms_style *st, double width, const char *markup);
/* Draw at (x, y) wrapped to width; returns the height used. */
double forms_text_at(struct forms_doc *d, const struct forms_style *st, double x, double y, double width,
		     const char *markup);
/* A paragraph across the content width at the cursor (a new page first when
 * it does not fit), then the cursor moves below it plus `after` points. */
void forms_para(struct forms_doc *d, const struct forms_style *st, double after, const char *markup);
/* printf into pango markup: %s arguments are escaped (g_markup_vprintf_escaped).
 * Returns a g_malloc'd string the caller g_free()s. */
char *forms_markup(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Upper-case UTF-8 (Vietnamese letters included); caller g_free()s. */
char *forms_upper(const char *s);
void forms_hline(struct forms_doc *d, double x0, double x1, double y, double width);

/* ---- forms_parts.c: the pieces every form has ---- */

/* The two-column heading: issuing unit (left, with "Số: number" when
 * number != NULL) and the national motto with its rule and the date line
 * (right, from date_iso, or dotted when NULL).  form_no: "Mẫu số 01" (small,
 * above, right) or NULL. */
void forms_heading(struct forms_doc *d, const char *form_no, const char *number, const char *date_iso);
/* The form's title (bold capitals, centred) and an optional subtitle line. */
void forms_title(struct forms_doc *d, const char *title, const char *subtitle_markup);
/* Signature blocks side by side: titles in bold capitals, "(Ký và ghi rõ họ
 * tên)" below, space for the signature, then the name when known. */
void forms_signatures(struct forms_doc *d, int n, const char *const titles[], const char *const notes[],
		      const char *const names[]);
/* "label: value" as a paragraph (value bold when asked; dots when empty). */
void forms_field(struct forms_doc *d, const char *label, const char *value, bool bold);
/* The same with the label and value already in markup. */
void forms_line(struct forms_doc *d, const char *markup);
/* A numbered item with a hanging indent: "1. text". */
void forms_item(struct forms_doc *d, const char *number, const char *text);
/* The applicant's lines (name, id, address, phone and e-mail) and the request. */
void forms_applicant_block(struct forms_doc *d, const json_t *dossier, const char *name_label);
/* "value" or the dotted blank. */
const char *forms_or_dots(const char *s);
/* "Trang i/n" at the foot of the current page (when d->numbered). */
void forms_page_number(struct forms_doc *d);

/* ---- forms_qr.c ---- */

/* A QR code of text (error correction M, byte mode) as a square of `side`
 * points whose top left corner is (x, y), quiet zone of 4 modules included:
 * dark modules as one filled path of whole-module rectangles (crisp at any
 * zoom, no seams between modules). */
enum mc_err forms_qr_draw(struct forms_doc *d, const char *text, double x, double y, double side,
			  struct mc_error *err);

/* ---- forms_table.c: tables that run over pages ---- */

struct forms_table_col {
	const char *title;     /* header markup */
	double weight;         /* share of the content width */
	enum forms_align align;
};

struct forms_table {
	const struct forms_table_col *cols;
	int ncols;
	char **cells;            /* nrows * ncols markup strings, g_malloc'd; owned by the table */
	int nrows;
	double size;             /* text size of the cells, points */
	const char *cont_markup; /* printed above the header on every page after the first */
};

/* A table with nrows x ncols empty cells; forms_table_free releases the cells. */
bool forms_table_init(struct forms_table *t, const struct forms_table_col *cols, int ncols, int nrows, double size);
void forms_table_set(struct forms_table *t, int row, int col, char *markup); /* takes ownership */
void forms_table_free(struct forms_table *t);
/* Draw at the cursor: the header row, then the rows; a row that does not fit
 * goes to a new page, which starts with cont_markup and the header again. */
void forms_table_draw(struct forms_doc *d, const struct forms_table *t);

/* ---- forms_fields.c: reading the API's JSON ---- */

/* The string at a dotted path ("applicant.name"), or "" (never NULL). */
const char *forms_str(const json_t *j, const char *path);
json_t *forms_get(const json_t *j, const char *path);
/* The last event of the given kind (then of kind2 when none; kind2 may be NULL). */
json_t *forms_last_event(const json_t *dossier, const char *kind, const char *kind2);

struct forms_time {
	int y, mo, d, h, mi;
	bool has_time;
};
/* Parse "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS][offset]" (local wall clock). */
bool forms_time_parse(const char *s, struct forms_time *t);
/* "16 giờ 00 phút, ngày 05/03/2026", or the dotted blank when s is not a time. */
void forms_fmt_hm_date(const char *s, char *out, size_t n);
/* "05/03/2026" ("hh:mm dd/mm/yyyy" with time when want_time), or "" */
void forms_fmt_date(const char *s, bool want_time, char *out, size_t n);
/* "ngày 05 tháng 03 năm 2026", or the dotted blank. */
void forms_fmt_long_date(const char *s, char *out, size_t n);
/* 100000 -> "100.000" (Vietnamese thousands separator). */
void forms_fmt_money(long long v, char *out, size_t n);

/* "Bản chính" / "Bản sao" / "Bản sao chứng thực" for a document's form. */
const char *forms_doc_form_vi(const char *form);
/* Where the result goes, from the dossier's delivery: the desk's name, the
 * postal address, or electronic. */
void forms_delivery_text(const json_t *dossier, char *out, size_t n);
/* The statutory time: time_limit_text, else from time_limit {days|hours}. */
void forms_time_limit_text(const json_t *dossier, char *out, size_t n);

/* The dotted blank printed for a value nobody gave. */
#define FORMS_DOTS "……………………"

#endif
