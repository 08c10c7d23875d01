import { calendars, WEEKDAYS } from '../api/calendars';
import type { BusinessCalendar, CalendarDraft, Hours, Weekday } from '../api/calendars';
import { describeError, h, notice, replaceChildren } from '../ui/dom';
import { t } from '../i18n';

/**
 * Business calendars (issue 11 part 6): working hours per weekday, holidays, time zone and the queues whose SLA
 * deadlines they measure. The list, and a form for a new or the selected calendar; the server checks every field
 * (a 400 names it) and the version (a 409 when someone saved meanwhile).
 */
export class CalendarsView {
  readonly element: HTMLElement;
  private readonly list = h('tbody', { 'data-testid': 'calendar-list' });
  private readonly status = h('div', { 'aria-live': 'polite' });
  private readonly name = h('input', { class: 'form-control form-control-sm', name: 'name', required: true, maxlength: 64 });
  private readonly zone = h('input', { class: 'form-control form-control-sm', name: 'timeZone', value: 'Europe/Berlin' });
  private readonly holidays = h('textarea', { class: 'form-control form-control-sm', name: 'holidays', rows: 4 });
  private readonly queues = h('input', { class: 'form-control form-control-sm', name: 'queues' });
  private readonly days = new Map<Weekday, { start: HTMLInputElement; end: HTMLInputElement }>();
  private readonly deleteButton = h('button', { type: 'button', class: 'btn btn-sm btn-outline-danger', 'data-action': 'delete-calendar', disabled: true, onclick: () => void this.remove() }, t('calendars.delete'));
  private selected: BusinessCalendar | null = null;

  constructor() {
    const rows = WEEKDAYS.map((day) => {
      const start = h('input', { type: 'time', class: 'form-control form-control-sm', name: `${day}.start`, 'aria-label': t('calendars.start') });
      const end = h('input', { type: 'time', class: 'form-control form-control-sm', name: `${day}.end`, 'aria-label': t('calendars.end') });
      this.days.set(day, { start, end });
      return h('tr', {}, h('th', { scope: 'row' }, t(`calendars.day.${day}`)), h('td', {}, start), h('td', {}, end));
    });
    const form = h('form', { class: 'calendar-form', 'data-testid': 'calendar-form', onsubmit: (e: Event) => { e.preventDefault(); void this.save(); } },
      h('div', { class: 'row g-2' },
        h('label', { class: 'col-md-6 form-label small' }, t('calendars.name'), this.name),
        h('label', { class: 'col-md-6 form-label small' }, t('calendars.timeZone'), this.zone)),
      h('table', { class: 'table table-sm small my-2' },
        h('thead', {}, h('tr', {}, h('th', {}, t('calendars.weekday')), h('th', {}, t('calendars.start')), h('th', {}, t('calendars.end')))),
        h('tbody', {}, rows)),
      h('p', { class: 'small text-body-secondary' }, t('calendars.closedHint')),
      h('label', { class: 'form-label small d-block' }, t('calendars.holidays'), this.holidays),
      h('label', { class: 'form-label small d-block' }, t('calendars.queues'), this.queues),
      h('div', { class: 'd-flex gap-2 mt-2' },
        h('button', { type: 'submit', class: 'btn btn-sm btn-primary', 'data-action': 'save-calendar' }, t('calendars.save')),
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', 'data-action': 'new-calendar', onclick: () => this.edit(null) }, t('calendars.new')),
        this.deleteButton));
    this.element = h('section', { class: 'panel calendars', 'aria-labelledby': 'calendars-heading' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'calendars-heading', tabindex: '-1' }, t('calendars.heading'))),
      h('p', { class: 'small text-body-secondary' }, t('calendars.intro')),
      h('table', { class: 'table table-sm small' },
        h('thead', {}, h('tr', {}, h('th', {}, t('calendars.name')), h('th', {}, t('calendars.timeZone')), h('th', {}, t('calendars.queues')), h('th', {}, t('calendars.holidays')))),
        this.list),
      this.status,
      form);
  }

  async show(): Promise<void> {
    replaceChildren(this.status);
    await this.load();
  }

  private async load(selectId?: number): Promise<void> {
    let all: BusinessCalendar[];
    try {
      all = await calendars.list();
    } catch (error) {
      replaceChildren(this.status, notice('danger', describeError(error)));
      return;
    }
    replaceChildren(this.list, all.length ? all.map((c) => h('tr', { 'data-calendar': c.name },
      h('td', {}, h('a', { href: '#', onclick: (e: Event) => { e.preventDefault(); this.edit(c); } }, c.name)),
      h('td', {}, c.timeZone), h('td', {}, c.queues.join(', ')), h('td', {}, String(c.holidays.length))))
      : h('tr', {}, h('td', { colspan: 4, class: 'text-body-secondary' }, t('calendars.none'))));
    this.edit(all.find((c) => c.id === selectId) ?? null);
  }

  private edit(calendar: BusinessCalendar | null): void {
    this.selected = calendar;
    this.deleteButton.disabled = calendar === null;
    this.name.value = calendar?.name ?? '';
    this.zone.value = calendar?.timeZone ?? 'Europe/Berlin';
    for (const [day, inputs] of this.days) {
      const hours = calendar ? calendar.hours[day] : ['SATURDAY', 'SUNDAY'].includes(day) ? undefined : { start: '08:00', end: '18:00' };
      inputs.start.value = hours?.start ?? '';
      inputs.end.value = hours?.end ?? '';
    }
    this.holidays.value = (calendar?.holidays ?? []).join('\n');
    this.queues.value = (calendar?.queues ?? []).join(', ');
  }

  private draft(): CalendarDraft {
    const hours: Partial<Record<Weekday, Hours>> = {};
    for (const [day, inputs] of this.days) {
      if (inputs.start.value || inputs.end.value) hours[day] = { start: inputs.start.value, end: inputs.end.value };
    }
    const list = (text: string, separator: RegExp) => text.split(separator).map((s) => s.trim()).filter(Boolean);
    return {
      name: this.name.value.trim(),
      timeZone: this.zone.value.trim(),
      hours,
      holidays: list(this.holidays.value, /[\n,]/),
      queues: list(this.queues.value, /,/),
      version: this.selected?.version,
    };
  }

  private async save(): Promise<void> {
    try {
      const saved = this.selected ? await calendars.update(this.selected.id, this.draft()) : await calendars.create(this.draft());
      await this.load(saved.id);
      replaceChildren(this.status, notice('success', t('calendars.saved', { name: saved.name })));
    } catch (error) {
      replaceChildren(this.status, notice('danger', describeError(error)));
    }
  }

  private async remove(): Promise<void> {
    if (!this.selected || !confirm(t('calendars.confirmDelete', { name: this.selected.name }))) return;
    try {
      await calendars.remove(this.selected.id);
      await this.load();
      replaceChildren(this.status, notice('success', t('calendars.deleted')));
    } catch (error) {
      replaceChildren(this.status, notice('danger', describeError(error)));
    }
  }
}
