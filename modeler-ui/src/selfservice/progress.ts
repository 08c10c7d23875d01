import '../styles/selfservice.css';
import { ApiError } from '../api';
import { selfService } from '../api/selfservice';
import type { Progress } from '../api/selfservice';
import { describeError, h, notice, replaceChildren } from '../ui/dom';
import { locale, t } from '../i18n';

/** Every text of the progress section, read from the catalogues (i18n) when shown. */
const TEXT = {
  get heading() {
    return t('progress.heading');
  },
  get loading() {
    return t('progress.loading');
  },
  get refresh() {
    return t('progress.refresh');
  },
  get now() {
    return t('progress.now');
  },
  get done() {
    return t('progress.done');
  },
  get ended() {
    return t('progress.ended');
  },
  get nothingYet() {
    return t('progress.nothingYet');
  },
  get waiting() {
    return t('progress.waiting');
  },
  calledHeading: (name: string) => t('progress.calledHeading', { name }),
  calledFrom: (step: string) => t('progress.calledFrom', { step }),
  get showCalled() {
    return t('progress.showCalled');
  },
  get hideCalled() {
    return t('progress.hideCalled');
  },
  get noProcess() {
    return t('progress.noProcess');
  },
  failed: (why: string) => t('progress.failed', { why }),
  diagramFailed: (why: string) => t('progress.diagramFailed', { why }),
  get legend() {
    return t('progress.legend');
  },
  diagramLabel: (name: string) => t('progress.diagramLabel', { name }),
  parallel: (name: string, count: number) => t('progress.parallel', { name, count }),
  get zoomIn() {
    return t('progress.zoomIn');
  },
  get zoomOut() {
    return t('progress.zoomOut');
  },
  get fit() {
    return t('progress.fit');
  },
};

const CAMUNDA = 'http://camunda.org/schema/1.0/bpmn';

/**
 * The model with its names in the reader's language: an element (or the process) with the extension property
 * `name_de` (a `camunda:property`, as `ticketStatus` is) shows that name on a German page, in the diagram and in
 * the step list; elements without one keep their own name. See docs/i18n.md.
 */
export function localizedXml(xml: string, language: string): string {
  if (language === 'en') return xml;
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length) return xml;
  let changed = false;
  for (const property of Array.from(doc.getElementsByTagNameNS(CAMUNDA, 'property'))) {
    const value = property.getAttribute('value')?.trim();
    // camunda:property < camunda:properties < bpmn:extensionElements < the named element
    const owner = property.parentElement?.parentElement?.parentElement;
    if (property.getAttribute('name') !== `name_${language}` || !value || !owner) continue;
    owner.setAttribute('name', value);
    changed = true;
  }
  return changed ? new XMLSerializer().serializeToString(doc) : xml;
}

/** How often an open diagram asks whether the ticket moved on (it is redrawn only when it did). */
const POLL_MS = 15_000;

type Viewer = import('bpmn-js/lib/NavigatedViewer').default;

interface ElementLike {
  id: string;
  type: string;
  businessObject?: { name?: string; $type?: string };
}

/**
 * Where a ticket stands in its process, drawn from the running instance (GET /api/tickets/{id}/progress): the
 * model in a read-only bpmn-js viewer with the current steps marked `progress-active` and finished ones
 * `progress-done`, the same as plain step names, and each process it called below its own diagram (the call
 * activity that started it marked `progress-called`). bpmn-js is loaded on first use.
 */
export class ProgressView {
  readonly element: HTMLElement;
  private readonly body = h('div', { class: 'progress-body' });
  private viewers: Viewer[] = [];
  private fits: (() => void)[] = [];
  private ticketId: number | string | null = null;
  private shown = 0;
  private timer: number | undefined;
  private signature = '';

  constructor() {
    this.element = h(
      'section',
      { class: 'process-progress', 'aria-labelledby': 'process-progress-heading' },
      h(
        'div',
        { class: 'd-flex align-items-center gap-2 mb-2' },
        h('h3', { id: 'process-progress-heading', class: 'mb-0' }, TEXT.heading),
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary progress-refresh', onclick: () => this.refresh() }, TEXT.refresh),
      ),
      this.body,
    );
  }

  /** `quiet`: a live update, which keeps the old diagram in place until the new one is drawn. */
  async show(ticketId: number | string, quiet = false): Promise<void> {
    this.ticketId = ticketId;
    window.clearTimeout(this.timer);
    const run = ++this.shown;
    this.element.setAttribute('aria-busy', 'true');
    if (!quiet) replaceChildren(this.body, h('p', { class: 'text-body-secondary' }, TEXT.loading));
    try {
      const progress = await selfService.progress(ticketId);
      const { NavigatedViewer } = await loadBpmn();
      if (run !== this.shown) return;
      this.dispose();
      const section = await this.instance(progress, ticketId, NavigatedViewer, 0);
      if (run !== this.shown) return;
      replaceChildren(this.body, section);
      this.fitAll();
      this.element.dataset.processInstance = progress.processInstanceId;
      this.signature = JSON.stringify(progress);
      if (!progress.ended) this.schedulePoll(run);
    } catch (error) {
      if (run !== this.shown) return;
      const text = error instanceof ApiError && error.status === 404 ? TEXT.noProcess : TEXT.failed(describeError(error));
      replaceChildren(this.body, notice(error instanceof ApiError && error.status === 404 ? 'info' : 'danger', text));
    } finally {
      if (run === this.shown) this.element.removeAttribute('aria-busy');
    }
  }

  /** Live: while the section is in the page, a changed progress redraws it; an unchanged one leaves it be. */
  private schedulePoll(run: number): void {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(async () => {
      if (run !== this.shown || this.ticketId === null || !this.element.isConnected) return;
      if (!document.hidden) {
        try {
          const progress = await selfService.progress(this.ticketId);
          if (run !== this.shown) return;
          if (JSON.stringify(progress) !== this.signature) {
            await this.show(this.ticketId, true);
            return;
          }
        } catch {
          // a failed look is tried again at the next interval; the diagram shown stays
        }
      }
      this.schedulePoll(run);
    }, POLL_MS);
  }

  refresh(): void {
    if (this.ticketId !== null) void this.show(this.ticketId);
  }

  dispose(): void {
    window.clearTimeout(this.timer);
    for (const viewer of this.viewers) viewer.destroy();
    this.viewers = [];
    this.fits = [];
  }

  private fitAll(): void {
    const fits = this.fits;
    this.fits = [];
    for (const fit of fits) fit();
  }

  /** One process instance: its diagram, the step names, and its children (collapsed below a level). */
  private async instance(
    progress: Progress,
    ticketId: number | string,
    NavigatedViewer: new (options: object) => Viewer,
    depth: number,
  ): Promise<HTMLElement> {
    const canvasHost = h('div', { class: 'progress-canvas', role: 'img' });
    const steps = h('div', { class: 'progress-steps' });
    const section = h(
      'div',
      {
        class: 'progress-instance',
        'data-process-instance': progress.processInstanceId,
        'data-process-key': progress.processDefinitionKey,
        'data-called-by': progress.calledBy,
      },
      canvasHost,
      steps,
    );
    const names = new Map<string, string>();
    let processName = progress.processDefinitionKey;
    try {
      const xml = localizedXml(await selfService.processXml(progress.processDefinitionId, ticketId), locale());
      // bpmn-js measures its container: it must be in the document while the diagram is imported.
      const parking = h('div', { class: 'progress-parking' }, section);
      document.body.append(parking);
      const viewer = new NavigatedViewer({ container: canvasHost });
      this.viewers.push(viewer);
      try {
        await viewer.importXML(xml);
      } finally {
        parking.remove();
      }
      const registry = viewer.get<{ getAll(): ElementLike[]; get(id: string): ElementLike | undefined }>('elementRegistry');
      const canvas = viewer.get<{
        addMarker(id: string, marker: string): void;
        zoom(level?: string | number, center?: 'auto'): number;
        resized(): void;
        viewbox(): { inner: { width: number; height: number } };
        getRootElement(): ElementLike;
      }>('canvas');
      for (const element of registry.getAll()) {
        const name = element.businessObject?.name?.trim();
        // Steps are tasks, events and called processes; gateways are decisions, not steps a reader follows.
        if (name && !/Gateway$|SequenceFlow$|Label$/.test(element.type)) names.set(element.id, name);
      }
      processName = canvas.getRootElement().businessObject?.name?.trim() || processName;
      const mark = (ids: string[], marker: string) => {
        for (const id of ids) if (registry.get(id)) canvas.addMarker(id, marker);
      };
      mark(progress.completedActivityIds.filter((id) => !progress.activeActivityIds.includes(id)), 'progress-done');
      mark(progress.activeActivityIds, 'progress-active');
      mark(progress.children.map((c) => c.calledBy).filter((id): id is string => !!id), 'progress-called');
      canvasHost.setAttribute('aria-label', TEXT.diagramLabel(processName));
      // Fitted once the section is in the page (see fitAll): a detached container has no size.
      const fit = () => {
        try {
          // As high as the diagram needs at this width (a wide model gets a low canvas), within bounds.
          const { width, height } = canvas.viewbox().inner;
          const available = canvasHost.clientWidth;
          if (width > 0 && available > 0) {
            canvasHost.style.height = `${Math.round(Math.min(420, Math.max(160, (available * height) / width + 40)))}px`;
            canvas.resized();
          }
          canvas.zoom('fit-viewport', 'auto');
        } catch {
          // a hidden container has no size to fit; the diagram still shows at its own scale
        }
      };
      this.fits.push(fit);
      const zoomBy = (factor: number) => canvas.zoom(canvas.zoom() * factor, 'auto');
      canvasHost.before(
        h(
          'div',
          { class: 'progress-zoom btn-group btn-group-sm mb-1', role: 'group' },
          h('button', { type: 'button', class: 'btn btn-outline-secondary', title: TEXT.zoomIn, 'aria-label': TEXT.zoomIn, onclick: () => zoomBy(1.25) }, h('i', { class: 'bi bi-zoom-in', 'aria-hidden': 'true' })),
          h('button', { type: 'button', class: 'btn btn-outline-secondary', title: TEXT.zoomOut, 'aria-label': TEXT.zoomOut, onclick: () => zoomBy(0.8) }, h('i', { class: 'bi bi-zoom-out', 'aria-hidden': 'true' })),
          h('button', { type: 'button', class: 'btn btn-outline-secondary', onclick: fit }, TEXT.fit),
        ),
      );
    } catch (error) {
      replaceChildren(canvasHost, notice('danger', TEXT.diagramFailed(describeError(error))));
    }

    section.dataset.processName = processName;
    const label = (id: string) => names.get(id) ?? id;
    // A multi-instance step is active once per instance: listed once, with how many run.
    const list = (title: string, ids: string[], kind: string) => {
      const counts = new Map<string, number>();
      for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
      return h('div', { class: `progress-list progress-list-${kind}` }, h('h4', { class: 'h6' }, title),
        h('ul', {}, [...counts].map(([id, n]) => h('li', { 'data-activity': id }, n > 1 ? TEXT.parallel(label(id), n) : label(id)))));
    };
    const done = progress.completedActivityIds.filter((id) => !progress.activeActivityIds.includes(id) && names.has(id));
    replaceChildren(
      steps,
      progress.ended
        ? h('p', { class: 'progress-ended' }, TEXT.ended)
        : progress.activeActivityIds.length
          ? list(TEXT.now, progress.activeActivityIds, 'active')
          : h('p', {}, TEXT.waiting),
      done.length ? list(TEXT.done, done, 'done') : h('p', { class: 'text-body-secondary small' }, TEXT.nothingYet),
      h('p', { class: 'small text-body-secondary mb-0' }, TEXT.legend),
    );

    for (const child of progress.children) {
      const childTitle = h('h4', { class: 'h6 mb-1' }, TEXT.calledHeading(child.processDefinitionKey));
      const holder = h('div', { class: 'progress-child-body' });
      const toggle = h('button', { type: 'button', class: 'btn btn-sm btn-outline-primary progress-child-toggle', 'aria-expanded': 'false' }, TEXT.showCalled);
      let loaded = false;
      const open = async () => {
        const expanded = toggle.getAttribute('aria-expanded') === 'true';
        toggle.setAttribute('aria-expanded', String(!expanded));
        toggle.textContent = expanded ? TEXT.showCalled : TEXT.hideCalled;
        holder.hidden = expanded;
        if (!expanded && !loaded) {
          loaded = true;
          const inner = await this.instance(child, ticketId, NavigatedViewer, depth + 1);
          holder.append(inner);
          childTitle.textContent = TEXT.calledHeading(inner.dataset.processName || child.processDefinitionKey);
          if (section.isConnected) this.fitAll();
        }
      };
      toggle.addEventListener('click', () => void open());
      section.append(
        h(
          'div',
          { class: 'progress-child', 'data-called-by': child.calledBy },
          childTitle,
          child.calledBy ? h('p', { class: 'small mb-1' }, TEXT.calledFrom(label(child.calledBy))) : null,
          toggle,
          holder,
        ),
      );
      // The first level of called processes is open from the start: that is usually where the ticket waits.
      if (depth === 0 && !child.ended) await open();
    }
    return section;
  }
}

let bpmn: Promise<{ NavigatedViewer: new (options: object) => Viewer }> | null = null;

function loadBpmn() {
  bpmn ??= Promise.all([
    import('bpmn-js/lib/NavigatedViewer'),
    import('bpmn-js/dist/assets/diagram-js.css'),
    import('bpmn-js/dist/assets/bpmn-js.css'),
    import('bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css'),
  ]).then(([module]) => ({ NavigatedViewer: module.default as unknown as new (options: object) => Viewer }));
  return bpmn;
}
