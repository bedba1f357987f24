/*
 * test_vietqr.c - the VietQR / EMVCo MPM payload (domain/vietqr.c): the CRC
 * against the standard check value and an independent bitwise-reflected-free
 * table implementation, the field layout parsed back TLV by TLV, refusals.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>

#include "domain/vietqr.h"

/* An independent CRC-16/CCITT-FALSE: table-driven, built here from the
 * polynomial, so a shared mistake with the bitwise code would be unlikely. */
static uint16_t table_crc(const char *s, size_t n)
{
	static uint16_t tab[256];
	static int ready;
	uint16_t crc = 0xFFFF;

	if (!ready) {
		for (int i = 0; i < 256; i++) {
			uint16_t r = (uint16_t)(i << 8);

			for (int b = 0; b < 8; b++)
				r = (uint16_t)((r & 0x8000) ? (r << 1) ^ 0x1021 : r << 1);
			tab[i] = r;
		}
		ready = 1;
	}
	for (size_t i = 0; i < n; i++)
		crc = (uint16_t)((crc << 8) ^ tab[((crc >> 8) ^ (unsigned char)s[i]) & 0xFF]);
	return crc;
}

static void test_crc(void **state)
{
	(void)state;
	assert_int_equal(vietqr_crc16("123456789", 9), 0x29B1); /* the catalogue check value */
	assert_int_equal(table_crc("123456789", 9), 0x29B1);
	assert_int_equal(vietqr_crc16("", 0), 0xFFFF);
	assert_int_equal(vietqr_crc16("A", 1), table_crc("A", 1));
}

/* Find top-level field id in p; copy its value to v. */
static int field(const char *p, const char *id, char *v, size_t vn)
{
	size_t n = strlen(p), i = 0;

	while (i + 4 <= n) {
		size_t l = (size_t)(p[i + 2] - '0') * 10 + (size_t)(p[i + 3] - '0');

		if (!strncmp(p + i, id, 2)) {
			assert_true(l < vn);
			memcpy(v, p + i + 4, l);
			v[l] = '\0';
			return 1;
		}
		i += 4 + l;
	}
	return 0;
}

static void test_layout(void **state)
{
	struct vietqr q = {"970436", "0123456789", 150000, "000.00.27.H21-260315-0042"};
	char out[VIETQR_MAX], v[128], sub[128], crc[8];
	struct mc_error err;
	size_t n;

	(void)state;
	assert_int_equal(vietqr_build(&q, out, sizeof out, &err), MC_OK);
	/* the exact expected layout, written out by hand from the spec */
	n = strlen(out);
	assert_true(n > 8);
	assert_memory_equal(out, "00020101021238540010A00000072701240006970436011001234567890208QRIBFTTA"
				 "53037045406150000" "5802VN" "62290825000.00.27.H21-260315-0042" "6304",
			    n - 4);
	snprintf(crc, sizeof crc, "%04X", table_crc(out, n - 4));
	assert_string_equal(out + n - 4, crc);
	assert_int_equal(vietqr_check(out, &err), MC_OK);
	assert_true(field(out, "38", v, sizeof v));
	assert_true(field(v, "01", sub, sizeof sub));
	assert_string_equal(sub, "0006970436" "01100123456789");
	assert_true(field(out, "54", v, sizeof v));
	assert_string_equal(v, "150000");
	/* a changed character breaks the CRC */
	out[20] = out[20] == '1' ? '2' : '1';
	assert_int_equal(vietqr_check(out, &err), MC_EINVAL);
}

static void test_static(void **state)
{
	struct vietqr q = {"970415", "113366668888", 0, NULL};
	char out[VIETQR_MAX], v[16];
	struct mc_error err;

	(void)state;
	assert_int_equal(vietqr_build(&q, out, sizeof out, &err), MC_OK);
	assert_true(field(out, "01", v, sizeof v));
	assert_string_equal(v, "11");
	assert_false(field(out, "54", v, sizeof v));
	assert_false(field(out, "62", v, sizeof v));
	assert_int_equal(vietqr_check(out, &err), MC_OK);
}

static void test_refusals(void **state)
{
	char out[VIETQR_MAX];
	struct mc_error err;
	struct vietqr bad_bin = {"97043", "1", 1, NULL}, bad_acc = {"970436", "01-23", 1, NULL},
		      bad_amount = {"970436", "1", -5, NULL}, bad_note = {"970436", "1", 1, "Lệ phí"},
		      long_note = {"970436", "1", 1, "12345678901234567890123456"};

	(void)state;
	assert_int_equal(vietqr_build(&bad_bin, out, sizeof out, &err), MC_EINVAL);
	assert_string_equal(err.field, "bin");
	assert_int_equal(vietqr_build(&bad_acc, out, sizeof out, &err), MC_EINVAL);
	assert_string_equal(err.field, "account");
	assert_int_equal(vietqr_build(&bad_amount, out, sizeof out, &err), MC_EINVAL);
	assert_int_equal(vietqr_build(&bad_note, out, sizeof out, &err), MC_EINVAL);
	assert_string_equal(err.field, "purpose");
	assert_int_equal(vietqr_build(&long_note, out, sizeof out, &err), MC_EINVAL);
	assert_int_equal(vietqr_check("0002", &err), MC_EINVAL);
	assert_int_equal(vietqr_check("000201", &err), MC_EINVAL); /* no CRC */
	assert_int_equal(vietqr_build(&(struct vietqr){"970436", "1", 1, NULL}, out, 20, &err), MC_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crc),
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_static),
		cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
