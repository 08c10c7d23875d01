import { api, ApiError } from '../api';
import type { TicketDetail as Ticket } from '../api';
import { Conversation } from '../ticket/conversation';
import { decisionSection, historySection } from '../ticket/widgets';
import { describeError, h, notice, replaceChildren, time } from '../ui/dom';
import { catalogueHref } from './routes';
import { ProgressView } from '../selfservice/progress';
import { RatingView } from '../selfservice/rating';

/** One ticket as its requester sees it: the facts, why the engine classified it so, the conversation, its history. */
export class TicketDetail {
  readonly element: HTMLElement;
  private readonly body = h('div', { class: 'ticket-detail-body' });
  private readonly heading = h('h2', { id: 'ticket-detail-heading', tabindex: '-1' }, 'Ticket');
  private readonly conversation = new Conversation(false);
  // Self-service (issue 10): the satisfaction rating and the live progress diagram.
  private readonly rating = new RatingView();
  private readonly progress = new ProgressView();

  constructor() {
    this.element = h(
      'section',
      { class: 'panel ticket-detail', 'aria-labelledby': 'ticket-detail-heading' },
      h('div', { class: 'panel-head' }, this.heading, h('a', { href: catalogueHref, class: 'btn btn-sm btn-outline-secondary' }, 'Close')),
      this.body,
    );
  }

  async show(id: string): Promise<void> {
    this.heading.textContent = 'Ticket';
    replaceChildren(this.body, h('p', { class: 'text-body-secondary' }, 'Loading…'));
    this.element.setAttribute('aria-busy', 'true');
    try {
      const [ticket, history] = await Promise.all([api.ticket(id), api.ticketHistory(id)]);
      this.heading.textContent = `${ticket.number}: ${ticket.subject}`;
      replaceChildren(
        this.body,
        this.facts(ticket),
        ticket.resolution ? h('div', { class: 'resolution' }, h('h3', {}, 'Resolution'), h('p', {}, ticket.resolution)) : null,
        decisionSection(ticket.decision, false),
        this.rating.element,
        this.progress.element,
        this.conversation.element,
        historySection(history),
      );
      void this.rating.show(ticket);
      void this.progress.show(ticket.id);
      await this.conversation.show(ticket.id);
    } catch (error) {
      const text =
        error instanceof ApiError && error.status === 404
          ? 'This ticket does not exist or is not yours.'
          : `The ticket could not be loaded: ${describeError(error)}`;
      replaceChildren(this.body, notice('danger', text));
    } finally {
      this.element.removeAttribute('aria-busy');
      this.heading.focus();
    }
  }

  private facts(t: Ticket): HTMLElement {
    const row = (label: string, value: Node | string | null | undefined, key: string) =>
      h('div', { class: 'fact', 'data-field': key }, h('dt', {}, label), h('dd', {}, value || '—'));
    return h(
      'dl',
      { class: 'facts' },
      row('Number', t.number, 'number'),
      row('Status', t.status, 'status'),
      row('Priority', t.priority, 'priority'),
      row('Category', t.category, 'category'),
      row('Queue', t.queue, 'queue'),
      row('Created', time(t.createdAt), 'createdAt'),
    );
  }
}

