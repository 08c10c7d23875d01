// End-to-end test of rules as tables (issue 12, part 1) in headless Chromium.
//
//   BASE_URL=http://localhost:8080 node modeler-ui/e2e/rules-table.mjs
//
// dora (a designer) opens the live routing rule set: it shows as a table, not DRL. She types a category no rule
// knows into the printer row and saves: the message appears at that cell and nothing is stored. She routes printers
// to the service desk instead and saves a new version, replays it on the two tickets just opened (one about a
// printer): the replay shows the printer ticket moving from field-service to service-desk. She activates it, and a
// new printer ticket goes to the service desk. "Edit as DRL" shows the DRL the server generated. The routing that
// was live before is activated again at the end. Exits 0 when every step held; otherwise prints the failed step and
// leaves modeler-ui/target/e2e/rules-table-failure.png (and .html).
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
  console.error('rules-table: set BASE_URL, e.g. BASE_URL=http://localhost:8080 node e2e/rules-table.mjs');
  process.exit(2);
}

const steps = createSteps();
const { step } = steps;
const pageErrors = [];
const userDataDir = mkdtempSync(join(tmpdir(), 'flowdesk-e2e-rules-table-'));
let browser;
let page;
const { signIn } = accounts(() => page, BASE_URL, PASSWORD);
const api = (user) => http.newContext({ baseURL: BASE_URL, extraHTTPHeaders: {
  Authorization: `Basic ${Buffer.from(`${user}:${PASSWORD}`).toString('base64')}`, Accept: 'application/json' } });

const PRINTER_QUEUE = '[data-cell="tables[0].rows[1].then[0]"]';
const PRINTER_CATEGORIES = '[data-cell="tables[0].rows[1].when[1]"]';

async function openTicket(subject) {
  const bob = await api('bob');
  const created = await bob.post('/api/tickets', { data: { type: 'INCIDENT', subject, description: '', impact: 'LOW', urgency: 'LOW' } });
  check(created.status() === 201, `bob could not open a ticket: ${created.status()}`);
  const { ticketId } = await created.json();
  const ticket = await (await bob.get(`/api/tickets/${ticketId}`)).json();
  await bob.dispose();
  return ticket;
}

async function liveRouting() {
  const dora = await api('dora');
  const sets = await (await dora.get('/api/rulesets')).json();
  await dora.dispose();
  return sets.find((s) => s.name === 'routing').activeVersion;
}

let before;
let draft;

async function main() {
  console.log(`rules-table: ${BASE_URL}`);
  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    serviceWorkers: 'block',
    locale: 'en-US',
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
    timeout: 60000,
  });
  browser.setDefaultTimeout(TIMEOUT);
  page = browser.pages()[0] || (await browser.newPage());
  page.on('pageerror', (error) => pageErrors.push(error.message));

  before = await liveRouting();
  const printer = await openTicket('The printer in room 4 is jammed');
  await openTicket('The network in building D is slow');
  check(printer.queue === 'field-service', `the printer ticket went to ${printer.queue}`);

  await step('dora opens the live routing: a table is the default editor', async () => {
    await signIn('dora');
    await page.goto(`${BASE_URL}/#/design/rules/routing/${before}`);
    await page.locator('[data-table="queue"], [data-action="edit-table"]').first().waitFor();
    if (!(await page.locator('[data-table="queue"]').count())) await page.locator('[data-action="edit-table"]').click();
    await page.locator(PRINTER_QUEUE).waitFor();
    check(await page.locator(PRINTER_QUEUE).inputValue() === 'field-service', 'the printer row does not route to field-service');
    check(await page.locator('[data-table="approval"]').count() === 1, 'the approval table is missing');
  });

  await step('a category no rule knows is refused, with the message at its cell', async () => {
    await page.fill(PRINTER_CATEGORIES, 'printr, hardware');
    await page.locator('[data-action="save"]').click();
    await page.locator(`${PRINTER_CATEGORIES}.is-invalid`).waitFor();
    const message = await page.locator(`${PRINTER_CATEGORIES} ~ [data-problem="error"]`).innerText();
    check(message.includes('unknown category "printr"') && message.includes('row 2'), `the cell says: ${message}`);
    check(await liveRouting() === before, 'a refused table changed the live routing');
  });

  await step('printers routed to the service desk are saved as a new table version', async () => {
    await page.fill(PRINTER_CATEGORIES, 'printer, hardware');
    await page.fill(PRINTER_QUEUE, 'service-desk');
    await page.fill('input[name="comment"]', 'printers to the service desk');
    await page.locator('[data-action="save"]').click();
    await waitForAddress(page, (url) => /#\/design\/rules\/routing\/\d+$/.test(url.hash) && !url.hash.endsWith(`/${before}`));
    draft = Number(new URL(page.url()).hash.split('/').pop());
    await page.locator(`${PRINTER_QUEUE}`).waitFor();
    await page.waitForFunction((selector) => document.querySelector(selector)?.value === 'service-desk', PRINTER_QUEUE);
    await page.locator('[data-action="activate"]').waitFor();
    check(await page.locator(`[data-ruleset="routing"] [data-version="${draft}"] [data-status="DRAFT"]`).count() === 1,
      `version ${draft} is not listed as a draft`);
  });

  await step('the replay shows the printer ticket moving to the service desk', async () => {
    await page.locator('details.replay summary').click();
    await page.fill('input[name="last"]', '2');
    await page.locator('[data-action="replay"]').click();
    const result = page.locator('.replay-result');
    await result.locator('table').waitFor();
    const text = await result.innerText();
    check(text.includes('1 of 2'), `the replay says: ${text}`);
    check(/queue\s+field-service\s+service-desk\s+1/.test(text), `the replay table shows: ${text}`);
    check(text.includes(printer.number), `the replay does not name ${printer.number}: ${text}`);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'rules-table-replay.png'), fullPage: true });
  });

  await step('dora activates it, and a new printer ticket goes to the service desk', async () => {
    await page.locator('[data-action="activate"]').click();
    await page.locator('.alert-success', { hasText: `routing@${draft}` }).waitFor();
    check(await liveRouting() === draft, 'the table version is not live');
    const next = await openTicket('Another printer is jammed');
    check(next.queue === 'service-desk', `the new printer ticket went to ${next.queue}`);
  });

  await step('"Edit as DRL" shows the DRL the server generated', async () => {
    await page.locator('[data-action="edit-drl"]').click();
    await page.locator('[data-action="edit-table"]').waitFor();
    const drl = await page.locator('.rule-editor-area textarea').inputValue();
    check(drl.includes('setQueue("service-desk")') && drl.includes('agenda-group "routing"'),
      'the DRL view lacks the generated setQueue("service-desk")');
    check(!pageErrors.length, `errors on the page: ${pageErrors.join('; ')}`);
  });
}

async function restore() {
  if (before === undefined) return;
  const dora = await api('dora');
  await dora.post(`/api/rulesets/routing/versions/${before}/activate`, { data: {} });
  await dora.dispose();
}

/** The script, then the routing that was live before, whatever happened (runScript exits the process). */
async function mainThenRestore() {
  try {
    await main();
  } finally {
    await restore();
  }
}

await runScript('rules-table', mainThenRestore, {
  steps, getPage: () => page, getBrowser: () => browser, pageErrors, artifacts, userDataDir,
});
