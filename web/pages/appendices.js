// pages/appendices.js - the annual administrative-reform appendices
// ("/lam-viec/phu-luc", the seed report's Phụ lục 1-8; docs/QUALITY.md):
// POST /api/v1/reports/appendices?year=&unit= gives every table with each
// row's value and where it came from: computed from MotCua's own data
// ("auto", read-only here), stored by hand for the unit and year, or missing.
// The reporting officer or leader types the hand-kept figures (training
// classes, bulletins, staff...) into the rows themselves and saves them
// (PUT .../appendices/manual: the whole stored set at once); others read.
// The workbook (.xlsx, a sheet per appendix) and the PDF are the server's;
// figures typed but not saved yet go with the export (the "values" body), so
// the file is what the screen shows.  The tables' texts are the official
// Vietnamese ones in both languages: the report is filed in Vietnamese.
import { t, lang } from '../i18n.js';
import { api, getSession, showError } from '../api.js';
import { h, clear, field, formError, busy, statusBox, setStatus } from '../dom.js';
import { unitName, loadUnits, errorBox } from '../format.js';
import { reportTabs, reportScope, downloadPost, decimal, officeToday } from './report-common.js';

const PATH = '/lam-viec/phu-luc';
const FIRST_YEAR = 2000; // the API's lower bound
const WRITERS = ['leader', 'reporter']; // src/api/quality.c may_write_manual

// Can the signed-in person store the manual figures of this unit?
function mayWrite(unit) {
  return (getSession().user.roles || []).some((r) => WRITERS.indexOf(r.role) >= 0 && r.unit_path && unit && unit.path.indexOf(r.unit_path) === 0);
}

// What a person typed, as the API wants it: empty = null, a number written
// the way the page's language writes numbers as a number, anything else as
// text (kept as typed).  Vietnamese: "1.250" is one thousand two hundred
// and fifty, "87,5" a decimal; English: "1,250" and "87.5".  A plain "3"
// or "1250" is a number in both.
export function parseValue(s, l) {
  const v = String(s || '').trim();
  if (!v) return null;
  const group = l === 'en' ? ',' : '.';
  const dec = l === 'en' ? '.' : ',';
  const esc = (c) => '\\' + c;
  const re = new RegExp('^-?(\\d{1,3}(' + esc(group) + '\\d{3})+|\\d+)(' + esc(dec) + '\\d+)?$');
  if (!re.test(v)) return v;
  return Number(v.split(group).join('').replace(dec, '.'));
}

function shown(v, l) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : decimal(v, l);
  return String(v);
}

export async function render(ctx) {
  ctx.root.appendChild(h('h1', null, t('apx.heading')));
  ctx.root.appendChild(reportTabs(PATH));
  let units;
  try { units = await loadUnits(api); } catch (e) { ctx.root.appendChild(errorBox(e)); return; }
  if (!ctx.isCurrent()) return;
  const scope = reportScope(units, ctx.query);
  if (!scope.select) { ctx.root.appendChild(h('p', null, t('qual.no_units'))); return; }
  const thisYear = officeToday().getFullYear();
  const years = [];
  for (let y = thisYear; y >= FIRST_YEAR; y--) years.push(y);
  const asked = Number(ctx.query.get('year')) || thisYear;
  const yearSel = h('select', null, years.map((y) => h('option', { value: String(y), selected: y === asked }, String(y))));
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('rep.show'));
  const form = h('form', { class: 'card no-print', novalidate: true, id: 'apx-form' }, formError(),
    h('div', { class: 'grid-fields' },
      field({ name: 'year', label: t('apx.year'), control: yearSel }),
      field({ name: 'unit', label: t('rep.unit'), control: scope.select })),
    h('p', { class: 'actions' }, submit));
  const out = h('div', { id: 'appendices' });
  ctx.root.appendChild(form);
  ctx.root.appendChild(out);
  ctx.root.appendChild(rangeCard());
  form.addEventListener('submit', (e) => { e.preventDefault(); show(); });
  await show();

  async function show() {
    const year = form.elements.year.value, unit = form.elements.unit.value;
    const qs = 'year=' + year + '&unit=' + encodeURIComponent(unit);
    busy(submit, true, t('common.loading'));
    let r;
    try {
      r = await api('POST', '/api/v1/reports/appendices?' + qs, {});
    } catch (err) {
      busy(submit, false);
      return showError(form, err);
    }
    busy(submit, false);
    if (!ctx.isCurrent()) return;
    history.replaceState(null, '', PATH + '?' + qs);
    clear(out);
    const l = lang();
    const writable = mayWrite(units.byCode[unit]);
    const inputs = []; // {key, input, saved}
    const status = statusBox();
    const cells = r.cells || {};
    const saveBtn = writable ? h('button', { type: 'button', class: 'btn btn-primary', id: 'apx-save' }, t('apx.save')) : null;
    const xlsxBtn = h('button', { type: 'button', class: 'btn', id: 'apx-xlsx' }, t('apx.xlsx'));
    const pdfBtn = h('button', { type: 'button', class: 'btn', id: 'apx-pdf' }, t('apx.pdf'));
    const sheet = h('form', { class: 'apx-sheet', novalidate: true, id: 'apx-sheet' }, formError());
    out.appendChild(h('section', { class: 'card', 'aria-labelledby': 'apx-sum-h' },
      h('h2', { id: 'apx-sum-h' }, t('apx.summary', { year: r.year, unit: unitName(units.byCode[r.unit.code] || r.unit) })),
      h('p', { id: 'apx-cells' }, t('apx.cells', { auto: cells.auto || 0, stored: cells.stored || 0, missing: cells.missing || 0 })),
      h('p', { class: 'muted small' }, writable ? t('apx.hint_write') : t('apx.hint_read')),
      l === 'en' ? h('p', { class: 'muted small' }, t('apx.vi_only')) : null,
      h('p', { class: 'actions no-print' }, saveBtn, xlsxBtn, pdfBtn),
      status));
    (r.appendices || []).forEach((a) => {
      sheet.appendChild(h('section', { class: 'card apx', 'data-key': a.key, 'aria-labelledby': 'apx-' + a.key },
        h('h2', { id: 'apx-' + a.key }, a.title),
        h('table', { class: 'rtable apx-table' },
          h('thead', null, h('tr', null, ['stt', 'label', 'value', 'source'].map((c) => h('th', { scope: 'col' }, t('apx.col.' + c))))),
          h('tbody', null, (a.rows || []).map((row) => rowOf(row, writable, inputs, l))))));
    });
    out.appendChild(sheet);
    if (saveBtn) saveBtn.addEventListener('click', () => save(r.year, unit, inputs, saveBtn, sheet));
    xlsxBtn.addEventListener('click', () => exportFile('xlsx', qs, inputs, xlsxBtn, status));
    pdfBtn.addEventListener('click', () => exportFile('pdf', qs, inputs, pdfBtn, status));
  }

  // One row of an appendix: a heading row spans the table; a manual row is
  // an input for writers; an automatic one shows its value and says so.
  function rowOf(row, writable, inputs, l) {
    if (row.source === 'heading') {
      return h('tr', { class: 'apx-heading' }, h('td', { 'data-label': t('apx.col.stt') }, row.stt || ''),
        h('th', { scope: 'rowgroup', colspan: '3' }, row.label));
    }
    const id = 'apx-in-' + row.key.replace(/[^a-z0-9_]/gi, '-');
    let value;
    if (row.source === 'manual' && writable) {
      const input = h('input', { type: 'text', id: id, name: row.key, value: shown(row.value, l), 'aria-describedby': id + '-err',
        autocomplete: 'off', class: 'apx-input' });
      inputs.push({ key: row.key, input: input, saved: input.value });
      value = h('div', null, input, h('p', { class: 'field-error', id: id + '-err', 'data-error-for': row.key, hidden: true }));
    } else {
      value = h('span', { class: 'apx-value' }, row.value === null || row.value === undefined ? '–' : shown(row.value, l) + (row.unit ? ' ' + row.unit : ''));
    }
    return h('tr', { 'data-key': row.key, 'data-origin': row.origin || '' },
      h('td', { 'data-label': t('apx.col.stt') }, row.stt || ''),
      h('td', { 'data-label': t('apx.col.label') }, row.source === 'manual' && writable ? h('label', { for: id }, row.label) : row.label),
      h('td', { class: 'apx-cell', 'data-label': t('apx.col.value') }, value),
      h('td', { 'data-label': t('apx.col.source') }, h('span', { class: 'tag origin-' + (row.origin || 'none') }, t('apx.origin.' + (row.origin || 'missing')))));
  }

  async function save(year, unit, inputs, btn, sheet) {
    const values = {};
    inputs.forEach((x) => { values[x.key] = parseValue(x.input.value, lang()); });
    busy(btn, true, t('common.saving'));
    try {
      await api('PUT', '/api/v1/reports/appendices/manual?year=' + year + '&unit=' + encodeURIComponent(unit), { values: values });
    } catch (err) {
      busy(btn, false);
      return showError(sheet, err);
    }
    busy(btn, false);
    await show();
    const box = out.querySelector('[role="status"]');
    if (box) setStatus(box, t('apx.saved'), 'ok');
  }

  // The figures changed on screen and not saved yet.
  function unsaved(inputs) {
    const values = {};
    let n = 0;
    inputs.forEach((x) => {
      if (x.input.value !== x.saved) { values[x.key] = parseValue(x.input.value, lang()); n++; }
    });
    return n ? values : null;
  }

  async function exportFile(format, qs, inputs, btn, status) {
    const values = unsaved(inputs);
    busy(btn, true, t('common.loading'));
    setStatus(status, '');
    try {
      const name = await downloadPost('/api/v1/reports/appendices?' + qs + '&format=' + format, values ? { values: values } : {},
        'phu-luc.' + format);
      setStatus(status, t(values ? 'apx.exported_unsaved' : 'apx.exported', { name: name }), values ? 'warn' : 'ok');
    } catch (err) {
      setStatus(status, err.text(), 'error');
    }
    busy(btn, false);
  }

  // Several years side by side (a column per year, as the district's
  // 2011-2020 report shows them): straight to a file.
  function rangeCard() {
    const thisYear = officeToday().getFullYear();
    const opts = (sel) => years.map((y) => h('option', { value: String(y), selected: y === sel }, String(y)));
    const fromSel = h('select', null, opts(thisYear - 4));
    const toSel = h('select', null, opts(thisYear));
    const status = statusBox();
    const f = h('form', { class: 'card no-print', novalidate: true, id: 'apx-range', 'aria-labelledby': 'apx-range-h' }, formError(),
      h('h2', { id: 'apx-range-h' }, t('apx.range')),
      h('p', { class: 'muted small' }, t('apx.range_hint')),
      h('div', { class: 'grid-fields' },
        field({ name: 'from_year', label: t('apx.from_year'), control: fromSel }),
        field({ name: 'to_year', label: t('apx.to_year'), control: toSel })),
      h('p', { class: 'actions' },
        h('button', { type: 'button', class: 'btn', 'data-format': 'xlsx' }, t('apx.xlsx')),
        h('button', { type: 'button', class: 'btn', 'data-format': 'pdf' }, t('apx.pdf'))),
      status);
    f.addEventListener('submit', (e) => e.preventDefault());
    f.querySelectorAll('button[data-format]').forEach((b) => b.addEventListener('click', async () => {
      const qs = 'from_year=' + fromSel.value + '&to_year=' + toSel.value + '&unit=' + encodeURIComponent(form.elements.unit.value) +
        '&format=' + b.getAttribute('data-format');
      busy(b, true, t('common.loading'));
      setStatus(status, '');
      try {
        const name = await downloadPost('/api/v1/reports/appendices?' + qs, {}, 'phu-luc.' + b.getAttribute('data-format'));
        setStatus(status, t('apx.exported', { name: name }), 'ok');
      } catch (err) {
        showError(f, err);
      }
      busy(b, false);
    }));
    return f;
  }
}
