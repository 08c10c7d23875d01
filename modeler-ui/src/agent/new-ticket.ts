import { api, ApiError } from '../api';
import type { Person } from '../api';
import { describeError, h, notice, replaceChildren } from '../ui/dom';
import { label, t } from '../i18n';
import { agentTicketHref, inboxHref } from './routes';
import { ticketTemplates } from '../api/quick';
import type { TicketTemplate } from '../api/quick';

const TYPES = ['INCIDENT', 'SERVICE_REQUEST'];
const CHANNELS = ['PHONE', 'WALK_IN'];
const LEVELS = ['LOW', 'MEDIUM', 'HIGH'];
/** The page's own fields a template's values may prefill (by the ticket field its form maps them to). */
const PREFILLED = ['subject', 'description', 'impact', 'urgency'];

/**
 * An agent opens a ticket for a caller (phone, walk-in): the requester is picked by name or e-mail (or a new caller's
 * e-mail is typed in), and the ticket runs through the same rules and process as one the requester opens. Errors
 * come back as the server's 400 naming the field and are shown at it. Ticket templates ("quick tickets") are
 * one-click buttons: one prefills the fields (the agent may still edit them), and the ticket is then submitted to
 * the template's form for the caller, so the form's checks, process and rules apply as if the caller had used it.
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
  private readonly templateBar = h('div', { class: 'd-flex flex-wrap gap-2 mb-2', 'data-testid': 'ticket-templates', role: 'group', 'aria-label': t('quick.templates') });
  private readonly templateNote = h('div', { class: 'small text-body-secondary mb-2', 'aria-live': 'polite' });
  private templates: TicketTemplate[] = [];
  private template: TicketTemplate | null = null;

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
      this.templateBar,
      this.templateNote,
      this.status,
      this.form,
    );
  }

  /** The templates as buttons; none (or no right to read them) leaves the page as it was. */
  private async loadTemplates(): Promise<void> {
    try {
      this.templates = await ticketTemplates.list();
    } catch {
      this.templates = [];
    }
    replaceChildren(this.templateBar, this.templates.map((tpl) => h('button', {
      type: 'button', class: 'btn btn-sm btn-outline-primary', 'data-template': tpl.name,
      onclick: () => this.useTemplate(tpl),
    }, tpl.name)));
  }

  /** Prefills the page from a template; the agent may still change every field before opening the ticket. */
  private useTemplate(tpl: TicketTemplate): void {
    this.template = tpl;
    this.clearErrors();
    const control = (name: string) => this.form.querySelector<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(`[name="${name}"]`);
    const type = control('type');
    if (type && tpl.ticketType && TYPES.includes(tpl.ticketType)) type.value = tpl.ticketType;
    for (const [key, field] of Object.entries(tpl.ticketFields)) {
      const value = tpl.values[key];
      const input = PREFILLED.includes(field) ? control(field) : null;
      if (input && value !== undefined && value !== null) input.value = String(value);
    }
    for (const button of this.templateBar.querySelectorAll<HTMLButtonElement>('button')) {
      button.classList.toggle('active', button.dataset.template === tpl.name);
      button.setAttribute('aria-pressed', String(button.dataset.template === tpl.name));
    }
    const hints = [tpl.queueHint ? t('quick.queueHint', { queue: tpl.queueHint }) : '', tpl.priorityHint ? t('quick.priorityHint', { priority: tpl.priorityHint }) : ''].filter(Boolean).join(' · ');
    this.templateNote.textContent = t('quick.using', { name: tpl.name }) + (hints ? ` (${hints})` : '');
  }

  show(): void {
    this.form.reset();
    this.template = null;
    this.templateNote.textContent = '';
    void this.loadTemplates();
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
      const tpl = this.template;
      let opened: { ticketId: number };
      if (tpl) {
        // the template's values, with what the page shows as the agent left it
        const values: Record<string, unknown> = { ...tpl.values };
        for (const [key, field] of Object.entries(tpl.ticketFields)) {
          if (PREFILLED.includes(field)) values[key] = value(field);
        }
        opened = await ticketTemplates.open(tpl.id, { requester: value('requester'), channel: value('channel'), values });
      } else {
        opened = await api.openTicket({
          type: value('type'), requester: value('requester'), channel: value('channel'), subject: value('subject'),
          description: value('description'), impact: value('impact'), urgency: value('urgency'),
        });
      }
      window.location.hash = agentTicketHref(opened.ticketId);
    } catch (error) {
      const errors = error instanceof ApiError ? error.problem.errors ?? [] : [];
      for (const e of errors) {
        // a template's values are named values.<form key>: shown at the page's field they fill
        const key = e.path.startsWith('values.') ? e.path.slice('values.'.length) : null;
        const path = key !== null && this.template ? this.template.ticketFields[key] ?? e.path : e.path;
        const slot = this.form.querySelector(`[data-field="${CSS.escape(path)}"] .field-error`);
        if (slot) slot.textContent = e.message;
      }
      replaceChildren(this.status, notice('danger', t('newTicket.failed', { why: describeError(error) })));
    }
  }
}
