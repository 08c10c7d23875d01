import { api, ApiError } from '../api';
import type { Person } from '../api';
import { describeError, h, notice, replaceChildren } from '../ui/dom';
import { label, t } from '../i18n';
import { agentTicketHref, inboxHref } from './routes';

const TYPES = ['INCIDENT', 'SERVICE_REQUEST'];
const CHANNELS = ['PHONE', 'WALK_IN'];
const LEVELS = ['LOW', 'MEDIUM', 'HIGH'];

/**
 * An agent opens a ticket for a caller (phone, walk-in): the requester is picked by name or e-mail (or a new caller's
 * e-mail is typed in), and the ticket runs through the same rules and process as one the requester opens. Errors
 * come back as the server's 400 naming the field and are shown at it.
 */
export class NewTicketView {
  readonly element: HTMLElement;
  private readonly status = h('div', { class: 'new-ticket-status', 'aria-live': 'polite' });
  private readonly requester = h('input', {
    class: 'form-control', name: 'requester', list: 'requester-options', autocomplete: 'off', required: true,
    oninput: () => this.lookUp(),
  });
  private readonly options = h('datalist', { id: 'requester-options' });
  private readonly form: HTMLFormElement;
  private lookup = 0;

  constructor() {
    const select = (name: string, values: string[], prefix: 'ticketType' | 'channel' | 'level', selected: string) =>
      h('select', { class: 'form-select', name }, values.map((v) => h('option', { value: v, selected: v === selected }, label(prefix, v))));
    const field = (text: string, control: HTMLElement, name: string) =>
      h('div', { class: 'mb-2', 'data-field': name }, h('label', { class: 'form-label' }, text, control), h('div', { class: 'invalid-feedback d-block field-error' }));
    this.form = h(
      'form',
      { class: 'new-ticket', novalidate: true, onsubmit: (event: Event) => this.submit(event) },
      field(t('newTicket.requester'), h('div', {}, this.requester, this.options), 'requester'),
      h(
        'div',
        { class: 'd-flex flex-wrap gap-3' },
        field(t('ticket.type'), select('type', TYPES, 'ticketType', 'INCIDENT'), 'type'),
        field(t('ticket.channel'), select('channel', CHANNELS, 'channel', 'PHONE'), 'channel'),
        field(t('ticket.impact'), select('impact', LEVELS, 'level', 'MEDIUM'), 'impact'),
        field(t('ticket.urgency'), select('urgency', LEVELS, 'level', 'MEDIUM'), 'urgency'),
      ),
      field(t('ticket.subject'), h('input', { class: 'form-control', name: 'subject', maxlength: 200, required: true }), 'subject'),
      field(t('ticket.description'), h('textarea', { class: 'form-control', name: 'description', rows: 4 }), 'description'),
      h('button', { type: 'submit', class: 'btn btn-primary' }, t('newTicket.open')),
    );
    this.element = h(
      'section',
      { class: 'panel new-ticket-panel', 'aria-labelledby': 'new-ticket-heading' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'new-ticket-heading', tabindex: '-1' }, t('newTicket.heading')),
        h('a', { href: inboxHref('mine'), class: 'btn btn-sm btn-outline-secondary back' }, t('agent.backToInbox'))),
      h('p', { class: 'text-body-secondary small' }, t('newTicket.intro')),
      this.status,
      this.form,
    );
  }

  show(): void {
    this.form.reset();
    replaceChildren(this.status);
    this.clearErrors();
    this.element.querySelector<HTMLElement>('#new-ticket-heading')?.focus();
  }

  /** People whose name, id or e-mail contains what was typed (agents may look people up; at most 20). */
  private async lookUp(): Promise<void> {
    const text = this.requester.value.trim();
    const mine = ++this.lookup;
    if (text.length < 2) return;
    try {
      const people: Person[] = await api.people(text);
      if (mine !== this.lookup) return;
      replaceChildren(this.options, people.map((p) => h('option', { value: p.id }, `${p.name} <${p.email ?? p.id}>`)));
    } catch {
      // the picker is a help; a typed e-mail address works without it
    }
  }

  private clearErrors(): void {
    for (const error of this.form.querySelectorAll('.field-error')) error.textContent = '';
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    this.clearErrors();
    const data = new FormData(this.form);
    const value = (name: string) => String(data.get(name) ?? '').trim();
    try {
      const opened = await api.openTicket({
        type: value('type'), requester: value('requester'), channel: value('channel'), subject: value('subject'),
        description: value('description'), impact: value('impact'), urgency: value('urgency'),
      });
      window.location.hash = agentTicketHref(opened.ticketId);
    } catch (error) {
      const errors = error instanceof ApiError ? error.problem.errors ?? [] : [];
      for (const e of errors) {
        const slot = this.form.querySelector(`[data-field="${CSS.escape(e.path)}"] .field-error`);
        if (slot) slot.textContent = e.message;
      }
      replaceChildren(this.status, notice('danger', t('newTicket.failed', { why: describeError(error) })));
    }
  }
}
