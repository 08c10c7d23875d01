import { api } from '../api';
import type { FormDefinition, SubmissionResult } from '../api';
import { describeError, h, notice } from '../ui/dom';
import { ServerForm } from '../ui/server-form';
import { ticketHref } from './routes';
import { t } from '../i18n';

export { toFormioErrors } from '../ui/server-form';

/**
 * A catalogue form the requester fills in: rendered from the engine's definition, starts over after each accepted
 * submission and says which ticket it opened.
 */
export class ReportForm {
  readonly element: HTMLElement;
  private readonly form: ServerForm<SubmissionResult>;
  private definition: FormDefinition = { components: [] };
  private formKey: string | null = null;

  constructor(private readonly onCreated: (result: SubmissionResult) => void) {
    this.form = new ServerForm(
      (data) => api.submitForm(this.formKey ?? '', data),
      (result) => {
        this.form.showStatus(
          'number' in result
            ? h('div', { class: 'alert alert-success', role: 'status' }, t('reportForm.created', { number: result.number }), ' ',
                h('a', { href: ticketHref(result.ticketId), class: 'alert-link' }, t('reportForm.openIt')))
            : notice('info', t('reportForm.noTicket')),
        );
        this.onCreated(result);
        void this.form.render(this.definition);
      },
    );
    this.element = this.form.element;
    this.element.classList.add('report-form');
  }

  /** Shows the form `key` (again from the engine: a designer may have saved a new version meanwhile). */
  async open(key: string): Promise<void> {
    this.form.showStatus(null);
    this.formKey = key;
    // the knowledge-base suggestions (selfservice/kb-suggest.ts) record a deflection against this form
    this.element.dataset.formKey = key;
    this.form.loading();
    let definition: FormDefinition;
    try {
      definition = await api.form(key);
    } catch (error) {
      if (this.formKey === key) this.form.failed(t('reportForm.loadFailed', { why: describeError(error) }));
      return;
    }
    if (this.formKey !== key) return; // the user went on to another form while this one loaded
    this.definition = definition;
    await this.form.render(definition);
  }
}
