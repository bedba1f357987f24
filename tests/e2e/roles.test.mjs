// roles.test.mjs - every demo role gets its own workspace: the greeting, the
// role with its Vietnamese label and unit, and the card of its modules.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, assertClean, screenshots, signIn } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });

const PEOPLE = [
  { login: 'admin', name: 'Trần Văn Quản', role: 'admin', label: 'Quản trị hệ thống', unit: 'UBND tỉnh Gia Lai', module: 'Quản lý tài khoản cán bộ' },
  { login: 'motcua.mai', name: 'Nguyễn Thị Mai', role: 'desk_officer', label: 'Cán bộ Bộ phận Một cửa', unit: 'Bộ phận Một cửa huyện Đak Pơ', module: 'Tiếp nhận hồ sơ' },
  { login: 'tuphap.lan', name: 'Phạm Thị Lan', role: 'specialist', label: 'Chuyên viên xử lý', unit: 'Phòng Tư pháp', module: 'Hồ sơ được giao xử lý' },
  { login: 'tuphap.duc', name: 'Võ Minh Đức', role: 'head', label: 'Lãnh đạo phòng', unit: 'Phòng Tư pháp', module: 'Phân công xử lý' },
  { login: 'lanhdao.thanh', name: 'Nguyễn Văn Thành', role: 'leader', label: 'Lãnh đạo UBND', unit: 'UBND huyện Đak Pơ', module: 'Hồ sơ chờ ký duyệt' },
  { login: 'tonghop.linh', name: 'Trương Mỹ Linh', role: 'reporter', label: 'Tổng hợp, thanh tra', unit: 'UBND huyện Đak Pơ', module: 'Báo cáo tình hình giải quyết TTHC (Biểu số 06)' },
  { login: 'anthanh.motcua', name: "Ksor H'Hen", role: 'desk_officer', label: 'Cán bộ Bộ phận Một cửa', unit: 'Bộ phận Một cửa xã An Thành', module: 'Trả kết quả' },
  { login: '0912345678', name: 'Nguyễn Văn An', role: 'citizen', label: 'Công dân, tổ chức', unit: '', module: 'Hồ sơ của tôi' },
];

for (const p of PEOPLE) {
  test(`${p.login}: ${p.label}`, async () => {
    const page = await openPage(env);
    await signIn(page, p.login);
    assert.equal(await page.locator('main h1').textContent(), `Xin chào, ${p.name}`);
    const item = page.locator(`.role-list li[data-role="${p.role}"]`);
    assert.equal(await item.locator('strong').textContent(), p.label);
    if (p.unit) assert.match(await item.textContent(), new RegExp(`– ${p.unit}$`));
    const card = page.locator(`.role-card[data-role="${p.role}"]`);
    assert.equal(await card.locator('h2').textContent(), p.label);
    assert.equal(await card.getByText(p.module, { exact: true }).count(), 1);
    // every module is listed, marked "Đã có" (a link) or "Sắp có"
    assert.equal(await card.locator('.modules li').count(), await card.locator('.modules .tag').count());
    assert.equal(await page.locator('#tai-khoan').count(), p.role === 'admin' ? 1 : 0);
    if (p.role === 'admin') await page.locator('table.users tbody tr').first().waitFor();
    await screenshots(page, `work-${p.role}-${p.login.replace(/\W/g, '')}`);
    assertClean(page);
    await page.closeAll();
  });
}
