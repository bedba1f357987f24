// pages/citizen.js - a signed-in citizen's own pages (docs/ONLINE.md):
//   /ho-so-cua-toi         "Hồ sơ của tôi": drafts (resume) and dossiers (state)
//   /ho-so-cua-toi/<code>  one dossier: state, appointment, the desk's
//                          supplement request with an upload per document,
//                          payment (VietQR payload), result download,
//                          rating (once), withdrawal, timeline
//   /ca-nhan               the profile that prefills every form
import { t, lang } from '../i18n.js';
import { api, getSession, localError, showError } from '../api.js';
import { h, clear, field, formError, busy } from '../dom.js';
import { money, dateTime, weekday, stateTag, statusTag, errorBox } from '../format.js';
import { uploadControl, sizeText } from './submit.js';

const MY_PATH = '/ho-so-cua-toi';
const OPEN = ['submitted', 'processing', 'waiting_supplement'];

export async function render(ctx) {
  if (!getSession().user.is_citizen) {
    ctx.root.appendChild(h('h1', null, t('cz.title')));
    ctx.root.appendChild(h('p', { class: 'status status-warn' }, t('sub.citizens_only')));
    return;
  }
  if (location.pathname.indexOf('/ca-nhan') === 0) return profile(ctx);
  if (ctx.params.code) return one(ctx, ctx.params.code);
  return list(ctx);
}

async function list(ctx) {
  ctx.root.appendChild(h('h1', null, t('cz.title')));
  let r;
  try {
    r = await api('GET', '/api/v1/citizen/dossiers');
  } catch (e) {
    if (ctx.isCurrent()) ctx.root.appendChild(errorBox(e));
    return;
  }
  if (!ctx.isCurrent()) return;
  ctx.root.appendChild(h('p', { class: 'actions' },
    h('a', { href: '/', class: 'btn btn-primary' }, t('cz.new')),
    h('a', { href: '/ca-nhan', class: 'btn' }, t('cz.profile'))));
  const drafts = r.drafts || [];
  if (drafts.length) {
    ctx.root.appendChild(h('section', { class: 'card', 'aria-labelledby': 'dr-h' },
      h('h2', { id: 'dr-h' }, t('cz.drafts')),
      h('ul', { class: 'plain cz-list' }, drafts.map((x) => h('li', { 'data-draft': x.id },
        h('a', { href: '/nop-truc-tuyen?nhap=' + encodeURIComponent(x.id) }, x.procedure_name || x.procedure),
        ' ', h('span', { class: 'tag' }, t('cz.draft')))))));
  }
  const ds = r.dossiers || [];
  ctx.root.appendChild(h('section', { class: 'card', 'aria-labelledby': 'ds-h' },
    h('h2', { id: 'ds-h' }, t('cz.dossiers')),
    ds.length ? h('ul', { class: 'plain cz-list' }, ds.map((d) => h('li', { 'data-code': d.code },
      h('p', null, h('a', { href: MY_PATH + '/' + encodeURIComponent(d.code) }, d.code), ' ', stateTag(d.state)),
      h('p', { class: 'muted' }, (d.procedure && d.procedure.name) || d.procedure_name || ''),
      d.appointment ? h('p', { class: 'small' }, t('cz.appointment_short', { time: dateTime(d.appointment) })) : null)))
      : h('p', { class: 'muted' }, t('cz.none'))));
}

async function one(ctx, code) {
  const page = h('div', { class: 'cz-dossier' });
  ctx.root.appendChild(page);
  const base = '/api/v1/citizen/dossiers/' + encodeURIComponent(code);
  await load();

  async function load(message) {
    let d, pay = null;
    try {
      d = await api('GET', base);
      if (d.fee_total) pay = await api('GET', base + '/payment');
    } catch (e) {
      if (!ctx.isCurrent()) return;
      clear(page).appendChild(h('h1', null, t('dossier.heading', { code: code })));
      page.appendChild(e.status === 404 ? h('p', { class: 'status status-warn' }, t('dossier.not_found')) : errorBox(e));
      return;
    }
    if (!ctx.isCurrent()) return;
    show(d, pay, message);
  }

  function show(d, pay, message) {
    clear(page);
    page.appendChild(h('p', { class: 'crumbs' }, h('a', { href: MY_PATH }, t('cz.back'))));
    page.appendChild(h('h1', null, t('dossier.heading', { code: d.code })));
    if (message) page.appendChild(h('p', { class: 'status status-ok', role: 'status', tabindex: '-1' }, message));
    page.appendChild(h('section', { class: 'card summary', 'data-state': d.state, 'aria-label': t('dossier.summary') },
      h('p', { class: 'summary-proc' }, d.procedure ? d.procedure.name : ''),
      h('p', { class: 'summary-state' }, stateTag(d.state), ' ', d.state === 'processing' ? statusTag(d.status, d.state) : null),
      h('p', null, t('cz.state_help.' + d.state)),
      d.appointment ? h('div', { class: 'big-fact appointment' }, h('p', { class: 'fact-label' }, t('dossier.appointment')),
        h('p', { class: 'big', 'data-field': 'appointment' }, dateTime(d.appointment)), h('p', { class: 'muted' }, weekday(d.appointment))) : null,
      d.reason ? h('p', null, t('dossier.ev.reason', { text: d.reason })) : null,
      d.received_at ? h('p', null, h('a', { href: '/api/v1/dossiers/' + encodeURIComponent(d.code) + '/forms/receipt.pdf', target: '_blank', rel: 'noopener' }, t('cz.receipt_pdf'))) : null));
    if (d.state === 'waiting_supplement') page.appendChild(supplement(d));
    if (pay) page.appendChild(payment(d, pay));
    const results = (d.attachments || []).filter((a) => a.purpose === 'result');
    if (results.length) {
      page.appendChild(h('section', { class: 'card', 'aria-labelledby': 'res-h' }, h('h2', { id: 'res-h' }, t('cz.result')),
        h('ul', { class: 'plain' }, results.map((a) => h('li', null,
          h('a', { href: base + '/attachments/' + a.id, download: a.filename || 'ket-qua', 'data-result': a.id },
            t('cz.download', { name: a.filename || t('sub.file') })), ' ', h('span', { class: 'muted' }, '(' + sizeText(a.size || 0) + ')'))))));
    }
    if (d.state === 'returned') page.appendChild(rating(d));
    if (OPEN.indexOf(d.state) >= 0) page.appendChild(withdraw(d));
    page.appendChild(timeline(d));
  }

  function lastRequest(d) {
    const ev = (d.events || []).filter((e) => e.kind === 'request_supplement');
    return ev.length ? ev[ev.length - 1] : null;
  }

  function supplement(d) {
    const req = lastRequest(d);
    const docs = (d.procedure && d.procedure.documents) || d.documents || [];
    const path = base + '/attachments';
    const uploaded = h('ul', { class: 'plain files' });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('cz.supplement_send'));
    const form = h('form', { class: 'act-form', novalidate: true, id: 'supplement-form' }, formError(),
      field({ name: 'note', label: t('act.f.note'), hint: t('common.optional'), control: h('textarea', { rows: '2' }) }),
      h('p', { class: 'actions' }, submit));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      busy(submit, true, t('common.saving'));
      try {
        await api('POST', base + '/supplement', { note: form.elements.note.value.trim() });
      } catch (err) {
        busy(submit, false);
        return showError(form, err);
      }
      if (ctx.isCurrent()) load(t('cz.supplement_done'));
    });
    return h('section', { class: 'card supplement-card', 'aria-labelledby': 'sup-h' },
      h('h2', { id: 'sup-h' }, t('cz.supplement_heading')),
      h('p', { class: 'status status-warn' }, t('cz.supplement_intro')),
      req && req.items ? h('ol', { class: 'sup-items' }, req.items.map((x) => h('li', null, x))) : null,
      req && req.reason ? h('p', null, t('dossier.ev.reason', { text: req.reason })) : null,
      h('h3', null, t('cz.supplement_upload')),
      h('ol', { class: 'docs upload-list' }, (docs.length ? docs : [{ name: t('sub.file') }]).map((doc, i) => h('li', { class: 'doc', 'data-document': i },
        h('p', { class: 'doc-name' }, doc.name),
        uploadControl(path, typeof doc.index === 'number' ? doc.index : i, (a) => uploaded.appendChild(h('li', null, '📎 ', a.filename || t('sub.file'))))))),
      uploaded, form);
  }

  function payment(d, pay) {
    const q = pay.vietqr;
    const paid = pay.status === 'paid';
    const sec = h('section', { class: 'card payment-card', 'aria-labelledby': 'pay-h', 'data-payment': pay.status },
      h('h2', { id: 'pay-h' }, t('cz.payment')),
      h('p', { class: 'big' }, money(pay.amount)),
      h('p', null, h('span', { class: 'tag ' + (paid ? 'tag-ready' : 'tag-required') }, (paid ? '✓ ' : '! ') + t('cz.pay.' + (paid ? 'paid' : 'unpaid')))),
      pay.detail && pay.detail.reference ? h('p', { class: 'muted' }, t('cz.pay.reference', { ref: pay.detail.reference })) : null);
    if (q && !paid) {
      const payload = h('textarea', { readonly: true, rows: '3', class: 'qr-payload' }, q.payload);
      const copied = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
      sec.appendChild(h('p', null, t('cz.pay.howto')));
      sec.appendChild(h('dl', { class: 'kv' },
        h('dt', null, t('cz.pay.bank_bin')), h('dd', null, q.bank_bin),
        h('dt', null, t('cz.pay.account')), h('dd', null, q.account),
        h('dt', null, t('cz.pay.account_name')), h('dd', null, q.account_name),
        h('dt', null, t('cz.pay.note')), h('dd', null, q.note)));
      sec.appendChild(field({ name: 'vietqr', label: t('cz.pay.payload'), hint: t('cz.pay.payload_hint'), control: payload }));
      sec.appendChild(h('p', null, h('button', { type: 'button', class: 'btn', onclick: () => {
        payload.select();
        const done = () => { copied.textContent = t('cz.pay.copied'); copied.className = 'status status-ok'; };
        if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(q.payload).then(done, () => { document.execCommand('copy'); done(); });
        else { document.execCommand('copy'); done(); }
      } }, t('cz.pay.copy'))));
      sec.appendChild(copied);
    } else if (pay.vietqr_error && !paid) {
      sec.appendChild(h('p', { class: 'muted' }, t('cz.pay.at_desk')));
    }
    return sec;
  }

  function rating(d) {
    if (d.rating) {
      return h('section', { class: 'card', 'aria-labelledby': 'rt-h' }, h('h2', { id: 'rt-h' }, t('cz.rating')),
        h('p', { 'data-rating': d.rating.level }, t('cz.rated', { level: t('cz.level.' + d.rating.level) })),
        d.rating.comment ? h('p', { class: 'muted' }, d.rating.comment) : null);
    }
    const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('cz.rate'));
    const form = h('form', { class: 'card', novalidate: true, id: 'rating-form', 'aria-labelledby': 'rt-h' },
      h('h2', { id: 'rt-h' }, t('cz.rating')),
      formError(),
      h('fieldset', null, h('legend', null, t('cz.rating_q')),
        ['very_satisfied', 'satisfied', 'not_satisfied'].map((x) => h('label', { class: 'radio' },
          h('input', { type: 'radio', name: 'level', value: x }), ' ', t('cz.level.' + x))),
        h('p', { class: 'field-error', 'data-error-for': 'level', hidden: true })),
      h('fieldset', null, h('legend', null, t('cz.problems')),
        ['late', 'extra_documents', 'attitude', 'fees'].map((x) => h('label', { class: 'radio' },
          h('input', { type: 'checkbox', name: 'problems', value: x }), ' ', t('cz.problem.' + x)))),
      field({ name: 'comment', label: t('cz.comment'), hint: t('common.optional'), control: h('textarea', { rows: '2' }) }),
      h('p', { class: 'actions' }, submit));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const lv = form.querySelector('input[name="level"]:checked');
      if (!lv) return showError(form, localError('level', 'cz.level_empty'));
      const problems = Array.prototype.slice.call(form.querySelectorAll('input[name="problems"]:checked')).map((x) => x.value);
      busy(submit, true, t('common.saving'));
      try {
        await api('POST', base + '/rating', { level: lv.value, comment: form.elements.comment.value.trim(), problems: problems });
      } catch (err) {
        busy(submit, false);
        return showError(form, err);
      }
      if (ctx.isCurrent()) load(t('cz.rating_done'));
    });
    return form;
  }

  function withdraw(d) {
    const submit = h('button', { type: 'submit', class: 'btn btn-danger' }, t('cz.withdraw'));
    const form = h('form', { class: 'act-form', novalidate: true, id: 'withdraw-form' }, formError(),
      field({ name: 'reason', label: t('cz.withdraw_reason'), control: h('textarea', { rows: '2' }) }),
      h('p', { class: 'actions' }, submit));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const reason = form.elements.reason.value.trim();
      if (!reason) return showError(form, localError('reason', 'act.reason_empty'));
      if (!window.confirm(t('cz.withdraw_ask', { code: d.code }))) return;
      busy(submit, true, t('common.saving'));
      try {
        await api('POST', base + '/withdraw', { reason: reason });
      } catch (err) {
        busy(submit, false);
        return showError(form, err);
      }
      if (ctx.isCurrent()) load(t('cz.withdraw_done'));
    });
    return h('details', { class: 'card withdraw' }, h('summary', null, t('cz.withdraw_heading')), h('p', null, t('cz.withdraw_help')), form);
  }
}

function timeline(d) {
  const evText = (e) => (lang() === 'en' ? e.label_en || e.label_vi : e.label_vi || e.label_en);
  return h('section', { class: 'card', 'aria-labelledby': 'tl-h' }, h('h2', { id: 'tl-h' }, t('dossier.timeline')),
    h('ol', { class: 'timeline' }, (d.events || []).map((e) => h('li', { 'data-kind': e.kind },
      h('p', { class: 'tl-when' }, dateTime(e.at)), h('p', { class: 'tl-what' }, evText(e)),
      e.reason ? h('p', { class: 'tl-extra' }, t('dossier.ev.reason', { text: e.reason })) : null,
      e.items && e.items.length ? h('ul', { class: 'tl-items' }, e.items.map((x) => h('li', null, x))) : null))));
}

async function profile(ctx) {
  ctx.root.appendChild(h('h1', null, t('cz.profile')));
  let p;
  try {
    p = await api('GET', '/api/v1/citizen/profile');
  } catch (e) {
    if (ctx.isCurrent()) ctx.root.appendChild(errorBox(e));
    return;
  }
  if (!ctx.isCurrent()) return;
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('cz.profile_save'));
  const ok = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const val = (k) => ({ value: p[k] || '' });
  const gender = h('select', null, ['', 'male', 'female', 'other'].map((g) => h('option', { value: g, selected: (p.gender || '') === g }, t('cz.gender.' + (g || 'none')))));
  const plang = h('select', null, ['vi', 'en'].map((g) => h('option', { value: g, selected: (p.lang || 'vi') === g }, t('cz.lang.' + g))));
  const form = h('form', { class: 'card', novalidate: true, id: 'profile-form' },
    h('p', { class: 'muted' }, t('cz.profile_intro')),
    h('dl', { class: 'kv' },
      h('dt', null, t('acct.full_name')), h('dd', null, p.full_name || ''),
      h('dt', null, t('acct.cccd')), h('dd', null, p.cccd || ''),
      h('dt', null, t('acct.contact')), h('dd', null, [p.phone, p.email].filter(Boolean).join(', '))),
    formError(),
    h('div', { class: 'grid-fields' },
      field({ name: 'address', label: t('intake.address'), attrs: val('address') }),
      field({ name: 'date_of_birth', label: t('cz.dob'), type: 'date', attrs: val('date_of_birth') }),
      field({ name: 'gender', label: t('cz.gender'), control: gender }),
      field({ name: 'lang', label: t('cz.lang'), control: plang }),
      field({ name: 'postal_address', label: t('cz.postal_address'), hint: t('common.optional'), attrs: val('postal_address') }),
      field({ name: 'organisation', label: t('cz.organisation'), hint: t('common.optional'), attrs: val('organisation') }),
      field({ name: 'tax_code', label: t('cz.tax_code'), hint: t('common.optional'), attrs: val('tax_code') })),
    h('p', { class: 'actions' }, submit), ok);
  ctx.root.appendChild(form);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = {};
    ['address', 'date_of_birth', 'gender', 'lang', 'postal_address', 'organisation', 'tax_code'].forEach((k) => {
      body[k] = form.elements[k].value.trim();
    });
    busy(submit, true, t('common.saving'));
    try {
      await api('PUT', '/api/v1/citizen/profile', body);
    } catch (err) {
      busy(submit, false);
      return showError(form, err);
    }
    busy(submit, false);
    ok.textContent = t('cz.profile_saved');
    ok.className = 'status status-ok';
  });
}
