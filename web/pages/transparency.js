// pages/transparency.js - public transparency ("/minh-bach", linked from the
// footer): GET /api/v1/public/transparency?year= - on-time rate per
// receiving unit and per field, counts only.  Its table also serves the
// leaders' dashboard (pages/dashboard.js).
import { t, lang } from '../i18n.js';
import { api } from '../api.js';
import { h, clear, field } from '../dom.js';
import { unitName, loadUnits, errorBox } from '../format.js';

export function pct(v) {
  if (v === null || v === undefined) return '–';
  const s = String(Math.round(v * 10) / 10);
  return (lang() === 'vi' ? s.replace('.', ',') : s) + '%';
}

let fieldsPromise = null;
export function fieldNames() {
  if (!fieldsPromise) {
    fieldsPromise = api('GET', '/api/v1/fields').then((r) => {
      const out = {};
      (r.fields || []).forEach((f) => { out[f.code] = lang() === 'en' && f.name_en ? f.name_en : f.name; });
      return out;
    }, (e) => { fieldsPromise = null; throw e; });
  }
  return fieldsPromise;
}

// Rows {resolved, early, on_time, late, on_time_rate, pending, pending_overdue}.
export function rateTable(rows, name, cls) {
  if (!rows.length) return h('p', null, t('tr.none'));
  const cols = ['resolved', 'early', 'on_time', 'late', 'rate', 'pending', 'overdue'];
  const val = (x, c) => (c === 'rate' ? pct(x.on_time_rate) : c === 'overdue' ? String(x.pending_overdue || 0) : String(x[c] || 0));
  return h('div', { class: 'table-wrap' }, h('table', { class: 'rtable rate-table ' + cls },
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('tr.col.name')), cols.map((c) => h('th', { scope: 'col' }, t('tr.col.' + c))))),
    h('tbody', null, rows.map((x) => h('tr', { 'data-key': x.unit || x.field || '' },
      h('th', { scope: 'row' }, name(x)),
      cols.map((c) => h('td', { class: 'num' + (c === 'overdue' && x.pending_overdue ? ' kpi-bad' : ''), 'data-label': t('tr.col.' + c) }, val(x, c))))))));
}

export async function render(ctx) {
  ctx.root.appendChild(h('h1', null, t('tr.heading')));
  ctx.root.appendChild(h('p', null, t('tr.intro')));
  const thisYear = new Date().getFullYear();
  const year = parseInt(ctx.query.get('year'), 10) || thisYear;
  const sel = h('select', null, [0, 1, 2].map((i) => h('option', { value: thisYear - i, selected: thisYear - i === year }, String(thisYear - i))));
  const form = h('form', { class: 'card no-print', novalidate: true }, field({ name: 'year', label: t('tr.year'), control: sel }));
  form.addEventListener('submit', (e) => e.preventDefault());
  const out = h('div', { id: 'transparency' });
  ctx.root.appendChild(form);
  ctx.root.appendChild(out);
  sel.addEventListener('change', show);
  await show();

  async function show() {
    let r, units, fields;
    try {
      r = await api('GET', '/api/v1/public/transparency?year=' + sel.value);
      units = await loadUnits(api);
      fields = await fieldNames();
    } catch (e) { clear(out).appendChild(errorBox(e)); return; }
    if (!ctx.isCurrent()) return;
    history.replaceState(null, '', '/minh-bach?year=' + sel.value);
    clear(out);
    const tot = r.total || {};
    out.appendChild(h('section', { class: 'card' },
      h('p', { class: 'tr-total' }, t('tr.total', { rate: pct(tot.on_time_rate), resolved: tot.resolved || 0,
        from: r.from.split('-').reverse().join('/'), to: r.to.split('-').reverse().join('/') }))));
    out.appendChild(h('section', { class: 'card', 'aria-labelledby': 'tr-u-h' }, h('h2', { id: 'tr-u-h' }, t('tr.by_unit')),
      rateTable(r.units || [], (x) => unitName(units.byCode[x.unit] || x.unit_name), 'tr-units')));
    out.appendChild(h('section', { class: 'card', 'aria-labelledby': 'tr-f-h' }, h('h2', { id: 'tr-f-h' }, t('tr.by_field')),
      rateTable(r.fields || [], (x) => fields[x.field] || x.field_name || x.field || t('tr.other'), 'tr-fields')));
  }
}
