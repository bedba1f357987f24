// leader.test.mjs - the leader's dashboard answers "what is late, where, who
// holds it, and why": the overdue dossiers one by one (tests/fixtures/
// overdue-now.jsonl, received in October 2026 so overdue from then on), the
// apology's reason, a dossier without an apology said in words, a second
// supplement request flagged, a dossier nobody took.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, openPage, assertClean, screenshots, signIn } from './helpers.mjs';
import { Client, motcua, ROOT } from '../lib/server.mjs';

let env;
before(async () => {
  env = await setup();
  const r = motcua(['--db', env.server.db, 'dossier', 'import', join(ROOT, 'tests/fixtures/overdue-now.jsonl')]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
after(async () => { if (env) await env.close(); });

test('the leader sees each overdue dossier with where it is stuck, who holds it and why', async () => {
  const api = new Client(env.base);
  assert.equal((await api.login('lanhdao.thanh')).status, 200);
  const list = (await api.get('/api/v1/dossiers?view=all&status=overdue&unit=dakpo&limit=500')).json;
  assert.equal(list.total, 3);

  const page = await openPage(env);
  await signIn(page, 'lanhdao.thanh');
  await page.locator('.role-card[data-role="leader"]').getByRole('link', { name: 'Bảng điều hành' }).click();
  await page.waitForURL(/\/lam-viec\/dieu-hanh/);
  await page.locator('#dash-overdue-h').waitFor();
  assert.equal(await page.locator('#dash-overdue-h').textContent(), 'Hồ sơ đang quá hạn: 3');
  const rows = page.locator('table.dash-overdue tbody tr');
  // longest overdue first: legal deadlines 8, 10 and 13 October (the
  // second supplement restarted the clock of the dossier received on the 6th)
  assert.deepEqual(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-code'))),
    ['000.00.27.H21-261005-0001', '000.00.27.H21-261007-0001', '000.00.27.H21-261006-0001']);

  const apologised = page.locator('tr[data-code="000.00.27.H21-261005-0001"]');
  assert.match(await apologised.textContent(), /Đã gửi phiếu xin lỗi, hẹn lại 16:00 ngày 14\/10\/2026/);
  assert.match(await apologised.textContent(), /Lý do: Chờ xác minh địa điểm kinh doanh tại thực địa/);
  assert.match(await apologised.locator('td[data-label="Người đang xử lý"]').textContent(), /Đặng Thị Hòa/);
  assert.match(await apologised.locator('td[data-label="Hạn theo quy định"]').textContent(), /Quá hạn/);

  const twice = page.locator('tr[data-code="000.00.27.H21-261006-0001"]');
  assert.equal(await twice.locator('td[data-label="Xin lỗi, hẹn lại"]').textContent(), 'Chưa có phiếu xin lỗi');
  assert.equal(await twice.locator('td[data-label="Số lần yêu cầu bổ sung"]').textContent(), '2 lần');

  const untaken = page.locator('tr[data-code="000.00.27.H21-261007-0001"]');
  assert.equal(await untaken.locator('td[data-label="Người đang xử lý"]').textContent(), 'Chưa có cán bộ nhận');
  assert.match(await untaken.locator('td[data-label="Đang ở bước"]').textContent(), /Phòng Tài chính - Kế hoạch/);

  // a row opens its dossier
  await screenshots(page, 'leader-overdue');
  await apologised.getByRole('link', { name: '000.00.27.H21-261005-0001' }).click();
  await page.waitForURL(/\/ho-so\/000\.00\.27\.H21-261005-0001$/);
  await page.locator('main h1').waitFor();
  assertClean(page);
});
