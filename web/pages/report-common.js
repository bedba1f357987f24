// pages/report-common.js - what the statistics pages share (Biểu 06, quality,
// service index, appendices): the tabs between them, the units a person may
// report on (a tree of the subtrees where one of their roles reads reports),
// the period fields, and downloading a file the server makes from a POST.
import { t } from '../i18n.js';
import { api, getSession, ApiError, showError, localError } from '../api.js';
import { h, clear, field, formError, busy } from '../dom.js';
import { loadUnits, errorBox } from '../format.js';
import { unitSelect } from './calendar.js';

// The roles that read reports (src/domain/authz.c: report.read).
const REPORT_ROLES = ['reporter', 'leader', 'head', 'admin'];

const TABS = [
  { path: '/lam-viec/bao-cao', key: 'work.mod.report06' },
  { path: '/lam-viec/chat-luong', key: 'work.mod.quality' },
  { path: '/lam-viec/chi-so', key: 'work.mod.service_index' },
  { path: '/lam-viec/phu-luc', key: 'work.mod.appendices' },
];

// The row of links between the four statistics pages; the current one is
// marked with aria-current (and drawn as such), not only by colour.
export function reportTabs(current) {
  return h('nav', { class: 'report-tabs no-print', 'aria-label': t('rep.tabs') },
    h('ul', null, TABS.map((x) => h('li', null,
      h('a', { href: x.path, 'aria-current': x.path === current ? 'page' : null }, t(x.key))))));
}

// The units of the caller's reporting subtrees, the grants behind them, and
// a <select> (a tree) starting at ?unit= or the first grant's unit.
export function reportScope(units, query, roles) {
  const grants = (getSession().user.roles || []).filter((r) => (roles || REPORT_ROLES).indexOf(r.role) >= 0);
  const choices = units.list.filter((u) => grants.some((g) => g.unit_path && u.path.indexOf(g.unit_path) === 0));
  const asked = query.get('unit');
  const start = asked && choices.some((u) => u.code === asked) ? asked : (grants[0] && grants[0].unit);
  return { grants: grants, choices: choices, select: choices.length ? unitSelect(choices, start) : null };
}

// The form every statistics page starts with: from and to (dates, from
// ?from= / ?to= or the default period `def`), the unit (scope.select), any
// extra fields, and the submit button.  opts: {id, def, submitKey, unitHint,
// extra: [field nodes]}.
function periodForm(query, scope, opts) {
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t(opts.submitKey || 'rep.show'));
  const form = h('form', { class: 'card no-print', novalidate: true, id: opts.id }, formError(),
    h('div', { class: 'grid-fields' },
      field({ name: 'from', label: t('rep.from'), type: 'date', attrs: { value: query.get('from') || opts.def.from } }),
      field({ name: 'to', label: t('rep.to'), type: 'date', attrs: { value: query.get('to') || opts.def.to } }),
      field({ name: 'unit', label: t('rep.unit'), hint: opts.unitHint, control: scope.select }),
      opts.extra || null),
    h('p', { class: 'actions' }, submit));
  return { form: form, submit: submit };
}

// The form's period and unit, or null after marking the empty dates.
// qs: "from=...&to=..." (the unit is added by the caller: a query
// parameter for reports, part of the path for the tracking book).
function periodOf(form) {
  const from = form.elements.from.value, to = form.elements.to.value, unit = form.elements.unit.value;
  const errs = [];
  if (!from) errs.push(localError('from', 'act.date_empty'));
  if (!to) errs.push(localError('to', 'act.date_empty'));
  if (errs.length) { showError(form, errs); return null; }
  return { from: from, to: to, unit: unit, qs: 'from=' + from + '&to=' + to };
}

// GET path while the submit button says "loading"; a refusal is shown at
// the form's field it names.  The answer, or null.
async function loadFor(form, submit, path) {
  busy(submit, true, t('common.loading'));
  try {
    return await api('GET', path);
  } catch (err) {
    showError(form, err);
    return null;
  } finally {
    busy(submit, false);
  }
}

// A statistics page: its heading, the tabs (opts.tabs), the period form, and
// the answer drawn by draw(answer, {out, units, period, qs}) after each
// "show" (and once at the start).  opts: periodForm's, plus
//   heading    text key of the <h1>;  path  this page's address;
//   url(p)     what to GET for the period p ({from, to, unit, qs});
//   query()    extra "&k=v" of the page's own fields (kept in the address);
//   roles      the roles whose units it offers (default: report.read's);
//   outId      id of the box the answer is drawn into;
//   intro      text key of a paragraph under the heading;
//   after()    a node to put below the answer (drawn once).
export async function reportPage(ctx, opts, draw) {
  ctx.root.appendChild(h('h1', null, t(opts.heading)));
  if (opts.tabs) ctx.root.appendChild(reportTabs(opts.path));
  if (opts.intro) ctx.root.appendChild(h('p', { class: 'muted small' }, t(opts.intro)));
  let units;
  try { units = await loadUnits(api); } catch (e) { ctx.root.appendChild(errorBox(e)); return; }
  if (!ctx.isCurrent()) return;
  const scope = reportScope(units, ctx.query, opts.roles);
  if (!scope.select) { ctx.root.appendChild(h('p', null, t(opts.noUnitsKey || 'qual.no_units'))); return; }
  const { form, submit } = periodForm(ctx.query, scope, opts);
  const out = h('div', { id: opts.outId });
  ctx.root.appendChild(form);
  ctx.root.appendChild(out);
  if (opts.after) ctx.root.appendChild(opts.after());
  const show = async () => {
    const p = periodOf(form);
    if (!p) return;
    const qs = p.qs + '&unit=' + encodeURIComponent(p.unit) + (opts.query ? opts.query() : '');
    const r = await loadFor(form, submit, opts.url(p, qs));
    if (!r || !ctx.isCurrent()) return;
    history.replaceState(null, '', opts.path + '?' + qs);
    clear(out);
    draw(r, { out: out, units: units, period: p, qs: qs });
  };
  form.addEventListener('submit', (e) => { e.preventDefault(); show(); });
  await show();
}

// YYYY-MM-DD of a local date.
function iso(d) {
  return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
}

// Today in the offices' time (Vietnam, UTC+7, as the server counts days),
// whatever the PC's own time zone: a dossier received at 00:30 belongs to
// that day's books everywhere.  Returned as a Date whose local fields hold
// the office's date (for iso() and the first of month or year).
export function officeToday() {
  const vn = new Date(Date.now() + 7 * 3600 * 1000);
  return new Date(vn.getUTCFullYear(), vn.getUTCMonth(), vn.getUTCDate());
}

// The default period: 1 January of this year to today.
export function yearToDate() {
  const now = officeToday();
  return { from: iso(new Date(now.getFullYear(), 0, 1)), to: iso(now) };
}

// The default period: the first of this month to today.
export function monthToDate() {
  const now = officeToday();
  return { from: iso(new Date(now.getFullYear(), now.getMonth(), 1)), to: iso(now) };
}

// A number with the decimal comma in Vietnamese ("13,4"), a dot in English.
export function decimal(v, lang) {
  if (v === null || v === undefined) return '';
  const s = (Math.round(v * 10) / 10).toFixed(1);
  return lang === 'vi' ? s.replace('.', ',') : s;
}

// POST a JSON body and save the answer as a file (the .xlsx and .pdf the
// server builds for the appendices).  The session's CSRF token goes with it
// as with every write.  Errors come back as ApiError, like api().
export async function downloadPost(path, body, filename) {
  const s = getSession();
  const headers = { 'Content-Type': 'application/json' };
  if (s && s.csrf) headers['X-CSRF-Token'] = s.csrf;
  let res;
  try {
    res = await fetch(path, { method: 'POST', headers: headers, credentials: 'same-origin', body: JSON.stringify(body || {}) });
  } catch (e) {
    throw new ApiError(0, { code: 'network' });
  }
  if (!res.ok) {
    let data = null;
    try { data = await res.json(); } catch (e) { /* not JSON */ }
    throw new ApiError(res.status, data && data.error);
  }
  const blob = await res.blob();
  const cd = res.headers.get('Content-Disposition') || '';
  const m = /filename="([^"]+)"/.exec(cd);
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: m ? m[1] : filename, class: 'visually-hidden' });
  document.body.appendChild(a);
  a.click();
  document.body.removeChild(a);
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return m ? m[1] : filename;
}
