/*
 * err.h - the one error type of MotCua.
 *
 * Every fallible function returns an enum mc_err (MC_OK is 0) and, where a
 * caller may show the failure to a person, fills a struct mc_error with a
 * message in Vietnamese and in English and, for bad input, the name of the
 * field at fault.  The mapping of codes to HTTP statuses and to stable
 * machine-readable names lives in err.c and nowhere else.
 *
 * The enum is append-only: never renumber or remove a code (API clients and
 * logs depend on the names, and stored audit rows on the numbers).
 */
#ifndef MC_ERR_H
#define MC_ERR_H

#include <stddef.h>

enum mc_err {
	MC_OK = 0,
	MC_ENOMEM,       /* allocation failed */
	MC_EINVAL,       /* bad input: a field is missing, malformed or out of range */
	MC_ENOTFOUND,    /* no such object (or the caller may not know it exists) */
	MC_ECONFLICT,    /* version conflict, duplicate key, or state does not allow it */
	MC_EFORBIDDEN,   /* authenticated but not allowed */
	MC_EUNAUTH,      /* not authenticated, or the session expired */
	MC_ECSRF,        /* cookie-authenticated write without a valid CSRF token */
	MC_ETOOBIG,      /* body or upload over its size limit */
	MC_EBADJSON,     /* body is not valid JSON */
	MC_ERATE,        /* too many attempts: try again later */
	MC_EMETHOD,      /* the route exists but not with that method */
	MC_ESTORE,       /* the database failed */
	MC_EIO,          /* a file or network operation failed */
	MC_EINTERNAL,    /* a bug: should never happen */
	MC_EUNAVAILABLE, /* temporarily unable to serve (shutting down, DB busy) */
	MC_EGONE,        /* the object existed but is no longer offered (abolished) */
	MC__COUNT        /* not a code: the number of codes */
};

/* A failure as shown to a person. Fixed-size so that it can live on the stack
 * of a request without allocation; long messages are truncated. */
struct mc_error {
	enum mc_err code;
	char field[64];   /* the input field at fault, "" if none */
	char msg_vi[320]; /* Vietnamese first: the users' language */
	char msg_en[320];
};

/* Set *e (when e is not NULL) and return code, so callers can write
 *     return mc_fail(e, MC_EINVAL, "phone", "Số điện thoại không hợp lệ",
 *                    "Invalid phone number");
 * vi and en may be NULL: the generic text for the code is used instead. */
enum mc_err mc_fail(struct mc_error *e, enum mc_err code, const char *field,
		    const char *vi, const char *en);

/* printf-style variant: the same format arguments are used for both texts,
 * so both formats must take the same conversions in the same order. */
enum mc_err mc_failf(struct mc_error *e, enum mc_err code, const char *field,
		     const char *vi_fmt, const char *en_fmt, ...)
	__attribute__((format(printf, 4, 6)));

void mc_error_clear(struct mc_error *e);

/* Stable machine name of a code ("not_found"), the HTTP status it maps to, and
 * the generic messages used when a failure carries none of its own. */
const char *mc_err_name(enum mc_err code);
int mc_err_http_status(enum mc_err code);
const char *mc_err_generic_vi(enum mc_err code);
const char *mc_err_generic_en(enum mc_err code);

#endif
