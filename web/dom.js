// dom.js - a tiny element builder and form helpers shared by every page.
//
// h('p', {class: 'note'}, 'text', child) builds elements without innerHTML,
// so text coming from the API can never turn into markup.  Never pass a
// `style` attribute: the Content-Security-Policy forbids inline styles; use
// classes from style.css.
import { t } from './i18n.js';

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  const a = attrs || {};
  for (const k of Object.keys(a)) {
    const v = a[k];
    if (v === null || v === undefined || v === false) continue;
    if (k.slice(0, 2) === 'on' && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'style') throw new Error('inline styles are blocked by the CSP: use a class');
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  add(el, children);
  return el;
}

function add(el, kids) {
  for (const c of kids) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) add(el, c);
    else el.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

let seq = 0;

// One labelled form field: label, optional hint, the control, and an empty
// error slot that api.js showError() fills (data-error-for = the API field).
// opts: {name, label, type, hint, autocomplete, control (a ready <select>),
//        reveal (true: add a show/hide password button), attrs}
export function field(opts) {
  const id = 'f' + (++seq) + '-' + opts.name;
  const hintId = opts.hint ? id + '-hint' : null;
  const errId = id + '-err';
  const control = opts.control || h('input', Object.assign({
    type: opts.type || 'text', autocomplete: opts.autocomplete || 'off',
  }, opts.attrs || {}));
  control.id = id;
  control.name = opts.name;
  control.setAttribute('aria-describedby', (hintId ? hintId + ' ' : '') + errId);
  const row = h('div', { class: 'control-row' }, control);
  if (opts.reveal) row.appendChild(revealButton(control));
  return h('div', { class: 'field' },
    h('label', { for: id }, opts.label),
    hintId ? h('p', { class: 'hint', id: hintId }, opts.hint) : null,
    row,
    h('p', { class: 'field-error', id: errId, 'data-error-for': opts.errorFor || opts.name, hidden: true }));
}

// "Show password" toggle: a real button with aria-pressed, text changes too.
export function revealButton(input) {
  const b = h('button', { type: 'button', class: 'btn btn-quiet reveal', 'aria-pressed': 'false',
    'aria-controls': input.id, text: t('form.show_password') });
  b.addEventListener('click', () => {
    const show = input.type === 'password';
    input.type = show ? 'text' : 'password';
    b.setAttribute('aria-pressed', show ? 'true' : 'false');
    b.textContent = show ? t('form.hide_password') : t('form.show_password');
  });
  return b;
}

// The form-level message box (errors that belong to no single field).
export function formError() {
  return h('div', { class: 'form-error', role: 'alert', tabindex: '-1', hidden: true });
}

// A polite status line for successes and notices.
export function statusBox(extraClass) {
  return h('div', { class: 'status' + (extraClass ? ' ' + extraClass : ''), role: 'status', 'aria-live': 'polite' });
}

export function setStatus(box, text, kind) {
  box.textContent = text || '';
  box.className = 'status' + (text ? ' status-' + (kind || 'info') : '');
}

// Disable a submit button while a request runs, with a busy text.
export function busy(button, on, busyText) {
  if (on) {
    button.dataset.label = button.textContent;
    button.textContent = busyText;
    button.disabled = true;
  } else {
    if (button.dataset.label) button.textContent = button.dataset.label;
    button.disabled = false;
  }
}
