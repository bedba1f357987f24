// settings.test.mjs - the administrator sets where a commune's fees are paid
// (the account every VietQR code then carries), with the server's refusal at
// the field for a bad bank code; the reporting officer (inspection) then
// finds the change in the audit trail, with who made it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, assertClean, screenshots, signIn } from './helpers.mjs';
import { Client } from '../lib/server.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });

test('admin sets the fee account of a commune; the reporter sees it in the audit trail', async () => {
  const page = await openPage(env);
  page.allow('/api/v1/units/anthanh/bank', 400);
  await signIn(page, 'admin');
  await page.locator('.role-card[data-role="admin"]').getByRole('link', { name: 'Cài đặt: tài khoản nhận phí, lệ phí' }).click();
  await page.waitForURL(/\/lam-viec\/cai-dat/);
  await page.locator('#bank-now').waitFor(); // this page's own form, not the one it replaces
  await page.getByLabel('Đơn vị', { exact: true }).selectOption('anthanh');
  await page.waitForURL(/unit=anthanh/);
  await page.locator('#bank-now').getByText(/chưa khai báo tài khoản/).waitFor();

  const form = page.locator('#bank-form');
  await form.getByLabel('Mã ngân hàng (BIN)').fill('9704');
  await form.getByLabel('Số tài khoản').fill('9988776655');
  await form.getByLabel('Tên chủ tài khoản').fill('UBND XA AN THANH');
  page.once('dialog', (d) => d.accept());
  await form.getByRole('button', { name: 'Lưu tài khoản' }).click();
  // the server's message, under the field it concerns
  await form.locator('[data-error-for="bin"]').getByText('Mã BIN ngân hàng phải gồm 6 chữ số').waitFor();
  assert.equal(await form.getByLabel('Mã ngân hàng (BIN)').getAttribute('aria-invalid'), 'true');

  await form.getByLabel('Mã ngân hàng (BIN)').fill('970418');
  let question = '';
  page.once('dialog', (d) => { question = d.message(); d.accept(); });
  await form.getByRole('button', { name: 'Lưu tài khoản' }).click();
  await page.getByText('Đã lưu tài khoản nhận phí, lệ phí.').waitFor();
  assert.match(question, /9988776655 – UBND XA AN THANH/);
  assert.equal(await page.locator('#bank-now').textContent(),
    'Đang dùng tài khoản của chính đơn vị: 9988776655 – UBND XA AN THANH (ngân hàng 970418).');
  // the commune's desk inherits it
  await page.getByLabel('Đơn vị', { exact: true }).selectOption('anthanh.motcua');
  await page.locator('#bank-now').getByText(/Đang dùng tài khoản của UBND xã An Thành: 9988776655/).waitFor();
  assert.match(await page.locator('#sys-facts').textContent(), /MotCua 0\.\d+\.\d+/);
  await screenshots(page, 'admin-settings');
  assertClean(page);
  await page.closeAll();

  const api = new Client(env.base);
  assert.equal((await api.login('admin')).status, 200);
  assert.equal((await api.get('/api/v1/units/anthanh/bank')).json.account.account, '9988776655');

  const rep = await openPage(env);
  await signIn(rep, 'tonghop.linh');
  await rep.locator('.role-card[data-role="reporter"]').getByRole('link', { name: 'Nhật ký hệ thống' }).click();
  await rep.waitForURL(/\/lam-viec\/nhat-ky/);
  const row = rep.locator('table.audit-table tr[data-action="unit.bank"]');
  await row.waitFor();
  assert.equal(await row.count(), 1);
  assert.match(await row.textContent(), /Đổi tài khoản nhận phí, lệ phí/);
  assert.match(await row.textContent(), /Trần Văn Quản \(admin\)/);
  assert.match(await row.textContent(), /account: 9988776655/);
  assert.match(await row.textContent(), /UBND xã An Thành/);
  // narrowed to accounts: the bank change is not among them
  await rep.getByLabel('Loại đối tượng').selectOption('user');
  await rep.getByRole('button', { name: 'Xem nhật ký' }).click();
  await rep.waitForURL(/type=user/);
  await rep.locator('#audit-h').waitFor();
  assert.equal(await rep.locator('table.audit-table tr[data-action="unit.bank"]').count(), 0);
  await screenshots(rep, 'audit-trail');
  assertClean(rep);
});
