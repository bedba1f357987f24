/*
 * notify.c - the notification outbox and its worker (see notify.h).
 */
#include "service/notify.h"

#include <curl/curl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/log.h"

#define LOCAL_OFFSET (7 * 3600) /* Asia/Ho_Chi_Minh: quiet hours are local */

/* ---- templates --------------------------------------------------------------- */

struct tmpl {
	const char *kind;
	const char *subject_vi, *body_vi;
	const char *subject_en, *body_en;
	const char *sms_vi, *sms_en;
	bool urgent; /* sent even in quiet hours */
};

static const struct tmpl templates[] = {
	{NOTIFY_OTP_VERIFY, "Mã xác thực tài khoản MotCua",
	 "Mã xác thực tài khoản của bạn là: {otp}\nMã có hiệu lực trong 10 phút. Không chia sẻ mã này với bất kỳ ai.",
	 "MotCua account verification code",
	 "Your verification code is: {otp}\nIt is valid for 10 minutes. Do not share it with anyone.",
	 "MotCua: ma xac thuc {otp} (10 phut)", "MotCua: verification code {otp} (10 minutes)", true},
	{NOTIFY_OTP_RESET, "Mã đặt lại mật khẩu MotCua",
	 "Mã đặt lại mật khẩu của bạn là: {otp}\nMã có hiệu lực trong 10 phút. Nếu bạn không yêu cầu, hãy bỏ qua thư này.",
	 "MotCua password reset code",
	 "Your password reset code is: {otp}\nIt is valid for 10 minutes. If you did not ask for it, ignore this message.",
	 "MotCua: ma dat lai mat khau {otp}", "MotCua: password reset code {otp}", true},
	{NOTIFY_RECEIVED, "Hồ sơ {code} đã được tiếp nhận",
	 "Hồ sơ {code} ({procedure}) đã được tiếp nhận.\nNgày hẹn trả kết quả: {appointment}.\nTra cứu: {url}",
	 "Dossier {code} received",
	 "Your dossier {code} ({procedure}) has been received.\nAppointment for the result: {appointment}.\nTrack it: {url}",
	 "MotCua: ho so {code} da duoc tiep nhan, hen tra {appointment}",
	 "MotCua: dossier {code} received, result due {appointment}", true},
	{NOTIFY_SUPPLEMENT, "Hồ sơ {code} cần bổ sung",
	 "Hồ sơ {code} ({procedure}) cần bổ sung, hoàn thiện các nội dung sau:\n{items}\nVui lòng bổ sung trực tuyến hoặc tại Bộ phận Một cửa.",
	 "Dossier {code} needs a supplement",
	 "Your dossier {code} ({procedure}) needs the following:\n{items}\nPlease supply them online or at the one-stop desk.",
	 "MotCua: ho so {code} can bo sung, xem chi tiet tren cong dich vu cong",
	 "MotCua: dossier {code} needs a supplement, see the portal", false},
	{NOTIFY_RESULT_READY, "Hồ sơ {code} đã có kết quả",
	 "Hồ sơ {code} ({procedure}) đã có kết quả. Mời bạn nhận kết quả theo hình thức đã chọn.",
	 "Dossier {code}: the result is ready",
	 "The result of your dossier {code} ({procedure}) is ready. Collect it the way you chose.",
	 "MotCua: ho so {code} da co ket qua", "MotCua: the result of dossier {code} is ready", false},
	{NOTIFY_LATE, "Hồ sơ {code}: xin lỗi và hẹn lại ngày trả kết quả",
	 "Hồ sơ {code} ({procedure}) không kịp trả kết quả đúng hẹn. Lý do: {reason}.\nChúng tôi xin lỗi và hẹn lại ngày trả kết quả: {appointment}.",
	 "Dossier {code}: apology and new date",
	 "Your dossier {code} ({procedure}) is late. Reason: {reason}.\nWe apologise; the new date for the result is {appointment}.",
	 "MotCua: ho so {code} tre hen, hen lai {appointment}", "MotCua: dossier {code} is late, new date {appointment}",
	 false},
	{NOTIFY_REFUSED, "Hồ sơ {code} bị từ chối",
	 "Hồ sơ {code} ({procedure}) không được giải quyết. Lý do: {reason}.",
	 "Dossier {code} refused", "Your dossier {code} ({procedure}) was refused. Reason: {reason}.",
	 "MotCua: ho so {code} bi tu choi", "MotCua: dossier {code} was refused", false},
};

static const struct tmpl *find_tmpl(const char *kind)
{
	for (size_t i = 0; i < sizeof templates / sizeof templates[0]; i++)
		if (!strcmp(templates[i].kind, kind))
			return &templates[i];
	return NULL;
}

/* Replace {name} with vars' string members; unknown names stay as they are. */
static enum mc_err render(const char *t, json_t *vars, struct buf *out)
{
	enum mc_err rc = MC_OK;

	while (*t && !rc) {
		const char *end;

		if (*t == '{' && (end = strchr(t, '}')) && end - t < 32) {
			char name[32];
			const char *v;

			memcpy(name, t + 1, (size_t)(end - t - 1));
			name[end - t - 1] = '\0';
			v = json_string_value(json_object_get(vars, name));
			if (v) {
				rc = buf_append(out, v, strlen(v));
				t = end + 1;
				continue;
			}
		}
		rc = buf_append(out, t, 1);
		t++;
	}
	if (!rc)
		rc = buf_append(out, "", 1); /* NUL */
	return rc;
}

int64_t notify_release_time(const struct config *cfg, int64_t now)
{
	int s = cfg->notify_quiet_start, e = cfg->notify_quiet_end;
	int64_t local = now + LOCAL_OFFSET, day = local - ((local % 86400) + 86400) % 86400;
	int h = (int)(((local % 86400) + 86400) % 86400 / 3600);
	bool quiet;

	if (s == e)
		return now;
	quiet = s < e ? (h >= s && h < e) : (h >= s || h < e);
	if (!quiet)
		return now;
	/* the next e:00 local */
	if (h >= e)
		day += 86400;
	return day + (int64_t)e * 3600 - LOCAL_OFFSET;
}

static enum mc_err queue_one(struct store_conn *c, const char *channel, const char *to, const char *kind,
			     const char *subject, const char *body, int64_t at, int64_t now, struct mc_error *err)
{
	struct outbox_rec m = {0};

	snprintf(m.channel, sizeof m.channel, "%s", channel);
	snprintf(m.recipient, sizeof m.recipient, "%s", to);
	snprintf(m.kind, sizeof m.kind, "%s", kind);
	snprintf(m.subject, sizeof m.subject, "%s", subject);
	m.body = (char *)body; /* borrowed by the insert */
	m.next_at = at;
	m.created_at = now;
	return store_outbox_insert(c, &m, err);
}

enum mc_err svc_notify(struct store_conn *c, const struct config *cfg, const struct notify_to *to, const char *kind,
		       json_t *vars, int64_t now, struct mc_error *err)
{
	const struct tmpl *t = find_tmpl(kind);
	bool en = to->lang && !strcmp(to->lang, "en");
	struct buf subject, body, sms;
	int64_t at;
	enum mc_err rc = MC_OK;

	if (!t)
		return mc_failf(err, MC_EINTERNAL, NULL, "Không có mẫu thông báo '%s'", "No notification template '%s'",
				kind);
	at = t->urgent ? now : notify_release_time(cfg, now);
	buf_init(&subject, 4096);
	buf_init(&body, 64 * 1024);
	buf_init(&sms, 4096);
	/* a channel that is not configured is not queued: nothing would send it */
	if (to->email && to->email[0] && cfg->smtp_url[0]) {
		/* English when chosen, or when there is no Vietnamese text */
		bool use_en = en || !t->body_vi;

		if ((rc = render(use_en ? t->subject_en : t->subject_vi, vars, &subject)) ||
		    (rc = render(use_en ? t->body_en : t->body_vi, vars, &body)) ||
		    (rc = queue_one(c, "email", to->email, kind, subject.data, body.data, at, now, err)))
			goto done;
	}
	if (to->phone && to->phone[0] && cfg->sms_url[0]) {
		bool use_en = en || !t->sms_vi;

		if ((rc = render(use_en ? t->sms_en : t->sms_vi, vars, &sms)) ||
		    (rc = queue_one(c, "sms", to->phone, kind, "", sms.data, at, now, err)))
			goto done;
	}
done:
	if (rc && err && err->code != rc)
		mc_fail(err, rc, NULL, NULL, NULL);
	buf_release(&subject);
	buf_release(&body);
	buf_release(&sms);
	return rc;
}

/* ---- sending ------------------------------------------------------------------- */

struct upload {
	const char *data;
	size_t len, pos;
};

static size_t read_cb(char *ptr, size_t size, size_t nmemb, void *ud)
{
	struct upload *u = ud;
	size_t n = size * nmemb;

	if (n > u->len - u->pos)
		n = u->len - u->pos;
	memcpy(ptr, u->data + u->pos, n);
	u->pos += n;
	return n;
}

static size_t discard_cb(char *ptr, size_t size, size_t nmemb, void *ud)
{
	(void)ptr;
	(void)ud;
	return size * nmemb;
}

/* base64 of s, wrapped at 76 columns with CRLF (RFC 2045). */
static enum mc_err b64_lines(struct buf *out, const char *s, size_t n)
{
	enum mc_err rc = MC_OK;

	for (size_t i = 0; i < n && !rc; i += 57) {
		size_t k = n - i < 57 ? n - i : 57;
		char line[80];

		sodium_bin2base64(line, sizeof line, (const unsigned char *)s + i, k, sodium_base64_VARIANT_ORIGINAL);
		rc = buf_printf(out, "%s\r\n", line);
	}
	return rc;
}

static enum mc_err send_email(const struct config *cfg, const struct outbox_rec *m, char *why, size_t why_n)
{
	struct buf msg;
	char subj[1024], date[64], rcpt_addr[160];
	struct curl_slist *rcpt = NULL;
	struct upload up;
	time_t now = time(NULL);
	struct tm tm;
	CURL *curl;
	CURLcode cc;
	enum mc_err rc;

	if (!cfg->smtp_url[0]) {
		snprintf(why, why_n, "smtp_url is not set");
		return MC_EUNAVAILABLE;
	}
	gmtime_r(&now, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
	sodium_bin2base64(subj, sizeof subj, (const unsigned char *)m->subject, strnlen(m->subject, 700),
			  sodium_base64_VARIANT_ORIGINAL);
	buf_init(&msg, 1u << 20);
	rc = buf_printf(&msg,
			 "Date: %s\r\nFrom: %s\r\nTo: %s\r\nSubject: =?UTF-8?B?%s?=\r\nMessage-ID: <motcua.%lld.%lld@motcua>\r\n"
			 "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
			 "Content-Transfer-Encoding: base64\r\n\r\n",
			 date, cfg->smtp_from, m->recipient, subj, (long long)m->id, (long long)m->created_at);
	if (!rc)
		rc = b64_lines(&msg, m->body, strlen(m->body));
	if (rc) {
		buf_release(&msg);
		snprintf(why, why_n, "out of memory");
		return rc;
	}
	curl = curl_easy_init();
	if (!curl) {
		buf_release(&msg);
		snprintf(why, why_n, "curl init failed");
		return MC_EINTERNAL;
	}
	snprintf(rcpt_addr, sizeof rcpt_addr, "<%s>", m->recipient);
	rcpt = curl_slist_append(NULL, rcpt_addr);
	up = (struct upload){msg.data, msg.len, 0};
	curl_easy_setopt(curl, CURLOPT_URL, cfg->smtp_url);
	curl_easy_setopt(curl, CURLOPT_MAIL_FROM, cfg->smtp_from);
	curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(curl, CURLOPT_READDATA, &up);
	curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
	if (cfg->smtp_user[0]) {
		curl_easy_setopt(curl, CURLOPT_USERNAME, cfg->smtp_user);
		curl_easy_setopt(curl, CURLOPT_PASSWORD, cfg->smtp_password);
	}
	if (!strncmp(cfg->smtp_url, "smtps://", 8))
		curl_easy_setopt(curl, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	cc = curl_easy_perform(curl);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(curl);
	buf_release(&msg);
	if (cc != CURLE_OK) {
		snprintf(why, why_n, "smtp: %s", curl_easy_strerror(cc));
		return MC_EUNAVAILABLE;
	}
	return MC_OK;
}

/* Replace {to} and {text} in the gateway URL with URL-encoded values. */
static enum mc_err sms_url(CURL *curl, const char *tmpl, const struct outbox_rec *m, struct buf *out)
{
	char *to = curl_easy_escape(curl, m->recipient, 0), *text = curl_easy_escape(curl, m->body, 0);
	enum mc_err rc = to && text ? MC_OK : MC_ENOMEM;

	while (!rc && *tmpl) {
		if (!strncmp(tmpl, "{to}", 4)) {
			rc = buf_append(out, to, strlen(to));
			tmpl += 4;
		} else if (!strncmp(tmpl, "{text}", 6)) {
			rc = buf_append(out, text, strlen(text));
			tmpl += 6;
		} else {
			rc = buf_append(out, tmpl++, 1);
		}
	}
	if (!rc)
		rc = buf_append(out, "", 1);
	curl_free(to);
	curl_free(text);
	return rc;
}

static enum mc_err send_sms(const struct config *cfg, const struct outbox_rec *m, char *why, size_t why_n)
{
	struct buf url;
	CURL *curl;
	CURLcode cc;
	long status = 0;

	if (!cfg->sms_url[0]) {
		snprintf(why, why_n, "sms_url is not set");
		return MC_EUNAVAILABLE;
	}
	curl = curl_easy_init();
	if (!curl)
		return MC_EINTERNAL;
	buf_init(&url, 64 * 1024);
	if (sms_url(curl, cfg->sms_url, m, &url)) {
		curl_easy_cleanup(curl);
		buf_release(&url);
		snprintf(why, why_n, "out of memory");
		return MC_ENOMEM;
	}
	curl_easy_setopt(curl, CURLOPT_URL, url.data);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard_cb);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
	cc = curl_easy_perform(curl);
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(curl);
	buf_release(&url);
	if (cc != CURLE_OK || status < 200 || status >= 300) {
		snprintf(why, why_n, "sms gateway: %s (HTTP %ld)", cc == CURLE_OK ? "refused" : curl_easy_strerror(cc),
			 status);
		return MC_EUNAVAILABLE;
	}
	return MC_OK;
}

/* ---- the worker ------------------------------------------------------------------- */

struct notify_worker {
	struct store *st;
	const struct config *cfg;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool stop;
};

#define LEASE_SECONDS 120

/* Send one due message; false when there was none (or the store failed). */
static bool send_one(struct notify_worker *w)
{
	struct store_conn *c = NULL;
	struct outbox_rec m;
	struct mc_error err = {0};
	char why[256] = "";
	int64_t now = (int64_t)time(NULL);
	enum mc_err rc;

	if (store_conn_get(w->st, &c, &err))
		return false;
	if ((rc = store_outbox_claim(c, now, now + LEASE_SECONDS, &m, &err))) {
		if (rc != MC_ENOTFOUND)
			log_warn("notify: claim failed: %s", err.msg_en);
		store_conn_put(c);
		return false;
	}
	/* no connection is held while talking to the mail server */
	store_conn_put(c);
	c = NULL;
	rc = !strcmp(m.channel, "email") ? send_email(w->cfg, &m, why, sizeof why) : send_sms(w->cfg, &m, why, sizeof why);
	now = (int64_t)time(NULL);
	if (!store_conn_get(w->st, &c, &err)) {
		if (!rc) {
			rc = store_outbox_finish(c, m.id, "sent", now, now, "", &err);
		} else if (m.attempts >= w->cfg->notify_max_attempts) {
			log_warn("notify: message %lld given up after %d attempts: %s", (long long)m.id, m.attempts, why);
			rc = store_outbox_finish(c, m.id, "failed", now, 0, why, &err);
		} else {
			int64_t delay = (int64_t)30 << (m.attempts - 1 < 7 ? m.attempts - 1 : 7);

			if (delay > 3600)
				delay = 3600;
			log_info("notify: message %lld attempt %d failed (%s); retry in %llds", (long long)m.id, m.attempts,
				 why, (long long)delay);
			rc = store_outbox_finish(c, m.id, "queued", now + delay, 0, why, &err);
		}
		/* if this fails the lease runs out and the message is tried again */
		if (rc)
			log_warn("notify: message %lld: cannot record the outcome: %s", (long long)m.id, err.msg_en);
		store_conn_put(c);
	}
	free(m.body);
	return true;
}

static void *worker_main(void *arg)
{
	struct notify_worker *w = arg;

	for (;;) {
		struct timespec until;

		pthread_mutex_lock(&w->lock);
		if (w->stop) {
			pthread_mutex_unlock(&w->lock);
			break;
		}
		pthread_mutex_unlock(&w->lock);
		while (send_one(w)) {
			pthread_mutex_lock(&w->lock);
			bool stop = w->stop;
			pthread_mutex_unlock(&w->lock);
			if (stop)
				break;
		}
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += w->cfg->notify_poll_ms / 1000;
		until.tv_nsec += (long)(w->cfg->notify_poll_ms % 1000) * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_mutex_lock(&w->lock);
		if (!w->stop)
			pthread_cond_timedwait(&w->wake, &w->lock, &until);
		pthread_mutex_unlock(&w->lock);
	}
	return NULL;
}

enum mc_err notify_worker_start(struct store *st, const struct config *cfg, struct notify_worker **out,
				struct mc_error *err)
{
	struct notify_worker *w = calloc(1, sizeof *w);

	*out = NULL;
	if (!w)
		return mc_fail(err, MC_ENOMEM, NULL, NULL, NULL);
	if (curl_global_init(CURL_GLOBAL_DEFAULT)) {
		free(w);
		return mc_fail(err, MC_EINTERNAL, NULL, "Không khởi tạo được libcurl", "libcurl failed to start");
	}
	w->st = st;
	w->cfg = cfg;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->wake, NULL);
	if (pthread_create(&w->thread, NULL, worker_main, w)) {
		pthread_mutex_destroy(&w->lock);
		pthread_cond_destroy(&w->wake);
		curl_global_cleanup();
		free(w);
		return mc_fail(err, MC_EINTERNAL, NULL, "Không chạy được luồng gửi thông báo",
			       "The notification worker could not start");
	}
	*out = w;
	return MC_OK;
}

void notify_worker_stop(struct notify_worker *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->lock);
	w->stop = true;
	pthread_cond_signal(&w->wake);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->wake);
	curl_global_cleanup();
	free(w);
}
