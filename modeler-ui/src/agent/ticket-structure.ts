import { api, ApiError } from '../api';
import type { Article, LinkType, TicketDetail, TicketSummary } from '../api';
import { describeError, h, notice, replaceChildren } from '../ui/dom';
import { agentTicketHref } from './routes';
import { label, t } from '../i18n';

const LINK_TYPES: LinkType[] = ['RELATES_TO', 'DUPLICATE_OF', 'CAUSED_BY', 'PARENT_OF'];

/** A problem's field errors, or its message: what the server said was wrong. */
function why(error: unknown): string {
  return error instanceof ApiError && error.problem.errors?.length
    ? error.problem.errors.map((e) => `${e.path}: ${e.message}`).join('; ') : describeError(error);
}

/**
 * Finds another ticket by number or words (the ticket search, in the agent's scope) and lets the agent pick one.
 * `exclude`: the ticket the page shows, which is never a choice.
 */
class TicketPicker {
  readonly element: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly results = h('ul', { class: 'list-unstyled ticket-picker-results mb-0' });
  private picked: TicketSummary | null = null;

  constructor(name: string, private readonly exclude: () => number, private readonly onPick: (ticket: TicketSummary | null) => void) {
    this.input = h('input', { class: 'form-control form-control-sm', type: 'search', name, placeholder: t('structure.findTicket'), 'aria-label': t('structure.findTicket') });
    const form = h('div', { class: 'd-flex gap-2' }, this.input,
      h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', 'data-action': 'find', onclick: () => void this.find() }, t('common.search')));
    this.input.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); void this.find(); } });
    this.element = h('div', { class: 'ticket-picker' }, form, this.results);
  }

  reset(): void {
    this.input.value = '';
    this.picked = null;
    replaceChildren(this.results);
  }

  private async find(): Promise<void> {
    const q = this.input.value.trim();
    if (!q) return;
    try {
      const page = await api.tickets({ q, view: 'all', size: 8 });
      const items = page.items.filter((i) => i.id !== this.exclude());
      replaceChildren(this.results, items.length
        ? items.map((item) => h('li', {}, h('button', {
          type: 'button', class: 'btn btn-sm btn-link text-start p-0', 'data-pick': item.number,
          onclick: () => { this.picked = item; this.onPick(item); this.mark(); },
        }, `${item.number}: ${item.subject}`)))
        : h('li', { class: 'text-body-secondary small' }, t('tickets.noMatch')));
    } catch (error) {
      replaceChildren(this.results, h('li', {}, notice('danger', t('tickets.loadFailed', { why: describeError(error) }))));
    }
  }

  private mark(): void {
    this.results.querySelectorAll<HTMLButtonElement>('button[data-pick]').forEach((b) => b.classList.toggle('fw-bold', b.dataset.pick === this.picked?.number));
  }
}

/**
 * "Merge into…" and "Link…": the structure an agent gives a ticket beside its process. Merging asks for a
 * confirmation (the ticket is closed and its process ends; its conversation, files, watchers, time and links move to
 * the target) and then shows the target, which the server answers.
 */
export class StructurePanel {
  readonly element = h('details', { class: 'structure-panel' });
  private readonly status = h('div', { class: 'structure-status', 'aria-live': 'polite' });
  private ticket: TicketDetail | null = null;
  private mergeTarget: TicketSummary | null = null;
  private linkTarget: TicketSummary | null = null;
  private readonly confirm = h('div', { class: 'merge-confirm' });
  private readonly linkType = h('select', { class: 'form-select form-select-sm w-auto', name: 'link-type', 'aria-label': t('structure.linkType') },
    LINK_TYPES.map((type) => h('option', { value: type }, label('link', type))));
  private readonly mergePicker = new TicketPicker('merge-target', () => this.ticket?.id ?? -1, (picked) => { this.mergeTarget = picked; this.askMerge(); });
  private readonly linkPicker = new TicketPicker('link-target', () => this.ticket?.id ?? -1, (picked) => { this.linkTarget = picked; });

  constructor(private readonly changed: (id: number) => void) {
    this.element.append(
      h('summary', {}, t('structure.heading')),
      h('div', { class: 'row g-3 mt-1' },
        h('section', { class: 'col-md-6 merge', 'aria-labelledby': 'merge-heading' },
          h('h4', { class: 'h6', id: 'merge-heading' }, t('structure.mergeInto')),
          h('p', { class: 'small text-body-secondary' }, t('structure.mergeHelp')),
          this.mergePicker.element, this.confirm),
        h('section', { class: 'col-md-6 link', 'aria-labelledby': 'link-heading' },
          h('h4', { class: 'h6', id: 'link-heading' }, t('structure.link')),
          h('form', { class: 'd-flex flex-wrap gap-2 align-items-start', onsubmit: (e: Event) => { e.preventDefault(); void this.link(); } },
            this.linkType, this.linkPicker.element,
            h('button', { type: 'submit', class: 'btn btn-sm btn-outline-primary', 'data-action': 'link' }, t('structure.addLink'))))),
      this.status,
    );
  }

  show(ticket: TicketDetail): void {
    this.ticket = ticket;
    this.mergeTarget = null;
    this.linkTarget = null;
    this.mergePicker.reset();
    this.linkPicker.reset();
    replaceChildren(this.confirm);
  }

  /** Shows a message in the panel after the page was drawn again (the panel stays the same element). */
  say(text: string): void {
    this.element.open = true;
    replaceChildren(this.status, notice('success', text));
  }

  private askMerge(): void {
    const source = this.ticket;
    const target = this.mergeTarget;
    if (!source || !target) return;
    replaceChildren(this.confirm, h('div', { class: 'alert alert-warning mt-2 mb-0', role: 'alert' },
      t('structure.confirmMerge', { source: source.number, target: target.number }),
      h('div', { class: 'd-flex gap-2 mt-2' },
        h('button', { type: 'button', class: 'btn btn-sm btn-danger', 'data-action': 'confirm-merge', onclick: () => void this.merge(source, target) }, t('structure.merge')),
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', onclick: () => replaceChildren(this.confirm) }, t('common.cancel')))));
  }

  private async merge(source: TicketDetail, target: TicketSummary): Promise<void> {
    try {
      const merged = await api.merge(source.id, target.id, source.version);
      replaceChildren(this.confirm);
      // the page now shows the target (the merged ticket is closed and points to it)
      window.location.hash = agentTicketHref(merged.id);
      this.say(t('structure.merged', { source: source.number, target: merged.number }));
    } catch (error) {
      const text = error instanceof ApiError && error.status === 409 ? t('ticket.changedMeanwhile', { why: error.message }) : why(error);
      replaceChildren(this.status, notice('danger', t('structure.notMerged', { why: text })));
    }
  }

  private async link(): Promise<void> {
    const ticket = this.ticket;
    if (!ticket) return;
    if (!this.linkTarget) {
      replaceChildren(this.status, notice('danger', t('structure.pickFirst')));
      return;
    }
    try {
      const number = this.linkTarget.number;
      await api.link(ticket.id, this.linkType.value as LinkType, this.linkTarget.id);
      this.changed(ticket.id);
      this.say(t('structure.linked', { number }));
    } catch (error) {
      replaceChildren(this.status, notice('danger', t('structure.notLinked', { why: why(error) })));
    }
  }
}

/**
 * The "Split" tool in an article's head: moves the article (and its files) into a new ticket linked to this one,
 * with an optional subject (else the server takes one from the article).
 */
export function splitTool(ticketId: () => number | null, onSplit: (number: string, id: number) => void) {
  return (article: Article, reload: () => Promise<void>): HTMLElement | null => {
    const holder = h('span', { class: 'split-tool ms-auto' });
    const open = () => {
      const subject = h('input', { class: 'form-control form-control-sm', name: 'split-subject', maxlength: 200, placeholder: t('structure.splitSubject'), 'aria-label': t('structure.splitSubject') });
      const status = h('span', { class: 'small' });
      replaceChildren(holder, h('form', {
        class: 'd-inline-flex flex-wrap gap-1 align-items-center', 'data-split-form': article.id,
        onsubmit: async (e: Event) => {
          e.preventDefault();
          const id = ticketId();
          if (id === null) return;
          try {
            const opened = await api.splitArticle(id, article.id, subject.value.trim());
            await reload();
            onSplit(opened.number, opened.ticketId);
          } catch (error) {
            replaceChildren(status, notice('danger', t('structure.notSplit', { why: why(error) })));
          }
        },
      }, subject,
      h('button', { type: 'submit', class: 'btn btn-sm btn-outline-primary' }, t('structure.split')),
      h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', onclick: () => replaceChildren(holder, button) }, t('common.cancel')),
      status));
      subject.focus();
    };
    const button = h('button', { type: 'button', class: 'btn btn-sm btn-link p-0', 'data-action': 'split', onclick: open },
      h('i', { class: 'bi bi-scissors me-1', 'aria-hidden': 'true' }), t('structure.split'));
    holder.append(button);
    return holder;
  };
}
