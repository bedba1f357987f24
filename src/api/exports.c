/*
 * exports.c - lists as spreadsheets: the dossiers of a filter (the same
 * filters and permission as GET /api/v1/dossiers) and the catalog, as .xlsx
 * (real dates, widths, a title) or .csv (UTF-8 with BOM, so Excel reads the
 * Vietnamese text).  The tracking book's exports are in forms.c.
 */
#include "api/api_int.h"

#include <stdio.h>
#include <string.h>

#include "forms/forms.h"
#include "service/catalog.h"

static const struct forms_column dossier_columns[] = {
	{"STT", 6, FORMS_COL_NUMBER},
	{"Mã hồ sơ", 28, FORMS_COL_TEXT},
	{"Tên thủ tục hành chính", 45, FORMS_COL_TEXT},
	{"Người nộp", 26, FORMS_COL_TEXT},
	{"Trạng thái", 18, FORMS_COL_TEXT},
	{"Nhận hồ sơ", 17, FORMS_COL_DATETIME},
	{"Hạn giải quyết", 17, FORMS_COL_DATETIME},
	{"Hẹn trả kết quả", 17, FORMS_COL_DATETIME},
	{"Trả kết quả", 17, FORMS_COL_DATETIME},
	{"Tình trạng", 18, FORMS_COL_TEXT},
};

static const struct forms_column catalog_columns[] = {
	{"Mã TTHC", 12, FORMS_COL_TEXT},
	{"Tên thủ tục hành chính", 55, FORMS_COL_TEXT},
	{"Lĩnh vực", 20, FORMS_COL_TEXT},
	{"Cấp", 10, FORMS_COL_TEXT},
	{"Cơ quan thực hiện", 16, FORMS_COL_TEXT},
	{"Thời hạn giải quyết", 30, FORMS_COL_TEXT},
	{"Phí, lệ phí (đồng)", 14, FORMS_COL_NUMBER},
	{"Dịch vụ công trực tuyến", 14, FORMS_COL_TEXT},
	{"Phiên bản", 9, FORMS_COL_NUMBER},
};

#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))

static const char *state_vi(const char *state)
{
	static const struct {
		const char *name, *vi;
	} t[] = {{"submitted", "Chờ tiếp nhận"}, {"guided", "Đã hướng dẫn"},      {"processing", "Đang giải quyết"},
		 {"waiting_supplement", "Chờ bổ sung"}, {"result_ready", "Có kết quả"}, {"returned", "Đã trả kết quả"},
		 {"refused", "Từ chối"},          {"withdrawn", "Rút hồ sơ"},         {"stopped", "Dừng giải quyết"},
		 {"transferred", "Đã chuyển"}};

	for (size_t i = 0; i < NCOLS(t); i++)
		if (!strcmp(state, t[i].name))
			return t[i].vi;
	return state;
}

static enum mc_err send_table(struct api_ctx *x, const char *file, const char *title, const struct forms_column *cols,
			      size_t ncols, json_t *rows)
{
	char disp[160];
	bool xlsx = strstr(file, ".xlsx") != NULL;
	enum mc_err rc;

	buf_reset(&x->rs->body);
	x->rs->nheaders = 0;
	rc = xlsx ? forms_xlsx_table(title, cols, ncols, rows, &x->rs->body, &x->err)
		  : forms_csv_table(cols, ncols, rows, &x->rs->body, &x->err);
	if (rc)
		return rc;
	x->rs->status = 200;
	x->rs->content_type = xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
				   : "text/csv; charset=utf-8";
	snprintf(disp, sizeof disp, "attachment; filename=\"%s\"", file);
	api_response_header(x->rs, "Content-Disposition", disp);
	return MC_OK;
}

/* GET /api/v1/exports/{dossiers|catalog}.{xlsx|csv} */
enum mc_err h_export(struct api_ctx *x)
{
	const char *file = x->params[0];
	json_t *list, *rows, *item;
	size_t i;
	enum mc_err rc;

	if (!strcmp(file, "dossiers.xlsx") || !strcmp(file, "dossiers.csv")) {
		/* the same filters, permission and rows as the on-screen list */
		if ((rc = h_dossiers_list(x)))
			return rc;
		list = json_loadb(x->rs->body.data, x->rs->body.len, 0, NULL);
		if (!list)
			return mc_fail(&x->err, MC_EINTERNAL, NULL, NULL, NULL);
		rows = json_array();
		json_array_foreach(json_object_get(list, "dossiers"), i, item) {
			json_t *st = json_object_get(item, "status");

			json_array_append_new(rows, json_pack("[I, O, O, O, s, O, O, O, O, s]", (json_int_t)i + 1,
							      json_object_get(item, "code"),
							      json_object_get(item, "procedure_name"),
							      json_object_get(item, "applicant_name"),
							      state_vi(json_string_value(json_object_get(item, "state")) ?: ""),
							      json_object_get(item, "received_at"),
							      json_object_get(item, "legal_due"),
							      json_object_get(item, "appointment"),
							      json_object_get(item, "returned_at"),
							      json_is_object(st) ? json_string_value(json_object_get(st, "vi")) : ""));
		}
		rc = send_table(x, file, "Danh sách hồ sơ", dossier_columns, NCOLS(dossier_columns), rows);
	} else if (!strcmp(file, "catalog.xlsx") || !strcmp(file, "catalog.csv")) {
		struct catalog_search s = {0};
		struct store_conn *c;

		s.level = api_query(x, "level");
		s.field = api_query(x, "field");
		s.online = api_query(x, "online");
		s.limit = 500;
		if ((rc = api_conn(x, &c)) || (rc = svc_catalog_search(c, &s, &list, &x->err)))
			return rc;
		rows = json_array();
		json_array_foreach(json_object_get(list, "procedures"), i, item) {
			const char *online = json_string_value(json_object_get(item, "online"));

			json_array_append_new(rows, json_pack("[O, O, O, s, O, s, O, s, O]", json_object_get(item, "code"),
							      json_object_get(item, "name"), json_object_get(item, "field"),
							      !strcmp(json_string_value(json_object_get(item, "level")) ?: "", "commune")
								      ? "Cấp xã"
								      : "Cấp huyện",
							      json_object_get(item, "agency"),
							      json_string_value(json_object_get(item, "time_limit_text")) ?: "",
							      json_object_get(item, "fees_total"),
							      !strcmp(online ?: "", "full")	 ? "Toàn trình"
							      : !strcmp(online ?: "", "partial") ? "Một phần"
											 : "Không",
							      json_object_get(item, "version")));
		}
		rc = send_table(x, file, "Danh mục thủ tục hành chính", catalog_columns, NCOLS(catalog_columns), rows);
	} else {
		return mc_fail(&x->err, MC_ENOTFOUND, NULL, "Không có tệp xuất này (dossiers hoặc catalog, .xlsx hoặc .csv)",
			       "No such export (dossiers or catalog, .xlsx or .csv)");
	}
	json_decref(rows);
	json_decref(list);
	return rc;
}
