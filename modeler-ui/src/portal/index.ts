import type { Me } from '../api';
import { h, replaceChildren } from '../ui/dom';
import { MyTickets } from './my-tickets';
import { ReportForm } from './report-form';
import { currentRoute } from './routes';
import { TicketDetail } from './ticket-detail';

/** The form a requester reports an incident with (forms module, `report-incident`). */
const REPORT_FORM_KEY = 'report-incident';

/**
 * The requester's portal: their tickets on one side, and on the other either the report form or the ticket
 * they opened (`#/tickets/{id}`).
 */
export function mountPortal(main: HTMLElement, _me: Me): void {
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

  const route = () => {
    const target = currentRoute();
    reportPanel.hidden = target.page !== 'report';
    detail.element.hidden = target.page !== 'ticket';
    if (target.page === 'ticket') void detail.show(target.id);
  };
  window.addEventListener('hashchange', route);
  route();

  void tickets.refresh();
  void report.load();
}
