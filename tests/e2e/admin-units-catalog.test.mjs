// admin-units-catalog.test.mjs - the administrator's unit tree
// (/lam-viec/don-vi: add a commune's desk, see it under its commune, rename
// it, the server's refusals under their field) and catalog
// (/lam-viec/thu-tuc: find a procedure typed without diacritics, abolish it
// with its decision after confirming, see it gone from the public search;
// import checks; export link), at 360 and 1366 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, assertClean, screenshots, signIn, PHONE, DESKTOP } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });

const codesInTree = (page) => page.locator('table.unit-tree tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.code));

async function noSideScroll(page) {
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= PHONE.width, `no horizontal scrolling at 360 px (page is ${wide} px wide)`);
}

test('admin adds a commune desk, finds it under its commune, renames it; the server\'s refusals show at the field', async () => {
  const page = await openPage(env);
  page.allow('/api/v1/units', 409);
  page.allow('/api/v1/units/anthanh.thonhai', 400);
  await signIn(page, 'admin');
  // from the admin card's module link
  await page.locator('.role-card[data-role="admin"]').getByRole('link', { name: 'Cơ cấu đơn vị' }).click();
  await page.waitForURL('**/lam-viec/don-vi');
  await page.getByRole('heading', { level: 1, name: 'Cơ cấu đơn vị' }).waitFor();
  await page.locator('table.unit-tree tbody tr').first().waitFor();
  let codes = await codesInTree(page);
  assert.equal(codes.length, 33);
  assert.deepEqual(codes.slice(0, 4), ['gialai', 'dakpo', 'anthanh', 'anthanh.motcua']);
  const district = page.locator('tr[data-code="dakpo"]');
  assert.match(await district.textContent(), /UBND huyện Đak Pơ/);
  assert.match(await district.textContent(), /Đak Pơ District People's Committee/);
  assert.match(await district.textContent(), /Huyện/);
  assert.match(await district.textContent(), /000\.00\.27\.H21/);
  assert.match(await page.locator('tr[data-code="dakpo.motcua"]').textContent(), /Bộ phận Một cửa.*Dùng mã của đơn vị cấp trên/);

  const form = page.locator('form.unit-create');
  // nothing typed: the browser names both missing fields
  await form.getByRole('button', { name: 'Thêm đơn vị' }).click();
  assert.equal(await form.locator('[data-error-for="code"]').textContent(), 'Vui lòng nhập mã trong hệ thống.');
  assert.equal(await form.locator('[data-error-for="name"]').textContent(), 'Vui lòng nhập tên đơn vị.');
  await form.getByLabel('Đơn vị cấp trên').selectOption('anthanh');
  assert.equal(await form.getByLabel('Loại đơn vị').inputValue(), 'desk', 'a commune\'s new unit is most likely a desk');
  await form.getByLabel('Mã trong hệ thống').fill('anthanh.thonhai');
  await form.getByLabel('Tên đơn vị (tiếng Việt)').fill('Điểm tiếp nhận hồ sơ thôn Hai');
  await form.getByLabel('Tên tiếng Anh').fill('Village 2 intake point');
  await form.getByRole('button', { name: 'Thêm đơn vị' }).click();
  await form.getByText('Đã thêm đơn vị Điểm tiếp nhận hồ sơ thôn Hai (mã anthanh.thonhai).').waitFor();
  const row = page.locator('tr[data-code="anthanh.thonhai"]');
  await row.waitFor();
  // under its commune: right after An Thành's own units, before the next commune
  codes = await codesInTree(page);
  assert.ok(codes.indexOf('anthanh') < codes.indexOf('anthanh.thonhai'));
  assert.ok(codes.indexOf('anthanh.thonhai') < codes.indexOf('cuan'));
  assert.equal(await row.getAttribute('data-depth'), '3');
  assert.equal(await page.locator('tr[data-code="anthanh"]').getAttribute('data-depth'), '2');
  assert.match(await row.textContent(), /Trực thuộc: UBND xã An Thành/);
  assert.match(await row.textContent(), /Bộ phận Một cửa/);
  assert.equal(await form.getByLabel('Mã trong hệ thống').inputValue(), '', 'the form is emptied');

  // the same code again: the server's 409, under the code field
  await form.getByLabel('Đơn vị cấp trên').selectOption('anthanh');
  await form.getByLabel('Mã trong hệ thống').fill('anthanh.thonhai');
  await form.getByLabel('Tên đơn vị (tiếng Việt)').fill('Trùng mã');
  await form.getByRole('button', { name: 'Thêm đơn vị' }).click();
  await form.locator('[data-error-for="code"]').getByText('Mã đơn vị đã tồn tại').waitFor();
  assert.equal(await form.getByLabel('Mã trong hệ thống').getAttribute('aria-invalid'), 'true');
  await screenshots(page, 'admin-units-create-error');

  // rename it; a bad agency code first
  await row.getByRole('button', { name: 'Sửa đơn vị Điểm tiếp nhận hồ sơ thôn Hai' }).click();
  const edit = page.locator('form.unit-edit');
  await edit.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'units-edit-h');
  assert.equal(await edit.getByLabel('Tên đơn vị (tiếng Việt)').inputValue(), 'Điểm tiếp nhận hồ sơ thôn Hai');
  await edit.getByLabel('Mã cơ quan (QCVN)').fill('000.22 27');
  await edit.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await edit.locator('[data-error-for="agency_code"]').getByText('Mã cơ quan chỉ gồm chữ, số', { exact: false }).waitFor();
  assert.equal(await edit.getByLabel('Mã cơ quan (QCVN)').getAttribute('aria-invalid'), 'true');
  await screenshots(page, 'admin-units-edit-error');
  await edit.getByLabel('Mã cơ quan (QCVN)').fill('000.22.27.H21.02');
  await edit.getByLabel('Tên đơn vị (tiếng Việt)').fill('Điểm tiếp nhận hồ sơ thôn Hai, xã An Thành');
  await edit.getByLabel('Tên tiếng Anh').fill('An Thành village 2 intake point');
  await edit.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await page.getByText('Đã lưu đơn vị Điểm tiếp nhận hồ sơ thôn Hai, xã An Thành.').waitFor();
  await edit.waitFor({ state: 'detached' });
  assert.match(await row.textContent(), /Điểm tiếp nhận hồ sơ thôn Hai, xã An Thành/);
  assert.match(await row.textContent(), /An Thành village 2 intake point/);
  assert.match(await row.textContent(), /000\.22\.27\.H21\.02/);
  // the public API says the same
  const pub = await page.evaluate(() => fetch('/api/v1/units/anthanh.thonhai').then((r) => r.json()));
  assert.equal(pub.name, 'Điểm tiếp nhận hồ sơ thôn Hai, xã An Thành');
  assert.equal(pub.agency_code, '000.22.27.H21.02');

  await page.setViewportSize(PHONE);
  await noSideScroll(page);
  await page.setViewportSize(DESKTOP);
  await screenshots(page, 'admin-units');
  assertClean(page);
  await page.closeAll();
});

test('the unit page in English, and not for a desk officer', async () => {
  const page = await openPage(env, { viewport: PHONE });
  await signIn(page, 'admin');
  await page.getByRole('button', { name: /English/ }).click();
  await page.getByRole('heading', { level: 1, name: /^Hello, / }).waitFor();
  await page.goto('/lam-viec/don-vi');
  await page.getByRole('heading', { level: 1, name: 'Unit structure' }).waitFor();
  await page.locator('table.unit-tree tbody tr').first().waitFor();
  assert.match(await page.locator('tr[data-code="dakpo.tuphap"]').textContent(), /Specialised department/);
  assert.match(await page.locator('tr[data-code="dakpo.tuphap"]').textContent(), /Part of: Đak Pơ District People's Committee/);
  await noSideScroll(page);
  assertClean(page);
  await page.closeAll();

  const desk = await openPage(env);
  await signIn(desk, 'motcua.mai');
  await desk.goto('/lam-viec/don-vi');
  await desk.getByText('Bạn không quản trị đơn vị nào.').waitFor();
  assert.equal(await desk.locator('form.unit-create').count(), 0);
  assertClean(desk);
  await desk.closeAll();
});

test('admin finds a procedure typed without diacritics, abolishes it with its decision; the portal no longer offers it', async () => {
  const page = await openPage(env);
  await signIn(page, 'admin');
  await page.locator('.role-card[data-role="admin"]').getByRole('link', { name: 'Danh mục thủ tục hành chính' }).click();
  await page.waitForURL('**/lam-viec/thu-tuc');
  await page.locator('table.catadm-table tbody tr').first().waitFor();
  assert.match(await page.locator('.search-count').textContent(), /trên 121 thủ tục/);
  // the abolished and replaced ones of the demo catalog are listed too
  await page.getByLabel('Trạng thái', { exact: true }).selectOption('abolished');
  await page.locator('.search-count', { hasText: 'Đang hiện 2 trên 2 thủ tục' }).waitFor();
  assert.equal(await page.locator('table.catadm-table tbody tr[data-status="abolished"]').count(), 2);
  await page.getByLabel('Trạng thái', { exact: true }).selectOption('');

  await page.getByLabel('Tìm thủ tục').fill('khai bao hoat dong co so dich vu photocopy');
  const row = page.locator('tr[data-code="1.004657"]');
  await page.locator('table.catadm-table tbody tr').first().and(row).waitFor();
  assert.match(await row.textContent(), /Khai báo hoạt động cơ sở dịch vụ photocopy/);
  assert.match(await row.textContent(), /Đang có hiệu lực/);
  await row.getByRole('button', { name: 'Đổi trạng thái thủ tục Khai báo hoạt động cơ sở dịch vụ photocopy' }).click();
  const f = page.locator('form.catadm-change');
  await f.waitFor();
  assert.equal(await f.getByLabel('Trạng thái mới').inputValue(), 'abolished');
  assert.equal(await f.getByLabel('Mã thủ tục thay thế').isVisible(), false);
  // the decision is needed: checked before asking
  await f.getByRole('button', { name: 'Lưu trạng thái' }).click();
  assert.equal(await f.locator('[data-error-for="decision_number"]').textContent(), 'Vui lòng nhập số quyết định.');
  assert.equal(await f.locator('[data-error-for="decision_date"]').textContent(), 'Vui lòng nhập ngày quyết định.');
  await f.getByLabel('Số quyết định công bố').fill('2468/QĐ-UBND');
  await f.getByLabel('Ngày quyết định').fill('2026-12-01');
  await f.getByLabel('Người, cơ quan ban hành').fill('Chủ tịch UBND tỉnh Gia Lai');
  await screenshots(page, 'admin-catalog-change');
  // "Cancel" in the confirmation changes nothing
  page.once('dialog', (d) => d.dismiss());
  await f.getByRole('button', { name: 'Lưu trạng thái' }).click();
  assert.match(await row.textContent(), /Đang có hiệu lực/);
  let question = '';
  page.once('dialog', (d) => { question = d.message(); d.accept(); });
  await f.getByRole('button', { name: 'Lưu trạng thái' }).click();
  await page.getByText('Đã chuyển thủ tục 1.004657 sang trạng thái "Đã bãi bỏ"', { exact: false }).waitFor();
  assert.match(question, /^Chuyển thủ tục 1\.004657 – Khai báo hoạt động cơ sở dịch vụ photocopy sang trạng thái "Đã bãi bỏ" theo quyết định 2468\/QĐ-UBND\?/);
  await row.locator('[data-status="abolished"]').waitFor();
  assert.match(await row.textContent(), /Đã bãi bỏ/);
  assert.equal(await page.locator('form.catadm-change').count(), 0);
  const doc = await page.evaluate(() => fetch('/api/v1/procedures/1.004657').then((r) => r.json()));
  assert.equal(doc.status, 'abolished');
  assert.equal(doc.decision.number, '2468/QĐ-UBND');
  assert.equal(doc.decision.date, '2026-12-01');

  await page.setViewportSize(PHONE);
  await noSideScroll(page);
  await page.setViewportSize(DESKTOP);
  await screenshots(page, 'admin-catalog');

  // a visitor's search: the other photocopy procedure, not the abolished one
  const visitor = await openPage(env);
  await visitor.goto('/');
  await visitor.getByLabel('Tên thủ tục hoặc lĩnh vực').fill('khai bao co so dich vu photocopy');
  await visitor.locator('.result a[href="/thu-tuc/1.004652"]').waitFor();
  assert.equal(await visitor.locator('.result a[href="/thu-tuc/1.004657"]').count(), 0);
  assertClean(visitor);
  await visitor.closeAll();
  assertClean(page);
  await page.closeAll();
});

test('catalog file: export link, a broken file refused in the browser, the exported catalog imports as nothing new', async () => {
  const page = await openPage(env, { viewport: PHONE });
  await signIn(page, 'admin');
  await page.goto('/lam-viec/thu-tuc');
  await page.locator('table.catadm-table tbody tr').first().waitFor();
  const exp = page.locator('#catadm-export');
  assert.equal(await exp.getAttribute('href'), '/api/v1/catalog/export');
  assert.equal(await exp.getAttribute('download'), 'danh-muc-thu-tuc.json');
  const form = page.locator('form.catadm-import');
  await form.getByRole('button', { name: 'Kiểm tra và nhập' }).click();
  assert.equal(await form.locator('[data-error-for="file"]').textContent(), 'Vui lòng chọn tệp danh mục.');
  await form.getByLabel('Tệp danh mục cần nhập').setInputFiles({ name: 'hong.json', mimeType: 'application/json', buffer: Buffer.from('{"procedures": [') });
  await form.getByRole('button', { name: 'Kiểm tra và nhập' }).click();
  await form.locator('[data-error-for="file"]').getByText('Tệp này không phải JSON hợp lệ.').waitFor();
  const exported = await page.evaluate(() => fetch('/api/v1/catalog/export').then((r) => r.text()));
  await form.getByLabel('Tệp danh mục cần nhập').setInputFiles({ name: 'danh-muc.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await form.getByRole('button', { name: 'Kiểm tra và nhập' }).click();
  await form.getByText(/^Tệp không có gì mới: \d+ thủ tục đã có, giữ nguyên\.$/).waitFor();
  assert.equal(await form.locator('[data-error-for="file"]').isVisible(), false);
  await noSideScroll(page);
  assertClean(page);
  await page.closeAll();
});
