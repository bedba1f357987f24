// pages/dashboard.js - the leaders' dashboard ("/lam-viec/dieu-hanh"):
// GET /api/v1/reports/dashboard?unit= - year to date by resolving unit and by
// field (on-time rate, overdue now), the last 12 months as a bar chart drawn
// with CSS (every figure also written as text), the slowest steps and the
// officials holding the most overdue dossiers; and first of all the overdue
// dossiers themselves, one by one, with where each is stuck, who holds it,
// whether the citizen got an apology (and its reason) and how often they
// were asked for more documents.
import { t, lang } from '../i18n.js';
import { api, getSession } from '../api.js';
import { h, clear, field } from '../dom.js';
import { unitName, loadUnits, errorBox, dateTime, statusTag } from '../format.js';
import { rateTable, pct, fieldNames } from './transparency.js';
import { unitSelect } from './calendar.js';
import { decimal } from './report-common.js';

const ROLES = ['leader', 'reporter', 'head', 'admin'];

export async function render(ctx) {
  ctx.root.appendChild(h('h1', null, t('dash.heading')));
  let units, fields;
  try { units = await loadUnits(api); fields = await fieldNames(); } catch (e) { ctx.root.appendChild(errorBox(e)); return; }
  if (!ctx.isCurrent()) return;
  const grants = (getSession().user.roles || []).filter((r) => ROLES.indexOf(r.role) >= 0);
  const choices = units.list.filter((u) => grants.some((g) => g.unit_path && u.path.indexOf(g.unit_path) === 0));
  if (!choices.length) { ctx.root.appendChild(h('p', null, t('dash.no_units'))); return; }
  const want = ctx.query.get('unit') || (grants[0] && grants[0].unit);
  const sel = unitSelect(choices, want);
  const form = h('form', { class: 'card no-print', novalidate: true }, field({ name: 'unit', label: t('rep.unit'), control: sel }));
  form.addEventListener('submit', (e) => e.preventDefault());
  const out = h('div', { id: 'dash' });
  ctx.root.appendChild(form);
  ctx.root.appendChild(out);
  sel.addEventListener('change', show);
  await show();

  async function show() {
    out.setAttribute('aria-busy', 'true');
    let r;
    try { r = await api('GET', '/api/v1/reports/dashboard?unit=' + encodeURIComponent(sel.value)); } catch (e) { clear(out).appendChild(errorBox(e)); return; }
    if (!ctx.isCurrent()) return;
    history.replaceState(null, '', '/lam-viec/dieu-hanh?unit=' + encodeURIComponent(sel.value));
    clear(out);
    out.removeAttribute('aria-busy');
    const tot = r.total || {};
    out.appendChild(h('section', { class: 'card dash-kpi', 'aria-labelledby': 'dash-kpi-h' },
      h('h2', { id: 'dash-kpi-h' }, t('dash.kpi', { unit: unitName(units.byCode[r.unit.code] || r.unit_name || r.unit.name) })),
      h('p', { class: 'muted' }, t('dash.as_of', { at: dateTime(r.as_of), from: r.year_to_date.from.split('-').reverse().join('/') })),
      h('dl', { class: 'kpis' },
        kpi('rate', pct(tot.on_time_rate)), kpi('resolved', tot.resolved || 0), kpi('late', tot.late || 0),
        kpi('pending', tot.pending || 0), kpi('overdue', tot.pending_overdue || 0, tot.pending_overdue ? 'kpi-bad' : ''))));
    out.appendChild(await overdueList(sel.value));
    if (!ctx.isCurrent()) return;
    out.appendChild(h('section', { class: 'card', 'aria-labelledby': 'dash-units-h' }, h('h2', { id: 'dash-units-h' }, t('dash.by_unit')),
      rateTable(r.units || [], (x) => unitName(units.byCode[x.unit] || x.unit_name), 'dash-units')));
    out.appendChild(h('section', { class: 'card', 'aria-labelledby': 'dash-fields-h' }, h('h2', { id: 'dash-fields-h' }, t('dash.by_field')),
      rateTable(r.fields || [], (x) => fields[x.field] || x.field || t('dash.other'), 'dash-fields')));
    out.appendChild(trend(r.months || []));
    out.appendChild(h('section', { class: 'card', 'aria-labelledby': 'dash-steps-h' }, h('h2', { id: 'dash-steps-h' }, t('dash.slowest')),
      (r.slowest_steps || []).length ? h('table', { class: 'rtable dash-steps' },
        h('thead', null, h('tr', null, ['proc', 'step', 'visits', 'late', 'delay'].map((c) => h('th', { scope: 'col' }, t('dash.col.' + c))))),
        h('tbody', null, r.slowest_steps.map((s) => h('tr', null,
          h('td', { 'data-label': t('dash.col.proc') }, h('a', { href: '/thu-tuc/' + encodeURIComponent(s.procedure_code) }, s.procedure_code)),
          h('td', { 'data-label': t('dash.col.step') }, s.step_name + (s.unit ? ' (' + unitName(units.byCode[s.unit] || s.unit) + ')' : '')),
          h('td', { 'data-label': t('dash.col.visits'), class: 'num' }, String(s.visits)),
          h('td', { 'data-label': t('dash.col.late'), class: 'num' }, String(s.late)),
          h('td', { 'data-label': t('dash.col.delay'), class: 'num' }, t('dash.hours', { n: fmtNum(s.avg_delay_hours) }))))))
        : h('p', null, t('dash.none'))));
    out.appendChild(h('section', { class: 'card', 'aria-labelledby': 'dash-off-h' }, h('h2', { id: 'dash-off-h' }, t('dash.officials')),
      (r.officials || []).length ? h('table', { class: 'rtable dash-officials' },
        h('thead', null, h('tr', null, ['name', 'overdue', 'late_steps'].map((c) => h('th', { scope: 'col' }, t('dash.col.' + c))))),
        h('tbody', null, r.officials.map((o) => h('tr', { 'data-user': o.username || '' },
          h('td', { 'data-label': t('dash.col.name') }, o.user_id ? o.full_name + ' (' + o.username + ')' : t('dash.untaken')),
          h('td', { 'data-label': t('dash.col.overdue'), class: 'num' }, String(o.overdue_now)),
          h('td', { 'data-label': t('dash.col.late_steps'), class: 'num' }, String(o.late_steps))))))
        : h('p', null, t('dash.none'))));
  }
}

const OVERDUE_MAX = 50;   // rows shown
const OVERDUE_FETCH = 500; // rows read to find them

// The dossiers overdue now in the unit's subtree, most overdue first (the
// list's order: by appointment).  Apologised ones show the apology's reason
// (read from the dossier: a handful at most); a dossier without an apology
// is said to lack one in words, and a second supplement request is flagged:
// both are what the district's report complains about.
async function overdueList(unit) {
  const box = h('section', { class: 'card', id: 'dash-overdue', 'aria-labelledby': 'dash-overdue-h' });
  let r;
  try {
    r = await api('GET', '/api/v1/dossiers?view=all&status=overdue&limit=' + OVERDUE_FETCH + '&unit=' + encodeURIComponent(unit));
  } catch (e) {
    if (e.status === 403) return h('div'); // a role that reads reports but not dossiers
    box.appendChild(errorBox(e));
    return box;
  }
  // the list comes newest first: the longest overdue (earliest legal
  // deadline; ISO times of one offset sort as text) go on top
  const rows = (r.dossiers || []).slice().sort((a, b) => (a.legal_due < b.legal_due ? -1 : a.legal_due > b.legal_due ? 1 : 0))
    .slice(0, OVERDUE_MAX);
  box.appendChild(h('h2', { id: 'dash-overdue-h' }, t('dash.overdue_list', { n: r.total !== undefined ? r.total : rows.length })));
  if (!rows.length) {
    box.appendChild(h('p', { class: 'status status-ok' }, t('dash.overdue_none')));
    return box;
  }
  const reasons = {};
  await Promise.all(rows.filter((d) => d.apology_count).slice(0, 20).map(async (d) => {
    try {
      const full = await api('GET', '/api/v1/dossiers/' + encodeURIComponent(d.code));
      const ap = (full.events || []).filter((e) => e.kind === 'apologize').pop();
      if (ap && ap.reason) reasons[d.code] = ap.reason;
    } catch (e) { /* the row still says an apology was sent */ }
  }));
  box.appendChild(h('table', { class: 'rtable dash-overdue' },
    h('thead', null, h('tr', null, ['code', 'where', 'holder', 'due', 'apology', 'supplements'].map((c) => h('th', { scope: 'col' }, t('dash.od.' + c))))),
    h('tbody', null, rows.map((d) => h('tr', { 'data-code': d.code },
      h('td', { 'data-label': t('dash.od.code') }, h('a', { href: '/ho-so/' + encodeURIComponent(d.code) }, d.code),
        h('br'), h('span', { class: 'small' }, d.procedure_name || d.procedure_code), h('br'), h('span', { class: 'small muted' }, d.applicant_name)),
      h('td', { 'data-label': t('dash.od.where') }, (d.step_name || '–') + (d.step_unit ? ' – ' + d.step_unit.name : '')),
      h('td', { 'data-label': t('dash.od.holder') }, d.assignee_name || h('span', { class: 'muted' }, t('dash.untaken'))),
      h('td', { 'data-label': t('dash.od.due') }, dateTime(d.legal_due), ' ', statusTag(d.status, d.state)),
      h('td', { 'data-label': t('dash.od.apology') }, d.apology_count
        ? h('span', null, t('dash.od.apologised', { at: dateTime(d.appointment) }), reasons[d.code] ? h('br') : null,
          reasons[d.code] ? h('span', { class: 'small' }, t('dash.od.reason', { reason: reasons[d.code] })) : null)
        : h('span', { class: 'tag tag-off' }, t('dash.od.no_apology'))),
      h('td', { 'data-label': t('dash.od.supplements'), class: 'num' }, d.supplement_count >= 2
        ? h('span', { class: 'tag tag-off' }, t('dash.od.asked_again', { n: d.supplement_count }))
        : String(d.supplement_count || 0)))))));
  if (rows.length < (r.total || 0)) box.appendChild(h('p', { class: 'muted small' }, t('dash.od.more', { n: rows.length })));
  return box;
}

function fmtNum(n) {
  return n === null || n === undefined ? '–' : decimal(n, lang());
}

function kpi(key, value, cls) {
  return h('div', { class: 'kpi ' + (cls || ''), 'data-kpi': key }, h('dt', null, t('dash.k.' + key)), h('dd', null, String(value)));
}

// 12 bars (on-time rate) with the numbers as text; a table says it all too.
function trend(months) {
  const label = (m) => m.month.split('-').reverse().join('/');
  return h('section', { class: 'card', 'aria-labelledby': 'dash-trend-h' }, h('h2', { id: 'dash-trend-h' }, t('dash.trend')),
    h('p', { class: 'muted' }, t('dash.trend_hint')),
    h('ol', { class: 'bars', 'aria-hidden': 'true' }, months.map((m) => {
      const v = m.on_time_rate === null || m.on_time_rate === undefined ? null : Math.round(m.on_time_rate);
      return h('li', null, h('span', { class: 'bar-val' }, v === null ? '–' : v + '%'),
        h('span', { class: 'bar' }, h('span', { class: 'bar-fill h' + (v === null ? 0 : Math.round(v / 5) * 5) })),
        h('span', { class: 'bar-label' }, label(m)));
    })),
    h('div', { class: 'table-wrap' }, h('table', { class: 'rtable dash-months' },
      h('thead', null, h('tr', null, ['month', 'received', 'resolved', 'early', 'on_time', 'late', 'rate'].map((c) => h('th', { scope: 'col' }, t('dash.col.' + c))))),
      h('tbody', null, months.map((m) => h('tr', { 'data-month': m.month },
        h('th', { scope: 'row' }, label(m)),
        ['received', 'resolved', 'early', 'on_time', 'late'].map((c) => h('td', { class: 'num', 'data-label': t('dash.col.' + c) }, String(m[c] || 0))),
        h('td', { class: 'num', 'data-label': t('dash.col.rate') }, pct(m.on_time_rate))))))));
}
