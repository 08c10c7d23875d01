import '@formio/js/dist/formio.builder.min.css';
import './ace';
import { Formio } from '@formio/js';
import { api, ApiError } from '../api';
import type { FormDefinition, FormSummary } from '../api';
import { describeError, h, notice, replaceChildren } from '../ui/dom';
import { disableFormioEval } from '../ui/formio-noeval';
import { t } from '../i18n';
import { formioLanguage } from '../ui/formio-i18n';

export const formHref = (key: string) => `#/design/forms/${encodeURIComponent(key)}`;

/** The part of formio.js's WebformBuilder (typed `any` by formio) that this page uses. */
interface Builder {
  schema: FormDefinition;
  destroy(all?: boolean): void;
  on(event: string, listener: () => void): void;
}

/** Where the server found JavaScript or another refused property: "components.<key>.<property>". */
function describePath(path: string): string {
  const match = /^components\.(.+)\.([^.]+)$/.exec(path);
  return match ? t('forms.componentProperty', { component: match[1], property: match[2] }) : path;
}

/**
 * Form definitions for designers, edited with formio.js's own builder and saved as a new version. The engine
 * refuses forms that carry JavaScript (calculated values, custom conditions or validation code): its 400 names
 * the component and property, which the page lists.
 */
export class FormsView {
  readonly element: HTMLElement;
  private readonly list = h('ul', { class: 'list-unstyled form-list' });
  private readonly heading = h('h2', { id: 'form-editor-heading', tabindex: '-1' }, t('portal.form'));
  private readonly status = h('div', { class: 'form-save-status', 'aria-live': 'polite' });
  private readonly host = h('div', { class: 'builder-host' });
  private builder: Builder | null = null;
  private key = '';

  constructor() {
    const open = h('input', { class: 'form-control form-control-sm', name: 'key', placeholder: t('forms.keyPlaceholder'), 'aria-label': t('forms.key') });
    this.element = h(
      'div',
      { class: 'design-forms' },
      h('section', { class: 'panel', 'aria-labelledby': 'forms-heading' },
        h('div', { class: 'panel-head' }, h('h2', { id: 'forms-heading' }, t('design.forms'))),
        this.list,
        h('form', { class: 'd-flex gap-2 mt-2', onsubmit: (e: Event) => { e.preventDefault(); if (open.value.trim()) window.location.hash = formHref(open.value.trim()); } },
          open, h('button', { type: 'submit', class: 'btn btn-sm btn-outline-secondary' }, t('common.open')))),
      h('section', { class: 'panel form-editor', 'aria-labelledby': 'form-editor-heading' },
        h('div', { class: 'panel-head' }, this.heading,
          h('button', { type: 'button', class: 'btn btn-sm btn-primary', 'data-action': 'save-form', onclick: () => this.save() }, t('forms.saveNewVersion'))),
        this.status,
        this.host),
    );
  }

  dispose(): void {
    this.builder?.destroy(true);
    this.builder = null;
  }

  async show(key?: string): Promise<void> {
    const asked = window.location.hash;
    let forms: FormSummary[] = [];
    try {
      forms = await api.forms();
      replaceChildren(this.list, forms.map((f) => h('li', { 'data-form': f.key },
        h('a', { href: formHref(f.key) }, f.title || f.key), h('small', { class: 'text-body-secondary ms-2' }, `${f.key}${f.version != null ? ` v${f.version}` : ''}`))));
    } catch (error) {
      replaceChildren(this.list, h('li', {}, notice('danger', t('forms.listFailed', { why: describeError(error) }))));
    }
    const target = key ?? forms[0]?.key;
    if (!target) return;
    if (!key) {
      if (window.location.hash === asked) window.location.replace(formHref(target));
      return;
    }
    await this.open(target);
  }

  private async open(key: string): Promise<void> {
    this.key = key;
    this.dispose();
    replaceChildren(this.status);
    this.heading.textContent = key;
    replaceChildren(this.host, h('p', { class: 'text-body-secondary' }, t('design.loadingBuilder')));
    try {
      const definition = await api.form(key);
      this.heading.textContent = `${definition.title ?? key} (${key})`;
      replaceChildren(this.host);
      disableFormioEval();
      // A select's data URL on the engine ('/api/assets', the incident form's asset picker) is relative: formio.js
      // prefixes it with its base URL, api.form.io by default, which the CSP blocks. The engine is this origin.
      Formio.setBaseUrl(window.location.origin);
      Formio.setProjectUrl(window.location.origin);
      this.builder = (await Formio.builder(this.host, definition, { noNewEdit: false, ...formioLanguage() })) as Builder;
    } catch (error) {
      replaceChildren(this.host, notice('danger', t('forms.openFailed', { key, why: describeError(error) })));
    }
  }

  private async save(): Promise<void> {
    if (!this.builder) return;
    replaceChildren(this.status);
    try {
      const saved = await api.saveForm(this.key, this.builder.schema);
      replaceChildren(this.status, notice('success', t('forms.saved', { key: saved.key, version: saved.version })));
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        const errors = error.problem.errors ?? [];
        const js = errors.some((e) => /script|javascript|code/i.test(e.message));
        replaceChildren(this.status, h('div', { class: 'alert alert-danger', role: 'alert' },
          h('strong', {}, js ? t('forms.refusedJs') : t('forms.refused')),
          js ? h('p', { class: 'mb-1' }, t('forms.useInstead')) : null,
          h('ul', { class: 'mb-0 form-errors' }, (errors.length ? errors : [{ path: '', message: error.message }]).map((e) =>
            h('li', { 'data-path': e.path }, e.path ? h('code', {}, describePath(e.path)) : null, e.path ? ': ' : '', e.message)))));
      } else {
        replaceChildren(this.status, notice('danger', t('common.notSaved', { why: describeError(error) })));
      }
    }
  }
}
