/*
 * calimport.h - read calendar overrides (days off, swapped working days,
 * holidays not observed) from the three documented file formats:
 *
 *   iCalendar  BEGIN:VEVENT / DTSTART;VALUE=DATE:20250502 / optional DTEND
 *              (exclusive, as iCalendar defines it) / SUMMARY (reason, vi) /
 *              X-MOTCUA-KIND:off|work|remove (default off) /
 *              X-MOTCUA-REASON-EN / X-MOTCUA-SOURCE
 *   JSON       {"format":"motcua-calendar","version":1,"year":2025,
 *               "source":"...","entries":[{"date":"2025-05-02",
 *               "until":"2025-05-02","kind":"off","reason_vi":"...",
 *               "reason_en":"...","source":"..."}]}
 *   CSV        date,kind,reason_vi,reason_en,source  (header optional,
 *              RFC 4180 quoting, '#' comment lines)
 * docs/CALENDAR.md has full examples.  Every error names the line (1-based)
 * in both languages and sets list->error_line.
 *
 * Limits: 1 MiB of text, 8 KiB a line, 5000 days in a list, 62 days in one
 * range, HOLIDAYS_TEXT_MAX - 1 bytes of valid UTF-8 in a text field.
 * Pure functions of their input: thread-safe.  jansson is used here only.
 */
#ifndef MC_CALIMPORT_H
#define MC_CALIMPORT_H

#include <stddef.h>

#include "core/err.h"
#include "domain/holidays.h"

#define CALIMPORT_MAX_BYTES (1024 * 1024)
#define CALIMPORT_MAX_LINE 8192
#define CALIMPORT_MAX_DAYS 5000
#define CALIMPORT_MAX_RANGE 62

enum calimport_format {
	CALIMPORT_UNKNOWN = 0,
	CALIMPORT_ICS,
	CALIMPORT_JSON,
	CALIMPORT_CSV
};

/* A growing list of overrides, one per day (ranges are expanded).  Start
 * from {0} (all zero); release with calimport_list_release(). */
struct calimport_list {
	struct holidays_override *items; /* owned by the list */
	size_t n, cap;
	size_t error_line;               /* after a failed parse: 1-based line, 0 if none */
};

void calimport_list_release(struct calimport_list *list);

/* "ics", "json", "csv" (static) and back ("ical" and "ics" alike). */
const char *calimport_format_name(enum calimport_format fmt);
enum calimport_format calimport_format_parse(const char *name);

/* The format from a file name's extension (.ics .json .csv), else from the
 * text itself ("BEGIN:VCALENDAR", '{' or '['), else CSV.  name may be NULL. */
enum calimport_format calimport_format_guess(const char *name, const char *text, size_t len);

/* Parse text (len bytes, need not be NUL-terminated) and APPEND its entries
 * to list, so that several files can be merged in order (national first,
 * then the unit's: later entries win, see holidays.h).  On failure the list
 * is left as it was, apart from error_line.  MC_EINVAL (bad content),
 * MC_ETOOBIG (over a limit), MC_ENOMEM. */
enum mc_err calimport_parse(enum calimport_format fmt, const char *text, size_t len,
			    struct calimport_list *list, struct mc_error *err);

/* Read a file (at most CALIMPORT_MAX_BYTES) and parse it; fmt
 * CALIMPORT_UNKNOWN guesses from the name and content.  MC_EIO if the file
 * cannot be read. */
enum mc_err calimport_load_file(const char *path, enum calimport_format fmt,
				struct calimport_list *list, struct mc_error *err);

/* The JSON form of n overrides (one entry per day), as a NUL-terminated
 * string in *out that the caller frees with free(). */
enum mc_err calimport_to_json(const struct holidays_override *items, size_t n, char **out,
			      struct mc_error *err);

#endif
