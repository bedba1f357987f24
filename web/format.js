// format.js - how numbers, money, times, units and dossier states are shown.
//
// Times come from the API as local times of the unit with their offset
// ("2026-12-02T17:00:00+07:00"): they are shown as written, never converted
// to the browser's time zone (an officer's PC may be set to anything).
import { t, lang } from './i18n.js';
import { h } from './dom.js';

// 100000 -> "100.000 đ" (Vietnamese grouping in both languages: it is money in VND).
export function money(n) {
  const s = String(Math.round(Number(n) || 0)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return s + '\u00a0đ';
}

function parts(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(iso || '');
  return m ? { y: m[1], mo: m[2], d: m[3], hh: m[4], mm: m[5] } : null;
}

// "02/12/2026"
export function date(iso) {
  const p = parts(iso);
  return p ? p.d + '/' + p.mo + '/' + p.y : '';
}

// "17:00 ngày 02/12/2026" / "17:00, 02/12/2026"
export function dateTime(iso) {
  const p = parts(iso);
  if (!p) return '';
  if (!p.hh) return date(iso);
  return t('fmt.datetime', { time: p.hh + ':' + p.mm, date: p.d + '/' + p.mo + '/' + p.y });
}

// The weekday of a local date, from its own digits (no time zone involved).
export function weekday(iso) {
  const p = parts(iso);
  if (!p) return '';
  const wd = new Date(Date.UTC(+p.y, +p.mo - 1, +p.d)).getUTCDay();
  return t('fmt.wd.' + wd);
}

export function unitName(u) {
  if (!u) return '';
  if (typeof u === 'string') return u;
  return lang() === 'en' && u.name_en ? u.name_en : u.name;
}

export function procName(p) {
  return lang() === 'en' && p.name_en ? p.name_en : p.name;
}

// A dossier's time status (status.name from the API) as words + icon + colour.
// The icon is drawn by the stylesheet (.st-<name>::before); the word is text.
export function statusTag(status, state) {
  let name = status && status.name ? status.name : '';
  if (state === 'result_ready') name = 'result_ready';
  if (!name) return null;
  return h('span', { class: 'st st-' + name, 'data-status': name }, t('status.' + name));
}

export function stateLabel(state) {
  return t('state.' + state);
}

// The state in words with its own tag colour (returned, refused...).
export function stateTag(state) {
  return h('span', { class: 'tag state state-' + state, 'data-state': state }, stateLabel(state));
}

let unitsPromise = null;
// GET /api/v1/units once per page load: {byCode, byId, list}.
export function loadUnits(api) {
  if (!unitsPromise) {
    unitsPromise = api('GET', '/api/v1/units').then((r) => {
      const list = r.units || [];
      const byCode = {};
      const byId = {};
      list.forEach((u) => { byCode[u.code] = u; byId[u.id] = u; });
      return { list: list, byCode: byCode, byId: byId };
    }, (e) => { unitsPromise = null; throw e; });
  }
  return unitsPromise;
}

// An error box with the server's (or our) text.
export function errorBox(e) {
  return h('p', { class: 'status status-error', role: 'alert' }, e && e.text ? e.text() : t('error.unexpected'));
}

// People type codes with spaces or in lower case: a dossier code has neither.
export function normalizeCode(s) {
  return String(s || '').replace(/\s+/g, '').toUpperCase();
}
