// pages/lookup.js - public dossier lookup, no sign-in: "/tra-cuu" (the form)
// and "/tra-cuu/<code>" (the address printed as a QR code on the receipt).
// GET /api/v1/public/dossiers/{code}: state in words, appointment, timeline
// by unit, the applicant's name masked by the server.  Unknown and malformed
// codes get the same friendly 404; too many lookups a minute get a 429.
import { t, lang } from '../i18n.js';
import { api, localError, showError, clearErrors } from '../api.js';
import { h, field, formError } from '../dom.js';
import { dateTime, weekday, stateTag, statusTag, normalizeCode, errorBox } from '../format.js';

export async function render(ctx) {
  const code = ctx.params && ctx.params.code ? normalizeCode(ctx.params.code) : '';
  const form = h('form', { class: 'card tool lookup-form', novalidate: true },
    field({ name: 'code', label: t('home.lookup.label'), hint: t('home.lookup.hint'),
      attrs: { autocapitalize: 'characters', spellcheck: 'false', value: code } }),
    formError(),
    h('button', { type: 'submit', class: 'btn btn-primary' }, t('home.lookup.submit')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const c = normalizeCode(form.elements.code.value);
    if (!c) return showError(form, localError('code', 'home.lookup.empty'));
    clearErrors(form);
    ctx.navigate('/tra-cuu/' + encodeURIComponent(c));
  });
  const out = h('div', { class: 'lookup-result', 'aria-live': 'polite' });
  ctx.root.appendChild(h('section', { class: 'lookup' },
    h('h1', null, t('lookup.heading')),
    h('p', { class: 'lead' }, t('lookup.lead')),
    out,
    form));
  if (!code) return;
  out.appendChild(h('p', { class: 'muted' }, t('common.loading')));
  let d;
  try {
    d = await api('GET', '/api/v1/public/dossiers/' + encodeURIComponent(code));
  } catch (e) {
    if (!ctx.isCurrent()) return;
    out.textContent = '';
    if (e.status === 404) {
      out.appendChild(h('div', { class: 'status status-warn lookup-404', role: 'alert' },
        h('p', { class: 'strong' }, t('lookup.not_found', { code: code })),
        h('p', null, t('lookup.format')),
        h('p', null, t('lookup.not_found_help'))));
    } else if (e.status === 429) {
      out.appendChild(h('div', { class: 'status status-warn lookup-429', role: 'alert' },
        h('p', { class: 'strong' }, t('lookup.too_many')),
        h('p', null, t('lookup.too_many_help'))));
    } else {
      out.appendChild(errorBox(e));
    }
    return;
  }
  if (!ctx.isCurrent()) return;
  out.textContent = '';
  out.appendChild(result(d));
}

function result(d) {
  const open = ['processing', 'waiting_supplement'].indexOf(d.state) >= 0;
  const facts = h('dl', { class: 'kv' },
    h('dt', null, t('lookup.code')), h('dd', { class: 'code' }, d.code),
    h('dt', null, t('lookup.procedure')), h('dd', null, d.procedure ? d.procedure.name : ''),
    h('dt', null, t('lookup.applicant')), h('dd', { class: 'applicant' }, d.applicant),
    h('dt', null, t('lookup.receiving')), h('dd', null, d.receiving_unit),
    d.received_at ? [h('dt', null, t('lookup.received')), h('dd', null, dateTime(d.received_at))] : null,
    d.returned_at ? [h('dt', null, t('lookup.returned')), h('dd', null, dateTime(d.returned_at))] : null);
  return h('div', { class: 'card lookup-card', 'data-state': d.state },
    h('h2', null, t('lookup.state'), ' ', stateTag(d.state), ' ', open ? statusTag(d.status, d.state) : null),
    h('p', { class: 'state-words' }, t('lookup.state_help.' + d.state)),
    d.appointment && d.state !== 'returned' && d.state !== 'refused' ? h('div', { class: 'appointment' },
      h('p', { class: 'appointment-label' }, t('lookup.appointment')),
      h('p', { class: 'appointment-value' }, weekday(d.appointment) + ', ' + dateTime(d.appointment))) : null,
    facts,
    h('h3', null, t('lookup.timeline')),
    h('ol', { class: 'timeline' }, (d.timeline || []).map((e) => h('li', { 'data-kind': e.kind },
      h('p', { class: 'tl-when' }, dateTime(e.at)),
      h('p', { class: 'tl-what' }, evLabel(e)),
      e.unit ? h('p', { class: 'tl-unit muted' }, e.unit) : null))));
}

function evLabel(e) {
  return lang() === 'en' ? (e.label_en || e.label_vi) : (e.label_vi || e.label_en);
}
