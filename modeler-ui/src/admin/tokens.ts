import { admin } from '../api/admin';
import { h, notice, replaceChildren, time } from '../ui/dom';
import { t } from '../i18n';
import type { AdminSection } from './parts';
import { failure, field, table } from './parts';

/** The scopes a token may carry (security.token.TokenScope). */
const SCOPES = ['tickets:read', 'tickets:write', 'kb:read', 'kb:write', 'forms:read', 'design:read', 'design:write',
  'reports:read', 'directory:read', 'profile:read', 'admin:read', 'admin:write'];

/**
 * `#/admin/tokens`: every user's API tokens (never a secret, only its first characters), a new token for a service
 * account whose secret is shown this once, and revocation.
 */
export class TokensView implements AdminSection {
  readonly element: HTMLElement;
  private readonly status = h('div', { class: 'admin-status', 'aria-live': 'polite' });
  private readonly list = h('div', { class: 'admin-tokens-list' });

  constructor() {
    const user = h('input', { type: 'text', class: 'form-control form-control-sm admin-token-user' });
    const name = h('input', { type: 'text', class: 'form-control form-control-sm admin-token-name' });
    const days = h('input', { type: 'number', min: '1', max: '366', value: '90', class: 'form-control form-control-sm admin-token-days' });
    const boxes = SCOPES.map((s) => {
      const box = h('input', { type: 'checkbox', class: 'form-check-input', value: s, id: `admin-scope-${s.replace(':', '-')}` });
      return h('div', { class: 'form-check form-check-inline' }, box, h('label', { class: 'form-check-label', for: box.id }, s)); // i18n-ignore
    });
    const form = h('form', { class: 'card card-body mb-3 admin-token-form' }, h('h3', { class: 'h6' }, t('admin.tokens.new')),
      field(t('admin.tokens.user'), user, t('admin.tokens.userHint')), field(t('admin.tokens.name'), name),
      field(t('admin.tokens.days'), days), h('fieldset', { class: 'mb-2' }, h('legend', { class: 'form-label small mb-0' }, t('admin.tokens.scopes')), boxes),
      h('div', {}, h('button', { type: 'submit', class: 'btn btn-sm btn-primary admin-token-create' }, t('admin.tokens.create'))));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const scopes = boxes.map((b) => b.querySelector('input')!).filter((b) => b.checked).map((b) => b.value);
      const expires = new Date(Date.now() + Number(days.value || 0) * 86_400_000).toISOString();
      try {
        const created = await admin.createToken(user.value.trim(), name.value.trim(), scopes, expires);
        form.reset();
        replaceChildren(this.status, h('div', { class: 'alert alert-warning admin-token-secret', role: 'status' },
          h('p', { class: 'mb-1' }, t('admin.tokens.shownOnce', { name: created.name })), h('code', { class: 'user-select-all' }, created.token)));
        await this.show();
      } catch (error) {
        replaceChildren(this.status, failure(error));
      }
    });
    this.element = h('section', { class: 'panel admin-tokens', 'aria-labelledby': 'admin-tokens-heading' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'admin-tokens-heading' }, t('admin.tokens.heading'))),
      this.status, form, this.list);
  }

  async show(): Promise<void> {
    try {
      const tokens = await admin.tokens();
      replaceChildren(this.list, tokens.length
        ? table([t('admin.tokens.user'), t('admin.tokens.name'), t('admin.tokens.hint'), t('admin.tokens.scopes'), t('admin.tokens.expires'), t('admin.tokens.lastUse'), ''],
          tokens.map((tk) => h('tr', { 'data-token': String(tk.id) }, h('td', {}, tk.userId), h('td', {}, tk.name), h('td', {}, h('code', {}, `${tk.hint}…`)),
            h('td', {}, tk.scopes.join(' ')), h('td', {}, time(tk.expiresAt)), h('td', {}, tk.lastUsedAt ? time(tk.lastUsedAt) : '—'),
            h('td', {}, tk.revokedAt
              ? h('span', { class: 'badge text-bg-secondary admin-token-revoked' }, t('admin.tokens.revoked'))
              : h('button', { type: 'button', class: 'btn btn-sm btn-outline-danger admin-token-revoke', onclick: async () => {
                try {
                  await admin.revokeToken(tk.id);
                  replaceChildren(this.status, notice('success', t('admin.tokens.revokedNow', { name: tk.name })));
                  await this.show();
                } catch (error) {
                  replaceChildren(this.status, failure(error));
                }
              } }, t('admin.tokens.revoke'))))), 'admin-tokens-table')
        : h('p', { class: 'text-body-secondary' }, t('admin.tokens.none')));
    } catch (error) {
      replaceChildren(this.list, failure(error));
    }
  }
}
