import { admin } from '../api/admin';
import { h, replaceChildren, time } from '../ui/dom';
import { t } from '../i18n';
import type { AdminSection } from './parts';
import { failure, field, table } from './parts';

/** The kinds of security_event (security.audit.SecurityEventKind). */
const KINDS = ['SIGN_IN', 'SIGN_IN_FAILED', 'SECOND_FACTOR_FAILED', 'SECOND_FACTOR_ENROLLED', 'SECOND_FACTOR_REMOVED',
  'ROLE_CHANGED', 'USER_CREATED', 'USER_CHANGED', 'PASSWORD_RESET', 'PASSWORD_RESET_REQUESTED', 'USER_DISABLED', 'USER_ENABLED', 'GROUP_CHANGED',
  'TENANT_CHANGED', 'TOKEN_CREATED', 'TOKEN_REVOKED', 'DEPLOYMENT', 'RULE_ACTIVATION', 'EXPORT'];
const PAGE_SIZE = 50;

/** `#/admin/security`: the security audit, newest first, filtered by kind and actor. */
export class SecurityEventsView implements AdminSection {
  readonly element: HTMLElement;
  private readonly list = h('div', { class: 'admin-events-list' });
  private readonly kind = h('select', { class: 'form-select form-select-sm admin-event-kind' }, h('option', { value: '' }, t('admin.events.allKinds')),
    KINDS.map((k) => h('option', { value: k }, k)));
  private readonly actor = h('input', { type: 'text', class: 'form-control form-control-sm admin-event-actor' });
  private page = 0;

  constructor() {
    const form = h('form', { class: 'row g-2 align-items-end mb-2' },
      h('div', { class: 'col-auto' }, field(t('admin.events.kind'), this.kind)),
      h('div', { class: 'col-auto' }, field(t('admin.events.actor'), this.actor)),
      h('div', { class: 'col-auto mb-2' }, h('button', { type: 'submit', class: 'btn btn-sm btn-outline-secondary' }, t('admin.events.filter'))));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.page = 0;
      void this.show();
    });
    this.element = h('section', { class: 'panel admin-events', 'aria-labelledby': 'admin-events-heading' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'admin-events-heading' }, t('admin.events.heading'))), form, this.list);
  }

  async show(): Promise<void> {
    try {
      const page = await admin.events(this.kind.value, this.actor.value.trim(), this.page, PAGE_SIZE);
      const pager = h('div', { class: 'd-flex gap-2 align-items-center' },
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', disabled: this.page === 0, onclick: () => { this.page--; void this.show(); } }, t('admin.previous')),
        h('span', { class: 'small text-body-secondary' }, t('admin.events.count', { total: page.total })),
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', disabled: (this.page + 1) * PAGE_SIZE >= page.total, onclick: () => { this.page++; void this.show(); } }, t('admin.next')));
      replaceChildren(this.list, page.items.length
        ? table([t('admin.events.when'), t('admin.events.kind'), t('admin.events.actor'), t('admin.events.subject'), t('admin.events.address'), t('admin.events.detail')],
          page.items.map((e) => h('tr', { 'data-kind': e.kind }, h('td', {}, time(e.occurredAt)), h('td', {}, h('code', {}, e.kind)),
            h('td', {}, e.actor ?? ''), h('td', {}, e.subject ?? ''), h('td', {}, e.address ?? ''), h('td', {}, e.detail ?? ''))), 'admin-events-table')
        : h('p', { class: 'text-body-secondary' }, t('admin.events.none')), pager);
    } catch (error) {
      replaceChildren(this.list, failure(error));
    }
  }
}
