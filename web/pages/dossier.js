// pages/dossier.js - one dossier for the officials ("/ho-so/<code>"):
// GET /api/v1/dossiers/{code} (details, timeline) and .../control-slip (the
// control slip as a table), and the actions this person may take at the
// current step: POST .../events {kind, version, ...}, each confirmed first.
// 409 = someone acted meanwhile: say so and reload.  403 = the server's
// message (a second supplement request needs a leader, say).
//
// Which buttons to show is worked out here from the step's role and unit and
// the person's roles (ROLE_ACTS mirrors src/domain/authz.c); the server
// decides in the end, and its refusal is shown as it is.
import { t, lang } from '../i18n.js';
import { api, getSession, localError, showError, clearErrors } from '../api.js';
import { h, clear, field, formError, busy } from '../dom.js';
import { money, date, dateTime, weekday, unitName, stateTag, statusTag, loadUnits, errorBox } from '../format.js';
import { roleLabel } from './work.js';
import { openPdf } from '../paper.js';

// role -> the dossier actions it permits (authz.c): intake, return, process, approve, sign
const ROLE_ACTS = {
  desk_officer: ['intake', 'return'], specialist: ['process'], head: ['process', 'approve'], leader: ['approve', 'sign'],
};
const STEP_ACT = { desk_officer: 'intake', head: 'approve', leader: 'sign' };
const RETURN_METHODS = ['desk', 'post', 'electronic'];

export async function render(ctx) {
  const code = ctx.params.code;
  const page = h('div', { class: 'dossier-page' });
  ctx.root.appendChild(page);
  const note = { text: '', kind: '' };
  await load();

  async function load(message, kind) {
    let d, slip, units;
    try {
      const r = await Promise.all([
        api('GET', '/api/v1/dossiers/' + encodeURIComponent(code)),
        api('GET', '/api/v1/dossiers/' + encodeURIComponent(code) + '/control-slip'),
        loadUnits(api)]);
      d = r[0];
      slip = r[1];
      units = r[2];
    } catch (e) {
      if (!ctx.isCurrent()) return;
      clear(page);
      page.appendChild(h('h1', null, t('dossier.heading', { code: code })));
      page.appendChild(e.status === 404 ? h('p', { class: 'status status-warn' }, t('dossier.not_found')) : errorBox(e));
      return;
    }
    if (!ctx.isCurrent()) return;
    note.text = message || '';
    note.kind = kind || 'ok';
    show(d, slip, units);
  }

  function show(d, slip, units) {
    clear(page);
    document.title = t('dossier.heading', { code: d.code }) + ' – ' + t('app.name');
    const people = {};
    (slip.rows || []).forEach((r) => {
      if (r.given_by) people[r.given_by.id] = r.given_by.name;
      if (r.received_by) people[r.received_by.id] = r.received_by.name;
    });
    const open = ['processing', 'waiting_supplement'].indexOf(d.state) >= 0;
    const steps = d.procedure.steps || [];
    page.appendChild(h('p', { class: 'crumbs' }, h('a', { href: '/lam-viec' }, t('dossier.back'))));
    page.appendChild(h('h1', null, t('dossier.heading', { code: d.code })));
    if (note.text) page.appendChild(h('p', { class: 'status status-' + note.kind, role: 'status' }, note.text));
    page.appendChild(h('section', { class: 'card summary', 'data-state': d.state, 'aria-label': t('dossier.summary') },
      h('p', { class: 'summary-proc' }, d.procedure.name),
      h('p', { class: 'summary-state' }, stateTag(d.state), ' ', open || d.state === 'result_ready' ? statusTag(d.status, d.state) : null,
        d.state === 'returned' || d.state === 'refused' ? statusTag(d.status, '') : null),
      d.needs_apology ? h('p', { class: 'status status-warn' }, t('dossier.needs_apology')) : null,
      h('div', { class: 'big-facts' },
        d.appointment ? h('div', { class: 'big-fact appointment' }, h('p', { class: 'fact-label' }, t('dossier.appointment')),
          h('p', { class: 'big', 'data-field': 'appointment' }, dateTime(d.appointment)),
          h('p', { class: 'muted' }, weekday(d.appointment))) : null,
        d.step ? h('div', { class: 'big-fact' }, h('p', { class: 'fact-label' }, t('dossier.step')),
          h('p', { class: 'step-name', 'data-field': 'step' }, t('dossier.step_of', { n: d.step.index + 1, total: steps.length, name: d.step.name })),
          h('p', { class: 'muted' }, unitName(d.step.unit) + ' · ' + roleLabel(d.step.role) +
            (d.assignee_id ? ' · ' + t('dossier.taken_by', { name: people[d.assignee_id] || '#' + d.assignee_id }) : ''))) : null),
      h('dl', { class: 'kv' },
        d.received_at ? [h('dt', null, t('dossier.received')), h('dd', null, dateTime(d.received_at))] : null,
        d.legal_due && d.legal_due !== d.appointment ? [h('dt', null, t('dossier.legal_due')), h('dd', null, dateTime(d.legal_due))] : null,
        d.finished_at ? [h('dt', null, t('dossier.finished')), h('dd', null, dateTime(d.finished_at))] : null,
        d.returned_at ? [h('dt', null, t('dossier.returned')), h('dd', null, dateTime(d.returned_at))] : null,
        d.result_number ? [h('dt', null, t('dossier.result_number')), h('dd', null, d.result_number)] : null,
        d.reason ? [h('dt', null, t('dossier.reason')), h('dd', null, d.reason)] : null,
        h('dt', null, t('dossier.resolving')), h('dd', null, unitName(d.resolving_unit)),
        h('dt', null, t('dossier.supplements')), h('dd', null, String(d.supplement_count || 0)))));
    page.appendChild(actions(d, units, steps));
    const deskHere = (getSession().user.roles || []).some((g) => g.role === 'desk_officer' && units.byCode[d.desk_unit && d.desk_unit.code] &&
      units.byCode[d.desk_unit.code].path.indexOf(g.unit_path) === 0);
    if (deskHere && d.fee_total && d.state !== 'refused' && d.state !== 'guided') page.appendChild(paymentCard(d));
    page.appendChild(formsCard(d));
    page.appendChild(details(d));
    page.appendChild(timeline(d, units, people));
    page.appendChild(slipTable(slip));
  }

  // ---- actions ----------------------------------------------------------------
  function actions(d, units, steps) {
    const me = getSession().user;
    const pathOf = (u) => (u && units.byCode[u.code] ? units.byCode[u.code].path : '');
    const may = (act, path) => !!path && (me.roles || []).some((g) => (ROLE_ACTS[g.role] || []).indexOf(act) >= 0 &&
      g.unit_path && path.indexOf(g.unit_path) === 0);
    const stepPath = d.step ? pathOf(d.step.unit) : '';
    const atStep = d.step ? may(STEP_ACT[d.step.role] || 'process', stepPath) : false;
    const deskPath = pathOf(d.desk_unit);
    let resultStep = steps.length - 1;
    for (let i = steps.length - 1; i >= 0; i--) if (steps[i].unit !== '$desk') { resultStep = i; break; }
    const idx = d.step ? d.step.index : -1;
    const list = [];
    if (d.state === 'submitted') {
      // an online submission: the desk checks it (docs/ONLINE.md 1.3)
      if (may('intake', deskPath)) list.push('accept', 'request_supplement', 'refuse');
    } else if (d.state === 'processing') {
      if (atStep && d.assignee_id !== me.id) list.push('take');
      if (atStep && idx < resultStep) list.push('forward');
      if (atStep && idx >= resultStep) list.push('record_result');
      if (atStep) list.push('request_supplement');
      if (atStep && idx > 0) list.push('send_back');
      if (atStep) list.push('ask_opinion');
      if (may('approve', pathOf(d.resolving_unit)) && !d.apology_count) list.push('apologize');
      if (atStep) list.push('refuse');
    } else if (d.state === 'waiting_supplement') {
      if (may('intake', deskPath)) list.push('supplement_received');
      if (atStep) list.push('refuse');
    } else if (d.state === 'result_ready') {
      if (may('return', deskPath)) list.push('return_result');
    }
    // an opinion asked of this person's unit: only the server knows which
    // unit was asked, so its list of actions decides
    if ((d.actions || []).indexOf('give_opinion') >= 0) list.unshift('give_opinion');
    const section = h('section', { class: 'card actions-card', id: 'thao-tac', 'aria-labelledby': 'act-h' },
      h('h2', { id: 'act-h' }, t('act.heading')));
    if (!list.length) {
      section.appendChild(h('p', { class: 'muted' }, t(open(d) ? 'act.none_here' : 'act.none')));
      return section;
    }
    const panel = h('div', { class: 'act-panel' });
    const buttons = list.map((k) => {
      const b = h('button', { type: 'button', class: 'btn ' + (k === 'refuse' ? 'btn-danger' : (k === list[0] ? 'btn-primary' : '')),
        'aria-expanded': 'false', 'data-kind': k }, t('act.' + k));
      b.addEventListener('click', () => {
        const wasOpen = b.getAttribute('aria-expanded') === 'true';
        buttons.forEach((x) => x.setAttribute('aria-expanded', 'false'));
        clear(panel);
        if (wasOpen) return;
        b.setAttribute('aria-expanded', 'true');
        const f = actionForm(d, k, steps, idx, units);
        panel.appendChild(f);
        const first = f.querySelector('input, select, textarea, button[type="submit"]');
        if (first) first.focus();
      });
      return b;
    });
    section.appendChild(h('div', { class: 'actions' }, buttons));
    section.appendChild(panel);
    return section;
  }

  // Cash (receipt number) or a transfer confirmed by hand: POST .../payment.
  function paymentCard(d) {
    const submit = h('button', { type: 'submit', class: 'btn' }, t('pay.record'));
    const method = h('select', null, ['cash', 'transfer'].map((m) => h('option', { value: m }, t('pay.method.' + m))));
    const form = h('form', { class: 'card', novalidate: true, id: 'payment-form', 'aria-labelledby': 'pay-h' },
      h('h2', { id: 'pay-h' }, t('pay.heading')),
      h('p', null, t('pay.amount', { amount: money(d.fee_total) })),
      formError(),
      h('div', { class: 'grid-fields' },
        field({ name: 'method', label: t('pay.method'), control: method }),
        field({ name: 'receipt_number', label: t('pay.receipt_number'), hint: t('pay.receipt_hint') })),
      h('p', { class: 'actions' }, submit));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const m = form.elements.method.value;
      const no = form.elements.receipt_number.value.trim();
      if (!no) return showError(form, localError('receipt_number', 'pay.number_empty'));
      busy(submit, true, t('common.saving'));
      try {
        await api('POST', '/api/v1/dossiers/' + encodeURIComponent(d.code) + '/payment',
          m === 'cash' ? { method: 'cash', receipt_number: no } : { method: 'transfer', reference: no });
      } catch (err) {
        busy(submit, false);
        return showError(form, err, { reference: 'receipt_number', payment: 'receipt_number' });
      }
      if (ctx.isCurrent()) load(t('pay.done', { number: no }), 'ok');
    });
    return form;
  }

  // The printable forms the server renders, each in a new tab.
  function formsCard(d) {
    const evs = d.events || [];
    const has = (k) => evs.some((e) => e.kind === k);
    const forms = [];
    if (d.received_at) forms.push('receipt');
    if (has('request_supplement') || has('guide')) forms.push('supplement');
    if (has('refuse') || d.state === 'refused') forms.push('refusal');
    if (has('apologize')) forms.push('apology');
    if (has('stop')) forms.push('stop');
    if (d.received_at) forms.push('control-slip');
    if (!forms.length) return h('div');
    return h('section', { class: 'card forms-card', 'aria-labelledby': 'forms-h' },
      h('h2', { id: 'forms-h' }, t('forms.heading')),
      h('p', { class: 'actions' }, forms.map((f) => h('button', { type: 'button', class: 'btn', 'data-form': f,
        onclick: () => openPdf(d.code, f, () => window.print()) }, t('forms.' + f)))));
  }

  function open(d) { return ['processing', 'waiting_supplement', 'result_ready'].indexOf(d.state) >= 0; }

  function actionForm(d, kind, steps, idx, units) {
    const fields = [];
    const today = new Date();
    const iso = today.getFullYear() + '-' + String(today.getMonth() + 1).padStart(2, '0') + '-' + String(today.getDate()).padStart(2, '0');
    if (kind === 'forward') {
      fields.push(h('p', null, t('act.forward_to', { n: idx + 2, name: steps[idx + 1] ? steps[idx + 1].name : '' })));
      fields.push(field({ name: 'note', label: t('act.f.note'), hint: t('common.optional'), control: h('textarea', { rows: '2' }) }));
    } else if (kind === 'send_back') {
      const sel = h('select', null, steps.slice(0, idx).map((s, i) => h('option', { value: String(i), selected: i === idx - 1 },
        t('dossier.step_short', { n: i + 1, name: s.name }))));
      fields.push(field({ name: 'step', label: t('act.f.back_to'), control: sel }));
      fields.push(field({ name: 'reason', label: t('act.f.reason'), control: h('textarea', { rows: '2' }) }));
    } else if (kind === 'request_supplement') {
      fields.push(field({ name: 'items', label: t('act.f.items'), hint: t('act.f.items_hint'), control: h('textarea', { rows: '4' }) }));
      fields.push(field({ name: 'reason', label: t('act.f.reason'),
        hint: d.supplement_count ? t('act.f.second_request') : t('common.optional'), control: h('textarea', { rows: '2' }) }));
    } else if (kind === 'accept') {
      fields.push(h('p', null, t('act.accept_help')));
    } else if (kind === 'supplement_received') {
      fields.push(field({ name: 'note', label: t('act.f.note'), hint: t('common.optional'), control: h('textarea', { rows: '2' }) }));
    } else if (kind === 'record_result') {
      fields.push(h('div', { class: 'grid-fields' },
        field({ name: 'result_number', label: t('act.f.result_number'), hint: t('act.f.result_number_hint') }),
        field({ name: 'result_date', label: t('act.f.result_date'), type: 'date', attrs: { value: iso } }),
        field({ name: 'signer', label: t('act.f.signer') })));
    } else if (kind === 'return_result') {
      const want = d.delivery && d.delivery.method;
      const sel = h('select', null, RETURN_METHODS.map((m) => h('option', { value: m, selected: m === (want || 'desk') }, t('intake.delivery.' + m))));
      fields.push(field({ name: 'return_method', label: t('act.f.return_method'), control: sel }));
    } else if (kind === 'ask_opinion') {
      // the other units of the same government (its departments), by name
      const gov = d.resolving_unit && units.byCode[d.resolving_unit.code];
      const parentPath = gov ? gov.path.replace(/\d+\/$/, '') : '';
      const asked = units.list.filter((u) => parentPath && u.path.indexOf(parentPath) === 0 && u.path !== parentPath &&
        (u.kind === 'department' || u.kind === 'office') && (!gov || u.code !== gov.code));
      fields.push(field({ name: 'target_unit', label: t('act.f.opinion_unit'),
        control: h('select', null, asked.map((u) => h('option', { value: u.code }, unitName(u)))) }));
      fields.push(field({ name: 'note', label: t('act.f.question'), control: h('textarea', { rows: '3' }) }));
    } else if (kind === 'give_opinion') {
      const ask = (d.events || []).filter((e) => e.kind === 'ask_opinion').pop();
      if (ask && ask.note) fields.push(h('p', null, t('act.opinion_asked', { who: ask.actor_name || '', question: ask.note })));
      fields.push(field({ name: 'note', label: t('act.f.opinion'), control: h('textarea', { rows: '3' }) }));
    } else if (kind === 'refuse') {
      fields.push(field({ name: 'reason', label: t('act.f.refuse_reason'), control: h('textarea', { rows: '3' }) }));
    } else if (kind === 'apologize') {
      fields.push(h('p', null, t('act.apologize_help', { due: dateTime(d.legal_due) })));
      fields.push(h('div', { class: 'grid-fields' },
        field({ name: 'new_appointment', label: t('act.f.new_date'), type: 'date' }),
        field({ name: 'new_time', label: t('act.f.new_time'), type: 'time', attrs: { value: '16:00' } })));
      fields.push(field({ name: 'reason', label: t('act.f.apology_reason'), control: h('textarea', { rows: '2' }) }));
    }
    const submit = h('button', { type: 'submit', class: 'btn ' + (kind === 'refuse' ? 'btn-danger' : 'btn-primary') }, t('act.confirm.' + kind));
    const form = h('form', { class: 'act-form', novalidate: true, 'data-kind': kind }, formError(), fields, h('p', { class: 'actions' }, submit));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = (n) => (form.elements[n] ? form.elements[n].value.trim() : '');
      const body = { kind: kind, version: d.version };
      const errs = [];
      if (kind === 'forward') { body.step = idx + 1; body.note = v('note'); }
      if (kind === 'send_back') {
        body.step = parseInt(v('step'), 10);
        body.reason = v('reason');
        if (!body.reason) errs.push(localError('reason', 'act.reason_empty'));
      }
      if (kind === 'request_supplement') {
        body.items = v('items').split('\n').map((x) => x.trim()).filter(Boolean);
        if (v('reason')) body.reason = v('reason');
        if (!body.items.length) errs.push(localError('items', 'act.items_empty'));
      }
      if (kind === 'supplement_received' && v('note')) body.note = v('note');
      if (kind === 'record_result') {
        body.result_number = v('result_number');
        body.result_date = v('result_date');
        body.signer = v('signer');
        if (!body.result_number) errs.push(localError('result_number', 'act.number_empty'));
        if (!body.result_date) errs.push(localError('result_date', 'act.date_empty'));
        if (!body.signer) errs.push(localError('signer', 'act.signer_empty'));
      }
      if (kind === 'return_result') body.return_method = v('return_method');
      if (kind === 'ask_opinion' || kind === 'give_opinion') {
        body.note = v('note');
        if (kind === 'ask_opinion') body.target_unit = v('target_unit');
        if (!body.note) errs.push(localError('note', kind === 'ask_opinion' ? 'act.question_empty' : 'act.opinion_empty'));
      }
      if (kind === 'refuse') {
        body.reason = v('reason');
        if (!body.reason) errs.push(localError('reason', 'act.reason_empty'));
      }
      if (kind === 'apologize') {
        body.reason = v('reason');
        if (!v('new_appointment')) errs.push(localError('new_appointment', 'act.date_empty'));
        if (!body.reason) errs.push(localError('reason', 'act.reason_empty'));
        body.new_appointment_local = v('new_appointment') + ' ' + (v('new_time') || '16:00');
      }
      if (errs.length) return showError(form, errs);
      if (!window.confirm(t('act.ask.' + kind, { code: d.code }))) return;
      clearErrors(form);
      busy(submit, true, t('common.saving'));
      try {
        await api('POST', '/api/v1/dossiers/' + encodeURIComponent(d.code) + '/events', body);
      } catch (err) {
        busy(submit, false);
        if (!ctx.isCurrent()) return;
        if (err.status === 409) {
          await load(t('act.conflict'), 'warn');
          return;
        }
        showError(form, err, { new_appointment_local: 'new_appointment' });
        return;
      }
      if (!ctx.isCurrent()) return;
      await load(t('act.done.' + kind), 'ok');
      const st = page.querySelector('.status[role="status"]');
      if (st) { st.setAttribute('tabindex', '-1'); st.focus(); }
    });
    return form;
  }
}

// ---- the rest of the page -------------------------------------------------------
function details(d) {
  const a = d.applicant || {};
  const FORM = { original: 'intake.form.original', copy: 'intake.form.copy', certified_copy: 'intake.form.certified_copy' };
  const delivery = d.delivery || {};
  return h('section', { class: 'card', 'aria-labelledby': 'det-h' },
    h('h2', { id: 'det-h' }, t('dossier.details')),
    h('div', { class: 'two-cols' },
      h('dl', { class: 'kv' },
        h('dt', null, t('intake.kind')), h('dd', null, t('intake.kind.' + (a.kind || 'individual'))),
        h('dt', null, t('intake.name')), h('dd', { 'data-field': 'applicant' }, a.name || ''),
        a.id_number ? [h('dt', null, t('intake.id_number')), h('dd', null, a.id_number)] : null,
        a.phone ? [h('dt', null, t('intake.phone')), h('dd', null, h('a', { href: 'tel:' + a.phone }, a.phone))] : null,
        a.email ? [h('dt', null, t('intake.email')), h('dd', null, a.email)] : null,
        a.address ? [h('dt', null, t('intake.address')), h('dd', null, a.address)] : null),
      h('dl', { class: 'kv' },
        h('dt', null, t('intake.channel')), h('dd', null, t('intake.channel.' + (d.channel === 'postal' ? 'postal' : 'direct'))),
        h('dt', null, t('intake.delivery')), h('dd', null, t('intake.delivery.' + (delivery.method || 'desk')) +
          (delivery.address ? ' – ' + delivery.address : '')),
        h('dt', null, t('proc.fees')), h('dd', null, d.fee_total ? money(d.fee_total) : t('proc.no_fee')),
        h('dt', null, t('dossier.receiving')), h('dd', null, unitName(d.desk_unit)))),
    h('h3', null, t('dossier.documents')),
    (d.documents || []).length ? h('ul', { class: 'plain doc-received' }, d.documents.map((x) => h('li', null,
      '✓ ', x.name, h('span', { class: 'muted' }, ' – ' + t(FORM[x.form] || FORM.original) + ' × ' + (x.count || 1))))) : h('p', null, '–'),
    (d.missing || []).length ? [h('h3', null, t('dossier.missing')), h('ul', null, d.missing.map((x) => h('li', null, x)))] : null);
}

function timeline(d, units, people) {
  const evText = (e) => (lang() === 'en' ? e.label_en || e.label_vi : e.label_vi || e.label_en);
  return h('section', { class: 'card', 'aria-labelledby': 'tl-h' },
    h('h2', { id: 'tl-h' }, t('dossier.timeline')),
    h('ol', { class: 'timeline' }, (d.events || []).map((e) => {
      const u = units.byId[e.unit_id];
      const extra = [];
      if (e.note) extra.push(t('dossier.ev.note', { text: e.note }));
      if (e.reason) extra.push(t('dossier.ev.reason', { text: e.reason }));
      if (e.result_number) extra.push(t('dossier.ev.result', { number: e.result_number, date: date(e.result_date), signer: e.signer || '' }));
      if (e.return_method) extra.push(t('intake.delivery.' + e.return_method));
      if (e.kind === 'apologize' && e.new_appointment) extra.push(t('dossier.ev.new_appointment', { time: dateTime(e.new_appointment) }));
      return h('li', { 'data-kind': e.kind },
        h('p', { class: 'tl-when' }, dateTime(e.at)),
        h('p', { class: 'tl-what' }, evText(e)),
        h('p', { class: 'tl-unit muted' }, [u ? unitName(u) : '', e.actor_id ? people[e.actor_id] || '' : ''].filter(Boolean).join(' · ')),
        extra.map((x) => h('p', { class: 'tl-extra' }, x)),
        e.items && e.items.length ? h('ul', { class: 'tl-items' }, e.items.map((x) => h('li', null, x))) : null);
    })));
}

function slipTable(slip) {
  const cols = ['step', 'unit', 'given', 'taken', 'due', 'done', 'status', 'note'];
  const label = (c) => t('slip.col.' + c);
  const who = (p, fallback) => (p ? p.name : fallback);
  return h('section', { class: 'card slip', 'aria-labelledby': 'slip-h' },
    h('h2', { id: 'slip-h' }, t('slip.heading')),
    h('p', { class: 'muted' }, t('slip.intro')),
    h('table', { class: 'rtable slip-table' },
      h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col' }, label(c))))),
      h('tbody', null, (slip.rows || []).map((r) => {
        const cell = {
          step: (r.step + 1) + '. ' + r.step_name,
          unit: unitName(r.unit) + ' · ' + roleLabel(r.role),
          given: [who(r.given_by, t('slip.applicant')), dateTime(r.given_at)].join(', '),
          taken: r.received_by ? [r.received_by.name, dateTime(r.taken_at)].filter(Boolean).join(', ') : '–',
          due: dateTime(r.due),
          done: r.done_at ? dateTime(r.done_at) + ' – ' + t('slip.end.' + r.end) : t('slip.end.' + r.end),
          status: r.status ? statusTag(r.status, '') : '–',
          note: r.note || '',
        };
        return h('tr', { 'data-step': r.step }, cols.map((c) => h('td', { 'data-label': label(c) }, cell[c])));
      }))));
}
