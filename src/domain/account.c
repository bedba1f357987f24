/*
 * account.c - account field rules (see account.h).
 */
#include "domain/account.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/utf8.h"

enum mc_err account_check_username(char *u, struct mc_error *err)
{
	size_t n = strlen(u);

	for (size_t i = 0; i < n; i++)
		u[i] = (char)tolower((unsigned char)u[i]);
	if (n < 3 || n > 32 || !islower((unsigned char)u[0]))
		goto bad;
	for (size_t i = 0; i < n; i++)
		if (!islower((unsigned char)u[i]) && !isdigit((unsigned char)u[i]) && !strchr("._-", u[i]))
			goto bad;
	return MC_OK;
bad:
	return mc_fail(err, MC_EINVAL, "username",
		       "Tên đăng nhập gồm 3-32 ký tự a-z, 0-9, dấu chấm, gạch dưới hoặc gạch ngang, bắt đầu bằng chữ cái",
		       "A username is 3-32 characters a-z, 0-9, '.', '_' or '-', starting with a letter");
}

enum mc_err account_normalize_phone(const char *in, char *out, size_t out_size, struct mc_error *err)
{
	char digits[32];
	size_t n = 0;
	const char *p = in;

	if (*p == '+')
		p++;
	for (; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			if (n + 1 >= sizeof digits)
				goto bad;
			digits[n++] = *p;
		} else if (!strchr(" .-()", *p)) {
			goto bad;
		}
	}
	digits[n] = '\0';
	/* +84 / 84 country prefix -> leading 0 */
	if (n >= 11 && digits[0] == '8' && digits[1] == '4') {
		memmove(digits + 1, digits + 2, n - 1);
		digits[0] = '0';
		n--;
	}
	if (digits[0] != '0' || n < 10 || n > 11 || digits[1] == '0')
		goto bad;
	if (out_size <= n)
		goto bad;
	memcpy(out, digits, n + 1);
	return MC_OK;
bad:
	return mc_fail(err, MC_EINVAL, "phone",
		       "Số điện thoại không hợp lệ (ví dụ: 0912 345 678)",
		       "Invalid phone number (e.g. 0912 345 678)");
}

enum mc_err account_check_email(const char *e, struct mc_error *err)
{
	const char *at = strchr(e, '@');
	size_t n = strlen(e);

	if (n < 3 || n > 127 || !at || at == e || strchr(at + 1, '@') || !strchr(at + 1, '.') ||
	    at[1] == '.' || e[n - 1] == '.')
		goto bad;
	for (const char *p = e; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7F || strchr("\"(),:;<>[\\]", *p))
			goto bad;
	return MC_OK;
bad:
	return mc_fail(err, MC_EINVAL, "email", "Địa chỉ email không hợp lệ",
		       "Invalid e-mail address");
}

enum mc_err account_check_cccd(const char *c, struct mc_error *err)
{
	int province;

	if (strlen(c) != 12)
		goto bad;
	for (int i = 0; i < 12; i++)
		if (!isdigit((unsigned char)c[i]))
			goto bad;
	province = (c[0] - '0') * 100 + (c[1] - '0') * 10 + (c[2] - '0');
	if (province < 1 || province > 96)
		goto bad;
	return MC_OK;
bad:
	return mc_fail(err, MC_EINVAL, "cccd",
		       "Số căn cước công dân gồm đúng 12 chữ số",
		       "A citizen ID (CCCD) number has exactly 12 digits");
}

enum mc_err account_check_full_name(const char *name, struct mc_error *err)
{
	size_t n = strlen(name);

	if (n == 0 || n > 120 || !utf8_is_clean_text(name, false) || isspace((unsigned char)name[0]))
		return mc_fail(err, MC_EINVAL, "full_name",
			       "Họ và tên không được để trống và không quá 120 ký tự",
			       "The full name must be given, at most 120 characters");
	return MC_OK;
}

enum mc_err account_check_password(const char *pw, struct mc_error *err)
{
	size_t n = strlen(pw);
	bool only_digits = true;

	for (const char *p = pw; *p; p++)
		if (!isdigit((unsigned char)*p))
			only_digits = false;
	if (n < ACCOUNT_PASSWORD_MIN || n > ACCOUNT_PASSWORD_MAX || only_digits || !utf8_valid(pw, n))
		return mc_fail(err, MC_EINVAL, "password",
			       "Mật khẩu cần ít nhất 8 ký tự và không chỉ gồm chữ số",
			       "A password needs at least 8 characters, not only digits");
	return MC_OK;
}

enum mc_err account_validate(struct user_rec *u, struct mc_error *err)
{
	enum mc_err rc;

	rc = account_check_full_name(u->full_name, err);
	if (rc)
		return rc;
	if (u->username[0] || !u->is_citizen) {
		rc = account_check_username(u->username, err);
		if (rc)
			return rc;
	}
	if (u->phone[0]) {
		char norm[sizeof u->phone];

		rc = account_normalize_phone(u->phone, norm, sizeof norm, err);
		if (rc)
			return rc;
		memcpy(u->phone, norm, sizeof norm);
	}
	if (u->email[0]) {
		rc = account_check_email(u->email, err);
		if (rc)
			return rc;
		for (char *p = u->email; *p; p++)
			*p = (char)tolower((unsigned char)*p);
	}
	if (u->cccd[0]) {
		rc = account_check_cccd(u->cccd, err);
		if (rc)
			return rc;
	}
	if (u->is_citizen) {
		if (!u->phone[0] && !u->email[0])
			return mc_fail(err, MC_EINVAL, "phone",
				       "Cần số điện thoại hoặc email để đăng ký tài khoản",
				       "A phone number or an e-mail is needed to register");
		if (!u->cccd[0])
			return mc_fail(err, MC_EINVAL, "cccd", "Cần số căn cước công dân",
				       "The citizen ID (CCCD) number is needed");
	}
	return MC_OK;
}
