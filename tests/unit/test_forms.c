/*
 * test_forms.c - the printable forms (src/forms) checked the way a person
 * would: render realistic dossiers (JSON shaped as docs/API.md answers), then
 * read the PDF back with poppler's pdftotext, decode the QR codes of the
 * rendered page with zbarimg, count pages with pdfinfo, open the .xlsx with
 * unzip.  The first page of each form is kept as a PNG under
 * test-artifacts/forms/ (or $FORMS_ARTIFACTS) for a person to look at.
 * Tests that need poppler-utils or zbar-tools skip when they are missing.
 */
#include "testutil.h"

#include "forms/forms_build.h"

#if !FORMS_ENABLED
#include <stdio.h>

int main(void)
{
	/* built without the pango/cairo/qrencode/xlsxwriter flags: see forms_build.h */
	fprintf(stderr, "[  SKIPPED ] test_forms: src/forms not built (pangocairo, libqrencode, xlsxwriter flags missing)\n");
	return 0;
}
#else

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "forms/forms.h"

#define LOOKUP "http://127.0.0.1:8080/tra-cuu/"
#define CODE "000.00.27.H21-260302-0001"
#define VIETQR                                                                                                  \
	"00020101021238560010A0000007270126000697041501121133666688880208QRIBFTTA530370454061000005802VN62360832LE " \
	"PHI 000.00.27.H21-260302-000163047CFC"

static char TMP[256];

static const struct forms_context CTX = {
	.parent_unit = "UBND huyện Đak Pơ",
	.unit = "Bộ phận Một cửa",
	.place = "Đak Pơ",
	.lookup_base_url = LOOKUP,
	.officer_name = "Nguyễn Thị Mai",
	.officer_phone = "0269 3838 123",
	.head_name = "Huỳnh Ngọc Sơn",
};

/* ---- helpers ------------------------------------------------------------------ */

static bool have(const char *tool)
{
	char cmd[2048];

	snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", tool);
	return system(cmd) == 0;
}

#define NEED(tool)                                                                  \
	do {                                                                        \
		if (!have(tool)) {                                                  \
			fprintf(stderr, "skip: %s not installed (poppler-utils, zbar-tools)\n", tool); \
			skip();                                                     \
		}                                                                   \
	} while (0)

/* JSON written with single quotes (readable in C), loaded as JSON. */
static json_t *J(const char *s)
{
	char *t = strdup(s);
	json_error_t e;
	json_t *j;

	for (char *p = t; *p; p++)
		if (*p == '\'')
			*p = '"';
	j = json_loads(t, 0, &e);
	if (!j)
		fprintf(stderr, "fixture JSON: %s at line %d col %d\n", e.text, e.line, e.column);
	free(t);
	assert_non_null(j);
	return j;
}

static void write_file(const char *path, const struct buf *b)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(b->data, 1, b->len, f), b->len);
	fclose(f);
}

/* The whole output of a shell command (malloc'd). */
static char *run(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	struct buf b;
	char chunk[4096];
	size_t n;

	assert_non_null(p);
	buf_init(&b, 64u << 20);
	while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
		assert_int_equal(buf_append(&b, chunk, n), MC_OK);
	pclose(p);
	return buf_detach(&b, NULL) ?: strdup("");
}

static char *pdf_text(const char *pdf, int page)
{
	char cmd[2048];

	if (page > 0)
		snprintf(cmd, sizeof cmd, "pdftotext -layout -f %d -l %d '%s' - 2>/dev/null", page, page, pdf);
	else
		snprintf(cmd, sizeof cmd, "pdftotext -layout '%s' - 2>/dev/null", pdf);
	return run(cmd);
}

static int pdf_pages(const char *pdf)
{
	char cmd[2048], *out, *p;
	int n = -1;

	snprintf(cmd, sizeof cmd, "pdfinfo '%s' 2>/dev/null", pdf);
	out = run(cmd);
	p = strstr(out, "Pages:");
	if (p)
		n = atoi(p + 6);
	free(out);
	return n;
}

static const char *artifacts(void)
{
	const char *d = getenv("FORMS_ARTIFACTS");

	if (!d || !*d) {
		mkdir("test-artifacts", 0755);
		d = "test-artifacts/forms";
	}
	mkdir(d, 0755);
	return d;
}

/* Render page `page` of the PDF to PNG (kept as an artifact); returns its path. */
static void to_png(const char *pdf, int page, const char *name, char *png, size_t n)
{
	char cmd[2048], stem[600];

	snprintf(stem, sizeof stem, "%s/%s", artifacts(), name);
	snprintf(cmd, sizeof cmd, "pdftoppm -r 150 -png -singlefile -f %d -l %d '%s' '%s'", page, page, pdf, stem);
	assert_int_equal(system(cmd), 0);
	snprintf(png, n, "%s.png", stem);
}

/* Whitespace runs (spaces, line ends, form feeds, no-break spaces) as one
 * space: pdftotext's columns and a line wrapped in a paragraph do not matter. */
static char *squash(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;
	bool space = false;

	assert_non_null(out);
	while (*s) {
		size_t n = 0;

		if (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t' || *s == '\f')
			n = 1;
		else if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
			n = 2;
		if (n) {
			space = true;
			s += n;
			continue;
		}
		if (space && o != out)
			*o++ = ' ';
		space = false;
		*o++ = *s++;
	}
	*o = '\0';
	return out;
}

static void must_have(const char *text, const char *want)
{
	char *t = squash(text), *w = squash(want);
	bool ok = strstr(t, w) != NULL;

	free(t);
	free(w);
	if (!ok) {
		fprintf(stderr, "missing in the text: \"%s\"\n---\n%s\n---\n", want, text);
		fail();
	}
}

/* Render with fn into a file TMP/name.pdf; returns the text of all pages. */
typedef enum mc_err (*form_fn)(const json_t *, const struct forms_context *, struct buf *, struct mc_error *);

static char *render(form_fn fn, const json_t *in, const struct forms_context *ctx, const char *name, char *pdf,
		    size_t n)
{
	struct buf b;
	struct mc_error e = {0};
	char png[700];

	buf_init(&b, 16u << 20);
	if (fn(in, ctx, &b, &e) != MC_OK) {
		fprintf(stderr, "render %s: %s / %s\n", name, e.msg_vi, e.msg_en);
		fail();
	}
	assert_true(b.len > 1000);
	assert_memory_equal(b.data, "%PDF-", 5);
	snprintf(pdf, n, "%s/%s.pdf", artifacts(), name); /* kept beside the PNG */
	write_file(pdf, &b);
	buf_release(&b);
	to_png(pdf, 1, name, png, sizeof png);
	return pdf_text(pdf, 0);
}

/* ---- fixtures: the JSON of GET /api/v1/dossiers/{code} ---------------------------- */

static const char *BASE =
	"{'code':'" CODE "','version':3,"
	"'procedure':{'code':'1.001612','name':'Đăng ký thành lập hộ kinh doanh','version':1,"
	" 'time_limit':{'days':3},'time_limit_text':'03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ',"
	" 'supplement_policy':'restart','steps':[{'index':0,'name':'Tiếp nhận, kiểm tra, số hóa, chuyển hồ sơ',"
	" 'unit':'$desk','role':'desk_officer','hours':2.0}]},"
	"'channel':'direct','state':'processing','state_vi':'Đang giải quyết','state_en':'Processing','step':null,"
	"'assignee_id':6,"
	"'receiving_unit':{'code':'dakpo','name':'UBND huyện Đak Pơ','name_en':'Đak Pơ District People’s Committee'},"
	"'desk_unit':{'code':'dakpo.motcua','name':'Bộ phận Một cửa huyện Đak Pơ','name_en':'Đak Pơ one-stop desk'},"
	"'resolving_unit':{'code':'dakpo.tckh','name':'Phòng Tài chính - Kế hoạch','name_en':'Finance and Planning'},"
	"'applicant':{'kind':'individual','name':'Nguyễn Văn Bình','id_number':'064090001111','phone':'0912000111',"
	" 'email':'binh.nguyen@example.vn','address':'Thôn 1, xã An Thành, huyện Đak Pơ, tỉnh Gia Lai'},"
	"'documents':[{'index':0,'name':'Giấy đề nghị đăng ký hộ kinh doanh','form':'original','count':1},"
	" {'index':1,'name':'Bản sao giấy tờ pháp lý của cá nhân đối với các thành viên hộ gia đình đăng ký hộ kinh "
	"doanh','form':'copy','count':2}],"
	"'missing':[],'delivery':{'method':'desk'},"
	"'fees':[{'amount':100000,'kind':'le_phi','name':'Lệ phí đăng ký hộ kinh doanh','note':'Nghị quyết HĐND tỉnh'}],"
	"'fee_total':100000,"
	"'received_at':'2026-03-02T08:15:00+07:00','legal_due':'2026-03-05T16:00:00+07:00',"
	"'appointment':'2026-03-05T16:00:00+07:00','finished_at':null,'returned_at':null,"
	"'status':{'name':'within','vi':'Trong hạn','en':'Within time'},'supplement_count':0,'apology_count':0,"
	"'needs_apology':false,"
	"'receipt_number':'125/TNHS','tracking_book':{'volume':'01','line':'125'},"
	"'events':[{'note':'','new_appointment':'2026-03-05T16:00:00+07:00','seq':1,'kind':'intake',"
	" 'label_vi':'Tiếp nhận hồ sơ','label_en':'Received','at':'2026-03-02T08:15:00+07:00','actor_id':2,"
	" 'unit_id':4,'step':0},"
	" {'note':'Chuyển Phòng TC-KH','seq':2,'kind':'forward','label_vi':'Chuyển bước tiếp theo',"
	" 'label_en':'Forwarded','at':'2026-03-02T09:40:00+07:00','actor_id':2,'unit_id':4,'step':1}]}";

static json_t *dossier(void)
{
	return J(BASE);
}

/* The base dossier with more events (single-quoted JSON objects) and fields. */
static json_t *with_events(const char *events, const char *fields)
{
	json_t *d = dossier(), *more = J(events), *f = fields ? J(fields) : NULL;

	assert_int_equal(json_array_extend(json_object_get(d, "events"), more), 0);
	if (f)
		assert_int_equal(json_object_update(d, f), 0);
	json_decref(more);
	json_decref(f);
	return d;
}

/* ---- 01 receipt ------------------------------------------------------------------- */

static void test_receipt_text(void **state)
{
	json_t *d = dossier();
	char pdf[512], *t;

	(void)state;
	NEED("pdftotext");
	t = render(forms_receipt, d, &CTX, "01-giay-tiep-nhan", pdf, sizeof pdf);
	must_have(t, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ");
	must_have(t, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	must_have(t, "Độc lập - Tự do - Hạnh phúc");
	must_have(t, "UBND HUYỆN ĐAK PƠ");
	must_have(t, "BỘ PHẬN MỘT CỬA");
	must_have(t, "Mẫu số 01");
	must_have(t, "Số: 125/TNHS");
	must_have(t, "Đak Pơ, ngày 02 tháng 03 năm 2026");
	must_have(t, CODE);
	must_have(t, "Nguyễn Văn Bình");
	must_have(t, "064090001111");
	must_have(t, "binh.nguyen@example.vn");
	must_have(t, "Đăng ký thành lập hộ kinh doanh");
	must_have(t, "Giấy đề nghị đăng ký hộ kinh doanh (Bản chính: 01)");
	must_have(t, "Bản sao: 02");
	must_have(t, "2. Số lượng hồ sơ: 01 bộ");
	must_have(t, "03 ngày làm việc");
	must_have(t, "08 giờ 15 phút, ngày 02/03/2026");
	must_have(t, "16 giờ 00 phút, ngày 05/03/2026");
	must_have(t, "Bộ phận Một cửa huyện Đak Pơ");
	must_have(t, "100.000 đồng");
	must_have(t, "Quyển số: 01, Số thứ tự: 125");
	must_have(t, "NGƯỜI NỘP HỒ SƠ");
	must_have(t, "NGƯỜI TIẾP NHẬN HỒ SƠ");
	must_have(t, "Nguyễn Thị Mai");
	assert_int_equal(pdf_pages(pdf), 1);
	{
		char cmd[2048], *info;

		snprintf(cmd, sizeof cmd, "pdfinfo '%s'", pdf);
		info = run(cmd);
		must_have(info, "Page size: 419.53 x 595.28 pts");
		free(info);
	}
	free(t);
	json_decref(d);
}

static char *decode_qr(const char *pdf, const char *name)
{
	char png[700], cmd[2048];

	to_png(pdf, 1, name, png, sizeof png);
	snprintf(cmd, sizeof cmd, "zbarimg --raw -q '%s' 2>/dev/null", png);
	return run(cmd);
}

static void test_receipt_qr_is_lookup_url(void **state)
{
	json_t *d = dossier();
	char pdf[512], *t, *qr;

	(void)state;
	NEED("pdftoppm");
	NEED("zbarimg");
	t = render(forms_receipt, d, &CTX, "01-giay-tiep-nhan", pdf, sizeof pdf);
	qr = decode_qr(pdf, "01-giay-tiep-nhan");
	assert_string_equal(qr, LOOKUP CODE "\n");
	free(qr);
	free(t);
	json_decref(d);
}

static void test_receipt_with_fee_qr(void **state)
{
	json_t *d = dossier();
	struct forms_context c = CTX;
	char pdf[512], *t, *qr;

	(void)state;
	NEED("pdftotext");
	NEED("zbarimg");
	c.vietqr_payload = VIETQR;
	t = render(forms_receipt, d, &c, "01-giay-tiep-nhan-vietqr", pdf, sizeof pdf);
	must_have(t, "VietQR: 100.000 đ");
	qr = decode_qr(pdf, "01-giay-tiep-nhan-vietqr");
	must_have(qr, LOOKUP CODE "\n");
	must_have(qr, VIETQR "\n");
	assert_int_equal(pdf_pages(pdf), 1);
	free(qr);
	free(t);
	json_decref(d);
}

static void test_receipt_postal_and_authorised(void **state)
{
	json_t *d = dossier();
	char pdf[512], *t;

	(void)state;
	NEED("pdftotext");
	json_object_set_new(d, "delivery", J("{'method':'post','address':'Tổ dân phố 3, thị trấn Đak Pơ'}"));
	json_object_set_new(json_object_get(d, "applicant"), "authorized_person",
			    json_string("Trần Thị Ánh Tuyết (giấy ủy quyền số 12/UQ)"));
	json_object_del(d, "receipt_number");
	json_object_del(d, "tracking_book");
	t = render(forms_receipt, d, &CTX, "01-giay-tiep-nhan-buu-chinh", pdf, sizeof pdf);
	must_have(t, "Qua dịch vụ bưu chính công ích");
	must_have(t, "6. Đăng ký nhận kết quả tại: Qua dịch vụ bưu chính công ích, địa chỉ: Tổ dân phố 3, thị trấn Đak Pơ");
	must_have(t, "Người được ủy quyền: Trần Thị Ánh Tuyết");
	must_have(t, "Quyển số: ……, Số thứ tự: ……");
	free(t);
	json_decref(d);
}

static void test_receipt_is_deterministic(void **state)
{
	json_t *d = dossier();
	struct buf a, b;
	struct mc_error e;

	(void)state;
	buf_init(&a, 4u << 20);
	buf_init(&b, 4u << 20);
	assert_int_equal(forms_receipt(d, &CTX, &a, &e), MC_OK);
	assert_int_equal(forms_receipt(d, &CTX, &b, &e), MC_OK);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	assert_non_null(memmem(a.data, a.len, "/CreationDate (20260302081500+07'00)", 36)); /* the received time, not "now" */
	buf_release(&a);
	buf_release(&b);
	json_decref(d);
}

static void test_receipt_refusals(void **state)
{
	json_t *d = dossier();
	struct forms_context c = CTX;
	struct buf b;
	struct mc_error e;

	(void)state;
	buf_init(&b, 4u << 20);
	/* no lookup URL: no QR code, no receipt */
	c.lookup_base_url = NULL;
	assert_int_equal(forms_receipt(d, &c, &b, &e), MC_EINVAL);
	assert_string_equal(e.field, "lookup_base_url");
	/* a cap too small for the document: nothing half-written */
	buf_release(&b);
	buf_init(&b, 2000);
	assert_int_equal(forms_receipt(d, &CTX, &b, &e), MC_ETOOBIG);
	assert_int_equal(b.len, 0);
	buf_release(&b);
	/* not received (guided at the desk): no receipt */
	buf_init(&b, 4u << 20);
	json_object_set_new(d, "received_at", json_null());
	assert_int_equal(forms_receipt(d, &CTX, &b, &e), MC_ECONFLICT);
	assert_int_equal(b.len, 0);
	assert_int_equal(forms_receipt(NULL, &CTX, &b, &e), MC_EINVAL);
	assert_int_equal(forms_receipt(json_object_get(d, "documents"), &CTX, &b, &e), MC_EINVAL);
	/* every form refuses a dossier without the event it needs */
	assert_int_equal(forms_supplement_request(d, &CTX, &b, &e), MC_ECONFLICT);
	assert_int_equal(forms_refusal(d, &CTX, &b, &e), MC_ECONFLICT);
	assert_int_equal(forms_apology(d, &CTX, &b, &e), MC_ECONFLICT);
	assert_int_equal(forms_stop_notice(d, &CTX, &b, &e), MC_ECONFLICT);
	assert_int_equal(forms_control_slip(d, &CTX, &b, &e), MC_EINVAL);
	assert_int_equal(forms_tracking_book(d, &CTX, &b, &e), MC_EINVAL);
	assert_int_equal(b.len, 0);
	buf_release(&b);
	json_decref(d);
}

/* ---- 02 supplement request --------------------------------------------------------- */

static void test_supplement_request(void **state)
{
	json_t *d = with_events(
		"[{'seq':3,'kind':'take','label_vi':'Nhận xử lý','at':'2026-03-02T10:05:00+07:00','actor_id':6,"
		"  'unit_id':7,'step':1},"
		" {'reason':'Hồ sơ chưa đủ thông tin về ngành, nghề kinh doanh','items':["
		"  'Bản sao Căn cước của chủ hộ kinh doanh (còn hiệu lực)',"
		"  'Giấy đề nghị ghi rõ ngành, nghề kinh doanh theo mã ngành cấp 4',"
		"  'ỔN ĐỊNH ĐỊA ĐIỂM KINH DOANH: BẢN SAO HỢP ĐỒNG THUÊ NHÀ CÓ CHỨNG THỰC'],"
		"  'seq':4,'kind':'request_supplement','label_vi':'Yêu cầu bổ sung hồ sơ',"
		"  'at':'2026-03-03T14:20:00+07:00','actor_id':6,'unit_id':7,'step':1}]",
		"{'state':'waiting_supplement','supplement_count':1}");
	char pdf[512], *t;

	(void)state;
	NEED("pdftotext");
	t = render(forms_supplement_request, d, &CTX, "02-phieu-yeu-cau-bo-sung", pdf, sizeof pdf);
	must_have(t, "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ");
	must_have(t, "Mẫu số 02");
	must_have(t, CODE);
	must_have(t, "Hồ sơ của: Nguyễn Văn Bình");
	must_have(t, "Đak Pơ, ngày 03 tháng 03 năm 2026");
	must_have(t, "1. Bản sao Căn cước của chủ hộ kinh doanh (còn hiệu lực)");
	must_have(t, "2. Giấy đề nghị ghi rõ ngành, nghề kinh doanh theo mã ngành cấp 4");
	must_have(t, "3. ỔN ĐỊNH ĐỊA ĐIỂM KINH DOANH");
	must_have(t, "Lý do: Hồ sơ chưa đủ thông tin về ngành, nghề kinh doanh");
	must_have(t, "0269 3838 123");
	must_have(t, "NGƯỜI HƯỚNG DẪN");
	assert_int_equal(pdf_pages(pdf), 1);
	free(t);
	json_decref(d);
}

static void test_supplement_from_guidance(void **state)
{
	json_t *d = J("{'code':'000.00.27.H21-260302-0002','state':'guided','received_at':null,"
		      "'procedure':{'code':'1.001612','name':'Đăng ký thành lập hộ kinh doanh'},"
		      "'desk_unit':{'code':'dakpo.motcua','name':'Bộ phận Một cửa huyện Đak Pơ'},"
		      "'applicant':{'kind':'individual','name':'Trần Thị Ánh Tuyết','id_number':'064190002222',"
		      " 'phone':'0905111222','email':'','address':'Thôn Tân Phong, xã Tân An'},"
		      "'missing':['Bản sao giấy tờ pháp lý của cá nhân'],"
		      "'events':[{'items':['Bản sao giấy tờ pháp lý của cá nhân','Ảnh chân dung 4x6'],'seq':1,"
		      " 'kind':'guide','at':'2026-03-02T10:30:00+07:00','actor_id':2,'unit_id':4,'step':0}]}");
	char pdf[512], *t;

	(void)state;
	NEED("pdftotext");
	t = render(forms_supplement_request, d, &CTX, "02-phieu-huong-dan", pdf, sizeof pdf);
	must_have(t, "Trần Thị Ánh Tuyết");
	must_have(t, "1. Bản sao giấy tờ pháp lý của cá nhân");
	must_have(t, "2. Ảnh chân dung 4x6");
	free(t);
	json_decref(d);
}

/* ---- 03 refusal ------------------------------------------------------------------ */

static void test_refusal(void **state)
{
	json_t *d = J("{'code':'000.00.27.H21-260302-0003','state':'refused','received_at':null,"
		      "'procedure':{'code':'1.001612','name':'Đăng ký thành lập hộ kinh doanh'},"
		      "'receiving_unit':{'code':'dakpo','name':'UBND huyện Đak Pơ'},"
		      "'desk_unit':{'code':'dakpo.motcua','name':'Bộ phận Một cửa huyện Đak Pơ'},"
		      "'applicant':{'kind':'individual','name':'Lê Quốc Hưng','id_number':'064090003333',"
		      " 'phone':'0935333444','email':'','address':'Tổ dân phố 3, thị trấn Đak Pơ'},"
		      "'reason':'Thủ tục không thuộc thẩm quyền giải quyết của UBND huyện',"
		      "'events':[{'reason':'Thủ tục không thuộc thẩm quyền giải quyết của UBND huyện','seq':1,"
		      " 'kind':'refuse','at':'2026-03-02T09:05:00+07:00','actor_id':2,'unit_id':4,'step':0}]}");
	char pdf[512], *t;

	(void)state;
	NEED("pdftotext");
	t = render(forms_refusal, d, &CTX, "03-phieu-tu-choi", pdf, sizeof pdf);
	must_have(t, "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ");
	must_have(t, "Mẫu số 03");
	must_have(t, "000.00.27.H21-260302-0003");
	must_have(t, "Lê Quốc Hưng");
	must_have(t, "Thủ tục không thuộc thẩm quyền giải quyết của UBND huyện");
	must_have(t, "NGƯỜI NỘP HỒ SƠ");
	must_have(t, "NGƯỜI TIẾP NHẬN HỒ SƠ");
	free(t);
	json_decref(d);
}

/* ---- 04 apology -------------------------------------------------------------------- */

static void test_apology(void **state)
{
	json_t *d = with_events(
		"[{'reason':'Cần xác minh thông tin ngành, nghề kinh doanh với cơ quan thuế',"
		"  'new_appointment':'2026-03-12T16:00:00+07:00','seq':3,'kind':'apologize',"
		"  'at':'2026-03-04T10:00:00+07:00','actor_id':7,'unit_id':7,'step':1}]",
		"{'appointment':'2026-03-12T16:00:00+07:00','apology_count':1}");
	char pdf[512], *t;

	(void)state;
	NEED("pdftotext");
	t = render(forms_apology, d, &CTX, "04-phieu-xin-loi", pdf, sizeof pdf);
	must_have(t, "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ");
	must_have(t, "Mẫu số 04");
	must_have(t, "Kính gửi: Ông (Bà) Nguyễn Văn Bình");
	must_have(t, "Ngày 02 tháng 03 năm 2026");
	must_have(t, "16 giờ 00 phút, ngày 05/03/2026"); /* the promise broken */
	must_have(t, "16 giờ 00 phút, ngày 12/03/2026"); /* the new one */
	must_have(t, "cơ quan thuế");
	must_have(t, "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ");
	must_have(t, "Huỳnh Ngọc Sơn");
	must_have(t, "Đak Pơ, ngày 04 tháng 03 năm 2026");
	assert_int_equal(pdf_pages(pdf), 1);
	free(t);
	json_decref(d);
}

/* ---- stop notice ------------------------------------------------------------------- */

static void test_stop_notice(void **state)
{
	json_t *d = with_events("[{'reason':'Người nộp hồ sơ đề nghị dừng giải quyết để điều chỉnh nội dung đăng ký',"
				"  'seq':3,'kind':'stop','at':'2026-03-03T09:30:00+07:00','actor_id':2,'unit_id':4,"
				"  'step':1}]",
				"{'state':'stopped','state_vi':'Dừng giải quyết'}");
	char pdf[512], *t;

	(void)state;
	NEED("pdftotext");
	t = render(forms_stop_notice, d, &CTX, "thong-bao-dung-giai-quyet", pdf, sizeof pdf);
	must_have(t, "THÔNG BÁO");
	must_have(t, "Về việc dừng giải quyết hồ sơ " CODE);
	must_have(t, "Nguyễn Văn Bình");
	must_have(t, "điều chỉnh nội dung đăng ký");
	must_have(t, "09 giờ 30 phút, ngày 03/03/2026");
	must_have(t, "Đak Pơ, ngày 03 tháng 03 năm 2026");
	assert_int_equal(pdf_pages(pdf), 1);
	free(t);
	json_decref(d);
}

/* ---- 05 control slip -------------------------------------------------------------- */

static const char *NAMES[] = {"Nguyễn Thị Mai", "Đặng Thị Hòa", "Huỳnh Ngọc Sơn", "Võ Minh Đức", "Phạm Thị Lan",
			      "Rơ Mah Nam"};

static json_t *slip(int nrows)
{
	json_t *s = J("{'code':'" CODE "','procedure':'Đăng ký thành lập hộ kinh doanh',"
		      "'receiving_unit':'UBND huyện Đak Pơ','resolving_unit':'Phòng Tài chính - Kế hoạch',"
		      "'received_at':'2026-03-02T08:15:00+07:00','legal_due':'2026-03-05T16:00:00+07:00',"
		      "'appointment':'2026-03-05T16:00:00+07:00','applicant':'Nguyễn Văn Bình','rows':[]}");
	json_t *rows = json_object_get(s, "rows");
	static const char *units[] = {"Bộ phận Một cửa huyện Đak Pơ", "Phòng Tài chính - Kế hoạch", "Phòng Tư pháp",
				      "Chi cục Thuế khu vực Đak Pơ - Kông Chro"};
	static const char *status[][2] = {{"early", "Trước hạn"}, {"on_time", "Đúng hạn"}, {"late", "Quá hạn"}};

	for (int i = 0; i < nrows; i++) {
		char given[40], taken[40], due[40], done[40];
		int day = 2 + i / 8, h = 8 + i % 8;

		snprintf(given, sizeof given, "2026-03-%02dT%02d:05:00+07:00", day, h);
		snprintf(taken, sizeof taken, "2026-03-%02dT%02d:20:00+07:00", day, h);
		snprintf(due, sizeof due, "2026-03-%02dT%02d:00:00+07:00", day + 1, h);
		snprintf(done, sizeof done, "2026-03-%02dT%02d:55:00+07:00", day, h);
		json_array_append_new(
			rows, json_pack("{s:i, s:s, s:{s:s, s:s}, s:s, s:o, s:s, s:{s:i, s:s}, s:s, s:s, s:s, s:i, s:s,"
					" s:s, s:{s:s, s:s}, s:s}",
					"step", i % 5, "step_name",
					i % 2 ? "Xem xét tính hợp lệ của hồ sơ, nhập dữ liệu vào Hệ thống thông tin quốc gia"
					      : "Xem xét, ký kết quả",
					"unit", "code", "u", "name", units[i % 4], "role", "specialist", "given_by",
					i ? json_pack("{s:i, s:s}", "id", 2, "name", NAMES[i % 6]) : json_null(), "given_at",
					given, "received_by", "id", 6, "name", NAMES[(i + 1) % 6], "taken_at", taken, "due",
					due, "done_at", done, "waited_minutes", 15, "end", "forwarded", "end_vi",
					"Chuyển bước tiếp theo", "status", "name", status[i % 3][0], "vi", status[i % 3][1],
					"note", i % 7 == 3 ? "Trả lại để bổ sung chữ ký của chủ hộ, đóng dấu giáp lai" : ""));
	}
	return s;
}

static void test_control_slip_pages(void **state)
{
	json_t *s = slip(60);
	char pdf[512], *t, png[700];
	int pages;

	(void)state;
	NEED("pdftotext");
	t = render(forms_control_slip, s, &CTX, "05-phieu-kiem-soat", pdf, sizeof pdf);
	must_have(t, "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ");
	must_have(t, "Mẫu số 05");
	must_have(t, CODE);
	must_have(t, "Hồ sơ của: Nguyễn Văn Bình");
	must_have(t, "Cơ quan, đơn vị chủ trì giải quyết: Phòng Tài chính - Kế hoạch");
	must_have(t, "Phòng Tư pháp; Chi cục Thuế khu vực Đak Pơ - Kông Chro"); /* coordinating, derived */
	must_have(t, "16 giờ 00 phút, ngày 05/03/2026");
	must_have(t, "Trước hạn");
	must_have(t, "Quá hạn");
	must_have(t, "Rơ Mah Nam");
	free(t);
	pages = pdf_pages(pdf);
	assert_true(pages >= 2);
	for (int p = 1; p <= pages; p++) {
		char want[32];

		t = pdf_text(pdf, p);
		must_have(t, "Cơ quan, đơn vị / bước xử lý");
		must_have(t, "Giao hồ sơ");
		must_have(t, "Nhận hồ sơ");
		snprintf(want, sizeof want, "Trang %d/%d", p, pages);
		must_have(t, want);
		if (p > 1)
			must_have(t, "(tiếp theo)");
		free(t);
	}
	/* the 60th hand-off is on the last page */
	t = pdf_text(pdf, pages);
	must_have(t, "60");
	free(t);
	to_png(pdf, 2, "05-phieu-kiem-soat-trang-2", png, sizeof png);
	json_decref(s);
}

/* ---- 06 tracking book, and its exports ------------------------------------------------ */

static json_t *book(int n)
{
	static const char *family[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Rơ Mah"};
	static const char *middle[] = {"Văn", "Thị", "Ngọc", "Minh", "Quốc", "Thị Ánh"};
	static const char *given[] = {"Bình", "Hưng", "Tuyết", "Dũng", "Hằng", "Ổn", "Ẩn", "Yến", "Đức", "Nhung", "Hồng"};
	static const char *procs[] = {"Đăng ký thành lập hộ kinh doanh",
				      "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm "
				      "quyền của Việt Nam cấp hoặc chứng nhận",
				      "Cấp bản sao trích lục hộ tịch",
				      "Khai báo hoạt động cơ sở dịch vụ photocopy"};
	json_t *b = J("{'total':0,'dossiers':[],'unit':'dakpo.motcua','unit_name':'Bộ phận Một cửa huyện Đak Pơ',"
		      "'from':'2026-03-01','to':'2026-03-31'}");
	json_t *rows = json_object_get(b, "dossiers");

	for (int i = 0; i < n; i++) {
		char code[40], name[80], rec[40], app[40], ret[40], addr[80];
		int day = 2 + (i / 10) % 27;

		snprintf(code, sizeof code, "000.00.27.H21-2603%02d-%04d", day, i % 10 + 1);
		snprintf(name, sizeof name, "%s %s %s", family[i % 10], middle[i % 6], given[i % 11]);
		snprintf(rec, sizeof rec, "2026-03-%02dT%02d:%02d:00+07:00", day, 7 + i % 9, (i * 7) % 60);
		snprintf(app, sizeof app, "2026-03-%02dT16:00:00+07:00", day + 3 > 31 ? 31 : day + 3);
		snprintf(ret, sizeof ret, "2026-03-%02dT10:30:00+07:00", day + 2 > 31 ? 31 : day + 2);
		snprintf(addr, sizeof addr, "Thôn %d, xã Yang Bắc", i % 9 + 1);
		json_array_append_new(
			rows, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:s, s:I, s:s, s:s, s:s?, s:o,"
					" s:{s:s, s:s, s:s}, s:i, s:i, s:i, s:s, s:s, s:s, s:s?}",
					"code", code, "procedure_code", "1.001612", "procedure_name", procs[i % 4],
					"applicant_name", name, "state", i % 3 ? "returned" : "processing", "channel",
					"direct", "step", 1, "step_role", "specialist",
					"assignee_id", (json_int_t)6, "received_at", rec, "appointment", app, "returned_at",
					i % 3 ? ret : NULL, "legal_due", json_string(app), "status", "name", "within", "vi",
					"Trong hạn", "en", "Within time", "supplement_count", 0, "apology_count", 0,
					"version", 3, "applicant_address", addr, "applicant_phone", "0912 000 111",
					"resolving_unit_name", "Phòng Tài chính - Kế hoạch", "return_method",
					i % 3 ? (i % 2 ? "desk" : "post") : NULL));
	}
	json_object_set_new(b, "total", json_integer(n));
	return b;
}

static void test_tracking_book(void **state)
{
	json_t *b = book(150);
	char pdf[512], *t;
	int pages;
	struct forms_context c = CTX;

	(void)state;
	NEED("pdftotext");
	c.issued_at = "2026-04-01T08:00:00+07:00";
	t = render(forms_tracking_book, b, &c, "06-so-theo-doi", pdf, sizeof pdf);
	must_have(t, "SỔ THEO DÕI HỒ SƠ");
	must_have(t, "Mẫu số 06");
	must_have(t, "từ ngày 01/03/2026 đến ngày 31/03/2026 (150 hồ sơ)");
	must_have(t, "000.00.27.H21-260302-0001");
	must_have(t, "Nguyễn Văn Bình");
	must_have(t, "Bùi Thị Ánh Ẩn");
	must_have(t, "Bưu chính");
	must_have(t, "Đak Pơ, ngày 01 tháng 04 năm 2026");
	free(t);
	pages = pdf_pages(pdf);
	assert_true(pages >= 3);
	{
		char cmd[2048], *info;

		snprintf(cmd, sizeof cmd, "pdfinfo '%s'", pdf);
		info = run(cmd);
		must_have(info, "Page size: 841.89 x 595.28 pts"); /* A4 landscape */
		free(info);
	}
	for (int p = 1; p <= pages; p++) {
		char want[32];

		t = pdf_text(pdf, p);
		must_have(t, "Mã hồ sơ");
		must_have(t, "Tên thủ tục hành chính");
		snprintf(want, sizeof want, "Trang %d/%d", p, pages);
		must_have(t, want);
		free(t);
	}
	t = pdf_text(pdf, pages);
	must_have(t, "150");
	free(t);
	json_decref(b);
}

static void test_xlsx_export(void **state)
{
	json_t *b = book(40), *rows = NULL;
	struct buf x;
	struct mc_error e;
	char path[512], cmd[2048], *ss, *sheet, *ls;
	char tmpdir[300];

	(void)state;
	NEED("unzip");
	/* libxlsxwriter's scratch folder must be gone afterwards */
	snprintf(tmpdir, sizeof tmpdir, "%s/xlsx-tmp", TMP);
	mkdir(tmpdir, 0700);
	setenv("TMPDIR", tmpdir, 1);
	assert_int_equal(forms_tracking_book_rows(b, &rows, &e), MC_OK);
	assert_int_equal(json_array_size(rows), 40);
	buf_init(&x, 8u << 20);
	assert_int_equal(forms_xlsx_table("Sổ theo dõi hồ sơ - Bộ phận Một cửa huyện Đak Pơ - tháng 03/2026",
					  forms_tracking_book_columns, forms_tracking_book_ncolumns, rows, &x, &e),
			 MC_OK);
	unsetenv("TMPDIR");
	assert_memory_equal(x.data, "PK\x03\x04", 4);
	snprintf(path, sizeof path, "%s/so-theo-doi.xlsx", TMP);
	write_file(path, &x);
	snprintf(cmd, sizeof cmd, "cp '%s' '%s/06-so-theo-doi.xlsx'", path, artifacts());
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof cmd, "unzip -p '%s' xl/sharedStrings.xml", path);
	ss = run(cmd);
	must_have(ss, "Sổ theo dõi hồ sơ - Bộ phận Một cửa huyện Đak Pơ - tháng 03/2026");
	must_have(ss, "Tên thủ tục hành chính");
	must_have(ss, "000.00.27.H21-260302-0001");
	must_have(ss, "Nguyễn Văn Bình");
	must_have(ss, "Bùi Thị Ánh Ẩn");
	must_have(ss, "Chứng thực bản sao từ bản chính giấy tờ");
	must_have(ss, "Thôn 1, xã Yang Bắc; 0912 000 111");
	must_have(ss, "Bưu chính");
	snprintf(cmd, sizeof cmd, "unzip -p '%s' xl/worksheets/sheet1.xml", path);
	sheet = run(cmd);
	/* the first row: No. 1 as a number, received 02/03/2026 07:00 as a date serial */
	must_have(sheet, "<c r=\"A4\"><v>1</v></c>");
	must_have(sheet, "<c r=\"G4\" s=\"3\"><v>46083.2916666");  /* 02/03/2026 07:00 */
	must_have(sheet, "<c r=\"H4\" s=\"3\"><v>46086.6666666");  /* 05/03/2026 16:00 */
	assert_null(strstr(sheet, "<c r=\"I4\""));                   /* not returned: empty */
	must_have(sheet, "<pane ySplit=\"3\"");
	must_have(sheet, "<autoFilter ref=\"A3:K43\"/>");
	/* 40 data rows, the last in row 43 */
	must_have(sheet, "<row r=\"43\"");
	assert_null(strstr(sheet, "<row r=\"44\""));
	snprintf(cmd, sizeof cmd, "ls -A '%s'", tmpdir);
	ls = run(cmd);
	assert_string_equal(ls, "");
	free(ls);
	free(ss);
	free(sheet);
	buf_release(&x);
	json_decref(rows);
	json_decref(b);
}

static void test_xlsx_refusals(void **state)
{
	struct forms_column c[] = {{"A", 0, FORMS_COL_TEXT}};
	json_t *bad = J("[['ok'], 'not a row']");
	struct buf x;
	struct mc_error e;

	(void)state;
	buf_init(&x, 1u << 20);
	assert_int_equal(forms_xlsx_table("t", c, 1, bad, &x, &e), MC_EINVAL);
	assert_string_equal(e.field, "rows");
	assert_int_equal(forms_xlsx_table("t", c, 0, bad, &x, &e), MC_EINVAL);
	assert_int_equal(x.len, 0);
	buf_release(&x);
	/* a cap smaller than the workbook */
	buf_init(&x, 100);
	json_decref(bad);
	bad = J("[['ok']]");
	assert_int_equal(forms_xlsx_table("t", c, 1, bad, &x, &e), MC_ETOOBIG);
	assert_int_equal(x.len, 0);
	buf_release(&x);
	json_decref(bad);
}

static void test_csv_export(void **state)
{
	struct forms_column c[] = {{"STT", 0, FORMS_COL_NUMBER},
				   {"Họ và tên", 0, FORMS_COL_TEXT},
				   {"Ghi chú", 0, FORMS_COL_TEXT},
				   {"Nhận hồ sơ", 0, FORMS_COL_DATETIME},
				   {"Phí", 0, FORMS_COL_NUMBER}};
	json_t *rows = J("[[1, 'Nguyễn Văn Bình', 'Thôn 1, xã An Thành', '2026-03-02T08:15:00+07:00', 100000],"
			 " [2, 'Trần Thị \\'Ánh\\' Tuyết', 'dòng 1\\ndòng 2', null, 2.5],"
			 " [3, '=HYPERLINK(1)', 'nói \\'có\\'', '', true]]");
	struct buf b;
	struct mc_error e;
	const char *want = "\xEF\xBB\xBF"
			   "STT,Họ và tên,Ghi chú,Nhận hồ sơ,Phí\r\n"
			   "1,Nguyễn Văn Bình,\"Thôn 1, xã An Thành\",2026-03-02T08:15:00+07:00,100000\r\n"
			   "2,\"Trần Thị \"\"Ánh\"\" Tuyết\",\"dòng 1\ndòng 2\",,2.5\r\n"
			   "3,'=HYPERLINK(1),\"nói \"\"có\"\"\",,Có\r\n";

	(void)state;
	buf_init(&b, 1u << 20);
	assert_int_equal(forms_csv_table(c, 5, rows, &b, &e), MC_OK);
	assert_string_equal(buf_str(&b), want);
	buf_release(&b);
	/* refusals: not rows, and a cap */
	buf_init(&b, 20);
	assert_int_equal(forms_csv_table(c, 5, rows, &b, &e), MC_ETOOBIG);
	assert_int_equal(b.len, 0);
	buf_release(&b);
	buf_init(&b, 1u << 20);
	assert_int_equal(forms_csv_table(c, 5, json_array_get(rows, 0), &b, &e), MC_EINVAL);
	assert_int_equal(b.len, 0);
	buf_release(&b);
	json_decref(rows);
}

static void test_csv_of_tracking_book(void **state)
{
	json_t *b = book(3), *rows;
	struct buf out;
	struct mc_error e;

	(void)state;
	assert_int_equal(forms_tracking_book_rows(b, &rows, &e), MC_OK);
	buf_init(&out, 1u << 20);
	assert_int_equal(forms_csv_table(forms_tracking_book_columns, forms_tracking_book_ncolumns, rows, &out, &e),
			 MC_OK);
	assert_non_null(strstr(buf_str(&out), "\xEF\xBB\xBFSTT,Mã hồ sơ,Tên thủ tục hành chính,"));
	assert_non_null(strstr(buf_str(&out), "\r\n1,000.00.27.H21-260302-0001,Đăng ký thành lập hộ kinh doanh,"
					      "Nguyễn Văn Bình,\"Thôn 1, xã Yang Bắc; 0912 000 111\","
					      "Phòng Tài chính - Kế hoạch,2026-03-02T07:00:00+07:00,"));
	assert_non_null(strstr(buf_str(&out), ",Đang giải quyết\r\n"));
	buf_release(&out);
	json_decref(rows);
	json_decref(b);
}

static int setup(void **state)
{
	(void)state;
	snprintf(TMP, sizeof TMP, "%s/test-forms-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	return mkdtemp(TMP) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[2048];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", TMP);
	forms_release_fonts(); /* LeakSanitizer: no font caches left at exit */
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_receipt_text),
		cmocka_unit_test(test_receipt_qr_is_lookup_url),
		cmocka_unit_test(test_receipt_with_fee_qr),
		cmocka_unit_test(test_receipt_postal_and_authorised),
		cmocka_unit_test(test_receipt_is_deterministic),
		cmocka_unit_test(test_receipt_refusals),
		cmocka_unit_test(test_supplement_request),
		cmocka_unit_test(test_supplement_from_guidance),
		cmocka_unit_test(test_refusal),
		cmocka_unit_test(test_apology),
		cmocka_unit_test(test_stop_notice),
		cmocka_unit_test(test_control_slip_pages),
		cmocka_unit_test(test_tracking_book),
		cmocka_unit_test(test_xlsx_export),
		cmocka_unit_test(test_xlsx_refusals),
		cmocka_unit_test(test_csv_export),
		cmocka_unit_test(test_csv_of_tracking_book),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
#endif /* FORMS_ENABLED */
