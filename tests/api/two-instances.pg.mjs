// two-instances.pg.mjs - two `motcua serve` processes on one PostgreSQL
// database, as behind a load balancer: a session made through one is valid
// on the other, dossier numbers never collide under concurrent intake on
// both, and a change made through one is seen through the other.
//
// Needs MOTCUA_TEST_PG (tools/test.sh sets it; tools/pg-cluster.sh makes the
// cluster).  The test makes a database of its own next to that one, runs
// `motcua init --demo` into it, and drops it at the end.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, Client, motcua } from '../lib/server.mjs';

const PG = process.env.MOTCUA_TEST_PG || '';
const skip = PG ? false : 'MOTCUA_TEST_PG is not set (see tools/pg-cluster.sh)';
const NAME = `motcua_two_${process.pid}_${Date.now()}`; // a name we made: safe as SQL text
const CONNINFO = `${PG.replace(/(^|\s)dbname=\S+/g, '').trim()} dbname=${NAME}`;
const PER_INSTANCE = 30;

let a, b;

function psql(sql) {
  execFileSync(process.env.MOTCUA_TEST_PSQL || 'psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', PG, '-c', sql],
    { stdio: ['ignore', 'ignore', 'pipe'] });
}

before(async () => {
  if (skip) return;
  psql(`CREATE DATABASE ${NAME}`);
  const init = motcua(['--pg', CONNINFO, 'init', '--demo']);
  assert.equal(init.status, 0, init.stderr);
  // opts.pg: an existing database, not initialised again; MOTCUA_PG makes
  // the server use it.
  const opts = { pg: CONNINFO, env: { MOTCUA_PG: CONNINFO }, args: ['--threads', '4'] };
  [a, b] = await Promise.all([startServer(opts), startServer(opts)]);
});

after(async () => {
  if (skip) return;
  try {
    await Promise.all([a?.stop(), b?.stop()]);
  } finally {
    psql(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
  }
});

// A client of the other instance with the same session (cookie and CSRF
// token), as when the load balancer sends the next request elsewhere.
function sameSession(c, base) {
  const o = new Client(base);
  o.cookie = c.cookie;
  o.csrf = c.csrf;
  return o;
}

test('both instances share the database', { skip }, async () => {
  for (const s of [a, b]) {
    const h = await new Client(s.base).get('/healthz');
    assert.deepEqual({ status: h.json.status, db: h.json.db }, { status: 'ok', db: 'postgres' });
  }
  assert.notEqual(a.port, b.port);
});

test('a session made through one instance is valid on the other, and so is its end', { skip }, async () => {
  const onA = new Client(a.base);
  assert.equal((await onA.login('motcua.mai')).status, 200);
  const onB = sameSession(onA, b.base);
  const s = await onB.get('/api/v1/session');
  assert.equal(s.status, 200, s.text);
  assert.equal(s.json.user.username, 'motcua.mai');
  // a write through B with the CSRF token A handed out
  const out = await onB.post('/api/v1/auth/logout');
  assert.equal(out.status, 200, out.text);
  assert.equal((await onA.get('/api/v1/session')).status, 401, 'logged out everywhere');
});

test(`dossier numbers never collide: ${PER_INSTANCE} concurrent intakes on each instance`, { skip }, async () => {
  const onA = new Client(a.base);
  assert.equal((await onA.login('motcua.mai')).status, 200);
  const onB = sameSession(onA, b.base);
  const proc = await onA.get('/api/v1/procedures/1.001612');
  assert.equal(proc.status, 200, proc.text);
  const documents = proc.json.documents.map((d, index) => ({ d, index }))
    .filter(({ d }) => d.required !== false).map(({ index }) => ({ index }));
  assert.ok(documents.length > 0);
  const body = { procedure: '1.001612', applicant: { name: 'Nguyễn Văn A' }, documents };
  const all = await Promise.all(Array.from({ length: 2 * PER_INSTANCE },
    (_, i) => (i % 2 ? onB : onA).post('/api/v1/dossiers', body)));
  for (const r of all) assert.equal(r.status, 201, r.text);
  const codes = all.map((r) => r.json.code);
  assert.equal(new Set(codes).size, codes.length, `duplicate codes: ${codes.sort().join(' ')}`);
  // one agency and (unless the test ran across midnight) one day: 1..60
  const byDay = new Map();
  for (const c of codes) {
    const m = /^(.*)-(\d{6})-(\d{4})$/.exec(c);
    assert.ok(m, c);
    const key = `${m[1]}-${m[2]}`;
    byDay.set(key, [...(byDay.get(key) || []), Number(m[3])]);
  }
  if (byDay.size === 1) {
    const nums = [...byDay.values()][0].sort((x, y) => x - y);
    assert.deepEqual(nums, Array.from({ length: nums.length }, (_, i) => i + 1));
  }
  // and both instances list every one of them
  for (const c of [onA, onB]) {
    const seen = new Set();
    for (const code of codes) {
      const r = await c.get(`/api/v1/dossiers/${code}`);
      assert.equal(r.status, 200, r.text);
      seen.add(r.json.code);
    }
    assert.equal(seen.size, codes.length);
  }
});

test('a dossier updated through one instance is seen updated through the other', { skip }, async () => {
  const onA = new Client(a.base);
  assert.equal((await onA.login('motcua.mai')).status, 200);
  const onB = sameSession(onA, b.base);
  const proc = (await onA.get('/api/v1/procedures/1.001612')).json;
  const documents = proc.documents.map((d, index) => ({ d, index })).filter(({ d }) => d.required !== false)
    .map(({ index }) => ({ index }));
  const made = await onA.post('/api/v1/dossiers', { procedure: '1.001612', applicant: { name: 'Trần Thị B' }, documents });
  assert.equal(made.status, 201, made.text);
  const d = made.json;
  const fwd = await onB.post(`/api/v1/dossiers/${d.code}/events`, { kind: 'forward', version: d.version, step: 1 });
  assert.equal(fwd.status, 200, fwd.text);
  const seen = await onA.get(`/api/v1/dossiers/${d.code}`);
  assert.equal(seen.status, 200, seen.text);
  assert.equal(seen.json.version, fwd.json.version);
  assert.equal(seen.json.step.index, 1);
  assert.deepEqual(seen.json.events.map((e) => e.kind), ['intake', 'forward']);
  // the version check works across instances: A still holds the old one
  const stale = await onA.post(`/api/v1/dossiers/${d.code}/events`, { kind: 'forward', version: d.version, step: 1 });
  assert.equal(stale.status, 409, stale.text);
  assert.equal(stale.json.error.field, 'version');
  // two instances racing on the same version: exactly one wins
  const specialistA = new Client(a.base);
  assert.equal((await specialistA.login('tckh.hoa')).status, 200);
  const specialistB = sameSession(specialistA, b.base);
  const [x, y] = await Promise.all([
    specialistA.post(`/api/v1/dossiers/${d.code}/events`, { kind: 'take', version: fwd.json.version }),
    specialistB.post(`/api/v1/dossiers/${d.code}/events`, { kind: 'forward', version: fwd.json.version, step: 2 }),
  ]);
  assert.deepEqual([x.status, y.status].sort(), [200, 409], `${x.text} ${y.text}`);
  const now = (await onB.get(`/api/v1/dossiers/${d.code}`)).json;
  assert.equal(now.version, fwd.json.version + 1, 'exactly one of the two was recorded');
});
