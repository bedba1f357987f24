// reports.test.mjs - the resolution report (Biểu 06) for a reporter: the
// table like the official form, a figure opens the list of its dossiers,
// the CSV link is the server's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, assertClean, screenshots, signIn } from './helpers.mjs';
import { Client } from '../lib/server.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });

test('the reporter sees Biểu 06 for this month and the dossiers behind a figure', async () => {
  const desk = new Client(env.base);
  assert.equal((await desk.login('motcua.mai')).status, 200);
  const r = await desk.post('/api/v1/dossiers', { procedure: '2.000635', applicant: { kind: 'individual', name: 'Lê Văn Tâm', phone: '0905 123 456' },
    documents: [{ index: 0 }, { index: 1 }], delivery: { method: 'desk' } });
  assert.equal(r.status, 201, r.text);
  const code = r.json.code;
  const page = await openPage(env);
  await signIn(page, 'tonghop.linh');
  await page.getByRole('link', { name: 'Báo cáo tình hình giải quyết TTHC (Biểu số 06)' }).click();
  await page.waitForURL(/\/lam-viec\/bao-cao/);
  const total = page.locator('tr.rep-total');
  await total.waitFor();
  const received = total.locator('button[data-col="received"]');
  assert.ok(Number(await received.textContent()) >= 1);
  const csv = page.getByRole('link', { name: 'Tải CSV' });
  assert.match(await csv.getAttribute('href'), /format=csv/);
  // the workbook is the server's, downloaded as it names it
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải Excel (.xlsx)' }).click()]);
  assert.match(xlsx.suggestedFilename(), /^bieu06-dakpo-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xlsx$/);
  assert.match(await page.getByRole('link', { name: 'Tải PDF' }).getAttribute('href'), /format=pdf/);
  await received.click();
  await page.locator(`#cell li[data-code="${code}"]`).waitFor();
  await screenshots(page, 'report-06');
  assertClean(page);
});
