/** The knowledge base's addresses under `#/kb` (its own area, for every signed-in user). */
export type KbRoute =
  | { page: 'search'; q: string }
  | { page: 'article'; id: string }
  | { page: 'edit'; id: string | null };

const enc = (value: string | number) => encodeURIComponent(String(value));
export const kbSearchHref = (q = ''): string => (q ? `#/kb/search/${enc(q)}` : '#/kb');
export const kbArticleHref = (id: number | string): string => `#/kb/articles/${enc(id)}`;
export const kbEditHref = (id: number | string): string => `#/kb/articles/${enc(id)}/edit`;
export const kbNewHref = '#/kb/new';

/** The path after `#/kb`. */
export function kbRouteOf(path: string[]): KbRoute {
  if (path[0] === 'new') return { page: 'edit', id: null };
  if (path[0] === 'articles' && path[1]) return path[2] === 'edit' ? { page: 'edit', id: path[1] } : { page: 'article', id: path[1] };
  return { page: 'search', q: path[0] === 'search' ? (path[1] ?? '') : '' };
}
