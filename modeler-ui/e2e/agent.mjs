// End-to-end test of the agent, requester and designer areas in headless Chromium.
//
//   BASE_URL=http://localhost:8080 node modeler-ui/e2e/agent.mjs
//
// alice reports "Password reset link expired" (impact HIGH, urgency MEDIUM; the shipped rules send it to the
// service-desk queue); bob finds its task in the Candidate tab (whose count is the server's total, not one page's
// rows, and a task of a later page opens from its address), claims it, opens it, writes an internal note and
// a public reply and completes the task with a resolution; alice sees the ticket RESOLVED with bob's public reply
// and without his internal note; dora uploads a rule set that does not compile and sees the error's line and
// column, marked in the text, runs a what-if test, opens the shipped incident model in the process modeler, selects
// "Resolve incident" and sees its form key and ticketStatus in the properties panel, renames it and deploys a new
// version (the panel is checked at 390 px too), gets a model with a script task refused with the element marked, opens the form builder (and a field's settings)
// and sees a form with JavaScript refused, saves a form whose select shows its items through `{{ item.label }}` and
// sees it rendered, and sees that a form carrying template code (refused by the server, planted into the page)
// changes nothing in the portal's renderer nor in the builder (formio's noeval); carol may not approve
// the change she requested herself (four-eyes), and the approvals page shows the server's reason. The inbox is checked at a
// 390 px phone width too. Exits 0 when every step held; otherwise prints the failed step and leaves
// modeler-ui/target/e2e/agent-failure.png (and .html). Screenshots of each area are left beside it.
//
// Environment: BASE_URL (required), CHROMIUM (default /usr/bin/chromium), EXPECT_QUEUE (service-desk; empty
// accepts any), E2E_TIMEOUT_MS (15000).
import { chromium, request as http } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, createSteps, formio, runScript, accounts, waitForAddress, watchContentSecurityPolicy } from './harness.mjs';

const BASE_URL = (process.env.BASE_URL || '').replace(/\/$/, '');
const PASSWORD = 'demo';
const EXPECT_QUEUE = process.env.EXPECT_QUEUE ?? 'service-desk';
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 15000);
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const FORM_KEY = 'report-incident';
const RUN = Date.now().toString(36);
const SUBJECT = 'Password reset link expired';
const NOTE = `Internal: the reset token lifetime is 15 minutes (${RUN})`;
const REPLY = `I sent you a fresh reset link, please use it within 15 minutes (${RUN})`;
const RESOLUTION = `Issued a new password reset link (${RUN})`;
const BROKEN_DRL = [
  'package dev.flowdesk.rules.routing;',
  '',
  'import dev.flowdesk.rules.TicketFacts;',
  '',
  'rule "Broken on purpose"',
  'when',
  '    TicketFacts( subject == )',
  'then',
  'end',
  '',
].join('\n');
const BROKEN_LINE = 7;
// A process the deploy linter must refuse: a script task.
const SCRIPTED_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
  xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  id="Definitions_Scripted" targetNamespace="http://flowdesk.dev/bpmn">
  <bpmn:process id="Process_Scripted" name="Scripted" isExecutable="true" camunda:historyTimeToLive="P30D">
    <bpmn:startEvent id="StartEvent_Requested" name="Requested"><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:scriptTask id="Task_Script" name="Run a script" scriptFormat="groovy"><bpmn:incoming>Flow_1</bpmn:incoming><bpmn:outgoing>Flow_2</bpmn:outgoing><bpmn:script>println 1</bpmn:script></bpmn:scriptTask>
    <bpmn:endEvent id="EndEvent_Done" name="Done"><bpmn:incoming>Flow_2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Requested" targetRef="Task_Script" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Script" targetRef="EndEvent_Done" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_Scripted">
    <bpmndi:BPMNPlane id="BPMNPlane_Scripted" bpmnElement="Process_Scripted">
      <bpmndi:BPMNShape id="StartEvent_Requested_di" bpmnElement="StartEvent_Requested"><dc:Bounds x="152" y="102" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Task_Script_di" bpmnElement="Task_Script"><dc:Bounds x="240" y="80" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="EndEvent_Done_di" bpmnElement="EndEvent_Done"><dc:Bounds x="392" y="102" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="Flow_1_di" bpmnElement="Flow_1"><di:waypoint x="188" y="120" /><di:waypoint x="240" y="120" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Flow_2_di" bpmnElement="Flow_2"><di:waypoint x="340" y="120" /><di:waypoint x="392" y="120" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;
// A select whose items formio shows through an item template: with noeval it must still look the paths up.
const TEMPLATE_FORM_KEY = `e2e-item-template-${RUN}`;
const ITEM_TEMPLATE_FORM = {
  title: 'Item template', display: 'form', components: [
    { type: 'select', key: 'category', label: 'Category', input: true, widget: 'choicesjs', dataSrc: 'values',
      template: '<span>{{ item.label }}</span>',
      data: { values: [{ label: 'Printer jam', value: 'printer' }, { label: 'Network down', value: 'network' }] } },
    { type: 'button', key: 'submit', label: 'Submit', input: true, action: 'submit' },
  ],
};
// What the outside probe stored (issue 8): formio.js ran it as JavaScript wherever the form was shown.
const EVALUATING = "{{ (function(){ document.title='XSS'; return 'i'; })() }}";
/** `form` with the probe's template code in a content component's html and in the select's tooltip. */
function withTemplateCode(form) {
  const planted = structuredClone(form);
  planted.components.unshift({ type: 'content', key: 'intro', input: false, html: `<p class="planted">${EVALUATING}</p>` });
  planted.components.find((c) => c.key === 'category').tooltip = EVALUATING;
  return planted;
}
const artifacts = fileURLToPath(new URL('../target/e2e/', import.meta.url));

if (!BASE_URL) {
  console.error('agent: set BASE_URL, e.g. BASE_URL=http://localhost:8080 node e2e/agent.mjs');
  process.exit(2);
}

const steps = createSteps();
const { step } = steps;
/** Failures found on the way that do not stop the later steps; any of them fails the run at the end. */
const findings = [];
const origin = new URL(BASE_URL).origin;
const offOrigin = new Set();
const pageErrors = [];
const userDataDir = mkdtempSync(join(tmpdir(), 'flowdesk-e2e-agent-'));
let browser;
let page;

const { choose, fillText, submitButton } = formio(() => page, TIMEOUT);

async function waitEnabled(locator) {
  const handle = await locator.elementHandle();
  await page.waitForFunction((el) => !el.disabled, handle, { timeout: TIMEOUT });
}

const { signIn, signOut } = accounts(() => page, BASE_URL, PASSWORD);

async function noSidewaysScroll(what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check(overflow <= 0, `${what} is ${overflow} px wider than a ${PHONE.width} px screen`);
}

async function main() {
  console.log(`agent: ${BASE_URL} (run ${RUN})`);
  for (const name of ['agent-failure.png', 'agent-failure.html']) rmSync(join(artifacts, name), { force: true });
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

  let number;
  let ticketId;
  await step('alice reports "Password reset link expired" (impact HIGH, urgency MEDIUM)', async () => {
    await signIn('alice');
    check(!(await page.locator('.area-nav [data-area="agent"]').count()), 'a requester is offered the agent inbox');
    await page.locator(`.catalogue a.catalogue-entry[data-form-key="${FORM_KEY}"]`).click();
    await page.locator('.formio-component-subject input').waitFor();
    await fillText('subject', SUBJECT);
    await fillText('description', 'The link in the reset mail says it has expired, although I clicked it right away.');
    await choose('impact', 'HIGH');
    await choose('urgency', 'MEDIUM');
    await waitEnabled(submitButton());
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/forms/${FORM_KEY}/submissions`)),
      submitButton().click(),
    ]);
    check(response.status() === 201, `expected 201, the server answered ${response.status()}: ${await response.text()}`);
    const created = await response.json();
    number = created.number;
    ticketId = created.ticketId;
    await page.getByText(`Ticket ${number} created`).waitFor();
  });

  await step(`the ticket goes to the ${EXPECT_QUEUE || 'decided'} queue`, async () => {
    await page.locator(`tr[data-ticket-number="${number}"] a`).click();
    const queue = page.locator('.ticket-detail [data-field="queue"] dd');
    await page.waitForFunction(() => {
      const text = document.querySelector('.ticket-detail [data-field="queue"] dd')?.textContent?.trim();
      return text && text !== '—';
    });
    const text = (await queue.innerText()).trim();
    if (EXPECT_QUEUE) check(text === EXPECT_QUEUE, `queue is ${text}, expected ${EXPECT_QUEUE}`);
    await signOut();
  });

  const task = () => page.locator(`.task-list li.task[data-ticket-number="${number}"]`);
  await step('bob lands on his inbox and finds the task in the Candidate tab', async () => {
    await signIn('bob');
    await page.waitForURL((url) => url.hash.startsWith('#/agent'));
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    await page.locator('.inbox-tabs [data-tab="candidate"]').click();
    await page.locator('.task-list[data-filter="candidate"]').waitFor();
    await task().waitFor();
    check((await task().innerText()).includes(SUBJECT), 'the task does not show the ticket subject');
    await shoot('agent-inbox.png');
  });

  await step('the inbox counts every task, not one page, and a task beyond the first page opens from its address', async () => {
    // A second task for bob's queue, so there are two pages when a page holds one task.
    const alice = await http.newContext({ baseURL: BASE_URL, extraHTTPHeaders: {
      Authorization: `Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`, Accept: 'application/json' } });
    const second = await alice.post(`/api/forms/${FORM_KEY}/submissions`, { data: { data: {
      subject: `Second screen flickers (${RUN})`, description: 'Only after lunch.', impact: 'LOW', urgency: 'LOW' } } });
    check(second.status() === 201, `the second report answered ${second.status()}: ${await second.text()}`);
    await alice.dispose();

    // One task per page: the tab's count is right only if it is the server's total, not the rows shown.
    const onePerPage = (route) => {
      const url = new URL(route.request().url());
      url.searchParams.set('size', '1');
      return route.continue({ url: url.toString() });
    };
    const taskLists = /\/api\/tasks\?/;
    await page.route(taskLists, onePerPage);
    const [listed] = await Promise.all([
      page.waitForResponse((r) => /\/api\/tasks\?filter=candidate/.test(r.url())),
      page.reload(),
    ]);
    const { total, items } = await listed.json();
    check(total >= 2 && items.length === 1, `the server answered ${items.length} of ${total} tasks for a page of one`);
    const list = page.locator('.task-list[data-filter="candidate"]');
    await list.waitFor();
    const count = (await page.locator('.inbox-tabs [data-tab="candidate"] .count').innerText()).trim();
    check(count === String(total), `the Candidate tab counts ${count}, the server has ${total} tasks`);
    check((await list.locator('li.task').count()) === 1, 'the inbox shows more rows than its page holds');
    await page.locator('.inbox .pager', { hasText: `Page 1 of ${total}` }).waitFor();

    // A task of the second page, opened by its address in a fresh page: the first inbox page does not hold it.
    await page.locator('.inbox .pager button', { hasText: 'Next' }).click();
    await page.locator('.inbox .pager', { hasText: `Page 2 of ${total}` }).waitFor();
    const row = list.locator('li.task').first();
    const href = await row.locator('a.task-title').getAttribute('href');
    const rowNumber = await row.getAttribute('data-ticket-number');
    const rowTask = await row.getAttribute('data-task-id');
    await page.goto('about:blank');
    const [opened] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/tasks/${encodeURIComponent(rowTask)}`)),
      page.goto(`${BASE_URL}/${href}`),
    ]);
    check(opened.status() === 200, `GET /api/tasks/${rowTask} answered ${opened.status()}`);
    await page.locator('#task-heading', { hasText: rowNumber || (await opened.json()).name }).waitFor();
    await page.locator('.task-view span[data-field="task-assignee"]').waitFor();
    check(!(await page.getByText('no longer open for you').count()), 'the task view says the task is no longer open');

    // An id the server does not give out reads as a task that is gone.
    await page.goto(`${BASE_URL}/#/agent/tasks/no-such-task`);
    await page.locator('.task-view', { hasText: 'This task is no longer open for you' }).waitFor();

    await page.unroute(taskLists, onePerPage);
    await page.goto('about:blank');
    await page.goto(`${BASE_URL}/#/agent/inbox/candidate`);
    await task().waitFor();
  });

  await step('bob claims it', async () => {
    const [response] = await Promise.all([
      page.waitForResponse((r) => /\/api\/tasks\/[^/]+\/claim$/.test(r.url())),
      task().locator('[data-action="claim"]').click(),
    ]);
    check(response.status() === 200, `claim answered ${response.status()}: ${await response.text()}`);
    await page.getByText(`Claimed ${number}.`).waitFor();
    await task().locator('[data-action="unclaim"]').waitFor();
  });

  await step('at a phone width the inbox fits and opens the task full screen', async () => {
    await page.setViewportSize(PHONE);
    await task().waitFor();
    await shoot('phone-agent-inbox.png');
    await noSidewaysScroll('the inbox');
    const box = await task().locator('[data-action="unclaim"]').boundingBox();
    check(box && box.x >= 0 && box.x + box.width <= PHONE.width + 1 && box.height >= 32, `the Unclaim button is not tappable on a phone: ${JSON.stringify(box)}`);
    await task().locator('a.task-title').click();
    await page.locator('.task-view .formio-component-resolution textarea').waitFor();
    check(!(await page.locator('.agent > .inbox').isVisible()), 'on a phone the inbox stays beside the opened task');
    await shoot('phone-agent-task.png');
    await noSidewaysScroll('the task view');
    await page.setViewportSize(DESKTOP);
  });

  await step('the opened task shows the ticket with its SLA, rules and conversation', async () => {
    await page.locator('.agent-ticket [data-field="sla"] .sla').waitFor();
    await page.locator('.agent-ticket .decision li').first().waitFor();
    await page.locator('.agent-ticket .conversation').waitFor();
  });

  await step('bob writes an internal note, shown as one', async () => {
    await page.locator('.agent-ticket .conversation input[value="INTERNAL"]').check();
    await page.locator('.agent-ticket .conversation textarea').fill(NOTE);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/tickets/${ticketId}/articles`)),
      page.locator('.agent-ticket .composer button[type="submit"]').click(),
    ]);
    check(response.status() === 201, `the note answered ${response.status()}: ${await response.text()}`);
    await page.locator('.agent-ticket .article-internal', { hasText: NOTE }).waitFor();
  });

  await step('bob sends a public reply', async () => {
    await page.locator('.agent-ticket .conversation input[value="PUBLIC"]').check();
    await page.locator('.agent-ticket .conversation textarea').fill(REPLY);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/tickets/${ticketId}/articles`)),
      page.locator('.agent-ticket .composer button[type="submit"]').click(),
    ]);
    check(response.status() === 201, `the reply answered ${response.status()}: ${await response.text()}`);
    await page.locator('.agent-ticket .article-public', { hasText: REPLY }).waitFor();
    await shoot('agent-task.png');
  });

  await step('bob completes the task with a resolution', async () => {
    await fillText('resolution', RESOLUTION);
    await waitEnabled(submitButton());
    const [response] = await Promise.all([
      page.waitForResponse((r) => /\/api\/tasks\/[^/]+\/complete$/.test(r.url())),
      submitButton().click(),
    ]);
    check(response.status() === 204, `complete answered ${response.status()}`);
    await page.getByTestId('task-completed').waitFor();
    await page.locator('.agent-ticket [data-field="status"]', { hasText: 'RESOLVED' }).waitFor();
    await signOut();
  });

  await step('alice sees her ticket RESOLVED with bob\'s reply and without his internal note', async () => {
    await signIn('alice');
    const row = page.locator(`tr[data-ticket-number="${number}"]`);
    await row.waitFor();
    check((await row.locator('[data-col="status"]').innerText()).trim() === 'RESOLVED', `the status is ${await row.locator('[data-col="status"]').innerText()}`);
    const [conversation, history] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/tickets/${ticketId}/conversation`)),
      page.waitForResponse((r) => r.url().endsWith(`/api/tickets/${ticketId}/history`)),
      row.locator('a').click(),
    ]);
    check(!JSON.stringify(await conversation.json()).includes(NOTE), 'the server sent the internal note to the requester in the conversation');
    await page.locator('.ticket-detail .article', { hasText: REPLY }).waitFor();
    check(!(await page.locator('.ticket-detail .article-internal').count()), 'the requester sees an internal note in the conversation');
    check(!(await page.locator('.ticket-detail input[value="INTERNAL"]').count()), 'the requester is offered internal notes');
    await page.locator('.ticket-detail .resolution', { hasText: RESOLUTION }).waitFor();
    await shoot('portal-resolved.png');
    // The page shows what the server sends; an internal note in the requester's history is the server's leak.
    // It fails the run, but after the remaining steps, so one finding does not hide the others.
    const leaked = (await history.json()).filter((e) => JSON.stringify(e).includes(NOTE));
    if (leaked.length) {
      findings.push(`GET /api/tickets/${ticketId}/history gives the requester the internal note's text ` +
        `(event ${leaked.map((e) => e.type).join(', ')}), and the portal shows it in the history`);
    } else {
      check(!(await page.getByText(NOTE).count()), 'the requester sees the internal note');
    }
    await signOut();
  });

  await step('dora uploads a rule set that does not compile and sees the line and column', async () => {
    await signIn('dora');
    await page.waitForURL((url) => url.hash.startsWith('#/design'));
    await page.goto(`${BASE_URL}/#/design/rules/routing/1`);
    await page.getByRole('heading', { name: /routing · version 1/ }).waitFor();
    // the shipped rule set opens as a table; an expert switches to DRL to write code
    await page.locator('.rule-editor textarea.code-text, [data-action="edit-drl"]').first().waitFor();
    if (!(await page.locator('.rule-editor textarea.code-text').count())) {
      await page.locator('[data-action="edit-drl"]').click();
    }
    await page.locator('.rule-editor textarea.code-text').fill(BROKEN_DRL);
    const [response] = await Promise.all([
      page.waitForResponse((r) => /\/api\/rulesets\/routing\/versions(\?|$)/.test(r.url()) && r.request().method() === 'POST'),
      page.locator('[data-action="save"]').click(),
    ]);
    check(response.status() === 400, `a broken DRL answered ${response.status()}`);
    const error = page.locator(`.compile-errors li[data-line="${BROKEN_LINE}"]`);
    await error.waitFor();
    const text = await error.innerText();
    check(new RegExp(`Line ${BROKEN_LINE}, column \\d+`).test(text), `the error does not name line and column: ${text}`);
    await page.locator(`.code-mark[data-line="${BROKEN_LINE}"]`).waitFor();
    await shoot('design-rules-error.png');
  });

  await step('dora\'s what-if run shows the decision and the rules that fired', async () => {
    await page.locator('.whatif-form input[name="subject"]').fill('Printer on floor 3 is jammed');
    await page.locator('[data-action="test"]').click();
    await page.locator('.whatif-decision [data-field="queue"] dd').waitFor();
    check(await page.locator('.whatif-decision .rules-fired li').count() > 0, 'the what-if run names no rule');
  });

  await step('dora opens the shipped incident model in the process modeler', async () => {
    await page.goto(`${BASE_URL}/#/design/processes`);
    await page.locator('.bpmn-canvas .djs-container').waitFor();
    await page.locator('.process-list [data-process="incident"] a').first().click();
    await page.locator('.bpmn-canvas [data-element-id="Task_ResolveIncident"]').waitFor();
    await shoot('design-processes.png');
  });

  await step('dora edits "Resolve incident" in the properties panel and deploys a new version of the model', async () => {
    const panel = page.getByTestId('bpmn-properties');
    // A group of the panel is folded or unfolded by its header; unfold it unless `probe` already shows.
    const unfold = async (group, probe) => {
      if (!(await panel.locator(probe).isVisible())) await panel.locator(`[data-group-id="${group}"] .bio-properties-panel-group-header`).click();
      await panel.locator(probe).waitFor();
    };
    await page.locator('.bpmn-canvas [data-element-id="Task_ResolveIncident"]').click();
    await panel.locator('.bio-properties-panel-header-label', { hasText: 'Resolve incident' }).waitFor();
    await unfold('group-CamundaPlatform__Form', '#bio-properties-panel-formKey');
    const formKey = await panel.locator('#bio-properties-panel-formKey').inputValue();
    check(formKey === 'formio:resolve-incident', `the panel shows the form key "${formKey}"`);
    await unfold('group-CamundaPlatform__ExtensionProperties', '[data-group-id="group-CamundaPlatform__ExtensionProperties"] .bio-properties-panel-collapsible-entry-header');
    const entry = panel.locator('[data-group-id="group-CamundaPlatform__ExtensionProperties"] .bio-properties-panel-collapsible-entry-header', { hasText: 'ticketStatus' });
    await entry.click(); // a list entry is folded too
    await panel.locator('input[name$="-extensionProperty-0-value"]').waitFor();
    const properties = await panel.locator('[data-group-id="group-CamundaPlatform__ExtensionProperties"] input')
      .evaluateAll((inputs) => inputs.map((i) => i.value));
    const status = properties.indexOf('ticketStatus');
    check(status >= 0 && properties[status + 1] === 'OPEN', `the extension properties are ${JSON.stringify(properties)}, not ticketStatus = OPEN`);
    await unfold('group-flowdesk', '#bio-properties-panel-flowdesk-ticketStatus');
    const selected = await panel.locator('#bio-properties-panel-flowdesk-ticketStatus').inputValue();
    check(selected === 'OPEN', `the Flowdesk group shows the ticket status "${selected}"`);

    const versions = page.locator('.process-list [data-process="incident"] a');
    const before = await versions.count();
    const previous = decodeURIComponent(page.url().split('/').pop());
    const renamed = `Resolve incident ${RUN}`;
    await unfold('group-general', '#bio-properties-panel-name');
    await panel.locator('#bio-properties-panel-name').fill(renamed);
    await panel.locator('.bio-properties-panel-header-label', { hasText: renamed }).waitFor();
    await shoot('design-processes-properties.png');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/processes') && r.request().method() === 'POST'),
      page.locator('[data-action="deploy"]').click(),
    ]);
    check(response.status() === 201, `the renamed model deployed with ${response.status()}: ${await response.text()}`);
    await page.locator('.deploy-status .alert-success').waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('.process-list [data-process="incident"] a').length > n, before);
    // The newest version, listed first, is the renamed model as the engine keeps it.
    const newest = decodeURIComponent((await versions.first().getAttribute('href')).split('/').pop());
    check(newest !== previous, 'the new version is not listed first');
    await versions.first().click();
    await page.locator('#process-heading', { hasText: newest }).waitFor();
    // The heading changes before the diagram is imported: select the task once the new diagram shows.
    const deadline = Date.now() + TIMEOUT;
    let label = '';
    while (label !== renamed && Date.now() < deadline) {
      await page.locator('.bpmn-canvas [data-element-id="Task_ResolveIncident"]').click();
      label = await panel.locator('.bio-properties-panel-header-label').innerText().catch(() => '');
      if (label !== renamed) await page.waitForTimeout(250);
    }
    check(label === renamed, `the newest version ${newest} names the task "${label}", not "${renamed}"`);

    await page.setViewportSize(PHONE);
    const toggle = page.locator('.properties-toggle');
    await toggle.waitFor();
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await panel.locator('#bio-properties-panel-name').waitFor();
    await noSidewaysScroll('the process modeler with its properties panel');
    await shoot('phone-design-processes.png');
    await page.setViewportSize(DESKTOP);

    // Leave the engine as we found it: the shipped model again becomes the newest version of "incident".
    const dora = await http.newContext({ baseURL: BASE_URL, extraHTTPHeaders: {
      Authorization: `Basic ${Buffer.from(`dora:${PASSWORD}`).toString('base64')}`, Accept: 'application/json' } });
    const original = await (await dora.get(`/api/processes/${encodeURIComponent(previous)}/xml`)).text();
    const restored = await dora.post('/api/processes', { multipart: {
      file: { name: 'incident.bpmn', mimeType: 'application/xml', buffer: Buffer.from(original) } } });
    check(restored.status() === 201, `re-deploying the shipped incident model answered ${restored.status()}: ${await restored.text()}`);
    await dora.dispose();
  });

  await step('a model with a script task is refused and the element is marked', async () => {
    await page.locator('input[name="bpmn-file"]').setInputFiles({
      name: `scripted-${RUN}.bpmn`, mimeType: 'application/xml', buffer: Buffer.from(SCRIPTED_BPMN),
    });
    await page.locator('.bpmn-canvas [data-element-id="Task_Script"]').waitFor();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/processes') && r.request().method() === 'POST'),
      page.locator('[data-action="deploy"]').click(),
    ]);
    check(response.status() === 400, `a script task deployed with ${response.status()}`);
    await page.getByTestId('deploy-errors').filter({ hasText: 'Task_Script' }).waitFor();
    await page.locator('.bpmn-canvas [data-element-id="Task_Script"].deploy-error').waitFor();
    await shoot('design-processes-error.png');
  });

  await step('the form builder opens a form, edits a field with the bundled code editor, and a form with JavaScript is refused', async () => {
    await page.goto(`${BASE_URL}/#/design/forms/${FORM_KEY}`);
    const subject = page.locator('.builder-host .builder-component').filter({ has: page.locator('.formio-component-subject') }).first();
    await subject.waitFor();
    await shoot('design-forms.png');
    // The edit dialog's description and tooltip are code editors (ace), which formio would fetch from its CDN.
    await subject.hover();
    await subject.locator('.component-settings-button-edit').first().click();
    await page.locator('.formio-dialog .ace_editor').first().waitFor();
    await page.locator('.formio-dialog [ref="cancelButton"], .formio-dialog button', { hasText: 'Cancel' }).first().click();
    await page.locator('.formio-dialog').waitFor({ state: 'detached' });
    // The builder offers JavaScript settings (calculated value and the like); the engine must refuse them.
    const url = `**/api/forms/${FORM_KEY}`;
    await page.route(url, (route) => {
      if (route.request().method() !== 'PUT') return route.continue();
      const form = route.request().postDataJSON();
      const withScript = (components) => components.forEach((c) => {
        if (c.key === 'subject') c.calculateValue = 'value = data.description';
        withScript(c.components || []);
        (c.columns || []).forEach((column) => withScript(column.components || []));
      });
      withScript(form.components);
      return route.continue({ postData: JSON.stringify(form) });
    });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/forms/${FORM_KEY}`) && r.request().method() === 'PUT'),
      page.locator('[data-action="save-form"]').click(),
    ]);
    await page.unroute(url);
    check(response.status() === 400, `a form with JavaScript was saved (${response.status()})`);
    await page.locator('.form-errors li[data-path="components.subject.calculateValue"]').waitFor();
    await page.getByText('The server refuses JavaScript in forms').waitFor();
    await shoot('design-forms-refused.png');
  });

  await step('a select with {{ item.label }} still renders its items, and template code runs nowhere (noeval)', async () => {
    const dora = await http.newContext({ baseURL: BASE_URL, extraHTTPHeaders: {
      Authorization: `Basic ${Buffer.from(`dora:${PASSWORD}`).toString('base64')}`, Accept: 'application/json' } });
    const saved = await dora.put(`/api/forms/${TEMPLATE_FORM_KEY}`, { data: ITEM_TEMPLATE_FORM });
    check(saved.status() === 200, `saving a form with {{ item.label }} answered ${saved.status()}: ${await saved.text()}`);
    const refused = await dora.put(`/api/forms/${TEMPLATE_FORM_KEY}`, { data: withTemplateCode(ITEM_TEMPLATE_FORM) });
    check(refused.status() === 400, `the server stored a form whose templates run code (${refused.status()})`);
    const paths = ((await refused.json()).errors || []).map((e) => e.path);
    check(paths.includes('components.intro.html') && paths.includes('components.category.tooltip'),
      `the 400 does not name both places of the code: ${JSON.stringify(paths)}`);
    const stored = await (await dora.get(`/api/forms/${TEMPLATE_FORM_KEY}`)).json();
    await dora.dispose();

    // The renderer: the portal shows the stored form in place of its report form, its items from the template.
    const title = await page.title();
    const reportForm = `**/api/forms/${FORM_KEY}`;
    const serve = (definition) => (route) => (route.request().method() === 'GET'
      ? route.fulfill({ json: definition }) : route.continue());
    await page.route(reportForm, serve(stored));
    await page.goto(`${BASE_URL}/#/forms/${FORM_KEY}`);
    await choose('category', 'printer');
    // The template's markup, filled in: <span>Printer jam</span> (beside Choices' own "Remove item" button).
    const selected = page.locator('.formio-component-category .choices__list--single .choices__item > span').first();
    const shown = (await selected.innerText()).trim();
    check(shown === 'Printer jam', `the select shows "${shown}" for the item labelled "Printer jam"`);
    await page.unroute(reportForm);

    // A form that got past the server (stored before it checked templates, or by a check that missed one) is
    // planted into the page: neither the renderer nor the builder may run its code.
    const planted = withTemplateCode(stored);
    await page.route(reportForm, serve(planted));
    await page.reload();
    await page.locator('.report-form .planted').waitFor();
    await page.locator('.report-form .formio-component-category .choices').waitFor();
    await page.waitForTimeout(300);
    check((await page.title()) === title, `the renderer ran a template: the page title is now "${await page.title()}"`);
    await page.unroute(reportForm);

    const designed = `**/api/forms/${TEMPLATE_FORM_KEY}`;
    await page.route(designed, serve(planted));
    await page.goto(`${BASE_URL}/#/design/forms/${TEMPLATE_FORM_KEY}`);
    await page.locator('.builder-host .builder-component .planted').waitFor();
    await page.locator('.builder-host .formio-component-category').waitFor();
    await page.waitForTimeout(300);
    check((await page.title()) === title, `the builder ran a template: the page title is now "${await page.title()}"`);
    await page.unroute(designed);
    await shoot('design-forms-noeval.png');
  });

  await step('carol may not approve her own change (four-eyes) and the page says why', async () => {
    // Set-up through the API as its clients use it (HTTP Basic): carol requests a change, bob assesses it.
    // The header is sent up front: Playwright's httpCredentials wait for a 401 challenge the API does not send.
    const api = async (user) => http.newContext({ baseURL: BASE_URL, extraHTTPHeaders: {
      Authorization: `Basic ${Buffer.from(`${user}:${PASSWORD}`).toString('base64')}`, Accept: 'application/json' } });
    const carol = await api('carol');
    const requested = await carol.post('/api/forms/request-change/submissions', { data: { data: {
      subject: `Restart the mail gateway (${RUN})`, description: 'Apply the security patch', changeType: 'normal',
      risk: 'medium', implementer: 'bob', plannedStart: '2030-01-07T09:00:00Z' } } });
    check(requested.status() === 201, `carol's change request answered ${requested.status()}: ${await requested.text()}`);
    const change = await requested.json();
    const bob = await api('bob');
    const assess = (await (await bob.get('/api/tasks?filter=candidate')).json()).items.find((t) => t.ticket?.number === change.number);
    check(assess, `no task for bob on change ${change.number}`);
    const form = await (await bob.get(`/api/tasks/${assess.id}/form`)).json();
    const assessed = await bob.post(`/api/tasks/${assess.id}/complete`, { data: { data: form.data } });
    check(assessed.status() === 204, `bob's assessment answered ${assessed.status()}: ${await assessed.text()}`);
    await Promise.all([carol.dispose(), bob.dispose()]);

    await page.goto(`${BASE_URL}/`);
    await signOut();
    await signIn('carol');
    await waitForAddress(page, (url) => url.hash.startsWith('#/approvals'));
    const card = page.locator(`li.approval[data-ticket-number="${change.number}"]`);
    await card.waitFor();
    const [response] = await Promise.all([
      page.waitForResponse((r) => /\/api\/approvals\/[^/]+$/.test(r.url()) && r.request().method() === 'POST'),
      card.locator('[data-action="approve"]').click(),
    ]);
    check(response.status() === 403, `carol approving her own change answered ${response.status()}`);
    const detail = (await response.json()).detail;
    await card.locator('.approval-feedback', { hasText: detail }).waitFor();
    await shoot('approvals-four-eyes.png');
  });

  await step('no finding on the way, everything came from the engine, nothing from a CDN, and no script error', async () => {
    const problems = [...findings];
    if (offOrigin.size) problems.push(`requests left the engine: ${[...offOrigin].join(', ')}`);
    if (pageErrors.length) problems.push(`script errors: ${pageErrors.join(' | ')}`);
    check(problems.length === 0, problems.join('; '));
  });
}

async function shoot(name) {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, name), fullPage: true });
}

await runScript('agent', main, {
  steps, getPage: () => page, getBrowser: () => browser, pageErrors, artifacts, userDataDir,
});
