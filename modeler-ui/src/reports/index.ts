import {
  BarController, BarElement, CategoryScale, Chart, DoughnutController, Legend, LinearScale, LineController,
  LineElement, PointElement, Tooltip, ArcElement,
} from 'chart.js';
import { api } from '../api';
import type { Me, ReportCount, ReportOverview, ReportRatingGroup } from '../api';
import type { AreaView } from '../shell/areas';
import { describeError, h, notice, replaceChildren } from '../ui/dom';
import { formatNumber, label, t } from '../i18n';
import type { MessageKey } from '../i18n';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement,
  DoughnutController, ArcElement, Legend, Tooltip);

const iso = (date: Date) => date.toISOString().slice(0, 10);
const percent = (value: number | null) => (value === null ? '—' : formatNumber(value, { style: 'percent', maximumFractionDigits: 1 }));
const minutes = (value: number | null) => (value === null ? '—' : t('reports.minutes', { n: formatNumber(Math.round(value)) }));

/**
 * The dashboard: the period's figures as tiles and charts (Chart.js), with the same figures as CSV. Everything is
 * computed by the server from SQL aggregates in the reader's scope; the page only draws what it gets.
 */
export function mountReports(main: HTMLElement, _me: Me): AreaView {
  const today = new Date();
  const from = h('input', { type: 'date', class: 'form-control form-control-sm', name: 'from', value: iso(new Date(today.getTime() - 30 * 86400000)) });
  const to = h('input', { type: 'date', class: 'form-control form-control-sm', name: 'to', value: iso(new Date(today.getTime() + 86400000)) });
  const queue = h('input', { type: 'text', class: 'form-control form-control-sm', name: 'queue', placeholder: t('reports.allQueues') });
  const csv = h('a', { class: 'btn btn-sm btn-outline-secondary', 'data-testid': 'report-csv', download: '' }, t('reports.csv'));
  const status = h('div', { class: 'reports-status', 'aria-live': 'polite' });
  const body = h('div', { class: 'reports-body' });
  let charts: Chart[] = [];

  const load = async () => {
    csv.setAttribute('href', api.reportCsvHref(from.value, to.value, queue.value.trim() || undefined));
    replaceChildren(status, h('p', { class: 'text-body-secondary' }, t('common.loading')));
    try {
      const report = await api.reportOverview(from.value, to.value, queue.value.trim() || undefined);
      charts.forEach((c) => c.destroy());
      charts = [];
      replaceChildren(status);
      replaceChildren(body, tiles(report), chartsGrid(report, (c) => charts.push(c)), ratingTables(report));
    } catch (error) {
      replaceChildren(status, notice('danger', t('reports.failed', { why: describeError(error) })));
    }
  };

  replaceChildren(
    main,
    h(
      'section',
      { class: 'panel reports', 'aria-labelledby': 'reports-heading' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'reports-heading' }, t('reports.heading'))),
      h(
        'form',
        { class: 'd-flex flex-wrap align-items-end gap-2 mb-3', onsubmit: (e: Event) => { e.preventDefault(); void load(); } },
        h('label', { class: 'small' }, t('reports.from'), from),
        h('label', { class: 'small' }, t('reports.to'), to),
        h('label', { class: 'small' }, t('reports.queue'), queue),
        h('button', { type: 'submit', class: 'btn btn-sm btn-primary' }, t('reports.show')),
        csv,
      ),
      status,
      body,
    ),
  );
  void load();
  return {
    route() {},
    dispose() {
      charts.forEach((c) => c.destroy());
    },
  };
}

function tiles(r: ReportOverview): HTMLElement {
  const tile = (key: MessageKey, value: string, name: string) =>
    h('div', { class: 'report-tile', 'data-figure': name }, h('div', { class: 'small text-body-secondary' }, t(key)), h('div', { class: 'fs-4 fw-semibold' }, value));
  const tt = r.totals;
  return h(
    'div',
    { class: 'report-tiles' },
    tile('reports.created', formatNumber(tt.created), 'created'),
    tile('reports.resolved', formatNumber(tt.resolved), 'resolved'),
    tile('reports.backlog', formatNumber(r.backlog.total), 'backlog'),
    tile('reports.responseCompliance', percent(tt.responseCompliance), 'responseCompliance'),
    tile('reports.resolutionCompliance', percent(tt.resolutionCompliance), 'resolutionCompliance'),
    tile('reports.meanResponse', minutes(tt.meanResponseMinutes), 'meanResponse'),
    tile('reports.meanResolution', minutes(tt.meanResolutionMinutes), 'meanResolution'),
    tile('reports.reopenRate', percent(tt.reopenRate), 'reopenRate'),
    tile('reports.firstContact', percent(tt.firstContactRate), 'firstContact'),
    tile('reports.satisfaction', r.satisfaction.mean === null ? '—' : t('reports.stars', { mean: formatNumber(r.satisfaction.mean), count: formatNumber(r.satisfaction.count) }), 'satisfaction'),
  );
}

function chartsGrid(r: ReportOverview, keep: (chart: Chart) => void): HTMLElement {
  const COLORS = ['#0d6efd', '#198754', '#ffc107', '#dc3545', '#6f42c1', '#20c997', '#fd7e14', '#6c757d'];
  const card = (key: MessageKey, name: string, draw: (canvas: HTMLCanvasElement) => Chart) => {
    const canvas = h('canvas', { role: 'img', 'aria-label': t(key) });
    const element = h('figure', { class: 'report-chart', 'data-chart': name }, h('figcaption', { class: 'small fw-semibold' }, t(key)), h('div', { class: 'report-canvas' }, canvas));
    queueMicrotask(() => keep(draw(canvas)));
    return element;
  };
  const bars = (counts: ReportCount[], labelOf: (key: string) => string = (k) => k) => (canvas: HTMLCanvasElement) => new Chart(canvas, {
    type: 'bar',
    data: { labels: counts.map((c) => labelOf(c.key)), datasets: [{ label: t('reports.tickets'), data: counts.map((c) => c.count), backgroundColor: COLORS[0] }] },
    options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } } },
  });
  const sla = (canvas: HTMLCanvasElement) => new Chart(canvas, {
    type: 'bar',
    data: {
      labels: r.sla.map((row) => `${row.queue} ${row.priority}`),
      datasets: [
        { label: t('reports.met'), data: r.sla.map((row) => row.resolutionMet), backgroundColor: COLORS[1] },
        { label: t('reports.breached'), data: r.sla.map((row) => row.resolutionBreached), backgroundColor: COLORS[3] },
        { label: t('reports.pending'), data: r.sla.map((row) => row.resolutionPending), backgroundColor: COLORS[7] },
      ],
    },
    options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { x: { stacked: true }, y: { stacked: true } } },
  });
  const trend = (canvas: HTMLCanvasElement) => new Chart(canvas, {
    type: 'line',
    data: { labels: r.byDay.map((c) => c.key), datasets: [{ label: t('reports.tickets'), data: r.byDay.map((c) => c.count), borderColor: COLORS[0] }] },
    options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } } },
  });
  const channels = (canvas: HTMLCanvasElement) => new Chart(canvas, {
    type: 'doughnut',
    data: { labels: r.byChannel.map((c) => label('channel', c.key)), datasets: [{ data: r.byChannel.map((c) => c.count), backgroundColor: COLORS }] },
    options: { responsive: true, maintainAspectRatio: false, animation: false },
  });
  return h(
    'div',
    { class: 'report-charts' },
    card('reports.chart.volume', 'volume', trend),
    card('reports.chart.sla', 'sla', sla),
    card('reports.chart.category', 'category', bars(r.byCategory)),
    card('reports.chart.channel', 'channel', channels),
    card('reports.chart.backlog', 'backlog', bars(r.backlog.byAge)),
    card('reports.chart.satisfaction', 'satisfaction', bars(r.satisfaction.byScore)),
  );
}

/** Satisfaction per agent (who had the ticket when it was rated) and per queue: count and mean of the ratings. */
function ratingTables(r: ReportOverview): HTMLElement {
  const table = (heading: MessageKey, name: string, rows: ReportRatingGroup[]) =>
    h(
      'div',
      { class: 'report-card', 'data-ratings': name },
      h('h3', { class: 'h6' }, t(heading)),
      rows.length === 0
        ? h('p', { class: 'text-body-secondary small' }, t('reports.noRatings'))
        : h(
          'table',
          { class: 'table table-sm' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t(name === 'agent' ? 'reports.agent' : 'reports.queue')),
            h('th', { scope: 'col', class: 'text-end' }, t('reports.ratings')), h('th', { scope: 'col', class: 'text-end' }, t('reports.mean')))),
          h('tbody', {}, ...rows.map((g) => h('tr', {},
            h('td', {}, g.key === '' ? t('reports.nobody') : g.key),
            h('td', { class: 'text-end' }, formatNumber(g.count)),
            h('td', { class: 'text-end' }, g.mean === null ? '—' : formatNumber(g.mean))))),
        ),
    );
  return h(
    'div',
    { class: 'report-charts' },
    table('reports.ratingsByAgent', 'agent', r.satisfaction.byAgent),
    table('reports.ratingsByQueue', 'queue', r.satisfaction.byQueue),
  );
}
