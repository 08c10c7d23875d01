// End-to-end test of ticket templates ("quick tickets", issue 11 part 3) in headless Chromium against a running engine.
//
//   BASE_URL=http://localhost:8080 node modeler-ui/e2e/quick.mjs
//
// dora writes a template for printer jams (API). bob opens "New ticket for a caller", types the caller (alice), clicks
// the template's button — the subject and description are prefilled — and opens the ticket: the page shows it, and
// the engine has alice's ticket taken on the phone, with the template's category, through the form's pipeline. dora
// finds the template on the design page "Templates and scheduled actions". Exits 0 when every step held; otherwise
// prints the failed step and leaves modeler-ui/target/e2e/quick-failure.png (and .html).
//
// Environment: BASE_URL (required), CHROMIUM (default /usr/bin/chromium), E2E_TIMEOUT_MS (15000).
import { chromium, request as http } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accounts, check, createSteps, runScript, waitForAddress } from './harness.mjs';

const BASE_URL = (process.env.BASE_URL || '').replace(/\/$/, '');
const PASSWORD = 'demo';
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 15000);
const RUN = `qt${Date.now().toString(36)}`;
const TEMPLATE = `Printer jam ${RUN}`;
const SUBJECT = `Printer on floor 2 jams ${RUN}`;
const artifacts = fileURLToPath(new URL('../target/e2e/', import.meta.url));

if (!BASE_URL) {
  console.error('quick: set BASE_URL, e.g. BASE_URL=http://localhost:8080 node e2e/quick.mjs');
  process.exit(2);
}

const steps = createSteps();
const { step } = steps;
const origin = new URL(BASE_URL).origin;
const offOrigin = new Set();
const pageErrors = [];
const userDataDir = mkdtempSync(join(tmpdir(), 'flowdesk-e2e-quick-'));
let browser;
let page;
const { signIn, signOut } = accounts(() => page, BASE_URL, PASSWORD);

const api = (user) => http.newContext({ baseURL: BASE_URL, extraHTTPHeaders: {
  Authorization: `Basic ${Buffer.from(`${user}:${PASSWORD}`).toString('base64')}`, Accept: 'application/json' } });

async function main() {
  console.log(`quick: ${BASE_URL} (run ${RUN})`);
  for (const name of ['quick-failure.png', 'quick-failure.html']) rmSync(join(artifacts, name), { force: true });
  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    serviceWorkers: 'block',
    locale: 'en-US',
    viewport: { width: 1400, height: 900 },
    timeout: 60000,
  });
  browser.setDefaultTimeout(TIMEOUT);
  page = browser.pages()[0] || (await browser.newPage());
  page.on('request', (request) => {
    const url = request.url();
    if (/^https?:/.test(url) && new URL(url).origin !== origin) offOrigin.add(url);
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('dialog', (dialog) => void dialog.accept());

  let templateId;
  await step('dora writes a ticket template for printer jams', async () => {
    const dora = await api('dora');
    try {
      const created = await dora.post('/api/ticket-templates', { data: { name: TEMPLATE, formKey: 'report-incident',
        values: { subject: SUBJECT, description: 'Paper jams on every second page', categoryHint: 'printer',
          impact: 'LOW', urgency: 'MEDIUM' }, priorityHint: 'P3' } });
      check(created.status() === 201, `the template answered ${created.status()}: ${await created.text()}`);
      templateId = (await created.json()).id;
    } finally {
      await dora.dispose();
    }
  });

  let ticketId;
  await step('bob opens a ticket for alice from the template: one click prefills, the ticket opens', async () => {
    await signIn('bob');
    await waitForAddress(page, (url) => url.hash.startsWith('#/agent'));
    await page.goto(`${BASE_URL}/#/agent/new`);
    const button = page.locator(`[data-testid="ticket-templates"] button[data-template="${TEMPLATE}"]`);
    await button.waitFor();
    await page.locator('.new-ticket input[name="requester"]').fill('alice');
    await button.click();
    check(await page.locator('.new-ticket input[name="subject"]').inputValue() === SUBJECT, 'the subject was not prefilled');
    check((await page.locator('.new-ticket textarea[name="description"]').inputValue()).includes('Paper jams'),
      'the description was not prefilled');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/ticket-templates/${templateId}/tickets`) && r.request().method() === 'POST'),
      page.locator('.new-ticket button[type="submit"]').click(),
    ]);
    check(response.status() === 201, `opening answered ${response.status()}: ${await response.text()}`);
    ticketId = (await response.json()).ticketId;
    await waitForAddress(page, (url) => url.hash.includes(`/tickets/${ticketId}`));
  });

  await step('the engine has alice\'s phone ticket with the template\'s values', async () => {
    const admin = await api('admin');
    try {
      const response = await admin.get(`/api/tickets/${ticketId}`);
      check(response.status() === 200, `GET ticket answered ${response.status()}`);
      const ticket = await response.json();
      check(ticket.subject === SUBJECT, `subject ${ticket.subject}`);
      check(ticket.requester === 'alice', `requester ${ticket.requester}`);
      check(ticket.channel === 'PHONE', `channel ${ticket.channel}`);
      check(ticket.category === 'printer', `category ${ticket.category}`);
    } finally {
      await admin.dispose();
    }
    await signOut();
  });

  await step('dora finds the template on the design page, and deletes it', async () => {
    await signIn('dora');
    await page.goto(`${BASE_URL}/#/design/quick`);
    await page.locator(`[data-testid="template-list"] tr[data-template="${TEMPLATE}"]`).waitFor();
    const dora = await api('dora');
    try {
      const deleted = await dora.delete(`/api/ticket-templates/${templateId}`);
      check(deleted.status() === 204, `delete answered ${deleted.status()}`);
    } finally {
      await dora.dispose();
    }
    await signOut();
  });

  await step('everything came from the engine, nothing from a CDN, and no script error', async () => {
    check(offOrigin.size === 0, `requests left the engine: ${[...offOrigin].join(', ')}`);
    check(pageErrors.length === 0, `script errors: ${pageErrors.join(' | ')}`);
  });
}

await runScript('quick', main, {
  steps, getPage: () => page, getBrowser: () => browser, pageErrors, artifacts, userDataDir,
});
