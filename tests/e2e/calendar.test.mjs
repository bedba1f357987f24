// calendar.test.mjs - the administrator's working calendar (the issue's
// journey): compute a deadline for a commune, add a day off for that commune
// inside the period, and see the appointment move by one working day; delete
// the day again; office hours saved, refused with the server's message, and
// reset; then the leader's dashboard and the public transparency page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, assertClean, screenshots, signIn } from './helpers.mjs';
import { Client } from '../lib/server.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });

test('admin: a day off for a commune moves the appointment by one working day', async () => {
  const page = await openPage(env);
  page.allow('/api/v1/units/anthanh/office-hours', 400);
  page.on('dialog', (d) => d.accept());
  await signIn(page, 'admin');
  await page.locator('.role-card[data-role="admin"]').getByRole('link', { name: 'Lịch làm việc, ngày nghỉ lễ' }).click();
  await page.waitForURL(/\/lam-viec\/lich/);
  await page.getByLabel('Đơn vị', { exact: true }).selectOption('anthanh');
  await page.locator('#cal-overrides .ov-empty').waitFor();
  // Tuesday 1 December 2026, 09:00, 5 working days: due Tuesday 8 December
  const calc = page.locator('#calc-form');
  await calc.getByLabel('Ngày tiếp nhận').fill('2026-12-01');
  await calc.getByLabel('Giờ tiếp nhận').fill('09:00');
  await calc.getByLabel('Thời hạn giải quyết').fill('5');
  await calc.getByRole('button', { name: 'Tính hạn' }).click();
  await page.locator('#calc-due', { hasText: '08/12/2026' }).waitFor();
  assert.equal(await page.locator('.skipped li').count(), 2); // the weekend
  // a day off on Thursday 3 December for An Thành
  const add = page.locator('form.ov-add');
  await add.getByLabel('Ngày', { exact: true }).fill('2026-12-03');
  await add.getByLabel('Loại').selectOption('off');
  await add.getByLabel('Lý do (tiếng Việt)').fill('Nghỉ lễ hội truyền thống của xã');
  await add.getByLabel('Lý do (tiếng Anh)').fill('Commune festival');
  await add.getByLabel('Căn cứ').fill('Quyết định 12/QĐ-UBND');
  await add.getByRole('button', { name: 'Thêm vào lịch' }).click();
  const row = page.locator('.ov-table tr[data-date="2026-12-03"]');
  await row.waitFor();
  assert.match(await row.textContent(), /Ngày nghỉ.*Nghỉ lễ hội truyền thống của xã.*Quyết định 12\/QĐ-UBND/);
  await calc.getByRole('button', { name: 'Tính hạn' }).click();
  await page.locator('#calc-due', { hasText: '09/12/2026' }).waitFor();
  assert.match(await page.locator('#calc-due').textContent(), /Thứ Tư/);
  assert.match(await page.locator('.skipped li[data-date="2026-12-03"]').textContent(), /Nghỉ lễ hội truyền thống của xã/);
  await screenshots(page, 'admin-calendar');
  // English: the reason in English
  await page.locator('#lang-switch').click();
  await page.locator('main h1', { hasText: 'Working calendar of a unit' }).waitFor();
  await page.locator('.ov-table tr[data-date="2026-12-03"]', { hasText: 'Commune festival' }).waitFor();
  await page.locator('#lang-switch').click();
  await page.locator('main h1', { hasText: 'Lịch làm việc của đơn vị' }).waitFor();
  // delete it again: the deadline is back
  await page.getByRole('button', { name: 'Xóa ngày 03/12/2026' }).click();
  await page.locator('#cal-overrides .ov-empty').waitFor();
  // (the language switch drew the page again: the calculator starts afresh)
  await calc.getByLabel('Ngày tiếp nhận').fill('2026-12-01');
  await calc.getByLabel('Giờ tiếp nhận').fill('09:00');
  await calc.getByLabel('Thời hạn giải quyết').fill('5');
  await calc.getByRole('button', { name: 'Tính hạn' }).click();
  await page.locator('#calc-due', { hasText: '08/12/2026' }).waitFor();
  // office hours: Saturday morning open, a bad value refused at its field, then back to the common hours
  const hours = page.locator('#cal-hours');
  assert.match(await hours.locator('#hours-set-by').textContent(), /giờ làm việc chung/);
  await hours.getByLabel('Thứ Bảy').fill('7h');
  await hours.getByRole('button', { name: 'Lưu giờ làm việc' }).click();
  await hours.locator('[data-error-for="sat"]').getByText('Giờ làm việc không hợp lệ', { exact: false }).waitFor();
  await hours.getByLabel('Thứ Bảy').fill('07:00-11:30');
  await hours.getByRole('button', { name: 'Lưu giờ làm việc' }).click();
  await hours.locator('#hours-set-by', { hasText: 'anthanh' }).waitFor();
  await hours.getByRole('button', { name: 'Dùng giờ làm việc chung' }).click();
  await hours.locator('#hours-set-by', { hasText: 'giờ làm việc chung' }).waitFor();
  assert.equal(await hours.getByLabel('Thứ Bảy').inputValue(), '');
  assertClean(page);
  await page.closeAll();
});

test('leader: the dashboard from the module card; citizens: transparency from the footer', async () => {
  const desk = new Client(env.base);
  assert.equal((await desk.login('motcua.mai')).status, 200);
  const r = await desk.post('/api/v1/dossiers', { procedure: '2.000635', applicant: { kind: 'individual', name: 'Lê Văn Tâm', phone: '0905 123 456' },
    documents: [{ index: 0 }, { index: 1 }], delivery: { method: 'desk' } });
  assert.equal(r.status, 201, r.text);
  const page = await openPage(env);
  await signIn(page, 'lanhdao.thanh');
  await page.locator('.role-card[data-role="leader"]').getByRole('link', { name: 'Bảng điều hành' }).click();
  await page.waitForURL(/\/lam-viec\/dieu-hanh/);
  await page.locator('.dash-kpi [data-kpi="pending"] dd').waitFor();
  assert.ok(Number(await page.locator('.dash-kpi [data-kpi="pending"] dd').textContent()) >= 1);
  assert.equal(await page.locator('.dash-months tbody tr').count(), 12);
  assert.equal(await page.locator('.bars li').count(), 12);
  assert.ok(await page.locator('.dash-units tbody tr').count() >= 1);
  await screenshots(page, 'leader-dashboard');
  assertClean(page);
  await page.closeAll();

  const pub = await openPage(env);
  await pub.goto('/');
  await pub.locator('footer').getByRole('link', { name: 'Công khai kết quả giải quyết hồ sơ' }).click();
  await pub.waitForURL(/\/minh-bach/);
  await pub.locator('.tr-total').waitFor();
  assert.match(await pub.locator('.tr-total').textContent(), /tỷ lệ đúng hạn/);
  await screenshots(pub, 'transparency');
  assertClean(pub);
  await pub.closeAll();
});
