// online.test.mjs - online public services through the API (docs/ONLINE.md):
// a citizen registers and verifies the account with the code e-mailed to the
// test SMTP sink, fills the profile, drafts an online dossier, uploads the
// documents (a fake extension is refused: the content is checked), submits;
// the desk asks for a supplement, the citizen supplies it online, the desk
// accepts; processing; payment by VietQR confirmed by the bank's signed
// notification; the result file downloaded; one rating only; withdrawal;
// password reset.  The e-mails arrive in Vietnamese.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, Client, motcua } from '../lib/server.mjs';
import { startSmtpSink } from '../lib/smtp-sink.mjs';

const SECRET = 'bank-shared-secret-for-tests';
let srv, sink;
const staff = {};
const citizen = { email: 'tran.hoa@example.vn', password: 'Hoa-matkhau-2026' };
let cz; // the citizen's client

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF test image bytes')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('png bytes')]);

before(async () => {
  sink = await startSmtpSink();
  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-online-'));
  srv = await startServer({ env: {
    MOTCUA_SMTP_URL: sink.url, MOTCUA_SMTP_FROM: 'motcua@dakpo.gialai.gov.vn', MOTCUA_NOTIFY_POLL_MS: '50',
    MOTCUA_NOTIFY_QUIET_START: '0', MOTCUA_NOTIFY_QUIET_END: '0', MOTCUA_PAYMENT_SECRET: SECRET,
    MOTCUA_DATA_DIR: dataDir, MOTCUA_UPLOAD_MAX_KB: '64',
  } });
  const r = motcua(['unit', 'bank', 'dakpo', '--bin', '970436', '--account', '0123456789', '--name', 'UBND HUYEN DAK PO', '--db', srv.db]);
  assert.equal(r.status, 0, r.stderr);
  for (const u of ['motcua.mai', 'tuphap.lan', 'tuphap.duc']) {
    staff[u] = new Client(srv.base);
    assert.equal((await staff[u].login(u)).status, 200, u);
  }
});
after(async () => { if (srv) await srv.stop(); if (sink) await sink.close(); });

const codeIn = (m) => (/(\d{6})/.exec(m.body) || [])[1];

// A raw upload as a browser sends it: the file is the body.
async function upload(client, path, body, type, query = '') {
  const headers = { 'Content-Type': type };
  if (client.cookie) headers.Cookie = client.cookie;
  if (client.csrf) headers['X-CSRF-Token'] = client.csrf;
  const res = await fetch(client.base + path + query, { method: 'POST', headers, body });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, json, text };
}

async function act(who, d, kind, fields = {}) {
  const r = await staff[who].post(`/api/v1/dossiers/${d.code}/events`, { kind, version: d.version, ...fields });
  assert.equal(r.status, 200, `${who} ${kind}: ${r.text}`);
  return r.json;
}

// An independent CRC-16/CCITT-FALSE, to check the payload the server built.
function crc16(s) {
  let crc = 0xffff;
  for (const b of Buffer.from(s, 'utf8')) {
    crc ^= b << 8;
    for (let i = 0; i < 8; i++) crc = (crc & 0x8000) ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}
function tlv(s) {
  const out = {};
  for (let i = 0; i < s.length;) {
    const id = s.slice(i, i + 2), n = parseInt(s.slice(i + 2, i + 4), 10);
    out[id] = s.slice(i + 4, i + 4 + n);
    i += 4 + n;
  }
  return out;
}

test('register, verify with the e-mailed code, profile', async () => {
  const anon = new Client(srv.base);
  let r = await anon.post('/api/v1/citizen/register', { full_name: 'Trần Thị Hoa', email: citizen.email, cccd: '064190001234', password: citizen.password });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.status, 'verification_sent');
  // not usable before the contact is verified
  r = await anon.login(citizen.email, citizen.password);
  assert.equal(r.status, 403, r.text);
  const m = await sink.waitFor((x) => x.to.includes(citizen.email) && x.subject === 'Mã xác thực tài khoản MotCua');
  assert.match(m.body, /Mã xác thực tài khoản của bạn là: \d{6}/);
  assert.match(m.body, /Mã có hiệu lực trong 10 phút/);
  const code = codeIn(m);
  r = await anon.post('/api/v1/citizen/verify', { login: citizen.email, code: code === '000000' ? '111111' : '000000' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'code');
  r = await anon.post('/api/v1/citizen/verify', { login: citizen.email.toUpperCase(), code });
  assert.equal(r.status, 200, r.text);
  r = await anon.post('/api/v1/citizen/verify', { login: citizen.email, code });
  assert.equal(r.status, 400, 'a code is used once');
  // the same contact cannot register twice
  r = await anon.post('/api/v1/citizen/register', { full_name: 'Trần Thị Hoa', email: citizen.email, cccd: '064190001235', password: citizen.password });
  assert.equal(r.status, 409, r.text);
  cz = new Client(srv.base);
  r = await cz.login(citizen.email, citizen.password);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.user.is_citizen, true);
  r = await cz.req('PUT', '/api/v1/citizen/profile', { address: 'Thôn 3, xã An Thành, huyện Đak Pơ', date_of_birth: '1990-05-01' });
  assert.equal(r.status, 200, r.text);
  r = await cz.get('/api/v1/citizen/profile');
  assert.equal(r.json.address, 'Thôn 3, xã An Thành, huyện Đak Pơ');
  assert.equal(r.json.full_name, 'Trần Thị Hoa');
  assert.equal(r.json.cccd, '064190001234');
  // staff cannot use the citizen's routes
  assert.equal((await staff['motcua.mai'].get('/api/v1/citizen/dossiers')).status, 403);
});

let dossier; // the online dossier of the main journey

test('draft, uploads checked by content, submit online', async () => {
  let r = await cz.post('/api/v1/citizen/dossiers', { procedure: '2.000635', desk: 'dakpo.motcua', delivery: { method: 'electronic' } });
  assert.equal(r.status, 201, r.text);
  const draft = r.json;
  assert.match(draft.id, /^draft-[0-9a-f]{16}$/);
  assert.equal(draft.state, 'draft');
  assert.equal(draft.applicant.name, 'Trần Thị Hoa', 'the profile prefills the form');
  assert.equal(draft.applicant.address, 'Thôn 3, xã An Thành, huyện Đak Pơ');
  assert.equal(draft.fee_total, 8000);
  assert.ok(draft.form.length >= 2);
  const base = `/api/v1/citizen/dossiers/${draft.id}/attachments`;
  // a text file named .pdf is refused: the server reads the bytes
  r = await upload(cz, base, 'just text, not a PDF', 'application/pdf', '?document=0&filename=to-khai.pdf');
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'content-type');
  // a PNG declared as PDF is refused too
  r = await upload(cz, base, PNG, 'application/pdf', '?document=0');
  assert.equal(r.status, 400, r.text);
  // over upload_max_kb (64 KB here)
  r = await upload(cz, base, Buffer.concat([PDF, Buffer.alloc(70 * 1024)]), 'application/pdf', '?document=0');
  assert.equal(r.status, 413, r.text);
  // submitting with a required document missing names it
  r = await cz.post(`/api/v1/citizen/dossiers/${draft.id}/submit`);
  assert.equal(r.status, 400, r.text);
  assert.match(r.json.error.message, /Chưa tải lên giấy tờ bắt buộc: 1\) Tờ khai/);
  r = await upload(cz, base, PDF, 'application/pdf', '?document=0&filename=to-khai.pdf');
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.content_type, 'application/pdf');
  assert.equal(r.json.sha256, createHash('sha256').update(PDF).digest('hex'));
  r = await upload(cz, base, JPEG, 'image/jpeg', '?document=1&filename=cccd.jpg');
  assert.equal(r.status, 201, r.text);
  // the draft is resumed later
  r = await cz.req('PUT', `/api/v1/citizen/dossiers/${draft.id}`, { note: 'Xin 2 bản sao' });
  assert.equal(r.status, 200, r.text);
  r = await cz.get(`/api/v1/citizen/dossiers/${draft.id}`);
  assert.equal(r.json.attachments.length, 2);
  assert.equal(r.json.note, 'Xin 2 bản sao');
  r = await cz.post(`/api/v1/citizen/dossiers/${draft.id}/submit`);
  assert.equal(r.status, 201, r.text);
  dossier = r.json;
  assert.match(dossier.code, /^000\.00\.27\.H21-\d{6}-\d{4}$/);
  assert.equal(dossier.state, 'submitted');
  assert.equal(dossier.channel, 'online');
  assert.equal(dossier.received_at, null, 'not received until the desk accepts');
  r = await cz.get('/api/v1/citizen/dossiers');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.drafts.length, 0, 'the draft became the dossier');
  assert.ok(r.json.dossiers.some((d) => d.code === dossier.code));
  r = await cz.get(`/api/v1/citizen/dossiers/${dossier.code}`);
  assert.equal(r.json.attachments.length, 2);
  // the desk sees it in its worklist
  r = await staff['motcua.mai'].get('/api/v1/dossiers?view=worklist');
  assert.ok(r.json.dossiers.some((d) => d.code === dossier.code), 'in the desk worklist');
  // another citizen's or an anonymous caller's view: nothing
  assert.equal((await new Client(srv.base).get(`/api/v1/citizen/dossiers/${dossier.code}`)).status, 401);
});

test('the desk asks for a supplement; the citizen supplies it online; the desk accepts', async () => {
  let d = (await staff['motcua.mai'].get(`/api/v1/dossiers/${dossier.code}`)).json;
  d = await act('motcua.mai', d, 'request_supplement', { items: ['Bản chụp tờ khai bị mờ, xin chụp lại rõ nét', 'Bổ sung ảnh mặt sau CCCD'] });
  assert.equal(d.state, 'waiting_supplement');
  let r = await cz.get(`/api/v1/citizen/dossiers/${dossier.code}`);
  assert.equal(r.json.state, 'waiting_supplement', 'the citizen sees it at once');
  const m = await sink.waitFor((x) => x.to.includes(citizen.email) && x.subject === `Hồ sơ ${dossier.code} cần bổ sung`);
  assert.match(m.body, /1\) Bản chụp tờ khai bị mờ, xin chụp lại rõ nét/);
  assert.match(m.body, /2\) Bổ sung ảnh mặt sau CCCD/);
  // nothing uploaded yet
  r = await cz.post(`/api/v1/citizen/dossiers/${dossier.code}/supplement`, { note: 'Đã bổ sung' });
  assert.equal(r.status, 400, r.text);
  r = await upload(cz, `/api/v1/citizen/dossiers/${dossier.code}/attachments`, PDF, 'application/pdf', '?document=0');
  assert.equal(r.status, 201, r.text);
  r = await upload(cz, `/api/v1/citizen/dossiers/${dossier.code}/attachments`, PNG, 'image/png', '?document=1');
  assert.equal(r.status, 201, r.text);
  r = await cz.post(`/api/v1/citizen/dossiers/${dossier.code}/supplement`, { note: 'Đã bổ sung' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state, 'submitted', 'back to the desk, still not received');
  assert.equal(r.json.events.at(-1).kind, 'supplement_received');
  d = (await staff['motcua.mai'].get(`/api/v1/dossiers/${dossier.code}`)).json;
  // the desk sees what the citizen uploaded before accepting, and can open it
  assert.ok(d.attachments.length >= 2, JSON.stringify(d.attachments));
  const seen = await fetch(`${srv.base}/api/v1/dossiers/${dossier.code}/attachments/${d.attachments[0].id}`,
    { headers: { Cookie: staff['motcua.mai'].cookie } });
  assert.equal(seen.status, 200);
  const other = await fetch(`${srv.base}/api/v1/dossiers/${dossier.code}/attachments/${d.attachments[0].id}`,
    { headers: { Cookie: staff['tckh.hoa'] ? staff['tckh.hoa'].cookie : '' } });
  assert.ok([403, 404, 401].includes(other.status));
  assert.ok(d.actions.includes('accept'));
  d = await act('motcua.mai', d, 'accept');
  assert.equal(d.state, 'processing');
  assert.ok(d.received_at && d.legal_due, 'the legal clock started');
  const rec = await sink.waitFor((x) => x.to.includes(citizen.email) && x.subject === `Hồ sơ ${dossier.code} đã được tiếp nhận`);
  assert.match(rec.body, /Ngày hẹn trả kết quả: /);
  assert.match(rec.body, /Đăng ký|Cấp bản sao trích lục hộ tịch/);
  dossier = d;
});

test('payment by VietQR, confirmed by the bank notification', async () => {
  let r = await cz.get(`/api/v1/citizen/dossiers/${dossier.code}/payment`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.amount, 8000);
  assert.equal(r.json.status, 'unpaid');
  const p = r.json.vietqr.payload;
  assert.equal(p.slice(-4), crc16(p.slice(0, -4)), 'CRC-16/CCITT-FALSE');
  const f = tlv(p);
  assert.equal(f['00'], '01');
  assert.equal(f['01'], '12');
  assert.equal(f['53'], '704');
  assert.equal(f['54'], '8000');
  assert.equal(f['58'], 'VN');
  const acc = tlv(f['38']);
  assert.equal(acc['00'], 'A000000727');
  assert.equal(acc['02'], 'QRIBFTTA');
  assert.deepEqual(tlv(acc['01']), { '00': '970436', '01': '0123456789' });
  assert.equal(tlv(f['62'])['08'], dossier.code);
  const sign = (o) => createHmac('sha256', createHash('sha256').update(SECRET).digest()).update(`${o.dossier_code}|${o.amount}|${o.reference}`).digest('hex');
  const n = { dossier_code: dossier.code, amount: 8000, reference: 'FT26333123456' };
  const anon = new Client(srv.base);
  r = await anon.post('/api/v1/payments/notify', { ...n, signature: '0'.repeat(64) });
  assert.equal(r.status, 401, r.text);
  r = await anon.post('/api/v1/payments/notify', { ...n, amount: 7000, signature: sign({ ...n, amount: 7000 }) });
  assert.equal(r.status, 400, 'wrong amount: ' + r.text);
  r = await anon.post('/api/v1/payments/notify', { ...n, signature: sign(n) });
  assert.equal(r.status, 200, r.text);
  r = await anon.post('/api/v1/payments/notify', { ...n, signature: sign(n) });
  assert.equal(r.status, 200, 'a repeated notification is fine');
  r = await cz.get(`/api/v1/citizen/dossiers/${dossier.code}/payment`);
  assert.equal(r.json.status, 'paid');
  assert.equal(r.json.detail.method, 'transfer');
  r = await staff['motcua.mai'].post(`/api/v1/dossiers/${dossier.code}/payment`, { method: 'cash', receipt_number: 'BL-0001' });
  assert.equal(r.status, 409, 'paid once');
});

test('processing, result file downloaded, one rating only', async () => {
  let d = dossier;
  d = await act('motcua.mai', d, 'forward', { step: 1 });
  d = await act('tuphap.lan', d, 'forward', { step: 2 });
  d = await act('tuphap.duc', d, 'record_result', { result_number: '12/TLHT', result_date: '2026-11-30', signer: 'Lê Văn Đức' });
  assert.equal(d.state, 'result_ready');
  await sink.waitFor((x) => x.to.includes(citizen.email) && x.subject === `Hồ sơ ${d.code} đã có kết quả`);
  const RESULT = Buffer.concat([PDF, Buffer.from('% trich luc ho tich\n')]);
  let r = await upload(staff['tuphap.lan'], `/api/v1/dossiers/${d.code}/attachments`, RESULT, 'application/pdf', '?filename=trich-luc.pdf');
  assert.equal(r.status, 201, r.text);
  const resultId = r.json.id;
  // rating before the result is returned: refused
  r = await cz.post(`/api/v1/citizen/dossiers/${d.code}/rating`, { level: 'very_satisfied' });
  assert.equal(r.status, 409, r.text);
  d = await act('motcua.mai', d, 'return_result', { return_method: 'electronic' });
  assert.equal(d.state, 'returned');
  r = await cz.get(`/api/v1/citizen/dossiers/${d.code}`);
  const file = r.json.attachments.find((a) => a.purpose === 'result');
  assert.equal(file.id, resultId);
  const dl = await fetch(`${srv.base}/api/v1/citizen/dossiers/${d.code}/attachments/${resultId}`, { headers: { Cookie: cz.cookie } });
  assert.equal(dl.status, 200);
  assert.equal(dl.headers.get('content-type'), 'application/pdf');
  assert.deepEqual(Buffer.from(await dl.arrayBuffer()), RESULT);
  r = await cz.post(`/api/v1/citizen/dossiers/${d.code}/rating`, { level: 'satisfied', comment: 'Nhanh, không phải đi lại', problems: [] });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.level, 'satisfied');
  r = await cz.post(`/api/v1/citizen/dossiers/${d.code}/rating`, { level: 'not_satisfied', problems: ['late'] });
  assert.equal(r.status, 409, 'one rating per dossier: ' + r.text);
  r = await staff['motcua.mai'].post(`/api/v1/dossiers/${d.code}/rating`, { level: 'satisfied' });
  assert.equal(r.status, 409, 'not even by the desk');
  r = await cz.get(`/api/v1/citizen/dossiers/${d.code}`);
  assert.equal(r.json.rating.comment, 'Nhanh, không phải đi lại');
});

test('withdrawal by the citizen before the result', async () => {
  let r = await cz.post('/api/v1/citizen/dossiers', { procedure: '2.000635', desk: 'dakpo.motcua', delivery: { method: 'post', address: 'Thôn 3, xã An Thành' } });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  for (const [i, body, type] of [[0, PDF, 'application/pdf'], [1, JPEG, 'image/jpeg']]) {
    r = await upload(cz, `/api/v1/citizen/dossiers/${id}/attachments`, body, type, `?document=${i}`);
    assert.equal(r.status, 201, r.text);
  }
  r = await cz.post(`/api/v1/citizen/dossiers/${id}/submit`);
  assert.equal(r.status, 201, r.text);
  const code = r.json.code;
  r = await cz.post(`/api/v1/citizen/dossiers/${code}/withdraw`, { reason: 'Đã nộp nhầm thủ tục' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state, 'withdrawn');
  assert.equal(r.json.events.at(-1).kind, 'withdraw');
  r = await cz.post(`/api/v1/citizen/dossiers/${code}/withdraw`, { reason: 'lần nữa' });
  assert.equal(r.status, 409, r.text);
});

test('cash at the desk and a rating recorded by the desk', async () => {
  const r0 = await staff['motcua.mai'].post('/api/v1/dossiers', {
    procedure: '2.000635', applicant: { kind: 'individual', name: 'Lê Văn Tâm', phone: '0905 123 456' },
    documents: [{ index: 0 }, { index: 1 }], delivery: { method: 'desk' } });
  assert.equal(r0.status, 201, r0.text);
  let d = r0.json;
  let r = await staff['motcua.mai'].post(`/api/v1/dossiers/${d.code}/payment`, { method: 'cash', receipt_number: '' });
  assert.equal(r.status, 400, r.text);
  r = await staff['motcua.mai'].post(`/api/v1/dossiers/${d.code}/payment`, { method: 'cash', receipt_number: 'BL-2026-0042' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'paid');
  assert.equal(r.json.detail.reference, 'BL-2026-0042');
  d = await act('motcua.mai', d, 'forward', { step: 1 });
  d = await act('tuphap.lan', d, 'forward', { step: 2 });
  d = await act('tuphap.duc', d, 'record_result', { result_number: '13/TLHT', result_date: '2026-11-30', signer: 'Lê Văn Đức' });
  d = await act('motcua.mai', d, 'return_result', { return_method: 'post' });
  r = await staff['motcua.mai'].post(`/api/v1/dossiers/${d.code}/postal-tracking`, { tracking_number: 'EB123456789VN' });
  assert.equal(r.status, 200, r.text);
  r = await staff['motcua.mai'].post(`/api/v1/dossiers/${d.code}/rating`, { level: 'not_satisfied', problems: ['late', 'attitude'], comment: 'Phải chờ lâu' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.source, 'desk');
  r = await staff['tuphap.lan'].post(`/api/v1/dossiers/${d.code}/rating`, { level: 'satisfied' });
  assert.equal(r.status, 403, 'only the desk records ratings: ' + r.text);
});

test('password reset with an e-mailed code', async () => {
  const anon = new Client(srv.base);
  let r = await anon.post('/api/v1/citizen/password-reset', { login: 'nobody@example.vn' });
  assert.equal(r.status, 202, 'the same answer for unknown accounts');
  const before = sink.messages.length;
  r = await anon.post('/api/v1/citizen/password-reset', { login: citizen.email });
  assert.equal(r.status, 202, r.text);
  const m = await sink.waitFor((x, i) => i >= before && x.to.includes(citizen.email) && x.subject === 'Mã đặt lại mật khẩu MotCua');
  r = await anon.post('/api/v1/citizen/password-reset/confirm', { login: citizen.email, code: codeIn(m), new_password: 'Mat-khau-moi-2026' });
  assert.equal(r.status, 200, r.text);
  assert.equal((await new Client(srv.base).login(citizen.email, citizen.password)).status, 401);
  assert.equal((await new Client(srv.base).login(citizen.email, 'Mat-khau-moi-2026')).status, 200);
});
