// db.test.mjs - backup while the server runs, restore into a new database,
// and the restored server knows everything the first one acknowledged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { existsSync, rmSync } from 'node:fs';
import { startServer, Client, motcua } from '../lib/server.mjs';

test('an online backup restores to a working database', async () => {
  const a = await startServer({ keep: true });
  const admin = new Client(a.base);
  await admin.login('admin');
  const made = await admin.post('/api/v1/users', { username: 'saoluu.test', full_name: 'Người Sao Lưu', password: 'sao-luu-2026', roles: [{ role: 'specialist', unit: 'dakpo.yte' }] });
  assert.equal(made.status, 201, made.text);
  const copy = join(a.dir, 'backup.db');
  const b = motcua(['--db', a.db, 'db', 'backup', '--to', copy]);
  assert.equal(b.status, 0, b.stderr);
  assert.ok(existsSync(copy));
  assert.equal(motcua(['--db', a.db, 'db', 'backup', '--to', copy]).status, 1, 'never overwrites a file');
  await a.stop();

  const fresh = join(a.dir, 'restored.db');
  const r = motcua(['--db', fresh, 'db', 'restore', '--from', copy]);
  assert.equal(r.status, 0, r.stderr);
  const c = await startServer({ db: fresh, dir: a.dir });
  const login = await new Client(c.base).login('saoluu.test', 'sao-luu-2026');
  assert.equal(login.status, 200, login.text);
  const found = await new Client(c.base).get('/api/v1/procedures?q=dang%20ky%20ho%20kinh%20doanh');
  assert.equal(found.json.procedures[0].code, '1.001612');
  await c.stop();
  rmSync(a.dir, { recursive: true, force: true });
});
