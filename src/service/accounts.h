/*
 * accounts.h - account use cases shared by the CLI and the API: creating a
 * user with roles, setting a password, disabling.  Each runs in one
 * transaction with its audit row, so either all of it is saved or none.
 *
 * Services sit between the API/CLI and the store: they apply domain rules and
 * call store_* functions; they speak neither SQL nor HTTP.
 */
#ifndef MC_SVC_ACCOUNTS_H
#define MC_SVC_ACCOUNTS_H

#include "core/err.h"
#include "store/store.h"

struct new_grant {
	char role[24];
	char unit_code[64]; /* "" for citizen */
};

/* Validate u (normalising phone, e-mail, username), hash the password, insert
 * the user and its roles, and audit as actor_id.  On success u->id is set. */
enum mc_err svc_user_create(struct store_conn *c, struct user_rec *u, const char *password,
			    const struct new_grant *grants, int ngrants, int64_t actor_id, int64_t now,
			    struct mc_error *err);

/* Set a new password (checked against the policy) and end the user's sessions. */
enum mc_err svc_user_set_password(struct store_conn *c, int64_t user_id, const char *password,
				  int64_t actor_id, int64_t now, struct mc_error *err);

/* Disable or enable; disabling ends the user's sessions. */
enum mc_err svc_user_set_disabled(struct store_conn *c, int64_t user_id, bool disabled, int64_t actor_id,
				  int64_t now, struct mc_error *err);

/* Give the staff account user_id the role `role` at the unit `unit_code`
 * (grant = true) or take it away (grant = false), with its audit row, in one
 * transaction; the new roles apply from the account's next request.
 * Granting a role already held changes nothing (MC_OK, *changed = false).
 * Refused: an unknown or citizen role, a citizen account, a role not held
 * (MC_ENOTFOUND), taking the last role (disable the account instead) and an
 * administrator taking their own admin role (MC_ECONFLICT: nobody locks the
 * unit out of its own administration by mistake). */
enum mc_err svc_user_set_role(struct store_conn *c, int64_t user_id, const char *role, const char *unit_code,
			      bool grant, int64_t actor_id, int64_t now, bool *changed, struct mc_error *err);

/* Look a user up by id, or by username / phone / e-mail when `who` is not a
 * number. */
enum mc_err svc_user_find(struct store_conn *c, const char *who, struct user_rec *out, struct mc_error *err);

#endif
