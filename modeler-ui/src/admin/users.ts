import { admin } from '../api/admin';
import type { AdminGroup, AdminTenant, AdminUser, UserFields } from '../api/admin';
import { h, notice, replaceChildren } from '../ui/dom';
import { t } from '../i18n';
import type { AdminSection } from './parts';
import { failure, field, table } from './parts';

const PAGE_SIZE = 25;

/**
 * `#/admin/users`: search and page through users, create a local account, edit one (a directory's account: groups
 * only, the server refuses the rest), set a password, reset the second factor, disable or enable it.
 */
export class UsersView implements AdminSection {
  readonly element: HTMLElement;
  private readonly status = h('div', { class: 'admin-status', 'aria-live': 'polite' });
  private readonly list = h('div', { class: 'admin-users-list' });
  private readonly editor = h('div', { class: 'admin-user-editor' });
  private readonly search = h('input', { type: 'search', class: 'form-control form-control-sm admin-user-search', 'aria-label': t('admin.users.search') });
  private page = 0;
  private groups: AdminGroup[] = [];
  private tenants: AdminTenant[] = [];

  constructor() {
    const form = h('form', { class: 'd-flex gap-2 mb-2', role: 'search' }, this.search,
      h('button', { type: 'submit', class: 'btn btn-sm btn-outline-secondary' }, t('admin.users.searchButton')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.page = 0;
      void this.load();
    });
    this.element = h('section', { class: 'panel admin-users', 'aria-labelledby': 'admin-users-heading' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'admin-users-heading' }, t('admin.users.heading')),
        h('button', { type: 'button', class: 'btn btn-sm btn-primary admin-user-new', onclick: () => this.edit(null) }, t('admin.users.new'))),
      this.status, form, this.editor, this.list);
  }

  async show(): Promise<void> {
    try {
      [this.groups, this.tenants] = await Promise.all([admin.groups(), admin.tenants()]);
    } catch (error) {
      replaceChildren(this.status, failure(error));
    }
    await this.load();
  }

  private async load(): Promise<void> {
    try {
      const page = await admin.users(this.search.value.trim(), this.page, PAGE_SIZE);
      const rows = page.items.map((u) => h('tr', { 'data-user': u.id },
        h('td', {}, h('code', {}, u.id)), h('td', {}, u.name), h('td', {}, u.email ?? ''),
        h('td', {}, u.groups.join(', ')), h('td', {}, u.tenant ?? ''),
        h('td', {}, u.disabled ? h('span', { class: 'badge text-bg-secondary' }, t('admin.users.disabled')) : null,
          u.source ? h('span', { class: 'badge text-bg-light border ms-1' }, u.source) : null),
        h('td', {}, h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary admin-user-edit', onclick: () => this.edit(u) }, t('admin.edit')))));
      const pager = h('div', { class: 'd-flex gap-2 align-items-center' },
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', disabled: this.page === 0, onclick: () => { this.page--; void this.load(); } }, t('admin.previous')),
        h('span', { class: 'small text-body-secondary' }, t('admin.users.count', { from: page.total ? this.page * PAGE_SIZE + 1 : 0, to: this.page * PAGE_SIZE + page.items.length, total: page.total })),
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', disabled: (this.page + 1) * PAGE_SIZE >= page.total, onclick: () => { this.page++; void this.load(); } }, t('admin.next')));
      replaceChildren(this.list, page.items.length
        ? table([t('admin.users.id'), t('admin.users.name'), t('admin.users.email'), t('admin.users.groups'), t('admin.users.tenant'), '', ''], rows, 'admin-users-table')
        : h('p', { class: 'text-body-secondary' }, t('admin.users.none')), pager);
    } catch (error) {
      replaceChildren(this.list, failure(error));
    }
  }

  /** The editor for a new (null) or an existing user. */
  private edit(user: AdminUser | null): void {
    const input = (value: string | null | undefined, type = 'text') => h('input', { type, value: value ?? '' });
    const id = input(user?.id);
    id.classList.add('admin-user-id');
    const first = input(user?.firstName);
    first.classList.add('admin-user-first');
    const last = input(user?.lastName);
    last.classList.add('admin-user-last');
    const email = input(user?.email, 'email');
    email.classList.add('admin-user-email');
    const language = h('select', {}, h('option', { value: '' }, t('admin.users.noLanguage')),
      ['en', 'de'].map((l) => h('option', { value: l, selected: user?.language === l }, l)));
    const tenant = h('select', { class: 'form-select form-select-sm admin-user-tenant' }, h('option', { value: '' }, t('admin.users.noTenant')),
      this.tenants.map((tn) => h('option', { value: tn.id, selected: user?.tenant === tn.id }, tn.name)));
    const password = input('', 'password');
    password.autocomplete = 'new-password';
    password.classList.add('admin-user-password');
    const groupBoxes = this.groups.map((g) => {
      const box = h('input', { type: 'checkbox', class: 'form-check-input', value: g.id, id: `admin-group-${g.id}`, checked: user?.groups.includes(g.id) ?? false, 'data-group': g.id });
      return h('div', { class: 'form-check form-check-inline' }, box, h('label', { class: 'form-check-label', for: box.id }, g.name));
    });
    const external = !!user?.source;
    for (const control of [first, last, email, language, tenant]) control.disabled = external;
    if (user) id.disabled = true;
    const fields = (): UserFields => ({
      firstName: first.value.trim() || null,
      lastName: last.value.trim() || null,
      email: email.value.trim() || null,
      language: language.value || null,
      tenant: tenant.value || null,
      groups: groupBoxes.map((g) => g.querySelector('input')!).filter((b) => b.checked).map((b) => b.value),
    });
    const news = h('div', { 'aria-live': 'polite' });
    const form = h('form', { class: 'card card-body mb-3 admin-user-form' },
      h('h3', { class: 'h5' }, user ? t('admin.users.editing', { id: user.id }) : t('admin.users.new')),
      external ? notice('info', t('admin.users.external', { source: user!.source! })) : null,
      field(t('admin.users.id'), id), field(t('admin.users.firstName'), first), field(t('admin.users.lastName'), last),
      field(t('admin.users.email'), email), field(t('admin.users.language'), language), field(t('admin.users.tenant'), tenant),
      h('fieldset', { class: 'mb-2' }, h('legend', { class: 'form-label small mb-0' }, t('admin.users.groups')), groupBoxes),
      user ? null : field(t('admin.users.password'), password),
      h('div', { class: 'd-flex gap-2' },
        h('button', { type: 'submit', class: 'btn btn-sm btn-primary admin-user-save' }, t('admin.save')),
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', onclick: () => replaceChildren(this.editor) }, t('admin.cancel'))),
      user ? this.actions(user, news) : null, news);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const saved = user ? await admin.updateUser(user.id, fields())
          : await admin.createUser({ id: id.value.trim(), password: password.value, ...fields() });
        replaceChildren(this.editor);
        replaceChildren(this.status, notice('success', t('admin.users.saved', { id: saved.id })));
        await this.load();
      } catch (error) {
        replaceChildren(news, failure(error));
      }
    });
    replaceChildren(this.editor, form);
    (user ? first : id).focus();
  }

  /** Disable/enable, a new password, the second factor's reset. */
  private actions(user: AdminUser, news: HTMLElement): HTMLElement {
    const act = (label: string, cls: string, run: () => Promise<unknown>, done: string) =>
      h('button', { type: 'button', class: `btn btn-sm btn-outline-danger ${cls}`, onclick: async () => {
        try {
          await run();
          replaceChildren(this.editor);
          replaceChildren(this.status, notice('success', done));
          await this.load();
        } catch (error) {
          replaceChildren(news, failure(error));
        }
      } }, label);
    const password = h('input', { type: 'password', autocomplete: 'new-password', class: 'form-control form-control-sm admin-user-new-password', 'aria-label': t('admin.users.newPassword') });
    return h('div', { class: 'border-top mt-3 pt-2 d-flex flex-wrap gap-2 align-items-center' },
      user.disabled
        ? act(t('admin.users.enable'), 'admin-user-enable', () => admin.enable(user.id), t('admin.users.enabled', { id: user.id }))
        : act(t('admin.users.disable'), 'admin-user-disable', () => admin.disable(user.id), t('admin.users.disabledNow', { id: user.id })),
      act(t('admin.users.resetTotp'), 'admin-user-totp', () => admin.resetTotp(user.id), t('admin.users.totpReset', { id: user.id })),
      user.source ? null : h('div', { class: 'input-group input-group-sm w-auto' }, password,
        act(t('admin.users.setPassword'), 'admin-user-set-password', () => admin.resetPassword(user.id, password.value), t('admin.users.passwordSet', { id: user.id }))));
  }
}
