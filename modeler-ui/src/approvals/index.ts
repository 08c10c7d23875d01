import { api, ApiError } from '../api';
import type { Me, PendingApproval } from '../api';
import type { AreaView } from '../shell/areas';
import { priorityBadge, statusBadge } from '../ticket/widgets';
import { describeError, h, notice, replaceChildren, time } from '../ui/dom';
import { t as tr, tn } from '../i18n';
import { ticketImpact } from '../assets/ticket-cis';

/**
 * The approver's area: what waits for their decision, and Approve / Reject with a comment. Four-eyes and quorum
 * rules are the server's: a refused decision (403) shows the server's reason, and `mayDecide` / `refusal` from the
 * list only warn ahead.
 */
export function mountApprovals(main: HTMLElement, _me: Me): AreaView {
  const status = h('div', { class: 'approvals-status', 'aria-live': 'polite' });
  const body = h('div', { class: 'approvals-body' });
  const panel = h(
    'section',
    { class: 'panel approvals', 'aria-labelledby': 'approvals-heading' },
    h(
      'div',
      { class: 'panel-head' },
      h('h2', { id: 'approvals-heading' }, tr('approvals.heading')),
      h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', onclick: () => load() }, tr('common.refresh')),
    ),
    status,
    body,
  );
  replaceChildren(main, panel);

  async function load(): Promise<void> {
    panel.setAttribute('aria-busy', 'true');
    try {
      const page = await api.approvals();
      const pending = byTicket(page.items);
      replaceChildren(
        body,
        pending.length
          ? h('ul', { class: 'approval-list list-unstyled' }, pending.map((slots) => card(slots)))
          : h('p', { class: 'text-body-secondary empty' }, tr('approvals.empty')),
        page.total > page.items.length
          ? h('p', { class: 'small text-body-secondary', 'data-testid': 'approvals-more' },
              tr('approvals.more', { shown: page.items.length, total: page.total }))
          : null,
      );
    } catch (error) {
      replaceChildren(
        body,
        error instanceof ApiError && error.status === 404
          ? h('div', { class: 'alert alert-secondary', role: 'status', 'data-testid': 'approvals-unavailable' },
              tr('approvals.unavailable'))
          : notice('danger', tr('approvals.loadFailed', { why: describeError(error) })),
      );
    } finally {
      panel.removeAttribute('aria-busy');
    }
  }

  /**
   * An N-of-M approval is one task per approver slot, all offered to each member of the group: one card per
   * ticket, deciding on a slot the server says this user may take (else the first, so the server says why not).
   */
  function card(slots: PendingApproval[]): HTMLElement {
    const approval = slots.find((s) => s.mayDecide) ?? slots[0];
    const taskId = approval.taskId;
    const t = approval.ticket;
    const comment = h('textarea', { class: 'form-control', rows: 2, name: 'comment', 'aria-label': tr('approvals.comment'), placeholder: tr('approvals.commentPlaceholder') });
    const feedback = h('div', { class: 'approval-feedback', 'aria-live': 'polite' });
    const buttons: HTMLButtonElement[] = [];
    const decide = async (decision: 'APPROVE' | 'REJECT') => {
      replaceChildren(feedback);
      if (decision === 'REJECT' && !comment.value.trim()) {
        replaceChildren(feedback, notice('danger', tr('approvals.sayWhy')));
        comment.focus();
        return;
      }
      buttons.forEach((b) => (b.disabled = true));
      try {
        await api.decide(taskId, decision, comment.value.trim());
        replaceChildren(status, notice('success', tr(decision === 'APPROVE' ? 'approvals.approved' : 'approvals.rejected', { what: t?.number ?? approval.name })));
        await load();
      } catch (error) {
        const text = error instanceof ApiError
          ? error.problem.errors?.length ? error.problem.errors.map((e) => `${e.path}: ${e.message}`).join('; ') : error.message
          : describeError(error);
        replaceChildren(feedback, notice('danger', tr('approvals.notRecorded', { why: text })));
        buttons.forEach((b) => (b.disabled = false));
      }
    };
    buttons.push(
      h('button', { type: 'button', class: 'btn btn-success btn-sm', 'data-action': 'approve', onclick: () => decide('APPROVE') }, tr('approvals.approve')),
      h('button', { type: 'button', class: 'btn btn-outline-danger btn-sm', 'data-action': 'reject', onclick: () => decide('REJECT') }, tr('approvals.reject')),
    );
    const progress = approval.approvalsRequired
      ? tr('approvals.progress', { granted: approval.approvalsGranted, required: approval.approvalsRequired }) +
        (approval.approvalsRejected ? `, ${tr('approvals.rejectedCount', { count: approval.approvalsRejected })}` : '')
      : null;
    // What the change touches, before the vote (issue 13): the impact analysis of the ticket's CIs.
    const impact = h('div', { class: 'approval-impact' });
    if (t) void ticketImpact(t.id).then((section) => replaceChildren(impact, section));
    return h(
      'li',
      { class: 'approval panel', 'data-task-id': taskId, 'data-ticket-number': t?.number ?? '' },
      h('div', { class: 'd-flex flex-wrap gap-2 align-items-baseline' },
        t ? h('strong', {}, t.number) : null,
        h('span', { class: 'subject' }, t?.subject ?? approval.name),
        t?.priority ? priorityBadge(t.priority) : null,
        t?.status ? statusBadge(t.status) : null),
      h('div', { class: 'small text-body-secondary d-flex flex-wrap gap-3 my-1' },
        approval.name ? h('span', {}, approval.name) : null,
        t?.requester ? h('span', {}, tr('approvals.requestedBy', { user: t.requester })) : null,
        approval.approverGroup ? h('span', {}, tr('task.forGroups', { groups: approval.approverGroup })) : null,
        progress ? h('span', {}, progress) : null,
        approval.created ? time(approval.created) : null,
        slots.length > 1 ? h('span', {}, tn('approvals.openVotes', slots.length)) : null),
      !approval.mayDecide && approval.refusal ? notice('info', approval.refusal) : null,
      impact,
      comment,
      h('div', { class: 'd-flex gap-2 my-2' }, buttons),
      feedback,
    );
  }

  function byTicket(pending: PendingApproval[]): PendingApproval[][] {
    const groups = new Map<string, PendingApproval[]>();
    for (const approval of pending) {
      const key = approval.ticket ? `ticket-${approval.ticket.id}` : `task-${approval.taskId}`;
      groups.set(key, [...(groups.get(key) ?? []), approval]);
    }
    return [...groups.values()];
  }

  return {
    route() {
      replaceChildren(status);
      void load();
    },
  };
}
