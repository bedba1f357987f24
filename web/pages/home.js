// pages/home.js - the citizens' portal home ("/"): no sign-in needed.
// The procedure search (results while typing, filters, popular fields), the
// dossier lookup by code, and the list of places where dossiers are
// submitted, from GET /api/v1/units (units of kind "desk").
import { t, lang } from '../i18n.js';
import { api, localError, showError, clearErrors } from '../api.js';
import { h, field, formError } from '../dom.js';
import { procedureSearch, loadFields, fieldName } from '../search.js';
import { normalizeCode } from '../format.js';

export async function render(ctx) {
  const desks = h('div', { class: 'desk-list', 'aria-busy': 'true' }, h('p', { class: 'muted' }, t('common.loading')));
  ctx.root.appendChild(h('div', { class: 'home' },
    h('section', { class: 'hero' },
      h('h1', null, t('home.heading')),
      h('p', { class: 'lead' }, t('home.lead'))),
    h('div', { class: 'tools' }, searchBox(ctx), lookupBox(ctx)),
    h('section', { class: 'desks', 'aria-labelledby': 'desks-h' },
      h('h2', { id: 'desks-h' }, t('home.desks.heading')),
      h('p', null, t('home.desks.intro')),
      desks)));
  await loadDesks(desks, ctx);
}

// Procedure catalog search (search.js), with the popular fields as quick
// filters: GET /api/v1/fields for names, GET /api/v1/catalog/stats for counts.
function searchBox(ctx) {
  const search = procedureSearch({});
  const fields = h('div', { class: 'popular', 'aria-labelledby': 'pop-h' },
    h('h3', { id: 'pop-h', class: 'h-small' }, t('home.fields.heading')));
  const section = h('section', { class: 'card tool tool-search', 'aria-labelledby': 'search-h' },
    h('h2', { id: 'search-h' }, t('home.search.heading')),
    search.el,
    fields);
  loadPopular(fields, search, ctx);
  return section;
}

async function loadPopular(box, search, ctx) {
  let by, stats;
  try {
    const r = await Promise.all([loadFields(), api('GET', '/api/v1/catalog/stats')]);
    by = r[0];
    stats = r[1];
  } catch (e) {
    box.hidden = true; // the search still works without them
    return;
  }
  if (!ctx.isCurrent()) return;
  const counts = stats.by_field || {};
  const top = Object.keys(counts).filter((c) => by[c]).sort((a, b) => counts[b] - counts[a]).slice(0, 8);
  box.appendChild(h('ul', { class: 'chips' }, top.map((c) => h('li', null,
    h('button', { type: 'button', class: 'btn chip', 'data-field': c, onclick: () => search.setField(c) },
      fieldName(by[c]), ' ', h('span', { class: 'chip-count' }, t('home.fields.count', { count: counts[c] })))))));
  box.appendChild(h('p', { class: 'muted small' }, t('home.fields.total', {
    total: stats.total || 0, full: (stats.by_online || {}).full || 0, partial: (stats.by_online || {}).partial || 0 })));
}

// Dossier lookup by the code printed on the receipt (Thông tư 01/2018 art. 19):
// opens /tra-cuu/<code>, the same page the receipt's QR code leads to.
function lookupBox(ctx) {
  const form = h('form', { class: 'card tool', novalidate: true, 'aria-labelledby': 'lookup-h' },
    h('h2', { id: 'lookup-h' }, t('home.lookup.heading')),
    field({ name: 'code', label: t('home.lookup.label'), hint: t('home.lookup.hint'),
      attrs: { autocapitalize: 'characters', spellcheck: 'false', inputmode: 'text' } }),
    formError(),
    h('button', { type: 'submit', class: 'btn btn-primary' }, t('home.lookup.submit')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const code = normalizeCode(form.elements.code.value);
    if (!code) return showError(form, localError('code', 'home.lookup.empty'));
    clearErrors(form);
    ctx.navigate('/tra-cuu/' + encodeURIComponent(code));
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
  // The district's desk first, then the communes' in the order they were set
  // up (by id: the demo puts the town first; the API lists siblings by code).
  const level = (u) => {
    for (let p = parentOf(u); p; p = parentOf(p)) if (p.kind === 'commune') return 1;
    return 0;
  };
  const desks = units.filter((u) => u.kind === 'desk' && u.active !== false);
  desks.sort((a, b) => level(a) - level(b) || a.id - b.id);
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
