import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import Modeler from 'bpmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import CamundaPlatformBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import LintModule from 'bpmn-js-bpmnlint';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import { FlowdeskPropertiesProviderModule } from './flowdesk-properties';
import { lintConfig } from './lint-config';
import { api, ApiError } from '../api';
import type { ProcessSummary } from '../api';
import { describeError, h, notice, replaceChildren, time } from '../ui/dom';
import { t, tn } from '../i18n';
import { DryRunPanel, HeatMap } from './process-insight';
import { migrationHref } from './migration';

export const processHref = (id: string) => `#/design/processes/${encodeURIComponent(id)}`;

const EMPTY_DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_New" targetNamespace="http://flowdesk.dev/bpmn">
  <bpmn:process id="Process_New" name="New process" isExecutable="true" camunda:historyTimeToLive="P180D">
    <bpmn:startEvent id="StartEvent_Requested" name="Requested" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_New">
    <bpmndi:BPMNPlane id="BPMNPlane_New" bpmnElement="Process_New">
      <bpmndi:BPMNShape id="StartEvent_Requested_di" bpmnElement="StartEvent_Requested">
        <dc:Bounds x="180" y="160" width="36" height="36" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;

/** The parts of bpmn-js's services this page uses. */
interface Canvas {
  zoom(level: string): void;
  addMarker(element: string, marker: string): void;
  removeMarker(element: string, marker: string): void;
}
interface ElementRegistry {
  get(id: string): unknown;
  getAll(): { id: string }[];
}
interface Selection {
  select(element: unknown): void;
}
interface EventBus {
  on(event: string, callback: (event: { issues: Record<string, LintIssue[]> }) => void): void;
}
interface Linting {
  setLinterConfig(config: unknown): void;
}
/** One report of bpmn-js-bpmnlint (`linting.completed`), grouped by the element it is shown on. */
interface LintIssue {
  id: string;
  message: string;
  category: 'error' | 'warn' | 'info' | 'rule-error';
  rule: string;
  actualElementId?: string;
}

/**
 * BPMN models for designers: bpmn-js's modeler (with the camunda: extension attributes the engine reads) on the
 * shipped definitions or a new diagram, deployed to the engine, whose linter answers with element ids and reasons;
 * those elements are marked in the diagram. While the designer draws, bpmn-js-bpmnlint lints with the rules the
 * server enforces (bpmnlint's recommended set and Flowdesk's plugin): markers on the elements, the issue count on the
 * canvas button, and a problems list under the canvas.
 */
export class ProcessesView {
  readonly element: HTMLElement;
  private readonly list = h('ul', { class: 'list-unstyled process-list' });
  private readonly heading = h('h2', { id: 'process-heading', tabindex: '-1' }, t('processes.process'));
  private readonly status = h('div', { class: 'deploy-status', 'aria-live': 'polite' });
  private readonly canvasHost = h('div', { class: 'bpmn-canvas', 'data-testid': 'bpmn-canvas' });
  private readonly propertiesHost = h('div', { class: 'bpmn-properties', id: 'bpmn-properties', 'data-testid': 'bpmn-properties' });
  private readonly propertiesToggle = h('button', {
    type: 'button', class: 'btn btn-sm btn-outline-secondary properties-toggle', 'aria-controls': 'bpmn-properties',
    'aria-expanded': 'false', onclick: () => this.toggleProperties(),
  }, h('i', { class: 'bi bi-sliders', 'aria-hidden': 'true' }), ' ', t('processes.properties'));
  private readonly modelerHost = h('div', { class: 'bpmn-modeler' }, this.canvasHost, this.propertiesHost);
  private readonly problems = h('section', { class: 'lint-problems small', 'data-testid': 'lint-problems', 'aria-live': 'polite' });
  private modeler: Modeler | null = null;
  private readonly heatMap = new HeatMap(() => this.ensureModeler());
  private readonly dryRun = new DryRunPanel(() => this.ensureModeler(), () => this.xml());
  private readonly heatButton = h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', 'data-action': 'heat-map', hidden: true,
    onclick: () => { if (this.definitionId) void this.heatMap.toggle(this.definitionId); } }, h('i', { class: 'bi bi-thermometer-half', 'aria-hidden': 'true' }), ' ', t('insight.heatMap'));
  private readonly migrateLink = h('a', { class: 'btn btn-sm btn-outline-secondary', 'data-action': 'migrate-tickets', hidden: true }, t('insight.migrate'));
  private definitionId: string | null = null;
  private marked: string[] = [];
  private fileName = 'new-process.bpmn';

  constructor() {
    this.element = h(
      'div',
      { class: 'design-processes' },
      h('section', { class: 'panel', 'aria-labelledby': 'processes-heading' },
        h('div', { class: 'panel-head' }, h('h2', { id: 'processes-heading' }, t('design.processes')),
          h('a', { href: '#/design/processes/new', class: 'btn btn-sm btn-outline-secondary' }, t('processes.newDiagram'))),
        this.list,
        h('label', { class: 'form-label small mt-2 w-100' }, t('processes.openFile'),
          h('input', { class: 'form-control form-control-sm', type: 'file', name: 'bpmn-file', accept: '.bpmn,.xml,application/xml,text/xml',
            onchange: (event: Event) => void this.openFile(event.target as HTMLInputElement) }))),
      h('section', { class: 'panel process-editor', 'aria-labelledby': 'process-heading' },
        h('div', { class: 'panel-head' }, this.heading,
          h('div', { class: 'd-flex gap-2' },
            this.heatButton,
            this.migrateLink,
            this.propertiesToggle,
            h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', onclick: () => this.download() }, t('processes.download')),
            h('button', { type: 'button', class: 'btn btn-sm btn-primary', 'data-action': 'deploy', onclick: () => this.deploy() }, t('processes.deploy')))),
        this.status,
        this.modelerHost,
        this.heatMap.element,
        this.problems,
        this.dryRun.element),
    );
  }

  dispose(): void {
    this.modeler?.destroy();
    this.modeler = null;
  }

  private ensureModeler(): Modeler {
    if (!this.modeler) {
      this.modeler = new Modeler({
        container: this.canvasHost,
        moddleExtensions: { camunda: camundaModdle },
        propertiesPanel: { parent: this.propertiesHost },
        additionalModules: [
          BpmnPropertiesPanelModule,
          BpmnPropertiesProviderModule,
          CamundaPlatformPropertiesProviderModule,
          CamundaPlatformBehaviorsModule,
          FlowdeskPropertiesProviderModule,
          LintModule,
        ],
        linting: { bpmnlint: lintConfig(), active: true },
      });
      const modeler = this.modeler;
      (modeler.get('eventBus') as EventBus).on('linting.completed', ({ issues }) => this.showProblems(modeler, issues));
      // Once the saved forms are known, formio: keys are checked against them too, as the deploy linter does.
      api.forms().then((forms) => {
        if (this.modeler === modeler) (modeler.get('linting') as Linting).setLinterConfig(lintConfig(forms.map((f) => f.key)));
      }).catch(() => { /* without the list the form-key rule still checks the formio: prefix */ });
    }
    return this.modeler;
  }

  /** Camunda Modeler's problems panel: every lint report with its element, message and rule, errors first. */
  private showProblems(modeler: Modeler, issues: Record<string, LintIssue[]>): void {
    const all = Object.values(issues).flat()
      .sort((a, b) => Number(b.category === 'error') - Number(a.category === 'error'));
    const errors = all.filter((i) => i.category === 'error').length;
    const warnings = all.filter((i) => i.category === 'warn').length;
    const registry = modeler.get('elementRegistry') as ElementRegistry;
    const select = (id: string) => {
      const element = registry.get(id);
      if (element) (modeler.get('selection') as Selection).select(element);
    };
    replaceChildren(this.problems,
      h('h3', { class: 'h6 mb-1' }, t('processes.problems'), ' ',
        h('span', { class: `badge ${errors ? 'text-bg-danger' : 'text-bg-secondary'}`, 'data-testid': 'lint-errors' }, tn('processes.errors', errors)), ' ',
        h('span', { class: 'badge text-bg-warning', 'data-testid': 'lint-warnings' }, tn('processes.warnings', warnings))),
      all.length ? h('ul', { class: 'list-unstyled mb-0' }, all.map((issue) => {
        const id = issue.actualElementId ?? issue.id;
        return h('li', { 'data-element-id': id, 'data-rule': issue.rule, 'data-category': issue.category },
          h('i', { class: `bi ${issue.category === 'error' ? 'bi-x-circle text-danger' : 'bi-exclamation-triangle text-warning'}`, 'aria-hidden': 'true' }), ' ',
          h('button', { type: 'button', class: 'btn btn-link btn-sm p-0 align-baseline', onclick: () => select(id) }, id),
          ': ', issue.message, ' ', h('small', { class: 'text-body-secondary' }, `(${issue.rule})`));
      })) : null);
  }

  /** On a narrow screen the panel sits below the canvas, folded until asked for; on a wide one it is always beside it. */
  private toggleProperties(open = this.propertiesToggle.getAttribute('aria-expanded') !== 'true'): void {
    this.propertiesToggle.setAttribute('aria-expanded', String(open));
    this.modelerHost.classList.toggle('properties-open', open);
  }

  async show(id?: string): Promise<void> {
    // the buttons of the version shown before stay hidden until this one is loaded
    this.definitionId = null;
    this.heatButton.hidden = true;
    this.migrateLink.hidden = true;
    this.heatMap.reset();
    this.dryRun.reset();
    await this.loadList();
    replaceChildren(this.status);
    if (!id || id === 'new') {
      this.heading.textContent = t('processes.newDiagram');
      this.fileName = 'new-process.bpmn';
      await this.importXml(EMPTY_DIAGRAM);
      return;
    }
    this.heading.textContent = id;
    try {
      const xml = await api.processXml(id);
      this.fileName = `${id.split(':')[0] || 'process'}.bpmn`;
      await this.importXml(xml);
      this.definitionId = id;
      this.heatButton.hidden = false;
      this.migrateLink.hidden = false;
      this.migrateLink.setAttribute('href', migrationHref(id.split(':')[0]));
    } catch (error) {
      replaceChildren(this.status, notice('danger', t('processes.openFailed', { id, why: describeError(error) })));
    }
  }

  /** A model from disk, e.g. one exported from Camunda Modeler; it is deployed under its own file name. */
  private async openFile(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    if (!file) return;
    replaceChildren(this.status);
    this.heading.textContent = file.name;
    this.definitionId = null;
    this.heatButton.hidden = true;
    this.migrateLink.hidden = true;
    this.heatMap.reset();
    this.fileName = /\.bpmn$/i.test(file.name) ? file.name : `${file.name}.bpmn`;
    await this.importXml(await file.text());
    input.value = '';
  }

  private async loadList(): Promise<void> {
    try {
      const processes = await api.processes();
      replaceChildren(this.list, processes.length ? processes.map((p) => this.entry(p)) : h('li', { class: 'text-body-secondary' }, t('processes.none')));
    } catch (error) {
      replaceChildren(this.list, h('li', {}, notice('info',
        error instanceof ApiError && error.status === 404
          ? t('processes.notListed')
          : t('processes.listFailed', { why: describeError(error) }))));
    }
  }

  private entry(p: ProcessSummary): HTMLElement {
    const versions = [...p.versions].sort((a, b) => b.version - a.version);
    return h('li', { 'data-process': p.key },
      h('strong', {}, p.name ?? p.key), h('small', { class: 'text-body-secondary ms-2' }, p.key),
      h('ul', { class: 'list-unstyled ms-2' }, versions.map((v) => h('li', {},
        h('a', { href: processHref(v.id) }, `v${v.version}`), ' ', v.deployedAt ? time(v.deployedAt) : null))));
  }

  private async importXml(xml: string): Promise<void> {
    const modeler = this.ensureModeler();
    this.marked = [];
    try {
      const { warnings } = await modeler.importXML(xml);
      (modeler.get('canvas') as Canvas).zoom('fit-viewport');
      if (warnings.length) replaceChildren(this.status, notice('info', t('processes.openedWithWarnings', { warnings: tn('processes.warnings', warnings.length), list: warnings.map((w) => String((w as { message?: string }).message ?? w)).slice(0, 3).join('; ') })));
    } catch (error) {
      replaceChildren(this.status, notice('danger', t('processes.readFailed', { why: describeError(error) })));
    }
  }

  private async xml(): Promise<string> {
    const { xml } = await this.ensureModeler().saveXML({ format: true });
    return xml ?? '';
  }

  private async download(): Promise<void> {
    const url = URL.createObjectURL(new Blob([await this.xml()], { type: 'application/xml' }));
    const link = h('a', { href: url, download: this.fileName });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  private async deploy(): Promise<void> {
    const modeler = this.ensureModeler();
    const canvas = modeler.get('canvas') as Canvas;
    for (const id of this.marked) canvas.removeMarker(id, 'deploy-error');
    this.marked = [];
    replaceChildren(this.status, h('p', { class: 'text-body-secondary' }, t('processes.deploying')));
    try {
      const deployed = await api.deployProcess(this.fileName, await this.xml());
      const warnings = deployed.warnings ?? [];
      replaceChildren(this.status, notice('success', t('processes.deployed')
        + (warnings.length ? ` ${t('processes.engineWarns', { list: warnings.map((w) => `${w.path}: ${w.message}`).join('; ') })}` : '')));
      await this.loadList();
    } catch (error) {
      if (!(error instanceof ApiError)) {
        replaceChildren(this.status, notice('danger', t('processes.notDeployedWhy', { why: describeError(error) })));
        return;
      }
      const registry = modeler.get('elementRegistry') as ElementRegistry;
      const errors = error.problem.errors ?? [];
      for (const e of errors) {
        if (e.path && registry.get(e.path)) {
          canvas.addMarker(e.path, 'deploy-error');
          this.marked.push(e.path);
        }
      }
      const select = (id: string) => {
        const element = registry.get(id);
        if (!element) return;
        (modeler.get('selection') as Selection).select(element);
        this.toggleProperties(true);
      };
      replaceChildren(this.status, h('div', { class: 'alert alert-danger', role: 'alert', 'data-testid': 'deploy-errors' },
        h('strong', {}, error.status === 404 || error.status === 405
          ? t('processes.cannotDeploy')
          : t('processes.notDeployed')), ' ', errors.length ? null : error.message,
        errors.length ? h('ul', { class: 'mb-0' }, errors.map((e) => h('li', {},
          e.path && registry.get(e.path)
            ? h('button', { type: 'button', class: 'btn btn-link p-0 align-baseline', onclick: () => select(e.path) }, e.path)
            : h('code', {}, e.path || t('processes.model')),
          ': ', e.message))) : null));
    }
  }
}
