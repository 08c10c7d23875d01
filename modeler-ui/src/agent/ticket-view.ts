import { api, ApiError } from '../api';
import type { TicketDetail, TicketLink } from '../api';
import { Conversation } from '../ticket/conversation';
import { TicketActionsBar } from '../ticket/actions';
import { decisionSection, historySection, priorityBadge, slaBadge, statusBadge } from '../ticket/widgets';
import { describeError, h, notice, replaceChildren, time } from '../ui/dom';
import { agentTicketHref } from './routes';
import { KbTicketPanel } from '../selfservice/kb-agent';
import { ProgressView } from '../selfservice/progress';
import { StructurePanel, splitTool } from './ticket-structure';
import { TimePanel } from './time-panel';
import { ProblemIncidentsPanel, TicketCisPanel } from '../assets/ticket-cis';
import { label, t as tr } from '../i18n';

const LEVELS = ['LOW', 'MEDIUM', 'HIGH'];

/**
 * A ticket as an agent works on it: facts with the SLA, why the rules decided so (with reasons and the rule-set
 * version), related tickets, where its process stands, impact and urgency to change, the conversation with
 * internal notes, and the audit history.
 */
export class AgentTicketView {
  readonly element: HTMLElement;
  private readonly body = h('div', { class: 'ticket-detail-body' });
  private readonly heading = h('h2', { id: 'agent-ticket-heading', tabindex: '-1' }, tr('ticket.heading'));
  private ticket: TicketDetail | null = null;
  // The agent's day (issue 11): split an article, merge and link, work time.
  private readonly conversation = new Conversation(true, undefined, splitTool(() => this.ticket?.id ?? null, (number, id) => {
    replaceChildren(this.splitStatus, h('div', { class: 'alert alert-success', role: 'status', 'data-split-into': number },
      tr('structure.splitDone', { number }), ' ', h('a', { href: agentTicketHref(id), class: 'alert-link' }, tr('common.open'))));
  }));
  private readonly splitStatus = h('div', { class: 'split-status', 'aria-live': 'polite' });
  private readonly structure = new StructurePanel((id) => void this.show(id, false));
  private readonly time = new TimePanel();
  // The CMDB (issue 13): the ticket's configuration items, each with its other open tickets.
  private readonly cis = new TicketCisPanel();
  private readonly problemIncidents = new ProblemIncidentsPanel();
  // Self-service (issue 10): knowledge-base suggestions and drafts, and the live progress diagram.
  private readonly kb = new KbTicketPanel();
  private readonly progress = new ProgressView();
  private readonly actions = new TicketActionsBar((id) => void this.show(id, false));

  constructor(private readonly headingLevel: 'h2' | 'h3' = 'h2') {
    if (headingLevel === 'h3') this.heading.classList.add('h5');
    this.element = h(
      'section',
      { class: 'panel ticket-detail agent-ticket', 'aria-labelledby': 'agent-ticket-heading' },
      h('div', { class: 'panel-head' }, this.heading),
      this.body,
    );
  }

  async show(id: number | string, focus = true): Promise<void> {
    replaceChildren(this.body, h('p', { class: 'text-body-secondary' }, tr('common.loading')));
    this.element.setAttribute('aria-busy', 'true');
    try {
      const [ticket, history] = await Promise.all([api.ticket(id), api.ticketHistory(id)]);
      this.ticket = ticket;
      this.heading.textContent = `${ticket.number}: ${ticket.subject}`;
      replaceChildren(
        this.body,
        this.facts(ticket),
        this.actions.element,
        ticket.description ? h('div', { class: 'description' }, h('h3', {}, tr('ticket.description')), h('p', {}, ticket.description)) : null,
        ticket.resolution ? h('div', { class: 'resolution' }, h('h3', {}, tr('ticket.resolution')), h('p', {}, ticket.resolution)) : null,
        this.fields(ticket),
        this.reclassify(ticket),
        decisionSection(ticket.decision, true),
        this.related(ticket),
        this.cis.element,
        ticket.type === 'PROBLEM' ? this.problemIncidents.element : null,
        this.structure.element,
        this.time.element,
        this.progress.element,
        this.kb.element,
        this.splitStatus,
        this.conversation.element,
        historySection(history),
      );
      replaceChildren(this.splitStatus);
      this.structure.show(ticket);
      void this.time.show(ticket.id);
      void this.cis.show(ticket.id);
      if (ticket.type === 'PROBLEM') void this.problemIncidents.show(ticket.id);
      void this.progress.show(ticket.id);
      void this.actions.show(ticket.id);
      void this.kb.show(ticket, () => void this.conversation.show(ticket.id));
      await this.conversation.show(ticket.id);
    } catch (error) {
      const text = error instanceof ApiError && error.status === 404
        ? tr('ticket.notInQueues')
        : tr('ticket.loadFailed', { why: describeError(error) });
      replaceChildren(this.body, notice('danger', text));
    } finally {
      this.element.removeAttribute('aria-busy');
      if (focus && this.headingLevel === 'h2') this.heading.focus();
    }
  }

  private facts(t: TicketDetail): HTMLElement {
    const row = (label: string, value: Node | string | null | undefined, key: string) =>
      h('div', { class: 'fact', 'data-field': key }, h('dt', {}, label), h('dd', {}, value || '—'));
    return h(
      'dl',
      { class: 'facts' },
      row(tr('ticket.status'), statusBadge(t.status), 'status'),
      row(tr('ticket.priority'), priorityBadge(t.priority), 'priority'),
      row(tr('ticket.sla'), slaBadge(t.sla?.level), 'sla'),
      row(tr('ticket.queue'), t.queue, 'queue'),
      row(tr('ticket.category'), t.category, 'category'),
      row(tr('ticket.type'), label('ticketType', t.type), 'type'),
      row(tr('ticket.requester'), t.requester, 'requester'),
      row(tr('ticket.assignee'), t.assignee, 'assignee'),
      row(tr('ticket.channel'), t.channel ? label('channel', t.channel) : null, 'channel'),
      row(tr('ticket.responseDue'), t.sla?.responseDue ? time(t.sla.responseDue) : null, 'responseDue'),
      row(tr('ticket.resolutionDue'), t.sla?.resolutionDue ? time(t.sla.resolutionDue) : null, 'resolutionDue'),
      row(tr('ticket.created'), time(t.createdAt), 'createdAt'),
    );
  }

  private fields(t: TicketDetail): HTMLElement | null {
    const entries = Object.entries(t.fields ?? {}).filter(([, v]) => v !== null && v !== '' && v !== undefined);
    if (!entries.length) return null;
    return h(
      'details',
      { class: 'form-fields' },
      h('summary', {}, tr('ticket.formFields')),
      h('dl', { class: 'facts' }, entries.map(([k, v]) => h('div', { class: 'fact', 'data-form-field': k }, h('dt', {}, k), h('dd', {}, fieldText(v))))),
    );
  }

  /** Impact and urgency: the rules decide priority, queue and SLA again from them on the server. */
  private reclassify(t: TicketDetail): HTMLElement {
    const status = h('div', { class: 'reclassify-status', 'aria-live': 'polite' });
    const pick = (name: 'impact' | 'urgency', text: string, value: string | null | undefined) =>
      h(
        'label',
        { class: 'd-flex align-items-center gap-2' },
        h('span', { class: 'small fw-semibold' }, text),
        h('select', { class: 'form-select form-select-sm', name }, LEVELS.map((l) => h('option', { value: l, selected: l === (value ?? 'MEDIUM') }, label('level', l)))),
      );
    const form = h(
      'form',
      {
        class: 'reclassify d-flex flex-wrap align-items-center gap-2',
        onsubmit: async (event: Event) => {
          event.preventDefault();
          const data = new FormData(event.target as HTMLFormElement);
          try {
            const changed = await api.changeTicket(t.id, {
              impact: String(data.get('impact')),
              urgency: String(data.get('urgency')),
              version: this.ticket?.version,
            });
            await this.show(changed.id, false);
            this.element.querySelector('.reclassify-status')?.replaceChildren(notice('success', tr('ticket.decidedAgain', { priority: changed.priority ?? '—', queue: changed.queue ?? '—' })));
          } catch (error) {
            if (error instanceof ApiError && error.status === 409) {
              replaceChildren(
                status,
                h('div', { class: 'alert alert-warning d-flex flex-wrap gap-2 align-items-center', role: 'alert' },
                  tr('ticket.changedMeanwhile', { why: error.message }),
                  h('button', { type: 'button', class: 'btn btn-sm btn-outline-dark', onclick: () => this.show(t.id) }, tr('common.reload'))),
              );
            } else {
              const errors = error instanceof ApiError && error.problem.errors?.length
                ? error.problem.errors.map((e) => `${e.path}: ${e.message}`).join('; ') : describeError(error);
              replaceChildren(status, notice('danger', tr('ticket.notChanged', { why: errors })));
            }
          }
        },
      },
      pick('impact', tr('ticket.impact'), t.impact),
      pick('urgency', tr('ticket.urgency'), t.urgency),
      h('button', { type: 'submit', class: 'btn btn-sm btn-outline-primary' }, tr('ticket.decideAgain')),
    );
    return h('section', { class: 'reclassify-section' }, h('h3', {}, tr('ticket.impactAndUrgency')), form, status);
  }

  private related(t: TicketDetail): HTMLElement | null {
    const link = (l: TicketLink) => h('li', {}, h('a', { href: agentTicketHref(l.ticketId) }, l.number), ` ${label('link', l.type)}`);
    const parts = [
      t.parentId ? h('p', {}, tr('ticket.partOf'), ' ', h('a', { href: agentTicketHref(t.parentId) }, tr('ticket.ticketId', { id: t.parentId }))) : null,
      t.children?.length ? h('div', {}, h('h4', { class: 'h6' }, tr('ticket.subTickets')), h('ul', { class: 'children' }, t.children.map(link))) : null,
      t.links?.length ? h('div', {}, h('h4', { class: 'h6' }, tr('ticket.links')), h('ul', { class: 'links' }, t.links.map(link))) : null,
      t.currentActivities?.length
        ? h('div', {}, h('h4', { class: 'h6' }, tr('ticket.whereProcessStands')), h('ul', { class: 'activities' }, t.currentActivities.map((a) => h('li', { 'data-activity': a.id }, a.name ?? a.id))))
        : null,
    ].filter(Boolean);
    return parts.length ? h('section', { class: 'related' }, h('h3', {}, tr('ticket.related')), parts) : null;
  }
}

/** A Form.io file value (`{storage, name, data: {id}}`): the files themselves are listed with the conversation. */
function isFileList(value: unknown): value is { name?: unknown; originalName?: unknown }[] {
  return Array.isArray(value) && value.length > 0
    && value.every((item) => item !== null && typeof item === 'object' && 'storage' in item);
}

function fieldText(value: unknown): string {
  if (isFileList(value)) return value.map((file) => String(file.originalName ?? file.name ?? '')).join(', ');
  if (Array.isArray(value) && value.length === 0) return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
