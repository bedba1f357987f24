// pages/calendar.js - the administrator's working calendar of a unit
// ("/lam-viec/lich"): the unit's own overrides (GET/POST/DELETE
// /api/v1/calendar/overrides), its office hours per weekday (GET/PUT
// /api/v1/units/{code}/office-hours, "" = closed) and a small deadline
// calculator (POST /api/v1/calendar/deadline) showing the due time and the
// days skipped.  Units: the subtrees where the person is an administrator.
import { t, lang } from '../i18n.js';
import { api, getSession, showError, clearErrors, localError } from '../api.js';
import { h, clear, field, formError, statusBox, setStatus, busy } from '../dom.js';
import { unitName, loadUnits, errorBox, date, dateTime, weekday } from '../format.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const KINDS = ['off', 'work', 'remove'];

// <option>s of the units, indented by depth; tree order (children under their parent).
export function treeOrder(units) {
  const kids = {};
  units.forEach((u) => {
    const parentPath = u.path.replace(/\d+\/$/, '');
    (kids[parentPath] = kids[parentPath] || []).push(u);
  });
  const out = [];
  const paths = units.map((u) => u.path);
  const roots = units.filter((u) => paths.indexOf(u.path.replace(/\d+\/$/, '')) < 0);
  const walk = (u, depth) => {
    out.push({ unit: u, depth: depth });
    (kids[u.path] || []).forEach((c) => walk(c, depth + 1));
  };
  roots.forEach((u) => walk(u, 0));
  return out;
}

export function unitSelect(units, selected) {
  return h('select', null, treeOrder(units).map((x) => h('option', { value: x.unit.code, selected: x.unit.code === selected },
    '\u00a0\u00a0'.repeat(x.depth) + unitName(x.unit))));
}

export function adminUnits(all, role) {
  const scopes = (getSession().user.roles || []).filter((r) => r.role === (role || 'admin')).map((r) => r.unit_path).filter(Boolean);
  return all.filter((u) => scopes.some((p) => u.path.indexOf(p) === 0));
}

export async function render(ctx) {
  ctx.root.appendChild(h('h1', null, t('cal.heading')));
  let units;
  try { units = await loadUnits(api); } catch (e) { ctx.root.appendChild(errorBox(e)); return; }
  if (!ctx.isCurrent()) return;
  const mine = adminUnits(units.list);
  if (!mine.length) { ctx.root.appendChild(h('p', null, t('cal.no_units'))); return; }
  const start = units.byCode[ctx.query.get('unit')] && mine.indexOf(units.byCode[ctx.query.get('unit')]) >= 0
    ? ctx.query.get('unit') : treeOrder(mine)[0].unit.code;
  const sel = unitSelect(mine, start);
  const pick = h('form', { class: 'card no-print', novalidate: true, id: 'cal-unit' },
    field({ name: 'unit', label: t('cal.unit'), hint: t('cal.unit_hint'), control: sel }));
  pick.addEventListener('submit', (e) => e.preventDefault());
  ctx.root.appendChild(pick);
  const calcBox = h('section', { class: 'card', id: 'cal-calc', 'aria-labelledby': 'cal-calc-h' });
  const ovBox = h('section', { class: 'card', id: 'cal-overrides', 'aria-labelledby': 'cal-ov-h' });
  const hoursBox = h('section', { class: 'card', id: 'cal-hours', 'aria-labelledby': 'cal-hours-h' });
  ctx.root.appendChild(calcBox);
  ctx.root.appendChild(ovBox);
  ctx.root.appendChild(hoursBox);
  calculator(calcBox, () => sel.value);
  sel.addEventListener('change', () => {
    history.replaceState(null, '', '/lam-viec/lich?unit=' + encodeURIComponent(sel.value));
    loadAll();
  });
  await loadAll();

  async function loadAll() {
    const code = sel.value;
    await Promise.all([overrides(ovBox, code, ctx), hours(hoursBox, code, ctx)]);
  }
}

function reason(o) {
  return lang() === 'en' && o.reason_en ? o.reason_en : o.reason_vi;
}

async function overrides(box, code, ctx) {
  clear(box).appendChild(h('h2', { id: 'cal-ov-h' }, t('cal.ov_heading')));
  box.appendChild(h('p', { class: 'muted' }, t('cal.ov_intro')));
  const status = statusBox();
  const list = h('div');
  box.appendChild(status);
  box.appendChild(list);
  box.appendChild(addForm());
  await reload();

  async function reload() {
    let r;
    try { r = await api('GET', '/api/v1/calendar/overrides?unit=' + encodeURIComponent(code)); } catch (e) { clear(list).appendChild(errorBox(e)); return; }
    if (!ctx.isCurrent()) return;
    const rows = r.overrides || [];
    clear(list);
    if (!rows.length) { list.appendChild(h('p', { class: 'ov-empty' }, t('cal.ov_none'))); return; }
    const cols = ['date', 'kind', 'reason', 'source', 'action'];
    list.appendChild(h('table', { class: 'rtable ov-table' },
      h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col' }, t('cal.col.' + c))))),
      h('tbody', null, rows.map((o) => h('tr', { 'data-date': o.date },
        h('td', { 'data-label': t('cal.col.date') }, weekday(o.date) + ' ' + date(o.date)),
        h('td', { 'data-label': t('cal.col.kind') }, h('span', { class: 'tag ' + (o.kind === 'off' ? 'tag-off' : 'tag-ready') }, t('cal.kind.' + o.kind))),
        h('td', { 'data-label': t('cal.col.reason') }, reason(o)),
        h('td', { 'data-label': t('cal.col.source') }, o.source || '–'),
        h('td', { 'data-label': t('cal.col.action') }, h('button', { type: 'button', class: 'btn btn-danger',
          'aria-label': t('cal.delete_label', { date: date(o.date) }), onclick: (e) => del(o, e.target) }, t('cal.delete'))))))));
  }

  async function del(o, button) {
    if (!window.confirm(t('cal.confirm_delete', { date: date(o.date) }))) return;
    busy(button, true, t('common.saving'));
    try {
      await api('DELETE', '/api/v1/calendar/overrides?unit=' + encodeURIComponent(code) + '&date=' + o.date);
    } catch (e) { busy(button, false); setStatus(status, e.text(), 'error'); return; }
    setStatus(status, t('cal.deleted', { date: date(o.date) }), 'ok');
    await reload();
  }

  function addForm() {
    const kind = h('select', null, KINDS.map((k) => h('option', { value: k }, t('cal.kind.' + k))));
    const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('cal.add'));
    const form = h('form', { class: 'ov-add', novalidate: true, 'aria-labelledby': 'cal-add-h' },
      h('h3', { id: 'cal-add-h' }, t('cal.add_heading')),
      formError(),
      h('div', { class: 'grid-fields' },
        field({ name: 'date', label: t('cal.f.date'), type: 'date' }),
        field({ name: 'kind', label: t('cal.f.kind'), control: kind }),
        field({ name: 'reason_vi', label: t('cal.f.reason_vi') }),
        field({ name: 'reason_en', label: t('cal.f.reason_en'), hint: t('common.optional') }),
        field({ name: 'source', label: t('cal.f.source'), hint: t('cal.f.source_hint') })),
      submit);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const f = form.elements;
      const body = { unit: code, date: f.date.value, kind: f.kind.value, reason_vi: f.reason_vi.value.trim(),
        reason_en: f.reason_en.value.trim(), source: f.source.value.trim() };
      const errs = [];
      if (!body.date) errs.push(localError('date', 'act.date_empty'));
      if (!body.reason_vi) errs.push(localError('reason_vi', 'cal.f.reason_empty'));
      if (errs.length) return showError(form, errs);
      busy(submit, true, t('common.saving'));
      try { await api('POST', '/api/v1/calendar/overrides', body); } catch (err) { busy(submit, false); return showError(form, err); }
      busy(submit, false);
      clearErrors(form);
      form.reset();
      setStatus(status, t('cal.added', { date: date(body.date) }), 'ok');
      await reload();
    });
    return form;
  }
}

async function hours(box, code, ctx) {
  clear(box).appendChild(h('h2', { id: 'cal-hours-h' }, t('cal.hours_heading')));
  let r;
  try { r = await api('GET', '/api/v1/units/' + encodeURIComponent(code) + '/office-hours'); } catch (e) { box.appendChild(errorBox(e)); return; }
  if (!ctx.isCurrent()) return;
  const setBy = h('p', { class: 'muted', id: 'hours-set-by' });
  const showSetBy = (by) => { setBy.textContent = by ? t('cal.hours_own', { unit: by }) : t('cal.hours_inherited'); };
  showSetBy(r.set_by);
  const status = statusBox();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('cal.hours_save'));
  const reset = h('button', { type: 'button', class: 'btn' }, t('cal.hours_reset'));
  const form = h('form', { class: 'hours-form', novalidate: true },
    setBy, h('p', { class: 'hint' }, t('cal.hours_hint')), formError(),
    h('div', { class: 'grid-fields' }, DAYS.map((d) => field({ name: d, label: t('cal.day.' + d),
      attrs: { value: r.hours[d] || '', placeholder: t('cal.closed'), inputmode: 'numeric' } }))),
    h('p', { class: 'actions' }, submit, ' ', reset), status);
  box.appendChild(form);
  const fill = (hrs) => DAYS.forEach((d) => { form.elements[d].value = hrs[d] || ''; });
  async function save(body, button) {
    setStatus(status, '');
    busy(button, true, t('common.saving'));
    let a;
    try { a = await api('PUT', '/api/v1/units/' + encodeURIComponent(code) + '/office-hours', body); } catch (err) { busy(button, false); return showError(form, err); }
    busy(button, false);
    clearErrors(form);
    fill(a.hours || {});
    showSetBy(a.set_by);
    setStatus(status, t('cal.hours_saved'), 'ok');
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = {};
    DAYS.forEach((d) => { body[d] = form.elements[d].value.trim(); });
    save(body, submit);
  });
  reset.addEventListener('click', () => save({}, reset));
}

function calculator(box, unitOf) {
  box.appendChild(h('h2', { id: 'cal-calc-h' }, t('cal.calc_heading')));
  box.appendChild(h('p', { class: 'muted' }, t('cal.calc_intro')));
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  const today = now.getFullYear() + '-' + pad(now.getMonth() + 1) + '-' + pad(now.getDate());
  const unitKind = h('select', null, ['days', 'hours'].map((k) => h('option', { value: k }, t('cal.calc.' + k))));
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('cal.calc_submit'));
  const out = h('div', { class: 'calc-out', 'aria-live': 'polite' });
  const form = h('form', { novalidate: true, id: 'calc-form' }, formError(),
    h('div', { class: 'grid-fields' },
      field({ name: 'from', label: t('cal.calc.from'), type: 'date', attrs: { value: today } }),
      field({ name: 'time', label: t('cal.calc.time'), type: 'time', attrs: { value: '08:00' } }),
      field({ name: 'amount', label: t('cal.calc.amount'), type: 'number', errorFor: 'days', attrs: { min: '1', value: '5', inputmode: 'numeric' } }),
      field({ name: 'measure', label: t('cal.calc.measure'), control: unitKind })),
    submit);
  box.appendChild(form);
  box.appendChild(out);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = form.elements;
    const n = parseInt(f.amount.value, 10);
    const errs = [];
    if (!f.from.value) errs.push(localError('from', 'act.date_empty'));
    if (!(n > 0)) errs.push(localError('days', 'cal.calc.amount_empty'));
    if (errs.length) return showError(form, errs);
    const body = { from: f.from.value + ' ' + (f.time.value || '08:00'), unit: unitOf() };
    body[f.measure.value] = n;
    busy(submit, true, t('common.loading'));
    let r;
    try { r = await api('POST', '/api/v1/calendar/deadline', body); } catch (err) { busy(submit, false); return showError(form, err, { hours: 'days' }); }
    busy(submit, false);
    clearErrors(form);
    clear(out);
    out.appendChild(h('p', { class: 'calc-due' }, t('cal.calc.due'), ' ', h('strong', { id: 'calc-due' }, weekday(r.due) + ', ' + dateTime(r.due))));
    const sk = r.skipped || [];
    out.appendChild(h('h3', null, t('cal.calc.skipped', { n: sk.length })));
    if (sk.length) {
      out.appendChild(h('ul', { class: 'plain skipped' }, sk.map((s) => h('li', { 'data-date': s.date, 'data-why': s.why },
        h('strong', null, weekday(s.date) + ' ' + date(s.date)), ' – ', reason(s), s.source ? h('span', { class: 'muted' }, ' (' + s.source + ')') : null))));
    }
  });
}
