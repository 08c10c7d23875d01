/**
 * The portal's addresses live in the URL fragment, so the engine serves one index.html for "/" and
 * nothing on the server needs to know the client's routes.
 */
export type PortalRoute = { page: 'catalogue' } | { page: 'form'; key: string } | { page: 'ticket'; id: string };

export const ticketHref = (id: number | string): string => `#/tickets/${encodeURIComponent(String(id))}`;
export const formHref = (key: string): string => `#/forms/${encodeURIComponent(key)}`;
export const catalogueHref = '#/';

/** The path after `#/`, split at "/": ["tickets", "42"] is ticket 42, ["forms", key] a form, anything else the catalogue. */
export function routeOf(path: string[]): PortalRoute {
  if (path[0] === 'tickets' && path[1]) return { page: 'ticket', id: path[1] };
  if (path[0] === 'forms' && path[1]) return { page: 'form', key: path[1] };
  return { page: 'catalogue' };
}
