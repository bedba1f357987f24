// pages/worklist.js - the dossiers waiting at the signed-in official's unit,
// shown in the workspace (work.js) for every role that reads dossiers:
// GET /api/v1/dossiers?view=worklist.  Overdue first, then by time left;
// each row says its time status in words, with an icon and a colour; counts
// per status at the top.  The desk also gets the results waiting to be
// returned (state result_ready) in their own table.
import { t } from '../i18n.js';
import { api, getSession } from '../api.js';
import { h, clear } from '../dom.js';
import { dateTime, statusTag, unitName, loadUnits, errorBox } from '../format.js';
import { roleLabel } from './work.js';

// The order of the time statuses: the most urgent first.
const RANK = { overdue: 0, due_soon: 1, within: 2, paused: 3 };
const COUNTED = ['overdue', 'due_soon', 'within', 'paused', 'result_ready'];
const LIMIT = 500;

export async function render(ctx, roles) {
  const isDesk = roles.some((r) => r.role === 'desk_officer');
  const section = h('section', { class: 'worklist', id: 'ho-so', 'aria-labelledby': 'wl-h' },
    h('h2', { id: 'wl-h' }, t('wl.heading')));
  const body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted' }, t('common.loading')));
  section.appendChild(body);
  ctx.root.appendChild(section);
  let data, units;
  try {
    const r = await Promise.all([api('GET', '/api/v1/dossiers?view=worklist&limit=' + LIMIT), loadUnits(api)]);
    data = r[0];
    units = r[1];
  } catch (e) {
    if (!ctx.isCurrent()) return;
    clear(body).appendChild(errorBox(e));
    body.removeAttribute('aria-busy');
    return;
  }
  if (!ctx.isCurrent()) return;
  body.removeAttribute('aria-busy');
  clear(body);
  const all = data.dossiers || [];
  const unit = units.byCode[data.unit];
  const key = (d) => (d.state === 'result_ready' ? 'result_ready' : (d.status && d.status.name) || '');
  const counts = {};
  all.forEach((d) => { counts[key(d)] = (counts[key(d)] || 0) + 1; });
  body.appendChild(h('p', { class: 'muted' }, t('wl.unit', { unit: unitName(unit) || data.unit, total: data.total })));
  body.appendChild(h('ul', { class: 'counts', 'aria-label': t('wl.counts') }, COUNTED.map((k) => h('li', { class: 'count count-' + k, 'data-count': k },
    h('span', { class: 'count-n' }, String(counts[k] || 0)), ' ', statusTag({ name: k }, k === 'result_ready' ? k : '')))));
  if (data.total > all.length) body.appendChild(h('p', { class: 'status status-warn' }, t('wl.partial', { shown: all.length, total: data.total })));

  const inProgress = all.filter((d) => d.state !== 'result_ready');
  // stable: the server's order (by appointment) within one status
  const order = inProgress.map((d, i) => ({ d: d, i: i }));
  order.sort((a, b) => ((RANK[key(a.d)] !== undefined ? RANK[key(a.d)] : 9) - (RANK[key(b.d)] !== undefined ? RANK[key(b.d)] : 9)) || a.i - b.i);
  body.appendChild(h('h3', null, t('wl.in_progress')));
  body.appendChild(inProgress.length ? table(order.map((x) => x.d), false) : h('p', null, t('wl.empty')));

  const ready = all.filter((d) => d.state === 'result_ready');
  if (isDesk || ready.length) {
    body.appendChild(h('h3', { id: 'ket-qua-cho-tra' }, t('wl.ready')));
    body.appendChild(ready.length ? table(ready, true) : h('p', null, t('wl.ready_empty')));
  }
}

function table(rows, ready) {
  const me = getSession().user.id;
  const cols = ready ? ['code', 'procedure', 'applicant', 'appointment', 'status', 'action']
    : ['code', 'procedure', 'applicant', 'step', 'appointment', 'status'];
  const label = (c) => t('wl.col.' + c);
  return h('table', { class: 'rtable wl-table' },
    h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col' }, label(c))))),
    h('tbody', null, rows.map((d) => {
      const href = '/ho-so/' + encodeURIComponent(d.code);
      const cell = {
        code: h('a', { href: href, class: 'code' }, d.code),
        procedure: d.procedure_name,
        applicant: d.applicant_name,
        step: h('span', null, t('wl.step', { n: d.step + 1, role: roleLabel(d.step_role) }),
          d.assignee_id === me ? h('span', { class: 'tag tag-mine' }, t('wl.mine')) : null),
        appointment: dateTime(d.appointment),
        status: statusTag(d.status, d.state),
        action: h('a', { href: href, class: 'btn btn-small', 'aria-label': t('wl.return_named', { code: d.code }) }, t('wl.return')),
      };
      return h('tr', { 'data-code': d.code, 'data-state': d.state },
        cols.map((c) => h('td', { 'data-label': label(c) }, cell[c])));
    })));
}
