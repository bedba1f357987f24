/*
 * log.h - leveled, thread-safe logging to stderr, one line per event.
 *
 * Never log secrets: passwords, session tokens, CSRF tokens, Authorization or
 * Cookie headers, request bodies.  Personal data (CCCD numbers, phones) only
 * where an operator needs it, never in access lines.
 */
#ifndef MC_LOG_H
#define MC_LOG_H

enum log_level { LOG_DEBUG = 0, LOG_INFO, LOG_WARN, LOG_ERROR, LOG_OFF };

void log_set_level(enum log_level level);
enum log_level log_get_level(void);
/* "debug", "info", "warn", "error", "off"; returns -1 when unknown. */
int log_level_parse(const char *s);

void log_msg(enum log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)

#endif
