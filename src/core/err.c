/*
 * err.c - the single table mapping error codes to names, HTTP statuses and
 * generic bilingual messages (see err.h).
 */
#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct err_info {
	const char *name;
	int http_status;
	const char *vi;
	const char *en;
};

static const struct err_info err_table[MC__COUNT] = {
	[MC_OK] = {"ok", 200, "Thành công", "OK"},
	[MC_ENOMEM] = {"out_of_memory", 503, "Máy chủ tạm thời quá tải, vui lòng thử lại",
		       "The server is temporarily overloaded, please retry"},
	[MC_EINVAL] = {"invalid_input", 400, "Dữ liệu không hợp lệ", "Invalid input"},
	[MC_ENOTFOUND] = {"not_found", 404, "Không tìm thấy", "Not found"},
	[MC_ECONFLICT] = {"conflict", 409,
			  "Dữ liệu đã bị thay đổi hoặc trùng lặp; vui lòng tải lại và thử lại",
			  "The data changed or already exists; reload and try again"},
	[MC_EFORBIDDEN] = {"forbidden", 403, "Bạn không có quyền thực hiện thao tác này",
			   "You are not allowed to do this"},
	[MC_EUNAUTH] = {"unauthenticated", 401, "Vui lòng đăng nhập",
			"Please sign in"},
	[MC_ECSRF] = {"csrf_failed", 403,
		      "Phiên làm việc không hợp lệ (thiếu mã CSRF); vui lòng tải lại trang",
		      "Missing or invalid CSRF token; reload the page"},
	[MC_ETOOBIG] = {"too_large", 413, "Dữ liệu gửi lên vượt quá dung lượng cho phép",
			"The request is larger than allowed"},
	[MC_EBADJSON] = {"malformed_json", 400, "Dữ liệu gửi lên không đúng định dạng JSON",
			 "The request body is not valid JSON"},
	[MC_ERATE] = {"rate_limited", 429, "Quá nhiều lần thử; vui lòng thử lại sau",
		      "Too many attempts; try again later"},
	[MC_EMETHOD] = {"method_not_allowed", 405, "Phương thức không được hỗ trợ",
			"Method not allowed"},
	[MC_ESTORE] = {"storage_error", 500, "Lỗi cơ sở dữ liệu; dữ liệu chưa được lưu",
		       "Database error; nothing was saved"},
	[MC_EIO] = {"io_error", 500, "Lỗi đọc/ghi dữ liệu", "Input/output error"},
	[MC_EINTERNAL] = {"internal_error", 500, "Lỗi hệ thống", "Internal error"},
	[MC_EUNAVAILABLE] = {"unavailable", 503, "Hệ thống tạm thời không phục vụ được; vui lòng thử lại",
			     "Temporarily unavailable; please retry"},
	[MC_EGONE] = {"gone", 410, "Đối tượng này không còn được áp dụng",
		      "This is no longer offered"},
};

static const struct err_info *info(enum mc_err code)
{
	if ((int)code < 0 || code >= MC__COUNT || !err_table[code].name)
		return &err_table[MC_EINTERNAL];
	return &err_table[code];
}

const char *mc_err_name(enum mc_err code) { return info(code)->name; }
int mc_err_http_status(enum mc_err code) { return info(code)->http_status; }
const char *mc_err_generic_vi(enum mc_err code) { return info(code)->vi; }
const char *mc_err_generic_en(enum mc_err code) { return info(code)->en; }

void mc_error_clear(struct mc_error *e)
{
	if (e)
		memset(e, 0, sizeof *e);
}

enum mc_err mc_fail(struct mc_error *e, enum mc_err code, const char *field,
		    const char *vi, const char *en)
{
	if (!e)
		return code;
	e->code = code;
	snprintf(e->field, sizeof e->field, "%s", field ? field : "");
	snprintf(e->msg_vi, sizeof e->msg_vi, "%s", vi ? vi : mc_err_generic_vi(code));
	snprintf(e->msg_en, sizeof e->msg_en, "%s", en ? en : mc_err_generic_en(code));
	return code;
}

enum mc_err mc_failf(struct mc_error *e, enum mc_err code, const char *field,
		     const char *vi_fmt, const char *en_fmt, ...)
{
	va_list ap;

	if (!e)
		return code;
	e->code = code;
	snprintf(e->field, sizeof e->field, "%s", field ? field : "");
	va_start(ap, en_fmt);
	vsnprintf(e->msg_vi, sizeof e->msg_vi, vi_fmt, ap);
	va_end(ap);
	va_start(ap, en_fmt);
	vsnprintf(e->msg_en, sizeof e->msg_en, en_fmt, ap);
	va_end(ap);
	return code;
}
