/*
 * secret.h - random tokens, token hashes and password hashes (libsodium).
 *
 * Passwords are hashed with argon2id.  Session tokens are 256 random bits;
 * only their BLAKE2b hash is stored, so a copy of the database does not let
 * anyone sign in.
 */
#ifndef MC_SECRET_H
#define MC_SECRET_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

#define SECRET_TOKEN_LEN 43   /* base64url of 32 bytes, no padding */
#define SECRET_HASH_HEX 64
#define SECRET_PWHASH_MAX 128 /* crypto_pwhash_STRBYTES */

/* Call once before threads start.  MC_EINTERNAL if libsodium cannot start. */
enum mc_err secret_init(void);

/* "interactive" (default), "moderate", or "min" (tests only: fast, weak). */
enum mc_err secret_set_cost(const char *name);

/* out gets SECRET_TOKEN_LEN characters and a NUL. */
void secret_token(char out[SECRET_TOKEN_LEN + 1]);

/* Hex BLAKE2b-256 of s; out gets 64 hex digits and a NUL. */
void secret_hash_hex(const char *s, char out[SECRET_HASH_HEX + 1]);

enum mc_err secret_password_hash(const char *password, char out[SECRET_PWHASH_MAX]);

/* True when password matches hash.  When hash is NULL a dummy hash is
 * verified instead, so that "no such user" costs the same time as "wrong
 * password" and does not reveal which accounts exist. */
bool secret_password_verify(const char *hash, const char *password);

/* Constant-time comparison of two NUL-terminated strings. */
bool secret_equal(const char *a, const char *b);

#endif
