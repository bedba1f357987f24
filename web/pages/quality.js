// pages/quality.js - the quality evaluation of resolution ("/lam-viec/chat-luong",
// Nghị định 61/2018 art. 27-32; docs/QUALITY.md): GET /api/v1/reports/quality
// ?from=&to=&unit=.  The unit's score on the 18-point scale with its band in
// words, the nine indicators (mean 0-2, how many dossiers each was scored on;
// "no data" where nothing could be scored), the same per resolving agency and
// per official, and the dossiers that scored lowest, so a leader sees where
// points were lost and can open each one.
import { t, lang } from '../i18n.js';
import { h, clear } from '../dom.js';
import { unitName, date } from '../format.js';
import { reportPage, yearToDate, decimal } from './report-common.js';

const PATH = '/lam-viec/chat-luong';
const KEYS = ['total_time', 'step_time', 'contacts', 'bodies', 'one_stop', 'publicity', 'attitude', 'feedback', 'online'];
const LOWEST = 20; // dossiers listed under "lowest scores"

// The band in the current language, as the server named it.
function band(x) {
  if (!x || !x.band) return t('qual.no_data');
  return lang() === 'en' ? x.band_en : x.band_vi;
}

function score(v) {
  return v === null || v === undefined ? t('qual.no_data') : decimal(v, lang());
}

export function render(ctx) {
  return reportPage(ctx, { heading: 'qual.heading', path: PATH, tabs: true, id: 'quality-form', outId: 'quality',
    def: yearToDate(), url: (p, qs) => '/api/v1/reports/quality?' + qs }, draw);
}

// The evaluation: the summary, the nine indicators, by agency and official,
// the lowest-scoring dossiers.
function draw(r, v) {
  const out = v.out, units = v.units;
  const names = {};
  (r.indicators || []).forEach((i) => { names[i.key] = lang() === 'en' ? i.en : i.vi; });
  const tot = r.total || {};
  out.appendChild(h('section', { class: 'card', 'aria-labelledby': 'q-sum-h' },
    h('h2', { id: 'q-sum-h' }, t('qual.summary', { unit: unitName(units.byCode[r.unit.code] || r.unit) })),
    h('p', null, t('rep.period_only', { from: date(r.period.from), to: date(r.period.to) })),
    tot.dossiers
      ? h('dl', { class: 'kpis' },
        kpi(t('qual.score'), h('span', { id: 'q-score' }, t('qual.of18', { n: score(tot.score) }))),
        kpi(t('qual.band'), h('span', { class: 'tag band band-' + tot.band, id: 'q-band' }, band(tot))),
        kpi(t('qual.dossiers'), String(tot.dossiers)))
      : h('p', { class: 'status status-info' }, t('qual.none')),
    h('p', { class: 'muted small' }, t('qual.scale_hint')),
    h('p', { class: 'actions no-print' }, h('button', { type: 'button', class: 'btn', onclick: () => window.print() }, t('proc.print')))));
  if (!tot.dossiers) return;

  out.appendChild(h('section', { class: 'card', 'aria-labelledby': 'q-ind-h' },
    h('h2', { id: 'q-ind-h' }, t('qual.indicators')),
    h('table', { class: 'rtable q-indicators' },
      h('thead', null, h('tr', null, ['no', 'indicator', 'mean', 'scored'].map((c) => h('th', { scope: 'col' }, t('qual.col.' + c))))),
      h('tbody', null, (r.indicators || []).map((i, n) => h('tr', { 'data-key': i.key },
        h('td', { 'data-label': t('qual.col.no') }, String(n + 1)),
        h('th', { scope: 'row', 'data-label': t('qual.col.indicator') }, names[i.key]),
        h('td', { class: 'num', 'data-label': t('qual.col.mean') }, i.mean === null ? t('qual.not_scored') : decimal(i.mean, lang()) + ' / 2'),
        h('td', { class: 'num', 'data-label': t('qual.col.scored') }, String(i.scored || 0)))))),
    (r.indicators || []).some((i) => i.mean === null) ? h('p', { class: 'muted small' }, t('qual.not_scored_hint')) : null));

  out.appendChild(groupTable('q-agencies', t('qual.by_agency'), r.agencies || [],
    (a) => unitName(units.byCode[a.unit] || a.unit_name || a.unit), names));
  out.appendChild(groupTable('q-officials', t('qual.by_official'), r.officials || [],
    (o) => o.full_name || o.username || String(o.user_id || ''), names));
  out.appendChild(lowest(r.dossiers || [], names));

  function kpi(label, value) {
    return h('div', { class: 'kpi' }, h('dt', null, label), h('dd', null, value));
  }

  // Agencies or officials: dossiers, score, band, then each indicator's mean.
  function groupTable(id, title, rows, nameOf, names) {
    return h('section', { class: 'card', 'aria-labelledby': id + '-h' },
      h('h2', { id: id + '-h' }, title),
      rows.length
        ? h('div', { class: 'table-wrap' }, h('table', { class: 'rtable q-groups ' + id },
          h('thead', null, h('tr', null,
            h('th', { scope: 'col' }, t('qual.col.name')),
            h('th', { scope: 'col' }, t('qual.dossiers')),
            h('th', { scope: 'col' }, t('qual.score')),
            h('th', { scope: 'col' }, t('qual.band')),
            KEYS.map((k, n) => h('th', { scope: 'col', title: names[k] }, t('qual.col.ind', { n: n + 1 }))))),
          h('tbody', null, rows.map((x) => h('tr', null,
            h('th', { scope: 'row', 'data-label': t('qual.col.name') }, nameOf(x)),
            h('td', { class: 'num', 'data-label': t('qual.dossiers') }, String(x.dossiers)),
            h('td', { class: 'num', 'data-label': t('qual.score') }, score(x.score)),
            h('td', { 'data-label': t('qual.band') }, h('span', { class: 'tag band band-' + x.band }, band(x))),
            KEYS.map((k, n) => h('td', { class: 'num', 'data-label': t('qual.col.ind', { n: n + 1 }) + ' ' + (names[k] || '') },
              x.indicators && x.indicators[k] !== null && x.indicators[k] !== undefined ? decimal(x.indicators[k], lang()) : '–')))))))
        : h('p', { class: 'muted' }, t('qual.no_rows')),
      rows.length ? h('p', { class: 'muted small' }, t('qual.ind_legend')) : null);
  }

  // The dossiers with the lowest total, with the indicators that scored 0.
  function lowest(dossiers, names) {
    const worst = dossiers.filter((d) => d.total !== null && d.total !== undefined)
      .sort((a, b) => a.total - b.total || (a.code < b.code ? -1 : 1)).slice(0, LOWEST);
    return h('section', { class: 'card', 'aria-labelledby': 'q-low-h' },
      h('h2', { id: 'q-low-h' }, t('qual.lowest', { n: worst.length })),
      worst.length
        ? h('table', { class: 'rtable q-lowest' },
          h('thead', null, h('tr', null, ['code', 'unit', 'total', 'lost'].map((c) => h('th', { scope: 'col' }, t('qual.col.' + c))))),
          h('tbody', null, worst.map((d) => h('tr', { 'data-code': d.code },
            h('td', { 'data-label': t('qual.col.code') }, h('a', { href: '/ho-so/' + encodeURIComponent(d.code) }, d.code)),
            h('td', { 'data-label': t('qual.col.unit') }, unitName(units.byCode[d.resolving_unit] || d.resolving_unit)),
            h('td', { class: 'num', 'data-label': t('qual.col.total') }, score(d.total)),
            h('td', { 'data-label': t('qual.col.lost') }, KEYS.filter((k) => d.scores && d.scores[k] !== null && d.scores[k] < 2)
              .map((k) => names[k] + ' (' + d.scores[k] + ')').join('; ') || '–')))))
        : h('p', { class: 'muted' }, t('qual.no_rows')));
  }
}
