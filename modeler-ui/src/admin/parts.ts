import { ApiError } from '../api/http';
import { describeError, h, notice } from '../ui/dom';
import { t } from '../i18n';

/** What the admin area's pages share: a table, a labelled field, and errors that name the field at fault. */

export interface AdminSection {
  readonly element: HTMLElement;
  show(path: string[]): Promise<void>;
}

export function table(columns: string[], rows: HTMLElement[], cls: string): HTMLElement {
  return h('div', { class: 'table-responsive' },
    h('table', { class: `table table-sm align-middle ${cls}` },
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows)));
}

let fieldCount = 0;

/** A label and its control, tied by a generated id. */
export function field(label: string, control: HTMLInputElement | HTMLSelectElement, hint?: string): HTMLElement {
  control.id ||= `admin-field-${++fieldCount}`;
  if (!control.classList.contains('form-control') && !control.classList.contains('form-select')) {
    control.classList.add(...(control instanceof HTMLSelectElement ? ['form-select', 'form-select-sm'] : ['form-control', 'form-control-sm']));
  }
  return h('div', { class: 'mb-2' }, h('label', { class: 'form-label small mb-0', for: control.id }, label), control,
    hint ? h('div', { class: 'form-text' }, hint) : null);
}

/** A failure as a danger notice; a 400's field errors are listed with the field they name. */
export function failure(error: unknown): HTMLElement {
  const problem = error instanceof ApiError ? (error.problem as { errors?: { path: string; message: string }[] }) : null;
  const errors = problem?.errors ?? [];
  const box = notice('danger', t('admin.failed', { why: describeError(error) }));
  if (errors.length) box.append(h('ul', { class: 'mb-0 admin-field-errors' }, errors.map((e) => h('li', { 'data-field': e.path }, `${e.path}: ${e.message}`))));
  return box;
}

export function roleLabel(role: string | null): string {
  return role ? t(`admin.role.${role}` as 'admin.role.AGENT') : t('admin.role.none');
}

export const ROLES = ['AGENT', 'APPROVER', 'DESIGNER', 'ADMIN'] as const;
