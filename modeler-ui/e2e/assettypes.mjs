// End-to-end test of designer-defined asset types and a problem's CI incidents (issue 13, last part) in headless
// Chromium.
//
//   BASE_URL=http://localhost:8080 node modeler-ui/e2e/assettypes.mjs
//
// Set up over the API: dora saves a form with a required field "imei" (the form builder's drag and drop is covered
// by design scripts); bob registers a server with an incident on it and a problem about it. Then in the browser:
// dora creates the type "phone" in Design › Asset types, naming that form; bob creates a phone asset in the Assets
// area, where the type's form renders the IMEI field (formio.js refuses to send it empty), and sees the field with
// its value on the new asset's page; bob opens the problem and its card lists the incident on its CI. Exits 0 when
// every step held; otherwise prints the failed step and leaves modeler-ui/target/e2e/assettypes-failure.png.
//
// Environment: BASE_URL (required), CHROMIUM (default /usr/bin/chromium), E2E_TIMEOUT_MS (15000).
import { chromium, request as http } from 'playwright-core';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accounts, check, createSteps, formio, runScript, watchContentSecurityPolicy } from './harness.mjs';

const BASE_URL = (process.env.BASE_URL || '').replace(/\/$/, '');
const PASSWORD = 'demo';
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 15000);
const artifacts = fileURLToPath(new URL('../target/e2e/', import.meta.url));

if (!BASE_URL) {
  console.error('assettypes: set BASE_URL, e.g. BASE_URL=http://localhost:8080 node e2e/assettypes.mjs');
  process.exit(2);
}

const steps = createSteps();
const { step } = steps;
const pageErrors = [];
const userDataDir = mkdtempSync(join(tmpdir(), 'flowdesk-e2e-assettypes-'));
let browser;
let page;
const { signIn, signOut } = accounts(() => page, BASE_URL, PASSWORD);
const { fillText, submitButton } = formio(() => page, TIMEOUT);
const api = (user) => http.newContext({ baseURL: BASE_URL, extraHTTPHeaders: {
  Authorization: `Basic ${Buffer.from(`${user}:${PASSWORD}`).toString('base64')}`, Accept: 'application/json' } });

async function main() {
  console.log(`assettypes: ${BASE_URL}`);
  const run = Math.random().toString(36).slice(2, 8);
  const formKey = `asset-phone-${run}`;
  const typeKey = `phone-${run}`;
  const imei = '356938035643809';
  const doraApi = await api('dora');
  const saved = await doraApi.put(`/api/forms/${formKey}`, { headers: { 'Content-Type': 'application/json' }, data: {
    display: 'form', title: 'Phone fields', components: [
      { type: 'textfield', key: 'imei', label: 'IMEI', input: true, validate: { required: true } }] } });
  check(saved.status() === 200, `saving the form answered ${saved.status()}: ${await saved.text()}`);
  await doraApi.dispose();
  const bobApi = await api('bob');
  const created = async (path, data) => {
    const response = await bobApi.post(path, { data });
    check(response.status() === 201, `${path} answered ${response.status()}: ${await response.text()}`);
    return response.json();
  };
  const server = await created('/api/assets', { type: 'server', name: `srv-pb-${run}`, serial: `E2E-PB-${run}` });
  const incident = await created('/api/tickets', { type: 'INCIDENT', channel: 'PHONE', subject: `srv-pb-${run} crashed`,
    requester: 'alice', impact: 'MEDIUM', urgency: 'MEDIUM', fields: { asset: String(server.id) } });
  const problem = await created('/api/tickets', { type: 'PROBLEM', channel: 'PHONE', subject: `srv-pb-${run} keeps crashing`,
    requester: 'alice', impact: 'MEDIUM', urgency: 'MEDIUM', fields: { asset: String(server.id) } });
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
  await watchContentSecurityPolicy(page, pageErrors);

  await step('dora creates the asset type "phone" with her form', async () => {
    await signIn('dora');
    await page.goto(`${BASE_URL}/#/design/asset-types`);
    const form = page.getByTestId('asset-type-form');
    await form.locator('input[name="typeKey"]').fill(typeKey);
    await form.locator('input[name="typeName"]').fill(`Phone ${run}`);
    await form.locator('input[name="typeFormKey"]').fill(formKey);
    check((await page.getByTestId('design-type-form').getAttribute('href')) === `#/design/forms/${formKey}`,
      'the form builder link does not open the type\'s form');
    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/asset-types' && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Save the type' }).click(),
    ]);
    check(response.status() === 201, `creating the type answered ${response.status()}: ${await response.text()}`);
    await page.getByTestId('asset-type-list').locator(`tr[data-type-key="${typeKey}"]`).getByRole('link', { name: formKey }).waitFor();
    await signOut();
  });

  await step('bob creates a phone asset: the type\'s form asks for the IMEI, and the asset shows it', async () => {
    await signIn('bob');
    await page.goto(`${BASE_URL}/#/assets/new`);
    await page.locator('select[name="assetType"]').selectOption(typeKey);
    await page.locator('input[name="assetName"]').fill(`Phone of ann ${run}`);
    await page.locator('input[name="assetSerial"]').fill(`E2E-PH-${run}`);
    const fields = page.getByTestId('new-asset-fields');
    await fields.locator('.formio-component-imei input').waitFor();
    // the required IMEI: formio.js refuses to send the form without it
    check(await submitButton().isDisabled(), 'the form can be sent without the required IMEI');
    await fillText('imei', imei);
    await page.waitForFunction(() => !document.querySelector('[data-testid="new-asset-fields"] button[type="submit"]')?.disabled, null, { timeout: TIMEOUT });
    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/assets' && r.request().method() === 'POST'),
      submitButton().click(),
    ]);
    check(response.status() === 201, `creating the asset answered ${response.status()}: ${await response.text()}`);
    const sent = JSON.parse(response.request().postData() || '{}');
    check(sent.fields?.imei === imei && !('submit' in sent.fields), `the page sent the fields ${JSON.stringify(sent.fields)}`);
    const phone = await response.json();
    await page.getByTestId('asset-name').filter({ hasText: `Phone of ann ${run}` }).waitFor();
    const field = page.getByTestId('asset-fields').locator('.formio-component-imei input');
    await field.waitFor();
    await page.waitForFunction((value) => document.querySelector('[data-testid="asset-fields"] .formio-component-imei input')?.value === value, imei, { timeout: TIMEOUT });
    check(String(phone.id) === (await page.evaluate(() => location.hash.split('/').pop())), 'not on the new asset\'s page');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'assettypes-phone.png'), fullPage: true });
  });

  await step('bob opens the problem and sees the incident on its CI', async () => {
    await page.goto(`${BASE_URL}/#/agent/tickets/${problem.ticketId}`);
    const card = page.getByTestId('problem-incidents');
    await card.locator(`li[data-ticket-number="${incident.number}"]`).getByRole('link', { name: incident.number }).waitFor();
    await page.screenshot({ path: join(artifacts, 'assettypes-problem.png'), fullPage: true });
    check(!pageErrors.length, `errors on the page: ${pageErrors.join('; ')}`);
  });
}

await runScript('assettypes', main, {
  steps, getPage: () => page, getBrowser: () => browser, pageErrors, artifacts, userDataDir,
});
