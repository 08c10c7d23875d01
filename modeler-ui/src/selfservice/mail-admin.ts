import '../styles/selfservice.css';
import type { Me, Page } from '../api';
import { selfService } from '../api/selfservice';
import type { Delivery, Mailbox, MailboxInput, MailOverview, QuarantinedMail } from '../api/selfservice';
import type { AreaView } from '../shell/areas';
import { describeError, h, notice, replaceChildren, time } from '../ui/dom';
import { t } from '../i18n';

/** Every text of the mail administration page, read from the catalogues (i18n) when shown. */
const TEXT = {
  get heading() {
    return t('mailAdmin.heading');
  },
  get refresh() {
    return t('mailAdmin.refresh');
  },
  get loading() {
    return t('mailAdmin.loading');
  },
  loadFailed: (why: string) => t('mailAdmin.loadFailed', { why }),
  get off() {
    return t('mailAdmin.off');
  },
  on: (from: string | null) => (from ? t('mailAdmin.onFrom', { from }) : t('mailAdmin.on')),
  get outbox() {
    return t('mailAdmin.outbox');
  },
  get outboxEmpty() {
    return t('mailAdmin.outboxEmpty');
  },
  get mailboxes() {
    return t('mailAdmin.mailboxes');
  },
  get noMailboxes() {
    return t('mailAdmin.noMailboxes');
  },
  get columns() {
    return [t('mailAdmin.col.mailbox'), t('mailAdmin.col.queueProcess'), t('mailAdmin.col.lastPoll'), t('mailAdmin.col.lastSuccess'), t('mailAdmin.col.lastResult'), '', ''];
  },
  get never() {
    return t('mailAdmin.never');
  },
  lastResult: (m: Mailbox) =>
    m.lastRead === null ? '—' : t('mailAdmin.lastResult', { read: m.lastRead, created: m.lastCreated ?? 0, appended: m.lastAppended ?? 0, quarantined: m.lastQuarantined ?? 0 }),
  get lastError() {
    return t('mailAdmin.lastError');
  },
  get pollNow() {
    return t('mailAdmin.pollNow');
  },
  get polling() {
    return t('mailAdmin.polling');
  },
  pollStarted: (name: string) => t('mailAdmin.pollStarted', { name }),
  pollFailed: (why: string) => t('mailAdmin.pollFailed', { why }),
  get quarantine() {
    return t('mailAdmin.quarantine');
  },
  get quarantineIntro() {
    return t('mailAdmin.quarantineIntro');
  },
  get quarantineEmpty() {
    return t('mailAdmin.quarantineEmpty');
  },
  get quarantineColumns() {
    return [t('mailAdmin.col.received'), t('mailAdmin.col.mailbox'), t('mailAdmin.col.sender'), t('ticket.subject'), t('mailAdmin.col.reason'), ''];
  },
  get dismiss() {
    return t('mailAdmin.dismiss');
  },
  get dismissed() {
    return t('mailAdmin.dismissed');
  },
  dismissFailed: (why: string) => t('mailAdmin.dismissFailed', { why }),
  get deliveries() {
    return t('mailAdmin.deliveries');
  },
  get deliveriesIntro() {
    return t('mailAdmin.deliveriesIntro');
  },
  get deliveriesEmpty() {
    return t('mailAdmin.deliveriesEmpty');
  },
  get deliveryColumns() {
    return [t('ticket.created'), t('ticket.heading'), t('mailAdmin.col.template'), t('mailAdmin.col.recipient'), t('ticket.status'), t('mailAdmin.col.attempts'), t('mailAdmin.col.lastError')];
  },
  more: (shown: number, total: number) => t('mailAdmin.more', { shown, total }),
  get add() {
    return t('mailAdmin.add');
  },
  get edit() {
    return t('mailAdmin.edit');
  },
  get disable() {
    return t('mailAdmin.disable');
  },
  get enable() {
    return t('mailAdmin.enable');
  },
  get test() {
    return t('mailAdmin.test');
  },
  get disabled() {
    return t('mailAdmin.disabled');
  },
  get formNew() {
    return t('mailAdmin.formNew');
  },
  get url() {
    return t('mailAdmin.url');
  },
  get password() {
    return t('mailAdmin.password');
  },
  get passwordKept() {
    return t('mailAdmin.passwordKept');
  },
  get address() {
    return t('mailAdmin.address');
  },
  get queue() {
    return t('mailAdmin.queue');
  },
  get process() {
    return t('mailAdmin.process');
  },
  get pollInterval() {
    return t('mailAdmin.pollInterval');
  },
  get enabledLabel() {
    return t('mailAdmin.enabledLabel');
  },
  get idleLabel() {
    return t('mailAdmin.idleLabel');
  },
  get save() {
    return t('mailAdmin.save');
  },
  get cancel() {
    return t('mailAdmin.cancel');
  },
  idleState: (state: string) => t('mailAdmin.idleState', { state: state.toLowerCase().replace('_', ' ') }),
  formEdit: (name: string) => t('mailAdmin.formEdit', { name }),
  saved: (name: string) => t('mailAdmin.saved', { name }),
  saveFailed: (why: string) => t('mailAdmin.saveFailed', { why }),
  tested: (messages: number | null, unseen: number | null) => t('mailAdmin.tested', { messages: messages ?? 0, unseen: unseen ?? 0 }),
  testFailed: (why: string) => t('mailAdmin.testFailed', { why }),
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
  private readonly editor = h('div', { class: 'mail-mailbox-editor' });

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
      h('div', { class: 'd-flex align-items-center gap-2' }, h('h3', { class: 'h5 mb-0' }, TEXT.mailboxes),
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-primary mail-add', onclick: () => this.edit(null) }, TEXT.add)),
      this.editor,
      o.mailboxes.length ? table(TEXT.columns, o.mailboxes.map((m) => this.mailbox(m, o.enabled)), 'mail-mailboxes') : h('p', { class: 'text-body-secondary mail-no-mailboxes' }, TEXT.noMailboxes),
    );
  }

  private mailbox(m: Mailbox, enabled: boolean): HTMLElement {
    const poll = h('button', { type: 'button', class: 'btn btn-sm btn-outline-primary mail-poll', disabled: !enabled || !m.enabled }, TEXT.pollNow);
    const edit = h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary mail-edit', onclick: () => this.edit(m) }, TEXT.edit);
    const toggle = h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary mail-toggle' }, m.enabled ? TEXT.disable : TEXT.enable);
    toggle.addEventListener('click', async () => {
      toggle.disabled = true;
      try {
        await selfService.updateMailbox(m.id, { enabled: !m.enabled, version: m.version });
        await this.show(notice('success', TEXT.saved(m.name)));
      } catch (error) {
        toggle.disabled = false;
        replaceChildren(this.status, notice('danger', TEXT.saveFailed(describeError(error))));
      }
    });
    const test = h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary mail-test' }, TEXT.test);
    test.addEventListener('click', async () => {
      test.disabled = true;
      try {
        const result = await selfService.testMailbox(m.id);
        replaceChildren(this.status, result.ok ? notice('success', TEXT.tested(result.messages, result.unseen)) : notice('danger', TEXT.testFailed(result.error ?? '')));
      } catch (error) {
        replaceChildren(this.status, notice('danger', TEXT.testFailed(describeError(error))));
      } finally {
        test.disabled = false;
      }
    });
    poll.addEventListener('click', async () => {
      poll.disabled = true;
      poll.textContent = TEXT.polling;
      try {
        await selfService.pollNow(m.id);
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
      { 'data-mailbox': m.id, 'data-enabled': String(m.enabled) },
      h('td', {}, h('div', { class: 'fw-semibold' }, m.name), h('div', { class: 'small text-body-secondary' }, m.address),
        m.enabled ? null : h('span', { class: 'badge text-bg-secondary' }, TEXT.disabled),
        m.idleState ? h('div', { class: 'small text-body-secondary mail-idle' }, TEXT.idleState(m.idleState)) : null),
      h('td', {}, [m.queue, m.process].filter(Boolean).join(' / ') || '—'),
      h('td', {}, when(m.lastPollAt)),
      h('td', {}, when(m.lastSuccessAt)),
      h('td', {}, TEXT.lastResult(m), m.lastError ? h('div', { class: 'text-danger small mail-last-error' }, TEXT.lastError, m.lastError) : null),
      h('td', {}, poll),
      h('td', { class: 'text-nowrap' }, edit, ' ', toggle, ' ', test),
    );
  }

  /** Opens the form for a new mailbox (null) or for `m`; the password field stays empty (kept unless typed). */
  private edit(m: Mailbox | null): void {
    const input = (name: string, label: string, value: string, attrs: Record<string, string | boolean> = {}) => {
      const id = `mailbox-${name}`;
      return h('div', { class: 'mb-2' }, h('label', { class: 'form-label', for: id }, label),
        h('input', { class: 'form-control form-control-sm', name, id, value, ...attrs }));
    };
    const check = (name: string, label: string, checked: boolean) => {
      const id = `mailbox-${name}`;
      return h('div', { class: 'form-check' }, h('input', { class: 'form-check-input', type: 'checkbox', name, id, checked }),
        h('label', { class: 'form-check-label', for: id }, label));
    };
    const form = h('form', { class: 'mail-mailbox-form border rounded p-3 my-2' },
      h('h4', { class: 'h6' }, m ? TEXT.formEdit(m.name) : TEXT.formNew),
      input('url', TEXT.url, m?.url ?? '', { required: true }),
      input('password', TEXT.password, '', { type: 'password', autocomplete: 'new-password', placeholder: m?.hasPassword ? TEXT.passwordKept : '' }),
      input('address', TEXT.address, m?.address ?? '', { type: 'email', required: true }),
      input('queue', TEXT.queue, m?.queue ?? ''),
      input('process', TEXT.process, m?.process ?? ''),
      input('pollInterval', TEXT.pollInterval, m?.pollInterval ?? 'PT30S'),
      check('enabled', TEXT.enabledLabel, m?.enabled ?? true),
      check('idle', TEXT.idleLabel, m?.idle ?? true),
      h('div', { class: 'mt-2 d-flex gap-2' },
        h('button', { type: 'submit', class: 'btn btn-sm btn-primary' }, TEXT.save),
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', onclick: () => replaceChildren(this.editor) }, TEXT.cancel)),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
      const checked = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).checked;
      const body: MailboxInput = {
        url: value('url'), address: value('address'), queue: value('queue'), process: value('process'),
        pollInterval: value('pollInterval'), enabled: checked('enabled'), idle: checked('idle'),
      };
      if (value('password')) body.password = value('password');
      if (m) body.version = m.version;
      try {
        const saved = m ? await selfService.updateMailbox(m.id, body) : await selfService.createMailbox(body);
        replaceChildren(this.editor);
        await this.show(notice('success', TEXT.saved(saved.name)));
      } catch (error) {
        replaceChildren(this.status, notice('danger', TEXT.saveFailed(describeError(error))));
      }
    });
    replaceChildren(this.editor, form);
    (form.elements.namedItem('url') as HTMLInputElement).focus();
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
