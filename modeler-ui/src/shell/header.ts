import { api } from '../api';
import type { Me } from '../api';
import { LOCALES, locale, setLocale, t } from '../i18n';
import { h, replaceChildren } from '../ui/dom';
import { areaLabel } from './areas';
import type { Area, AreaName } from './areas';

/** Each language's name in itself, so a reader finds theirs whatever language the page is in. */
const ENDONYMS = { en: 'English', de: 'Deutsch' } as const;

/**
 * The bar above every area: product name, the areas this user may use, the language switch (EN/DE), who is signed
 * in, sign out.
 */
export function renderHeader(header: HTMLElement, me: Me, areas: Area[]): (active: AreaName) => void {
  const links = areas.map((area) =>
    h(
      'a',
      { class: 'nav-link', href: area.href, 'data-area': area.name },
      h('i', { class: `bi ${area.icon}`, 'aria-hidden': 'true' }),
      h('span', {}, areaLabel(area)),
    ),
  );
  const languages = h(
    'div',
    { class: 'btn-group btn-group-sm language-switch', role: 'group', 'aria-label': t('shell.language') },
    LOCALES.map((l) =>
      h(
        'button',
        {
          type: 'button',
          class: `btn ${l === locale() ? 'btn-light' : 'btn-outline-light'}`,
          lang: l,
          title: ENDONYMS[l],
          'aria-pressed': String(l === locale()),
          'data-locale': l,
          onclick: () => {
            if (l !== locale()) setLocale(l);
          },
        },
        l.toUpperCase(),
      ),
    ),
  );
  replaceChildren(
    header,
    h(
      'nav',
      { class: 'navbar navbar-dark bg-dark app-bar', 'aria-label': t('shell.mainNavigation') },
      h(
        'div',
        { class: 'container-fluid' },
        h('a', { class: 'navbar-brand', href: '#/' }, 'Flowdesk'),
        areas.length > 1 ? h('div', { class: 'area-nav', role: 'list' }, links.map((l) => h('div', { role: 'listitem' }, l))) : null,
        h(
          'div',
          { class: 'd-flex align-items-center gap-2 gap-sm-3 text-light user-box' },
          languages,
          h(
            'span',
            { class: 'signed-in', 'data-testid': 'signed-in-user', title: me.email },
            h('span', { class: 'visually-hidden' }, t('shell.signedInAs')),
            me.name || me.id,
          ),
          h('button', { type: 'button', class: 'btn btn-sm btn-outline-light', onclick: () => api.logout() }, t('shell.signOut')),
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
