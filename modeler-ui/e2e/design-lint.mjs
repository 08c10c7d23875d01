// End-to-end test of the process modeler's live linting (issue 17) in headless Chromium.
//
//   BASE_URL=http://localhost:8080 node modeler-ui/e2e/design-lint.mjs
//
// dora opens a clean model (two parallel ways that meet again) through the modeler's file input and sees no lint
// problem; she selects the joining gateway and appends an end event from its context pad, so the gateway now joins
// and forks: the modeler marks it (bpmn-js-bpmnlint's error overlay), the canvas button counts the error and the
// problems list names the gateway and bpmnlint's no-gateway-join-fork; she deploys anyway and the engine answers 400
// naming the gateway and the rule, which the page lists and marks. Exits 0 when every step held; otherwise prints
// the failed step and leaves modeler-ui/target/e2e/design-lint-failure.png (and .html).
//
// Environment: BASE_URL (required), CHROMIUM (default /usr/bin/chromium), E2E_TIMEOUT_MS (15000).
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, createSteps, runScript, watchContentSecurityPolicy } from './harness.mjs';

const BASE_URL = (process.env.BASE_URL || '').replace(/\/$/, '');
const PASSWORD = 'demo';
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 15000);
const RUN = Date.now().toString(36);
const GATEWAY = 'Gateway_Join';
// Start, a parallel split into two tasks, a parallel join, an end: clean for bpmnlint and for Flowdesk's rules.
const CLEAN_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
  xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  id="Definitions_Lint" targetNamespace="http://flowdesk.dev/bpmn">
  <bpmn:process id="Process_LintDemo" name="Lint demo" isExecutable="true" camunda:historyTimeToLive="P30D">
    <bpmn:startEvent id="StartEvent_Requested" name="Requested"><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:parallelGateway id="Gateway_Split" name="Split"><bpmn:incoming>Flow_1</bpmn:incoming><bpmn:outgoing>Flow_2</bpmn:outgoing><bpmn:outgoing>Flow_3</bpmn:outgoing></bpmn:parallelGateway>
    <bpmn:task id="Task_CheckA" name="Check A"><bpmn:incoming>Flow_2</bpmn:incoming><bpmn:outgoing>Flow_4</bpmn:outgoing></bpmn:task>
    <bpmn:task id="Task_CheckB" name="Check B"><bpmn:incoming>Flow_3</bpmn:incoming><bpmn:outgoing>Flow_5</bpmn:outgoing></bpmn:task>
    <bpmn:parallelGateway id="${GATEWAY}" name="Join"><bpmn:incoming>Flow_4</bpmn:incoming><bpmn:incoming>Flow_5</bpmn:incoming><bpmn:outgoing>Flow_6</bpmn:outgoing></bpmn:parallelGateway>
    <bpmn:endEvent id="EndEvent_Done" name="Done"><bpmn:incoming>Flow_6</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Requested" targetRef="Gateway_Split" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Gateway_Split" targetRef="Task_CheckA" />
    <bpmn:sequenceFlow id="Flow_3" sourceRef="Gateway_Split" targetRef="Task_CheckB" />
    <bpmn:sequenceFlow id="Flow_4" sourceRef="Task_CheckA" targetRef="${GATEWAY}" />
    <bpmn:sequenceFlow id="Flow_5" sourceRef="Task_CheckB" targetRef="${GATEWAY}" />
    <bpmn:sequenceFlow id="Flow_6" sourceRef="${GATEWAY}" targetRef="EndEvent_Done" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_Lint">
    <bpmndi:BPMNPlane id="BPMNPlane_Lint" bpmnElement="Process_LintDemo">
      <bpmndi:BPMNShape id="StartEvent_Requested_di" bpmnElement="StartEvent_Requested"><dc:Bounds x="152" y="182" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Gateway_Split_di" bpmnElement="Gateway_Split"><dc:Bounds x="235" y="175" width="50" height="50" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Task_CheckA_di" bpmnElement="Task_CheckA"><dc:Bounds x="330" y="80" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Task_CheckB_di" bpmnElement="Task_CheckB"><dc:Bounds x="330" y="240" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="${GATEWAY}_di" bpmnElement="${GATEWAY}"><dc:Bounds x="475" y="175" width="50" height="50" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="EndEvent_Done_di" bpmnElement="EndEvent_Done"><dc:Bounds x="572" y="182" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="Flow_1_di" bpmnElement="Flow_1"><di:waypoint x="188" y="200" /><di:waypoint x="235" y="200" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Flow_2_di" bpmnElement="Flow_2"><di:waypoint x="260" y="175" /><di:waypoint x="260" y="120" /><di:waypoint x="330" y="120" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Flow_3_di" bpmnElement="Flow_3"><di:waypoint x="260" y="225" /><di:waypoint x="260" y="280" /><di:waypoint x="330" y="280" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Flow_4_di" bpmnElement="Flow_4"><di:waypoint x="430" y="120" /><di:waypoint x="500" y="120" /><di:waypoint x="500" y="175" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Flow_5_di" bpmnElement="Flow_5"><di:waypoint x="430" y="280" /><di:waypoint x="500" y="280" /><di:waypoint x="500" y="225" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Flow_6_di" bpmnElement="Flow_6"><di:waypoint x="525" y="200" /><di:waypoint x="572" y="200" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;
const artifacts = fileURLToPath(new URL('../target/e2e/', import.meta.url));

if (!BASE_URL) {
  console.error('design-lint: set BASE_URL, e.g. BASE_URL=http://localhost:8080 node e2e/design-lint.mjs');
  process.exit(2);
}

const steps = createSteps();
const { step } = steps;
const origin = new URL(BASE_URL).origin;
const offOrigin = new Set();
const pageErrors = [];
const userDataDir = mkdtempSync(join(tmpdir(), 'flowdesk-e2e-lint-'));
let browser;
let page;

/** The problems list under the canvas, one entry per lint report. */
const problem = (id, rule) => page.locator(`[data-testid="lint-problems"] li[data-element-id="${id}"][data-rule="${rule}"]`);
/** bpmn-js-bpmnlint's error overlay on an element of the diagram. */
const errorMarker = (id) => page.locator(`.djs-overlays[data-container-id="${id}"] .bjsl-overlay .bjsl-icon-error`);

async function main() {
  console.log(`design-lint: ${BASE_URL} (run ${RUN})`);
  for (const name of ['design-lint-failure.png', 'design-lint-failure.html']) rmSync(join(artifacts, name), { force: true });
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
    viewport: { width: 1280, height: 900 },
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

  await step('dora opens a clean model in the process modeler and sees no lint problem', async () => {
    await page.goto(`${BASE_URL}/`);
    await page.waitForURL((url) => url.pathname === '/login');
    await page.fill('input[name="username"]', 'dora');
    await page.fill('input[name="password"]', PASSWORD);
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/' || url.pathname === '/index.html'),
      page.locator('button[type="submit"], input[type="submit"]').first().click(),
    ]);
    await page.getByTestId('signed-in-user').waitFor();
    await page.goto(`${BASE_URL}/#/design/processes/new`);
    await page.locator('.bpmn-canvas .djs-container').waitFor();
    await page.locator('input[name="bpmn-file"]').setInputFiles({
      name: `lint-demo-${RUN}.bpmn`, mimeType: 'application/xml', buffer: Buffer.from(CLEAN_BPMN),
    });
    await page.locator(`.bpmn-canvas [data-element-id="${GATEWAY}"]`).waitFor();
    await page.getByTestId('lint-errors').filter({ hasText: /^0 errors$/ }).waitFor();
    const warnings = (await page.getByTestId('lint-warnings').innerText()).trim();
    check(warnings === '0 warnings', `the clean model shows ${warnings}`);
    check(!(await page.locator('.bpmn-canvas .bjsl-overlay').count()), 'the clean model carries lint markers');
  });

  await step('she appends an end event to the joining gateway and sees it marked: it joins and forks', async () => {
    await page.locator(`.bpmn-canvas [data-element-id="${GATEWAY}"]`).click();
    await page.locator('.djs-context-pad [data-action="append.end-event"]').click();
    await errorMarker(GATEWAY).waitFor();
    await problem(GATEWAY, 'no-gateway-join-fork').filter({ hasText: 'Gateway forks and joins' }).waitFor();
    const errors = (await page.getByTestId('lint-errors').innerText()).trim();
    check(/^[1-9]\d* errors?$/.test(errors), `the problems list counts "${errors}"`);
    const button = (await page.locator('.bpmn-canvas .bjsl-button').innerText()).trim();
    check(/[1-9]\d* Errors?/.test(button), `the canvas lint button says "${button}"`);
    // Both are coloured (red), not white on white.
    for (const [what, locator] of [['the error marker', errorMarker(GATEWAY)], ['the lint button', page.locator('.bpmn-canvas .bjsl-button')]]) {
      const colour = await locator.evaluate((el) => getComputedStyle(el).backgroundColor);
      check(!['rgba(0, 0, 0, 0)', 'transparent', 'rgb(255, 255, 255)'].includes(colour), `${what} has no colour of its own (${colour})`);
    }
    // The marker's dropdown (shown on hover) names the issue and the rule.
    const dropdown = await page.locator(`.djs-overlays[data-container-id="${GATEWAY}"] .bjsl-dropdown`).textContent();
    check(dropdown.includes('Gateway forks and joins') && dropdown.includes('no-gateway-join-fork'),
      `the marker's dropdown says "${dropdown.trim()}"`);
    await shoot('design-lint-marker.png');
  });

  await step('she deploys anyway: the engine answers 400 naming the gateway and the rule, and the page marks it', async () => {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/processes') && r.request().method() === 'POST'),
      page.locator('[data-action="deploy"]').click(),
    ]);
    check(response.status() === 400, `the model that joins and forks deployed with ${response.status()}`);
    check((response.headers()['content-type'] || '').startsWith('application/problem+json'),
      `the refusal is ${response.headers()['content-type']}, not application/problem+json`);
    const errors = (await response.json()).errors || [];
    check(errors.some((e) => e.path === GATEWAY && e.message.includes('no-gateway-join-fork')),
      `the refusal does not name ${GATEWAY} and no-gateway-join-fork: ${JSON.stringify(errors)}`);
    await page.getByTestId('deploy-errors').filter({ hasText: `${GATEWAY}: Gateway forks and joins (bpmnlint: no-gateway-join-fork)` }).waitFor();
    await page.locator(`.bpmn-canvas [data-element-id="${GATEWAY}"].deploy-error`).waitFor();
    await shoot('design-lint-refused.png');
  });

  await step('everything came from the engine, nothing from a CDN, and no script error', async () => {
    const problems = [];
    if (offOrigin.size) problems.push(`requests left the engine: ${[...offOrigin].join(', ')}`);
    if (pageErrors.length) problems.push(`script errors: ${pageErrors.join(' | ')}`);
    check(problems.length === 0, problems.join('; '));
  });
}

async function shoot(name) {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, name), fullPage: true });
}

await runScript('design-lint', main, {
  steps, getPage: () => page, getBrowser: () => browser, pageErrors, artifacts, userDataDir,
});
