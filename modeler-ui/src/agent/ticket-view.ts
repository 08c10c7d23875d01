import { api, ApiError } from '../api';
import type { TicketDetail, TicketLink, TicketPresence } from '../api';
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
import { LivePoll } from '../ui/live';
import { label, t as tr } from '../i18n';

const LEVELS = ['LOW', 'MEDIUM', 'HIGH'];
/** How often the open page asks whether the ticket changed, and reports that the agent still has it open. */
const POLL_MS = 5000;
const HEARTBEAT_MS = 10000;

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

  // Live updates and collision detection (issue 11): the page polls the ticket with its entity tag and redraws the
  // facts, related tickets, conversation and history in place (what the agent is typing stays); a heartbeat tells
  // the server the agent has it open and shows who else has, and who claimed it.
  private etag: string | null = null;
  private readonly presence = h('div', { class: 'presence', 'data-testid': 'presence', 'aria-live': 'polite' });
  private factsElement: HTMLElement | null = null;
  private relatedElement: HTMLElement | null = null;
  private historyElement: HTMLElement | null = null;
  /** Someone else's claim seen while the page was open: said as "claimed", not only "holds". */
  private claimedWhileOpen = false;
  private readonly poll = new LivePoll(POLL_MS, () => this.pollOnce(), () => this.element.isConnected && this.ticket !== null);
  private readonly heartbeat = new LivePoll(HEARTBEAT_MS, () => this.report(), () => this.stillOpen());

  constructor(private readonly headingLevel: 'h2' | 'h3' = 'h2', private me: string | null = null) {
    if (headingLevel === 'h3') this.heading.classList.add('h5');
    this.element = h(
      'section',
      { class: 'panel ticket-detail agent-ticket', 'aria-labelledby': 'agent-ticket-heading' },
      h('div', { class: 'panel-head' }, this.heading),
      this.body,
    );
  }

  async show(id: number | string, focus = true): Promise<void> {
    if (this.ticket && String(this.ticket.id) !== String(id)) void api.leftTicket(this.ticket.id).catch(() => undefined);
    if (!this.ticket || String(this.ticket.id) !== String(id)) {
      this.claimedWhileOpen = false;
      replaceChildren(this.presence);
    }
    this.ticket = null;
    replaceChildren(this.body, h('p', { class: 'text-body-secondary' }, tr('common.loading')));
    this.element.setAttribute('aria-busy', 'true');
    try {
      const [polled, history] = await Promise.all([api.pollTicket(id, null), api.ticketHistory(id)]);
      if (!polled.changed) return;
      const ticket = polled.value;
      this.etag = polled.etag;
      this.ticket = ticket;
      this.heading.textContent = `${ticket.number}: ${ticket.subject}`;
      this.factsElement = this.facts(ticket);
      this.relatedElement = this.related(ticket) ?? h('div', { hidden: true });
      this.historyElement = historySection(history);
      replaceChildren(
        this.body,
        this.presence,
        this.factsElement,
        this.actions.element,
        ticket.description ? h('div', { class: 'description' }, h('h3', {}, tr('ticket.description')), h('p', {}, ticket.description)) : null,
        ticket.resolution ? h('div', { class: 'resolution' }, h('h3', {}, tr('ticket.resolution')), h('p', {}, ticket.resolution)) : null,
        this.fields(ticket),
        this.reclassify(ticket),
        decisionSection(ticket.decision, true),
        this.relatedElement,
        this.cis.element,
        ticket.type === 'PROBLEM' ? this.problemIncidents.element : null,
        this.structure.element,
        this.time.element,
        this.progress.element,
        this.kb.element,
        this.splitStatus,
        this.conversation.element,
        this.historyElement,
      );
      replaceChildren(this.splitStatus);
      this.structure.show(ticket);
      void this.time.show(ticket.id);
      void this.cis.show(ticket.id);
      if (ticket.type === 'PROBLEM') void this.problemIncidents.show(ticket.id);
      void this.progress.show(ticket.id);
      void this.actions.show(ticket.id);
      void this.kb.show(ticket, () => void this.conversation.show(ticket.id));
      this.poll.start();
      this.heartbeat.start();
      void this.report();
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

  /**
   * The live update: a 304 changes nothing; a changed ticket redraws its facts, related tickets, history and
   * conversation list in place, and a claim by another agent is announced at once.
   */
  private async pollOnce(): Promise<void> {
    const current = this.ticket;
    if (!current) return;
    const polled = await api.pollTicket(current.id, this.etag);
    if (!polled.changed || this.ticket !== current) return;
    const ticket = polled.value;
    this.etag = polled.etag;
    this.ticket = ticket;
    this.heading.textContent = `${ticket.number}: ${ticket.subject}`;
    const facts = this.facts(ticket);
    this.factsElement?.replaceWith(facts);
    this.factsElement = facts;
    const related = this.related(ticket) ?? h('div', { hidden: true });
    this.relatedElement?.replaceWith(related);
    this.relatedElement = related;
    if (ticket.assignee && ticket.assignee !== current.assignee && ticket.assignee !== this.me) this.claimedWhileOpen = true;
    if (ticket.status !== current.status || ticket.assignee !== current.assignee) void this.actions.show(ticket.id);
    void this.report();
    void this.conversation.show(ticket.id);
    try {
      const history = historySection(await api.ticketHistory(ticket.id));
      if (this.ticket !== ticket) return;
      this.historyElement?.replaceWith(history);
      this.historyElement = history;
    } catch {
      // the history stays as it was; the next change draws it again
    }
  }

  /** Whether the page is still on the screen; once it is gone, the server hears at once that the agent left. */
  private stillOpen(): boolean {
    if (this.ticket && !this.element.isConnected) {
      void api.leftTicket(this.ticket.id).catch(() => undefined);
      this.ticket = null;
    }
    return this.ticket !== null;
  }

  /** The heartbeat: the agent has the ticket open; shows who else has and who holds it. */
  private async report(): Promise<void> {
    const ticket = this.ticket;
    if (!ticket) return;
    if (this.me === null) this.me = (await api.me()).id;
    const presence: TicketPresence = await api.viewingTicket(ticket.id);
    if (this.ticket?.id !== ticket.id) return;
    const holder = presence.assignee && presence.assignee !== this.me ? presence.assignee : null;
    replaceChildren(
      this.presence,
      holder ? h('div', { class: 'alert alert-warning py-1 px-2 mb-2 small', role: 'status', 'data-claimed-by': holder },
        h('i', { class: 'bi bi-lock me-1', 'aria-hidden': 'true' }),
        tr(this.claimedWhileOpen ? 'live.claimed' : 'live.holds', { user: holder })) : null,
      presence.viewers.map((viewer) => h('div', { class: 'alert alert-info py-1 px-2 mb-2 small', role: 'status', 'data-viewer': viewer.user },
        h('i', { class: 'bi bi-eye me-1', 'aria-hidden': 'true' }), tr('live.viewing', { user: viewer.user }))),
    );
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
