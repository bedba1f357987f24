/*
 * catalog.h - rules of the catalog of administrative procedures (thủ tục
 * hành chính): what a valid procedure document is, how its internal process
 * must add up to its time limit, and how search results are ranked.
 *
 * A procedure is kept as a JSON document (the format of
 * docs/CATALOG_FORMAT.md) plus the few columns the store filters on.  This
 * module validates documents and derives those columns; it does no I/O.
 *
 * Memory: jansson values passed in are borrowed; nothing here keeps them.
 */
#ifndef MC_CATALOG_H
#define MC_CATALOG_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

#define CATALOG_MAX_STEPS 24
#define CATALOG_DAY_MINUTES (8 * 60) /* a working day, for the step arithmetic */

enum time_limit_kind { TL_DAYS = 0, TL_HOURS, TL_SAME_DAY };

struct proc_step {
	char name[256];
	char unit[64];  /* unit code, "$desk" or "$commune" */
	char role[24];
	int minutes;    /* share of the time limit, in working minutes */
};

/* The parts of a procedure that the rest of MotCua reads without the JSON. */
struct proc_summary {
	char code[32];
	char name[512];
	char field[64];
	char level[16];        /* district | commune | province */
	char agency[64];
	char online[8];        /* full | partial | none */
	char status[16];       /* draft | in_force | amended | replaced | abolished */
	char supplement_policy[8]; /* restart | pause */
	bool inter_level;
	bool postal_return;
	enum time_limit_kind tl_kind;
	int tl_value;          /* days or hours; 0 for same day */
	int nsteps;
	struct proc_step steps[CATALOG_MAX_STEPS];
};

/* Knows which fields and units exist, so validation can check references. */
struct catalog_refs {
	bool (*field_exists)(void *ctx, const char *code);
	bool (*unit_exists)(void *ctx, const char *code);
	void *ctx;
};

/* Validate one procedure document and fill *out.  Every message names the
 * procedure (by code when it has one) and the member at fault, e.g.
 * "Thủ tục 1.001612: các bước của quy trình cộng lại 30 giờ, thời hạn là 3
 * ngày làm việc (24 giờ)".  refs may be NULL (no reference checks). */
enum mc_err catalog_validate(json_t *doc, const struct catalog_refs *refs, struct proc_summary *out,
			     struct mc_error *err);

/* Does this status still accept new dossiers? (in_force, amended) */
bool catalog_status_open(const char *status);
bool catalog_status_valid(const char *status);

/* The folded text that search indexes, in four weighted parts (the caller
 * frees each with free()): name, code, field name, and everything else that
 * a citizen may type (documents, result, English name). */
struct catalog_search_text {
	char *name;
	char *code;
	char *field;
	char *body;
};
enum mc_err catalog_search_text(json_t *doc, const char *field_name, struct catalog_search_text *out);
void catalog_search_text_release(struct catalog_search_text *t);

/* Turn what a person typed into a full-text query on folded words: every
 * word must match, the last one as a prefix (so results come while typing).
 * Writes "" when there is no word.  Words are quoted, so the query syntax of
 * the engine cannot be injected. */
size_t catalog_fts_query(const char *typed, char *out, size_t n);

/* Rank score of a candidate name against the folded query words: higher is
 * better.  Names that contain every word, as a larger share of their own
 * words, come first ("dang ky ho kinh doanh" puts "Đăng ký thành lập hộ kinh
 * doanh" before "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh");
 * engine_rank (lower is better, e.g. bm25) breaks ties. */
double catalog_rank(const char *folded_query, const char *name, double engine_rank);

#endif
