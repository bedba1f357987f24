/*
 * test_buf.c - bounded buffers and UTF-8 checks.
 */
#include "testutil.h"

#include <stdlib.h>

#include "core/buf.h"
#include "core/utf8.h"

static void append_and_cap(void **state)
{
	struct buf b;
	char *p;
	size_t n;

	(void)state;
	buf_init(&b, 10);
	assert_string_equal(buf_str(&b), "");
	assert_int_equal(buf_puts(&b, "hello"), MC_OK);
	assert_int_equal(buf_printf(&b, "%d", 1234), MC_OK);
	assert_string_equal(buf_str(&b), "hello1234");
	assert_int_equal(buf_puts(&b, "xy"), MC_ETOOBIG); /* would be 11 > 10 */
	assert_string_equal(buf_str(&b), "hello1234"); /* unchanged */
	assert_int_equal(buf_puts(&b, "x"), MC_OK);
	assert_int_equal(b.len, 10);
	assert_int_equal(buf_printf(&b, "%s", "z"), MC_ETOOBIG);
	p = buf_detach(&b, &n);
	assert_int_equal(n, 10);
	assert_string_equal(p, "hello1234x");
	free(p);
	assert_null(b.data);
	buf_release(&b);
}

static void reset_keeps_storage(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 1 << 20);
	for (int i = 0; i < 1000; i++)
		assert_int_equal(buf_printf(&b, "%04d,", i), MC_OK);
	assert_int_equal(b.len, 5000);
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_str(&b), "");
	buf_release(&b);
}

static void utf8(void **state)
{
	(void)state;
	assert_true(utf8_valid("Đăng ký hộ kinh doanh", strlen("Đăng ký hộ kinh doanh")));
	assert_int_equal(utf8_length("Đăng ký"), 7);
	assert_false(utf8_valid("\xC0\xAF", 2));          /* overlong '/' */
	assert_false(utf8_valid("\xED\xA0\x80", 3));      /* surrogate */
	assert_false(utf8_valid("\xF4\x90\x80\x80", 4));  /* above U+10FFFF */
	assert_false(utf8_valid("\xE1\xBB", 2));          /* truncated */
	assert_true(utf8_is_clean_text("Hà Tam", false));
	assert_false(utf8_is_clean_text("a\tb", false));
	assert_true(utf8_is_clean_text("a\tb\nc", true));
	assert_false(utf8_is_clean_text("a\x7f", true));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(append_and_cap),
		cmocka_unit_test(reset_keeps_storage),
		cmocka_unit_test(utf8),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
