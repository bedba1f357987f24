/*
 * buf.h - a growable byte buffer with a hard size cap.
 *
 * Every buffer declares the most it may ever hold (curl's dynbuf idea), so a
 * request body, a generated report or a log line can never grow without bound.
 * Invariant: after buf_init() b->data is either NULL (nothing appended yet) or
 * NUL-terminated; b->len never counts the terminator.
 * Ownership: the buffer owns data; buf_release() frees it, buf_detach() hands
 * it to the caller, who frees it with free().
 */
#ifndef MC_BUF_H
#define MC_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "core/err.h"

struct buf {
	char *data;
	size_t len;
	size_t cap;
	size_t max; /* the most len may reach */
};

void buf_init(struct buf *b, size_t max);
void buf_release(struct buf *b);
void buf_reset(struct buf *b); /* len = 0, keeps the storage */
char *buf_detach(struct buf *b, size_t *len_out);

/* MC_ETOOBIG when the cap would be passed (the buffer is left unchanged),
 * MC_ENOMEM when allocation fails. */
enum mc_err buf_append(struct buf *b, const void *p, size_t n);
enum mc_err buf_puts(struct buf *b, const char *s);
enum mc_err buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
enum mc_err buf_vprintf(struct buf *b, const char *fmt, va_list ap);

/* The contents as a C string ("" when empty); valid until the next append. */
const char *buf_str(const struct buf *b);

#endif
