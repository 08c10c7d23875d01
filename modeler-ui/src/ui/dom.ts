import { formatDateTime } from '../i18n';

/**
 * A tiny element builder. Server data only ever reaches the page as text nodes or attribute values, never as
 * HTML, so a ticket subject cannot inject markup.
 */

type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;
type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') {
      element.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
    } else if (name === 'class') {
      element.className = String(value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

export function replaceChildren(parent: Element, ...children: (Child | Child[])[]): void {
  parent.replaceChildren(
    ...children.flat().filter((c): c is Node | string | number => c !== null && c !== undefined && c !== false)
      .map((c) => (c instanceof Node ? c : String(c))),
  );
}

/** A server instant in the active language's date and time format (i18n). */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatDateTime(date);
}

/** A `<time>` element: readable text, machine-readable datetime. */
export function time(iso: string | null | undefined): HTMLTimeElement {
  return h('time', { datetime: iso ?? undefined }, formatInstant(iso));
}

/** Status texts in the live region of a panel; `role=status` for news, `role=alert` for failures. */
export function notice(kind: 'success' | 'danger' | 'info', text: string): HTMLDivElement {
  return h('div', { class: `alert alert-${kind}`, role: kind === 'danger' ? 'alert' : 'status' }, text);
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
