// pages/procedure.js - one procedure of the catalog, for citizens
// ("/thu-tuc/<code>", no sign-in): what to bring, fees, time limit, where to
// submit, the steps, the result, the legal basis; printable.
// GET /api/v1/procedures/{code}, names from /api/v1/units and /api/v1/fields.
import { t } from '../i18n.js';
import { api } from '../api.js';
import { h } from '../dom.js';
import { money, date, unitName, procName, loadUnits, errorBox } from '../format.js';
import { loadFields, fieldName, onlineBadge } from '../search.js';

export async function render(ctx) {
  const code = ctx.params.code;
  let p, units, fields;
  try {
    const r = await Promise.all([api('GET', '/api/v1/procedures/' + encodeURIComponent(code)), loadUnits(api),
      loadFields().catch(() => ({}))]);
    p = r[0];
    units = r[1];
    fields = r[2];
  } catch (e) {
    if (!ctx.isCurrent()) return;
    if (e.status === 404) {
      ctx.root.appendChild(h('section', null,
        h('h1', null, t('proc.not_found')),
        h('p', null, t('proc.not_found_text', { code: code })),
        h('p', null, h('a', { href: '/' }, t('proc.back_search')))));
    } else {
      ctx.root.appendChild(h('h1', null, t('proc.title')));
      ctx.root.appendChild(errorBox(e));
    }
    return;
  }
  if (!ctx.isCurrent()) return;
  document.title = procName(p) + ' – ' + t('app.name');
  const agency = p.agency === '$commune' ? t('proc.agency_commune') : unitName(units.byCode[p.agency]) || p.agency;
  ctx.root.appendChild(h('article', { class: 'procedure', 'data-code': p.code },
    h('p', { class: 'crumbs' }, h('a', { href: '/' }, t('proc.back_search'))),
    h('h1', null, procName(p)),
    h('p', { class: 'proc-meta' },
      t('proc.code', { code: p.code }), ' · ', t('search.level.' + p.level),
      fields[p.field] ? ' · ' + fieldName(fields[p.field]) : '',
      ' ', onlineBadge(p.online) || h('span', { class: 'tag' }, t('proc.online.none'))),
    p.status !== 'in_force' ? h('p', { class: 'status status-warn' }, t('proc.not_in_force')) : null,
    h('div', { class: 'facts' },
      fact(t('proc.time_limit'), p.time_limit_text),
      fact(t('proc.fees'), feesText(p.fees)),
      fact(t('proc.agency'), agency),
      fact(t('proc.result'), p.result)),
    h('p', { class: 'actions' },
      p.online && p.online !== 'none' && p.status === 'in_force'
        ? h('a', { class: 'btn btn-primary', href: '/nop-truc-tuyen?thu-tuc=' + encodeURIComponent(p.code) }, t('proc.submit_online')) : null,
      h('button', { type: 'button', class: 'btn', onclick: () => window.print() }, t('proc.print'))),
    section('proc-docs', t('proc.documents'), documents(p.documents || [])),
    (p.fees || []).length ? section('proc-fees', t('proc.fees'), fees(p.fees)) : null,
    section('proc-where', t('proc.where'), where(p, units)),
    section('proc-steps', t('proc.steps'), h('ul', { class: 'steps' }, (p.steps || []).map((s) => h('li', null, s)))),
    p.conditions ? section('proc-cond', t('proc.conditions'), h('p', null, p.conditions)) : null,
    section('proc-legal', t('proc.legal'), h('ul', null, (p.legal_basis || []).map((s) => h('li', null, s)))),
    p.decision ? h('p', { class: 'muted small' }, t('proc.decision', {
      number: p.decision.number, date: date(p.decision.date), issuer: p.decision.issuer })) : null));
}

function fact(label, value) {
  return h('div', { class: 'fact' }, h('p', { class: 'fact-label' }, label), h('p', { class: 'fact-value' }, value));
}

function section(id, title, body) {
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id: id }, title), body);
}

function feesText(list) {
  const total = (list || []).reduce((a, f) => a + (Number(f.amount) || 0), 0);
  return total ? money(total) : t('proc.no_fee');
}

// "1 bản chính", "2 bản sao", "1 bản sao có chứng thực", joined with "và".
function copiesText(d) {
  const out = [];
  if (d.originals) out.push(t('proc.doc.originals', { n: d.originals }));
  if (d.copies) out.push(t(d.certified_copy ? 'proc.doc.certified' : 'proc.doc.copies', { n: d.copies }));
  return out.join(t('proc.doc.and'));
}

function documents(docs) {
  if (!docs.length) return h('p', null, t('proc.no_documents'));
  return h('ol', { class: 'docs' }, docs.map((d) => h('li', { class: 'doc' },
    h('p', { class: 'doc-name' }, d.name),
    h('p', { class: 'doc-facts' },
      h('span', { class: 'tag ' + (d.required === false ? '' : 'tag-required') },
        t(d.required === false ? 'proc.doc.optional' : 'proc.doc.required')),
      ' ', copiesText(d)),
    d.form ? h('p', { class: 'doc-form' }, t('proc.doc.form', { form: d.form })) : null)));
}

function fees(list) {
  return h('ul', { class: 'fees' }, list.map((f) => h('li', null,
    h('span', null, f.name + ': '), h('strong', null, f.amount ? money(f.amount) : t('proc.fee_free')),
    f.note ? h('span', { class: 'muted small' }, ' (' + f.note + ')') : null)));
}

// Where to submit: the district's desk for district procedures, the
// commune's desk otherwise (and for inter-level ones, which start there).
function where(p, units) {
  const parentOf = (u) => units.list.find((x) => x.path === u.path.replace(/[^/]+\/$/, ''));
  const inCommune = (u) => {
    for (let x = parentOf(u); x; x = parentOf(x)) if (x.kind === 'commune') return true;
    return false;
  };
  const desk = units.list.find((u) => u.kind === 'desk' && u.active !== false && !inCommune(u));
  const place = p.level === 'commune' || p.inter_level || !desk ? t('proc.where_commune') : unitName(desk);
  const ch = p.channels || [];
  return h('ul', null,
    ch.indexOf('direct') >= 0 ? h('li', null, t('proc.ch.direct', { place: place })) : null,
    ch.indexOf('postal') >= 0 ? h('li', null, t('proc.ch.postal')) : null,
    ch.indexOf('online') >= 0 ? h('li', null, t('proc.ch.online')) : null,
    p.postal_return ? h('li', null, t('proc.postal_return')) : null,
    h('li', null, h('a', { href: '/' }, t('proc.desk_list'))));
}
