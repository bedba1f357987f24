/*
 * dossier_code.h - the dossier code of Thông tư 01/2018/TT-VPCP art. 19,
 * printed on the receipt (with a QR code) and typed by anyone into the
 * public lookup, and the masking of a person's name for public display.
 *
 *   <agency code>-<YYMMDD>-<NNNN>      e.g. 000.00.27.H21-260315-0042
 *
 * agency code: the receiving agency's code under QCVN 102:2016/BTTTT
 * (Thông tư 10/2016/TT-BTTTT), four groups "DDD.DD.DD.LDD": three groups of
 * digits or capital letters (3, 2, 2 characters) and a last group of a
 * capital letter and two digits (the province, H21);
 * YYMMDD: the receipt date in local time (UTC+7 in Vietnam), 2000-2099;
 * NNNN:   the sequence of that agency on that day, 0001..9999.
 *
 * The parser is strict and bounded: it reads at most DOSSIER_CODE_LEN + 1
 * bytes of its input, so any string, however long or hostile, is refused
 * in constant time without reading past the code.  Pure functions, no
 * allocation, no state.
 */
#ifndef MC_DOSSIER_CODE_H
#define MC_DOSSIER_CODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define DOSSIER_CODE_AGENCY_LEN 13 /* "000.00.27.H21" */
#define DOSSIER_CODE_LEN 25        /* "000.00.27.H21-260315-0042" */
#define DOSSIER_CODE_SIZE (DOSSIER_CODE_LEN + 1)
#define DOSSIER_CODE_SEQ_MAX 9999

struct dossier_code {
	char agency[DOSSIER_CODE_AGENCY_LEN + 1];
	int32_t day; /* the local receipt date, a caldate day number */
	int seq;     /* 1 .. 9999 */
};

/* Is agency exactly a well-formed agency code ("000.00.27.H21")? */
bool dossier_code_agency_valid(const char *agency);

/* The local date (caldate day number) of instant t at a fixed UTC offset in
 * minutes (+420 for Vietnam): the date that goes into the code. */
int32_t dossier_code_local_day(int64_t t, int utc_offset_min);

/* Write "<agency>-<YYMMDD>-<NNNN>" into out (DOSSIER_CODE_SIZE bytes).
 * MC_EINVAL (with the field at fault) for a bad agency code, a date outside
 * 2000-01-01 .. 2099-12-31, or seq outside 1..9999; out is then "". */
enum mc_err dossier_code_format(const char *agency, int32_t day, int seq,
				char out[DOSSIER_CODE_SIZE], struct mc_error *err);

/* Strictly parse a code: exactly DOSSIER_CODE_LEN bytes of the form above,
 * a real calendar date, a sequence 0001..9999; nothing before or after (no
 * spaces, no lower case).  MC_EINVAL for anything else; *out is then
 * zeroed.  text may be NULL (refused). */
enum mc_err dossier_code_parse(const char *text, struct dossier_code *out,
			       struct mc_error *err);

/* Shorthand: 1 if dossier_code_parse would accept text. */
bool dossier_code_valid(const char *text);

/* Mask a person's name for public display: the first word (the family
 * name, written first in Vietnamese) is kept whole, every other word is
 * cut to its first letter and a full stop; a name of one word keeps only
 * its initial.  Letters keep their case and diacritics, including a
 * decomposed (NFD) letter's combining marks; runs of spaces (and NBSP)
 * collapse.  "Nguyễn Văn An" -> "Nguyễn V. A."; "Lê Thị Ánh Tuyết" ->
 * "Lê T. Á. T."; "An" -> "A.".
 * MC_EINVAL (out = "") for an empty or blank name, invalid UTF-8, control
 * characters, or an out buffer too small (2 * strlen(name) + 2 bytes are
 * always enough). */
enum mc_err dossier_code_mask_name(const char *name, char *out, size_t size,
				   struct mc_error *err);

#endif
