// search.js - the procedure catalog search used by the portal home and by the
// desk's intake screen: GET /api/v1/procedures?q=&level=&online=&field=.
// Results appear while typing (debounced); the server ignores diacritics, so
// "dang ky ho kinh doanh" finds "Đăng ký thành lập hộ kinh doanh" first.
// opts.onPick(proc): results become "Chọn" buttons instead of links.
// opts.fields: [{code, name, name_en, count}] shown as quick filters.
import { t, lang } from './i18n.js';
import { api } from './api.js';
import { h, clear, field } from './dom.js';
import { money, procName } from './format.js';

const DEBOUNCE_MS = 250;
const PAGE = 20;

let fieldsPromise = null;
// The fields (lĩnh vực) by code, fetched once.
export function loadFields() {
  if (!fieldsPromise) {
    fieldsPromise = api('GET', '/api/v1/fields').then((r) => {
      const by = {};
      (r.fields || []).forEach((f) => { by[f.code] = f; });
      return by;
    }, (e) => { fieldsPromise = null; throw e; });
  }
  return fieldsPromise;
}

export function fieldName(f) {
  return f ? (lang() === 'en' && f.name_en ? f.name_en : f.name) : '';
}

export function onlineBadge(online) {
  if (online !== 'full' && online !== 'partial') return null;
  return h('span', { class: 'tag tag-online', 'data-online': online }, t('proc.online.' + online));
}

export function procedureSearch(opts) {
  const o = opts || {};
  let seq = 0;
  let timer = 0;
  let shown = 0;
  let fieldFilter = '';
  let fieldsBy = {};
  const input = h('input', { type: 'search', autocomplete: 'off', spellcheck: 'false', enterkeyhint: 'search',
    placeholder: t('search.placeholder') });
  const level = h('select', null,
    h('option', { value: '' }, t('search.level.all')),
    h('option', { value: 'district' }, t('search.level.district')),
    h('option', { value: 'commune' }, t('search.level.commune')));
  const online = h('select', null,
    h('option', { value: '' }, t('search.online.all')),
    h('option', { value: 'full' }, t('search.online.full')),
    h('option', { value: 'partial' }, t('search.online.partial')));
  const count = h('p', { class: 'search-count', role: 'status', 'aria-live': 'polite' });
  const list = h('ul', { class: 'results' });
  const more = h('button', { type: 'button', class: 'btn', hidden: true }, t('search.more'));
  const chip = h('p', { class: 'field-chip', hidden: true });
  const form = h('form', { class: 'proc-search', role: 'search', novalidate: true },
    field({ name: 'q', label: o.label || t('search.label'), hint: t('search.hint'), control: input }),
    h('div', { class: 'filters' },
      field({ name: 'level', label: t('search.level'), control: level }),
      field({ name: 'online', label: t('search.online'), control: online })),
    chip);
  const box = h('div', { class: 'search-box' }, form, count, list, more);

  loadFields().then((by) => { fieldsBy = by; }, () => { /* names only: the codes still work */ });

  function setField(code) {
    fieldFilter = code || '';
    clear(chip);
    chip.hidden = !fieldFilter;
    if (fieldFilter) {
      chip.appendChild(h('span', null, t('search.in_field', { field: fieldName(fieldsBy[fieldFilter]) || fieldFilter }), ' '));
      chip.appendChild(h('button', { type: 'button', class: 'btn btn-quiet btn-small', onclick: () => { setField(''); run(true); input.focus(); } },
        t('search.clear_field')));
    }
  }

  async function run(reset) {
    clearTimeout(timer);
    const q = input.value.trim();
    const my = ++seq;
    if (!q && !level.value && !online.value && !fieldFilter) {
      clear(list);
      count.textContent = '';
      more.hidden = true;
      shown = 0;
      return;
    }
    if (reset) shown = 0;
    const p = new URLSearchParams();
    if (q) p.set('q', q);
    if (level.value) p.set('level', level.value);
    if (online.value) p.set('online', online.value);
    if (fieldFilter) p.set('field', fieldFilter);
    p.set('limit', String(PAGE));
    p.set('offset', String(shown));
    box.setAttribute('aria-busy', 'true');
    let r;
    try {
      r = await api('GET', '/api/v1/procedures?' + p.toString());
    } catch (e) {
      if (my !== seq) return;
      box.removeAttribute('aria-busy');
      count.textContent = e.text();
      count.className = 'search-count status status-error';
      return;
    }
    if (my !== seq) return; // a newer search is on its way
    box.removeAttribute('aria-busy');
    count.className = 'search-count';
    if (reset) clear(list);
    const procs = r.procedures || [];
    procs.forEach((x) => list.appendChild(resultItem(x)));
    shown += procs.length;
    count.textContent = r.total ? t('search.count', { total: r.total, shown: shown }) : t('search.none');
    more.hidden = shown >= r.total;
  }

  function resultItem(x) {
    const title = o.onPick
      ? h('span', { class: 'result-name' }, procName(x))
      : h('a', { class: 'result-name', href: '/thu-tuc/' + encodeURIComponent(x.code) }, procName(x));
    const meta = [x.code, t('search.level.' + x.level), fieldName(fieldsBy[x.field])].filter(Boolean).join(' · ');
    return h('li', { class: 'result', 'data-code': x.code },
      h('div', { class: 'result-main' },
        title,
        h('p', { class: 'result-meta' }, meta),
        h('p', { class: 'result-facts' },
          onlineBadge(x.online), x.online !== 'none' ? ' ' : null,
          h('span', null, t('search.time', { time: x.time_limit_text })),
          ' · ',
          h('span', null, x.fees_total ? t('search.fee', { fee: money(x.fees_total) }) : t('proc.no_fee')))),
      o.onPick ? h('button', { type: 'button', class: 'btn btn-primary', onclick: () => o.onPick(x),
        'aria-label': t('search.pick_named', { name: procName(x) }) }, t('search.pick')) : null);
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(true), DEBOUNCE_MS);
  });
  level.addEventListener('change', () => run(true));
  online.addEventListener('change', () => run(true));
  more.addEventListener('click', () => run(false));
  form.addEventListener('submit', (e) => { e.preventDefault(); run(true); });

  return {
    el: box,
    input: input,
    setField: (code) => { setField(code); run(true); },
    run: () => run(true),
  };
}
