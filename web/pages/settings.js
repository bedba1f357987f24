// pages/settings.js - an administrator's settings of a unit
// ("/lam-viec/cai-dat"): the bank account where the unit's fees are paid
// (GET/PUT /api/v1/units/{code}/bank; each change audited by the server),
// shown with where it comes from (the unit's own, or inherited from the unit
// above, or none: then citizens cannot pay online), and what this server
// is (GET /api/v1/version: version, revision, size limits).
import { t } from '../i18n.js';
import { api, showError, localError, clearErrors } from '../api.js';
import { h, clear, field, formError, busy, statusBox, setStatus } from '../dom.js';
import { loadUnits, errorBox, unitName } from '../format.js';
import { treeOrder, unitSelect, adminUnits } from './calendar.js';

const PATH = '/lam-viec/cai-dat';

export async function render(ctx) {
  ctx.root.appendChild(h('h1', null, t('set.heading')));
  let units;
  try { units = await loadUnits(api); } catch (e) { ctx.root.appendChild(errorBox(e)); return; }
  if (!ctx.isCurrent()) return;
  const mine = adminUnits(units.list);
  if (!mine.length) { ctx.root.appendChild(h('p', null, t('cal.no_units'))); return; }
  const asked = ctx.query.get('unit');
  const start = asked && mine.some((u) => u.code === asked) ? asked : treeOrder(mine)[0].unit.code;
  const sel = unitSelect(mine, start);
  const pick = h('form', { class: 'card no-print', novalidate: true, id: 'set-unit' },
    field({ name: 'unit', label: t('set.unit'), control: sel }));
  pick.addEventListener('submit', (e) => e.preventDefault());
  const bankBox = h('div');
  ctx.root.appendChild(pick);
  ctx.root.appendChild(bankBox);
  ctx.root.appendChild(await systemCard());
  // Only the answer for the unit chosen last is drawn: a slow answer for the
  // unit chosen before must never become the form of this one.
  let seq = 0;
  sel.addEventListener('change', () => showBank());
  await showBank();

  async function showBank() {
    const code = sel.value;
    const ticket = ++seq;
    clear(bankBox);
    let r;
    try {
      r = await api('GET', '/api/v1/units/' + encodeURIComponent(code) + '/bank');
    } catch (e) {
      if (ticket === seq) clear(bankBox).appendChild(errorBox(e));
      return;
    }
    if (!ctx.isCurrent() || ticket !== seq) return;
    history.replaceState(null, '', PATH + '?unit=' + encodeURIComponent(code));
    clear(bankBox).appendChild(bankCard(r));
  }

  function bankCard(r) {
    const a = r.account;
    const status = statusBox();
    const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('set.bank_save'));
    const form = h('form', { class: 'card', novalidate: true, id: 'bank-form', 'aria-labelledby': 'bank-h' },
      h('h2', { id: 'bank-h' }, t('set.bank_heading')),
      h('p', { id: 'bank-now', class: a ? '' : 'status status-warn' }, !a ? t('set.bank_none')
        : r.own ? t('set.bank_own', { bin: a.bin, account: a.account, name: a.name })
          : t('set.bank_inherited', { bin: a.bin, account: a.account, name: a.name, unit: a.unit.name })),
      h('p', { class: 'muted small' }, t('set.bank_hint')),
      formError(),
      h('div', { class: 'grid-fields' },
        field({ name: 'bin', label: t('set.bin'), hint: t('set.bin_hint'), attrs: { inputmode: 'numeric', maxlength: '6', value: r.own ? a.bin : '' } }),
        field({ name: 'account', label: t('set.account'), attrs: { value: r.own ? a.account : '', maxlength: '19' } }),
        field({ name: 'name', label: t('set.holder'), hint: t('set.holder_hint'), attrs: { value: r.own ? a.name : '', maxlength: '100' } })),
      submit, status);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const f = form.elements;
      const body = { bin: f.bin.value.trim(), account: f.account.value.trim(), name: f.name.value.trim() };
      const errs = [];
      if (!body.bin) errs.push(localError('bin', 'set.bin_empty'));
      if (!body.account) errs.push(localError('account', 'set.account_empty'));
      if (!body.name) errs.push(localError('name', 'set.holder_empty'));
      if (errs.length) return showError(form, errs);
      // the unit this card was drawn for, never whatever the list shows now
      const unit = units.byCode[r.unit];
      if (!window.confirm(t('set.bank_confirm', { account: body.account, name: body.name, unit: unit ? unitName(unit) : r.unit }))) return;
      busy(submit, true, t('common.saving'));
      let saved;
      try {
        saved = await api('PUT', '/api/v1/units/' + encodeURIComponent(r.unit) + '/bank', body);
      } catch (err) {
        busy(submit, false);
        return showError(form, err);
      }
      busy(submit, false);
      clearErrors(form);
      const card = bankCard(saved);
      form.replaceWith(card);
      setStatus(card.querySelector('[role="status"]'), t('set.bank_saved'), 'ok');
    });
    return form;
  }
}

// What this server is: for a support call ("which version do you run?").
async function systemCard() {
  let v;
  try { v = await api('GET', '/api/v1/version'); } catch (e) { return errorBox(e); }
  return h('section', { class: 'card', 'aria-labelledby': 'sys-h' },
    h('h2', { id: 'sys-h' }, t('set.system')),
    h('dl', { class: 'facts', id: 'sys-facts' },
      h('div', null, h('dt', null, t('set.version')), h('dd', null, v.name + ' ' + v.version + (v.revision ? ' (' + v.revision + ')' : ''))),
      h('div', null, h('dt', null, t('set.max_body')), h('dd', null, t('set.kb', { n: v.limits ? v.limits.max_body_kb : '–' }))),
      h('div', null, h('dt', null, t('set.max_upload')), h('dd', null, t('set.kb', { n: v.limits ? v.limits.upload_max_kb : '–' })))));
}
