// dbcopy.pg.mjs - moving a whole database between backends: SQLite ->
// PostgreSQL -> SQLite gives identical data (checksums per table), and the
// PostgreSQL copy serves: sign-in, search, dossiers, new rows with new ids.
// Runs where tools/test.sh provides a PostgreSQL cluster (MOTCUA_TEST_PG).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { startServer, Client, motcua } from '../lib/server.mjs';

const PG = process.env.MOTCUA_TEST_PG || '';

function newDatabase() {
  const name = `motcua_copy_${process.pid}_${Date.now()}`;
  execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', PG, '-c', `CREATE DATABASE ${name}`]);
  return `${PG.replace(/(^|\s)dbname=\S+/g, '').trim()} dbname=${name}`;
}

test('SQLite -> PostgreSQL -> SQLite: identical data, and the copy serves', { skip: !PG && 'no PostgreSQL cluster' }, async () => {
  const a = await startServer({ keep: true });
  const admin = new Client(a.base);
  await admin.login('admin');
  assert.equal((await admin.post('/api/v1/users', { username: 'chuyen.doi', full_name: 'Người Chuyển Đổi', password: 'chuyen-doi-2026',
    roles: [{ role: 'specialist', unit: 'dakpo.yte' }] })).status, 201);
  const desk = new Client(a.base);
  await desk.login('motcua.mai');
  const d = (await desk.post('/api/v1/dossiers', { procedure: '1.001612', applicant: { name: 'Nguyễn Văn Bình' },
    documents: [{ index: 0 }, { index: 1 }] })).json;
  await a.stop();

  const pg = newDatabase();
  const up = motcua(['db', 'copy', '--from', `sqlite:${a.db}`, '--to', `pg:${pg}`]);
  assert.equal(up.status, 0, up.stderr);
  assert.equal(JSON.parse(up.stdout).tables.dossiers, 1);
  const sumA = motcua(['--db', a.db, 'db', 'checksum']).stdout;
  const sumP = motcua(['--pg', pg, 'db', 'checksum']).stdout;
  assert.deepEqual(JSON.parse(sumP), JSON.parse(sumA), 'PostgreSQL holds exactly the SQLite data');
  const again = motcua(['db', 'copy', '--from', `sqlite:${a.db}`, '--to', `pg:${pg}`]);
  assert.equal(again.status, 1, 'never into a database that has data');

  const b = await startServer({ pg });
  const c = new Client(b.base);
  assert.equal((await c.login('chuyen.doi', 'chuyen-doi-2026')).status, 200);
  const found = await c.get('/api/v1/procedures?q=dang%20ky%20ho%20kinh%20doanh');
  assert.equal(found.json.procedures[0].code, '1.001612', 'the search index was rebuilt');
  const desk2 = new Client(b.base);
  await desk2.login('motcua.mai');
  assert.equal((await desk2.get(`/api/v1/dossiers/${d.code}`)).json.applicant.name, 'Nguyễn Văn Bình');
  const admin2 = new Client(b.base);
  await admin2.login('admin');
  const more = await admin2.post('/api/v1/users', { username: 'sau.chuyen', full_name: 'Sau Chuyển', password: 'sau-chuyen-2026',
    roles: [{ role: 'specialist', unit: 'dakpo.yte' }] });
  assert.equal(more.status, 201, 'new rows get new ids after the copy: ' + more.text);
  await b.stop();

  const back = join(a.dir, 'back.db');
  const down = motcua(['db', 'copy', '--from', `pg:${pg}`, '--to', `sqlite:${back}`]);
  assert.equal(down.status, 0, down.stderr);
  const sumP2 = motcua(['--pg', pg, 'db', 'checksum']).stdout;
  const sumB = motcua(['--db', back, 'db', 'checksum']).stdout;
  assert.deepEqual(JSON.parse(sumB), JSON.parse(sumP2), 'and back again, identical');
  execFileSync('psql', ['-X', '-q', '-d', PG, '-c', `DROP DATABASE IF EXISTS ${pg.match(/dbname=(\S+)$/)[1]} WITH (FORCE)`]);
  rmSync(a.dir, { recursive: true, force: true });
});
