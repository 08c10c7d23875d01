import { api, ApiError } from '../api';
import type { BulkOutcome, BulkRequest, Me } from '../api';
import { describeError, h, notice, replaceChildren } from '../ui/dom';
import { fillPeoplePicker } from './assign';
import { label, t } from '../i18n';

const LEVELS = ['LOW', 'MEDIUM', 'HIGH'];

/**
 * One action on the checked tickets: claim, assign to an agent or a group (the hand-over's people picker), change
 * impact and urgency (the rules decide priority again), or close with a reason. The server runs each ticket in its
 * own transaction and answers each one's outcome; the list shows them per row, this bar the sum.
 */
export class BulkBar {
  readonly element = h('section', { class: 'bulk-bar border rounded p-2 mb-2', hidden: true, 'aria-label': t('bulk.heading') });
  private readonly count = h('strong', { class: 'bulk-count' });
  private readonly status = h('div', { class: 'bulk-status', 'aria-live': 'polite' });
  private readonly agent = h('select', { class: 'form-select form-select-sm w-auto', name: 'bulk-assignee', 'aria-label': t('assign.agent') }, h('option', { value: '' }, t('assign.pickAgent')));
  private readonly group = h('select', { class: 'form-select form-select-sm w-auto', name: 'bulk-group', 'aria-label': t('assign.group') }, h('option', { value: '' }, t('assign.pickGroup')));
  private filled = false;

  constructor(private readonly me: Me, private readonly ids: () => number[], private readonly done: (outcomes: BulkOutcome[]) => void) {
    const level = (name: string, key: 'ticket.impact' | 'ticket.urgency') => h('select', { class: 'form-select form-select-sm w-auto', name, 'aria-label': t(key), title: t(key) },
      h('option', { value: '' }, t(key)), LEVELS.map((l) => h('option', { value: l }, label('level', l))));
    const impact = level('bulk-impact', 'ticket.impact');
    const urgency = level('bulk-urgency', 'ticket.urgency');
    const reason = h('input', { class: 'form-control form-control-sm w-auto', name: 'bulk-reason', placeholder: t('bulk.closeReason'), 'aria-label': t('bulk.closeReason') });
    const form = (action: string, submit: () => void, ...children: HTMLElement[]) => h('form', {
      class: 'd-flex flex-wrap align-items-center gap-2', 'data-bulk': action,
      onsubmit: (e: Event) => { e.preventDefault(); submit(); },
    }, ...children);
    this.element.append(
      h('div', { class: 'd-flex flex-wrap align-items-center gap-3' },
        this.count,
        form('claim', () => void this.run({ action: 'claim' }), h('button', { type: 'submit', class: 'btn btn-sm btn-primary' }, t('bulk.claim'))),
        form('assign', () => void this.run({ action: 'assign', assignee: this.agent.value || undefined, group: this.agent.value ? undefined : this.group.value || undefined }),
          this.agent, this.group, h('button', { type: 'submit', class: 'btn btn-sm btn-outline-primary' }, t('bulk.assign'))),
        form('priority', () => void this.run({ action: 'priority', impact: impact.value || undefined, urgency: urgency.value || undefined }),
          impact, urgency, h('button', { type: 'submit', class: 'btn btn-sm btn-outline-primary' }, t('bulk.reprioritise'))),
        form('close', () => void this.run({ action: 'close', reason: reason.value.trim() || undefined }),
          reason, h('button', { type: 'submit', class: 'btn btn-sm btn-outline-danger' }, t('bulk.close'))),
      ),
      this.status,
    );
  }

  /** Shown while tickets are checked (and its last outcome stays readable after the action). */
  update(): void {
    const n = this.ids().length;
    this.count.textContent = t('bulk.selected', { count: n });
    this.element.hidden = n === 0 && !this.status.childElementCount;
    if (n > 0 && !this.filled) {
      this.filled = true;
      fillPeoplePicker(this.agent, this.group, this.me.groups).catch((error) => replaceChildren(this.status, notice('danger', describeError(error))));
    }
  }

  private async run(request: Omit<BulkRequest, 'ids'>): Promise<void> {
    const ids = this.ids();
    if (!ids.length) return;
    replaceChildren(this.status);
    this.element.setAttribute('aria-busy', 'true');
    try {
      const result = await api.bulk({ ...request, ids });
      replaceChildren(this.status, notice(result.failed ? 'danger' : 'success', t('bulk.result', { succeeded: result.succeeded, failed: result.failed })));
      this.status.firstElementChild?.setAttribute('data-succeeded', String(result.succeeded));
      this.done(result.results);
    } catch (error) {
      // 400 names the field that is missing (assignee or group, impact or urgency, reason)
      const why = error instanceof ApiError && error.problem.errors?.length
        ? error.problem.errors.map((e) => `${e.path}: ${e.message}`).join('; ') : describeError(error);
      replaceChildren(this.status, notice('danger', t('bulk.failed', { why })));
    } finally {
      this.element.removeAttribute('aria-busy');
    }
  }
}
