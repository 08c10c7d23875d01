// End-to-end test of the admin area (issue 15 part 4) in headless Chromium.
//
//   BASE_URL=http://localhost:8080 node modeler-ui/e2e/admin.mjs
//
// bob (an agent) is offered no Admin area and the admin API refuses him. admin creates the user "ulla" in the
// service desk group on the Users page; ulla signs in and lands in the agent inbox. admin creates an API token for
// a service account on the API tokens page (the secret is shown once and works), revokes it there (it stops working),
// and the Security events page, filtered to user creations, shows ulla's. Exits 0 when every step held; otherwise
// prints the failed step and leaves modeler-ui/target/e2e/admin-failure.png (and .html).
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
const ULLA_PASSWORD = 'ulla-Secret-1!';
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 15000);
const artifacts = fileURLToPath(new URL('../target/e2e/', import.meta.url));

if (!BASE_URL) {
  console.error('admin: set BASE_URL, e.g. BASE_URL=http://localhost:8080 node e2e/admin.mjs');
  process.exit(2);
}

const steps = createSteps();
const { step } = steps;
const pageErrors = [];
const userDataDir = mkdtempSync(join(tmpdir(), 'flowdesk-e2e-admin-'));
let browser;
let page;
const { signIn, signOut } = accounts(() => page, BASE_URL, PASSWORD);
const api = (headers) => http.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { Accept: 'application/json', ...headers } });
const basic = (user, password = PASSWORD) => api({ Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
const shoot = async (name) => {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, name), fullPage: true });
};

async function main() {
  console.log(`admin: ${BASE_URL}`);
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

  // "ulla", unless an earlier run on this database made her already
  const admin = await basic('admin');
  const ulla = (await admin.get('/api/admin/users/ulla')).status() === 404 ? 'ulla' : `ulla-${Date.now().toString(36)}`;

  await step('bob has no Admin area and the admin API refuses him', async () => {
    await signIn('bob');
    check(!(await page.locator('.area-nav [data-area="admin"]').count()), 'bob is offered the Admin area');
    const bob = await basic('bob');
    const refused = await bob.get('/api/admin/users');
    check(refused.status() === 403, `the admin API answered bob ${refused.status()}`);
    await bob.dispose();
    await signOut();
  });

  await step(`admin creates the user ${ulla} in the service desk group`, async () => {
    await signIn('admin');
    await page.locator('.area-nav [data-area="admin"]').click();
    await waitForAddress(page, (url) => url.hash.startsWith('#/admin/users'));
    await page.locator('.admin-users-table').waitFor();
    await page.locator('.admin-user-new').click();
    await page.fill('.admin-user-form .admin-user-id', ulla);
    await page.fill('.admin-user-form .admin-user-first', 'Ulla');
    await page.fill('.admin-user-form .admin-user-last', 'Agent');
    await page.fill('.admin-user-form .admin-user-email', `${ulla}@example.com`);
    await page.locator('.admin-user-form [data-group="service-desk"]').check();
    await page.fill('.admin-user-form .admin-user-password', ULLA_PASSWORD);
    await page.locator('.admin-user-form .admin-user-save').click();
    await page.locator('.admin-users .alert-success', { hasText: ulla }).waitFor();
    const saved = await (await admin.get(`/api/admin/users/${ulla}`)).json();
    check(JSON.stringify(saved.groups) === '["service-desk"]', `ulla's groups: ${JSON.stringify(saved.groups)}`);
    check(saved.roles.includes('AGENT'), `ulla's roles: ${JSON.stringify(saved.roles)}`);
    await shoot('admin-users.png');
    await signOut();
  });

  await step(`${ulla} signs in and sees the agent inbox`, async () => {
    const erinAccount = accounts(() => page, BASE_URL, ULLA_PASSWORD);
    await erinAccount.signIn(ulla);
    await waitForAddress(page, (url) => url.hash.startsWith('#/agent'));
    await page.getByTestId('new-ticket').waitFor();
    check(!(await page.locator('.area-nav [data-area="admin"]').count()), 'ulla is offered the Admin area');
    await erinAccount.signOut();
  });

  let token;
  await step('admin creates a token for a service account (shown once) and revokes it', async () => {
    await signIn('admin');
    await page.goto(`${BASE_URL}/#/admin/tokens`);
    await page.locator('.admin-token-form').waitFor();
    const name = `e2e-${Date.now().toString(36)}`;
    await page.fill('.admin-token-user', 'bob');
    await page.fill('.admin-token-name', name);
    await page.locator('#admin-scope-tickets-read').check();
    await page.locator('.admin-token-create').click();
    token = (await page.locator('.admin-token-secret code').innerText()).trim();
    check(token.startsWith('fdt_'), `the secret shown: ${token.slice(0, 8)}`);
    const service = await api({ Authorization: `Bearer ${token}` });
    check((await service.get('/api/tickets')).status() === 200, 'the new token does not work');
    const row = page.locator('.admin-tokens-table tr', { hasText: name });
    check(!(await row.innerText()).includes(token.slice(12)), 'the list shows the secret');
    await row.locator('.admin-token-revoke').click();
    await page.locator('.admin-tokens-table tr', { hasText: name }).locator('.admin-token-revoked').waitFor();
    const refused = await service.get('/api/tickets');
    check(refused.status() === 401, `the revoked token answered ${refused.status()}`);
    await service.dispose();
  });

  await step('the security events page shows the user creation', async () => {
    await page.locator('.admin-nav [data-section="security"]').click();
    await page.locator('.admin-events-table').waitFor();
    await page.locator('.admin-event-kind').selectOption('USER_CREATED');
    await page.locator('.admin-events form button[type="submit"]').click();
    // the filtered list replaces the unfiltered one: wait until only user creations are shown
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('.admin-events-table tbody tr')];
      return rows.length > 0 && rows.every((row) => row.dataset.kind === 'USER_CREATED');
    });
    const created = page.locator('.admin-events-table tr[data-kind="USER_CREATED"]', { hasText: ulla });
    check(await created.count() >= 1, `no user creation of ${ulla} is listed`);
    await shoot('admin-security-events.png');
    check(!pageErrors.length, `errors on the page: ${pageErrors.join('; ')}`);
  });
  await admin.dispose();
}

await runScript('admin', main, {
  steps, getPage: () => page, getBrowser: () => browser, pageErrors, artifacts, userDataDir,
});
