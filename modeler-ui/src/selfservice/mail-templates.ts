import '../styles/selfservice.css';
import { ApiError } from '../api';
import { selfService } from '../api/selfservice';
import type { MailTemplate, TemplateLanguage, TemplateRow, TemplateState } from '../api/selfservice';
import { CodeArea } from '../design/code-area';
import { describeError, h, notice, replaceChildren, time } from '../ui/dom';
import { t } from '../i18n';

/** Every text of the template editor, read from the catalogues (i18n) when shown. */
const TEXT = {
  version: (version: number) => t('templates.version', { version }),
  get heading() {
    return t('templates.heading');
  },
  get intro() {
    return t('templates.intro');
  },
  get loading() {
    return t('templates.loading');
  },
  listFailed: (why: string) => t('templates.listFailed', { why }),
  get pick() {
    return t('templates.pick');
  },
  get languages(): Record<TemplateLanguage, string> {
    return { en: t('language.en'), de: t('language.de') };
  },
  get states(): Record<TemplateState, string> {
    return { shipped: t('templates.state.shipped'), edited: t('templates.state.edited'), missing: t('templates.state.missing') };
  },
  get source() {
    return t('templates.source');
  },
  get values() {
    return t('templates.values');
  },
  get syntax() {
    return t('templates.syntax');
  },
  get ticket() {
    return t('templates.ticket');
  },
  get ticketPlaceholder() {
    return t('templates.ticketPlaceholder');
  },
  get preview() {
    return t('templates.preview');
  },
  get previewing() {
    return t('templates.previewing');
  },
  get previewSubject() {
    return t('templates.previewSubject');
  },
  previewFailed: (why: string) => t('templates.previewFailed', { why }),
  get save() {
    return t('templates.save');
  },
  get saving() {
    return t('templates.saving');
  },
  saved: (version: number) => t('templates.saved', { version }),
  notSaved: (why: string) => t('templates.notSaved', { why }),
  stale: (why: string) => t('templates.stale', { why }),
  get reload() {
    return t('templates.reload');
  },
  get revert() {
    return t('templates.revert');
  },
  get reverted() {
    return t('templates.reverted');
  },
  revertFailed: (why: string) => t('templates.revertFailed', { why }),
  get confirmRevert() {
    return t('templates.confirmRevert');
  },
  editedBy: (who: string | null) => `${t('templates.editedBy', { who: who ?? t('common.unknown') })} `,
  get shipped() {
    return t('templates.shipped');
  },
  get unsaved() {
    return t('templates.unsaved');
  },
  loadFailed: (why: string) => t('templates.loadFailed', { why }),
};

const templateHref = (name: string, language: TemplateLanguage) =>
  `#/design/mail-templates/${encodeURIComponent(name)}/${language}`;

/** The line a template error names ("line 3: #include is not allowed …"). */
function lineOf(message: string): number | null {
  const match = /\bline (\d+)/i.exec(message);
  return match ? Number(match[1]) : null;
}

function problemText(error: unknown): string {
  if (error instanceof ApiError && error.problem.errors?.length) return error.problem.errors.map((e) => e.message).join('; ');
  return describeError(error);
}

/**
 * `#/design/mail-templates/{name}/{language}` (designers and admins): the templates with their state per language,
 * the source in a line-numbered editor, a live preview (debounced POST .../preview, optionally on a real ticket),
 * save with the version edited (400 names the line, which is marked; 409 when someone saved meanwhile) and revert.
 */
export class MailTemplatesView {
  readonly element: HTMLElement;
  private readonly list = h('nav', { class: 'template-list list-group', 'aria-label': TEXT.heading });
  private readonly editor = h('div', { class: 'template-editor' });
  private readonly code = new CodeArea(TEXT.source);
  private readonly ticket = h('input', { type: 'number', min: 1, class: 'form-control form-control-sm template-ticket', id: 'template-ticket', placeholder: TEXT.ticketPlaceholder });
  private readonly preview = h('div', { class: 'template-preview', 'aria-live': 'polite' });
  private readonly status = h('div', { class: 'template-status', 'aria-live': 'polite' });
  private readonly dirty = h('span', { class: 'badge text-bg-warning template-dirty', hidden: true }, TEXT.unsaved);
  private rows: TemplateRow[] = [];
  private current: MailTemplate | null = null;
  private timer: number | undefined;
  private previewRun = 0;

  constructor() {
    this.code.textarea.name = 'source';
    this.code.textarea.addEventListener('input', () => {
      this.dirty.hidden = this.code.value === this.current?.source;
      this.schedulePreview();
    });
    this.ticket.addEventListener('input', () => this.schedulePreview());
    this.element = h(
      'section',
      { class: 'mail-templates', 'aria-labelledby': 'mail-templates-heading' },
      h('h2', { id: 'mail-templates-heading', class: 'h4' }, TEXT.heading),
      h('p', { class: 'text-body-secondary' }, TEXT.intro),
      h('div', { class: 'template-layout' }, this.list, this.editor),
    );
  }

  async show(name?: string, language?: string): Promise<void> {
    try {
      this.rows = await selfService.templates();
    } catch (error) {
      replaceChildren(this.list, notice('danger', TEXT.listFailed(describeError(error))));
      return;
    }
    const lang: TemplateLanguage = language === 'de' ? 'de' : 'en';
    this.renderList(name, lang);
    if (!name) {
      replaceChildren(this.editor, h('p', { class: 'text-body-secondary' }, TEXT.pick));
      return;
    }
    await this.open(name, lang);
  }

  private renderList(name: string | undefined, lang: TemplateLanguage): void {
    replaceChildren(
      this.list,
      this.rows.map((row) =>
        h(
          'a',
          {
            href: templateHref(row.name, lang),
            class: `list-group-item list-group-item-action template-item${row.name === name ? ' active' : ''}`,
            'data-template': row.name,
            'aria-current': row.name === name ? 'page' : null,
          },
          h('div', { class: 'fw-semibold' }, row.name),
          h('div', { class: 'small' }, (['en', 'de'] as TemplateLanguage[]).map((l) =>
            h('span', { class: `me-2 template-state state-${row[l]}`, 'data-language': l }, `${l}: ${TEXT.states[row[l]]}`))),
        ),
      ),
    );
  }

  private async open(name: string, lang: TemplateLanguage, news?: HTMLElement): Promise<void> {
    replaceChildren(this.editor, h('p', { class: 'text-body-secondary' }, TEXT.loading));
    try {
      this.current = await selfService.template(name, lang);
    } catch (error) {
      replaceChildren(this.editor, notice('danger', TEXT.loadFailed(describeError(error))));
      return;
    }
    const t = this.current;
    this.code.value = t.source;
    this.dirty.hidden = true;
    replaceChildren(this.status, news);
    const tabs = h('ul', { class: 'nav nav-tabs mb-2 template-languages' }, (['en', 'de'] as TemplateLanguage[]).map((l) =>
      h('li', { class: 'nav-item' }, h('a', { class: `nav-link${l === lang ? ' active' : ''}`, href: templateHref(name, l), 'data-language': l, 'aria-current': l === lang ? 'page' : null }, TEXT.languages[l]))));
    const save = h('button', { type: 'button', class: 'btn btn-primary btn-sm template-save' }, TEXT.save);
    save.addEventListener('click', () => void this.save(save));
    const revert = h('button', { type: 'button', class: 'btn btn-outline-danger btn-sm template-revert', disabled: !t.edited }, TEXT.revert);
    revert.addEventListener('click', () => void this.revert());
    replaceChildren(
      this.editor,
      h('h3', { class: 'h5 template-name', 'data-template': t.name, 'data-language': t.language }, `${t.name} (${TEXT.languages[t.language]})`),
      tabs,
      h('p', { class: 'small text-body-secondary template-version' },
        t.edited ? [TEXT.editedBy(t.updatedBy), time(t.updatedAt), ` ${TEXT.version(t.version)}`] : TEXT.shipped),
      this.code.element,
      h('p', { class: 'small text-body-secondary mt-1 mb-1' }, TEXT.syntax),
      h('p', { class: 'small text-body-secondary template-values' }, TEXT.values, t.values.map((v) => `$${v}`).join(', ')),
      h('div', { class: 'd-flex flex-wrap align-items-end gap-2 mb-2' },
        h('div', {}, h('label', { class: 'form-label small mb-0', for: 'template-ticket' }, TEXT.ticket), this.ticket),
        save, revert, this.dirty),
      this.status,
      h('h4', { class: 'h6 mt-3' }, TEXT.preview),
      this.preview,
    );
    void this.renderPreview();
  }

  private schedulePreview(): void {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.renderPreview(), 400);
  }

  private async renderPreview(): Promise<void> {
    const t = this.current;
    if (!t) return;
    const run = ++this.previewRun;
    this.preview.setAttribute('aria-busy', 'true');
    const ticketId = this.ticket.value ? Number(this.ticket.value) : null;
    try {
      const rendered = await selfService.previewTemplate(t.name, t.language, this.code.value, ticketId);
      if (run !== this.previewRun) return;
      this.code.mark([]);
      replaceChildren(
        this.preview,
        h('div', { class: 'card' },
          h('div', { class: 'card-header small' }, h('span', { class: 'fw-semibold' }, `${TEXT.previewSubject}: `), h('span', { class: 'preview-subject' }, rendered.subject)),
          h('pre', { class: 'card-body preview-body mb-0' }, rendered.body)),
      );
    } catch (error) {
      if (run !== this.previewRun) return;
      const message = problemText(error);
      const line = lineOf(message);
      this.code.mark(line ? [line] : []);
      replaceChildren(this.preview, h('div', { class: 'alert alert-danger preview-error', role: 'alert' }, TEXT.previewFailed(message)));
    } finally {
      if (run === this.previewRun) this.preview.removeAttribute('aria-busy');
    }
  }

  private async save(button: HTMLButtonElement): Promise<void> {
    const t = this.current;
    if (!t) return;
    button.disabled = true;
    button.textContent = TEXT.saving;
    try {
      const saved = await selfService.saveTemplate(t.name, t.language, this.code.value, t.version);
      this.rows = await selfService.templates().catch(() => this.rows);
      this.renderList(t.name, t.language);
      await this.open(t.name, t.language, notice('success', TEXT.saved(saved.version)));
    } catch (error) {
      button.disabled = false;
      button.textContent = TEXT.save;
      if (error instanceof ApiError && error.status === 409) {
        replaceChildren(this.status, h('div', { class: 'alert alert-warning d-flex flex-wrap gap-2 align-items-center template-error', role: 'alert' },
          TEXT.stale(error.message),
          h('button', { type: 'button', class: 'btn btn-sm btn-outline-dark', onclick: () => void this.open(t.name, t.language) }, TEXT.reload)));
        return;
      }
      const message = problemText(error);
      const line = lineOf(message);
      if (line) {
        this.code.mark([line]);
        this.code.goTo(line);
      }
      replaceChildren(this.status, h('div', { class: 'alert alert-danger template-error', role: 'alert', 'data-line': line }, TEXT.notSaved(message)));
    }
  }

  private async revert(): Promise<void> {
    const t = this.current;
    if (!t || !window.confirm(TEXT.confirmRevert)) return;
    try {
      await selfService.revertTemplate(t.name, t.language);
      this.rows = await selfService.templates().catch(() => this.rows);
      this.renderList(t.name, t.language);
      await this.open(t.name, t.language, notice('success', TEXT.reverted));
    } catch (error) {
      replaceChildren(this.status, notice('danger', TEXT.revertFailed(problemText(error))));
    }
  }

  dispose(): void {
    window.clearTimeout(this.timer);
  }
}
