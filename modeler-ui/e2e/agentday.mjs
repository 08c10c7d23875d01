// End-to-end test of the agent's day (issue 11 parts 1–4) in headless Chromium against a running engine.
//
//   BASE_URL=http://localhost:8080 node modeler-ui/e2e/agentday.mjs
//
// alice reports three Outlook tickets through the API, each with a reply (the shipped rules route them to bob's
// service-desk queue).
// bob searches the ticket list for them (the words and filters go into the address), narrows by queue, finds none
// assigned to him, moves with j/k and opens one with Enter, saves the list as a view and opens it from the views bar
// (its count is the server's). He checks the three rows and bulk-assigns them to himself: each row says "Done" and
// the engine has bob on each ticket's task. He merges the first into the second from the ticket page (picker,
// confirmation): the page shows the second ticket, the engine has the first CLOSED with a DUPLICATE_OF pointer and
// its conversation moved. He records 30 minutes of phone work on the second: the panel's total and the engine's
// sheet say 30 minutes; the stopwatch adds one (rounded up). He splits an article of the merged conversation into a new
// ticket linked to the second. Last he deletes his view. Exits 0 when every step held; otherwise prints the failed step and
// leaves modeler-ui/target/e2e/agentday-failure.png (and .html).
//
// Environment: BASE_URL (required), CHROMIUM (default /usr/bin/chromium), E2E_TIMEOUT_MS (15000).
import { chromium, request as http } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accounts, check, createSteps, runScript, waitForAddress } from './harness.mjs';

const BASE_URL = (process.env.BASE_URL || '').replace(/\/$/, '');
const PASSWORD = 'demo';
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 15000);
const RUN = `agd${Date.now().toString(36)}`;
// "Outlook" sends an incident to the service-desk queue (bob's) by the shipped rules.
const SUBJECTS = [
  `Outlook freezes when opening attachments ${RUN}`,
  `Outlook hangs on attachments since today ${RUN}`,
  `Outlook search finds no mail ${RUN}`,
];
const VIEW = `Outlook ${RUN}`;
const artifacts = fileURLToPath(new URL('../target/e2e/', import.meta.url));

if (!BASE_URL) {
  console.error('agentday: set BASE_URL, e.g. BASE_URL=http://localhost:8080 node e2e/agentday.mjs');
  process.exit(2);
}

const steps = createSteps();
const { step } = steps;
const origin = new URL(BASE_URL).origin;
const offOrigin = new Set();
const pageErrors = [];
const userDataDir = mkdtempSync(join(tmpdir(), 'flowdesk-e2e-agentday-'));
let browser;
let page;
const { signIn, signOut } = accounts(() => page, BASE_URL, PASSWORD);

/** The API as its clients use it (HTTP Basic, sent up front), for set-up and for checking what the page showed. */
const api = (user) => http.newContext({ baseURL: BASE_URL, extraHTTPHeaders: {
  Authorization: `Basic ${Buffer.from(`${user}:${PASSWORD}`).toString('base64')}`, Accept: 'application/json' } });

async function apiGet(user, path) {
  const context = await api(user);
  try {
    const response = await context.get(path);
    check(response.status() === 200, `GET ${path} as ${user} answered ${response.status()}: ${await response.text()}`);
    return await response.json();
  } finally {
    await context.dispose();
  }
}

/** The list's parameters as the address carries them (one encoded segment after #/agent/inbox/tickets/). */
function listParams() {
  const hash = new URL(page.url()).hash;
  const prefix = '#/agent/inbox/tickets/';
  return new URLSearchParams(hash.startsWith(prefix) ? decodeURIComponent(hash.slice(prefix.length)) : '');
}

/** The ticket numbers the list shows, in order, once it has loaded. */
async function shownNumbers() {
  await page.waitForFunction(() => !document.querySelector('.ticket-list')?.hasAttribute('aria-busy'));
  return page.locator('.ticket-list tbody tr[data-ticket-number]').evaluateAll((rows) => rows.map((r) => r.dataset.ticketNumber));
}

/** Waits until the list shows exactly `numbers` (in any order). */
async function waitRows(numbers, what) {
  const wanted = [...numbers].sort();
  try {
    await page.waitForFunction((expected) => {
      const list = document.querySelector('.ticket-list');
      if (!list || list.hasAttribute('aria-busy')) return false;
      const shown = [...list.querySelectorAll('tbody tr[data-ticket-number]')].map((r) => r.dataset.ticketNumber).sort();
      return JSON.stringify(shown) === JSON.stringify(expected);
    }, wanted, { timeout: TIMEOUT });
  } catch {
    check(false, `${what}: the list shows ${JSON.stringify(await shownNumbers())}, expected ${JSON.stringify(wanted)}`);
  }
}

async function main() {
  console.log(`agentday: ${BASE_URL} (run ${RUN})`);
  for (const name of ['agentday-failure.png', 'agentday-failure.html']) rmSync(join(artifacts, name), { force: true });
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

  const tickets = [];
  await step('alice reports three Outlook tickets; the rules put them in the service-desk queue', async () => {
    const alice = await api('alice');
    try {
      for (const subject of SUBJECTS) {
        const reported = await alice.post('/api/forms/report-incident/submissions', { data: { data: {
          subject, description: `Outlook trouble, reported for the agent's day test (${RUN})`, impact: 'LOW', urgency: 'MEDIUM' } } });
        check(reported.status() === 201, `alice's report answered ${reported.status()}: ${await reported.text()}`);
        const ticket = await reported.json();
        tickets.push(ticket);
        // a reply of hers, so that the merge has a conversation to move and the split an article
        const replied = await alice.post(`/api/tickets/${ticket.ticketId}/articles`, { data: {
          body: `Still broken: ${subject}`, visibility: 'PUBLIC' } });
        check(replied.status() === 201, `alice's reply answered ${replied.status()}: ${await replied.text()}`);
      }
    } finally {
      await alice.dispose();
    }
    for (const ticket of tickets) {
      const detail = await apiGet('bob', `/api/tickets/${ticket.ticketId}`);
      check(detail.queue === 'service-desk', `${ticket.number} is in the queue ${detail.queue}`);
    }
  });
  const numbers = () => tickets.map((t) => t.number);

  await step('bob searches the ticket list; the words are in the address and the three tickets are listed', async () => {
    await signIn('bob');
    await waitForAddress(page, (url) => url.hash.startsWith('#/agent'));
    await page.locator('.inbox-tabs a[data-tab="tickets"]').click();
    await page.locator('.ticket-filters input[name="q"]').fill(RUN);
    await page.locator('.ticket-filters button[type="submit"]').click();
    await waitForAddress(page, () => listParams().get('q') === RUN);
    await waitRows(numbers(), 'after the search');
  });

  await step('filters: the service-desk queue keeps the three, "assigned to me" has none of them; both in the address', async () => {
    await page.locator('.ticket-filters select[name="queue"]').selectOption('service-desk');
    await waitForAddress(page, () => listParams().get('queue') === 'service-desk');
    await waitRows(numbers(), 'in the service-desk queue');
    await page.locator('.ticket-filters select[name="assignee"]').selectOption('me');
    await waitForAddress(page, () => listParams().get('assignee') === 'me');
    await waitRows([], 'assigned to bob before the bulk assignment');
    await page.locator('.ticket-filters select[name="assignee"]').selectOption('');
    await waitForAddress(page, () => !listParams().has('assignee') && listParams().get('q') === RUN);
    await waitRows(numbers(), 'without the assignee filter');
  });

  await step('the address is a bookmark: reloading it shows the same list and filters', async () => {
    const address = page.url();
    await page.goto('about:blank');
    await page.goto(address);
    await waitRows(numbers(), 'after opening the bookmarked address');
    check(await page.locator('.ticket-filters input[name="q"]').inputValue() === RUN, 'the search box lost the words');
    check(await page.locator('.ticket-filters select[name="queue"]').inputValue() === 'service-desk', 'the queue filter was lost');
  });

  await step('j/k move the selection and Enter opens the ticket', async () => {
    await page.locator('.ticket-list').focus();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    const selected = page.locator('.ticket-list tbody tr.table-active');
    check(await selected.count() === 1, `${await selected.count()} rows are selected`);
    const number = await selected.getAttribute('data-ticket-number');
    check(number === (await shownNumbers())[0], `j, j, k selected ${number}, not the first row`);
    await page.keyboard.press('Enter');
    await page.locator('#agent-ticket-heading', { hasText: number }).waitFor();
    await page.goBack();
    await waitRows(numbers(), 'back in the list');
  });

  let viewId;
  await step('bob saves the list as a view; the views bar has it with the server\'s count, and opening it shows the list', async () => {
    await page.locator('[data-action="save-view"]').click();
    await page.locator('form.save-view input[name="view-name"]').fill(VIEW);
    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/views' && r.request().method() === 'POST'),
      page.locator('form.save-view button[type="submit"]').click(),
    ]);
    check(response.status() === 201, `saving the view answered ${response.status()}: ${await response.text()}`);
    viewId = String((await response.json()).id);
    await waitForAddress(page, () => listParams().get('sv') === viewId);
    check(!(await page.locator('form.save-view').isVisible()), 'the save form stays open after saving');
    const views = await apiGet('bob', '/api/views');
    const saved = views.find((v) => String(v.id) === viewId);
    check(saved && saved.filters.q === RUN && saved.filters.queue === 'service-desk', `the engine saved ${JSON.stringify(saved)}`);
    check(saved.count === 3, `the engine counts ${saved.count} tickets in the view`);
    for (const builtIn of ['my-open', 'my-groups-unassigned', 'breaching-today', 'waiting-for-customer']) {
      await page.locator(`.saved-views li[data-view-id="${builtIn}"] .view-count`).waitFor();
    }
    const item = page.locator(`.saved-views li[data-view-id="${viewId}"]`);
    await item.waitFor();
    check((await item.locator('.view-count').innerText()).trim() === '3', `the view's count reads ${await item.locator('.view-count').innerText()}`);
    // away from the view, then back through it
    await page.locator('[data-action="clear-filters"]').click();
    await waitForAddress(page, () => !listParams().has('q'));
    await item.locator('a').click();
    await waitForAddress(page, () => listParams().get('sv') === viewId && listParams().get('q') === RUN);
    await waitRows(numbers(), 'in the saved view');
  });

  await step('bob checks the three rows and bulk-assigns them to himself: each row says Done, the engine agrees', async () => {
    await page.locator('.ticket-list thead input[data-action="select-all"]').check();
    const bar = page.locator('.bulk-bar');
    await bar.waitFor();
    check((await bar.locator('.bulk-count').innerText()).startsWith('3'), `the bar counts ${await bar.locator('.bulk-count').innerText()}`);
    await page.waitForFunction(() => document.querySelector('select[name="bulk-assignee"] option[value="bob"]'));
    await bar.locator('select[name="bulk-assignee"]').selectOption('bob');
    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/tickets/bulk'),
      bar.locator('form[data-bulk="assign"] button[type="submit"]').click(),
    ]);
    const result = await response.json();
    check(response.status() === 200 && result.succeeded === 3, `the bulk assignment answered ${response.status()}: ${JSON.stringify(result)}`);
    for (const number of numbers()) {
      await page.locator(`.ticket-list tr[data-ticket-number="${number}"] [data-outcome="OK"]`).waitFor();
    }
    const tasks = await apiGet('bob', '/api/tasks?filter=mine&size=200');
    for (const number of numbers()) {
      check(tasks.items.some((t) => t.ticket?.number === number && t.assignee === 'bob'), `bob holds no task of ${number}`);
    }
    await page.locator('.ticket-filters select[name="assignee"]').selectOption('me');
    await waitRows(numbers(), 'assigned to bob after the bulk assignment');
  });

  const [source, target] = tickets;
  await step('bob merges the first ticket into the second from its page: confirmation, then the target is shown', async () => {
    const sourceArticles = await apiGet('bob', `/api/tickets/${source.ticketId}/conversation`);
    check(sourceArticles.length >= 1, `${source.number} has no conversation to move`);
    await page.locator(`.ticket-list tr[data-ticket-number="${source.number}"] a`).click();
    await page.locator('#agent-ticket-heading', { hasText: source.number }).waitFor();
    const panel = page.locator('details.structure-panel');
    await panel.locator('summary').click();
    await panel.locator('input[name="merge-target"]').fill(target.number);
    await panel.locator('.merge [data-action="find"]').click();
    await panel.locator(`.merge button[data-pick="${target.number}"]`).click();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/tickets/${source.ticketId}/merge`)),
      panel.locator('[data-action="confirm-merge"]').click(),
    ]);
    check(response.status() === 200, `the merge answered ${response.status()}: ${await response.text()}`);
    await page.locator('#agent-ticket-heading', { hasText: target.number }).waitFor();
    const merged = await apiGet('bob', `/api/tickets/${source.ticketId}`);
    check(merged.status === 'CLOSED', `the merged ticket is ${merged.status}`);
    check(merged.links.some((l) => l.type === 'DUPLICATE_OF' && l.ticketId === target.ticketId), `the merged ticket's links: ${JSON.stringify(merged.links)}`);
    const targetArticles = await apiGet('bob', `/api/tickets/${target.ticketId}/conversation`);
    for (const article of sourceArticles) {
      check(targetArticles.some((a) => a.id === article.id), `article ${article.id} of ${source.number} did not move to ${target.number}`);
    }
  });

  await step('bob records 30 minutes of phone work on the second ticket; the total and the engine say 30', async () => {
    const panel = page.locator('.time-panel');
    await panel.locator('input[name="time-minutes"]').fill('30');
    await panel.locator('select[name="time-activity"]').selectOption('phone');
    await panel.locator('input[name="time-note"]').fill(`Called alice about Outlook (${RUN})`);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/tickets/${target.ticketId}/time`) && r.request().method() === 'POST'),
      panel.locator('[data-action="record-time"]').click(),
    ]);
    check(response.status() === 201, `recording time answered ${response.status()}: ${await response.text()}`);
    await panel.locator('.time-total[data-total-minutes="30"]').waitFor();
    check((await panel.locator('.time-total').innerText()).includes('0:30'), `the total reads ${await panel.locator('.time-total').innerText()}`);
    const sheet = await apiGet('bob', `/api/tickets/${target.ticketId}/time`);
    check(sheet.totalMinutes === 30 && sheet.entries.length === 1 && sheet.entries[0].activity === 'phone' && sheet.entries[0].agent === 'bob',
      `the engine's sheet: ${JSON.stringify(sheet)}`);
  });

  await step('the stopwatch: start, stop, and the measured time (rounded up to a minute) is recorded', async () => {
    const panel = page.locator('.time-panel');
    await panel.locator('[data-action="stopwatch"]').click();
    await panel.locator('[data-action="stopwatch"][data-running="true"]').waitFor();
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/tickets/${target.ticketId}/time`) && r.request().method() === 'POST'),
      panel.locator('[data-action="stopwatch"]').click(),
    ]);
    await panel.locator('.time-total[data-total-minutes="31"]').waitFor();
    const sheet = await apiGet('bob', `/api/tickets/${target.ticketId}/time`);
    check(sheet.totalMinutes === 31 && sheet.entries.some((e) => e.minutes === 1), `the engine's sheet after the stopwatch: ${JSON.stringify(sheet)}`);
  });

  await step('bob splits an article of the merged conversation into a new ticket linked to this one', async () => {
    const article = page.locator('.conversation-list li.article').first();
    const articleId = Number(await article.getAttribute('data-article-id'));
    await article.locator('[data-action="split"]').click();
    await article.locator('input[name="split-subject"]').fill(`Split from the Outlook tickets ${RUN}`);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/tickets/${target.ticketId}/articles/${articleId}/split`)),
      article.locator('[data-split-form] button[type="submit"]').click(),
    ]);
    check(response.status() === 201, `the split answered ${response.status()}: ${await response.text()}`);
    const opened = await response.json();
    await page.locator(`[data-split-into="${opened.number}"]`).waitFor();
    const split = await apiGet('bob', `/api/tickets/${opened.ticketId}`);
    check(split.subject === `Split from the Outlook tickets ${RUN}`, `the new ticket's subject is ${split.subject}`);
    const moved = await apiGet('bob', `/api/tickets/${opened.ticketId}/conversation`);
    check(moved.some((a) => a.id === articleId), `article ${articleId} is not in the new ticket's conversation`);
    check(split.links.some((l) => l.ticketId === target.ticketId), `the new ticket's links: ${JSON.stringify(split.links)}`);
  });

  await step('bob deletes his view; the engine no longer has it', async () => {
    await page.goto(`${BASE_URL}/#/agent/inbox/tickets`);
    const item = page.locator(`.saved-views li[data-view-id="${viewId}"]`);
    await item.waitFor();
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/views/${viewId}`) && r.request().method() === 'DELETE'),
      item.locator('[data-action="delete-view"]').click(),
    ]);
    await item.waitFor({ state: 'detached' });
    const views = await apiGet('bob', '/api/views');
    check(!views.some((v) => String(v.id) === viewId), 'the engine still has the deleted view');
    await shoot('agentday-list.png');
    await signOut();
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

await runScript('agentday', main, {
  steps, getPage: () => page, getBrowser: () => browser, pageErrors, artifacts, userDataDir,
});
