// pages/workflows.js - the internal process of a procedure (quy trình nội
// bộ, "/lam-viec/quy-trinh[?thu-tuc=CODE]"; administrators, module "Quy
// trình xử lý"): find the procedure (the catalog search, diacritics
// ignored), then edit its steps - name, where (the receiving desk, the
// dossier's commune, or a unit), which role, how many working hours -
// reorder, add, remove; the running total is set against the legal time
// limit as you type.  Saving PUTs the whole procedure with the new process
// (GET /api/v1/procedures/{code} -> PUT): a new version, which dossiers
// received from then on follow; those already received keep theirs.  The
// server checks that the steps add up (its message appears above the steps).
import { t, lang } from '../i18n.js';
import { api, showError, clearErrors } from '../api.js';
import { h, clear, formError, busy, statusBox, setStatus } from '../dom.js';
import { loadUnits, errorBox, procName, unitName } from '../format.js';
import { procedureSearch } from '../search.js';
import { treeOrder, adminUnits } from './calendar.js';
import { roleLabel } from './work.js';

const PATH = '/lam-viec/quy-trinh';
const ROLES = ['desk_officer', 'specialist', 'head', 'leader'];
const PLACES = ['$desk', '$commune']; // resolved per dossier (docs/CATALOG_FORMAT.md)
const DAY_HOURS = 8;

// The legal time limit in working hours, or null when it is not in hours or days.
function limitHours(tl) {
  if (!tl) return null;
  if (tl.days) return tl.days * DAY_HOURS;
  if (tl.hours) return tl.hours;
  if (tl.same_day) return DAY_HOURS;
  return null;
}

function decimal(n) {
  const s = String(Math.round(n * 10) / 10);
  return lang() === 'vi' ? s.replace('.', ',') : s;
}

export async function render(ctx) {
  ctx.root.appendChild(h('h1', null, t('wf.heading')));
  ctx.root.appendChild(h('p', { class: 'muted' }, t('wf.intro')));
  const code = ctx.query.get('thu-tuc');
  const search = procedureSearch({ label: t('wf.search_label'), onPick: (p) => ctx.navigate(PATH + '?thu-tuc=' + encodeURIComponent(p.code)) });
  ctx.root.appendChild(h('section', { class: 'card no-print' }, search.el));
  if (!code) return;
  let doc, units;
  try {
    doc = await api('GET', '/api/v1/procedures/' + encodeURIComponent(code));
    units = await loadUnits(api);
  } catch (e) {
    ctx.root.appendChild(errorBox(e));
    return;
  }
  if (!ctx.isCurrent()) return;
  ctx.root.appendChild(editor(doc, units));
}

function editor(doc, units) {
  const places = treeOrder(adminUnits(units.list));
  const steps = (doc.process || []).map((s) => ({ name: s.name, unit: s.unit, role: s.role, hours: s.hours }));
  const limit = limitHours(doc.time_limit);
  const list = h('ol', { class: 'wf-steps' });
  const total = h('p', { id: 'wf-total', 'aria-live': 'polite' });
  const status = statusBox();
  const save = h('button', { type: 'submit', class: 'btn btn-primary' }, t('wf.save'));
  const form = h('form', { class: 'card', novalidate: true, id: 'wf-form', 'aria-labelledby': 'wf-h' },
    h('h2', { id: 'wf-h' }, doc.code + ' – ' + procName(doc)),
    h('p', null, t('wf.limit', { limit: doc.time_limit_text || '–', version: doc.version })),
    formError(),
    h('p', { class: 'field-error', 'data-error-for': 'process', hidden: true, id: 'wf-err' }),
    list,
    h('p', { class: 'actions' }, h('button', { type: 'button', class: 'btn', id: 'wf-add', onclick: () => { steps.push({ name: '', unit: '$desk', role: 'specialist', hours: 1 }); draw(steps.length - 1); } }, t('wf.add'))),
    total,
    h('p', { class: 'actions' }, save),
    status);

  // Redraw the list; focus goes to the row `focus` (after add, move, remove).
  function draw(focus) {
    clear(list);
    steps.forEach((s, i) => list.appendChild(row(s, i)));
    sum();
    if (focus !== undefined && focus >= 0 && list.children[focus]) list.children[focus].querySelector('input').focus();
  }

  function sum() {
    const hrs = steps.reduce((a, s) => a + (Number(s.hours) || 0), 0);
    const ok = limit === null || hrs === limit || (doc.time_limit && doc.time_limit.same_day && hrs <= DAY_HOURS);
    total.className = ok ? 'status status-ok' : 'status status-warn';
    total.textContent = limit === null ? t('wf.total_free', { n: decimal(hrs) })
      : t(ok ? 'wf.total_ok' : 'wf.total_bad', { n: decimal(hrs), limit: decimal(limit) });
  }

  function row(s, i) {
    const id = 'wf-' + i;
    const name = h('input', { type: 'text', id: id + '-name', value: s.name, maxlength: '300' });
    name.addEventListener('input', () => { s.name = name.value; });
    const unit = h('select', { id: id + '-unit' },
      PLACES.map((p) => h('option', { value: p, selected: s.unit === p }, t('wf.place.' + p.slice(1)))),
      places.map((x) => h('option', { value: x.unit.code, selected: s.unit === x.unit.code }, '\u00a0\u00a0'.repeat(x.depth) + unitName(x.unit))),
      // a unit outside the admin's subtrees stays as it is
      PLACES.indexOf(s.unit) < 0 && !places.some((x) => x.unit.code === s.unit) ? h('option', { value: s.unit, selected: true }, s.unit) : null);
    unit.addEventListener('change', () => { s.unit = unit.value; });
    const role = h('select', { id: id + '-role' }, ROLES.map((r) => h('option', { value: r, selected: s.role === r }, roleLabel(r))));
    role.addEventListener('change', () => { s.role = role.value; });
    const hours = h('input', { type: 'number', id: id + '-hours', value: String(s.hours), min: '0.5', step: '0.5', inputmode: 'decimal' });
    hours.addEventListener('input', () => { s.hours = Number(hours.value); sum(); });
    const n = i + 1;
    const btn = (key, label, fn, disabled) => h('button', { type: 'button', class: 'btn btn-quiet btn-small', 'aria-label': t(label, { n: n }),
      disabled: disabled || null, onclick: fn }, t(key));
    return h('li', { class: 'wf-step', 'data-step': String(n) },
      h('div', { class: 'grid-fields' },
        h('div', { class: 'field' }, h('label', { for: name.id }, t('wf.name', { n: n })), name),
        h('div', { class: 'field' }, h('label', { for: unit.id }, t('wf.unit')), unit),
        h('div', { class: 'field' }, h('label', { for: role.id }, t('wf.role')), role),
        h('div', { class: 'field' }, h('label', { for: hours.id }, t('wf.hours')), hours)),
      h('p', { class: 'actions' },
        btn('wf.up', 'wf.up_label', () => { steps.splice(i - 1, 0, steps.splice(i, 1)[0]); draw(i - 1); }, i === 0),
        btn('wf.down', 'wf.down_label', () => { steps.splice(i + 1, 0, steps.splice(i, 1)[0]); draw(i + 1); }, i === steps.length - 1),
        btn('wf.remove', 'wf.remove_label', () => { steps.splice(i, 1); draw(Math.min(i, steps.length - 1)); }, steps.length === 1)));
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!window.confirm(t('wf.confirm', { version: doc.version + 1 }))) return;
    // with the version read: if another administrator saved since, the
    // server refuses (409) instead of this page undoing their change
    const body = Object.assign({}, doc, { process: steps.map((s) => ({ name: s.name.trim(), unit: s.unit, role: s.role, hours: Number(s.hours) })) });
    busy(save, true, t('common.saving'));
    setStatus(status, '');
    let r;
    try {
      r = await api('PUT', '/api/v1/procedures/' + encodeURIComponent(doc.code), body);
    } catch (err) {
      busy(save, false);
      return showError(form, err);
    }
    busy(save, false);
    clearErrors(form);
    doc.version = r.version;
    setStatus(status, t('wf.saved', { version: r.version }), 'ok');
  });
  draw();
  return form;
}
