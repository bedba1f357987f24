// statistics.test.mjs - the reporting officer's statistics pages next to
// Biểu 06: the quality evaluation (ND 61/2018), the service index and the
// annual reform appendices (figures typed by hand, saved, exported).  The
// history is the crafted fixture of tests/api/quality.test.mjs (every score
// known by hand: April 2026, 3 dossiers scored 16.7, 15.4 and 11.6), imported
// with the CLI; each figure on screen is compared with the API's answer and,
// where the fixture fixes it, with the hand-computed value.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, openPage, assertClean, screenshots, signIn } from './helpers.mjs';
import { Client, motcua, ROOT } from '../lib/server.mjs';

const FIXTURE = join(ROOT, 'tests/fixtures/quality-history.jsonl');
const APRIL = 'from=2026-04-01&to=2026-04-30&unit=dakpo';
const comma = (v) => (Math.round(v * 10) / 10).toFixed(1).replace('.', ',');

let env;
let tmp;
before(async () => {
  env = await setup();
  tmp = mkdtempSync(join(tmpdir(), 'motcua-stats-'));
  const r = motcua(['--db', env.server.db, 'dossier', 'import', FIXTURE]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
after(async () => {
  if (env) await env.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('the reporter reads the quality evaluation and the service index of April', async () => {
  const api = new Client(env.base);
  assert.equal((await api.login('tonghop.linh')).status, 200);
  const quality = (await api.get(`/api/v1/reports/quality?${APRIL}`)).json;
  const index = (await api.get(`/api/v1/reports/index?${APRIL}`)).json;
  assert.equal(quality.total.score, 14.6); // (16.7 + 15.4 + 11.6) / 3, by hand

  const page = await openPage(env);
  await signIn(page, 'tonghop.linh');
  await page.getByRole('link', { name: 'Đánh giá chất lượng giải quyết TTHC' }).click();
  await page.waitForURL(/\/lam-viec\/chat-luong/);
  // the form of this page (not the one being replaced), once its first report is drawn
  const qf = page.locator('#quality-form');
  await page.locator('#q-sum-h').waitFor();
  await qf.getByLabel('Từ ngày').fill('2026-04-01');
  await qf.getByLabel('Đến ngày').fill('2026-04-30');
  await qf.getByRole('button', { name: 'Xem báo cáo' }).click();
  await page.waitForURL(/from=2026-04-01/);
  assert.equal(await page.locator('#q-score').textContent(), '14,6 / 18 điểm');
  assert.equal(await page.locator('#q-band').textContent(), quality.total.band_vi);
  // nine indicators, those without data said in words
  const rows = page.locator('table.q-indicators tbody tr');
  assert.equal(await rows.count(), 9);
  for (const i of quality.indicators) {
    const cell = page.locator(`table.q-indicators tr[data-key="${i.key}"] td.num`).first();
    assert.equal(await cell.textContent(), i.mean === null ? 'Chưa chấm' : `${comma(i.mean)} / 2`, i.key);
  }
  // agencies: the resolving department with its score
  const agency = page.locator('table.q-agencies tbody tr').first();
  assert.match(await agency.textContent(), /Phòng Tài chính/);
  // the lowest score first: the late dossier (11.6), with what it lost
  const low = page.locator('table.q-lowest tbody tr').first();
  assert.equal(await low.getAttribute('data-code'), '000.00.27.H21-260413-0003');
  assert.match(await low.textContent(), /11,6/);
  assert.match(await low.textContent(), /Tổng thời gian giải quyết TTHC so với quy định \(0\)/);
  await screenshots(page, 'report-quality');

  // the tab to the service index keeps nothing of the period: choose it again
  await page.getByRole('link', { name: 'Chỉ số phục vụ người dân, doanh nghiệp' }).click();
  await page.waitForURL(/\/lam-viec\/chi-so/);
  const sf = page.locator('#index-form');
  await page.locator('#si-sum-h').waitFor();
  await sf.getByLabel('Từ ngày').fill('2026-04-01');
  await sf.getByLabel('Đến ngày').fill('2026-04-30');
  await sf.getByRole('button', { name: 'Xem báo cáo' }).click();
  await page.waitForURL(/from=2026-04-01/);
  assert.equal(await page.locator('#si-total').textContent(), `${comma(index.total)} / 100 điểm`);
  for (const g of index.groups) {
    const row = page.locator(`table.si-groups tr[data-key="${g.key}"]`);
    const text = await row.textContent();
    assert.ok(text.includes(`${g.numerator} / ${g.denominator}`), g.key);
    assert.ok(text.includes(g.share === null ? 'Chưa có số liệu' : `${comma(g.share)} %`), g.key);
  }
  // the points of the groups add up to the index (to rounding)
  const points = await page.locator('table.si-groups td[data-label="Điểm đóng góp"]').allTextContents();
  const sum = points.filter((p) => p !== '–').reduce((s, p) => s + Number(p.replace(',', '.')), 0);
  assert.ok(Math.abs(sum - index.total) < 0.35, `${sum} vs ${index.total}`);
  await screenshots(page, 'report-service-index');

  // English: the same page in the other language
  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('h1', { hasText: 'Service index for citizens and businesses' }).waitFor();
  assert.equal(await page.locator('#si-total').textContent(), `${(Math.round(index.total * 10) / 10).toFixed(1)} / 100 points`);
  assertClean(page);
});

test('the reporter types the hand-kept figures of the appendices, saves them and downloads the workbook', async () => {
  const page = await openPage(env);
  await signIn(page, 'tonghop.linh');
  await page.getByRole('link', { name: 'Phụ lục báo cáo cải cách hành chính' }).click();
  await page.waitForURL(/\/lam-viec\/phu-luc/);
  await page.locator('#apx-sum-h').waitFor();
  // another year first, then 2026: each choice redraws the sheet, and its
  // heading says which year is on screen before anything is typed into it
  for (const year of ['2025', '2026']) {
    await page.getByLabel('Năm báo cáo').selectOption(year);
    await page.getByRole('button', { name: 'Xem báo cáo' }).click();
    await page.locator('#apx-sum-h', { hasText: `Các phụ lục năm ${year}:` }).waitFor();
  }
  // an automatic row is read-only and says where it comes from
  const auto = page.locator('tr[data-key="pl3.tong"]');
  assert.match(await auto.textContent(), /Tự động/);
  assert.equal(await auto.locator('input').count(), 0);
  // hand-kept figures: numbers with the decimal comma and the thousands dot, and a text
  await page.getByLabel('Số lớp tập huấn chuyên đề CCHC').fill('3');
  await page.getByLabel('Mức độ hài lòng chung').fill('87,5');
  await page.getByLabel('Số lượng mẫu đã khảo sát').fill('1.250'); // a thousands dot, as Vietnamese writes it
  await page.getByLabel('Hình thức tuyên truyền CCHC khác (nếu có)').fill('Loa phát thanh thôn, làng');
  await page.getByRole('button', { name: 'Lưu số liệu' }).click();
  await page.getByText('Đã lưu số liệu các phụ lục.').waitFor();
  // stored as the right types, and shown again as "entered" after a reload
  const api = new Client(env.base);
  assert.equal((await api.login('tonghop.linh')).status, 200);
  const stored = (await api.get('/api/v1/reports/appendices/manual?year=2026&unit=dakpo')).json.values;
  assert.equal(stored['pl1.lop_tap_huan'], 3);
  assert.equal(stored['pl1.hai_long'], 87.5);
  assert.equal(stored['pl1.khao_sat_mau'], 1250);
  assert.equal(stored['pl1.tuyen_truyen_khac'], 'Loa phát thanh thôn, làng');
  await page.reload();
  await page.locator('tr[data-key="pl1.lop_tap_huan"]').waitFor();
  assert.equal(await page.getByLabel('Số lớp tập huấn chuyên đề CCHC').inputValue(), '3');
  assert.equal(await page.getByLabel('Mức độ hài lòng chung').inputValue(), '87,5');
  assert.match(await page.locator('tr[data-key="pl1.lop_tap_huan"]').textContent(), /Đã nhập/);
  await screenshots(page, 'report-appendices');

  // the workbook: the server's .xlsx, with the figure just saved in sheet PL1
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('#apx-xlsx').click(),
  ]);
  assert.equal(download.suggestedFilename(), 'phu-luc-cchc-dakpo-2026.xlsx');
  const file = join(tmp, 'pl.xlsx');
  await download.saveAs(file);
  const shared = execFileSync('unzip', ['-p', file, 'xl/sharedStrings.xml'], { encoding: 'utf8' });
  assert.ok(shared.includes('Loa phát thanh thôn, làng'));
  assert.ok(shared.includes('Phụ lục 1'));
  await page.getByText('Đã tải tệp phu-luc-cchc-dakpo-2026.xlsx.').waitFor();
  assertClean(page);
});

test('an administrator reads the appendices but cannot store figures', async () => {
  const page = await openPage(env);
  await signIn(page, 'admin');
  await page.goto('/lam-viec/phu-luc?year=2026&unit=dakpo');
  await page.locator('tr[data-key="pl1.lop_tap_huan"]').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Lưu số liệu' }).count(), 0);
  assert.equal(await page.locator('#apx-sheet input').count(), 0);
  // the figure the reporter stored is there, read-only
  assert.match(await page.locator('tr[data-key="pl1.lop_tap_huan"]').textContent(), /3/);
  assertClean(page);
});
