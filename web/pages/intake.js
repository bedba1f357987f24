// pages/intake.js - the desk's intake screen ("/lam-viec/tiep-nhan").
// 1. find the procedure (the catalog search), 2. the applicant, the
// procedure's checklist (form and count of each document), how the result
// goes back, 3. "Tiếp nhận" = POST /api/v1/dossiers {action: "receive"}.
// A 400 on "documents" (required items missing) shows what is missing and
// offers "Hướng dẫn bổ sung" (action guide: recorded, with the list to give
// the citizen); "Từ chối" needs a reason (action refuse).  After receiving:
// the code, the appointment, big, and the printable receipt (paper.js).
import { t } from '../i18n.js';
import { api, getSession, localError, showError, clearErrors } from '../api.js';
import { h, clear, field, formError, busy } from '../dom.js';
import { money, dateTime, weekday, procName, stateTag } from '../format.js';
import { procedureSearch } from '../search.js';
import { receipt, guidance, refusal, openPdf } from '../paper.js';
import { WORK_PATH } from '../app.js';

const FORMS = ['original', 'copy', 'certified_copy'];

export async function render(ctx) {
  const s = getSession();
  if (!(s.user.roles || []).some((r) => r.role === 'desk_officer')) {
    ctx.root.appendChild(h('h1', null, t('intake.heading')));
    ctx.root.appendChild(h('p', { class: 'status status-warn' }, t('intake.desk_only')));
    return;
  }
  start(ctx);
}

function start(ctx) {
  clear(ctx.root);
  document.body.className = '';
  const pickBox = h('section', { class: 'card', 'aria-labelledby': 'pick-h' },
    h('h2', { id: 'pick-h' }, t('intake.step1')));
  const search = procedureSearch({ label: t('intake.search_label'), onPick: (p) => choose(p) });
  pickBox.appendChild(search.el);
  const formBox = h('div');
  ctx.root.appendChild(h('h1', null, t('intake.heading')));
  ctx.root.appendChild(pickBox);
  ctx.root.appendChild(formBox);

  async function choose(summary) {
    let p;
    try {
      p = await api('GET', '/api/v1/procedures/' + encodeURIComponent(summary.code));
    } catch (e) {
      clear(formBox).appendChild(h('p', { class: 'status status-error', role: 'alert' }, e.text()));
      return;
    }
    if (!ctx.isCurrent()) return;
    pickBox.hidden = true;
    clear(formBox).appendChild(intakeForm(ctx, p, () => {
      clear(formBox);
      pickBox.hidden = false;
      search.input.focus();
    }));
    const h2 = formBox.querySelector('h2');
    if (h2) { h2.setAttribute('tabindex', '-1'); h2.focus(); }
  }
}

function defaultForm(d) {
  if (d.originals) return 'original';
  return d.certified_copy ? 'certified_copy' : 'copy';
}

function radios(name, legend, options, checked) {
  return h('fieldset', { class: 'radios' },
    h('legend', null, legend),
    options.map((o) => h('label', { class: 'radio' },
      h('input', { type: 'radio', name: name, value: o.value, checked: o.value === checked }), ' ', o.label)),
    h('p', { class: 'field-error', 'data-error-for': name, hidden: true }));
}

function intakeForm(ctx, p, onChange) {
  const docs = p.documents || [];
  const rows = docs.map((d, i) => {
    const box = h('input', { type: 'checkbox', name: 'doc', value: String(i), id: 'doc-' + i });
    const form = h('select', { 'aria-label': t('intake.doc_form_of', { n: i + 1 }) },
      FORMS.map((f) => h('option', { value: f, selected: f === defaultForm(d) }, t('intake.form.' + f))));
    const count = h('input', { type: 'number', min: '1', max: '99', value: String(d.originals || d.copies || 1),
      inputmode: 'numeric', 'aria-label': t('intake.doc_count_of', { n: i + 1 }), class: 'count-input' });
    return { d: d, i: i, box: box, form: form, count: count, el: h('li', { class: 'check' + (d.required === false ? '' : ' is-required'), 'data-index': i },
      h('div', { class: 'check-main' }, box, h('label', { for: 'doc-' + i },
        d.name, ' ', h('span', { class: 'tag ' + (d.required === false ? '' : 'tag-required') },
          t(d.required === false ? 'proc.doc.optional' : 'proc.doc.required')),
        d.form ? h('span', { class: 'hint' }, ' ' + t('proc.doc.form', { form: d.form })) : null)),
      h('div', { class: 'check-opts' },
        h('label', { class: 'inline' }, h('span', null, t('intake.doc_form')), form),
        h('label', { class: 'inline' }, h('span', null, t('intake.doc_count')), count))) };
  });
  const kindSet = radios('applicant.kind', t('intake.kind'), [
    { value: 'individual', label: t('intake.kind.individual') },
    { value: 'organisation', label: t('intake.kind.organisation') }], 'individual');
  const address = field({ name: 'delivery.address', label: t('intake.delivery_address'), autocomplete: 'street-address' });
  address.hidden = true;
  const methods = [{ value: 'desk', label: t('intake.delivery.desk') }];
  if (p.postal_return !== false) methods.push({ value: 'post', label: t('intake.delivery.post') });
  methods.push({ value: 'electronic', label: t('intake.delivery.electronic') });
  const delivery = radios('delivery.method', t('intake.delivery'), methods, 'desk');
  delivery.addEventListener('change', () => {
    const m = delivery.querySelector('input:checked');
    address.hidden = !m || m.value !== 'post';
  });
  const missingBox = h('div', { class: 'missing-box', hidden: true, role: 'alert' });
  const refuseBox = h('div', { class: 'card refuse-box', hidden: true },
    field({ name: 'reason', label: t('intake.refuse_reason'), control: h('textarea', { rows: '3' }) }),
    h('button', { type: 'button', class: 'btn btn-danger', onclick: () => send('refuse') }, t('intake.refuse_confirm')));
  const receiveBtn = h('button', { type: 'submit', class: 'btn btn-primary btn-big' }, t('intake.receive'));
  const refuseBtn = h('button', { type: 'button', class: 'btn btn-danger', 'aria-expanded': 'false' }, t('intake.refuse'));
  refuseBtn.addEventListener('click', () => {
    refuseBox.hidden = !refuseBox.hidden;
    refuseBtn.setAttribute('aria-expanded', refuseBox.hidden ? 'false' : 'true');
    if (!refuseBox.hidden) refuseBox.querySelector('textarea').focus();
  });

  const form = h('form', { class: 'intake', novalidate: true },
    h('section', { class: 'card chosen', 'aria-labelledby': 'chosen-h' },
      h('h2', { id: 'chosen-h' }, procName(p)),
      h('p', { class: 'muted' }, t('proc.code', { code: p.code }), ' · ', p.time_limit_text, ' · ',
        (p.fees || []).length ? money((p.fees || []).reduce((a, f) => a + (f.amount || 0), 0)) : t('proc.no_fee')),
      h('button', { type: 'button', class: 'btn btn-quiet', onclick: onChange }, t('intake.change'))),
    formError(),
    h('section', { class: 'card', 'aria-labelledby': 'app-h' },
      h('h2', { id: 'app-h' }, t('intake.step2')),
      kindSet,
      h('div', { class: 'grid-fields' },
        field({ name: 'applicant.name', label: t('intake.name'), autocomplete: 'off' }),
        field({ name: 'applicant.id_number', label: t('intake.id_number'), hint: t('intake.id_hint'), attrs: { inputmode: 'numeric' } }),
        field({ name: 'applicant.phone', label: t('intake.phone'), type: 'tel' }),
        field({ name: 'applicant.email', label: t('intake.email'), type: 'email', hint: t('common.optional') })),
      field({ name: 'applicant.address', label: t('intake.address') })),
    h('section', { class: 'card', 'aria-labelledby': 'docs-h' },
      h('h2', { id: 'docs-h' }, t('intake.step3')),
      h('p', { class: 'hint' }, t('intake.docs_hint')),
      h('p', { class: 'field-error', 'data-error-for': 'documents', hidden: true, tabindex: '-1' }),
      h('ul', { class: 'checklist' }, rows.map((r) => r.el)),
      missingBox),
    h('section', { class: 'card', 'aria-labelledby': 'del-h' },
      h('h2', { id: 'del-h' }, t('intake.step4')),
      radios('channel', t('intake.channel'), [{ value: 'direct', label: t('intake.channel.direct') },
        { value: 'postal', label: t('intake.channel.postal') }], 'direct'),
      delivery,
      address,
      field({ name: 'note', label: t('intake.note'), hint: t('common.optional'), control: h('textarea', { rows: '2' }) })),
    h('div', { class: 'actions sticky-actions' }, receiveBtn, refuseBtn),
    refuseBox);
  form.addEventListener('submit', (e) => { e.preventDefault(); send('receive'); });

  function value(name) {
    const el = form.querySelector('[name="' + name + '"]');
    if (!el) return '';
    if (el.type === 'radio') {
      const c = form.querySelector('[name="' + name + '"]:checked');
      return c ? c.value : '';
    }
    return el.value.trim();
  }

  function body(action) {
    const method = value('delivery.method') || 'desk';
    const b = {
      action: action, procedure: p.code, channel: value('channel') || 'direct',
      applicant: { kind: value('applicant.kind') || 'individual', name: value('applicant.name'), id_number: value('applicant.id_number'),
        phone: value('applicant.phone'), email: value('applicant.email'), address: value('applicant.address') },
      documents: rows.filter((r) => r.box.checked).map((r) => ({ index: r.i, form: r.form.value, count: parseInt(r.count.value, 10) || 1 })),
      delivery: method === 'post' ? { method: method, address: value('delivery.address') } : { method: method },
      note: value('note'),
    };
    if (action === 'refuse') b.reason = value('reason');
    if (action === 'guide') {
      const extra = form.querySelector('[name="items"]');
      b.items = extra ? extra.value.split('\n').map((x) => x.trim()).filter(Boolean) : [];
    }
    return b;
  }

  async function send(action) {
    const b = body(action);
    const errs = [];
    if (!b.applicant.name) errs.push(localError('applicant.name', 'intake.name_empty'));
    if (b.delivery.method === 'post' && !b.delivery.address) errs.push(localError('delivery.address', 'intake.address_empty'));
    if (action === 'refuse' && !b.reason) errs.push(localError('reason', 'intake.reason_empty'));
    if (errs.length) return showError(form, errs);
    const confirmKey = { receive: null, guide: 'intake.confirm_guide', refuse: 'intake.confirm_refuse' }[action];
    if (confirmKey && !window.confirm(t(confirmKey, { name: b.applicant.name }))) return;
    clearErrors(form);
    const btn = action === 'receive' ? receiveBtn : form.querySelector('[data-action="' + action + '"]') || refuseBtn;
    busy(btn, true, t('common.saving'));
    let d;
    try {
      d = await api('POST', '/api/v1/dossiers', b);
    } catch (e) {
      busy(btn, false);
      if (!ctx.isCurrent()) return;
      if (e.status === 400 && e.field === 'documents' && action === 'receive') {
        showMissing(e);
        return;
      }
      showError(form, e);
      return;
    }
    if (!ctx.isCurrent()) return;
    done(ctx, d, b);
  }

  // The required documents not checked: the server named them in its
  // message; the list here is the same rule (required and not received).
  function showMissing(e) {
    showError(form, e);
    const missing = rows.filter((r) => r.d.required !== false && !r.box.checked);
    clear(missingBox);
    missingBox.hidden = false;
    missingBox.appendChild(h('h3', null, t('intake.missing_heading')));
    missingBox.appendChild(h('ol', { class: 'missing-list' }, missing.map((r) => h('li', null, r.d.name))));
    missingBox.appendChild(h('p', null, t('intake.missing_help')));
    missingBox.appendChild(field({ name: 'items', label: t('intake.items'), hint: t('intake.items_hint'), control: h('textarea', { rows: '3' }) }));
    missingBox.appendChild(h('button', { type: 'button', class: 'btn btn-primary', 'data-action': 'guide', onclick: () => send('guide') }, t('intake.guide')));
  }

  return form;
}

// After the answer: the code and the appointment (received), the list to give
// the citizen (guided), or the refusal; each with its printable paper.
function done(ctx, d, sent) {
  clear(ctx.root);
  const s = getSession();
  const officer = s.user.full_name;
  const lookupUrl = location.origin + '/tra-cuu/' + encodeURIComponent(d.code);
  let screen, paper;
  if (d.state === 'guided') {
    const ev = (d.events || [])[0] || {};
    const items = ev.items || [];
    paper = guidance(d, items, officer);
    screen = h('div', { class: 'screen-only intake-done', 'data-state': d.state },
      h('h1', null, t('intake.guided_heading')),
      h('p', { class: 'status status-warn', role: 'status' }, t('intake.guided_text', { name: d.applicant ? d.applicant.name : '' })),
      h('section', { class: 'card' }, h('h2', null, t('intake.guided_list')),
        h('ol', { class: 'guide-list' }, items.map((x) => h('li', null, x)))),
      buttons('intake.print_guide', 'supplement'));
  } else if (d.state === 'refused') {
    paper = refusal(d, sent.reason, officer);
    screen = h('div', { class: 'screen-only intake-done', 'data-state': d.state },
      h('h1', null, t('intake.refused_heading')),
      h('p', { class: 'status status-warn', role: 'status' }, t('intake.refused_text', { reason: sent.reason })),
      buttons('intake.print_refusal', 'refusal'));
  } else {
    paper = receipt(d, officer, lookupUrl);
    screen = h('div', { class: 'screen-only intake-done', 'data-state': d.state },
      h('h1', null, t('intake.done_heading')),
      h('p', { class: 'status status-ok', role: 'status' }, t('intake.done_text', { name: d.applicant ? d.applicant.name : '' })),
      h('div', { class: 'big-facts' },
        h('div', { class: 'big-fact' }, h('p', { class: 'fact-label' }, t('intake.code')), h('p', { class: 'big code', 'data-field': 'code' }, d.code)),
        h('div', { class: 'big-fact appointment' }, h('p', { class: 'fact-label' }, t('intake.appointment')),
          h('p', { class: 'big', 'data-field': 'appointment' }, dateTime(d.appointment)),
          h('p', { class: 'muted' }, weekday(d.appointment)))),
      h('p', null, stateTag(d.state), ' ', t('intake.next_step', { unit: d.resolving_unit ? d.resolving_unit.name : '' })),
      buttons('intake.print_receipt', 'receipt'));
  }
  document.body.className = 'has-paper';
  ctx.root.appendChild(screen);
  ctx.root.appendChild(paper);
  const h1 = screen.querySelector('h1');
  h1.setAttribute('tabindex', '-1');
  h1.focus();

  // the server's PDF in a new tab; the browser's print of our paper only if it fails
  function buttons(printKey, form) {
    return h('p', { class: 'actions' },
      h('button', { type: 'button', class: 'btn btn-primary', 'data-form': form,
        onclick: () => (d.code ? openPdf(d.code, form, () => window.print()) : window.print()) }, t(printKey)),
      d.state === 'processing' ? h('a', { class: 'btn', href: '/ho-so/' + encodeURIComponent(d.code) }, t('intake.open_dossier')) : null,
      h('button', { type: 'button', class: 'btn', onclick: () => start(ctx) }, t('intake.another')),
      h('a', { class: 'btn btn-quiet', href: WORK_PATH }, t('intake.to_worklist')));
  }
}
