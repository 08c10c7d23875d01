import { Formio } from '@formio/js/form';
import { api, ApiError, SessionExpired } from '../api';
import type { FieldError, FormDefinition, SubmissionResult } from '../api';
import { describeError, h, notice, replaceChildren } from '../ui/dom';

/** What formio.js shows next to a field (and lists in its error summary) when we hand it an error. */
interface FormioError {
  message: string;
  path?: string;
  fromServer: true;
  level: 'error';
}

/** The part of formio.js's Webform (typed `any` by formio) that this page uses. */
interface RenderedForm {
  on(event: 'submit', listener: () => void): void;
  setServerErrors(error: { details: FormioError[] }): void;
  destroy(all: boolean): void;
}

/**
 * The engine names fields as formio.js submissions do ("data.subject"); formio.js finds components by their
 * key path ("subject"). Errors without a path (or for a field this form does not show) stay in the summary.
 */
export function toFormioErrors(errors: FieldError[] | undefined, fallback: string): FormioError[] {
  const mapped = (errors ?? []).map((error) => ({
    message: error.message,
    path: error.path ? error.path.replace(/^data\./, '') : undefined,
    fromServer: true as const,
    level: 'error' as const,
  }));
  return mapped.length ? mapped : [{ message: fallback, fromServer: true, level: 'error' }];
}

/**
 * Renders a Form.io form from the engine and submits it there. The engine validates again and decides; the
 * browser only validates to save a round trip.
 *
 * The POST runs in formio.js's `customValidation` hook, which formio calls after its own validation and before
 * it declares the submission done: a 400 from the engine thus flows through formio's own error path (fields
 * marked, error list, submit button state), and "submission complete" only ever follows a 2xx.
 */
export class ReportForm {
  readonly element: HTMLElement;
  private readonly status = h('div', { class: 'form-status', 'aria-live': 'polite' });
  private readonly host = h('div', { class: 'formio-host' });
  private definition: FormDefinition = { components: [] };
  private form: RenderedForm | undefined;

  constructor(
    private readonly formKey: string,
    private readonly onCreated: (result: SubmissionResult) => void,
  ) {
    this.element = h('div', { class: 'report-form' }, this.status, this.host);
  }

  async load(): Promise<void> {
    replaceChildren(this.host, h('p', { class: 'text-body-secondary' }, 'Loading form…'));
    try {
      this.definition = await api.form(this.formKey);
    } catch (error) {
      if (error instanceof SessionExpired) return;
      replaceChildren(this.host, notice('danger', `The form could not be loaded: ${describeError(error)}`));
      return;
    }
    await this.render();
  }

  /** A fresh formio instance per report: nothing of the last submission (values, errors, button state) lingers. */
  private async render(): Promise<void> {
    this.form?.destroy(true);
    replaceChildren(this.host);
    let accepted: SubmissionResult | null = null;
    const form: RenderedForm = await Formio.createForm(this.host, this.definition, {
      hooks: {
        customValidation: (submission: { data: Record<string, unknown> }, next: (errors?: unknown) => void) => {
          this.showStatus(null);
          api.submitForm(this.formKey, submission.data).then(
            (result) => {
              accepted = result;
              next();
            },
            (error: unknown) => {
              if (error instanceof SessionExpired) return;
              const errors =
                error instanceof ApiError
                  ? toFormioErrors(error.problem.errors, error.message)
                  : toFormioErrors(undefined, `The form could not be sent: ${describeError(error)}`);
              if (error instanceof ApiError && error.status === 400) {
                this.showStatus(notice('danger', error.message));
              }
              // Registered as server errors, formio drops them at the next submit and lets the engine judge
              // again, instead of holding the field invalid until its value changes.
              form.setServerErrors({ details: errors });
              next(errors);
            },
          );
        },
      },
    });
    this.form = form;

    // Without a Form.io server behind it formio emits "submit" (never "submitDone") once the hook let it through.
    form.on('submit', () => {
      if (!accepted) return;
      const result = accepted;
      accepted = null;
      this.showStatus(
        'number' in result
          ? notice('success', `Ticket ${result.number} created`)
          : notice('info', 'Thank you, no ticket was needed.'),
      );
      this.onCreated(result);
      // After formio has finished its own submit bookkeeping for this instance.
      setTimeout(() => void this.render(), 0);
    });
  }

  private showStatus(content: HTMLElement | null): void {
    replaceChildren(this.status, content);
  }
}
