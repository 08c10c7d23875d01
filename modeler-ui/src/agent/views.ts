import { api, ApiError } from '../api';
import type { Me, SavedView } from '../api';
import { describeError, h, notice, replaceChildren } from '../ui/dom';
import { formatNumber, t } from '../i18n';

/**
 * The views beside the ticket list: the built-in ones ("my open", "my groups' unassigned", "breaching today",
 * "waiting for customer"), the agent's own and the shared ones, each with the server's count of its tickets in the
 * agent's scope. Opening a view puts its filters, sort and columns into the list's address; "Save view" stores the
 * filters, sort and columns on the screen, "Update view" stores them into the agent's own view that is shown; an
 * agent changes and deletes only their own views (the server checks that too). The counters follow live.
 */
export class ViewsPanel {
  readonly element: HTMLElement;
  private readonly list = h('ul', { class: 'nav nav-pills saved-views flex-wrap gap-1' });
  private readonly status = h('div', { class: 'views-status', 'aria-live': 'polite' });
  private readonly saveForm: HTMLFormElement;
  private readonly name = h('input', { class: 'form-control form-control-sm w-auto', name: 'view-name', required: true, maxlength: 100, 'aria-label': t('views.name'), placeholder: t('views.name') });
  private readonly shared = h('input', { class: 'form-check-input', type: 'checkbox', name: 'view-shared', id: 'view-shared' });
  private active: string | null = null;
  private loads = 0;
  private views: SavedView[] = [];
  /** The entity tag of the views on the screen, for the live update of their counters. */
  private etag: string | null = null;
  private readonly update = h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', 'data-action': 'update-view', hidden: true, onclick: () => void this.saveChanges() }, t('views.update'));

  constructor(
    private readonly me: Me,
    private readonly current: () => { filters: Record<string, string>; sort: string; columns: string[] },
    private readonly open: (params: URLSearchParams) => void,
  ) {
    this.saveForm = h(
      'form',
      // no d-flex on the form itself: Bootstrap's display !important would beat its hidden attribute
      { class: 'save-view mt-2', hidden: true, onsubmit: (e: Event) => { e.preventDefault(); void this.save(); } },
      h('div', { class: 'd-flex flex-wrap align-items-center gap-2' },
        this.name,
        h('div', { class: 'form-check mb-0' }, this.shared, h('label', { class: 'form-check-label small', for: 'view-shared' }, t('views.shared'))),
        h('button', { type: 'submit', class: 'btn btn-sm btn-primary' }, t('views.save')),
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', onclick: () => { this.saveForm.hidden = true; } }, t('common.cancel'))),
    );
    this.element = h(
      'section',
      { class: 'views mb-2', 'aria-labelledby': 'views-heading' },
      h('div', { class: 'd-flex flex-wrap align-items-center gap-2' },
        h('h3', { id: 'views-heading', class: 'h6 mb-0' }, t('views.heading')),
        this.list,
        h('span', { class: 'ms-auto' }, this.update),
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-primary', 'data-action': 'save-view', onclick: () => { this.saveForm.hidden = false; this.name.focus(); } }, t('views.saveCurrent'))),
      this.saveForm,
      this.status,
    );
  }

  /** Lists the views with their counts; `active` is the id of the view the list shows, if any. */
  async show(active: string | null): Promise<void> {
    this.active = active;
    const load = ++this.loads;
    try {
      const polled = await api.pollViews(null);
      if (load !== this.loads || !polled.changed) return;
      this.etag = polled.etag;
      this.draw(polled.value);
    } catch (error) {
      replaceChildren(this.list, h('li', {}, notice('danger', t('views.loadFailed', { why: describeError(error) }))));
    }
  }

  /** The live update of the counters: draws the views again only when the server says they changed. */
  async poll(): Promise<void> {
    const load = this.loads;
    try {
      const polled = await api.pollViews(this.etag);
      if (load !== this.loads || !polled.changed) return;
      this.etag = polled.etag;
      this.draw(polled.value);
    } catch {
      // the counters stay as they are until the next poll
    }
  }

  /** Whether the view with this id is the agent's own (so changes to the list may update it). */
  isOwn(id: string | null): boolean {
    return id !== null && this.views.some((v) => String(v.id) === id && !v.builtIn && v.owner === this.me.id);
  }

  private draw(views: SavedView[]): void {
    this.views = views;
    replaceChildren(this.list, views.map((view) => this.item(view)));
    this.update.hidden = !this.isOwn(this.active);
  }

  /** Stores the list's filters, sort and columns into the agent's own view on the screen. */
  private async saveChanges(): Promise<void> {
    const view = this.views.find((v) => String(v.id) === this.active);
    if (!view) return;
    const { filters, sort, columns } = this.current();
    try {
      const saved = await api.updateView(view.id, { name: view.name, shared: view.shared, filters, sort, columns, version: view.version });
      replaceChildren(this.status, notice('success', t('views.updated', { name: saved.name })));
      this.open(paramsOf(saved));
    } catch (error) {
      const why = error instanceof ApiError && error.problem.errors?.length
        ? error.problem.errors.map((e) => `${e.path}: ${e.message}`).join('; ') : describeError(error);
      replaceChildren(this.status, notice('danger', t('views.notSaved', { why })));
    }
  }

  private item(view: SavedView): HTMLElement {
    const id = String(view.id);
    const own = !view.builtIn && view.owner === this.me.id;
    const name = view.builtIn ? builtInName(id, view.name) : view.name;
    return h(
      'li',
      { class: 'nav-item d-flex align-items-center', 'data-view-id': id },
      h('a', {
        class: `nav-link py-1 px-2 ${id === this.active ? 'active' : ''}`, href: '#', 'aria-current': id === this.active ? 'true' : undefined,
        onclick: (e: Event) => { e.preventDefault(); this.open(paramsOf(view)); },
      },
      view.shared && !view.builtIn ? h('i', { class: 'bi bi-people me-1', title: t('views.sharedBy', { owner: view.owner ?? '' }) }) : null,
      name,
      ' ',
      h('span', { class: 'badge text-bg-light view-count', 'data-count': view.count ?? '' }, view.count === null ? '–' : formatNumber(view.count) + (view.countExact === false ? '+' : ''))),
      own ? h('button', {
        type: 'button', class: 'btn btn-sm btn-link text-danger p-0 ms-1', 'data-action': 'delete-view', 'aria-label': t('views.delete', { name }), title: t('views.delete', { name }),
        onclick: () => void this.remove(view, name),
      }, h('i', { class: 'bi bi-x-circle', 'aria-hidden': 'true' })) : null,
    );
  }

  private async save(): Promise<void> {
    const { filters, sort, columns } = this.current();
    try {
      const view = await api.saveView({ name: this.name.value.trim(), shared: this.shared.checked, filters, sort, columns });
      this.name.value = '';
      this.shared.checked = false;
      this.saveForm.hidden = true;
      replaceChildren(this.status, notice('success', t('views.saved', { name: view.name })));
      this.open(paramsOf(view));
    } catch (error) {
      const why = error instanceof ApiError && error.problem.errors?.length
        ? error.problem.errors.map((e) => `${e.path}: ${e.message}`).join('; ') : describeError(error);
      replaceChildren(this.status, notice('danger', t('views.notSaved', { why })));
    }
  }

  private async remove(view: SavedView, name: string): Promise<void> {
    if (!window.confirm(t('views.confirmDelete', { name }))) return;
    try {
      await api.deleteView(view.id);
      replaceChildren(this.status, notice('success', t('views.deleted', { name })));
      await this.show(this.active === String(view.id) ? null : this.active);
    } catch (error) {
      replaceChildren(this.status, notice('danger', t('views.notDeleted', { why: describeError(error) })));
    }
  }
}

/** The list address of a view: its filters, sort and columns, and its id (so the list marks it as the one shown). */
function paramsOf(view: SavedView): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(view.filters ?? {})) if (value !== null && value !== '') params.set(name, String(value));
  if (view.sort) params.set('sort', view.sort);
  if (view.columns?.length) params.set('cols', view.columns.join(','));
  params.set('sv', String(view.id));
  return params;
}

const BUILT_IN: Record<string, 'views.builtIn.myOpen' | 'views.builtIn.myGroupsUnassigned' | 'views.builtIn.breachingToday' | 'views.builtIn.waitingForCustomer'> = {
  'my-open': 'views.builtIn.myOpen',
  'my-groups-unassigned': 'views.builtIn.myGroupsUnassigned',
  'breaching-today': 'views.builtIn.breachingToday',
  'waiting-for-customer': 'views.builtIn.waitingForCustomer',
};

/** Built-in views in the page's language; one the browser does not know yet by the server's name. */
function builtInName(id: string, name: string): string {
  const key = BUILT_IN[id];
  return key ? t(key) : name;
}
