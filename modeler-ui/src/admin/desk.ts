import { admin } from '../api/admin';
import { h, notice, replaceChildren } from '../ui/dom';
import { t } from '../i18n';
import type { AdminSection } from './parts';
import { failure, field, table } from './parts';

/**
 * `#/admin/queues`: each agent group with its agents, its business calendar and its mailboxes. The calendar is
 * assigned in the designer's calendars, the mailbox's queue in the mail page: this page shows them together.
 */
export class QueuesView implements AdminSection {
  readonly element: HTMLElement;
  private readonly list = h('div', { class: 'admin-queues-list' });

  constructor() {
    this.element = h('section', { class: 'panel admin-queues', 'aria-labelledby': 'admin-queues-heading' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'admin-queues-heading' }, t('admin.queues.heading'))),
      h('p', { class: 'text-body-secondary small' }, t('admin.queues.intro'),
        ' ', h('a', { href: '#/design/calendars' }, t('admin.queues.calendars')), ' · ', h('a', { href: '#/admin/mail' }, t('admin.queues.mail'))),
      this.list);
  }

  async show(): Promise<void> {
    try {
      const queues = await admin.queues();
      replaceChildren(this.list, table([t('admin.queues.queue'), t('admin.queues.agents'), t('admin.queues.calendar'), t('admin.queues.mailboxes')],
        queues.map((q) => h('tr', { 'data-queue': q.id }, h('td', {}, q.name, ' ', h('code', { class: 'small' }, q.id)), h('td', {}, String(q.agents)),
          h('td', {}, q.calendar ? q.calendar.name : h('span', { class: 'text-body-secondary' }, t('admin.queues.standardCalendar'))),
          h('td', {}, q.mailboxes.length ? q.mailboxes.map((m) => h('div', {}, m.address, m.enabled ? null : ` (${t('admin.queues.mailboxOff')})`)) : '—'))),
        'admin-queues-table'));
    } catch (error) {
      replaceChildren(this.list, failure(error));
    }
  }
}

/** `#/admin/tenants`: tenants with how many organisations and users each has; a new tenant. */
export class TenantsView implements AdminSection {
  readonly element: HTMLElement;
  private readonly status = h('div', { class: 'admin-status', 'aria-live': 'polite' });
  private readonly list = h('div', { class: 'admin-tenants-list' });

  constructor() {
    const id = h('input', { type: 'text' });
    const name = h('input', { type: 'text' });
    const form = h('form', { class: 'card card-body mb-3 admin-tenant-form' }, h('h3', { class: 'h6' }, t('admin.tenants.new')),
      field(t('admin.tenants.id'), id), field(t('admin.tenants.name'), name),
      h('div', {}, h('button', { type: 'submit', class: 'btn btn-sm btn-primary' }, t('admin.save'))));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const created = await admin.createTenant(id.value.trim(), name.value.trim());
        form.reset();
        replaceChildren(this.status, notice('success', t('admin.tenants.saved', { id: created.id })));
        await this.show();
      } catch (error) {
        replaceChildren(this.status, failure(error));
      }
    });
    this.element = h('section', { class: 'panel admin-tenants', 'aria-labelledby': 'admin-tenants-heading' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'admin-tenants-heading' }, t('admin.tenants.heading'))),
      h('p', { class: 'text-body-secondary small' }, t('admin.tenants.intro')), this.status, this.list, form);
  }

  async show(): Promise<void> {
    try {
      const tenants = await admin.tenants();
      replaceChildren(this.list, tenants.length
        ? table([t('admin.tenants.id'), t('admin.tenants.name'), t('admin.tenants.organisations'), t('admin.tenants.users')],
          tenants.map((tn) => h('tr', { 'data-tenant': tn.id }, h('td', {}, h('code', {}, tn.id)), h('td', {}, tn.name),
            h('td', {}, String(tn.organisations)), h('td', {}, String(tn.users)))), 'admin-tenants-table')
        : h('p', { class: 'text-body-secondary' }, t('admin.tenants.none')));
    } catch (error) {
      replaceChildren(this.list, failure(error));
    }
  }
}
