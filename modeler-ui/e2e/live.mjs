// End-to-end test of live updates and collision detection (issue 11 part 2) in headless Chromium against a running
// engine, with two agents in two browser contexts (two sessions, as on two machines).
//
//   BASE_URL=http://localhost:8080 node modeler-ui/e2e/live.mjs
//
// alice reports an incident through the API (the shipped rules route it to bob's service-desk queue). bob opens it;
// the administrator (an agent who sees every queue) opens it too: each page says the other is viewing it. The
// administrator claims it (bulk claim, the API the list's bulk bar uses): bob's page says "admin claimed this ticket"
// and shows the new assignee without a reload. bob then picks the list's columns, saves them as a view and changes
// the view's columns; the engine has them. Exits 0 when every step held; otherwise prints the failed step and leaves
// modeler-ui/target/e2e/live-failure.png (and .html).
//
// Environment: BASE_URL (required), CHROMIUM (default /usr/bin/chromium), E2E_TIMEOUT_MS (15000).
import { chromium, request as http } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accounts, check, createSteps, runScript } from './harness.mjs';

const BASE_URL = (process.env.BASE_URL || '').replace(/\/$/, '');
const PASSWORD = 'demo';
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 15000);
/** A heartbeat every 10 s and a poll every 5 s: a notice may take that long to appear. */
const LIVE_TIMEOUT = TIMEOUT + 15000;
const RUN = `live${Date.now().toString(36)}`;
const VIEW = `Columns ${RUN}`;
const artifacts = fileURLToPath(new URL('../target/e2e/', import.meta.url));

if (!BASE_URL) {
  console.error('live: set BASE_URL, e.g. BASE_URL=http://localhost:8080 node e2e/live.mjs');
  process.exit(2);
}

const steps = createSteps();
const { step } = steps;
const pageErrors = [];
const userDataDir = mkdtempSync(join(tmpdir(), 'flowdesk-e2e-live-'));
let browser;
let bobPage;
let adminPage;
let shown;
const bob = accounts(() => bobPage, BASE_URL, PASSWORD);
const admin = accounts(() => adminPage, BASE_URL, PASSWORD);

const api = (user) => http.newContext({ baseURL: BASE_URL, extraHTTPHeaders: {
  Authorization: `Basic ${Buffer.from(`${user}:${PASSWORD}`).toString('base64')}`, Accept: 'application/json' } });

async function call(user, method, path, data) {
  const context = await api(user);
  try {
    const response = await context.fetch(path, { method, data });
    const text = await response.text();
    check(response.ok(), `${method} ${path} as ${user} answered ${response.status()}: ${text}`);
    return text ? JSON.parse(text) : null;
  } finally {
    await context.dispose();
  }
}

async function newPage() {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 900 }, serviceWorkers: 'block' });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('dialog', (dialog) => void dialog.accept());
  return page;
}

async function main() {
  console.log(`live: ${BASE_URL} (run ${RUN})`);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 60000,
  });
  bobPage = await newPage();
  adminPage = await newPage();
  shown = bobPage;

  let ticket;
  await step('alice reports an incident; the rules put it in the service-desk queue', async () => {
    const opened = await call('alice', 'POST', '/api/forms/report-incident/submissions', { data: {
      subject: `Password expired ${RUN}`, description: 'cannot log in (live updates test)', impact: 'LOW', urgency: 'LOW' } });
    ticket = await call('bob', 'GET', `/api/tickets/${opened.ticketId}`);
    check(ticket.queue === 'service-desk', `the ticket is in ${ticket.queue}`);
  });

  await step('bob and the administrator open the ticket; each page says the other is viewing it', async () => {
    await bob.signIn('bob');
    await bobPage.goto(`${BASE_URL}/#/agent/tickets/${ticket.id}`);
    await bobPage.locator('#agent-ticket-heading', { hasText: ticket.number }).waitFor();
    await admin.signIn('admin');
    shown = adminPage;
    await adminPage.goto(`${BASE_URL}/#/agent/tickets/${ticket.id}`);
    await adminPage.locator('#agent-ticket-heading', { hasText: ticket.number }).waitFor();
    await adminPage.locator('[data-testid="presence"] [data-viewer="bob"]').waitFor({ timeout: LIVE_TIMEOUT });
    shown = bobPage;
    await bobPage.locator('[data-testid="presence"] [data-viewer="admin"]').waitFor({ timeout: LIVE_TIMEOUT });
    const notice = await bobPage.locator('[data-viewer="admin"]').innerText();
    check(notice.includes('admin is viewing'), `bob's notice says "${notice}"`);
  });

  await step('the administrator claims the ticket; bob\'s page says so and shows the assignee without a reload', async () => {
    const before = await bobPage.evaluate(() => performance.getEntriesByType('navigation').length);
    const result = await call('admin', 'POST', '/api/tickets/bulk', { ids: [ticket.id], action: 'claim' });
    check(result.succeeded === 1, `the claim: ${JSON.stringify(result)}`);
    await bobPage.locator('[data-testid="presence"] [data-claimed-by="admin"]').waitFor({ timeout: LIVE_TIMEOUT });
    const notice = await bobPage.locator('[data-claimed-by="admin"]').innerText();
    check(notice.includes('admin claimed this ticket'), `bob's notice says "${notice}"`);
    await bobPage.locator('.facts [data-field="assignee"] dd', { hasText: 'admin' }).waitFor({ timeout: LIVE_TIMEOUT });
    const after = await bobPage.evaluate(() => performance.getEntriesByType('navigation').length);
    check(before === after && new URL(bobPage.url()).hash === `#/agent/tickets/${ticket.id}`, 'bob\'s page was reloaded');
  });

  await step('bob picks the list\'s columns, saves them as a view and changes the view\'s columns', async () => {
    const params = new URLSearchParams({ q: ticket.number });
    await bobPage.goto(`${BASE_URL}/#/agent/inbox/tickets/${encodeURIComponent(params.toString())}`);
    await bobPage.locator(`.ticket-list tbody tr[data-ticket-number="${ticket.number}"]`).waitFor();
    const picker = bobPage.getByTestId('columns-picker');
    const openPicker = async () => {
      if (!(await picker.evaluate((details) => details.open))) await picker.locator('summary').click();
    };
    await openPicker();
    await picker.locator('input[data-column="queue"]').uncheck();
    // each change goes through the address and draws the list (and the choices) again: wait for it
    await bobPage.locator('.ticket-list th[data-col-head="queue"]').waitFor({ state: 'detached' });
    await openPicker();
    await picker.locator('input[data-column="requester"]').check();
    await bobPage.locator('.ticket-list th[data-col-head="requester"]').waitFor();
    check(await bobPage.locator('.ticket-list th[data-col-head="queue"]').count() === 0, 'the queue column is still shown');
    const cell = await bobPage.locator(`tr[data-ticket-number="${ticket.number}"] td[data-col="requester"]`).innerText();
    check(cell.includes('alice'), `the requester cell says "${cell}"`);

    await bobPage.locator('[data-action="save-view"]').click();
    await bobPage.locator('input[name="view-name"]').fill(VIEW);
    await Promise.all([
      bobPage.waitForResponse((r) => r.url().endsWith('/api/views') && r.request().method() === 'POST'),
      bobPage.locator('form.save-view button[type="submit"]').click(),
    ]);
    let view = (await call('bob', 'GET', '/api/views')).find((v) => v.name === VIEW);
    check(view && view.columns.includes('requester') && !view.columns.includes('queue'), `the saved view: ${JSON.stringify(view)}`);

    await bobPage.locator(`.saved-views li[data-view-id="${view.id}"] a.active`).waitFor();
    await openPicker();
    await picker.locator('input[data-column="category"]').check();
    await bobPage.locator('.ticket-list th[data-col-head="category"]').waitFor();
    await Promise.all([
      bobPage.waitForResponse((r) => r.url().endsWith(`/api/views/${view.id}`) && r.request().method() === 'PUT'),
      bobPage.locator('[data-action="update-view"]').click(),
    ]);
    view = (await call('bob', 'GET', '/api/views')).find((v) => v.name === VIEW);
    check(view.columns.includes('category') && view.columns.includes('requester'), `the updated view: ${JSON.stringify(view)}`);
    await call('bob', 'DELETE', `/api/views/${view.id}`);
  });

  await step('no script error', async () => {
    check(pageErrors.length === 0, `script errors: ${pageErrors.join(' | ')}`);
  });
}

await runScript('live', main, {
  steps, getPage: () => shown, getBrowser: () => browser, pageErrors, artifacts, userDataDir,
});
