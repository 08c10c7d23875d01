// End-to-end test of the reports and dashboard (issue 11) in headless Chromium.
//
//   BASE_URL=http://localhost:8080 node modeler-ui/e2e/reports.mjs
//
// alice (a requester) is offered no Reports area and gets 403 from the report API; dora (a designer) opens the
// dashboard: the figure tiles show the server's numbers for the last 30 days (compared with GET
// /api/reports/overview as dora), all six charts are drawn (their canvases carry pixels), a narrower period and a
// queue change the figures, and the CSV link downloads the same figures. Exits 0 when every step held; otherwise
// prints the failed step and leaves modeler-ui/target/e2e/reports-failure.png (and .html).
//
// Environment: BASE_URL (required), CHROMIUM (default /usr/bin/chromium), E2E_TIMEOUT_MS (15000).
import { chromium, request as http } from 'playwright-core';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accounts, check, createSteps, runScript, waitForAddress, watchContentSecurityPolicy } from './harness.mjs';

const BASE_URL = (process.env.BASE_URL || '').replace(/\/$/, '');
const PASSWORD = 'demo';
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 15000);
const artifacts = fileURLToPath(new URL('../target/e2e/', import.meta.url));

if (!BASE_URL) {
  console.error('reports: set BASE_URL, e.g. BASE_URL=http://localhost:8080 node e2e/reports.mjs');
  process.exit(2);
}

const steps = createSteps();
const { step } = steps;
const pageErrors = [];
const userDataDir = mkdtempSync(join(tmpdir(), 'flowdesk-e2e-reports-'));
let browser;
let page;
const { signIn, signOut } = accounts(() => page, BASE_URL, PASSWORD);
const api = (user) => http.newContext({ baseURL: BASE_URL, extraHTTPHeaders: {
  Authorization: `Basic ${Buffer.from(`${user}:${PASSWORD}`).toString('base64')}`, Accept: 'application/json' } });

/** The tile's figure as the page shows it. */
const tile = async (name) => (await page.locator(`[data-figure="${name}"] .fs-4`).innerText()).trim();

async function main() {
  console.log(`reports: ${BASE_URL}`);
  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    serviceWorkers: 'block',
    locale: 'en-US',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    timeout: 60000,
  });
  browser.setDefaultTimeout(TIMEOUT);
  page = browser.pages()[0] || (await browser.newPage());
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await watchContentSecurityPolicy(page, pageErrors);

  await step('alice has no Reports area and the report API refuses her', async () => {
    await signIn('alice');
    check(!(await page.locator('a[href="#/reports"]').count()), 'alice is offered the Reports area');
    const alice = await api('alice');
    const refused = await alice.get('/api/reports/overview');
    check(refused.status() === 403, `the report API answered alice ${refused.status()}`);
    await alice.dispose();
    await signOut();
  });

  let expected;
  await step('dora opens the dashboard: the tiles show the server\'s figures and six charts are drawn', async () => {
    await signIn('dora');
    await page.locator('a[href="#/reports"]').first().click();
    await waitForAddress(page, (url) => url.hash.startsWith('#/reports'));
    await page.locator('[data-figure="created"]').waitFor();
    const from = await page.locator('input[name="from"]').inputValue();
    const to = await page.locator('input[name="to"]').inputValue();
    const dora = await api('dora');
    expected = await (await dora.get(`/api/reports/overview?from=${from}&to=${to}`)).json();
    await dora.dispose();
    check(expected.totals.created > 0, `the period holds no tickets: ${JSON.stringify(expected.totals)}`);
    check(await tile('created') === String(expected.totals.created), `created shows ${await tile('created')}, the API ${expected.totals.created}`);
    check(await tile('backlog') === String(expected.backlog.total), `open now shows ${await tile('backlog')}, the API ${expected.backlog.total}`);
    const charts = page.locator('figure.report-chart canvas');
    await page.waitForFunction(() => document.querySelectorAll('figure.report-chart canvas').length === 6);
    // every chart has drawn something: a canvas with painted pixels
    await page.waitForFunction(() => [...document.querySelectorAll('figure.report-chart canvas')].every((canvas) => {
      const { width, height } = canvas;
      if (!width || !height) return false;
      const pixels = canvas.getContext('2d').getImageData(0, 0, width, height).data;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
      return false;
    }));
    check(await charts.count() === 6, `${await charts.count()} charts`);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'reports-dashboard.png'), fullPage: true });
  });

  await step('a period without tickets shows zeros, and a queue filter is the server\'s', async () => {
    await page.fill('input[name="from"]', '2001-01-01');
    await page.fill('input[name="to"]', '2001-02-01');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator('[data-figure="created"] .fs-4', { hasText: /^0$/ }).waitFor();
    check(await tile('responseCompliance') === '—', `compliance of nothing shows ${await tile('responseCompliance')}`);
  });

  await step('the CSV link downloads the same figures', async () => {
    await page.fill('input[name="from"]', expected.from);
    await page.fill('input[name="to"]', expected.to);
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator('[data-figure="created"] .fs-4', { hasText: new RegExp(`^${expected.totals.created}$`) }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-csv').click()]);
    const path = await download.path();
    const text = (await import('node:fs')).readFileSync(path, 'utf8');
    check(text.startsWith('section,key,metric,value'), `the CSV starts with ${text.slice(0, 40)}`);
    check(text.includes(`totals,,created,${expected.totals.created}\r\n`), 'the CSV lacks the created figure');
    check(!pageErrors.length, `errors on the page: ${pageErrors.join('; ')}`);
  });
}

await runScript('reports', main, {
  steps, getPage: () => page, getBrowser: () => browser, pageErrors, artifacts, userDataDir,
});
