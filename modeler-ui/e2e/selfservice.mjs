// End-to-end test of self-service (issue 10) and mail administration (issue 9) in headless Chromium.
//
//   BASE_URL=http://localhost:8080 node modeler-ui/e2e/selfservice.mjs
//
// bob writes a German knowledge-base article in the editor and may not publish it; dora publishes it; alice finds
// it on the knowledge-base page by a German query and reads it; while alice types a subject into the report form
// the article is suggested and "This solved it" records a deflection without a ticket; alice then reports the
// incident, opens it and sees its progress diagram with the current step highlighted on the element ids the
// engine's progress endpoint names; a change carol requested shows the approval process it called, below the
// marked call activity; bob sees the article suggested on the ticket and sends it as the reply, the
// ticket is resolved and bob drafts an article from it; alice rates the resolved ticket once and sees her rating
// afterwards; admin opens the mail page, which says that mail is off; dora edits a mail template, sees the preview
// change, saves it, is told when admin saved it meanwhile (409, Reload), gets the line of a refused #include, and
// reverts to the shipped template.
// Exits 0 when every step held; otherwise prints the failed step and leaves modeler-ui/target/e2e/selfservice-failure.png
// (and .html).
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
const PHONE = { width: 390, height: 844 };
const FORM_KEY = 'report-incident';
const RUN = Date.now().toString(36);
// "Outlook"/"Postfach" make the ticket an email ticket, which the shipped rules route to bob's service-desk queue.
const ARTICLE_TITLE = `Outlook-Postfach voll: Archivierung einrichten ${RUN}`;
const ARTICLE_BODY = `<p>Wenn Ihr Postfach voll ist, richten Sie in Outlook die automatische Archivierung ein.</p><p>Kennung ${RUN}.</p>`;
const GERMAN_QUERY = 'Postfach Archivierung';
const SUBJECT = `Outlook Postfach voll ${RUN}`;
const RESOLUTION = `Archivierung eingerichtet (${RUN})`;
const TEMPLATE = 'ack';
const artifacts = fileURLToPath(new URL('../target/e2e/', import.meta.url));

if (!BASE_URL) {
  console.error('selfservice: set BASE_URL, e.g. BASE_URL=http://localhost:8080 node e2e/selfservice.mjs');
  process.exit(2);
}

const steps = createSteps();
const { step } = steps;
const origin = new URL(BASE_URL).origin;
const offOrigin = new Set();
const pageErrors = [];
const userDataDir = mkdtempSync(join(tmpdir(), 'flowdesk-e2e-selfservice-'));
let browser;
let page;

const { choose, fillText, submitButton } = formio(() => page, TIMEOUT);

const { signIn, signOut } = accounts(() => page, BASE_URL, PASSWORD);

async function go(hash) {
  await page.goto(`${BASE_URL}/${hash}`);
}

/** The API as `user` (HTTP Basic), for what the test prepares outside the browser. */
async function apiAs(user) {
  return http.newContext({ baseURL: BASE_URL, extraHTTPHeaders: {
    Authorization: `Basic ${Buffer.from(`${user}:${PASSWORD}`).toString('base64')}`, Accept: 'application/json' } });
}

async function shoot(name) {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, name), fullPage: true });
}

async function main() {
  console.log(`selfservice: ${BASE_URL} (run ${RUN})`);
  for (const name of ['selfservice-failure.png', 'selfservice-failure.html']) rmSync(join(artifacts, name), { force: true });
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
  page.on('dialog', (dialog) => void dialog.accept());

  let articleId;
  await step('bob writes a German article in the knowledge-base editor and may not publish it', async () => {
    await signIn('bob');
    await go('#/kb');
    await page.locator('.kb-search a.kb-new').click();
    await page.locator('#kb-title').fill(ARTICLE_TITLE);
    await page.locator('#kb-body').fill(ARTICLE_BODY);
    await page.locator('#kb-language').selectOption('de');
    await page.locator('#kb-visibility').selectOption('PUBLIC');
    await page.locator('#kb-tags').fill('outlook, postfach');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/kb/articles') && r.request().method() === 'POST'),
      page.locator('button.kb-save').click(),
    ]);
    check(response.status() === 201, `creating the article answered ${response.status()}: ${await response.text()}`);
    articleId = (await response.json()).id;
    await page.locator(`.kb-editor-status [data-article-id="${articleId}"]`, { hasText: 'Saved (version' }).waitFor();
    await page.locator('.kb-editor-status a.kb-saved-link').click();
    await page.locator(`.kb-article[data-article-id="${articleId}"] .kb-status[data-status="DRAFT"]`).waitFor();
    await page.locator('.kb-article .kb-edit').waitFor();
    check(!(await page.locator('.kb-article .kb-publish').count()), 'bob, an agent but no editor, is offered "Publish"');
    await signOut();
  });

  await step('dora publishes it', async () => {
    await signIn('dora');
    await go(`#/kb/articles/${articleId}`);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/kb/articles/${articleId}/publish`)),
      page.locator('.kb-article .kb-publish').click(),
    ]);
    check(response.status() === 200, `publishing answered ${response.status()}: ${await response.text()}`);
    await page.locator(`.kb-article[data-article-id="${articleId}"] .kb-status[data-status="PUBLISHED"]`).waitFor();
    await page.locator('.kb-article-status', { hasText: 'The article is published' }).waitFor();
    await signOut();
  });

  await step(`alice finds it on the knowledge-base page by the German query "${GERMAN_QUERY}" and reads it`, async () => {
    await signIn('alice');
    await page.locator('.area-nav [data-area="kb"]').click();
    await page.locator('#kb-q').fill(GERMAN_QUERY);
    const hit = page.locator(`.kb-result[data-article-id="${articleId}"]`);
    await hit.waitFor();
    check(!(await hit.locator('.kb-status').count()), 'a requester is shown the article status');
    await hit.locator('a.kb-result-title').click();
    await page.locator('#kb-article-heading', { hasText: ARTICLE_TITLE }).waitFor();
    await page.locator('.kb-article-text', { hasText: 'automatische Archivierung' }).waitFor();
    check(!(await page.locator('.kb-article .kb-edit').count()), 'a requester is offered "Edit"');
    await shoot('selfservice-kb-article.png');
    await page.setViewportSize(PHONE);
    await page.locator('#kb-article-heading').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    check(overflow <= 0, `the article is ${overflow} px wider than a ${PHONE.width} px screen`);
    await page.setViewportSize(DESKTOP);
  });

  await step('typing the subject in the report form suggests the article; "This solved it" creates no ticket', async () => {
    await go(`#/forms/${FORM_KEY}`);
    const subject = page.locator('[name="data[subject]"]');
    await subject.waitFor();
    await subject.pressSequentially(SUBJECT.slice(0, 25));
    await subject.fill(SUBJECT);
    const suggestion = page.locator(`.kb-suggest .kb-suggestion[data-article-id="${articleId}"]`);
    await suggestion.waitFor();
    await suggestion.locator('.kb-suggest-read').click();
    await suggestion.locator('.kb-suggest-text', { hasText: 'automatische Archivierung' }).waitFor();
    let submitted = false;
    const watch = (r) => { if (r.url().endsWith(`/api/forms/${FORM_KEY}/submissions`)) submitted = true; };
    page.on('request', watch);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/kb/articles/${articleId}/solved`)),
      suggestion.locator('.kb-solved').click(),
    ]);
    check(response.status() === 200, `"This solved it" answered ${response.status()}: ${await response.text()}`);
    await page.locator('.kb-suggest .kb-deflected', { hasText: 'No ticket was created' }).waitFor();
    page.off('request', watch);
    check(!submitted, 'the report form was submitted');
    await shoot('selfservice-deflected.png');
  });

  let ticketId;
  let number;
  await step('alice reports the incident and sees its progress with the current step highlighted', async () => {
    await fillText('subject', SUBJECT);
    await fillText('description', 'Outlook sagt, mein Postfach sei voll, und nimmt keine Mails mehr an.');
    await choose('impact', 'MEDIUM');
    await choose('urgency', 'MEDIUM');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/forms/${FORM_KEY}/submissions`)),
      submitButton().click(),
    ]);
    check(response.status() === 201, `the report answered ${response.status()}: ${await response.text()}`);
    ({ ticketId, number } = await response.json());
    await page.locator(`tr[data-ticket-number="${number}"] a`).click();
    await page.locator('.process-progress .progress-instance').first().waitFor();
    await page.locator('.process-progress .progress-active').first().waitFor();
    const progress = await page.evaluate(async (id) => {
      const r = await fetch(`/api/tickets/${id}/progress`, { headers: { Accept: 'application/json' } });
      return r.json();
    }, ticketId);
    check(!progress.ended && progress.activeActivityIds.length > 0, `the progress endpoint names no active step: ${JSON.stringify(progress)}`);
    const instance = page.locator(`.progress-instance[data-process-instance="${progress.processInstanceId}"]`);
    for (const id of progress.activeActivityIds) {
      await instance.locator(`.progress-canvas [data-element-id="${id}"].progress-active`).waitFor();
      const name = (await instance.locator(`.progress-list-active li[data-activity="${id}"]`).innerText()).trim();
      check(name && name !== id, `the current step ${id} is listed as "${name}", not by its name`);
    }
    const marked = await instance.locator('.progress-canvas .progress-active').evaluateAll((els) => els.map((e) => e.getAttribute('data-element-id')));
    check(marked.every((id) => progress.activeActivityIds.includes(id)), `steps marked current that the engine does not name: ${marked}`);
    for (const id of progress.completedActivityIds.filter((c) => !progress.activeActivityIds.includes(c)).slice(0, 3)) {
      await instance.locator(`.progress-canvas [data-element-id="${id}"].progress-done`).waitFor();
    }
    check(await page.locator('.ticket-detail .ticket-rating').isHidden(), 'an open ticket offers a rating');
    await shoot('selfservice-progress.png');
    await signOut();
  });

  await step('a change\'s progress shows the approval process it called, with the call activity and the current approval step marked', async () => {
    // Set-up through the API (HTTP Basic): carol requests a change, bob assesses it, the change calls the approval.
    const carol = await apiAs('carol');
    const requested = await carol.post('/api/forms/request-change/submissions', { data: { data: {
      subject: `Move the print server (${RUN})`, description: 'New rack in room 2', changeType: 'normal',
      risk: 'medium', implementer: 'bob', plannedStart: '2030-01-07T09:00:00Z' } } });
    check(requested.status() === 201, `carol's change request answered ${requested.status()}: ${await requested.text()}`);
    const change = await requested.json();
    const bob = await apiAs('bob');
    const assess = (await (await bob.get('/api/tasks?filter=candidate&size=100')).json()).items.find((t) => t.ticket?.number === change.number);
    check(assess, `no task for bob on change ${change.number}`);
    const form = await (await bob.get(`/api/tasks/${assess.id}/form`)).json();
    const assessed = await bob.post(`/api/tasks/${assess.id}/complete`, { data: { data: form.data } });
    check(assessed.status() === 204, `bob's assessment answered ${assessed.status()}: ${await assessed.text()}`);
    const progress = await (await carol.get(`/api/tickets/${change.ticketId}/progress`)).json();
    await Promise.all([carol.dispose(), bob.dispose()]);
    const child = progress.children.find((c) => !c.ended && c.activeActivityIds.length);
    check(child && child.calledBy, `the change called no running process: ${JSON.stringify(progress)}`);

    await signIn('carol');
    await go(`#/tickets/${change.ticketId}`);
    const root = page.locator(`.process-progress .progress-instance[data-process-instance="${progress.processInstanceId}"]`);
    await root.locator(`.progress-canvas [data-element-id="${child.calledBy}"].progress-called`).first().waitFor();
    const called = root.locator(`.progress-child[data-called-by="${child.calledBy}"]`);
    await called.locator('h4', { hasText: 'Called process:' }).waitFor();
    const inner = called.locator(`.progress-instance[data-process-instance="${child.processInstanceId}"]`);
    for (const id of child.activeActivityIds) {
      await inner.locator(`.progress-canvas [data-element-id="${id}"].progress-active`).waitFor();
    }
    await called.locator('.progress-child-toggle[aria-expanded="true"]').click();
    check(await inner.isHidden(), '"Hide the called process" leaves it shown');
    await called.locator('.progress-child-toggle[aria-expanded="false"]').click();
    await inner.waitFor();
    await shoot('selfservice-progress-called.png');
    await signOut();
  });

  await step('bob sees the article suggested on the ticket and sends it as the reply', async () => {
    await signIn('bob');
    await go(`#/agent/tickets/${ticketId}`);
    const suggestion = page.locator(`.kb-ticket-panel .kb-suggestion[data-article-id="${articleId}"]`);
    await suggestion.waitFor();
    await page.locator('.agent-ticket .process-progress .progress-active').first().waitFor();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/tickets/${ticketId}/articles`) && r.request().method() === 'POST'),
      suggestion.locator('.kb-send-reply').click(),
    ]);
    check(response.status() === 201 || response.status() === 200, `the reply answered ${response.status()}: ${await response.text()}`);
    check((await response.json()).visibility === 'PUBLIC', 'the article went out as an internal note');
    await page.locator('.kb-ticket-status', { hasText: 'was sent to the requester' }).waitFor();
    await page.locator('.agent-ticket .conversation', { hasText: ARTICLE_TITLE }).waitFor();
    await shoot('selfservice-agent-ticket.png');
  });

  await step('the ticket is resolved and bob drafts a knowledge-base article from it', async () => {
    const bob = await apiAs('bob');
    const tasks = await (await bob.get('/api/tasks?filter=candidate&size=100')).json();
    const task = tasks.items.find((t) => t.ticket?.id === ticketId);
    check(task, `no candidate task of bob's for ticket ${number}`);
    const claimed = await bob.post(`/api/tasks/${task.id}/claim`);
    check(claimed.ok(), `claim answered ${claimed.status()}: ${await claimed.text()}`);
    const completed = await bob.post(`/api/tasks/${task.id}/complete`, { data: { data: { resolution: RESOLUTION } } });
    check(completed.status() === 204, `complete answered ${completed.status()}: ${await completed.text()}`);
    await bob.dispose();
    await page.reload();
    const draft = page.locator('.kb-ticket-panel button.kb-draft');
    await draft.waitFor();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/tickets/${ticketId}/kb-draft`)),
      draft.click(),
    ]);
    check(response.status() === 201, `the draft answered ${response.status()}: ${await response.text()}`);
    await page.locator('.kb-ticket-status a.kb-draft-link').click();
    await page.locator('#kb-title').waitFor();
    check((await page.locator('#kb-title').inputValue()) === SUBJECT, 'the draft is not titled after the ticket');
    check((await page.locator('#kb-body').inputValue()).includes(RESOLUTION), 'the draft does not hold the resolution');
    await signOut();
  });

  await step('alice rates the resolved ticket once and sees her rating afterwards', async () => {
    await signIn('alice');
    await go(`#/tickets/${ticketId}`);
    const rating = page.locator('.ticket-detail .ticket-rating');
    await rating.locator('form.rating-form').waitFor();
    await rating.locator('label[for="rating-score-4"]').click();
    await rating.locator('#rating-comment').fill(`Schnell erledigt (${RUN})`);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/tickets/${ticketId}/rating`) && r.request().method() === 'POST'),
      rating.locator('button[type="submit"]').click(),
    ]);
    check(response.status() === 201, `the rating answered ${response.status()}: ${await response.text()}`);
    await rating.locator('.rating-given[data-score="4"]', { hasText: 'You rated this ticket 4 of 5' }).waitFor();
    await page.reload();
    await rating.locator('.rating-given[data-score="4"]').waitFor();
    await rating.locator('.rating-comment', { hasText: `Schnell erledigt (${RUN})` }).waitFor();
    check(!(await rating.locator('form.rating-form').count()), 'a rated ticket offers the rating form again');
    await page.locator('.process-progress .progress-instance').first().waitFor();
    await shoot('selfservice-rated.png');
    await signOut();
  });

  await step('admin opens the mail page, which says clearly that mail is off', async () => {
    await signIn('admin');
    await page.locator('.area-nav [data-area="admin"]').click();
    // the admin area opens on its users (issue 15 part 4); the mail channel is one of its pages
    await page.locator('.admin-nav [data-section="mail"]').click();
    await page.locator('.mail-admin .mail-off', { hasText: 'Mail is switched off' }).waitFor();
    await page.locator('.mail-admin .mail-quarantine').waitFor();
    await page.locator('.mail-admin .mail-deliveries').waitFor();
    check(!(await page.locator('.mail-admin .alert-danger').count()), 'the mail page shows an error');
    await shoot('selfservice-mail-admin.png');
    await signOut();
  });

  await step('dora edits a mail template, sees the preview change, saves it, is told the line of an #include, reverts', async () => {
    await signIn('dora');
    await go('#/design/mail-templates');
    await page.locator(`.template-list [data-template="${TEMPLATE}"]`).click();
    await page.locator(`.template-name[data-template="${TEMPLATE}"][data-language="en"]`).waitFor();
    const source = page.locator('.template-editor textarea[name="source"]');
    const shipped = await source.inputValue();
    await page.locator('.template-preview .preview-subject').waitFor();
    const edited = shipped.replace('Your service desk', `Your service desk (${RUN})`);
    check(edited !== shipped, `the shipped ${TEMPLATE} template has no "Your service desk" line`);
    await source.fill(edited);
    await page.locator('.template-preview .preview-body', { hasText: `Your service desk (${RUN})` }).waitFor();
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/mail/templates/${TEMPLATE}/en`) && r.request().method() === 'PUT'),
      page.locator('.template-save').click(),
    ]);
    check(saved.status() === 200, `the save answered ${saved.status()}: ${await saved.text()}`);
    await page.locator('.template-status', { hasText: 'Saved as version' }).waitFor();
    await page.locator(`.template-list [data-template="${TEMPLATE}"] .state-edited[data-language="en"]`).waitFor();

    // Meanwhile admin saves the template too: dora's next save is stale (409) and Reload shows admin's text.
    const admin = await apiAs('admin');
    const theirs = shipped.replace('Your service desk', `The service desk team (${RUN})`);
    const adminSave = await admin.put(`/api/mail/templates/${TEMPLATE}/en`, { data: { source: theirs, version: 1 } });
    check(adminSave.status() === 200, `admin's save answered ${adminSave.status()}: ${await adminSave.text()}`);
    await admin.dispose();
    await source.fill(`${edited}\nP.S. (${RUN})\n`);
    await page.locator('.template-dirty').waitFor();
    const [stale] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/mail/templates/${TEMPLATE}/en`) && r.request().method() === 'PUT'),
      page.locator('.template-save').click(),
    ]);
    check(stale.status() === 409, `a stale save answered ${stale.status()}`);
    const conflict = page.locator('.template-status .template-error', { hasText: 'saved by someone else' });
    await conflict.waitFor();
    await conflict.getByRole('button', { name: 'Reload' }).click();
    await page.locator('.template-version', { hasText: 'version 2' }).waitFor();
    check((await source.inputValue()) === theirs, 'Reload does not show the template admin saved');

    const lines = theirs.split('\n');
    const includeLine = 3;
    lines.splice(includeLine - 1, 0, '#include("secrets.txt")');
    await source.fill(lines.join('\n'));
    await page.locator('.template-preview .preview-error', { hasText: '#include' }).waitFor();
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/mail/templates/${TEMPLATE}/en`) && r.request().method() === 'PUT'),
      page.locator('.template-save').click(),
    ]);
    check(refused.status() === 400, `saving an #include answered ${refused.status()}`);
    const error = page.locator('.template-status .template-error');
    await error.waitFor();
    const text = await error.innerText();
    check(text.includes(`line ${includeLine}`) && text.includes('#include'), `the error does not name line ${includeLine} and #include: ${text}`);
    check((await error.getAttribute('data-line')) === String(includeLine), 'the error line is not marked');
    await page.locator(`.code-mark[data-line="${includeLine}"]`).waitFor();
    await shoot('selfservice-template-error.png');

    const [reverted] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/mail/templates/${TEMPLATE}/en`) && r.request().method() === 'DELETE'),
      page.locator('.template-revert').click(),
    ]);
    check(reverted.status() === 200, `the revert answered ${reverted.status()}: ${await reverted.text()}`);
    await page.locator('.template-status', { hasText: 'Reverted' }).waitFor();
    check((await source.inputValue()) === shipped, 'after the revert the editor does not hold the shipped template');
    await page.locator(`.template-list [data-template="${TEMPLATE}"] .state-shipped[data-language="en"]`).waitFor();
  });

  await step('everything came from the engine, nothing from a CDN, and no script error', async () => {
    const problems = [];
    if (offOrigin.size) problems.push(`requests left the engine: ${[...offOrigin].join(', ')}`);
    if (pageErrors.length) problems.push(`script errors: ${pageErrors.join(' | ')}`);
    check(problems.length === 0, problems.join('; '));
  });
}

await runScript('selfservice', main, {
  steps, getPage: () => page, getBrowser: () => browser, pageErrors, artifacts, userDataDir,
});
