/*
 * forms_csv.c - CSV exports: UTF-8 with a byte order mark (Excel otherwise
 * reads the file as the ANSI code page and breaks every diacritic), RFC 4180
 * quoting, CRLF line ends.
 */
#include "forms/forms_build.h"
#if FORMS_ENABLED
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/forms_int.h"

/* A text cell a spreadsheet would run as a formula ("=HYPERLINK(...)" typed
 * as a name by someone at the portal) gets a leading apostrophe (OWASP's
 * CSV injection advice); the XLSX export needs none: it writes strings. */
static bool formula_like(const char *s)
{
	return s[0] == '=' || s[0] == '+' || s[0] == '@' || s[0] == '\t' || s[0] == '\r';
}

static enum mc_err field(struct buf *b, const char *s, bool text)
{
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	enum mc_err rc = MC_OK;

	if (quote)
		rc = buf_append(b, "\"", 1);
	if (!rc && text && formula_like(s))
		rc = buf_append(b, "'", 1);
	for (const char *p = s; !rc && *p; p++)
		rc = *p == '"' ? buf_append(b, "\"\"", 2) : buf_append(b, p, 1);
	if (!rc && quote)
		rc = buf_append(b, "\"", 1);
	return rc;
}

static enum mc_err value(struct buf *b, const json_t *v)
{
	char num[64];

	switch (json_typeof(v)) {
	case JSON_STRING:
		return field(b, json_string_value(v), true);
	case JSON_INTEGER:
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return buf_puts(b, num);
	case JSON_REAL:
		snprintf(num, sizeof num, "%.15g", json_real_value(v));
		return buf_puts(b, num);
	case JSON_TRUE:
		return buf_puts(b, "Có");
	case JSON_FALSE:
		return buf_puts(b, "Không");
	case JSON_NULL:
		return MC_OK;
	default: {
		char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
		enum mc_err rc = s ? field(b, s, true) : MC_ENOMEM;

		free(s);
		return rc;
	}
	}
}

enum mc_err forms_csv_table(const struct forms_column *cols, size_t ncols, const json_t *rows, struct buf *out,
			    struct mc_error *err)
{
	enum mc_err rc;
	size_t i;
	json_t *row;

	if (!cols || !ncols || !json_is_array(rows))
		return mc_fail(err, MC_EINVAL, "rows", "Thiếu cột hoặc dòng dữ liệu", "Columns or rows are missing");
	rc = buf_append(out, "\xEF\xBB\xBF", 3);
	for (size_t c = 0; !rc && c < ncols; c++)
		if (!(rc = c ? buf_append(out, ",", 1) : MC_OK))
			rc = field(out, cols[c].title ? cols[c].title : "", true);
	if (!rc)
		rc = buf_append(out, "\r\n", 2);
	json_array_foreach(rows, i, row) {
		if (rc)
			break;
		if (!json_is_array(row)) {
			buf_reset(out);
			return mc_failf(err, MC_EINVAL, "rows", "Dòng %zu không phải là danh sách giá trị",
					"Row %zu is not an array of values", i + 1);
		}
		for (size_t c = 0; !rc && c < ncols; c++) {
			json_t *v = json_array_get(row, c);

			if (c)
				rc = buf_append(out, ",", 1);
			if (!rc && v)
				rc = value(out, v);
		}
		if (!rc)
			rc = buf_append(out, "\r\n", 2);
	}
	if (rc) {
		buf_reset(out);
		return mc_fail(err, rc, NULL, rc == MC_ETOOBIG ? "Tệp CSV vượt quá giới hạn kích thước" : NULL,
			       rc == MC_ETOOBIG ? "The CSV is larger than its size limit" : NULL);
	}
	return MC_OK;
}
#endif /* FORMS_ENABLED */
