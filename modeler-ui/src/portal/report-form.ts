import { api } from '../api';
import type { FormDefinition, SubmissionResult } from '../api';
import { describeError, notice } from '../ui/dom';
import { ServerForm } from '../ui/server-form';

export { toFormioErrors } from '../ui/server-form';

/** The requester's report form: rendered from the engine's definition, starts over after each accepted report. */
export class ReportForm {
  readonly element: HTMLElement;
  private readonly form: ServerForm<SubmissionResult>;
  private definition: FormDefinition = { components: [] };

  constructor(
    private readonly formKey: string,
    private readonly onCreated: (result: SubmissionResult) => void,
  ) {
    this.form = new ServerForm(
      (data) => api.submitForm(this.formKey, data),
      (result) => {
        this.form.showStatus(
          'number' in result
            ? notice('success', `Ticket ${result.number} created`)
            : notice('info', 'Thank you, no ticket was needed.'),
        );
        this.onCreated(result);
        void this.form.render(this.definition);
      },
    );
    this.element = this.form.element;
    this.element.classList.add('report-form');
  }

  async load(): Promise<void> {
    this.form.loading();
    try {
      this.definition = await api.form(this.formKey);
    } catch (error) {
      this.form.failed(`The form could not be loaded: ${describeError(error)}`);
      return;
    }
    await this.form.render(this.definition);
  }
}
