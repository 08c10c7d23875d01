import { api } from '../api';
import type { FormSummary } from '../api';
import { describeError, h, notice, replaceChildren } from '../ui/dom';
import { formHref } from './routes';
import { locale, t } from '../i18n';

/** Forms without a category are listed last, under this heading (a marker; the page shows it translated). */
const OTHER = '\u0000other';

/** One heading of the catalogue and its entries, in the order the page shows them. */
export interface CatalogueGroup {
  category: string;
  forms: FormSummary[];
}

/**
 * The entry in the active language: its translated title, description and category where the form has them
 * (properties title_de, …), else the form's own. The search and the groups work on what the page shows.
 */
export function localized(form: FormSummary): FormSummary {
  const own = form.translations?.[locale()];
  if (!own) return form;
  return {
    ...form,
    title: own.title || form.title,
    description: own.description || form.description,
    category: own.category || form.category,
  };
}

const byOrderThenTitle = (a: FormSummary, b: FormSummary) =>
  (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER) || a.title.localeCompare(b.title);

/**
 * The start forms grouped by category: entries by their order (then title), groups by their first entry's order
 * (then name). Task forms (which start no process) are not services a user can ask for.
 */
export function groupCatalogue(forms: FormSummary[]): CatalogueGroup[] {
  const groups = new Map<string, FormSummary[]>();
  for (const form of forms.filter((f) => f.processKey).sort(byOrderThenTitle)) {
    const category = form.category?.trim() || OTHER;
    groups.set(category, [...(groups.get(category) ?? []), form]);
  }
  return [...groups.entries()]
    .map(([category, entries]) => ({ category, forms: entries }))
    .sort((a, b) =>
      (a.category === OTHER ? 1 : 0) - (b.category === OTHER ? 1 : 0)
      || byOrderThenTitle(a.forms[0], b.forms[0])
      || a.category.localeCompare(b.category));
}

/**
 * Whether every word of the query occurs in the form's title, description or category (case-insensitive), in the
 * language shown or in the form's own ("Laptop" and "laptop" find the same entry, and so does an English word on
 * a German page).
 */
export function matches(form: FormSummary, query: string): boolean {
  const shown = localized(form);
  const text = [form.title, form.description, form.category, shown.title, shown.description, shown.category]
    .filter(Boolean).join(' ').toLocaleLowerCase();
  return query.toLocaleLowerCase().split(/\s+/).filter(Boolean).every((word) => text.includes(word));
}

/**
 * The portal's home: what the user may ask for (the engine lists only the forms they may use), grouped by category
 * with an icon, title and description, and a search box that narrows it down as they type.
 */
export class Catalogue {
  readonly element: HTMLElement;
  private readonly body = h('div', { class: 'catalogue-body', 'aria-live': 'polite' });
  private readonly search = h('input', {
    type: 'search',
    class: 'form-control',
    name: 'catalogue-search',
    placeholder: t('catalogue.searchPlaceholder'),
    'aria-label': t('catalogue.searchLabel'),
    autocomplete: 'off',
    oninput: () => this.render(),
  });
  private forms: FormSummary[] = [];
  private loaded: Promise<FormSummary[]> | null = null;

  constructor() {
    this.element = h(
      'section',
      { class: 'panel catalogue', 'aria-labelledby': 'catalogue-heading' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'catalogue-heading' }, t('catalogue.heading'))),
      h('div', { class: 'catalogue-search mb-3' }, this.search),
      this.body,
    );
  }

  /** The catalogue's forms, read once per page load (the form page takes its title from them too). */
  load(): Promise<FormSummary[]> {
    this.loaded ??= this.read();
    return this.loaded;
  }

  private async read(): Promise<FormSummary[]> {
    replaceChildren(this.body, h('p', { class: 'text-body-secondary' }, t('common.loading')));
    try {
      this.forms = await api.forms();
    } catch (error) {
      this.loaded = null;
      replaceChildren(this.body, notice('danger', t('catalogue.loadFailed', { why: describeError(error) })));
      return [];
    }
    this.render();
    return this.forms;
  }

  private render(): void {
    const query = this.search.value.trim();
    const groups = groupCatalogue(this.forms.filter((f) => matches(f, query)).map(localized));
    if (!groups.length) {
      replaceChildren(
        this.body,
        h('p', { class: 'text-body-secondary catalogue-empty' }, query ? t('catalogue.noMatch', { query }) : t('catalogue.empty')),
      );
      return;
    }
    replaceChildren(
      this.body,
      groups.map((group) =>
        h(
          'section',
          { class: 'catalogue-group', 'data-category': group.category === OTHER ? '' : group.category },
          h('h3', {}, group.category === OTHER ? t('catalogue.otherGroup') : group.category),
          h('ul', { class: 'catalogue-entries' }, group.forms.map((form) => this.entry(form))),
        ),
      ),
    );
  }

  private entry(form: FormSummary): HTMLElement {
    return h(
      'li',
      {},
      h(
        'a',
        { class: 'catalogue-entry', href: formHref(form.key), 'data-form-key': form.key },
        h('i', { class: `bi bi-${form.icon ?? 'ui-checks'} catalogue-icon`, 'aria-hidden': 'true' }),
        h(
          'span',
          { class: 'catalogue-text' },
          h('span', { class: 'catalogue-title' }, form.title),
          form.description ? h('span', { class: 'catalogue-description' }, form.description) : null,
        ),
      ),
    );
  }
}
