import type { Decision, HistoryEvent } from '../api';
import { h, time } from '../ui/dom';
import { label, t } from '../i18n';

/** Ticket pieces that more than one area shows (portal, agent): badges, the rules that decided, the history. */

export function slaBadge(level: string | null | undefined): HTMLElement | null {
  if (!level) return null;
  const key = level.toUpperCase();
  const text = label('sla', key);
  return h('span', { class: `sla sla-${key.toLowerCase()}`, 'data-sla': key, title: text }, text);
}

export function statusBadge(status: string): HTMLElement {
  // In words from the catalogue ("WAITING APPROVAL", "WARTET AUF GENEHMIGUNG"), which may wrap in a narrow column.
  return h('span', { class: `status status-${status.toLowerCase()}`, 'data-status': status }, label('status', status).replace(/_/g, ' '));
}

export function priorityBadge(priority: string | null | undefined): HTMLElement {
  return h('span', { class: `prio prio-${(priority ?? 'none').toLowerCase()}` }, priority ?? '—');
}

export function decisionSection(decision: Decision | null | undefined, withReasons: boolean): HTMLElement | null {
  const rules = decision?.rulesFired ?? [];
  if (!rules.length) return null;
  return h(
    'section',
    { class: 'decision', 'aria-labelledby': 'decision-heading' },
    h(
      'h3',
      { id: 'decision-heading' },
      t('decision.heading'),
      withReasons && decision?.ruleSetVersion != null
        ? h('small', { class: 'text-body-secondary ms-2', 'data-testid': 'rule-set-version' }, t('decision.ruleSet', { version: decision.ruleSetVersion }))
        : null,
    ),
    h(
      'ul',
      {},
      rules.map((rule) =>
        h('li', {}, rule.name, withReasons && rule.reason ? h('div', { class: 'reason' }, rule.reason) : null),
      ),
    ),
  );
}

export function historySection(events: HistoryEvent[]): HTMLElement {
  return h(
    'section',
    { class: 'history', 'aria-labelledby': 'history-heading' },
    h('h3', { id: 'history-heading' }, t('history.heading')),
    events.length
      ? h(
          'ol',
          { class: 'history-list' },
          events.map((e) =>
            h(
              'li',
              { 'data-event-type': e.type },
              time(e.at),
              ' ',
              h('strong', {}, label('event', e.type)),
              e.actor ? ` ${t('history.by', { actor: e.actor })}` : '',
              e.detail ? h('div', { class: 'detail' }, e.detail) : null,
              change(e.before, e.after),
            ),
          ),
        )
      : h('p', { class: 'text-body-secondary' }, t('history.empty')),
  );
}

function change(before: unknown, after: unknown): HTMLElement | null {
  if (before == null && after == null) return null;
  const text = (v: unknown) => (v == null ? '—' : typeof v === 'object' ? JSON.stringify(v, null, 1) : String(v));
  return h('details', { class: 'detail change' }, h('summary', {}, t('history.data')), h('pre', {}, text(before), ' → ', text(after)));
}
