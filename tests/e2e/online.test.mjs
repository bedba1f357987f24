// online.test.mjs - the citizen's online journey through the browser
// (docs/ONLINE.md): register and verify with the code e-mailed to the test
// SMTP sink, submit online from the procedure page with uploads (a fake PDF
// is refused with the server's message), the desk asks for a supplement, the
// citizen uploads it, the desk accepts and records the cash payment (receipt
// PDF in a new tab), the specialist and the head process it, the desk returns
// it, the citizen downloads the result and rates it once.  Also: a draft is
// resumed, the VietQR payload is shown with a copy button, withdrawal, and
// the password reset.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, openPage, assertClean, screenshots, signIn, PHONE } from './helpers.mjs';
import { Client, motcua } from '../lib/server.mjs';
import { startSmtpSink } from '../lib/smtp-sink.mjs';

let env, sink;
const EMAIL = 'le.thu@example.vn';
const PASSWORD = 'Thu-matkhau-2026';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF test image bytes')]);

before(async () => {
  sink = await startSmtpSink();
  env = await setup({ env: {
    MOTCUA_SMTP_URL: sink.url, MOTCUA_SMTP_FROM: 'motcua@dakpo.gialai.gov.vn', MOTCUA_NOTIFY_POLL_MS: '50',
    MOTCUA_NOTIFY_QUIET_START: '0', MOTCUA_NOTIFY_QUIET_END: '0',
    MOTCUA_DATA_DIR: mkdtempSync(join(tmpdir(), 'motcua-e2e-online-')), MOTCUA_LOOKUP_PER_MINUTE: '1000',
  } });
  const r = motcua(['unit', 'bank', 'dakpo', '--bin', '970436', '--account', '0123456789', '--name', 'UBND HUYEN DAK PO', '--db', env.server.db]);
  assert.equal(r.status, 0, r.stderr);
});
after(async () => { if (env) await env.close(); if (sink) await sink.close(); });

const codeIn = (m) => (/(\d{6})/.exec(m.body) || [])[1];

async function officer(login) {
  const page = await openPage(env);
  page.on('dialog', (d) => d.accept());
  await signIn(page, login);
  return page;
}

async function act(page, code, button, fill, done) {
  await page.goto('/ho-so/' + encodeURIComponent(code));
  await page.locator('.summary').waitFor();
  await page.locator('#thao-tac').getByRole('button', { name: button, exact: true }).click();
  const form = page.locator('form.act-form');
  await form.waitFor();
  if (fill) await fill(form);
  await form.locator('button[type="submit"]').click();
  await page.locator('.status-ok', { hasText: done }).waitFor();
}

let citizen, code;

test('a citizen registers with an e-mail and verifies it with the code', async () => {
  citizen = await openPage(env, { viewport: PHONE });
  citizen.on('dialog', (d) => d.accept());
  await citizen.goto('/');
  await citizen.getByRole('link', { name: 'Đăng ký', exact: true }).click();
  await citizen.waitForURL('**/dang-ky');
  await citizen.getByLabel('Họ và tên').fill('Lê Thị Thu');
  await citizen.getByLabel('Số điện thoại hoặc e-mail').fill(EMAIL);
  await citizen.getByLabel('Số CCCD (số định danh cá nhân)').fill('064190005678');
  await citizen.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
  await citizen.getByLabel('Nhập lại mật khẩu').fill('khác hẳn');
  await citizen.getByRole('button', { name: 'Đăng ký', exact: true }).click();
  await citizen.locator('[data-error-for="password2"]', { hasText: 'Hai mật khẩu không giống nhau.' }).waitFor();
  await screenshots(citizen, 'citizen-register');
  await citizen.getByLabel('Nhập lại mật khẩu').fill(PASSWORD);
  await citizen.getByRole('button', { name: 'Đăng ký', exact: true }).click();
  await citizen.locator('#verify-form').waitFor();
  const m = await sink.waitFor((x) => x.to.includes(EMAIL) && x.subject === 'Mã xác thực tài khoản MotCua');
  const good = codeIn(m);
  // a wrong code: the server's message under the field
  citizen.allow('/api/v1/citizen/verify', 400);
  await citizen.getByLabel('Mã xác thực (6 chữ số)').fill(good === '000000' ? '111111' : '000000');
  await citizen.getByRole('button', { name: 'Xác thực' }).click();
  await citizen.locator('[data-error-for="code"]:not([hidden])').waitFor();
  await screenshots(citizen, 'citizen-verify');
  await citizen.getByLabel('Mã xác thực (6 chữ số)').fill(good);
  await citizen.getByRole('button', { name: 'Xác thực' }).click();
  await citizen.waitForURL('**/ho-so-cua-toi');
  await citizen.getByRole('heading', { level: 1, name: 'Hồ sơ của tôi' }).waitFor();
  await citizen.locator('.status-ok', { hasText: 'Tài khoản đã được xác thực' }).waitFor();
  // the profile prefills the forms
  await citizen.getByRole('link', { name: 'Thông tin cá nhân' }).first().click();
  await citizen.locator('#profile-form').waitFor();
  await citizen.getByLabel('Địa chỉ', { exact: true }).fill('Thôn 2, xã Phú An, huyện Đak Pơ');
  await citizen.getByRole('button', { name: 'Lưu thông tin' }).click();
  await citizen.locator('.status-ok', { hasText: 'Đã lưu thông tin cá nhân.' }).waitFor();
  await screenshots(citizen, 'citizen-profile');
  assertClean(citizen);
});

test('the citizen submits online with uploads; a fake PDF is refused; the draft is resumed', async () => {
  const page = citizen;
  await page.goto('/thu-tuc/2.000635');
  await page.getByRole('link', { name: 'Nộp trực tuyến', exact: true }).click();
  await page.waitForURL(/\/nop-truc-tuyen\?nhap=draft-/);
  await page.locator('form[data-step="applicant"]').waitFor();
  assert.equal(await page.getByLabel('Họ và tên (hoặc tên tổ chức)').inputValue(), 'Lê Thị Thu');
  assert.equal(await page.getByLabel('Địa chỉ', { exact: true }).inputValue(), 'Thôn 2, xã Phú An, huyện Đak Pơ');
  await screenshots(page, 'online-step1');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.locator('form[data-step="documents"]').waitFor();
  // a text file named .pdf: the server reads the bytes and refuses it
  const draftId = new URL(page.url()).searchParams.get('nhap');
  page.allow(`/api/v1/citizen/dossiers/${draftId}/attachments`, 400);
  await page.locator('input[type="file"][data-document="0"]').setInputFiles({ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: Buffer.from('just text, not a PDF') });
  const refused = page.locator('li[data-document="0"] .field-error:not([hidden])');
  await refused.waitFor();
  assert.match(await refused.textContent(), /Máy chủ không nhận tệp to-khai\.pdf/);
  await screenshots(page, 'online-upload-refused');
  await page.locator('input[type="file"][data-document="0"]').setInputFiles({ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.locator('li[data-document="0"] .status-ok', { hasText: 'Đã tải lên to-khai.pdf' }).waitFor();
  // stop here and come back later from "Hồ sơ của tôi"
  await page.getByRole('button', { name: 'Lưu nháp, làm tiếp sau' }).click();
  await page.waitForURL('**/ho-so-cua-toi');
  await page.locator(`li[data-draft="${draftId}"] a`).click();
  await page.locator('form[data-step="applicant"]').waitFor();
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.locator('li[data-document="0"] .files li', { hasText: 'to-khai.pdf' }).waitFor();
  await page.locator('input[type="file"][data-document="1"]').setInputFiles({ name: 'cccd.jpg', mimeType: 'image/jpeg', buffer: JPEG });
  await page.locator('li[data-document="1"] .status-ok').waitFor();
  await screenshots(page, 'online-step2');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.locator('form[data-step="delivery"]').waitFor();
  await page.getByLabel('Bản điện tử (tải về trên trang này)').check();
  await screenshots(page, 'online-step3');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.locator('form[data-step="fees"] [data-field="fee_total"]', { hasText: '8.000' }).waitFor();
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.locator('form[data-step="review"]').waitFor();
  await screenshots(page, 'online-review');
  await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
  await page.waitForURL(/\/ho-so-cua-toi\/000\./);
  code = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
  await page.locator('.summary [data-state="submitted"]').waitFor();
  // the fee: the VietQR payload as text, with a copy button (no QR image endpoint yet)
  const payload = await page.getByLabel('Mã VietQR (dạng chữ)').inputValue();
  assert.match(payload, /^000201010212.*5303704.*6304[0-9A-F]{4}$/);
  assert.ok(payload.includes(code));
  await screenshots(page, 'citizen-dossier-submitted');
  assertClean(page);
});

test('the desk asks for a supplement; the citizen uploads it; the desk accepts and records the cash', async () => {
  const desk = await officer('motcua.mai');
  await desk.locator(`tr[data-code="${code}"]`).first().waitFor();
  await act(desk, code, 'Yêu cầu bổ sung', async (f) => {
    await f.getByLabel('Nội dung cần bổ sung', { exact: false }).fill('Ảnh CCCD bị mờ, xin chụp lại rõ nét');
  }, 'bổ sung');
  await screenshots(desk, 'desk-online-supplement');
  // the citizen sees the request at once and uploads the missing item
  await citizen.goto('/ho-so-cua-toi/' + encodeURIComponent(code));
  const card = citizen.locator('.supplement-card');
  await card.locator('.sup-items li', { hasText: 'Ảnh CCCD bị mờ' }).waitFor();
  await card.locator('input[type="file"][data-document="1"]').setInputFiles({ name: 'cccd-ro.jpg', mimeType: 'image/jpeg', buffer: JPEG });
  await card.locator('li[data-document="1"] .status-ok').waitFor();
  await screenshots(citizen, 'citizen-supplement');
  await citizen.getByRole('button', { name: 'Gửi bổ sung' }).click();
  await citizen.locator('.status-ok', { hasText: 'Đã gửi bổ sung' }).waitFor();
  await citizen.locator('.summary[data-state="submitted"]').waitFor();
  // the desk accepts: the clock starts, an appointment
  await act(desk, code, 'Tiếp nhận', null, 'Đã tiếp nhận hồ sơ');
  await desk.locator('.summary[data-state="processing"] [data-field="appointment"]').waitFor();
  // cash at the desk with a receipt number
  await desk.getByLabel('Số biên lai / mã giao dịch').fill('BL-2026-0042');
  await desk.getByRole('button', { name: 'Ghi nhận đã thu' }).click();
  await desk.locator('.status-ok', { hasText: 'Đã ghi nhận thanh toán, biên lai BL-2026-0042.' }).waitFor();
  // the receipt: the server's PDF in a new tab
  const [tab] = await Promise.all([desk.context().waitForEvent('page'),
    desk.locator('.forms-card button[data-form="receipt"]').click()]);
  await tab.waitForURL(/\/forms\/receipt\.pdf$/);
  await tab.close();
  await screenshots(desk, 'desk-online-accepted');
  await act(desk, code, 'Chuyển bước tiếp theo', null, '');
  assertClean(desk);
  await desk.closeAll();
});

test('the specialist and the head process it, the desk returns it, the citizen downloads and rates', async () => {
  const lan = await officer('tuphap.lan');
  await act(lan, code, 'Chuyển bước tiếp theo', null, '');
  assertClean(lan);
  await lan.closeAll();
  const duc = await officer('tuphap.duc');
  await act(duc, code, 'Ghi nhận kết quả', async (f) => {
    await f.getByLabel('Số, ký hiệu văn bản kết quả', { exact: false }).fill('12/TLHT').catch(() => f.locator('[name="result_number"]').fill('12/TLHT'));
    await f.locator('[name="signer"]').fill('Lê Văn Đức');
  }, '');
  await duc.locator('.summary[data-state="result_ready"]').waitFor();
  assertClean(duc);
  await duc.closeAll();
  // the electronic result file (no upload screen for it yet: through the API)
  const staff = new Client(env.base);
  await staff.login('tuphap.lan');
  const res = await fetch(`${env.base}/api/v1/dossiers/${code}/attachments?filename=trich-luc.pdf`, {
    method: 'POST', headers: { 'Content-Type': 'application/pdf', Cookie: staff.cookie, 'X-CSRF-Token': staff.csrf }, body: PDF });
  assert.equal(res.status, 201, await res.text());
  const desk = await officer('motcua.mai');
  await act(desk, code, 'Trả kết quả', async (f) => { await f.locator('[name="return_method"]').selectOption('electronic'); }, '');
  assertClean(desk);
  await desk.closeAll();
  // the citizen: the result, then one rating
  await citizen.goto('/ho-so-cua-toi/' + encodeURIComponent(code));
  await citizen.locator('.summary[data-state="returned"]').waitFor();
  const link = citizen.locator('a[data-result]');
  assert.match(await link.textContent(), /Tải về trich-luc\.pdf/);
  const [download] = await Promise.all([citizen.waitForEvent('download'), link.click()]);
  assert.equal(download.suggestedFilename(), 'trich-luc.pdf');
  await citizen.getByLabel('Hài lòng', { exact: true }).check();
  await citizen.getByLabel('Góp ý').fill('Nhanh, không phải đi lại');
  await screenshots(citizen, 'citizen-rating');
  await citizen.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await citizen.locator('.status-ok', { hasText: 'Cảm ơn bạn đã đánh giá.' }).waitFor();
  await citizen.locator('[data-rating="satisfied"]').waitFor();
  assert.equal(await citizen.locator('#rating-form').count(), 0, 'rated once: no form any more');
  await screenshots(citizen, 'citizen-returned');
  assertClean(citizen);
});

test('withdrawal of a submitted dossier, and the password reset', async () => {
  const page = citizen;
  await page.goto('/nop-truc-tuyen?thu-tuc=2.000635');
  await page.locator('form[data-step="applicant"]').waitFor();
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.locator('input[type="file"][data-document="0"]').setInputFiles({ name: 'a.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.locator('li[data-document="0"] .status-ok').waitFor();
  await page.locator('input[type="file"][data-document="1"]').setInputFiles({ name: 'b.jpg', mimeType: 'image/jpeg', buffer: JPEG });
  await page.locator('li[data-document="1"] .status-ok').waitFor();
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
  await page.waitForURL(/\/ho-so-cua-toi\/000\./);
  await page.locator('.withdraw summary').click();
  await page.getByLabel('Lý do rút hồ sơ').fill('Nộp nhầm thủ tục');
  await page.getByRole('button', { name: 'Rút hồ sơ', exact: true }).click();
  await page.locator('.summary[data-state="withdrawn"]').waitFor();
  assertClean(page);
  await page.closeAll();

  const anon = await openPage(env, { viewport: PHONE });
  await anon.goto('/dang-nhap');
  await anon.getByRole('link', { name: 'Quên mật khẩu (công dân)' }).click();
  await anon.getByLabel('Số điện thoại hoặc e-mail').fill(EMAIL);
  const before = sink.messages.length;
  await anon.getByRole('button', { name: 'Gửi mã' }).click();
  await anon.locator('#reset-confirm-form').waitFor();
  const m = await sink.waitFor((x, i) => i >= before && x.to.includes(EMAIL) && x.subject === 'Mã đặt lại mật khẩu MotCua');
  await anon.getByLabel('Mã xác thực (6 chữ số)').fill(codeIn(m));
  await anon.getByLabel('Mật khẩu mới').fill('Thu-moi-2026-x');
  await screenshots(anon, 'citizen-reset');
  await anon.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
  await anon.waitForURL('**/dang-nhap?next=*');
  await anon.getByLabel('Tên đăng nhập, số điện thoại hoặc e-mail').fill(EMAIL);
  await anon.getByLabel('Mật khẩu', { exact: true }).fill('Thu-moi-2026-x');
  await anon.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await anon.waitForURL('**/ho-so-cua-toi');
  assertClean(anon);
  await anon.closeAll();
});
