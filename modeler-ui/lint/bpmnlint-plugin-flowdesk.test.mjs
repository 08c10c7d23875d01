// The Flowdesk bpmnlint rules on the smallest models that break them, linted as the modeler and lint-models lint:
// bpmn-moddle with the camunda: extension, bpmnlint's Linter, the plugin resolved by name.
//
//   npm run test-lint-rules      (the Maven build runs it before lint-models)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BpmnModdle } from 'bpmn-moddle';
import bpmnlint from 'bpmnlint';
import NodeResolver from 'bpmnlint/lib/resolver/node-resolver.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const camunda = JSON.parse(readFileSync(join(root, 'node_modules/camunda-bpmn-moddle/resources/camunda.json'), 'utf8'));
const moddle = new BpmnModdle({ camunda });
const resolver = new NodeResolver({ require: createRequire(join(root, 'package.json')) });
const STATUS = '<bpmn:extensionElements><camunda:properties><camunda:property name="ticketStatus" value="OPEN"/></camunda:properties></bpmn:extensionElements>';

/** The Flowdesk reports for `body` inside a process, as "id: message (rule)". */
async function flowdeskReports(body, ruleConfig = {}) {
  const xml = `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
      xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Test" targetNamespace="https://flowdesk.dev/test">
    <bpmn:process id="Process_Test" name="Test" isExecutable="true">${body}</bpmn:process></bpmn:definitions>`;
  const { rootElement } = await moddle.fromXML(xml);
  const config = { extends: 'plugin:flowdesk/recommended', rules: ruleConfig };
  const reports = await new bpmnlint.Linter({ config, resolver }).lint(rootElement);
  return Object.entries(reports).flatMap(([rule, issues]) => issues.map((i) => `${i.id}: ${i.category} ${i.message} (${rule})`));
}

test('a script task, a camunda:script, a Java class and a FEEL condition are errors', async () => {
  const reports = await flowdeskReports(`
    <bpmn:scriptTask id="Task_Script" name="Script" scriptFormat="groovy"><bpmn:script>1</bpmn:script></bpmn:scriptTask>
    <bpmn:serviceTask id="Task_Class" name="Class" camunda:class="java.lang.Runtime"/>
    <bpmn:serviceTask id="Task_Io" name="Io" camunda:delegateExpression="\${notify}"><bpmn:extensionElements><camunda:inputOutput>
      <camunda:inputParameter name="x"><camunda:script scriptFormat="javascript">1</camunda:script></camunda:inputParameter>
    </camunda:inputOutput></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:sequenceFlow id="Flow_Feel" name="feel" sourceRef="Task_Class" targetRef="Task_Io">
      <bpmn:conditionExpression xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="bpmn:tFormalExpression" language="feel">true</bpmn:conditionExpression>
    </bpmn:sequenceFlow>`);
  assert.deepEqual(reports.filter((r) => r.endsWith('(flowdesk/no-scripts)')).sort(), [
    'Flow_Feel: error language="feel" is not allowed: conditions are expressions ${…} (flowdesk/no-scripts)',
    'Task_Class: error A Java class (camunda:class) is not allowed; use camunda:delegateExpression with a Flowdesk delegate bean (flowdesk/no-scripts)',
    'Task_Io: error Scripts (camunda:script) are not allowed (flowdesk/no-scripts)',
    'Task_Script: error Script tasks are not allowed; call a Flowdesk delegate (service task with delegate expression ${beanName}) instead (flowdesk/no-scripts)',
  ]);
});

test('a form key is formio:<key>, and with the known forms given, one of them', async () => {
  const body = `
    <bpmn:userTask id="Task_Embedded" name="Embedded" camunda:candidateGroups="a" camunda:formKey="embedded:app:x.html">${STATUS}</bpmn:userTask>
    <bpmn:userTask id="Task_Unknown" name="Unknown" camunda:candidateGroups="a" camunda:formKey="formio:nope">${STATUS}</bpmn:userTask>
    <bpmn:userTask id="Task_Known" name="Known" camunda:candidateGroups="a" camunda:formKey="formio:approve">${STATUS}</bpmn:userTask>`;
  assert.deepEqual(await flowdeskReports(body), [
    "Task_Embedded: error Form keys are Form.io forms: formio:<key>, not 'embedded:app:x.html' (flowdesk/form-key)",
  ]);
  assert.deepEqual(await flowdeskReports(body, { 'flowdesk/form-key': [ 'error', { forms: [ 'approve' ] } ] }), [
    "Task_Embedded: error Form keys are Form.io forms: formio:<key>, not 'embedded:app:x.html' (flowdesk/form-key)",
    "Task_Unknown: error No form 'nope'; save it in the form designer first (flowdesk/form-key)",
  ]);
});

test('a user task offered to nobody is an error', async () => {
  assert.deepEqual(await flowdeskReports(`<bpmn:userTask id="Task_Nobody" name="Nobody's">${STATUS}</bpmn:userTask>
    <bpmn:userTask id="Task_Mine" name="Mine" camunda:assignee="\${requester}">${STATUS}</bpmn:userTask>`), [
    'Task_Nobody: error User task has no candidate groups (camunda:candidateGroups) nor assignee (flowdesk/candidate-groups)',
  ]);
});

test('joins and parallel gateways have names too', async () => {
  assert.deepEqual(await flowdeskReports('<bpmn:parallelGateway id="Gateway_Unnamed"/><bpmn:exclusiveGateway id="Gateway_Named" name="Named"/>'), [
    'Gateway_Unnamed: error Give every element a name, so tickets and the history read well (flowdesk/name-required)',
  ]);
});

test('a wait state without ticketStatus is a warning, unless a sub-process around it has one', async () => {
  assert.deepEqual(await flowdeskReports(`<bpmn:receiveTask id="Task_Wait" name="Wait"/>
    <bpmn:subProcess id="SubProcess_Vote" name="Vote">${STATUS}
      <bpmn:userTask id="Task_Vote" name="Vote" camunda:candidateGroups="cab"/>
    </bpmn:subProcess>`), [
    'Task_Wait: warn Wait state without ticketStatus (extension property): the ticket keeps the status of the previous step (flowdesk/ticket-status)',
  ]);
});

test('a userAction names a known action, on what waits for a message', async () => {
  const action = (value) => `<bpmn:extensionElements><camunda:properties><camunda:property name="userAction" value="${value}"/></camunda:properties></bpmn:extensionElements>`;
  const reports = await flowdeskReports(`
    <bpmn:boundaryEvent id="Event_Reopen" name="Reopen" attachedToRef="Task_Wait">${action('reopen')}<bpmn:messageEventDefinition/></bpmn:boundaryEvent>
    <bpmn:receiveTask id="Task_Wait" name="Wait">${STATUS}</bpmn:receiveTask>
    <bpmn:boundaryEvent id="Event_Typo" name="Typo" attachedToRef="Task_Wait">${action('withdrawl')}<bpmn:messageEventDefinition/></bpmn:boundaryEvent>
    <bpmn:boundaryEvent id="Event_Timer" name="Timer" attachedToRef="Task_Wait">${action('confirm')}<bpmn:timerEventDefinition/></bpmn:boundaryEvent>`);
  assert.deepEqual(reports.filter((r) => r.endsWith('(flowdesk/user-action)')).sort(), [
    'Event_Timer: error userAction belongs on a message event or a receive task: the action delivers its message (flowdesk/user-action)',
    "Event_Typo: error userAction 'withdrawl' is unknown; use one of cancel, confirm, reopen, request-info, withdraw (flowdesk/user-action)",
  ]);
});
