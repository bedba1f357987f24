// suite.pg.mjs - the whole API suite again, on PostgreSQL.
//
// tools/test.sh runs tests/api/*.pg.mjs with MOTCUA_TEST_PG set to a
// database on the throwaway cluster (tools/pg-cluster.sh).  Each API test
// file runs here in a child `node --test` with MOTCUA_TEST_PG_ADMIN set to
// it, which makes startServer() (tests/lib/server.mjs) give every server a
// new PostgreSQL database of its own on that cluster (created, `motcua init
// --demo`, dropped by stop()) instead of a temporary SQLite file, and makes
// motcua(['--db', srv.db, ...]) reach that database too.  Every test of the
// child is reported here as a subtest, so a failure names the test and
// carries its message.
//
// Run it alone:
//   sh tools/pg-cluster.sh run /tmp/motcua-pg node --test tests/api/suite.pg.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../lib/server.mjs';

const PG = process.env.MOTCUA_TEST_PG || '';
// Files that test what only one backend has, and why.
const SQLITE_ONLY = {
  'db.test.mjs': 'online backup and restore are SQLite\'s (PostgreSQL has pg_dump and pg_restore)',
};
const FILES = readdirSync(join(ROOT, 'tests/api')).filter((f) => f.endsWith('.test.mjs')).sort();
const serverKnowsPg = readFileSync(join(ROOT, 'tests/lib/server.mjs'), 'utf8').includes('MOTCUA_TEST_PG_ADMIN');

// Run one test file in a child `node --test` and read its TAP: the results
// of its top-level tests, with the diagnostics of those that failed.
function runFile(file) {
  const env = { ...process.env, MOTCUA_TEST_PG_ADMIN: PG };
  delete env.NODE_TEST_CONTEXT; // a run of its own, not a child of ours
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, ['--test', '--test-reporter=tap', join(ROOT, 'tests/api', file)], {
      cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('close', (code) => {
      const results = [];
      let cur = null;
      for (const line of out.split('\n')) {
        const m = /^(not )?ok \d+ - (.*?)( # SKIP.*)?$/.exec(line);
        if (m) {
          cur = { name: m[2], ok: !m[1], skip: !!m[3], diag: '' };
          results.push(cur);
        } else if (cur && !cur.ok && line.startsWith('  ')) {
          cur.diag += line + '\n';
        } else if (!line.startsWith('  ')) {
          cur = null;
        }
      }
      resolveRun({ code, results, out, err });
    });
  });
}

for (const file of FILES) {
  const why = !PG ? 'MOTCUA_TEST_PG is not set (see tools/pg-cluster.sh)'
    : !serverKnowsPg ? 'tests/lib/server.mjs does not know MOTCUA_TEST_PG_ADMIN yet'
      : SQLITE_ONLY[file];
  test(`${file} on PostgreSQL`, { skip: why || false }, async (t) => {
    const r = await runFile(file);
    assert.ok(r.results.length > 0, `no test ran:\n${r.out.slice(-3000)}\n${r.err.slice(-3000)}`);
    for (const res of r.results) {
      await t.test(res.name, { skip: res.skip }, () => {
        if (!res.ok) assert.fail(`${res.name}\n${res.diag}`);
      });
    }
    assert.equal(r.code, 0, `${file} failed on PostgreSQL:\n${r.out.slice(-3000)}\n${r.err.slice(-3000)}`);
  });
}
