import { api } from '../api';
import type { TicketQuery, TicketSummary } from '../api';
import { priorityBadge, slaBadge, statusBadge } from '../ticket/widgets';
import { describeError, h, notice, replaceChildren, time } from '../ui/dom';
import { agentTicketHref } from './routes';

const STATUSES = ['', 'NEW', 'OPEN', 'IN_PROGRESS', 'WAITING_CUSTOMER', 'RESOLVED', 'REOPENED', 'CLOSED'];
const PAGE_SIZE = 20;

/** Tickets the agent may see (theirs, their queues' or all), filtered, searched, sorted and paged by the server. */
export class TicketList {
  readonly element: HTMLElement;
  private readonly body = h('div', { class: 'ticket-list-body' });
  private readonly pager = h('div', { class: 'pager d-flex align-items-center gap-2 mt-2' });
  private readonly view = select('view', 'View', [['queue', 'My queues'], ['mine', 'Assigned to me'], ['all', 'All']]);
  private readonly status = select('status', 'Status', STATUSES.map((s) => [s, s || 'Any status']));
  private readonly sort = select('sort', 'Sort', [['-createdAt', 'Newest first'], ['createdAt', 'Oldest first'], ['priority', 'Priority'], ['-updatedAt', 'Recently changed']]);
  private readonly q = h('input', { class: 'form-control form-control-sm', type: 'search', name: 'q', placeholder: 'Search subject, number…', 'aria-label': 'Search' });
  private page = 0;

  constructor() {
    const filters = h(
      'form',
      { class: 'ticket-filters', role: 'search', onsubmit: (e: Event) => { e.preventDefault(); this.page = 0; void this.refresh(); } },
      this.view.wrap, this.status.wrap, this.sort.wrap,
      h('div', { class: 'search' }, this.q),
      h('button', { type: 'submit', class: 'btn btn-sm btn-outline-primary' }, 'Search'),
    );
    for (const s of [this.view, this.status, this.sort]) s.control.addEventListener('change', () => { this.page = 0; void this.refresh(); });
    this.element = h('div', { class: 'ticket-list' }, filters, this.body, this.pager);
  }

  async refresh(): Promise<void> {
    const query: TicketQuery = {
      view: this.view.control.value as TicketQuery['view'],
      status: this.status.control.value || undefined,
      q: this.q.value.trim() || undefined,
      sort: this.sort.control.value,
      page: this.page,
      size: PAGE_SIZE,
    };
    try {
      const page = await api.tickets(query);
      replaceChildren(this.body, page.items.length ? this.table(page.items) : h('p', { class: 'text-body-secondary' }, 'No tickets match.'));
      const last = Math.max(0, Math.ceil(page.total / (page.size || PAGE_SIZE)) - 1);
      replaceChildren(
        this.pager,
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', disabled: this.page <= 0, onclick: () => { this.page--; void this.refresh(); } }, 'Previous'),
        h('span', { class: 'small text-body-secondary' }, `Page ${page.page + 1} of ${last + 1} · ${page.total} tickets`),
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', disabled: this.page >= last, onclick: () => { this.page++; void this.refresh(); } }, 'Next'),
      );
    } catch (error) {
      replaceChildren(this.body, notice('danger', `The tickets could not be loaded: ${describeError(error)}`));
      replaceChildren(this.pager);
    }
  }

  private table(items: TicketSummary[]): HTMLElement {
    return h(
      'div',
      { class: 'table-responsive' },
      h(
        'table',
        { class: 'table table-hover align-middle tickets agent-tickets' },
        h('caption', { class: 'visually-hidden' }, 'Tickets'),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Number'),
          h('th', { scope: 'col' }, 'Subject'),
          h('th', { scope: 'col' }, 'Status'),
          h('th', { scope: 'col' }, 'Prio'),
          h('th', { scope: 'col', class: 'd-none d-md-table-cell' }, 'SLA'),
          h('th', { scope: 'col', class: 'd-none d-md-table-cell' }, 'Queue'),
          h('th', { scope: 'col', class: 'd-none d-xl-table-cell' }, 'Created'),
        )),
        h('tbody', {}, items.map((t) => h(
          'tr',
          { 'data-ticket-id': t.id, 'data-ticket-number': t.number },
          h('th', { scope: 'row' }, h('a', { href: agentTicketHref(t.id) }, t.number)),
          h('td', { class: 'subject' }, t.subject),
          h('td', { 'data-col': 'status' }, statusBadge(t.status)),
          h('td', { 'data-col': 'priority' }, priorityBadge(t.priority)),
          h('td', { class: 'd-none d-md-table-cell' }, slaBadge(t.slaLevel)),
          h('td', { class: 'd-none d-md-table-cell' }, t.queue ?? '—'),
          h('td', { class: 'd-none d-xl-table-cell' }, time(t.createdAt)),
        ))),
      ),
    );
  }
}

function select(name: string, label: string, options: string[][]): { wrap: HTMLElement; control: HTMLSelectElement } {
  const control = h('select', { class: 'form-select form-select-sm', name, 'aria-label': label },
    options.map(([value, text]) => h('option', { value }, text)));
  return { wrap: h('div', { class: 'filter' }, control), control };
}
