/*
 * notify.h - notifications to citizens: an outbox in the database and a
 * background worker that sends it.
 *
 * Writers (the API, services) call svc_notify(), which renders a template
 * (Vietnamese, or English when the citizen chose it; English is also the
 * fallback when a template has no Vietnamese text) and queues one message
 * per channel the person has and the server is configured for (smtp_url,
 * sms_url): e-mail and/or SMS.  Messages other than
 * receipts and one-time codes are held until the end of the quiet hours
 * (notify_quiet_start .. notify_quiet_end, local time of UTC+7).
 *
 * The worker (one thread per `motcua serve`) claims due messages with a
 * lease (store_outbox_claim: several instances may run), sends them through
 * libcurl (SMTP for e-mail, an HTTP GET to the configured gateway for SMS),
 * and on failure retries with exponential back-off (30 s, 1, 2, 4 min ...,
 * at most 1 h) until notify_max_attempts, then marks the message failed.
 * Nothing personal is logged: message ids and error texts only.
 */
#ifndef MC_SVC_NOTIFY_H
#define MC_SVC_NOTIFY_H

#include <jansson.h>
#include <stdint.h>

#include "core/config.h"
#include "core/err.h"
#include "store/store.h"

/* Template kinds */
#define NOTIFY_OTP_VERIFY "otp_verify"     /* {otp} */
#define NOTIFY_OTP_RESET "otp_reset"       /* {otp} */
#define NOTIFY_RECEIVED "received"         /* {code} {procedure} {appointment} */
#define NOTIFY_SUPPLEMENT "supplement"     /* {code} {procedure} {items} */
#define NOTIFY_RESULT_READY "result_ready" /* {code} {procedure} */
#define NOTIFY_LATE "late"                 /* {code} {procedure} {appointment} {reason} */
#define NOTIFY_REFUSED "refused"           /* {code} {procedure} {reason} */

struct notify_to {
	const char *email; /* may be NULL or "" */
	const char *phone; /* may be NULL or "" */
	const char *lang;  /* "vi" (default) or "en" */
};

/* Queue the message of `kind` for `to`, with vars (an object of strings,
 * borrowed) filled into the template.  In the caller's transaction when
 * there is one.  Nothing is queued (MC_OK) when `to` has no address. */
enum mc_err svc_notify(struct store_conn *c, const struct config *cfg, const struct notify_to *to, const char *kind,
		       json_t *vars, int64_t now, struct mc_error *err);

/* When a non-urgent message queued at `now` may go (now, or the end of the
 * quiet hours).  Exposed for tests. */
int64_t notify_release_time(const struct config *cfg, int64_t now);

struct notify_worker;

/* Start the worker thread; st and cfg must outlive it. */
enum mc_err notify_worker_start(struct store *st, const struct config *cfg, struct notify_worker **out,
				struct mc_error *err);
/* Stop it (waits for the message being sent) and free it; NULL is fine. */
void notify_worker_stop(struct notify_worker *w);

#endif
