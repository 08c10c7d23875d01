// End-to-end test of versions, diffs and the configuration archive (issue 12, part 5) in headless Chromium.
//
//   BASE_URL=http://localhost:8080 node modeler-ui/e2e/config.mjs
//
// dora saves a second version of a form with a comment; in the designer's Versions page she sees both versions with
// who and why, compares them and sees the changed label side by side. A model with one renamed task shows both
// diagrams with that task marked as changed (under the Content-Security-Policy). She downloads the configuration
// export and dry-runs its import: every entry, her form included, is reported unchanged and nothing is applied.
// Exits 0 when every step held; otherwise prints the failed step and leaves
// modeler-ui/target/e2e/config-failure.png (and .html).
//
// Environment: BASE_URL (required), CHROMIUM (default /usr/bin/chromium), E2E_TIMEOUT_MS (15000).
import { chromium, request as http } from 'playwright-core';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accounts, check, createSteps, runScript, watchContentSecurityPolicy } from './harness.mjs';

const BASE_URL = (process.env.BASE_URL || '').replace(/\/$/, '');
const PASSWORD = 'demo';
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 15000);
const artifacts = fileURLToPath(new URL('../target/e2e/', import.meta.url));

if (!BASE_URL) {
  console.error('config: set BASE_URL, e.g. BASE_URL=http://localhost:8080 node e2e/config.mjs');
  process.exit(2);
}

const steps = createSteps();
const { step } = steps;
const pageErrors = [];
const userDataDir = mkdtempSync(join(tmpdir(), 'flowdesk-e2e-config-'));
let browser;
let page;
const { signIn } = accounts(() => page, BASE_URL, PASSWORD);
const api = (user) => http.newContext({ baseURL: BASE_URL, extraHTTPHeaders: {
  Authorization: `Basic ${Buffer.from(`${user}:${PASSWORD}`).toString('base64')}`, Accept: 'application/json' } });

const suffix = Date.now().toString(36);
const FORM_KEY = `e2e-parking-${suffix}`;
const PROCESS_KEY = `e2eVersions${suffix}`;
const form = (label) => JSON.stringify({ display: 'form', title: 'Parking', components: [
  { type: 'textfield', key: 'plate', label, input: true }] });

async function prepare() {
  const dora = await api('dora');
  const first = await dora.put(`/api/forms/${FORM_KEY}?comment=first%20draft`, { data: form('Plate'), headers: { 'Content-Type': 'application/json' } });
  check(first.status() === 200, `the first form version was refused: ${first.status()} ${await first.text()}`);
  const processes = await (await dora.get('/api/processes')).json();
  const incident = processes.find((p) => p.key === 'incident');
  const xml = await (await dora.get(`/api/processes/${encodeURIComponent(incident.versions[incident.versions.length - 1].id)}/xml`, { headers: { Accept: 'application/xml' } })).text();
  const v1 = xml.replaceAll('id="incident"', `id="${PROCESS_KEY}"`).replaceAll('bpmnElement="incident"', `bpmnElement="${PROCESS_KEY}"`);
  const v2 = v1.replace('name="Dispatch incident"', 'name="Dispatch the incident"');
  check(v2 !== v1, 'the incident model has no task "Dispatch incident"');
  for (const [bpmn, comment] of [[v1, 'first cut'], [v2, 'clearer task name']]) {
    const deployed = await dora.post('/api/processes', { multipart: {
      file: { name: `${PROCESS_KEY}.bpmn`, mimeType: 'application/xml', buffer: Buffer.from(bpmn) }, comment } });
    check(deployed.status() === 201, `deploying ${comment} was refused: ${deployed.status()} ${await deployed.text()}`);
  }
  await dora.dispose();
}

async function main() {
  console.log(`config: ${BASE_URL}`);
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
  await watchContentSecurityPolicy(page, pageErrors);
  await prepare();

  await step('dora saves a second version of the form with a comment', async () => {
    await signIn('dora');
    const saved = await page.evaluate(async ({ key, body }) => {
      const token = decodeURIComponent((document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN=')) || '=').split('=')[1]);
      const response = await fetch(`/api/forms/${key}?comment=clearer%20label`, { method: 'PUT', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': token, 'X-Requested-With': 'XMLHttpRequest' }, body });
      return response.status;
    }, { key: FORM_KEY, body: form('Number plate') });
    check(saved === 200, `saving the second version answered ${saved}`);
  });

  await step('the versions page lists both versions with who and why, and the diff shows the changed label', async () => {
    await page.goto(`${BASE_URL}/#/design/versions/forms/${FORM_KEY}`);
    await page.locator('[data-testid="versions-list"] tr[data-version="2"]').waitFor();
    const row = await page.locator('[data-testid="versions-list"] tr[data-version="2"]').innerText();
    check(row.includes('dora') && row.includes('clearer label') && row.includes('in use'), `version 2 reads: ${row}`);
    await page.locator('[data-testid="versions-compare"]').click();
    const changed = page.locator('[data-testid="line-diff"] tr[data-op="CHANGED"]');
    await changed.first().waitFor();
    const text = await changed.first().innerText();
    check(text.includes('"Plate"') && text.includes('"Number plate"'), `the changed row reads: ${text}`);
    check(await page.locator('[data-testid="line-diff"] td.diff-removed').count() === 1
      && await page.locator('[data-testid="line-diff"] td.diff-added').count() === 1, 'the diff does not show one removed and one added line');
  });

  await step('the model diff marks the renamed task in both diagrams', async () => {
    await page.goto(`${BASE_URL}/#/design/versions/processes/${PROCESS_KEY}`);
    await page.locator('[data-testid="versions-list"] tr[data-version="2"]').waitFor();
    check((await page.locator('[data-testid="versions-list"] tr[data-version="2"]').innerText()).includes('clearer task name'),
      'version 2 does not show its deploy comment');
    await page.locator('[data-testid="versions-compare"]').click();
    const marked = '.diff-changed[data-element-id="Task_DispatchIncident"]';
    await page.locator(`[data-testid="diff-to-canvas"] ${marked}`).waitFor();
    await page.locator(`[data-testid="diff-from-canvas"] ${marked}`).waitFor();
    const listed = await page.locator('[data-testid="element-diff"] li[data-element="Task_DispatchIncident"]').innerText();
    check(listed.includes('Dispatch the incident'), `the element list says: ${listed}`);
    check(await page.locator('[data-testid="element-diff"] > li').count() === 1, 'more than the renamed task is listed as changed');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'config-bpmn-diff.png'), fullPage: true });
  });

  let archive;
  await step('dora downloads the configuration export', async () => {
    await page.goto(`${BASE_URL}/#/design/config`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="config-export"]').click()]);
    archive = join(userDataDir, 'flowdesk-configuration.zip');
    await download.saveAs(archive);
    check(download.suggestedFilename() === 'flowdesk-configuration.zip', `the download is called ${download.suggestedFilename()}`);
  });

  await step('the dry run of that archive reports every entry unchanged and applies nothing', async () => {
    await page.locator('[data-testid="config-file"]').setInputFiles(archive);
    await page.locator('[data-testid="config-dry-run"]').click();
    const formRow = page.locator(`[data-testid="config-report"] tr[data-path="forms/${FORM_KEY}.json"]`);
    await formRow.waitFor();
    check(await formRow.getAttribute('data-status') === 'UNCHANGED', 'the form is not reported unchanged');
    const statuses = await page.locator('[data-testid="config-report"] tr[data-status]').evaluateAll((rows) => rows.map((r) => r.dataset.status));
    check(statuses.length > 5 && statuses.every((s) => s === 'UNCHANGED'), `the dry run reports ${statuses.join(', ')}`);
    check((await page.locator('[data-testid="config-report"]').innerText()).includes('nothing was changed'), 'the report does not say it was a dry run');
    const dora = await api('dora');
    const versions = await (await dora.get(`/api/forms/${FORM_KEY}/versions`)).json();
    await dora.dispose();
    check(versions.length === 2, `the dry run changed the form: ${versions.length} versions`);
    check(!pageErrors.length, `errors on the page: ${pageErrors.join('; ')}`);
  });
}

await runScript('config', main, {
  steps, getPage: () => page, getBrowser: () => browser, pageErrors, artifacts, userDataDir,
});
