// helpers.mjs - shared set-up for the browser tests (not a test file itself).
//
// setup() starts a fresh `motcua serve` with the demo district
// (tests/lib/server.mjs) and a headless system Chromium (never a downloaded
// browser).  openPage() gives a page that records every console error,
// uncaught exception, failed request and unexpected HTTP error status;
// assertClean(page) fails the test if any was seen.  Pages that expect an
// error answer (a wrong password is a 401) declare it with page.allow().
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, ROOT, DEMO_PASSWORD } from '../lib/server.mjs';

export { DEMO_PASSWORD };
export const SHOTS = join(ROOT, 'test-artifacts', 'screenshots');
export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1366, height: 768 };

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function setup(opts = {}) {
  const server = await startServer(opts);
  let browser;
  try {
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  } catch (e) {
    await server.stop();
    throw e;
  }
  mkdirSync(SHOTS, { recursive: true });
  return {
    server,
    browser,
    base: server.base,
    async close() {
      await browser.close();
      await server.stop();
    },
  };
}

// A page in its own browser context (own cookies and localStorage).
export async function openPage(env, opts = {}) {
  const context = await env.browser.newContext({ viewport: opts.viewport || DESKTOP, baseURL: env.base, locale: 'vi-VN' });
  const page = await context.newPage();
  const problems = [];
  const allowed = []; // [{path, status}]
  const isAllowed = (url, status) => {
    const path = new URL(url).pathname;
    return allowed.some((a) => a.path === path && (a.status === undefined || a.status === status));
  };
  page.allow = (path, status) => allowed.push({ path, status });
  page.problems = problems;
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const loc = m.location() && m.location().url;
    // Chromium logs every 4xx/5xx answer as "Failed to load resource"; the
    // response handler below decides whether that answer was expected.
    if (/Failed to load resource/.test(m.text()) && loc) return;
    problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // A full navigation made by the test itself (goto, reload) cancels what the
  // old document was still loading (its icon, say): that is not a failure.
  let navigating = 0;
  for (const m of ['goto', 'reload']) {
    const original = page[m].bind(page);
    page[m] = async (...args) => {
      navigating++;
      try { return await original(...args); } finally { navigating--; }
    };
  }
  page.on('requestfailed', (r) => {
    const why = r.failure() ? r.failure().errorText : '';
    if (navigating && why === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${r.method()} ${r.url()} ${why}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !isAllowed(r.url(), r.status())) problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  page.closeAll = () => context.close();
  return page;
}

export function assertClean(page) {
  assert.deepEqual(page.problems, [], 'console errors or failed requests');
}

// Sign in through the form, as a person would; waits for the workspace.
export async function signIn(page, login, password = DEMO_PASSWORD) {
  await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập, số điện thoại hoặc e-mail').fill(login);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForURL(/\/(lam-viec|ho-so-cua-toi)$/);
  // citizens land on "Hồ sơ của tôi"; the workspace (their role card) is one link away
  if (/\/ho-so-cua-toi$/.test(page.url())) {
    await page.locator('main h1').waitFor();
    await page.goto('/lam-viec');
  }
  await page.locator('main .welcome h1').waitFor(); // the workspace, not the sign-in page still on screen
}

// Full-page screenshots at phone and desktop size, named <name>-<w>x<h>.png.
// At phone size the page must not scroll sideways (wide tables scroll in
// their own box or turn into cards): checked on every screen shot.
export async function screenshots(page, name) {
  const original = page.viewportSize();
  for (const vp of [PHONE, DESKTOP]) {
    await page.setViewportSize(vp);
    if (vp === PHONE) {
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= PHONE.width, `${name}: no horizontal scrolling at ${PHONE.width} px (the page is ${wide} px wide)`);
    }
    await page.screenshot({ path: join(SHOTS, `${name}-${vp.width}x${vp.height}.png`), fullPage: true });
  }
  await page.setViewportSize(original);
}
