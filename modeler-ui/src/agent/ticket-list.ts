import { api } from '../api';
import type { TicketQuery, TicketSummary } from '../api';
import { priorityBadge, slaBadge, statusBadge } from '../ticket/widgets';
import { describeError, h, notice, replaceChildren, time } from '../ui/dom';
import { agentTicketHref } from './routes';
import { label, t, tn } from '../i18n';

const STATUSES = ['', 'NEW', 'OPEN', 'IN_PROGRESS', 'WAITING_CUSTOMER', 'RESOLVED', 'REOPENED', 'CLOSED'];
const PAGE_SIZE = 20;

/** Tickets the agent may see (theirs, their queues' or all), filtered, searched, sorted and paged by the server. */
export class TicketList {
  readonly element: HTMLElement;
  private readonly body = h('div', { class: 'ticket-list-body' });
  private readonly pager = h('div', { class: 'pager d-flex align-items-center gap-2 mt-2' });
  private readonly view = select('view', t('tickets.view'), [['queue', t('tickets.view.queue')], ['mine', t('tickets.view.mine')], ['all', t('tickets.view.all')]]);
  private readonly status = select('status', t('ticket.status'), STATUSES.map((s) => [s, s ? label('status', s) : t('tickets.anyStatus')]));
  private readonly sort = select('sort', t('tickets.sort'), [['-createdAt', t('sort.newest')], ['createdAt', t('sort.oldest')], ['priority', t('ticket.priority')], ['-updatedAt', t('tickets.sort.changed')]]);
  private readonly q = h('input', { class: 'form-control form-control-sm', type: 'search', name: 'q', placeholder: t('tickets.searchPlaceholder'), 'aria-label': t('common.search') });
  private page = 0;

  constructor() {
    const filters = h(
      'form',
      { class: 'ticket-filters', role: 'search', onsubmit: (e: Event) => { e.preventDefault(); this.page = 0; void this.refresh(); } },
      this.view.wrap, this.status.wrap, this.sort.wrap,
      h('div', { class: 'search' }, this.q),
      h('button', { type: 'submit', class: 'btn btn-sm btn-outline-primary' }, t('common.search')),
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
      replaceChildren(this.body, page.items.length ? this.table(page.items) : h('p', { class: 'text-body-secondary' }, t('tickets.noMatch')));
      const last = Math.max(0, Math.ceil(page.total / (page.size || PAGE_SIZE)) - 1);
      replaceChildren(
        this.pager,
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', disabled: this.page <= 0, onclick: () => { this.page--; void this.refresh(); } }, t('pager.previous')),
        h('span', { class: 'small text-body-secondary' }, `${t('pager.page', { page: page.page + 1, pages: last + 1 })} · ${tn('tickets.count', page.total)}`),
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', disabled: this.page >= last, onclick: () => { this.page++; void this.refresh(); } }, t('pager.next')),
      );
    } catch (error) {
      replaceChildren(this.body, notice('danger', t('tickets.loadFailed', { why: describeError(error) })));
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
        h('caption', { class: 'visually-hidden' }, t('inbox.tab.tickets')),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, t('ticket.number')),
          h('th', { scope: 'col' }, t('ticket.subject')),
          h('th', { scope: 'col' }, t('ticket.status')),
          h('th', { scope: 'col' }, t('ticket.prio')),
          h('th', { scope: 'col', class: 'd-none d-md-table-cell' }, t('ticket.sla')),
          h('th', { scope: 'col', class: 'd-none d-md-table-cell' }, t('ticket.queue')),
          h('th', { scope: 'col', class: 'd-none d-xl-table-cell' }, t('ticket.created')),
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
