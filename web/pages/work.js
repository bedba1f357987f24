// pages/work.js - the officials' (and signed-in citizens') workspace
// ("/lam-viec").  Says who you are, lists each role you hold with its unit,
// the worklist of your unit (pages/worklist.js) if you handle dossiers, and
// for each role a card of its modules (the ones still to come are marked).  An administrator also gets the accounts of their
// units (pages/admin-users.js, loaded only for them).
import { t } from '../i18n.js';
import { getSession } from '../api.js';
import { h } from '../dom.js';
import { WORK_PATH } from '../app.js';

// The modules each role will get, in the order they matter to that role.
// Keys in i18n: work.mod.<name>.
const MODULES = {
  admin: ['accounts', 'units', 'catalog', 'workflows', 'calendar', 'settings', 'audit'],
  desk_officer: ['intake', 'online_check', 'return', 'tracking_book'],
  specialist: ['assigned', 'due_soon', 'supplement', 'opinions'],
  head: ['assign', 'review', 'late_dept', 'opinions'],
  leader: ['to_sign', 'dashboard', 'overview', 'apologies'],
  reporter: ['report06', 'quality', 'service_index', 'appendices', 'exports', 'audit'],
  citizen: ['submit_online', 'my_dossiers', 'rating', 'feedback'],
};
// Modules that already work: where they are (a section of this page or a page).
const READY = {
  accounts: '#tai-khoan', intake: WORK_PATH + '/tiep-nhan', return: '#ket-qua-cho-tra',
  assigned: '#ho-so', due_soon: '#ho-so', supplement: '#ho-so', review: '#ho-so', late_dept: '#ho-so',
  to_sign: '#ho-so', overview: WORK_PATH + '/bao-cao', apologies: '#ho-so', report06: WORK_PATH + '/bao-cao',
  calendar: WORK_PATH + '/lich', dashboard: WORK_PATH + '/dieu-hanh',
  quality: WORK_PATH + '/chat-luong', service_index: WORK_PATH + '/chi-so', appendices: WORK_PATH + '/phu-luc',
  units: WORK_PATH + '/don-vi', catalog: WORK_PATH + '/thu-tuc',
  tracking_book: WORK_PATH + '/so-theo-doi', exports: WORK_PATH + '/so-theo-doi',
  settings: WORK_PATH + '/cai-dat', audit: WORK_PATH + '/nhat-ky', workflows: WORK_PATH + '/quy-trinh', opinions: '#y-kien',
  submit_online: '/', my_dossiers: '/ho-so-cua-toi', rating: '/ho-so-cua-toi', online_check: '#ho-so',
};
// Roles that read dossiers, so get the worklist of their unit.
const READERS = ['desk_officer', 'specialist', 'head', 'leader', 'reporter'];

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
    roles.some((r) => r.role === 'desk_officer')
      ? h('p', null, h('a', { href: WORK_PATH + '/tiep-nhan', class: 'btn btn-primary' }, t('work.new_intake'))) : null,
    h('p', null, h('a', { href: WORK_PATH + '/doi-mat-khau' }, t('work.change_password')))));

  // the worklist goes here, filled once loaded (the cards do not wait for it)
  const wlBox = h('div');
  ctx.root.appendChild(wlBox);

  const cards = h('div', { class: 'role-cards' });
  const seen = {};
  roles.forEach((r) => {
    if (seen[r.role]) return; // one card per role, even if held in several units
    seen[r.role] = true;
    cards.appendChild(roleCard(r.role, roles.filter((x) => x.role === r.role)));
  });
  ctx.root.appendChild(cards);

  const readers = roles.filter((r) => READERS.indexOf(r.role) >= 0);
  if (readers.length) {
    const wl = await import('./worklist.js');
    if (!ctx.isCurrent()) return;
    await wl.render(Object.assign({}, ctx, { root: wlBox }), readers);
    if (!ctx.isCurrent()) return;
  }

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
      READY[m] ? h('a', { href: READY[m] }, t('work.mod.' + m)) : h('span', null, t('work.mod.' + m)),
      ' ',
      READY[m]
        ? h('span', { class: 'tag tag-ready' }, t('work.ready'))
        : h('span', { class: 'tag' }, t('work.coming'))))));
}
