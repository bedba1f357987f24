// opinions.test.mjs - one department asks another for its opinion, through
// the pages: the specialist of Finance-Planning asks the Natural Resources
// office from the dossier page; the land office's specialist finds the
// dossier under "Hồ sơ đơn vị khác xin ý kiến" in the workspace, opens it,
// reads the question and answers; the answer is in the timeline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, assertClean, screenshots, signIn } from './helpers.mjs';
import { Client } from '../lib/server.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });

test('a department asks another for its opinion, which finds the dossier and answers', async () => {
  const desk = new Client(env.base);
  assert.equal((await desk.login('motcua.mai')).status, 200);
  const r = await desk.post('/api/v1/dossiers', { procedure: '1.001612', applicant: { kind: 'individual', name: 'Đỗ Văn Ý', phone: '0912 000 222' },
    documents: [{ index: 0 }, { index: 1 }], delivery: { method: 'desk' } });
  assert.equal(r.status, 201, r.text);
  const code = r.json.code;
  const fwd = await desk.post(`/api/v1/dossiers/${code}/events`, { kind: 'forward', step: 1, version: r.json.version });
  assert.equal(fwd.status, 200, fwd.text);

  const hoa = await openPage(env);
  hoa.on('dialog', (d) => d.accept());
  await signIn(hoa, 'tckh.hoa');
  await hoa.goto(`/ho-so/${code}`);
  await hoa.getByRole('button', { name: 'Nhận xử lý' }).click();
  await hoa.getByRole('button', { name: 'Xác nhận nhận xử lý' }).click();
  await hoa.getByRole('button', { name: 'Xin ý kiến đơn vị khác' }).waitFor();
  await hoa.getByRole('button', { name: 'Xin ý kiến đơn vị khác' }).click();
  // nothing typed: the question is asked for, the server is not called
  await hoa.getByRole('button', { name: 'Gửi xin ý kiến' }).click();
  await hoa.getByText('Vui lòng ghi nội dung cần xin ý kiến.').waitFor();
  await hoa.getByLabel('Đơn vị được xin ý kiến').selectOption('dakpo.tnmt');
  await hoa.getByLabel('Nội dung xin ý kiến').fill('Địa điểm kinh doanh có nằm trên đất nông nghiệp không?');
  await hoa.getByRole('button', { name: 'Gửi xin ý kiến' }).click();
  await hoa.locator('main').getByText(/Địa điểm kinh doanh có nằm trên đất nông nghiệp không\?/).first().waitFor();
  assertClean(hoa);
  await hoa.closeAll();

  const nam = await openPage(env);
  nam.on('dialog', (d) => d.accept());
  await signIn(nam, 'tnmt.nam');
  const row = nam.locator(`#y-kien + div tr[data-code="${code}"]`);
  await row.waitFor();
  await screenshots(nam, 'opinions-worklist');
  await row.getByRole('link', { name: code }).click();
  await nam.waitForURL(new RegExp(`/ho-so/${code.replace(/\./g, '\\.')}$`));
  await nam.getByRole('button', { name: 'Cho ý kiến' }).click();
  await nam.getByText('Đặng Thị Hòa xin ý kiến: Địa điểm kinh doanh có nằm trên đất nông nghiệp không?').waitFor();
  await nam.getByLabel('Ý kiến của đơn vị').fill('Địa điểm nằm trên đất ở, phù hợp quy hoạch.');
  await nam.getByRole('button', { name: 'Gửi ý kiến' }).click();
  // answered: the page reloads the dossier; the land office may no longer act on it
  await nam.locator('main').getByText(/Địa điểm nằm trên đất ở, phù hợp quy hoạch\./).first().waitFor();
  assertClean(nam);

  const api = new Client(env.base);
  assert.equal((await api.login('tckh.hoa')).status, 200);
  const d = (await api.get(`/api/v1/dossiers/${code}`)).json;
  assert.deepEqual(d.events.slice(-2).map((e) => [e.kind, e.note]), [
    ['ask_opinion', 'Địa điểm kinh doanh có nằm trên đất nông nghiệp không?'],
    ['give_opinion', 'Địa điểm nằm trên đất ở, phù hợp quy hoạch.']]);
});
