// pages/submit.js - the online submission wizard ("/nop-truc-tuyen"), for a
// signed-in citizen (docs/ONLINE.md 1.2).  ?thu-tuc=CODE starts a new draft
// (POST /api/v1/citizen/dossiers), ?nhap=<draft id> resumes one.  Five steps:
// applicant (prefilled from the profile), documents (one upload per document
// of the catalog: PDF/JPEG/PNG, the server checks the bytes), how to get the
// result and which desk, fees, review and submit.  Every "Next" saves the
// draft (PUT), so the citizen can stop and come back from "Hồ sơ của tôi".
import { t } from '../i18n.js';
import { api, upload, getSession, localError, showError, clearErrors } from '../api.js';
import { h, clear, field, formError, busy } from '../dom.js';
import { money, unitName, loadUnits, errorBox } from '../format.js';
import { flash } from '../app.js';

export const MY_PATH = '/ho-so-cua-toi';
const STEPS = ['applicant', 'documents', 'delivery', 'fees', 'review'];
const MAX_MB = 10; // upload_max_kb's default: the API does not say the configured value
const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

export function sizeText(n) {
  if (n >= 1024 * 1024) return (n / 1024 / 1024).toFixed(1).replace('.', ',') + ' MB';
  return Math.max(1, Math.round(n / 1024)) + ' KB';
}

// A file input for one document; onDone(attachment) after a good upload.
export function uploadControl(path, index, onDone) {
  const id = 'up-' + index + '-' + Math.random().toString(36).slice(2, 7);
  const input = h('input', { type: 'file', id: id, accept: ACCEPT, 'aria-describedby': id + '-hint ' + id + '-msg', 'data-document': index });
  const msg = h('p', { class: 'field-error', id: id + '-msg', role: 'alert', hidden: true });
  const ok = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  input.addEventListener('change', async () => {
    const f = input.files && input.files[0];
    msg.hidden = true;
    input.removeAttribute('aria-invalid');
    ok.textContent = '';
    ok.className = 'status';
    if (!f) return;
    if (f.size > MAX_MB * 1024 * 1024) {
      msg.textContent = t('sub.too_big', { size: sizeText(f.size), max: MAX_MB + ' MB' });
      msg.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      return;
    }
    ok.textContent = t('sub.uploading', { name: f.name });
    let a;
    try {
      a = await upload(path + '?document=' + index + '&filename=' + encodeURIComponent(f.name), f);
    } catch (err) {
      ok.textContent = '';
      msg.textContent = t('sub.upload_refused', { name: f.name }) + ' ' + err.text();
      msg.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.value = '';
      input.focus();
      return;
    }
    ok.textContent = t('sub.uploaded', { name: f.name, size: sizeText(a.size || f.size) });
    ok.className = 'status status-ok';
    input.value = '';
    if (onDone) onDone(a);
  });
  return h('div', { class: 'upload' },
    h('label', { for: id, class: 'btn upload-label' }, t('sub.choose_file')),
    input,
    h('p', { class: 'hint', id: id + '-hint' }, t('sub.file_hint', { max: MAX_MB + ' MB' })),
    msg, ok);
}

export async function render(ctx) {
  const s = getSession();
  if (!s.user.is_citizen) {
    ctx.root.appendChild(h('h1', null, t('sub.title')));
    ctx.root.appendChild(h('p', { class: 'status status-warn' }, t('sub.citizens_only')));
    return;
  }
  const page = h('div', { class: 'wizard' });
  ctx.root.appendChild(page);
  let d, units;
  try {
    units = await loadUnits(api);
    const draftId = ctx.query.get('nhap');
    if (draftId) d = await api('GET', '/api/v1/citizen/dossiers/' + encodeURIComponent(draftId));
    else {
      const code = ctx.query.get('thu-tuc') || '';
      d = await api('POST', '/api/v1/citizen/dossiers', { procedure: code, desk: defaultDesk(units), delivery: { method: 'desk' } });
      history.replaceState(null, '', '/nop-truc-tuyen?nhap=' + encodeURIComponent(d.id));
    }
  } catch (e) {
    if (!ctx.isCurrent()) return;
    page.appendChild(h('h1', null, t('sub.title')));
    page.appendChild(errorBox(e));
    page.appendChild(h('p', null, h('a', { href: MY_PATH }, t('cz.title'))));
    return;
  }
  if (!ctx.isCurrent()) return;
  const desks = units.list.filter((u) => u.kind === 'desk' && u.active !== false);
  let step = 0;
  draw();

  function draw() {
    clear(page);
    page.appendChild(h('h1', null, t('sub.heading', { name: d.procedure_name || d.procedure })));
    page.appendChild(h('p', { class: 'muted' }, t('sub.draft_note')));
    page.appendChild(h('ol', { class: 'wizard-steps', 'aria-label': t('sub.progress') }, STEPS.map((k, i) =>
      h('li', { class: i === step ? 'current' : (i < step ? 'done' : ''), 'aria-current': i === step ? 'step' : null },
        (i < step ? '✓ ' : (i + 1) + '. ') + t('sub.step.' + k)))));
    const form = h('form', { class: 'card', novalidate: true, 'data-step': STEPS[step], 'aria-labelledby': 'wz-h' },
      h('h2', { id: 'wz-h' }, t('sub.step_of', { n: step + 1, total: STEPS.length, name: t('sub.step.' + STEPS[step]) })),
      formError(),
      body(STEPS[step]));
    const next = h('button', { type: 'submit', class: 'btn btn-primary' }, t(step === STEPS.length - 1 ? 'sub.submit' : 'sub.next'));
    form.appendChild(h('p', { class: 'actions' },
      step > 0 ? h('button', { type: 'button', class: 'btn', onclick: () => { step--; draw(); focusHead(); } }, t('sub.back')) : null,
      next,
      h('button', { type: 'button', class: 'btn btn-quiet', onclick: () => save(form, true) }, t('sub.save_later'))));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      busy(next, true, t('common.saving'));
      const ok = step === STEPS.length - 1 ? await submitDraft(form) : await save(form, false);
      if (!ctx.isCurrent()) return;
      busy(next, false);
      if (ok && step < STEPS.length - 1) { step++; draw(); focusHead(); }
    });
    page.appendChild(form);
  }

  function focusHead() {
    const x = page.querySelector('h2');
    if (x) { x.setAttribute('tabindex', '-1'); x.focus(); }
  }

  function body(k) {
    const a = d.applicant || {};
    if (k === 'applicant') {
      return h('div', { class: 'grid-fields' },
        field({ name: 'applicant.name', label: t('intake.name'), attrs: { value: a.name || '' } }),
        field({ name: 'applicant.id_number', label: t('acct.cccd'), attrs: { value: a.id_number || '', inputmode: 'numeric' } }),
        field({ name: 'applicant.phone', label: t('intake.phone'), type: 'tel', attrs: { value: a.phone || '' } }),
        field({ name: 'applicant.email', label: t('intake.email'), type: 'email', attrs: { value: a.email || '' } }),
        field({ name: 'applicant.address', label: t('intake.address'), attrs: { value: a.address || '' } }));
    }
    if (k === 'documents') {
      const path = '/api/v1/citizen/dossiers/' + encodeURIComponent(d.id) + '/attachments';
      return h('ol', { class: 'docs upload-list' }, (d.form || []).map((doc, i) => {
        const have = (d.attachments || []).filter((x) => x.document === i);
        const list = h('ul', { class: 'plain files' }, have.map(fileLine));
        return h('li', { class: 'doc', 'data-document': i },
          h('p', { class: 'doc-name' }, doc.name),
          h('p', { class: 'doc-facts' }, h('span', { class: 'tag ' + (doc.required === false ? '' : 'tag-required') },
            t(doc.required === false ? 'proc.doc.optional' : 'proc.doc.required'))),
          list,
          uploadControl(path, i, (att) => {
            d.attachments = (d.attachments || []).concat([att]);
            list.appendChild(fileLine(att));
          }));
      }));
    }
    if (k === 'delivery') {
      const m = (d.delivery && d.delivery.method) || 'desk';
      const radios = ['desk', 'post', 'electronic'].map((x) => h('label', { class: 'radio' },
        h('input', { type: 'radio', name: 'delivery.method', value: x, checked: x === m }), ' ', t('sub.delivery.' + x)));
      const addr = field({ name: 'delivery.address', label: t('sub.post_address'),
        attrs: { value: (d.delivery && d.delivery.address) || a.address || '' } });
      const sel = h('select', null, desks.map((u) => h('option', { value: u.code, selected: u.code === d.desk }, unitName(u))));
      const box = h('div', null,
        h('fieldset', null, h('legend', null, t('sub.delivery')), radios, h('p', { class: 'field-error', 'data-error-for': 'delivery.method', hidden: true })),
        addr,
        field({ name: 'desk', label: t('sub.desk'), hint: t('sub.desk_hint'), control: sel }),
        field({ name: 'note', label: t('sub.note'), hint: t('common.optional'), control: h('textarea', { rows: '2' }, d.note || '') }));
      const sync = () => { addr.hidden = !box.querySelector('input[value="post"]').checked; };
      box.addEventListener('change', sync);
      sync();
      return box;
    }
    if (k === 'fees') {
      return h('div', null,
        h('p', { class: 'big', 'data-field': 'fee_total' }, d.fee_total ? money(d.fee_total) : t('proc.no_fee')),
        h('p', null, t(d.fee_total ? 'sub.fees_how' : 'sub.fees_none')));
    }
    // review
    const dl = d.delivery || {};
    const missing = (d.form || []).filter((doc, i) => doc.required !== false && !(d.attachments || []).some((x) => x.document === i));
    return h('div', null,
      h('dl', { class: 'kv' },
        h('dt', null, t('intake.name')), h('dd', null, a.name || ''),
        h('dt', null, t('acct.cccd')), h('dd', null, a.id_number || ''),
        h('dt', null, t('intake.phone')), h('dd', null, a.phone || '–'),
        h('dt', null, t('sub.delivery')), h('dd', null, t('sub.delivery.' + (dl.method || 'desk')) + (dl.method === 'post' && dl.address ? ' – ' + dl.address : '')),
        h('dt', null, t('sub.desk')), h('dd', null, unitName(units.byCode[d.desk]) || d.desk),
        h('dt', null, t('proc.fees')), h('dd', null, d.fee_total ? money(d.fee_total) : t('proc.no_fee'))),
      h('h3', null, t('sub.step.documents')),
      h('ul', { class: 'plain' }, (d.form || []).map((doc, i) => {
        const n = (d.attachments || []).filter((x) => x.document === i).length;
        return h('li', null, n ? '✓ ' : '✗ ', doc.name, ' – ', n ? t('sub.n_files', { n: n }) : t('sub.no_file'));
      })),
      missing.length ? h('p', { class: 'status status-warn' }, t('sub.missing_warn', { n: missing.length })) : null,
      h('p', null, t('sub.declare')));
  }

  function fileLine(att) {
    return h('li', null, '📎 ', att.filename || t('sub.file'), h('span', { class: 'muted' }, ' (' + sizeText(att.size || 0) + ')'));
  }

  function collect(form) {
    const v = (n) => (form.elements[n] ? form.elements[n].value.trim() : null);
    const body = {};
    if (STEPS[step] === 'applicant') {
      body.applicant = Object.assign({}, d.applicant || {}, {
        name: v('applicant.name'), id_number: v('applicant.id_number'), phone: v('applicant.phone'),
        email: v('applicant.email'), address: v('applicant.address') });
    }
    if (STEPS[step] === 'delivery') {
      const m = form.querySelector('input[name="delivery.method"]:checked');
      body.delivery = { method: m ? m.value : 'desk' };
      if (body.delivery.method === 'post') body.delivery.address = v('delivery.address');
      body.desk = v('desk');
      body.note = v('note');
    }
    return body;
  }

  async function save(form, leave) {
    clearErrors(form);
    const body = collect(form);
    const errs = [];
    if (body.applicant && !body.applicant.name) errs.push(localError('applicant.name', 'acct.name_empty'));
    if (body.delivery && body.delivery.method === 'post' && !body.delivery.address) errs.push(localError('delivery.address', 'sub.address_empty'));
    if (errs.length) { showError(form, errs); return false; }
    if (Object.keys(body).length) {
      try {
        d = await api('PUT', '/api/v1/citizen/dossiers/' + encodeURIComponent(d.id), body);
      } catch (err) {
        showError(form, err, { name: 'applicant.name', address: 'delivery.address' });
        return false;
      }
    }
    if (leave) {
      flash('sub.saved', 'ok');
      ctx.navigate(MY_PATH);
    }
    return true;
  }

  async function submitDraft(form) {
    if (!window.confirm(t('sub.ask_submit'))) return false;
    let r;
    try {
      r = await api('POST', '/api/v1/citizen/dossiers/' + encodeURIComponent(d.id) + '/submit');
    } catch (err) {
      showError(form, err);
      return false;
    }
    flash('sub.submitted', 'ok');
    ctx.navigate(MY_PATH + '/' + encodeURIComponent(r.code));
    return false;
  }
}

// The desk a dossier goes to by default: the district's one-stop desk (not a
// commune's); the citizen can choose another in step 3.
function defaultDesk(units) {
  const parentOf = (u) => units.list.find((x) => x.path === u.path.replace(/[^/]+\/$/, ''));
  const inCommune = (u) => {
    for (let x = parentOf(u); x; x = parentOf(x)) if (x.kind === 'commune') return true;
    return false;
  };
  const desks = units.list.filter((u) => u.kind === 'desk' && u.active !== false);
  const district = desks.filter((u) => !inCommune(u));
  return (district[0] || desks[0] || {}).code || '';
}
