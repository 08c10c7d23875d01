import { api, ApiError } from '../api';
import type { Me, Page, Task, TaskFilter, TaskSort } from '../api';
import { priorityBadge, slaBadge, statusBadge } from '../ticket/widgets';
import { describeError, h, notice, replaceChildren, time } from '../ui/dom';
import { TicketList } from './ticket-list';
import { INBOX_TABS, inboxHref, newTicketHref, taskHref } from './routes';
import type { InboxTab } from './routes';
import { LivePoll } from '../ui/live';
import { formatNumber, t, tn } from '../i18n';
import type { MessageKey } from '../i18n';

/** Tasks per inbox page; the tab's count is the server's total, not this. */
const PAGE_SIZE = 50;

const SORTS: { sort: TaskSort; label: MessageKey }[] = [
  { sort: 'urgency', label: 'inbox.sort.urgency' },
  { sort: 'due', label: 'inbox.sort.due' },
  { sort: 'created', label: 'sort.oldest' },
  { sort: 'newest', label: 'sort.newest' },
];

/**
 * The agent's work list: tasks assigned to them, tasks they are a candidate for, unassigned tasks of their groups,
 * and a ticket list. Claiming is the server's call: a task someone else took meanwhile answers 409 with who.
 */
export class Inbox {
  readonly element: HTMLElement;
  private readonly tabs: Map<InboxTab, HTMLAnchorElement>;
  private readonly body = h('div', { class: 'inbox-body' });
  private readonly status = h('div', { class: 'inbox-status', 'aria-live': 'polite' });
  private readonly pager = h('div', { class: 'pager d-flex align-items-center gap-2 mt-2' });
  private readonly tickets: TicketList;
  private listQuery = '';
  private tab: InboxTab = 'mine';
  private page = 0;
  private sort: TaskSort = 'urgency';
  /** The entity tag of the task page on the screen: the live update asks with it and gets a 304 while unchanged. */
  private etag: string | null = null;
  private loads = 0;
  private readonly poll = new LivePoll(5000, () => this.pollOnce(), () => this.element.isConnected);
  private readonly sortSelect = h(
    'select',
    {
      class: 'form-select form-select-sm w-auto inbox-sort',
      'aria-label': t('inbox.order'),
      onchange: (event: Event) => {
        this.sort = (event.target as HTMLSelectElement).value as TaskSort;
        this.page = 0;
        void this.refresh();
      },
    },
    SORTS.map(({ sort, label }) => h('option', { value: sort }, t(label))),
  );

  constructor(private readonly me: Me) {
    this.tickets = new TicketList(me);
    this.tabs = new Map(
      INBOX_TABS.map(({ tab, label }) => [
        tab,
        h('a', { class: 'nav-link', href: inboxHref(tab), 'data-tab': tab, role: 'tab' }, t(label), h('span', { class: 'count' })),
      ]),
    );
    this.element = h(
      'section',
      { class: 'panel inbox', 'aria-labelledby': 'inbox-heading' },
      h(
        'div',
        { class: 'panel-head' },
        h('h2', { id: 'inbox-heading' }, t('area.agent')),
        h(
          'div',
          { class: 'd-flex gap-2 align-items-center' },
          h('a', { href: newTicketHref, class: 'btn btn-sm btn-primary', 'data-testid': 'new-ticket' }, t('newTicket.button')),
          this.sortSelect,
          h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', onclick: () => this.refresh() }, t('common.refresh')),
        ),
      ),
      h('nav', { class: 'nav nav-tabs inbox-tabs', role: 'tablist' }, [...this.tabs.values()]),
      this.status,
      this.body,
      this.pager,
    );
  }

  /** The ticket list's address parameters, for a way back to the same list. */
  listAddress(): string {
    return this.listQuery;
  }

  /** `query`: the ticket list's address parameters (the tickets tab only; kept while a ticket is open). */
  async show(tab: InboxTab, query?: string): Promise<void> {
    if (query !== undefined) this.listQuery = query;
    if (tab !== this.tab) {
      replaceChildren(this.status);
      this.page = 0;
    }
    this.tab = tab;
    for (const [name, link] of this.tabs) {
      link.classList.toggle('active', name === tab);
      link.setAttribute('aria-selected', String(name === tab));
    }
    await this.refresh();
  }

  async refresh(): Promise<void> {
    if (this.tab === 'tickets') {
      this.sortSelect.hidden = true;
      replaceChildren(this.pager);
      replaceChildren(this.body, this.tickets.element);
      await this.tickets.show(this.listQuery);
      return;
    }
    const filter: TaskFilter = this.tab;
    const load = ++this.loads;
    this.element.setAttribute('aria-busy', 'true');
    this.poll.start();
    try {
      this.sortSelect.hidden = false;
      const polled = await api.pollTasks(filter, this.page, PAGE_SIZE, this.sort, null);
      if (this.tab !== filter || load !== this.loads || !polled.changed) return;
      this.etag = polled.etag;
      this.render(filter, polled.value);
    } catch (error) {
      this.etag = null;
      replaceChildren(this.body, notice('danger', t('inbox.loadFailed', { why: describeError(error) })));
      replaceChildren(this.pager);
    } finally {
      this.element.removeAttribute('aria-busy');
    }
  }

  /** The live update of a task tab: drawn again only when the server's tag says the page changed. */
  private async pollOnce(): Promise<void> {
    if (this.tab === 'tickets') return; // the ticket list polls itself
    const filter: TaskFilter = this.tab;
    const load = this.loads;
    const polled = await api.pollTasks(filter, this.page, PAGE_SIZE, this.sort, this.etag);
    if (!polled.changed || this.tab !== filter || load !== this.loads) return;
    this.etag = polled.etag;
    this.render(filter, polled.value);
  }

  private render(filter: TaskFilter, page: Page<Task>): void {
    const count = this.tabs.get(filter)!.querySelector('.count')!;
    const atLeast = page.totalExact === false;
    count.textContent = ` ${formatNumber(page.total)}${atLeast ? '+' : ''}`;
    replaceChildren(
      this.body,
      page.items.length
        ? h('ul', { class: 'task-list list-unstyled', 'data-filter': filter, 'data-total': page.total }, page.items.map((t) => this.row(t)))
        : h('p', { class: 'text-body-secondary empty' }, t('inbox.empty')),
    );
    this.renderPager(page.page, page.size, page.total, atLeast);
  }

  /**
   * Only when the tasks do not fit on one page: most urgent first, so the first page is what to do next. A very
   * long inbox is counted only up to the server's cap (`atLeast`): then "more than N tasks" and no last page.
   */
  private renderPager(page: number, size: number, total: number, atLeast: boolean): void {
    const last = Math.max(0, Math.ceil(total / size) - 1);
    if (last === 0 && page === 0) {
      replaceChildren(this.pager);
      return;
    }
    const go = (to: number) => {
      this.page = to;
      void this.refresh();
    };
    replaceChildren(
      this.pager,
      h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', disabled: page <= 0, onclick: () => go(page - 1) }, t('pager.previous')),
      h('span', { class: 'small text-body-secondary' }, `${t('pager.page', { page: page + 1, pages: last + 1 })} · ${atLeast ? t('inbox.tasksAtLeast', { count: formatNumber(total) }) : tn('inbox.tasks', total)}`),
      h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', disabled: page >= last && !atLeast, onclick: () => go(page + 1) }, t('pager.next')),
    );
  }

  private row(task: Task): HTMLElement {
    const ticket = task.ticket;
    const mine = task.assignee === this.me.id;
    const action = task.assignee
      ? mine
        ? h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', 'data-action': 'unclaim', onclick: () => this.act(task, 'unclaim') }, t('task.unclaim'))
        : h('span', { class: 'held-by text-body-secondary' }, t('task.heldBy', { user: task.assignee }))
      : h('button', { type: 'button', class: 'btn btn-sm btn-primary', 'data-action': 'claim', onclick: () => this.act(task, 'claim') }, t('task.claim'));
    return h(
      'li',
      { class: 'task', 'data-task-id': task.id, 'data-ticket-number': ticket?.number ?? '' },
      h(
        'div',
        { class: 'task-main' },
        h(
          'a',
          { class: 'task-title', href: taskHref(task.id) },
          ticket ? h('span', { class: 'number' }, ticket.number) : null,
          h('span', { class: 'subject' }, ticket?.subject ?? task.name),
        ),
        h(
          'div',
          { class: 'task-meta' },
          h('span', { class: 'task-name' }, task.name),
          ticket ? priorityBadge(ticket.priority) : null,
          ticket ? statusBadge(ticket.status) : null,
          slaBadge(ticket?.slaLevel),
          ticket?.queue ? h('span', { class: 'queue' }, h('i', { class: 'bi bi-people me-1', 'aria-hidden': 'true' }), ticket.queue) : null,
          task.due ? h('span', { class: 'due' }, t('task.due'), ' ', time(task.due)) : task.created ? h('span', { class: 'created' }, time(task.created)) : null,
        ),
      ),
      h('div', { class: 'task-actions' }, action),
    );
  }

  private async act(task: Task, action: 'claim' | 'unclaim'): Promise<void> {
    replaceChildren(this.status);
    try {
      await (action === 'claim' ? api.claim(task.id) : api.unclaim(task.id));
      replaceChildren(
        this.status,
        notice('success', t(action === 'claim' ? 'task.claimed' : 'task.released', { what: task.ticket?.number ?? task.name })),
      );
    } catch (error) {
      const text = error instanceof ApiError && error.status === 409
        ? t(action === 'claim' ? 'task.notClaimed' : 'task.notUnclaimed', { why: error.message })
        : t(action === 'claim' ? 'task.claimFailed' : 'task.unclaimFailed', { why: describeError(error) });
      replaceChildren(this.status, notice('danger', text));
    }
    await this.refresh();
  }
}
