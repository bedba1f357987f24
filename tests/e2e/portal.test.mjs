// portal.test.mjs - the citizens' portal home, the language switch, the
// not-found page, the icons, print, and the first-load size.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, assertClean, screenshots, PHONE } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });

const DESKS = ['Bộ phận Một cửa huyện Đak Pơ', 'Bộ phận Một cửa thị trấn Đak Pơ', 'Bộ phận Một cửa xã An Thành',
  'Bộ phận Một cửa xã Cư An', 'Bộ phận Một cửa xã Hà Tam', 'Bộ phận Một cửa xã Phú An', 'Bộ phận Một cửa xã Tân An',
  'Bộ phận Một cửa xã Ya Hội', 'Bộ phận Một cửa xã Yang Bắc'];

test('portal home lists the district desk and the 8 commune desks', async () => {
  const page = await openPage(env);
  await page.goto('/');
  await page.locator('.desk').nth(8).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  assert.match(await page.title(), /Một cửa điện tử huyện Đak Pơ/);
  assert.equal(await page.locator('.brand-name').textContent(), 'Một cửa điện tử huyện Đak Pơ');
  assert.deepEqual(await page.locator('.desk h3').allTextContents(), DESKS);
  const district = page.locator('.desk[data-unit="dakpo.motcua"]');
  assert.match(await district.textContent(), /Văn phòng HĐND và UBND huyện/);
  assert.match(await district.textContent(), /Thị trấn Đak Pơ, huyện Đak Pơ/);
  assert.equal(await district.getByRole('link', { name: '0269 3838 111' }).getAttribute('href'), 'tel:02693838111');
  const anThanh = page.locator('.desk[data-unit="anthanh.motcua"]');
  assert.match(await anThanh.textContent(), /UBND xã An Thành/);
  assert.match(await anThanh.textContent(), /Xã An Thành, huyện Đak Pơ, tỉnh Gia Lai/);
  await screenshots(page, 'portal-home');
  assertClean(page);
  await page.closeAll();
});

test('procedure search and dossier lookup explain that they are coming', async () => {
  const page = await openPage(env, { viewport: PHONE });
  await page.goto('/');
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  const codeErr = page.locator('[data-error-for="code"]');
  assert.equal(await codeErr.textContent(), 'Vui lòng nhập mã hồ sơ.');
  assert.equal(await page.getByLabel('Mã hồ sơ').getAttribute('aria-invalid'), 'true');
  await page.getByLabel('Mã hồ sơ').fill('000.00.27.H21-250115-0001');
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  await page.getByText('Chức năng tra cứu hồ sơ trực tuyến sắp hoạt động', { exact: false }).waitFor();
  assert.equal(await codeErr.isHidden(), true);
  await page.getByLabel('Tên thủ tục hoặc lĩnh vực').fill('chứng thực');
  await page.getByRole('button', { name: 'Tìm kiếm' }).click();
  await page.getByText('Danh mục thủ tục hành chính sắp được đưa lên cổng', { exact: false }).waitFor();
  await screenshots(page, 'portal-home-notices');
  assertClean(page);
  await page.closeAll();
});

test('language switch to English and back, kept across reloads', async () => {
  const page = await openPage(env);
  await page.goto('/');
  await page.locator('.desk').first().waitFor();
  await page.getByRole('button', { name: /English/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Administrative procedures in Đak Pơ District' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.locator('.desk h3').first().textContent(), 'Đak Pơ district one-stop desk');
  assert.equal(await page.getByRole('link', { name: 'Sign in' }).count(), 1);
  await page.reload();
  await page.locator('.desk').first().waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.locator('.skip-link').textContent(), 'Skip to main content');
  await screenshots(page, 'portal-home-en');
  await page.getByRole('button', { name: /Tiếng Việt/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Thủ tục hành chính huyện Đak Pơ' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  assert.equal(await page.locator('.skip-link').textContent(), 'Bỏ qua, đến nội dung chính');
  assertClean(page);
  await page.closeAll();
});

test('an unknown address shows the not-found page; Back and Forward work', async () => {
  const page = await openPage(env);
  await page.goto('/khong-co-trang-nay');
  await page.getByRole('heading', { level: 1, name: 'Không tìm thấy trang' }).waitFor();
  await page.getByRole('link', { name: 'Về trang chủ' }).click();
  await page.waitForURL(env.base + '/');
  await page.locator('.desk').first().waitFor();
  // the browser's Back button returns to the previous page
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: 'Không tìm thấy trang' }).waitFor();
  await page.goForward();
  await page.getByRole('heading', { level: 1, name: 'Thủ tục hành chính huyện Đak Pơ' }).waitFor();
  assertClean(page);
  await page.closeAll();
});

test('both icons are served, and print hides the navigation', async () => {
  for (const [path, type] of [['/favicon.ico', 'image/x-icon'], ['/favicon.svg', 'image/svg+xml']]) {
    const r = await fetch(env.base + path);
    assert.equal(r.status, 200, path);
    assert.equal(r.headers.get('content-type'), type);
  }
  const page = await openPage(env);
  await page.goto('/');
  await page.locator('.desk').first().waitFor();
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('#nav').isVisible(), false);
  assert.equal(await page.locator('#lang-switch').isVisible(), false);
  assert.equal(await page.locator('.desk').first().isVisible(), true);
  assertClean(page);
  await page.closeAll();
});

test('the portal home loads in under 100 KB', async (t) => {
  const page = await openPage(env);
  const requests = [];
  page.on('requestfinished', (r) => requests.push(r));
  await page.goto('/');
  await page.locator('.desk').nth(8).waitFor();
  await page.waitForLoadState('networkidle');
  let total = 0;
  const lines = [];
  for (const r of requests) {
    const s = await r.sizes();
    const bytes = s.responseBodySize + s.responseHeadersSize;
    total += bytes;
    lines.push(`${String(bytes).padStart(6)} bytes  ${new URL(r.url()).pathname}`);
  }
  t.diagnostic(`first load of /: ${requests.length} requests, ${total} bytes`);
  lines.forEach((l) => t.diagnostic(l));
  assert.ok(total < 100 * 1024, `first load is ${total} bytes`);
  assertClean(page);
  await page.closeAll();
});
