import { admin } from '../api/admin';
import type { AdminGroup, GrantedRole, GroupDetail } from '../api/admin';
import { h, notice, replaceChildren } from '../ui/dom';
import { t } from '../i18n';
import type { AdminSection } from './parts';
import { failure, field, ROLES, roleLabel, table } from './parts';

/**
 * `#/admin/groups`: groups and the role each grants (its type, the one way roles are given), their members.
 */
export class GroupsView implements AdminSection {
  readonly element: HTMLElement;
  private readonly status = h('div', { class: 'admin-status', 'aria-live': 'polite' });
  private readonly list = h('div', { class: 'admin-groups-list' });
  private readonly editor = h('div', { class: 'admin-group-editor' });

  constructor() {
    this.element = h('section', { class: 'panel admin-groups', 'aria-labelledby': 'admin-groups-heading' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'admin-groups-heading' }, t('admin.groups.heading')),
        h('button', { type: 'button', class: 'btn btn-sm btn-primary admin-group-new', onclick: () => this.edit(null) }, t('admin.groups.new'))),
      h('p', { class: 'text-body-secondary small' }, t('admin.groups.intro')), this.status, this.editor, this.list);
  }

  async show(): Promise<void> {
    try {
      const groups = await admin.groups();
      replaceChildren(this.list, table([t('admin.groups.id'), t('admin.groups.name'), t('admin.groups.role'), t('admin.groups.members'), ''],
        groups.map((g) => h('tr', { 'data-group': g.id }, h('td', {}, h('code', {}, g.id)), h('td', {}, g.name), h('td', {}, roleLabel(g.role)),
          h('td', {}, String(g.members)),
          h('td', {}, h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary admin-group-edit', onclick: () => void this.open(g) }, t('admin.edit'))))),
        'admin-groups-table'));
    } catch (error) {
      replaceChildren(this.list, failure(error));
    }
  }

  private async open(group: AdminGroup): Promise<void> {
    try {
      this.edit(await admin.group(group.id));
    } catch (error) {
      replaceChildren(this.status, failure(error));
    }
  }

  private edit(group: GroupDetail | null): void {
    const id = h('input', { type: 'text', value: group?.id ?? '', disabled: !!group });
    const name = h('input', { type: 'text', value: group?.name ?? '' });
    const role = h('select', {}, h('option', { value: '' }, roleLabel(null)),
      ROLES.map((r) => h('option', { value: r, selected: group?.role === r }, roleLabel(r))));
    const news = h('div', { 'aria-live': 'polite' });
    const form = h('form', { class: 'card card-body mb-3 admin-group-form' },
      h('h3', { class: 'h5' }, group ? t('admin.groups.editing', { id: group.id }) : t('admin.groups.new')),
      field(t('admin.groups.id'), id), field(t('admin.groups.name'), name), field(t('admin.groups.role'), role, t('admin.groups.roleHint')),
      h('div', { class: 'd-flex gap-2' }, h('button', { type: 'submit', class: 'btn btn-sm btn-primary' }, t('admin.save')),
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', onclick: () => replaceChildren(this.editor) }, t('admin.cancel'))),
      group ? this.members(group, news) : null, news);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const granted = (role.value || null) as GrantedRole | null;
      try {
        const saved = group ? await admin.updateGroup(group.id, name.value.trim(), granted)
          : await admin.createGroup(id.value.trim(), name.value.trim(), granted);
        replaceChildren(this.editor);
        replaceChildren(this.status, notice('success', t('admin.groups.saved', { id: saved.id })));
        await this.show();
      } catch (error) {
        replaceChildren(news, failure(error));
      }
    });
    replaceChildren(this.editor, form);
  }

  private members(group: GroupDetail, news: HTMLElement): HTMLElement {
    const userId = h('input', { type: 'text', class: 'form-control form-control-sm', 'aria-label': t('admin.groups.memberId') });
    const change = async (run: () => Promise<GroupDetail>) => {
      try {
        this.edit(await run());
        await this.show();
      } catch (error) {
        replaceChildren(news, failure(error));
      }
    };
    return h('div', { class: 'border-top mt-3 pt-2' }, h('h4', { class: 'h6' }, t('admin.groups.members')),
      group.members.length
        ? h('ul', { class: 'list-unstyled admin-group-members' }, group.members.map((m) => h('li', { 'data-member': m.id }, `${m.name} (${m.id}) `,
          h('button', { type: 'button', class: 'btn btn-sm btn-link text-danger p-0', onclick: () => void change(() => admin.removeMember(group.id, m.id)) }, t('admin.groups.remove')))))
        : h('p', { class: 'text-body-secondary' }, t('admin.groups.noMembers')),
      h('div', { class: 'input-group input-group-sm w-auto' }, userId,
        h('button', { type: 'button', class: 'btn btn-outline-primary', onclick: () => void change(() => admin.addMember(group.id, userId.value.trim())) }, t('admin.groups.add'))));
  }
}
