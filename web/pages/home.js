// pages/home.js - the citizens' portal home ("/"): no sign-in needed.
// A procedure search and a dossier lookup (both wait for their APIs: they
// explain that the feature is coming) and the list of places where dossiers
// are submitted, from GET /api/v1/units (units of kind "desk").
import { t, lang } from '../i18n.js';
import { api, localError, showError, clearErrors } from '../api.js';
import { h, field, formError, statusBox, setStatus } from '../dom.js';

export async function render(ctx) {
  const desks = h('div', { class: 'desk-list', 'aria-busy': 'true' }, h('p', { class: 'muted' }, t('common.loading')));
  ctx.root.appendChild(h('div', { class: 'home' },
    h('section', { class: 'hero' },
      h('h1', null, t('home.heading')),
      h('p', { class: 'lead' }, t('home.lead'))),
    h('div', { class: 'tools' }, searchBox(), lookupBox()),
    h('section', { class: 'desks', 'aria-labelledby': 'desks-h' },
      h('h2', { id: 'desks-h' }, t('home.desks.heading')),
      h('p', null, t('home.desks.intro')),
      desks)));
  await loadDesks(desks, ctx);
}

// Procedure catalog search.  The catalog API comes in a later release:
// searchCatalog() is where the request will go.
function searchBox() {
  const status = statusBox();
  const form = h('form', { class: 'card tool', role: 'search', novalidate: true },
    h('h2', null, t('home.search.heading')),
    field({ name: 'q', label: t('home.search.label'), type: 'search',
      attrs: { placeholder: t('home.search.placeholder'), enterkeyhint: 'search' } }),
    formError(),
    h('button', { type: 'submit', class: 'btn btn-primary' }, t('home.search.submit')),
    status);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = form.elements.q.value.trim();
    if (!q) return showError(form, localError('q', 'home.search.empty'));
    clearErrors(form);
    setStatus(status, t('home.search.coming'), 'info');
  });
  return form;
}

// Dossier lookup by the code printed on the receipt (Thông tư 01/2018 art. 19).
function lookupBox() {
  const status = statusBox();
  const form = h('form', { class: 'card tool', novalidate: true },
    h('h2', null, t('home.lookup.heading')),
    field({ name: 'code', label: t('home.lookup.label'), hint: t('home.lookup.hint'),
      attrs: { autocapitalize: 'characters', spellcheck: 'false', inputmode: 'text' } }),
    formError(),
    h('button', { type: 'submit', class: 'btn btn-primary' }, t('home.lookup.submit')),
    status);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const code = form.elements.code.value.trim();
    if (!code) return showError(form, localError('code', 'home.lookup.empty'));
    clearErrors(form);
    setStatus(status, t('home.lookup.coming'), 'info');
  });
  return form;
}

function unitName(u) {
  return lang() === 'en' && u.name_en ? u.name_en : u.name;
}

async function loadDesks(box, ctx) {
  let units;
  try {
    units = (await api('GET', '/api/v1/units')).units || [];
  } catch (e) {
    if (!ctx.isCurrent()) return;
    box.removeAttribute('aria-busy');
    box.textContent = '';
    box.appendChild(h('p', { class: 'status status-error', role: 'alert' }, e.text ? e.text() : t('error.unexpected')));
    box.appendChild(h('button', { type: 'button', class: 'btn', onclick: () => loadDesks(box, ctx) }, t('common.retry')));
    return;
  }
  if (!ctx.isCurrent()) return;
  // The tree is in each unit's path ("/1/4/9/"): the parent's path drops the last id.
  const byPath = {};
  units.forEach((u) => { byPath[u.path] = u; });
  const parentOf = (u) => (u ? byPath[u.path.replace(/[^/]+\/$/, '')] : null);
  // A desk's own address/phone, else that of the units above it up to its
  // commune or district (never the province's).
  const inherited = (u, key) => {
    for (let p = u; p; p = parentOf(p)) {
      if (p[key]) return p[key];
      if (p.kind === 'commune' || p.kind === 'district') break;
    }
    return '';
  };
  // The district's desk first, then the communes' in the server's order.
  const level = (u) => {
    for (let p = parentOf(u); p; p = parentOf(p)) if (p.kind === 'commune') return 1;
    return 0;
  };
  const desks = units.filter((u) => u.kind === 'desk' && u.active !== false);
  desks.sort((a, b) => level(a) - level(b));
  box.removeAttribute('aria-busy');
  box.textContent = '';
  if (!desks.length) {
    box.appendChild(h('p', null, t('home.desks.none')));
    return;
  }
  box.appendChild(h('ul', { class: 'cards' }, desks.map((d) => deskCard(d, parentOf(d), inherited(d, 'address'), inherited(d, 'phone')))));
}

function deskCard(d, parent, address, phone) {
  return h('li', { class: 'card desk', 'data-unit': d.code },
    h('h3', null, unitName(d)),
    h('dl', null,
      parent ? [h('dt', null, t('home.desk.parent')), h('dd', null, unitName(parent))] : null,
      h('dt', null, t('home.desk.address')), h('dd', null, address || t('home.desk.no_address')),
      h('dt', null, t('home.desk.phone')),
      h('dd', null, phone ? h('a', { href: 'tel:' + phone.replace(/[^0-9+]/g, '') }, phone) : t('home.desk.no_phone'))));
}
