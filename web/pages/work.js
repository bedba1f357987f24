// pages/work.js - the officials' (and signed-in citizens') workspace
// ("/lam-viec").  Says who you are, lists each role you hold with its unit,
// and for each role a card of what you will do here: placeholders for the
// modules still to come.  An administrator also gets the accounts of their
// units (pages/admin-users.js, loaded only for them).
import { t } from '../i18n.js';
import { getSession } from '../api.js';
import { h } from '../dom.js';
import { WORK_PATH } from '../app.js';

// The modules each role will get, in the order they matter to that role.
// Keys in i18n: work.mod.<name>.
const MODULES = {
  admin: ['accounts', 'units', 'catalog', 'workflows', 'calendar'],
  desk_officer: ['intake', 'online_check', 'return', 'tracking_book'],
  specialist: ['assigned', 'due_soon', 'supplement'],
  head: ['assign', 'review', 'late_dept'],
  leader: ['to_sign', 'overview', 'apologies'],
  reporter: ['report06', 'exports', 'audit'],
  citizen: ['submit_online', 'my_dossiers', 'rating', 'feedback'],
};
const READY = { accounts: 'tai-khoan' }; // modules that already work: the anchor of their section

export function roleLabel(role) {
  return MODULES[role] ? t('role.' + role) : role;
}

export async function render(ctx) {
  const s = getSession();
  const u = s.user;
  const roles = u.roles || [];
  ctx.root.appendChild(h('section', { class: 'welcome' },
    h('h1', null, t('work.hello', { name: u.full_name })),
    roles.length
      ? h('div', null,
        h('h2', { class: 'h-small' }, t('work.your_roles')),
        h('ul', { class: 'role-list' }, roles.map((r) => h('li', { 'data-role': r.role },
          h('strong', null, roleLabel(r.role)),
          r.unit_name ? h('span', null, ' – ' + r.unit_name) : null))))
      : h('p', null, t('work.no_roles')),
    h('p', null, h('a', { href: WORK_PATH + '/doi-mat-khau' }, t('work.change_password')))));

  const cards = h('div', { class: 'role-cards' });
  const seen = {};
  roles.forEach((r) => {
    if (seen[r.role]) return; // one card per role, even if held in several units
    seen[r.role] = true;
    cards.appendChild(roleCard(r.role, roles.filter((x) => x.role === r.role)));
  });
  ctx.root.appendChild(cards);

  const adminGrants = roles.filter((r) => r.role === 'admin');
  if (adminGrants.length) {
    const mod = await import('./admin-users.js');
    if (ctx.isCurrent()) await mod.render(ctx, adminGrants);
  }
}

function roleCard(role, grants) {
  const units = grants.map((g) => g.unit_name).filter(Boolean).join(', ');
  return h('section', { class: 'card role-card', 'data-role': role, 'aria-labelledby': 'rc-' + role },
    h('h2', { id: 'rc-' + role }, roleLabel(role)),
    units ? h('p', { class: 'muted' }, units) : null,
    h('p', null, t('work.intro.' + role)),
    h('ul', { class: 'modules' }, (MODULES[role] || []).map((m) => h('li', null,
      READY[m] ? h('a', { href: '#' + READY[m] }, t('work.mod.' + m)) : h('span', null, t('work.mod.' + m)),
      ' ',
      READY[m]
        ? h('span', { class: 'tag tag-ready' }, t('work.ready'))
        : h('span', { class: 'tag' }, t('work.coming'))))));
}
