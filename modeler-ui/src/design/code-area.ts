import { h } from '../ui/dom';

/** A compile error at a place in the text, as the engine reports it ("routing:12:5: message"). */
export interface SourceError {
  line: number | null;
  column: number | null;
  message: string;
}

/** "routing:12:5: no viable alternative…" -> line 12, column 5; a message without a place keeps only the text. */
export function parseSourceError(message: string): SourceError {
  const match = /^(?:[\w.\-/]+:)?(\d+):(\d+):\s*(.*)$/s.exec(message.trim());
  if (!match) return { line: null, column: null, message };
  return { line: Number(match[1]), column: Number(match[2]), message: match[3] };
}

/**
 * A plain-text editor with line numbers that can mark lines (compile errors). A textarea that never wraps keeps
 * one text line per visual line, so a layer behind it can paint the marked lines at line × line-height.
 */
export class CodeArea {
  readonly element: HTMLElement;
  readonly textarea: HTMLTextAreaElement;
  private readonly gutter = h('pre', { class: 'code-gutter', 'aria-hidden': 'true' });
  private readonly marks = h('div', { class: 'code-marks', 'aria-hidden': 'true' });
  private marked: number[] = [];

  constructor(label: string) {
    this.textarea = h('textarea', {
      class: 'code-text',
      spellcheck: 'false',
      wrap: 'off',
      autocapitalize: 'off',
      autocomplete: 'off',
      'aria-label': label,
      name: 'drl',
    });
    this.textarea.addEventListener('input', () => this.paint());
    this.textarea.addEventListener('scroll', () => this.sync());
    this.element = h('div', { class: 'code-area' }, this.gutter, h('div', { class: 'code-body' }, this.marks, this.textarea));
  }

  get value(): string {
    return this.textarea.value;
  }

  set value(text: string) {
    this.textarea.value = text;
    this.marked = [];
    this.paint();
  }

  /** Marks these lines (1-based) until the text is set again. */
  mark(lines: number[]): void {
    this.marked = lines;
    this.paint();
  }

  /** Puts the caret at line:column and scrolls it into view. */
  goTo(line: number, column = 1): void {
    const lines = this.textarea.value.split('\n');
    let offset = 0;
    for (let i = 0; i < Math.min(line - 1, lines.length); i++) offset += lines[i].length + 1;
    offset += Math.max(0, Math.min(column - 1, (lines[line - 1] ?? '').length));
    this.textarea.focus();
    this.textarea.setSelectionRange(offset, offset);
    const lineHeight = parseFloat(getComputedStyle(this.textarea).lineHeight) || 20;
    this.textarea.scrollTop = Math.max(0, (line - 4) * lineHeight);
    this.sync();
  }

  private paint(): void {
    const count = this.textarea.value.split('\n').length;
    const numbers: string[] = [];
    for (let i = 1; i <= count; i++) numbers.push(String(i));
    this.gutter.textContent = numbers.join('\n');
    this.marks.replaceChildren(
      ...this.marked.map((line) => h('div', { class: 'code-mark', 'data-line': line, style: `top: calc(${line - 1} * var(--code-line) + var(--code-pad))` })),
    );
    this.gutter.dataset.marked = this.marked.join(',');
    this.sync();
  }

  private sync(): void {
    this.gutter.scrollTop = this.textarea.scrollTop;
    this.marks.style.transform = `translate(${-this.textarea.scrollLeft}px, ${-this.textarea.scrollTop}px)`;
  }
}
