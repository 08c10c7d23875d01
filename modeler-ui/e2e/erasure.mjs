// End-to-end test of the erasure screen (issue 15 part 6) in headless Chromium.
//
//   BASE_URL=http://localhost:8080 node modeler-ui/e2e/erasure.mjs
//
// A person with an account and a ticket of her own; admin opens Admin › Privacy, names her, sees the dry run (what
// would change, per column; nothing changed yet), confirms by typing her id (the button stays off until it matches)
// and pseudonymises her. Her account is gone and her ticket names her pseudonym. Exits 0 when every step held;
// otherwise prints the failed step and leaves modeler-ui/target/e2e/erasure-failure.png (and .html).
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
const PERSON_PASSWORD = 'Gdpr-person-1!';
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 15000);
const artifacts = fileURLToPath(new URL('../target/e2e/', import.meta.url));

if (!BASE_URL) {
  console.error('erasure: set BASE_URL, e.g. BASE_URL=http://localhost:8080 node e2e/erasure.mjs');
  process.exit(2);
}

const steps = createSteps();
const { step } = steps;
const pageErrors = [];
const userDataDir = mkdtempSync(join(tmpdir(), 'flowdesk-e2e-erasure-'));
let browser;
let page;
const { signIn } = accounts(() => page, BASE_URL, PASSWORD);
const basic = (user, password = PASSWORD) => http.newContext({
  baseURL: BASE_URL,
  extraHTTPHeaders: { Accept: 'application/json', Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
});

async function main() {
  console.log(`erasure: ${BASE_URL}`);
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

  const admin = await basic('admin');
  const person = `gdpr-${Date.now().toString(36)}`;
  let ticketId;
  await step(`${person} has an account and a ticket`, async () => {
    const created = await admin.post('/api/admin/users', { data: {
      id: person, firstName: 'Greta', lastName: 'Gdpr', email: `${person}@example.com`, groups: [], password: PERSON_PASSWORD,
    } });
    check(created.status() === 201 || created.status() === 200, `creating ${person}: ${created.status()} ${await created.text()}`);
    const own = await basic(person, PERSON_PASSWORD);
    const submitted = await own.post('/api/forms/report-incident/submissions', { data: { data: {
      subject: `Printer of ${person}`, description: 'Floor 2', impact: 'LOW', urgency: 'LOW',
    } } });
    check(submitted.status() === 201, `her ticket: ${submitted.status()} ${await submitted.text()}`);
    ticketId = (await submitted.json()).ticketId;
    await own.dispose();
  });

  await step('the Privacy tab shows the dry run and changes nothing', async () => {
    await signIn('admin');
    await page.goto(`${BASE_URL}/#/admin/privacy`);
    await page.locator('.admin-privacy-form').waitFor();
    await page.fill('.admin-privacy-person', person);
    await page.locator('.admin-privacy-mode').selectOption('pseudonymise');
    await page.locator('.admin-privacy-dry-run').click();
    const preview = page.locator('.admin-privacy-result.admin-privacy-dry');
    await preview.waitFor();
    const rows = Number(await preview.getAttribute('data-rows'));
    check(rows > 0, `the dry run counts ${rows} values`);
    check(await page.locator('.admin-privacy-columns tr[data-column]').count() > 0, 'the dry run lists no column');
    check((await preview.innerText()).includes('person-'), 'the dry run shows no pseudonym');
    const still = await admin.get(`/api/admin/users/${person}`);
    check(still.status() === 200, `after the dry run the account answered ${still.status()}`);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'admin-privacy.png'), fullPage: true });
  });

  await step('typing her id unlocks the run, which pseudonymises her', async () => {
    const run = page.locator('.admin-privacy-run');
    check(await run.isDisabled(), 'the run is enabled before the id is typed');
    await page.fill('.admin-privacy-confirm', `${person}x`);
    check(await run.isDisabled(), 'the run is enabled for a wrong id');
    await page.fill('.admin-privacy-confirm', person);
    await run.click();
    const done = page.locator('.admin-privacy-outcome .alert-success');
    await done.waitFor();
    check((await done.innerText()).includes('person-'), `the outcome: ${await done.innerText()}`);
    await page.locator('.admin-privacy-result.admin-privacy-done').waitFor();
    const gone = await admin.get(`/api/admin/users/${person}`);
    check(gone.status() === 404, `after the run the account answered ${gone.status()}`);
    const ticket = await (await admin.get(`/api/tickets/${ticketId}`)).json();
    check(String(ticket.requester).startsWith('person-'), `the ticket's requester: ${ticket.requester}`);
    check(!pageErrors.length, `errors on the page: ${pageErrors.join('; ')}`);
  });
  await admin.dispose();
}

await runScript('erasure', main, {
  steps, getPage: () => page, getBrowser: () => browser, pageErrors, artifacts, userDataDir,
});
