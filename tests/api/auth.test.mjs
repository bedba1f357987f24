// auth.test.mjs - accounts, sessions, CSRF, authorization and the error body,
// against a real `motcua serve` process.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, motcua, BACKEND, assertError } from '../lib/server.mjs';

let srv;
before(async () => {
  srv = await startServer({ env: { MOTCUA_LOGIN_MAX_FAILURES: '3', MOTCUA_MAX_BODY_KB: '8' } });
});
after(async () => { await srv.stop(); });


test('healthz answers with the backend', async () => {
  const r = await new Client(srv.base).get('/healthz');
  assert.equal(r.status, 200);
  assert.deepEqual({ status: r.json.status, db: r.json.db }, { status: 'ok', db: BACKEND });
});

test('a demo desk officer signs in with a session cookie and a CSRF token', async () => {
  const c = new Client(srv.base);
  const r = await c.login('motcua.mai');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.user.full_name, 'Nguyễn Thị Mai');
  assert.deepEqual(r.json.user.roles.map((g) => [g.role, g.unit]), [['desk_officer', 'dakpo.motcua']]);
  assert.match(r.json.csrf_token, /^[\w-]{43}$/);
  const cookie = r.headers.get('set-cookie');
  assert.match(cookie, /mc_session=[\w-]{43}/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  assert.ok(!('token' in r.json), 'the browser login never exposes the token to scripts');
  const s = await c.get('/api/v1/session');
  assert.equal(s.status, 200);
  assert.equal(s.json.csrf_token, r.json.csrf_token);
});

test('signing in by phone number in any common format', async () => {
  const r = await new Client(srv.base).login('+84 905 111 203');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.user.username, 'tuphap.lan');
});

test('a wrong password is refused with the bilingual error body', async () => {
  const r = await new Client(srv.base).login('tuphap.duc', 'not-the-password');
  assertError(r, 401, 'unauthenticated');
  assert.equal(r.json.error.message, 'Sai tên đăng nhập hoặc mật khẩu');
  assert.equal(r.json.error.field, 'password');
  assert.equal(r.headers.get('set-cookie'), null);
  const unknown = await new Client(srv.base).login('nobody.here', 'whatever1');
  assert.equal(unknown.json.error.message, r.json.error.message, 'same answer for unknown accounts');
});

test('repeated failures lock the account for a while, even with the right password', async () => {
  const c = new Client(srv.base);
  for (let i = 0; i < 3; i++) assertError(await c.login('tckh.hoa', 'wrong-pass-' + i), 401, 'unauthenticated');
  const r = await c.login('tckh.hoa');
  assertError(r, 429, 'rate_limited');
  assert.equal(r.headers.get('retry-after'), '60');
  assert.equal((await new Client(srv.base).login('tckh.son')).status, 200, 'other accounts unaffected');
});

test('writes with the cookie need the CSRF token', async () => {
  const c = new Client(srv.base);
  await c.login('tuphap.duc');
  const body = { old_password: 'motcua2026', new_password: 'doi-mat-khau-1' };
  assertError(await c.post('/api/v1/session/password', body, { 'X-CSRF-Token': '' }), 403, 'csrf_failed');
  assertError(await c.post('/api/v1/session/password', body, { 'X-CSRF-Token': 'forged' }), 403, 'csrf_failed');
  const ok = await c.post('/api/v1/session/password', body);
  assert.equal(ok.status, 200, ok.text);
  assert.equal((await new Client(srv.base).login('tuphap.duc', 'doi-mat-khau-1')).status, 200);
  assertError(await new Client(srv.base).login('tuphap.duc'), 401, 'unauthenticated');
});

test('API clients use a bearer token, without CSRF', async () => {
  const c = new Client(srv.base);
  const r = await c.post('/api/v1/auth/token', { login: 'admin', password: 'motcua2026' });
  assert.equal(r.status, 200, r.text);
  assert.match(r.json.token, /^[\w-]{43}$/);
  assert.equal(r.headers.get('set-cookie'), null);
  c.bearer = r.json.token;
  const s = await c.get('/api/v1/session');
  assert.equal(s.json.user.username, 'admin');
  assert.ok(!('csrf_token' in s.json));
  c.bearer = 'x'.repeat(43);
  assertError(await c.get('/api/v1/session'), 401, 'unauthenticated');
});

test('logout ends the session', async () => {
  const c = new Client(srv.base);
  await c.login('lanhdao.thanh');
  const saved = c.cookie;
  const r = await c.post('/api/v1/auth/logout');
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('set-cookie'), /mc_session=;.*Max-Age=0/);
  c.cookie = saved; // replaying the old cookie must not work
  assertError(await c.get('/api/v1/session'), 401, 'unauthenticated');
});

test('roles are enforced: a desk officer cannot manage accounts', async () => {
  const c = new Client(srv.base);
  await c.login('motcua.hung');
  assertError(await c.get('/api/v1/users'), 403, 'forbidden');
  assertError(await c.post('/api/v1/users', { username: 'x.y', full_name: 'X', password: 'abcdefgh1', roles: [] }), 403, 'forbidden');
  assertError(await c.post('/api/v1/units', { code: 'x', name: 'X', kind: 'desk', parent: 'dakpo' }), 403, 'forbidden');
});

test('a head sees the accounts of their own department only', async () => {
  const c = new Client(srv.base);
  await c.login('tckh.son');
  const own = await c.get('/api/v1/users');
  assert.equal(own.status, 200, own.text);
  assert.deepEqual(own.json.users.map((u) => u.username).sort(), ['tckh.hoa', 'tckh.son']);
  assertError(await c.get('/api/v1/users?unit=dakpo.tuphap'), 403, 'forbidden');
  const lan = (await new Client(srv.base).login('tuphap.lan')).json.user.id;
  assertError(await c.get(`/api/v1/users/${lan}`), 404, 'not_found');
});

test('the admin creates an account that can sign in, then disables it', async () => {
  const admin = new Client(srv.base);
  await admin.login('admin');
  const bad = await admin.post('/api/v1/users', { username: 'yte.an', full_name: 'Lê Thị An', phone: '123', password: 'matkhau-an-1', roles: [{ role: 'specialist', unit: 'dakpo.yte' }] });
  assertError(bad, 400, 'invalid_input');
  assert.equal(bad.json.error.field, 'phone');
  const r = await admin.post('/api/v1/users', { username: 'yte.an', full_name: 'Lê Thị An', phone: '0905 222 333', password: 'matkhau-an-1', roles: [{ role: 'specialist', unit: 'dakpo.yte' }] });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.phone, '0905222333');
  assert.deepEqual(r.json.roles.map((g) => g.unit), ['dakpo.yte']);
  const dup = await admin.post('/api/v1/users', { username: 'yte.an', full_name: 'B', password: 'matkhau-an-1', roles: [{ role: 'specialist', unit: 'dakpo.yte' }] });
  assertError(dup, 409, 'conflict');
  const an = new Client(srv.base);
  assert.equal((await an.login('yte.an', 'matkhau-an-1')).status, 200);
  assert.equal((await admin.post(`/api/v1/users/${r.json.id}/disable`)).status, 200);
  assertError(await an.get('/api/v1/session'), 401, 'unauthenticated');
  assertError(await new Client(srv.base).login('yte.an', 'matkhau-an-1'), 403, 'forbidden');
  assert.equal((await admin.post(`/api/v1/users/${r.json.id}/enable`)).status, 200);
  assert.equal((await new Client(srv.base).login('yte.an', 'matkhau-an-1')).status, 200);
  const self = (await admin.get('/api/v1/session')).json.user.id;
  assertError(await admin.post(`/api/v1/users/${self}/disable`), 409, 'conflict');
});

test('bad bodies: malformed JSON, wrong type, wrong content type, too large', async () => {
  const c = new Client(srv.base);
  assertError(await c.post('/api/v1/auth/login', '{"login": "admin", '), 400, 'malformed_json');
  assertError(await c.post('/api/v1/auth/login', '[1,2]'), 400, 'malformed_json');
  assertError(await c.post('/api/v1/auth/login', '{"login":"a","login":"b","password":"x"}'), 400, 'malformed_json');
  const wrongType = await c.post('/api/v1/auth/login', { login: 5, password: 'x' });
  assertError(wrongType, 400, 'invalid_input');
  assert.equal(wrongType.json.error.field, 'login');
  const form = await c.post('/api/v1/auth/login', 'login=admin&password=motcua2026', { 'Content-Type': 'application/x-www-form-urlencoded' });
  assertError(form, 400, 'invalid_input');
  const big = await c.post('/api/v1/auth/login', { login: 'admin', password: 'p'.repeat(9000) });
  assertError(big, 413, 'too_large');
  assert.equal((await c.get('/healthz')).status, 200, 'the server is still fine');
});

test('unknown routes and methods', async () => {
  const c = new Client(srv.base);
  assertError(await c.get('/api/v1/nothing-here'), 404, 'not_found');
  assertError(await c.req('DELETE', '/api/v1/units'), 405, 'method_not_allowed');
});

test('every non-public route refuses anonymous callers', async () => {
  const out = motcua(['routes']);
  assert.equal(out.status, 0);
  const rows = out.stdout.trim().split('\n').map((l) => l.trim().split(/\s+/));
  assert.ok(rows.length >= 15);
  let checked = 0;
  for (const [method, pattern, action] of rows) {
    if (action === 'public' || pattern === '/metrics') continue;
    const path = pattern.replace(/\{[^}]+\}/g, '1');
    const r = await new Client(srv.base).req(method, path, method === 'GET' ? undefined : {});
    assert.equal(r.status, 401, `${method} ${path} must need sign-in`);
    checked++;
  }
  assert.ok(checked >= 10);
});

test('units are public and admins can add one', async () => {
  const anon = new Client(srv.base);
  const r = await anon.get('/api/v1/units');
  assert.equal(r.status, 200);
  const desks = r.json.units.filter((u) => u.kind === 'desk');
  assert.equal(desks.length, 9);
  assert.equal(r.json.units.filter((u) => u.kind === 'commune').length, 8);
  const yb = await anon.get('/api/v1/units/yangbac');
  assert.equal(yb.json.name, 'UBND xã Yang Bắc');
  const admin = new Client(srv.base);
  await admin.login('admin');
  const made = await admin.post('/api/v1/units', { code: 'yangbac.tnmt', name: 'Công chức Địa chính xã Yang Bắc', kind: 'department', parent: 'yangbac' });
  assert.equal(made.status, 201, made.text);
  assert.ok(made.json.path.startsWith(yb.json.path));
  assertError(await admin.post('/api/v1/units', { code: 'Bad Code', name: 'X', kind: 'desk', parent: 'dakpo' }), 400, 'invalid_input');
  assertError(await admin.post('/api/v1/units', { code: 'yangbac.tnmt', name: 'X', kind: 'desk', parent: 'dakpo' }), 409, 'conflict');
});

test('metrics in Prometheus format, from this machine only', async () => {
  const r = await new Client(srv.base).get('/metrics');
  assert.equal(r.status, 200);
  assert.match(r.text, /motcua_http_requests_total\{route="POST \/api\/v1\/auth\/login",status="200"\} \d+/);
  assert.match(r.text, /motcua_http_request_duration_seconds_bucket\{route="GET \/healthz",le="\+Inf"\} \d+/);
  assert.match(r.text, /motcua_db_errors_total 0/);
});

test('security headers and request ids on every answer', async () => {
  const r = await fetch(srv.base + '/', { headers: { 'X-Request-Id': 'trace-abc-12345' } });
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(r.headers.get('x-frame-options'), 'DENY');
  assert.match(r.headers.get('content-security-policy'), /default-src 'self'/);
  assert.equal(r.headers.get('x-request-id'), 'trace-abc-12345');
  const api = await fetch(srv.base + '/api/v1/version');
  assert.equal(api.headers.get('cache-control'), 'no-store');
  assert.match(api.headers.get('x-request-id'), /^[\w-]+-[0-9a-f]+$/);
});

test('the web UI answers its own addresses, dots and all; missing files are 404', async () => {
  for (const p of ['/', '/dang-nhap', '/tra-cuu/000.00.27.H21-260302-0001', '/thu-tuc/1.001612', '/ho-so/000.00.27.H21-260302-0001']) {
    const r = await fetch(srv.base + p);
    assert.equal(r.status, 200, p);
    assert.match(r.headers.get('content-type'), /text\/html/, p);
  }
  assert.equal((await fetch(srv.base + '/no-such-script.js')).status, 404);
  const escape = await (await fetch(srv.base + '/%2e%2e/%2e%2e/etc/passwd')).text();
  assert.ok(!escape.includes('root:'), 'files are served from memory, never from the disk by path');
});
