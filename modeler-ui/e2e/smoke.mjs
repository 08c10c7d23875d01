// End-to-end smoke test of the Flowdesk browser app in headless Chromium.
//
//   BASE_URL=http://localhost:8080 node modeler-ui/e2e/smoke.mjs
//
// Walks what a requester does: sign in, see "My tickets" and the catalogue, open its "Report an incident" entry,
// get told what is missing, report an incident, find it
// in the list and open it. Exits 0 when every step held; otherwise prints the failed step and leaves a screenshot
// (and the page's HTML) in modeler-ui/target/e2e/.
//
// Environment: BASE_URL (required), CHROMIUM (default /usr/bin/chromium), E2E_USER / E2E_PASSWORD (alice / demo),
// EXPECT_STATUS (OPEN), EXPECT_PRIORITY (P1: the shipped rules give HIGH impact x HIGH urgency P1; set it empty to
// accept any non-empty priority), EXPECT_QUEUE (field-service: the shipped rules route "printer" subjects there; empty
// accepts any), E2E_TIMEOUT_MS (15000). Screenshots of the page at a phone width are left in modeler-ui/target/e2e/.
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, createSteps, formio, runScript, watchContentSecurityPolicy } from './harness.mjs';

const BASE_URL = (process.env.BASE_URL || '').replace(/\/$/, '');
const USER = process.env.E2E_USER || 'alice';
const PASSWORD = process.env.E2E_PASSWORD || 'demo';
const EXPECT_STATUS = process.env.EXPECT_STATUS ?? 'OPEN';
const EXPECT_PRIORITY = process.env.EXPECT_PRIORITY ?? 'P1';
const EXPECT_QUEUE = process.env.EXPECT_QUEUE ?? 'field-service';
const PHONE = { width: 390, height: 844 };
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 15000);
const FORM_KEY = 'report-incident';
const SUBJECT = 'Printer on floor 3 is jammed';
const artifacts = fileURLToPath(new URL('../target/e2e/', import.meta.url));

if (!BASE_URL) {
  console.error('smoke: set BASE_URL, e.g. BASE_URL=http://localhost:8080 node e2e/smoke.mjs');
  process.exit(2);
}

const steps = createSteps();
const { step } = steps;
const origin = new URL(BASE_URL).origin;
const offOrigin = new Set();
const pageErrors = [];
const userDataDir = mkdtempSync(join(tmpdir(), 'flowdesk-e2e-'));
let browser;
let page;

const { choose, fillText, submitButton } = formio(() => page, TIMEOUT);

async function submitForm() {
  await submitButton().click();
}

async function main() {
  console.log(`smoke: ${BASE_URL} as ${USER}`);
  // Evidence of an earlier failed run must not pass for this run's.
  for (const name of ['smoke-failure.png', 'smoke-failure.html']) rmSync(join(artifacts, name), { force: true });
  // A persistent context on a fresh directory: no profile, cookie or cache of an earlier run leaks in.
  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    // The service worker (public/sw.js) is i18n.mjs's subject; here page.route must see every request.
    serviceWorkers: 'block',
    // The app speaks the browser's language (issue 10); these steps read its English texts.
    locale: 'en-US',
    viewport: { width: 1280, height: 900 },
    timeout: 60000,
  });
  browser.setDefaultTimeout(TIMEOUT);
  page = browser.pages()[0] || (await browser.newPage());
  // Everything is bundled: a request anywhere but the engine means a CDN crept in.
  page.on('request', (request) => {
    const url = request.url();
    if (/^https?:/.test(url) && new URL(url).origin !== origin) offOrigin.add(url);
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await watchContentSecurityPolicy(page, pageErrors);

  await step('an anonymous visitor is sent to the login page', async () => {
    await page.goto(`${BASE_URL}/`);
    await page.waitForURL((url) => url.pathname === '/login');
    await page.locator('input[name="username"]').waitFor();
  });

  await step(`${USER} signs in and lands on the app`, async () => {
    await page.fill('input[name="username"]', USER);
    await page.fill('input[name="password"]', PASSWORD);
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/' || url.pathname === '/index.html'),
      page.locator('button[type="submit"], input[type="submit"]').first().click(),
    ]);
    const who = page.getByTestId('signed-in-user');
    await who.waitFor();
    check((await who.innerText()).trim().length > 0, 'the signed-in user is not shown');
  });

  await step('"My tickets" and the catalogue are shown; its "Report an incident" entry opens the report form', async () => {
    await page.getByRole('heading', { name: /My tickets/ }).waitFor();
    await page.locator('.my-tickets-body table, .my-tickets-body p').first().waitFor();
    const entry = page.locator(`.catalogue a.catalogue-entry[data-form-key="${FORM_KEY}"]`);
    await entry.click();
    await page.waitForURL((url) => url.hash === `#/forms/${FORM_KEY}`);
    await page.getByRole('heading', { name: 'Report an incident' }).waitFor();
    await page.locator('.formio-component-subject input').waitFor();
  });

  const submissions = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith(`/api/forms/${FORM_KEY}/submissions`)) submissions.push(request);
  });

  await step('while required fields are empty, Submit is disabled and a left field says "required"', async () => {
    // The form disables its Submit button while it is invalid (disableOnInvalid): a user cannot send it empty.
    const submit = submitButton();
    await submit.waitFor();
    check(await submit.isDisabled(), 'Submit is enabled although subject and description are empty');
    // Typing into the subject, erasing it and leaving tells the user what is missing, at the field. (formio.js
    // judges a field once it is dirty: merely tabbing through an untouched field shows nothing.)
    const subject = page.locator('.formio-component-subject input').first();
    await subject.click();
    await page.keyboard.type('x');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Tab');
    await page.waitForFunction(
      () => /required/i.test(document.querySelector('.formio-component-subject')?.textContent || ''),
      null,
      { timeout: TIMEOUT },
    );
    check(await submit.isDisabled(), 'Submit became enabled while the subject is still empty');
    check(submissions.length === 0, 'the browser sent a submission that its own validation should have stopped');
  });

  await step('the server rejects a tampered value and the page shows its error at the field', async () => {
    await fillText('subject', SUBJECT);
    await fillText('description', 'Paper jam in tray 2; nobody on floor 3 can print.');
    await choose('impact', 'HIGH');
    await choose('urgency', 'HIGH');
    await page.waitForFunction(
      () => !document.querySelector('.formio-component-submit button, .formio-component-button button[type="submit"]')?.disabled,
      null,
      { timeout: TIMEOUT },
    );
    // An outdated or hostile client can send what the form would not allow; the server must say no.
    const url = `**/api/forms/${FORM_KEY}/submissions`;
    await page.route(url, (route) => {
      const body = route.request().postDataJSON();
      body.data.impact = 'CATASTROPHIC';
      return route.continue({ postData: JSON.stringify(body) });
    });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/forms/${FORM_KEY}/submissions`)),
      submitForm(),
    ]);
    await page.unroute(url);
    check(response.status() === 400, `expected 400 for impact=CATASTROPHIC, the server answered ${response.status()}`);
    const problem = await response.json();
    check(Array.isArray(problem.errors) && problem.errors.length > 0, `the 400 names no field: ${JSON.stringify(problem)}`);
    const named = problem.errors.find((e) => String(e.path).replace(/^data\./, '') === 'impact') || problem.errors[0];
    const key = String(named.path).replace(/^data\./, '');
    check(key === 'impact', `the 400 should name data.impact, it named ${named.path}`);
    await page.waitForFunction(
      ([k, message]) => (document.querySelector(`.formio-component-${k}`)?.textContent || '').includes(message),
      [key, named.message],
      { timeout: TIMEOUT },
    );
    await page.locator('.alert-danger, [role="alert"]').first().waitFor();
    check(!(await page.getByText(/Ticket FD-\d+ created/).count()), 'a ticket was reported created after a 400');
  });

  let number;
  await step('a valid report creates a ticket and shows its number', async () => {
    // The fields still hold the values from the rejected attempt; submit them untouched.
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/forms/${FORM_KEY}/submissions`)),
      submitForm(),
    ]);
    check(response.status() === 201, `expected 201, the server answered ${response.status()}: ${await response.text()}`);
    const created = page.getByText(/Ticket FD-\d+ created/);
    await created.waitFor();
    number = /FD-\d+/.exec(await created.innerText())[0];
    check(number === (await response.json()).number, 'the number shown is not the one the server answered');
    // The form starts over for the next report, without "required" errors for the fields it just emptied.
    await page.waitForFunction(() => document.querySelector('.formio-component-subject input')?.value === '');
    await page.waitForTimeout(300);
    check(!/required/i.test(await page.locator('.formio-component-subject').innerText()), 'the emptied form shows errors');
  });

  let priority;
  await step('the ticket appears in "My tickets" with its status and priority', async () => {
    const row = page.locator(`tr[data-ticket-number="${number}"]`);
    await row.waitFor();
    check((await row.innerText()).includes(SUBJECT), `row ${number} does not show the subject`);
    const status = (await row.locator('[data-col="status"]').innerText()).trim();
    priority = (await row.locator('[data-col="priority"]').innerText()).trim();
    if (EXPECT_STATUS) check(status === EXPECT_STATUS, `status is ${status}, expected ${EXPECT_STATUS}`);
    check(priority && priority !== '—', 'the ticket has no priority');
    if (EXPECT_PRIORITY) check(priority === EXPECT_PRIORITY, `priority is ${priority}, expected ${EXPECT_PRIORITY}`);
  });

  await step('opening the ticket shows its facts, decision and history', async () => {
    await page.locator(`tr[data-ticket-number="${number}"] a`).click();
    const heading = page.getByRole('heading', { name: new RegExp(`${number}`) });
    await heading.waitFor();
    await page.locator('.ticket-detail [data-field="priority"] dd', { hasText: priority }).waitFor();
    const queue = (await page.locator('.ticket-detail [data-field="queue"] dd').innerText()).trim();
    check(queue && queue !== '—', 'the ticket shows no queue');
    if (EXPECT_QUEUE) check(queue === EXPECT_QUEUE, `queue is ${queue}, expected ${EXPECT_QUEUE}`);
    check(await page.locator('.ticket-detail .decision li').count() > 0, 'the ticket does not say which rules decided');
    await page.locator('.ticket-detail .history-list li').first().waitFor();
  });

  await step(`at a phone width (${PHONE.width} px) the page fits and the form can be used`, async () => {
    await page.setViewportSize(PHONE);
    await page.locator('.ticket-detail .history-list li').first().waitFor();
    await shoot('phone-ticket.png');
    await page.goto(`${BASE_URL}/#/forms/${FORM_KEY}`);
    await page.getByRole('heading', { name: /My tickets/ }).waitFor();
    await page.locator(`tr[data-ticket-number="${number}"]`).waitFor();
    const subject = page.locator('.formio-component-subject input').first();
    await subject.waitFor();
    await shoot('phone-portal.png');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    check(overflow <= 0, `the page is ${overflow} px wider than a ${PHONE.width} px screen`);
    // The list shows number, status and priority without scrolling it sideways (its wrapper clips, not the page).
    const list = await page.locator('.my-tickets-body .table-responsive').boundingBox();
    for (const cell of ['th[scope="row"]', '[data-col="status"]', '[data-col="priority"]']) {
      const box = await page.locator(`tr[data-ticket-number="${number}"] ${cell}`).boundingBox();
      check(box && box.x >= list.x && box.x + box.width <= list.x + list.width + 0.5,
        `the ${cell} cell of ${number} is cut off at a phone width: cell ${JSON.stringify(box)}, list ${JSON.stringify(list)}`);
    }
    // The form's controls are within the screen and big enough to tap.
    for (const selector of ['.formio-component-subject input', '.formio-component-description textarea',
      '.formio-component-impact .choices', '.formio-component-urgency .choices', '.formio-component-submit button']) {
      const box = await page.locator(selector).first().boundingBox();
      check(box, `${selector} is not shown at a phone width`);
      check(box.x >= 0 && box.x + box.width <= PHONE.width + 1, `${selector} sticks out of the screen: ${JSON.stringify(box)}`);
      check(box.height >= 24, `${selector} is too small to tap: ${JSON.stringify(box)}`);
    }
    await subject.fill('Phone check');
    check((await subject.inputValue()) === 'Phone check', 'the subject cannot be typed into at a phone width');
    await subject.fill('');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  await step('everything came from the engine, nothing from a CDN, and no script error', async () => {
    check(offOrigin.size === 0, `requests left the engine: ${[...offOrigin].join(', ')}`);
    check(pageErrors.length === 0, `script errors: ${pageErrors.join(' | ')}`);
  });

  await step('signing out returns to the login page', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.goto(`${BASE_URL}/`);
    await page.waitForURL((url) => url.pathname === '/login');
  });

  await step('an expired session sends the page back to the login page', async () => {
    await page.fill('input[name="username"]', USER);
    await page.fill('input[name="password"]', PASSWORD);
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/'),
      page.locator('button[type="submit"], input[type="submit"]').first().click(),
    ]);
    await page.getByRole('heading', { name: /My tickets/ }).waitFor();
    await browser.clearCookies(); // what a server-side session timeout looks like to the browser
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
  });
}

async function shoot(name) {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, name), fullPage: true });
}

await runScript('smoke', main, {
  steps, getPage: () => page, getBrowser: () => browser, pageErrors, artifacts, userDataDir,
});
