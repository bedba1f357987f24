// pages/login.js - sign-in ("/dang-nhap"): username, phone or e-mail, and the
// password.  The server's error (wrong password, too many attempts, disabled
// account) is shown in the current language, next to the field it names.
import { t } from '../i18n.js';
import { api, getSession, setSession, localError, showError } from '../api.js';
import { h, field, formError, busy } from '../dom.js';
import { WORK_PATH } from '../app.js';

// Only paths of this site are accepted as ?next= (no open redirect).
function nextPath(q) {
  const n = q.get('next') || '';
  const s = getSession();
  const home = s && s.user.is_citizen ? '/ho-so-cua-toi' : WORK_PATH;
  return /^\/[^/\\]/.test(n) && n.indexOf('/dang-nhap') !== 0 ? n : home;
}

export async function render(ctx) {
  if (getSession()) return ctx.navigate(nextPath(ctx.query), true);
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-wide' }, t('login.submit'));
  const form = h('form', { class: 'card narrow', novalidate: true, 'aria-labelledby': 'login-h' },
    h('h1', { id: 'login-h' }, t('login.heading')),
    h('p', { class: 'muted' }, t('login.intro')),
    formError(),
    field({ name: 'login', label: t('login.login'), hint: t('login.login_hint'), autocomplete: 'username',
      attrs: { autocapitalize: 'none', spellcheck: 'false' } }),
    field({ name: 'password', label: t('login.password'), type: 'password', autocomplete: 'current-password', reveal: true }),
    submit,
    h('p', { class: 'small' }, h('a', { href: '/quen-mat-khau' }, t('login.forgot_link')), ' · ',
      h('a', { href: '/dang-ky' }, t('login.register_link'))),
    h('p', { class: 'muted small' }, t('login.forgot')));
  ctx.root.appendChild(form);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const login = form.elements.login.value.trim();
    const password = form.elements.password.value;
    const missing = [];
    if (!login) missing.push(localError('login', 'login.login_empty'));
    if (!password) missing.push(localError('password', 'login.password_empty'));
    if (missing.length) return showError(form, missing);
    busy(submit, true, t('login.submitting'));
    try {
      setSession(await api('POST', '/api/v1/auth/login', { login: login, password: password }, { allow401: true }));
    } catch (err) {
      busy(submit, false);
      form.elements.password.value = '';
      return showError(form, err);
    }
    ctx.navigate(nextPath(ctx.query), true);
  });
  form.elements.login.focus();
}
