import type { DecisionTable, FieldError, RuleTable, RuleTableRow } from '../api';
import { h, replaceChildren } from '../ui/dom';
import { t } from '../i18n';

const HIT_POLICIES = ['FIRST', 'PRIORITY', 'COLLECT'] as const;

type Level = 'error' | 'warning';

interface Mark {
  level: Level;
  message: string;
}

/**
 * The table editor of a rule set: one grid per decision table, a row per rule with its name, condition cells,
 * action cells and explanation; rows can be added, removed and moved, and each table's hit policy chosen. The
 * server is the one that knows what a cell may hold: its 400 answer and the warnings of a stored version come back
 * with paths such as {@code table.tables[0].rows[1].when[1]}, and {@link mark} shows each message at its cell.
 */
export class RuleTableEditor {
  readonly element = h('div', { class: 'rule-table-editor' });
  private readonly model: RuleTable;
  private marks = new Map<string, Mark[]>();

  constructor(table: RuleTable) {
    // A deep copy: editing never changes the version as it was loaded.
    this.model = JSON.parse(JSON.stringify(table)) as RuleTable;
    this.render();
  }

  value(): RuleTable {
    return JSON.parse(JSON.stringify(this.model)) as RuleTable;
  }

  /** Shows errors and warnings at their cells, rows or tables; returns the messages no cell of the editor shows. */
  mark(errors: FieldError[], warnings: FieldError[] = []): FieldError[] {
    this.marks = new Map();
    const unplaced: FieldError[] = [];
    const add = (level: Level) => (e: FieldError) => {
      const path = e.path.startsWith('table.') ? e.path.slice('table.'.length) : e.path;
      if (!/^tables\[\d+\]/.test(path)) {
        unplaced.push(e);
        return;
      }
      const list = this.marks.get(path) ?? [];
      list.push({ level, message: e.message });
      this.marks.set(path, list);
    };
    errors.forEach(add('error'));
    warnings.forEach(add('warning'));
    this.render();
    const first = this.element.querySelector<HTMLElement>('.is-invalid');
    first?.focus();
    return unplaced;
  }

  private render(): void {
    replaceChildren(this.element, this.model.tables.map((table, index) => this.tableView(table, index)));
  }

  private tableView(table: DecisionTable, ti: number): HTMLElement {
    const path = `tables[${ti}]`;
    const priority = table.hitPolicy === 'PRIORITY';
    const policy = h('select', {
      class: 'form-select form-select-sm w-auto', 'data-hit-policy': table.name, 'aria-label': t('rules.table.hitPolicy'),
      onchange: (e: Event) => { table.hitPolicy = (e.target as HTMLSelectElement).value; this.render(); },
    }, HIT_POLICIES.map((p) => h('option', { value: p, selected: p === table.hitPolicy }, t(`rules.table.policy.${p}`))));
    const head = h('tr', {},
      h('th', { scope: 'col' }, '#'),
      h('th', { scope: 'col' }, t('rules.table.name')),
      priority ? h('th', { scope: 'col' }, t('rules.table.precedence')) : null,
      table.conditions.map((c) => h('th', { scope: 'col', class: 'when' }, h('span', { class: 'badge text-bg-light me-1' }, t('rules.table.when')),
        [c.field, c.operator, c.language ?? c.zone ?? ''].filter(Boolean).join(' '))),
      table.actions.map((a) => h('th', { scope: 'col', class: 'then' }, h('span', { class: 'badge text-bg-primary me-1' }, t('rules.table.then')), a.action)),
      h('th', { scope: 'col' }, t('rules.table.explanation')),
      h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('rules.table.rowTools'))));
    const rows = table.rows.flatMap((row, ri) => this.rowView(table, ti, row, ri));
    return h('section', { class: 'rule-table mb-4', 'data-table': table.name },
      h('div', { class: 'd-flex flex-wrap align-items-center gap-2 mb-2' },
        h('h3', { class: 'h6 mb-0' }, table.name),
        h('label', { class: 'small d-flex align-items-center gap-1' }, t('rules.table.hitPolicy'), policy)),
      this.messages(path, true),
      h('div', { class: 'table-responsive' },
        h('table', { class: 'table table-sm table-bordered align-top rule-grid' }, h('thead', {}, head), h('tbody', {}, rows))),
      h('button', {
        type: 'button', class: 'btn btn-sm btn-outline-secondary', 'data-action': 'add-row',
        onclick: () => {
          table.rows.push({ name: '', when: table.conditions.map(() => ''), then: table.actions.map(() => ''), explanation: '' });
          this.render();
        },
      }, t('rules.table.addRow')));
  }

  private rowView(table: DecisionTable, ti: number, row: RuleTableRow, ri: number): HTMLElement[] {
    const path = `tables[${ti}].rows[${ri}]`;
    const input = (cellPath: string, value: string, label: string, set: (v: string) => void, extra: Record<string, string> = {}) => {
      const marks = this.marks.get(cellPath) ?? [];
      const field = h('input', {
        class: `form-control form-control-sm${marks.some((m) => m.level === 'error') ? ' is-invalid' : ''}`,
        'aria-label': label, 'data-cell': cellPath, ...extra,
        oninput: (e: Event) => set((e.target as HTMLInputElement).value),
      });
      field.value = value;
      return h('td', {}, field, marks.map((m) => h('div', { class: m.level === 'error' ? 'invalid-feedback d-block' : 'form-text text-warning-emphasis', 'data-problem': m.level }, m.message)));
    };
    const rowName = row.name || `${table.name} ${ri + 1}`;
    const rowMarks = this.marks.get(path) ?? [];
    const move = (to: number) => {
      const [moved] = table.rows.splice(ri, 1);
      table.rows.splice(to, 0, moved);
      this.render();
    };
    const cells = h('tr', { 'data-row': ri + 1, class: rowMarks.length ? 'table-warning' : '' },
      h('th', { scope: 'row' }, ri + 1),
      input(`${path}.name`, row.name, t('rules.table.name'), (v) => { row.name = v; }),
      table.hitPolicy === 'PRIORITY'
        ? input(`${path}.precedence`, row.precedence == null ? '' : String(row.precedence), t('rules.table.precedence'),
          (v) => { row.precedence = v.trim() === '' ? null : Number(v); }, { type: 'number', step: '1' })
        : null,
      table.conditions.map((c, ci) => input(`${path}.when[${ci}]`, row.when[ci] ?? '', `${rowName}: ${c.field} ${c.operator}`, (v) => { row.when[ci] = v; })),
      table.actions.map((a, ci) => input(`${path}.then[${ci}]`, row.then[ci] ?? '', `${rowName}: ${a.action}`, (v) => { row.then[ci] = v; })),
      input(`${path}.explanation`, row.explanation, t('rules.table.explanation'), (v) => { row.explanation = v; }),
      h('td', { class: 'text-nowrap' },
        h('button', { type: 'button', class: 'btn btn-sm btn-link p-0 me-1', 'aria-label': t('rules.table.moveUp'), title: t('rules.table.moveUp'), disabled: ri === 0, onclick: () => move(ri - 1) }, '↑'),
        h('button', { type: 'button', class: 'btn btn-sm btn-link p-0 me-1', 'aria-label': t('rules.table.moveDown'), title: t('rules.table.moveDown'), disabled: ri === table.rows.length - 1, onclick: () => move(ri + 1) }, '↓'),
        h('button', { type: 'button', class: 'btn btn-sm btn-link p-0 text-danger', 'data-action': 'remove-row', 'aria-label': t('rules.table.removeRow'), title: t('rules.table.removeRow'), onclick: () => { table.rows.splice(ri, 1); this.render(); } }, '×')));
    const span = 4 + table.conditions.length + table.actions.length + (table.hitPolicy === 'PRIORITY' ? 1 : 0);
    return rowMarks.length
      ? [cells, h('tr', { class: 'row-problems' }, h('td', { colspan: span }, this.messages(path, false)))]
      : [cells];
  }

  /** The messages at exactly this path (a table or a row); for a table also those of its columns. */
  private messages(path: string, withColumns: boolean): HTMLElement | null {
    const found: Mark[] = [];
    for (const [at, marks] of this.marks) {
      if (at === path || (withColumns && (at.startsWith(`${path}.conditions`) || at.startsWith(`${path}.actions`)
        || at === `${path}.name` || at === `${path}.hitPolicy` || at === `${path}.rows`))) {
        found.push(...marks);
      }
    }
    return found.length
      ? h('ul', { class: 'small mb-1 table-problems' }, found.map((m) => h('li', { class: m.level === 'error' ? 'text-danger' : 'text-warning-emphasis', 'data-problem': m.level }, m.message)))
      : null;
  }
}
