import { api, ApiError, SessionExpired } from '../api';
import type { Me, Task, TaskFilter } from '../api';
import { priorityBadge, slaBadge, statusBadge } from '../ticket/widgets';
import { describeError, h, notice, replaceChildren, time } from '../ui/dom';
import { TicketList } from './ticket-list';
import { INBOX_TABS, inboxHref, taskHref } from './routes';
import type { InboxTab } from './routes';

/**
 * The agent's work list: tasks assigned to them, tasks they are a candidate for, unassigned tasks of their groups,
 * and a ticket list. Claiming is the server's call: a task someone else took meanwhile answers 409 with who.
 */
export class Inbox {
  readonly element: HTMLElement;
  private readonly tabs: Map<InboxTab, HTMLAnchorElement>;
  private readonly body = h('div', { class: 'inbox-body' });
  private readonly status = h('div', { class: 'inbox-status', 'aria-live': 'polite' });
  private readonly tickets = new TicketList();
  private tab: InboxTab = 'mine';

  constructor(private readonly me: Me) {
    this.tabs = new Map(
      INBOX_TABS.map(({ tab, label }) => [
        tab,
        h('a', { class: 'nav-link', href: inboxHref(tab), 'data-tab': tab, role: 'tab' }, label, h('span', { class: 'count' })),
      ]),
    );
    this.element = h(
      'section',
      { class: 'panel inbox', 'aria-labelledby': 'inbox-heading' },
      h(
        'div',
        { class: 'panel-head' },
        h('h2', { id: 'inbox-heading' }, 'Inbox'),
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', onclick: () => this.refresh() }, 'Refresh'),
      ),
      h('nav', { class: 'nav nav-tabs inbox-tabs', role: 'tablist' }, [...this.tabs.values()]),
      this.status,
      this.body,
    );
  }

  async show(tab: InboxTab): Promise<void> {
    if (tab !== this.tab) replaceChildren(this.status);
    this.tab = tab;
    for (const [name, link] of this.tabs) {
      link.classList.toggle('active', name === tab);
      link.setAttribute('aria-selected', String(name === tab));
    }
    await this.refresh();
  }

  async refresh(): Promise<void> {
    if (this.tab === 'tickets') {
      replaceChildren(this.body, this.tickets.element);
      await this.tickets.refresh();
      return;
    }
    const filter: TaskFilter = this.tab;
    this.element.setAttribute('aria-busy', 'true');
    try {
      const tasks = await api.tasks(filter);
      if (this.tab !== filter) return;
      const count = this.tabs.get(filter)!.querySelector('.count')!;
      count.textContent = ` ${tasks.length}`;
      replaceChildren(
        this.body,
        tasks.length
          ? h('ul', { class: 'task-list list-unstyled', 'data-filter': filter }, tasks.map((t) => this.row(t)))
          : h('p', { class: 'text-body-secondary empty' }, 'No tasks here.'),
      );
    } catch (error) {
      if (error instanceof SessionExpired) return;
      replaceChildren(this.body, notice('danger', `The tasks could not be loaded: ${describeError(error)}`));
    } finally {
      this.element.removeAttribute('aria-busy');
    }
  }

  private row(task: Task): HTMLElement {
    const t = task.ticket;
    const mine = task.assignee === this.me.id;
    const action = task.assignee
      ? mine
        ? h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', 'data-action': 'unclaim', onclick: () => this.act(task, 'unclaim') }, 'Unclaim')
        : h('span', { class: 'held-by text-body-secondary' }, `held by ${task.assignee}`)
      : h('button', { type: 'button', class: 'btn btn-sm btn-primary', 'data-action': 'claim', onclick: () => this.act(task, 'claim') }, 'Claim');
    return h(
      'li',
      { class: 'task', 'data-task-id': task.id, 'data-ticket-number': t?.number ?? '' },
      h(
        'div',
        { class: 'task-main' },
        h(
          'a',
          { class: 'task-title', href: taskHref(task.id) },
          t ? h('span', { class: 'number' }, t.number) : null,
          h('span', { class: 'subject' }, t?.subject ?? task.name),
        ),
        h(
          'div',
          { class: 'task-meta' },
          h('span', { class: 'task-name' }, task.name),
          t ? priorityBadge(t.priority) : null,
          t ? statusBadge(t.status) : null,
          slaBadge(t?.slaLevel),
          t?.queue ? h('span', { class: 'queue' }, h('i', { class: 'bi bi-people me-1', 'aria-hidden': 'true' }), t.queue) : null,
          task.due ? h('span', { class: 'due' }, 'due ', time(task.due)) : task.created ? h('span', { class: 'created' }, time(task.created)) : null,
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
        notice('success', `${action === 'claim' ? 'Claimed' : 'Released'} ${task.ticket?.number ?? task.name}.`),
      );
    } catch (error) {
      if (error instanceof SessionExpired) return;
      const text = error instanceof ApiError && error.status === 409
        ? `Not ${action}ed: ${error.message}`
        : `Could not ${action}: ${describeError(error)}`;
      replaceChildren(this.status, notice('danger', text));
    }
    await this.refresh();
  }
}
