/**
 * Article bodies arrive as HTML the engine has already sanitized; this second, client-side allow-list keeps the page
 * safe should an older or foreign article slip through: only text markup, links to http(s)/mailto, no attributes
 * but href/title/alt/src on the few tags that need them.
 */
const TAGS = new Set([
  'P', 'BR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'LI', 'STRONG', 'B', 'EM', 'I', 'U', 'CODE', 'PRE',
  'BLOCKQUOTE', 'A', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'HR', 'SPAN', 'DIV', 'IMG',
]);
const ATTRIBUTES: Record<string, string[]> = { A: ['href', 'title'], IMG: ['src', 'alt', 'title'] };

function safeUrl(value: string): boolean {
  return /^(https?:|mailto:|\/|#)/i.test(value.trim());
}

export function sanitizedFragment(html: string): DocumentFragment {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const fragment = document.createDocumentFragment();
  const copy = (source: Node, target: Node) => {
    for (const child of Array.from(source.childNodes)) {
      if (child.nodeType === Node.TEXT_NODE) {
        target.appendChild(document.createTextNode(child.textContent ?? ''));
      } else if (child instanceof Element) {
        if (!TAGS.has(child.tagName)) {
          if (!['SCRIPT', 'STYLE', 'IFRAME', 'OBJECT', 'EMBED', 'TEMPLATE'].includes(child.tagName)) copy(child, target);
          continue;
        }
        const element = document.createElement(child.tagName.toLowerCase());
        for (const name of ATTRIBUTES[child.tagName] ?? []) {
          const value = child.getAttribute(name);
          if (value !== null && (name === 'title' || name === 'alt' || safeUrl(value))) element.setAttribute(name, value);
        }
        if (child.tagName === 'A') element.setAttribute('rel', 'noopener noreferrer');
        copy(child, element);
        target.appendChild(element);
      }
    }
  };
  copy(parsed.body, fragment);
  return fragment;
}
