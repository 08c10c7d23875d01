import { admin } from '../api/admin';
import type { ErasureResult } from '../api/admin';
import { h, notice, replaceChildren } from '../ui/dom';
import { formatNumber, t } from '../i18n';
import type { AdminSection } from './parts';
import { failure, field, table } from './parts';

type Mode = 'pseudonymise' | 'erase';

/**
 * `#/admin/privacy` (issue 15 part 6): erase or pseudonymise one person. The administrator names her (user id or
 * e-mail address) and a mode, sees the server's dry run (what would change, per column), confirms by typing the name
 * again, and then the same request runs for real. Changing the person or the mode throws the preview away, so what
 * runs is always what was previewed. The server decides and checks everything; the typing is a guard against a slip.
 */
export class PrivacyView implements AdminSection {
  readonly element: HTMLElement;
  private readonly person = h('input', { type: 'text', class: 'form-control form-control-sm admin-privacy-person', maxlength: 254, autocomplete: 'off' });
  private readonly mode = h('select', { class: 'form-select form-select-sm admin-privacy-mode' },
    h('option', { value: 'pseudonymise' }, t('admin.privacy.mode.pseudonymise')),
    h('option', { value: 'erase' }, t('admin.privacy.mode.erase')));
  private readonly preview = h('div', { class: 'admin-privacy-preview' });
  private readonly outcome = h('div', { class: 'admin-privacy-outcome', 'aria-live': 'polite' });

  constructor() {
    const form = h('form', { class: 'row g-2 align-items-end mb-3 admin-privacy-form' },
      h('div', { class: 'col-12 col-md-5' }, field(t('admin.privacy.person'), this.person, t('admin.privacy.personHint'))),
      h('div', { class: 'col-auto' }, field(t('admin.privacy.mode'), this.mode)),
      h('div', { class: 'col-auto mb-2' }, h('button', { type: 'submit', class: 'btn btn-sm btn-outline-primary admin-privacy-dry-run' }, t('admin.privacy.dryRun'))));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.dryRun();
    });
    const forget = () => {
      replaceChildren(this.preview);
      replaceChildren(this.outcome);
    };
    this.person.addEventListener('input', forget);
    this.mode.addEventListener('change', forget);
    this.element = h('section', { class: 'panel admin-privacy', 'aria-labelledby': 'admin-privacy-heading' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'admin-privacy-heading' }, t('admin.privacy.heading'))),
      h('p', { class: 'small text-body-secondary' }, t('admin.privacy.intro')),
      form, this.preview, this.outcome);
  }

  async show(): Promise<void> {
    this.person.focus();
  }

  private async dryRun(): Promise<void> {
    const person = this.person.value.trim();
    const mode = this.mode.value as Mode;
    replaceChildren(this.outcome);
    if (!person) {
      replaceChildren(this.preview, notice('danger', t('admin.privacy.personRequired')));
      return;
    }
    try {
      const result = await admin.erase(person, mode, true);
      replaceChildren(this.preview, this.summary(result), this.confirmation(person, mode));
    } catch (error) {
      replaceChildren(this.preview, failure(error));
    }
  }

  /** What the result says: the pseudonym, the account, files, tokens, mails, and rows per column. */
  private summary(result: ErasureResult): HTMLElement {
    const facts: [string, string][] = [
      [t('admin.privacy.pseudonym'), result.pseudonym],
      [t('admin.privacy.account'), result.accountRemoved ? t('admin.privacy.accountRemoved') : t('admin.privacy.noAccount')],
      [t('admin.privacy.rows'), formatNumber(result.rowsRewritten)],
      [t('admin.privacy.files'), formatNumber(result.attachmentsDeleted)],
      [t('admin.privacy.tokens'), formatNumber(result.tokensDeleted)],
      [t('admin.privacy.mails'), formatNumber(result.mailsSuppressed)],
    ];
    const columns = Object.entries(result.rewritten);
    return h('div', { class: `admin-privacy-result mb-3 ${result.dryRun ? 'admin-privacy-dry' : 'admin-privacy-done'}`, 'data-rows': result.rowsRewritten },
      h('h3', { class: 'h6' }, result.dryRun ? t('admin.privacy.wouldChange') : t('admin.privacy.changed')),
      h('dl', { class: 'row mb-2 small' }, facts.flatMap(([term, value]) => [h('dt', { class: 'col-sm-4' }, term), h('dd', { class: 'col-sm-8 mb-1' }, value)])),
      columns.length
        ? table([t('admin.privacy.column'), t('admin.privacy.count')],
          columns.map(([column, count]) => h('tr', { 'data-column': column }, h('td', {}, h('code', {}, column)), h('td', {}, formatNumber(count)))),
          'admin-privacy-columns')
        : null);
  }

  /** Typing the person's name again unlocks the real run of what was previewed. */
  private confirmation(person: string, mode: Mode): HTMLElement {
    const typed = h('input', { type: 'text', class: 'form-control form-control-sm admin-privacy-confirm', autocomplete: 'off' });
    const run = h('button', { type: 'submit', class: 'btn btn-sm btn-danger admin-privacy-run', disabled: true },
      mode === 'erase' ? t('admin.privacy.runErase') : t('admin.privacy.runPseudonymise'));
    typed.addEventListener('input', () => { run.disabled = typed.value.trim() !== person; });
    const form = h('form', { class: 'row g-2 align-items-end admin-privacy-confirm-form' },
      h('div', { class: 'col-12 col-md-5' }, field(t('admin.privacy.confirm', { person }), typed)),
      h('div', { class: 'col-auto mb-2' }, run));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (typed.value.trim() !== person) return;
      run.disabled = true;
      admin.erase(person, mode, false)
        .then((result) => {
          replaceChildren(this.preview);
          replaceChildren(this.outcome, notice('success', t('admin.privacy.done', { pseudonym: result.pseudonym })), this.summary(result));
        })
        .catch((error: unknown) => {
          run.disabled = false;
          replaceChildren(this.outcome, failure(error));
        });
    });
    return h('div', { class: 'alert alert-warning' }, h('p', { class: 'mb-2' }, t('admin.privacy.irreversible')), form);
  }
}
