import type { Me } from '../api';
import type { AreaView } from '../shell/areas';
import { h, replaceChildren } from '../ui/dom';
import { Catalogue, localized } from './catalogue';
import { MyTickets } from './my-tickets';
import { ReportForm } from './report-form';
import { catalogueHref, routeOf } from './routes';
import { TicketDetail } from './ticket-detail';
import { t } from '../i18n';

/**
 * The requester's portal: their tickets on one side, and on the other the catalogue of what they may ask for
 * (`#/`), one of its forms (`#/forms/{key}`) or a ticket they opened (`#/tickets/{id}`).
 */
export function mountPortal(main: HTMLElement, _me: Me): AreaView {
  const tickets = new MyTickets();
  const catalogue = new Catalogue();
  const detail = new TicketDetail();
  const form = new ReportForm(() => void tickets.refresh());
  const formHeading = h('h2', { id: 'form-heading', tabindex: '-1' }, t('portal.form'));
  const formPanel = h(
    'section',
    { class: 'panel form-panel', 'aria-labelledby': 'form-heading' },
    h(
      'div',
      { class: 'panel-head' },
      formHeading,
      h('a', { href: catalogueHref, class: 'btn btn-sm btn-outline-secondary', 'data-action': 'back-to-catalogue' }, t('portal.allServices')),
    ),
    form.element,
  );

  replaceChildren(main, h('div', { class: 'portal' }, tickets.element, h('div', { class: 'pane' }, catalogue.element, formPanel, detail.element)));
  void tickets.refresh();

  let lastPage = 'catalogue';
  let shownForm: string | null = null;
  return {
    route(path) {
      const target = routeOf(path);
      // Back from a ticket (which may have changed meanwhile) the list is read again.
      if (target.page !== 'ticket' && lastPage === 'ticket') void tickets.refresh();
      lastPage = target.page;
      catalogue.element.hidden = target.page !== 'catalogue';
      formPanel.hidden = target.page !== 'form';
      detail.element.hidden = target.page !== 'ticket';
      if (target.page === 'catalogue') void catalogue.load();
      shownForm = target.page === 'form' ? target.key : null;
      if (target.page === 'form') {
        const key = target.key;
        formHeading.textContent = t('portal.form');
        void catalogue.load().then((forms) => {
          const summary = forms.find((f) => f.key === key);
          if (summary && shownForm === key) formHeading.textContent = localized(summary).title;
        });
        void form.open(target.key);
      }
      if (target.page === 'ticket') void detail.show(target.id);
    },
  };
}
