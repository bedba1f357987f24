// paper.js - the printed forms of the desk (Thông tư 01/2018/TT-VPCP, mẫu
// 01-03): the receipt with the appointment, the guidance listing what is
// missing, the refusal.  Each is a `.print-doc` element that the screen hides
// and print shows alone (style.css, body.has-paper).  The server will give a
// PDF with a QR code later; this is the browser's print until then.
import { t } from './i18n.js';
import { h } from './dom.js';
import { unitName } from './format.js';

// Open the server's PDF of a form (GET /api/v1/dossiers/{code}/forms/<name>.pdf)
// in a new tab.  The tab is opened at once (still inside the click, so no
// popup blocker), then pointed at the PDF once the server has answered it;
// if it cannot (error, offline), the tab closes and the browser prints the
// page's own paper instead (fallback).
export function openPdf(code, name, fallback) {
  const url = '/api/v1/dossiers/' + encodeURIComponent(code) + '/forms/' + name + '.pdf';
  const w = window.open('', '_blank');
  return fetch(url, { credentials: 'same-origin', method: 'GET' }).then((r) => {
    if (!r.ok || (r.headers.get('content-type') || '').indexOf('pdf') < 0) throw new Error('pdf ' + r.status);
    if (w) w.location.href = url;
    else location.href = url;
  }).catch(() => {
    if (w) w.close();
    if (fallback) fallback();
  });
}

function parts(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso || '');
  return m ? { y: m[1], mo: m[2], d: m[3], hh: m[4], mm: m[5] } : null;
}

// "17 giờ 00 phút, ngày 02/12/2026"
export function paperTime(iso) {
  const p = parts(iso);
  return p ? t('paper.time', { hh: p.hh, mm: p.mm, date: p.d + '/' + p.mo + '/' + p.y }) : '';
}

// "ngày 29 tháng 11 năm 2026"
function paperDate(iso) {
  const p = parts(iso);
  return p ? t('paper.date', { d: p.d, m: p.mo, y: p.y }) : '';
}

const FORM_KEY = { original: 'intake.form.original', copy: 'intake.form.copy', certified_copy: 'intake.form.certified_copy' };

// The frame every form shares: the two headings, the title, the body, signatures.
function frame(d, title, body, signLeft, signRight, officer) {
  const upper = (s) => String(s || '').toUpperCase();
  const when = d.received_at || (d.events && d.events.length ? d.events[d.events.length - 1].at : '');
  return h('div', { class: 'print-doc', 'data-doc': title },
    h('div', { class: 'pd-head' },
      h('div', { class: 'pd-agency' },
        h('p', null, upper(unitName(d.receiving_unit))),
        h('p', { class: 'pd-strong' }, upper(unitName(d.desk_unit))),
        h('p', { class: 'pd-rule' }, '———')),
      h('div', { class: 'pd-nation' },
        h('p', { class: 'pd-strong' }, t('paper.nation')),
        h('p', { class: 'pd-motto' }, t('paper.motto')),
        h('p', { class: 'pd-rule' }, '———'),
        h('p', { class: 'pd-date' }, paperDate(when)))),
    h('h2', { class: 'pd-title' }, title),
    h('p', { class: 'pd-code' }, t('paper.code', { code: d.code })),
    body,
    h('div', { class: 'pd-sign' },
      h('div', null, h('p', { class: 'pd-strong' }, signLeft), h('p', { class: 'pd-note' }, t('paper.sign_note'))),
      h('div', null, h('p', { class: 'pd-strong' }, signRight), h('p', { class: 'pd-note' }, t('paper.sign_note')),
        h('p', { class: 'pd-signer' }, officer || ''))));
}

function applicantLines(d) {
  const a = d.applicant || {};
  return [
    h('p', null, t('paper.from', { desk: unitName(d.desk_unit), name: a.name || '' })),
    a.id_number ? h('p', null, t(a.kind === 'organisation' ? 'paper.org_id' : 'paper.id_number', { id: a.id_number })) : null,
    a.address ? h('p', null, t('paper.address', { address: a.address })) : null,
    a.phone || a.email ? h('p', null, t('paper.contact', { phone: a.phone || '–', email: a.email || '–' })) : null,
    h('p', null, t('paper.request', { procedure: d.procedure ? d.procedure.name : '' })),
  ];
}

// Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả.
export function receipt(d, officer, lookupUrl) {
  const delivery = d.delivery || {};
  return frame(d, t('paper.receipt_title'), h('div', { class: 'pd-body' },
    applicantLines(d),
    h('p', null, t('paper.documents')),
    h('table', { class: 'pd-table' },
      h('thead', null, h('tr', null, h('th', null, t('paper.col.no')), h('th', null, t('paper.col.name')),
        h('th', null, t('paper.col.form')), h('th', null, t('paper.col.count')))),
      h('tbody', null, (d.documents || []).map((x, i) => h('tr', null, h('td', null, String(i + 1)), h('td', null, x.name),
        h('td', null, t(FORM_KEY[x.form] || FORM_KEY.original)), h('td', null, String(x.count || 1)))))),
    h('p', null, t('paper.sets')),
    h('p', null, t('paper.time_limit', { text: d.procedure ? d.procedure.time_limit_text : '' })),
    h('p', null, t('paper.received', { time: paperTime(d.received_at) })),
    h('p', { class: 'pd-strong' }, t('paper.appointment', { time: paperTime(d.appointment) })),
    h('p', null, t('paper.delivery', { how: t('intake.delivery.' + (delivery.method || 'desk')) +
      (delivery.method === 'post' && delivery.address ? ' – ' + delivery.address : '') })),
    h('p', null, t('paper.lookup', { url: lookupUrl }))),
  t('paper.sign_applicant'), t('paper.sign_officer'), officer);
}

// Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (at the desk: not received).
export function guidance(d, items, officer) {
  return frame(d, t('paper.guide_title'), h('div', { class: 'pd-body' },
    applicantLines(d),
    h('p', null, t('paper.guide_intro')),
    h('ol', null, items.map((x) => h('li', null, x))),
    h('p', null, t('paper.guide_contact', { desk: unitName(d.desk_unit) }))),
  t('paper.sign_applicant'), t('paper.sign_guide'), officer);
}

// Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ.
export function refusal(d, reason, officer) {
  return frame(d, t('paper.refuse_title'), h('div', { class: 'pd-body' },
    applicantLines(d),
    h('p', null, t('paper.refuse_intro')),
    h('p', { class: 'pd-strong' }, reason),
    h('p', null, t('paper.refuse_sorry'))),
  t('paper.sign_applicant'), t('paper.sign_officer'), officer);
}
