import { api, ApiError } from '../api';
import type { TimeSheet } from '../api';
import { describeError, h, notice, replaceChildren, time } from '../ui/dom';
import { formatNumber, t } from '../i18n';
import type { MessageKey } from '../i18n';

/** The activity types the engine ships (flowdesk.time.activities); the server refuses others with a 400. */
const ACTIVITIES: [string, MessageKey][] = [
  ['work', 'time.activity.work'],
  ['phone', 'time.activity.phone'],
  ['travel', 'time.activity.travel'],
  ['research', 'time.activity.research'],
  ['meeting', 'time.activity.meeting'],
];
const STOPWATCH_KEY = 'flowdesk.stopwatch.';

/** 95 → "1:35 h" (hours and minutes, as time sheets show them). */
export function hoursAndMinutes(minutes: number): string {
  return t('time.hours', { time: `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}` });
}

/** What a stopwatch measured, in whole minutes: rounded up, and at least one (the server takes 1 … 1440). */
export function measuredMinutes(millis: number): number {
  return Math.max(1, Math.ceil(millis / 60000));
}

/**
 * Work time on a ticket: a stopwatch (start, stop: it posts the measured minutes) or a typed duration, each with an
 * activity and an optional note; below, the entries, the total and its cost where the activity has a rate. The
 * stopwatch's start is kept in the browser (per ticket), so a reload does not lose a running measurement.
 */
export class TimePanel {
  readonly element: HTMLElement;
  private readonly list = h('div', { class: 'time-entries' });
  private readonly status = h('div', { class: 'time-status', 'aria-live': 'polite' });
  private readonly minutes = h('input', { class: 'form-control form-control-sm', type: 'number', min: 1, max: 1440, step: 1, name: 'time-minutes', 'aria-label': t('time.minutes'), placeholder: t('time.minutes') });
  private readonly activity = h('select', { class: 'form-select form-select-sm w-auto', name: 'time-activity', 'aria-label': t('time.activity') },
    ACTIVITIES.map(([value, key]) => h('option', { value }, t(key))));
  private readonly note = h('input', { class: 'form-control form-control-sm', name: 'time-note', maxlength: 1000, 'aria-label': t('time.note'), placeholder: t('time.note') });
  private readonly watch = h('button', { type: 'button', class: 'btn btn-sm btn-outline-success', 'data-action': 'stopwatch', onclick: () => void this.toggle() });
  private readonly elapsed = h('span', { class: 'stopwatch-elapsed font-monospace small', 'aria-live': 'off' });
  private ticketId: number | null = null;
  private timer: number | undefined;

  constructor() {
    this.element = h(
      'section',
      { class: 'time-panel', 'aria-labelledby': 'time-heading' },
      h('h3', { id: 'time-heading' }, t('time.heading')),
      h('form', { class: 'd-flex flex-wrap align-items-center gap-2', onsubmit: (e: Event) => { e.preventDefault(); void this.recordTyped(); } },
        this.watch, this.elapsed,
        h('div', { style: 'width: 7rem' }, this.minutes),
        this.activity,
        h('div', { class: 'flex-grow-1' }, this.note),
        h('button', { type: 'submit', class: 'btn btn-sm btn-outline-primary', 'data-action': 'record-time' }, t('time.record'))),
      this.status,
      this.list,
    );
  }

  async show(ticketId: number): Promise<void> {
    this.ticketId = ticketId;
    replaceChildren(this.status);
    this.drawWatch();
    await this.reload();
  }

  private started(): number | null {
    if (this.ticketId === null) return null;
    const value = Number(window.localStorage.getItem(STOPWATCH_KEY + this.ticketId));
    return value > 0 ? value : null;
  }

  private drawWatch(): void {
    window.clearInterval(this.timer);
    const since = this.started();
    this.watch.replaceChildren(h('i', { class: `bi ${since ? 'bi-stop-circle' : 'bi-play-circle'} me-1`, 'aria-hidden': 'true' }), t(since ? 'time.stop' : 'time.start'));
    this.watch.className = `btn btn-sm ${since ? 'btn-danger' : 'btn-outline-success'}`;
    this.watch.dataset.running = String(Boolean(since));
    const tick = () => {
      const seconds = since ? Math.floor((Date.now() - since) / 1000) : 0;
      this.elapsed.textContent = since ? `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}` : '';
      if (!this.element.isConnected && since === null) window.clearInterval(this.timer);
    };
    tick();
    if (since) this.timer = window.setInterval(tick, 1000);
  }

  private async toggle(): Promise<void> {
    if (this.ticketId === null) return;
    const since = this.started();
    if (!since) {
      window.localStorage.setItem(STOPWATCH_KEY + this.ticketId, String(Date.now()));
      this.drawWatch();
      return;
    }
    if (await this.record(measuredMinutes(Date.now() - since))) {
      window.localStorage.removeItem(STOPWATCH_KEY + this.ticketId);
      this.drawWatch();
    }
  }

  private async recordTyped(): Promise<void> {
    const minutes = Number(this.minutes.value);
    if (!Number.isInteger(minutes) || minutes < 1) {
      replaceChildren(this.status, notice('danger', t('time.minutesRequired')));
      this.minutes.focus();
      return;
    }
    if (await this.record(minutes)) this.minutes.value = '';
  }

  private async record(minutes: number): Promise<boolean> {
    if (this.ticketId === null) return false;
    try {
      const entry = await api.recordTime(this.ticketId, { minutes, activity: this.activity.value, note: this.note.value.trim() || undefined });
      this.note.value = '';
      replaceChildren(this.status, notice('success', t('time.recorded', { time: hoursAndMinutes(entry.minutes) })));
      await this.reload();
      return true;
    } catch (error) {
      const why = error instanceof ApiError && error.problem.errors?.length
        ? error.problem.errors.map((e) => `${e.path}: ${e.message}`).join('; ') : describeError(error);
      replaceChildren(this.status, notice('danger', t('time.notRecorded', { why })));
      return false;
    }
  }

  private async reload(): Promise<void> {
    if (this.ticketId === null) return;
    const id = this.ticketId;
    try {
      const sheet = await api.timeSheet(id);
      if (id === this.ticketId) replaceChildren(this.list, this.sheet(sheet));
    } catch (error) {
      replaceChildren(this.list, notice('danger', t('time.loadFailed', { why: describeError(error) })));
    }
  }

  private sheet(sheet: TimeSheet): HTMLElement {
    const activity = (code: string) => t(ACTIVITIES.find(([value]) => value === code)?.[1] ?? 'time.activityOther');
    const money = (value: number | null) => (value === null || value === undefined ? '—' : formatNumber(value, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
    return h('div', {},
      h('p', { class: 'time-total mb-1', 'data-total-minutes': sheet.totalMinutes },
        h('strong', {}, t('time.total', { time: hoursAndMinutes(sheet.totalMinutes) })),
        sheet.totalCost !== null && sheet.totalCost !== undefined ? ` · ${t('time.cost', { cost: money(sheet.totalCost) })}` : null),
      sheet.entries.length
        ? h('table', { class: 'table table-sm time-table mb-0' },
          h('thead', {}, h('tr', {},
            h('th', { scope: 'col' }, t('time.when')), h('th', { scope: 'col' }, t('time.agent')), h('th', { scope: 'col' }, t('time.activity')),
            h('th', { scope: 'col', class: 'text-end' }, t('time.minutes')), h('th', { scope: 'col', class: 'text-end' }, t('time.costColumn')), h('th', { scope: 'col' }, t('time.note')))),
          h('tbody', {}, sheet.entries.map((e) => h('tr', { 'data-time-entry': e.id, 'data-minutes': e.minutes },
            h('td', {}, time(e.workedAt)), h('td', {}, e.agent), h('td', {}, activity(e.activity)),
            h('td', { class: 'text-end' }, formatNumber(e.minutes)), h('td', { class: 'text-end' }, money(e.cost)), h('td', {}, e.note ?? '')))))
        : h('p', { class: 'text-body-secondary small mb-0' }, t('time.none')),
    );
  }
}
