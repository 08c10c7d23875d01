import type { Me } from '../api';
import { t } from '../i18n';
import type { MessageKey } from '../i18n';

/**
 * The role areas of the app and who sees them. The server enforces every permission again: hiding an area only
 * spares a user links that would answer 403.
 */
export type AreaName = 'portal' | 'agent' | 'approvals' | 'design' | 'kb' | 'reports' | 'assets' | 'admin';

/** A mounted area; the shell hands it the part of the URL fragment after the area's prefix. */
export interface AreaView {
  route(path: string[]): void;
  dispose?(): void;
}

export type AreaMount = (main: HTMLElement, me: Me) => AreaView;

export interface Area {
  name: AreaName;
  /** The catalogue key of the area's name in the header. */
  labelKey: MessageKey;
  icon: string;
  href: string;
  roles: string[];
  load: () => Promise<AreaMount>;
}

export const AREAS: Area[] = [
  {
    name: 'portal',
    labelKey: 'area.portal',
    icon: 'bi-house',
    href: '#/',
    roles: [],
    load: async () => withKbSuggestions((await import('../portal')).mountPortal),
  },
  {
    name: 'agent',
    labelKey: 'area.agent',
    icon: 'bi-inbox',
    href: '#/agent',
    roles: ['AGENT', 'ADMIN'],
    load: async () => (await import('../agent')).mountAgent,
  },
  {
    name: 'approvals',
    labelKey: 'area.approvals',
    icon: 'bi-check2-square',
    href: '#/approvals',
    roles: ['APPROVER', 'ADMIN'],
    load: async () => (await import('../approvals')).mountApprovals,
  },
  {
    name: 'design',
    labelKey: 'area.design',
    icon: 'bi-diagram-3',
    href: '#/design',
    roles: ['DESIGNER', 'ADMIN'],
    load: async () => (await import('../design')).mountDesign,
  },
  // Self-service (issue 10): the knowledge base, for everyone signed in.
  {
    name: 'kb',
    labelKey: 'area.kb',
    icon: 'bi-book',
    href: '#/kb',
    roles: [],
    load: async () => (await import('../selfservice/kb-area')).mountKb,
  },
  // Reports and dashboard (issue 11): agents see their queues' figures, designers and administrators the desk's.
  {
    name: 'reports',
    labelKey: 'area.reports',
    icon: 'bi-bar-chart',
    href: '#/reports',
    roles: ['AGENT', 'DESIGNER', 'ADMIN'],
    load: async () => (await import('../reports')).mountReports,
  },
  // Organisations, contacts and the CMDB (issue 13): agents and approvers (who vote on a change's impact).
  {
    name: 'assets',
    labelKey: 'area.assets',
    icon: 'bi-pc-display',
    href: '#/assets',
    roles: ['AGENT', 'APPROVER', 'ADMIN'],
    load: async () => (await import('../assets')).mountAssets,
  },
  // Administration (issues 9 and 15): users, groups and roles, queues, tenants, API tokens, security audit, mail.
  {
    name: 'admin',
    labelKey: 'area.admin',
    icon: 'bi-gear',
    href: '#/admin/users',
    roles: ['ADMIN'],
    load: async () => (await import('../admin')).mountAdmin,
  },
];

/**
 * The portal with knowledge-base suggestions: while a requester types the subject of the report form, matching
 * articles appear below it (selfservice/kb-suggest.ts listens to the form's input events; the form is unchanged).
 */
async function withKbSuggestions(mount: AreaMount): Promise<AreaMount> {
  const { attachKbSuggestions } = await import('../selfservice/kb-suggest');
  return (main, me) => {
    const view = mount(main, me);
    const detach = attachKbSuggestions(main, 'report-incident');
    return {
      route: (path) => view.route(path),
      dispose() {
        detach();
        view.dispose?.();
      },
    };
  };
}

export function areaLabel(area: Area): string {
  return t(area.labelKey);
}

export function areasFor(me: Me): Area[] {
  return AREAS.filter((area) => !area.roles.length || area.roles.some((role) => me.roles.includes(role)));
}

/** `#/agent/tasks/1` -> area "agent", path ["tasks", "1"]; anything that is no area's is the portal's. */
export function parseHash(hash: string, available: Area[]): { area: Area; path: string[] } {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const named = available.find((area) => area.name !== 'portal' && area.name === parts[0]);
  if (named) return { area: named, path: parts.slice(1) };
  return { area: available.find((a) => a.name === 'portal')!, path: parts };
}

/** Where a user lands on "/": the work of their most specific role, the portal for requesters. */
export function landingArea(available: Area[]): Area {
  for (const name of ['agent', 'approvals', 'design'] as AreaName[]) {
    const area = available.find((a) => a.name === name);
    if (area) return area;
  }
  return available.find((a) => a.name === 'portal')!;
}
