import type { Me } from '../api';
import type { AreaView } from '../shell/areas';
import { h, replaceChildren } from '../ui/dom';
import { MyTickets } from './my-tickets';
import { ReportForm } from './report-form';
import { routeOf } from './routes';
import { TicketDetail } from './ticket-detail';

/** The form a requester reports an incident with (forms module, `report-incident`). */
const REPORT_FORM_KEY = 'report-incident';

/**
 * The requester's portal: their tickets on one side, and on the other either the report form or the ticket
 * they opened (`#/tickets/{id}`).
 */
export function mountPortal(main: HTMLElement, _me: Me): AreaView {
  const tickets = new MyTickets();
  const detail = new TicketDetail();
  const report = new ReportForm(REPORT_FORM_KEY, () => void tickets.refresh());
  const reportPanel = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'report-heading' },
    h('div', { class: 'panel-head' }, h('h2', { id: 'report-heading' }, 'Report an incident')),
    report.element,
  );

  replaceChildren(main, h('div', { class: 'portal' }, tickets.element, h('div', { class: 'pane' }, reportPanel, detail.element)));
  void tickets.refresh();
  void report.load();

  let lastPage = 'report';
  return {
    route(path) {
      const target = routeOf(path);
      // Back from a ticket (which may have changed meanwhile) the list is read again.
      if (target.page === 'report' && lastPage === 'ticket') void tickets.refresh();
      lastPage = target.page;
      reportPanel.hidden = target.page !== 'report';
      detail.element.hidden = target.page !== 'ticket';
      if (target.page === 'ticket') void detail.show(target.id);
    },
  };
}
