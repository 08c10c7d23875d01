/**
 * The portal's addresses live in the URL fragment, so the engine serves one index.html for "/" and
 * nothing on the server needs to know the client's routes.
 */
export type PortalRoute = { page: 'report' } | { page: 'ticket'; id: string };

export const ticketHref = (id: number | string): string => `#/tickets/${encodeURIComponent(String(id))}`;
export const reportHref = '#/';

export function currentRoute(hash: string = window.location.hash): PortalRoute {
  const match = /^#\/tickets\/([^/]+)$/.exec(hash);
  return match ? { page: 'ticket', id: decodeURIComponent(match[1]) } : { page: 'report' };
}
