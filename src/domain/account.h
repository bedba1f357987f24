/*
 * account.h - rules for accounts: what a valid username, phone number, e-mail,
 * CCCD number, name and password are.  Pure functions; messages in
 * Vietnamese and English name the field at fault.
 */
#ifndef MC_ACCOUNT_H
#define MC_ACCOUNT_H

#include <stddef.h>

#include "core/err.h"
#include "store/store.h"

#define ACCOUNT_PASSWORD_MIN 8
#define ACCOUNT_PASSWORD_MAX 128

/* 3-32 of a-z 0-9 . _ - starting with a letter; folded to lower case. */
enum mc_err account_check_username(char *username, struct mc_error *err);

/* Vietnamese mobile or landline: "0912 345 678", "+84912345678", "84-912-345-678"
 * are all stored as "0912345678" (10 digits, or 11 for old landlines). */
enum mc_err account_normalize_phone(const char *in, char *out, size_t out_size, struct mc_error *err);

enum mc_err account_check_email(const char *email, struct mc_error *err);

/* Căn cước công dân: 12 digits, the first three a province code 001-096. */
enum mc_err account_check_cccd(const char *cccd, struct mc_error *err);

enum mc_err account_check_full_name(const char *name, struct mc_error *err);

/* At least 8 characters, not only digits, at most 128 bytes. */
enum mc_err account_check_password(const char *password, struct mc_error *err);

/* Validate and normalise a new account in place: staff need a username;
 * citizens need a phone or an e-mail, and a CCCD number. */
enum mc_err account_validate(struct user_rec *u, struct mc_error *err);

#endif
