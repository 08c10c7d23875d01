// End-to-end test of the CMDB pages (issue 13) in headless Chromium.
//
//   BASE_URL=http://localhost:8080 node modeler-ui/e2e/assets.mjs
//
// Set up over the API as bob: a server, an application that runs on it and an incident about the application.
// alice (a requester) is offered no Assets area; bob opens the Assets area, finds the application by name, opens it
// and sees its incident and its relation to the server, follows the relation to the server and sees the
// application in the server's impact with its open incident. Exits 0 when every step held; otherwise prints the
// failed step and leaves modeler-ui/target/e2e/assets-failure.png (and .html).
//
// Environment: BASE_URL (required), CHROMIUM (default /usr/bin/chromium), E2E_TIMEOUT_MS (15000).
import { chromium, request as http } from 'playwright-core';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accounts, check, createSteps, runScript, waitForAddress } from './harness.mjs';

const BASE_URL = (process.env.BASE_URL || '').replace(/\/$/, '');
const PASSWORD = 'demo';
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 15000);
const artifacts = fileURLToPath(new URL('../target/e2e/', import.meta.url));

if (!BASE_URL) {
  console.error('assets: set BASE_URL, e.g. BASE_URL=http://localhost:8080 node e2e/assets.mjs');
  process.exit(2);
}

const steps = createSteps();
const { step } = steps;
const pageErrors = [];
const userDataDir = mkdtempSync(join(tmpdir(), 'flowdesk-e2e-assets-'));
let browser;
let page;
const { signIn, signOut } = accounts(() => page, BASE_URL, PASSWORD);
const api = (user) => http.newContext({ baseURL: BASE_URL, extraHTTPHeaders: {
  Authorization: `Basic ${Buffer.from(`${user}:${PASSWORD}`).toString('base64')}`, Accept: 'application/json' } });

async function main() {
  console.log(`assets: ${BASE_URL}`);
  const run = Math.random().toString(36).slice(2, 8);
  const bobApi = await api('bob');
  const created = async (path, data) => {
    const response = await bobApi.post(path, { data });
    check(response.ok(), `${path} answered ${response.status()}: ${await response.text()}`);
    return response.json();
  };
  const server = await created('/api/assets', { type: 'server', name: `srv-e2e-${run}`, serial: `E2E-S-${run}`, critical: true });
  const app = await created('/api/assets', { type: 'application', name: `Webshop ${run}`, serial: `E2E-A-${run}` });
  await created(`/api/assets/${app.id}/relations`, { type: 'RUNS_ON', targetId: server.id });
  const incident = await created('/api/tickets', { type: 'INCIDENT', channel: 'PHONE', subject: `Webshop ${run} is down`,
    requester: 'alice', impact: 'HIGH', urgency: 'HIGH', fields: { asset: String(app.id) } });
  const ticket = await (await bobApi.get(`/api/tickets/${incident.ticketId}`)).json();
  await bobApi.dispose();

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

  await step('alice has no Assets area', async () => {
    await signIn('alice');
    check(!(await page.locator('a[href="#/assets"]').count()), 'alice is offered the Assets area');
    await signOut();
  });

  await step('bob finds the application and sees its ticket and its relation', async () => {
    await signIn('bob');
    await page.locator('a[href="#/assets"]').first().click();
    await waitForAddress(page, (url) => url.hash.startsWith('#/assets'));
    await page.fill('input[name="q"]', `Webshop ${run}`);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByTestId('asset-list').getByRole('link', { name: `Webshop ${run}` }).click();
    await waitForAddress(page, (url) => url.hash === `#/assets/${app.id}`);
    await page.getByTestId('asset-name').filter({ hasText: `Webshop ${run}` }).waitFor();
    const tickets = page.getByTestId('asset-tickets');
    await tickets.getByRole('link', { name: ticket.number }).waitFor();
    check((await tickets.innerText()).includes(`Webshop ${run} is down`), 'the asset does not show its incident');
    const relations = page.getByTestId('asset-relations');
    check((await relations.innerText()).includes('runs on'), `the relation reads ${await relations.innerText()}`);
    await relations.getByRole('link', { name: `srv-e2e-${run}` }).waitFor();
  });

  await step('bob follows the relation to the server and sees what depends on it', async () => {
    await page.getByTestId('asset-relations').getByRole('link', { name: `srv-e2e-${run}` }).click();
    await waitForAddress(page, (url) => url.hash === `#/assets/${server.id}`);
    const impact = page.getByTestId('asset-impact');
    await impact.getByRole('link', { name: `Webshop ${run}` }).waitFor();
    await impact.getByRole('link', { name: ticket.number }).waitFor();
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'assets-server.png'), fullPage: true });
    check(!pageErrors.length, `errors on the page: ${pageErrors.join('; ')}`);
  });
}

await runScript('assets', main, {
  steps, getPage: () => page, getBrowser: () => browser, pageErrors, artifacts, userDataDir,
});
