/*
 * timefmt.h - instants as people and programs write them.  Instants are
 * Unix seconds UTC; people give and read local time at a unit's fixed
 * offset (UTC+7 in Vietnam).
 */
#ifndef MC_TIMEFMT_H
#define MC_TIMEFMT_H

#include <stdint.h>

#include "core/err.h"

/* "2026-02-13 16:59", "2026-02-13T16:59", with optional ":SS", read at
 * offset_min; or with an explicit "Z" / "+07:00" / "+0700" suffix, read at
 * that offset.  MC_EINVAL (field `field`) for anything else. */
enum mc_err timefmt_parse(const char *s, int offset_min, int64_t *out, const char *field, struct mc_error *err);

/* "2026-02-13T16:59:00+07:00" (buf >= 26 bytes). Returns buf. */
char *timefmt_local(int64_t t, int offset_min, char *buf);

/* "2026-02-13 16:59" for people (buf >= 17 bytes). Returns buf. */
char *timefmt_local_short(int64_t t, int offset_min, char *buf);

/* "2026-02-13T09:59:00Z" (buf >= 21 bytes). Returns buf. */
char *timefmt_utc(int64_t t, char *buf);

#endif
