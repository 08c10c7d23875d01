import { api } from '../api';
import { processInsight } from '../api/process-insight';
import type { MigrationReport, MigrationRequest, OpenVersion, TicketOutcome } from '../api/process-insight';
import { describeError, h, notice, replaceChildren } from '../ui/dom';
import { t } from '../i18n';

export const migrationHref = (key: string) => `#/design/processes/migrate/${encodeURIComponent(key)}`;

/** The flow nodes of a model (id and name), read from its XML: what a source activity may be mapped to. */
function activities(xml: string): { id: string; name: string }[] {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const kinds = /(task|Task|event|Event|gateway|Gateway|subProcess|callActivity)$/;
  return [...doc.getElementsByTagNameNS('http://www.omg.org/spec/BPMN/20100524/MODEL', '*')]
    .filter((e) => kinds.test(e.localName) && e.getAttribute('id'))
    .map((e) => ({ id: e.getAttribute('id') as string, name: e.getAttribute('name') ?? '' }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * Moving open tickets to another version of a model (issue 12 part 2): the versions with their open tickets per
 * activity, a source and a target, the proposed mapping (same ids) which the designer adjusts, a preview of what
 * happens to each ticket, and the migration of the selected tickets. The server decides everything; this page shows
 * its answers.
 */
export class MigrationView {
  readonly element: HTMLElement;
  private readonly heading = h('h2', { id: 'migration-heading', tabindex: '-1' }, t('migration.heading'));
  private readonly versions = h('div', { 'data-testid': 'open-versions' });
  private readonly source = h('select', { class: 'form-select form-select-sm', name: 'source', onchange: () => void this.loadMapping() });
  private readonly target = h('select', { class: 'form-select form-select-sm', name: 'target', onchange: () => void this.loadMapping() });
  private readonly mapping = h('tbody', { 'data-testid': 'mapping' });
  private readonly status = h('div', { 'aria-live': 'polite' });
  private readonly outcomes = h('div', { 'data-testid': 'migration-outcomes' });
  private readonly migrateButton = h('button', { type: 'button', class: 'btn btn-sm btn-primary', 'data-action': 'migrate', disabled: true, onclick: () => void this.migrate() }, t('migration.migrate'));
  private open: OpenVersion[] = [];
  private key = '';

  constructor() {
    this.element = h('section', { class: 'panel migration', 'aria-labelledby': 'migration-heading' },
      h('div', { class: 'panel-head' }, this.heading),
      this.versions,
      h('div', { class: 'row g-2 my-2' },
        h('label', { class: 'col-md-6 form-label small' }, t('migration.source'), this.source),
        h('label', { class: 'col-md-6 form-label small' }, t('migration.target'), this.target)),
      h('table', { class: 'table table-sm small' },
        h('thead', {}, h('tr', {}, h('th', {}, t('migration.sourceActivity')), h('th', {}, t('migration.openHere')), h('th', {}, t('migration.targetActivity')))),
        this.mapping),
      h('div', { class: 'd-flex gap-2' },
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-primary', 'data-action': 'preview', onclick: () => void this.preview() }, t('migration.preview')),
        this.migrateButton),
      this.status,
      this.outcomes);
  }

  async show(key: string): Promise<void> {
    this.key = key;
    this.heading.textContent = t('migration.headingFor', { key });
    replaceChildren(this.status);
    replaceChildren(this.outcomes);
    this.migrateButton.disabled = true;
    try {
      this.open = await processInsight.openVersions(key);
    } catch (error) {
      replaceChildren(this.versions, notice('danger', describeError(error)));
      return;
    }
    replaceChildren(this.versions, h('ul', { class: 'list-unstyled small' }, this.open.map((v) => h('li', { 'data-version': v.version, 'data-open': v.openInstances },
      h('strong', {}, `v${v.version}`), ' ', t('migration.openCount', { count: v.openInstances }),
      Object.keys(v.activities).length ? ` (${Object.entries(v.activities).map(([a, n]) => `${a}: ${n}`).join(', ')})` : ''))));
    const option = (v: OpenVersion) => h('option', { value: v.definitionId }, `v${v.version} – ${t('migration.openCount', { count: v.openInstances })}`);
    replaceChildren(this.source, this.open.map(option));
    replaceChildren(this.target, this.open.map(option));
    const latest = this.open[0];
    const older = this.open.find((v) => v !== latest && v.openInstances > 0) ?? this.open[1] ?? latest;
    this.source.value = older.definitionId;
    this.target.value = latest.definitionId;
    await this.loadMapping();
  }

  /** One row per activity that holds tickets on the source: same id in the target if it has one, else unmapped. */
  private async loadMapping(): Promise<void> {
    this.migrateButton.disabled = true;
    replaceChildren(this.outcomes);
    const source = this.open.find((v) => v.definitionId === this.source.value);
    if (!source) return;
    let targets: { id: string; name: string }[];
    try {
      targets = activities(await api.processXml(this.target.value));
    } catch (error) {
      replaceChildren(this.status, notice('danger', describeError(error)));
      return;
    }
    replaceChildren(this.mapping, Object.entries(source.activities).map(([activity, count]) => {
      const select = h('select', { class: 'form-select form-select-sm', 'data-source': activity },
        h('option', { value: '' }, t('migration.unmapped')),
        targets.map((target) => h('option', { value: target.id }, target.name ? `${target.id} (${target.name})` : target.id)));
      select.value = targets.some((target) => target.id === activity) ? activity : '';
      return h('tr', {}, h('td', {}, h('code', {}, activity)), h('td', {}, String(count)), h('td', {}, select));
    }));
  }

  private request(ticketIds?: number[]): MigrationRequest {
    const mapping: Record<string, string> = {};
    for (const select of this.mapping.querySelectorAll<HTMLSelectElement>('select[data-source]')) {
      const from = select.dataset.source as string;
      if (select.value !== from) mapping[from] = select.value;
    }
    return { sourceDefinitionId: this.source.value, targetDefinitionId: this.target.value, mapping, ticketIds };
  }

  private async preview(): Promise<void> {
    replaceChildren(this.status, h('p', { class: 'text-body-secondary' }, t('migration.previewing')));
    try {
      const report = await processInsight.previewMigration(this.request());
      replaceChildren(this.status, notice('info', t('migration.previewSummary', { migrate: report.counts.MIGRATE ?? 0, unmappable: report.counts.UNMAPPABLE ?? 0 })));
      this.render(report, true);
      this.migrateButton.disabled = !(report.counts.MIGRATE ?? 0);
    } catch (error) {
      replaceChildren(this.status, notice('danger', describeError(error)));
    }
  }

  private async migrate(): Promise<void> {
    const selected = [...this.outcomes.querySelectorAll<HTMLInputElement>('input[data-ticket]:checked')].map((c) => Number(c.dataset.ticket));
    if (!selected.length) {
      replaceChildren(this.status, notice('info', t('migration.noneSelected')));
      return;
    }
    this.migrateButton.disabled = true;
    try {
      const report = await processInsight.migrate(this.request(selected));
      await this.show(this.key); // the open tickets per version have changed
      replaceChildren(this.status, notice('success', t('migration.done', { migrated: report.counts.MIGRATED ?? 0, left: (report.counts.UNMAPPABLE ?? 0) + (report.counts.FAILED ?? 0) })));
      this.render(report, false);
    } catch (error) {
      replaceChildren(this.status, notice('danger', describeError(error)));
    }
  }

  private render(report: MigrationReport, selectable: boolean): void {
    const row = (o: TicketOutcome) => h('tr', { 'data-outcome': o.outcome, 'data-ticket-row': o.ticketId ?? '' },
      h('td', {}, selectable && o.outcome === 'MIGRATE' && o.ticketId !== null
        ? h('input', { type: 'checkbox', class: 'form-check-input', checked: true, 'data-ticket': o.ticketId, 'aria-label': t('migration.select') }) : null),
      h('td', {}, o.ticketId !== null ? h('a', { href: `#/agent/tickets/${o.ticketId}` }, `#${o.ticketId}`) : h('code', {}, o.processInstanceId ?? '')),
      h('td', {}, h('span', { class: `badge ${o.outcome === 'UNMAPPABLE' || o.outcome === 'FAILED' ? 'text-bg-warning' : 'text-bg-success'}` }, t(`migration.outcome.${o.outcome}`))),
      h('td', {},
        o.reason ?? '',
        o.moves.map((m) => h('div', {}, m.sourceActivityId === m.targetActivityId ? m.sourceActivityId : `${m.sourceActivityId} → ${m.targetActivityId}`)),
        o.timers.map((timer) => h('div', { class: 'text-body-secondary' }, t(`migration.timer.${timer.change}`, { timer: timer.timerId }))),
        o.missingVariables.length ? h('div', { class: 'text-danger' }, t('migration.missing', { list: o.missingVariables.join(', ') })) : null,
        o.warnings.map((warning) => h('div', { class: 'text-warning-emphasis' }, warning))));
    replaceChildren(this.outcomes, h('table', { class: 'table table-sm small' },
      h('thead', {}, h('tr', {}, h('th', {}), h('th', {}, t('migration.ticket')), h('th', {}, t('migration.outcome')), h('th', {}, t('migration.what')))),
      h('tbody', {}, report.tickets.map(row))));
  }
}
