// catalog.test.mjs - the catalog of administrative procedures through the
// API: diacritic-free search and ranking, filters, versions, status changes,
// all-or-nothing import, and the public counts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, Client, ROOT } from '../lib/server.mjs';

const DEMO = JSON.parse(readFileSync(`${ROOT}/data/catalog/dakpo.json`, 'utf8'));
let srv, anon, admin;

before(async () => {
  srv = await startServer();
  anon = new Client(srv.base);
  admin = new Client(srv.base);
  assert.equal((await admin.login('admin')).status, 200);
});
after(async () => { await srv.stop(); });

const search = async (qs) => {
  const r = await anon.get('/api/v1/procedures?' + new URLSearchParams(qs));
  assert.equal(r.status, 200, r.text);
  return r.json;
};

test('typing without diacritics finds "Đăng ký thành lập hộ kinh doanh" first', async () => {
  const r = await search({ q: 'dang ky ho kinh doanh' });
  assert.equal(r.procedures[0].name, 'Đăng ký thành lập hộ kinh doanh');
  assert.equal(r.procedures[0].code, '1.001612');
  assert.equal(r.procedures[0].online, 'full');
  // the other household-business procedures follow before unrelated ones
  const top5 = r.procedures.slice(0, 5).map((p) => p.name);
  assert.ok(top5.includes('Đăng ký thay đổi nội dung đăng ký hộ kinh doanh'), top5.join(' | '));
});

test('"chung thuc" finds the chứng thực procedures; đ and d are the same letter', async () => {
  const r = await search({ q: 'chung thuc', limit: 100 });
  assert.ok(r.total >= 10, `only ${r.total}`);
  for (const p of r.procedures.slice(0, 10)) assert.match(p.name.toLowerCase(), /chứng thực/);
  const d = await search({ q: 'dat dai' });
  const dd = await search({ q: 'Đất đai' });
  assert.ok(d.total > 0);
  assert.deepEqual(d.procedures.map((p) => p.code), dd.procedures.map((p) => p.code));
});

test('typing a word half-way already finds it', async () => {
  const r = await search({ q: 'khai si' });
  assert.ok(r.procedures.some((p) => p.name === 'Đăng ký khai sinh'));
});

test('filters combine with each other and with the text', async () => {
  const r = await search({ q: 'khai sinh', level: 'commune', limit: 100 });
  assert.ok(r.total > 0);
  assert.ok(r.procedures.every((p) => p.level === 'commune'));
  const online = await search({ online: 'full', limit: 500 });
  const expected = DEMO.procedures.filter((p) => p.online === 'full' && ['in_force', 'amended'].includes(p.status));
  assert.equal(online.total, expected.length);
  const both = await search({ online: 'full', field: 'ho-kinh-doanh', limit: 500 });
  assert.ok(both.total > 0 && both.total < online.total);
  assert.ok(both.procedures.every((p) => p.field === 'ho-kinh-doanh' && p.online === 'full'));
  const none = await search({ q: 'ho kinh doanh', level: 'commune' });
  assert.ok(none.procedures.every((p) => p.level === 'commune'));
});

test('a procedure page has everything a citizen needs before coming', async () => {
  const r = await anon.get('/api/v1/procedures/1.001612');
  assert.equal(r.status, 200);
  const p = r.json;
  assert.equal(p.version, 1);
  assert.ok(p.documents.length > 0 && p.documents[0].name);
  assert.deepEqual(p.time_limit, { days: 3 });
  assert.ok(Array.isArray(p.fees) && p.fees[0].amount > 0);
  const hours = p.process.reduce((s, st) => s + st.hours, 0);
  assert.equal(hours, 3 * 8);
  assert.equal((await anon.get('/api/v1/procedures/9.999999')).status, 404);
});

test('an abolished procedure is not offered, but its page still exists', async () => {
  const gone = DEMO.procedures.find((p) => p.status === 'abolished');
  const r = await search({ q: gone.name, limit: 100 });
  assert.ok(!r.procedures.some((p) => p.code === gone.code), 'not in public search');
  const page = await anon.get(`/api/v1/procedures/${gone.code}`);
  assert.equal(page.status, 200);
  assert.equal(page.json.status, 'abolished');
  const all = await admin.get('/api/v1/procedures?' + new URLSearchParams({ q: gone.name, all: '1', limit: 100 }));
  assert.ok(all.json.procedures.some((p) => p.code === gone.code), 'admins see it with all=1');
});

test('the status filter: admins list each status with all=1; the public only what is in force', async () => {
  const count = (st) => DEMO.procedures.filter((p) => p.status === st).length;
  const abolished = await admin.get('/api/v1/procedures?' + new URLSearchParams({ all: '1', status: 'abolished', limit: 500 }));
  assert.equal(abolished.status, 200, abolished.text);
  assert.equal(abolished.json.total, count('abolished'));
  assert.ok(abolished.json.procedures.every((p) => p.status === 'abolished'));
  const gone = DEMO.procedures.find((p) => p.status === 'abolished');
  const typed = await admin.get('/api/v1/procedures?' + new URLSearchParams({ all: '1', status: 'abolished', q: gone.name }));
  assert.equal(typed.json.procedures[0].code, gone.code);
  const inForce = await admin.get('/api/v1/procedures?' + new URLSearchParams({ all: '1', status: 'in_force', limit: 500 }));
  assert.ok(inForce.json.procedures.every((p) => p.status === 'in_force'));
  assert.ok(inForce.json.total >= count('in_force') - 2); // other tests may change a few
  // without all=1 (or for a visitor) a closed status lists nothing, never a draft
  for (const c of [anon, admin]) {
    const r = await c.get('/api/v1/procedures?status=abolished');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.total, 0);
    assert.equal((await c.get('/api/v1/procedures?status=draft')).json.total, 0);
  }
  assert.equal((await anon.get('/api/v1/procedures?all=1&status=draft')).json.total, 0);
  const bad = await admin.get('/api/v1/procedures?all=1&status=gone');
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'status');
  assert.match(bad.json.error.message_en, /in_force/);
});

const newProc = (over = {}) => ({
  code: '9.000001', name: 'Xác nhận thử nghiệm quy trình mới', field: 'ho-tich', level: 'district',
  agency: 'dakpo.tuphap', applicants: ['individual'], time_limit: { days: 2 },
  fees: [], documents: [{ name: 'Tờ khai', originals: 1, copies: 0, certified_copy: false, required: true }],
  channels: ['direct'], result: 'Giấy xác nhận', online: 'none',
  process: [
    { name: 'Tiếp nhận', unit: '$desk', role: 'desk_officer', hours: 2 },
    { name: 'Thẩm định', unit: 'dakpo.tuphap', role: 'specialist', hours: 10 },
    { name: 'Ký duyệt', unit: 'dakpo', role: 'leader', hours: 2 },
    { name: 'Trả kết quả', unit: '$desk', role: 'desk_officer', hours: 2 },
  ],
  ...over,
});

test('a process whose steps do not add up to the time limit is refused, clearly', async () => {
  const bad = newProc({ time_limit: { days: 3 } });
  const r = await admin.post('/api/v1/procedures', bad);
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'process');
  assert.match(r.json.error.message, /cộng lại 16 giờ.*3 ngày làm việc \(24 giờ\)/);
  assert.match(r.json.error.message_en, /add up to 16 hours.*3 working days/);
});

test('create a draft, publish it, edit it: each change is a version', async () => {
  const desk = new Client(srv.base);
  await desk.login('motcua.mai');
  assert.equal((await desk.post('/api/v1/procedures', newProc())).status, 403);
  const made = await admin.post('/api/v1/procedures', newProc());
  assert.equal(made.status, 201, made.text);
  assert.deepEqual(made.json, { code: '9.000001', version: 1 });
  assert.equal((await anon.get('/api/v1/procedures/9.000001')).status, 404, 'drafts are not public');
  assert.equal((await admin.post('/api/v1/procedures', newProc())).status, 409);
  const noDecision = await admin.post('/api/v1/procedures/9.000001/status', { status: 'in_force' });
  assert.equal(noDecision.status, 400);
  const pub = await admin.post('/api/v1/procedures/9.000001/status', {
    status: 'in_force', decision: { number: '99/QĐ-UBND', date: '2026-11-01', issuer: 'Chủ tịch UBND tỉnh Gia Lai' } });
  assert.equal(pub.status, 200, pub.text);
  assert.equal(pub.json.version, 2);
  assert.equal((await anon.get('/api/v1/procedures/9.000001')).json.status, 'in_force');
  const cur = (await anon.get('/api/v1/procedures/9.000001')).json;
  cur.fees = [{ kind: 'phi', name: 'Phí xác nhận', amount: 20000 }];
  const edited = await admin.req('PUT', '/api/v1/procedures/9.000001', cur);
  assert.equal(edited.status, 200, edited.text);
  assert.equal(edited.json.version, 3);
  const again = await admin.req('PUT', '/api/v1/procedures/9.000001', { ...cur, version: 3 });
  assert.equal(again.json.version, 3, 'an unchanged document makes no new version');
  // an editor still holding version 2 does not undo version 3: 409 at "version"
  const stale = await admin.req('PUT', '/api/v1/procedures/9.000001', { ...cur, fees: [] });
  assert.equal(stale.status, 409, stale.text);
  assert.equal(stale.json.error.field, 'version');
  assert.deepEqual((await anon.get('/api/v1/procedures/9.000001')).json.fees, cur.fees);
  assert.equal((await anon.get('/api/v1/procedures/9.000001?version=1')).status, 404, 'the draft version stays private');
  const v1 = await admin.get('/api/v1/procedures/9.000001?version=1');
  assert.equal(v1.json.version, 1);
  assert.equal(v1.json.status, 'draft');
  assert.deepEqual(v1.json.fees, []);
  const found = await search({ q: 'xac nhan thu nghiem' });
  assert.equal(found.procedures[0].code, '9.000001');
  assert.equal(found.procedures[0].fees_total, 20000);
});

test('an import with one bad entry changes nothing and names the entry', async () => {
  const before = await search({ limit: 1 });
  const file = {
    format: 'motcua-catalog/1',
    fields: DEMO.fields,
    procedures: [
      newProc({ code: '9.000777', name: 'Thủ tục tốt', status: 'in_force', decision: { number: '1/QĐ', date: '2026-01-02', issuer: 'UBND' } }),
      newProc({ code: '9.000778', name: 'Thủ tục lỗi', status: 'draft', time_limit: { days: 5 } }),
    ],
  };
  const r = await admin.post('/api/v1/catalog/import', file);
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.entries.length, 1);
  assert.equal(r.json.error.entries[0].code, '9.000778');
  assert.equal(r.json.error.entries[0].field, 'process');
  assert.equal((await anon.get('/api/v1/procedures/9.000777')).status, 404, 'the good entry was not imported either');
  assert.equal((await search({ limit: 1 })).total, before.total);
});

test('importing the exported catalog changes nothing; a dry run writes nothing', async () => {
  const exp = await admin.get('/api/v1/catalog/export');
  assert.equal(exp.status, 200);
  assert.ok(exp.json.procedures.length >= DEMO.procedures.length);
  const r = await admin.post('/api/v1/catalog/import', exp.json);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.added + r.json.changed, 0);
  assert.equal(r.json.unchanged, exp.json.procedures.length);
  const one = exp.json.procedures.find((p) => p.code === '1.001612');
  one.time_limit_text = 'Ba ngày làm việc';
  const dry = await admin.post('/api/v1/catalog/import?dry_run=1', { format: 'motcua-catalog/1', fields: [], procedures: [one] });
  assert.equal(dry.status, 200, dry.text);
  assert.deepEqual(dry.json.changed_codes, ['1.001612']);
  assert.equal((await anon.get('/api/v1/procedures/1.001612')).json.version, 1);
  const real = await admin.post('/api/v1/catalog/import', { format: 'motcua-catalog/1', fields: [], procedures: [one] });
  assert.deepEqual(real.json.changed_codes, ['1.001612']);
  assert.equal((await anon.get('/api/v1/procedures/1.001612')).json.version, 2);
});

test('public counts by level, field and online availability', async () => {
  const r = await anon.get('/api/v1/catalog/stats');
  assert.equal(r.status, 200);
  const open = DEMO.procedures.filter((p) => ['in_force', 'amended'].includes(p.status));
  const count = (f) => open.filter(f).length;
  // 9.000001 was published by an earlier test (district, none)
  assert.equal(r.json.total, open.length + 1);
  assert.equal(r.json.by_level.commune, count((p) => p.level === 'commune'));
  assert.equal(r.json.by_level.district, count((p) => p.level === 'district') + 1);
  assert.equal(r.json.by_online.full, count((p) => p.online === 'full'));
  assert.equal(r.json.by_online.partial, count((p) => p.online === 'partial'));
  assert.equal(r.json.by_online.full + r.json.by_online.partial, 29, 'Đak Pơ offers 29 online services');
  const fields = await anon.get('/api/v1/fields');
  assert.equal(fields.json.fields.length, DEMO.fields.length);
});
