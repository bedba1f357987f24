// i18n.js - the two languages of the UI.  Every user-visible text lives in
// web/i18n/vi.json and web/i18n/en.json (flat keys named by screen:
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

export function savedLang() {
  try { return localStorage.getItem(STORE_KEY); } catch (e) { return null; }
}

// Load a language (fetched once, then cached) and make it current.
export async function setLang(l) {
  if (LANGS.indexOf(l) < 0) l = 'vi';
  if (!cache[l]) {
    const res = await fetch('/i18n/' + l + '.json');
    if (!res.ok) throw new Error('i18n: cannot load ' + l);
    cache[l] = await res.json();
  }
  dict = cache[l];
  current = l;
  document.documentElement.lang = l;
  try { localStorage.setItem(STORE_KEY, l); } catch (e) { /* private mode: not kept */ }
}

// Fill static markup: data-i18n (text), data-i18n-label (aria-label).
export function translate(root) {
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.getAttribute('data-i18n')); });
  root.querySelectorAll('[data-i18n-label]').forEach((el) => {
    el.setAttribute('aria-label', t(el.getAttribute('data-i18n-label')));
  });
}
