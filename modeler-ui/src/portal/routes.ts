/**
 * The portal's addresses live in the URL fragment, so the engine serves one index.html for "/" and
 * nothing on the server needs to know the client's routes.
 */
export type PortalRoute = { page: 'report' } | { page: 'ticket'; id: string };

export const ticketHref = (id: number | string): string => `#/tickets/${encodeURIComponent(String(id))}`;
export const reportHref = '#/';

/** The path after `#/`, split at "/": ["tickets", "42"] is ticket 42, anything else the report form. */
export function routeOf(path: string[]): PortalRoute {
  return path[0] === 'tickets' && path[1] ? { page: 'ticket', id: path[1] } : { page: 'report' };
}
