// server.mjs - start a real `motcua serve` process for API and browser tests.
//
// Each call makes a fresh temporary database with the demo district (fast
// password hashing: pwhash=min), starts the server on a free port and waits
// until /healthz answers.  The binary is $MOTCUA_BIN (default: the release
// build), so the same tests run against the sanitizer build too.
// With MOTCUA_TEST_PG_ADMIN set (tests/api/suite.pg.mjs sets it to a conninfo
// on the test cluster), that database is a new PostgreSQL database instead,
// dropped again by stop(); opts.pg (a conninfo) shares an existing one.
// Extra settings go in opts.env (MOTCUA_* variables) or opts.args.
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const BIN = resolve(ROOT, process.env.MOTCUA_BIN || 'build/release/motcua');
export const DEMO_PASSWORD = 'motcua2026';

// PostgreSQL: conninfo (keyword=value form) of a database on the test cluster
// from which servers' databases are created.
const PG_ADMIN = process.env.MOTCUA_TEST_PG_ADMIN || '';
export const BACKEND = PG_ADMIN ? 'postgres' : 'sqlite';
const pgDatabases = new Map(); // conninfo -> database name, for motcua() and stop()
let pgSeq = 0;

function psql(sql) {
  execFileSync(process.env.MOTCUA_TEST_PSQL || 'psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', PG_ADMIN, '-c', sql],
    { stdio: ['ignore', 'ignore', 'pipe'] });
}

function pgCreate() {
  const name = `motcua_api_${process.pid}_${Date.now()}_${pgSeq++}`; // a name we made: safe as SQL text
  psql(`CREATE DATABASE ${name}`);
  const conninfo = `${PG_ADMIN.replace(/(^|\s)dbname=\S+/g, '').trim()} dbname=${name}`;
  pgDatabases.set(conninfo, name);
  return conninfo;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The error body every refusal has: its status and code, the field when the
// test names one, a message in both languages and the request id.
export function assertError(r, status, code, field) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8');
  assert.equal(r.json.error.code, code, r.text);
  if (field !== undefined) assert.equal(r.json.error.field, field, r.text);
  assert.ok(r.json.error.message.length > 0, 'Vietnamese message');
  assert.ok(r.json.error.message_en.length > 0, 'English message');
  assert.match(r.json.error.request_id, /^[\w-]+$/);
}

export function motcua(args, opts = {}) {
  // Run the CLI synchronously; returns {status, stdout, stderr}.
  // `--db X` where X is a server's PostgreSQL database becomes `--pg X`.
  args = args.map((a, i) => (a === '--db' && pgDatabases.has(args[i + 1]) ? '--pg' : a));
  try {
    const stdout = execFileSync(BIN, args, {
      cwd: ROOT, env: { ...process.env, MOTCUA_PWHASH: 'min', MOTCUA_LOG_LEVEL: 'warn', ...(opts.env || {}) },
      input: opts.input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'],
    });
    return { status: 0, stdout, stderr: '' };
  } catch (e) {
    return { status: e.status, stdout: e.stdout || '', stderr: e.stderr || '' };
  }
}

export async function startServer(opts = {}) {
  const dir = opts.dir || mkdtempSync(join(tmpdir(), 'motcua-test-'));
  const pg = opts.pg || (PG_ADMIN && !opts.db ? pgCreate() : '');
  const db = pg || opts.db || join(dir, 'motcua.db'); // for PostgreSQL, its conninfo
  const portFile = join(dir, `port-${process.pid}-${Date.now()}`);
  const env = { ...process.env, MOTCUA_PWHASH: 'min', MOTCUA_LOG_LEVEL: 'warn',
    ...(pg ? { MOTCUA_PG: pg } : { MOTCUA_DB: db }), ...(opts.env || {}) };
  if (!opts.db && !opts.pg) { // a new database: SQLite file or PostgreSQL database
    const r = motcua(['init', '--demo'], { env });
    if (r.status !== 0) throw new Error(`motcua init failed: ${r.stderr}`);
  }
  const args = ['serve', '--listen', '127.0.0.1:0', '--port-file', portFile, '--threads', '2', ...(opts.args || [])];
  const proc = spawn(BIN, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  let port = 0;
  for (let i = 0; i < 300 && !port; i++) {
    if (proc.exitCode !== null) throw new Error(`motcua serve exited ${proc.exitCode}:\n${log}`);
    if (existsSync(portFile)) port = parseInt(readFileSync(portFile, 'utf8'), 10) || 0;
    if (!port) await sleep(50);
  }
  if (!port) throw new Error(`motcua serve did not start:\n${log}`);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(base + '/healthz')).ok) break; } catch { /* not yet */ }
    await sleep(50);
  }
  return {
    base, port, db, dir, proc,
    log: () => log,
    async stop() {
      if (proc.exitCode === null) {
        proc.kill('SIGTERM');
        await new Promise((r) => proc.once('exit', r));
      }
      if (!opts.keep && !opts.pg && pgDatabases.has(pg)) {
        psql(`DROP DATABASE IF EXISTS ${pgDatabases.get(pg)} WITH (FORCE)`);
        pgDatabases.delete(pg);
      }
      // A sanitizer report or a crash fails the run even when every request passed.
      if (proc.exitCode !== 0 || /ERROR: AddressSanitizer|runtime error:|LeakSanitizer/.test(log))
        throw new Error(`motcua serve ended badly (exit ${proc.exitCode}):\n${log.slice(-4000)}`);
      if (!opts.keep && !opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

// A small API client that keeps the session cookie and the CSRF token, as a
// browser would.
export class Client {
  constructor(base) { this.base = base; this.cookie = ''; this.csrf = ''; this.bearer = ''; }
  async req(method, path, body, headers = {}) {
    const h = { ...headers };
    if (this.cookie) h.Cookie = this.cookie;
    if (this.bearer) h.Authorization = `Bearer ${this.bearer}`;
    if (this.csrf && method !== 'GET' && !('X-CSRF-Token' in h)) h['X-CSRF-Token'] = this.csrf;
    let payload;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      if (!('Content-Type' in h)) h['Content-Type'] = 'application/json';
    }
    const res = await fetch(this.base + path, { method, headers: h, body: payload });
    const set = res.headers.get('set-cookie');
    if (set) {
      const m = /mc_session=([^;]*)/.exec(set);
      if (m) this.cookie = m[1] ? `mc_session=${m[1]}` : '';
    }
    const text = await res.text();
    let json = null;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    return { status: res.status, json, text, headers: res.headers };
  }
  get(p, h) { return this.req('GET', p, undefined, h); }
  post(p, b, h) { return this.req('POST', p, b, h); }
  async login(login, password = DEMO_PASSWORD) {
    const r = await this.post('/api/v1/auth/login', { login, password });
    if (r.status === 200) this.csrf = r.json.csrf_token;
    return r;
  }
}
