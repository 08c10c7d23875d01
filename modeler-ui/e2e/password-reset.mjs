// End-to-end test of the password reset by mail (issue 15 part 2) in headless Chromium.
//
//   BASE_URL=http://localhost:8080 RESET_USER=rita RESET_TOKEN=... node modeler-ui/e2e/password-reset.mjs
//
// The login page offers "Forgot password?"; its page asks for a link and answers that a mail is on its way (the
// same answer whether or not the account exists). The mailed link's page (the token comes from the caller, who made
// it as a request does: the browser tests' application sends no mail) refuses two different passwords, shows the
// server's refusal of one it does not take, sets the new one and leads to the login page, where the user signs in
// with it; the old password no longer works and the link is spent. Exits 0 when every step held; otherwise prints
// the failed step and leaves modeler-ui/target/e2e/password-reset-failure.png (and .html).
//
// Environment: BASE_URL, RESET_USER, RESET_TOKEN (required), CHROMIUM (default /usr/bin/chromium), E2E_TIMEOUT_MS.
import { chromium, request as http } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accounts, check, createSteps, runScript, waitForAddress, watchContentSecurityPolicy } from './harness.mjs';

const BASE_URL = (process.env.BASE_URL || '').replace(/\/$/, '');
const USER = process.env.RESET_USER || '';
const TOKEN = process.env.RESET_TOKEN || '';
const OLD_PASSWORD = 'Old-password-1';
const NEW_PASSWORD = 'New-password-2';
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 15000);
const artifacts = fileURLToPath(new URL('../target/e2e/', import.meta.url));

if (!BASE_URL || !USER || !TOKEN) {
  console.error('password-reset: set BASE_URL, RESET_USER and RESET_TOKEN');
  process.exit(2);
}

const steps = createSteps();
const { step } = steps;
const pageErrors = [];
const userDataDir = mkdtempSync(join(tmpdir(), 'flowdesk-e2e-reset-'));
let browser;
let page;
const basic = (password) => http.newContext({
  baseURL: BASE_URL,
  extraHTTPHeaders: { Accept: 'application/json', Authorization: `Basic ${Buffer.from(`${USER}:${password}`).toString('base64')}` },
});

async function main() {
  console.log(`password-reset: ${BASE_URL} as ${USER}`);
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

  await step('the login page leads to the reset page, which promises a mail', async () => {
    await page.goto(`${BASE_URL}/`);
    await waitForAddress(page, (url) => url.pathname === '/login');
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await waitForAddress(page, (url) => url.pathname === '/password-reset.html');
    await page.locator('.reset-request-form').waitFor();
    await page.fill('.reset-login', USER);
    await page.locator('.reset-request').click();
    const sent = page.locator('.reset-outcome .alert-success');
    await sent.waitFor();
    check((await sent.innerText()).includes('a mail with a link is on its way'), `the answer: ${await sent.innerText()}`);
  });

  await step('the link refuses two different passwords and shows the server refusing one', async () => {
    await page.goto(`${BASE_URL}/password-reset.html#${TOKEN}`);
    await page.locator('.reset-new-form').waitFor();
    await page.fill('.reset-password', NEW_PASSWORD);
    await page.fill('.reset-password-again', `${NEW_PASSWORD}x`);
    await page.locator('.reset-save').click();
    await page.locator('.reset-outcome .alert-danger', { hasText: 'The two passwords differ.' }).waitFor();
    // longer than the server takes: its 400 names the password, and the page shows its words
    const tooLong = 'Aa1!'.repeat(51);
    await page.fill('.reset-password', tooLong);
    await page.fill('.reset-password-again', tooLong);
    await page.locator('.reset-save').click();
    const refused = page.locator('.reset-outcome .alert-danger', { hasText: 'This password is not accepted' });
    await refused.waitFor();
    check((await refused.innerText()).includes('at most 200 characters'), `the refusal: ${await refused.innerText()}`);
  });

  await step('the link sets the new password and the user signs in with it', async () => {
    await page.fill('.reset-password', NEW_PASSWORD);
    await page.fill('.reset-password-again', NEW_PASSWORD);
    await page.locator('.reset-save').click();
    await page.locator('.reset-outcome .alert-success').waitFor();
    check(!page.url().includes(TOKEN), `the spent link stays in the address bar: ${page.url()}`);
    await page.locator('.reset-sign-in-now').click();
    await waitForAddress(page, (url) => url.pathname === '/login');
    await accounts(() => page, BASE_URL, NEW_PASSWORD).signIn(USER);
    const old = await basic(OLD_PASSWORD);
    const refused = await old.get('/api/me');
    check(refused.status() === 401, `the old password answered ${refused.status()}`);
    await old.dispose();
  });

  await step('the spent link says so', async () => {
    await page.goto(`${BASE_URL}/password-reset.html#${TOKEN}`);
    await page.locator('.reset-ask-again').waitFor();
    check(!(await page.locator('.reset-new-form').count()), 'the spent link still offers the form');
    check(!pageErrors.length, `errors on the page: ${pageErrors.join('; ')}`);
  });
}

await runScript('password-reset', main, {
  steps, getPage: () => page, getBrowser: () => browser, pageErrors, artifacts, userDataDir,
});
