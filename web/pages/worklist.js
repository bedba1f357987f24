// pages/worklist.js - the dossiers waiting at the signed-in official's unit,
// shown in the workspace (work.js) for every role that reads dossiers:
// GET /api/v1/dossiers?view=worklist.  Overdue first, then by time left;
// each row says its time status in words, with an icon and a colour; counts
// per status at the top.  The desk also gets the results waiting to be
// returned (state result_ready) and those waiting for a supplement; the
// specialists and heads, the dossiers another unit asked their opinion on
// (view=opinions); anyone can find a dossier of the unit by code or
// applicant's name.
import { t } from '../i18n.js';
import { api, getSession, localError, showError, clearErrors } from '../api.js';
import { h, clear, field, formError } from '../dom.js';
import { dateTime, statusTag, stateTag, unitName, loadUnits, errorBox } from '../format.js';
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
  // The desk also records supplements brought by citizens: the dossiers it
  // received that wait for one, wherever they are (view=all).
  if (isDesk) {
    const waitBox = h('div', { 'aria-busy': 'true' });
    body.appendChild(h('h3', { id: 'cho-bo-sung' }, t('wl.waiting')));
    body.appendChild(waitBox);
    try {
      const w = await api('GET', '/api/v1/dossiers?view=all&state=waiting_supplement&limit=' + LIMIT);
      if (!ctx.isCurrent()) return;
      const list = w.dossiers || [];
      clear(waitBox).appendChild(list.length ? table(list, false) : h('p', null, t('wl.waiting_empty')));
    } catch (e) {
      clear(waitBox).appendChild(errorBox(e));
    }
    waitBox.removeAttribute('aria-busy');
  }
  // Opinions asked of the department: not at its steps, so not in the
  // worklist above, yet owed (xin ý kiến, docs/LIFECYCLE.md).
  if (roles.some((r) => r.role === 'specialist' || r.role === 'head')) {
    const opBox = h('div', { 'aria-busy': 'true' });
    body.appendChild(h('h3', { id: 'y-kien' }, t('wl.opinions')));
    body.appendChild(opBox);
    try {
      const o = await api('GET', '/api/v1/dossiers?view=opinions&limit=' + LIMIT);
      if (!ctx.isCurrent()) return;
      const list = o.dossiers || [];
      clear(opBox).appendChild(list.length ? table(list, false) : h('p', null, t('wl.opinions_empty')));
    } catch (e) {
      clear(opBox).appendChild(errorBox(e));
    }
    opBox.removeAttribute('aria-busy');
  }
  body.appendChild(findBox(ctx));
}

// Find any dossier of the unit by code or applicant's name (view=all&q=).
function findBox(ctx) {
  const out = h('div', { class: 'find-result', 'aria-live': 'polite' });
  const form = h('form', { class: 'find', role: 'search', novalidate: true },
    h('h3', { id: 'find-h' }, t('wl.find')),
    field({ name: 'q', label: t('wl.find_label'), hint: t('wl.find_hint'), type: 'search' }),
    formError(),
    h('button', { type: 'submit', class: 'btn' }, t('wl.find_submit')),
    out);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const q = form.elements.q.value.trim();
    if (!q) return showError(form, localError('q', 'wl.find_empty'));
    clearErrors(form);
    out.setAttribute('aria-busy', 'true');
    try {
      const r = await api('GET', '/api/v1/dossiers?view=all&limit=50&q=' + encodeURIComponent(q));
      if (!ctx.isCurrent()) return;
      const list = r.dossiers || [];
      clear(out).appendChild(list.length ? table(list, false, true) : h('p', null, t('wl.find_none')));
    } catch (err) {
      showError(form, err);
    }
    out.removeAttribute('aria-busy');
  });
  return form;
}

function table(rows, ready, withState) {
  const me = getSession().user.id;
  const cols = ready ? ['code', 'procedure', 'applicant', 'appointment', 'status', 'action']
    : ['code', 'procedure', 'applicant', withState ? 'state' : 'step', 'appointment', 'status'];
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
        state: stateTag(d.state),
        appointment: dateTime(d.appointment),
        status: statusTag(d.status, d.state),
        action: h('a', { href: href, class: 'btn btn-small', 'aria-label': t('wl.return_named', { code: d.code }) }, t('wl.return')),
      };
      return h('tr', { 'data-code': d.code, 'data-state': d.state },
        cols.map((c) => h('td', { 'data-label': label(c) }, cell[c])));
    })));
}
