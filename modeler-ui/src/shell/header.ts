import { api } from '../api';
import type { Me } from '../api';
import { h, replaceChildren } from '../ui/dom';

/** The bar above every area: product name, who is signed in, sign out. */
export function renderHeader(header: HTMLElement, me: Me): void {
  replaceChildren(
    header,
    h(
      'nav',
      { class: 'navbar navbar-dark bg-dark', 'aria-label': 'Main' },
      h(
        'div',
        { class: 'container-fluid' },
        h('a', { class: 'navbar-brand', href: '#/' }, 'Flowdesk'),
        h(
          'div',
          { class: 'd-flex align-items-center gap-3 text-light' },
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
}
