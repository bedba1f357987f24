// dossier.test.mjs - a dossier's whole life through the browser: the desk
// receives it on the intake screen (receipt printable), the desk, the
// specialist and the head pass it on from the dossier page, the specialist
// records the result, the desk hands it over, and an anonymous visitor looks
// it up by code.  Also: a missing document ends in a guidance, a supplement
// request shows the dossier as paused on the worklist, a second request by a
// specialist is refused with the server's message, a stale page gets the
// conflict message, and the leader's worklist with its counts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, openPage, assertClean, screenshots, signIn, PHONE, SHOTS } from './helpers.mjs';
import { Client } from '../lib/server.mjs';

let env;
before(async () => { env = await setup({ env: { MOTCUA_LOOKUP_PER_MINUTE: '1000' } }); });
after(async () => { if (env) await env.close(); });

const APPLICANT = { name: 'Nguyễn Văn Bình', id: '064090001111', phone: '0912 000 111', address: 'Thôn 1, xã An Thành' };

// Sign in; accept every confirmation dialog (and remember its question).
async function officer(login) {
  const page = await openPage(env);
  page.questions = [];
  page.on('dialog', (d) => { page.questions.push(d.message()); d.accept(); });
  await signIn(page, login);
  return page;
}

// The intake screen up to the checklist, for procedure 1.001612.
async function startIntake(page) {
  await page.getByRole('link', { name: 'Tiếp nhận hồ sơ mới' }).click();
  await page.waitForURL('**/lam-viec/tiep-nhan');
  await page.getByLabel('Tên hoặc mã thủ tục').fill('dang ky ho kinh doanh');
  const first = page.locator('.result').first();
  await first.locator('.result-name', { hasText: 'Đăng ký thành lập hộ kinh doanh' }).waitFor();
  assert.equal(await first.getAttribute('data-code'), '1.001612');
  await first.getByRole('button', { name: 'Chọn' }).click();
  await page.locator('form.intake').waitFor();
  await page.getByLabel('Họ và tên (hoặc tên tổ chức)').fill(APPLICANT.name);
  await page.getByLabel('Số CCCD (hoặc mã số tổ chức)').fill(APPLICANT.id);
  await page.getByLabel('Số điện thoại').fill(APPLICANT.phone);
  await page.getByLabel('Địa chỉ', { exact: true }).fill(APPLICANT.address);
}

async function receiveOne(page) {
  await startIntake(page);
  await page.locator('li.check[data-index="0"] input[type="checkbox"]').check();
  await page.locator('li.check[data-index="1"] input[type="checkbox"]').check();
  await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Đã tiếp nhận hồ sơ' }).waitFor();
  return (await page.locator('[data-field="code"]').textContent()).trim();
}

async function openDossier(page, code) {
  await page.goto('/lam-viec');
  await page.locator(`tr[data-code="${code}"] a.code`).first().click();
  await page.locator('.summary').waitFor();
  assert.equal(await page.locator('main h1').textContent(), `Hồ sơ ${code}`);
}

// Open an action's form, fill it, confirm; wait for the success line.
async function act(page, button, fill, done) {
  await page.locator('#thao-tac').getByRole('button', { name: button, exact: true }).click();
  const form = page.locator('form.act-form');
  await form.waitFor();
  if (fill) await fill(form);
  await form.locator('button[type="submit"]').click();
  await page.locator('.status-ok', { hasText: done }).waitFor();
}

let code = '';

test('the desk receives a dossier on the intake screen and sees the code and the appointment', async () => {
  const page = await officer('motcua.mai');
  await startIntake(page);
  await page.locator('li.check[data-index="0"] input[type="checkbox"]').check();
  await page.locator('li.check[data-index="1"] input[type="checkbox"]').check();
  await page.locator('li.check[data-index="1"] select').selectOption('copy');
  await screenshots(page, 'intake-form');
  await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Đã tiếp nhận hồ sơ' }).waitFor();
  code = (await page.locator('[data-field="code"]').textContent()).trim();
  assert.match(code, /^000\.00\.27\.H21-\d{6}-\d{4}$/);
  assert.match(await page.locator('[data-field="appointment"]').textContent(), /^\d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}$/);
  await screenshots(page, 'intake-done');
  // the receipt: only on paper
  const receipt = page.locator('.print-doc');
  assert.equal(await receipt.isVisible(), false);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await receipt.isVisible(), true);
  assert.equal(await page.locator('.site-header').isVisible(), false);
  assert.equal(await page.locator('.intake-done').isVisible(), false);
  const text = await receipt.textContent();
  for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
    'BỘ PHẬN MỘT CỬA HUYỆN ĐAK PƠ', code, APPLICANT.name, 'Giấy đề nghị đăng ký hộ kinh doanh', 'Đăng ký thành lập hộ kinh doanh', 'Nguyễn Thị Mai']) {
    assert.ok(text.includes(s), `the receipt says ${s}`);
  }
  assert.match(text, /5\. Thời gian trả kết quả giải quyết hồ sơ: \d{2} giờ \d{2} phút, ngày/);
  await page.pdf({ path: join(SHOTS, 'receipt.pdf'), format: 'A5' });
  await page.emulateMedia({ media: 'screen' });
  assertClean(page);
  await page.closeAll();
});

test('desk, specialist and head pass it on; the result is recorded and handed over', async () => {
  assert.ok(code, 'needs the dossier of the first test');
  const mai = await officer('motcua.mai');
  const row = mai.locator(`.wl-table tr[data-code="${code}"]`);
  await row.waitFor();
  assert.match(await row.textContent(), /Trong hạn/);
  assert.match(await row.textContent(), /Bước 1: Cán bộ Bộ phận Một cửa/);
  await screenshots(mai, 'worklist-desk');
  await openDossier(mai, code);
  assert.match(await mai.locator('.slip-table').textContent(), /Tiếp nhận, kiểm tra, số hóa, chuyển hồ sơ/);
  await screenshots(mai, 'dossier-desk');
  await act(mai, 'Chuyển bước tiếp theo', (f) => f.getByLabel('Ghi chú').fill('Đã số hóa'), 'Đã chuyển hồ sơ sang bước tiếp theo.');
  assert.match(await mai.locator('[data-field="step"]').textContent(), /^Bước 2\/5: Xem xét tính hợp lệ/);
  assert.match(mai.questions.at(-1), /^Chuyển hồ sơ 000\.00\.27\.H21-/);
  assert.equal(await mai.locator('#thao-tac button').count(), 0, 'the desk has nothing to do at the department\'s step');
  assertClean(mai);

  const hoa = await officer('tckh.hoa');
  await openDossier(hoa, code);
  await act(hoa, 'Nhận xử lý', null, 'Bạn đã nhận xử lý hồ sơ.');
  assert.match(await hoa.locator('.summary').textContent(), /đang xử lý: Lê Thị Hoa|đang xử lý:/);
  await screenshots(hoa, 'dossier-specialist');
  await act(hoa, 'Chuyển bước tiếp theo', null, 'Đã chuyển hồ sơ sang bước tiếp theo.');
  assertClean(hoa);

  const son = await officer('tckh.son');
  await openDossier(son, code);
  await act(son, 'Chuyển bước tiếp theo', (f) => f.getByLabel('Ghi chú').fill('Đồng ý, đã ký'), 'Đã chuyển hồ sơ sang bước tiếp theo.');
  assertClean(son);

  await openDossier(hoa, code);
  assert.equal(await hoa.locator('#thao-tac').getByRole('button', { name: 'Chuyển bước tiếp theo' }).count(), 0);
  await act(hoa, 'Ghi nhận kết quả', async (f) => {
    await f.getByLabel('Số, ký hiệu văn bản kết quả').fill('125/GCN-HKD');
    await f.getByLabel('Người ký').fill('Huỳnh Ngọc Sơn');
  }, 'Đã ghi nhận kết quả và chuyển về Bộ phận Một cửa.');
  assert.match(await hoa.locator('.summary').textContent(), /Đã có kết quả/);
  assertClean(hoa);

  // the desk sees it among the results to hand over
  await mai.goto('/lam-viec');
  const ready = mai.locator('#ket-qua-cho-tra + table tr[data-code="' + code + '"]');
  await ready.waitFor();
  assert.match(await ready.textContent(), /Có kết quả, chờ trả/);
  await ready.getByRole('link', { name: `Trả kết quả hồ sơ ${code}` }).click();
  await mai.locator('.summary').waitFor();
  await act(mai, 'Trả kết quả', (f) => f.getByLabel('Cách trả kết quả').selectOption('desk'), 'Đã trả kết quả cho công dân.');
  assert.match(await mai.locator('.summary').textContent(), /Đã trả kết quả/);
  const events = await mai.locator('.timeline li').evaluateAll((lis) => lis.map((li) => li.dataset.kind));
  assert.deepEqual(events, ['intake', 'forward', 'take', 'forward', 'forward', 'record_result', 'return_result']);
  assert.equal(await mai.locator('.slip-table tbody tr').count(), 5);
  await screenshots(mai, 'dossier-returned');
  assertClean(mai);
  for (const p of [mai, hoa, son]) await p.closeAll();
});

test('an anonymous visitor looks the dossier up by its code', async () => {
  assert.ok(code);
  const page = await openPage(env, { viewport: PHONE });
  await page.goto('/');
  await page.getByLabel('Mã hồ sơ').fill(code.toLowerCase());
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  await page.waitForURL('**/tra-cuu/' + code);
  const card = page.locator('.lookup-card');
  await card.waitFor();
  assert.equal(await card.getAttribute('data-state'), 'returned');
  assert.match(await card.locator('h2').textContent(), /Đã trả kết quả/);
  assert.equal(await card.locator('.applicant').textContent(), 'Nguyễn V. B.');
  assert.ok(!(await page.locator('main').textContent()).includes('Bình'), 'no full name in public');
  assert.ok((await card.locator('.timeline li').count()) >= 5);
  await screenshots(page, 'lookup-returned');
  assertClean(page);
  await page.closeAll();
});

test('a desk intake with a missing document ends in a guidance listing it', async () => {
  const page = await officer('motcua.mai');
  page.allow('/api/v1/dossiers', 400);
  await startIntake(page);
  await page.locator('li.check[data-index="0"] input[type="checkbox"]').check();
  await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
  const missing = page.locator('.missing-box');
  await missing.waitFor();
  assert.match(await page.locator('[data-error-for="documents"]').textContent(), /Thiếu giấy tờ bắt buộc/);
  assert.deepEqual(await missing.locator('.missing-list li').allTextContents(),
    ['Bản sao giấy tờ pháp lý của cá nhân đối với các thành viên hộ gia đình đăng ký hộ kinh doanh']);
  await screenshots(page, 'intake-missing');
  await missing.getByLabel('Nội dung khác cần bổ sung, hoàn thiện').fill('Bản sao CCCD của chủ hộ còn hạn');
  await missing.getByRole('button', { name: 'Hướng dẫn bổ sung' }).click();
  await page.getByRole('heading', { level: 1, name: 'Đã hướng dẫn bổ sung hồ sơ' }).waitFor();
  assert.deepEqual(await page.locator('.guide-list li').allTextContents(),
    ['Bản sao giấy tờ pháp lý của cá nhân đối với các thành viên hộ gia đình đăng ký hộ kinh doanh', 'Bản sao CCCD của chủ hộ còn hạn']);
  assert.match(page.questions.at(-1), /Hồ sơ sẽ không được tiếp nhận/);
  await page.emulateMedia({ media: 'print' });
  assert.match(await page.locator('.print-doc').textContent(), /PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ/);
  await page.emulateMedia({ media: 'screen' });
  await screenshots(page, 'intake-guided');
  assertClean(page);
  await page.closeAll();
});

test('a supplement request pauses the dossier on the worklist; a second one needs a leader', async () => {
  const mai = await officer('motcua.mai');
  const c2 = await receiveOne(mai);
  await openDossier(mai, c2);
  await act(mai, 'Chuyển bước tiếp theo', null, 'Đã chuyển hồ sơ sang bước tiếp theo.');

  const hoa = await officer('tckh.hoa');
  hoa.allow(`/api/v1/dossiers/${c2}/events`, 403);
  await openDossier(hoa, c2);
  await act(hoa, 'Yêu cầu bổ sung', (f) => f.getByLabel('Giấy tờ, nội dung cần bổ sung').fill('Biên bản họp thành viên hộ gia đình\nBản sao CCCD còn hạn'),
    'Đã gửi yêu cầu bổ sung; hồ sơ tạm dừng chờ bổ sung.');
  assert.match(await hoa.locator('.summary').textContent(), /Tạm dừng chờ bổ sung/);
  await hoa.goto('/lam-viec');
  const row = hoa.locator(`.wl-table tr[data-code="${c2}"]`);
  await row.waitFor();
  const status = row.locator('.st');
  assert.equal(await status.textContent(), 'Tạm dừng chờ bổ sung');
  assert.equal(await status.getAttribute('data-status'), 'paused');
  assert.equal(await hoa.locator('.count-paused .count-n').textContent(), '1');
  await screenshots(hoa, 'worklist-specialist');

  // the desk records the supplement; a second request by the specialist is refused
  await openDossier(mai, c2);
  await act(mai, 'Đã nhận bổ sung', null, 'Đã nhận bổ sung; hồ sơ tiếp tục được giải quyết.');
  await openDossier(hoa, c2);
  await hoa.locator('#thao-tac').getByRole('button', { name: 'Yêu cầu bổ sung', exact: true }).click();
  const form = hoa.locator('form.act-form');
  await form.getByLabel('Giấy tờ, nội dung cần bổ sung').fill('Giấy tờ khác');
  await form.getByLabel('Lý do').fill('Phát sinh');
  await form.locator('button[type="submit"]').click();
  await form.locator('.form-error', { hasText: 'phải do lãnh đạo phê duyệt' }).waitFor();
  assertClean(hoa);
  assertClean(mai);
  await hoa.closeAll();
  await mai.closeAll();
});

test('acting on a stale page says someone else updated it, and reloads', async () => {
  const mai = await officer('motcua.mai');
  const c3 = await receiveOne(mai);
  await openDossier(mai, c3);
  mai.allow(`/api/v1/dossiers/${c3}/events`, 409);
  // someone else forwards it meanwhile (the same desk, from another window)
  const other = new Client(env.base);
  await other.login('motcua.mai');
  const d = (await other.get(`/api/v1/dossiers/${c3}`)).json;
  assert.equal((await other.post(`/api/v1/dossiers/${c3}/events`, { kind: 'forward', version: d.version, step: 1 })).status, 200);
  await mai.locator('#thao-tac').getByRole('button', { name: 'Chuyển bước tiếp theo', exact: true }).click();
  await mai.locator('form.act-form button[type="submit"]').click();
  await mai.locator('.status-warn', { hasText: 'Hồ sơ vừa được người khác cập nhật' }).waitFor();
  assert.match(await mai.locator('[data-field="step"]').textContent(), /^Bước 2\/5/);
  assertClean(mai);
  await mai.closeAll();
});

test('the leader sees the district\'s worklist, overdue first, with counts', async () => {
  const page = await officer('lanhdao.thanh');
  await page.locator('.worklist .counts').waitFor();
  const n = async (k) => Number(await page.locator(`.count-${k} .count-n`).textContent());
  assert.ok((await n('within')) + (await n('paused')) + (await n('due_soon')) + (await n('overdue')) >= 2);
  const ranks = await page.locator('.wl-table tbody tr .st').evaluateAll((els) => els.map((e) => e.dataset.status));
  const order = { overdue: 0, due_soon: 1, within: 2, paused: 3 };
  assert.deepEqual(ranks, [...ranks].sort((a, b) => order[a] - order[b]), 'the most urgent first');
  await screenshots(page, 'worklist-leader');
  assertClean(page);
  await page.closeAll();
});
