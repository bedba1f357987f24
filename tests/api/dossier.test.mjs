// dossier.test.mjs - the life of a dossier through the API: intake at the
// desk, three departments' steps, result, return; guidance for missing
// documents; supplements with a leader's approval; roles; conflicts; the
// control slip; worklists; the public lookup.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client } from '../lib/server.mjs';

let srv;
const users = {};
before(async () => {
  srv = await startServer({ env: { MOTCUA_LOOKUP_PER_MINUTE: '1000' } });
  for (const u of ['motcua.mai', 'tckh.hoa', 'tckh.son', 'tuphap.lan', 'lanhdao.thanh', 'anthanh.motcua', 'anthanh.tuphap', 'anthanh.chutich']) {
    users[u] = new Client(srv.base);
    assert.equal((await users[u].login(u)).status, 200, u);
  }
});
after(async () => { await srv.stop(); });

const applicant = { kind: 'individual', name: 'Nguyễn Văn Bình', id_number: '064090001111', phone: '0912 000 111', address: 'Thôn 1, xã An Thành' };
const intake = (over = {}) => users['motcua.mai'].post('/api/v1/dossiers', {
  procedure: '1.001612', applicant, documents: [{ index: 0 }, { index: 1, form: 'copy' }], delivery: { method: 'desk' }, ...over });

async function act(who, d, kind, fields = {}) {
  const r = await users[who].post(`/api/v1/dossiers/${d.code}/events`, { kind, version: d.version, ...fields });
  return r;
}

test('a complete journey: desk -> specialist -> head -> specialist -> desk, on time', async () => {
  const r = await intake();
  assert.equal(r.status, 201, r.text);
  let d = r.json;
  assert.match(d.code, /^000\.00\.27\.H21-\d{6}-\d{4}$/);
  assert.equal(d.state, 'processing');
  assert.equal(d.step.index, 0);
  assert.equal(d.step.unit.code, 'dakpo.motcua');
  const mine = (await users['motcua.mai'].get(`/api/v1/dossiers/${d.code}`)).json.actions;
  assert.ok(mine.includes('forward') && mine.includes('request_supplement'), mine.join());
  assert.ok(!mine.includes('record_result') && !mine.includes('return_result'));
  const seenBySpecialist = (await users['tckh.hoa'].get(`/api/v1/dossiers/${d.code}`)).json;
  assert.deepEqual(seenBySpecialist.actions, [], 'nothing for the specialist while the desk holds it');
  assert.ok(d.legal_due && d.appointment === d.legal_due);
  assert.equal(d.procedure.name, 'Đăng ký thành lập hộ kinh doanh');
  assert.equal(d.fee_total, 100000);
  const steps = [['motcua.mai', 'forward', 1], ['tckh.hoa', 'take'], ['tckh.hoa', 'forward', 2], ['tckh.son', 'forward', 3]];
  for (const [who, kind, step] of steps) {
    const res = await act(who, d, kind, step !== undefined ? { step, note: 'Đã kiểm tra' } : {});
    assert.equal(res.status, 200, `${who} ${kind}: ${res.text}`);
    d = res.json;
  }
  assert.equal(d.step.index, 3);
  assert.equal(d.step.unit.code, 'dakpo.tckh');
  let res = await act('tckh.hoa', d, 'record_result', { result_number: '125/GCN-HKD', result_date: '2026-11-30', signer: 'Huỳnh Ngọc Sơn' });
  assert.equal(res.status, 200, res.text);
  d = res.json;
  assert.equal(d.state, 'result_ready');
  res = await act('motcua.mai', d, 'return_result', { return_method: 'desk' });
  assert.equal(res.status, 200, res.text);
  d = res.json;
  assert.equal(d.state, 'returned');
  assert.ok(['early', 'on_time'].includes(d.status.name), JSON.stringify(d.status));
  assert.deepEqual(d.events.map((e) => e.kind), ['intake', 'forward', 'take', 'forward', 'forward', 'record_result', 'return_result']);
  const slip = await users['motcua.mai'].get(`/api/v1/dossiers/${d.code}/control-slip`);
  assert.equal(slip.status, 200, slip.text);
  assert.ok(slip.json.rows.length >= 5);
  for (const row of slip.json.rows) {
    assert.ok(row.status === null || ['early', 'on_time'].includes(row.status.name), JSON.stringify(row));
  }
  assert.deepEqual(slip.json.rows.map((x) => x.step), [0, 1, 2, 3, 4]);
  assert.ok(slip.json.rows.every((x) => x.end_vi && x.end_en));
  assert.equal(d.events[0].actor_name, 'Nguyễn Thị Mai');
  assert.equal(d.events[0].unit_name, 'Bộ phận Một cửa huyện Đak Pơ');
  const pub = await new Client(srv.base).get(`/api/v1/public/dossiers/${d.code}`);
  assert.equal(pub.status, 200, pub.text);
  assert.equal(pub.json.state, 'returned');
  assert.ok(!pub.text.includes('Bình') && !pub.text.includes('0912000111') && !pub.text.includes('064090001111'),
    'no personal data in the public view: ' + pub.json.applicant);
  assert.ok(pub.json.timeline.length >= 5);
});

test('missing documents: not received, the guidance lists every missing item at once', async () => {
  const r = await intake({ documents: [{ index: 0 }] });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'documents');
  assert.match(r.json.error.message, /Thiếu giấy tờ bắt buộc: 1\) Bản sao giấy tờ pháp lý/);
  const g = await intake({ action: 'guide', documents: [{ index: 0 }] });
  assert.equal(g.status, 201, g.text);
  assert.equal(g.json.state, 'guided');
  assert.equal(g.json.received_at, null);
  assert.deepEqual(g.json.events[0].items.length, 1);
  const pub = await new Client(srv.base).get(`/api/v1/public/dossiers/${g.json.code}`);
  assert.equal(pub.status, 404, 'guidance is not a received dossier');
});

test('only the step\'s role acts; a stale version is a conflict, nothing is lost', async () => {
  const d = (await intake()).json;
  const wrong = await act('tckh.hoa', d, 'forward', { step: 1 });
  assert.equal(wrong.status, 403, 'the specialist cannot act at the desk\'s step');
  const fwd = await act('motcua.mai', d, 'forward', { step: 1 });
  assert.equal(fwd.status, 200, fwd.text);
  const stale = await act('motcua.mai', d, 'forward', { step: 1 });
  assert.equal(stale.status, 409, stale.text);
  assert.equal(stale.json.error.field, 'version');
  const [a, b] = await Promise.all([act('tckh.hoa', fwd.json, 'take'), act('tckh.hoa', fwd.json, 'forward', { step: 2 })]);
  assert.deepEqual([a.status, b.status].sort(), [200, 409], `${a.text} ${b.text}`);
  const now = (await users['tckh.hoa'].get(`/api/v1/dossiers/${d.code}`)).json;
  assert.equal(now.version, fwd.json.version + 1, 'exactly one of the two concurrent actions was recorded');
});

test('supplements: one complete request; a second needs a leader, with a reason', async () => {
  let d = (await intake()).json;
  d = (await act('motcua.mai', d, 'forward', { step: 1 })).json;
  let r = await act('tckh.hoa', d, 'request_supplement', { items: ['Bản sao CCCD của chủ hộ còn hạn', 'Biên bản họp thành viên hộ gia đình'] });
  assert.equal(r.status, 200, r.text);
  d = r.json;
  assert.equal(d.state, 'waiting_supplement');
  assert.equal(d.status.name, 'paused');
  r = await act('motcua.mai', d, 'supplement_received', { note: 'Công dân đã nộp đủ' });
  assert.equal(r.status, 200, r.text);
  d = r.json;
  assert.equal(d.state, 'processing');
  assert.equal(d.supplement_count, 1);
  r = await act('tckh.hoa', d, 'request_supplement', { items: ['Giấy tờ khác'], reason: 'Phát sinh' });
  assert.equal(r.status, 403);
  assert.match(r.json.error.message, /lãnh đạo phê duyệt/);
  const noReason = await act('tckh.son', d, 'request_supplement', { items: ['Giấy tờ khác'] });
  assert.ok([400, 409].includes(noReason.status), noReason.text);
  r = await act('tckh.son', d, 'request_supplement', { items: ['Văn bản ủy quyền có chứng thực'], reason: 'Người nộp không phải chủ hộ' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.supplement_count, 2);
  const ev = r.json.events.at(-1);
  assert.equal(ev.kind, 'request_supplement');
  assert.ok(ev.approved_by > 0);
});

test('a commune dossier stays in the commune; other units cannot see it', async () => {
  const proc = (await new Client(srv.base).get('/api/v1/procedures/1.001193')).json;
  const documents = proc.documents.map((doc, index) => ({ index, required: doc.required !== false }))
    .filter((doc) => doc.required).map(({ index }) => ({ index }));
  const r = await users['anthanh.motcua'].post('/api/v1/dossiers', { procedure: '1.001193', applicant: { name: 'Rơ Châm H\'Nhi' }, documents });
  assert.equal(r.status, 201, r.text);
  const d = r.json;
  assert.equal(d.procedure.name, 'Đăng ký khai sinh');
  assert.match(d.code, /^000\.22\.27\.H21-/);
  assert.equal(d.resolving_unit.code, 'anthanh');
  assert.equal((await users['tuphap.lan'].get(`/api/v1/dossiers/${d.code}`)).status, 404);
  assert.equal((await users['anthanh.tuphap'].get(`/api/v1/dossiers/${d.code}`)).status, 200);
  assert.equal((await users['lanhdao.thanh'].get(`/api/v1/dossiers/${d.code}`)).status, 200, 'the district leader sees the communes');
});

test('worklists show what waits at my unit, most urgent first', async () => {
  const w = await users['tckh.hoa'].get('/api/v1/dossiers');
  assert.equal(w.status, 200, w.text);
  assert.equal(w.json.unit, 'dakpo.tckh');
  assert.ok(w.json.dossiers.length >= 1);
  for (const d of w.json.dossiers) {
    assert.ok(['processing', 'waiting_supplement'].includes(d.state));
    assert.ok(d.step_name && d.step_name.length > 3, 'the step is named: ' + JSON.stringify(d));
    assert.equal(d.step_unit.code, 'dakpo.tckh');
  }
  const due = w.json.dossiers.map((d) => d.appointment);
  assert.deepEqual(due, [...due].sort());
  const desk = await users['motcua.mai'].get('/api/v1/dossiers?view=all&q=nguyen van binh');
  assert.ok(desk.json.total >= 3, desk.text);
  assert.equal((await users['anthanh.motcua'].get('/api/v1/dossiers?unit=dakpo')).status, 403);
  const book = await users['motcua.mai'].get('/api/v1/units/dakpo.motcua/tracking-book?from=2020-01-01&to=2099-12-31');
  assert.equal(book.status, 200, book.text);
  assert.ok(book.json.dossiers.length >= 3);
  const all = await users['lanhdao.thanh'].get('/api/v1/units/dakpo/tracking-book?from=2020-01-01&to=2099-12-31');
  assert.ok(all.json.dossiers.length > book.json.dossiers.length, 'the district book holds its desk\'s and its communes\' dossiers');
  assert.equal((await users['motcua.mai'].get('/api/v1/units/dakpo/tracking-book?from=2020-01-01&to=2099-12-31')).status, 403);
});

test('public lookup: unknown and malformed codes look the same, and guessing is limited', async () => {
  const anon = new Client(srv.base);
  const a = await anon.get('/api/v1/public/dossiers/000.00.27.H21-260101-9999');
  const b = await anon.get('/api/v1/public/dossiers/not-a-code');
  assert.equal(a.status, 404);
  assert.equal(b.status, 404);
  assert.equal(a.json.error.message, b.json.error.message);
});
