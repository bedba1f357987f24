/*
 * fold.c - Vietnamese search folding (see fold.h).
 */
#include "core/fold.h"

#include <stdint.h>

/* Base letters of U+1EA0..U+1EF9 (Vietnamese Latin Extended Additional),
 * one letter per pair of code points (upper, lower). */
static const char viet_ext[45 + 1] =
	"aaaaaaaaaaaa" /* 1EA0-1EB7 Ạ Ả Ấ Ầ Ẩ Ẫ Ậ Ắ Ằ Ẳ Ẵ Ặ */
	"eeeeeeee"     /* 1EB8-1EC7 Ẹ Ẻ Ẽ Ế Ề Ể Ễ Ệ */
	"ii"           /* 1EC8-1ECB Ỉ Ị */
	"oooooooooooo" /* 1ECC-1EE3 Ọ Ỏ Ố Ồ Ổ Ỗ Ộ Ớ Ờ Ở Ỡ Ợ */
	"uuuuuuu"      /* 1EE4-1EF1 Ụ Ủ Ứ Ừ Ử Ữ Ự */
	"yyyy";        /* 1EF2-1EF9 Ỳ Ỵ Ỷ Ỹ */

/* U+00C0..U+00FF, one letter per code point; 'x' = not a letter we fold */
static const char latin1[64 + 1] =
	"aaaaaaaceeeeiiii" /* C0-CF À Á Â Ã Ä Å Æ Ç È É Ê Ë Ì Í Î Ï */
	"dnoooooxouuuuyxs" /* D0-DF Ð Ñ Ò Ó Ô Õ Ö × Ø Ù Ú Û Ü Ý Þ ß */
	"aaaaaaaceeeeiiii" /* E0-EF */
	"dnoooooxouuuuyxy"; /* F0-FF */

/* The letter (lower-case ASCII) a code point folds to, 0 for a combining
 * mark (dropped), or ' ' for anything else. */
static char fold_cp(uint32_t cp)
{
	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z')
			return (char)(cp - 'A' + 'a');
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
			return (char)cp;
		return ' ';
	}
	if (cp >= 0x0300 && cp <= 0x036F)
		return 0; /* combining accents of decomposed text */
	if (cp == 0xD0 || cp == 0xF0 || cp == 0x110 || cp == 0x111 || cp == 0x189)
		return 'd'; /* Ð ð Đ đ Ɖ */
	if (cp >= 0xC0 && cp <= 0xFF) {
		char c = latin1[cp - 0xC0];
		return c == 'x' ? ' ' : c;
	}
	switch (cp) {
	case 0x102: case 0x103: return 'a'; /* Ă ă */
	case 0x128: case 0x129: return 'i'; /* Ĩ ĩ */
	case 0x168: case 0x169: return 'u'; /* Ũ ũ */
	case 0x1A0: case 0x1A1: return 'o'; /* Ơ ơ */
	case 0x1AF: case 0x1B0: return 'u'; /* Ư ư */
	}
	if (cp >= 0x1EA0 && cp <= 0x1EF9)
		return viet_ext[(cp - 0x1EA0) / 2];
	return ' ';
}

/* Decode one UTF-8 sequence at s; *len gets its length (1 for a bad byte,
 * which decodes as U+FFFD and so becomes a separator). */
static uint32_t decode(const unsigned char *s, int *len)
{
	if (s[0] < 0x80) {
		*len = 1;
		return s[0];
	}
	if ((s[0] & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80) {
		*len = 2;
		return ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
	}
	if ((s[0] & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		*len = 3;
		return ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
	}
	if ((s[0] & 0xF8) == 0xF0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80) {
		*len = 4;
		return 0xFFFD; /* outside the BMP: nothing we fold */
	}
	*len = 1;
	return 0xFFFD;
}

size_t fold_text(const char *str, char *out, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t k = 0;

	if (n == 0)
		return 0;
	while (*s && k + 1 < n) {
		int len;
		char c = fold_cp(decode(s, &len));

		s += len;
		if (c == 0)
			continue;
		if (c == ' ' && (k == 0 || out[k - 1] == ' '))
			continue; /* one space between words, none leading */
		out[k++] = c;
	}
	while (k > 0 && out[k - 1] == ' ')
		k--;
	out[k] = '\0';
	return k;
}
