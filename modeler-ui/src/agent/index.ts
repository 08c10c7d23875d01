import type { Me } from '../api';
import type { AreaView } from '../shell/areas';
import { h, replaceChildren } from '../ui/dom';
import { Inbox } from './inbox';
import { agentRouteOf, inboxHref, ticketListHref } from './routes';
import { TaskView } from './task-view';
import { AgentTicketView } from './ticket-view';
import { NewTicketView } from './new-ticket';
import { t } from '../i18n';

/**
 * The agent's area: the inbox (tasks and tickets) beside the task or ticket they opened. On a phone one of the two
 * fills the screen: the list, or the opened item with a way back.
 */
export function mountAgent(main: HTMLElement, me: Me): AreaView {
  const inbox = new Inbox(me);
  const task = new TaskView(me);
  const ticket = new AgentTicketView('h2', me.id);
  const newTicket = new NewTicketView();
  const placeholder = h('section', { class: 'panel placeholder-pane text-body-secondary' }, t('agent.placeholder'));
  const pane = h('div', { class: 'pane' });
  const layout = h('div', { class: 'agent' }, inbox.element, pane);
  replaceChildren(main, layout);
  let tab: Parameters<Inbox['show']>[0] = 'mine';

  return {
    route(path) {
      const target = agentRouteOf(path);
      layout.classList.toggle('has-detail', target.page !== 'inbox');
      if (target.page === 'inbox') {
        tab = target.tab;
        replaceChildren(pane, placeholder);
        void inbox.show(tab, target.query);
      } else if (target.page === 'new') {
        replaceChildren(pane, newTicket.element);
        newTicket.show();
        void inbox.show(tab);
      } else if (target.page === 'task') {
        replaceChildren(pane, task.element);
        void task.show(target.id);
        void inbox.show(tab);
      } else {
        replaceChildren(pane, h('div', {}, h('a', { href: tab === 'tickets' ? ticketListHref(inbox.listAddress()) : inboxHref(tab), class: 'btn btn-sm btn-outline-secondary back mb-2 d-lg-none' }, t('agent.backToInbox')), ticket.element));
        void ticket.show(target.id);
        void inbox.show(tab);
      }
    },
  };
}
