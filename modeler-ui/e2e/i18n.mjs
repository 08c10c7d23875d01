// End-to-end test of issue 10's last part in headless Chromium: German and English, phones, the installable app.
//
//   BASE_URL=http://localhost:8080 node modeler-ui/e2e/i18n.mjs
//
// alice (an English browser) picks "Request a laptop" from the catalogue (the request-service form, "New laptop"),
// attaches a PNG in the form's file component, submits, opens the ticket and sees the progress diagram with the
// approval step highlighted (the call activity "Approve request" and, in the approval process it called, "Decide on
// approval", on the element ids the progress endpoint names). She switches to German with the header's switch: the
// page is drawn again in German, and no visible text on it (text nodes, placeholders, labels, titles, the diagram's
// labels) is an English text of the app's catalogue (src/i18n/en.json, every value that differs in de.json, also
// with its {placeholders} filled in) or an English name of the process models that have a German one; dates are
// German. After a reload the page is still German. The request form and the catalogue are German too (the forms'
// own translations). At 375 × 740 px the portal home, the ticket page and bob's inbox do not scroll sideways.
// The manifest is served without a session and valid (name, icons 192/512 and a maskable one, each a real PNG of
// its size), the service worker registers and controls the page, and with the network off a navigation shows the
// offline page (in German, as chosen); back online the app comes back.
// Exits 0 when every step held; otherwise prints the failed step and leaves modeler-ui/target/e2e/i18n-failure.png.
//
// Environment: BASE_URL (required), CHROMIUM (default /usr/bin/chromium), E2E_TIMEOUT_MS (15000).
import { chromium, request as http } from 'playwright-core';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, createSteps, formio, runScript, accounts, watchContentSecurityPolicy } from './harness.mjs';

const BASE_URL = (process.env.BASE_URL || '').replace(/\/$/, '');
const PASSWORD = 'demo';
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 15000);
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 740 };
const FORM_KEY = 'request-service';
const RUN = Date.now().toString(36);
const JUSTIFICATION = `My laptop is six years old and the battery lasts ten minutes (${RUN})`;
const PHOTO = {
  name: `old-laptop-${RUN}.png`,
  mimeType: 'image/png',
  buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGOQm/AfK2IYWhIAr+9rQUHkcqkAAAAASUVORK5CYII=', 'base64'),
};
const artifacts = fileURLToPath(new URL('../target/e2e/', import.meta.url));
const catalogue = (lang) => JSON.parse(readFileSync(new URL(`../src/i18n/${lang}.json`, import.meta.url), 'utf8'));
const EN = catalogue('en');
const DE = catalogue('de');

if (!BASE_URL) {
  console.error('i18n: set BASE_URL, e.g. BASE_URL=http://localhost:8080 node e2e/i18n.mjs');
  process.exit(2);
}

const steps = createSteps();
const { step } = steps;
const origin = new URL(BASE_URL).origin;
const offOrigin = new Set();
const pageErrors = [];
const userDataDir = mkdtempSync(join(tmpdir(), 'flowdesk-e2e-i18n-'));
let browser;
let page;

const { choose, fillText, submitButton } = formio(() => page, TIMEOUT);
const { signIn } = accounts(() => page, BASE_URL, PASSWORD);

async function shoot(name) {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, name), fullPage: true });
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The English the German page must not show: every catalogue text that differs in German, as a pattern of the whole
 * text (its {placeholders} match anything), plus its longer fixed pieces (three words or more) anywhere in a text.
 */
function englishPatterns(extraNames) {
  const patterns = [];
  for (const [key, english] of Object.entries(EN)) {
    if (english === DE[key]) continue;
    const whole = english.trim();
    if (!/[A-Za-z]{2}/.test(whole)) continue;
    patterns.push({ key, re: new RegExp(`^${whole.split(/\{\w+\}/).map((part) => escape(part)).join('.+?')}$`, 's') });
    for (const piece of whole.split(/\{\w+\}/).map((p) => p.trim())) {
      if (piece.split(/\s+/).length >= 3 && piece.length >= 12) patterns.push({ key, re: new RegExp(escape(piece)) });
    }
  }
  for (const name of extraNames) patterns.push({ key: `model name "${name}"`, re: new RegExp(`^${escape(name)}$`) });
  return patterns;
}

/** Every text a reader sees (or a screen reader reads) on the page (or inside `scope`) now, with where it is. */
async function visibleTexts(scope = 'body') {
  return page.evaluate((scope) => {
    const root = document.querySelector(scope);
    const seen = (el) => el && el.getClientRects().length > 0
      && (!el.checkVisibility || el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }));
    const out = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.replace(/\s+/g, ' ').trim();
      const parent = node.parentElement;
      if (!text || !parent || parent.closest('script, style, template, [hidden]') || !seen(parent)) continue;
      out.push({ text, where: parent.closest('[class]')?.className?.baseVal ?? parent.closest('[class]')?.className ?? parent.tagName });
    }
    for (const el of root.querySelectorAll('[placeholder], [aria-label], [title], img[alt], option')) {
      if (!seen(el) && el.tagName !== 'OPTION') continue;
      if (el.tagName === 'OPTION' && !seen(el.closest('select'))) continue;
      for (const name of ['placeholder', 'aria-label', 'title', 'alt']) {
        const value = el.getAttribute(name)?.trim();
        if (value) out.push({ text: value, where: `${el.tagName.toLowerCase()}[${name}]` });
      }
      if (el.tagName === 'OPTION') out.push({ text: el.textContent.trim(), where: 'option' });
    }
    return out;
  }, scope);
}

/**
 * Fails with every visible text that is English the app has in German too; `extraNames` are content texts (model
 * or form names) with a German version, looked for inside `scope` only (outside it, e.g. in a ticket's subject, the
 * same words are the user's data).
 */
async function expectNoEnglish(what, extraNames = [], scope = 'body') {
  const patterns = englishPatterns([]);
  const texts = await visibleTexts();
  const scoped = englishPatterns(extraNames).slice(patterns.length);
  for (const { text, where } of await visibleTexts(scope)) {
    const hit = scoped.find(({ re }) => re.test(text));
    if (hit) texts.push({ text, where, hit });
  }
  const english = [];
  for (const { text, where, hit: content } of texts) {
    const hit = content ?? patterns.find(({ re }) => re.test(text));
    // Brand and language names are the same in both ("Flowdesk", "English" as the switch's own title).
    if (hit && !['Flowdesk', 'English', 'Deutsch'].includes(text)) english.push(`"${text}" (${hit.key}, in ${where})`);
  }
  check(texts.length > 20, `${what}: only ${texts.length} visible texts were found`);
  check(!english.length, `${what} shows English after switching to German: ${english.slice(0, 12).join('; ')}`);
  return texts;
}

/** The page fits a phone: nothing wider than the screen; names what sticks out when something does. */
async function expectNoSidewaysScroll(what) {
  await page.waitForTimeout(300); // let the layout settle after the data arrived
  const result = await page.evaluate((width) => {
    const scrollWidth = document.documentElement.scrollWidth;
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getClientRects().length && el.getBoundingClientRect().right > width + 0.5)
      .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= width + 0.5)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className?.baseVal ?? el.className).split(' ').slice(0, 2).join('.')} (${Math.round(el.getBoundingClientRect().right)} px)`);
    return { scrollWidth, wide };
  }, PHONE.width);
  check(result.scrollWidth <= PHONE.width,
    `${what} scrolls sideways at ${PHONE.width} px: scrollWidth ${result.scrollWidth}; sticking out: ${result.wide.join(', ')}`);
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(buffer) {
  check(buffer.subarray(1, 4).toString('ascii') === 'PNG', 'an icon is not a PNG');
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}

async function main() {
  console.log(`i18n: ${BASE_URL} (run ${RUN})`);
  for (const name of ['i18n-failure.png', 'i18n-failure.html']) rmSync(join(artifacts, name), { force: true });
  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    // An English browser: the app starts in English and German is the user's own choice.
    locale: 'en-US',
    serviceWorkers: 'allow',
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

  let ticketId;
  let number;
  await step('alice picks "Request a laptop" from the catalogue, attaches a photo and submits', async () => {
    await signIn('alice');
    check(await page.evaluate(() => document.documentElement.lang) === 'en', 'an English browser does not get an English page');
    await page.getByRole('searchbox', { name: 'Search the catalogue' }).fill('laptop');
    await page.locator(`.catalogue a.catalogue-entry[data-form-key="${FORM_KEY}"]`).click();
    await page.waitForURL((url) => url.hash === `#/forms/${FORM_KEY}`);
    await page.getByRole('heading', { name: 'Request equipment, software or access' }).waitFor();
    await choose('catalogueItem', 'new-laptop');
    await choose('model', 'standard-14');
    await fillText('costCentre', 'CC-4711');
    await fillText('justification', JUSTIFICATION);
    const files = page.locator('.formio-component-attachments');
    const uploaded = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/attachments' && r.request().method() === 'POST');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), files.locator('[ref="fileBrowse"]').first().click()]);
    await chooser.setFiles(PHOTO);
    const upload = await uploaded;
    check(upload.status() === 201, `the upload answered ${upload.status()}: ${await upload.text()}`);
    await files.locator('[ref="fileLink"]', { hasText: `old-laptop-${RUN}` }).first().waitFor();
    await page.waitForFunction(
      () => !document.querySelector('.formio-component-submit button, .formio-component-button button[type="submit"]')?.disabled,
      null, { timeout: TIMEOUT });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/forms/${FORM_KEY}/submissions`)),
      submitButton().click(),
    ]);
    check(response.status() === 201, `the request answered ${response.status()}: ${await response.text()}`);
    ({ ticketId, number } = await response.json());
    await page.getByText(`Ticket ${number} created`).waitFor();
  });

  let progress;
  await step('alice opens the ticket: her file is there and the progress diagram highlights the approval step', async () => {
    await page.getByRole('link', { name: 'Open it' }).click();
    await page.getByRole('heading', { name: new RegExp(number) }).waitFor();
    await page.locator(`.ticket-detail .ticket-files .attachment[data-attachment-name="${PHOTO.name}"]`).waitFor();
    const root = page.locator('.process-progress .progress-instance').first();
    await root.waitFor();
    progress = await page.evaluate(async (id) => (await fetch(`/api/tickets/${id}/progress`, { headers: { Accept: 'application/json' } })).json(), ticketId);
    check(progress.activeActivityIds.includes('CallActivity_ApproveRequest'),
      `the request is not waiting for its approval: ${JSON.stringify(progress.activeActivityIds)}`);
    await root.locator('.progress-canvas [data-element-id="CallActivity_ApproveRequest"].progress-active').first().waitFor();
    const approval = progress.children.find((c) => c.calledBy === 'CallActivity_ApproveRequest' && !c.ended);
    check(approval, `the approval process it called is not running: ${JSON.stringify(progress.children)}`);
    const inner = page.locator(`.progress-instance[data-process-instance="${approval.processInstanceId}"]`);
    for (const id of approval.activeActivityIds) {
      await inner.locator(`.progress-canvas [data-element-id="${id}"].progress-active`).first().waitFor();
    }
    check(approval.activeActivityIds.includes('Task_Approve'), `the approval waits at ${approval.activeActivityIds}`);
    const listed = (await root.locator('.progress-list-active li[data-activity="CallActivity_ApproveRequest"]').innerText()).trim();
    check(listed === 'Approve request', `the current step is listed as "${listed}"`);
    await shoot('i18n-progress-en.png');
  });

  await step('alice switches to German: the page is drawn again and every visible text on it is German', async () => {
    await page.locator('.language-switch button[data-locale="de"]').click();
    await page.waitForFunction(() => document.documentElement.lang === 'de');
    await page.locator('.language-switch button[data-locale="de"][aria-pressed="true"]').waitFor();
    await page.getByRole('heading', { name: 'Fortschritt' }).waitFor();
    const root = page.locator('.process-progress .progress-instance').first();
    await root.locator('.progress-canvas [data-element-id="CallActivity_ApproveRequest"].progress-active').first().waitFor();
    await page.locator(`.progress-instance[data-process-instance="${progress.children[0].processInstanceId}"] .progress-canvas .progress-active`).first().waitFor();
    await page.locator('.conversation h3', { hasText: 'Kommunikation' }).waitFor();
    await page.locator('.history-list li').first().waitFor();
    const listed = (await root.locator('.progress-list-active li[data-activity="CallActivity_ApproveRequest"]').innerText()).trim();
    check(listed === 'Anfrage genehmigen', `the current step is listed as "${listed}" in German`);
    // The models' English names that have a German one must not show either (diagram labels, step lists).
    const modelNames = [];
    for (const instance of [progress, ...progress.children]) {
      modelNames.push(...await page.evaluate(async ([definition, id]) => {
        const xml = await (await fetch(`/api/processes/${encodeURIComponent(definition)}/xml?ticket=${id}`)).text();
        const doc = new DOMParser().parseFromString(xml, 'application/xml');
        return [...doc.getElementsByTagNameNS('http://camunda.org/schema/1.0/bpmn', 'property')]
          .filter((p) => p.getAttribute('name') === 'name_de')
          .map((p) => [p.parentElement?.parentElement?.parentElement?.getAttribute('name'), p.getAttribute('value')])
          .filter(([english, german]) => english && english !== german)
          .map(([english]) => english.replace(/\s+/g, ' ').trim());
      }, [instance.processDefinitionId, ticketId]));
    }
    check(modelNames.includes('Approve request'), `no German model names found: ${modelNames.slice(0, 5)}`);
    const texts = await expectNoEnglish('the ticket page', modelNames, '.process-progress');
    const created = await page.locator('.ticket-detail [data-field="createdAt"] time').innerText();
    check(/\d{1,2}\.\s?\S+\s?\d{4}/.test(created), `the creation date is not written the German way: "${created}"`);
    check(texts.some((t) => t.text === 'Anfrage genehmigen'), 'the diagram does not show "Anfrage genehmigen"');
    await shoot('i18n-progress-de.png');
  });

  await step('the choice of German survives a reload', async () => {
    await page.reload();
    await page.getByRole('heading', { name: 'Fortschritt' }).waitFor();
    check(await page.evaluate(() => document.documentElement.lang) === 'de', 'after a reload the page is not German');
    await page.locator('.language-switch button[data-locale="de"][aria-pressed="true"]').waitFor();
    await page.getByRole('button', { name: 'Abmelden' }).waitFor();
  });

  await step('the request form and the catalogue speak German too (the forms\' own translations)', async () => {
    await page.goto(`${BASE_URL}/#/forms/${FORM_KEY}`);
    await page.getByRole('heading', { name: 'Geräte, Software oder Zugänge anfragen' }).waitFor();
    await page.locator('.formio-component-catalogueItem label', { hasText: 'Was benötigen Sie?' }).waitFor();
    await page.locator('.formio-component-justification label', { hasText: 'Begründung' }).waitFor();
    const definition = await page.evaluate(async (key) => (await fetch(`/api/forms/${key}`)).json(), FORM_KEY);
    const formEnglish = Object.entries(definition.i18n.de).filter(([en, de]) => en !== de).map(([en]) => en);
    // formio's own texts of the file component, which formio ships in English only (src/ui/formio-i18n.ts)
    formEnglish.push('Drop files to attach,', 'browse', 'Drop files to attach, or browse', 'File Name', 'Size');
    await expectNoEnglish('the request form', formEnglish, '.form-panel');
    await page.goto(`${BASE_URL}/#/`);
    await page.locator('.catalogue a[data-form-key="request-service"] .catalogue-title', { hasText: 'Geräte, Software oder Zugänge anfragen' }).waitFor();
    await page.locator('.catalogue .catalogue-group h3', { hasText: 'Anfragen' }).waitFor();
    await expectNoEnglish('the catalogue', ['Request equipment, software or access', 'Report an incident', 'Requests'], '.catalogue');
  });

  await step(`at ${PHONE.width} × ${PHONE.height} px the portal home, the ticket page and the inbox do not scroll sideways`, async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`${BASE_URL}/#/`);
    await page.locator('.catalogue a.catalogue-entry').first().waitFor();
    await page.locator('[data-testid="ticket-count"]:not(:empty)').waitFor();
    await expectNoSidewaysScroll('the portal home');
    await shoot('i18n-phone-home.png');
    await page.goto(`${BASE_URL}/#/tickets/${ticketId}`);
    await page.locator('.process-progress .progress-canvas [data-element-id="CallActivity_ApproveRequest"]').first().waitFor();
    await page.locator('.history-list li').first().waitFor();
    await expectNoSidewaysScroll('the ticket page');
    await shoot('i18n-phone-ticket.png');
    // Signing out in German (harness.signOut clicks the English "Sign out").
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await signIn('bob');
    await page.goto(`${BASE_URL}/#/agent/inbox/candidate`);
    await page.locator('.inbox .task-list, .inbox .empty').first().waitFor();
    await expectNoSidewaysScroll('the inbox (candidate tasks)');
    await shoot('i18n-phone-inbox.png');
    await page.goto(`${BASE_URL}/#/agent/tickets/${ticketId}`);
    await page.locator('.agent-ticket .history-list li').first().waitFor();
    await expectNoSidewaysScroll("the agent's ticket page");
    await page.setViewportSize(DESKTOP);
  });

  await step('the manifest is served without a session and valid, with real icons', async () => {
    const anonymous = await http.newContext({ baseURL: BASE_URL });
    try {
      const response = await anonymous.get('/manifest.webmanifest', { maxRedirects: 0 });
      check(response.status() === 200, `the manifest answered ${response.status()}`);
      check(/application\/(manifest\+)?json/.test(response.headers()['content-type'] || ''),
        `the manifest is served as ${response.headers()['content-type']}`);
      const manifest = await response.json();
      check(manifest.name && manifest.short_name && manifest.start_url === '/' && manifest.display === 'standalone'
        && /^#[0-9a-f]{6}$/i.test(manifest.theme_color), `the manifest lacks a field: ${JSON.stringify(manifest)}`);
      for (const size of [192, 512]) {
        check(manifest.icons.some((i) => i.sizes === `${size}x${size}` && i.type === 'image/png'), `no ${size} px icon`);
      }
      check(manifest.icons.some((i) => /maskable/.test(i.purpose || '')), 'no maskable icon');
      for (const icon of manifest.icons) {
        const image = await anonymous.get(icon.src, { maxRedirects: 0 });
        check(image.status() === 200 && image.headers()['content-type'] === 'image/png', `${icon.src} answered ${image.status()} ${image.headers()['content-type']}`);
        const { width, height } = pngSize(await image.body());
        check(`${width}x${height}` === icon.sizes, `${icon.src} is ${width}x${height}, the manifest says ${icon.sizes}`);
      }
      for (const [path, type] of [['/sw.js', /javascript/], ['/offline.html', /text\/html/]]) {
        const file = await anonymous.get(path, { maxRedirects: 0 });
        check(file.status() === 200 && type.test(file.headers()['content-type'] || ''), `${path} answered ${file.status()} ${file.headers()['content-type']}`);
      }
      const html = await anonymous.get('/api/me', { maxRedirects: 0, headers: { Accept: 'application/json' } });
      check(html.status() === 401, `without a session /api/me answered ${html.status()}`);
      const linked = await page.evaluate(() => document.querySelector('link[rel="manifest"]')?.getAttribute('href'));
      check(linked === '/manifest.webmanifest', `the page links the manifest as ${linked}`);
    } finally {
      await anonymous.dispose();
    }
  });

  await step('the service worker registers and, with the network off, a navigation shows the offline page', async () => {
    const script = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);
    check(script === `${new URL(BASE_URL).origin}/sw.js`, `the active service worker is ${script}`);
    await page.reload();
    await page.getByRole('button', { name: 'Abmelden' }).waitFor();
    check(await page.evaluate(() => !!navigator.serviceWorker.controller), 'the service worker does not control the page');
    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      const urls = [];
      for (const name of names) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
      return urls;
    });
    check(cached.includes('/offline.html'), `the offline page is not kept: ${cached}`);
    check(!cached.some((path) => path.startsWith('/api/')), `the service worker kept API answers: ${cached.filter((p) => p.startsWith('/api/'))}`);

    await browser.setOffline(true);
    try {
      // A real navigation (a new URL with only another #fragment would stay in the page): reload the app.
      await page.reload().catch(() => {});
      await page.locator('[data-offline-page]').waitFor();
      const first = (await page.locator('[data-offline-page] h1').first().innerText()).trim();
      check(first === 'Sie sind offline', `the offline page says "${first}" first, not German`);
      await shoot('i18n-offline.png');
    } finally {
      await browser.setOffline(false);
    }
    await page.goto(`${BASE_URL}/`);
    await page.getByTestId('signed-in-user').waitFor();
  });

  await step('everything came from the engine, nothing from a CDN, and no script error', async () => {
    check(offOrigin.size === 0, `requests left the engine: ${[...offOrigin].join(', ')}`);
    check(pageErrors.length === 0, `script errors: ${pageErrors.join(' | ')}`);
  });
}

await runScript('i18n', main, {
  steps, getPage: () => page, getBrowser: () => browser, pageErrors, artifacts, userDataDir,
});
