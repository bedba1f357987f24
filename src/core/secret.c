/*
 * secret.c - tokens and password hashing on libsodium (see secret.h).
 */
#include "core/secret.h"

#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <string.h>

static _Atomic unsigned long long ops_limit = 0;
static _Atomic size_t mem_limit = 0;
static char dummy_hash[crypto_pwhash_STRBYTES];

_Static_assert(SECRET_PWHASH_MAX == crypto_pwhash_STRBYTES, "password hash size");

enum mc_err secret_set_cost(const char *name)
{
	if (!strcmp(name, "interactive")) {
		ops_limit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
		mem_limit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
	} else if (!strcmp(name, "moderate")) {
		ops_limit = crypto_pwhash_OPSLIMIT_MODERATE;
		mem_limit = crypto_pwhash_MEMLIMIT_MODERATE;
	} else if (!strcmp(name, "min")) {
		ops_limit = crypto_pwhash_OPSLIMIT_MIN;
		mem_limit = crypto_pwhash_MEMLIMIT_MIN;
	} else {
		return MC_EINVAL;
	}
	return MC_OK;
}

enum mc_err secret_init(void)
{
	if (sodium_init() < 0)
		return MC_EINTERNAL;
	if (!ops_limit)
		return secret_set_cost("interactive");
	return MC_OK;
}

void secret_token(char out[SECRET_TOKEN_LEN + 1])
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, SECRET_TOKEN_LEN + 1, raw, sizeof raw,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
}

void secret_hash_hex(const char *s, char out[SECRET_HASH_HEX + 1])
{
	unsigned char h[32];

	crypto_generichash(h, sizeof h, (const unsigned char *)s, strlen(s), NULL, 0);
	sodium_bin2hex(out, SECRET_HASH_HEX + 1, h, sizeof h);
}

enum mc_err secret_password_hash(const char *password, char out[SECRET_PWHASH_MAX])
{
	if (crypto_pwhash_str_alg(out, password, strlen(password), ops_limit, mem_limit,
				  crypto_pwhash_ALG_ARGON2ID13) != 0)
		return MC_ENOMEM; /* libsodium fails only when it cannot get the memory */
	return MC_OK;
}

/* Made on first use, not at start: most commands never sign anyone in. */
static void make_dummy(void)
{
	/* the dummy must cost what a real verification costs */
	if (crypto_pwhash_str_alg(dummy_hash, "dummy password", 14, ops_limit, mem_limit,
				  crypto_pwhash_ALG_ARGON2ID13) != 0)
		dummy_hash[0] = '\0';
}

bool secret_password_verify(const char *hash, const char *password)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	if (!hash || !*hash) {
		pthread_once(&once, make_dummy);
		/* the result does not matter: only the time it takes */
		if (crypto_pwhash_str_verify(dummy_hash, password, strlen(password)) == 0)
			return false;
		return false;
	}
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

bool secret_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la != lb || la == 0)
		return false;
	return sodium_memcmp(a, b, la) == 0;
}
