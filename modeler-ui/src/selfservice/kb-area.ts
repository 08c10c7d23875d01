import '../styles/selfservice.css';
import { ApiError } from '../api';
import type { Me } from '../api';
import { selfService } from '../api/selfservice';
import type { KbArticle, KbInput, KbLanguage, KbSummary, KbVisibility } from '../api/selfservice';
import type { AreaView } from '../shell/areas';
import { describeError, h, notice, replaceChildren, time } from '../ui/dom';
import { sanitizedFragment } from './html';
import { kbArticleHref, kbEditHref, kbNewHref, kbRouteOf, kbSearchHref } from './kb-routes';
import { formatNumber, t, tn } from '../i18n';

/** Every text of the knowledge base pages, read from the catalogues (i18n) when shown. */
const TEXT = {
  get heading() {
    return t('kb.heading');
  },
  get intro() {
    return t('kb.intro');
  },
  get search() {
    return t('kb.search');
  },
  get searchLabel() {
    return t('kb.searchLabel');
  },
  get placeholder() {
    return t('kb.placeholder');
  },
  get language() {
    return t('kb.language');
  },
  get anyLanguage() {
    return t('kb.anyLanguage');
  },
  get languages(): Record<KbLanguage, string> {
    return { de: t('language.de'), en: t('language.en') };
  },
  get visibilities(): Record<KbVisibility, string> {
    return { PUBLIC: t('kb.visibility.public'), INTERNAL: t('kb.visibility.internal') };
  },
  get visibilityShort(): Record<KbVisibility, string> {
    return { PUBLIC: t('kb.visibilityShort.public'), INTERNAL: t('kb.visibilityShort.internal') };
  },
  get statuses(): Record<string, string> {
    return { DRAFT: t('kb.status.draft'), PUBLISHED: t('kb.status.published'), ARCHIVED: t('kb.status.archived') };
  },
  get newArticle() {
    return t('kb.newArticle');
  },
  get searching() {
    return t('kb.searching');
  },
  get newest() {
    return t('kb.newest');
  },
  results: (total: number, q: string) => tn('kb.results', total, { q }),
  resultsAtLeast: (total: number, q: string) => t('kb.resultsAtLeast', { count: formatNumber(total), q }),
  noResults: (q: string) => t('kb.noResults', { q }),
  get empty() {
    return t('kb.empty');
  },
  searchFailed: (why: string) => t('kb.searchFailed', { why }),
  get back() {
    return t('kb.back');
  },
  get loading() {
    return t('kb.loading');
  },
  get notFound() {
    return t('kb.notFound');
  },
  loadFailed: (why: string) => t('kb.loadFailed', { why }),
  get edit() {
    return t('kb.edit');
  },
  get publish() {
    return t('kb.publish');
  },
  get publishing() {
    return t('kb.publishing');
  },
  get published() {
    return t('kb.published');
  },
  publishFailed: (why: string) => t('kb.publishFailed', { why }),
  get updated() {
    return t('kb.updated');
  },
  get tags() {
    return t('kb.tags');
  },
  get category() {
    return t('kb.category');
  },
  fromTicket: (id: number) => t('kb.fromTicket', { id }),
  get editorNew() {
    return t('kb.editorNew');
  },
  editorEdit: (title: string) => t('kb.editorEdit', { title }),
  get title() {
    return t('kb.title');
  },
  get body() {
    return t('kb.body');
  },
  get tagsHint() {
    return t('kb.tagsHint');
  },
  get visibility() {
    return t('kb.visibility');
  },
  get save() {
    return t('kb.save');
  },
  get saving() {
    return t('kb.saving');
  },
  saved: (version: number) => t('kb.saved', { version }),
  get view() {
    return t('kb.view');
  },
  stale: (why: string) => t('kb.stale', { why }),
  get reload() {
    return t('kb.reload');
  },
  notSaved: (why: string) => t('kb.notSaved', { why }),
  get writersOnly() {
    return t('kb.writersOnly');
  },
  get notHelped() {
    return t('kb.notHelped');
  },
  get report() {
    return t('kb.report');
  },
};

function isWriter(me: Me): boolean {
  return me.roles.some((r) => ['AGENT', 'DESIGNER', 'ADMIN'].includes(r)) || me.groups.includes('kb-editors');
}

function isEditor(me: Me): boolean {
  return me.roles.some((r) => ['DESIGNER', 'ADMIN'].includes(r)) || me.groups.includes('kb-editors');
}

/** `#/kb`: search (`#/kb/search/{q}`), an article (`#/kb/articles/{id}`), the editor (`.../edit`, `#/kb/new`). */
export function mountKb(main: HTMLElement, me: Me): AreaView {
  const page = h('div', { class: 'kb' });
  replaceChildren(main, page);
  const search = new KbSearch(me);
  const article = new KbArticleView(me);
  const editor = new KbEditor(me);
  return {
    route(path) {
      const target = kbRouteOf(path);
      if (target.page === 'search') {
        replaceChildren(page, search.element);
        void search.show(target.q);
      } else if (target.page === 'article') {
        replaceChildren(page, article.element);
        void article.show(target.id);
      } else {
        replaceChildren(page, editor.element);
        void editor.show(target.id);
      }
    },
  };
}

function languageSelect(name: string, value: string, withAny: boolean): HTMLSelectElement {
  return h(
    'select',
    { class: 'form-select', name, id: `kb-${name}` },
    withAny ? h('option', { value: '' }, TEXT.anyLanguage) : null,
    (Object.keys(TEXT.languages) as KbLanguage[]).map((l) => h('option', { value: l, selected: l === value }, TEXT.languages[l])),
  );
}

function badges(a: { status: string; visibility: KbVisibility; language: KbLanguage }, writer: boolean): HTMLElement {
  return h(
    'span',
    { class: 'kb-badges d-inline-flex gap-1' },
    h('span', { class: 'badge text-bg-light border' }, TEXT.languages[a.language] ?? a.language),
    writer ? h('span', { class: 'badge text-bg-light border kb-visibility' }, TEXT.visibilityShort[a.visibility] ?? a.visibility) : null,
    writer ? h('span', { class: `badge kb-status ${a.status === 'PUBLISHED' ? 'text-bg-success' : 'text-bg-secondary'}`, 'data-status': a.status }, TEXT.statuses[a.status] ?? a.status) : null,
  );
}

class KbSearch {
  readonly element: HTMLElement;
  private readonly input = h('input', { type: 'search', class: 'form-control', name: 'q', id: 'kb-q', placeholder: TEXT.placeholder, autocomplete: 'off' });
  private readonly language = languageSelect('lang', '', true);
  private readonly results = h('div', { class: 'kb-results', 'aria-live': 'polite' });
  private timer: number | undefined;
  private run = 0;

  constructor(private readonly me: Me) {
    this.input.addEventListener('input', () => {
      window.clearTimeout(this.timer);
      this.timer = window.setTimeout(() => void this.search(), 300);
    });
    this.language.addEventListener('change', () => void this.search());
    this.element = h(
      'section',
      { class: 'panel kb-search', 'aria-labelledby': 'kb-heading' },
      h(
        'div',
        { class: 'panel-head' },
        h('h2', { id: 'kb-heading' }, TEXT.heading),
        isWriter(me) ? h('a', { href: kbNewHref, class: 'btn btn-sm btn-primary kb-new' }, TEXT.newArticle) : null,
      ),
      h('p', { class: 'text-body-secondary' }, TEXT.intro),
      h(
        'form',
        {
          class: 'kb-search-form d-flex flex-wrap gap-2 mb-3',
          role: 'search',
          onsubmit: (event: Event) => {
            event.preventDefault();
            void this.search();
          },
        },
        h('label', { class: 'visually-hidden', for: 'kb-q' }, TEXT.searchLabel),
        h('div', { class: 'flex-grow-1' }, this.input),
        h('label', { class: 'visually-hidden', for: 'kb-lang' }, TEXT.language),
        h('div', {}, this.language),
        h('button', { type: 'submit', class: 'btn btn-outline-primary' }, TEXT.search),
      ),
      this.results,
    );
  }

  async show(q: string): Promise<void> {
    this.input.value = q;
    await this.search();
    this.input.focus();
  }

  private async search(): Promise<void> {
    const q = this.input.value.trim();
    const run = ++this.run;
    // The address follows the query (for sharing and "back") without a new navigation.
    window.history.replaceState(null, '', kbSearchHref(q));
    this.results.setAttribute('aria-busy', 'true');
    try {
      const found = await selfService.kbSearch({ q, lang: this.language.value, size: 20 });
      if (run !== this.run) return;
      replaceChildren(
        this.results,
        h('p', { class: 'kb-result-count small text-body-secondary' }, !q ? TEXT.newest
          : found.totalExact === false ? TEXT.resultsAtLeast(found.total, q) : TEXT.results(found.total, q)),
        found.items.length
          ? h('ul', { class: 'list-unstyled kb-result-list' }, found.items.map((s) => this.row(s)))
          : h('p', { class: 'kb-no-results' }, q ? TEXT.noResults(q) : TEXT.empty),
      );
    } catch (error) {
      if (run === this.run) replaceChildren(this.results, notice('danger', TEXT.searchFailed(describeError(error))));
    } finally {
      if (run === this.run) this.results.removeAttribute('aria-busy');
    }
  }

  private row(s: KbSummary): HTMLElement {
    return h(
      'li',
      { class: 'kb-result', 'data-article-id': s.id },
      h('div', { class: 'd-flex flex-wrap align-items-center gap-2' }, h('a', { href: kbArticleHref(s.id), class: 'kb-result-title fw-semibold' }, s.title), badges(s, isWriter(this.me))),
      s.excerpt ? h('p', { class: 'small text-body-secondary mb-0' }, s.excerpt) : null,
    );
  }
}

class KbArticleView {
  readonly element: HTMLElement;
  private readonly heading = h('h2', { id: 'kb-article-heading', tabindex: '-1' }, TEXT.heading);
  private readonly body = h('div', { class: 'kb-article-body' });
  private readonly status = h('div', { class: 'kb-article-status', 'aria-live': 'polite' });

  constructor(private readonly me: Me) {
    this.element = h(
      'article',
      { class: 'panel kb-article', 'aria-labelledby': 'kb-article-heading' },
      h('div', { class: 'panel-head' }, this.heading, h('a', { href: kbSearchHref(), class: 'btn btn-sm btn-outline-secondary' }, TEXT.back)),
      this.status,
      this.body,
    );
  }

  async show(id: string, news?: HTMLElement): Promise<void> {
    replaceChildren(this.status, news);
    replaceChildren(this.body, h('p', { class: 'text-body-secondary' }, TEXT.loading));
    try {
      const a = await selfService.kbArticle(id);
      this.heading.textContent = a.title;
      this.element.dataset.articleId = String(a.id);
      this.element.dataset.status = a.status;
      replaceChildren(
        this.body,
        this.meta(a),
        this.actions(a),
        h('div', { class: 'kb-article-text' }, sanitizedFragment(a.body)),
        isWriter(this.me) ? null : h('p', { class: 'kb-not-helped mt-4' }, TEXT.notHelped, h('a', { href: '#/' }, TEXT.report)),
      );
    } catch (error) {
      this.heading.textContent = TEXT.heading;
      const text = error instanceof ApiError && error.status === 404 ? TEXT.notFound : TEXT.loadFailed(describeError(error));
      replaceChildren(this.body, notice('danger', text));
    } finally {
      this.heading.focus();
    }
  }

  private meta(a: KbArticle): HTMLElement {
    return h(
      'div',
      { class: 'kb-meta small text-body-secondary d-flex flex-wrap align-items-center gap-2 mb-2' },
      badges(a, isWriter(this.me)),
      a.category ? h('span', {}, `${TEXT.category}: ${a.category}`) : null,
      a.tags?.length ? h('span', { class: 'kb-tags' }, `${TEXT.tags}: ${a.tags.join(', ')}`) : null,
      h('span', {}, `${TEXT.updated}: `, time(a.updatedAt ?? a.createdAt)),
      a.sourceTicketId && isWriter(this.me) ? h('span', {}, TEXT.fromTicket(a.sourceTicketId)) : null,
    );
  }

  private actions(a: KbArticle): HTMLElement | null {
    if (!isWriter(this.me)) return null;
    const publish = isEditor(this.me) && a.status !== 'PUBLISHED'
      ? h('button', { type: 'button', class: 'btn btn-sm btn-success kb-publish' }, TEXT.publish)
      : null;
    publish?.addEventListener('click', async () => {
      publish.disabled = true;
      publish.textContent = TEXT.publishing;
      try {
        await selfService.kbPublish(a.id);
        await this.show(String(a.id), notice('success', TEXT.published));
      } catch (error) {
        publish.disabled = false;
        publish.textContent = TEXT.publish;
        replaceChildren(this.status, notice('danger', TEXT.publishFailed(describeError(error))));
      }
    });
    return h(
      'div',
      { class: 'kb-actions d-flex gap-2 mb-3' },
      h('a', { href: kbEditHref(a.id), class: 'btn btn-sm btn-outline-primary kb-edit' }, TEXT.edit),
      publish,
    );
  }
}

class KbEditor {
  readonly element: HTMLElement;
  private readonly heading = h('h2', { id: 'kb-editor-heading', tabindex: '-1' }, TEXT.editorNew);
  private readonly form = h('form', { class: 'kb-editor-form' });
  private readonly status = h('div', { class: 'kb-editor-status', 'aria-live': 'polite' });
  private article: KbArticle | null = null;

  constructor(private readonly me: Me) {
    this.element = h(
      'section',
      { class: 'panel kb-editor', 'aria-labelledby': 'kb-editor-heading' },
      h('div', { class: 'panel-head' }, this.heading, h('a', { href: kbSearchHref(), class: 'btn btn-sm btn-outline-secondary' }, TEXT.back)),
      this.status,
      this.form,
    );
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.save();
    });
  }

  async show(id: string | null): Promise<void> {
    replaceChildren(this.status);
    this.article = null;
    if (!isWriter(this.me)) {
      replaceChildren(this.form, notice('info', TEXT.writersOnly));
      return;
    }
    if (id === null) {
      this.heading.textContent = TEXT.editorNew;
      this.fill(null);
      this.heading.focus();
      return;
    }
    replaceChildren(this.form, h('p', { class: 'text-body-secondary' }, TEXT.loading));
    try {
      this.article = await selfService.kbArticle(id);
      this.heading.textContent = TEXT.editorEdit(this.article.title);
      this.fill(this.article);
    } catch (error) {
      const text = error instanceof ApiError && error.status === 404 ? TEXT.notFound : TEXT.loadFailed(describeError(error));
      replaceChildren(this.form, notice('danger', text));
    }
    this.heading.focus();
  }

  private fill(a: KbArticle | null): void {
    const field = (label: string, control: HTMLElement, id: string) =>
      h('div', { class: 'mb-2' }, h('label', { class: 'form-label', for: id }, label), control);
    const visibility = h(
      'select',
      { class: 'form-select', name: 'visibility', id: 'kb-visibility' },
      (Object.keys(TEXT.visibilities) as KbVisibility[]).map((v) => h('option', { value: v, selected: v === (a?.visibility ?? 'PUBLIC') }, TEXT.visibilities[v])),
    );
    replaceChildren(
      this.form,
      field(TEXT.title, h('input', { class: 'form-control', name: 'title', id: 'kb-title', required: true, maxlength: 200, value: a?.title ?? '' }), 'kb-title'),
      field(TEXT.body, h('textarea', { class: 'form-control font-monospace', name: 'body', id: 'kb-body', rows: 12, required: true }, a?.body ?? ''), 'kb-body'),
      h(
        'div',
        { class: 'row g-2' },
        h('div', { class: 'col-sm-4' }, field(TEXT.language, languageSelect('language', a?.language ?? 'en', false), 'kb-language')),
        h('div', { class: 'col-sm-8' }, field(TEXT.visibility, visibility, 'kb-visibility')),
      ),
      h(
        'div',
        { class: 'row g-2' },
        h('div', { class: 'col-sm-4' }, field(TEXT.category, h('input', { class: 'form-control', name: 'category', id: 'kb-category', value: a?.category ?? '' }), 'kb-category')),
        h('div', { class: 'col-sm-8' }, field(TEXT.tagsHint, h('input', { class: 'form-control', name: 'tags', id: 'kb-tags', value: (a?.tags ?? []).join(', ') }), 'kb-tags')),
      ),
      h(
        'div',
        { class: 'd-flex gap-2 mt-2' },
        h('button', { type: 'submit', class: 'btn btn-primary kb-save' }, TEXT.save),
        a ? h('a', { href: kbArticleHref(a.id), class: 'btn btn-outline-secondary' }, TEXT.view) : null,
      ),
    );
  }

  private async save(): Promise<void> {
    const data = new FormData(this.form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const input: KbInput = {
      title: text('title'),
      body: String(data.get('body') ?? ''),
      language: text('language') as KbLanguage,
      visibility: text('visibility') as KbVisibility,
      category: text('category') || null,
      tags: text('tags').split(',').map((t) => t.trim()).filter(Boolean),
    };
    const button = this.form.querySelector<HTMLButtonElement>('.kb-save');
    if (button) {
      button.disabled = true;
      button.textContent = TEXT.saving;
    }
    try {
      const saved = this.article
        ? await selfService.kbUpdate(this.article.id, { ...input, version: this.article.version })
        : await selfService.kbCreate(input);
      const created = !this.article;
      this.article = saved;
      this.heading.textContent = TEXT.editorEdit(saved.title);
      if (created) window.history.replaceState(null, '', kbEditHref(saved.id));
      this.fill(saved);
      replaceChildren(
        this.status,
        h('div', { class: 'alert alert-success', role: 'status', 'data-article-id': saved.id }, TEXT.saved(saved.version), ' ',
          h('a', { href: kbArticleHref(saved.id), class: 'kb-saved-link' }, TEXT.view)),
      );
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        replaceChildren(
          this.status,
          h('div', { class: 'alert alert-warning d-flex flex-wrap gap-2 align-items-center', role: 'alert' }, TEXT.stale(error.message),
            h('button', { type: 'button', class: 'btn btn-sm btn-outline-dark', onclick: () => void this.show(String(this.article?.id)) }, TEXT.reload)),
        );
      } else {
        const why = error instanceof ApiError && error.problem.errors?.length
          ? error.problem.errors.map((e) => `${e.path}: ${e.message}`).join('; ') : describeError(error);
        replaceChildren(this.status, notice('danger', TEXT.notSaved(why)));
      }
    } finally {
      if (button?.isConnected) {
        button.disabled = false;
        button.textContent = TEXT.save;
      }
    }
  }
}
