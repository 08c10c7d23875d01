import type { Me } from '../api';
import type { AreaView } from '../shell/areas';
import { h, replaceChildren } from '../ui/dom';
import { t } from '../i18n';
import type { MessageKey } from '../i18n';
import type { AdminSection } from './parts';
import { failure } from './parts';

type Section = 'users' | 'groups' | 'queues' | 'tenants' | 'tokens' | 'security' | 'privacy' | 'mail';

const SECTIONS: Record<Section, MessageKey> = {
  users: 'admin.nav.users',
  groups: 'admin.nav.groups',
  queues: 'admin.nav.queues',
  tenants: 'admin.nav.tenants',
  tokens: 'admin.nav.tokens',
  security: 'admin.nav.security',
  privacy: 'admin.nav.privacy',
  mail: 'admin.nav.mail',
};

/**
 * The administrators' area (issue 15 part 4): users, groups and roles, queues, tenants, API tokens, the security
 * audit, erasure of a person (part 6) and the mail channel. Only administrators see it (shell/areas.ts); the server answers 403 to anyone else.
 */
export function mountAdmin(main: HTMLElement, me: Me): AreaView {
  const names = Object.keys(SECTIONS) as Section[];
  const links = names.map((s) => h('a', { class: 'nav-link', href: `#/admin/${s}`, 'data-section': s }, t(SECTIONS[s])));
  const body = h('div', { class: 'admin-body' });
  replaceChildren(main, h('div', { class: 'admin' }, h('nav', { class: 'nav nav-pills admin-nav mb-3', 'aria-label': t('area.admin') }, links), body));
  const views = new Map<Section, AdminSection | AreaView>();

  const create = async (section: Section): Promise<AdminSection | AreaView> => {
    switch (section) {
      case 'users': return new (await import('./users')).UsersView();
      case 'groups': return new (await import('./groups')).GroupsView();
      case 'queues': return new (await import('./desk')).QueuesView();
      case 'tenants': return new (await import('./desk')).TenantsView();
      case 'tokens': return new (await import('./tokens')).TokensView();
      case 'security': return new (await import('./events')).SecurityEventsView();
      case 'privacy': return new (await import('./privacy')).PrivacyView();
      case 'mail': {
        // the mail channel's page (issue 9) keeps its own element
        const holder = h('div', {});
        const view = (await import('../selfservice/mail-admin')).mountAdmin(holder, me);
        return { element: holder, show: async () => view.route([]) } as AdminSection;
      }
    }
  };

  return {
    async route(path) {
      const section: Section = names.includes(path[0] as Section) ? (path[0] as Section) : 'users';
      for (const link of links) {
        const current = link.dataset.section === section;
        link.classList.toggle('active', current);
        if (current) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
      }
      try {
        let view = views.get(section) as AdminSection | undefined;
        if (!view) {
          view = (await create(section)) as AdminSection;
          views.set(section, view);
        }
        replaceChildren(body, view.element);
        await view.show(path.slice(1));
      } catch (error) {
        replaceChildren(body, failure(error));
      }
    },
  };
}
