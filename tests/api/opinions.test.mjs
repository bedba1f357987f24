// opinions.test.mjs - asking another department for its opinion (xin ý kiến):
// the department asked finds the dossier in its own list
// (GET /api/v1/dossiers?view=opinions), reads it and answers while the
// opinion is owed (then it leaves the list, still readable, nothing more to
// do); an unknown unit cannot be asked; the other departments see nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client } from '../lib/server.mjs';

let srv;
const users = {};
before(async () => {
  srv = await startServer();
  for (const u of ['motcua.mai', 'tckh.hoa', 'tnmt.nam', 'tuphap.lan']) {
    users[u] = new Client(srv.base);
    assert.equal((await users[u].login(u)).status, 200, u);
  }
});
after(async () => { await srv.stop(); });

async function act(who, d, kind, fields = {}) {
  const r = await users[who].post(`/api/v1/dossiers/${d.code}/events`, { kind, version: d.version, ...fields });
  assert.equal(r.status, 200, `${who} ${kind}: ${r.text}`);
  return r.json;
}

const codes = async (who, unit) => {
  const r = await users[who].get(`/api/v1/dossiers?view=opinions&unit=${unit}`);
  assert.equal(r.status, 200, r.text);
  return r.json.dossiers.map((d) => d.code);
};

test('the department asked for an opinion finds, reads and answers it; then it leaves its list', async () => {
  const r = await users['motcua.mai'].post('/api/v1/dossiers', { procedure: '1.001612',
    applicant: { kind: 'individual', name: 'Đỗ Văn Ý', phone: '0912 000 222' },
    documents: [{ index: 0 }, { index: 1 }], delivery: { method: 'desk' } });
  assert.equal(r.status, 201, r.text);
  let d = await act('motcua.mai', r.json, 'forward', { step: 1 });
  d = await act('tckh.hoa', d, 'take');

  // before anything is asked: not in anyone's opinion list, not readable by the land office
  assert.deepEqual(await codes('tnmt.nam', 'dakpo.tnmt'), []);
  assert.equal((await users['tnmt.nam'].get(`/api/v1/dossiers/${d.code}`)).status, 404);

  // an unknown unit is refused at its field, nothing changes
  const bad = await users['tckh.hoa'].post(`/api/v1/dossiers/${d.code}/events`,
    { kind: 'ask_opinion', version: d.version, target_unit: 'dakpo.khongco', note: 'x' });
  assert.equal(bad.status, 400, bad.text);
  assert.equal(bad.json.error.field, 'target_unit');

  d = await act('tckh.hoa', d, 'ask_opinion', { target_unit: 'dakpo.tnmt', note: 'Xin ý kiến về địa điểm kinh doanh trên đất nông nghiệp' });
  assert.deepEqual(await codes('tnmt.nam', 'dakpo.tnmt'), [d.code]);
  // the district sees it in its subtree's list; another department does not
  assert.deepEqual(await codes('tckh.hoa', 'dakpo.tckh'), []);
  assert.deepEqual(await codes('tuphap.lan', 'dakpo.tuphap'), []);
  assert.equal((await users['tuphap.lan'].get(`/api/v1/dossiers/${d.code}`)).status, 404);

  // the land office reads it, and may give its opinion (and nothing else)
  const seen = await users['tnmt.nam'].get(`/api/v1/dossiers/${d.code}`);
  assert.equal(seen.status, 200, seen.text);
  assert.deepEqual(seen.json.actions, ['give_opinion']);
  d = await act('tnmt.nam', seen.json, 'give_opinion', { note: 'Địa điểm phù hợp quy hoạch sử dụng đất' });
  assert.equal(d.events[d.events.length - 1].note, 'Địa điểm phù hợp quy hoạch sử dụng đất');

  // answered: out of the list; the land office still reads what became of
  // it, but has nothing more to do
  assert.deepEqual(await codes('tnmt.nam', 'dakpo.tnmt'), []);
  const after = await users['tnmt.nam'].get(`/api/v1/dossiers/${d.code}`);
  assert.equal(after.status, 200, after.text);
  assert.deepEqual(after.json.actions, []);
  const again = await users['tnmt.nam'].post(`/api/v1/dossiers/${d.code}/events`, { kind: 'give_opinion', version: d.version, note: 'lần 2' });
  assert.equal(again.status, 409, again.text);
  // the departments never asked still see nothing
  assert.equal((await users['tuphap.lan'].get(`/api/v1/dossiers/${d.code}`)).status, 404);
});

test('view=opinions needs dossier.read on the unit, like the other lists', async () => {
  assert.equal((await users['tnmt.nam'].get('/api/v1/dossiers?view=opinions&unit=dakpo.tuphap')).status, 403);
  const bad = await users['tnmt.nam'].get('/api/v1/dossiers?view=nothing&unit=dakpo.tnmt');
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'view');
});
