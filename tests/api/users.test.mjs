// users.test.mjs - giving and taking away staff roles
// (POST/DELETE /api/v1/users/{id}/roles): the new role works on the
// account's next request, the scope of the administrator is enforced on the
// account and on the role's unit, and the rules that keep accounts usable
// (never the last role, never one's own admin role) hold.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, assertError } from '../lib/server.mjs';

let srv;
let admin;
const ids = {};
before(async () => {
  srv = await startServer();
  admin = new Client(srv.base);
  assert.equal((await admin.login('admin')).status, 200);
  const all = (await admin.get('/api/v1/users?unit=gialai&limit=1000')).json.users;
  for (const u of all) ids[u.username] = u.id;
});
after(async () => { await srv.stop(); });


const roles = (u) => u.roles.map((r) => `${r.role}@${r.unit}`).sort();

test('a role given works at once, and taken away stops working at once', async () => {
  const lan = new Client(srv.base);
  assert.equal((await lan.login('tuphap.lan')).status, 200);
  // a specialist reads no reports
  assert.equal((await lan.get('/api/v1/reports/resolution?from=2026-01-01&to=2026-01-31&unit=dakpo.tuphap')).status, 403);

  const g = await admin.post(`/api/v1/users/${ids['tuphap.lan']}/roles`, { role: 'reporter', unit: 'dakpo.tuphap' });
  assert.equal(g.status, 200, g.text);
  assert.deepEqual(roles(g.json), ['reporter@dakpo.tuphap', 'specialist@dakpo.tuphap']);
  // the same session, no new sign-in
  assert.equal((await lan.get('/api/v1/reports/resolution?from=2026-01-01&to=2026-01-31&unit=dakpo.tuphap')).status, 200);
  // giving it again changes nothing
  const again = await admin.post(`/api/v1/users/${ids['tuphap.lan']}/roles`, { role: 'reporter', unit: 'dakpo.tuphap' });
  assert.equal(again.status, 200);
  assert.deepEqual(roles(again.json), roles(g.json));

  const d = await admin.req('DELETE', `/api/v1/users/${ids['tuphap.lan']}/roles?role=reporter&unit=dakpo.tuphap`);
  assert.equal(d.status, 200, d.text);
  assert.deepEqual(roles(d.json), ['specialist@dakpo.tuphap']);
  assert.equal((await lan.get('/api/v1/reports/resolution?from=2026-01-01&to=2026-01-31&unit=dakpo.tuphap')).status, 403);
  // not held any more
  assertError(await admin.req('DELETE', `/api/v1/users/${ids['tuphap.lan']}/roles?role=reporter&unit=dakpo.tuphap`), 404, 'not_found', 'role');
});

test('bad roles and units are refused with the field named', async () => {
  const id = ids['tuphap.lan'];
  assertError(await admin.post(`/api/v1/users/${id}/roles`, { role: 'mayor', unit: 'dakpo' }), 400, 'invalid_input', 'role');
  assertError(await admin.post(`/api/v1/users/${id}/roles`, { role: 'citizen', unit: 'dakpo' }), 400, 'invalid_input', 'role');
  assertError(await admin.post(`/api/v1/users/${id}/roles`, { role: 'head', unit: 'khong.co' }), 400, 'invalid_input', 'unit');
  assertError(await admin.post(`/api/v1/users/${id}/roles`, { role: 'head' }), 400, 'invalid_input', 'unit');
  assertError(await admin.post(`/api/v1/users/${id}/roles`, { unit: 'dakpo' }), 400, 'invalid_input', 'role');
  assertError(await admin.post('/api/v1/users/999999/roles', { role: 'head', unit: 'dakpo' }), 404, 'not_found');
});

test('nobody is left without a role; an administrator neither gives themself a role nor drops their own admin role', async () => {
  // tckh.hoa holds one role: taking it would leave an account that can do nothing
  assertError(await admin.req('DELETE', `/api/v1/users/${ids['tckh.hoa']}/roles?role=specialist&unit=dakpo.tckh`), 409, 'conflict', 'role');
  // giving oneself a role (a leader's would open the dossiers an admin does not read)
  assertError(await admin.post(`/api/v1/users/${ids.admin}/roles`, { role: 'leader', unit: 'gialai' }), 403, 'forbidden', 'user');
  // a second administrator, given a second role by the first, still cannot drop admin
  const r = await admin.post('/api/v1/users', { username: 'quantri.hai', full_name: 'Lê Quản Trị', password: 'quantri-hai-1',
    roles: [{ role: 'admin', unit: 'dakpo' }] });
  assert.equal(r.status, 201, r.text);
  assert.equal((await admin.post(`/api/v1/users/${r.json.id}/roles`, { role: 'reporter', unit: 'dakpo' })).status, 200);
  const hai = new Client(srv.base);
  assert.equal((await hai.login('quantri.hai', 'quantri-hai-1')).status, 200);
  assertError(await hai.req('DELETE', `/api/v1/users/${r.json.id}/roles?role=admin&unit=dakpo`), 409, 'conflict', 'role');
  assert.deepEqual(roles((await hai.get(`/api/v1/users/${r.json.id}`)).json), ['admin@dakpo', 'reporter@dakpo']);
  // another administrator may take it
  assert.equal((await admin.req('DELETE', `/api/v1/users/${r.json.id}/roles?role=reporter&unit=dakpo`)).status, 200);
});

test('a commune administrator manages only the commune', async () => {
  const r = await admin.post('/api/v1/users', { username: 'anthanh.qt', full_name: 'Võ Văn Quản', password: 'quantri-an-1',
    roles: [{ role: 'admin', unit: 'anthanh' }] });
  assert.equal(r.status, 201, r.text);
  const qt = new Client(srv.base);
  assert.equal((await qt.login('anthanh.qt', 'quantri-an-1')).status, 200);
  // inside the commune: yes
  const ok = await qt.post(`/api/v1/users/${ids['anthanh.tuphap']}/roles`, { role: 'reporter', unit: 'anthanh' });
  assert.equal(ok.status, 200, ok.text);
  // a role at the district for a commune person: the unit is outside
  assertError(await qt.post(`/api/v1/users/${ids['anthanh.tuphap']}/roles`, { role: 'head', unit: 'dakpo.tuphap' }), 403, 'forbidden', 'unit');
  // a district person: the account is outside (not even confirmed to exist)
  assertError(await qt.post(`/api/v1/users/${ids['tuphap.lan']}/roles`, { role: 'reporter', unit: 'anthanh' }), 404, 'not_found');
  // anonymous and CSRF-less callers never get there
  assert.equal((await new Client(srv.base).post(`/api/v1/users/${ids['anthanh.tuphap']}/roles`, { role: 'head', unit: 'anthanh' })).status, 401);
});
