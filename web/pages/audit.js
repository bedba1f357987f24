// pages/audit.js - the audit trail for inspection ("/lam-viec/nhat-ky";
// reporting officers, leaders, administrators): GET /api/v1/audit?unit=
// &from=&to=&type=, newest first, in pages ("Xem thêm" continues from the
// last row).  Each row says when, who, what (in words: audit.action.*; an
// action without a text shows its code), on what, where, and the detail the
// server stored (the new fee account, the role given...).
import { t, lang, has } from '../i18n.js';
import { api } from '../api.js';
import { h, field, busy } from '../dom.js';
import { unitName, errorBox, dateTime } from '../format.js';
import { reportPage, monthToDate } from './report-common.js';

const PATH = '/lam-viec/nhat-ky';
const ROLES = ['admin', 'leader', 'reporter']; // audit.read (src/domain/authz.c)
const TYPES = ['', 'user', 'unit', 'calendar', 'procedure', 'appendix']; // the object types written
const PAGE = 50;

// An action in words; the code itself when there is no text for it.
function actionText(a) {
  const key = 'audit.action.' + a.replace(/\./g, '_');
  return has(key) ? t(key) : a;
}

// The stored detail as "key: value" pairs (one level; deeper values as JSON).
function detailText(d) {
  if (d === null || d === undefined) return '';
  if (typeof d !== 'object') return String(d);
  return Object.keys(d).map((k) => k + ': ' + (typeof d[k] === 'object' ? JSON.stringify(d[k]) : String(d[k]))).join('; ');
}

export function render(ctx) {
  const typeSel = h('select', null, TYPES.map((x) => h('option', { value: x, selected: x === (ctx.query.get('type') || '') },
    t('audit.type.' + (x || 'all')))));
  return reportPage(ctx, { heading: 'audit.heading', path: PATH, id: 'audit-form', outId: 'audit', def: monthToDate(),
    roles: ROLES, noUnitsKey: 'audit.no_units', submitKey: 'audit.show', intro: 'audit.intro',
    extra: field({ name: 'type', label: t('audit.type'), control: typeSel }),
    query: () => (typeSel.value ? '&type=' + encodeURIComponent(typeSel.value) : ''),
    url: (p, qs) => '/api/v1/audit?' + qs + '&limit=' + PAGE }, draw);
}

// One page of rows, and "Xem thêm" for the next ones.
function draw(r, v) {
  const units = v.units, qs = v.qs;
  const out = h('section', { class: 'card', 'aria-labelledby': 'audit-h', 'aria-live': 'polite' });
  v.out.appendChild(out);
  out.appendChild(h('h2', { id: 'audit-h' }, t('audit.list', { unit: unitName(units.byCode[r.unit]) })));
  if (!r.entries.length) {
    out.appendChild(h('p', { class: 'muted' }, t('audit.empty')));
    return;
  }
  const body = h('tbody');
  const table = h('table', { class: 'rtable audit-table' },
    h('thead', null, h('tr', null, ['at', 'who', 'action', 'object', 'unit', 'detail'].map((c) => h('th', { scope: 'col' }, t('audit.col.' + c))))),
    body);
  out.appendChild(table);
  const more = h('button', { type: 'button', class: 'btn', id: 'audit-more' }, t('audit.more'));
  out.appendChild(h('p', { class: 'actions no-print' }, more));
  let next = addRows(body, r);
  more.hidden = !next;
  more.addEventListener('click', async () => {
    busy(more, true, t('common.loading'));
    try {
      const page = await api('GET', '/api/v1/audit?' + qs + '&limit=' + PAGE + '&before=' + next);
      next = addRows(body, page);
    } catch (e) {
      out.appendChild(errorBox(e));
    }
    busy(more, false);
    more.hidden = !next;
  });
}

function addRows(body, r) {
  r.entries.forEach((e) => body.appendChild(h('tr', { 'data-id': String(e.id), 'data-action': e.action },
    h('td', { 'data-label': t('audit.col.at') }, dateTime(e.at)),
    h('td', { 'data-label': t('audit.col.who') }, e.actor ? e.actor.full_name + ' (' + e.actor.username + ')' : t('audit.system')),
    h('td', { 'data-label': t('audit.col.action') }, actionText(e.action)),
    h('td', { 'data-label': t('audit.col.object') }, [e.object_type, e.object_id].filter(Boolean).join(' ') || '–'),
    h('td', { 'data-label': t('audit.col.unit') }, e.unit ? (lang() === 'en' && e.unit.name_en ? e.unit.name_en : e.unit.name) : '–'),
    h('td', { 'data-label': t('audit.col.detail'), class: 'small audit-detail' }, detailText(e.detail)))));
  return r.next_before;
}
