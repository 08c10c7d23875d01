import { scheduledActions, ticketTemplates } from '../api/quick';
import type { ScheduledAction, ScheduledActionDraft, TicketTemplate, TicketTemplateDraft } from '../api/quick';
import { describeError, h, notice, replaceChildren } from '../ui/dom';
import { t } from '../i18n';
import { agentTicketHref } from '../agent/routes';

const SINCE = ['STATUS', 'UPDATED', 'CREATED'] as const;
const ACTIONS = ['REMIND', 'NOTE', 'REPRIORITISE', 'CLOSE', 'MESSAGE'] as const;
type ActionKind = (typeof ACTIONS)[number];
type Outcome = 'DONE' | 'FAILED';

/** `key=value` lines (or `&`-joined) as an object; empty lines are skipped. */
function pairs(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const part of text.split(/[\n&]/)) {
    const at = part.indexOf('=');
    if (at > 0) result[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return result;
}

function lines(values: Record<string, string>): string {
  return Object.entries(values).map(([k, v]) => `${k}=${v}`).join('\n');
}

/**
 * Ticket templates and scheduled actions (issue 11 parts 3 and 5) in the design area: the lists, and a form for a new
 * or the selected one of each. The server checks everything (a 400 names the field, e.g. `values.subject` or
 * `filter.status`; a 409 when someone saved meanwhile); a scheduled action's run log shows what it did to which ticket.
 */
export class QuickView {
  readonly element: HTMLElement;
  private readonly status = h('div', { 'aria-live': 'polite' });
  // templates
  private readonly templateList = h('tbody', { 'data-testid': 'template-list' });
  private readonly tName = h('input', { class: 'form-control form-control-sm', name: 'templateName', required: true, maxlength: 100 });
  private readonly tForm = h('input', { class: 'form-control form-control-sm', name: 'formKey', value: 'report-incident' });
  private readonly tValues = h('textarea', { class: 'form-control form-control-sm font-monospace', name: 'values', rows: 5 });
  private readonly tQueue = h('input', { class: 'form-control form-control-sm', name: 'queueHint' });
  private readonly tPriority = h('select', { class: 'form-select form-select-sm', name: 'priorityHint' },
    h('option', { value: '' }, t('quick.noHint')), ['P1', 'P2', 'P3', 'P4', 'P5'].map((p) => h('option', { value: p }, p)));
  private template: TicketTemplate | null = null;
  // scheduled actions
  private readonly actionList = h('tbody', { 'data-testid': 'scheduled-action-list' });
  private readonly aName = h('input', { class: 'form-control form-control-sm', name: 'actionName', required: true, maxlength: 100 });
  private readonly aFilter = h('textarea', { class: 'form-control form-control-sm font-monospace', name: 'filter', rows: 3 });
  private readonly aSince = h('select', { class: 'form-select form-select-sm', name: 'since' }, SINCE.map((s) => h('option', { value: s }, t(`quick.since.${s}`))));
  private readonly aAfter = h('input', { class: 'form-control form-control-sm', name: 'after', value: '7d' });
  private readonly aAction = h('select', { class: 'form-select form-select-sm', name: 'action' }, ACTIONS.map((a) => h('option', { value: a }, t(`quick.action.${a}`))));
  private readonly aParams = h('textarea', { class: 'form-control form-control-sm font-monospace', name: 'params', rows: 2 });
  private readonly aEnabled = h('input', { type: 'checkbox', class: 'form-check-input', name: 'enabled', checked: true });
  private readonly runLog = h('tbody', { 'data-testid': 'scheduled-action-runs' });
  private action: ScheduledAction | null = null;

  constructor() {
    const field = (text: string, control: HTMLElement) => h('label', { class: 'form-label small d-block' }, text, control);
    const templateForm = h('form', { 'data-testid': 'template-form', onsubmit: (e: Event) => { e.preventDefault(); void this.saveTemplate(); } },
      h('div', { class: 'row g-2' },
        h('div', { class: 'col-md-6' }, field(t('quick.name'), this.tName)),
        h('div', { class: 'col-md-6' }, field(t('quick.formKey'), this.tForm))),
      field(t('quick.values'), this.tValues),
      h('div', { class: 'row g-2' },
        h('div', { class: 'col-md-6' }, field(t('quick.queueHintLabel'), this.tQueue)),
        h('div', { class: 'col-md-6' }, field(t('quick.priorityHintLabel'), this.tPriority))),
      h('div', { class: 'd-flex gap-2 mt-2' },
        h('button', { type: 'submit', class: 'btn btn-sm btn-primary', 'data-action': 'save-template' }, t('quick.save')),
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', onclick: () => this.editTemplate(null) }, t('quick.newTemplate')),
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-danger', onclick: () => void this.removeTemplate() }, t('quick.delete'))));
    const actionForm = h('form', { 'data-testid': 'scheduled-action-form', onsubmit: (e: Event) => { e.preventDefault(); void this.saveAction(); } },
      field(t('quick.name'), this.aName),
      field(t('quick.filter'), this.aFilter),
      h('div', { class: 'row g-2' },
        h('div', { class: 'col-md-4' }, field(t('quick.since'), this.aSince)),
        h('div', { class: 'col-md-4' }, field(t('quick.after'), this.aAfter)),
        h('div', { class: 'col-md-4' }, field(t('quick.actionLabel'), this.aAction))),
      field(t('quick.params'), this.aParams),
      h('div', { class: 'form-check' }, h('label', { class: 'form-check-label small' }, this.aEnabled, ' ', t('quick.enabled'))),
      h('div', { class: 'd-flex gap-2 mt-2' },
        h('button', { type: 'submit', class: 'btn btn-sm btn-primary', 'data-action': 'save-scheduled-action' }, t('quick.save')),
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', onclick: () => this.editAction(null) }, t('quick.newAction')),
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-danger', onclick: () => void this.removeAction() }, t('quick.delete'))));
    this.element = h('section', { class: 'panel quick', 'aria-labelledby': 'quick-heading' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'quick-heading', tabindex: '-1' }, t('quick.heading'))),
      this.status,
      h('h3', { class: 'h6 mt-3' }, t('quick.templates')),
      h('p', { class: 'small text-body-secondary' }, t('quick.templatesIntro')),
      h('table', { class: 'table table-sm small' },
        h('thead', {}, h('tr', {}, h('th', {}, t('quick.name')), h('th', {}, t('quick.formKey')), h('th', {}, t('quick.hints')))),
        this.templateList),
      templateForm,
      h('h3', { class: 'h6 mt-4' }, t('quick.actions')),
      h('p', { class: 'small text-body-secondary' }, t('quick.actionsIntro')),
      h('table', { class: 'table table-sm small' },
        h('thead', {}, h('tr', {}, h('th', {}, t('quick.name')), h('th', {}, t('quick.filter')), h('th', {}, t('quick.after')), h('th', {}, t('quick.actionLabel')))),
        this.actionList),
      actionForm,
      h('h3', { class: 'h6 mt-3' }, t('quick.runs')),
      h('table', { class: 'table table-sm small' },
        h('thead', {}, h('tr', {}, h('th', {}, t('quick.ranAt')), h('th', {}, t('quick.ticket')), h('th', {}, t('quick.outcome')), h('th', {}, t('quick.detail')))),
        this.runLog));
  }

  async show(): Promise<void> {
    replaceChildren(this.status);
    await Promise.all([this.loadTemplates(), this.loadActions()]);
  }

  private fail(error: unknown): void {
    replaceChildren(this.status, notice('danger', describeError(error)));
  }

  private async loadTemplates(selectId?: number): Promise<void> {
    let all: TicketTemplate[];
    try {
      all = await ticketTemplates.list();
    } catch (error) {
      this.fail(error);
      return;
    }
    replaceChildren(this.templateList, all.length ? all.map((tpl) => h('tr', { 'data-template': tpl.name },
      h('td', {}, h('a', { href: '#', onclick: (e: Event) => { e.preventDefault(); this.editTemplate(tpl); } }, tpl.name)),
      h('td', {}, tpl.formKey), h('td', {}, [tpl.queueHint, tpl.priorityHint].filter(Boolean).join(' · '))))
      : h('tr', {}, h('td', { colspan: 3, class: 'text-body-secondary' }, t('quick.noTemplates'))));
    this.editTemplate(all.find((tpl) => tpl.id === selectId) ?? null);
  }

  private editTemplate(tpl: TicketTemplate | null): void {
    this.template = tpl;
    this.tName.value = tpl?.name ?? '';
    this.tForm.value = tpl?.formKey ?? 'report-incident';
    this.tValues.value = JSON.stringify(tpl?.values ?? { subject: '', description: '' }, null, 2);
    this.tQueue.value = tpl?.queueHint ?? '';
    this.tPriority.value = tpl?.priorityHint ?? '';
  }

  private async saveTemplate(): Promise<void> {
    let values: Record<string, unknown>;
    try {
      values = JSON.parse(this.tValues.value || '{}') as Record<string, unknown>;
    } catch {
      replaceChildren(this.status, notice('danger', t('quick.valuesNotJson')));
      return;
    }
    const draft: TicketTemplateDraft = { name: this.tName.value.trim(), formKey: this.tForm.value.trim(), values,
      queueHint: this.tQueue.value.trim() || null, priorityHint: this.tPriority.value || null, version: this.template?.version };
    try {
      const saved = this.template ? await ticketTemplates.update(this.template.id, draft) : await ticketTemplates.create(draft);
      await this.loadTemplates(saved.id);
      replaceChildren(this.status, notice('success', t('quick.saved', { name: saved.name })));
    } catch (error) {
      this.fail(error);
    }
  }

  private async removeTemplate(): Promise<void> {
    if (!this.template || !confirm(t('quick.confirmDelete', { name: this.template.name }))) return;
    try {
      await ticketTemplates.remove(this.template.id);
      await this.loadTemplates();
    } catch (error) {
      this.fail(error);
    }
  }

  private async loadActions(selectId?: number): Promise<void> {
    let all: ScheduledAction[];
    try {
      all = await scheduledActions.list();
    } catch (error) {
      this.fail(error);
      return;
    }
    replaceChildren(this.actionList, all.length ? all.map((a) => h('tr', { 'data-scheduled-action': a.name },
      h('td', {}, h('a', { href: '#', onclick: (e: Event) => { e.preventDefault(); void this.editAction(a); } }, a.name)),
      h('td', {}, Object.entries(a.filter).map(([k, v]) => `${k}=${v}`).join(' & ')),
      h('td', {}, a.after), h('td', {}, t(`quick.action.${a.action as ActionKind}`))))
      : h('tr', {}, h('td', { colspan: 4, class: 'text-body-secondary' }, t('quick.noActions'))));
    await this.editAction(all.find((a) => a.id === selectId) ?? null);
  }

  private async editAction(a: ScheduledAction | null): Promise<void> {
    this.action = a;
    this.aName.value = a?.name ?? '';
    this.aFilter.value = lines(a?.filter ?? { status: 'WAITING_CUSTOMER' });
    this.aSince.value = a?.since ?? 'STATUS';
    this.aAfter.value = a?.after ?? '7d';
    this.aAction.value = a?.action ?? 'REMIND';
    this.aParams.value = lines(a?.params ?? {});
    this.aEnabled.checked = a?.enabled ?? true;
    replaceChildren(this.runLog);
    if (!a) return;
    try {
      const runs = await scheduledActions.runs(a.id);
      replaceChildren(this.runLog, runs.length ? runs.map((r) => h('tr', {},
        h('td', {}, new Date(r.ranAt).toLocaleString()), h('td', {}, h('a', { href: agentTicketHref(r.ticketId) }, String(r.ticketId))),
        h('td', {}, t(`quick.outcome.${r.outcome as Outcome}`)), h('td', {}, r.detail ?? '')))
        : h('tr', {}, h('td', { colspan: 4, class: 'text-body-secondary' }, t('quick.noRuns'))));
    } catch (error) {
      this.fail(error);
    }
  }

  private async saveAction(): Promise<void> {
    const draft: ScheduledActionDraft = { name: this.aName.value.trim(), filter: pairs(this.aFilter.value),
      since: this.aSince.value, after: this.aAfter.value.trim(), action: this.aAction.value,
      params: pairs(this.aParams.value), enabled: this.aEnabled.checked, version: this.action?.version };
    try {
      const saved = this.action ? await scheduledActions.update(this.action.id, draft) : await scheduledActions.create(draft);
      await this.loadActions(saved.id);
      replaceChildren(this.status, notice('success', t('quick.saved', { name: saved.name })));
    } catch (error) {
      this.fail(error);
    }
  }

  private async removeAction(): Promise<void> {
    if (!this.action || !confirm(t('quick.confirmDelete', { name: this.action.name }))) return;
    try {
      await scheduledActions.remove(this.action.id);
      await this.loadActions();
    } catch (error) {
      this.fail(error);
    }
  }
}
