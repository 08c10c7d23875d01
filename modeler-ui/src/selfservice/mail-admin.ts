import '../styles/selfservice.css';
import type { Me, Page } from '../api';
import { selfService } from '../api/selfservice';
import type { Delivery, Mailbox, MailOverview, QuarantinedMail } from '../api/selfservice';
import type { AreaView } from '../shell/areas';
import { describeError, h, notice, replaceChildren, time } from '../ui/dom';

/** Every text of the mail administration page, in one place for translation. */
const TEXT = {
  heading: 'Mail',
  refresh: 'Refresh',
  loading: 'Loading…',
  loadFailed: (why: string) => `The mail overview could not be loaded: ${why}`,
  off: 'Mail is switched off: Flowdesk neither reads mailboxes nor sends mail. Set flowdesk.mail.enabled=true (with the mail server settings) to switch it on.',
  on: (from: string | null) => (from ? `Mail is on; Flowdesk sends as ${from}.` : 'Mail is on.'),
  outbox: 'Outbox',
  outboxEmpty: 'The outbox is empty.',
  mailboxes: 'Mailboxes',
  noMailboxes: 'No mailbox is configured.',
  columns: ['Mailbox', 'Queue / process', 'Last poll', 'Last success', 'Last result', ''],
  never: 'never',
  lastResult: (m: Mailbox) =>
    m.lastRead === null ? '—' : `${m.lastRead} read, ${m.lastCreated ?? 0} new tickets, ${m.lastAppended ?? 0} replies, ${m.lastQuarantined ?? 0} quarantined`,
  lastError: 'Last error: ',
  pollNow: 'Poll now',
  polling: 'Polling…',
  pollStarted: (name: string) => `A poll of ${name} has started; refresh in a moment to see its result.`,
  pollFailed: (why: string) => `The poll could not be started: ${why}`,
  quarantine: 'Quarantine',
  quarantineIntro: 'Mails Flowdesk did not turn into tickets or replies, with the reason.',
  quarantineEmpty: 'No mail is in quarantine.',
  quarantineColumns: ['Received', 'Mailbox', 'Sender', 'Subject', 'Reason', ''],
  dismiss: 'Dismiss',
  dismissed: 'The mail was dismissed.',
  dismissFailed: (why: string) => `Not dismissed: ${why}`,
  deliveries: 'Failed deliveries',
  deliveriesIntro: 'Mails that could not be sent, given up or still being retried.',
  deliveriesEmpty: 'No delivery has failed.',
  deliveryColumns: ['Created', 'Ticket', 'Template', 'Recipient', 'Status', 'Attempts', 'Last error'],
  more: (shown: number, total: number) => `Showing ${shown} of ${total}.`,
};

/** `#/admin/mail`: the mail channel at a glance (GET /api/admin/mail), its quarantine and failed deliveries. */
export function mountAdmin(main: HTMLElement, _me: Me): AreaView {
  const view = new MailAdminView();
  replaceChildren(main, h('div', { class: 'admin' }, view.element));
  return {
    route() {
      void view.show();
    },
  };
}

function table(columns: string[], rows: HTMLElement[], cls: string): HTMLElement {
  return h(
    'div',
    { class: 'table-responsive' },
    h('table', { class: `table table-sm align-middle ${cls}` },
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows)),
  );
}

class MailAdminView {
  readonly element: HTMLElement;
  private readonly body = h('div', { class: 'mail-admin-body' });
  private readonly status = h('div', { class: 'mail-admin-status', 'aria-live': 'polite' });

  constructor() {
    this.element = h(
      'section',
      { class: 'panel mail-admin', 'aria-labelledby': 'mail-admin-heading' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'mail-admin-heading' }, TEXT.heading),
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', onclick: () => void this.show() }, TEXT.refresh)),
      this.status,
      this.body,
    );
  }

  async show(news?: HTMLElement): Promise<void> {
    replaceChildren(this.status, news);
    this.element.setAttribute('aria-busy', 'true');
    if (!this.body.childNodes.length) replaceChildren(this.body, h('p', { class: 'text-body-secondary' }, TEXT.loading));
    try {
      const [overview, quarantine, deliveries] = await Promise.all([
        selfService.mail(),
        selfService.quarantine(0, 50),
        selfService.deliveries(0, 50),
      ]);
      replaceChildren(this.body, this.overview(overview), this.quarantine(quarantine), this.deliveries(deliveries));
    } catch (error) {
      replaceChildren(this.body, notice('danger', TEXT.loadFailed(describeError(error))));
    } finally {
      this.element.removeAttribute('aria-busy');
    }
  }

  private overview(o: MailOverview): HTMLElement {
    const outbox = Object.entries(o.outbox ?? {}).filter(([, n]) => n > 0);
    return h(
      'div',
      { class: 'mail-overview', 'data-enabled': String(o.enabled) },
      o.enabled
        ? h('div', { class: 'alert alert-success mail-state', role: 'status' }, TEXT.on(o.from))
        : h('div', { class: 'alert alert-warning mail-state mail-off', role: 'status' }, TEXT.off),
      h('h3', { class: 'h5' }, TEXT.outbox),
      outbox.length
        ? h('ul', { class: 'list-inline mail-outbox' }, outbox.map(([s, n]) => h('li', { class: 'list-inline-item badge text-bg-light border', 'data-status': s }, `${s}: ${n}`)))
        : h('p', { class: 'text-body-secondary' }, TEXT.outboxEmpty),
      h('h3', { class: 'h5' }, TEXT.mailboxes),
      o.mailboxes.length ? table(TEXT.columns, o.mailboxes.map((m) => this.mailbox(m, o.enabled)), 'mail-mailboxes') : h('p', { class: 'text-body-secondary mail-no-mailboxes' }, TEXT.noMailboxes),
    );
  }

  private mailbox(m: Mailbox, enabled: boolean): HTMLElement {
    const poll = h('button', { type: 'button', class: 'btn btn-sm btn-outline-primary mail-poll', disabled: !enabled }, TEXT.pollNow);
    poll.addEventListener('click', async () => {
      poll.disabled = true;
      poll.textContent = TEXT.polling;
      try {
        await selfService.pollNow(m.index);
        replaceChildren(this.status, notice('success', TEXT.pollStarted(m.name)));
      } catch (error) {
        replaceChildren(this.status, notice('danger', TEXT.pollFailed(describeError(error))));
      } finally {
        poll.disabled = false;
        poll.textContent = TEXT.pollNow;
      }
    });
    const when = (iso: string | null) => (iso ? time(iso) : TEXT.never);
    return h(
      'tr',
      { 'data-mailbox': m.index },
      h('td', {}, h('div', { class: 'fw-semibold' }, m.name), h('div', { class: 'small text-body-secondary' }, m.address)),
      h('td', {}, [m.queue, m.process].filter(Boolean).join(' / ') || '—'),
      h('td', {}, when(m.lastPollAt)),
      h('td', {}, when(m.lastSuccessAt)),
      h('td', {}, TEXT.lastResult(m), m.lastError ? h('div', { class: 'text-danger small mail-last-error' }, TEXT.lastError, m.lastError) : null),
      h('td', {}, poll),
    );
  }

  private quarantine(page: Page<QuarantinedMail>): HTMLElement {
    const row = (q: QuarantinedMail) => {
      const dismiss = h('button', { type: 'button', class: 'btn btn-sm btn-outline-danger mail-dismiss' }, TEXT.dismiss);
      dismiss.addEventListener('click', async () => {
        dismiss.disabled = true;
        try {
          await selfService.dismiss(q.id);
          await this.show(notice('success', TEXT.dismissed));
        } catch (error) {
          dismiss.disabled = false;
          replaceChildren(this.status, notice('danger', TEXT.dismissFailed(describeError(error))));
        }
      });
      return h('tr', { 'data-quarantine-id': q.id },
        h('td', {}, time(q.receivedAt)), h('td', {}, q.mailbox), h('td', {}, q.sender ?? '—'),
        h('td', {}, q.subject ?? '—'), h('td', {}, q.reason), h('td', {}, dismiss));
    };
    return h(
      'section',
      { class: 'mail-quarantine mt-4', 'aria-labelledby': 'mail-quarantine-heading' },
      h('h3', { class: 'h5', id: 'mail-quarantine-heading' }, TEXT.quarantine),
      h('p', { class: 'small text-body-secondary' }, TEXT.quarantineIntro),
      page.items.length ? table(TEXT.quarantineColumns, page.items.map(row), 'mail-quarantine-table') : h('p', { class: 'mail-quarantine-empty' }, TEXT.quarantineEmpty),
      page.total > page.items.length ? h('p', { class: 'small' }, TEXT.more(page.items.length, page.total)) : null,
    );
  }

  private deliveries(page: Page<Delivery>): HTMLElement {
    const row = (d: Delivery) =>
      h('tr', { 'data-delivery-id': d.id },
        h('td', {}, time(d.createdAt)), h('td', {}, d.ticketId ? h('a', { href: `#/agent/tickets/${d.ticketId}` }, String(d.ticketId)) : '—'),
        h('td', {}, d.template), h('td', {}, d.recipient), h('td', {}, d.status), h('td', {}, String(d.attempts)),
        h('td', { class: 'small text-danger' }, d.lastError ?? '—'));
    return h(
      'section',
      { class: 'mail-deliveries mt-4', 'aria-labelledby': 'mail-deliveries-heading' },
      h('h3', { class: 'h5', id: 'mail-deliveries-heading' }, TEXT.deliveries),
      h('p', { class: 'small text-body-secondary' }, TEXT.deliveriesIntro),
      page.items.length ? table(TEXT.deliveryColumns, page.items.map(row), 'mail-deliveries-table') : h('p', { class: 'mail-deliveries-empty' }, TEXT.deliveriesEmpty),
      page.total > page.items.length ? h('p', { class: 'small' }, TEXT.more(page.items.length, page.total)) : null,
    );
  }
}
