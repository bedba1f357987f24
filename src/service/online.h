/*
 * online.h - online public services for citizens and businesses: accounts
 * verified by a one-time code, the profile that prefills forms, drafts and
 * uploads, online submission and supplements, fees and payment (VietQR,
 * cash at the desk, a bank's payment notification), ratings, and the
 * notifications the desk's actions send.  See docs/ONLINE.md.
 *
 * Storage: small JSON documents in the store's kv table (profile
 * "user:<id>"/"profile", drafts "user:<id>"/"draft:<id>", one-time codes
 * "otp:<login>"/<purpose>, a unit's bank account "unit:<id>"/"bank"),
 * uploaded files under <data_dir>/attachments/<sha256 of the content> with
 * their metadata in the attachments table, payment and rating in the
 * dossier's document.
 *
 * JSON returned through out parameters are new references the caller owns.
 */
#ifndef MC_SVC_ONLINE_H
#define MC_SVC_ONLINE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/config.h"
#include "core/err.h"
#include "service/dossier.h"
#include "store/store.h"

#define OTP_TTL_SECONDS 600
#define OTP_MAX_TRIES 5
#define ONLINE_MAX_FILES 64 /* uploads per draft or dossier */

/* ---- accounts ---- */

/* {full_name, phone | email, cccd, password, kind?: individual|organisation}
 * -> a disabled citizen account and a code sent to the contact.  Rate
 * limited per client address and per contact. */
enum mc_err svc_citizen_register(struct store_conn *c, const struct config *cfg, json_t *in, const char *client_ip,
				 int64_t now, json_t **out, struct mc_error *err);
/* {login, code}: enables the account. */
enum mc_err svc_citizen_verify(struct store_conn *c, json_t *in, int64_t now, struct mc_error *err);
/* {login}: sends a reset code if such a citizen exists (the answer never says). */
enum mc_err svc_citizen_reset_request(struct store_conn *c, const struct config *cfg, json_t *in,
				      const char *client_ip, int64_t now, struct mc_error *err);
/* {login, code, new_password} */
enum mc_err svc_citizen_reset_confirm(struct store_conn *c, json_t *in, int64_t now, struct mc_error *err);

enum mc_err svc_profile_get(struct store_conn *c, const struct user_rec *u, json_t **out, struct mc_error *err);
/* Replaces the profile's free fields (address, date_of_birth, gender, lang,
 * organisation, tax_code, postal_address). */
enum mc_err svc_profile_put(struct store_conn *c, const struct user_rec *u, json_t *in, int64_t now, json_t **out,
			    struct mc_error *err);

/* ---- drafts, uploads, submission ---- */

/* A new draft {procedure, desk, applicant?, delivery?, note?}: the profile
 * prefills the applicant; answers the draft with its form (the procedure's
 * documents) and uploads. */
enum mc_err svc_draft_create(struct store_conn *c, const struct user_rec *u, json_t *in, int64_t now, json_t **out,
			     struct mc_error *err);
enum mc_err svc_draft_update(struct store_conn *c, const struct user_rec *u, const char *id, json_t *in, int64_t now,
			     json_t **out, struct mc_error *err);
enum mc_err svc_draft_get(struct store_conn *c, const struct user_rec *u, const char *id, json_t **out,
			  struct mc_error *err);
/* Everything of the citizen: drafts and dossiers. */
enum mc_err svc_citizen_dossiers(struct store_conn *c, const struct user_rec *u, int64_t now, json_t **out,
				 struct mc_error *err);
/* Submit a draft: every required document must be uploaded. */
enum mc_err svc_draft_submit(struct store_conn *c, const struct user_rec *u, const char *id, int64_t now, json_t **out,
			     struct mc_error *err);

/* The content type of data by its first bytes: "application/pdf",
 * "image/jpeg", "image/png", or NULL. */
const char *online_sniff(const void *data, size_t len);

/* Save an uploaded file (content type checked against its bytes) for an
 * owner ("draft:<user>:<id>" or "dossier:<id>") and answer its metadata. */
enum mc_err svc_attachment_save(struct store_conn *c, const struct config *cfg, const char *owner, int document_index,
				const char *purpose, const char *declared_type, const char *filename,
				const void *data, size_t len, int64_t uploaded_by, int64_t now, json_t **out,
				struct mc_error *err);
/* Path of an attachment's content, for reading. */
void online_attachment_path(const struct config *cfg, const char *sha256, char *out, size_t n);
/* The attachments of an owner as JSON. */
json_t *online_attachments_json(struct store_conn *c, const char *owner);
/* The draft owner string for a user's draft id; false when id is malformed. */
bool online_draft_owner(int64_t user_id, const char *id, char *out, size_t n);
/* The owner string of a received dossier's files: "dossier:<id>". */
void online_dossier_owner(int64_t dossier_id, char *out, size_t n);

/* The dossier's full view for its citizen: the staff view plus attachments,
 * payment and rating. */
enum mc_err svc_citizen_dossier_json(struct store_conn *c, struct dossier_ctx *d, int64_t now, json_t **out,
				     struct mc_error *err);

/* ---- fees and payment ---- */

/* A way to pay.  instructions() says how (for VietQR: the payload);
 * verify() checks a provider's notification (signature and amount). */
struct payment_provider {
	const char *name;
	enum mc_err (*instructions)(struct store_conn *c, const struct dossier_ctx *d, json_int_t amount, json_t **out,
				    struct mc_error *err);
	enum mc_err (*verify)(const struct config *cfg, json_t *notification, struct mc_error *err);
};
extern const struct payment_provider payment_vietqr;

/* {amount, status, method?, vietqr: {payload, bank, account, name, note}} */
enum mc_err svc_payment_info(struct store_conn *c, struct dossier_ctx *d, json_t **out, struct mc_error *err);
/* Mark paid: method cash (receipt_number) or transfer (reference). */
enum mc_err svc_payment_record(struct store_conn *c, struct dossier_ctx *d, const char *method, const char *reference,
			       json_int_t amount, int64_t actor_id, int64_t now, struct mc_error *err);
/* A bank's notification {dossier_code, amount, reference, signature}:
 * signature = hex HMAC-SHA256(key = SHA-256(payment_secret),
 * "dossier_code|amount|reference"). */
enum mc_err svc_payment_notify(struct store_conn *c, const struct config *cfg, json_t *in, int64_t now,
			       struct mc_error *err);

/* The bank account where a unit's fees are paid: the unit's own or its
 * nearest ancestor's; bank_get adds "unit": {code, name} of the unit whose
 * account it is.  bank_put validates with the VietQR rules and writes the
 * account with an audit row (actor_id 0: the command line) in one
 * transaction: the account citizens pay into is never changed unseen. */
enum mc_err svc_unit_bank_put(struct store_conn *c, const char *unit_code, const char *bin, const char *account,
			      const char *name, int64_t actor_id, int64_t now, struct mc_error *err);
enum mc_err svc_unit_bank_get(struct store_conn *c, const struct unit_rec *u, json_t **out, struct mc_error *err);

/* ---- rating ---- */

/* {level: very_satisfied | satisfied | not_satisfied, comment?, problems?:
 * [late, extra_documents, attitude, fees]}; only once the result was
 * returned; once per dossier (MC_ECONFLICT after). */
enum mc_err svc_rating_record(struct store_conn *c, struct dossier_ctx *d, json_t *in, const char *source,
			      int64_t actor_id, int64_t now, struct mc_error *err);

/* ---- notifications of the desk's actions ---- */

/* After an event was recorded on dossier `code`: queue the notification its
 * last event calls for (received, supplement, result ready, late, refused),
 * to the applicant's e-mail and phone.  Failures are logged, not returned:
 * the action itself already succeeded. */
void svc_online_notify_last(struct store_conn *c, const struct config *cfg, const char *code, int64_t now);

#endif
