import { api } from '../api';
import type { Me } from '../api';
import { h, replaceChildren } from '../ui/dom';
import type { Area, AreaName } from './areas';

/** The bar above every area: product name, the areas this user may use, who is signed in, sign out. */
export function renderHeader(header: HTMLElement, me: Me, areas: Area[]): (active: AreaName) => void {
  const links = areas.map((area) =>
    h(
      'a',
      { class: 'nav-link', href: area.href, 'data-area': area.name },
      h('i', { class: `bi ${area.icon}`, 'aria-hidden': 'true' }),
      h('span', {}, area.label),
    ),
  );
  replaceChildren(
    header,
    h(
      'nav',
      { class: 'navbar navbar-dark bg-dark app-bar', 'aria-label': 'Main' },
      h(
        'div',
        { class: 'container-fluid' },
        h('a', { class: 'navbar-brand', href: '#/' }, 'Flowdesk'),
        areas.length > 1 ? h('div', { class: 'area-nav', role: 'list' }, links.map((l) => h('div', { role: 'listitem' }, l))) : null,
        h(
          'div',
          { class: 'd-flex align-items-center gap-3 text-light user-box' },
          h(
            'span',
            { class: 'signed-in', 'data-testid': 'signed-in-user', title: me.email },
            h('span', { class: 'visually-hidden' }, 'Signed in as '),
            me.name || me.id,
          ),
          h('button', { type: 'button', class: 'btn btn-sm btn-outline-light', onclick: () => api.logout() }, 'Sign out'),
        ),
      ),
    ),
  );
  return (active) => {
    for (const link of links) {
      const current = link.dataset.area === active;
      link.classList.toggle('active', current);
      if (current) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
  };
}
