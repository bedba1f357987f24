// pages/password.js - change one's own password ("/lam-viec/doi-mat-khau").
// POST /api/v1/session/password {old_password, new_password}; the server ends
// the person's other sign-ins and keeps this one.
import { t } from '../i18n.js';
import { api, localError, showError, clearErrors } from '../api.js';
import { h, field, formError, statusBox, setStatus, busy } from '../dom.js';
import { WORK_PATH } from '../app.js';

export async function render(ctx) {
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('password.submit'));
  const status = statusBox();
  const form = h('form', { class: 'card narrow', novalidate: true, 'aria-labelledby': 'pw-h' },
    h('h1', { id: 'pw-h' }, t('password.heading')),
    h('p', { class: 'muted' }, t('password.intro')),
    formError(),
    field({ name: 'old_password', label: t('password.old'), type: 'password', autocomplete: 'current-password', reveal: true }),
    field({ name: 'new_password', label: t('password.new'), hint: t('password.rule'), type: 'password', autocomplete: 'new-password', reveal: true }),
    field({ name: 'confirm', label: t('password.confirm'), type: 'password', autocomplete: 'new-password' }),
    h('div', { class: 'actions' }, submit, h('a', { href: WORK_PATH, class: 'btn' }, t('common.back'))),
    status);
  ctx.root.appendChild(form);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    setStatus(status, '');
    const f = form.elements;
    const errs = [];
    if (!f.old_password.value) errs.push(localError('old_password', 'password.old_empty'));
    if (!f.new_password.value) errs.push(localError('new_password', 'password.new_empty'));
    else if (f.new_password.value !== f.confirm.value) errs.push(localError('confirm', 'password.mismatch'));
    if (errs.length) return showError(form, errs);
    busy(submit, true, t('common.saving'));
    try {
      await api('POST', '/api/v1/session/password', { old_password: f.old_password.value, new_password: f.new_password.value });
    } catch (err) {
      busy(submit, false);
      // the server names the new password "password" in its rule message
      return showError(form, err, { password: 'new_password' });
    }
    busy(submit, false);
    clearErrors(form);
    form.reset();
    setStatus(status, t('password.done'), 'ok');
  });
}
