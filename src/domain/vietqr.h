/*
 * vietqr.h - the VietQR payload: an EMVCo Merchant-Presented Mode QR code
 * (EMV QRCPS-MPM) as Vietnamese banks read it for a transfer through NAPAS
 * 247 to an account.  MotCua prints it so a citizen pays a dossier's fees by
 * scanning it in any banking app; the transfer note carries the dossier code
 * so the unit's accountant (or a bank's payment notification) can match it.
 *
 * Layout (each field "ID" "LL" value, LL = value length, two digits):
 *   00 "01"             payload format indicator
 *   01 "11" | "12"      point of initiation: static, or dynamic (with amount)
 *   38 { 00 "A000000727"            GUID of NAPAS
 *        01 { 00 bank BIN (6 digits)  01 account number }  beneficiary
 *        02 "QRIBFTTA" }            service: transfer to an account
 *   53 "704"            currency: Vietnamese dong
 *   54 amount           (only when > 0: integer dong, no decimals)
 *   58 "VN"             country
 *   62 { 08 purpose }   additional data: the note (the dossier code)
 *   63 "04" CRC         CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF) over
 *                       everything before it including "6304", 4 upper hex
 *
 * Pure functions, no allocation.
 */
#ifndef MC_VIETQR_H
#define MC_VIETQR_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define VIETQR_MAX 512 /* a payload always fits */

struct vietqr {
	const char *bin;     /* the bank's NAPAS BIN: 6 digits, e.g. "970436" (Vietcombank) */
	const char *account; /* 1..19 letters or digits */
	int64_t amount;      /* dong; 0 = the payer types it (static code) */
	const char *purpose; /* transfer note, 0..25 printable ASCII characters; may be NULL */
};

/* CRC-16/CCITT-FALSE of n bytes. */
uint16_t vietqr_crc16(const void *data, size_t n);

/* Build the payload into out (size n >= VIETQR_MAX recommended).  MC_EINVAL
 * naming the field (bin, account, amount, purpose) for bad input. */
enum mc_err vietqr_build(const struct vietqr *q, char *out, size_t n, struct mc_error *err);

/* Check a payload's TLV layout and CRC: MC_OK or MC_EINVAL. */
enum mc_err vietqr_check(const char *payload, struct mc_error *err);

#endif
