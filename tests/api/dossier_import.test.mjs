// dossier_import.test.mjs - `motcua dossier import` on files larger than the
// importer's hand-over queue (rows are written by a second connection while
// the next lines are read, docs/PERFORMANCE.md): all or nothing even when the
// bad line comes after hundreds of written ones, idempotent by code, and the
// day's numbering raised once per day to the highest imported number,
// whatever the order of the lines.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, motcua } from '../lib/server.mjs';

let srv;
let mai;
before(async () => {
  srv = await startServer();
  mai = new Client(srv.base);
  assert.equal((await mai.login('motcua.mai')).status, 200);
});
after(async () => { await srv.stop(); });

const AGENCY = '000.00.27.H21'; // dakpo's
const applicant = { name: 'Lê Văn Nhập', phone: '0905 111 222' };
const docs = [{ index: 0 }, { index: 1 }];
const pad = (n, w) => String(n).padStart(w, '0');
// day 2025-MM-DD, number n: a finished dossier received that morning
const line = (month, day, n) => JSON.stringify({
  code: `${AGENCY}-25${pad(month, 2)}${pad(day, 2)}-${pad(n, 4)}`, procedure: '1.001612', desk: 'dakpo.motcua',
  applicant, documents: docs,
  events: [
    { kind: 'intake', at: `2025-${pad(month, 2)}-${pad(day, 2)} 08:00` },
    { kind: 'forward', at: `2025-${pad(month, 2)}-${pad(day, 2)} 09:00`, step: 1 },
  ],
});
const importFile = (name, lines, ...args) => {
  const file = join(srv.dir, name);
  writeFileSync(file, lines.join('\n') + '\n');
  return motcua(['--db', srv.db, 'dossier', 'import', file, ...args]);
};
const exists = async (month, day, n) =>
  (await mai.get(`/api/v1/dossiers/${AGENCY}-25${pad(month, 2)}${pad(day, 2)}-${pad(n, 4)}`)).status === 200;

// 700 dossiers over March and April 2025 (more than the writer's queue of 512)
const good = [];
for (let i = 0; i < 700; i++) good.push(line(3 + (i % 2), 1 + (i % 28), 1 + Math.floor(i / 28)));

test('a bad last line after 700 good ones: nothing is written', () => {
  const bad = JSON.stringify({ ...JSON.parse(line(5, 5, 1)), procedure: '9.999999' });
  const r = importFile('bad-last.jsonl', [...good, bad]);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /dòng \/ line 701 000\.00\.27\.H21-250505-0001/);
  const dry = importFile('good.jsonl', good, '--dry-run');
  assert.equal(dry.status, 0, dry.stderr);
  assert.match(dry.stdout, /thử \/ dry run\) 700 dòng \/ lines: 0 nhập \/ imported, 0 đã có/, 'nothing was left behind');
});

test('the good file: 700 imported, then skipped, then only the new line', async () => {
  const ok = importFile('good.jsonl', good);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /700 dòng \/ lines: 700 nhập \/ imported, 0 đã có/);
  assert.ok(await exists(3, 1, 1));
  assert.ok(await exists(4, 28, 25), 'the last line');
  const again = importFile('good.jsonl', good);
  assert.match(again.stdout, /0 nhập \/ imported, 700 đã có/);
  const more = importFile('more.jsonl', [...good, line(5, 6, 1)]);
  assert.equal(more.status, 0, more.stderr);
  assert.match(more.stdout, /701 dòng \/ lines: 1 nhập \/ imported, 700 đã có/);
  const d = (await mai.get(`/api/v1/dossiers/${AGENCY}-250506-0001`)).json;
  assert.equal(d.state, 'processing');
  assert.equal(d.version, 2, 'both events written');
});

test('numbering continues after the highest imported number of the day, in any order', async () => {
  // today's code: what an intake gets now, then import numbers 7 and 3 after it
  const first = await mai.post('/api/v1/dossiers', { procedure: '1.001612', applicant, documents: docs });
  assert.equal(first.status, 201, first.text);
  const m = /^(.*-\d{6})-(\d{4})$/.exec(first.json.code);
  const [prefix, n] = [m[1], Number(m[2])];
  const day = prefix.slice(-6);
  const at = `20${day.slice(0, 2)}-${day.slice(2, 4)}-${day.slice(4, 6)} 07:30`;
  const mk = (k) => JSON.stringify({
    code: `${prefix}-${pad(n + k, 4)}`, procedure: '1.001612', desk: 'dakpo.motcua', applicant, documents: docs,
    events: [{ kind: 'intake', at }],
  });
  const r = importFile('today.jsonl', [mk(7), mk(3)]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /2 nhập \/ imported/);
  const next = await mai.post('/api/v1/dossiers', { procedure: '1.001612', applicant, documents: docs });
  assert.equal(next.status, 201, next.text);
  assert.equal(next.json.code, `${prefix}-${pad(n + 8, 4)}`);
});
