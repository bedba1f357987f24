// books.test.mjs - the desk's tracking book (Sổ theo dõi hồ sơ) on screen and
// as the server's files, and the reporter's exports: the dossier received at
// the desk is in the book, in the .xlsx of the book and in the dossier list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, openPage, assertClean, screenshots, signIn } from './helpers.mjs';
import { Client } from '../lib/server.mjs';

let env;
let tmp;
before(async () => {
  env = await setup();
  tmp = mkdtempSync(join(tmpdir(), 'motcua-books-'));
});
after(async () => {
  if (env) await env.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('the desk officer opens the tracking book of the month and downloads it', async () => {
  const desk = new Client(env.base);
  assert.equal((await desk.login('motcua.mai')).status, 200);
  const r = await desk.post('/api/v1/dossiers', { procedure: '2.000635', applicant: { kind: 'individual', name: 'Hồ Thị Sổ', phone: '0905 123 456' },
    documents: [{ index: 0 }, { index: 1 }], delivery: { method: 'desk' } });
  assert.equal(r.status, 201, r.text);
  const code = r.json.code;

  const page = await openPage(env);
  await signIn(page, 'motcua.mai');
  await page.locator('.role-card[data-role="desk_officer"]').getByRole('link', { name: 'Sổ theo dõi hồ sơ' }).click();
  await page.waitForURL(/\/lam-viec\/so-theo-doi/);
  const row = page.locator(`table.book-table tr[data-code="${code}"]`);
  await row.waitFor();
  assert.match(await row.textContent(), /Hồ Thị Sổ/);
  assert.match(await row.textContent(), /Đang giải quyết/);
  await screenshots(page, 'tracking-book');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Tải Excel (.xlsx)' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^so-theo-doi-dakpo\.motcua-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const file = join(tmp, 'book.xlsx');
  await download.saveAs(file);
  assert.equal(readFileSync(file).subarray(0, 2).toString(), 'PK');
  const strings = execFileSync('unzip', ['-p', file, 'xl/sharedStrings.xml'], { encoding: 'utf8' });
  assert.ok(strings.includes(code), 'the dossier is in the book');
  assert.ok(strings.includes('Hồ Thị Sổ'));

  const [list] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('#exp-dossiers-xlsx').click(),
  ]);
  assert.equal(list.suggestedFilename(), 'dossiers.xlsx');
  await list.saveAs(join(tmp, 'list.xlsx'));
  assert.ok(execFileSync('unzip', ['-p', join(tmp, 'list.xlsx'), 'xl/sharedStrings.xml'], { encoding: 'utf8' }).includes(code));
  assertClean(page);
});

test('the reporter reaches the same page as "Xuất dữ liệu"', async () => {
  const page = await openPage(env);
  await signIn(page, 'tonghop.linh');
  await page.locator('.role-card[data-role="reporter"]').getByRole('link', { name: 'Xuất dữ liệu' }).click();
  await page.waitForURL(/\/lam-viec\/so-theo-doi/);
  await page.locator('#book-count').waitFor();
  assert.match(await page.locator('#book-count').textContent(), /hồ sơ tiếp nhận trong kỳ/);
  assert.equal(await page.getByRole('link', { name: 'Tải danh mục (.xlsx)' }).getAttribute('href'), '/api/v1/exports/catalog.xlsx');
  assertClean(page);
});
