/*
 * fold.h - fold Vietnamese text for search: lower case, tone marks and
 * vowel marks removed, đ/Đ -> d, every other character that is not a letter
 * or a digit -> one space.  "Đăng ký hộ kinh doanh" -> "dang ky ho kinh doanh".
 *
 * Folding is done here, in C, for every backend, so SQLite and PostgreSQL
 * index and search exactly the same text and give the same results.
 * Precomposed (NFC) and decomposed (NFD, combining marks) input fold alike.
 */
#ifndef MC_FOLD_H
#define MC_FOLD_H

#include <stddef.h>

/* Write the folded form of s into out (size n, always NUL-terminated;
 * truncated at a character boundary when too small).  Returns the length
 * written.  Invalid UTF-8 bytes are treated as separators. */
size_t fold_text(const char *s, char *out, size_t n);

#endif
