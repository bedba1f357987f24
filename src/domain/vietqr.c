/*
 * vietqr.c - the EMVCo MPM payload for a VietQR bank transfer (see vietqr.h).
 */
#include "domain/vietqr.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

uint16_t vietqr_crc16(const void *data, size_t n)
{
	const unsigned char *p = data;
	uint16_t crc = 0xFFFF;

	for (size_t i = 0; i < n; i++) {
		crc ^= (uint16_t)(p[i] << 8);
		for (int b = 0; b < 8; b++)
			crc = (crc & 0x8000) ? (uint16_t)((crc << 1) ^ 0x1021) : (uint16_t)(crc << 1);
	}
	return crc;
}

/* Append one TLV field; false when it does not fit or is too long. */
static bool tlv(char *out, size_t n, size_t *len, const char *id, const char *value)
{
	size_t vl = strlen(value);
	int m;

	if (vl > 99)
		return false;
	m = snprintf(out + *len, n - *len, "%s%02zu%s", id, vl, value);
	if (m < 0 || (size_t)m >= n - *len)
		return false;
	*len += (size_t)m;
	return true;
}

static bool all(const char *s, int (*pred)(int), size_t lo, size_t hi)
{
	size_t n = s ? strlen(s) : 0;

	if (n < lo || n > hi)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!pred((unsigned char)s[i]))
			return false;
	return true;
}

static int is_note_char(int c) { return c >= 0x20 && c < 0x7f; }

enum mc_err vietqr_build(const struct vietqr *q, char *out, size_t n, struct mc_error *err)
{
	char acc[128], ben[64], amount[24], add[64];
	size_t len = 0, al = 0, bl = 0, dl = 0;

	if (n)
		out[0] = '\0';
	if (!all(q->bin, isdigit, 6, 6))
		return mc_fail(err, MC_EINVAL, "bin", "Mã BIN ngân hàng phải gồm 6 chữ số",
			       "The bank BIN is 6 digits");
	if (!all(q->account, isalnum, 1, 19))
		return mc_fail(err, MC_EINVAL, "account", "Số tài khoản gồm 1 đến 19 chữ số hoặc chữ cái",
			       "The account number is 1 to 19 letters or digits");
	if (q->amount < 0 || q->amount > 9999999999999LL)
		return mc_fail(err, MC_EINVAL, "amount", "Số tiền không hợp lệ", "Invalid amount");
	if (q->purpose && !all(q->purpose, is_note_char, 0, 25))
		return mc_fail(err, MC_EINVAL, "purpose",
			       "Nội dung chuyển khoản tối đa 25 ký tự không dấu",
			       "The transfer note is at most 25 ASCII characters");
	if (!tlv(ben, sizeof ben, &bl, "00", q->bin) || !tlv(ben, sizeof ben, &bl, "01", q->account) ||
	    !tlv(acc, sizeof acc, &al, "00", "A000000727") || !tlv(acc, sizeof acc, &al, "01", ben) ||
	    !tlv(acc, sizeof acc, &al, "02", "QRIBFTTA"))
		goto too_long;
	snprintf(amount, sizeof amount, "%lld", (long long)q->amount);
	if (!tlv(out, n, &len, "00", "01") || !tlv(out, n, &len, "01", q->amount > 0 ? "12" : "11") ||
	    !tlv(out, n, &len, "38", acc) || !tlv(out, n, &len, "53", "704") ||
	    (q->amount > 0 && !tlv(out, n, &len, "54", amount)) || !tlv(out, n, &len, "58", "VN"))
		goto too_long;
	if (q->purpose && q->purpose[0]) {
		if (!tlv(add, sizeof add, &dl, "08", q->purpose) || !tlv(out, n, &len, "62", add))
			goto too_long;
	}
	if (len + 8 >= n)
		goto too_long;
	memcpy(out + len, "6304", 5);
	len += 4;
	snprintf(out + len, n - len, "%04X", vietqr_crc16(out, len));
	return MC_OK;
too_long:
	if (n)
		out[0] = '\0';
	return mc_fail(err, MC_EINVAL, NULL, "Mã QR quá dài", "The QR payload is too long");
}

enum mc_err vietqr_check(const char *p, struct mc_error *err)
{
	size_t n = strlen(p), i = 0;
	char crc[5];

	while (i < n) {
		size_t l;

		if (i + 4 > n || !isdigit((unsigned char)p[i]) || !isdigit((unsigned char)p[i + 1]) ||
		    !isdigit((unsigned char)p[i + 2]) || !isdigit((unsigned char)p[i + 3]))
			goto bad;
		l = (size_t)(p[i + 2] - '0') * 10 + (size_t)(p[i + 3] - '0');
		if (i + 4 + l > n)
			goto bad;
		if (!strncmp(p + i, "63", 2)) {
			if (l != 4 || i + 8 != n)
				goto bad;
			snprintf(crc, sizeof crc, "%04X", vietqr_crc16(p, i + 4));
			if (strncmp(crc, p + i + 4, 4))
				goto bad;
			return MC_OK;
		}
		i += 4 + l;
	}
bad:
	return mc_fail(err, MC_EINVAL, "payload", "Mã VietQR không đúng cấu trúc EMVCo",
		       "The VietQR payload does not follow the EMVCo layout");
}
