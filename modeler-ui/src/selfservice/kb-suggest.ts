import '../styles/selfservice.css';
import { selfService } from '../api/selfservice';
import type { KbSummary } from '../api/selfservice';
import { describeError, h, notice, replaceChildren } from '../ui/dom';
import { sanitizedFragment } from './html';
import { t } from '../i18n';

/** Every text of the suggestion panel, read from the catalogues (i18n) when shown. */
const TEXT = {
  get heading() {
    return t('kbSuggest.heading');
  },
  get intro() {
    return t('kbSuggest.intro');
  },
  get read() {
    return t('kbSuggest.read');
  },
  get hide() {
    return t('kbSuggest.hide');
  },
  get solved() {
    return t('kbSuggest.solved');
  },
  get sending() {
    return t('kbSuggest.sending');
  },
  get deflected() {
    return t('kbSuggest.deflected');
  },
  failed: (why: string) => t('kbSuggest.failed', { why }),
  loadFailed: (why: string) => t('kbSuggest.loadFailed', { why }),
};

/** The subject field of a formio form ("subject" component). */
const SUBJECT = 'input[name="data[subject]"], textarea[name="data[subject]"]';
const MIN_LENGTH = 3;

/**
 * While a requester types a subject into a report form, published public articles matching it appear below the
 * form, each to read in place and with "This solved it" (POST /api/kb/articles/{id}/solved: a deflection, no
 * ticket). Attached to a container by one call: it listens to input events on the subject field inside it, so the
 * form itself needs no change. The form's key comes from the nearest `data-form-key` attribute, else `formKey`.
 */
export function attachKbSuggestions(container: HTMLElement, formKey: string): () => void {
  let timer: number | undefined;
  let run = 0;
  let panel: HTMLElement | null = null;
  let lastQuery = '';

  const place = (field: Element): HTMLElement => {
    const formRoot = field.closest('.formio-form') ?? field.closest('form') ?? field.parentElement!;
    if (!panel) panel = h('aside', { class: 'kb-suggest mt-3', 'aria-live': 'polite', 'aria-label': TEXT.heading });
    if (!panel.isConnected || panel.previousElementSibling !== formRoot) formRoot.after(panel);
    return panel;
  };

  const suggest = async (field: HTMLInputElement) => {
    const q = field.value.trim();
    const target = place(field);
    if (q === lastQuery && target.childElementCount) return;
    lastQuery = q;
    const mine = ++run;
    if (q.length < MIN_LENGTH) {
      replaceChildren(target);
      return;
    }
    try {
      const found = await selfService.kbSearch({ q, size: 3 });
      if (mine !== run) return;
      const key = (field.closest('[data-form-key]') as HTMLElement | null)?.dataset.formKey || formKey;
      replaceChildren(
        target,
        found.items.length
          ? h('div', { class: 'card' }, h('div', { class: 'card-body' },
              h('h3', { class: 'h6 card-title' }, TEXT.heading),
              h('p', { class: 'small text-body-secondary' }, TEXT.intro),
              h('ul', { class: 'list-unstyled mb-0' }, found.items.map((s) => item(s, key, target)))))
          : null,
      );
    } catch {
      // Suggestions are a help, not a step: the form works without them.
      if (mine === run) replaceChildren(target);
    }
  };

  const onInput = (event: Event) => {
    const field = event.target;
    if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) || !field.matches(SUBJECT)) return;
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void suggest(field as HTMLInputElement), 350);
  };
  container.addEventListener('input', onInput);
  return () => {
    container.removeEventListener('input', onInput);
    window.clearTimeout(timer);
    panel?.remove();
  };
}

function item(s: KbSummary, formKey: string, panel: HTMLElement): HTMLElement {
  const text = h('div', { class: 'kb-suggest-text small border-start ps-2 my-2', hidden: true });
  const read = h('button', { type: 'button', class: 'btn btn-link btn-sm p-0 kb-suggest-read', 'aria-expanded': 'false' }, TEXT.read);
  read.addEventListener('click', async () => {
    const open = read.getAttribute('aria-expanded') !== 'true';
    read.setAttribute('aria-expanded', String(open));
    read.textContent = open ? TEXT.hide : TEXT.read;
    text.hidden = !open;
    if (open && !text.childNodes.length) {
      try {
        text.append(sanitizedFragment((await selfService.kbArticle(s.id)).body));
      } catch (error) {
        text.append(notice('danger', TEXT.loadFailed(describeError(error))));
      }
    }
  });
  const solved = h('button', { type: 'button', class: 'btn btn-sm btn-success kb-solved' }, TEXT.solved);
  solved.addEventListener('click', async () => {
    solved.disabled = true;
    solved.textContent = TEXT.sending;
    try {
      await selfService.kbSolved(s.id, formKey);
      replaceChildren(panel, h('div', { class: 'alert alert-success kb-deflected', role: 'status' }, TEXT.deflected));
    } catch (error) {
      solved.disabled = false;
      solved.textContent = TEXT.solved;
      panel.append(notice('danger', TEXT.failed(describeError(error))));
    }
  });
  return h(
    'li',
    { class: 'kb-suggestion mb-2', 'data-article-id': s.id },
    h('div', { class: 'fw-semibold' }, s.title),
    s.excerpt ? h('div', { class: 'small text-body-secondary' }, s.excerpt) : null,
    text,
    h('div', { class: 'd-flex gap-3 align-items-center mt-1' }, read, solved),
  );
}
