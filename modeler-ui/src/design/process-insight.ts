import '../styles/process-insight.css';
import type Modeler from 'bpmn-js/lib/Modeler';
import { processInsight } from '../api/process-insight';
import type { DryRunResult, ProcessStatistics } from '../api/process-insight';
import { describeError, h, notice, replaceChildren, time } from '../ui/dom';
import { t } from '../i18n';

/** The parts of bpmn-js's services the heat map and the dry run use. */
interface Overlays {
  add(element: string, type: string, overlay: { position: { top?: number; left?: number; right?: number; bottom?: number }; html: HTMLElement }): string;
  remove(filter: { type: string }): void;
}
interface Registry {
  get(id: string): unknown;
}
interface Canvas {
  addMarker(element: string, marker: string): void;
  removeMarker(element: string, marker: string): void;
}

const seconds = (millis: number | null) => (millis === null ? '–' : millis < 1000 ? `${millis} ms`
  : millis < 120_000 ? `${Math.round(millis / 1000)} s` : millis < 7_200_000 ? `${Math.round(millis / 60_000)} min`
    : `${Math.round(millis / 3_600_000)} h`);

/**
 * The heat map on a deployed version (issue 12 part 3): each activity carries the tickets in it now and the number
 * that passed, its colour says how full it is, the title gives mean and p90 time, each flow how often it was taken;
 * a click lists the tickets in that activity.
 */
export class HeatMap {
  readonly element = h('section', { class: 'heat-map small', 'data-testid': 'heat-map', 'aria-live': 'polite' });
  private shown = false;

  constructor(private readonly modeler: () => Modeler) {}

  clear(): void {
    (this.modeler().get('overlays') as Overlays).remove({ type: 'heatmap' });
    this.reset();
  }

  /** Forgets the map (a new diagram is imported, which drops its overlays). */
  reset(): void {
    replaceChildren(this.element);
    this.shown = false;
  }

  async toggle(definitionId: string): Promise<void> {
    if (this.shown) {
      this.clear();
      return;
    }
    try {
      this.draw(definitionId, await processInsight.statistics(definitionId));
      this.shown = true;
    } catch (error) {
      replaceChildren(this.element, notice('danger', t('insight.heatFailed', { why: describeError(error) })));
    }
  }

  private draw(definitionId: string, stats: ProcessStatistics): void {
    const overlays = this.modeler().get('overlays') as Overlays;
    const registry = this.modeler().get('elementRegistry') as Registry;
    overlays.remove({ type: 'heatmap' });
    const max = Math.max(1, ...stats.activities.map((a) => a.active));
    for (const a of stats.activities) {
      if (!registry.get(a.activityId) || (a.active === 0 && a.completed === 0)) continue;
      const level = a.active === 0 ? 0 : Math.min(4, 1 + Math.floor((3 * a.active) / max));
      overlays.add(a.activityId, 'heatmap', {
        position: { top: -14, left: -6 },
        html: h('button', {
          type: 'button', class: `heat-badge heat-${level}`, 'data-heat': a.activityId,
          title: t('insight.heatTitle', { active: a.active, completed: a.completed, mean: seconds(a.meanMillis), p90: seconds(a.p90Millis) }),
          onclick: () => void this.listTickets(definitionId, a.activityId),
        }, String(a.active), h('small', {}, ` / ${a.completed}`)),
      });
    }
    for (const f of stats.flows) {
      if (f.taken === null || f.taken === 0 || !registry.get(f.flowId)) continue;
      overlays.add(f.flowId, 'heatmap', { position: { top: -8, left: 8 }, html: h('span', { class: 'heat-flow', 'data-flow': f.flowId }, `${f.taken}×`) });
    }
    replaceChildren(this.element, h('p', { class: 'mb-1 text-body-secondary' }, t('insight.heatLegend')),
      h('div', { 'data-testid': 'heat-tickets' }));
  }

  private async listTickets(definitionId: string, activityId: string): Promise<void> {
    const host = this.element.querySelector('[data-testid="heat-tickets"]') ?? this.element;
    try {
      const page = await processInsight.ticketsIn(definitionId, activityId);
      replaceChildren(host, h('h3', { class: 'h6' }, t('insight.ticketsIn', { activity: activityId, total: page.total })),
        page.items.length ? h('ul', { class: 'list-unstyled mb-0' }, page.items.map((item) => h('li', { 'data-ticket': item.ticketId ?? '' },
          item.ticketId !== null ? h('a', { href: `#/agent/tickets/${item.ticketId}` }, item.number ?? String(item.ticketId)) : h('code', {}, item.processInstanceId),
          ' ', item.status ? h('span', { class: 'badge text-bg-light' }, item.status) : null,
          ' ', item.subject ?? '', ' ', h('small', { class: 'text-body-secondary' }, t('insight.since'), ' ', time(item.since))))) : null);
    } catch (error) {
      replaceChildren(host, notice('danger', describeError(error)));
    }
  }
}

/**
 * The dry run of the model in the modeler (issue 12 part 4): the server runs the draft on the sample facts in a
 * transaction it rolls back; the path is marked on the diagram, with the rules that fired and the notifications
 * that would have gone out.
 */
export class DryRunPanel {
  readonly element: HTMLElement;
  private readonly result = h('div', { 'data-testid': 'dry-run-result', 'aria-live': 'polite' });
  private readonly subject = h('input', { class: 'form-control form-control-sm', name: 'dry-subject', value: 'Dry run' });
  private readonly impact = DryRunPanel.level('dry-impact');
  private readonly urgency = DryRunPanel.level('dry-urgency');
  private readonly values = h('textarea', { class: 'form-control form-control-sm font-monospace', name: 'dry-values', rows: 3, spellcheck: 'false' });
  private marked: string[] = [];

  constructor(private readonly modeler: () => Modeler, private readonly xml: () => Promise<string>) {
    this.values.value = '{\n  "Task_ResolveIncident": { "resolution": "Fixed" }\n}';
    this.element = h('details', { class: 'dry-run mt-2', 'data-testid': 'dry-run' },
      h('summary', {}, t('insight.dryRun')),
      h('div', { class: 'row g-2 mt-1' },
        h('label', { class: 'col-md-4 form-label small' }, t('insight.subject'), this.subject),
        h('label', { class: 'col-md-2 form-label small' }, t('insight.impact'), this.impact),
        h('label', { class: 'col-md-2 form-label small' }, t('insight.urgency'), this.urgency),
        h('label', { class: 'col-md-4 form-label small' }, t('insight.formValues'), this.values)),
      h('button', { type: 'button', class: 'btn btn-sm btn-outline-primary', 'data-action': 'dry-run', onclick: () => void this.run() }, t('insight.run')),
      this.result);
  }

  private static level(name: string): HTMLSelectElement {
    const select = h('select', { class: 'form-select form-select-sm', name },
      (['LOW', 'MEDIUM', 'HIGH'] as const).map((v) => h('option', { value: v }, t(`insight.level.${v}`))));
    select.value = 'MEDIUM';
    return select;
  }

  clear(): void {
    const canvas = this.modeler().get('canvas') as Canvas;
    for (const id of this.marked) canvas.removeMarker(id, 'dry-run-path');
    this.reset();
  }

  /** Forgets the last run (a new diagram is imported, which has no markers). */
  reset(): void {
    this.marked = [];
    replaceChildren(this.result);
  }

  private async run(): Promise<void> {
    this.clear();
    let values: Record<string, Record<string, unknown>>;
    try {
      values = this.values.value.trim() ? JSON.parse(this.values.value) : {};
    } catch {
      replaceChildren(this.result, notice('danger', t('insight.valuesNotJson')));
      return;
    }
    replaceChildren(this.result, h('p', { class: 'text-body-secondary' }, t('insight.running')));
    try {
      const run = await processInsight.dryRun(await this.xml(), { subject: this.subject.value, impact: this.impact.value, urgency: this.urgency.value }, values);
      this.show(run);
    } catch (error) {
      replaceChildren(this.result, notice('danger', t('insight.dryRunFailed', { why: describeError(error) })));
    }
  }

  private show(run: DryRunResult): void {
    const canvas = this.modeler().get('canvas') as Canvas;
    const registry = this.modeler().get('elementRegistry') as Registry;
    for (const id of new Set(run.path)) {
      if (registry.get(id)) {
        canvas.addMarker(id, 'dry-run-path');
        this.marked.push(id);
      }
    }
    replaceChildren(this.result,
      run.error ? notice('danger', t('insight.stopped', { why: run.error })) : null,
      h('p', { class: 'mb-1' }, run.ended ? t('insight.ended') : t('insight.waitingAt', { list: run.waitingAt.join(', ') })),
      h('h3', { class: 'h6' }, t('insight.path')),
      h('ol', { class: 'small', 'data-testid': 'dry-run-path' }, run.path.map((id) => h('li', { 'data-activity': id }, id))),
      h('h3', { class: 'h6' }, t('insight.rulesFired')),
      h('ul', { class: 'small', 'data-testid': 'dry-run-rules' }, run.rulesFired.map((r) => h('li', {}, r.name, r.reason ? ` – ${r.reason}` : ''))),
      h('h3', { class: 'h6' }, t('insight.notifications')),
      run.notifications.length
        ? h('ul', { class: 'small', 'data-testid': 'dry-run-notifications' }, run.notifications.map((n) => h('li', { 'data-template': n.template }, n.summary)))
        : h('p', { class: 'small text-body-secondary' }, t('insight.noNotifications')),
      h('p', { class: 'small text-body-secondary' }, t('insight.nothingStored')));
  }
}
