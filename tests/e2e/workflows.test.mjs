// workflows.test.mjs - the administrator changes a procedure's internal
// process: finds "đăng ký hộ kinh doanh" typed without diacritics, moves
// hours between two steps (the total must stay the time limit: the page
// says so while typing, the server refuses otherwise, with its message),
// saves a new version; the next dossier follows it, the earlier one keeps
// its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, assertClean, screenshots, signIn } from './helpers.mjs';
import { Client } from '../lib/server.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });

const intake = (desk) => desk.post('/api/v1/dossiers', { procedure: '1.001612', applicant: { kind: 'individual', name: 'Ngô Thị Quy', phone: '0905 123 456' },
  documents: [{ index: 0 }, { index: 1 }], delivery: { method: 'desk' } });

test('admin moves working hours between two steps and saves a new version of the process', async () => {
  const desk = new Client(env.base);
  assert.equal((await desk.login('motcua.mai')).status, 200);
  const before = await intake(desk);
  assert.equal(before.status, 201, before.text);

  const page = await openPage(env);
  page.allow('/api/v1/procedures/1.001612', 400);
  page.on('dialog', (d) => d.accept());
  await signIn(page, 'admin');
  await page.locator('.role-card[data-role="admin"]').getByRole('link', { name: 'Quy trình xử lý' }).click();
  await page.waitForURL(/\/lam-viec\/quy-trinh/);
  await page.getByLabel('Tìm thủ tục cần sửa quy trình').fill('dang ky thanh lap ho kinh doanh');
  await page.locator('.results li').first().getByRole('button', { name: 'Chọn' }).click();
  await page.waitForURL(/thu-tuc=1\.001612/);
  const form = page.locator('#wf-form');
  await form.waitFor();
  assert.equal(await form.locator('li.wf-step').count(), 5);
  assert.equal(await page.locator('#wf-total').textContent(), 'Tổng 24 giờ làm việc, khớp thời hạn 24 giờ.');

  // 16 -> 20 hours at step 2: the page warns, the server refuses at "process"
  await form.getByLabel('Số giờ làm việc').nth(1).fill('20');
  assert.match(await page.locator('#wf-total').textContent(), /^Tổng 28 giờ làm việc, chưa khớp thời hạn 24 giờ/);
  await form.getByRole('button', { name: 'Lưu quy trình' }).click();
  await form.locator('[data-error-for="process"]').getByText(/các bước cộng lại 28 giờ nhưng thời hạn là 3 ngày làm việc \(24 giờ\)/).waitFor();

  // 4 hours moved from step 2 (16 -> 12) to the head's review (step 3: 4 -> 8)
  await form.getByLabel('Số giờ làm việc').nth(1).fill('12');
  await form.getByLabel('Số giờ làm việc').nth(2).fill('8');
  assert.equal(await page.locator('#wf-total').textContent(), 'Tổng 24 giờ làm việc, khớp thời hạn 24 giờ.');
  await form.getByRole('button', { name: 'Lưu quy trình' }).click();
  await page.getByText('Đã lưu: phiên bản 2.').waitFor();
  await screenshots(page, 'admin-workflow');
  assertClean(page);

  const p = (await desk.get('/api/v1/procedures/1.001612')).json;
  assert.equal(p.version, 2);
  assert.deepEqual(p.process.map((s) => s.hours), [2, 12, 8, 1, 1]);
  // the next dossier follows version 2; the one received before keeps version 1
  const after = await intake(desk);
  assert.equal(after.status, 201, after.text);
  assert.equal((await desk.get(`/api/v1/dossiers/${after.json.code}`)).json.procedure.version, 2);
  assert.equal((await desk.get(`/api/v1/dossiers/${before.json.code}`)).json.procedure.version, 1);
});
