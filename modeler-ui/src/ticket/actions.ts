import { api, ApiError } from '../api';
import type { TicketAction } from '../api';
import { describeError, h, notice, replaceChildren } from '../ui/dom';
import { t } from '../i18n';
import type { MessageKey } from '../i18n';

/** Per action: its button, whether it asks for a text (and whether that is required), the text's label. */
const ACTIONS: Record<TicketAction, { button: MessageKey; text?: MessageKey; required?: boolean; style: string }> = {
  'request-info': { button: 'actions.requestInfo', text: 'actions.question', required: true, style: 'btn-outline-primary' },
  confirm: { button: 'actions.confirm', style: 'btn-success' },
  reopen: { button: 'actions.reopen', text: 'actions.reopenReason', required: true, style: 'btn-outline-warning' },
  withdraw: { button: 'actions.withdraw', text: 'actions.withdrawReason', style: 'btn-outline-danger' },
  cancel: { button: 'actions.cancel', text: 'actions.cancelReason', required: true, style: 'btn-outline-danger' },
};
const ORDER: TicketAction[] = ['confirm', 'request-info', 'reopen', 'cancel', 'withdraw'];

/**
 * The buttons of what a ticket's process waits for now and the reader may do (the server decides both:
 * `GET /api/tickets/{id}/actions`). An action with a text (a question, a reason) opens a small form first; after it
 * the page reloads the ticket, and a stale page gets the server's 409 explained.
 */
export class TicketActionsBar {
  readonly element = h('section', { class: 'ticket-actions', hidden: true, 'aria-label': t('actions.heading') });
  private readonly buttons = h('div', { class: 'd-flex flex-wrap gap-2' });
  private readonly form = h('div', { class: 'ticket-action-form' });
  private readonly status = h('div', { class: 'ticket-action-status', 'aria-live': 'polite' });
  private ticketId: number | string = '';

  constructor(private readonly changed: (id: number | string) => void) {
    this.element.append(this.buttons, this.form, this.status);
  }

  async show(ticketId: number | string): Promise<void> {
    this.ticketId = ticketId;
    replaceChildren(this.buttons);
    replaceChildren(this.form);
    let actions: TicketAction[] = [];
    try {
      actions = await api.ticketActions(ticketId);
    } catch {
      actions = []; // the ticket itself reports why it cannot be shown
    }
    if (this.ticketId !== ticketId) return;
    const known = ORDER.filter((action) => actions.includes(action));
    this.element.hidden = known.length === 0;
    replaceChildren(this.buttons, known.map((action) => h(
      'button',
      { type: 'button', class: `btn btn-sm ${ACTIONS[action].style}`, 'data-ticket-action': action, onclick: () => this.start(action) },
      t(ACTIONS[action].button),
    )));
  }

  private start(action: TicketAction): void {
    replaceChildren(this.status);
    const spec = ACTIONS[action];
    if (!spec.text) {
      void this.perform(action);
      return;
    }
    const text = h('textarea', { class: 'form-control', rows: 2, name: 'action-text', maxlength: 20000, required: spec.required ?? false });
    const form = h(
      'form',
      {
        class: 'mt-2',
        'data-action-form': action,
        onsubmit: (event: Event) => {
          event.preventDefault();
          void this.perform(action, text.value.trim());
        },
      },
      h('label', { class: 'form-label small fw-semibold' }, t(spec.text), text),
      h(
        'div',
        { class: 'd-flex gap-2 mt-2' },
        h('button', { type: 'submit', class: `btn btn-sm ${spec.style}` }, t(spec.button)),
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', onclick: () => replaceChildren(this.form) }, t('common.cancel')),
      ),
    );
    replaceChildren(this.form, form);
    text.focus();
  }

  private async perform(action: TicketAction, text?: string): Promise<void> {
    try {
      await api.ticketAction(this.ticketId, action, text);
      replaceChildren(this.form);
      replaceChildren(this.status, notice('success', t('actions.done')));
      this.changed(this.ticketId);
    } catch (error) {
      const why = error instanceof ApiError && error.status === 409 ? t('actions.stale', { why: error.message }) : describeError(error);
      replaceChildren(this.status, notice('danger', why));
      if (error instanceof ApiError && error.status === 409) void this.show(this.ticketId);
    }
  }
}
