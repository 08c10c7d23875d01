import '../styles/versions.css';
import { configApi } from '../api/config';
import type { ArtefactKind, Comparison, DiffLine, ImportReport } from '../api/config';
import { describeError, h, notice, replaceChildren, time } from '../ui/dom';
import { t } from '../i18n';

const KINDS: ArtefactKind[] = ['processes', 'forms', 'rulesets', 'templates'];

export const versionsHref = (kind: ArtefactKind, name: string) =>
  `#/design/versions/${kind}/${name.split('/').map(encodeURIComponent).join('/')}`;

type Viewer = import('bpmn-js/lib/NavigatedViewer').default;

/**
 * Versions of one artefact (model, form, rule set, mail template) with who, when and comment, and two of them side
 * by side: the server's line diff laid out in two columns, the rule table's changed rows and cells, and for models
 * both diagrams in bpmn-js viewers with the changed elements marked (added green on the newer, removed red on the
 * older, changed amber on both). The diff is computed on the server; the browser only lays it out.
 */
export class VersionsView {
  readonly element: HTMLElement;
  private readonly kind = h('select', { class: 'form-select form-select-sm', 'data-testid': 'versions-kind', 'aria-label': t('versions.kind') },
    KINDS.map((k) => h('option', { value: k }, t(`versions.kind.${k}` as const))));
  private readonly name = h('input', { class: 'form-control form-control-sm', 'data-testid': 'versions-name', 'aria-label': t('versions.name'), placeholder: t('versions.namePlaceholder') });
  private readonly list = h('div', { 'data-testid': 'versions-list' });
  private readonly diff = h('div', { 'data-testid': 'versions-diff' });
  private viewers: Viewer[] = [];
  /** Which show() is the latest: an answer for an artefact the page has left is dropped. */
  private shown = 0;

  constructor() {
    const open = (event: Event) => {
      event.preventDefault();
      if (this.name.value.trim()) window.location.hash = versionsHref(this.kind.value as ArtefactKind, this.name.value.trim());
    };
    this.element = h('section', { class: 'versions' },
      h('h2', {}, t('versions.heading')),
      h('form', { class: 'd-flex gap-2 mb-3', onsubmit: open },
        this.kind, this.name, h('button', { type: 'submit', class: 'btn btn-sm btn-primary', 'data-testid': 'versions-open' }, t('versions.open'))),
      this.list, this.diff);
  }

  async show(kind: string | undefined, name: string | undefined): Promise<void> {
    this.dispose();
    const call = ++this.shown;
    // The previous artefact's rows go at once, so nothing can be read or clicked on them while this one loads.
    replaceChildren(this.diff);
    replaceChildren(this.list);
    if (!kind || !name || !KINDS.includes(kind as ArtefactKind)) {
      replaceChildren(this.list, h('p', { class: 'text-body-secondary' }, t('versions.choose')));
      return;
    }
    const artefact = kind as ArtefactKind;
    this.kind.value = artefact;
    this.name.value = name;
    let versions;
    try {
      versions = await configApi.versions(artefact, name);
    } catch (error) {
      if (call === this.shown) replaceChildren(this.list, notice('danger', describeError(error)));
      return;
    }
    if (call !== this.shown) return;
    const radio = (side: 'from' | 'to', version: number, checked: boolean) =>
      h('input', { type: 'radio', class: 'form-check-input', name: `diff-${side}`, value: String(version), checked, 'aria-label': t(`versions.${side}` as const) });
    const rows = versions.map((v, i) => h('tr', { 'data-version': v.version },
      h('td', {}, radio('from', v.version, i === 1 || versions.length === 1)),
      h('td', {}, radio('to', v.version, i === 0)),
      h('td', {}, String(v.version), v.current ? h('span', { class: 'badge text-bg-success ms-1' }, t('versions.current')) : null),
      h('td', {}, v.author),
      h('td', {}, v.at ? time(v.at) : '—'),
      h('td', {}, v.comment ?? '')));
    const compare = async () => {
      const from = Number((this.list.querySelector('input[name="diff-from"]:checked') as HTMLInputElement | null)?.value);
      const to = Number((this.list.querySelector('input[name="diff-to"]:checked') as HTMLInputElement | null)?.value);
      try {
        await this.render(artefact, await configApi.diff(artefact, name, from, to));
      } catch (error) {
        replaceChildren(this.diff, notice('danger', describeError(error)));
      }
    };
    replaceChildren(this.list,
      h('table', { class: 'table table-sm' },
        h('thead', {}, h('tr', {}, h('th', {}, t('versions.from')), h('th', {}, t('versions.to')), h('th', {}, t('versions.version')),
          h('th', {}, t('versions.author')), h('th', {}, t('versions.at')), h('th', {}, t('versions.comment')))),
        h('tbody', {}, rows)),
      h('button', { type: 'button', class: 'btn btn-sm btn-outline-primary', 'data-testid': 'versions-compare', onclick: compare }, t('versions.compare')));
  }

  private async render(kind: ArtefactKind, comparison: Comparison): Promise<void> {
    const parts: HTMLElement[] = [h('h3', { class: 'h5' }, t('versions.diffHeading', { from: comparison.from, to: comparison.to }))];
    if (kind === 'processes' && comparison.elements) {
      parts.push(await this.diagrams(comparison));
    }
    if (comparison.table) {
      parts.push(h('ul', { 'data-testid': 'table-diff' }, comparison.table.rows.map((r) => h('li', { 'data-change': r.change, 'data-row': r.row },
        `${r.table}: ${r.row} — ${t(`versions.change.${r.change}` as const)}`,
        r.cells.length ? h('ul', {}, r.cells.map((c) => h('li', {}, `${c.column}: ${c.from} → ${c.to}`))) : null))));
    }
    parts.push(sideBySide(comparison.lines));
    replaceChildren(this.diff, ...parts);
  }

  /** Both versions in read-only viewers with the changed elements marked; bpmn-js is loaded on first use. */
  private async diagrams(comparison: Comparison): Promise<HTMLElement> {
    const { NavigatedViewer } = await loadBpmn();
    const older = h('div', { class: 'diff-canvas', 'data-testid': 'diff-from-canvas' });
    const newer = h('div', { class: 'diff-canvas', 'data-testid': 'diff-to-canvas' });
    const list = h('ul', { class: 'small', 'data-testid': 'element-diff' }, (comparison.elements ?? []).map((e) => h('li', { 'data-element': e.id, 'data-change': e.change },
      `${e.name ?? e.id} (${e.type}) — ${t(`versions.change.${e.change}` as const)}`,
      e.properties.length ? h('ul', {}, e.properties.map((p) => h('li', {}, `${p.property}: ${p.from ?? '—'} → ${p.to ?? '—'}`))) : null)));
    const box = h('div', { class: 'row g-2 mb-3' },
      h('div', { class: 'col-md-6' }, h('h4', { class: 'h6' }, t('versions.older', { version: comparison.from })), older),
      h('div', { class: 'col-md-6' }, h('h4', { class: 'h6' }, t('versions.newer', { version: comparison.to })), newer),
      h('div', { class: 'col-12' }, list));
    // bpmn-js measures its container: it must be in the document while the diagram is imported.
    replaceChildren(this.diff, box);
    const show = async (host: HTMLElement, xml: string, marks: Record<string, string>) => {
      const viewer = new NavigatedViewer({ container: host });
      this.viewers.push(viewer);
      await viewer.importXML(xml);
      const canvas = viewer.get<{ addMarker(id: string, marker: string): void; zoom(level: string): void }>('canvas');
      const registry = viewer.get<{ get(id: string): unknown }>('elementRegistry');
      for (const [id, marker] of Object.entries(marks)) if (registry.get(id)) canvas.addMarker(id, marker);
      canvas.zoom('fit-viewport');
    };
    const before: Record<string, string> = {};
    const after: Record<string, string> = {};
    for (const e of comparison.elements ?? []) {
      if (e.change === 'REMOVED') before[e.id] = 'diff-removed';
      if (e.change === 'ADDED') after[e.id] = 'diff-added';
      if (e.change === 'CHANGED') before[e.id] = after[e.id] = 'diff-changed';
    }
    await show(older, comparison.fromText, before);
    await show(newer, comparison.toText, after);
    return box;
  }

  dispose(): void {
    for (const viewer of this.viewers) viewer.destroy();
    this.viewers = [];
  }
}

/** The line diff in two columns: unchanged lines on both sides, a removed block beside the added block after it. */
function sideBySide(lines: DiffLine[]): HTMLElement {
  const rows: HTMLElement[] = [];
  const cell = (line: DiffLine | undefined, side: 'from' | 'to') => {
    if (!line) return [h('td', { class: 'diff-number' }), h('td', {})];
    const number = side === 'from' ? line.fromLine : line.toLine;
    const kind = line.op === 'SAME' ? '' : line.op === 'ADDED' ? 'diff-added' : 'diff-removed';
    return [h('td', { class: 'diff-number' }, number === null ? '' : String(number)), h('td', { class: kind }, line.text)];
  };
  for (let i = 0; i < lines.length;) {
    if (lines[i].op === 'SAME') {
      rows.push(h('tr', { 'data-op': 'SAME' }, cell(lines[i], 'from'), cell(lines[i], 'to')));
      i++;
      continue;
    }
    const removed: DiffLine[] = [];
    const added: DiffLine[] = [];
    while (i < lines.length && lines[i].op === 'REMOVED') removed.push(lines[i++]);
    while (i < lines.length && lines[i].op === 'ADDED') added.push(lines[i++]);
    for (let j = 0; j < Math.max(removed.length, added.length); j++) {
      rows.push(h('tr', { 'data-op': 'CHANGED' }, cell(removed[j], 'from'), cell(added[j], 'to')));
    }
  }
  return h('table', { class: 'diff-table', 'data-testid': 'line-diff' }, h('tbody', {}, rows));
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

/**
 * The configuration archive: download the export, and check an archive with a dry run (the server applies it in a
 * transaction it rolls back) before importing it for real, all or nothing.
 */
export class ConfigTransferView {
  readonly element: HTMLElement;
  private readonly file = h('input', { type: 'file', accept: '.zip,application/zip', class: 'form-control form-control-sm', 'data-testid': 'config-file', 'aria-label': t('config.file') });
  private readonly report = h('div', { 'data-testid': 'config-report' });

  constructor() {
    const run = (dryRun: boolean) => async () => {
      const file = this.file.files?.[0];
      if (!file) {
        replaceChildren(this.report, notice('danger', t('config.noFile')));
        return;
      }
      try {
        this.show(await configApi.importArchive(file, dryRun));
      } catch (error) {
        replaceChildren(this.report, notice('danger', describeError(error)));
      }
    };
    this.element = h('section', { class: 'config-transfer' },
      h('h2', {}, t('config.heading')),
      h('p', {}, t('config.intro')),
      h('a', { class: 'btn btn-sm btn-outline-secondary mb-3', href: configApi.exportHref, download: 'flowdesk-configuration.zip', 'data-testid': 'config-export' }, t('config.export')),
      h('div', { class: 'd-flex gap-2 mb-3' }, this.file,
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-primary', 'data-testid': 'config-dry-run', onclick: run(true) }, t('config.dryRun')),
        h('button', { type: 'button', class: 'btn btn-sm btn-primary', 'data-testid': 'config-import', onclick: run(false) }, t('config.import'))),
      this.report);
  }

  private show(report: ImportReport): void {
    replaceChildren(this.report,
      notice(report.applied ? 'success' : 'info', report.applied ? t('config.applied') : t('config.dryRunDone')),
      h('table', { class: 'table table-sm' },
        h('thead', {}, h('tr', {}, h('th', {}, t('config.entry')), h('th', {}, t('config.status')), h('th', {}, t('config.detail')))),
        h('tbody', {}, report.entries.map((e) => h('tr', { 'data-path': e.path, 'data-status': e.status },
          h('td', {}, e.path),
          h('td', {}, t(`config.status.${e.status}` as const)),
          h('td', {}, [...e.errors, ...e.warnings].map((p) => p.message).join('; ')))))));
  }
}
