// pages/account.js - citizens' accounts, no sign-in needed (docs/ONLINE.md 1.1):
//   /dang-ky       register (phone or e-mail + CCCD + password), then the
//                  6-digit code sent to that contact (POST /citizen/verify);
//                  once verified the citizen is signed in and sees "Hồ sơ của tôi".
//   /quen-mat-khau password reset: the contact, then the code + a new password.
// The server's refusals (contact taken, weak password, wrong code, too many
// codes) are shown next to the field they name.
import { t } from '../i18n.js';
import { api, setSession, localError, showError, clearErrors } from '../api.js';
import { h, field, formError, busy } from '../dom.js';
import { flash } from '../app.js';

export const MY_PATH = '/ho-so-cua-toi';
// the API names the contact phone or email; the form has one field for both
const CONTACT_ALIAS = { phone: 'contact', email: 'contact', login: 'contact' };

function contactBody(v) {
  return v.indexOf('@') >= 0 ? { email: v } : { phone: v };
}

export async function render(ctx) {
  if (location.pathname.indexOf('/quen-mat-khau') === 0) return reset(ctx);
  return register(ctx);
}

function register(ctx) {
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-wide' }, t('acct.register'));
  const form = h('form', { class: 'card narrow', novalidate: true, 'aria-labelledby': 'reg-h', id: 'register-form' },
    h('h1', { id: 'reg-h' }, t('acct.register_heading')),
    h('p', { class: 'muted' }, t('acct.register_intro')),
    formError(),
    field({ name: 'full_name', label: t('acct.full_name'), autocomplete: 'name' }),
    field({ name: 'contact', label: t('acct.contact'), hint: t('acct.contact_hint'), autocomplete: 'username',
      attrs: { autocapitalize: 'none', spellcheck: 'false' } }),
    field({ name: 'cccd', label: t('acct.cccd'), hint: t('acct.cccd_hint'), attrs: { inputmode: 'numeric', maxlength: '12' } }),
    field({ name: 'password', label: t('acct.password'), hint: t('acct.password_hint'), type: 'password',
      autocomplete: 'new-password', reveal: true }),
    field({ name: 'password2', label: t('acct.password2'), type: 'password', autocomplete: 'new-password' }),
    submit,
    h('p', { class: 'small' }, t('acct.have_account'), ' ', h('a', { href: '/dang-nhap' }, t('nav.login'))));
  ctx.root.appendChild(form);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = (n) => form.elements[n].value.trim();
    const errs = [];
    if (!v('full_name')) errs.push(localError('full_name', 'acct.name_empty'));
    if (!v('contact')) errs.push(localError('contact', 'acct.contact_empty'));
    if (!/^\d{12}$/.test(v('cccd'))) errs.push(localError('cccd', 'acct.cccd_bad'));
    if (!form.elements.password.value) errs.push(localError('password', 'login.password_empty'));
    else if (form.elements.password.value !== form.elements.password2.value) errs.push(localError('password2', 'acct.password_differs'));
    if (errs.length) return showError(form, errs);
    const body = Object.assign({ full_name: v('full_name'), cccd: v('cccd'), password: form.elements.password.value },
      contactBody(v('contact')));
    busy(submit, true, t('common.saving'));
    let r;
    try {
      r = await api('POST', '/api/v1/citizen/register', body);
    } catch (err) {
      busy(submit, false);
      return showError(form, err, CONTACT_ALIAS);
    }
    if (!ctx.isCurrent()) return;
    form.hidden = true;
    verify(ctx, (r && r.login) || v('contact'), body.password);
  });
  form.elements.full_name.focus();
}

// The code sent to the contact; on success sign in with the password just chosen.
function verify(ctx, login, password) {
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-wide' }, t('acct.verify'));
  const form = h('form', { class: 'card narrow', novalidate: true, 'aria-labelledby': 'ver-h', id: 'verify-form' },
    h('h1', { id: 'ver-h' }, t('acct.verify_heading')),
    h('p', { class: 'status status-ok', role: 'status' }, t('acct.code_sent', { contact: login })),
    formError(),
    field({ name: 'code', label: t('acct.code'), hint: t('acct.code_hint'), autocomplete: 'one-time-code',
      attrs: { inputmode: 'numeric', maxlength: '6' } }),
    submit);
  ctx.root.appendChild(form);
  form.elements.code.focus();
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const code = form.elements.code.value.trim();
    if (!/^\d{6}$/.test(code)) return showError(form, localError('code', 'acct.code_bad'));
    busy(submit, true, t('common.saving'));
    try {
      await api('POST', '/api/v1/citizen/verify', { login: login, code: code });
    } catch (err) {
      busy(submit, false);
      return showError(form, err);
    }
    try {
      setSession(await api('POST', '/api/v1/auth/login', { login: login, password: password }, { allow401: true }));
    } catch (err) {
      flash('acct.verified', 'ok');
      return ctx.navigate('/dang-nhap?next=' + encodeURIComponent(MY_PATH));
    }
    flash('acct.verified', 'ok');
    ctx.navigate(MY_PATH);
  });
}

function reset(ctx) {
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-wide' }, t('acct.send_code'));
  const form = h('form', { class: 'card narrow', novalidate: true, 'aria-labelledby': 'rs-h', id: 'reset-form' },
    h('h1', { id: 'rs-h' }, t('acct.reset_heading')),
    h('p', { class: 'muted' }, t('acct.reset_intro')),
    formError(),
    field({ name: 'contact', label: t('acct.contact'), autocomplete: 'username', attrs: { autocapitalize: 'none', spellcheck: 'false' } }),
    submit);
  ctx.root.appendChild(form);
  form.elements.contact.focus();
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const login = form.elements.contact.value.trim();
    if (!login) return showError(form, localError('contact', 'acct.contact_empty'));
    busy(submit, true, t('common.saving'));
    try {
      await api('POST', '/api/v1/citizen/password-reset', { login: login });
    } catch (err) {
      busy(submit, false);
      return showError(form, err, CONTACT_ALIAS);
    }
    if (!ctx.isCurrent()) return;
    form.hidden = true;
    confirmReset(ctx, login);
  });
}

function confirmReset(ctx, login) {
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-wide' }, t('acct.reset_submit'));
  const form = h('form', { class: 'card narrow', novalidate: true, 'aria-labelledby': 'rc-h', id: 'reset-confirm-form' },
    h('h1', { id: 'rc-h' }, t('acct.reset_heading')),
    h('p', { class: 'status status-ok', role: 'status' }, t('acct.reset_sent', { contact: login })),
    formError(),
    field({ name: 'code', label: t('acct.code'), hint: t('acct.code_hint'), autocomplete: 'one-time-code',
      attrs: { inputmode: 'numeric', maxlength: '6' } }),
    field({ name: 'new_password', label: t('acct.new_password'), hint: t('acct.password_hint'), type: 'password',
      autocomplete: 'new-password', reveal: true }),
    submit);
  ctx.root.appendChild(form);
  form.elements.code.focus();
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const code = form.elements.code.value.trim();
    const pw = form.elements.new_password.value;
    const errs = [];
    if (!/^\d{6}$/.test(code)) errs.push(localError('code', 'acct.code_bad'));
    if (!pw) errs.push(localError('new_password', 'login.password_empty'));
    if (errs.length) return showError(form, errs);
    busy(submit, true, t('common.saving'));
    try {
      await api('POST', '/api/v1/citizen/password-reset/confirm', { login: login, code: code, new_password: pw });
    } catch (err) {
      busy(submit, false);
      return showError(form, err, { password: 'new_password' });
    }
    flash('acct.reset_done', 'ok');
    ctx.navigate('/dang-nhap?next=' + encodeURIComponent(MY_PATH));
  });
}
