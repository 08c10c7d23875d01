import { Formio } from '@formio/js/form';
import { ApiError, CSRF_HEADER, csrfToken } from '../api';
import type { FieldError, FormDefinition } from '../api';
import { describeError, h, notice, replaceChildren } from './dom';
import { disableFormioEval } from './formio-noeval';
import { t } from '../i18n';
import { formioLanguage } from './formio-i18n';

/** What formio.js shows next to a field (and lists in its error summary) when we hand it an error. */
interface FormioError {
  message: string;
  path?: string;
  fromServer: true;
  level: 'error';
}

/** The part of formio.js's Webform (typed `any` by formio) that this widget uses. */
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

/** The parts of a Form.io component this module reads or sets; the rest passes through untouched. */
interface ComponentJson {
  type?: string;
  dataSrc?: string;
  data?: unknown;
  storage?: string;
  url?: string;
  options?: unknown;
  urlRequestOptions?: unknown;
  [property: string]: unknown;
}

/** Every component of a definition, however nested (panels, columns, tables, data grids). */
function eachComponent(node: unknown, visit: (component: ComponentJson) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) eachComponent(item, visit);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const component = node as ComponentJson;
  if (typeof component.type === 'string') visit(component);
  for (const nested of [component.components, component.columns, component.rows]) eachComponent(nested, visit);
}

/**
 * formio.js uploads a file component's files itself, with its own XMLHttpRequest, so the app's http layer never
 * sees them. Its "url" storage applies the component's `urlRequestOptions` (else `options`) to that request; with
 * the CSRF header there the engine's CSRF protection holds for uploads too. Only for uploads to the engine
 * itself: the token never goes to another origin, whatever URL a form names.
 */
export function withUploadHeaders(definition: FormDefinition, token: string | null): FormDefinition {
  const copy = structuredClone(definition);
  if (!token) return copy;
  eachComponent((copy as { components?: unknown }).components, (component) => {
    if (component.type !== 'file' || component.storage !== 'url' || typeof component.url !== 'string') return;
    if (new URL(component.url, window.location.href).origin !== window.location.origin) return;
    const headers = { [CSRF_HEADER]: token, 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' };
    component.urlRequestOptions = { headers, withCredentials: true };
  });
  return copy;
}

/**
 * formio.js prefixes a select's data URL that starts with "/" with its own base URL (api.form.io), which the
 * Content-Security-Policy rightly blocks. A form of the engine means the engine (the asset picker's `/api/assets`),
 * so such a URL is made absolute on this origin; URLs of other origins are left as they are (and the CSP decides).
 */
export function withEngineSelectUrls(definition: FormDefinition): FormDefinition {
  const copy = structuredClone(definition);
  eachComponent((copy as { components?: unknown }).components, (component) => {
    const data = component.data as { url?: unknown } | undefined;
    if (component.type !== 'select' || component.dataSrc !== 'url' || !data || typeof data.url !== 'string') return;
    if (data.url.startsWith('/') && !data.url.startsWith('//')) data.url = window.location.origin + data.url;
  });
  return copy;
}

/**
 * formio.js's own file service, except that removing a file from a form before sending it deletes nothing: the
 * engine has no DELETE for uploads (formio would show the refusal as an error at the field). A pending upload no
 * submission names stays its uploader's and the engine purges it.
 */
function formFileService(): unknown {
  const service = new Formio() as unknown as { deleteFile: () => Promise<string> };
  service.deleteFile = () => Promise.resolve(t('form.fileRemoved'));
  return service;
}

function needsUploads(definition: FormDefinition): boolean {
  let found = false;
  eachComponent((definition as { components?: unknown }).components, (component) => {
    found ||= component.type === 'file';
  });
  return found;
}

/**
 * A Form.io form from the engine that is sent back to the engine. The engine validates again and decides; the
 * browser only validates to save a round trip.
 *
 * The POST runs in formio.js's `customValidation` hook, which formio calls after its own validation and before
 * it declares the submission done: a 400 from the engine thus flows through formio's own error path (fields
 * marked, error list, submit button state), and "accepted" only ever follows a 2xx.
 */
export class ServerForm<R> {
  readonly element: HTMLElement;
  private readonly status = h('div', { class: 'form-status', 'aria-live': 'polite' });
  private readonly host = h('div', { class: 'formio-host' });
  private form: RenderedForm | undefined;

  constructor(
    private readonly send: (data: Record<string, unknown>) => Promise<R>,
    private readonly onAccepted: (result: R) => void,
  ) {
    this.element = h('div', { class: 'server-form' }, this.status, this.host);
  }

  showStatus(content: HTMLElement | null): void {
    replaceChildren(this.status, content);
  }

  loading(): void {
    replaceChildren(this.host, h('p', { class: 'text-body-secondary' }, t('form.loading')));
  }

  failed(text: string): void {
    replaceChildren(this.host, notice('danger', text));
  }

  destroy(): void {
    this.form?.destroy(true);
    this.form = undefined;
  }

  /** A fresh formio instance each time: nothing of the last submission (values, errors, button state) lingers. */
  async render(definition: FormDefinition, data?: Record<string, unknown>): Promise<void> {
    this.destroy();
    replaceChildren(this.host);
    let accepted: { result: R } | null = null;
    disableFormioEval();
    const uploads = needsUploads(definition) ? await csrfToken() : null;
    const form: RenderedForm = await Formio.createForm(this.host, withUploadHeaders(withEngineSelectUrls(definition), uploads), {
      ...(uploads ? { fileService: formFileService() } : {}),
      ...formioLanguage(definition),
      hooks: {
        customValidation: (submission: { data: Record<string, unknown> }, next: (errors?: unknown) => void) => {
          this.showStatus(null);
          this.send(submission.data).then(
            (result) => {
              accepted = { result };
              next();
            },
            (error: unknown) => {
              const errors =
                error instanceof ApiError
                  ? toFormioErrors(error.problem.errors, error.message)
                  : toFormioErrors(undefined, t('form.sendFailed', { why: describeError(error) }));
              if (error instanceof ApiError) this.showStatus(notice('danger', error.message));
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
    if (data && Object.keys(data).length) (form as unknown as { submission: unknown }).submission = { data };

    // Without a Form.io server behind it formio emits "submit" (never "submitDone") once the hook let it through.
    form.on('submit', () => {
      if (!accepted) return;
      const { result } = accepted;
      accepted = null;
      // After formio has finished its own submit bookkeeping for this instance.
      setTimeout(() => this.onAccepted(result), 0);
    });
  }
}
