import { api, ApiError } from '../api';
import type { AssetType, FormDefinition } from '../api';
import { ServerForm } from '../ui/server-form';
import { h, notice, replaceChildren, describeError } from '../ui/dom';
import { t } from '../i18n';

/** The keys of a definition's buttons: formio puts a clicked button into the data, which is no value of the asset. */
function buttonKeys(node: unknown, keys: Set<string> = new Set()): Set<string> {
  if (Array.isArray(node)) node.forEach((item) => buttonKeys(item, keys));
  else if (node && typeof node === 'object') {
    const component = node as { type?: unknown; key?: unknown; components?: unknown; columns?: unknown; rows?: unknown };
    if (component.type === 'button' && typeof component.key === 'string') keys.add(component.key);
    [component.components, component.columns, component.rows].forEach((nested) => buttonKeys(nested, keys));
  }
  return keys;
}

/** The type's form with a save button of ours when the designer's form has none (the shipped ones have none). */
function withSaveButton(definition: FormDefinition, text: string): FormDefinition {
  if (buttonKeys(definition.components).size) return definition;
  return { ...definition, components: [...definition.components, { type: 'button', key: 'submit', label: text, input: true, disableOnInvalid: true }] };
}

/** The engine names an asset's custom fields "fields.imei"; formio.js finds its components as "data.imei". */
function inFormTerms(error: unknown): unknown {
  if (!(error instanceof ApiError) || !error.problem.errors) return error;
  return new ApiError(error.status, { ...error.problem, errors: error.problem.errors.map((e) => ({ ...e, path: e.path?.replace(/^fields\./, 'data.') })) });
}

/**
 * The custom fields of an asset, rendered from its type's Form.io form (issue 13: designers define types with a
 * form, no Java). The engine validates the fields against the same form and answers 400 naming `fields.<key>`,
 * which formio.js marks on the field. A type without a form (older data) shows its fields as plain text.
 */
export async function showAssetFields(
  target: HTMLElement,
  type: AssetType | undefined,
  fields: Record<string, unknown>,
  saveText: string,
  send: (fields: Record<string, unknown>) => Promise<unknown>,
  onAccepted: () => void,
): Promise<void> {
  if (!type?.formKey) {
    const entries = Object.entries(fields);
    replaceChildren(target, entries.length ? h('dl', { class: 'row' }, entries.flatMap(([k, v]) => [h('dt', { class: 'col-sm-3' }, k), h('dd', { class: 'col-sm-9' }, String(v))]))
      : h('p', { class: 'text-body-secondary' }, t('assets.noFields')));
    return;
  }
  let definition: FormDefinition;
  try {
    definition = await api.form(type.formKey);
  } catch (error) {
    replaceChildren(target, notice('danger', t('assets.loadFailed', { why: describeError(error) })));
    return;
  }
  const buttons = buttonKeys(withSaveButton(definition, saveText).components);
  const form = new ServerForm<unknown>((data) => {
    const values: Record<string, unknown> = {};
    Object.entries(data).forEach(([key, value]) => {
      if (!buttons.has(key) && value !== undefined && value !== null && value !== '') values[key] = value;
    });
    return send(values).catch((error: unknown) => { throw inFormTerms(error); });
  }, () => onAccepted());
  replaceChildren(target, form.element);
  await form.render(withSaveButton(definition, saveText), fields);
}
