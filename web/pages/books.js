// pages/books.js - the tracking book and the data exports
// ("/lam-viec/so-theo-doi"; desk officers' "Sổ theo dõi hồ sơ", reporters'
// "Xuất dữ liệu"):
//   - the tracking book of a desk or a government for a period, on screen
//     (GET /api/v1/units/{code}/tracking-book?from=&to=) and as the server's
//     PDF, .xlsx and .csv (GET .../tracking-book.{pdf,xlsx,csv}: plain links,
//     the session cookie goes with them);
//   - the dossier list of the same unit and period (GET /api/v1/exports/
//     dossiers.{xlsx,csv}?view=all, the same rows as the on-screen list) and
//     the catalog (GET /api/v1/exports/catalog.{xlsx,csv}).
// Statistics by hand start from these files; they come from the same rows as
// every report, so the numbers never disagree.
import { t } from '../i18n.js';
import { h } from '../dom.js';
import { unitName, dateTime, stateTag, statusTag, date } from '../format.js';
import { reportPage, monthToDate } from './report-common.js';

const PATH = '/lam-viec/so-theo-doi';
const READERS = ['desk_officer', 'specialist', 'head', 'leader', 'reporter']; // dossier.read
const LIST_MAX = 1000; // the dossier list's own cap (api/dossiers.c)

export function render(ctx) {
  return reportPage(ctx, { heading: 'book.heading', path: PATH, id: 'book-form', outId: 'book', def: monthToDate(),
    roles: READERS, noUnitsKey: 'book.no_units', submitKey: 'book.show', unitHint: t('book.unit_hint'), after: catalogCard,
    url: (p) => '/api/v1/units/' + encodeURIComponent(p.unit) + '/tracking-book?' + p.qs }, draw);
}

// The book on screen with its files, then the dossier list's files.
function draw(r, v) {
  const out = v.out, units = v.units;
  const { from, to, unit, qs } = v.period;
  const base = '/api/v1/units/' + encodeURIComponent(unit);
  const rows = r.dossiers || [];
  const file = (name, key) => h('a', { class: 'btn', href: base + '/' + name + '?' + qs, download: '' }, t(key));
  const list = (ext) => '/api/v1/exports/dossiers.' + ext + '?view=all&limit=' + LIST_MAX + '&unit=' + encodeURIComponent(unit) + '&' + qs;
  out.appendChild(h('section', { class: 'card', 'aria-labelledby': 'book-h' },
    h('h2', { id: 'book-h' }, t('book.title', { unit: unitName(units.byCode[unit]), from: date(from), to: date(to) })),
    h('p', { id: 'book-count' }, t('book.count', { n: r.total !== undefined ? r.total : rows.length })),
    h('p', { class: 'actions no-print' },
      file('tracking-book.pdf', 'book.pdf'), file('tracking-book.xlsx', 'book.xlsx'), file('tracking-book.csv', 'book.csv')),
    rows.length
      ? h('div', { class: 'table-wrap' }, h('table', { class: 'rtable book-table' },
        h('thead', null, h('tr', null, ['no', 'code', 'proc', 'applicant', 'received', 'appointment', 'returned', 'state'].map((c) =>
          h('th', { scope: 'col' }, t('book.col.' + c))))),
        h('tbody', null, rows.map((d, i) => h('tr', { 'data-code': d.code },
          h('td', { class: 'num', 'data-label': t('book.col.no') }, String(i + 1)),
          h('td', { 'data-label': t('book.col.code') }, h('a', { href: '/ho-so/' + encodeURIComponent(d.code) }, d.code)),
          h('td', { 'data-label': t('book.col.proc') }, d.procedure_name || d.procedure_code),
          h('td', { 'data-label': t('book.col.applicant') }, d.applicant_name),
          h('td', { 'data-label': t('book.col.received') }, dateTime(d.received_at)),
          h('td', { 'data-label': t('book.col.appointment') }, dateTime(d.appointment)),
          h('td', { 'data-label': t('book.col.returned') }, d.returned_at ? dateTime(d.returned_at) : '–'),
          h('td', { 'data-label': t('book.col.state') }, stateTag(d.state), ' ', statusTag(d.status, d.state)))))))
      : h('p', { class: 'muted' }, t('book.empty'))));
  out.appendChild(h('section', { class: 'card no-print', 'aria-labelledby': 'exp-h' },
    h('h2', { id: 'exp-h' }, t('book.exports')),
    h('p', { class: 'muted small' }, t('book.exports_hint')),
    (r.total || 0) > LIST_MAX ? h('p', { class: 'status status-warn' }, t('book.exports_capped', { n: LIST_MAX, total: r.total })) : null,
    h('p', { class: 'actions' },
      h('a', { class: 'btn', href: list('xlsx'), download: '', id: 'exp-dossiers-xlsx' }, t('book.dossiers_xlsx')),
      h('a', { class: 'btn', href: list('csv'), download: '' }, t('book.dossiers_csv')))));
}

// The catalog of procedures as a spreadsheet (every procedure in force).
function catalogCard() {
  return h('section', { class: 'card no-print', 'aria-labelledby': 'cat-exp-h' },
    h('h2', { id: 'cat-exp-h' }, t('book.catalog')),
    h('p', { class: 'actions' },
      h('a', { class: 'btn', href: '/api/v1/exports/catalog.xlsx', download: '' }, t('book.catalog_xlsx')),
      h('a', { class: 'btn', href: '/api/v1/exports/catalog.csv', download: '' }, t('book.catalog_csv'))));
}
