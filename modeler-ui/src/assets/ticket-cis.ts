import { api, ApiError } from '../api';
import type { AffectedTicket, Asset, TicketAsset, TicketSummary } from '../api';
import { agentTicketHref } from '../agent/routes';
import { describeError, h, notice, replaceChildren } from '../ui/dom';
import { label, t } from '../i18n';

const enc = encodeURIComponent;
const assetLink = (asset: { id: number; name: string }) => h('a', { href: `#/assets/${enc(asset.id)}` }, asset.name);

function criticalBadge(critical: boolean): HTMLElement | null {
  return critical ? h('span', { class: 'badge text-bg-danger ms-2' }, t('assets.critical')) : null;
}

function ticketList(tickets: TicketSummary[], testId: string): HTMLElement {
  if (!tickets.length) return h('p', { class: 'small text-body-secondary mb-1', 'data-testid': testId }, t('assets.noOpenTickets'));
  return h('ul', { class: 'small mb-1', 'data-testid': testId }, tickets.map((ticket) => h('li', { 'data-ticket-number': ticket.number },
    h('a', { href: agentTicketHref(ticket.id) }, ticket.number), ` ${ticket.subject} · ${label('status', ticket.status)}`)));
}

function problemText(error: unknown): string {
  return error instanceof ApiError && error.problem.errors?.length
    ? error.problem.errors.map((e) => `${e.path}: ${e.message}`).join('; ') : describeError(error);
}

/**
 * The configuration items of a ticket on the agent's ticket page (issue 13): each CI with its other open tickets,
 * unlink, and a search to link another CI. The server checks who may link what; the panel shows its answers.
 */
export class TicketCisPanel {
  readonly element: HTMLElement;
  private readonly list = h('div', { class: 'ticket-cis-list' });
  private readonly results = h('div', { class: 'ticket-cis-results' });
  private readonly status = h('div', { class: 'ticket-cis-status', 'aria-live': 'polite' });
  private ticketId: number | null = null;

  constructor() {
    const q = h('input', { class: 'form-control form-control-sm', type: 'search', name: 'assetQuery', placeholder: t('assets.searchPlaceholder'), 'aria-label': t('assets.findToLink') });
    const search = h('form', { class: 'd-flex gap-2 my-2', role: 'search', onsubmit: (e: Event) => { e.preventDefault(); void this.search(q.value.trim()); } },
      q, h('button', { type: 'submit', class: 'btn btn-sm btn-outline-primary' }, t('assets.findToLink')));
    this.element = h('section', { class: 'ticket-cis', 'data-testid': 'ticket-cis', 'aria-labelledby': 'ticket-cis-heading' },
      h('h3', { id: 'ticket-cis-heading' }, t('assets.ticketCis')), this.list, search, this.results, this.status);
  }

  async show(ticketId: number): Promise<void> {
    this.ticketId = ticketId;
    replaceChildren(this.results);
    replaceChildren(this.status);
    try {
      this.render(await api.ticketAssets(ticketId));
    } catch (error) {
      replaceChildren(this.list, notice('danger', t('assets.loadFailed', { why: describeError(error) })));
    }
  }

  private render(items: TicketAsset[]): void {
    if (!items.length) {
      replaceChildren(this.list, h('p', { class: 'text-body-secondary' }, t('assets.noCis')));
      return;
    }
    replaceChildren(this.list, h('ul', { class: 'list-unstyled' }, items.map(({ asset, otherOpenTickets }) =>
      h('li', { class: 'ticket-ci mb-2', 'data-asset-id': String(asset.id) },
        h('div', { class: 'd-flex flex-wrap gap-2 align-items-baseline' },
          assetLink(asset), h('span', { class: 'text-body-secondary' }, `(${asset.type})`), criticalBadge(asset.critical),
          h('button', { type: 'button', class: 'btn btn-sm btn-link text-danger p-0', 'data-action': 'unlink-ci', onclick: () => void this.unlink(asset) }, t('assets.unlink'))),
        h('div', { class: 'small fw-semibold' }, t('assets.otherOpenTickets')),
        ticketList(otherOpenTickets, 'ci-other-tickets')))));
  }

  private async search(q: string): Promise<void> {
    try {
      const page = await api.assets(q || undefined, 0, 10);
      replaceChildren(this.results, page.items.length ? h('ul', { class: 'list-unstyled small', 'data-testid': 'ci-search-results' }, page.items.map((asset) =>
        h('li', { class: 'd-flex gap-2 align-items-baseline' }, assetLink(asset), h('span', { class: 'text-body-secondary' }, `(${asset.type})`),
          h('button', { type: 'button', class: 'btn btn-sm btn-outline-primary py-0', 'data-action': 'link-ci', 'data-asset-id': String(asset.id), onclick: () => void this.link(asset) }, t('assets.link'))))) :
        h('p', { class: 'small text-body-secondary' }, t('assets.none')));
    } catch (error) {
      replaceChildren(this.results, notice('danger', t('assets.loadFailed', { why: describeError(error) })));
    }
  }

  private async link(asset: Asset): Promise<void> {
    if (this.ticketId === null) return;
    try {
      this.render(await api.linkAsset(this.ticketId, asset.id));
      replaceChildren(this.results);
      replaceChildren(this.status, notice('success', t('assets.linked', { name: asset.name })));
    } catch (error) {
      replaceChildren(this.status, notice('danger', t('assets.notChanged', { why: problemText(error) })));
    }
  }

  private async unlink(asset: Asset): Promise<void> {
    if (this.ticketId === null) return;
    try {
      this.render(await api.unlinkAsset(this.ticketId, asset.id));
      replaceChildren(this.status, notice('success', t('assets.unlinked', { name: asset.name })));
    } catch (error) {
      replaceChildren(this.status, notice('danger', t('assets.notChanged', { why: problemText(error) })));
    }
  }
}

function affectedList(tickets: AffectedTicket[], testId: string): HTMLElement {
  if (!tickets.length) return h('p', { class: 'small text-body-secondary mb-1', 'data-testid': testId }, t('assets.noOpenTickets'));
  return h('ul', { class: 'small mb-1', 'data-testid': testId }, tickets.map((ticket) => h('li', { 'data-ticket-number': ticket.number },
    ticket.visible ? h('a', { href: agentTicketHref(ticket.id) }, ticket.number) : h('span', {}, ticket.number),
    ` ${label('ticketType', ticket.type)} · ${label('status', ticket.status)}`, ticket.priority ? ` · ${ticket.priority}` : '')));
}

/**
 * The impact analysis of a ticket's CIs (a change the CAB votes on): for each CI, its other open tickets and every
 * CI and service that depends on it through the relations, nearest first, with their open tickets — from the
 * server's recursive walk, which also decides what the viewer may open.
 */
export async function ticketImpact(ticketId: number): Promise<HTMLElement> {
  const box = h('section', { class: 'ticket-impact small', 'data-testid': 'ticket-impact' }, h('h4', { class: 'h6' }, t('assets.impactAnalysis')));
  try {
    const impacts = await api.ticketImpact(ticketId);
    if (!impacts.length) {
      box.append(h('p', { class: 'text-body-secondary mb-1' }, t('assets.noCis')));
      return box;
    }
    box.append(...impacts.map((impact) => h('div', { class: 'impact-of mb-2', 'data-asset-id': String(impact.asset.id) },
      h('div', { class: 'fw-semibold' }, assetLink(impact.asset), ` (${impact.asset.type})`, criticalBadge(impact.asset.critical)),
      affectedList(impact.openTickets, 'impact-own-tickets'),
      impact.impacted.length ? h('ul', { class: 'mb-1' }, impact.impacted.map((item) =>
        h('li', { class: 'impacted', 'data-impacted': item.name },
          assetLink(item), ` (${item.type}) · `, t('assets.distance', { n: item.distance }), criticalBadge(item.critical),
          affectedList(item.openTickets, 'impact-tickets')))) :
        h('p', { class: 'text-body-secondary mb-1' }, t('assets.noImpact')))));
  } catch (error) {
    box.append(notice('danger', t('assets.loadFailed', { why: describeError(error) })));
  }
  return box;
}

/**
 * A problem's card (issue 13): the incidents, open and closed, on the problem's CIs, newest first, a page at a time.
 * The engine lists only incidents the caller may read, so the card never names another requester's ticket.
 */
export class ProblemIncidentsPanel {
  readonly element: HTMLElement;
  private readonly list = h('div', { class: 'problem-incidents-list' });

  constructor() {
    this.element = h('section', { class: 'problem-incidents', 'data-testid': 'problem-incidents', 'aria-labelledby': 'problem-incidents-heading' },
      h('h3', { id: 'problem-incidents-heading' }, t('assets.problemIncidents')), this.list);
  }

  async show(ticketId: number, page = 0): Promise<void> {
    try {
      const incidents = await api.ciIncidents(ticketId, page);
      const last = incidents.page * incidents.size + incidents.items.length;
      replaceChildren(this.list, incidents.items.length
        ? h('ul', { class: 'small mb-1' }, incidents.items.map((ticket) => h('li', { 'data-ticket-number': ticket.number },
          h('a', { href: agentTicketHref(ticket.id) }, ticket.number), ` ${ticket.subject} · ${label('status', ticket.status)}`)))
        : h('p', { class: 'small text-body-secondary mb-1' }, t('assets.noProblemIncidents')),
      incidents.total > incidents.size ? h('nav', { class: 'd-flex gap-2 align-items-center small', 'aria-label': t('assets.pages') },
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', disabled: page === 0, onclick: () => void this.show(ticketId, page - 1) }, t('assets.previous')),
        h('span', {}, t('assets.range', { from: page * incidents.size + 1, to: last, total: incidents.total })),
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', disabled: last >= incidents.total, onclick: () => void this.show(ticketId, page + 1) }, t('assets.next'))) : null);
    } catch (error) {
      replaceChildren(this.list, notice('danger', t('assets.loadFailed', { why: describeError(error) })));
    }
  }
}
