/*
 * test_dossier_code.c - dossier codes of TT 01/2018 art. 19 (format, strict
 * parsing of hostile input, local receipt date) and the public masking of
 * names (dossier_code.c).
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>

#include "domain/caldate.h"
#include "domain/dossier_code.h"

static int32_t D(int y, int m, int d) { return caldate_from_ymd(y, m, d); }

static void test_format(void **state)
{
	char out[DOSSIER_CODE_SIZE];
	struct mc_error err;

	(void)state;
	assert_int_equal(dossier_code_format("000.00.27.H21", D(2026, 3, 15), 42, out, &err), MC_OK);
	assert_string_equal(out, "000.00.27.H21-260315-0042");
	assert_int_equal(strlen(out), DOSSIER_CODE_LEN);
	assert_int_equal(dossier_code_format("000.30.27.H21", D(2000, 1, 1), 1, out, &err), MC_OK);
	assert_string_equal(out, "000.30.27.H21-000101-0001");
	assert_int_equal(dossier_code_format("G01.AB.00.H29", D(2099, 12, 31), 9999, out, &err),
			 MC_OK);
	assert_string_equal(out, "G01.AB.00.H29-991231-9999");

	/* refusals leave "" */
	assert_int_equal(dossier_code_format("000.00.27.H21", D(2026, 3, 15), 0, out, &err), MC_EINVAL);
	assert_string_equal(out, "");
	assert_string_equal(err.field, "seq");
	assert_int_equal(dossier_code_format("000.00.27.H21", D(2026, 3, 15), 10000, out, &err),
			 MC_EINVAL);
	assert_int_equal(dossier_code_format("000.00.27.H21", D(1999, 12, 31), 1, out, &err),
			 MC_EINVAL);
	assert_string_equal(err.field, "day");
	assert_int_equal(dossier_code_format("000.00.27.H21", D(2100, 1, 1), 1, out, &err), MC_EINVAL);
	assert_int_equal(dossier_code_format("000.00.27.h21", D(2026, 3, 15), 1, out, &err), MC_EINVAL);
	assert_string_equal(err.field, "agency");
	assert_int_equal(dossier_code_format("000.00.27.H2", D(2026, 3, 15), 1, out, &err), MC_EINVAL);
	assert_int_equal(dossier_code_format("000.00.27.H211", D(2026, 3, 15), 1, out, &err), MC_EINVAL);
	assert_int_equal(dossier_code_format("000.00.27.121", D(2026, 3, 15), 1, out, &err), MC_EINVAL);
	assert_int_equal(dossier_code_format("000-00.27.H21", D(2026, 3, 15), 1, out, &err), MC_EINVAL);
	assert_int_equal(dossier_code_format(NULL, D(2026, 3, 15), 1, out, &err), MC_EINVAL);

	assert_true(dossier_code_agency_valid("000.00.27.H21"));
	assert_false(dossier_code_agency_valid(""));
	assert_false(dossier_code_agency_valid(NULL));
	assert_false(dossier_code_agency_valid("000.00.27.H21 "));
}

static void test_local_day(void **state)
{
	(void)state;
	/* 2026-03-14T17:00:00Z is 2026-03-15 00:00 in Vietnam */
	int64_t midnight = (int64_t)D(2026, 3, 15) * 86400 - 7 * 3600;

	assert_int_equal(dossier_code_local_day(midnight, 420), D(2026, 3, 15));
	assert_int_equal(dossier_code_local_day(midnight - 1, 420), D(2026, 3, 14));
	assert_int_equal(dossier_code_local_day(midnight, 0), D(2026, 3, 14));
	/* Monday 2026-03-02 08:00 local = 01:00Z */
	assert_int_equal(dossier_code_local_day((int64_t)D(2026, 3, 2) * 86400 + 3600, 420),
			 D(2026, 3, 2));
	assert_int_equal(dossier_code_local_day(-1, 0), -1); /* floor, not truncation */
}

static void test_parse_round_trip(void **state)
{
	struct dossier_code c;
	struct mc_error err;
	char out[DOSSIER_CODE_SIZE];

	(void)state;
	assert_int_equal(dossier_code_parse("000.00.27.H21-260315-0042", &c, &err), MC_OK);
	assert_string_equal(c.agency, "000.00.27.H21");
	assert_int_equal(c.day, D(2026, 3, 15));
	assert_int_equal(c.seq, 42);
	assert_true(dossier_code_valid("000.00.27.H21-260315-0042"));

	/* every day of 2026 and a few sequences */
	for (int32_t day = D(2026, 1, 1); day <= D(2026, 12, 31); day++)
		for (int seq = 1; seq <= 9999; seq += 1111) {
			assert_int_equal(dossier_code_format("000.30.27.H21", day, seq, out, &err),
					 MC_OK);
			assert_int_equal(dossier_code_parse(out, &c, &err), MC_OK);
			assert_int_equal(c.day, day);
			assert_int_equal(c.seq, seq);
			assert_string_equal(c.agency, "000.30.27.H21");
		}
	/* leap days */
	assert_true(dossier_code_valid("000.00.27.H21-280229-0001"));
	assert_true(dossier_code_valid("000.00.27.H21-000229-0001"));
	assert_false(dossier_code_valid("000.00.27.H21-270229-0001"));
}

static void test_parse_rejects(void **state)
{
	static const char *const bad[] = {
		"",
		"000.00.27.H21-260315-004",    /* too short */
		"000.00.27.H21-260315-00420",  /* too long */
		"000.00.27.H21-260315-0042X",  /* trailing junk */
		"000.00.27.H21-260315-0042 ",
		"000.00.27.H21-260315-0042\n",
		" 000.00.27.H21-260315-004",   /* leading space, right length */
		"000.00.27.H21-2603A5-0042",   /* letters in the date */
		"000.00.27.H21-26O315-0042",
		"000.00.27.H21-260230-0042",   /* 30 February */
		"000.00.27.H21-261301-0042",   /* month 13 */
		"000.00.27.H21-260001-0042",   /* month 0 */
		"000.00.27.H21-260300-0042",   /* day 0 */
		"000.00.27.H21-260431-0042",   /* 31 April */
		"000.00.27.H21-260315-0000",   /* sequence 0000 */
		"000.00.27.H21-260315--042",   /* a sign */
		"000.00.27.H21-260315-+042",
		"000.00.27.H21-260315- 042",
		"000.00.27.h21-260315-0042",   /* lower case */
		"000.00.27.H21_260315-0042",   /* separators */
		"000.00.27.H21-260315_0042",
		"000,00.27.H21-260315-0042",
		"000.00.27.2H1-260315-0042",   /* province group */
		"000.00.27.HH1-260315-0042",
		"00.000.27.H21-260315-0042",
		"000.00.27.H21-0042-260315",
		"000.00.27.H21\0-260315-0042", /* embedded NUL: seen as short */
		"000.00.27.H2\xc3\xa1-260315-004", /* UTF-8 bytes */
		"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff",
		"%s%s%s%s%s%s%s%s%s%s%s%s%s",
	};
	struct dossier_code c;
	struct mc_error err;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memset(&c, 0x55, sizeof c);
		if (dossier_code_parse(bad[i], &c, &err) != MC_EINVAL)
			fail_msg("accepted bad code %zu: \"%s\"", i, bad[i]);
		assert_string_equal(err.field, "code");
		assert_int_equal(c.seq, 0); /* zeroed */
		assert_string_equal(c.agency, "");
	}
	assert_int_equal(dossier_code_parse(NULL, &c, &err), MC_EINVAL);
	assert_string_equal(err.msg_en, "Invalid dossier code (like 000.00.27.H21-260315-0042)");
	assert_false(dossier_code_valid(NULL));
}

/* A megabyte of input, starting with a valid code: refused without reading
 * further than one byte past the code (ASan would see an overread). */
static void test_parse_huge(void **state)
{
	size_t n = 1 << 20;
	char *s = malloc(n + 1);
	struct dossier_code c;

	(void)state;
	assert_non_null(s);
	memset(s, '9', n);
	s[n] = '\0';
	memcpy(s, "000.00.27.H21-260315-0042", DOSSIER_CODE_LEN);
	assert_int_equal(dossier_code_parse(s, &c, NULL), MC_EINVAL);
	memset(s, 'A', n);
	assert_int_equal(dossier_code_parse(s, &c, NULL), MC_EINVAL);
	free(s);

	/* exactly the code's bytes, not NUL-terminated after one more byte */
	s = malloc(DOSSIER_CODE_LEN + 1);
	assert_non_null(s);
	memcpy(s, "000.00.27.H21-260315-0042", DOSSIER_CODE_LEN + 1);
	assert_int_equal(dossier_code_parse(s, &c, NULL), MC_OK);
	free(s);
}

static const char *mask(const char *name)
{
	static char out[256];
	static struct mc_error err;

	if (dossier_code_mask_name(name, out, sizeof out, &err) != MC_OK)
		return err.msg_en;
	return out;
}

static void test_mask_name(void **state)
{
	char small[8];
	struct mc_error err;

	(void)state;
	assert_string_equal(mask("Nguyễn Văn An"), "Nguyễn V. A.");
	assert_string_equal(mask("Lê Thị Ánh Tuyết"), "Lê T. Á. T.");
	assert_string_equal(mask("Đặng Đức Ẩn"), "Đặng Đ. Ẩ.");
	assert_string_equal(mask("  Trần   Đức  "), "Trần Đ.");
	assert_string_equal(mask("Trần\xc2\xa0Đức"), "Trần Đ."); /* NBSP */
	assert_string_equal(mask("An"), "A.");
	assert_string_equal(mask("Ánh"), "Á.");
	assert_string_equal(mask("  Ánh  "), "Á.");
	assert_string_equal(mask("nguyễn văn an"), "nguyễn v. a."); /* case kept */
	assert_string_equal(mask("Ksor H' Bla"), "Ksor H. B.");    /* ethnic names */
	/* decomposed (NFD): A + breve + acute is one letter "Ắ" */
	assert_string_equal(mask("Vo\xcc\x83 A\xcc\x86\xcc\x81nh"), "Vo\xcc\x83 A\xcc\x86\xcc\x81.");
	assert_string_equal(mask("A\xcc\x86\xcc\x81nh"), "A\xcc\x86\xcc\x81.");
	/* a 4-byte code point as an initial */
	assert_string_equal(mask("Phạm \xf0\xa0\x80\x80x"), "Phạm \xf0\xa0\x80\x80.");

	assert_string_equal(mask(""), "The name is empty");
	assert_string_equal(mask("   "), "The name is empty");
	assert_string_equal(mask("Nguy\xff"), "Invalid name");
	assert_string_equal(mask("Nguy\xc3"), "Invalid name");       /* truncated */
	assert_string_equal(mask("Nguyễn\nVăn"), "Invalid name");    /* control */
	assert_string_equal(mask("Nguyễn\tVăn"), "Invalid name");
	assert_string_equal(mask(NULL), "Invalid name");

	/* buffers */
	assert_int_equal(dossier_code_mask_name("Nguyễn Văn An", small, sizeof small, &err),
			 MC_EINVAL);
	assert_string_equal(small, "");
	assert_int_equal(dossier_code_mask_name("Lê An", small, sizeof small, &err), MC_OK);
	assert_string_equal(small, "Lê A.");
	assert_int_equal(dossier_code_mask_name("Lê An", small, 6, &err), MC_EINVAL);
	assert_int_equal(dossier_code_mask_name("An", small, 0, &err), MC_EINVAL);
	/* the documented bound is enough for the worst case */
	{
		const char *w = "A B C D E F";
		char buf[2 * 11 + 2];

		assert_int_equal(dossier_code_mask_name(w, buf, sizeof buf, &err), MC_OK);
		assert_string_equal(buf, "A B. C. D. E. F.");
		assert_int_equal(dossier_code_mask_name("A", buf, 3, &err), MC_OK);
		assert_string_equal(buf, "A.");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_local_day),
		cmocka_unit_test(test_parse_round_trip),
		cmocka_unit_test(test_parse_rejects),
		cmocka_unit_test(test_parse_huge),
		cmocka_unit_test(test_mask_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
