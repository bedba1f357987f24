// units.test.mjs - the unit tree through the API: the public list in tree
// order (the same on SQLite and PostgreSQL: suite.pg.mjs runs this file
// again there), and renaming a unit (PUT /api/v1/units/{code}): who may,
// what may change, and the bilingual errors at their field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, assertError } from '../lib/server.mjs';

let srv, anon, admin;
before(async () => {
  srv = await startServer();
  anon = new Client(srv.base);
  admin = new Client(srv.base);
  assert.equal((await admin.login('admin')).status, 200);
});
after(async () => { await srv.stop(); });

const put = (c, code, body) => c.req('PUT', '/api/v1/units/' + code, body);


// The order the API promises: depth first, a parent before its children,
// siblings by code (byte order).
function treeOrder(units) {
  const kids = new Map();
  for (const u of units) {
    const k = u.parent || '';
    if (!kids.has(k)) kids.set(k, []);
    kids.get(k).push(u);
  }
  for (const list of kids.values()) list.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const out = [];
  const walk = (u) => { out.push(u.code); (kids.get(u.code) || []).forEach(walk); };
  (kids.get('') || []).forEach(walk);
  return out;
}

async function units() {
  const r = await anon.get('/api/v1/units');
  assert.equal(r.status, 200, r.text);
  return r.json.units;
}

test('the unit list is a tree: parent first, children by code, with depth, parent and English name', async () => {
  const list = await units();
  assert.equal(list.length, 33);
  assert.deepEqual(list.map((u) => u.code), treeOrder(list));
  assert.deepEqual(list.slice(0, 4).map((u) => [u.code, u.depth, u.parent]),
    [['gialai', 0, null], ['dakpo', 1, 'gialai'], ['anthanh', 2, 'dakpo'], ['anthanh.motcua', 3, 'anthanh']]);
  const byCode = Object.fromEntries(list.map((u) => [u.code, u]));
  for (const [i, u] of list.entries()) {
    assert.equal(typeof u.name_en, 'string', `${u.code} has name_en`);
    if (!u.parent) continue;
    const p = byCode[u.parent];
    assert.ok(list.indexOf(p) < i, `${u.parent} before ${u.code}`);
    assert.equal(u.depth, p.depth + 1);
    assert.ok(u.path.startsWith(p.path));
  }
  assert.equal(byCode.dakpo.name_en, 'Đak Pơ District People\'s Committee');
  // the district's desk sits under its office, right after it
  const vp = list.findIndex((u) => u.code === 'dakpo.vp');
  assert.equal(list[vp + 1].code, 'dakpo.motcua');
});

test('a new unit takes its place among its siblings by code, not by when it was made', async () => {
  const made = await admin.post('/api/v1/units', { code: 'anthanh.diachinh', name: 'Công chức Địa chính xã An Thành',
    name_en: 'An Thành land officer', kind: 'department', parent: 'anthanh', agency_code: '000.22.27.H21.01' });
  assert.equal(made.status, 201, made.text);
  const list = await units();
  const codes = list.map((u) => u.code);
  const at = codes.indexOf('anthanh');
  assert.deepEqual(codes.slice(at, at + 3), ['anthanh', 'anthanh.diachinh', 'anthanh.motcua']);
  const row = list[at + 1];
  assert.equal(row.depth, 3);
  assert.equal(row.parent, 'anthanh');
  assert.equal(row.name_en, 'An Thành land officer');
  assert.deepEqual(codes, treeOrder(list));
  assertError(await admin.post('/api/v1/units', { code: 'anthanh.x', name: 'X', kind: 'desk', parent: 'anthanh', agency_code: '000..22' }),
    400, 'invalid_input', 'agency_code');
  assertError(await admin.post('/api/v1/units', { code: 'anthanh.x', name: '   ', kind: 'desk', parent: 'anthanh' }),
    400, 'invalid_input', 'name');
});

test('an admin renames a unit: names and agency code change, the rest stays, the list shows it', async () => {
  const before = (await anon.get('/api/v1/units/hatam.motcua')).json;
  const r = await put(admin, 'hatam.motcua', { name: 'Trung tâm Phục vụ hành chính công xã Hà Tam',
    name_en: 'Hà Tam Public Administration Service Centre', agency_code: '000.24.27.H21.90' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.name, 'Trung tâm Phục vụ hành chính công xã Hà Tam');
  assert.equal(r.json.name_en, 'Hà Tam Public Administration Service Centre');
  assert.equal(r.json.agency_code, '000.24.27.H21.90');
  for (const k of ['id', 'code', 'kind', 'path', 'address', 'phone', 'utc_offset_min', 'active']) assert.deepEqual(r.json[k], before[k], k);
  const again = (await anon.get('/api/v1/units/hatam.motcua')).json;
  assert.equal(again.name, 'Trung tâm Phục vụ hành chính công xã Hà Tam');
  const row = (await units()).find((u) => u.code === 'hatam.motcua');
  assert.equal(row.name_en, 'Hà Tam Public Administration Service Centre');
  // one field alone; the others are kept; same values again change nothing
  const one = await put(admin, 'hatam.motcua', { name_en: 'Hà Tam one-stop centre' });
  assert.equal(one.status, 200, one.text);
  assert.equal(one.json.name, 'Trung tâm Phục vụ hành chính công xã Hà Tam');
  assert.equal(one.json.agency_code, '000.24.27.H21.90');
  const same = await put(admin, 'hatam.motcua', { name_en: 'Hà Tam one-stop centre', code: 'hatam.motcua', kind: 'desk', parent: 'hatam' });
  assert.equal(same.status, 200, same.text);
  // an empty agency code is allowed (a desk uses its government's)
  assert.equal((await put(admin, 'hatam.motcua', { agency_code: '' })).json.agency_code, '');
});

test('renaming refuses what cannot change or is not valid, at the field, in both languages', async () => {
  const r = await put(admin, 'tanan', { name: '' });
  assertError(r, 400, 'invalid_input', 'name');
  assert.equal(r.json.error.message, 'Tên đơn vị không được để trống');
  assert.equal(r.json.error.message_en, 'The unit\'s name must not be empty');
  assertError(await put(admin, 'tanan', { name: ' \t ' }), 400, 'invalid_input', 'name');
  assertError(await put(admin, 'tanan', { name: 'x'.repeat(300) }), 400, 'invalid_input', 'name');
  assertError(await put(admin, 'tanan', { name: 42 }), 400, 'invalid_input', 'name');
  assertError(await put(admin, 'tanan', { agency_code: '000.26 27' }), 400, 'invalid_input', 'agency_code');
  assertError(await put(admin, 'tanan', { agency_code: '.000' }), 400, 'invalid_input', 'agency_code');
  assertError(await put(admin, 'tanan', { code: 'tanan2', name: 'X' }), 400, 'invalid_input', 'code');
  assertError(await put(admin, 'tanan', { kind: 'district' }), 400, 'invalid_input', 'kind');
  assertError(await put(admin, 'tanan', { parent: 'gialai' }), 400, 'invalid_input', 'parent');
  assertError(await put(admin, 'gialai', { parent: 'dakpo' }), 400, 'invalid_input', 'parent');
  assertError(await put(admin, 'tanan', { parent: null }), 400, 'invalid_input', 'parent');
  // a row of the list sent back as it is: nothing that cannot change is changed
  const root = (await units())[0];
  const same = await put(admin, 'gialai', root);
  assert.equal(same.status, 200, same.text);
  assert.equal(same.json.name, 'UBND tỉnh Gia Lai');
  const none = await put(admin, 'tanan', {});
  assertError(none, 400, 'invalid_input');
  assert.equal(none.json.error.field, undefined, 'the form\'s own box, not a field');
  assertError(await put(admin, 'tanan', '[1]'), 400, 'malformed_json');
  assertError(await put(admin, 'khongco', { name: 'X' }), 404, 'not_found');
  // nothing of the above changed the unit
  const u = (await anon.get('/api/v1/units/tanan')).json;
  assert.equal(u.name, 'UBND xã Tân An');
  assert.equal(u.agency_code, '000.26.27.H21');
});

test('only an administrator of the unit\'s subtree may rename it', async () => {
  assertError(await put(anon, 'tanan', { name: 'X' }), 401, 'unauthenticated');
  const desk = new Client(srv.base);
  await desk.login('motcua.mai');
  assertError(await put(desk, 'dakpo.motcua', { name: 'X' }), 403, 'forbidden');
  // an administrator of one commune only
  const made = await admin.post('/api/v1/users', { username: 'yahoi.admin', full_name: 'Rơ Châm Hải', password: 'yahoi-admin-2026',
    roles: [{ role: 'admin', unit: 'yahoi' }] });
  assert.equal(made.status, 201, made.text);
  const local = new Client(srv.base);
  assert.equal((await local.login('yahoi.admin', 'yahoi-admin-2026')).status, 200);
  const ok = await put(local, 'yahoi.motcua', { name: 'Bộ phận Tiếp nhận và Trả kết quả xã Ya Hội' });
  assert.equal(ok.status, 200, ok.text);
  assertError(await put(local, 'dakpo.motcua', { name: 'X' }), 403, 'forbidden');
  assertError(await put(local, 'dakpo', { name: 'X' }), 403, 'forbidden');
  assertError(await local.post('/api/v1/units', { code: 'cuan.x', name: 'X', kind: 'desk', parent: 'cuan' }), 403, 'forbidden');
  assert.equal((await anon.get('/api/v1/units/dakpo.motcua')).json.name, 'Bộ phận Một cửa huyện Đak Pơ');
});
