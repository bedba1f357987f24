// pages/admin-units.js - "/lam-viec/don-vi", the administrator's unit tree:
// the units of the subtrees where the person is an administrator (GET
// /api/v1/units, already in tree order with each unit's depth and parent),
// each with its kind in words, agency code, names in both languages; "Sửa"
// opens a form to rename it (PUT /api/v1/units/{code}: name, name_en,
// agency_code); a form creates a unit under a chosen parent (POST
// /api/v1/units).  The server checks everything; its errors go under the field.
import { t } from '../i18n.js';
import { api, showError, clearErrors, localError } from '../api.js';
import { h, clear, field, formError, statusBox, setStatus, busy } from '../dom.js';
import { unitName, errorBox } from '../format.js';
import { adminUnits, unitSelect } from './calendar.js';

const KINDS = ['province', 'district', 'commune', 'office', 'department', 'desk'];
// the kind a new unit most likely has under a parent of this kind
const CHILD_KIND = { province: 'district', district: 'commune', commune: 'desk', office: 'desk', department: 'desk', desk: 'desk' };

export async function render(ctx) {
  ctx.root.appendChild(h('h1', null, t('units.heading')));
  ctx.root.appendChild(h('p', { class: 'lead' }, t('units.intro')));
  const status = statusBox();
  const treeBox = h('section', { class: 'card', id: 'unit-tree', 'aria-labelledby': 'units-tree-h' });
  const editBox = h('section', { class: 'card', id: 'unit-edit', 'aria-labelledby': 'units-edit-h', hidden: true });
  const createBox = h('section', { class: 'card', id: 'unit-create', 'aria-labelledby': 'units-create-h' });
  ctx.root.appendChild(status);
  ctx.root.appendChild(treeBox);
  ctx.root.appendChild(editBox);
  ctx.root.appendChild(createBox);

  let mine = [];
  if (!(await reload())) return;
  if (!mine.length) {
    clear(treeBox).appendChild(h('p', null, t('units.no_units')));
    createBox.hidden = true;
    return;
  }
  createForm();

  // Reads the tree again; false if the page is gone or failed.
  async function reload() {
    let all;
    treeBox.setAttribute('aria-busy', 'true');
    try {
      all = (await api('GET', '/api/v1/units')).units || [];
    } catch (e) {
      if (ctx.isCurrent()) clear(treeBox).appendChild(errorBox(e));
      return false;
    } finally {
      treeBox.removeAttribute('aria-busy');
    }
    if (!ctx.isCurrent()) return false;
    mine = adminUnits(all);
    if (mine.length) drawTree(all);
    return true;
  }

  function drawTree(all) {
    const byCode = {};
    all.forEach((u) => { byCode[u.code] = u; });
    const top = Math.min.apply(null, mine.map((u) => u.depth || 0));
    const cols = ['name', 'kind', 'agency', 'code', 'action'];
    const label = (c) => t('units.col.' + c);
    clear(treeBox).appendChild(h('h2', { id: 'units-tree-h' }, t('units.tree_heading', { count: mine.length })));
    treeBox.appendChild(h('table', { class: 'rtable unit-tree' },
      h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col' }, label(c))))),
      h('tbody', null, mine.map((u) => {
        const depth = Math.min(6, Math.max(0, (u.depth || 0) - top));
        const parent = u.parent && byCode[u.parent];
        const edit = h('button', { type: 'button', class: 'btn btn-small', 'aria-label': t('units.edit_who', { name: unitName(u) }) },
          t('units.edit'));
        edit.addEventListener('click', () => openEdit(u));
        return h('tr', { 'data-code': u.code, 'data-depth': String(depth) },
          h('td', { 'data-label': label('name') }, h('div', { class: 'unit-name ud-' + depth },
            h('span', { class: 'strong' }, u.name),
            u.name_en ? h('span', { class: 'muted small', lang: 'en' }, u.name_en) : null,
            parent && depth > 0 ? h('span', { class: 'muted small' }, t('units.under', { parent: unitName(parent) })) : null)),
          h('td', { 'data-label': label('kind') }, h('span', { class: 'tag tag-kind' }, kindLabel(u.kind))),
          h('td', { 'data-label': label('agency') }, u.agency_code ? h('span', { class: 'code' }, u.agency_code) : h('span', { class: 'muted' }, t('units.no_agency'))),
          h('td', { 'data-label': label('code') }, h('span', { class: 'code' }, u.code)),
          h('td', { 'data-label': label('action') }, edit));
      }))));
  }

  function openEdit(u) {
    clear(editBox).hidden = false;
    const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('units.save'));
    const cancel = h('button', { type: 'button', class: 'btn' }, t('units.cancel'));
    const heading = h('h2', { id: 'units-edit-h', tabindex: '-1' }, t('units.edit_heading', { name: u.name }));
    const form = h('form', { class: 'unit-edit', novalidate: true, 'data-code': u.code },
      formError(),
      h('div', { class: 'grid-fields' },
        field({ name: 'name', label: t('units.f.name'), attrs: { value: u.name } }),
        field({ name: 'name_en', label: t('units.f.name_en'), hint: t('common.optional'), attrs: { value: u.name_en || '', lang: 'en' } }),
        field({ name: 'agency_code', label: t('units.f.agency_code'), hint: t('units.f.agency_code_hint'),
          attrs: { value: u.agency_code || '', autocapitalize: 'none', spellcheck: 'false' } })),
      h('p', { class: 'muted small' }, t('units.edit_fixed', { code: u.code, kind: kindLabel(u.kind) })),
      h('p', { class: 'actions' }, submit, ' ', cancel));
    editBox.appendChild(heading);
    editBox.appendChild(form);
    cancel.addEventListener('click', () => closeEdit(u.code));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const f = form.elements;
      const body = { name: f.name.value.trim(), name_en: f.name_en.value.trim(), agency_code: f.agency_code.value.trim() };
      if (!body.name) return showError(form, [localError('name', 'units.f.name_empty')]);
      busy(submit, true, t('common.saving'));
      let saved;
      try {
        saved = await api('PUT', '/api/v1/units/' + encodeURIComponent(u.code), body);
      } catch (err) {
        busy(submit, false);
        return showError(form, err);
      }
      busy(submit, false);
      clearErrors(form);
      setStatus(status, t('units.saved', { name: saved.name }), 'ok');
      if (await reload()) closeEdit(u.code);
    });
    editBox.scrollIntoView({ block: 'start' });
    heading.focus();
  }

  function closeEdit(code) {
    clear(editBox).hidden = true;
    const row = treeBox.querySelector('tr[data-code="' + code + '"] button');
    if (row) row.focus();
  }

  function createForm() {
    const parentSel = unitSelect(mine, mine[0].code);
    const kindSel = h('select', null, KINDS.map((k) => h('option', { value: k }, kindLabel(k))));
    const guessKind = () => {
      const p = mine.filter((u) => u.code === parentSel.value)[0];
      if (p) kindSel.value = CHILD_KIND[p.kind] || 'desk';
    };
    guessKind();
    parentSel.addEventListener('change', guessKind);
    const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('units.create_submit'));
    const done = statusBox();
    const form = h('form', { class: 'unit-create', novalidate: true },
      formError(),
      h('div', { class: 'grid-fields' },
        field({ name: 'parent', label: t('units.f.parent'), control: parentSel }),
        field({ name: 'kind', label: t('units.f.kind'), control: kindSel }),
        field({ name: 'code', label: t('units.f.code'), hint: t('units.f.code_hint'), attrs: { autocapitalize: 'none', spellcheck: 'false' } }),
        field({ name: 'agency_code', label: t('units.f.agency_code'), hint: t('units.f.agency_code_hint'),
          attrs: { autocapitalize: 'none', spellcheck: 'false' } }),
        field({ name: 'name', label: t('units.f.name') }),
        field({ name: 'name_en', label: t('units.f.name_en'), hint: t('common.optional'), attrs: { lang: 'en' } }),
        field({ name: 'address', label: t('units.f.address'), hint: t('common.optional') }),
        field({ name: 'phone', label: t('units.f.phone'), type: 'tel', hint: t('common.optional') })),
      submit, done);
    clear(createBox).appendChild(h('h2', { id: 'units-create-h' }, t('units.create_heading')));
    createBox.appendChild(h('p', { class: 'muted' }, t('units.create_intro')));
    createBox.appendChild(form);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      setStatus(done, '');
      const f = form.elements;
      const body = {
        parent: f.parent.value, kind: f.kind.value, code: f.code.value.trim(), name: f.name.value.trim(),
        name_en: f.name_en.value.trim(), agency_code: f.agency_code.value.trim(), address: f.address.value.trim(),
        phone: f.phone.value.trim(),
      };
      const errs = [];
      if (!body.code) errs.push(localError('code', 'units.f.code_empty'));
      if (!body.name) errs.push(localError('name', 'units.f.name_empty'));
      if (errs.length) return showError(form, errs);
      busy(submit, true, t('common.saving'));
      let made;
      try {
        made = await api('POST', '/api/v1/units', body);
      } catch (err) {
        busy(submit, false);
        return showError(form, err);
      }
      busy(submit, false);
      clearErrors(form);
      const parentCode = body.parent;
      form.reset();
      if (!(await reload())) return;
      // the new unit can itself be a parent now
      const fresh = unitSelect(mine, parentCode);
      while (parentSel.firstChild) parentSel.removeChild(parentSel.firstChild);
      while (fresh.firstChild) parentSel.appendChild(fresh.firstChild);
      parentSel.value = parentCode;
      guessKind();
      setStatus(done, t('units.created', { name: made.name, code: made.code }), 'ok');
      const row = treeBox.querySelector('tr[data-code="' + made.code + '"]');
      if (row) row.classList.add('is-new');
    });
  }
}

function kindLabel(kind) {
  return KINDS.indexOf(kind) >= 0 ? t('units.kind.' + kind) : kind;
}
