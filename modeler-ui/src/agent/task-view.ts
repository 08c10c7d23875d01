import { api, ApiError } from '../api';
import type { Me, Task } from '../api';
import { describeError, h, notice, replaceChildren, time } from '../ui/dom';
import { ServerForm } from '../ui/server-form';
import { inboxHref } from './routes';
import { AgentTicketView } from './ticket-view';
import { AssignPanel } from './assign';
import { t } from '../i18n';

/**
 * One open task: who holds it, its Form.io form (filled with the values the process has) and, below, its ticket.
 * Completing sends `{data}`; the engine validates against the form version pinned to the task, answering 400 with
 * field paths (shown at the fields) or 409 when the task is gone or someone else holds it.
 */
export class TaskView {
  readonly element: HTMLElement;
  private readonly head = h('div', { class: 'task-head' });
  private readonly status = h('div', { class: 'task-status', 'aria-live': 'polite' });
  private readonly heading = h('h2', { id: 'task-heading', tabindex: '-1' }, t('task.heading'));
  private readonly ticket = new AgentTicketView('h3');
  private form: ServerForm<void> | null = null;
  private readonly formHost = h('div', { class: 'task-form' });
  private taskId = '';
  // handed on: load the task again (if it went to a group the agent is not in, the page says it is gone)
  private readonly assign = new AssignPanel((task, done) => {
    void this.show(task.id).then(() => replaceChildren(this.status, notice('success', done)));
  });

  constructor(private readonly me: Me) {
    this.element = h(
      'div',
      { class: 'task-view' },
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'task-heading' },
        h('div', { class: 'panel-head' }, this.heading, h('a', { href: inboxHref('mine'), class: 'btn btn-sm btn-outline-secondary back' }, t('agent.backToInbox'))),
        this.head,
        this.status,
        this.formHost,
      ),
      this.ticket.element,
    );
  }

  async show(taskId: string): Promise<void> {
    this.taskId = taskId;
    this.form?.destroy();
    replaceChildren(this.status);
    replaceChildren(this.head, h('p', { class: 'text-body-secondary' }, t('common.loading')));
    replaceChildren(this.formHost);
    this.ticket.element.hidden = true;
    let task: Task;
    try {
      task = await api.task(taskId);
    } catch (error) {
      this.heading.textContent = t('task.heading');
      // 404 covers a completed task and one the caller may not work on: the server does not say which.
      replaceChildren(this.head, error instanceof ApiError && error.status === 404
        ? notice('info', t('task.gone'))
        : notice('danger', t('task.loadFailed', { why: describeError(error) })));
      return;
    }
    if (this.taskId !== taskId) return; // another task was opened meanwhile
    this.renderHead(task);
    this.heading.focus();
    if (task.ticket) {
      this.ticket.element.hidden = false;
      void this.ticket.show(task.ticket.id, false);
    }
    await this.loadForm(task);
  }

  private renderHead(task: Task): void {
    this.heading.textContent = task.ticket ? `${task.name}: ${task.ticket.number}` : task.name;
    const mine = task.assignee === this.me.id;
    const button = task.assignee
      ? mine
        ? h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', 'data-action': 'unclaim', onclick: () => this.act('unclaim') }, t('task.unclaim'))
        : null
      : h('button', { type: 'button', class: 'btn btn-sm btn-primary', 'data-action': 'claim', onclick: () => this.act('claim') }, t('task.claim'));
    replaceChildren(
      this.head,
      h(
        'div',
        { class: 'd-flex flex-wrap align-items-center gap-3 mb-2' },
        h('span', { 'data-field': 'task-assignee' }, task.assignee
          ? (task.assignee === this.me.id ? t('task.assignedToYou') : t('task.assignedTo', { user: task.assignee }))
          : t('task.notClaimedYet')),
        task.candidateGroups.length ? h('span', { class: 'text-body-secondary' }, t('task.forGroups', { groups: task.candidateGroups.join(', ') })) : null,
        task.due ? h('span', {}, t('task.due'), ' ', time(task.due)) : null,
        button,
      ),
      task.assignee && !mine ? notice('info', t('task.heldByOther', { user: task.assignee })) : null,
      this.assign.element,
    );
    this.assign.show(task);
  }

  private async act(action: 'claim' | 'unclaim'): Promise<void> {
    try {
      const task = await (action === 'claim' ? api.claim(this.taskId) : api.unclaim(this.taskId));
      replaceChildren(this.status);
      this.renderHead(task);
    } catch (error) {
      replaceChildren(this.status, notice('danger', error instanceof ApiError ? error.message : describeError(error)));
    }
  }

  private async loadForm(task: Task): Promise<void> {
    const form = new ServerForm<void>(
      (data) => api.completeTask(task.id, data),
      () => {
        form.destroy();
        replaceChildren(
          this.formHost,
          h('div', { class: 'alert alert-success', role: 'status', 'data-testid': 'task-completed' },
            t('task.completed', { name: task.name }), ' ', h('a', { href: inboxHref('mine'), class: 'alert-link' }, t('agent.backToInbox'))),
        );
        if (task.ticket) void this.ticket.show(task.ticket.id, false);
      },
    );
    this.form = form;
    replaceChildren(this.formHost, form.element);
    form.loading();
    try {
      const taskForm = await api.taskForm(task.id);
      await form.render(taskForm.definition, taskForm.data);
    } catch (error) {
      form.failed(t('task.formFailed', { why: describeError(error) }));
    }
  }
}
