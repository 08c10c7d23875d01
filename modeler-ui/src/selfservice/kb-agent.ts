import '../styles/selfservice.css';
import { ApiError } from '../api';
import type { TicketDetail } from '../api';
import { selfService } from '../api/selfservice';
import type { KbLanguage, KbSummary } from '../api/selfservice';
import { describeError, h, notice, replaceChildren } from '../ui/dom';
import { kbArticleHref, kbEditHref } from './kb-routes';
import { t } from '../i18n';

/** Every text of the agent's knowledge panel, read from the catalogues (i18n) when shown. */
const TEXT = {
  get heading() {
    return t('kbAgent.heading');
  },
  get loading() {
    return t('kbAgent.loading');
  },
  get none() {
    return t('kbAgent.none');
  },
  get suggested() {
    return t('kbAgent.suggested');
  },
  get open() {
    return t('kbAgent.open');
  },
  get sendAsReply() {
    return t('kbAgent.sendAsReply');
  },
  get sending() {
    return t('kbAgent.sending');
  },
  sent: (title: string) => t('kbAgent.sent', { title }),
  sendFailed: (why: string) => t('kbAgent.sendFailed', { why }),
  loadFailed: (why: string) => t('kbAgent.loadFailed', { why }),
  get draft() {
    return t('kbAgent.draft');
  },
  get draftLanguage() {
    return t('kbAgent.draftLanguage');
  },
  get drafting() {
    return t('kbAgent.drafting');
  },
  get drafted() {
    return t('kbAgent.drafted');
  },
  get editDraft() {
    return t('kbAgent.editDraft');
  },
  draftFailed: (why: string) => t('kbAgent.draftFailed', { why }),
  get languages(): Record<KbLanguage, string> {
    return { en: t('language.en'), de: t('language.de') };
  },
  replyText: (title: string, text: string) => t('kbAgent.replyText', { title, text }),
};

/**
 * On the agent's ticket view: published articles that match the ticket (GET /api/tickets/{id}/kb-suggestions), each
 * of which can be sent as the public reply, and on a resolved ticket "Draft KB article" (POST .../kb-draft).
 */
export class KbTicketPanel {
  readonly element = h('section', { class: 'kb-ticket-panel', 'aria-labelledby': 'kb-ticket-heading' });
  private readonly status = h('div', { class: 'kb-ticket-status', 'aria-live': 'polite' });
  private shown = 0;

  /** `onReplied` reloads the conversation once an article went out as a reply. */
  async show(ticket: TicketDetail, onReplied: () => void): Promise<void> {
    const run = ++this.shown;
    const list = h('div', { class: 'kb-suggestions' }, h('p', { class: 'text-body-secondary small' }, TEXT.loading));
    replaceChildren(
      this.element,
      h('h3', { id: 'kb-ticket-heading' }, TEXT.heading),
      list,
      ticket.resolvedAt ? this.draftForm(ticket) : null,
      this.status,
    );
    replaceChildren(this.status);
    try {
      const suggestions = await selfService.kbSuggestions(ticket.id);
      if (run !== this.shown) return;
      replaceChildren(
        list,
        suggestions.length
          ? [h('h4', { class: 'h6' }, TEXT.suggested), h('ul', { class: 'list-unstyled kb-suggestion-list' }, suggestions.map((s) => this.suggestion(ticket, s, onReplied)))]
          : h('p', { class: 'text-body-secondary small' }, TEXT.none),
      );
    } catch (error) {
      if (run === this.shown) replaceChildren(list, notice('danger', TEXT.loadFailed(describeError(error))));
    }
  }

  private suggestion(ticket: TicketDetail, s: KbSummary, onReplied: () => void): HTMLElement {
    const send = h('button', { type: 'button', class: 'btn btn-sm btn-outline-primary kb-send-reply' }, TEXT.sendAsReply);
    send.addEventListener('click', async () => {
      send.disabled = true;
      send.textContent = TEXT.sending;
      try {
        const article = await selfService.kbArticle(s.id);
        await selfService.reply(ticket.id, TEXT.replyText(article.title, article.bodyText));
        replaceChildren(this.status, notice('success', TEXT.sent(article.title)));
        onReplied();
      } catch (error) {
        replaceChildren(this.status, notice('danger', TEXT.sendFailed(describeError(error))));
      } finally {
        send.disabled = false;
        send.textContent = TEXT.sendAsReply;
      }
    });
    return h(
      'li',
      { class: 'kb-suggestion mb-2', 'data-article-id': s.id },
      h('a', { href: kbArticleHref(s.id), class: 'fw-semibold' }, s.title),
      s.excerpt ? h('div', { class: 'small text-body-secondary' }, s.excerpt) : null,
      h('div', { class: 'mt-1' }, send),
    );
  }

  private draftForm(ticket: TicketDetail): HTMLElement {
    const language = h(
      'select',
      { class: 'form-select form-select-sm w-auto', name: 'language', 'aria-label': TEXT.draftLanguage },
      (Object.keys(TEXT.languages) as KbLanguage[]).map((l) => h('option', { value: l }, TEXT.languages[l])),
    );
    const button = h('button', { type: 'submit', class: 'btn btn-sm btn-outline-secondary kb-draft' }, TEXT.draft);
    return h(
      'form',
      {
        class: 'kb-draft-form d-flex flex-wrap align-items-center gap-2 mt-2',
        onsubmit: async (event: Event) => {
          event.preventDefault();
          button.disabled = true;
          button.textContent = TEXT.drafting;
          try {
            const draft = await selfService.kbDraft(ticket.id, language.value as KbLanguage);
            replaceChildren(
              this.status,
              h('div', { class: 'alert alert-success', role: 'status' }, TEXT.drafted,
                h('a', { href: kbEditHref(draft.id), class: 'kb-draft-link' }, TEXT.editDraft), '.'),
            );
          } catch (error) {
            const why = error instanceof ApiError ? error.message : describeError(error);
            replaceChildren(this.status, notice('danger', TEXT.draftFailed(why)));
          } finally {
            button.disabled = false;
            button.textContent = TEXT.draft;
          }
        },
      },
      language,
      button,
    );
  }
}
