// pages/admin-users.js - the administrator's part of the workspace: the staff
// accounts of a unit and everything below it (GET /api/v1/users?unit=),
// disable / enable with a confirmation, a role taken away (confirmed) or given
// (POST/DELETE /api/v1/users/{id}/roles), and a form to create an account
// (POST /api/v1/users).  Units come from GET /api/v1/units, limited to the
// subtrees where the person is an administrator.
import { t, lang } from '../i18n.js';
import { api, showError, clearErrors, localError, getSession } from '../api.js';
import { h, clear, field, formError, statusBox, setStatus, busy } from '../dom.js';
import { roleLabel } from './work.js';

const STAFF_ROLES = ['desk_officer', 'specialist', 'head', 'leader', 'reporter', 'admin'];

export async function render(ctx, adminGrants) {
  const section = h('section', { class: 'admin', id: 'tai-khoan', 'aria-labelledby': 'admin-h' },
    h('h2', { id: 'admin-h' }, t('admin.heading')));
  ctx.root.appendChild(section);
  let units;
  try {
    units = (await api('GET', '/api/v1/units')).units || [];
  } catch (e) {
    section.appendChild(h('p', { class: 'status status-error', role: 'alert' }, e.text()));
    return;
  }
  if (!ctx.isCurrent()) return;
  const scopes = adminGrants.map((g) => g.unit_path).filter(Boolean);
  const mine = units.filter((u) => scopes.some((p) => u.path.indexOf(p) === 0));
  mine.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const first = mine.find((u) => u.path === scopes[0]) || mine[0];
  if (!first) return;

  const listStatus = statusBox();
  const tableBox = h('div', { class: 'table-box' });
  const unitSelect = unitOptions(h('select'), mine, first.code);
  const filter = h('form', { class: 'filter', novalidate: true },
    field({ name: 'unit', label: t('admin.unit_filter'), control: unitSelect }));
  filter.addEventListener('submit', (e) => e.preventDefault());
  unitSelect.addEventListener('change', () => loadUsers());
  section.appendChild(filter);
  section.appendChild(listStatus);
  section.appendChild(tableBox);
  const grant = grantForm(mine, first.code, async (msg) => {
    await loadUsers();
    setStatus(listStatus, msg, 'ok');
  });
  section.appendChild(grant.form);
  section.appendChild(createForm(mine, first.code, (username) => {
    setStatus(listStatus, t('admin.created', { username: username }), 'ok');
    loadUsers();
  }));

  async function loadUsers() {
    const code = unitSelect.value;
    tableBox.setAttribute('aria-busy', 'true');
    try {
      const data = await api('GET', '/api/v1/users?unit=' + encodeURIComponent(code));
      if (!ctx.isCurrent()) return;
      clear(tableBox).appendChild(usersTable(data.users || [], unitLabel(mine.find((u) => u.code === code)), onToggle, onRevoke));
      grant.setUsers(data.users || []);
    } catch (e) {
      clear(tableBox).appendChild(h('p', { class: 'status status-error', role: 'alert' }, e.text()));
    } finally {
      tableBox.removeAttribute('aria-busy');
    }
  }

  async function onToggle(user, button) {
    const disable = !user.disabled;
    const question = t(disable ? 'admin.confirm_disable' : 'admin.confirm_enable', { name: user.full_name, username: user.username });
    if (!window.confirm(question)) return;
    busy(button, true, t('common.saving'));
    try {
      await api('POST', '/api/v1/users/' + user.id + (disable ? '/disable' : '/enable'));
      await loadUsers(); // the message once the list shows the change
      setStatus(listStatus, t(disable ? 'admin.disabled_done' : 'admin.enabled_done', { username: user.username }), 'ok');
    } catch (e) {
      busy(button, false);
      setStatus(listStatus, e.text(), 'error');
    }
  }

  async function onRevoke(user, role, button) {
    const what = roleLabel(role.role) + (role.unit_name ? ' – ' + role.unit_name : '');
    if (!window.confirm(t('admin.confirm_revoke', { role: what, name: user.full_name }))) return;
    busy(button, true, t('common.saving'));
    try {
      await api('DELETE', '/api/v1/users/' + user.id + '/roles?role=' + encodeURIComponent(role.role) + '&unit=' + encodeURIComponent(role.unit));
      await loadUsers();
      setStatus(listStatus, t('admin.revoked', { role: what, username: user.username }), 'ok');
    } catch (e) {
      busy(button, false);
      setStatus(listStatus, e.text(), 'error');
    }
  }

  await loadUsers();
}

// "Give a role": an account of the list shown, a role, a unit.
function grantForm(units, defaultUnit, onDone) {
  const userSelect = h('select');
  const roleSelect = h('select', null, STAFF_ROLES.map((r) => h('option', { value: r }, roleLabel(r))));
  const unitSelect = unitOptions(h('select'), units, defaultUnit);
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('admin.grant_submit'));
  let users = [];
  const form = h('form', { class: 'card grant-role', novalidate: true, 'aria-labelledby': 'grant-h' },
    h('h3', { id: 'grant-h' }, t('admin.grant_heading')),
    h('p', { class: 'muted' }, t('admin.grant_intro')),
    formError(),
    h('div', { class: 'grid-fields' },
      field({ name: 'user', label: t('admin.f.account'), control: userSelect }),
      field({ name: 'role', label: t('admin.f.role'), control: roleSelect }),
      field({ name: 'unit', label: t('admin.f.unit'), control: unitSelect })),
    submit);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const u = users.find((x) => String(x.id) === userSelect.value);
    if (!u) return;
    busy(submit, true, t('common.saving'));
    try {
      await api('POST', '/api/v1/users/' + u.id + '/roles', { role: roleSelect.value, unit: unitSelect.value });
    } catch (err) {
      busy(submit, false);
      return showError(form, err);
    }
    busy(submit, false);
    clearErrors(form);
    const unit = units.find((x) => x.code === unitSelect.value);
    onDone(t('admin.granted', { role: roleLabel(roleSelect.value) + ' – ' + unitLabel(unit), username: u.username }));
  });
  return {
    form: form,
    // the accounts of the list on screen (citizens hold no staff role)
    setUsers(list) {
      const keep = userSelect.value;
      users = list.filter((x) => !x.is_citizen && !x.disabled);
      clear(userSelect);
      users.forEach((x) => userSelect.appendChild(h('option', { value: String(x.id), selected: String(x.id) === keep },
        x.full_name + ' (' + x.username + ')')));
      form.hidden = !users.length;
    },
  };
}

function unitLabel(u) {
  return u ? (lang() === 'en' && u.name_en ? u.name_en : u.name) : '';
}

// <option>s indented by depth in the tree (paths look like "/1/4/9/").
function unitOptions(select, units, selected) {
  const base = units.length ? units[0].path.split('/').length : 0;
  units.forEach((u) => {
    const depth = Math.max(0, u.path.split('/').length - base);
    const o = h('option', { value: u.code }, '\u00a0\u00a0'.repeat(depth) + unitLabel(u));
    if (u.code === selected) o.selected = true;
    select.appendChild(o);
  });
  return select;
}

function usersTable(users, unitName, onToggle, onRevoke) {
  const me = getSession().user.id;
  if (!users.length) return h('p', null, t('admin.no_users'));
  const cols = ['name', 'username', 'contact', 'roles', 'state', 'action'];
  const label = (c) => t('admin.col.' + c);
  return h('table', { class: 'users' },
    h('caption', null, t('admin.caption', { unit: unitName, count: users.length })),
    h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col' }, label(c))))),
    h('tbody', null, users.map((u) => {
      const btn = u.id === me ? null : h('button', { type: 'button', class: 'btn ' + (u.disabled ? '' : 'btn-danger'),
        'data-action': u.disabled ? 'enable' : 'disable',
        'aria-label': t(u.disabled ? 'admin.enable_who' : 'admin.disable_who', { name: u.full_name }) },
      t(u.disabled ? 'admin.enable' : 'admin.disable'));
      if (btn) btn.addEventListener('click', () => onToggle(u, btn));
      return h('tr', { 'data-username': u.username, class: u.disabled ? 'is-disabled' : null },
        h('td', { 'data-label': label('name') }, u.full_name),
        h('td', { 'data-label': label('username') }, u.username),
        h('td', { 'data-label': label('contact') }, [u.phone, u.email].filter(Boolean).join(' · ') || '–'),
        h('td', { 'data-label': label('roles') }, h('ul', { class: 'plain role-edit' }, (u.roles || []).map((r) => h('li', null,
          roleLabel(r.role) + (r.unit_name ? ' – ' + r.unit_name : ''), ' ',
          revokeButton(u, r, me, onRevoke))))),
        h('td', { 'data-label': label('state') }, h('span', { class: 'tag ' + (u.disabled ? 'tag-off' : 'tag-ready') },
          t(u.disabled ? 'admin.state_disabled' : 'admin.state_active'))),
        h('td', { 'data-label': label('action') }, btn || h('span', { class: 'muted' }, t('admin.you'))));
    })));
}

// "Take away" next to a role; not for the last one (disable the account
// instead) nor for one's own admin role: the server refuses both anyway.
function revokeButton(user, role, me, onRevoke) {
  if ((user.roles || []).length < 2 || (user.id === me && role.role === 'admin') || !role.unit) return null;
  const what = roleLabel(role.role) + (role.unit_name ? ' – ' + role.unit_name : '');
  const b = h('button', { type: 'button', class: 'btn btn-quiet btn-small', 'data-revoke': role.role + '@' + role.unit,
    'aria-label': t('admin.revoke_who', { role: what, name: user.full_name }) }, t('admin.revoke'));
  b.addEventListener('click', () => onRevoke(user, role, b));
  return b;
}

function createForm(units, defaultUnit, onCreated) {
  const roleSelect = h('select', null, STAFF_ROLES.map((r) => h('option', { value: r }, roleLabel(r))));
  const unitSelect = unitOptions(h('select'), units, defaultUnit);
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('admin.create_submit'));
  const status = statusBox();
  const form = h('form', { class: 'card create-user', novalidate: true, 'aria-labelledby': 'create-h' },
    h('h3', { id: 'create-h' }, t('admin.create_heading')),
    h('p', { class: 'muted' }, t('admin.create_intro')),
    formError(),
    h('div', { class: 'grid-fields' },
      field({ name: 'full_name', label: t('admin.f.full_name'), autocomplete: 'off' }),
      field({ name: 'username', label: t('admin.f.username'), hint: t('admin.f.username_hint'),
        attrs: { autocapitalize: 'none', spellcheck: 'false' } }),
      field({ name: 'phone', label: t('admin.f.phone'), type: 'tel', hint: t('common.optional') }),
      field({ name: 'email', label: t('admin.f.email'), type: 'email', hint: t('common.optional') }),
      field({ name: 'role', label: t('admin.f.role'), control: roleSelect, errorFor: 'role' }),
      field({ name: 'unit', label: t('admin.f.unit'), control: unitSelect, errorFor: 'roles' }),
      field({ name: 'password', label: t('admin.f.password'), hint: t('password.rule'), type: 'password',
        autocomplete: 'new-password', reveal: true })),
    submit,
    status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    setStatus(status, '');
    const f = form.elements;
    const body = {
      username: f.username.value.trim(), full_name: f.full_name.value.trim(),
      phone: f.phone.value.trim(), email: f.email.value.trim(), password: f.password.value,
      roles: [{ role: f.role.value, unit: f.unit.value }],
    };
    const errs = [];
    if (!body.full_name) errs.push(localError('full_name', 'admin.f.full_name_empty'));
    if (!body.username) errs.push(localError('username', 'admin.f.username_empty'));
    if (!body.password) errs.push(localError('password', 'admin.f.password_empty'));
    if (errs.length) return showError(form, errs);
    busy(submit, true, t('common.saving'));
    try {
      await api('POST', '/api/v1/users', body);
    } catch (err) {
      busy(submit, false);
      return showError(form, err);
    }
    busy(submit, false);
    clearErrors(form);
    form.reset();
    f.unit.value = defaultUnit;
    setStatus(status, t('admin.created', { username: body.username }), 'ok');
    onCreated(body.username);
  });
  return form;
}
