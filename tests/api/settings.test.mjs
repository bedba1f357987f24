// settings.test.mjs - the fee account of a unit (GET/PUT
// /api/v1/units/{code}/bank): inherited down the tree, set by an
// administrator of the unit only, validated by the VietQR rules, audited,
// and the account a citizen is then asked to pay into.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, motcua } from '../lib/server.mjs';

let srv;
let admin;
before(async () => {
  srv = await startServer();
  admin = new Client(srv.base);
  assert.equal((await admin.login('admin')).status, 200);
});
after(async () => { await srv.stop(); });

test('no account anywhere: null, not an error', async () => {
  const r = await admin.get('/api/v1/units/anthanh/bank');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { unit: 'anthanh', own: false, account: null });
});

test('an account set on the district is inherited by its communes, until a commune sets its own', async () => {
  const put = await admin.req('PUT', '/api/v1/units/dakpo/bank', { bin: '970436', account: '0123456789', name: 'UBND HUYEN DAK PO' });
  assert.equal(put.status, 200, put.text);
  assert.deepEqual(put.json, { unit: 'dakpo', own: true,
    account: { bin: '970436', account: '0123456789', name: 'UBND HUYEN DAK PO', unit: { code: 'dakpo', name: 'UBND huyện Đak Pơ' } } });
  const inherited = await admin.get('/api/v1/units/anthanh/bank');
  assert.equal(inherited.json.own, false);
  assert.equal(inherited.json.account.account, '0123456789');
  assert.equal(inherited.json.account.unit.code, 'dakpo');

  const own = await admin.req('PUT', '/api/v1/units/anthanh/bank', { bin: '970418', account: '9988776655', name: 'UBND XA AN THANH' });
  assert.equal(own.status, 200, own.text);
  assert.equal(own.json.own, true);
  assert.equal((await admin.get('/api/v1/units/anthanh.motcua/bank')).json.account.account, '9988776655');
  assert.equal((await admin.get('/api/v1/units/dakpo/bank')).json.account.account, '0123456789');
  // the command line reads the same account
  const cli = motcua(['unit', 'bank', 'anthanh', '--db', srv.db]);
  assert.equal(cli.status, 0, cli.stderr);
  assert.match(cli.stdout, /^970418 9988776655 UBND XA AN THANH/);
});

test('bad accounts are refused at the field, nothing changes', async () => {
  const bad = async (body, field) => {
    const r = await admin.req('PUT', '/api/v1/units/dakpo/bank', body);
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, field, r.text);
    assert.ok(r.json.error.message && r.json.error.message_en);
  };
  await bad({ bin: '9704', account: '0123456789', name: 'X' }, 'bin');
  await bad({ bin: '970436', account: '01234-56789', name: 'X' }, 'account');
  await bad({ bin: '970436', account: '0123456789', name: '' }, 'name');
  await bad({ bin: '970436', account: '0123456789' }, 'name');
  assert.equal((await admin.get('/api/v1/units/dakpo/bank')).json.account.account, '0123456789');
});

test('only an administrator of the unit reads or sets it', async () => {
  const leader = new Client(srv.base);
  assert.equal((await leader.login('lanhdao.thanh')).status, 200);
  assert.equal((await leader.get('/api/v1/units/dakpo/bank')).status, 403);
  assert.equal((await leader.req('PUT', '/api/v1/units/dakpo/bank', { bin: '970436', account: '1111', name: 'KE GIAN' })).status, 403);
  const r = await admin.post('/api/v1/users', { username: 'anthanh.qt2', full_name: 'Võ Văn Quản', password: 'quantri-an-1',
    roles: [{ role: 'admin', unit: 'anthanh' }] });
  assert.equal(r.status, 201, r.text);
  const commune = new Client(srv.base);
  assert.equal((await commune.login('anthanh.qt2', 'quantri-an-1')).status, 200);
  assert.equal((await commune.get('/api/v1/units/anthanh/bank')).status, 200);
  assert.equal((await commune.req('PUT', '/api/v1/units/dakpo/bank', { bin: '970436', account: '1111', name: 'X' })).status, 403);
  assert.equal((await new Client(srv.base).get('/api/v1/units/dakpo/bank')).status, 401);
  assert.equal((await admin.get('/api/v1/units/khongco/bank')).status, 404);
});

test('every change of a fee account is in the audit trail, for the unit\'s inspectors', async () => {
  const linh = new Client(srv.base); // reporting officer (inspection) of the district
  assert.equal((await linh.login('tonghop.linh')).status, 200);
  const r = await linh.get('/api/v1/audit?unit=dakpo&type=unit');
  assert.equal(r.status, 200, r.text);
  const bank = r.json.entries.filter((e) => e.action === 'unit.bank');
  // newest first: the commune's own account, then the district's
  assert.deepEqual(bank.map((e) => [e.object_id, e.detail.account, e.actor.username]),
    [['anthanh', '9988776655', 'admin'], ['dakpo', '0123456789', 'admin']]);
  assert.equal(bank[0].unit.code, 'anthanh');
  assert.match(bank[0].at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
  // the commune's inspector-level view holds only the commune's rows
  const leader = new Client(srv.base);
  assert.equal((await leader.login('anthanh.chutich')).status, 200);
  const mine = await leader.get('/api/v1/audit?unit=anthanh');
  assert.equal(mine.status, 200, mine.text);
  assert.ok(mine.json.entries.length >= 1);
  assert.ok(mine.json.entries.every((e) => e.unit && e.unit.code.startsWith('anthanh')), JSON.stringify(mine.json.entries));
  assert.equal((await leader.get('/api/v1/audit?unit=dakpo')).status, 403);
  // a desk officer does not read the audit trail at all
  const desk = new Client(srv.base);
  assert.equal((await desk.login('motcua.mai')).status, 200);
  assert.equal((await desk.get('/api/v1/audit?unit=dakpo.motcua')).status, 403);
  // paging: one row per page, continued from next_before, no row twice
  const p1 = (await linh.get('/api/v1/audit?unit=dakpo&type=unit&limit=1')).json;
  const p2 = (await linh.get(`/api/v1/audit?unit=dakpo&type=unit&limit=1&before=${p1.next_before}`)).json;
  assert.equal(p1.entries.length, 1);
  assert.equal(p2.entries.length, 1);
  assert.ok(p2.entries[0].id < p1.entries[0].id);
  // a bad date is refused at its field
  const bad = await linh.get('/api/v1/audit?unit=dakpo&from=2026-13-01');
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'from');
});
