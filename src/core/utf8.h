/*
 * utf8.h - UTF-8 checks used on every piece of text a person sends.
 */
#ifndef MC_UTF8_H
#define MC_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF). */
bool utf8_valid(const char *s, size_t len);

/* Number of code points in a valid UTF-8 string. */
size_t utf8_length(const char *s);

/* Valid UTF-8 without control characters (tabs and newlines allowed only
 * when multiline is set). */
bool utf8_is_clean_text(const char *s, bool multiline);

#endif
