import { api, ApiError } from '../api';
import type { Person, Task, Team } from '../api';
import { describeError, h, notice, replaceChildren } from '../ui/dom';
import { t } from '../i18n';

/**
 * "Hand over": give the task to a named agent of its groups, or to another group (the ticket moves to that queue).
 * The server checks both (the agent must be a candidate, a held task moves only by its holder or an administrator).
 */
export class AssignPanel {
  readonly element = h('details', { class: 'assign-panel' });
  private readonly status = h('div', { class: 'assign-status', 'aria-live': 'polite' });

  /** `changed`: the task after the hand-over, and the sentence that says what happened. */
  constructor(private readonly changed: (task: Task, done: string) => void) {}

  show(task: Task): void {
    const agent = h('select', { class: 'form-select form-select-sm', name: 'assignee', 'aria-label': t('assign.agent') },
      h('option', { value: '' }, t('common.loading')));
    const group = h('select', { class: 'form-select form-select-sm', name: 'group', 'aria-label': t('assign.group') },
      h('option', { value: '' }, t('common.loading')));
    replaceChildren(
      this.element,
      h('summary', { class: 'small' }, t('assign.heading')),
      h(
        'form',
        { class: 'd-flex flex-wrap align-items-center gap-2 mt-2', 'data-assign': 'agent', onsubmit: (e: Event) => this.submit(e, task, { assignee: agent.value }) },
        agent,
        h('button', { type: 'submit', class: 'btn btn-sm btn-outline-primary' }, t('assign.toAgent')),
      ),
      h(
        'form',
        { class: 'd-flex flex-wrap align-items-center gap-2 mt-2', 'data-assign': 'group', onsubmit: (e: Event) => this.submit(e, task, { group: group.value }) },
        group,
        h('button', { type: 'submit', class: 'btn btn-sm btn-outline-primary' }, t('assign.toGroup')),
      ),
      this.status,
    );
    void this.fill(task, agent, group);
  }

  private async fill(task: Task, agent: HTMLSelectElement, group: HTMLSelectElement): Promise<void> {
    try {
      await fillPeoplePicker(agent, group, task.candidateGroups, task.assignee);
    } catch (error) {
      replaceChildren(this.status, notice('danger', describeError(error)));
    }
  }

  private async submit(event: Event, task: Task, to: { assignee?: string; group?: string }): Promise<void> {
    event.preventDefault();
    if (!to.assignee && !to.group) return;
    try {
      const changed = await api.assignTask(task.id, to);
      replaceChildren(this.status);
      this.changed(changed, to.assignee ? t('assign.doneAgent', { user: to.assignee }) : t('assign.doneGroup', { group: to.group ?? '' }));
    } catch (error) {
      replaceChildren(this.status, notice('danger', error instanceof ApiError ? error.message : describeError(error)));
    }
  }
}

/**
 * The people picker of a hand-over: `agent` offers the members of `groups` (whom the server lets take the work),
 * `group` the other groups. Shared by the task's "Hand over" and the ticket list's bulk assign.
 */
export async function fillPeoplePicker(agent: HTMLSelectElement, group: HTMLSelectElement, groups: string[],
  current: string | null = null): Promise<void> {
  const [members, teams] = await Promise.all([Promise.all(groups.map((g) => api.people('', g))), api.groups()]);
  const people = new Map<string, Person>();
  for (const person of members.flat()) people.set(person.id, person);
  replaceChildren(agent, h('option', { value: '' }, t('assign.pickAgent')),
    [...people.values()].map((p) => h('option', { value: p.id, selected: p.id === current }, `${p.name} (${p.id})`)));
  replaceChildren(group, h('option', { value: '' }, t('assign.pickGroup')),
    teams.filter((g: Team) => !groups.includes(g.id)).map((g) => h('option', { value: g.id }, g.name)));
}
