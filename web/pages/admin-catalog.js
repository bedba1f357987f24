// pages/admin-catalog.js - "/lam-viec/thu-tuc", the administrator's catalog
// of procedures: every procedure including drafts, replaced and abolished
// ones (GET /api/v1/procedures?all=1&q=&status=; the server ignores
// diacritics), the status in words, and a status change (publish, amend,
// replace, abolish) with the legal decision behind it (POST
// /api/v1/procedures/{code}/status {status, decision: {number, date,
// issuer}, replaced_by}), each confirmed.  Also the whole catalog as a JSON
// file: import (POST /api/v1/catalog/import, a dry run first, then confirmed;
// all or nothing) and export (GET /api/v1/catalog/export).
import { t, lang } from '../i18n.js';
import { api, showError, clearErrors, localError } from '../api.js';
import { h, clear, field, formError, statusBox, setStatus, busy } from '../dom.js';
import { procName, errorBox } from '../format.js';
import { loadFields, fieldName } from '../search.js';

const STATUSES = ['draft', 'in_force', 'amended', 'replaced', 'abolished'];
const TARGETS = ['in_force', 'amended', 'replaced', 'abolished']; // a status change never goes back to draft
const OPEN = ['in_force', 'amended'];
const PAGE = 50;
const DEBOUNCE_MS = 250;

export function statusLabel(s) {
  return STATUSES.indexOf(s) >= 0 ? t('catadm.status.' + s) : s;
}

function statusTagOf(s) {
  const cls = OPEN.indexOf(s) >= 0 ? 'tag-ready' : (s === 'draft' ? 'tag-draft' : 'tag-off');
  return h('span', { class: 'tag ' + cls, 'data-status': s }, statusLabel(s));
}

export async function render(ctx) {
  ctx.root.appendChild(h('h1', null, t('catadm.heading')));
  ctx.root.appendChild(h('p', { class: 'lead' }, t('catadm.intro')));
  let fields = {};
  try { fields = await loadFields(); } catch (e) { /* names of fields are a nicety: codes will do */ }
  if (!ctx.isCurrent()) return;

  const pageStatus = statusBox();
  const q = h('input', { type: 'search', autocomplete: 'off', spellcheck: 'false', placeholder: t('catadm.search_placeholder') });
  const st = h('select', null, h('option', { value: '' }, t('catadm.status_all')),
    STATUSES.map((s) => h('option', { value: s }, statusLabel(s))));
  const filter = h('form', { class: 'card catadm-filter', role: 'search', novalidate: true },
    h('div', { class: 'filters' },
      field({ name: 'q', label: t('catadm.search'), hint: t('catadm.search_hint'), control: q }),
      field({ name: 'status', label: t('catadm.status_filter'), control: st })));
  const count = h('p', { class: 'search-count', role: 'status', 'aria-live': 'polite' });
  const listBox = h('div', { class: 'table-box' });
  const more = h('button', { type: 'button', class: 'btn', hidden: true }, t('catadm.more'));
  const changeBox = h('section', { class: 'card', id: 'catadm-change', 'aria-labelledby': 'catadm-change-h', hidden: true });
  ctx.root.appendChild(filter);
  ctx.root.appendChild(pageStatus);
  ctx.root.appendChild(count);
  ctx.root.appendChild(listBox);
  ctx.root.appendChild(h('p', null, more));
  ctx.root.appendChild(changeBox);
  ctx.root.appendChild(fileCard());

  let seq = 0;
  let timer = 0;
  let rows = [];
  let total = 0;
  filter.addEventListener('submit', (e) => { e.preventDefault(); search(0); });
  q.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => search(0), DEBOUNCE_MS); });
  st.addEventListener('change', () => search(0));
  more.addEventListener('click', () => search(rows.length));
  await search(0);

  async function search(offset) {
    clearTimeout(timer);
    const my = ++seq;
    const qs = 'all=1&limit=' + PAGE + '&offset=' + offset + '&q=' + encodeURIComponent(q.value.trim()) +
      '&status=' + encodeURIComponent(st.value);
    listBox.setAttribute('aria-busy', 'true');
    let r;
    try {
      r = await api('GET', '/api/v1/procedures?' + qs);
    } catch (e) {
      if (my === seq && ctx.isCurrent()) { listBox.removeAttribute('aria-busy'); clear(listBox).appendChild(errorBox(e)); }
      return;
    }
    if (my !== seq || !ctx.isCurrent()) return;
    listBox.removeAttribute('aria-busy');
    rows = offset ? rows.concat(r.procedures || []) : (r.procedures || []);
    total = r.total || 0;
    count.textContent = total ? t('catadm.count', { shown: rows.length, total: total }) : t('catadm.none');
    more.hidden = rows.length >= total;
    clear(listBox);
    if (rows.length) listBox.appendChild(table(rows));
  }

  function table(list) {
    const cols = ['code', 'name', 'level', 'status', 'version', 'action'];
    const label = (c) => t('catadm.col.' + c);
    return h('table', { class: 'rtable catadm-table' },
      h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col' }, label(c))))),
      h('tbody', null, list.map((p) => {
        const btn = h('button', { type: 'button', class: 'btn btn-small', 'aria-label': t('catadm.change_who', { name: procName(p) }) },
          t('catadm.change'));
        btn.addEventListener('click', () => openChange(p));
        const name = p.status === 'draft' ? h('span', { class: 'strong' }, procName(p))
          : h('a', { href: '/thu-tuc/' + encodeURIComponent(p.code), class: 'strong' }, procName(p));
        return h('tr', { 'data-code': p.code, 'data-status': p.status },
          h('td', { 'data-label': label('code') }, h('span', { class: 'code' }, p.code)),
          h('td', { 'data-label': label('name') }, h('div', { class: 'catadm-name' }, name,
            h('span', { class: 'muted small' }, fieldName(fields[p.field]) || p.field))),
          h('td', { 'data-label': label('level') }, t('search.level.' + (p.level === 'commune' ? 'commune' : 'district'))),
          h('td', { 'data-label': label('status') }, statusTagOf(p.status)),
          h('td', { 'data-label': label('version') }, String(p.version || '')),
          h('td', { 'data-label': label('action') }, btn));
      })));
  }

  function openChange(p) {
    clear(changeBox).hidden = false;
    const options = TARGETS.filter((s) => s !== p.status);
    const target = p.status === 'draft' ? 'in_force' : (OPEN.indexOf(p.status) >= 0 ? 'abolished' : 'in_force');
    const sel = h('select', null, options.map((s) => h('option', { value: s, selected: s === target }, statusLabel(s))));
    const replacedBy = field({ name: 'replaced_by', label: t('catadm.f.replaced_by'), hint: t('catadm.f.replaced_by_hint'),
      attrs: { autocapitalize: 'none', spellcheck: 'false' } });
    const showReplaced = () => { replacedBy.hidden = sel.value !== 'replaced'; };
    sel.addEventListener('change', showReplaced);
    showReplaced();
    const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('catadm.save'));
    const cancel = h('button', { type: 'button', class: 'btn' }, t('catadm.cancel'));
    const heading = h('h2', { id: 'catadm-change-h', tabindex: '-1' }, t('catadm.change_heading', { name: procName(p) }));
    const form = h('form', { class: 'catadm-change', novalidate: true, 'data-code': p.code },
      h('p', null, t('catadm.current', { code: p.code }), ' ', statusTagOf(p.status)),
      formError(),
      h('div', { class: 'grid-fields' },
        field({ name: 'status', label: t('catadm.f.status'), control: sel }),
        replacedBy,
        field({ name: 'decision_number', label: t('catadm.f.number'), hint: t('catadm.f.number_hint') }),
        field({ name: 'decision_date', label: t('catadm.f.date'), type: 'date' }),
        field({ name: 'decision_issuer', label: t('catadm.f.issuer'), hint: t('common.optional') })),
      h('p', { class: 'actions' }, submit, ' ', cancel));
    changeBox.appendChild(heading);
    changeBox.appendChild(form);
    cancel.addEventListener('click', () => close(p.code));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const f = form.elements;
      const body = { status: f.status.value, decision: { number: f.decision_number.value.trim(),
        date: f.decision_date.value, issuer: f.decision_issuer.value.trim() } };
      if (body.status === 'replaced') body.replaced_by = f.replaced_by.value.trim();
      const errs = [];
      if (body.status === 'replaced' && !body.replaced_by) errs.push(localError('replaced_by', 'catadm.f.replaced_by_empty'));
      if (!body.decision.number) errs.push(localError('decision_number', 'catadm.f.number_empty'));
      if (!body.decision.date) errs.push(localError('decision_date', 'catadm.f.date_empty'));
      if (errs.length) return showError(form, errs);
      if (!window.confirm(t('catadm.confirm', { name: procName(p), code: p.code, status: statusLabel(body.status),
        number: body.decision.number }))) return;
      busy(submit, true, t('common.saving'));
      let r;
      try {
        r = await api('POST', '/api/v1/procedures/' + encodeURIComponent(p.code) + '/status', body);
      } catch (err) {
        busy(submit, false);
        return showError(form, err, { decision: 'decision_number' });
      }
      busy(submit, false);
      clearErrors(form);
      setStatus(pageStatus, t('catadm.changed', { code: p.code, status: statusLabel(body.status), version: r.version }), 'ok');
      clear(changeBox).hidden = true;
      await search(0);
      const again = listBox.querySelector('tr[data-code="' + p.code + '"] button');
      if (again) again.focus();
    });
    changeBox.scrollIntoView({ block: 'start' });
    heading.focus();
  }

  function close(code) {
    clear(changeBox).hidden = true;
    const b = listBox.querySelector('tr[data-code="' + code + '"] button');
    if (b) b.focus();
  }

  // Import (dry run, then confirmed) and export of the whole catalog.
  function fileCard() {
    const input = h('input', { type: 'file', accept: '.json,application/json' });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('catadm.import_submit'));
    const done = statusBox();
    const problems = h('ul', { class: 'import-errors', hidden: true });
    const form = h('form', { class: 'catadm-import', novalidate: true },
      formError(),
      field({ name: 'file', label: t('catadm.import_file'), hint: t('catadm.import_hint'), control: input }),
      submit, done, problems);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      setStatus(done, '');
      problems.hidden = true;
      clear(problems);
      const file = input.files && input.files[0];
      if (!file) return showError(form, [localError('file', 'catadm.import_choose')]);
      let doc;
      try {
        doc = JSON.parse(await readText(file));
      } catch (err) {
        return showError(form, [localError('file', 'catadm.import_bad_json')]);
      }
      busy(submit, true, t('catadm.import_checking'));
      try {
        const dry = await api('POST', '/api/v1/catalog/import?dry_run=1', doc);
        clearErrors(form);
        if (!dry.added && !dry.changed) {
          busy(submit, false);
          return setStatus(done, t('catadm.import_nothing', { unchanged: dry.unchanged }), 'info');
        }
        if (!window.confirm(t('catadm.import_confirm', { added: dry.added, changed: dry.changed, unchanged: dry.unchanged }))) {
          busy(submit, false);
          return;
        }
        const r = await api('POST', '/api/v1/catalog/import', doc);
        busy(submit, false);
        form.reset();
        setStatus(done, t('catadm.imported', { added: r.added, changed: r.changed, unchanged: r.unchanged }), 'ok');
        await search(0);
      } catch (err) {
        busy(submit, false);
        showError(form, err, { catalog: 'file', procedures: 'file', format: 'file' });
        const entries = err.entries || [];
        entries.slice(0, 50).forEach((x) => problems.appendChild(h('li', null,
          h('span', { class: 'code' }, x.code || '–'), ' – ', errText(x))));
        problems.hidden = !entries.length;
      }
    });
    return h('section', { class: 'card', id: 'catadm-file', 'aria-labelledby': 'catadm-file-h' },
      h('h2', { id: 'catadm-file-h' }, t('catadm.file_heading')),
      h('p', { class: 'muted' }, t('catadm.file_intro')),
      h('p', null, h('a', { href: '/api/v1/catalog/export', download: 'danh-muc-thu-tuc.json', class: 'btn', id: 'catadm-export' },
        t('catadm.export'))),
      form);
  }
}

function errText(x) {
  return lang() === 'en' ? (x.message_en || x.message) : (x.message || x.message_en);
}

// FileReader rather than Blob.text(): old Chromium and Firefox on the desks.
function readText(file) {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error);
    r.readAsText(file);
  });
}
