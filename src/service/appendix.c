/*
 * appendix.c (service) - the eight appendices of the annual reform report:
 * the rows (labels as in the district's report), the cells MotCua computes,
 * the manual values, several years side by side (each year built exactly as
 * its own report, then merged into a column per year), and the workbook.
 * See service/appendix.h and docs/QUALITY.md (which cells are automatic, and
 * how each is counted).
 */
#include "service/appendix.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/caldate.h"
#include "domain/catalog.h"
#include "domain/timefmt.h"
#include "forms/forms.h"
#include "service/report.h"

enum src { HEAD = 0, AUTO, MANUAL };

struct arow {
	const char *stt;
	const char *label;
	const char *key; /* NULL for a heading */
	enum src src;
	const char *unit; /* "%" for rates */
};

struct appendix {
	int no;
	const char *sheet;
	const char *title;
	const struct arow *rows;
};

static const struct arow pl1[] = {
	{"1", "Số lượng văn bản chỉ đạo, điều hành", NULL, HEAD, NULL},
	{"-", "Văn bản của Huyện/Huyện ủy", "pl1.vb_huyen_uy", MANUAL, NULL},
	{"-", "Văn bản của UBND huyện, Chủ tịch UBND huyện", "pl1.vb_ubnd", MANUAL, NULL},
	{"2", "Số lượng các cơ quan, đơn vị được kiểm tra CCHC", "pl1.kiem_tra", MANUAL, NULL},
	{"3", "Tuyên truyền CCHC", NULL, HEAD, NULL},
	{"-", "Tổ chức cuộc thi tìm hiểu CCHC (Có tổ chức = 1; Không tổ chức = 0)", "pl1.cuoc_thi", MANUAL, NULL},
	{"-", "Số lượng bản tin chuyên đề CCHC trên đài PT-TH tỉnh", "pl1.ban_tin", MANUAL, NULL},
	{"-", "Số lớp tập huấn chuyên đề CCHC", "pl1.lop_tap_huan", MANUAL, NULL},
	{"-", "Xây dựng chuyên mục CCHC trên Cổng TTĐT của tỉnh (Có xây dựng = 1; Không xây dựng = 0)", "pl1.chuyen_muc",
	 MANUAL, NULL},
	{"-", "Hình thức tuyên truyền CCHC khác (nếu có)", "pl1.tuyen_truyen_khac", MANUAL, NULL},
	{"4", "Số lượng mô hình, sáng kiến CCHC được triển khai áp dụng", "pl1.sang_kien", MANUAL, NULL},
	{"5", "Xây dựng, áp dụng bộ tiêu chí đánh giá CCHC các cơ quan, đơn vị", NULL, HEAD, NULL},
	{"-", "Bộ tiêu chí đánh giá sở, ngành", "pl1.tieu_chi_so", MANUAL, NULL},
	{"-", "Bộ tiêu chí đánh giá UBND cấp huyện", "pl1.tieu_chi_huyen", MANUAL, NULL},
	{"-", "Bộ tiêu chí đánh giá UBND cấp xã", "pl1.tieu_chi_xa", MANUAL, NULL},
	{"-", "Bộ tiêu chí đánh giá cơ quan ngành dọc tại địa phương", "pl1.tieu_chi_nganh_doc", MANUAL, NULL},
	{"6", "Đo lường sự hài lòng của người dân, tổ chức", NULL, HEAD, NULL},
	{"-", "Số lượng dịch vụ đã khảo sát", "pl1.khao_sat_dich_vu", MANUAL, NULL},
	{"-", "Số lượng mẫu đã khảo sát", "pl1.khao_sat_mau", MANUAL, NULL},
	{"-", "Mức độ hài lòng chung", "pl1.hai_long", MANUAL, NULL},
	{NULL, NULL, NULL, HEAD, NULL},
};

static const struct arow pl2[] = {
	{"", "Tổng số văn bản quy phạm pháp luật (VBQPPL) chủ trì soạn thảo đã được ban hành", "pl2.tong", MANUAL, NULL},
	{"1", "Nghị quyết của Hội đồng nhân dân cấp huyện", "pl2.nq_hdnd_huyen", MANUAL, NULL},
	{"", "Quyết định của Ủy ban nhân dân cấp huyện", "pl2.qd_ubnd_huyen", MANUAL, NULL},
	{"", "Nghị quyết của Hội đồng nhân dân cấp xã", "pl2.nq_hdnd_xa", MANUAL, NULL},
	{"", "Quyết định của Ủy ban nhân dân cấp xã", "pl2.qd_ubnd_xa", MANUAL, NULL},
	{"2", "Số VBQPPL được đề nghị sửa đổi, bổ sung, thay thế, bãi bỏ hoặc ban hành mới sau rà soát",
	 "pl2.de_nghi_sua_doi", MANUAL, NULL},
	{"3", "Số VBQPPL đã được xử lý theo thẩm quyền hoặc kiến nghị cơ quan có thẩm quyền xử lý sau rà soát",
	 "pl2.da_xu_ly", MANUAL, NULL},
	{"4", "Số VBQPPL đã kiểm tra theo thẩm quyền", "pl2.da_kiem_tra", MANUAL, NULL},
	{"5", "Số VBQPPL trái pháp luật về nội dung, thẩm quyền", "pl2.trai_phap_luat", MANUAL, NULL},
	{"6", "Số VBQPPL trái pháp luật về nội dung, thẩm quyền đã được xử lý", "pl2.trai_phap_luat_da_xu_ly", MANUAL,
	 NULL},
	{"7", "Văn bản không phải là VBQPPL nhưng có chứa quy phạm pháp luật", "pl2.chua_quy_pham", MANUAL, NULL},
	{NULL, NULL, NULL, HEAD, NULL},
};

static const struct arow pl3[] = {
	{"1", "Tổng số TTHC của huyện", "pl3.tong", AUTO, NULL},
	{"-", "Số lượng TTHC cấp huyện", "pl3.cap_huyen", AUTO, NULL},
	{"-", "Số lượng TTHC cấp xã", "pl3.cap_xa", AUTO, NULL},
	{"-", "Số TTHC do tỉnh ban hành (được giao trong Luật)", "pl3.do_tinh_ban_hanh", MANUAL, NULL},
	{"2", "Số TTHC được đơn giản hóa sau rà soát (theo thẩm quyền của tỉnh, như: giảm thời gian giải quyết...)",
	 "pl3.don_gian_hoa", MANUAL, NULL},
	{"3", "Số lượng thủ tục hành chính được công khai đầy đủ, đúng quy định trên Cổng/Trang Thông tin điện tử",
	 "pl3.cong_khai", AUTO, NULL},
	{"4", "Thực hiện cơ chế một cửa, một cửa liên thông", NULL, HEAD, NULL},
	{"-", "Số lượng TTHC thực hiện việc tiếp nhận, trả kết quả tại Bộ phận Một cửa cấp huyện", "pl3.mot_cua_huyen",
	 AUTO, NULL},
	{"-", "Số lượng TTHC thực hiện việc tiếp nhận, trả kết quả tại Bộ phận Một cửa cấp xã", "pl3.mot_cua_xa", AUTO,
	 NULL},
	{"-", "Số lượng TTHC được giải quyết theo cơ chế một cửa liên thông cùng cấp", "pl3.lien_thong_cung_cap", AUTO,
	 NULL},
	{"-", "Số lượng TTHC hoặc nhóm TTHC được giải quyết theo hình thức liên thông giữa các cấp chính quyền",
	 "pl3.lien_thong_cac_cap", AUTO, NULL},
	{"-", "Số TTHC đã thực hiện 4 tại chỗ", "pl3.bon_tai_cho", MANUAL, NULL},
	{"5", "Kết quả giải quyết hồ sơ TTHC", NULL, HEAD, NULL},
	{"-", "Tỷ lệ hồ sơ TTHC cấp huyện giải quyết đúng hạn (đã tiếp nhận/đã trả đúng hạn)", "pl3.dung_han_huyen",
	 AUTO, "%"},
	{"-", "Tỷ lệ hồ sơ TTHC cấp xã giải quyết đúng hạn (đã tiếp nhận/đã trả đúng hạn)", "pl3.dung_han_xa", AUTO,
	 "%"},
	{"6", "Tiếp nhận và xử lý PAKN về TTHC", "pl3.pakn", AUTO, NULL},
	{"-", "Số lượng PAKN đã tiếp nhận trong năm", "pl3.pakn_tiep_nhan", AUTO, NULL},
	{"-", "Số lượng PAKN đã giải quyết trong năm", "pl3.pakn_giai_quyet", AUTO, NULL},
	{"-", "Số lượng PAKN được xử lý và đã công khai kết quả trả lời trên Cổng TTĐT", "pl3.pakn_cong_khai", AUTO,
	 NULL},
	{NULL, NULL, NULL, HEAD, NULL},
};

static const struct arow pl4[] = {
	{"II", "Số lượng, cơ cấu tổ chức thuộc Ủy ban nhân dân cấp huyện", NULL, HEAD, NULL},
	{"-", "Số UBND cấp huyện", "pl4.ubnd_huyen", MANUAL, NULL},
	{"-", "Số phòng chuyên môn thuộc UBND cấp huyện", "pl4.phong_chuyen_mon", MANUAL, NULL},
	{"-", "Số văn phòng, thanh tra thuộc UBND cấp huyện", "pl4.van_phong_thanh_tra", MANUAL, NULL},
	{"-", "Số đơn vị sự nghiệp thuộc UBND cấp huyện", "pl4.don_vi_su_nghiep", MANUAL, NULL},
	{"III", "Số lượng đơn vị sự nghiệp công lập thuộc UBND cấp huyện, theo lĩnh vực", NULL, HEAD, NULL},
	{"-", "Sự nghiệp giáo dục - đào tạo", "pl4.sn_giao_duc", MANUAL, NULL},
	{"-", "Sự nghiệp y tế", "pl4.sn_y_te", MANUAL, NULL},
	{"-", "Sự nghiệp văn hóa, thể dục thể thao", "pl4.sn_van_hoa", MANUAL, NULL},
	{"-", "Sự nghiệp khác", "pl4.sn_khac", MANUAL, NULL},
	{NULL, NULL, NULL, HEAD, NULL},
};

static const struct arow pl5[] = {
	{"1", "Tổng số biên chế cán bộ, công chức", NULL, HEAD, NULL},
	{"-", "Tổng số được giao", "pl5.cbcc_giao", MANUAL, NULL},
	{"-", "Tổng số có mặt", "pl5.cbcc_co_mat", MANUAL, NULL},
	{"2", "Tổng số biên chế viên chức", NULL, HEAD, NULL},
	{"-", "Tổng số được giao", "pl5.vc_giao", MANUAL, NULL},
	{"-", "Tổng số có mặt", "pl5.vc_co_mat", MANUAL, NULL},
	{"3", "Số công chức được tuyển dụng theo hình thức thi cạnh tranh", "pl5.tuyen_dung_thi", MANUAL, NULL},
	{"4", "Số công chức được bổ nhiệm vào các chức danh lãnh đạo, quản lý thông qua thi tuyển cạnh tranh",
	 "pl5.bo_nhiem_thi", MANUAL, NULL},
	{"5", "Số lượng cán bộ, công chức được tinh giản biên chế", "pl5.tinh_gian", MANUAL, NULL},
	{"6", "Số lượng công chức được bồi dưỡng, tập huấn hàng năm", "pl5.cc_boi_duong", MANUAL, NULL},
	{"7", "Số lượng viên chức được bồi dưỡng, tập huấn hàng năm", "pl5.vc_boi_duong", MANUAL, NULL},
	{"8", "Số lượng các lớp đào tạo, bồi dưỡng", "pl5.lop_dao_tao", MANUAL, NULL},
	{NULL, NULL, NULL, HEAD, NULL},
};

static const struct arow pl6[] = {
	{"1", "Số cơ quan hành chính thực hiện cơ chế tự chủ", "pl6.co_quan_tu_chu", MANUAL, NULL},
	{"2", "Số đơn vị sự nghiệp công lập thuộc UBND cấp huyện thực hiện cơ chế tự chủ", NULL, HEAD, NULL},
	{"-", "Số lượng đơn vị sự nghiệp công tự bảo đảm chi thường xuyên và chi đầu tư", "pl6.tu_chu_chi_dau_tu",
	 MANUAL, NULL},
	{"-", "Số lượng đơn vị sự nghiệp công tự bảo đảm chi thường xuyên", "pl6.tu_chu_chi_thuong_xuyen", MANUAL,
	 NULL},
	{"-", "Số lượng đơn vị sự nghiệp công tự bảo đảm một phần chi thường xuyên", "pl6.tu_chu_mot_phan", MANUAL,
	 NULL},
	{"-", "Số lượng đơn vị sự nghiệp công nhà nước bảo đảm toàn bộ chi thường xuyên", "pl6.nha_nuoc_bao_dam",
	 MANUAL, NULL},
	{NULL, NULL, NULL, HEAD, NULL},
};

static const struct arow pl7[] = {
	{"1", "Tỷ lệ văn bản hành chính được trao đổi dưới dạng điện tử", "pl7.van_ban_dien_tu", MANUAL, "%"},
	{"2", "Số đơn vị kết nối Trục liên thông VBQG", "pl7.truc_lien_thong", MANUAL, NULL},
	{"3", "Số lượng văn bản nhận trên Trục liên thông VBQG", "pl7.van_ban_nhan", MANUAL, NULL},
	{"4", "Số lượng văn bản gửi trên Trục liên thông VBQG", "pl7.van_ban_gui", MANUAL, NULL},
	{"5", "Số lượng chữ ký số", "pl7.chu_ky_so", MANUAL, NULL},
	{"6", "Tỷ lệ công chức có hộp thư điện tử", "pl7.hop_thu", MANUAL, "%"},
	{"7", "Số cơ quan chuyên môn cấp tỉnh, đơn vị hành chính cấp huyện triển khai ứng dụng phần mềm quản lý văn bản",
	 "pl7.phan_mem_van_ban", MANUAL, NULL},
	{"8", "Số cơ quan chuyên môn cấp tỉnh, đơn vị hành chính cấp huyện sử dụng mạng nội bộ (mạng LAN) để trao đổi "
	      "công việc",
	 "pl7.mang_lan", MANUAL, NULL},
	{"9", "Số cơ quan chuyên môn cấp tỉnh, đơn vị hành chính cấp huyện có Cổng/Trang Thông tin điện tử",
	 "pl7.cong_ttdt", MANUAL, NULL},
	{"10", "Số dịch vụ công trực tuyến mức độ 3, mức độ 4", "pl7.dvctt", AUTO, NULL},
	{"-", "Cấp huyện", "pl7.dvctt_huyen", AUTO, NULL},
	{"-", "Cấp xã", "pl7.dvctt_xa", AUTO, NULL},
	{"11", "Tỷ lệ dịch vụ công trực tuyến mức độ 3, mức độ 4 có phát sinh hồ sơ", "pl7.dvctt_phat_sinh", AUTO, "%"},
	{"12", "Số đơn vị xây dựng, sử dụng phần mềm một cửa điện tử", "pl7.mot_cua_dien_tu", AUTO, NULL},
	{"13", "Tỷ lệ hồ sơ giải quyết qua hệ thống một cửa điện tử", "pl7.ty_le_mot_cua_dien_tu", MANUAL, "%"},
	{"14", "Số cơ quan chuyên môn cấp huyện, đơn vị hành chính cấp xã có bản Công bố ISO", "pl7.iso", MANUAL, NULL},
	{NULL, NULL, NULL, HEAD, NULL},
};

static const struct arow pl8[] = {
	{"1", "Thủ tục hành chính liên quan đến cá nhân, tổ chức được cải cách cơ bản theo hướng gọn nhẹ, đơn giản; mỗi "
	      "năm đều có tỷ lệ giảm chi phí mà cá nhân, tổ chức phải bỏ ra khi giải quyết thủ tục hành chính tại cơ "
	      "quan hành chính nhà nước",
	 "pl8.muc_tieu_1", MANUAL, NULL},
	{"2", "Thủ tục hành chính được cải cách cơ bản, mức độ hài lòng của nhân dân và doanh nghiệp về thủ tục hành "
	      "chính đạt mức trên 80% vào năm 2020",
	 "pl8.muc_tieu_2", MANUAL, NULL},
	{"3", "Sắp xếp, tổ chức lại các cơ quan, đơn vị để không còn sự chồng chéo, bỏ trống hoặc trùng lặp về chức "
	      "năng, nhiệm vụ, quyền hạn",
	 "pl8.muc_tieu_3", MANUAL, NULL},
	{"4", "Chuyển giao những công việc mà cơ quan hành chính nhà nước không nên làm hoặc làm hiệu quả thấp cho xã "
	      "hội, các tổ chức xã hội, tổ chức phi chính phủ đảm nhận",
	 "pl8.muc_tieu_4", MANUAL, NULL},
	{"5", "Sự hài lòng của cá nhân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước đạt mức trên 80% vào "
	      "năm 2020",
	 "pl8.muc_tieu_5", MANUAL, NULL},
	{"6", "Sự hài lòng của cá nhân đối với dịch vụ do đơn vị sự nghiệp công cung cấp trong các lĩnh vực giáo dục, y "
	      "tế đạt mức trên 80% vào năm 2020",
	 "pl8.muc_tieu_6", MANUAL, NULL},
	{"7", "Đội ngũ công chức, viên chức có số lượng, cơ cấu hợp lý, đủ trình độ và năng lực thi hành công vụ, phục "
	      "vụ nhân dân và phục vụ sự nghiệp phát triển của đất nước; 100% các cơ quan, đơn vị có cơ cấu công chức "
	      "theo vị trí việc làm",
	 "pl8.muc_tieu_7", MANUAL, NULL},
	{"8", "Đến năm 2020: 90% các văn bản, tài liệu chính thức trao đổi giữa các cơ quan hành chính nhà nước được "
	      "thực hiện dưới dạng điện tử; hầu hết các dịch vụ công được cung cấp trực tuyến ở mức độ 3 và 4",
	 "pl8.muc_tieu_8", MANUAL, NULL},
	{"9", "20% số lượng người dân và doanh nghiệp tham gia hệ thống thông tin Chính quyền điện tử được xác thực định "
	      "danh điện tử thông suốt và hợp nhất trên tất cả các hệ thống thông tin của các cơ quan",
	 "pl8.muc_tieu_9", MANUAL, NULL},
	{"10", "100% phần mềm quản lý văn bản và điều hành được kết nối, liên thông qua Trục liên thông văn bản quốc "
	       "gia; 90% văn bản trao đổi giữa các cơ quan nhà nước dưới dạng điện tử; tối thiểu 60% hồ sơ công việc "
	       "tại cấp huyện và 30% tại cấp xã được xử lý trên môi trường mạng",
	 "pl8.muc_tieu_10", MANUAL, NULL},
	{"11", "Rút ngắn từ 30% - 50% thời gian họp, giảm tối đa việc sử dụng tài liệu giấy thông qua Hệ thống thông tin "
	       "phục vụ họp và xử lý công việc, văn phòng điện tử",
	 "pl8.muc_tieu_11", MANUAL, NULL},
	{"12", "100% cơ quan kết nối vào Mạng truyền số liệu chuyên dùng của các cơ quan Đảng, Nhà nước",
	 "pl8.muc_tieu_12", MANUAL, NULL},
	{NULL, NULL, NULL, HEAD, NULL},
};

static const struct appendix appendices[] = {
	{1, "PL1", "Phụ lục 1. Thống kê các chỉ tiêu tại lĩnh vực chỉ đạo, điều hành cải cách hành chính", pl1},
	{2, "PL2", "Phụ lục 2. Thống kê các nhiệm vụ tại lĩnh vực cải cách thể chế", pl2},
	{3, "PL3", "Phụ lục 3. Thống kê các chỉ tiêu tại lĩnh vực cải cách thủ tục hành chính", pl3},
	{4, "PL4", "Phụ lục 4. Thống kê số lượng tổ chức thuộc huyện", pl4},
	{5, "PL5", "Phụ lục 5. Thống kê các chỉ tiêu tại lĩnh vực xây dựng và nâng cao chất lượng đội ngũ cán bộ, công "
		   "chức, viên chức",
	 pl5},
	{6, "PL6", "Phụ lục 6. Thống kê các chỉ tiêu tại lĩnh vực cải cách tài chính công", pl6},
	{7, "PL7", "Phụ lục 7. Thống kê các chỉ tiêu tại lĩnh vực hiện đại hóa hành chính", pl7},
	{8, "PL8", "Phụ lục 8. Đánh giá mức độ thực hiện các mục tiêu cải cách hành chính nhà nước (Đạt/Không đạt)",
	 pl8},
};

#define NAPPENDICES (sizeof appendices / sizeof appendices[0])

static const struct arow *find_row(const char *key)
{
	for (size_t a = 0; a < NAPPENDICES; a++)
		for (const struct arow *r = appendices[a].rows; r->label; r++)
			if (r->key && !strcmp(r->key, key))
				return r;
	return NULL;
}

json_t *svc_appendices_template(void)
{
	json_t *v = json_object();

	for (size_t a = 0; a < NAPPENDICES; a++)
		for (const struct arow *r = appendices[a].rows; r->label; r++)
			if (r->src == MANUAL)
				json_object_set_new(v, r->key, json_null());
	return json_pack("{s:o}", "values", v);
}

/* ------------------------------------------------------------ automatic */

struct units_scope {
	const struct unit_rec *scope;
	json_t *codes;     /* unit code -> path, of every unit */
	bool has_commune;
};

static int add_unit(void *ctx, const struct unit_rec *u)
{
	struct units_scope *s = ctx;

	json_object_set_new(s->codes, u->code, json_pack("{s:s, s:s}", "path", u->path, "kind", u->kind));
	if (!strcmp(u->kind, "commune") &&
	    (!strncmp(u->path, s->scope->path, strlen(s->scope->path)) ||
	     !strncmp(s->scope->path, u->path, strlen(u->path))))
		s->has_commune = true;
	return 0;
}

struct auto_ctx {
	struct units_scope us;
	json_t *v;          /* key -> value */
	json_t *online;     /* procedure codes offered online, in scope */
	int64_t n_tong, n_huyen, n_xa, n_cong_khai, n_mc_huyen, n_mc_xa, n_cung_cap, n_cac_cap, n_dv, n_dv_huyen, n_dv_xa;
};

static bool agency_in_scope(const struct auto_ctx *x, const char *agency)
{
	const char *path;

	if (!strcmp(agency, "$commune"))
		return x->us.has_commune;
	path = json_string_value(json_object_get(json_object_get(x->us.codes, agency), "path"));
	return path && !strncmp(path, x->us.scope->path, strlen(x->us.scope->path));
}

static int on_procedure(void *ctx, const struct procedure_rec *p)
{
	struct auto_ctx *x = ctx;
	json_t *doc, *steps, *s;
	const char *dn, *units[64];
	size_t i;
	int nunits = 0;
	bool desk = false;

	if (!catalog_status_open(p->status) || !agency_in_scope(x, p->agency))
		return 0; /* in force (or amended) procedures only */
	doc = p->doc ? json_loads(p->doc, 0, NULL) : NULL;
	x->n_tong++;
	if (!strcmp(p->level, "district"))
		x->n_huyen++;
	else if (!strcmp(p->level, "commune"))
		x->n_xa++;
	dn = json_string_value(json_object_get(json_object_get(doc, "decision"), "number"));
	if (dn && *dn)
		x->n_cong_khai++;
	steps = json_object_get(doc, "process");
	json_array_foreach(steps, i, s) {
		const char *u = json_string_value(json_object_get(s, "unit"));
		bool seen = false;

		if (!u)
			continue;
		if (!strcmp(u, "$desk")) {
			desk = true;
			continue;
		}
		/* only specialised bodies (departments) count as separate bodies:
		 * the people's committee, its office and "$commune" are the one
		 * body that signs, not a second body of the same level */
		if (strcmp(json_string_value(json_object_get(json_object_get(x->us.codes, u), "kind")) ?
				   json_string_value(json_object_get(json_object_get(x->us.codes, u), "kind")) : "",
			   "department"))
			continue;
		for (int k = 0; k < nunits && !seen; k++)
			seen = !strcmp(units[k], u);
		if (!seen && nunits < 64)
			units[nunits++] = u;
	}
	if (desk && !strcmp(p->level, "district"))
		x->n_mc_huyen++;
	if (desk && !strcmp(p->level, "commune"))
		x->n_mc_xa++;
	if (p->inter_level)
		x->n_cac_cap++;
	else if (nunits >= 2)
		x->n_cung_cap++; /* several bodies of one level, one dossier */
	if (!strcmp(p->online, "full") || !strcmp(p->online, "partial")) {
		x->n_dv++;
		x->n_dv_huyen += !strcmp(p->level, "district");
		x->n_dv_xa += !strcmp(p->level, "commune");
		json_object_set_new(x->online, p->code, json_false());
	}
	json_decref(doc);
	return 0;
}

struct year_ctx {
	const struct unit_rec *scope;
	json_t *online;        /* code -> true once an online dossier came */
	json_t *receivers;     /* receiving unit ids with dossiers */
};

static int on_dossier(void *ctx, const struct dossier_rec *d)
{
	struct year_ctx *y = ctx;
	char id[24];
	bool in = !strcmp(y->scope->kind, "desk")
			  ? d->desk_unit_id == y->scope->id
			  : (!strncmp(d->receiving_unit_path, y->scope->path, strlen(y->scope->path)) ||
			     !strncmp(d->resolving_unit_path, y->scope->path, strlen(y->scope->path)));

	if (!in || !d->received_at)
		return 0;
	snprintf(id, sizeof id, "%lld", (long long)d->receiving_unit_id);
	json_object_set_new(y->receivers, id, json_true());
	if (!strcmp(d->channel, "online") && json_object_get(y->online, d->procedure_code))
		json_object_set_new(y->online, d->procedure_code, json_true());
	return 0;
}

static json_t *rate(json_t *report, const char *level)
{
	json_t *t;
	size_t i;

	json_array_foreach(json_object_get(report, "totals"), i, t) {
		json_int_t e, o, l;

		if (strcmp(json_string_value(json_object_get(t, "level")), level))
			continue;
		e = json_integer_value(json_object_get(t, "early"));
		o = json_integer_value(json_object_get(t, "on_time"));
		l = json_integer_value(json_object_get(t, "late"));
		if (e + o + l == 0)
			return json_null();
		/* tenths of a percent, half up, as the public page does */
		return json_real((double)(((e + o) * 2000 / (e + o + l) + 1) / 2) / 10.0);
	}
	return json_null();
}

static enum mc_err compute(struct store_conn *c, const struct unit_rec *unit, int year, int64_t now, json_t *v,
			   struct mc_error *err)
{
	struct auto_ctx x = {0};
	struct year_ctx y = {0};
	struct procedure_query pq = {0};
	struct svc_report_query q = {0};
	struct dossier_filter f = {0};
	json_t *rep = NULL, *val;
	const char *k;
	int64_t off = (int64_t)unit->utc_offset_min * 60, with = 0;
	int32_t last = caldate_from_ymd(year, 12, 31), today = (int32_t)((now + off) / 86400);
	char d0[11], d1[11];
	enum mc_err rc;

	x.us.scope = unit;
	x.us.codes = json_object();
	x.online = json_object();
	x.v = v;
	if ((rc = store_unit_list(c, add_unit, &x.us, err)) ||
	    (rc = store_procedure_search(c, &pq, on_procedure, &x, NULL, err)))
		goto done;
	json_object_set_new(v, "pl3.tong", json_integer(x.n_tong));
	json_object_set_new(v, "pl3.cap_huyen", json_integer(x.n_huyen));
	json_object_set_new(v, "pl3.cap_xa", json_integer(x.n_xa));
	json_object_set_new(v, "pl3.cong_khai", json_integer(x.n_cong_khai));
	json_object_set_new(v, "pl3.mot_cua_huyen", json_integer(x.n_mc_huyen));
	json_object_set_new(v, "pl3.mot_cua_xa", json_integer(x.n_mc_xa));
	json_object_set_new(v, "pl3.lien_thong_cung_cap", json_integer(x.n_cung_cap));
	json_object_set_new(v, "pl3.lien_thong_cac_cap", json_integer(x.n_cac_cap));
	json_object_set_new(v, "pl3.pakn", json_integer(0));
	json_object_set_new(v, "pl3.pakn_tiep_nhan", json_integer(0));
	json_object_set_new(v, "pl3.pakn_giai_quyet", json_integer(0));
	json_object_set_new(v, "pl3.pakn_cong_khai", json_integer(0));
	json_object_set_new(v, "pl7.dvctt", json_integer(x.n_dv));
	json_object_set_new(v, "pl7.dvctt_huyen", json_integer(x.n_dv_huyen));
	json_object_set_new(v, "pl7.dvctt_xa", json_integer(x.n_dv_xa));
	/* the year, up to today when it is the current one */
	q.unit = unit->code;
	q.from_day = caldate_from_ymd(year, 1, 1);
	q.to_day = last < today ? last : today;
	if (q.to_day < q.from_day)
		q.to_day = q.from_day;
	if ((rc = svc_report_resolution(c, &q, &rep, err)))
		goto done;
	json_object_set_new(v, "pl3.dung_han_huyen", rate(rep, "district"));
	json_object_set_new(v, "pl3.dung_han_xa", rate(rep, "commune"));
	y.scope = unit;
	y.online = x.online;
	y.receivers = json_object();
	f.any_unit_path = unit->path;
	f.received_from = (int64_t)q.from_day * 86400 - off;
	f.received_to = ((int64_t)q.to_day + 1) * 86400 - off;
	rc = store_dossier_list(c, &f, on_dossier, &y, NULL, err);
	if (rc)
		goto done;
	json_object_foreach(x.online, k, val)
		with += json_is_true(val);
	json_object_set_new(v, "pl7.dvctt_phat_sinh",
			    x.n_dv ? json_real((double)((with * 2000 / x.n_dv + 1) / 2) / 10.0) : json_null());
	json_object_set_new(v, "pl7.mot_cua_dien_tu", json_integer((json_int_t)json_object_size(y.receivers)));
	caldate_format(q.from_day, d0);
	caldate_format(q.to_day, d1);
	json_object_set_new(v, "$from", json_string(d0));
	json_object_set_new(v, "$to", json_string(d1));
done:
	json_decref(rep);
	json_decref(y.receivers);
	json_decref(x.online);
	json_decref(x.us.codes);
	return rc;
}

/* --------------------------------------------------------------- assembly */

static int first_unit(void *ctx, const struct unit_rec *u)
{
	*(struct unit_rec *)ctx = *u;
	return 1;
}

/* Every key of values names a manual row and holds null, a number or text
 * (at most 2000 bytes); what = "values" names the member in errors. */
static enum mc_err check_values(const json_t *values, struct mc_error *err)
{
	json_t *val;
	const char *k;

	if (values && !json_is_object(values))
		return mc_fail(err, MC_EINVAL, "values", "values phải là một đối tượng {khóa: giá trị}",
			       "values must be an object {key: value}");
	json_object_foreach((json_t *)values, k, val) {
		const struct arow *r = find_row(k);

		if (!r)
			return mc_failf(err, MC_EINVAL, "values", "Không có chỉ tiêu '%s' trong các phụ lục",
					"No row '%s' in the appendices", k);
		if (r->src == AUTO)
			return mc_failf(err, MC_EINVAL, "values", "Chỉ tiêu '%s' được tính tự động từ dữ liệu, không nhập tay",
					"Row '%s' is computed from the data, not entered", k);
		if (!json_is_null(val) && !json_is_number(val) && !json_is_string(val))
			return mc_failf(err, MC_EINVAL, "values", "Giá trị của '%s' phải là số hoặc chữ",
					"The value of '%s' must be a number or text", k);
		if (json_is_string(val) && strlen(json_string_value(val)) > 2000)
			return mc_failf(err, MC_EINVAL, "values", "Giá trị của '%s' quá dài", "The value of '%s' is too long",
					k);
	}
	return MC_OK;
}

static enum mc_err load_unit(struct store_conn *c, const char *unit_code, struct unit_rec *unit, struct mc_error *err)
{
	enum mc_err rc;

	memset(unit, 0, sizeof *unit);
	if (unit_code && *unit_code) {
		if ((rc = store_unit_get_by_code(c, unit_code, unit, err)))
			return rc == MC_ENOTFOUND ? mc_failf(err, MC_ENOTFOUND, "unit", "Không có đơn vị '%s'",
							     "No unit '%s'", unit_code)
						  : rc;
	} else if ((rc = store_unit_list(c, first_unit, unit, err)) && rc != 1) {
		return rc;
	}
	return MC_OK;
}

/* The kv address of a unit's manual values for a year. */
static void manual_addr(const struct unit_rec *u, int year, struct kv_rec *k)
{
	snprintf(k->scope, sizeof k->scope, "unit:%lld", (long long)u->id);
	snprintf(k->key, sizeof k->key, "appendix:%d", year);
}

/* The stored document {"values": {...}, "updated_by": id} (a new reference,
 * an empty one when nothing is stored), and its kv time in *at. */
static enum mc_err manual_load(struct store_conn *c, const struct unit_rec *u, int year, json_t **doc, int64_t *at,
			       struct mc_error *err)
{
	struct kv_rec k = {0};
	enum mc_err rc;

	manual_addr(u, year, &k);
	*at = 0;
	rc = store_kv_get(c, k.scope, k.key, &k, err);
	if (rc == MC_ENOTFOUND) {
		*doc = json_pack("{s:{}}", "values");
		return *doc ? MC_OK : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	}
	if (rc)
		return rc;
	*doc = k.value ? json_loads(k.value, 0, NULL) : NULL;
	*at = k.updated_at;
	free(k.value);
	/* a document written by an older version (or by hand) that does not
	 * check out is ignored rather than breaking every export */
	if (!json_is_object(*doc) || check_values(json_object_get(*doc, "values"), NULL)) {
		json_decref(*doc);
		*doc = json_pack("{s:{}}", "values");
	} else if (!json_object_get(*doc, "values")) {
		json_object_set_new(*doc, "values", json_object());
	}
	return *doc ? MC_OK : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
}

static json_t *manual_view(const struct unit_rec *u, int year, json_t *doc, int64_t at)
{
	char ts[40] = "";

	if (at)
		timefmt_local(at, u->utc_offset_min, ts);
	return json_pack("{s:i, s:{s:s, s:s}, s:O, s:s*, s:O*}", "year", year, "unit", "code", u->code, "name", u->name,
			 "values", json_object_get(doc, "values"), "updated_at", at ? ts : NULL, "updated_by",
			 json_object_get(doc, "updated_by"));
}

enum mc_err svc_appendices_manual_get(struct store_conn *c, const char *unit_code, int year, json_t **out,
				      struct mc_error *err)
{
	struct unit_rec unit;
	json_t *doc = NULL;
	int64_t at;
	enum mc_err rc;

	if ((rc = load_unit(c, unit_code, &unit, err)) || (rc = manual_load(c, &unit, year, &doc, &at, err)))
		return rc;
	*out = manual_view(&unit, year, doc, at);
	json_decref(doc);
	return *out ? MC_OK : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
}

enum mc_err svc_appendices_manual_put(struct store_conn *c, const char *unit_code, int year, const json_t *body,
				      int64_t actor_id, int64_t now, json_t **out, struct mc_error *err)
{
	const json_t *values = json_object_get(body, "values");
	struct unit_rec unit;
	struct kv_rec k = {0};
	struct audit_rec a = {0};
	json_t *doc = NULL, *clean, *val, *detail;
	const char *key;
	char *dtext;
	enum mc_err rc;

	if (!json_is_object(values))
		return mc_fail(err, MC_EINVAL, "values", "Cần values: {khóa: giá trị}", "values is required: {key: value}");
	if ((rc = check_values(values, err)) || (rc = load_unit(c, unit_code, &unit, err)))
		return rc;
	/* null means "no value": it is not stored, so the stored set is exactly
	 * the cells someone filled in */
	clean = json_object();
	json_object_foreach((json_t *)values, key, val)
		if (!json_is_null(val))
			json_object_set(clean, key, val);
	doc = json_pack("{s:o, s:I}", "values", clean, "updated_by", (json_int_t)actor_id);
	manual_addr(&unit, year, &k);
	k.updated_at = now;
	k.value = doc ? json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	if (!k.value) {
		json_decref(doc);
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	}
	a.at = now;
	a.actor_id = actor_id;
	a.unit_id = unit.id;
	snprintf(a.action, sizeof a.action, "report.appendix_manual_put");
	snprintf(a.object_type, sizeof a.object_type, "appendix");
	snprintf(a.object_id, sizeof a.object_id, "%.50s:%d", unit.code, year % 10000);
	detail = json_pack("{s:i, s:I}", "year", year, "cells", (json_int_t)json_object_size(clean));
	dtext = detail ? json_dumps(detail, JSON_COMPACT) : NULL;
	a.detail_json = dtext;
	json_decref(detail);
	if ((rc = store_begin(c, err)))
		goto done;
	rc = json_object_size(clean) ? store_kv_put(c, &k, err) : store_kv_delete(c, k.scope, k.key, err);
	if (rc == MC_ENOTFOUND)
		rc = MC_OK; /* clearing what was never stored */
	if (!rc)
		rc = store_audit_append(c, &a, err);
	if (!rc)
		rc = store_commit(c, err);
	if (rc)
		store_rollback(c);
	else if (!(*out = manual_view(&unit, year, doc, json_object_size(clean) ? now : 0)))
		rc = mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
done:
	free(dtext);
	free(k.value);
	json_decref(doc);
	return rc;
}

static const char *origin_of(const struct arow *r, const json_t *body_values, const json_t *stored, json_t **v)
{
	json_t *b = json_object_get(body_values, r->key), *s = json_object_get(stored, r->key);

	if (b && !json_is_null(b)) {
		*v = b;
		return "request";
	}
	if (s && !json_is_null(s)) {
		*v = s;
		return "stored";
	}
	*v = NULL;
	return "missing";
}

/* One year's answer (svc_appendices) for a loaded unit; values (borrowed,
 * already checked, may be NULL) are this export's manual values. */
static enum mc_err year_doc(struct store_conn *c, const struct unit_rec *unit, int year, const json_t *values,
			    int64_t now, json_t **out, struct mc_error *err)
{
	json_t *autov = NULL, *list, *stored_doc = NULL, *stored;
	json_int_t n_auto = 0, n_stored = 0, n_request = 0, n_missing = 0;
	int64_t stored_at = 0;
	enum mc_err rc;

	if ((rc = manual_load(c, unit, year, &stored_doc, &stored_at, err)))
		return rc;
	stored = json_object_get(stored_doc, "values");
	autov = json_object();
	if ((rc = compute(c, unit, year, now, autov, err))) {
		json_decref(autov);
		json_decref(stored_doc);
		return rc;
	}
	list = json_array();
	for (size_t a = 0; a < NAPPENDICES; a++) {
		json_t *rows = json_array();

		for (const struct arow *r = appendices[a].rows; r->label; r++) {
			json_t *v = NULL;
			const char *origin = NULL;
			json_t *o;

			if (r->src == AUTO) {
				v = json_object_get(autov, r->key);
				origin = "auto";
				n_auto++;
			} else if (r->src == MANUAL) {
				origin = origin_of(r, values, stored, &v);
				n_stored += !strcmp(origin, "stored");
				n_request += !strcmp(origin, "request");
				n_missing += !strcmp(origin, "missing");
			}
			o = json_pack("{s:s, s:s, s:s?, s:O?, s:s, s:s?}", "stt", r->stt, "label", r->label, "key", r->key,
				      "value", v, "source", r->src == AUTO ? "auto" : r->src == MANUAL ? "manual" : "heading",
				      "origin", origin);
			if (!json_object_get(o, "value"))
				json_object_set_new(o, "value", json_null());
			if (r->unit)
				json_object_set_new(o, "unit", json_string(r->unit));
			json_array_append_new(rows, o);
		}
		json_array_append_new(list, json_pack("{s:i, s:s, s:s, s:o}", "no", appendices[a].no, "key",
						      appendices[a].sheet, "title", appendices[a].title, "rows", rows));
	}
	*out = json_pack(
		"{s:s, s:i, s:{s:s, s:s}, s:{s:O, s:O}, s:{s:I, s:I, s:I, s:I}, s:o, s:[s, s, s]}", "report", "appendices",
		"year", year, "unit", "code", unit->code, "name", unit->name, "period", "from", json_object_get(autov, "$from"),
		"to", json_object_get(autov, "$to"), "cells", "auto", n_auto, "stored", n_stored, "request", n_request,
		"missing", n_missing, "appendices", list, "notes",
		"Các chỉ tiêu 'auto' tính từ dữ liệu MotCua: danh mục TTHC hiện hành (không lưu lịch sử theo năm), hồ sơ "
		"tiếp nhận trong năm; các chỉ tiêu 'manual' lấy từ phần nhập trong yêu cầu (values), nếu không có thì từ "
		"giá trị đã lưu của đơn vị cho năm đó (origin: request, stored, missing).",
		"PAKN: chưa có phân hệ phản ánh, kiến nghị nên các số liệu PAKN bằng 0.",
		"Automatic cells come from MotCua's data (the current catalog, the dossiers of the year); manual cells "
		"from the request's values, else from the values stored for the unit and year (origin: request, stored, "
		"missing).");
	json_decref(autov);
	json_decref(stored_doc);
	return *out ? MC_OK : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
}

enum mc_err svc_appendices(struct store_conn *c, const char *unit_code, int year, json_t *body, int64_t now,
			   json_t **out, struct mc_error *err)
{
	struct unit_rec unit;
	const json_t *values = json_object_get(body, "values");
	enum mc_err rc;

	if ((rc = check_values(values, err)) || (rc = load_unit(c, unit_code, &unit, err)))
		return rc;
	return year_doc(c, &unit, year, values, now, out, err);
}

/* ------------------------------------------------------------ several years */

static bool has(const char *s)
{
	return s && *s;
}

/* A year as plain decimal digits, 2000 to max_year. */
static bool year_ok(const char *s, int max_year, int *y)
{
	char *end = NULL;
	long v = strtol(s, &end, 10);

	if (*s < '0' || *s > '9' || *end || v < 2000 || v > max_year)
		return false;
	*y = (int)v;
	return true;
}

enum mc_err svc_appendix_years(const char *year, const char *from_year, const char *to_year, int max_year, int *y0,
			       int *y1, bool *range, struct mc_error *err)
{
	*range = has(from_year) || has(to_year);
	if (*range && has(year))
		return mc_fail(err, MC_EINVAL, "year", "Dùng year hoặc from_year và to_year, không dùng cả hai",
			       "Give either year or from_year and to_year, not both");
	if (!*range) {
		if (!has(year) || !year_ok(year, max_year, y0))
			return mc_failf(err, MC_EINVAL, "year", "Năm (year) phải từ 2000 đến %d", "The year must be 2000 to %d",
					max_year);
		*y1 = *y0;
		return MC_OK;
	}
	if (!has(from_year) || !has(to_year))
		return mc_fail(err, MC_EINVAL, has(from_year) ? "to_year" : "from_year",
			       "Cần cả from_year (năm đầu) và to_year (năm cuối)",
			       "Both from_year (the first year) and to_year (the last year) are required");
	if (!year_ok(from_year, max_year, y0))
		return mc_failf(err, MC_EINVAL, "from_year", "Năm đầu (from_year) phải từ 2000 đến %d",
				"The first year (from_year) must be 2000 to %d", max_year);
	if (!year_ok(to_year, max_year, y1))
		return mc_failf(err, MC_EINVAL, "to_year", "Năm cuối (to_year) phải từ 2000 đến %d",
				"The last year (to_year) must be 2000 to %d", max_year);
	if (*y1 < *y0)
		return mc_fail(err, MC_EINVAL, "to_year", "Năm cuối (to_year) không được trước năm đầu (from_year)",
			       "The last year (to_year) must not be before the first year (from_year)");
	if (*y1 - *y0 + 1 > SVC_APPENDIX_MAX_YEARS)
		return mc_failf(err, MC_EINVAL, "to_year", "Tối đa %d năm trong một báo cáo (đã hỏi %d năm)",
				"At most %d years in one report (%d asked)", SVC_APPENDIX_MAX_YEARS, *y1 - *y0 + 1);
	return MC_OK;
}

/* The body of a range export: "values" (one year's) has no place in it;
 * "values_by_year" is {"YYYY": {key: value}} for years of the range. */
static enum mc_err check_range_body(const json_t *body, int y0, int y1, struct mc_error *err)
{
	const json_t *values = json_object_get(body, "values"), *by = json_object_get(body, "values_by_year"), *v;
	const char *k;
	enum mc_err rc;

	if (values && !json_is_null(values) && (!json_is_object(values) || json_object_size(values)))
		return mc_fail(err, MC_EINVAL, "values",
			       "Báo cáo nhiều năm: nhập giá trị theo năm trong values_by_year {\"YYYY\": {khóa: giá trị}}",
			       "A report over several years takes values per year in values_by_year {\"YYYY\": {key: value}}");
	if (!by || json_is_null(by))
		return MC_OK;
	if (!json_is_object(by))
		return mc_fail(err, MC_EINVAL, "values_by_year", "values_by_year phải là {\"YYYY\": {khóa: giá trị}}",
			       "values_by_year must be {\"YYYY\": {key: value}}");
	json_object_foreach((json_t *)by, k, v) {
		int y;

		if (!year_ok(k, y1, &y) || y < y0)
			return mc_failf(err, MC_EINVAL, "values_by_year", "Năm '%s' không thuộc khoảng %d-%d",
					"The year '%s' is not in %d-%d", k, y0, y1);
		if (!json_is_object(v))
			return mc_failf(err, MC_EINVAL, "values_by_year", "values_by_year['%s'] phải là {khóa: giá trị}",
					"values_by_year['%s'] must be {key: value}", k);
		if ((rc = check_values(v, err))) {
			snprintf(err->field, sizeof err->field, "values_by_year");
			return rc;
		}
	}
	return MC_OK;
}

/* "Năm 2020", or "Năm 2020 (tính đến 31/3)" for a year not over at `to`
 * (as the district's report heads its columns). */
static json_t *year_title(int year, const char *to)
{
	int y, m, d;
	int32_t day;
	char t[64];

	if (to && !caldate_parse(to, 0, &day) && day < caldate_from_ymd(year, 12, 31)) {
		caldate_to_ymd(day, &y, &m, &d);
		snprintf(t, sizeof t, "Năm %d (tính đến %d/%d)", year, d, m);
	} else {
		snprintf(t, sizeof t, "Năm %d", year);
	}
	return json_string(t);
}

/* The range's rows: docs[0]'s with "value"/"origin" replaced by "values"
 * and "origins" (one per year, in order); a heading's values are nulls and
 * its origins null. */
static json_t *merge_years(json_t *const *docs, size_t n)
{
	json_t *list = json_array(), *ap, *row;
	size_t a, j;

	json_array_foreach(json_object_get(docs[0], "appendices"), a, ap) {
		json_t *rows = json_array();

		json_array_foreach(json_object_get(ap, "rows"), j, row) {
			json_t *o = json_deep_copy(row), *values = json_array(), *origins = json_array();
			const char *src = json_string_value(json_object_get(row, "source"));
			bool heading = !src || !strcmp(src, "heading");

			json_object_del(o, "value");
			json_object_del(o, "origin");
			for (size_t i = 0; i < n; i++) {
				json_t *api = json_array_get(json_object_get(docs[i], "appendices"), a);
				json_t *ri = json_array_get(json_object_get(api, "rows"), j);
				json_t *v = json_object_get(ri, "value");

				json_array_append(values, v ? v : json_null());
				if (!heading)
					json_array_append(origins, json_object_get(ri, "origin"));
			}
			json_object_set_new(o, "values", values);
			/* a heading has no origin, as in one year's answer (null) */
			if (heading) {
				json_decref(origins);
				origins = json_null();
			}
			json_object_set_new(o, "origins", origins);
			json_array_append_new(rows, o);
		}
		json_array_append_new(list, json_pack("{s:O, s:O, s:O, s:o}", "no", json_object_get(ap, "no"), "key",
						      json_object_get(ap, "key"), "title", json_object_get(ap, "title"),
						      "rows", rows));
	}
	return list;
}

enum mc_err svc_appendices_range(struct store_conn *c, const char *unit_code, int from_year, int to_year,
				 json_t *body, int64_t now, json_t **out, struct mc_error *err)
{
	const json_t *by = json_object_get(body, "values_by_year");
	json_t *docs[SVC_APPENDIX_MAX_YEARS] = {0}, *years = NULL, *notes;
	json_int_t cells[4] = {0};
	static const char *const cell_keys[4] = {"auto", "stored", "request", "missing"};
	struct unit_rec unit;
	size_t n = 0;
	enum mc_err rc;

	*out = NULL;
	if (to_year < from_year || to_year - from_year + 1 > SVC_APPENDIX_MAX_YEARS)
		return mc_failf(err, MC_EINVAL, "to_year", "Tối đa %d năm trong một báo cáo",
				"At most %d years in one report", SVC_APPENDIX_MAX_YEARS);
	if ((rc = check_range_body(body, from_year, to_year, err)) || (rc = load_unit(c, unit_code, &unit, err)))
		return rc;
	years = json_array();
	for (int y = from_year; y <= to_year; y++, n++) {
		json_t *period;
		char key[16];

		snprintf(key, sizeof key, "%d", y);
		if ((rc = year_doc(c, &unit, y, json_object_get(by, key), now, &docs[n], err)))
			goto done;
		period = json_object_get(docs[n], "period");
		for (int k = 0; k < 4; k++)
			cells[k] += json_integer_value(json_object_get(json_object_get(docs[n], "cells"), cell_keys[k]));
		json_array_append_new(years, json_pack("{s:i, s:o, s:O, s:O}", "year", y, "title",
						       year_title(y, json_string_value(json_object_get(period, "to"))),
						       "period", period, "cells", json_object_get(docs[n], "cells")));
	}
	notes = json_deep_copy(json_object_get(docs[0], "notes"));
	json_array_append_new(notes, json_string("Nhiều năm: mỗi năm một cột (values, origins theo thứ tự của years), "
						 "tính như báo cáo của từng năm; giá trị nhập khi xuất theo năm trong "
						 "values_by_year {\"YYYY\": {khóa: giá trị}}."));
	json_array_append_new(notes, json_string("Several years: one column per year (values and origins in the order "
						 "of years), each computed as that year's own report; values for this "
						 "export per year in values_by_year {\"YYYY\": {key: value}}."));
	*out = json_pack("{s:s, s:i, s:i, s:O, s:o, s:{s:I, s:I, s:I, s:I}, s:o, s:o}", "report", "appendices",
			 "from_year", from_year, "to_year", to_year, "unit", json_object_get(docs[0], "unit"), "years",
			 years, "cells", "auto", cells[0], "stored", cells[1], "request", cells[2], "missing", cells[3],
			 "appendices", merge_years(docs, n), "notes", notes);
	years = NULL;
	rc = *out ? MC_OK : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
done:
	json_decref(years);
	for (size_t i = 0; i < n; i++)
		json_decref(docs[i]);
	return rc;
}

enum mc_err svc_appendices_manual_range(struct store_conn *c, const char *unit_code, int from_year, int to_year,
					json_t **out, struct mc_error *err)
{
	struct unit_rec unit;
	json_t *years, *doc = NULL, *v;
	int64_t at;
	enum mc_err rc;

	*out = NULL;
	if (to_year < from_year || to_year - from_year + 1 > SVC_APPENDIX_MAX_YEARS)
		return mc_failf(err, MC_EINVAL, "to_year", "Tối đa %d năm trong một báo cáo",
				"At most %d years in one report", SVC_APPENDIX_MAX_YEARS);
	if ((rc = load_unit(c, unit_code, &unit, err)))
		return rc;
	years = json_array();
	for (int y = from_year; y <= to_year; y++) {
		if ((rc = manual_load(c, &unit, y, &doc, &at, err))) {
			json_decref(years);
			return rc;
		}
		v = manual_view(&unit, y, doc, at);
		json_decref(doc);
		json_object_del(v, "unit");
		json_array_append_new(years, v);
	}
	*out = json_pack("{s:i, s:i, s:{s:s, s:s}, s:o}", "from_year", from_year, "to_year", to_year, "unit", "code",
			 unit.code, "name", unit.name, "years", years);
	return *out ? MC_OK : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
}

const char *svc_appendix_origin_vi(const char *origin)
{
	if (!origin)
		return "";
	return !strcmp(origin, "auto")	   ? "Tự động"
	       : !strcmp(origin, "stored")  ? "Đã lưu"
	       : !strcmp(origin, "request") ? "Nhập tay"
	       : !strcmp(origin, "missing") ? "Chưa có"
					    : "";
}

const char *svc_appendix_row_origin_vi(const json_t *row, char *buf, size_t size)
{
	const json_t *origins = json_object_get(row, "origins"), *o;
	const char *seen[4];
	size_t i, nseen = 0, k = 0;

	if (!json_is_array(origins))
		return svc_appendix_origin_vi(json_string_value(json_object_get(row, "origin")));
	json_array_foreach(origins, i, o) {
		const char *s = json_string_value(o);
		bool dup = false;

		if (!s || !strcmp(s, "missing"))
			continue;
		for (size_t j = 0; j < nseen; j++)
			dup = dup || !strcmp(seen[j], s);
		if (!dup && nseen < 4)
			seen[nseen++] = s;
	}
	if (!nseen)
		return svc_appendix_origin_vi("missing");
	if (size)
		buf[0] = '\0';
	for (i = 0; i < nseen && k < size; i++) {
		int w = snprintf(buf + k, size - k, "%s%s", i ? ", " : "", svc_appendix_origin_vi(seen[i]));

		if (w < 0)
			break;
		k += (size_t)w;
	}
	return buf;
}

enum mc_err svc_appendices_xlsx(json_t *doc, struct buf *out, struct mc_error *err)
{
	json_t *list = json_object_get(doc, "appendices"), *years = json_object_get(doc, "years"), *a, *r;
	bool multi = json_is_array(years);
	size_t ny = multi ? json_array_size(years) : 1;
	struct forms_sheet sheets[NAPPENDICES];
	struct forms_column cols[3 + SVC_APPENDIX_MAX_YEARS];
	json_t *rowsets[NAPPENDICES] = {0};
	char titles[SVC_APPENDIX_MAX_YEARS][64], src[128];
	size_t i, j, n = 0;
	enum mc_err rc;

	if (!ny || ny > SVC_APPENDIX_MAX_YEARS)
		return mc_failf(err, MC_EINVAL, "years", "Tối đa %d năm trong một báo cáo", "At most %d years in one report",
				SVC_APPENDIX_MAX_YEARS);
	cols[0] = (struct forms_column){"STT", 6, FORMS_COL_TEXT};
	cols[1] = (struct forms_column){"Chỉ tiêu", multi ? 70 : 80, FORMS_COL_TEXT};
	for (i = 0; i < ny; i++) {
		if (multi)
			snprintf(titles[i], sizeof titles[i], "%s",
				 json_string_value(json_object_get(json_array_get(years, i), "title")));
		else
			snprintf(titles[i], sizeof titles[i], "Năm %lld",
				 (long long)json_integer_value(json_object_get(doc, "year")));
		cols[2 + i] = (struct forms_column){titles[i], 16, FORMS_COL_NUMBER};
	}
	cols[2 + ny] = (struct forms_column){"Nguồn số liệu", multi ? 18 : 14, FORMS_COL_TEXT};
	json_array_foreach(list, i, a) {
		json_t *rows = json_array();

		if (n >= NAPPENDICES)
			break;
		json_array_foreach(json_object_get(a, "rows"), j, r) {
			json_t *line = json_pack("[O, O]", json_object_get(r, "stt"), json_object_get(r, "label"));

			for (size_t y = 0; y < ny; y++) {
				json_t *v = multi ? json_array_get(json_object_get(r, "values"), y)
						  : json_object_get(r, "value");

				json_array_append(line, v ? v : json_null());
			}
			json_array_append_new(line, json_string(svc_appendix_row_origin_vi(r, src, sizeof src)));
			json_array_append_new(rows, line);
		}
		rowsets[n] = rows;
		sheets[n].name = json_string_value(json_object_get(a, "key"));
		sheets[n].title = json_string_value(json_object_get(a, "title"));
		sheets[n].cols = cols;
		sheets[n].ncols = 3 + ny;
		sheets[n].rows = rows;
		n++;
	}
	rc = forms_xlsx_workbook(sheets, n, out, err);
	for (i = 0; i < n; i++)
		json_decref(rowsets[i]);
	return rc;
}

enum mc_err svc_appendices_pdf(json_t *doc, struct buf *out, struct mc_error *err)
{
	return forms_appendices_pdf(doc, out, err);
}
