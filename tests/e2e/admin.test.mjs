// admin.test.mjs - the administrator's accounts screen: the table of a unit's
// staff, creating an account (then signing in with it), server validation
// shown at the field, and disabling / enabling with a confirmation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, openPage, assertClean, screenshots, signIn, PHONE, SHOTS } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });

const form = (page) => page.locator('form.create-user');

async function fillNewUser(page, u) {
  const f = form(page);
  await f.getByLabel('Họ và tên').fill(u.full_name);
  await f.getByLabel('Tên đăng nhập').fill(u.username);
  await f.getByLabel('Số điện thoại').fill(u.phone || '');
  await f.getByLabel('E-mail').fill(u.email || '');
  await f.getByLabel('Vai trò').selectOption(u.role);
  await f.getByLabel('Đơn vị công tác').selectOption(u.unit);
  await f.getByLabel('Mật khẩu ban đầu').fill(u.password);
}

test('admin sees the staff of a unit subtree and can narrow it', async () => {
  const page = await openPage(env);
  await signIn(page, 'admin');
  const rows = page.locator('table.users tbody tr');
  await rows.first().waitFor();
  assert.ok((await rows.count()) >= 14);
  assert.match(await page.locator('table.users caption').textContent(), /UBND tỉnh Gia Lai/);
  const mai = page.locator('tr[data-username="motcua.mai"]');
  assert.match(await mai.textContent(), /Nguyễn Thị Mai/);
  assert.match(await mai.textContent(), /Cán bộ Bộ phận Một cửa – Bộ phận Một cửa huyện Đak Pơ/);
  assert.match(await mai.textContent(), /Đang hoạt động/);
  // the card's "Staff accounts" link jumps to the table without redrawing the page
  await page.locator('table.users').evaluate((el) => { el.dataset.marker = 'same'; });
  await page.locator('.role-card[data-role="admin"]').getByRole('link', { name: 'Quản lý tài khoản cán bộ' }).click();
  await page.waitForURL('**/lam-viec#tai-khoan');
  assert.equal(await page.locator('table.users').getAttribute('data-marker'), 'same');
  // no button to lock oneself out
  assert.equal(await page.locator('tr[data-username="admin"] button').count(), 0);
  // narrow to the Justice office
  await page.getByLabel('Đơn vị (gồm cả các đơn vị trực thuộc)').selectOption('dakpo.tuphap');
  await page.locator('table.users caption', { hasText: 'Phòng Tư pháp' }).waitFor();
  assert.deepEqual((await page.locator('table.users tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.username))).sort(),
    ['tuphap.duc', 'tuphap.lan']);
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: join(SHOTS, 'admin-users-table-360x740.png') });
  assertClean(page);
  await page.closeAll();
});

test('admin creates an account, and that person signs in', async () => {
  const page = await openPage(env);
  page.allow('/api/v1/users', 400);
  page.allow('/api/v1/users', 409);
  await signIn(page, 'admin');
  await page.locator('table.users tbody tr').first().waitFor();
  const f = form(page);
  // empty: the browser-side check names every missing field
  await f.getByRole('button', { name: 'Tạo tài khoản' }).click();
  assert.equal(await f.locator('[data-error-for="full_name"]').textContent(), 'Vui lòng nhập họ và tên.');
  assert.equal(await f.locator('[data-error-for="username"]').textContent(), 'Vui lòng nhập tên đăng nhập.');
  assert.equal(await f.locator('[data-error-for="password"]').textContent(), 'Vui lòng nhập mật khẩu ban đầu.');
  // a bad username: the server's message, next to that field
  await fillNewUser(page, { full_name: 'Lý Thị Hoa', username: '1hoa', phone: '0905 111 299', email: 'hoa@dakpo.gialai.gov.vn',
    role: 'specialist', unit: 'dakpo.tuphap', password: 'tuphap-2026' });
  await f.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await f.locator('[data-error-for="username"]').getByText('Tên đăng nhập gồm 3-32 ký tự', { exact: false }).waitFor();
  assert.equal(await f.getByLabel('Tên đăng nhập').getAttribute('aria-invalid'), 'true');
  await screenshots(page, 'admin-create-error');
  // a bad phone number
  await f.getByLabel('Tên đăng nhập').fill('tuphap.hoa');
  await f.getByLabel('Số điện thoại').fill('12345');
  await f.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await f.locator('[data-error-for="phone"]').getByText('Số điện thoại không hợp lệ', { exact: false }).waitFor();
  assert.equal(await f.locator('[data-error-for="username"]').isVisible(), false);
  // all good
  await f.getByLabel('Số điện thoại').fill('0905 111 299');
  await f.getByLabel('Mật khẩu ban đầu').fill('tuphap-2026');
  await f.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await f.getByText('Đã tạo tài khoản tuphap.hoa.').waitFor();
  const row = page.locator('tr[data-username="tuphap.hoa"]');
  await row.waitFor();
  assert.match(await row.textContent(), /Lý Thị Hoa/);
  assert.match(await row.textContent(), /Chuyên viên xử lý – Phòng Tư pháp/);
  assert.equal(await f.getByLabel('Họ và tên').inputValue(), '', 'the form is emptied');

  const hoa = await openPage(env);
  await signIn(hoa, 'tuphap.hoa', 'tuphap-2026');
  assert.equal(await hoa.locator('main h1').textContent(), 'Xin chào, Lý Thị Hoa');
  assert.match(await hoa.locator('.role-list').textContent(), /Chuyên viên xử lý – Phòng Tư pháp/);
  assertClean(hoa);
  await hoa.closeAll();
  assertClean(page);
  await page.closeAll();
});

test('admin disables an account after confirming; it can no longer sign in; then enables it', async () => {
  const page = await openPage(env);
  await signIn(page, 'admin');
  const row = page.locator('tr[data-username="tckh.son"]');
  await row.waitFor();
  // "Cancel" in the confirmation changes nothing
  page.once('dialog', (d) => d.dismiss());
  await row.getByRole('button', { name: 'Khóa' }).click();
  assert.match(await row.textContent(), /Đang hoạt động/);
  // "OK" disables
  let question = '';
  page.once('dialog', (d) => { question = d.message(); d.accept(); });
  await row.getByRole('button', { name: 'Khóa' }).click();
  await row.getByText('Đã khóa', { exact: true }).waitFor();
  assert.match(question, /^Khóa tài khoản Huỳnh Ngọc Sơn \(tckh\.son\)\?/);
  await page.getByText('Đã khóa tài khoản tckh.son.').waitFor();
  await screenshots(page, 'admin-disabled');

  const son = await openPage(env);
  son.allow('/api/v1/auth/login', 403);
  await son.goto('/dang-nhap');
  await son.getByLabel('Tên đăng nhập, số điện thoại hoặc e-mail').fill('tckh.son');
  await son.getByLabel('Mật khẩu', { exact: true }).fill('motcua2026');
  await son.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await son.locator('.form-error').getByText('Tài khoản đã bị khóa; liên hệ quản trị hệ thống').waitFor();
  assertClean(son);
  await son.closeAll();

  page.once('dialog', (d) => d.accept());
  await row.getByRole('button', { name: 'Mở khóa' }).click();
  await row.getByText('Đang hoạt động', { exact: true }).waitFor();
  const again = await openPage(env);
  await signIn(again, 'tckh.son');
  assert.equal(await again.locator('main h1').textContent(), 'Xin chào, Huỳnh Ngọc Sơn');
  assertClean(again);
  await again.closeAll();
  assertClean(page);
  await page.closeAll();
});

test('admin gives a specialist the reporting role, the person sees the reports at once, then the role is taken away', async () => {
  const page = await openPage(env);
  await signIn(page, 'admin');
  const row = page.locator('tr[data-username="tuphap.lan"]');
  await row.waitFor();
  // one role only: nothing to take away (the account would be left with none)
  assert.equal(await row.locator('button[data-revoke]').count(), 0);
  const lan = await openPage(env);
  await signIn(lan, 'tuphap.lan');
  assert.equal(await lan.getByRole('link', { name: 'Báo cáo tình hình giải quyết TTHC (Biểu số 06)' }).count(), 0);

  const grant = page.locator('form.grant-role');
  await grant.getByLabel('Tài khoản').selectOption({ label: 'Phạm Thị Lan (tuphap.lan)' });
  await grant.getByLabel('Vai trò').selectOption('reporter');
  await grant.getByLabel('Đơn vị công tác').selectOption('dakpo.tuphap');
  await grant.getByRole('button', { name: 'Cấp vai trò' }).click();
  await page.getByText('Đã cấp vai trò Tổng hợp, thanh tra – Phòng Tư pháp cho tuphap.lan.').waitFor();
  await row.locator('button[data-revoke="reporter@dakpo.tuphap"]').waitFor();
  await screenshots(page, 'admin-roles');

  // the same session of the person: the workspace now has the reporter's card
  await lan.reload();
  await lan.getByRole('link', { name: 'Báo cáo tình hình giải quyết TTHC (Biểu số 06)' }).waitFor();

  let question = '';
  page.once('dialog', (d) => { question = d.message(); d.accept(); });
  await row.getByRole('button', { name: 'Bỏ vai trò Tổng hợp, thanh tra – Phòng Tư pháp của Phạm Thị Lan' }).click();
  await page.getByText('Đã bỏ vai trò Tổng hợp, thanh tra – Phòng Tư pháp của tuphap.lan.').waitFor();
  assert.match(question, /^Bỏ vai trò Tổng hợp, thanh tra – Phòng Tư pháp của Phạm Thị Lan\?/);
  assert.equal(await row.locator('button[data-revoke]').count(), 0);
  await lan.reload();
  await lan.locator('main .welcome h1').waitFor();
  assert.equal(await lan.getByRole('link', { name: 'Báo cáo tình hình giải quyết TTHC (Biểu số 06)' }).count(), 0);
  assertClean(lan);
  await lan.closeAll();
  assertClean(page);
  await page.closeAll();
});
