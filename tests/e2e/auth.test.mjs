// auth.test.mjs - signing in and out, the errors of the sign-in form, the
// redirect of private pages, an expired session, and changing one's password.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '../lib/server.mjs';
import { setup, openPage, assertClean, screenshots, signIn, PHONE, DEMO_PASSWORD } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });

const LOGIN_LABEL = 'Tên đăng nhập, số điện thoại hoặc e-mail';

test('/lam-viec sends a signed-out visitor to the sign-in page', async () => {
  const page = await openPage(env);
  await page.goto('/lam-viec');
  await page.waitForURL('**/dang-nhap');
  await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
  assertClean(page);
  await page.closeAll();
});

test('empty fields and a wrong password are explained next to the field', async () => {
  const page = await openPage(env);
  page.allow('/api/v1/auth/login', 401);
  await page.goto('/dang-nhap');
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  assert.equal(await page.locator('[data-error-for="login"]').textContent(), 'Vui lòng nhập tên đăng nhập, số điện thoại hoặc e-mail.');
  assert.equal(await page.locator('[data-error-for="password"]').textContent(), 'Vui lòng nhập mật khẩu.');
  await page.getByLabel(LOGIN_LABEL).fill('motcua.mai');
  await page.getByLabel('Mật khẩu', { exact: true }).fill('sai-mat-khau');
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  const err = page.locator('[data-error-for="password"]');
  await page.waitForFunction(() => document.querySelector('[data-error-for="password"]').textContent.indexOf('Sai') === 0);
  assert.equal(await err.textContent(), 'Sai tên đăng nhập hoặc mật khẩu');
  assert.equal(await err.isVisible(), true);
  assert.equal(await page.locator('[data-error-for="login"]').isVisible(), false);
  const pw = page.getByLabel('Mật khẩu', { exact: true });
  assert.equal(await pw.getAttribute('aria-invalid'), 'true');
  // the error is tied to the field for screen readers
  const described = await pw.getAttribute('aria-describedby');
  assert.ok(described.split(' ').includes(await err.getAttribute('id')));
  await screenshots(page, 'login-error');
  assertClean(page);
  await page.closeAll();
});

test('the show-password button reveals and hides the password', async () => {
  const page = await openPage(env, { viewport: PHONE });
  await page.goto('/dang-nhap');
  const pw = page.getByLabel('Mật khẩu', { exact: true });
  await pw.fill('bí mật');
  assert.equal(await pw.getAttribute('type'), 'password');
  await page.getByRole('button', { name: 'Hiện mật khẩu' }).click();
  assert.equal(await pw.getAttribute('type'), 'text');
  assert.equal(await page.getByRole('button', { name: 'Ẩn mật khẩu' }).getAttribute('aria-pressed'), 'true');
  await page.getByRole('button', { name: 'Ẩn mật khẩu' }).click();
  assert.equal(await pw.getAttribute('type'), 'password');
  await screenshots(page, 'login');
  assertClean(page);
  await page.closeAll();
});

test('too many failed sign-ins: the rate-limit message is shown', async () => {
  const api = new Client(env.base);
  for (let i = 0; i < 5; i++) await api.login('tckh.hoa', 'wrong-password');
  const page = await openPage(env);
  page.allow('/api/v1/auth/login', 429);
  await page.goto('/dang-nhap');
  await page.getByLabel(LOGIN_LABEL).fill('tckh.hoa');
  await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  const box = page.locator('.form-error');
  await box.waitFor();
  assert.match(await box.textContent(), /^Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần; thử lại sau \d+ phút$/);
  assertClean(page);
  await page.closeAll();
});

test('motcua.mai signs in, sees who she is, reloads, and signs out', async () => {
  const page = await openPage(env);
  await signIn(page, 'motcua.mai');
  assert.equal(await page.locator('main h1').textContent(), 'Xin chào, Nguyễn Thị Mai');
  const roles = page.locator('.role-list');
  assert.match(await roles.textContent(), /Cán bộ Bộ phận Một cửa – Bộ phận Một cửa huyện Đak Pơ/);
  for (const m of ['Tiếp nhận hồ sơ', 'Hồ sơ trực tuyến chờ kiểm tra', 'Trả kết quả']) {
    assert.equal(await page.locator('.role-card[data-role="desk_officer"]').getByText(m, { exact: true }).count(), 1, m);
  }
  assert.match(await page.title(), /^Trang làm việc/);
  // a reload keeps the session (GET /api/v1/session)
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Xin chào, Nguyễn Thị Mai' }).waitFor();
  // English, then back
  await page.getByRole('button', { name: /English/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Hello, Nguyễn Thị Mai' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'lang-switch', 'the switch keeps the focus');
  assert.match(await roles.textContent(), /One-stop desk officer/);
  await page.getByRole('button', { name: /Tiếng Việt/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Xin chào, Nguyễn Thị Mai' }).waitFor();
  // sign out
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.waitForURL('**/dang-nhap');
  await page.getByText('Bạn đã đăng xuất.').waitFor();
  await page.goto('/lam-viec');
  await page.waitForURL('**/dang-nhap');
  await page.locator('main h1').waitFor(); // the page is drawn after the address changes
  assert.equal(await page.evaluate(() => document.activeElement.name), 'login', 'the sign-in page starts in its first field');
  assert.equal(await page.getByRole('link', { name: 'Đăng nhập' }).count(), 1);
  assertClean(page);
  await page.closeAll();
});

test('a citizen signs in with a phone number written with spaces', async () => {
  const page = await openPage(env);
  await signIn(page, '0912 345 678');
  assert.equal(await page.locator('main h1').textContent(), 'Xin chào, Nguyễn Văn An');
  assertClean(page);
  await page.closeAll();
});

test('a session that ended on the server sends the next API call to sign-in', async () => {
  const page = await openPage(env);
  page.allow('/api/v1/session/password', 401);
  await signIn(page, 'tuphap.lan');
  await page.locator('.worklist .counts').waitFor(); // nothing in flight any more
  await page.context().clearCookies();
  await page.getByRole('link', { name: 'Đổi mật khẩu' }).first().click();
  await page.getByLabel('Mật khẩu hiện tại').fill(DEMO_PASSWORD);
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill('matkhau-moi-2026');
  await page.getByLabel('Nhập lại mật khẩu mới').fill('matkhau-moi-2026');
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await page.waitForURL('**/dang-nhap?next=*');
  await page.getByText('Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.').waitFor();
  // signing in again comes back to the page that was open
  await page.getByLabel(LOGIN_LABEL).fill('tuphap.lan');
  await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForURL('**/lam-viec/doi-mat-khau');
  assertClean(page);
  await page.closeAll();
});

test('change password: errors, success, and the new password works', async () => {
  const page = await openPage(env);
  page.allow('/api/v1/session/password', 403);
  page.allow('/api/v1/session/password', 400);
  await signIn(page, 'tuphap.duc');
  await page.getByRole('link', { name: 'Đổi mật khẩu' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Đổi mật khẩu' }).waitFor();
  const oldPw = page.getByLabel('Mật khẩu hiện tại');
  const newPw = page.getByLabel('Mật khẩu mới', { exact: true });
  const again = page.getByLabel('Nhập lại mật khẩu mới');
  const submit = page.getByRole('button', { name: 'Đổi mật khẩu' });
  // the two new passwords differ
  await oldPw.fill(DEMO_PASSWORD);
  await newPw.fill('matkhau-moi-2026');
  await again.fill('matkhau-khac');
  await submit.click();
  assert.equal(await page.locator('[data-error-for="confirm"]').textContent(), 'Hai lần nhập mật khẩu mới không khớp nhau.');
  // wrong current password: the server's message, next to that field
  await oldPw.fill('khong-dung-2026');
  await again.fill('matkhau-moi-2026');
  await submit.click();
  await page.locator('[data-error-for="old_password"]').getByText('Mật khẩu hiện tại không đúng').waitFor();
  // too weak: the server names "password", shown at the new password
  await oldPw.fill(DEMO_PASSWORD);
  await newPw.fill('12345678');
  await again.fill('12345678');
  await submit.click();
  await page.locator('[data-error-for="new_password"]').getByText('Mật khẩu cần ít nhất 8 ký tự và không chỉ gồm chữ số').waitFor();
  await screenshots(page, 'change-password-error');
  // success
  await oldPw.fill(DEMO_PASSWORD);
  await newPw.fill('matkhau-moi-2026');
  await again.fill('matkhau-moi-2026');
  await submit.click();
  await page.getByText('Đã đổi mật khẩu. Lần đăng nhập sau, hãy dùng mật khẩu mới.').waitFor();
  await screenshots(page, 'change-password');
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.waitForURL('**/dang-nhap');
  await signIn(page, 'tuphap.duc', 'matkhau-moi-2026');
  assert.equal(await page.locator('main h1').textContent(), 'Xin chào, Võ Minh Đức');
  assertClean(page);
  await page.closeAll();
});
