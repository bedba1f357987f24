// app.js - the application shell: language, header, and a tiny history router.
//
// The server answers /index.html for every path without a dot, so real paths
// work (/dang-nhap, /lam-viec).  Each route names a page module in web/pages/
// that is loaded on first use (the portal home stays small) and exports
// render(ctx).  Add a page: one line in ROUTES + one module + its texts.
import { t, lang, setLang, savedLang, translate, loadPart } from './i18n.js';
import { getSession, loadSession, logout, onUnauthorized } from './api.js';
import { h, clear } from './dom.js';

const ROUTES = {
  '/': { load: () => import('./pages/home.js'), title: 'home.title' },
  '/dang-nhap': { load: () => import('./pages/login.js'), title: 'login.title' },
  '/lam-viec': { load: () => import('./pages/work.js'), title: 'work.title', auth: true },
  '/lam-viec/doi-mat-khau': { load: () => import('./pages/password.js'), title: 'password.title', auth: true },
  '/lam-viec/tiep-nhan': { load: () => import('./pages/intake.js'), title: 'intake.title', auth: true },
  '/lam-viec/bao-cao': { load: () => import('./pages/reports.js'), title: 'rep.heading', auth: true },
  '/lam-viec/lich': { load: () => import('./pages/calendar.js'), title: 'cal.heading', auth: true },
  '/lam-viec/dieu-hanh': { load: () => import('./pages/dashboard.js'), title: 'dash.heading', auth: true },
  '/lam-viec/chat-luong': { load: () => import('./pages/quality.js'), title: 'qual.heading', auth: true },
  '/lam-viec/chi-so': { load: () => import('./pages/service-index.js'), title: 'sidx.heading', auth: true },
  '/lam-viec/phu-luc': { load: () => import('./pages/appendices.js'), title: 'apx.heading', auth: true },
  '/lam-viec/so-theo-doi': { load: () => import('./pages/books.js'), title: 'book.heading', auth: true },
  '/lam-viec/cai-dat': { load: () => import('./pages/settings.js'), title: 'set.heading', auth: true },
  '/lam-viec/nhat-ky': { load: () => import('./pages/audit.js'), title: 'audit.heading', auth: true },
  '/lam-viec/quy-trinh': { load: () => import('./pages/workflows.js'), title: 'wf.heading', auth: true },
  '/lam-viec/don-vi': { load: () => import('./pages/admin-units.js'), title: 'units.heading', auth: true },
  '/lam-viec/thu-tuc': { load: () => import('./pages/admin-catalog.js'), title: 'catadm.heading', auth: true },
  '/minh-bach': { load: () => import('./pages/transparency.js'), title: 'tr.heading' },
  '/tra-cuu': { load: () => import('./pages/lookup.js'), title: 'lookup.title' },
  '/dang-ky': { load: () => import('./pages/account.js'), title: 'acct.register_title' },
  '/quen-mat-khau': { load: () => import('./pages/account.js'), title: 'acct.reset_title' },
  '/ho-so-cua-toi': { load: () => import('./pages/citizen.js'), title: 'cz.title', auth: true },
  '/ca-nhan': { load: () => import('./pages/citizen.js'), title: 'cz.profile', auth: true },
  '/nop-truc-tuyen': { load: () => import('./pages/submit.js'), title: 'sub.title', auth: true },
};
// Pages with a code in the path: /thu-tuc/1.001612, /tra-cuu/<dossier code>
// (the address a receipt's QR code carries), /ho-so/<dossier code>.
// ctx.params.code holds the decoded code.
const PREFIX_ROUTES = [
  { prefix: '/thu-tuc/', load: () => import('./pages/procedure.js'), title: 'proc.title' },
  { prefix: '/tra-cuu/', load: () => import('./pages/lookup.js'), title: 'lookup.title' },
  { prefix: '/ho-so/', load: () => import('./pages/dossier.js'), title: 'dossier.title', auth: true },
  { prefix: '/ho-so-cua-toi/', load: () => import('./pages/citizen.js'), title: 'cz.title', auth: true },
];

function findRoute(path) {
  if (ROUTES[path]) return { route: ROUTES[path], params: {} };
  for (const r of PREFIX_ROUTES) {
    if (path.indexOf(r.prefix) !== 0) continue;
    const rest = path.slice(r.prefix.length);
    if (!rest || rest.indexOf('/') >= 0) continue;
    let code;
    try { code = decodeURIComponent(rest); } catch (e) { continue; }
    return { route: r, params: { code: code } };
  }
  return { route: NOT_FOUND, params: {} };
}
const NOT_FOUND = { load: () => import('./pages/notfound.js'), title: 'notfound.title' };
export const LOGIN_PATH = '/dang-nhap';
export const WORK_PATH = '/lam-viec';

const main = document.getElementById('main');
let renderSeq = 0;
let firstRender = true;
let flashMsg = null;
let renderedUrl = '';

function currentPath() {
  return location.pathname.replace(/\/+$/, '') || '/';
}

// A one-time message for the next page ("You have signed out.").
export function flash(key, kind) { flashMsg = { key: key, kind: kind || 'info' }; }

export function navigate(url, replace) {
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  return render();
}

// Send the person to the sign-in page, coming back here afterwards.
export function toLogin(messageKey) {
  if (messageKey) flash(messageKey, 'warn');
  const back = currentPath();
  const q = back !== '/' && back !== LOGIN_PATH && back !== WORK_PATH ? '?next=' + encodeURIComponent(back + location.search) : '';
  return navigate(LOGIN_PATH + q, true);
}

function renderNav() {
  const nav = clear(document.getElementById('nav'));
  const s = getSession();
  const path = currentPath();
  const link = (href, key) => h('a', { href: href, 'aria-current': path === href ? 'page' : null }, t(key));
  nav.appendChild(link('/', 'nav.home'));
  nav.appendChild(link('/tra-cuu', 'nav.lookup'));
  if (s && s.user.is_citizen) {
    nav.appendChild(link('/ho-so-cua-toi', 'nav.my'));
    nav.appendChild(link('/ca-nhan', 'nav.profile'));
  } else if (s) {
    nav.appendChild(link(WORK_PATH, 'nav.work'));
    if ((s.user.roles || []).some((r) => r.role === 'desk_officer')) nav.appendChild(link(WORK_PATH + '/tiep-nhan', 'nav.intake'));
  }
  if (s) {
    nav.appendChild(link(WORK_PATH + '/doi-mat-khau', 'nav.password'));
    nav.appendChild(h('span', { class: 'nav-user' }, t('nav.signed_in_as', { name: s.user.full_name })));
    nav.appendChild(h('button', { type: 'button', class: 'btn btn-quiet nav-logout', onclick: doLogout }, t('nav.logout')));
  } else {
    nav.appendChild(link(LOGIN_PATH, 'nav.login'));
    nav.appendChild(link('/dang-ky', 'nav.register'));
  }
  const sw = document.getElementById('lang-switch');
  const other = lang() === 'vi' ? 'en' : 'vi';
  sw.textContent = t('shell.switch_to');
  sw.setAttribute('lang', other); // the button's text is in the other language
}

async function doLogout() {
  try { await logout(); } catch (e) { /* the session ends on our side anyway */ }
  flash('nav.logged_out', 'ok');
  navigate(LOGIN_PATH);
}

// opts.keepFocus: leave the focus where it is (the language switch).
export async function render(opts) {
  const keepFocus = !!(opts && opts.keepFocus === true);
  const seq = ++renderSeq;
  const path = currentPath();
  renderedUrl = location.pathname + location.search;
  const found = findRoute(path);
  const route = found.route;
  if (route.auth && !(await loadSession())) {
    if (seq === renderSeq) toLogin();
    return;
  }
  main.setAttribute('aria-busy', 'true');
  let mod;
  try {
    if (route.auth) await loadPart('work'); // the workspace's texts
    mod = await route.load();
  } catch (e) {
    if (seq !== renderSeq) return;
    clear(main).appendChild(h('p', { class: 'status status-error', role: 'alert' }, t('error.load_page')));
    main.removeAttribute('aria-busy');
    return;
  }
  if (seq !== renderSeq) return; // a newer navigation won
  renderNav();
  document.title = t(route.title) + ' – ' + t('app.name');
  clear(main);
  document.body.className = ''; // pages may set one (has-paper: print only the paper)
  if (flashMsg) {
    main.appendChild(h('p', { class: 'status status-' + flashMsg.kind, role: 'status' }, t(flashMsg.key)));
    flashMsg = null;
  }
  const ctx = { root: main, navigate: navigate, query: new URLSearchParams(location.search), params: found.params,
    isCurrent: () => seq === renderSeq };
  try {
    await mod.render(ctx);
  } finally {
    if (seq === renderSeq) main.removeAttribute('aria-busy');
  }
  // Move focus to the new page's heading (not on the first load, and not if
  // the page itself already put it on a field, as the sign-in page does).
  const active = document.activeElement;
  const pageFocused = active && active !== main && main.contains(active);
  if (!firstRender && !keepFocus && !pageFocused && seq === renderSeq) {
    const h1 = main.querySelector('h1');
    if (h1) { h1.setAttribute('tabindex', '-1'); h1.focus(); }
  }
  firstRender = false;
}

// Internal links change the page without reloading it.
document.addEventListener('click', (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = e.target.closest ? e.target.closest('a[href]') : null;
  if (!a || a.target || a.hasAttribute('download') || a.origin !== location.origin) return;
  // files (/favicon.ico, a PDF) load normally; a code such as /thu-tuc/1.001612
  // is no file extension (digits only)
  if (a.pathname.indexOf('/api/') === 0 || /\.[a-z0-9]*[a-z][a-z0-9]*$/i.test(a.pathname)) return;
  if (a.hash && a.pathname === location.pathname) return; // in-page anchor (skip link)
  e.preventDefault();
  navigate(a.pathname + a.search);
});
// Back/forward.  A jump to an in-page anchor (#tai-khoan, the skip link) also
// fires popstate: the page stays as it is then.
window.addEventListener('popstate', () => {
  if (location.pathname + location.search !== renderedUrl) render();
});

document.getElementById('lang-switch').addEventListener('click', async () => {
  await setLang(lang() === 'vi' ? 'en' : 'vi');
  translate(document);
  render({ keepFocus: true });
});

// Any API call answered 401 (the session ended): back to the sign-in page
// if this page needs one, else just redraw the header.
onUnauthorized(() => {
  const route = findRoute(currentPath()).route;
  if (route.auth) toLogin('nav.session_expired');
  else renderNav();
});

async function start() {
  await setLang(savedLang() || 'vi');
  translate(document);
  await loadSession();
  await render();
}

start();
