/*
 * online.c - online public services (see online.h): citizen accounts with
 * one-time codes, the profile, drafts and uploads, submission, fees and
 * payment, ratings, and the notifications of the desk's actions.
 */
#include "service/online.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/log.h"
#include "core/secret.h"
#include "domain/account.h"
#include "domain/dossier_code.h"
#include "domain/timefmt.h"
#include "domain/vietqr.h"
#include "service/accounts.h"
#include "service/notify.h"

#define COPY(dst, src) snprintf((dst), sizeof(dst), "%s", (src))

static const char *jstr(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

/* A single line of text of at most max bytes (no control characters). */
static bool clean_line(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n > max)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

/* The stored form of a login: a phone normalised, an e-mail lower-cased. */
static void normalize_login(const char *in, char *out, size_t n)
{
	struct mc_error ignore;

	if (account_normalize_phone(in, out, n, &ignore) == MC_OK)
		return;
	snprintf(out, n, "%s", in);
	for (char *p = out; *p; p++)
		*p = (char)tolower((unsigned char)*p);
}

static enum mc_err rate(struct store_conn *c, const char *what, const char *who, int64_t now, int window, int max,
			struct mc_error *err)
{
	char key[200];
	int64_t n = 0;
	enum mc_err rc;

	snprintf(key, sizeof key, "%s:%s", what, who);
	if ((rc = store_counter_hit(c, key, now - now % window, &n, err)))
		return rc;
	if (n > max)
		return mc_fail(err, MC_ERATE, NULL, "Bạn đã thử quá nhiều lần; vui lòng thử lại sau",
			       "Too many attempts; try again later");
	return MC_OK;
}

/* ---- one-time codes ---------------------------------------------------------- */

static void otp_hash(const char *login, const char *purpose, const char *code, char out[SECRET_HASH_HEX + 1])
{
	char text[256];

	snprintf(text, sizeof text, "%s|%s|%s", login, purpose, code);
	secret_hash_hex(text, out);
	sodium_memzero(text, sizeof text);
}

/* Make a code, keep its hash, queue it to the contact. */
static enum mc_err otp_issue(struct store_conn *c, const struct config *cfg, const struct user_rec *u,
			     const char *login, const char *purpose, int64_t now, struct mc_error *err)
{
	char code[8], hash[SECRET_HASH_HEX + 1], scope[96];
	struct kv_rec k = {0};
	json_t *v, *vars;
	struct notify_to to = {u->email, u->phone, "vi"};
	enum mc_err rc;

	snprintf(code, sizeof code, "%06u", (unsigned)randombytes_uniform(1000000));
	otp_hash(login, purpose, code, hash);
	v = json_pack("{s:s, s:I, s:i, s:I}", "hash", hash, "expires_at", (json_int_t)(now + OTP_TTL_SECONDS), "tries", 0,
		      "user_id", (json_int_t)u->id);
	snprintf(scope, sizeof scope, "otp:%s", login);
	COPY(k.scope, scope);
	COPY(k.key, purpose);
	k.value = json_dumps(v, JSON_COMPACT);
	k.updated_at = now;
	json_decref(v);
	if (!k.value)
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	/* the code goes only to the contact used as the login */
	if (strchr(login, '@'))
		to.phone = NULL;
	else
		to.email = NULL;
	vars = json_pack("{s:s}", "otp", code);
	rc = store_kv_put(c, &k, err);
	if (!rc)
		rc = svc_notify(c, cfg, &to, !strcmp(purpose, "verify") ? NOTIFY_OTP_VERIFY : NOTIFY_OTP_RESET, vars, now,
				err);
	json_decref(vars);
	free(k.value);
	sodium_memzero(code, sizeof code);
	return rc;
}

/* Check a code; on success the code is spent and *user_id set. */
static enum mc_err otp_check(struct store_conn *c, const char *login, const char *purpose, const char *code,
			     int64_t now, int64_t *user_id, struct mc_error *err)
{
	char scope[96], hash[SECRET_HASH_HEX + 1];
	struct kv_rec k;
	json_t *v;
	enum mc_err rc;
	int tries;

	snprintf(scope, sizeof scope, "otp:%s", login);
	rc = store_kv_get(c, scope, purpose, &k, err);
	if (rc == MC_ENOTFOUND)
		goto wrong;
	if (rc)
		return rc;
	v = json_loads(k.value, 0, NULL);
	free(k.value);
	tries = (int)json_integer_value(json_object_get(v, "tries"));
	if (!v || json_integer_value(json_object_get(v, "expires_at")) < now || tries >= OTP_MAX_TRIES) {
		json_decref(v);
		store_kv_delete(c, scope, purpose, NULL);
		return mc_fail(err, MC_EGONE, "code", "Mã đã hết hạn hoặc đã nhập sai quá nhiều lần; hãy yêu cầu mã mới",
			       "The code has expired or was mistyped too often; ask for a new one");
	}
	otp_hash(login, purpose, code, hash);
	if (strlen(code) != 6 || !secret_equal(hash, jstr(v, "hash"))) {
		json_object_set_new(v, "tries", json_integer(tries + 1));
		k.value = json_dumps(v, JSON_COMPACT);
		k.updated_at = now;
		if (k.value)
			store_kv_put(c, &k, NULL);
		free(k.value);
		json_decref(v);
		goto wrong;
	}
	*user_id = json_integer_value(json_object_get(v, "user_id"));
	json_decref(v);
	return store_kv_delete(c, scope, purpose, err);
wrong:
	return mc_fail(err, MC_EINVAL, "code", "Mã xác thực không đúng", "The code is not correct");
}

/* ---- accounts ------------------------------------------------------------------- */

enum mc_err svc_citizen_register(struct store_conn *c, const struct config *cfg, json_t *in, const char *client_ip,
				 int64_t now, json_t **out, struct mc_error *err)
{
	struct user_rec u = {0};
	struct new_grant g = {"citizen", ""};
	const char *phone = jstr(in, "phone"), *email = jstr(in, "email"), *password = jstr(in, "password");
	char login[128];
	enum mc_err rc;

	if (!*phone && !*email)
		return mc_fail(err, MC_EINVAL, "phone", "Cần số điện thoại hoặc thư điện tử để nhận mã xác thực",
			       "A phone number or an e-mail address is needed for the verification code");
	if (!*jstr(in, "cccd"))
		return mc_fail(err, MC_EINVAL, "cccd", "Cần số định danh cá nhân (CCCD)",
			       "The personal identification number (CCCD) is required");
	if (strlen(jstr(in, "full_name")) >= sizeof u.full_name || strlen(email) >= sizeof u.email ||
	    strlen(jstr(in, "cccd")) >= sizeof u.cccd || strlen(phone) >= 64)
		return mc_fail(err, MC_EINVAL, NULL, "Thông tin quá dài", "A field is too long");
	COPY(u.full_name, jstr(in, "full_name"));
	COPY(u.phone, phone);
	COPY(u.email, email);
	COPY(u.cccd, jstr(in, "cccd"));
	u.disabled = true; /* until the contact is verified */
	if ((rc = rate(c, "register.ip", client_ip, now, 3600, 30, err)))
		return rc;
	/* svc_user_create validates and normalises phone and e-mail */
	if ((rc = svc_user_create(c, &u, password, &g, 1, 0, now, err))) {
		if (rc == MC_ECONFLICT)
			return mc_fail(err, MC_ECONFLICT, "login",
				       "Số điện thoại, thư điện tử hoặc số định danh đã được dùng cho một tài khoản khác",
				       "The phone number, e-mail or identification number is already used by an account");
		return rc;
	}
	COPY(login, u.email[0] ? u.email : u.phone);
	if ((rc = rate(c, "otp.send", login, now, 3600, 5, err)) ||
	    (rc = otp_issue(c, cfg, &u, login, "verify", now, err)))
		return rc;
	*out = json_pack("{s:s, s:s, s:I}", "status", "verification_sent", "login", login, "expires_in",
			 (json_int_t)OTP_TTL_SECONDS);
	return MC_OK;
}

/* The check runs outside a transaction on purpose: a wrong code's counted
 * try must stay even though the request fails. */
enum mc_err svc_citizen_verify(struct store_conn *c, json_t *in, int64_t now, struct mc_error *err)
{
	char login[128];
	int64_t uid = 0;
	enum mc_err rc;

	normalize_login(jstr(in, "login"), login, sizeof login);
	if ((rc = otp_check(c, login, "verify", jstr(in, "code"), now, &uid, err)))
		return rc;
	return store_user_set_disabled(c, uid, false, err);
}

enum mc_err svc_citizen_reset_request(struct store_conn *c, const struct config *cfg, json_t *in,
				      const char *client_ip, int64_t now, struct mc_error *err)
{
	char login[128];
	struct user_rec u;
	enum mc_err rc;

	normalize_login(jstr(in, "login"), login, sizeof login);
	if ((rc = rate(c, "reset.ip", client_ip, now, 3600, 30, err)) || (rc = rate(c, "otp.send", login, now, 3600, 5, err)))
		return rc;
	rc = store_user_get_by_login(c, login, &u, err);
	if (rc == MC_ENOTFOUND || (!rc && !u.is_citizen))
		return MC_OK; /* the same answer: nobody learns which accounts exist */
	if (rc)
		return rc;
	return otp_issue(c, cfg, &u, login, "reset", now, err);
}

enum mc_err svc_citizen_reset_confirm(struct store_conn *c, json_t *in, int64_t now, struct mc_error *err)
{
	char login[128];
	int64_t uid = 0;
	enum mc_err rc;

	normalize_login(jstr(in, "login"), login, sizeof login);
	if ((rc = account_check_password(jstr(in, "new_password"), err)) ||
	    (rc = otp_check(c, login, "reset", jstr(in, "code"), now, &uid, err)))
		return rc;
	/* ends the account's sessions; the code also proves the contact, so an
	 * account never verified becomes usable (the way to get a new code) */
	if ((rc = svc_user_set_password(c, uid, jstr(in, "new_password"), uid, now, err)))
		return rc;
	return store_user_set_disabled(c, uid, false, err);
}

/* ---- the profile ---------------------------------------------------------------- */

static const char *const profile_fields[] = {"address", "date_of_birth", "gender", "lang", "organisation",
					     "tax_code", "postal_address", "kind", NULL};

static json_t *profile_load(struct store_conn *c, int64_t uid)
{
	char scope[32];
	struct kv_rec k;
	json_t *p = NULL;

	snprintf(scope, sizeof scope, "user:%lld", (long long)uid);
	if (!store_kv_get(c, scope, "profile", &k, NULL)) {
		p = json_loads(k.value, 0, NULL);
		free(k.value);
	}
	return json_is_object(p) ? p : (json_decref(p), json_object());
}

enum mc_err svc_profile_get(struct store_conn *c, const struct user_rec *u, json_t **out, struct mc_error *err)
{
	json_t *p = profile_load(c, u->id);

	json_object_set_new(p, "full_name", json_string(u->full_name));
	json_object_set_new(p, "phone", json_string(u->phone));
	json_object_set_new(p, "email", json_string(u->email));
	json_object_set_new(p, "cccd", json_string(u->cccd));
	*out = p;
	return MC_OK;
}

enum mc_err svc_profile_put(struct store_conn *c, const struct user_rec *u, json_t *in, int64_t now, json_t **out,
			    struct mc_error *err)
{
	json_t *p = json_object();
	struct kv_rec k = {0};
	enum mc_err rc;

	for (int i = 0; profile_fields[i]; i++) {
		json_t *v = json_object_get(in, profile_fields[i]);

		if (!v)
			continue;
		if (!json_is_string(v) || !clean_line(json_string_value(v), 300)) {
			json_decref(p);
			return mc_failf(err, MC_EINVAL, profile_fields[i], "Trường '%s' không hợp lệ hoặc quá dài",
					"The field '%s' is invalid or too long", profile_fields[i]);
		}
		json_object_set(p, profile_fields[i], v);
	}
	snprintf(k.scope, sizeof k.scope, "user:%lld", (long long)u->id);
	COPY(k.key, "profile");
	k.value = json_dumps(p, JSON_COMPACT);
	k.updated_at = now;
	json_decref(p);
	rc = k.value ? store_kv_put(c, &k, err) : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	free(k.value);
	return rc ? rc : svc_profile_get(c, u, out, err);
}

/* ---- attachments ---------------------------------------------------------------------- */

const char *online_sniff(const void *data, size_t len)
{
	const unsigned char *p = data;

	if (len >= 5 && !memcmp(p, "%PDF-", 5))
		return "application/pdf";
	if (len >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF)
		return "image/jpeg";
	if (len >= 8 && !memcmp(p, "\x89PNG\r\n\x1a\n", 8))
		return "image/png";
	return NULL;
}

void online_attachment_path(const struct config *cfg, const char *sha256, char *out, size_t n)
{
	snprintf(out, n, "%s/attachments/%s", cfg->data_dir, sha256);
}

bool online_draft_owner(int64_t user_id, const char *id, char *out, size_t n)
{
	size_t len = strlen(id);

	if (len != 22 || strncmp(id, "draft-", 6))
		return false;
	for (size_t i = 6; i < len; i++)
		if (!isxdigit((unsigned char)id[i]) || isupper((unsigned char)id[i]))
			return false;
	snprintf(out, n, "draft:%lld:%s", (long long)user_id, id);
	return true;
}

void online_dossier_owner(int64_t dossier_id, char *out, size_t n)
{
	snprintf(out, n, "dossier:%lld", (long long)dossier_id);
}

static int mkdirs(const char *dir)
{
	char tmp[1024];

	snprintf(tmp, sizeof tmp, "%s", dir);
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0750) && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(tmp, 0750) && errno != EEXIST ? -1 : 0;
}

/* Write data to <data_dir>/attachments/<sha256> once (same content, same
 * file): a temporary file renamed into place, so a reader never sees half. */
static enum mc_err store_file(const struct config *cfg, const char *sha, const void *data, size_t len,
			      struct mc_error *err)
{
	char dir[1024], path[1100], tmp[1200];
	struct stat sb;
	int fd;
	ssize_t w;
	size_t done = 0;

	snprintf(dir, sizeof dir, "%s/attachments", cfg->data_dir);
	online_attachment_path(cfg, sha, path, sizeof path);
	if (!stat(path, &sb) && (size_t)sb.st_size == len)
		return MC_OK;
	if (mkdirs(dir))
		goto fail;
	snprintf(tmp, sizeof tmp, "%s.%d.%u.tmp", path, (int)getpid(), (unsigned)randombytes_random());
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
	if (fd < 0)
		goto fail;
	while (done < len) {
		w = write(fd, (const char *)data + done, len - done);
		if (w <= 0) {
			close(fd);
			unlink(tmp);
			goto fail;
		}
		done += (size_t)w;
	}
	if (fsync(fd) || close(fd) || rename(tmp, path)) {
		unlink(tmp);
		goto fail;
	}
	return MC_OK;
fail:
	log_error("attachment: cannot write under %s: %s", dir, strerror(errno));
	return mc_fail(err, MC_EIO, NULL, "Không lưu được tệp", "The file could not be saved");
}

static json_t *attachment_json(const struct attachment_rec *a)
{
	return json_pack("{s:I, s:i, s:s, s:s, s:s, s:I, s:s}", "id", (json_int_t)a->id, "document", a->document_index,
			 "purpose", a->purpose, "sha256", a->sha256, "content_type", a->content_type, "size",
			 (json_int_t)a->size, "filename", a->filename);
}

static int collect_attachment(void *ctx, const struct attachment_rec *a)
{
	json_array_append_new(ctx, attachment_json(a));
	return 0;
}

json_t *online_attachments_json(struct store_conn *c, const char *owner)
{
	json_t *list = json_array();

	store_attachment_list(c, owner, collect_attachment, list, NULL);
	return list;
}

static int count_owned(void *ctx, const struct attachment_rec *a)
{
	(void)a;
	(*(int *)ctx)++;
	return 0;
}

enum mc_err svc_attachment_save(struct store_conn *c, const struct config *cfg, const char *owner, int document_index,
				const char *purpose, const char *declared_type, const char *filename,
				const void *data, size_t len, int64_t uploaded_by, int64_t now, json_t **out,
				struct mc_error *err)
{
	const char *sniffed = online_sniff(data, len);
	unsigned char digest[crypto_hash_sha256_BYTES];
	struct attachment_rec a = {0};
	enum mc_err rc;

	if (!len)
		return mc_fail(err, MC_EINVAL, "file", "Tệp rỗng", "The file is empty");
	if (!sniffed)
		return mc_fail(err, MC_EINVAL, "content-type",
			       "Chỉ nhận tệp PDF, JPEG hoặc PNG (kiểm tra theo nội dung tệp)",
			       "Only PDF, JPEG or PNG files are accepted (checked by their content)");
	/* the declared type must be the sniffed one (parameters after ';' allowed) */
	if (!declared_type || strncmp(declared_type, sniffed, strlen(sniffed)) ||
	    (declared_type[strlen(sniffed)] && declared_type[strlen(sniffed)] != ';'))
		return mc_failf(err, MC_EINVAL, "content-type",
				"Nội dung tệp là %s, không khớp với loại tệp đã khai báo",
				"The file's content is %s, which does not match the declared type", sniffed);
	{
		int n = 0;

		if ((rc = store_attachment_list(c, owner, count_owned, &n, err)))
			return rc;
		if (n >= ONLINE_MAX_FILES)
			return mc_failf(err, MC_ECONFLICT, "file", "Mỗi hồ sơ tối đa %d tệp", "At most %d files per dossier",
					ONLINE_MAX_FILES);
	}
	crypto_hash_sha256(digest, data, len);
	sodium_bin2hex(a.sha256, sizeof a.sha256, digest, sizeof digest);
	if ((rc = store_file(cfg, a.sha256, data, len, err)))
		return rc;
	COPY(a.owner, owner);
	a.document_index = document_index;
	COPY(a.purpose, purpose);
	COPY(a.content_type, sniffed);
	a.size = (int64_t)len;
	/* display only: the stored name is the hash; keep a printable name */
	snprintf(a.filename, sizeof a.filename, "%s", clean_line(filename ? filename : "", 120) ? filename : "");
	a.uploaded_by = uploaded_by;
	a.created_at = now;
	if ((rc = store_attachment_insert(c, &a, err)))
		return rc;
	*out = attachment_json(&a);
	return MC_OK;
}

/* The fees of a procedure document, in dong. */
static json_int_t fee_total(json_t *proc_doc)
{
	json_int_t t = 0;
	json_t *f;
	size_t i;

	json_array_foreach(json_object_get(proc_doc, "fees"), i, f) t += json_integer_value(json_object_get(f, "amount"));
	return t;
}

/* ---- drafts ------------------------------------------------------------------------- */

static enum mc_err draft_check(struct store_conn *c, json_t *d, struct mc_error *err)
{
	struct procedure_rec p;
	struct unit_rec desk;
	enum mc_err rc;
	json_t *doc;

	rc = store_procedure_get(c, jstr(d, "procedure"), 0, &p, err);
	if (rc == MC_ENOTFOUND)
		return mc_fail(err, MC_EINVAL, "procedure", "Không có thủ tục này trong danh mục",
			       "No such procedure in the catalog");
	if (rc)
		return rc;
	doc = json_loads(p.doc, 0, NULL);
	free(p.doc);
	/* online only for procedures the catalog offers online */
	if (!strcmp(p.online, "none") || !p.online[0]) {
		json_decref(doc);
		return mc_fail(err, MC_EINVAL, "procedure", "Thủ tục này chưa cung cấp dịch vụ công trực tuyến",
			       "This procedure is not offered online");
	}
	json_object_set_new(d, "procedure_name", json_string(p.name));
	json_object_set(d, "form", json_object_get(doc, "documents") ? json_object_get(doc, "documents") : json_array());
	json_object_set_new(d, "fee_total", json_integer(fee_total(doc)));
	json_decref(doc);
	rc = store_unit_get_by_code(c, jstr(d, "desk"), &desk, err);
	if (rc == MC_ENOTFOUND || (!rc && strcmp(desk.kind, "desk")))
		return mc_fail(err, MC_EINVAL, "desk", "Chọn Bộ phận Một cửa nhận hồ sơ (desk)",
			       "Choose the one-stop desk that receives the dossier (desk)");
	return rc;
}

static enum mc_err draft_delivery(json_t *d, struct mc_error *err)
{
	json_t *dl = json_object_get(d, "delivery");
	const char *m = jstr(dl, "method");

	if (!dl)
		return MC_OK;
	if (strcmp(m, "desk") && strcmp(m, "post") && strcmp(m, "electronic"))
		return mc_fail(err, MC_EINVAL, "delivery.method",
			       "Cách nhận kết quả: desk (tại Bộ phận Một cửa), post (bưu chính) hoặc electronic (trực tuyến)",
			       "Receive the result at the desk, by post or electronically");
	if (!strcmp(m, "post") && !*jstr(dl, "address"))
		return mc_fail(err, MC_EINVAL, "delivery.address", "Cần địa chỉ nhận kết quả qua bưu chính",
			       "An address is needed to receive the result by post");
	if (!clean_line(jstr(dl, "address"), 300))
		return mc_fail(err, MC_EINVAL, "delivery.address", "Địa chỉ không hợp lệ", "Invalid address");
	return MC_OK;
}

static enum mc_err draft_save(struct store_conn *c, int64_t uid, const char *id, json_t *d, int64_t now,
			      struct mc_error *err)
{
	struct kv_rec k = {0};
	enum mc_err rc;

	snprintf(k.scope, sizeof k.scope, "user:%lld", (long long)uid);
	snprintf(k.key, sizeof k.key, "draft:%s", id);
	k.value = json_dumps(d, JSON_COMPACT);
	k.updated_at = now;
	rc = k.value ? store_kv_put(c, &k, err) : mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	free(k.value);
	return rc;
}

static enum mc_err draft_load(struct store_conn *c, int64_t uid, const char *id, json_t **out, struct mc_error *err)
{
	char scope[32], key[64], owner[96];
	struct kv_rec k;
	enum mc_err rc;

	if (!online_draft_owner(uid, id, owner, sizeof owner))
		return mc_fail(err, MC_ENOTFOUND, "id", "Không tìm thấy hồ sơ nháp", "Draft not found");
	snprintf(scope, sizeof scope, "user:%lld", (long long)uid);
	snprintf(key, sizeof key, "draft:%s", id);
	rc = store_kv_get(c, scope, key, &k, err);
	if (rc == MC_ENOTFOUND)
		return mc_fail(err, MC_ENOTFOUND, "id", "Không tìm thấy hồ sơ nháp", "Draft not found");
	if (rc)
		return rc;
	*out = json_loads(k.value, 0, NULL);
	free(k.value);
	return *out ? MC_OK : mc_fail(err, MC_EINTERNAL, NULL, "Hồ sơ nháp bị hỏng", "The draft is corrupt");
}

static json_t *draft_view(struct store_conn *c, int64_t uid, const char *id, json_t *d)
{
	char owner[96];
	json_t *v = json_deep_copy(d);

	online_draft_owner(uid, id, owner, sizeof owner);
	json_object_set_new(v, "id", json_string(id));
	json_object_set_new(v, "state", json_string("draft"));
	json_object_set_new(v, "attachments", online_attachments_json(c, owner));
	return v;
}

/* The applicant from the profile, unless the draft names one. */
static json_t *applicant_from(struct store_conn *c, const struct user_rec *u, json_t *given)
{
	json_t *p = profile_load(c, u->id), *a;

	if (json_is_object(given)) {
		json_decref(p);
		return json_deep_copy(given);
	}
	a = json_pack("{s:s, s:s, s:s, s:s, s:s}", "kind", *jstr(p, "kind") ? jstr(p, "kind") : "individual", "name",
		      u->full_name, "id_number", u->cccd, "phone", u->phone, "email", u->email);
	if (*jstr(p, "address"))
		json_object_set(a, "address", json_object_get(p, "address"));
	json_decref(p);
	return a;
}

static enum mc_err draft_fill(struct store_conn *c, const struct user_rec *u, json_t *d, json_t *in,
			      struct mc_error *err)
{
	static const char *const keys[] = {"procedure", "desk", "delivery", "note", "applicant", "fields", NULL};

	for (int i = 0; keys[i]; i++)
		if (json_object_get(in, keys[i]))
			json_object_set(d, keys[i], json_object_get(in, keys[i]));
	if (!clean_line(jstr(d, "note"), 500))
		return mc_fail(err, MC_EINVAL, "note", "Ghi chú không hợp lệ hoặc quá dài", "The note is invalid or too long");
	json_object_set_new(d, "applicant", applicant_from(c, u, json_object_get(d, "applicant")));
	return draft_check(c, d, err) ?: draft_delivery(d, err);
}

enum mc_err svc_draft_create(struct store_conn *c, const struct user_rec *u, json_t *in, int64_t now, json_t **out,
			     struct mc_error *err)
{
	unsigned char rnd[8];
	char id[32], hex[17];
	json_t *d = json_object();
	enum mc_err rc;

	randombytes_buf(rnd, sizeof rnd);
	sodium_bin2hex(hex, sizeof hex, rnd, sizeof rnd);
	snprintf(id, sizeof id, "draft-%s", hex);
	json_object_set_new(d, "created_at", json_integer(now));
	if ((rc = draft_fill(c, u, d, in, err)) || (rc = draft_save(c, u->id, id, d, now, err))) {
		json_decref(d);
		return rc;
	}
	*out = draft_view(c, u->id, id, d);
	json_decref(d);
	return MC_OK;
}

enum mc_err svc_draft_update(struct store_conn *c, const struct user_rec *u, const char *id, json_t *in, int64_t now,
			     json_t **out, struct mc_error *err)
{
	json_t *d;
	enum mc_err rc;

	if ((rc = draft_load(c, u->id, id, &d, err)))
		return rc;
	if (!(rc = draft_fill(c, u, d, in, err)) && !(rc = draft_save(c, u->id, id, d, now, err)))
		*out = draft_view(c, u->id, id, d);
	json_decref(d);
	return rc;
}

enum mc_err svc_draft_get(struct store_conn *c, const struct user_rec *u, const char *id, json_t **out,
			  struct mc_error *err)
{
	json_t *d;
	enum mc_err rc = draft_load(c, u->id, id, &d, err);

	if (rc)
		return rc;
	*out = draft_view(c, u->id, id, d);
	json_decref(d);
	return MC_OK;
}

struct list_ctx {
	struct store_conn *c;
	int64_t uid;
	json_t *drafts;
};

static int collect_draft(void *ctx, const struct kv_rec *k)
{
	struct list_ctx *l = ctx;
	json_t *d = json_loads(k->value, 0, NULL);

	if (d && !strncmp(k->key, "draft:", 6)) {
		json_t *v = json_pack("{s:s, s:s, s:s?, s:I}", "id", k->key + 6, "state", "draft", "procedure",
				      json_string_value(json_object_get(d, "procedure")), "updated_at",
				      (json_int_t)k->updated_at);

		json_object_set(v, "procedure_name", json_object_get(d, "procedure_name"));
		json_array_append_new(l->drafts, v);
	}
	json_decref(d);
	return 0;
}

enum mc_err svc_citizen_dossiers(struct store_conn *c, const struct user_rec *u, int64_t now, json_t **out,
				 struct mc_error *err)
{
	struct dossier_filter f = {0};
	struct list_ctx l = {c, u->id, json_array()};
	char scope[32];
	json_t *list = NULL;
	enum mc_err rc;

	snprintf(scope, sizeof scope, "user:%lld", (long long)u->id);
	f.citizen_id = u->id;
	f.order = 1;
	f.limit = 500;
	if ((rc = store_kv_list(c, scope, "draft:", collect_draft, &l, err)) ||
	    (rc = svc_dossier_list(c, &f, NULL, now, &list, err))) {
		json_decref(l.drafts);
		return rc;
	}
	json_object_set_new(list, "drafts", l.drafts);
	*out = list;
	return MC_OK;
}

struct submit_ctx {
	char owner[96];
	char scope[32];
	char key[64];
};

static enum mc_err submit_hook(struct store_conn *c, const struct dossier_rec *rec, void *ctx, struct mc_error *err)
{
	struct submit_ctx *s = ctx;
	char to[96];

	online_dossier_owner(rec->id, to, sizeof to);
	return store_attachment_move(c, s->owner, to, err) ?: store_kv_delete(c, s->scope, s->key, err);
}

static int mark_document(void *ctx, const struct attachment_rec *a)
{
	char *seen = ctx;

	if (a->document_index >= 0 && a->document_index < 64)
		seen[a->document_index] = 1;
	return 0;
}

enum mc_err svc_draft_submit(struct store_conn *c, const struct user_rec *u, const char *id, int64_t now, json_t **out,
			     struct mc_error *err)
{
	struct submit_ctx s;
	char seen[64] = {0}, list[400] = "";
	json_t *d, *docs = json_array(), *doc, *in;
	size_t i, k = 0;
	int nmissing = 0;
	enum mc_err rc;

	if ((rc = draft_load(c, u->id, id, &d, err))) {
		json_decref(docs);
		return rc;
	}
	/* the catalog may have changed since the draft was saved */
	if ((rc = draft_check(c, d, err)) || (rc = draft_delivery(d, err)))
		goto done;
	online_draft_owner(u->id, id, s.owner, sizeof s.owner);
	snprintf(s.scope, sizeof s.scope, "user:%lld", (long long)u->id);
	snprintf(s.key, sizeof s.key, "draft:%s", id);
	if ((rc = store_attachment_list(c, s.owner, mark_document, seen, err)))
		goto done;
	json_array_foreach(json_object_get(d, "form"), i, doc) {
		if (i >= 64)
			break;
		if (seen[i]) {
			json_array_append_new(docs, json_pack("{s:I, s:s, s:i}", "index", (json_int_t)i, "form", "copy",
							      "count", 1));
		} else if (!json_is_false(json_object_get(doc, "required"))) {
			int m = snprintf(list + k, sizeof list - k, "%s%d) %s", nmissing ? "; " : "", nmissing + 1,
					 jstr(doc, "name"));

			if (m > 0 && (size_t)m < sizeof list - k)
				k += (size_t)m;
			nmissing++;
		}
	}
	if (nmissing) {
		rc = mc_failf(err, MC_EINVAL, "documents", "Chưa tải lên giấy tờ bắt buộc: %s",
			      "Required documents not uploaded yet: %s", list);
		goto done;
	}
	in = json_pack("{s:s, s:s, s:O, s:O, s:O?, s:s}", "procedure", jstr(d, "procedure"), "desk", jstr(d, "desk"),
		       "applicant", json_object_get(d, "applicant"), "documents", docs, "delivery",
		       json_object_get(d, "delivery"), "note", jstr(d, "note"));
	if (!in) {
		rc = mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
		goto done;
	}
	rc = svc_dossier_submit_online(c, in, u->id, now, submit_hook, &s, out, err);
	json_decref(in);
done:
	json_decref(d);
	json_decref(docs);
	return rc;
}

enum mc_err svc_citizen_dossier_json(struct store_conn *c, struct dossier_ctx *d, int64_t now, json_t **out,
				     struct mc_error *err)
{
	char owner[96];
	enum mc_err rc = svc_dossier_json(c, d, now, out, err);

	if (rc)
		return rc;
	online_dossier_owner(d->rec.id, owner, sizeof owner);
	json_object_set_new(*out, "attachments", online_attachments_json(c, owner));
	json_object_set(*out, "payment", json_object_get(d->doc, "payment"));
	json_object_set(*out, "payment_detail", json_object_get(d->doc, "payment_detail"));
	json_object_set(*out, "rating", json_object_get(d->doc, "rating"));
	json_object_set(*out, "postal_tracking", json_object_get(d->doc, "postal_tracking"));
	json_object_set(*out, "delivery", json_object_get(d->doc, "delivery"));
	return MC_OK;
}

/* ---- changing the dossier's document (no event) ---------------------------------------- */

/* Save d->doc with the row's version unchanged: a concurrent event makes
 * this MC_ECONFLICT, never a lost update. */
static enum mc_err save_doc(struct store_conn *c, struct dossier_ctx *d, int64_t now, struct mc_error *err)
{
	struct dossier_rec row = d->rec;
	char *text = json_dumps(d->doc, JSON_COMPACT);
	enum mc_err rc;

	if (!text)
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	row.doc = text;
	row.updated_at = now;
	rc = store_dossier_update(c, &row, d->rec.version, err);
	if (!rc) {
		free(d->rec.doc);
		d->rec.doc = text;
		d->rec.updated_at = now;
	} else {
		free(text);
	}
	return rc;
}

/* ---- fees and payment ---------------------------------------------------------------- */

enum mc_err svc_unit_bank_put(struct store_conn *c, const char *unit_code, const char *bin, const char *account,
			      const char *name, int64_t actor_id, int64_t now, struct mc_error *err)
{
	struct unit_rec u;
	struct vietqr q = {bin, account, 0, NULL};
	char probe[VIETQR_MAX];
	struct kv_rec k = {0};
	struct audit_rec a = {0};
	json_t *v;
	enum mc_err rc;

	rc = store_unit_get_by_code(c, unit_code, &u, err);
	if (rc == MC_ENOTFOUND)
		return mc_failf(err, MC_EINVAL, "unit", "Không có đơn vị '%s'", "No unit '%s'", unit_code);
	if (rc || (rc = vietqr_build(&q, probe, sizeof probe, err)))
		return rc;
	if (!name || !*name || !clean_line(name, 100))
		return mc_fail(err, MC_EINVAL, "name", "Cần tên chủ tài khoản (tối đa 100 ký tự)",
			       "The account holder's name is required (at most 100 characters)");
	v = json_pack("{s:s, s:s, s:s}", "bin", bin, "account", account, "name", name);
	snprintf(k.scope, sizeof k.scope, "unit:%lld", (long long)u.id);
	COPY(k.key, "bank");
	k.value = json_dumps(v, JSON_COMPACT);
	k.updated_at = now;
	json_decref(v);
	if (!k.value)
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	/* the audit row keeps the new account itself (it is printed on every
	 * VietQR code anyway): who changed it to what, and when */
	a.at = now;
	a.actor_id = actor_id;
	a.unit_id = u.id;
	COPY(a.action, "unit.bank");
	COPY(a.object_type, "unit");
	COPY(a.object_id, u.code);
	a.detail_json = k.value;
	if ((rc = store_begin(c, err)))
		goto out;
	if ((rc = store_kv_put(c, &k, err)) || (rc = store_audit_append(c, &a, err)) || (rc = store_commit(c, err)))
		store_rollback(c);
out:
	free(k.value);
	return rc;
}

enum mc_err svc_unit_bank_get(struct store_conn *c, const struct unit_rec *unit, json_t **out, struct mc_error *err)
{
	struct unit_rec u = *unit;
	enum mc_err rc;

	for (int depth = 0; depth < 16; depth++) {
		char scope[32];
		struct kv_rec k;

		snprintf(scope, sizeof scope, "unit:%lld", (long long)u.id);
		rc = store_kv_get(c, scope, "bank", &k, err);
		if (!rc) {
			*out = json_loads(k.value, 0, NULL);
			free(k.value);
			if (!*out)
				return mc_fail(err, MC_EINTERNAL, NULL, NULL, NULL);
			json_object_set_new(*out, "unit", json_pack("{s:s, s:s}", "code", u.code, "name", u.name));
			return MC_OK;
		}
		if (rc != MC_ENOTFOUND)
			return rc;
		if (!u.parent_id || (rc = store_unit_get(c, u.parent_id, &u, err)))
			break;
	}
	return mc_fail(err, MC_ENOTFOUND, "bank", "Đơn vị chưa khai báo tài khoản nhận phí, lệ phí",
		       "The unit has not set up an account for fees");
}

static enum mc_err vietqr_instructions(struct store_conn *c, const struct dossier_ctx *d, json_int_t amount,
				       json_t **out, struct mc_error *err)
{
	char payload[VIETQR_MAX];
	json_t *bank;
	struct vietqr q;
	enum mc_err rc;

	/* fees are paid to the government that receives the dossier */
	if ((rc = svc_unit_bank_get(c, &d->receiving, &bank, err)))
		return rc;
	q = (struct vietqr){jstr(bank, "bin"), jstr(bank, "account"), amount, d->rec.code};
	rc = vietqr_build(&q, payload, sizeof payload, err);
	if (!rc)
		*out = json_pack("{s:s, s:s, s:s, s:s, s:s, s:I}", "payload", payload, "bank_bin", jstr(bank, "bin"),
				 "account", jstr(bank, "account"), "account_name", jstr(bank, "name"), "note",
				 d->rec.code, "amount", amount);
	json_decref(bank);
	return rc;
}

static void hmac_hex(const char *secret, const char *msg, char out[crypto_auth_hmacsha256_BYTES * 2 + 1])
{
	unsigned char key[crypto_auth_hmacsha256_KEYBYTES], mac[crypto_auth_hmacsha256_BYTES];

	crypto_hash_sha256(key, (const unsigned char *)secret, strlen(secret));
	crypto_auth_hmacsha256(mac, (const unsigned char *)msg, strlen(msg), key);
	sodium_bin2hex(out, crypto_auth_hmacsha256_BYTES * 2 + 1, mac, sizeof mac);
	sodium_memzero(key, sizeof key);
}

static enum mc_err vietqr_verify(const struct config *cfg, json_t *n, struct mc_error *err)
{
	char msg[300], mac[crypto_auth_hmacsha256_BYTES * 2 + 1];
	const char *sig = jstr(n, "signature");

	if (!cfg->payment_secret[0])
		return mc_fail(err, MC_EFORBIDDEN, NULL, "Chưa cấu hình khóa thông báo thanh toán",
			       "The payment notification secret is not configured");
	if (!json_is_integer(json_object_get(n, "amount")) || !clean_line(jstr(n, "reference"), 100) ||
	    !*jstr(n, "reference"))
		return mc_fail(err, MC_EINVAL, "amount", "Thông báo thanh toán cần amount (số nguyên) và reference",
			       "The notification needs amount (an integer) and reference");
	snprintf(msg, sizeof msg, "%s|%lld|%s", jstr(n, "dossier_code"),
		 (long long)json_integer_value(json_object_get(n, "amount")), jstr(n, "reference"));
	hmac_hex(cfg->payment_secret, msg, mac);
	if (strlen(sig) != strlen(mac) || !secret_equal(sig, mac))
		return mc_fail(err, MC_EUNAUTH, "signature", "Chữ ký thông báo thanh toán không đúng",
			       "The payment notification's signature is wrong");
	return MC_OK;
}

const struct payment_provider payment_vietqr = {"vietqr", vietqr_instructions, vietqr_verify};

enum mc_err svc_payment_info(struct store_conn *c, struct dossier_ctx *d, json_t **out, struct mc_error *err)
{
	json_int_t amount = json_integer_value(json_object_get(d->doc, "fee_total"));
	const char *status = jstr(d->doc, "payment");
	json_t *qr = NULL;
	struct mc_error ignore;

	*out = json_pack("{s:I, s:s, s:O?, s:O?}", "amount", amount, "status", *status ? status : "unpaid", "fees",
			 json_object_get(d->doc, "fees"), "detail", json_object_get(d->doc, "payment_detail"));
	if (amount > 0 && strcmp(status, "paid")) {
		if (!payment_vietqr.instructions(c, d, amount, &qr, &ignore))
			json_object_set_new(*out, "vietqr", qr);
		else
			json_object_set_new(*out, "vietqr_error", json_string(ignore.msg_vi));
	}
	(void)err;
	return MC_OK;
}

enum mc_err svc_payment_record(struct store_conn *c, struct dossier_ctx *d, const char *method, const char *reference,
			       json_int_t amount, int64_t actor_id, int64_t now, struct mc_error *err)
{
	json_int_t due = json_integer_value(json_object_get(d->doc, "fee_total"));

	if (!strcmp(jstr(d->doc, "payment"), "paid"))
		return mc_fail(err, MC_ECONFLICT, "payment", "Hồ sơ đã được thanh toán", "The dossier is already paid");
	if (due <= 0)
		return mc_fail(err, MC_ECONFLICT, "payment", "Hồ sơ không có phí, lệ phí", "The dossier has no fees");
	if (amount != due)
		return mc_failf(err, MC_EINVAL, "amount", "Số tiền phải đúng %lld đồng", "The amount must be %lld dong",
				(long long)due);
	if (!reference || !*reference || !clean_line(reference, 100))
		return mc_fail(err, MC_EINVAL, "receipt_number", "Cần số biên lai hoặc mã giao dịch",
			       "A receipt number or transaction reference is required");
	json_object_set_new(d->doc, "payment", json_string("paid"));
	json_object_set_new(d->doc, "payment_detail",
			    json_pack("{s:s, s:s, s:I, s:I, s:I}", "method", method, "reference", reference, "amount",
				      amount, "paid_at", (json_int_t)now, "recorded_by", (json_int_t)actor_id));
	return save_doc(c, d, now, err);
}

enum mc_err svc_payment_notify(struct store_conn *c, const struct config *cfg, json_t *in, int64_t now,
			       struct mc_error *err)
{
	struct dossier_ctx *d;
	enum mc_err rc;

	if ((rc = payment_vietqr.verify(cfg, in, err)))
		return rc;
	if (!dossier_code_valid(jstr(in, "dossier_code")))
		return mc_fail(err, MC_ENOTFOUND, "dossier_code", "Không tìm thấy hồ sơ", "Dossier not found");
	d = calloc(1, sizeof *d);
	if (!d)
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	if (!(rc = svc_dossier_load(c, jstr(in, "dossier_code"), d, err))) {
		/* a repeated notification of the same transfer is not an error */
		if (!strcmp(jstr(d->doc, "payment"), "paid") &&
		    !strcmp(jstr(json_object_get(d->doc, "payment_detail"), "reference"), jstr(in, "reference")))
			rc = MC_OK;
		else
			rc = svc_payment_record(c, d, "transfer", jstr(in, "reference"),
						json_integer_value(json_object_get(in, "amount")), 0, now, err);
		svc_dossier_release(d);
	}
	free(d);
	return rc;
}

/* ---- rating ---------------------------------------------------------------------- */

enum mc_err svc_rating_record(struct store_conn *c, struct dossier_ctx *d, json_t *in, const char *source,
			      int64_t actor_id, int64_t now, struct mc_error *err)
{
	static const char *const levels[] = {"very_satisfied", "satisfied", "not_satisfied", NULL};
	static const char *const problems[] = {"late", "extra_documents", "attitude", "fees", NULL};
	const char *level = jstr(in, "level");
	json_t *probs = json_object_get(in, "problems"), *p, *clean = json_array();
	size_t i;
	bool ok = false;

	if (d->view.state != DOSSIER_RETURNED) {
		json_decref(clean);
		return mc_fail(err, MC_ECONFLICT, "state", "Chỉ đánh giá sau khi đã nhận kết quả",
			       "A rating is given after the result was returned");
	}
	if (json_object_get(d->doc, "rating")) {
		json_decref(clean);
		return mc_fail(err, MC_ECONFLICT, "rating", "Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ đánh giá một lần",
			       "This dossier was already rated; one rating per dossier");
	}
	for (int k = 0; levels[k]; k++)
		ok |= !strcmp(level, levels[k]);
	if (!ok) {
		json_decref(clean);
		return mc_fail(err, MC_EINVAL, "level",
			       "Mức độ hài lòng: very_satisfied (rất hài lòng), satisfied (hài lòng), not_satisfied (không hài lòng)",
			       "level is very_satisfied, satisfied or not_satisfied");
	}
	if (probs && !json_is_array(probs))
		goto bad;
	json_array_foreach(probs, i, p) {
		bool known = false;

		for (int k = 0; problems[k]; k++)
			known |= json_is_string(p) && !strcmp(json_string_value(p), problems[k]);
		if (!known)
			goto bad;
		json_array_append(clean, p);
	}
	if (!clean_line(jstr(in, "comment"), 1000)) {
		json_decref(clean);
		return mc_fail(err, MC_EINVAL, "comment", "Ý kiến quá dài hoặc không hợp lệ", "The comment is invalid or too long");
	}
	json_object_set_new(d->doc, "rating",
			    json_pack("{s:s, s:s, s:o, s:s, s:I, s:I}", "level", level, "comment", jstr(in, "comment"),
				      "problems", clean, "source", source, "recorded_by", (json_int_t)actor_id, "at",
				      (json_int_t)now));
	return save_doc(c, d, now, err);
bad:
	json_decref(clean);
	return mc_fail(err, MC_EINVAL, "problems",
		       "problems gồm: late (trễ hẹn), extra_documents (yêu cầu thêm giấy tờ), attitude (thái độ), fees (phí)",
		       "problems are late, extra_documents, attitude, fees");
}

/* ---- notifications of the desk's actions ------------------------------------------- */

void svc_online_notify_last(struct store_conn *c, const struct config *cfg, const char *code, int64_t now)
{
	struct dossier_ctx *d = calloc(1, sizeof *d);
	struct mc_error err = {0};
	const struct dossier_event *e;
	const char *kind = NULL;
	char when[40] = "", items[DOSSIER_MAX_ITEMS * (DOSSIER_ITEM_SIZE + 8)] = "", url[700];
	json_t *profile = NULL, *vars;
	struct notify_to to;

	if (!d || svc_dossier_load(c, code, d, &err)) {
		free(d);
		return;
	}
	e = d->nevents ? &d->events[d->nevents - 1] : NULL;
	switch (e ? e->kind : DOSSIER_EV_NONE) {
	case DOSSIER_EV_ACCEPT:
	case DOSSIER_EV_INTAKE:
		kind = NOTIFY_RECEIVED;
		break;
	case DOSSIER_EV_REQUEST_SUPPLEMENT:
		kind = NOTIFY_SUPPLEMENT;
		break;
	case DOSSIER_EV_RECORD_RESULT:
		kind = NOTIFY_RESULT_READY;
		break;
	case DOSSIER_EV_APOLOGIZE:
		kind = NOTIFY_LATE;
		break;
	case DOSSIER_EV_REFUSE:
		kind = NOTIFY_REFUSED;
		break;
	default:
		break;
	}
	if (!kind)
		goto done;
	if (d->view.appointment)
		timefmt_local_short(d->view.appointment, d->receiving.utc_offset_min, when);
	for (int i = 0, k = 0; e && i < e->nitems; i++) {
		int m = snprintf(items + k, sizeof items - (size_t)k, "%d) %s\n", i + 1, e->items[i]);

		if (m < 0 || (size_t)m >= sizeof items - (size_t)k)
			break;
		k += m;
	}
	snprintf(url, sizeof url, "%s/tra-cuu/%s", cfg->base_url, d->rec.code);
	if (d->rec.citizen_id)
		profile = profile_load(c, d->rec.citizen_id);
	to = (struct notify_to){d->rec.applicant_email, d->rec.applicant_phone, profile ? jstr(profile, "lang") : "vi"};
	vars = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "code", d->rec.code, "procedure", jstr(d->doc, "procedure_name"),
			 "appointment", when, "items", items, "reason", e->reason, "url", url);
	if (svc_notify(c, cfg, &to, kind, vars, now, &err))
		log_warn("notify: dossier %s: %s", d->rec.code, err.msg_en);
	json_decref(vars);
	json_decref(profile);
done:
	svc_dossier_release(d);
	free(d);
}
