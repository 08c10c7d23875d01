import { api, ApiError } from '../api';
import type { AssetType } from '../api';
import { describeError, h, notice, replaceChildren } from '../ui/dom';
import { t } from '../i18n';
import { formHref } from './forms';

/**
 * Asset types for designers (issue 13): a key, a name and the Form.io form that holds the type's fields. The form is
 * designed in the form builder (the link opens it for the key typed here); the engine checks that it exists, and a
 * change needs the version read (409 otherwise).
 */
export class AssetTypesView {
  readonly element: HTMLElement;
  private readonly list = h('div', { 'data-testid': 'asset-type-list' });
  private readonly status = h('div', { 'aria-live': 'polite' });
  private readonly key = h('input', { class: 'form-control form-control-sm', name: 'typeKey', placeholder: 'phone', 'aria-label': t('assetTypes.key') });
  private readonly name = h('input', { class: 'form-control form-control-sm', name: 'typeName', 'aria-label': t('assetTypes.name'), placeholder: t('assetTypes.name') });
  private readonly formKey = h('input', { class: 'form-control form-control-sm', name: 'typeFormKey', placeholder: 'asset-phone', 'aria-label': t('assetTypes.form') });
  private readonly designLink = h('a', { class: 'btn btn-sm btn-outline-secondary', 'data-testid': 'design-type-form' }, t('assetTypes.designForm'));
  private editing: AssetType | null = null;

  constructor() {
    const sync = () => { this.designLink.setAttribute('href', formHref(this.formKey.value.trim() || `asset-${this.key.value.trim()}`)); };
    this.key.addEventListener('input', sync);
    this.formKey.addEventListener('input', sync);
    sync();
    const form = h('form', { class: 'd-flex gap-2 flex-wrap align-items-center mb-3', 'data-testid': 'asset-type-form',
      onsubmit: (e: Event) => { e.preventDefault(); void this.save(); } },
    this.key, this.name, this.formKey, this.designLink,
    h('button', { type: 'submit', class: 'btn btn-sm btn-primary' }, t('assetTypes.save')));
    this.element = h('section', { class: 'asset-types', 'aria-labelledby': 'asset-types-heading' },
      h('h2', { id: 'asset-types-heading', class: 'h4' }, t('assetTypes.heading')),
      h('p', { class: 'text-body-secondary small' }, t('assetTypes.intro')), form, this.status, this.list);
  }

  async show(): Promise<void> {
    try {
      const types = await api.assetTypes();
      replaceChildren(this.list, h('table', { class: 'table table-sm' },
        h('thead', {}, h('tr', {}, h('th', {}, t('assetTypes.key')), h('th', {}, t('assetTypes.name')), h('th', {}, t('assetTypes.form')), h('th', {}))),
        h('tbody', {}, types.map((type) => h('tr', { 'data-type-key': type.key },
          h('td', {}, type.key), h('td', {}, type.name),
          h('td', {}, type.formKey ? h('a', { href: formHref(type.formKey) }, type.formKey) : '—'),
          h('td', {}, h('button', { type: 'button', class: 'btn btn-sm btn-link', onclick: () => this.edit(type) }, t('assetTypes.edit'))))))));
    } catch (error) {
      replaceChildren(this.list, notice('danger', describeError(error)));
    }
  }

  private edit(type: AssetType): void {
    this.editing = type;
    this.key.value = type.key;
    this.key.disabled = true;
    this.name.value = type.name;
    this.formKey.value = type.formKey ?? '';
    this.formKey.dispatchEvent(new Event('input'));
  }

  private async save(): Promise<void> {
    const draft = { name: this.name.value.trim(), formKey: this.formKey.value.trim() };
    try {
      if (this.editing) await api.updateAssetType(this.editing.key, { ...draft, version: this.editing.version });
      else await api.createAssetType({ ...draft, key: this.key.value.trim() });
      replaceChildren(this.status, notice('success', t('assetTypes.saved')));
      this.editing = null;
      this.key.disabled = false;
      await this.show();
    } catch (error) {
      replaceChildren(this.status, notice('danger', error instanceof ApiError && error.problem.errors?.length
        ? error.problem.errors.map((e) => `${e.path}: ${e.message}`).join('; ') : describeError(error)));
    }
  }
}
