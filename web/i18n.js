// i18n.js - the two languages of the UI.  Every user-visible text lives in
// web/i18n/vi.json and web/i18n/en.json (plus work.vi.json / work.en.json for
// the workspace) (flat keys named by screen:
// "login.submit", "work.role.admin").  Vietnamese is the default; the choice
// is kept in localStorage and mirrored in <html lang>.
const STORE_KEY = 'mc.lang';
export const LANGS = ['vi', 'en'];
const cache = {};
let current = 'vi';
let dict = {};

export function lang() { return current; }

// t('home.desk.phone', {phone: '0269 …'}) -> the text with {name} filled in.
export function t(key, params) {
  let s = dict[key];
  if (s === undefined) {
    console.warn('i18n: missing key ' + key);
    return key;
  }
  if (params) s = s.replace(/\{(\w+)\}/g, (m, k) => (params[k] !== undefined ? String(params[k]) : m));
  return s;
}

// Is there a text for key?  (For codes from the server that may have none.)
export function has(key) { return dict[key] !== undefined; }

export function savedLang() {
  try { return localStorage.getItem(STORE_KEY); } catch (e) { return null; }
}

// The texts come in parts: i18n/<lang>.json (the shell and the portal, on
// every first load) and i18n/work.<lang>.json (the officials' workspace,
// loaded by the router before any signed-in page).  Each file once per language.
const wanted = ['']; // '' = the base file; loadPart() adds names

async function ensure(l) {
  const c = cache[l] || (cache[l] = { dict: {}, parts: {} });
  for (const part of wanted) {
    if (c.parts[part]) continue;
    const res = await fetch('/i18n/' + (part ? part + '.' : '') + l + '.json');
    if (!res.ok) throw new Error('i18n: cannot load ' + (part || 'base') + ' ' + l);
    const more = await res.json();
    Object.keys(more).forEach((k) => { c.dict[k] = more[k]; });
    c.parts[part] = true;
  }
  return c.dict;
}

// Load a language (fetched once, then cached) and make it current.
export async function setLang(l) {
  if (LANGS.indexOf(l) < 0) l = 'vi';
  dict = await ensure(l);
  current = l;
  document.documentElement.lang = l;
  try { localStorage.setItem(STORE_KEY, l); } catch (e) { /* private mode: not kept */ }
}

// Make the texts of a part available (e.g. 'work'), in the current language.
export async function loadPart(name) {
  if (wanted.indexOf(name) < 0) wanted.push(name);
  dict = await ensure(current);
}

// Fill static markup: data-i18n (text), data-i18n-label (aria-label).
export function translate(root) {
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.getAttribute('data-i18n')); });
  root.querySelectorAll('[data-i18n-label]').forEach((el) => {
    el.setAttribute('aria-label', t(el.getAttribute('data-i18n-label')));
  });
}
