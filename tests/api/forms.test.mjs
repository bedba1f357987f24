// forms.test.mjs - the printable forms through the API: the receipt's PDF
// carries the dossier's Vietnamese fields and a QR code that opens its
// public lookup; the tracking book comes as PDF, Excel and CSV with the same
// rows as the JSON.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, Client, motcua } from '../lib/server.mjs';

let srv, desk, d;
before(async () => {
  srv = await startServer({ env: { MOTCUA_BASE_URL: 'https://motcua.dakpo.example' } });
  desk = new Client(srv.base);
  await desk.login('motcua.mai');
  const r = await desk.post('/api/v1/dossiers', { procedure: '1.001612', applicant: { name: 'Nguyễn Văn Bình', phone: '0912000111' },
    documents: [{ index: 0 }, { index: 1 }] });
  assert.equal(r.status, 201, r.text);
  d = r.json;
});
after(async () => { await srv.stop(); });

async function fetchBytes(client, path) {
  const res = await fetch(srv.base + path, { headers: { Cookie: client.cookie } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

test('the receipt PDF shows the dossier and its QR code opens the lookup', async () => {
  const r = await fetchBytes(desk, `/api/v1/dossiers/${d.code}/forms/receipt.pdf`);
  assert.equal(r.status, 200);
  assert.equal(r.type, 'application/pdf');
  const pdf = join(srv.dir, 'receipt.pdf');
  writeFileSync(pdf, r.bytes);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  assert.match(text, /GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ/);
  assert.ok(text.includes(d.code), 'the dossier code');
  assert.match(text, /Nguyễn Văn Bình/);
  assert.match(text, /Đăng ký thành lập hộ kinh doanh/);
  execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', pdf, join(srv.dir, 'receipt')]);
  const qr = execFileSync('zbarimg', ['--raw', '-q', join(srv.dir, 'receipt-1.png')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n');
  assert.ok(qr.includes(`https://motcua.dakpo.example/tra-cuu/${d.code}`), qr.join(' | '));
});

test('forms follow the dossier\'s permissions; unknown forms are 404', async () => {
  const other = new Client(srv.base);
  await other.login('anthanh.motcua');
  assert.equal((await fetchBytes(other, `/api/v1/dossiers/${d.code}/forms/receipt.pdf`)).status, 404);
  assert.equal((await fetchBytes(desk, `/api/v1/dossiers/${d.code}/forms/nothing.pdf`)).status, 404);
  const slip = await fetchBytes(desk, `/api/v1/dossiers/${d.code}/forms/control-slip.pdf`);
  assert.equal(slip.status, 200);
  assert.equal(slip.bytes.subarray(0, 5).toString(), '%PDF-');
});

test('the tracking book as PDF, Excel and CSV holds the same rows as the JSON', async () => {
  const q = '?from=2020-01-01&to=2099-12-31';
  const json = await desk.get(`/api/v1/units/dakpo.motcua/tracking-book${q}`);
  assert.equal(json.status, 200);
  const pdf = await fetchBytes(desk, `/api/v1/units/dakpo.motcua/tracking-book.pdf${q}`);
  assert.equal(pdf.status, 200);
  const file = join(srv.dir, 'book.pdf');
  writeFileSync(file, pdf.bytes);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  for (const row of json.json.dossiers) assert.ok(text.includes(row.code), row.code);
  const csv = await fetchBytes(desk, `/api/v1/units/dakpo.motcua/tracking-book.csv${q}`);
  assert.equal(csv.status, 200);
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM for Excel');
  const csvText = csv.bytes.toString('utf8');
  for (const row of json.json.dossiers) assert.ok(csvText.includes(row.code));
  const xlsx = await fetchBytes(desk, `/api/v1/units/dakpo.motcua/tracking-book.xlsx${q}`);
  assert.equal(xlsx.status, 200);
  const xf = join(srv.dir, 'book.xlsx');
  writeFileSync(xf, xlsx.bytes);
  const strings = execFileSync('unzip', ['-p', xf, 'xl/sharedStrings.xml'], { encoding: 'utf8' });
  for (const row of json.json.dossiers) assert.ok(strings.includes(row.code), row.code);
  assert.match(strings, /Sổ theo dõi hồ sơ/);
  assert.equal((await fetchBytes(desk, `/api/v1/units/dakpo.motcua/other.pdf${q}`)).status, 404);
});

test('exports: the dossier list and the catalog as CSV and Excel', async () => {
  const list = await desk.get('/api/v1/dossiers?view=all');
  const csv = await fetchBytes(desk, '/api/v1/exports/dossiers.csv?view=all');
  assert.equal(csv.status, 200);
  const text = csv.bytes.toString('utf8');
  assert.ok(text.startsWith('\ufeff'), 'BOM');
  assert.match(text, /Mã hồ sơ/);
  for (const d of list.json.dossiers) assert.ok(text.includes(d.code));
  const xlsx = await fetchBytes(desk, '/api/v1/exports/catalog.xlsx?online=full');
  assert.equal(xlsx.status, 200);
  const xf = join(srv.dir, 'catalog.xlsx');
  writeFileSync(xf, xlsx.bytes);
  const strings = execFileSync('unzip', ['-p', xf, 'xl/sharedStrings.xml'], { encoding: 'utf8' });
  assert.match(strings, /Đăng ký thành lập hộ kinh doanh/);
  assert.match(strings, /Toàn trình/);
  const other = new Client(srv.base);
  await other.login('anthanh.motcua');
  assert.equal((await fetchBytes(other, '/api/v1/exports/dossiers.csv?unit=dakpo.motcua')).status, 403);
  assert.equal((await fetchBytes(desk, '/api/v1/exports/everything.csv')).status, 404);
});

test('with the unit\'s bank account set, the receipt also carries the VietQR code of the fee', async () => {
  const set = motcua(['unit', 'bank', 'dakpo', '--bin', '970436', '--account', '0123456789', '--name', 'UBND HUYEN DAK PO', '--db', srv.db]);
  assert.equal(set.status, 0, set.stderr);
  const r = await fetchBytes(desk, `/api/v1/dossiers/${d.code}/forms/receipt.pdf`);
  assert.equal(r.status, 200);
  const pdf = join(srv.dir, 'receipt-qr.pdf');
  writeFileSync(pdf, r.bytes);
  execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', pdf, join(srv.dir, 'receiptqr')]);
  const codes = execFileSync('zbarimg', ['--raw', '-q', join(srv.dir, 'receiptqr-1.png')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    .trim().split('\n');
  const vietqr = codes.find((c) => c.startsWith('000201'));
  assert.ok(vietqr, codes.join(' | '));
  assert.match(vietqr, /0123456789/);
  assert.match(vietqr, /5406100000/, 'the fee: 100.000 đồng');
  assert.ok(vietqr.includes(d.code), 'the dossier code in the transfer note');
});

test('a QR image for any short text (the fee\'s VietQR), and the upload limit is public', async () => {
  const r = await fetch(`${srv.base}/api/v1/qr.svg?text=${encodeURIComponent('000201010212')}`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'image/svg+xml');
  const svg = await r.text();
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 (\d+) \1"/);
  assert.ok((svg.match(/h1v1h-1z/g) || []).length > 50, 'modules drawn');
  assert.equal((await fetch(`${srv.base}/api/v1/qr.svg`)).status, 400);
  const v = await (await fetch(`${srv.base}/api/v1/version`)).json();
  assert.ok(v.limits.upload_max_kb > 0 && v.limits.max_body_kb > 0);
});
