import { api, ApiError } from '../api';
import type { Article, Attachment, Visibility } from '../api';
import { describeError, h, notice, replaceChildren, time } from '../ui/dom';
import { formatNumber, label, t, tn } from '../i18n';

/**
 * A ticket's conversation and the box to add to it. Agents choose between a public reply and an internal note;
 * requesters only reply publicly. What a requester may read is the server's decision (it never sends them
 * internal notes); the page only shows what it gets.
 */
export class Conversation {
  readonly element: HTMLElement;
  private readonly list = h('ol', { class: 'conversation-list', 'aria-live': 'polite' });
  /** Every file of the ticket the reader may see: those sent with the form, by mail and with replies. */
  private readonly ticketFiles = h('ul', { class: 'article-attachments ticket-files-list' });
  private readonly ticketFilesSection = h(
    'section',
    { class: 'ticket-files', 'aria-labelledby': 'ticket-files-heading', hidden: true },
    h('h4', { id: 'ticket-files-heading' }, t('conversation.files')),
    this.ticketFiles,
  );
  private readonly status = h('div', { class: 'composer-status' });
  private readonly text = h('textarea', {
    class: 'form-control',
    rows: 3,
    name: 'article-body',
    'aria-label': t('conversation.message'),
    maxlength: 20000,
  });
  /**
   * The browser draws a file input's button and "no file chosen" in its own language, not the page's; so the input
   * is hidden (still focusable, and the label opens it) and the page shows its own button and the chosen names.
   */
  private readonly files = h('input', {
    class: 'visually-hidden composer-file-input',
    type: 'file',
    multiple: true,
    name: 'article-files',
    id: 'article-files',
    onchange: () => this.showChosen(),
  });
  private readonly chosen = h('span', { class: 'small text-body-secondary composer-chosen', 'aria-live': 'polite' }, t('conversation.noFile'));
  private readonly sendButton = h('button', { type: 'submit', class: 'btn btn-primary btn-sm' }, t('conversation.sendReply'));
  private ticketId: number | string | null = null;

  /**
   * `onSent`: after a reply was added (a requester's reply may move the ticket: its page shows the new state).
   * `articleTools`: what an agent may do with one article (split it into a new ticket), shown in its head.
   */
  constructor(private readonly mayWriteInternal: boolean, private readonly onSent?: () => void,
    private readonly articleTools?: (article: Article, reload: () => Promise<void>) => HTMLElement | null) {
    const visibility = mayWriteInternal
      ? h(
          'fieldset',
          { class: 'visibility d-flex flex-wrap gap-3' },
          h('legend', { class: 'visually-hidden' }, t('conversation.whoMayRead')),
          this.radio('PUBLIC', t('conversation.publicReply'), true),
          this.radio('INTERNAL', t('conversation.internalNoteAgentsOnly'), false),
        )
      : null;
    const form = h(
      'form',
      { class: 'composer', onsubmit: (event: Event) => this.submit(event) },
      this.text,
      h(
        'div',
        { class: 'composer-files mt-2' },
        this.files,
        h('label', { class: 'btn btn-sm btn-outline-secondary', for: 'article-files' }, h('i', { class: 'bi bi-paperclip me-1', 'aria-hidden': 'true' }), t('conversation.attachFiles')),
        ' ',
        this.chosen,
      ),
      h('div', { class: 'd-flex flex-wrap align-items-center justify-content-between gap-2 mt-2' }, visibility, this.sendButton),
      this.status,
    );
    this.element = h(
      'section',
      { class: 'conversation', 'aria-labelledby': 'conversation-heading' },
      h('h3', { id: 'conversation-heading' }, t('conversation.heading')),
      this.list,
      this.ticketFilesSection,
      form,
    );
  }

  private showChosen(): void {
    const names = Array.from(this.files.files ?? []).map((file) => file.name);
    this.chosen.textContent = names.length ? names.join(', ') : t('conversation.noFile');
  }

  private radio(value: Visibility, label: string, checked: boolean): HTMLElement {
    const id = `visibility-${value.toLowerCase()}`;
    return h(
      'div',
      { class: 'form-check' },
      h('input', {
        class: 'form-check-input',
        type: 'radio',
        name: 'visibility',
        id,
        value,
        checked,
        onchange: () => this.updateButton(),
      }),
      h('label', { class: 'form-check-label', for: id }, label),
    );
  }

  private visibility(): Visibility {
    const checked = this.element.querySelector<HTMLInputElement>('input[name="visibility"]:checked');
    return checked?.value === 'INTERNAL' ? 'INTERNAL' : 'PUBLIC';
  }

  private updateButton(): void {
    const internal = this.visibility() === 'INTERNAL';
    this.sendButton.textContent = internal ? t('conversation.addNote') : t('conversation.sendReply');
    this.sendButton.className = `btn btn-sm ${internal ? 'btn-warning' : 'btn-primary'}`;
  }

  async show(ticketId: number | string): Promise<void> {
    this.ticketId = ticketId;
    replaceChildren(this.status);
    await this.reload();
  }

  private async reload(): Promise<void> {
    if (this.ticketId === null) return;
    void this.reloadFiles(this.ticketId);
    try {
      const articles = await api.conversation(this.ticketId);
      replaceChildren(
        this.list,
        articles.length ? articles.map((a) => this.article(a)) : h('li', { class: 'text-body-secondary empty' }, t('conversation.empty')),
      );
    } catch (error) {
      replaceChildren(this.list, h('li', {}, notice('danger', t('conversation.loadFailed', { why: describeError(error) }))));
    }
  }

  private async reloadFiles(ticketId: number | string): Promise<void> {
    try {
      const files = await api.ticketAttachments(ticketId);
      if (ticketId !== this.ticketId) return;
      replaceChildren(this.ticketFiles, files.map((file) => this.attachment(file)));
      this.ticketFilesSection.hidden = files.length === 0;
    } catch (error) {
      replaceChildren(this.ticketFiles, h('li', {}, notice('danger', t('conversation.filesFailed', { why: describeError(error) }))));
      this.ticketFilesSection.hidden = false;
    }
  }

  private article(a: Article): HTMLElement {
    const internal = a.visibility === 'INTERNAL';
    return h(
      'li',
      { class: `article ${internal ? 'article-internal' : 'article-public'}`, 'data-article-id': a.id, 'data-visibility': a.visibility },
      h(
        'div',
        { class: 'article-head' },
        h('strong', {}, a.author ?? t('common.unknown')),
        internal ? h('span', { class: 'badge text-bg-warning' }, h('i', { class: 'bi bi-lock-fill me-1', 'aria-hidden': 'true' }), t('conversation.internalNote')) : null,
        a.channel === 'MAIL'
          ? h('span', { class: 'badge text-bg-light', 'data-channel': 'MAIL' }, h('i', { class: 'bi bi-envelope me-1', 'aria-hidden': 'true' }), t('conversation.viaMail'))
          : a.channel && a.channel !== 'WEB' ? h('span', { class: 'badge text-bg-light' }, label('channel', a.channel)) : null,
        time(a.createdAt),
        this.articleTools?.(a, () => this.reload()) ?? null,
      ),
      a.channel === 'MAIL' ? this.mailHeader(a) : null,
      h('div', { class: 'article-body' }, a.body),
      a.attachments?.length ? h('ul', { class: 'article-attachments' }, a.attachments.map((file) => this.attachment(file))) : null,
    );
  }

  /** Who a mail came from and went to, as the message said (the text only; never the mail's HTML). */
  private mailHeader(a: Article): HTMLElement {
    const row = (label: string, value: string | null | undefined, key: string) =>
      value ? h('div', { 'data-field': key }, h('dt', {}, label), h('dd', {}, value)) : null;
    return h(
      'dl',
      { class: 'mail-header' },
      row(t('mail.from'), a.from, 'mail-from'),
      row(t('mail.to'), a.to?.join(', '), 'mail-to'),
      row(t('mail.cc'), a.cc?.join(', '), 'mail-cc'),
    );
  }

  /** A download link with the size; images also as a small thumbnail; a mail file the engine did not keep, by name. */
  private attachment(file: Attachment): HTMLElement {
    if (!file.id || !file.url) {
      return h(
        'li',
        { class: 'attachment attachment-missing', 'data-attachment-name': file.name },
        h('i', { class: 'bi bi-file-earmark-x me-1', 'aria-hidden': 'true' }),
        h('span', { class: 'attachment-name' }, file.name),
        h('span', { class: 'text-body-secondary ms-1' }, t('conversation.notStored')),
      );
    }
    return h(
      'li',
      { class: 'attachment', 'data-attachment-id': file.id, 'data-attachment-name': file.name },
      file.image
        ? h('a', { href: file.url, download: file.name, class: 'attachment-thumb-link', tabindex: -1, 'aria-hidden': 'true' },
            h('img', { class: 'attachment-thumb', src: file.url, alt: '', loading: 'lazy' }))
        : null,
      h(
        'a',
        { href: file.url, download: file.name, class: 'attachment-link' },
        h('i', { class: `bi ${file.image ? 'bi-file-earmark-image' : 'bi-file-earmark-arrow-down'} me-1`, 'aria-hidden': 'true' }),
        h('span', { class: 'attachment-name' }, file.name),
      ),
      h('span', { class: 'attachment-size text-body-secondary ms-1' }, `(${fileSize(file.size)})`),
    );
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.ticketId === null) return;
    const body = this.text.value.trim();
    if (!body) {
      replaceChildren(this.status, notice('danger', t('conversation.writeFirst')));
      this.text.focus();
      return;
    }
    const visibility = this.mayWriteInternal ? this.visibility() : 'PUBLIC';
    const files = Array.from(this.files.files ?? []);
    this.sendButton.disabled = true;
    try {
      await api.addArticle(this.ticketId, body, visibility, files);
      this.text.value = '';
      this.files.value = '';
      this.showChosen();
      replaceChildren(this.status, notice('success', visibility === 'INTERNAL' ? t('conversation.noteAdded') : t('conversation.replySent')));
      await this.reload();
      this.onSent?.();
    } catch (error) {
      const text = error instanceof ApiError && error.problem.errors?.length
        ? error.problem.errors.map((e) => `${e.path}: ${e.message}`).join('; ')
        : describeError(error);
      replaceChildren(this.status, notice('danger', t('conversation.notSent', { why: text })));
    } finally {
      this.sendButton.disabled = false;
    }
  }
}

/** 512 bytes, 12.3 KB, 4.5 MB (powers of 1024, as file managers show them), in the active language's numbers. */
export function fileSize(bytes: number): string {
  const one = { maximumFractionDigits: 1 };
  if (bytes < 1024) return tn('fileSize.bytes', bytes);
  if (bytes < 1024 * 1024) return t('fileSize.kb', { size: formatNumber(bytes / 1024, one) });
  return t('fileSize.mb', { size: formatNumber(bytes / (1024 * 1024), one) });
}
