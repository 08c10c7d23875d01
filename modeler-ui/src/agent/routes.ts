import type { TaskFilter } from '../api';
import type { MessageKey } from '../i18n';

/** The agent area's addresses under `#/agent`. */
export type AgentRoute =
  | { page: 'inbox'; tab: InboxTab; query: string }
  | { page: 'task'; id: string }
  | { page: 'ticket'; id: string }
  | { page: 'new' };

export type InboxTab = TaskFilter | 'tickets';

export const INBOX_TABS: { tab: InboxTab; label: MessageKey }[] = [
  { tab: 'mine', label: 'inbox.tab.mine' },
  { tab: 'candidate', label: 'inbox.tab.candidate' },
  { tab: 'unassigned', label: 'inbox.tab.unassigned' },
  { tab: 'tickets', label: 'inbox.tab.tickets' },
];

const enc = (value: string | number) => encodeURIComponent(String(value));
export const inboxHref = (tab: InboxTab): string => `#/agent/inbox/${tab}`;
/**
 * The ticket list with its search, filters, sort, page and view as one address, so a list can be bookmarked. The
 * parameters travel as one encoded path segment (the shell splits the hash at "/" and decodes each part).
 */
export const ticketListHref = (params: URLSearchParams | string): string => {
  const query = params.toString();
  return query ? `#/agent/inbox/tickets/${enc(query)}` : '#/agent/inbox/tickets';
};
export const taskHref = (id: string): string => `#/agent/tasks/${enc(id)}`;
export const newTicketHref = '#/agent/new';
export const agentTicketHref = (id: number | string): string => `#/agent/tickets/${enc(id)}`;

export function agentRouteOf(path: string[]): AgentRoute {
  if (path[0] === 'new') return { page: 'new' };
  if (path[0] === 'tasks' && path[1]) return { page: 'task', id: path[1] };
  if (path[0] === 'tickets' && path[1]) return { page: 'ticket', id: path[1] };
  const tab = INBOX_TABS.find((t) => t.tab === path[1])?.tab;
  const query = tab === 'tickets' ? path[2] ?? '' : '';
  return { page: 'inbox', tab: path[0] === 'inbox' && tab ? tab : 'mine', query };
}
