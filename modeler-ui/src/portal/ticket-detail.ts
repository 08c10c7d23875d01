import { api, ApiError } from '../api';
import type { TicketDetail as Ticket } from '../api';
import { Conversation } from '../ticket/conversation';
import { TicketActionsBar } from '../ticket/actions';
import { decisionSection, historySection, statusBadge } from '../ticket/widgets';
import { describeError, h, notice, replaceChildren, time } from '../ui/dom';
import { catalogueHref } from './routes';
import { ProgressView } from '../selfservice/progress';
import { RatingView } from '../selfservice/rating';
import { t, t as tr } from '../i18n';

/** One ticket as its requester sees it: the facts, why the engine classified it so, the conversation, its history. */
export class TicketDetail {
  readonly element: HTMLElement;
  private readonly body = h('div', { class: 'ticket-detail-body' });
  private readonly heading = h('h2', { id: 'ticket-detail-heading', tabindex: '-1' }, t('ticket.heading'));
  private readonly conversation = new Conversation(false, () => void this.refresh());
  private facts_: HTMLElement | null = null;
  private ticketId = '';
  // Self-service (issue 10): the satisfaction rating and the live progress diagram.
  private readonly rating = new RatingView();
  private readonly progress = new ProgressView();
  private readonly actions = new TicketActionsBar((id) => void this.show(String(id)));

  constructor() {
    this.element = h(
      'section',
      { class: 'panel ticket-detail', 'aria-labelledby': 'ticket-detail-heading' },
      h('div', { class: 'panel-head' }, this.heading, h('a', { href: catalogueHref, class: 'btn btn-sm btn-outline-secondary' }, t('common.close'))),
      this.body,
    );
  }

  async show(id: string): Promise<void> {
    this.heading.textContent = t('ticket.heading');
    replaceChildren(this.body, h('p', { class: 'text-body-secondary' }, t('common.loading')));
    this.element.setAttribute('aria-busy', 'true');
    try {
      const [ticket, history] = await Promise.all([api.ticket(id), api.ticketHistory(id)]);
      this.heading.textContent = `${ticket.number}: ${ticket.subject}`;
      this.ticketId = id;
      this.facts_ = this.facts(ticket);
      replaceChildren(
        this.body,
        this.facts_,
        this.actions.element,
        ticket.resolution ? h('div', { class: 'resolution' }, h('h3', {}, t('ticket.resolution')), h('p', {}, ticket.resolution)) : null,
        decisionSection(ticket.decision, false),
        this.rating.element,
        this.progress.element,
        this.conversation.element,
        historySection(history),
      );
      void this.rating.show(ticket);
      void this.actions.show(ticket.id);
      void this.progress.show(ticket.id);
      await this.conversation.show(ticket.id);
    } catch (error) {
      const text =
        error instanceof ApiError && error.status === 404
          ? t('ticket.notYours')
          : t('ticket.loadFailed', { why: describeError(error) });
      replaceChildren(this.body, notice('danger', text));
    } finally {
      this.element.removeAttribute('aria-busy');
      this.heading.focus();
    }
  }

  /** After the requester's reply: the status and the buttons as the process now stands (the reply may move it). */
  private async refresh(): Promise<void> {
    try {
      const ticket = await api.ticket(this.ticketId);
      const facts = this.facts(ticket);
      this.facts_?.replaceWith(facts);
      this.facts_ = facts;
      void this.actions.show(ticket.id);
      void this.rating.show(ticket);
    } catch {
      // the conversation already says the reply was sent; the page shows the rest on its next load
    }
  }

  private facts(t: Ticket): HTMLElement {
    const row = (label: string, value: Node | string | null | undefined, key: string) =>
      h('div', { class: 'fact', 'data-field': key }, h('dt', {}, label), h('dd', {}, value || '—'));
    return h(
      'dl',
      { class: 'facts' },
      row(tr('ticket.number'), t.number, 'number'),
      row(tr('ticket.status'), statusBadge(t.status), 'status'),
      row(tr('ticket.priority'), t.priority, 'priority'),
      row(tr('ticket.category'), t.category, 'category'),
      row(tr('ticket.queue'), t.queue, 'queue'),
      row(tr('ticket.created'), time(t.createdAt), 'createdAt'),
    );
  }
}

