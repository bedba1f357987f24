// i18n.test.mjs - static checks of web/ (no browser): both languages have the
// same keys, every key the code uses exists, the HTML shell holds no text of
// its own, and nothing would break the Content-Security-Policy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../lib/server.mjs';

const WEB = join(ROOT, 'web');
// The texts come in two parts: the base file (shell and portal, loaded on
// every first visit) and work.<lang>.json (the workspace, loaded for signed-in pages).
const read = (name) => JSON.parse(readFileSync(join(WEB, 'i18n', name), 'utf8'));
const viBase = read('vi.json');
const enBase = read('en.json');
const viWork = read('work.vi.json');
const enWork = read('work.en.json');
const vi = { ...viBase, ...viWork };
const en = { ...enBase, ...enWork };
// the modules a visitor's browser may load without signing in
const PUBLIC = ['app.js', 'api.js', 'dom.js', 'i18n.js', 'format.js', 'search.js',
  'pages/home.js', 'pages/login.js', 'pages/account.js', 'pages/notfound.js', 'pages/lookup.js', 'pages/procedure.js'].map((f) => join('web', f));

function files(dir, ext) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p, ext) : (p.endsWith(ext) ? [p] : []);
  });
}
const scripts = files(WEB, '.js').map((p) => ({ path: relative(ROOT, p), text: readFileSync(p, 'utf8') }));

test('vi.json and en.json have the same keys and no empty text', () => {
  assert.deepEqual(Object.keys(en).sort(), Object.keys(vi).sort());
  for (const [k, v] of Object.entries(vi)) assert.ok(typeof v === 'string' && v.trim(), `vi ${k}`);
  for (const [k, v] of Object.entries(en)) assert.ok(typeof v === 'string' && v.trim(), `en ${k}`);
  // the same {placeholders} in both languages
  for (const k of Object.keys(vi)) {
    const ph = (s) => (s.match(/\{\w+\}/g) || []).sort().join();
    assert.equal(ph(en[k]), ph(vi[k]), `placeholders of ${k}`);
  }
});

test('the two parts do not overlap, and each has the same keys in both languages', () => {
  assert.deepEqual(Object.keys(viBase).filter((k) => k in viWork), []);
  assert.deepEqual(Object.keys(enBase).sort(), Object.keys(viBase).sort());
  assert.deepEqual(Object.keys(enWork).sort(), Object.keys(viWork).sort());
});

test('pages a visitor sees need only the base texts', () => {
  const missing = [];
  for (const s of scripts.filter((x) => PUBLIC.includes(x.path))) {
    for (const m of s.text.matchAll(/\bt\('([a-z0-9_.]+)'/g)) {
      if (m[1].endsWith('.')) continue;
      if (!(m[1] in viBase)) missing.push(`${s.path}: ${m[1]}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('every text key used in web/*.js exists', () => {
  const missing = [];
  for (const s of scripts) {
    for (const m of s.text.matchAll(/\bt\('([a-z0-9_.]+)'/g)) {
      if (m[1].endsWith('.')) continue; // a prefix completed at run time, checked below
      if (!(m[1] in vi)) missing.push(`${s.path}: ${m[1]}`);
    }
    for (const m of s.text.matchAll(/data-i18n(?:-label)?="([^"]+)"/g)) if (!(m[1] in vi)) missing.push(`${s.path}: ${m[1]}`);
  }
  const html = readFileSync(join(WEB, 'index.html'), 'utf8');
  for (const m of html.matchAll(/data-i18n(?:-label)?="([^"]+)"/g)) if (!(m[1] in vi)) missing.push(`index.html: ${m[1]}`);
  // keys built at run time: roles, their modules, table columns
  const work = readFileSync(join(WEB, 'pages/work.js'), 'utf8');
  const modules = work.slice(work.indexOf('const MODULES'), work.indexOf('};', work.indexOf('const MODULES')));
  for (const role of ['admin', 'desk_officer', 'specialist', 'head', 'leader', 'reporter', 'citizen']) {
    for (const k of [`role.${role}`, `work.intro.${role}`]) if (!(k in vi)) missing.push(k);
  }
  for (const m of modules.matchAll(/'([a-z0-9_]+)'/g)) if (!(`work.mod.${m[1]}` in vi)) missing.push(`work.mod.${m[1]}`);
  for (const c of ['name', 'username', 'contact', 'roles', 'state', 'action']) if (!(`admin.col.${c}` in vi)) missing.push(`admin.col.${c}`);
  assert.deepEqual(missing, []);
});

test('the HTML shell has no text of its own and nothing inline', () => {
  const html = readFileSync(join(WEB, 'index.html'), 'utf8');
  const body = html.slice(html.indexOf('<body>'), html.indexOf('</body>'));
  const text = body.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]+>/g, '').trim();
  assert.equal(text, '', 'visible text belongs in web/i18n/*.json');
  assert.doesNotMatch(html, /\sstyle=/i);
  assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/i, 'no inline script');
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handler');
});

test('no code path that the CSP would block or that could inject markup', () => {
  for (const s of scripts) {
    const code = s.text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, ''); // comments may name them
    assert.doesNotMatch(code, /\binnerHTML\b|\bouterHTML\b|insertAdjacentHTML|document\.write/, s.path);
    assert.doesNotMatch(code, /\beval\(|new Function\(/, s.path);
    assert.doesNotMatch(code, /setAttribute\(\s*'style'|style:\s*'/, s.path);
  }
});

test('Vietnamese texts carry their diacritics', () => {
  // words that are always written with marks in this UI
  const bare = /\b(dang nhap|mat khau|ho so|tai khoan|xin chao|don vi|thu tuc|vai tro|cap nhat|khong)\b/i;
  for (const [k, v] of Object.entries(vi)) assert.doesNotMatch(v, bare, k);
  assert.equal(vi['app.name'], 'Một cửa điện tử huyện Đak Pơ');
});
