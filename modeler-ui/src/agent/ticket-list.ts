import { api } from '../api';
import type { BulkOutcome, Me, Page, TicketQuery, TicketSummary } from '../api';
import { priorityBadge, slaBadge, statusBadge } from '../ticket/widgets';
import { describeError, h, notice, replaceChildren, time } from '../ui/dom';
import { agentTicketHref, ticketListHref } from './routes';
import { BulkBar } from './bulk-bar';
import { ViewsPanel } from './views';
import { LivePoll } from '../ui/live';
import { formatNumber, label, t, tn } from '../i18n';
import type { MessageKey } from '../i18n';

const STATUSES = ['NEW', 'OPEN', 'IN_PROGRESS', 'WAITING_CUSTOMER', 'RESOLVED', 'REOPENED', 'CLOSED', 'CANCELLED'];
const PRIORITIES = ['P1', 'P2', 'P3', 'P4', 'P5'];
const SLA_LEVELS = ['GREEN', 'YELLOW', 'RED', 'BREACHED', 'MET'];
const PAGE_SIZE = 20;
const SORTS: [string, MessageKey][] = [
  ['-createdAt', 'sort.newest'],
  ['createdAt', 'sort.oldest'],
  ['-updatedAt', 'tickets.sort.changed'],
  ['priority', 'tickets.sort.priority'],
  ['due', 'tickets.sort.due'],
  ['-number', 'tickets.sort.number'],
  ['status', 'tickets.sort.status'],
  ['subject', 'tickets.sort.subject'],
  ['relevance', 'tickets.sort.relevance'],
];

/** How often an open list asks whether it changed (a 304 while nothing did). */
const POLL_MS = 5000;

/** The columns the list can show: the server's allow-list for views, with the header and the cell of each. */
const COLUMNS: Record<string, { header: MessageKey; cls?: string; cell: (ticket: TicketSummary) => Node | string | null }> = {
  number: { header: 'ticket.number', cell: (ticket) => h('a', { href: agentTicketHref(ticket.id) }, ticket.number) },
  subject: { header: 'ticket.subject', cls: 'subject', cell: (ticket) => ticket.subject },
  status: { header: 'ticket.status', cell: (ticket) => statusBadge(ticket.status) },
  priority: { header: 'ticket.prio', cell: (ticket) => priorityBadge(ticket.priority) },
  slaLevel: { header: 'ticket.sla', cls: 'd-none d-md-table-cell', cell: (ticket) => slaBadge(ticket.slaLevel) },
  queue: { header: 'ticket.queue', cls: 'd-none d-md-table-cell', cell: (ticket) => ticket.queue ?? '—' },
  assignee: { header: 'ticket.assignee', cls: 'd-none d-lg-table-cell', cell: (ticket) => ticket.assignee ?? '—' },
  requester: { header: 'ticket.requester', cls: 'd-none d-lg-table-cell', cell: (ticket) => ticket.requester ?? '—' },
  category: { header: 'ticket.category', cls: 'd-none d-lg-table-cell', cell: (ticket) => ticket.category ?? '—' },
  type: { header: 'ticket.type', cls: 'd-none d-lg-table-cell', cell: (ticket) => label('ticketType', ticket.type) },
  createdAt: { header: 'ticket.created', cls: 'd-none d-xl-table-cell', cell: (ticket) => time(ticket.createdAt) },
  updatedAt: { header: 'tickets.column.updatedAt', cls: 'd-none d-xl-table-cell', cell: (ticket) => time(ticket.updatedAt) },
};
/** Without a view's columns (`cols` in the address): what the list always showed. */
const DEFAULT_COLUMNS = ['number', 'subject', 'status', 'priority', 'slaLevel', 'queue', 'assignee', 'createdAt'];

/**
 * Tickets the agent may see, searched, filtered, sorted and paged by the server. Everything the list shows is in its
 * address (`#/agent/inbox/tickets/<parameters>`): a change of a filter changes the address and the address drives
 * the list, so a list can be bookmarked, shared and gone back to. j/k move the selection, Enter opens it; checked
 * rows go to the bulk bar, which shows each row's outcome.
 */
export class TicketList {
  readonly element: HTMLElement;
  private readonly body = h('div', { class: 'ticket-list-body' });
  private readonly pager = h('div', { class: 'pager d-flex align-items-center gap-2 mt-2' });
  private readonly controls = new Map<string, HTMLInputElement | HTMLSelectElement>();
  private readonly sort: HTMLSelectElement;
  private readonly bulk: BulkBar;
  private readonly views: ViewsPanel;
  private params = new URLSearchParams();
  private items: TicketSummary[] = [];
  private selected = -1;
  private readonly checked = new Set<number>();
  /** The last bulk action's outcome per ticket id, shown in its row until the filters change. */
  private outcomes = new Map<number, BulkOutcome>();
  /** Counts the loads: an answer to an older address that arrives late must not replace the newer list. */
  private loads = 0;
  /** The entity tag of the list on the screen; the poll sends it and gets a 304 while nothing changed. */
  private etag: string | null = null;
  private readonly poll = new LivePoll(POLL_MS, () => this.pollOnce(), () => this.element.isConnected);
  private readonly columnChoices = h('div', { class: 'column-choices d-flex flex-column gap-1 p-2' });

  constructor(me: Me) {
    const choice = (name: string, labelKey: MessageKey, anyKey: MessageKey, options: [string, string][]) => {
      const control = h('select', { class: 'form-select form-select-sm', name, 'aria-label': t(labelKey), title: t(labelKey) },
        h('option', { value: '' }, t(anyKey)), options.map(([value, text]) => h('option', { value }, text)));
      this.controls.set(name, control);
      return h('div', { class: 'filter' }, control);
    };
    const text = (name: string, labelKey: MessageKey, type: string) => {
      const control = h('input', { class: 'form-control form-control-sm', type, name, 'aria-label': t(labelKey), title: t(labelKey), placeholder: type === 'text' ? t(labelKey) : undefined });
      this.controls.set(name, control);
      return h('div', { class: 'filter' }, control);
    };
    const q = h('input', { class: 'form-control form-control-sm', type: 'search', name: 'q', placeholder: t('tickets.searchPlaceholder'), 'aria-label': t('common.search') });
    this.controls.set('q', q);
    this.sort = h('select', { class: 'form-select form-select-sm', name: 'sort', 'aria-label': t('tickets.sort'), title: t('tickets.sort') },
      SORTS.map(([value, key]) => h('option', { value }, t(key))));
    const queue = choice('queue', 'ticket.queue', 'tickets.anyQueue', []);
    const filters = h(
      'form',
      { class: 'ticket-filters', role: 'search', onsubmit: (e: Event) => { e.preventDefault(); this.go(); } },
      h('div', { class: 'search' }, q),
      h('button', { type: 'submit', class: 'btn btn-sm btn-outline-primary' }, t('common.search')),
      choice('view', 'tickets.view', 'tickets.view.all', [['queue', t('tickets.view.queue')], ['mine', t('tickets.view.mine')]]),
      choice('status', 'ticket.status', 'tickets.anyStatus', [['NEW,OPEN,IN_PROGRESS,WAITING_CUSTOMER,REOPENED', t('tickets.openStatuses')], ...STATUSES.map((s): [string, string] => [s, label('status', s)])]),
      queue,
      choice('priority', 'ticket.priority', 'tickets.anyPriority', PRIORITIES.map((p): [string, string] => [p, p])),
      choice('assignee', 'ticket.assignee', 'tickets.anyAssignee', [['me', t('tickets.assignee.me')], ['none', t('tickets.assignee.none')]]),
      choice('sla', 'ticket.sla', 'tickets.anySla', SLA_LEVELS.map((l): [string, string] => [l, label('sla', l)])),
      text('category', 'ticket.category', 'text'),
      h('label', { class: 'filter d-flex align-items-center gap-1 small' }, t('tickets.createdFrom'), text('createdFrom', 'tickets.createdFrom', 'date')),
      h('label', { class: 'filter d-flex align-items-center gap-1 small' }, t('tickets.createdTo'), text('createdTo', 'tickets.createdTo', 'date')),
      h('div', { class: 'filter' }, this.sort),
      h('details', { class: 'filter columns-picker', 'data-testid': 'columns-picker' },
        h('summary', { class: 'btn btn-sm btn-outline-secondary' }, t('tickets.columns')), this.columnChoices),
      h('button', { type: 'button', class: 'btn btn-sm btn-link', 'data-action': 'clear-filters', onclick: () => this.navigate(new URLSearchParams()) }, t('tickets.clearFilters')),
    );
    for (const [name, control] of this.controls) if (name !== 'q' && name !== 'category') control.addEventListener('change', () => this.go());
    this.sort.addEventListener('change', () => this.go());
    this.bulk = new BulkBar(me, () => [...this.checked], (outcomes) => this.showOutcomes(outcomes));
    this.views = new ViewsPanel(me, () => this.currentView(), (params) => this.navigate(params));
    this.renderColumnChoices();
    this.element = h('div', { class: 'ticket-list', tabindex: '-1' }, this.views.element, filters, this.bulk.element, this.body, this.pager);
    document.addEventListener('keydown', (event) => this.key(event));
    void this.fillQueues(queue.querySelector('select')!);
  }

  /** Shows the list the address names (the part after `#/agent/inbox/tickets/`). */
  async show(query: string): Promise<void> {
    const next = new URLSearchParams(query);
    if (next.toString() !== this.params.toString()) {
      this.outcomes = new Map();
      this.checked.clear();
    }
    this.params = next;
    for (const [name, control] of this.controls) setValue(control, next.get(name) ?? '');
    setValue(this.sort, next.get('sort') ?? '-createdAt');
    this.renderColumnChoices();
    this.poll.start();
    await Promise.all([this.refresh(), this.views.show(next.get('sv'))]);
  }

  /** The columns the address names (`cols`), those the list knows, the number always first. */
  private columns(): string[] {
    const named = (this.params.get('cols') ?? '').split(',').filter((c) => c in COLUMNS);
    const columns = named.length ? named : DEFAULT_COLUMNS;
    return ['number', ...columns.filter((c) => c !== 'number')];
  }

  private renderColumnChoices(): void {
    const shown = this.columns();
    replaceChildren(this.columnChoices, Object.entries(COLUMNS).map(([name, column]) => h(
      'label', { class: 'form-check small mb-0 text-nowrap' },
      h('input', {
        class: 'form-check-input', type: 'checkbox', name: `col-${name}`, 'data-column': name, checked: shown.includes(name), disabled: name === 'number',
        onchange: () => this.chooseColumns(),
      }),
      ' ', t(column.header),
    )));
  }

  /** The ticked columns become the address's `cols`; the view stays the one shown, so its owner can update it. */
  private chooseColumns(): void {
    const chosen = [...this.columnChoices.querySelectorAll<HTMLInputElement>('input[data-column]')].filter((box) => box.checked).map((box) => box.dataset.column!);
    const next = new URLSearchParams(this.params);
    next.set('cols', chosen.join(','));
    this.navigate(next);
  }

  /** The query the server gets: every parameter of the address but the view's id and the columns. */
  private query(): TicketQuery {
    const query: TicketQuery = { size: PAGE_SIZE };
    for (const [name, value] of this.params) if (name !== 'sv' && name !== 'cols' && value) query[name] = value;
    query.page = Number(this.params.get('page') ?? 0) || 0;
    return query;
  }

  /**
   * The live update: asks with the list's tag; only a changed list is drawn again, in place: the filters, the
   * search words being typed, the checked rows and the selected ticket stay. The views' counters follow.
   */
  private async pollOnce(): Promise<void> {
    const load = this.loads;
    const polled = await api.pollTickets(this.query(), this.etag);
    if (load !== this.loads || !polled.changed) {
      void this.views.poll();
      return;
    }
    this.etag = polled.etag;
    this.render(polled.value);
    void this.views.poll();
  }

  async refresh(): Promise<void> {
    // every parameter of the address but the view's id goes to the server, which checks it (a view may filter by
    // more than the bar shows: due dates, state, custom fields)
    const load = ++this.loads;
    this.element.setAttribute('aria-busy', 'true');
    try {
      const polled = await api.pollTickets(this.query(), null);
      if (load !== this.loads || !polled.changed) return;
      this.etag = polled.etag;
      this.render(polled.value);
    } catch (error) {
      if (load !== this.loads) return;
      this.etag = null;
      replaceChildren(this.body, notice('danger', t('tickets.loadFailed', { why: describeError(error) })));
      replaceChildren(this.pager);
    } finally {
      if (load === this.loads) this.element.removeAttribute('aria-busy');
    }
  }

  /** Draws a page of tickets; the selection follows its ticket, checked rows stay checked while they are listed. */
  private render(page: Page<TicketSummary>): void {
    const selectedId = this.items[this.selected]?.id;
    this.items = page.items;
    const kept = selectedId === undefined ? -1 : page.items.findIndex((i) => i.id === selectedId);
    this.selected = kept >= 0 ? kept : Math.min(this.selected, page.items.length - 1);
    for (const id of [...this.checked]) if (!page.items.some((i) => i.id === id)) this.checked.delete(id);
    replaceChildren(this.body, page.items.length ? this.table(page.items) : h('p', { class: 'text-body-secondary', 'data-testid': 'no-tickets' }, t('tickets.noMatch')));
    this.markSelected(false);
    this.bulk.update();
    const last = Math.max(0, Math.ceil(page.total / (page.size || PAGE_SIZE)) - 1);
    const to = (n: number) => { const p = new URLSearchParams(this.params); if (n) p.set('page', String(n)); else p.delete('page'); this.navigate(p); };
    replaceChildren(
      this.pager,
      h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', disabled: page.page <= 0, onclick: () => to(page.page - 1) }, t('pager.previous')),
      h('span', { class: 'small text-body-secondary', 'data-total': page.total }, `${t('pager.page', { page: page.page + 1, pages: last + 1 })} · ${page.totalExact === false ? t('tickets.countAtLeast', { count: formatNumber(page.total) }) : tn('tickets.count', page.total)}`),
      h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', disabled: page.page >= last && page.totalExact !== false, onclick: () => to(page.page + 1) }, t('pager.next')),
    );
  }

  /** The filters and sort on the screen, as a view would save them. */
  private currentView(): { filters: Record<string, string>; sort: string; columns: string[] } {
    const filters: Record<string, string> = {};
    for (const [name, value] of this.params) if (!['sv', 'page', 'sort', 'cols'].includes(name) && value) filters[name] = value;
    return { filters, sort: this.params.get('sort') ?? '-createdAt', columns: this.columns() };
  }

  /** The form's values as the list's address; the address change then loads the list. */
  private go(): void {
    // filters the bar does not show (from a view or a bookmark) stay; a changed list is no longer the view
    const next = new URLSearchParams(this.params);
    // an agent's own view stays the one shown while they change it, so that "Update view" can save the change
    const own = this.views.isOwn(this.params.get('sv'));
    for (const name of [...(own ? [] : ['sv']), 'page', 'sort', ...this.controls.keys()]) next.delete(name);
    for (const [name, control] of this.controls) {
      const value = control.value.trim();
      if (value) next.set(name, value);
    }
    if (this.sort.value && this.sort.value !== '-createdAt') next.set('sort', this.sort.value);
    this.navigate(next);
  }

  private navigate(params: URLSearchParams): void {
    const href = ticketListHref(params);
    if (window.location.hash === href) void this.show(params.toString());
    else window.location.hash = href;
  }

  private async fillQueues(select: HTMLSelectElement): Promise<void> {
    try {
      const groups = await api.groups();
      const current = this.params.get('queue') ?? '';
      select.append(...groups.filter((g) => !select.querySelector(`option[value="${CSS.escape(g.id)}"]`)).map((g) => h('option', { value: g.id }, g.name)));
      setValue(select, current);
    } catch {
      // the filter still takes a queue from a bookmarked address; only the choices are missing
    }
  }

  private table(items: TicketSummary[]): HTMLElement {
    const columns = this.columns();
    const all = h('input', {
      class: 'form-check-input', type: 'checkbox', 'aria-label': t('bulk.selectAll'), 'data-action': 'select-all',
      checked: items.length > 0 && items.every((i) => this.checked.has(i.id)),
      onchange: (e: Event) => {
        const on = (e.target as HTMLInputElement).checked;
        for (const item of items) if (on) this.checked.add(item.id); else this.checked.delete(item.id);
        this.body.querySelectorAll<HTMLInputElement>('input[data-row-check]').forEach((box) => { box.checked = on; });
        this.bulk.update();
      },
    });
    return h(
      'div',
      { class: 'table-responsive' },
      h(
        'table',
        { class: 'table table-hover align-middle tickets agent-tickets' },
        h('caption', { class: 'visually-hidden' }, t('inbox.tab.tickets')),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, all),
          columns.map((name) => h('th', { scope: 'col', class: COLUMNS[name].cls, 'data-col-head': name }, t(COLUMNS[name].header))),
        )),
        h('tbody', {}, items.map((ticket, index) => h(
          'tr',
          { 'data-ticket-id': ticket.id, 'data-ticket-number': ticket.number, onclick: (e: Event) => { if (!(e.target as Element).closest('a, input')) this.select(index); } },
          h('td', {}, h('input', {
            class: 'form-check-input', type: 'checkbox', 'data-row-check': ticket.id, checked: this.checked.has(ticket.id),
            'aria-label': t('bulk.selectRow', { number: ticket.number }),
            onchange: (e: Event) => {
              if ((e.target as HTMLInputElement).checked) this.checked.add(ticket.id); else this.checked.delete(ticket.id);
              this.bulk.update();
            },
          })),
          columns.map((name) => name === 'number'
            ? h('th', { scope: 'row', 'data-col': name }, COLUMNS[name].cell(ticket))
            : h('td', { class: COLUMNS[name].cls, 'data-col': name }, COLUMNS[name].cell(ticket), name === 'subject' ? this.outcomeBadge(ticket.id) : null)),
        ))),
      ),
    );
  }

  private outcomeBadge(id: number): HTMLElement | null {
    const outcome = this.outcomes.get(id);
    if (!outcome) return null;
    const ok = outcome.outcome === 'OK';
    return h('div', { class: `small ${ok ? 'text-success' : 'text-danger'}`, 'data-outcome': outcome.outcome },
      ok ? t('bulk.rowOk') : t('bulk.rowFailed', { why: outcome.detail ?? String(outcome.status) }));
  }

  /** After a bulk action: each row says how it went, and the list shows the tickets as they are now. */
  private showOutcomes(outcomes: BulkOutcome[]): void {
    this.outcomes = new Map(outcomes.map((o) => [o.ticketId, o]));
    this.checked.clear();
    void this.refresh();
  }

  private select(index: number): void {
    this.selected = Math.max(0, Math.min(index, this.items.length - 1));
    this.markSelected();
  }

  /** `scroll`: bring the selected row into sight (not when a live update redraws the list under the agent). */
  private markSelected(scroll = true): void {
    this.body.querySelectorAll('tbody tr').forEach((row, i) => {
      row.classList.toggle('table-active', i === this.selected);
      row.setAttribute('aria-selected', String(i === this.selected));
      if (i === this.selected && scroll) row.scrollIntoView?.({ block: 'nearest' });
    });
  }

  /** j/k/Enter while the list is on the screen and the agent is not typing. */
  private key(event: KeyboardEvent): void {
    if (!this.element.isConnected || event.ctrlKey || event.metaKey || event.altKey || !this.items.length) return;
    const target = event.target as HTMLElement | null;
    if (target && (target.closest('input, textarea, select, [contenteditable="true"]'))) return;
    if (event.key === 'j') this.select(this.selected + 1);
    else if (event.key === 'k') this.select(this.selected < 0 ? 0 : this.selected - 1);
    else if (event.key === 'Enter' && this.selected >= 0 && !target?.closest('a, button')) window.location.hash = agentTicketHref(this.items[this.selected].id);
    else return;
    event.preventDefault();
  }
}

/** Sets a control's value; a value from a bookmarked address that is not one of a select's options becomes one. */
function setValue(control: HTMLInputElement | HTMLSelectElement, value: string): void {
  if (control instanceof HTMLSelectElement && value && ![...control.options].some((o) => o.value === value)) {
    control.append(h('option', { value }, value));
  }
  control.value = value;
}
