// dossier_more.test.mjs - the rarer paths: a late dossier and its apology
// (still counted late), withdrawal, stop, transfer between units, and the
// all-or-nothing import of historical dossiers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, motcua } from '../lib/server.mjs';

let srv;
const users = {};
before(async () => {
  srv = await startServer();
  for (const u of ['motcua.mai', 'tckh.hoa', 'tckh.son', 'lanhdao.thanh', 'anthanh.motcua']) {
    users[u] = new Client(srv.base);
    assert.equal((await users[u].login(u)).status, 200, u);
  }
});
after(async () => { await srv.stop(); });

const act = (who, d, kind, fields = {}) => users[who].post(`/api/v1/dossiers/${d.code}/events`, { kind, version: d.version, ...fields });
const applicant = { name: 'Trần Thị Cúc', phone: '0987 654 321' };
const docs = [{ index: 0 }, { index: 1 }];

const line = (code, events) => JSON.stringify({ code, procedure: '1.001612', desk: 'dakpo.motcua', applicant, documents: docs, events });

test('import: one bad line and nothing is imported; then the good file, twice', async () => {
  const good = line('000.00.27.H21-260302-0001', [
    { kind: 'intake', at: '2026-03-02 08:00', actor: 'motcua.mai' },
    { kind: 'forward', at: '2026-03-02 09:00', step: 1, actor: 'motcua.mai' },
  ]);
  const bad = line('000.00.27.H21-260302-0002', [
    { kind: 'forward', at: '2026-03-02 09:00', step: 1 },
  ]);
  const file = join(srv.dir, 'history.jsonl');
  writeFileSync(file, `${good}\n\n${bad}\n`);
  const r = motcua(['--db', srv.db, 'dossier', 'import', file]);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /dòng \/ line 3 000\.00\.27\.H21-260302-0002: Sự kiện số 1/);
  assert.equal((await users['motcua.mai'].get('/api/v1/dossiers/000.00.27.H21-260302-0001')).status, 404, 'nothing imported');
  writeFileSync(file, `${good}\n`);
  const ok = motcua(['--db', srv.db, 'dossier', 'import', file]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /1 nhập \/ imported, 0 đã có/);
  const again = motcua(['--db', srv.db, 'dossier', 'import', file]);
  assert.match(again.stdout, /0 nhập \/ imported, 1 đã có/);
});

test('a late dossier: flagged to the leader, apologised once, still late', async () => {
  let d = (await users['tckh.hoa'].get('/api/v1/dossiers/000.00.27.H21-260302-0001')).json;
  assert.equal(d.state, 'processing');
  assert.equal(d.legal_due, '2026-03-05T08:00:00+07:00');
  assert.equal(d.status.name, 'overdue');
  assert.equal(d.needs_apology, true);
  const risk = await users['lanhdao.thanh'].get('/api/v1/dossiers?unit=dakpo.tckh&status=at_risk');
  assert.equal(risk.status, 200, risk.text);
  assert.ok(risk.json.dossiers.some((x) => x.code === d.code));
  assert.equal((await users['tckh.hoa'].get(`/api/v1/dossiers/${d.code}/apology-draft`)).status, 403);
  const draft = await users['tckh.son'].get(`/api/v1/dossiers/${d.code}/apology-draft`);
  assert.equal(draft.status, 200, draft.text);
  assert.equal(draft.json.late_now, true);
  assert.ok(draft.json.suggested_appointment > draft.json.legal_due);
  assert.match(draft.json.text_vi, /xin lỗi ông\/bà Trần Thị Cúc/);
  assert.equal((await act('tckh.hoa', d, 'apologize', { new_appointment_local: '2027-01-15 16:00', reason: 'Chờ xác minh' })).status, 403,
    'only a head or leader signs the apology');
  const r = await act('tckh.son', d, 'apologize', { new_appointment_local: '2027-01-15 16:00', reason: 'Phải xác minh thông tin với Công an huyện' });
  assert.equal(r.status, 200, r.text);
  d = r.json;
  assert.equal(d.apology_count, 1);
  assert.equal(d.appointment, '2027-01-15T16:00:00+07:00');
  assert.equal(d.legal_due, '2026-03-05T08:00:00+07:00', 'the legal deadline never moves');
  assert.equal(d.status.name, 'overdue');
  const twice = await act('tckh.son', d, 'apologize', { new_appointment_local: '2027-02-15 16:00', reason: 'Lần nữa' });
  assert.equal(twice.status, 409, 'the appointment is reset only once');
  const pub = await new Client(srv.base).get(`/api/v1/public/dossiers/${d.code}`);
  assert.equal(pub.json.appointment, '2027-01-15T16:00:00+07:00', 'the citizen sees the new date');
});

test('withdrawal and stop at the applicant\'s request', async () => {
  const a = (await users['motcua.mai'].post('/api/v1/dossiers', { procedure: '1.001612', applicant, documents: docs })).json;
  const w = await act('motcua.mai', a, 'withdraw', { reason: 'Công dân xin rút hồ sơ' });
  assert.equal(w.status, 200, w.text);
  assert.equal(w.json.state, 'withdrawn');
  assert.equal((await act('motcua.mai', w.json, 'forward', { step: 1 })).status, 409);
  const b = (await users['motcua.mai'].post('/api/v1/dossiers', { procedure: '1.001612', applicant, documents: docs })).json;
  const s = await act('motcua.mai', b, 'stop', { reason: 'Đề nghị dừng giải quyết theo đơn ngày 29/11' });
  assert.equal(s.status, 200, s.text);
  assert.equal(s.json.state, 'stopped');
});

test('transfer: a commune desk passes a district dossier to the district desk', async () => {
  const r = await users['anthanh.motcua'].post('/api/v1/dossiers', { procedure: '1.001612', applicant, documents: docs });
  assert.equal(r.status, 201, r.text);
  assert.match(r.json.code, /^000\.22\.27\.H21-/);
  const t = await users['anthanh.motcua'].post(`/api/v1/dossiers/${r.json.code}/events`,
    { kind: 'transfer', version: r.json.version, target_unit: 'dakpo.motcua', note: 'Thủ tục cấp huyện' });
  assert.equal(t.status, 200, t.text);
  assert.equal(t.json.state, 'transferred');
  const to = t.json.transferred_to;
  assert.match(to, /^000\.00\.27\.H21-/);
  const n = await users['motcua.mai'].get(`/api/v1/dossiers/${to}`);
  assert.equal(n.status, 200, n.text);
  assert.equal(n.json.channel, 'transfer');
  assert.equal(n.json.transferred_from, r.json.code);
  assert.equal(n.json.state, 'processing');
  assert.equal(n.json.applicant.name, applicant.name);
  const bad = await users['motcua.mai'].post(`/api/v1/dossiers/${to}/events`, { kind: 'transfer', version: n.json.version, target_unit: 'dakpo.tuphap' });
  assert.equal(bad.status, 400, 'only to a one-stop desk');
});

test('concurrent intakes (grouped into shared commits) all land, each with its own number', async () => {
  const bodies = Array.from({ length: 24 }, (_, i) => ({ procedure: '1.001612', applicant: { name: `Người nộp số ${i + 1}` }, documents: docs }));
  const answers = await Promise.all(bodies.map((b) => users['motcua.mai'].post('/api/v1/dossiers', b)));
  for (const a of answers) assert.equal(a.status, 201, a.text);
  const codes = answers.map((a) => a.json.code);
  assert.equal(new Set(codes).size, codes.length, 'distinct codes');
  for (const code of codes.slice(0, 5)) assert.equal((await users['motcua.mai'].get(`/api/v1/dossiers/${code}`)).status, 200);
  const metrics = await new Client(srv.base).get('/metrics');
  assert.match(metrics.text, /motcua_group_commit_writes_total \d+/);
});
