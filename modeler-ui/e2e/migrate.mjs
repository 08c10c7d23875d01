// End-to-end test of the heat map, the migration of open tickets and the dry run (issue 12 parts 2–4) in headless
// Chromium.
//
//   BASE_URL=http://localhost:8080 node modeler-ui/e2e/migrate.mjs
//
// alice reports three incidents (they run on the incident model's latest version); dora deploys a new version of
// that model (the same model with a comment, so tests that share the database still see
// the shipped task names), opens the old version's heat map — the badge on the activity
// where alice's tickets wait shows the server's count and a click lists them — then moves alice's tickets to the new
// version after a preview on the migration page: each is listed as "will move", the migration answers "moved", and
// alice's progress now names the new version. Last, a dry run of the model with a P1's facts marks the
// major-incident branch and sends nothing. Exits 0 when every step held; otherwise prints the failed step and leaves
// modeler-ui/target/e2e/migrate-failure.png (and .html).
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
  console.error('migrate: set BASE_URL, e.g. BASE_URL=http://localhost:8080 node e2e/migrate.mjs');
  process.exit(2);
}

const steps = createSteps();
const { step } = steps;
const pageErrors = [];
const userDataDir = mkdtempSync(join(tmpdir(), 'flowdesk-e2e-migrate-'));
let browser;
let page;
const { signIn } = accounts(() => page, BASE_URL, PASSWORD);
const api = (user) => http.newContext({ baseURL: BASE_URL, extraHTTPHeaders: {
  Authorization: `Basic ${Buffer.from(`${user}:${PASSWORD}`).toString('base64')}`, Accept: 'application/json' } });

async function main() {
  console.log(`migrate: ${BASE_URL}`);
  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    serviceWorkers: 'block',
    locale: 'en-US',
    viewport: { width: 1400, height: 1000 },
    timeout: 60000,
  });
  browser.setDefaultTimeout(TIMEOUT);
  page = browser.pages()[0] || (await browser.newPage());
  page.on('pageerror', (error) => pageErrors.push(error.message));
  mkdirSync(artifacts, { recursive: true });

  const alice = await api('alice');
  const dora = await api('dora');
  const admin = await api('admin');
  const tickets = [];
  let oldVersion;
  let newVersion;
  let activity;

  await step('alice reports three incidents; dora deploys a new version of the incident model', async () => {
    for (let i = 0; i < 3; i++) {
      const created = await alice.post('/api/forms/report-incident/submissions', { data: {
        data: { subject: `Docking station ${i} dead`, description: 'no screens', impact: 'MEDIUM', urgency: 'MEDIUM' } } });
      check(created.status() === 201, `submission answered ${created.status()}: ${await created.text()}`);
      tickets.push((await created.json()).ticketId);
    }
    const progress = await (await alice.get(`/api/tickets/${tickets[0]}/progress`)).json();
    oldVersion = progress.processDefinitionId;
    activity = progress.activeActivityIds[0];
    check(oldVersion.startsWith('incident:') && activity, `progress ${JSON.stringify(progress)}`);
    const xml = await (await dora.get(`/api/processes/${encodeURIComponent(oldVersion)}/xml`)).text();
    // a new version that changes nothing other tests see (they share the database and read task names)
    const changed = xml.replace(/(<\/(?:\w+:)?definitions>\s*)$/, `<!-- e2e run ${Date.now()} -->\n$1`);
    check(changed !== xml, 'the model has no closing definitions element');
    const deployed = await dora.post('/api/processes', { multipart: {
      file: { name: 'incident.bpmn', mimeType: 'application/xml', buffer: Buffer.from(changed) } } });
    check(deployed.status() === 201, `deploy answered ${deployed.status()}: ${await deployed.text()}`);
    newVersion = (await deployed.json()).processes[0].id;
  });

  await step('dora opens the old version\'s heat map: the badge shows the server\'s count and lists the tickets', async () => {
    await signIn('dora');
    await page.goto(`${BASE_URL}/#/design/processes/${encodeURIComponent(oldVersion)}`);
    await waitForAddress(page, (url) => url.hash.startsWith('#/design/processes/'));
    await page.locator('[data-action="heat-map"]:not([hidden])').click();
    const badge = page.locator(`[data-heat="${activity}"]`);
    await badge.waitFor();
    const stats = await (await dora.get(`/api/processes/${encodeURIComponent(oldVersion)}/statistics`)).json();
    const expected = stats.activities.find((a) => a.activityId === activity);
    const shown = (await badge.innerText()).split('/')[0].trim();
    check(shown === String(expected.active), `the badge shows ${shown}, the server ${expected.active}`);
    check(expected.active >= 3, `only ${expected.active} tickets in ${activity}`);
    await badge.click();
    for (const id of tickets) await page.locator(`[data-testid="heat-tickets"] [data-ticket="${id}"]`).waitFor();
    await page.screenshot({ path: join(artifacts, 'migrate-heat-map.png') });
  });

  await step('a preview lists alice\'s tickets as moving; the migration moves them to the new version', async () => {
    await page.locator('[data-action="migrate-tickets"]').click();
    await waitForAddress(page, (url) => url.hash.startsWith('#/design/processes/migrate/incident'));
    await page.locator('select[name="source"] option').first().waitFor({ state: 'attached' });
    await page.selectOption('select[name="source"]', oldVersion);
    await page.selectOption('select[name="target"]', newVersion);
    await page.locator(`select[data-source="${activity}"]`).waitFor();
    check(await page.locator(`select[data-source="${activity}"]`).inputValue() === activity, 'the proposal does not map the activity to itself');
    await page.locator('[data-action="preview"]').click();
    for (const id of tickets) await page.locator(`tr[data-ticket-row="${id}"][data-outcome="MIGRATE"]`).waitFor();
    check(await page.locator('[data-action="migrate"]').isEnabled(), 'the migrate button stays disabled after the preview');
    // only alice's tickets: the other scripts' tickets stay where they are
    for (const box of await page.locator('input[data-ticket]').all()) {
      if (!tickets.includes(Number(await box.getAttribute('data-ticket')))) await box.uncheck();
    }
    await page.locator('[data-action="migrate"]').click();
    for (const id of tickets) await page.locator(`tr[data-ticket-row="${id}"][data-outcome="MIGRATED"]`).waitFor();
    for (const id of tickets) {
      const progress = await (await alice.get(`/api/tickets/${id}/progress`)).json();
      check(progress.processDefinitionId === newVersion, `ticket ${id} runs on ${progress.processDefinitionId}`);
      const history = await (await admin.get(`/api/tickets/${id}/history`)).json();
      check(history.some((e) => e.type === 'PROCESS_MIGRATED'), `ticket ${id} has no migration in its history`);
    }
    await page.screenshot({ path: join(artifacts, 'migrate-done.png'), fullPage: true });
  });

  await step('a dry run of the model with a P1\'s facts marks the major-incident branch', async () => {
    await page.goto(`${BASE_URL}/#/design/processes/${encodeURIComponent(newVersion)}`);
    await page.locator('#process-heading', { hasText: newVersion }).waitFor();
    await page.locator('[data-action="heat-map"]:not([hidden])').waitFor();
    await page.locator('.djs-element[data-element-id="Gateway_MajorIncidentFork"]').waitFor();
    await page.locator('[data-testid="dry-run"] summary').click();
    await page.selectOption('select[name="dry-impact"]', 'HIGH');
    await page.selectOption('select[name="dry-urgency"]', 'HIGH');
    await page.locator('[data-action="dry-run"]').click();
    await page.locator('[data-testid="dry-run-path"] [data-activity="Gateway_MajorIncidentFork"]').waitFor();
    await page.locator('[data-testid="dry-run-notifications"] [data-template="major-incident"]').waitFor();
    check(await page.locator('.djs-element.dry-run-path[data-element-id="Task_NotifyMajorIncidentGroup"]').count() === 1,
      'the notification task is not marked on the diagram');
    check(!pageErrors.length, `errors on the page: ${pageErrors.join('; ')}`);
  });

  await alice.dispose();
  await dora.dispose();
  await admin.dispose();
}

await runScript('migrate', main, {
  steps, getPage: () => page, getBrowser: () => browser, pageErrors, artifacts, userDataDir,
});
