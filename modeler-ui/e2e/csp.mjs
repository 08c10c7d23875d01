// End-to-end test of the Content-Security-Policy (issue 15 part 7) in headless Chromium.
//
//   BASE_URL=http://localhost:8080 node modeler-ui/e2e/csp.mjs
//
// The app and the login page carry the policy and the other hardening headers; the app works under it (alice signs
// in and sees her portal, dora's BPMN modeler draws); and the policy bites: injected inline and data: scripts do not
// run, and the violation reaches the harness's watcher (so the other scripts' "no violation" check can
// fail). Exits 0 when every step held; otherwise prints the failed step and leaves modeler-ui/target/e2e/csp-failure.png.
//
// Environment: BASE_URL (required), CHROMIUM (default /usr/bin/chromium), E2E_TIMEOUT_MS (15000).
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accounts, check, createSteps, runScript, watchContentSecurityPolicy } from './harness.mjs';

const BASE_URL = (process.env.BASE_URL || '').replace(/\/$/, '');
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 15000);
const artifacts = fileURLToPath(new URL('../target/e2e/', import.meta.url));

if (!BASE_URL) {
  console.error('csp: set BASE_URL, e.g. BASE_URL=http://localhost:8080 node e2e/csp.mjs');
  process.exit(2);
}

const steps = createSteps();
const { step } = steps;
const pageErrors = [];
const userDataDir = mkdtempSync(join(tmpdir(), 'flowdesk-e2e-csp-'));
let browser;
let page;
const { signIn, signOut } = accounts(() => page, BASE_URL, 'demo');

async function main() {
  console.log(`csp: ${BASE_URL}`);
  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    serviceWorkers: 'block',
    locale: 'en-US',
    viewport: { width: 1280, height: 900 },
    timeout: 60000,
  });
  browser.setDefaultTimeout(TIMEOUT);
  page = browser.pages()[0] || (await browser.newPage());
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await watchContentSecurityPolicy(page, pageErrors);

  await step('the login page and the app carry the policy and the hardening headers', async () => {
    const login = await page.goto(`${BASE_URL}/login`);
    const headers = login.headers();
    const csp = headers['content-security-policy'] || '';
    check(csp.includes("script-src 'self'"), `login page CSP: ${csp}`);
    check(!csp.includes('unsafe-eval') && !/script-src[^;]*unsafe-inline/.test(csp), `CSP allows script: ${csp}`);
    check(headers['referrer-policy'] === 'same-origin', `Referrer-Policy: ${headers['referrer-policy']}`);
    check((headers['permissions-policy'] || '').includes('camera=()'), 'no Permissions-Policy');
    check(headers['x-content-type-options'] === 'nosniff', 'no X-Content-Type-Options');
    await signIn('alice');
    const app = await page.request.get(`${BASE_URL}/`);
    check((app.headers()['content-security-policy'] || '') === csp, 'the app has another policy than the login page');
  });

  await step('alice\'s portal works under the policy', async () => {
    await page.getByTestId('signed-in-user').waitFor();
    check(pageErrors.length === 0, `errors on the page: ${pageErrors.join(' | ')}`);
    await signOut();
  });

  await step('dora\'s BPMN modeler draws under the policy', async () => {
    await signIn('dora');
    await page.goto(`${BASE_URL}/#/design/processes/new`);
    await page.locator('.bpmn-canvas .djs-container').waitFor();
    await page.locator('.bpmn-canvas .djs-element').first().waitFor();
    check(pageErrors.length === 0, `errors on the page: ${pageErrors.join(' | ')}`);
  });

  await step('injected inline and data: scripts do not run, and the watcher sees the violation', async () => {
    // (eval cannot be probed from here: code Playwright evaluates runs with DevTools' exemption from the page's
    // eval policy; the policy's lack of 'unsafe-eval' is checked in the first step)
    const outcome = await page.evaluate(async () => {
      const inline = document.createElement('script');
      inline.textContent = 'window.__injected = true;';
      document.head.append(inline);
      const fromData = document.createElement('script');
      fromData.src = 'data:text/javascript,window.__fromData%20%3D%20true%3B';
      const settled = new Promise((resolve) => { fromData.onload = resolve; fromData.onerror = resolve; });
      document.head.append(fromData);
      await settled;
      return { injected: window.__injected === true, fromData: window.__fromData === true };
    });
    check(!outcome.injected, 'the injected inline script ran');
    check(!outcome.fromData, 'the injected data: script ran');
    const end = Date.now() + TIMEOUT;
    while (!pageErrors.some((e) => e.startsWith('CSP violation:')) && Date.now() < end) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    check(pageErrors.some((e) => e.startsWith('CSP violation:') && e.includes('script-src')),
      `the watcher saw no violation: ${pageErrors.join(' | ')}`);
    // expected here; every other script fails on any violation
    pageErrors.length = 0;
  });
}

await runScript('csp', main, { steps, getPage: () => page, getBrowser: () => browser, pageErrors, artifacts, userDataDir });
