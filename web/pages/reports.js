// pages/reports.js - the resolution report, Biểu số 06/VPCP/KSTT
// ("/lam-viec/bao-cao"), for reporters and leaders (docs/REPORTS.md):
// GET /api/v1/reports/resolution?from=&to=&unit= as a table laid out like the
// official form (rows by level and field, level totals, the grand total);
// every figure is a button listing its dossiers (.../resolution/cell); the
// workbook, the PDF and the CSV are the server's (format=xlsx|pdf|csv).
import { t } from '../i18n.js';
import { api } from '../api.js';
import { h, clear } from '../dom.js';
import { unitName, stateTag, errorBox, date } from '../format.js';
import { reportPage, monthToDate } from './report-common.js';

const PATH = '/lam-viec/bao-cao';
const COLS = ['received', 'received_online', 'received_direct', 'carried_over', 'resolved', 'early', 'on_time', 'late',
  'withdrawn_stopped', 'pending', 'pending_within', 'pending_overdue'];
const NUM = { received: '(3)', received_online: '(4)', received_direct: '(5)', carried_over: '(6)', resolved: '(7)', early: '(8)',
  on_time: '(9)', late: '(10)', withdrawn_stopped: '', pending: '(11)', pending_within: '(12)', pending_overdue: '(13)' };

export function render(ctx) {
  return reportPage(ctx, { heading: 'rep.heading', path: PATH, tabs: true, id: 'report-form', outId: 'report06',
    def: monthToDate(), url: (p, qs) => '/api/v1/reports/resolution?' + qs }, draw);
}

// The table like the form; a figure opens its dossiers below it.
function draw(r, v) {
  const out = v.out, units = v.units, qs = v.qs;
  const { from, to, unit } = v.period;
  const cellBox = h('section', { class: 'card', id: 'cell', 'aria-live': 'polite', hidden: true });
  const figure = (row, level, fld, col) => {
    const n = row[col] || 0;
    if (!n) return '0';
    return h('button', { type: 'button', class: 'linklike', 'data-col': col, 'aria-label': t('rep.cell_label', { n: n, col: t('rep.col.' + col) }),
      onclick: () => cell(qs, level, fld, col, cellBox) }, String(n));
  };
  const line = (row, label, level, fld, cls) => h('tr', { class: cls || '', 'data-level': level, 'data-field': fld || '' },
    h('th', { scope: 'row' }, label),
    COLS.map((c) => h('td', { class: 'num', 'data-label': t('rep.col.' + c) }, figure(row, level, fld, c))));
  const body = [];
  (r.totals || []).forEach((tot) => {
    body.push(line(tot, tot.level_name || tot.level, tot.level, null, 'rep-level'));
    (r.rows || []).filter((x) => x.level === tot.level).forEach((x) => body.push(line(x, x.field_name || x.field, x.level, x.field)));
  });
  if (r.total) body.push(line(r.total, t('rep.total'), 'all', null, 'rep-total'));
  out.appendChild(h('section', { class: 'card report06' },
    h('p', { class: 'rep-form-name' }, t('rep.form_name')),
    h('p', null, t('rep.period', { from: date(from), to: date(to), unit: unitName(units.byCode[unit]) })),
    h('p', { class: 'actions no-print' },
      h('a', { class: 'btn', href: '/api/v1/reports/resolution?' + qs + '&format=xlsx', download: '' }, t('rep.xlsx')),
      h('a', { class: 'btn', href: '/api/v1/reports/resolution?' + qs + '&format=pdf', download: '' }, t('rep.pdf')),
      h('a', { class: 'btn', href: '/api/v1/reports/resolution?' + qs + '&format=csv', download: 'bieu-06.csv' }, t('rep.csv')),
      h('button', { type: 'button', class: 'btn', onclick: () => window.print() }, t('proc.print'))),
    h('div', { class: 'table-wrap' }, h('table', { class: 'rtable report-table' },
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('rep.col.row')),
        COLS.map((c) => h('th', { scope: 'col' }, (NUM[c] ? NUM[c] + ' ' : '') + t('rep.col.' + c))))),
      h('tbody', null, body))),
    h('p', { class: 'muted small' }, t('rep.click_hint'))));
  out.appendChild(cellBox);

  async function cell(qs, level, fld, col, box) {
    let r;
    try {
      r = await api('GET', '/api/v1/reports/resolution/cell?' + qs + '&level=' + level + (fld ? '&field=' + encodeURIComponent(fld) : '') + '&column=' + col);
    } catch (e) {
      clear(box).appendChild(errorBox(e));
      box.hidden = false;
      return;
    }
    clear(box);
    box.hidden = false;
    box.appendChild(h('h2', { tabindex: '-1' }, t('rep.cell_heading', { col: t('rep.col.' + col), n: r.count })));
    box.appendChild(h('ul', { class: 'plain cell-list' }, (r.dossiers || []).map((d) => h('li', { 'data-code': d.code },
      h('a', { href: '/ho-so/' + encodeURIComponent(d.code) }, d.code), ' ', d.state ? stateTag(d.state) : null,
      ' ', h('span', { class: 'muted' }, d.procedure_name || d.procedure_code || '')))));
    box.querySelector('h2').focus();
  }
}
