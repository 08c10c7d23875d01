import { api } from '../api';
import type { TicketSummary } from '../api';
import { describeError, h, notice, replaceChildren, time } from '../ui/dom';
import { ticketHref } from './routes';

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
        h('h2', { id: 'my-tickets-heading' }, 'My tickets', this.count),
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', onclick: () => this.refresh() }, 'Refresh'),
      ),
      this.body,
    );
  }

  async refresh(): Promise<void> {
    this.element.setAttribute('aria-busy', 'true');
    try {
      const page = await api.tickets('mine');
      this.count.textContent = String(page.total);
      replaceChildren(this.body, page.items.length ? this.table(page.items) : this.empty());
    } catch (error) {
      replaceChildren(this.body, notice('danger', `Your tickets could not be loaded: ${describeError(error)}`));
    } finally {
      this.element.removeAttribute('aria-busy');
    }
  }

  private empty(): HTMLElement {
    return h('p', { class: 'text-body-secondary' }, 'You have no tickets yet. Pick what you need from the catalogue to create one.');
  }

  private table(items: TicketSummary[]): HTMLElement {
    const rows = items.map((t) =>
      h(
        'tr',
        { 'data-ticket-id': t.id, 'data-ticket-number': t.number },
        h('th', { scope: 'row' }, h('a', { href: ticketHref(t.id) }, t.number)),
        h('td', { class: 'subject' }, t.subject),
        h('td', { 'data-col': 'status' }, h('span', { class: `status status-${t.status.toLowerCase()}` }, t.status)),
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
        h('caption', { class: 'visually-hidden' }, 'Tickets you reported'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Number'),
            h('th', { scope: 'col' }, 'Subject'),
            h('th', { scope: 'col' }, 'Status'),
            h('th', { scope: 'col' }, 'Priority'),
            h('th', { scope: 'col', class: 'd-none d-md-table-cell' }, 'Category'),
            h('th', { scope: 'col', class: 'd-none d-lg-table-cell' }, 'Created'),
          ),
        ),
        h('tbody', {}, rows),
      ),
    );
  }
}
