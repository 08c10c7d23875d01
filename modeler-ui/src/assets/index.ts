import { api } from '../api';
import type { AssetDetail, AssetGrouping, AssetImpact, Me, Page, TicketSummary } from '../api';
import type { AreaView } from '../shell/areas';
import { agentTicketHref } from '../agent/routes';
import { describeError, h, notice, replaceChildren, time } from '../ui/dom';
import { label, t } from '../i18n';
import { showAssetFields } from './asset-fields';

const enc = encodeURIComponent;
export const assetHref = (id: number | string): string => `#/assets/${enc(id)}`;

/**
 * The CMDB for agents and approvers (issue 13): assets searched by name or serial, an asset with its tickets,
 * relations, history and impact, and the organisations and contacts. The server decides who sees what; the page
 * only shows what it gets.
 */
export function mountAssets(main: HTMLElement, _me: Me): AreaView {
  return {
    route(path: string[]) {
      const nav = h(
        'nav',
        { class: 'nav nav-pills mb-3', 'aria-label': t('assets.heading') },
        h('a', { class: `nav-link${!path.length || /^\d+$/.test(path[0]) ? ' active' : ''}`, href: '#/assets' }, t('assets.list')),
        h('a', { class: `nav-link${path[0] === 'organisations' ? ' active' : ''}`, href: '#/assets/organisations' }, t('assets.organisations')),
        h('a', { class: `nav-link${path[0] === 'contacts' ? ' active' : ''}`, href: '#/assets/contacts' }, t('assets.contacts')),
        h('a', { class: `nav-link${path[0] === 'statistics' ? ' active' : ''}`, href: '#/assets/statistics' }, t('assets.statistics')),
      );
      const body = h('div', { class: 'assets-body' });
      replaceChildren(main, h('section', { class: 'panel assets', 'aria-labelledby': 'assets-heading' },
        h('div', { class: 'panel-head' }, h('h2', { id: 'assets-heading' }, t('assets.heading'))), nav, body));
      if (path[0] === 'organisations') void organisations(body);
      else if (path[0] === 'contacts') void contacts(body);
      else if (path[0] === 'statistics') void statistics(body);
      else if (path[0] === 'new') void newAsset(body);
      else if (path.length && /^\d+$/.test(path[0])) void detail(body, path[0]);
      else void list(body);
    },
  };
}

function searchForm(placeholder: string, onSearch: (q: string) => void): HTMLElement {
  const q = h('input', { class: 'form-control form-control-sm', type: 'search', name: 'q', placeholder, 'aria-label': t('common.search') });
  return h('form', { class: 'd-flex gap-2 mb-3', role: 'search', onsubmit: (e: Event) => { e.preventDefault(); onSearch(q.value.trim()); } },
    q, h('button', { type: 'submit', class: 'btn btn-sm btn-outline-primary' }, t('common.search')));
}

/** "21–40 of 123" with Previous and Next; the lists are pages of the server (issue 13: no more 500-row cut). */
function pager<T>(page: Page<T>, go: (page: number) => void): HTMLElement | null {
  if (page.total <= page.size && page.page === 0) return null;
  const from = page.total ? page.page * page.size + 1 : 0;
  const to = page.page * page.size + page.items.length;
  return h('nav', { class: 'd-flex gap-2 align-items-center small', 'data-testid': 'pager', 'aria-label': t('assets.pages') },
    h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', disabled: page.page === 0, onclick: () => go(page.page - 1) }, t('assets.previous')),
    h('span', {}, t('assets.range', { from, to, total: page.total })),
    h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', disabled: to >= page.total, onclick: () => go(page.page + 1) }, t('assets.next')));
}

async function list(body: HTMLElement): Promise<void> {
  const results = h('div', { class: 'asset-results' });
  const load = async (q?: string, at = 0) => {
    replaceChildren(results, h('p', { class: 'text-body-secondary' }, t('common.loading')));
    try {
      const page = await api.assets(q, at);
      const assets = page.items;
      replaceChildren(results, assets.length ? h('table', { class: 'table table-sm align-middle', 'data-testid': 'asset-list' },
        h('thead', {}, h('tr', {}, h('th', {}, t('assets.name')), h('th', {}, t('assets.type')), h('th', {}, t('assets.serial')), h('th', {}, t('assets.status')), h('th', {}, t('assets.owner')))),
        h('tbody', {}, assets.map((a) => h('tr', {},
          h('td', {}, h('a', { href: assetHref(a.id) }, a.name), a.critical ? h('span', { class: 'badge text-bg-danger ms-2' }, t('assets.critical')) : null),
          h('td', {}, a.type), h('td', {}, a.serial ?? '—'), h('td', {}, label('assetStatus', a.status)), h('td', {}, a.ownerId ?? '—'))))) :
        h('p', { class: 'text-body-secondary' }, t('assets.none')), pager(page, (next) => void load(q, next)));
    } catch (error) {
      replaceChildren(results, notice('danger', t('assets.loadFailed', { why: describeError(error) })));
    }
  };
  replaceChildren(body, h('a', { class: 'btn btn-sm btn-outline-primary mb-3', href: '#/assets/new', 'data-testid': 'new-asset' }, t('assets.newAsset')),
    searchForm(t('assets.searchPlaceholder'), (q) => void load(q)), results);
  await load();
}

/**
 * A new asset: its type, name and serial, then the type's own fields in the type's Form.io form. The engine checks
 * everything again (an unknown type, a missing required field: 400 naming it).
 */
async function newAsset(body: HTMLElement): Promise<void> {
  let types;
  try {
    types = await api.assetTypes();
  } catch (error) {
    replaceChildren(body, notice('danger', t('assets.loadFailed', { why: describeError(error) })));
    return;
  }
  const type = h('select', { class: 'form-select form-select-sm', name: 'assetType', 'aria-label': t('assets.type') },
    h('option', { value: '' }, t('assets.chooseType')), types.map((ty) => h('option', { value: ty.key }, ty.name)));
  const name = h('input', { class: 'form-control form-control-sm', name: 'assetName', 'aria-label': t('assets.name'), placeholder: t('assets.name') });
  const serial = h('input', { class: 'form-control form-control-sm', name: 'assetSerial', 'aria-label': t('assets.serial'), placeholder: t('assets.serial') });
  const fields = h('div', { class: 'mt-3', 'data-testid': 'new-asset-fields' });
  type.addEventListener('change', () => {
    const chosen = types.find((ty) => ty.key === type.value);
    if (!chosen) { replaceChildren(fields); return; }
    void showAssetFields(fields, chosen, {}, t('assets.create'), async (values) => {
      const created = await api.createAsset({ type: chosen.key, name: name.value.trim(), serial: serial.value.trim() || null, fields: values });
      location.hash = assetHref(created.id);
      return created;
    }, () => undefined);
  });
  replaceChildren(body, h('h3', { class: 'h4' }, t('assets.newAsset')),
    h('div', { class: 'd-flex gap-2 flex-wrap' }, type, name, serial), fields);
}

function ticketTable(tickets: TicketSummary[], testId: string): HTMLElement {
  if (!tickets.length) return h('p', { class: 'text-body-secondary', 'data-testid': testId }, t('assets.noTickets'));
  return h('table', { class: 'table table-sm', 'data-testid': testId },
    h('tbody', {}, tickets.map((ticket) => h('tr', {},
      h('td', {}, h('a', { href: agentTicketHref(ticket.id) }, ticket.number)),
      h('td', {}, ticket.subject),
      h('td', {}, label('status', ticket.status)),
      h('td', {}, ticket.priority ?? '—'),
      h('td', {}, time(ticket.createdAt))))));
}

async function detail(body: HTMLElement, id: string): Promise<void> {
  replaceChildren(body, h('p', { class: 'text-body-secondary' }, t('common.loading')));
  let asset: AssetDetail;
  try {
    asset = await api.asset(id);
  } catch (error) {
    replaceChildren(body, notice('danger', t('assets.loadFailed', { why: describeError(error) })));
    return;
  }
  const impact = h('div', { 'data-testid': 'asset-impact' });
  const facts: [string, string][] = [
    [t('assets.type'), asset.type],
    [t('assets.serial'), asset.serial ?? '—'],
    [t('assets.status'), label('assetStatus', asset.status)],
    [t('assets.owner'), asset.ownerId ?? '—'],
    [t('assets.warrantyEnd'), asset.warrantyEnd ?? '—'],
  ];
  const fields = h('div', { 'data-testid': 'asset-fields' });
  replaceChildren(body,
    h('h3', { class: 'h4', 'data-testid': 'asset-name' }, asset.name, asset.critical ? h('span', { class: 'badge text-bg-danger ms-2' }, t('assets.critical')) : null),
    h('dl', { class: 'row' }, facts.flatMap(([k, v]) => [h('dt', { class: 'col-sm-3' }, k), h('dd', { class: 'col-sm-9' }, v)])),
    h('h4', { class: 'h5 mt-3' }, t('assets.fields')),
    fields,
    h('h4', { class: 'h5 mt-3' }, t('assets.tickets')),
    ticketTable(asset.tickets, 'asset-tickets'),
    h('h4', { class: 'h5 mt-3' }, t('assets.relations')),
    asset.relations.length ? h('ul', { 'data-testid': 'asset-relations' }, asset.relations.map((r) => h('li', {},
      r.direction === 'OUT' ? t('assets.relationOut', { type: label('relation', r.type) }) : t('assets.relationIn', { type: label('relation', r.type) }),
      ' ', h('a', { href: assetHref(r.otherId) }, r.otherName), ` (${r.otherType})`))) :
      h('p', { class: 'text-body-secondary', 'data-testid': 'asset-relations' }, t('assets.noRelations')),
    h('h4', { class: 'h5 mt-3' }, t('assets.impact')),
    impact,
    h('h4', { class: 'h5 mt-3' }, t('assets.history')),
    h('ul', { class: 'small', 'data-testid': 'asset-history' }, asset.history.map((e) => h('li', {}, time(e.at), ` · ${e.actor} · ${e.action}`))),
  );
  try {
    const type = (await api.assetTypes()).find((ty) => ty.key === asset.type);
    await showAssetFields(fields, type, asset.fields, t('assets.saveFields'), (values) => api.updateAsset(asset.id, {
      type: asset.type, name: asset.name, serial: asset.serial, status: asset.status, ownerId: asset.ownerId,
      organisationId: asset.organisationId, warrantyEnd: asset.warrantyEnd, critical: asset.critical, fields: values,
      version: asset.version }), () => void detail(body, id));
  } catch (error) {
    replaceChildren(fields, notice('danger', t('assets.loadFailed', { why: describeError(error) })));
  }
  try {
    showImpact(impact, await api.assetImpact(id));
  } catch (error) {
    replaceChildren(impact, notice('danger', t('assets.loadFailed', { why: describeError(error) })));
  }
}

function showImpact(target: HTMLElement, impact: AssetImpact): void {
  if (!impact.impacted.length) {
    replaceChildren(target, h('p', { class: 'text-body-secondary' }, t('assets.noImpact')));
    return;
  }
  replaceChildren(target, h('ul', {}, impact.impacted.map((item) => h('li', {},
    h('a', { href: assetHref(item.id) }, item.name), ` (${item.type}) · `, t('assets.distance', { n: item.distance }),
    item.openTickets.length ? ticketTable(item.openTickets, 'impact-tickets') : null))));
}

async function organisations(body: HTMLElement): Promise<void> {
  const results = h('div');
  const load = async (q?: string, at = 0) => {
    try {
      const page = await api.organisations(q, at);
      const orgs = page.items;
      replaceChildren(results, pager(page, (next) => void load(q, next)), h('table', { class: 'table table-sm', 'data-testid': 'organisation-list' },
        h('thead', {}, h('tr', {}, h('th', {}, t('assets.name')), h('th', {}, t('assets.domains')), h('th', {}, t('assets.tier')), h('th', {}, t('assets.contacts')))),
        h('tbody', {}, orgs.map((o) => h('tr', {}, h('td', {}, o.name), h('td', {}, o.domains.join(', ')), h('td', {}, o.tier), h('td', {}, o.contacts))))));
    } catch (error) {
      replaceChildren(results, notice('danger', t('assets.loadFailed', { why: describeError(error) })));
    }
  };
  replaceChildren(body, searchForm(t('assets.searchOrganisations'), (q) => void load(q)), results);
  await load();
}

async function contacts(body: HTMLElement): Promise<void> {
  const results = h('div');
  const load = async (q?: string, at = 0) => {
    try {
      const page = await api.contacts(q, at);
      const people = page.items;
      replaceChildren(results, pager(page, (next) => void load(q, next)), h('table', { class: 'table table-sm', 'data-testid': 'contact-list' },
        h('thead', {}, h('tr', {}, h('th', {}, t('assets.name')), h('th', {}, t('assets.emails')), h('th', {}, t('assets.organisation')), h('th', {}, t('assets.tier')))),
        h('tbody', {}, people.map((c) => h('tr', {},
          h('td', {}, c.name, c.vip ? h('span', { class: 'badge text-bg-warning ms-2' }, t('assets.vip')) : null),
          h('td', {}, c.emails.join(', ')), h('td', {}, c.organisation ?? '—'), h('td', {}, c.tier))))));
    } catch (error) {
      replaceChildren(results, notice('danger', t('assets.loadFailed', { why: describeError(error) })));
    }
  };
  replaceChildren(body, searchForm(t('assets.searchContacts'), (q) => void load(q)), results);
  await load();
}

/** Tickets and incidents per asset type, model or supplier: which kind of device breaks most. */
async function statistics(body: HTMLElement): Promise<void> {
  const results = h('div');
  const groupings: AssetGrouping[] = ['type', 'model', 'supplier'];
  const by = h('select', { class: 'form-select form-select-sm w-auto', name: 'by', 'aria-label': t('assets.groupBy'), onchange: () => void load() },
    groupings.map((g) => h('option', { value: g }, t(`assets.by.${g}`))));
  const load = async () => {
    try {
      const stats = await api.assetStatistics(by.value as AssetGrouping);
      replaceChildren(results, h('table', { class: 'table table-sm', 'data-testid': 'asset-statistics' },
        h('thead', {}, h('tr', {}, h('th', {}, t(`assets.by.${stats.by}`)), h('th', { class: 'text-end' }, t('assets.list')),
          h('th', { class: 'text-end' }, t('assets.tickets')), h('th', { class: 'text-end' }, t('assets.openTickets')),
          h('th', { class: 'text-end' }, t('assets.incidents')), h('th', { class: 'text-end' }, t('assets.openIncidents')),
          h('th', { class: 'text-end' }, t('assets.ticketsPerAsset')), h('th', { class: 'text-end' }, t('assets.incidentsPerAsset')))),
        h('tbody', {}, stats.rows.map((r) => h('tr', { 'data-key': r.key ?? '' },
          h('td', {}, r.key ?? t('assets.unknown')), h('td', { class: 'text-end' }, String(r.assets)),
          h('td', { class: 'text-end' }, String(r.tickets)), h('td', { class: 'text-end' }, String(r.openTickets)),
          h('td', { class: 'text-end' }, String(r.incidents)), h('td', { class: 'text-end' }, String(r.openIncidents)),
          h('td', { class: 'text-end' }, String(r.ticketsPerAsset)), h('td', { class: 'text-end' }, String(r.incidentsPerAsset)))))));
    } catch (error) {
      replaceChildren(results, notice('danger', t('assets.loadFailed', { why: describeError(error) })));
    }
  };
  replaceChildren(body, h('label', { class: 'd-flex gap-2 align-items-center mb-3' }, h('span', { class: 'small fw-semibold' }, t('assets.groupBy')), by), results);
  await load();
}
