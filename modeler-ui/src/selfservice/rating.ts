import '../styles/selfservice.css';
import { ApiError } from '../api';
import type { TicketDetail } from '../api';
import { selfService } from '../api/selfservice';
import type { Rating } from '../api/selfservice';
import { describeError, h, notice, replaceChildren, time } from '../ui/dom';
import { t } from '../i18n';

/** Every text of the rating section, read from the catalogues (i18n) when shown. */
const TEXT = {
  get heading() {
    return t('rating.heading');
  },
  get intro() {
    return t('rating.intro');
  },
  get scoreLegend() {
    return t('rating.scoreLegend');
  },
  get scores() {
    return [t('rating.score1'), t('rating.score2'), t('rating.score3'), t('rating.score4'), t('rating.score5')];
  },
  get comment() {
    return t('rating.comment');
  },
  get submit() {
    return t('rating.submit');
  },
  get sending() {
    return t('rating.sending');
  },
  get pickScore() {
    return t('rating.pickScore');
  },
  get thanks() {
    return t('rating.thanks');
  },
  rated: (score: number) => t('rating.rated', { score }),
  get ratedAt() {
    return t('rating.ratedAt');
  },
  get yourComment() {
    return t('rating.yourComment');
  },
  failed: (why: string) => t('rating.failed', { why }),
  loadFailed: (why: string) => t('rating.loadFailed', { why }),
};

/**
 * The requester's satisfaction rating of a resolved ticket (POST /api/tickets/{id}/rating): 1 to 5 with a comment,
 * sent once; afterwards (and on every later visit) the rating given. Nothing shows before the ticket is resolved.
 */
export class RatingView {
  readonly element: HTMLElement = h('section', { class: 'ticket-rating', 'aria-labelledby': 'ticket-rating-heading', hidden: true });
  private shown = 0;

  async show(ticket: TicketDetail): Promise<void> {
    const run = ++this.shown;
    if (!ticket.resolvedAt) {
      this.element.hidden = true;
      replaceChildren(this.element);
      return;
    }
    this.element.hidden = false;
    try {
      const rating = await selfService.rating(ticket.id).catch((error) => {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      });
      if (run !== this.shown) return;
      if (rating) this.showRating(rating);
      else this.showForm(ticket.id);
    } catch (error) {
      if (run !== this.shown) return;
      replaceChildren(this.element, this.heading(), notice('danger', TEXT.loadFailed(describeError(error))));
    }
  }

  private heading(): HTMLElement {
    return h('h3', { id: 'ticket-rating-heading' }, TEXT.heading);
  }

  private showRating(rating: Rating, news?: string): void {
    replaceChildren(
      this.element,
      this.heading(),
      news ? notice('success', news) : null,
      h(
        'p',
        { class: 'rating-given', 'data-score': rating.score },
        h('span', { class: 'rating-stars', 'aria-hidden': 'true' }, '★'.repeat(rating.score) + '☆'.repeat(5 - rating.score)),
        ' ',
        TEXT.rated(rating.score),
        TEXT.ratedAt,
        time(rating.createdAt),
        '.',
      ),
      rating.comment ? h('p', { class: 'rating-comment' }, h('span', { class: 'fw-semibold' }, TEXT.yourComment), ' ', rating.comment) : null,
    );
  }

  private showForm(ticketId: number): void {
    const status = h('div', { class: 'rating-status', 'aria-live': 'polite' });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-sm' }, TEXT.submit);
    const form = h(
      'form',
      {
        class: 'rating-form',
        onsubmit: async (event: Event) => {
          event.preventDefault();
          const data = new FormData(form);
          const score = Number(data.get('score'));
          if (!score) {
            replaceChildren(status, notice('danger', TEXT.pickScore));
            return;
          }
          submit.disabled = true;
          submit.textContent = TEXT.sending;
          try {
            const rating = await selfService.rate(ticketId, score, String(data.get('comment') ?? ''));
            this.showRating(rating, TEXT.thanks);
          } catch (error) {
            if (error instanceof ApiError && error.status === 409) {
              // Rated meanwhile (another tab): show what was given.
              const given = await selfService.rating(ticketId).catch(() => null);
              if (given) {
                this.showRating(given, error.message);
                return;
              }
            }
            submit.disabled = false;
            submit.textContent = TEXT.submit;
            const detail = error instanceof ApiError && error.problem.errors?.length
              ? error.problem.errors.map((e) => e.message).join('; ') : describeError(error);
            replaceChildren(status, notice('danger', TEXT.failed(detail)));
          }
        },
      },
      h(
        'fieldset',
        { class: 'rating-scores mb-2' },
        h('legend', { class: 'form-label fs-6' }, TEXT.scoreLegend),
        TEXT.scores.map((label, i) =>
          h(
            'div',
            { class: 'form-check form-check-inline' },
            h('input', { class: 'form-check-input', type: 'radio', name: 'score', id: `rating-score-${i + 1}`, value: i + 1 }),
            h('label', { class: 'form-check-label', for: `rating-score-${i + 1}` }, label),
          ),
        ),
      ),
      h('label', { class: 'form-label', for: 'rating-comment' }, TEXT.comment),
      h('textarea', { class: 'form-control mb-2', id: 'rating-comment', name: 'comment', rows: 2, maxlength: 2000 }),
      submit,
      status,
    );
    replaceChildren(this.element, this.heading(), h('p', {}, TEXT.intro), form);
  }
}
