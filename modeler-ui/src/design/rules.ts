import { api, ApiError } from '../api';
import type { RuleDecision, RuleSet, RuleSetVersionDetail, RuleTable, TestFacts } from '../api';
import { describeError, h, notice, replaceChildren, time } from '../ui/dom';
import { CodeArea, parseSourceError } from './code-area';
import { RuleTableEditor } from './rule-table';
import { label, t } from '../i18n';

export const ruleVersionHref = (name: string, version: number) =>
  `#/design/rules/${encodeURIComponent(name)}/${version}`;

/**
 * Rule sets for designers: every version with its status; one version as a table to edit (the default: cells,
 * rows, hit policies; the engine checks each cell and generates the DRL) or, for rule developers, as DRL text
 * (compile errors are marked at line and column); a what-if run on made-up facts, a replay over recent tickets
 * against the live version, and activation without restart.
 */
export class RuleSetsView {
  readonly element: HTMLElement;
  private readonly list = h('div', { class: 'ruleset-list' });
  private readonly editorPanel = h('section', { class: 'panel rule-editor', 'aria-labelledby': 'rule-editor-heading' });
  private readonly heading = h('h2', { id: 'rule-editor-heading', tabindex: '-1' }, t('rules.ruleSet'));
  private readonly code = new CodeArea(t('rules.text'));
  private readonly comment = h('input', { class: 'form-control form-control-sm', name: 'comment', placeholder: t('rules.whatChanged'), 'aria-label': t('approvals.comment') });
  private readonly saveStatus = h('div', { class: 'save-status', 'aria-live': 'polite' });
  private readonly tools = h('div', { class: 'rule-tools' });
  private readonly editorArea = h('div', { class: 'rule-editor-area' });
  private tableEditor: RuleTableEditor | null = null;
  private mode: 'table' | 'drl' = 'table';
  private current: RuleSetVersionDetail | null = null;
  private sets: RuleSet[] = [];

  constructor() {
    replaceChildren(
      this.editorPanel,
      h('div', { class: 'panel-head' }, this.heading),
      h('p', { class: 'text-body-secondary placeholder-text' }, t('rules.choose')),
    );
    this.element = h(
      'div',
      { class: 'design-rules' },
      h('section', { class: 'panel', 'aria-labelledby': 'rulesets-heading' },
        h('div', { class: 'panel-head' }, h('h2', { id: 'rulesets-heading' }, t('design.rules'))),
        this.list),
      this.editorPanel,
    );
  }

  async show(name?: string, version?: number): Promise<void> {
    const asked = window.location.hash;
    await this.loadList();
    if (!name) {
      const first = this.sets[0];
      // Only if the user has not gone elsewhere while the list loaded.
      if (first && window.location.hash === asked) window.location.replace(ruleVersionHref(first.name, first.activeVersion ?? first.versions[0]?.version ?? 1));
      return;
    }
    if (version !== undefined) await this.open(name, version);
  }

  private async loadList(): Promise<void> {
    try {
      this.sets = await api.ruleSets();
      replaceChildren(this.list, this.sets.map((set) => this.setEntry(set)));
    } catch (error) {
      replaceChildren(this.list, notice('danger', t('rules.loadFailed', { why: describeError(error) })));
    }
  }

  private setEntry(set: RuleSet): HTMLElement {
    const versions = [...set.versions].sort((a, b) => b.version - a.version);
    return h(
      'div',
      { class: 'ruleset', 'data-ruleset': set.name },
      h('h3', { class: 'h6' }, set.name, set.activeVersion != null ? h('small', { class: 'text-body-secondary ms-2' }, t('rules.liveVersion', { version: set.activeVersion })) : null),
      h('ul', { class: 'list-unstyled versions' }, versions.map((v) => h(
        'li',
        { 'data-version': v.version, class: this.current?.name === set.name && this.current.version.version === v.version ? 'current' : '' },
        h('a', { href: ruleVersionHref(set.name, v.version) }, `v${v.version}`),
        ' ',
        h('span', { class: `rstatus rstatus-${v.status.toLowerCase()}`, 'data-status': v.status }, label('ruleStatus', v.status)),
        v.comment ? h('span', { class: 'comment' }, ` ${v.comment}`) : null,
        h('div', { class: 'small text-body-secondary' }, v.createdBy ?? '', ' ', time(v.createdAt)),
      ))),
    );
  }

  private async open(name: string, version: number): Promise<void> {
    try {
      this.current = await api.ruleSetVersion(name, version);
    } catch (error) {
      replaceChildren(this.editorPanel, h('div', { class: 'panel-head' }, this.heading), notice('danger', t('rules.versionFailed', { version, name, why: describeError(error) })));
      return;
    }
    await this.loadList();
    const v = this.current.version;
    this.heading.textContent = t('rules.heading', { name, version: v.version, status: label('ruleStatus', v.status) });
    this.code.value = this.current.drl;
    this.comment.value = '';
    replaceChildren(this.saveStatus);
    await this.chooseEditor();
    replaceChildren(
      this.editorPanel,
      h('div', { class: 'panel-head' }, this.heading,
        v.status !== 'ACTIVE'
          ? h('button', { type: 'button', class: 'btn btn-sm btn-success', 'data-action': 'activate', onclick: () => this.activate() }, t('rules.activate'))
          : h('span', { class: 'badge text-bg-success' }, t('rules.live'))),
      this.editorArea,
      h('form', { class: 'd-flex flex-wrap gap-2 mt-2 save-form', onsubmit: (e: Event) => { e.preventDefault(); void this.save(); } },
        h('div', { class: 'flex-grow-1' }, this.comment),
        h('button', { type: 'submit', class: 'btn btn-sm btn-primary', 'data-action': 'save' }, t('rules.saveNewVersion'))),
      this.saveStatus,
      this.tools,
    );
    replaceChildren(this.tools, this.whatIf(), this.replay(), this.events());
  }

  /**
   * A table version opens in the table editor; the version Flowdesk shipped opens as the shipped table (which decides
   * like the shipped DRL); any other DRL version opens as text, with a switch to start a table from the shipped one.
   */
  private async chooseEditor(): Promise<void> {
    if (!this.current) return;
    if (this.current.format === 'table' && this.current.table) {
      this.showTable(this.current.table, null);
      const unplaced = this.tableEditor!.mark([], this.current.warnings ?? []);
      if (unplaced.length) replaceChildren(this.saveStatus, notice('info', unplaced.map((w) => w.message).join(' ')));
    } else if (this.current.version.createdBy === 'system' && await this.startFromShipped(false)) {
      // the shipped version, shown as its table
    } else {
      this.showDrl();
    }
  }

  private async startFromShipped(explain: boolean): Promise<boolean> {
    if (!this.current) return false;
    let shipped: RuleTable;
    try {
      shipped = await api.shippedRuleTable(this.current.name);
    } catch {
      if (explain) replaceChildren(this.saveStatus, notice('info', t('rules.table.noShipped')));
      return false;
    }
    this.showTable(shipped, t('rules.table.fromShipped'));
    return true;
  }

  private showTable(table: RuleTable, note: string | null): void {
    this.mode = 'table';
    this.tableEditor = new RuleTableEditor(table);
    const current = this.current!;
    replaceChildren(this.editorArea,
      h('div', { class: 'd-flex flex-wrap align-items-center gap-2 mb-2' },
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', 'data-action': 'edit-drl', onclick: () => this.showDrl() }, t('rules.table.editAsDrl')),
        current.format === 'table' ? h('a', { class: 'btn btn-sm btn-outline-secondary', href: api.ruleTableHref(current.name, current.version.version, 'csv'), download: '' }, t('rules.table.exportCsv')) : null,
        current.format === 'table' ? h('a', { class: 'btn btn-sm btn-outline-secondary', href: api.ruleTableHref(current.name, current.version.version, 'xlsx'), download: '' }, t('rules.table.exportXlsx')) : null,
        this.importForm()),
      note ? h('p', { class: 'small text-body-secondary', 'data-note': 'shipped' }, note) : null,
      this.tableEditor.element);
  }

  private showDrl(): void {
    this.mode = 'drl';
    this.tableEditor = null;
    replaceChildren(this.editorArea,
      h('div', { class: 'd-flex flex-wrap align-items-center gap-2 mb-2' },
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', 'data-action': 'edit-table', onclick: () => void this.switchToTable() }, t('rules.table.editAsTable')),
        h('span', { class: 'small text-body-secondary' }, t('rules.table.drlExperts'))),
      this.code.element);
  }

  private async switchToTable(): Promise<void> {
    if (this.current?.format === 'table' && this.current.table) this.showTable(this.current.table, null);
    else await this.startFromShipped(true);
  }

  private importForm(): HTMLElement {
    const file = h('input', { type: 'file', class: 'form-control form-control-sm', accept: '.csv,.xlsx', name: 'table-file', 'aria-label': t('rules.table.importFile') });
    return h('form', {
      class: 'd-flex gap-1 align-items-center import-table',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const chosen = file.files?.[0];
        if (!chosen || !this.current) return;
        const name = this.current.name;
        try {
          const saved = await api.importRuleTable(name, chosen, this.comment.value.trim() || undefined);
          window.location.hash = ruleVersionHref(name, saved.version.version);
        } catch (error) {
          const messages = error instanceof ApiError && error.problem.errors?.length ? error.problem.errors.map((x) => x.message) : [describeError(error)];
          if (error instanceof ApiError && this.tableEditor) this.tableEditor.mark(error.problem.errors ?? []);
          replaceChildren(this.saveStatus, h('div', { class: 'alert alert-danger', role: 'alert' }, h('strong', {}, t('rules.table.notImported')),
            h('ul', { class: 'mb-0' }, messages.map((m) => h('li', {}, m)))));
        }
      },
    }, file, h('button', { type: 'submit', class: 'btn btn-sm btn-outline-secondary', 'data-action': 'import' }, t('rules.table.import')));
  }

  private async saveTable(): Promise<void> {
    if (!this.current || !this.tableEditor) return;
    const name = this.current.name;
    replaceChildren(this.saveStatus, h('p', { class: 'text-body-secondary' }, t('rules.compiling')));
    try {
      const saved = await api.uploadRuleTable(name, this.tableEditor.value(), this.comment.value.trim() || undefined);
      window.location.hash = ruleVersionHref(name, saved.version.version);
      setTimeout(() => replaceChildren(this.saveStatus, notice('success', t('rules.saved', { version: saved.version.version, status: label('ruleStatus', saved.version.status) }))), 300);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        const errors = error.problem.errors ?? [];
        // Each message is shown at its cell and, for reading them all at once, in the list.
        this.tableEditor.mark(errors);
        replaceChildren(this.saveStatus, h('div', { class: 'alert alert-danger table-errors', role: 'alert' },
          h('strong', {}, t('rules.table.invalid')),
          h('ul', { class: 'mb-0' }, (errors.length ? errors : [{ path: '', message: error.message }]).map((e) => h('li', { 'data-path': e.path }, e.message)))));
      } else {
        replaceChildren(this.saveStatus, notice('danger', t('common.notSaved', { why: describeError(error) })));
      }
    }
  }

  private async save(): Promise<void> {
    if (!this.current) return;
    if (this.mode === 'table') {
      await this.saveTable();
      return;
    }
    const name = this.current.name;
    replaceChildren(this.saveStatus, h('p', { class: 'text-body-secondary' }, t('rules.compiling')));
    this.code.mark([]);
    try {
      const saved = await api.uploadRuleSet(name, this.code.value, this.comment.value.trim() || undefined);
      window.location.hash = ruleVersionHref(name, saved.version.version);
      // The new version's page says it was saved.
      setTimeout(() => replaceChildren(this.saveStatus, notice('success', t('rules.saved', { version: saved.version.version, status: label('ruleStatus', saved.version.status) }))), 300);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        const errors = (error.problem.errors?.length ? error.problem.errors.map((e) => e.message) : [error.message]).map(parseSourceError);
        this.code.mark(errors.flatMap((e) => (e.line ? [e.line] : [])));
        replaceChildren(
          this.saveStatus,
          h('div', { class: 'alert alert-danger compile-errors', role: 'alert' },
            h('strong', {}, t('rules.doNotCompile')),
            h('ul', { class: 'mb-0' }, errors.map((e) => h('li', { 'data-line': e.line ?? '', 'data-column': e.column ?? '' },
              e.line
                ? h('button', { type: 'button', class: 'btn btn-link p-0 align-baseline goto', onclick: () => this.code.goTo(e.line!, e.column ?? 1) }, t('rules.lineColumn', { line: e.line, column: e.column ?? 1 }))
                : null,
              e.line ? ': ' : '',
              e.message)))),
        );
        const first = errors.find((e) => e.line);
        if (first?.line) this.code.goTo(first.line, first.column ?? 1);
      } else {
        replaceChildren(this.saveStatus, notice('danger', t('common.notSaved', { why: describeError(error) })));
      }
    }
  }

  private async activate(): Promise<void> {
    if (!this.current) return;
    const { name, version } = this.current;
    try {
      const result = await api.activateRuleSet(name, version.version);
      await this.open(name, version.version);
      replaceChildren(this.saveStatus, notice('success', t('rules.liveNow', { version: result.liveVersion, compile: result.compileMillis, swap: result.swapMillis })));
    } catch (error) {
      replaceChildren(this.saveStatus, notice('danger', t('rules.notActivated', { why: describeError(error) })));
    }
  }

  /** Made-up facts decided by this version: what queue, priority, SLA would a ticket like this get? */
  private whatIf(): HTMLElement {
    const result = h('div', { class: 'whatif-result', 'aria-live': 'polite' });
    const input = (name: string, label: string, attrs: Record<string, string> = {}) =>
      h('label', { class: 'form-label small w-100' }, label, h('input', { class: 'form-control form-control-sm', name, ...attrs }));
    const choice = (name: string, text: string, options: string[], selected: string, prefix: 'ticketType' | 'level' | null) =>
      h('label', { class: 'form-label small w-100' }, text,
        h('select', { class: 'form-select form-select-sm', name }, options.map((o) => h('option', { value: o, selected: o === selected }, prefix ? label(prefix, o) : o || '—'))));
    const form = h(
      'form',
      {
        class: 'whatif-form',
        onsubmit: async (event: Event) => {
          event.preventDefault();
          if (!this.current) return;
          const d = new FormData(event.target as HTMLFormElement);
          const text = (k: string) => String(d.get(k) ?? '').trim();
          const facts: TestFacts = {
            type: text('type'), subject: text('subject'), description: text('description'),
            impact: text('impact'), urgency: text('urgency'), categoryHint: text('categoryHint') || null,
            requester: { email: text('email') || null, vip: d.get('vip') === 'on', tenant: text('tenant') || null, tier: text('tier') || null },
          };
          try {
            replaceChildren(result, decisionTable(await api.testRuleSet(this.current.name, this.current.version.version, facts)));
          } catch (error) {
            replaceChildren(result, notice('danger', t('rules.testFailed', { why: describeError(error) })));
          }
        },
      },
      h('div', { class: 'whatif-grid' },
        choice('type', t('ticket.type'), ['INCIDENT', 'SERVICE_REQUEST', 'CHANGE', 'PROBLEM'], 'INCIDENT', 'ticketType'),
        input('subject', t('ticket.subject'), { value: t('rules.sampleSubject') }),
        input('description', t('ticket.description')),
        choice('impact', t('ticket.impact'), ['LOW', 'MEDIUM', 'HIGH'], 'MEDIUM', 'level'),
        choice('urgency', t('ticket.urgency'), ['LOW', 'MEDIUM', 'HIGH'], 'MEDIUM', 'level'),
        input('categoryHint', t('rules.categoryHint')),
        input('email', t('rules.requesterEmail'), { type: 'email', value: 'someone@example.com' }),
        input('tenant', t('rules.tenant')),
        choice('tier', t('rules.tier'), ['STANDARD', 'GOLD', 'PLATINUM'], 'STANDARD', null),
        h('label', { class: 'form-check small mt-4' }, h('input', { class: 'form-check-input', type: 'checkbox', name: 'vip' }), ' VIP')),
      h('button', { type: 'submit', class: 'btn btn-sm btn-outline-primary', 'data-action': 'test' }, t('rules.decideWithVersion')),
    );
    return h('details', { class: 'tool whatif', open: true }, h('summary', {}, t('rules.whatIf')), form, result);
  }

  private replay(): HTMLElement {
    const result = h('div', { class: 'replay-result', 'aria-live': 'polite' });
    const last = h('input', { class: 'form-control form-control-sm', type: 'number', min: 1, max: 10000, value: 100, name: 'last', 'aria-label': t('rules.recentCount') });
    const form = h('form', {
      class: 'd-flex flex-wrap align-items-center gap-2',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        if (!this.current) return;
        try {
          const report = await api.replayRuleSet(this.current.name, this.current.version.version, Number(last.value) || 100);
          replaceChildren(result,
            h('p', {}, report.comparedWith
              ? t('rules.replayChangedThan', { changed: report.changed, compared: report.compared, other: report.comparedWith })
              : t('rules.replayChanged', { changed: report.changed, compared: report.compared })),
            report.changes.length ? h('table', { class: 'table table-sm' },
              h('thead', {}, h('tr', {}, h('th', {}, t('rules.field')), h('th', {}, t('rules.from')), h('th', {}, t('rules.to')), h('th', {}, t('inbox.tab.tickets')))),
              h('tbody', {}, report.changes.map((c) => h('tr', {}, h('td', {}, c.field), h('td', {}, c.from ?? '—'), h('td', {}, c.to ?? '—'), h('td', {}, c.count))))) : null,
            report.tickets.length ? h('ul', { class: 'small' }, report.tickets.slice(0, 50).map((t) => h('li', {}, h('strong', {}, t.number), ': ',
              t.differences.map((d) => `${d.field} ${d.from ?? '—'} → ${d.to ?? '—'}`).join(', ')))) : null);
        } catch (error) {
          replaceChildren(result, notice('danger', t('rules.replayFailed', { why: describeError(error) })));
        }
      },
    }, h('span', { class: 'small' }, t('rules.redecideLast')), h('div', { class: 'last-n' }, last), h('span', { class: 'small' }, t('rules.tickets')),
    h('button', { type: 'submit', class: 'btn btn-sm btn-outline-primary', 'data-action': 'replay' }, t('rules.replay')));
    return h('details', { class: 'tool replay' }, h('summary', {}, t('rules.replayTitle')), form, result);
  }

  private events(): HTMLElement {
    const list = h('ol', { class: 'history-list small' });
    const details = h('details', { class: 'tool events' }, h('summary', {}, t('rules.events')), list);
    details.addEventListener('toggle', async () => {
      if (!details.open || !this.current) return;
      try {
        const events = await api.ruleSetEvents(this.current.name);
        replaceChildren(list, [...events].reverse().map((e) => h('li', { 'data-event-type': e.type }, time(e.at), ' ', h('strong', {}, e.type),
          e.version != null ? ` v${e.version}` : '', e.actor ? ` ${t('history.by', { actor: e.actor })}` : '', e.detail ? h('div', { class: 'detail' }, e.detail) : null)));
      } catch (error) {
        replaceChildren(list, h('li', {}, notice('danger', describeError(error))));
      }
    });
    return details;
  }
}

function decisionTable(d: RuleDecision): HTMLElement {
  const row = (field: string, text: string, value: string | null | undefined) => h('div', { class: 'fact', 'data-field': field }, h('dt', {}, text), h('dd', {}, value || '—'));
  return h('div', { class: 'whatif-decision' },
    h('dl', { class: 'facts' },
      row('queue', t('ticket.queue'), d.queue), row('priority', t('ticket.priority'), d.priority), row('category', t('ticket.category'), d.category),
      row('first response', t('rules.firstResponse'), d.sla ? t('rules.minutes', { minutes: d.sla.firstResponseMinutes }) : null),
      row('resolution', t('ticket.resolution'), d.sla ? t('rules.minutes', { minutes: d.sla.resolutionMinutes }) : null),
      row('approver group', t('rules.approverGroup'), d.approverGroup), row('tags', t('kb.tags'), d.tags.join(', '))),
    h('ol', { class: 'rules-fired' }, d.rulesFired.map((r) => h('li', {}, r.name, r.reason ? h('div', { class: 'reason' }, r.reason) : null))));
}
