// pages/service-index.js - the service index for citizens and businesses
// ("/lam-viec/chi-so", in the spirit of Quyết định 766/QĐ-TTg; docs/QUALITY.md
// 1.2): GET /api/v1/reports/index?from=&to=&unit=.  The index out of 100, then
// each group as a row: its formula in words, the two counts behind the share
// (so nobody has to trust a bare percentage), the share drawn as a <meter>
// and written as text, the weight and the points it brings.  A group with no
// data says so and is left out of the total (its weight spread on the rest).
import { t, lang } from '../i18n.js';
import { h, clear } from '../dom.js';
import { unitName, date } from '../format.js';
import { reportPage, yearToDate, decimal } from './report-common.js';

const PATH = '/lam-viec/chi-so';

export function render(ctx) {
  return reportPage(ctx, { heading: 'sidx.heading', path: PATH, tabs: true, id: 'index-form', outId: 'service-index',
    def: yearToDate(), url: (p, qs) => '/api/v1/reports/index?' + qs }, draw);
}

// The index, then one row per group.
function draw(r, v) {
  const out = v.out, units = v.units;
  const l = lang();
  const groups = r.groups || [];
  const counted = groups.filter((g) => g.share !== null && g.share !== undefined);
  const wsum = counted.reduce((s, g) => s + g.weight, 0);
  out.appendChild(h('section', { class: 'card', 'aria-labelledby': 'si-sum-h' },
    h('h2', { id: 'si-sum-h' }, t('sidx.summary', { unit: unitName(units.byCode[r.unit.code] || r.unit) })),
    h('p', null, t('rep.period_only', { from: date(r.period.from), to: date(r.period.to) })),
    h('dl', { class: 'kpis' },
      h('div', { class: 'kpi' }, h('dt', null, t('sidx.total')),
        h('dd', { id: 'si-total' }, r.total === null || r.total === undefined ? t('qual.no_data') : t('sidx.of100', { n: decimal(r.total, l) })))),
    h('p', { class: 'muted small' }, t('sidx.total_hint')),
    h('p', { class: 'actions no-print' }, h('button', { type: 'button', class: 'btn', onclick: () => window.print() }, t('proc.print')))));
  out.appendChild(h('section', { class: 'card', 'aria-labelledby': 'si-groups-h' },
    h('h2', { id: 'si-groups-h' }, t('sidx.groups')),
    h('table', { class: 'rtable si-groups' },
      h('thead', null, h('tr', null, ['group', 'formula', 'count', 'share', 'weight', 'points'].map((c) => h('th', { scope: 'col' }, t('sidx.col.' + c))))),
      h('tbody', null, groups.map((g) => {
        const has = g.share !== null && g.share !== undefined;
        return h('tr', { 'data-key': g.key },
          h('th', { scope: 'row', 'data-label': t('sidx.col.group') }, l === 'en' ? g.en : g.vi),
          h('td', { 'data-label': t('sidx.col.formula') }, t('sidx.formula.' + g.key)),
          h('td', { class: 'num', 'data-label': t('sidx.col.count') }, t('sidx.ratio', { num: g.numerator, den: g.denominator })),
          h('td', { 'data-label': t('sidx.col.share') }, has
            ? h('span', { class: 'share' }, h('meter', { min: '0', max: '100', value: String(g.share), 'aria-hidden': 'true' }), ' ', decimal(g.share, l) + ' %')
            : h('span', { class: 'tag' }, t('qual.no_data'))),
          h('td', { class: 'num', 'data-label': t('sidx.col.weight') }, decimal(g.weight, l)),
          h('td', { class: 'num', 'data-label': t('sidx.col.points') }, has && wsum ? decimal(g.share * g.weight / wsum, l) : '–'));
      }))),
    groups.some((g) => g.share === null) ? h('p', { class: 'muted small' }, t('sidx.no_data_hint')) : null));
}
