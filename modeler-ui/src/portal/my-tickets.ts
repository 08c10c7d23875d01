import { api } from '../api';
import type { TicketSummary } from '../api';
import { describeError, h, notice, replaceChildren, time } from '../ui/dom';
import { ticketHref } from './routes';
import { formatNumber, label, t, t as tr } from '../i18n';

/** The requester's own tickets, newest as the engine sorts them; each row links to its detail. */
export class MyTickets {
  readonly element: HTMLElement;
  private readonly body = h('div', { class: 'my-tickets-body' });
  private readonly count = h('span', { class: 'badge text-bg-secondary ms-2', 'data-testid': 'ticket-count' });

  constructor() {
    this.element = h(
      'section',
      { class: 'panel', 'aria-labelledby': 'my-tickets-heading' },
      h(
        'div',
        { class: 'panel-head' },
        h('h2', { id: 'my-tickets-heading' }, t('myTickets.heading'), this.count),
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', onclick: () => this.refresh() }, t('common.refresh')),
      ),
      this.body,
    );
  }

  async refresh(): Promise<void> {
    this.element.setAttribute('aria-busy', 'true');
    try {
      const page = await api.tickets('mine');
      this.count.textContent = formatNumber(page.total);
      replaceChildren(this.body, page.items.length ? this.table(page.items) : this.empty());
    } catch (error) {
      replaceChildren(this.body, notice('danger', t('myTickets.loadFailed', { why: describeError(error) })));
    } finally {
      this.element.removeAttribute('aria-busy');
    }
  }

  private empty(): HTMLElement {
    return h('p', { class: 'text-body-secondary' }, t('myTickets.empty'));
  }

  private table(items: TicketSummary[]): HTMLElement {
    const rows = items.map((t) =>
      h(
        'tr',
        { 'data-ticket-id': t.id, 'data-ticket-number': t.number },
        h('th', { scope: 'row' }, h('a', { href: ticketHref(t.id) }, t.number)),
        h('td', { class: 'subject' }, t.subject),
        h('td', { 'data-col': 'status' }, h('span', { class: `status status-${t.status.toLowerCase()}`, 'data-status': t.status }, label('status', t.status))),
        h('td', { 'data-col': 'priority' }, t.priority ?? '—'),
        h('td', { class: 'd-none d-md-table-cell' }, t.category ?? '—'),
        h('td', { class: 'd-none d-lg-table-cell' }, time(t.createdAt)),
      ),
    );
    return h(
      'div',
      { class: 'table-responsive' },
      h(
        'table',
        { class: 'table table-hover align-middle tickets' },
        h('caption', { class: 'visually-hidden' }, tr('myTickets.caption')),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, tr('ticket.number')),
            h('th', { scope: 'col' }, tr('ticket.subject')),
            h('th', { scope: 'col' }, tr('ticket.status')),
            h('th', { scope: 'col' }, tr('ticket.priority')),
            h('th', { scope: 'col', class: 'd-none d-md-table-cell' }, tr('ticket.category')),
            h('th', { scope: 'col', class: 'd-none d-lg-table-cell' }, tr('ticket.created')),
          ),
        ),
        h('tbody', {}, rows),
      ),
    );
  }
}
