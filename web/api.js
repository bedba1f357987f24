// api.js - the one way the UI talks to the server.
//
// api(method, path, body) sends and receives JSON, adds X-CSRF-Token to every
// write once signed in, and throws ApiError for any failure.  ApiError.text()
// is the server's message in the current language; showError() puts it next
// to the form field named by error.field (or at the top of the form).
// The session (user + CSRF token) is kept here; the cookie itself is HttpOnly.
import { t, lang } from './i18n.js';

const HINT_KEY = 'mc.signedIn'; // a hint only: avoids asking /session when surely signed out
let session = null;
let unauthorizedHandler = null;

export class ApiError extends Error {
  // body: the "error" object of the API: {code, message, message_en, field, request_id}
  constructor(status, body) {
    const b = body || {};
    super(b.message_en || b.message || b.code || 'error');
    this.status = status;
    this.code = b.code || 'unknown';
    this.field = b.field || null;
    this.vi = b.message || '';
    this.en = b.message_en || '';
    this.requestId = b.request_id || '';
    this.local = b.local || ''; // a text key for errors found in the browser
    this.entries = Array.isArray(b.entries) ? b.entries : []; // a refused import: one error per bad entry
  }

  // What to show the person, in the current language.
  text() {
    if (this.local) return t(this.local);
    if (this.code === 'network') return t('error.network');
    let s = lang() === 'en' ? (this.en || this.vi) : (this.vi || this.en);
    if (!s) s = t('error.http', { status: this.status });
    if (this.status >= 500 && this.requestId) s += ' ' + t('error.request_id', { id: this.requestId });
    return s;
  }
}

// An error found before sending (empty field...): same display path.
export function localError(field, key) {
  return new ApiError(0, { code: 'invalid_input', field: field, local: key });
}

// opts.allow401: a 401 is an expected answer (sign-in, probing the session),
// so do not treat it as "signed out, go to the sign-in page".
export async function api(method, path, body, opts) {
  const o = opts || {};
  const headers = { Accept: 'application/json' };
  const raw = !!o.contentType; // a file as the raw body (uploads)
  if (body !== undefined) headers['Content-Type'] = raw ? o.contentType : 'application/json';
  if (method !== 'GET' && session && session.csrf) headers['X-CSRF-Token'] = session.csrf;
  let res;
  try {
    res = await fetch(path, {
      method: method, headers: headers, credentials: 'same-origin',
      body: body === undefined ? undefined : (raw ? body : JSON.stringify(body)),
    });
  } catch (e) {
    throw new ApiError(0, { code: 'network' });
  }
  let data = null;
  try { data = await res.json(); } catch (e) { /* not JSON (proxy error page) */ }
  if (res.ok) return data;
  const err = new ApiError(res.status, data && data.error);
  if (res.status === 401 && !o.allow401) {
    setSession(null);
    if (unauthorizedHandler) unauthorizedHandler();
  }
  throw err;
}

// Upload a File as the raw request body (the server sniffs its bytes).
export function upload(path, file) {
  return api('POST', path, file, { contentType: file.type || 'application/octet-stream' });
}

// --- the session -----------------------------------------------------------

export function getSession() { return session; }

// From a login or /session answer: {user, csrf_token, expires_at}; null = signed out.
export function setSession(answer) {
  session = answer ? { user: answer.user, csrf: answer.csrf_token || '', expiresAt: answer.expires_at } : null;
  try {
    if (session) localStorage.setItem(HINT_KEY, '1');
    else localStorage.removeItem(HINT_KEY);
  } catch (e) { /* storage off: we just ask the server */ }
  return session;
}

export function maybeSignedIn() {
  try { return localStorage.getItem(HINT_KEY) === '1'; } catch (e) { return true; }
}

// Ask the server who we are (after a reload).  Resolves to the session or null.
export async function loadSession() {
  if (session) return session;
  if (!maybeSignedIn()) return null;
  try {
    return setSession(await api('GET', '/api/v1/session', undefined, { allow401: true }));
  } catch (e) {
    if (e.status === 401) setSession(null);
    return null;
  }
}

export async function logout() {
  try { await api('POST', '/api/v1/auth/logout', undefined, { allow401: true }); } finally { setSession(null); }
}

export function onUnauthorized(fn) { unauthorizedHandler = fn; }

// --- errors in forms ---------------------------------------------------------

export function clearErrors(form) {
  form.querySelectorAll('[data-error-for]').forEach((p) => { p.textContent = ''; p.hidden = true; });
  form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  const box = form.querySelector('.form-error');
  if (box) { box.textContent = ''; box.hidden = true; }
}

// Show err (or a list of errors) next to their fields, or in the form's
// .form-error box.  alias maps an API field name to the form's own
// (e.g. {password: 'new_password'}).  The first faulty control gets focus.
export function showError(form, err, alias) {
  clearErrors(form);
  const list = Array.isArray(err) ? err : [err];
  let focused = false;
  for (const one of list) {
    const e = one instanceof ApiError ? one : new ApiError(0, { code: 'internal', local: 'error.unexpected' });
    if (!(one instanceof ApiError)) console.warn(one);
    const name = e.field && ((alias && alias[e.field]) || e.field);
    const slot = name ? form.querySelector('[data-error-for="' + name + '"]') : null;
    const target = slot || form.querySelector('.form-error');
    if (!target) continue;
    target.textContent = e.text();
    target.hidden = false;
    const input = slot ? (form.querySelector('[name="' + name + '"]') ||
      slot.parentNode.querySelector('input, select, textarea')) : null;
    if (input) input.setAttribute('aria-invalid', 'true');
    if (!focused) {
      (input || target).focus();
      focused = true;
    }
  }
}
