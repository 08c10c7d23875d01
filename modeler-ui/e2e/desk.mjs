// End-to-end test of the service desk's ticket actions, hand-over and tickets for callers (issue 11 part 0) in
// headless Chromium against a running engine.
//
//   BASE_URL=http://localhost:8080 node modeler-ui/e2e/desk.mjs
//
// bob opens "New ticket for a caller" from his inbox: an empty form gets the server's 400 shown at the subject; he
// picks alice in the requester field (typing "ali" offers her), takes the call on the PHONE channel with an Outlook
// subject and lands on the new ticket (channel Phone, requester alice, service-desk queue). He sees "Ask the
// requester" and "Withdraw", asks a question: the ticket waits for the customer and the question button is gone.
// alice opens the ticket from her list in the portal and replies: the ticket is OPEN again. bob resolves the task
// through its form. alice sees Confirm, Reopen and Withdraw; Reopen without a reason is held back by the required
// field, with a reason the ticket goes back to work and the reason is in the conversation. bob hands the new task
// to the network group in the "Hand over" panel; frank (network) finds it in his inbox and the ticket in the network
// queue. alice withdraws a second ticket she reported herself: CANCELLED, and no action buttons are left. Exits 0
// when every step held; otherwise prints the failed step and leaves modeler-ui/target/e2e/desk-failure.png (and
// .html). Screenshots of the pages are left beside it.
//
// Environment: BASE_URL (required), CHROMIUM (default /usr/bin/chromium), E2E_TIMEOUT_MS (15000).
import { chromium, request as http } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, createSteps, formio, runScript, accounts, watchContentSecurityPolicy } from './harness.mjs';

const BASE_URL = (process.env.BASE_URL || '').replace(/\/$/, '');
const PASSWORD = 'demo';
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 15000);
const DESKTOP = { width: 1280, height: 900 };
const RUN = Date.now().toString(36);
// "Outlook" sends an incident to the service-desk queue (bob's) by the shipped rules.
const SUBJECT = `Outlook does not start after the update (${RUN})`;
const DESCRIPTION = `alice called: Outlook closes right after its splash screen (${RUN})`;
const QUESTION = `Which Outlook version does the splash screen show? (${RUN})`;
const ANSWER = `It says Outlook 2021, build 16.0 (${RUN})`;
const RESOLUTION = `Repaired the Office installation (${RUN})`;
const REOPEN_REASON = `Outlook still closes when I open the calendar (${RUN})`;
const SECOND_SUBJECT = `Password reset for the Outlook web access (${RUN})`;
const HAND_TO = 'network';
const artifacts = fileURLToPath(new URL('../target/e2e/', import.meta.url));

if (!BASE_URL) {
  console.error('desk: set BASE_URL, e.g. BASE_URL=http://localhost:8080 node e2e/desk.mjs');
  process.exit(2);
}

const steps = createSteps();
const { step } = steps;
const origin = new URL(BASE_URL).origin;
const offOrigin = new Set();
const pageErrors = [];
const userDataDir = mkdtempSync(join(tmpdir(), 'flowdesk-e2e-desk-'));
let browser;
let page;

const { fillText, submitButton } = formio(() => page, TIMEOUT);
const { signIn, signOut } = accounts(() => page, BASE_URL, PASSWORD);

/**
 * The API as its clients use it (HTTP Basic), for set-up and for checking what the page shows against the engine.
 * The header is sent up front: Playwright's httpCredentials wait for a 401 challenge the API does not send.
 */
async function api(user) {
  return http.newContext({ baseURL: BASE_URL, extraHTTPHeaders: {
    Authorization: `Basic ${Buffer.from(`${user}:${PASSWORD}`).toString('base64')}`, Accept: 'application/json' } });
}

/** GET `path` as `user`, expecting 200, answering the JSON. */
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

/** The open task of ticket `number` that `user` may work on (GET /api/tasks, the candidate view). */
async function taskOf(user, number) {
  const tasks = await apiGet(user, '/api/tasks?size=200');
  return tasks.items.find((t) => t.ticket?.number === number);
}

/** Waits until the ticket's status badge inside `scope` reads one of `statuses`; answers the status. */
async function waitStatus(scope, statuses) {
  const badge = `${scope} [data-field="status"] [data-status]`;
  try {
    await page.waitForFunction(([selector, wanted]) => wanted.includes(document.querySelector(selector)?.dataset.status),
      [badge, statuses], { timeout: TIMEOUT });
  } catch {
    const shown = await page.locator(badge).first().getAttribute('data-status').catch(() => null);
    check(false, `the ticket's status is ${shown}, expected ${statuses.join(' or ')}`);
  }
  return page.locator(badge).first().getAttribute('data-status');
}

/** The action buttons shown in `scope`, in their order on the page. */
async function shownActions(scope) {
  return page.locator(`${scope} .ticket-actions button[data-ticket-action]`)
    .evaluateAll((buttons) => buttons.map((b) => b.dataset.ticketAction));
}

/** Waits until the action buttons in `scope` are exactly `expected` (they load after the ticket). */
async function waitActions(scope, expected) {
  try {
    await page.waitForFunction(([selector, wanted]) => {
      const shown = [...document.querySelectorAll(selector)].map((b) => b.dataset.ticketAction);
      return JSON.stringify(shown) === JSON.stringify(wanted);
    }, [`${scope} .ticket-actions button[data-ticket-action]`, expected], { timeout: TIMEOUT });
  } catch {
    check(false, `the page offers ${JSON.stringify(await shownActions(scope))}, expected ${JSON.stringify(expected)}`);
  }
}

async function waitEnabled(locator) {
  const handle = await locator.elementHandle();
  await page.waitForFunction((el) => !el.disabled, handle, { timeout: TIMEOUT });
}

/**
 * Signs an agent in and waits for the inbox, so that a page opened by its address next does not cut off the loading
 * of the agent area (the engine logs an aborted download as a failure).
 */
async function signInAgent(user) {
  await signIn(user);
  await page.waitForURL((url) => url.hash.startsWith('#/agent'));
  await page.getByTestId('new-ticket').waitFor();
}

/** The text of the fact `field` of the ticket shown in `scope`. */
async function fact(scope, field) {
  return (await page.locator(`${scope} .facts [data-field="${field}"] dd`).first().innerText()).trim();
}

async function main() {
  console.log(`desk: ${BASE_URL} (run ${RUN})`);
  for (const name of ['desk-failure.png', 'desk-failure.html']) rmSync(join(artifacts, name), { force: true });
  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    // The service worker (public/sw.js) is i18n.mjs's subject; here every request goes to the engine.
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

  const form = page.locator('form.new-ticket');
  await step('bob opens "New ticket for a caller" from his inbox; an empty form gets the server\'s error at the subject', async () => {
    await signInAgent('bob');
    const link = page.getByTestId('new-ticket');
    check((await link.innerText()).trim() === 'New ticket for a caller', `the inbox's link reads "${await link.innerText()}"`);
    await link.click();
    await page.waitForURL((url) => url.hash === '#/agent/new');
    await page.getByRole('heading', { name: 'New ticket for a caller' }).waitFor();
    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/tickets' && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Open ticket' }).click(),
    ]);
    check(response.status() === 400, `an empty subject and requester answered ${response.status()}: ${await response.text()}`);
    const sent = response.request().postDataJSON();
    check(sent.subject === '' && sent.requester === '', `the empty form sent ${JSON.stringify(sent)}`);
    const errors = (await response.json()).errors || [];
    const subjectError = errors.find((e) => e.path === 'subject');
    check(subjectError, `the server's 400 names no subject error: ${JSON.stringify(errors)}`);
    const shown = form.locator('[data-field="subject"] .field-error');
    await shown.filter({ hasText: subjectError.message }).waitFor();
    await page.locator('.new-ticket-status .alert', { hasText: 'The ticket was not opened' }).waitFor();
    check(page.url().endsWith('#/agent/new'), `the page left the form after a 400: ${page.url()}`);
    await shoot('desk-new-ticket-error.png');
  });

  let ticketId;
  let number;
  let picked;
  await step('bob picks alice in the requester field (typing "ali" offers her), takes the call by PHONE and lands on the new ticket', async () => {
    const requester = form.locator('input[name="requester"]');
    const lookedUp = page.waitForResponse((r) => {
      const url = new URL(r.url());
      return url.pathname === '/api/users' && url.searchParams.get('q') === 'ali';
    });
    await requester.click();
    await requester.pressSequentially('ali', { delay: 50 });
    const people = await (await lookedUp).json();
    const alice = people.find((p) => p.id === 'alice');
    check(alice, `GET /api/users?q=ali does not find alice: ${JSON.stringify(people)}`);
    // The browser's own suggestion list cannot be clicked headless: pick the option the datalist offers for alice.
    const listId = await requester.getAttribute('list');
    const option = page.locator(`datalist#${listId} option`, { hasText: '<alice@example.com>' });
    await option.waitFor({ state: 'attached' });
    picked = await option.getAttribute('value');
    check(picked && picked.includes('alice'), `the datalist offers alice as "${picked}"`);
    await requester.fill(picked);

    await form.locator('select[name="type"]').selectOption('INCIDENT');
    await form.locator('select[name="channel"]').selectOption('PHONE');
    const channels = await form.locator('select[name="channel"] option').evaluateAll((o) => o.map((e) => `${e.value}=${e.textContent}`));
    check(JSON.stringify(channels) === JSON.stringify(['PHONE=Phone', 'WALK_IN=Walk-in']), `the channels offered are ${channels}`);
    await form.locator('select[name="impact"]').selectOption('MEDIUM');
    await form.locator('select[name="urgency"]').selectOption('MEDIUM');
    await form.locator('input[name="subject"]').fill(SUBJECT);
    await form.locator('textarea[name="description"]').fill(DESCRIPTION);
    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/tickets' && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Open ticket' }).click(),
    ]);
    check(response.status() === 201, `opening the ticket answered ${response.status()}: ${await response.text()}`);
    const sent = response.request().postDataJSON();
    check(sent.requester === picked && sent.channel === 'PHONE' && sent.type === 'INCIDENT' && sent.subject === SUBJECT,
      `the form sent ${JSON.stringify(sent)}`);
    ({ ticketId, number } = await response.json());
    await page.waitForURL((url) => url.hash === `#/agent/tickets/${ticketId}`);
    const scope = '.agent-ticket';
    await page.locator(`${scope} #agent-ticket-heading`, { hasText: `${number}: ${SUBJECT}` }).waitFor();
    check(await fact(scope, 'channel') === 'Phone', `the ticket shows the channel "${await fact(scope, 'channel')}"`);
    const requesterShown = await fact(scope, 'requester');
    check(requesterShown === picked, `the ticket shows the requester "${requesterShown}", bob picked "${picked}"`);
    check(await fact(scope, 'queue') === 'service-desk', `the Outlook ticket is in the queue "${await fact(scope, 'queue')}"`);
    const stored = await apiGet('bob', `/api/tickets/${ticketId}`);
    check(stored.channel === 'PHONE' && stored.requester === picked, `the engine stored channel ${stored.channel}, requester ${stored.requester}`);
  });

  const agentScope = '.agent-ticket';
  await step('bob sees "Ask the requester" and "Withdraw", asks a question; the ticket waits for the customer', async () => {
    await waitActions(agentScope, ['request-info', 'withdraw']);
    const ask = page.locator(`${agentScope} button[data-ticket-action="request-info"]`);
    check((await ask.innerText()).trim() === 'Ask the requester', `the button reads "${await ask.innerText()}"`);
    await shoot('desk-agent-actions.png');
    await ask.click();
    const actionForm = page.locator(`${agentScope} form[data-action-form="request-info"]`);
    await actionForm.locator('textarea[name="action-text"]').fill(QUESTION);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/tickets/${ticketId}/request-info`)),
      actionForm.locator('button[type="submit"]').click(),
    ]);
    check(response.status() === 200, `asking answered ${response.status()}: ${await response.text()}`);
    check(response.request().postDataJSON().question === QUESTION, `the question was sent as ${response.request().postData()}`);
    await waitStatus(agentScope, ['WAITING_CUSTOMER']);
    const badge = (await page.locator(`${agentScope} [data-field="status"] [data-status]`).innerText()).trim();
    check(badge === 'WAITING CUSTOMER', `the status reads "${badge}"`);
    await waitActions(agentScope, ['withdraw']);
    await page.locator(`${agentScope} .article-public`, { hasText: QUESTION }).waitFor();
    const actions = await apiGet('bob', `/api/tickets/${ticketId}/actions`);
    check(JSON.stringify(actions) === '["withdraw"]', `the engine offers bob ${JSON.stringify(actions)} while the ticket waits`);
    await signOut();
  });

  const portalScope = '.ticket-detail';
  await step('alice opens the ticket from her list in the portal and answers; the ticket is OPEN again', async () => {
    await signIn('alice');
    const row = page.locator(`tr[data-ticket-number="${number}"]`);
    await row.waitFor();
    const listed = await row.locator('[data-col="status"] [data-status]').getAttribute('data-status');
    check(listed === 'WAITING_CUSTOMER', `alice's list shows the ticket ${listed}`);
    await row.locator('a').click();
    await page.waitForURL((url) => url.hash === `#/tickets/${ticketId}`);
    await page.locator('#ticket-detail-heading', { hasText: number }).waitFor();
    await waitStatus(portalScope, ['WAITING_CUSTOMER']);
    // Asking is the agents' action; the requester may withdraw her ticket.
    await waitActions(portalScope, ['withdraw']);
    await page.locator(`${portalScope} .article`, { hasText: QUESTION }).waitFor();
    const conversation = page.locator(`${portalScope} .conversation`);
    await conversation.locator('textarea[name="article-body"]').fill(ANSWER);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/tickets/${ticketId}/articles`) && r.request().method() === 'POST'),
      conversation.getByRole('button', { name: 'Send reply' }).click(),
    ]);
    check(response.status() === 201, `the answer answered ${response.status()}: ${await response.text()}`);
    await page.locator(`${portalScope} .article`, { hasText: ANSWER }).waitFor();
    // The reply refreshes the conversation only: the ticket's new status shows once the page loads it again.
    await page.reload();
    await waitStatus(portalScope, ['OPEN']);
    await waitActions(portalScope, ['withdraw']);
    await signOut();
  });

  let firstTask;
  await step('bob opens the ticket\'s task by its address and resolves it through the form; the ticket is RESOLVED', async () => {
    firstTask = await taskOf('bob', number);
    check(firstTask && firstTask.name === 'Resolve incident', `bob has no "Resolve incident" task for ${number}: ${JSON.stringify(firstTask)}`);
    await signInAgent('bob');
    await page.goto(`${BASE_URL}/#/agent/tasks/${firstTask.id}`);
    await page.locator('#task-heading', { hasText: `Resolve incident: ${number}` }).waitFor();
    await page.locator(`${agentScope} .article`, { hasText: ANSWER }).waitFor();
    await fillText('resolution', RESOLUTION);
    await waitEnabled(submitButton());
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/tasks/${firstTask.id}/complete`)),
      submitButton().click(),
    ]);
    check(response.status() === 204, `completing the task answered ${response.status()}`);
    await page.getByTestId('task-completed').waitFor();
    await waitStatus(agentScope, ['RESOLVED']);
    // Confirming is the requester's; an agent may reopen or withdraw for her.
    await waitActions(agentScope, ['reopen', 'withdraw']);
    await signOut();
  });

  await step('alice sees Confirm, Reopen and Withdraw on her resolved ticket', async () => {
    await signIn('alice');
    const row = page.locator(`tr[data-ticket-number="${number}"]`);
    await row.waitFor();
    await row.locator('a').click();
    await page.locator('#ticket-detail-heading', { hasText: number }).waitFor();
    await waitStatus(portalScope, ['RESOLVED']);
    await page.locator(`${portalScope} .resolution`, { hasText: RESOLUTION }).waitFor();
    await waitActions(portalScope, ['confirm', 'reopen', 'withdraw']);
    const labels = await page.locator(`${portalScope} .ticket-actions button[data-ticket-action]`).allInnerTexts();
    check(JSON.stringify(labels.map((l) => l.trim())) === JSON.stringify(['Confirm the solution', 'Reopen', 'Withdraw']),
      `the buttons read ${JSON.stringify(labels)}`);
    await shoot('desk-portal-resolved.png');
  });

  await step('Reopen without a reason is held back by the required field', async () => {
    const posted = [];
    const watch = (request) => { if (request.url().endsWith(`/api/tickets/${ticketId}/reopen`)) posted.push(request.url()); };
    page.on('request', watch);
    await page.locator(`${portalScope} button[data-ticket-action="reopen"]`).click();
    const reopenForm = page.locator(`${portalScope} form[data-action-form="reopen"]`);
    const reason = reopenForm.locator('textarea[name="action-text"]');
    await reason.waitFor();
    check(await reason.evaluate((el) => el.required), 'the reason is not a required field');
    await reopenForm.locator('button[type="submit"]').click();
    await page.waitForTimeout(500);
    page.off('request', watch);
    check(posted.length === 0, 'Reopen without a reason was sent to the engine');
    check(await reason.evaluate((el) => el.validity.valueMissing), 'the empty reason is not reported as missing');
    await waitStatus(portalScope, ['RESOLVED']);
  });

  await step('Reopen with a reason sends the ticket back to work and the reason is in the conversation', async () => {
    const reopenForm = page.locator(`${portalScope} form[data-action-form="reopen"]`);
    await reopenForm.locator('textarea[name="action-text"]').fill(REOPEN_REASON);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/tickets/${ticketId}/reopen`)),
      reopenForm.locator('button[type="submit"]').click(),
    ]);
    check(response.status() === 200, `reopening answered ${response.status()}: ${await response.text()}`);
    check(response.request().postDataJSON().reason === REOPEN_REASON, `the reason was sent as ${response.request().postData()}`);
    await waitStatus(portalScope, ['REOPENED', 'OPEN']);
    await page.locator(`${portalScope} .article`, { hasText: REOPEN_REASON }).waitFor();
    await waitActions(portalScope, ['withdraw']);
    await shoot('desk-portal-reopened.png');
    await signOut();
  });

  await step(`bob hands the reopened ticket's task to the ${HAND_TO} group in the "Hand over" panel`, async () => {
    const task = await taskOf('bob', number);
    check(task && task.id !== firstTask.id && task.name === 'Resolve incident',
      `the reopened ticket has no new "Resolve incident" task for bob: ${JSON.stringify(task)}`);
    check(JSON.stringify(task.candidateGroups) === '["service-desk"]', `the new task is for ${JSON.stringify(task.candidateGroups)}`);
    await signInAgent('bob');
    await page.goto(`${BASE_URL}/#/agent/tasks/${task.id}`);
    await page.locator('#task-heading', { hasText: `Resolve incident: ${number}` }).waitFor();
    const panel = page.locator('details.assign-panel');
    await panel.locator('summary', { hasText: 'Hand over' }).click();
    // The agents offered are the members of the task's groups; the groups, the other agent groups.
    await panel.locator('form[data-assign="agent"] select[name="assignee"] option[value="bob"]').waitFor({ state: 'attached' });
    const groups = await panel.locator('form[data-assign="group"] select[name="group"] option')
      .evaluateAll((options) => options.map((o) => o.value).filter(Boolean));
    check(groups.includes(HAND_TO) && !groups.includes('service-desk'), `the groups offered are ${JSON.stringify(groups)}`);
    await panel.locator('form[data-assign="group"] select[name="group"]').selectOption(HAND_TO);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/tasks/${task.id}/assign`)),
      panel.locator('form[data-assign="group"] button[type="submit"]').click(),
    ]);
    check(response.status() === 200, `handing over answered ${response.status()}: ${await response.text()}`);
    check(response.request().postDataJSON().group === HAND_TO, `the hand-over sent ${response.request().postData()}`);
    const handed = await response.json();
    check(JSON.stringify(handed.candidateGroups) === JSON.stringify([HAND_TO]), `the task is now for ${JSON.stringify(handed.candidateGroups)}`);
    // the task page loads the task again: bob is not in that group, so it is no longer his to work on
    await page.locator('.task-status', { hasText: `Handed to ${HAND_TO}.` }).waitFor();
    await page.locator('.task-head', { hasText: 'no longer' }).or(page.locator('.task-head .alert-info')).first().waitFor();
    await shoot('desk-handed-over.png');
    await signOut();
  });

  await step(`frank finds the task in his inbox and the ticket in the ${HAND_TO} queue`, async () => {
    await signInAgent('frank');
    await page.goto(`${BASE_URL}/#/agent/inbox/candidate`);
    const row = page.locator(`li.task[data-ticket-number="${number}"]`);
    await row.waitFor();
    check((await row.locator('.task-name').innerText()).trim() === 'Resolve incident', 'frank\'s row is not the "Resolve incident" task');
    check((await row.locator('.queue').innerText()).trim() === HAND_TO, `frank's row shows the queue "${await row.locator('.queue').innerText()}"`);
    await row.locator('a.task-title').click();
    await page.locator('#task-heading', { hasText: `Resolve incident: ${number}` }).waitFor();
    await page.locator(`${agentScope} #agent-ticket-heading`, { hasText: number }).waitFor();
    check(await fact(agentScope, 'queue') === HAND_TO, `frank's ticket page shows the queue "${await fact(agentScope, 'queue')}"`);
    const ticket = await apiGet('frank', `/api/tickets/${ticketId}`);
    check(ticket.queue === HAND_TO, `the engine has the ticket in the queue ${ticket.queue}`);
    await shoot('desk-frank-task.png');
    await signOut();
  });

  await step('alice withdraws a second ticket she reported herself: CANCELLED, and no action buttons are left', async () => {
    const alice = await api('alice');
    const reported = await alice.post('/api/forms/report-incident/submissions', { data: { data: {
      subject: SECOND_SUBJECT, description: 'I cannot sign in to Outlook on the web any more.', impact: 'LOW', urgency: 'LOW' } } });
    check(reported.status() === 201, `alice's report answered ${reported.status()}: ${await reported.text()}`);
    const second = await reported.json();
    await alice.dispose();

    await signIn('alice');
    const row = page.locator(`tr[data-ticket-number="${second.number}"]`);
    await row.waitFor();
    await row.locator('a').click();
    await page.locator('#ticket-detail-heading', { hasText: `${second.number}: ${SECOND_SUBJECT}` }).waitFor();
    await waitActions(portalScope, ['withdraw']);
    await page.locator(`${portalScope} button[data-ticket-action="withdraw"]`).click();
    const withdrawForm = page.locator(`${portalScope} form[data-action-form="withdraw"]`);
    const reason = withdrawForm.locator('textarea[name="action-text"]');
    await reason.waitFor();
    check(!(await reason.evaluate((el) => el.required)), 'the reason for withdrawing is required, the page says it is optional');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/tickets/${second.ticketId}/withdraw`)),
      withdrawForm.locator('button[type="submit"]').click(),
    ]);
    check(response.status() === 200, `withdrawing answered ${response.status()}: ${await response.text()}`);
    await waitStatus(portalScope, ['CANCELLED']);
    await page.locator(`${portalScope} .ticket-actions`).waitFor({ state: 'hidden' });
    check((await shownActions(portalScope)).length === 0, `a withdrawn ticket still offers ${JSON.stringify(await shownActions(portalScope))}`);
    const actions = await apiGet('alice', `/api/tickets/${second.ticketId}/actions`);
    check(actions.length === 0, `the engine still offers ${JSON.stringify(actions)} on the withdrawn ticket`);
    await shoot('desk-portal-withdrawn.png');
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

await runScript('desk', main, {
  steps, getPage: () => page, getBrowser: () => browser, pageErrors, artifacts, userDataDir,
});
