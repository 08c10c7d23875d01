// End-to-end test of the self-service portal (issue 10) in headless Chromium against a running engine.
//
//   BASE_URL=http://localhost:8080 node modeler-ui/e2e/portal.mjs
//
// alice lands on the service catalogue: the forms she may use, grouped by category (in the forms' order) with
// icon, title and description, and "Report an incident" one entry among them; the search box narrows it down; at a
// phone width (390 px) nothing scrolls sideways. She searches, opens "Report an incident", attaches a screenshot in
// the form's file component (formio.js uploads it itself, with the CSRF header; the engine refuses an upload
// without one), submits, opens her ticket and sees the file with its size and as a thumbnail, and downloads it
// (200, the same bytes); she replies with a text file from the reply box (one multipart request) and sees it on her
// reply. bob opens the ticket in the agent area and sees and downloads both files. A mail article (planted into
// the conversation the engine sends: mail needs a mail server) shows "via e-mail", from, to, cc, and a mail file
// the engine did not store by name as "not stored". Exits 0 when every step held; otherwise prints the failed
// step and leaves modeler-ui/target/e2e/portal-failure.png (and .html).
//
// Environment: BASE_URL (required), CHROMIUM (default /usr/bin/chromium), E2E_TIMEOUT_MS (15000).
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, createSteps, formio, runScript, accounts, watchContentSecurityPolicy } from './harness.mjs';

const BASE_URL = (process.env.BASE_URL || '').replace(/\/$/, '');
const PASSWORD = 'demo';
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 15000);
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const FORM_KEY = 'report-incident';
const RUN = Date.now().toString(36);
const SUBJECT = `Spreadsheet add-in crashes on start (${RUN})`;
const REPLY = `Here is the crash log you asked for (${RUN})`;
// An 8x8 PNG: the engine sniffs the bytes, so the file must really be one.
const SCREENSHOT = {
  name: `crash-${RUN}.png`,
  mimeType: 'image/png',
  buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGOQm/AfK2IYWhIAr+9rQUHkcqkAAAAASUVORK5CYII=', 'base64'),
};
const LOG = {
  name: `crash-log-${RUN}.txt`,
  mimeType: 'text/plain',
  buffer: Buffer.from(`Add-in host stopped: 0xC0000005 at module addin.dll (${RUN})\n`.repeat(40)),
};
const WRONG = { name: `wrong-${RUN}.txt`, mimeType: 'text/plain', buffer: Buffer.from('not this one\n') };
// The catalogue's groups of the shipped forms, in the order their properties.order gives them.
const SHIPPED_GROUPS = ['Something is not working', 'Requests', 'Changes to IT services'];
const artifacts = fileURLToPath(new URL('../target/e2e/', import.meta.url));

if (!BASE_URL) {
  console.error('portal: set BASE_URL, e.g. BASE_URL=http://localhost:8080 node e2e/portal.mjs');
  process.exit(2);
}

const steps = createSteps();
const { step } = steps;
const origin = new URL(BASE_URL).origin;
const offOrigin = new Set();
const pageErrors = [];
const userDataDir = mkdtempSync(join(tmpdir(), 'flowdesk-e2e-portal-'));
let browser;
let page;

const { choose, fillText, submitButton } = formio(() => page, TIMEOUT);

const { signIn, signOut } = accounts(() => page, BASE_URL, PASSWORD);

/** The titles of the catalogue entries the page shows now, in order. */
async function shownEntries() {
  return page.locator('.catalogue a.catalogue-entry').evaluateAll((links) =>
    links.filter((a) => a.offsetParent !== null).map((a) => a.dataset.formKey));
}

/** Downloads `href` with the page's session (cookies) and checks status, headers and bytes. */
async function download(href, expected) {
  const response = await page.request.get(new URL(href, BASE_URL).toString());
  check(response.status() === 200, `downloading ${expected.name} answered ${response.status()}`);
  const disposition = response.headers()['content-disposition'] || '';
  check(disposition.startsWith('attachment'), `${expected.name} is not sent as an attachment: "${disposition}"`);
  check(response.headers()['x-content-type-options'] === 'nosniff', `${expected.name} is sent without nosniff`);
  check(Buffer.compare(await response.body(), expected.buffer) === 0, `${expected.name} came back with other bytes`);
}

/** The file `file` as the page lists it inside `scope`: a link to the download with the size beside it. */
async function expectFileShown(scope, file) {
  const item = page.locator(`${scope} .attachment[data-attachment-name="${file.name}"]`).first();
  await item.waitFor();
  const link = item.locator('a.attachment-link');
  check((await link.innerText()).includes(file.name), `the link of ${file.name} does not name it`);
  const size = (await item.locator('.attachment-size').innerText()).trim();
  check(/\d/.test(size) && /bytes|KB|MB/.test(size), `${file.name} shows no size: "${size}"`);
  const href = await link.getAttribute('href');
  check(href && /\/api\/attachments\/[^/]+$/.test(href), `${file.name} links to ${href}`);
  return { item, href };
}

async function main() {
  console.log(`portal: ${BASE_URL} (run ${RUN})`);
  for (const name of ['portal-failure.png', 'portal-failure.html']) rmSync(join(artifacts, name), { force: true });
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
    viewport: DESKTOP,
    timeout: 60000,
  });
  browser.setDefaultTimeout(TIMEOUT);
  page = browser.pages()[0] || (await browser.newPage());
  page.on('request', (request) => {
    const url = request.url();
    if (/^https?:/.test(url) && new URL(url).origin !== origin) offOrigin.add(url);
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await watchContentSecurityPolicy(page, pageErrors);
  if (process.env.E2E_DEBUG) page.on('response', (r) => console.log(`      ${r.status()} ${r.request().method()} ${r.url()}`));

  await step('alice lands on the catalogue: her forms grouped by category, with icon, title and description', async () => {
    const [formsResponse] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/forms' && r.request().method() === 'GET'),
      signIn('alice'),
    ]);
    const forms = await formsResponse.json();
    const startForms = forms.filter((f) => f.processKey);
    await page.locator('.catalogue a.catalogue-entry').first().waitFor();
    const headings = await page.locator('.catalogue .catalogue-group h3').allInnerTexts();
    const positions = SHIPPED_GROUPS.map((g) => headings.indexOf(g));
    check(positions.every((p) => p >= 0), `the catalogue's groups are ${JSON.stringify(headings)}, expected ${SHIPPED_GROUPS}`);
    check(positions.every((p, i) => i === 0 || p > positions[i - 1]), `the groups are not in their order: ${JSON.stringify(headings)}`);
    const keys = await shownEntries();
    check(keys.length === startForms.length && startForms.every((f) => keys.includes(f.key)),
      `the page shows ${JSON.stringify(keys)}, the engine lists ${JSON.stringify(startForms.map((f) => f.key))}`);
    check(keys.includes(FORM_KEY) && keys.length >= 3, `"Report an incident" is not one entry among the others: ${keys}`);
    check(!forms.some((f) => !f.processKey), 'a requester was offered task forms');
    for (const form of startForms.filter((f) => ['report-incident', 'request-service', 'request-change'].includes(f.key))) {
      const entry = page.locator(`.catalogue a.catalogue-entry[data-form-key="${form.key}"]`);
      const group = await entry.evaluate((a) => a.closest('.catalogue-group').dataset.category);
      check(group === form.category, `${form.key} is under "${group}", its category is "${form.category}"`);
      check(await entry.locator(`i.bi.bi-${form.icon}`).count() === 1, `${form.key} does not show its icon ${form.icon}`);
      check((await entry.locator('.catalogue-title').innerText()).trim() === form.title, `${form.key} does not show its title`);
      check((await entry.locator('.catalogue-description').innerText()).trim() === form.description.trim(),
        `${form.key} does not show its description`);
    }
    const title = (await page.locator('.catalogue a[data-form-key="request-service"] .catalogue-title').innerText()).trim();
    check(title === 'Request equipment, software or access', `request-service is titled "${title}"`);
    await shoot('portal-catalogue.png');
  });

  await step('the search box narrows the catalogue down as alice types', async () => {
    const search = page.getByRole('searchbox', { name: 'Search the catalogue' });
    await search.fill('laptop');
    await page.waitForFunction(() => !document.querySelector('.catalogue a[data-form-key="report-incident"]'));
    let keys = await shownEntries();
    check(keys.includes('request-service') && !keys.includes('request-change'), `"laptop" finds ${JSON.stringify(keys)}`);
    await search.fill('qwxz-nothing');
    await page.locator('.catalogue .catalogue-empty', { hasText: 'Nothing matches' }).waitFor();
    await search.fill('BROKEN');
    await page.waitForFunction(() => !document.querySelector('.catalogue a[data-form-key="request-service"]'));
    keys = await shownEntries();
    check(keys.includes(FORM_KEY), `"BROKEN" does not find "Report an incident" (its description says broken): ${JSON.stringify(keys)}`);
  });

  await step(`at a phone width (${PHONE.width} px) the catalogue does not scroll sideways`, async () => {
    await page.setViewportSize(PHONE);
    const search = page.getByRole('searchbox', { name: 'Search the catalogue' });
    await search.fill('');
    await page.locator('.catalogue a[data-form-key="request-change"]').waitFor();
    const fits = await page.evaluate(() => document.scrollingElement.scrollWidth <= window.innerWidth);
    const widths = await page.evaluate(() => `${document.scrollingElement.scrollWidth} > ${window.innerWidth}`);
    check(fits, `the catalogue scrolls sideways at a phone width: ${widths}`);
    for (const key of ['report-incident', 'request-service', 'request-change']) {
      const box = await page.locator(`.catalogue a[data-form-key="${key}"]`).boundingBox();
      check(box && box.x >= 0 && box.x + box.width <= PHONE.width + 0.5, `${key} sticks out of the screen: ${JSON.stringify(box)}`);
    }
    await shoot('phone-catalogue.png');
    await page.setViewportSize(DESKTOP);
  });

  let number;
  let ticketId;
  let uploadId;
  await step('alice searches, opens "Report an incident" and attaches a screenshot (uploaded with the CSRF header)', async () => {
    // Without the header the engine refuses an upload, signed in or not: CSRF protection holds for uploads.
    const refused = await page.evaluate(async () => {
      const body = new FormData();
      body.append('file', new Blob(['plain text'], { type: 'text/plain' }), 'no-token.txt');
      const response = await fetch('/api/attachments', { method: 'POST', body, credentials: 'same-origin',
        headers: { 'X-Requested-With': 'XMLHttpRequest' } });
      return response.status;
    });
    check(refused === 403, `an upload without the CSRF header answered ${refused}`);

    await page.getByRole('searchbox', { name: 'Search the catalogue' }).fill('incident');
    await page.locator(`.catalogue a.catalogue-entry[data-form-key="${FORM_KEY}"]`).click();
    await page.waitForURL((url) => url.hash === `#/forms/${FORM_KEY}`);
    await page.getByRole('heading', { name: 'Report an incident' }).waitFor();
    await fillText('subject', SUBJECT);
    await fillText('description', 'Excel shows a crash dialog right after start since the last update.');
    await choose('impact', 'LOW');
    await choose('urgency', 'MEDIUM');
    await choose('categoryHint', 'software');

    const files = page.locator('.formio-component-attachments');
    // A file chosen by mistake and removed again leaves no error behind and is not sent.
    const mistaken = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/attachments' && r.request().method() === 'POST');
    const [first] = await Promise.all([page.waitForEvent('filechooser'), files.locator('[ref="fileBrowse"]').first().click()]);
    await first.setFiles(WRONG);
    check((await mistaken).status() === 201, 'the upload of the mistaken file failed');
    await files.locator('[ref="fileLink"]', { hasText: `wrong-${RUN}` }).first().waitFor();
    await files.locator('[ref="removeLink"]').first().click();
    await page.waitForFunction(([name]) => !(document.querySelector('.formio-component-attachments')?.textContent || '').includes(name),
      [`wrong-${RUN}`], { timeout: TIMEOUT });

    const uploaded = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/attachments' && r.request().method() === 'POST');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), files.locator('[ref="fileBrowse"]').first().click()]);
    await chooser.setFiles(SCREENSHOT);
    const upload = await uploaded;
    check(upload.status() === 201, `the upload answered ${upload.status()}: ${await upload.text()}`);
    const sent = await upload.request().allHeaders();
    check(sent['x-xsrf-token'], `formio.js uploaded without the CSRF header: ${JSON.stringify(sent)}`);
    const body = await upload.json();
    uploadId = body.id;
    check(uploadId && body.name === SCREENSHOT.name && body.size === SCREENSHOT.buffer.length,
      `the upload answered ${JSON.stringify(body)}`);
    await files.locator('[ref="fileLink"]', { hasText: `crash-${RUN}` }).first().waitFor();
  });

  await step('alice submits; the ticket carries the file', async () => {
    await page.waitForFunction(
      () => !document.querySelector('.formio-component-submit button, .formio-component-button button[type="submit"]')?.disabled,
      null,
      { timeout: TIMEOUT },
    );
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/forms/${FORM_KEY}/submissions`)),
      submitButton().click(),
    ]);
    const value = response.request().postDataJSON().data.attachments;
    check(Array.isArray(value) && value.length === 1 && value[0].storage === 'url' && value[0].data?.id === uploadId,
      `the submission's file value is ${JSON.stringify(value)}`);
    check(response.status() === 201, `expected 201, the server answered ${response.status()}: ${await response.text()}`);
    const created = await response.json();
    number = created.number;
    ticketId = created.ticketId;
    await page.getByText(`Ticket ${number} created`).waitFor();
  });

  let screenshotHref;
  await step('alice opens her ticket, sees the screenshot with its size and as a thumbnail, and downloads it', async () => {
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/tickets/${ticketId}/attachments`)),
      page.getByRole('link', { name: 'Open it' }).click(),
    ]);
    await page.getByRole('heading', { name: new RegExp(number) }).waitFor();
    const { item, href } = await expectFileShown('.ticket-detail .ticket-files', SCREENSHOT);
    screenshotHref = href;
    const thumb = item.locator('img.attachment-thumb');
    await thumb.waitFor();
    await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await thumb.elementHandle());
    const size = await thumb.evaluate((img) => ({ natural: img.naturalWidth, width: img.getBoundingClientRect().width,
      maxWidth: getComputedStyle(img).maxWidth, maxHeight: getComputedStyle(img).maxHeight }));
    check(size.natural === 8, `the thumbnail is not the uploaded image: ${JSON.stringify(size)}`);
    check(size.maxWidth === '160px' && size.maxHeight === '160px' && size.width <= 160, `the thumbnail is not small: ${JSON.stringify(size)}`);
    await download(href, SCREENSHOT);
  });

  await step('alice replies with a text file from the reply box, sent as one multipart request, and sees it', async () => {
    const conversation = page.locator('.ticket-detail .conversation');
    await conversation.locator('textarea[name="article-body"]').fill(REPLY);
    await conversation.locator('input[type="file"][name="article-files"]').setInputFiles(LOG);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/tickets/${ticketId}/articles`) && r.request().method() === 'POST'),
      conversation.getByRole('button', { name: 'Send reply' }).click(),
    ]);
    check(response.status() === 201, `the reply answered ${response.status()}: ${await response.text()}`);
    const type = (await response.request().allHeaders())['content-type'] || '';
    check(type.startsWith('multipart/form-data'), `the reply with a file was sent as ${type}`);
    const article = page.locator('.ticket-detail .article', { hasText: REPLY });
    await article.waitFor();
    const { href } = await expectFileShown(`.ticket-detail .article[data-article-id="${(await response.json()).id}"]`, LOG);
    await download(href, LOG);
    check(!(await page.locator('.ticket-detail input[name="article-files"]').inputValue()), 'the file input still holds the sent file');
    await shoot('portal-attachments.png');
    await signOut();
  });

  await step('bob opens the ticket in the agent area and sees and downloads both files', async () => {
    await signIn('bob');
    await page.goto(`${BASE_URL}/#/agent/tickets/${ticketId}`);
    await page.locator('.agent-ticket .conversation').waitFor();
    const shot = await expectFileShown('.agent-ticket .ticket-files', SCREENSHOT);
    check(shot.href === screenshotHref, `bob's link is ${shot.href}, alice's ${screenshotHref}`);
    await expectFileShown('.agent-ticket .ticket-files', LOG);
    const { href } = await expectFileShown('.agent-ticket .article', LOG);
    await download(shot.href, SCREENSHOT);
    await download(href, LOG);
  });

  await step('a mail article shows "via e-mail", from, to and cc, and a mail file the engine did not keep as "not stored"', async () => {
    // Mail needs a mail server; the article is added to what the engine really answers, as its mail channel shapes it.
    const mail = {
      id: 987654321, author: 'alice@example.org', visibility: 'PUBLIC', channel: 'MAIL',
      body: `Forwarding the vendor's answer (${RUN})`, bodyHtml: '<p>Forwarding</p>',
      from: 'alice@example.org', to: ['support@flowdesk.example'], cc: ['carol@example.org', 'dora@example.org'],
      createdAt: new Date().toISOString(),
      attachments: [{ id: null, name: 'setup.exe', size: 4_200_000, contentType: 'application/x-msdownload', url: null, image: false }],
    };
    const conversationUrl = `**/api/tickets/${ticketId}/conversation`;
    await page.route(conversationUrl, async (route) => {
      const real = await route.fetch();
      await route.fulfill({ status: real.status(), json: [...(await real.json()), mail] });
    });
    await page.reload();
    const article = page.locator(`.agent-ticket .article[data-article-id="${mail.id}"]`);
    await article.waitFor();
    await page.unroute(conversationUrl);
    await article.locator('.badge', { hasText: 'via e-mail' }).waitFor();
    check((await article.locator('[data-field="mail-from"] dd').innerText()).trim() === 'alice@example.org', 'the mail does not show From');
    check((await article.locator('[data-field="mail-to"] dd').innerText()).trim() === 'support@flowdesk.example', 'the mail does not show To');
    check((await article.locator('[data-field="mail-cc"] dd').innerText()).trim() === 'carol@example.org, dora@example.org',
      'the mail does not show Cc');
    const missing = article.locator('.attachment-missing[data-attachment-name="setup.exe"]');
    check((await missing.innerText()).includes('not stored'), `the unstored file reads "${await missing.innerText()}"`);
    check(!(await missing.locator('a').count()), 'a file the engine did not store is offered for download');
    await shoot('agent-mail-article.png');
  });

  await step('everything came from the engine, nothing from a CDN, and no script error', async () => {
    check(offOrigin.size === 0, `requests left the engine: ${[...offOrigin].join(', ')}`);
    check(pageErrors.length === 0, `script errors: ${pageErrors.join(' | ')}`);
  });
}

async function shoot(name) {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, name), fullPage: true });
}

await runScript('portal', main, {
  steps, getPage: () => page, getBrowser: () => browser, pageErrors, artifacts, userDataDir,
});
