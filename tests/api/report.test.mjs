// report.test.mjs - the resolution report (Biểu số 06/VPCP/KSTT) end to end:
// a crafted history (tests/fixtures/report-history.jsonl, every dossier's
// fate known) is imported with the CLI, then every figure of the report is
// compared for several periods and units, through the API and the CLI; every
// row balances; the drill-down of every figure lists exactly the dossiers it
// counts; CSV; permissions; the public transparency page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, motcua, ROOT } from '../lib/server.mjs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { sheetCells } from '../lib/xlsx.mjs';

const FIXTURE = join(ROOT, 'tests/fixtures/report-history.jsonl');
const COLS = ['received', 'received_online', 'received_direct', 'carried_over', 'resolved', 'early', 'on_time', 'late',
  'withdrawn_stopped', 'pending', 'pending_within', 'pending_overdue'];
const D = (s) => `000.00.27.H21-${s}`;
const A = (s) => `000.22.27.H21-${s}`;

// Expected figures, in the order of COLS, by "level/field" (see the notes in
// the fixture: D1 ... D23).
const EXPECT = {
  'dakpo 2026-03-01 2026-03-31': {
    'district/ho-kinh-doanh': [14, 1, 11, 2, 10, 4, 2, 2, 2, 4, 1, 3],
    'district/tai-chinh': [2, 0, 2, 0, 1, 0, 1, 0, 0, 1, 1, 0],
    'commune/ho-tich': [1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0],
    'district': [16, 1, 13, 2, 11, 4, 3, 2, 2, 5, 2, 3],
    'commune': [1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0],
    'total': [17, 1, 14, 2, 12, 4, 4, 2, 2, 5, 2, 3],
  },
  // D8 is judged on the deadline in force on 6 March (5 March), not its
  // later restarted one; D7 waits since before its deadline: within
  'dakpo 2026-03-01 2026-03-06': {
    'district/ho-kinh-doanh': [13, 1, 10, 2, 8, 3, 2, 1, 2, 5, 1, 4],
    'district/tai-chinh': [1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0],
    'district': [14, 1, 11, 2, 9, 3, 3, 1, 2, 5, 1, 4],
    'total': [14, 1, 11, 2, 9, 3, 3, 1, 2, 5, 1, 4],
  },
  'dakpo 2026-02-01 2026-02-28': {
    'district/ho-kinh-doanh': [3, 0, 3, 0, 1, 1, 0, 0, 0, 2, 1, 1],
    'district': [3, 0, 3, 0, 1, 1, 0, 0, 0, 2, 1, 1],
    'total': [3, 0, 3, 0, 1, 1, 0, 0, 0, 2, 1, 1],
  },
  'dakpo 2026-04-01 2026-04-30': {
    'district/ho-kinh-doanh': [5, 0, 1, 4, 0, 0, 0, 0, 0, 5, 1, 4],
    'district/tai-chinh': [1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1],
    'district': [6, 0, 1, 5, 0, 0, 0, 0, 0, 6, 1, 5],
    'total': [6, 0, 1, 5, 0, 0, 0, 0, 0, 6, 1, 5],
  },
  'dakpo 2026-01-01 2026-03-31': {
    'district/ho-kinh-doanh': [15, 1, 14, 0, 11, 5, 2, 2, 2, 4, 1, 3],
    'district/tai-chinh': [2, 0, 2, 0, 1, 0, 1, 0, 0, 1, 1, 0],
    'commune/ho-tich': [1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0],
    'district': [17, 1, 16, 0, 12, 5, 3, 2, 2, 5, 2, 3],
    'commune': [1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0],
    'total': [18, 1, 17, 0, 13, 5, 4, 2, 2, 5, 2, 3],
  },
  // An Thành: what it received (D16 by transfer, D21)
  'anthanh 2026-03-01 2026-03-31': {
    'district/ho-kinh-doanh': [1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1],
    'commune/ho-tich': [1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0],
    'district': [1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1],
    'commune': [1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0],
    'total': [2, 0, 2, 0, 1, 0, 1, 0, 0, 1, 0, 1],
  },
  // the Finance department: what it resolves, wherever it was received
  'dakpo.tckh 2026-03-01 2026-03-31': {
    'district/ho-kinh-doanh': [14, 1, 11, 2, 10, 4, 2, 2, 2, 4, 1, 3],
    'district/tai-chinh': [2, 0, 2, 0, 1, 0, 1, 0, 0, 1, 1, 0],
    'district': [16, 1, 13, 2, 11, 4, 3, 2, 2, 5, 2, 3],
    'total': [16, 1, 13, 2, 11, 4, 3, 2, 2, 5, 2, 3],
  },
};

// The dossiers behind the figures of March, district / ho-kinh-doanh.
const MARCH_HKD = {
  received: ['260225-0001', '260302-0001', '260302-0002', '260302-0003', '260310-0001', '260302-0004', '260303-0001',
    '260302-0005', '260302-0006', '260302-0007', '260302-0009', '260224-0001', 'A260302-0001', '260303-0002'],
  received_online: ['260303-0002'],
  carried_over: ['260225-0001', '260224-0001'],
  early: ['260302-0001', '260303-0001', '260302-0007', '260303-0002'],
  on_time: ['260225-0001', '260302-0003'],
  late: ['260302-0002', '260302-0006'],
  withdrawn_stopped: ['260302-0009', '260224-0001'],
  pending_within: ['260310-0001'],
  pending_overdue: ['260302-0004', '260302-0005', 'A260302-0001'],
};
const codeOf = (s) => (s.startsWith('A') ? A(s.slice(1)) : D(s));

let srv;
const users = {};
before(async () => {
  srv = await startServer();
  const r = motcua(['--db', srv.db, 'dossier', 'import', FIXTURE]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /24 nhập \/ imported/);
  for (const u of ['tonghop.linh', 'lanhdao.thanh', 'motcua.mai', 'anthanh.chutich', 'admin']) {
    users[u] = new Client(srv.base);
    assert.equal((await users[u].login(u)).status, 200, u);
  }
});
after(async () => { await srv.stop(); });

const figures = (o) => COLS.map((c) => o[c]);
const balanced = (o) => o.received === o.received_online + o.received_direct + o.carried_over &&
  o.received === o.resolved + o.pending &&
  o.resolved === o.early + o.on_time + o.late + o.withdrawn_stopped &&
  o.pending === o.pending_within + o.pending_overdue;

function check(report, want, label) {
  const got = {};
  for (const r of report.rows) got[`${r.level}/${r.field}`] = figures(r);
  for (const t of report.totals) got[t.level] = figures(t);
  got.total = figures(report.total);
  assert.deepEqual(got, want, label);
  for (const r of [...report.rows, ...report.totals, report.total]) assert.ok(balanced(r), `${label}: balance of ${JSON.stringify(r)}`);
}

const url = (unit, from, to, extra = '') => `/api/v1/reports/resolution?unit=${unit}&from=${from}&to=${to}${extra}`;

test('every figure of every period, through the API and the CLI', async () => {
  for (const [key, want] of Object.entries(EXPECT)) {
    const [unit, from, to] = key.split(' ');
    const r = await users['tonghop.linh'].get(url(unit, from, to));
    assert.equal(r.status, 200, r.text);
    check(r.json, want, key);
    assert.equal(r.json.form, '06/VPCP/KSTT');
    assert.deepEqual(r.json.period, { from, to });
    assert.equal(r.json.unit.code, unit);
    assert.deepEqual(r.json.columns.map((c) => c.key), COLS);
    const cli = motcua(['--db', srv.db, 'report', 'resolution', '--from', from, '--to', to, '--unit', unit, '--format', 'json']);
    assert.equal(cli.status, 0, cli.stderr);
    assert.deepEqual(JSON.parse(cli.stdout), r.json, `${key}: CLI = API`);
    assert.equal(cli.stdout.trim(), r.text, `${key}: byte for byte`);
  }
});

test('rows are in the form\'s order with field names; the month carries over what the last left', async () => {
  const r = (await users['tonghop.linh'].get(url('dakpo', '2026-03-01', '2026-03-31'))).json;
  assert.deepEqual(r.rows.map((x) => [x.level, x.field]), [['district', 'ho-kinh-doanh'], ['district', 'tai-chinh'], ['commune', 'ho-tich']]);
  assert.equal(r.rows[0].field_name, 'Thành lập và hoạt động của hộ kinh doanh');
  assert.equal(r.rows[0].level_name, 'Cấp huyện');
  assert.equal(r.totals[1].level_name, 'Cấp xã');
  let pending = 0;
  for (const [from, to] of [['2026-01-01', '2026-01-31'], ['2026-02-01', '2026-02-28'], ['2026-03-01', '2026-03-31'],
    ['2026-04-01', '2026-04-30'], ['2026-05-01', '2026-05-31']]) {
    const m = (await users['tonghop.linh'].get(url('dakpo', from, to))).json;
    assert.equal(m.total.carried_over, pending, `${from}: carried over = last period's in progress`);
    pending = m.total.pending;
  }
});

test('the drill-down of every figure lists exactly the dossiers it counts', async () => {
  for (const key of ['dakpo 2026-03-01 2026-03-31', 'dakpo 2026-03-01 2026-03-06']) {
    const [unit, from, to] = key.split(' ');
    const rep = (await users['tonghop.linh'].get(url(unit, from, to))).json;
    const cells = [
      ...rep.rows.map((r) => [r, `level=${r.level}&field=${r.field}`]),
      ...rep.totals.map((t) => [t, `level=${t.level}`]),
      [rep.total, 'level=all'],
    ];
    for (const [line, where] of cells)
      for (const col of COLS) {
        const r = await users['tonghop.linh'].get(`/api/v1/reports/resolution/cell?unit=${unit}&from=${from}&to=${to}&${where}&column=${col}`);
        assert.equal(r.status, 200, r.text);
        assert.equal(r.json.count, line[col], `${key} ${where} ${col}`);
        assert.equal(r.json.dossiers.length, line[col]);
        assert.equal(new Set(r.json.dossiers.map((d) => d.code)).size, line[col], 'no dossier twice');
      }
  }
  for (const [col, codes] of Object.entries(MARCH_HKD)) {
    const r = await users['tonghop.linh'].get(
      `/api/v1/reports/resolution/cell?unit=dakpo&from=2026-03-01&to=2026-03-31&level=district&field=ho-kinh-doanh&column=${col}`);
    assert.deepEqual(r.json.dossiers.map((d) => d.code).sort(), codes.map(codeOf).sort(), col);
  }
  // D8 on 6 March: the deadline then (5 March), not the restarted one
  const d8 = await users['tonghop.linh'].get(
    '/api/v1/reports/resolution/cell?unit=dakpo&from=2026-03-01&to=2026-03-06&level=district&field=ho-kinh-doanh&column=pending_overdue');
  const row = d8.json.dossiers.find((d) => d.code === D('260302-0005'));
  assert.equal(row.legal_due, '2026-03-05T08:00:00+07:00');
  const cli = motcua(['--db', srv.db, 'report', 'cell', '--from', '2026-03-01', '--to', '2026-03-31', '--unit', 'dakpo',
    '--level', 'district', '--field', 'ho-kinh-doanh', '--column', 'late']);
  assert.equal(cli.status, 0, cli.stderr);
  assert.deepEqual(JSON.parse(cli.stdout).dossiers.map((d) => d.code).sort(), MARCH_HKD.late.map(codeOf).sort());
});

test('never counted: refused at intake, guided, transferred out, submitted online only', async () => {
  const r = await users['tonghop.linh'].get('/api/v1/reports/resolution/cell?unit=dakpo&from=2026-01-01&to=2026-12-31&level=all&column=received');
  const codes = r.json.dossiers.map((d) => d.code);
  for (const c of ['260302-0008', '260302-0010', '260302-0011', '260330-0001', '260330-0002'])
    assert.ok(!codes.includes(D(c)), c);
  assert.equal(codes.length, 19);
});

test('CSV: UTF-8 with a byte-order mark, Vietnamese titles, the same figures; CLI identical', async () => {
  const r = await users['tonghop.linh'].get(url('dakpo', '2026-03-01', '2026-03-31', '&format=csv'));
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('content-type'), /^text\/csv; charset=utf-8/);
  assert.match(r.headers.get('content-disposition'), /attachment; filename="bieu06-dakpo-2026-03-01-2026-03-31\.csv"/);
  const raw = Buffer.from(await (await fetch(srv.base + url('dakpo', '2026-03-01', '2026-03-31', '&format=csv'),
    { headers: { Cookie: users['tonghop.linh'].cookie } })).arrayBuffer());
  assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const lines = r.text.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines[0], '"STT","Lĩnh vực, cấp giải quyết","Mã lĩnh vực","Số hồ sơ nhận giải quyết: tổng số","Nhận trong kỳ: trực tuyến",'
    + '"Nhận trong kỳ: trực tiếp, dịch vụ bưu chính","Từ kỳ trước chuyển qua","Đã giải quyết: tổng số","Đã giải quyết: trước hạn",'
    + '"Đã giải quyết: đúng hạn","Đã giải quyết: quá hạn","Đã giải quyết: rút hồ sơ, dừng giải quyết","Đang giải quyết: tổng số",'
    + '"Đang giải quyết: trong hạn","Đang giải quyết: quá hạn"');
  assert.deepEqual(lines.slice(1), [
    '"I","Cấp huyện","",16,1,13,2,11,4,3,2,2,5,2,3',
    '"1","Thành lập và hoạt động của hộ kinh doanh","ho-kinh-doanh",14,1,11,2,10,4,2,2,2,4,1,3',
    '"2","Tài chính - ngân sách","tai-chinh",2,0,2,0,1,0,1,0,0,1,1,0',
    '"II","Cấp xã","",1,0,1,0,1,0,1,0,0,0,0,0',
    '"1","Hộ tịch","ho-tich",1,0,1,0,1,0,1,0,0,0,0,0',
    '"","Tổng cộng","",17,1,14,2,12,4,4,2,2,5,2,3',
  ]);
  const cli = motcua(['--db', srv.db, 'report', 'resolution', '--from', '2026-03-01', '--to', '2026-03-31', '--unit', 'dakpo', '--format', 'csv']);
  assert.equal(cli.status, 0, cli.stderr);
  assert.equal(cli.stdout, r.text.startsWith('\uFEFF') ? r.text : `\uFEFF${r.text}`);
  const table = motcua(['--db', srv.db, 'report', 'resolution', '--from', '2026-03-01', '--to', '2026-03-31', '--unit', 'dakpo']);
  assert.equal(table.status, 0, table.stderr);
  assert.match(table.stdout, /TỔNG CỘNG\s+17\s+1\s+14\s+2\s+12\s+4\s+4\s+2\s+2\s+5\s+2\s+3/);
});

test('Biểu 06 as a workbook and as a PDF: the same lines as the CSV; CLI identical', async () => {
  const q = url('dakpo', '2026-03-01', '2026-03-31', '');
  const csv = (await users['tonghop.linh'].get(q + '&format=csv')).text.replace(/^\uFEFF/, '').trim().split('\r\n').slice(1)
    .map((l) => JSON.parse('[' + l + ']'));
  const tmp = mkdtempSync(join(tmpdir(), 'motcua-bieu06-'));
  try {
    const get = async (format) => {
      const r = await fetch(srv.base + q + '&format=' + format, { headers: { Cookie: users['tonghop.linh'].cookie } });
      assert.equal(r.status, 200, format);
      assert.match(r.headers.get('content-disposition'), new RegExp(`filename="bieu06-dakpo-2026-03-01-2026-03-31\\.${format}"`));
      const file = join(tmp, 'api.' + format);
      writeFileSync(file, Buffer.from(await r.arrayBuffer()));
      return { file, type: r.headers.get('content-type') };
    };
    const x = await get('xlsx');
    assert.equal(x.type, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const cells = sheetCells(x.file, 1);
    assert.match(cells.A1, /^Biểu số 06\/VPCP\/KSTT - Tình hình, kết quả giải quyết TTHC - UBND huyện Đak Pơ/);
    assert.equal(cells.A3, 'STT');
    assert.equal(cells.D3, 'Số hồ sơ nhận giải quyết: tổng số');
    const cols = 'ABCDEFGHIJKLMNO';
    csv.forEach((line, i) => {
      const row = 4 + i;
      assert.equal(cells['A' + row] || '', line[0], `A${row}`);
      assert.equal(cells['B' + row], line[1], `B${row}`);
      for (let c = 3; c < line.length; c++) assert.equal(cells[cols[c] + row], line[c], `${cols[c]}${row}`);
    });
    const p = await get('pdf');
    assert.equal(p.type, 'application/pdf');
    const text = execFileSync('pdftotext', ['-layout', p.file, '-'], { encoding: 'utf8' });
    assert.match(text, /Biểu số 06\/VPCP\/KSTT/);
    assert.match(text, /TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH/);
    const total = csv[csv.length - 1].slice(3).join('\\s+');
    assert.match(text, new RegExp('Tổng cộng\\s+' + total));
    // the command line writes the same files
    const cx = join(tmp, 'cli.xlsx'), cp = join(tmp, 'cli.pdf');
    for (const [format, out] of [['xlsx', cx], ['pdf', cp]]) {
      const r = motcua(['--db', srv.db, 'report', 'resolution', '--from', '2026-03-01', '--to', '2026-03-31', '--unit', 'dakpo',
        '--format', format, '--out', out]);
      assert.equal(r.status, 0, r.stderr);
    }
    assert.deepEqual(sheetCells(cx, 1), cells);
    assert.equal(execFileSync('pdftotext', ['-layout', cp, '-'], { encoding: 'utf8' }), text);
    const bad = await users['tonghop.linh'].get(q + '&format=doc');
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.field, 'format');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('permissions and bad input', async () => {
  assert.equal((await new Client(srv.base).get(url('dakpo', '2026-03-01', '2026-03-31'))).status, 401);
  assert.equal((await users['motcua.mai'].get(url('dakpo', '2026-03-01', '2026-03-31'))).status, 403, 'a desk officer reads no reports');
  assert.equal((await users['anthanh.chutich'].get(url('dakpo', '2026-03-01', '2026-03-31'))).status, 403, 'not above one\'s unit');
  const own = await users['anthanh.chutich'].get('/api/v1/reports/resolution?from=2026-03-01&to=2026-03-31');
  assert.equal(own.status, 200, own.text);
  assert.equal(own.json.unit.code, 'anthanh', 'default: the caller\'s unit');
  assert.equal((await users['lanhdao.thanh'].get(url('dakpo', '2026-03-01', '2026-03-31'))).status, 200);
  assert.equal((await users['admin'].get('/api/v1/reports/resolution?from=2026-03-01&to=2026-03-31')).json.unit.code, 'gialai');
  const bad = [
    [url('dakpo', '2026-03-32', '2026-03-31'), 'from'],
    [url('dakpo', '2026-03-01', ''), 'to'],
    [url('dakpo', '2026-03-31', '2026-03-01'), 'to'],
    [url('dakpo', '2026-03-01', '2026-03-31', '&format=docx'), 'format'],
    ['/api/v1/reports/resolution/cell?unit=dakpo&from=2026-03-01&to=2026-03-31&level=district&column=nope', 'column'],
    ['/api/v1/reports/resolution/cell?unit=dakpo&from=2026-03-01&to=2026-03-31&level=ward&column=late', 'level'],
  ];
  for (const [u, field] of bad) {
    const r = await users['tonghop.linh'].get(u);
    assert.equal(r.status, 400, u);
    assert.equal(r.json.error.field, field, u);
    assert.ok(r.json.error.message && r.json.error.message_en);
  }
  assert.equal((await users['tonghop.linh'].get(url('nowhere', '2026-03-01', '2026-03-31'))).status, 404);
  const cli = motcua(['--db', srv.db, 'report', 'resolution', '--from', '2026-03-01']);
  assert.equal(cli.status, 2);
  assert.match(cli.stderr, /to/);
});

test('public transparency: on-time rates by receiving unit and by field, no personal data', async () => {
  const r = await new Client(srv.base).get('/api/v1/public/transparency?year=2026');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.year, 2026);
  assert.equal(r.json.from, '2026-01-01');
  const byUnit = Object.fromEntries(r.json.units.map((u) => [u.unit, u]));
  assert.deepEqual(Object.keys(byUnit).sort(), ['anthanh', 'dakpo']);
  assert.deepEqual(byUnit.dakpo, { received: 17, resolved: 12, early: 5, on_time: 3, late: 2, withdrawn_stopped: 2, pending: 5,
    pending_overdue: 4, on_time_rate: 80, unit: 'dakpo', unit_name: byUnit.dakpo.unit_name, level: 'district' });
  assert.equal(byUnit.anthanh.on_time_rate, 100);
  assert.equal(byUnit.anthanh.pending_overdue, 1);
  const hkd = r.json.fields.find((f) => f.field === 'ho-kinh-doanh');
  assert.equal(hkd.field_name, 'Thành lập và hoạt động của hộ kinh doanh');
  assert.equal(hkd.late, 2);
  assert.equal(r.json.total.received, 19);
  assert.ok(!/Trần Thị Cúc|0987654321|H21-26/.test(r.text), 'no names, phones or codes');
  assert.equal((await new Client(srv.base).get('/api/v1/public/transparency?year=2999')).status, 400);
  assert.equal((await new Client(srv.base).get('/api/v1/public/transparency?year=abc')).status, 400);
  assert.equal((await new Client(srv.base).get('/api/v1/public/transparency')).status, 200, 'this year by default');
});
