import { request } from './http';
import type { Page } from './types';

/**
 * The client of issue 12 parts 2–4 for designers: the heat map of a process definition, the migration of open tickets
 * between versions (preview and execution) and the dry run of a draft model. Kept apart from api/index.ts.
 */

export interface ActivityStatistics {
  activityId: string;
  activityType: string | null;
  active: number;
  completed: number;
  cancelled: number;
  started: number;
  meanMillis: number | null;
  p90Millis: number | null;
}

export interface FlowStatistics {
  flowId: string;
  sourceId: string;
  targetId: string;
  /** null: history cannot tell for this flow. */
  taken: number | null;
}

export interface ProcessStatistics {
  processDefinitionId: string;
  from: string | null;
  to: string | null;
  activities: ActivityStatistics[];
  flows: FlowStatistics[];
}

export interface TicketInActivity {
  ticketId: number | null;
  number: string | null;
  status: string | null;
  subject: string | null;
  queue: string | null;
  processInstanceId: string;
  since: string;
}

export interface OpenVersion {
  definitionId: string;
  version: number;
  openInstances: number;
  activities: Record<string, number>;
}

export interface MigrationRequest {
  sourceDefinitionId: string;
  targetDefinitionId: string;
  mapping?: Record<string, string>;
  ticketIds?: number[];
}

export type MigrationOutcome = 'MIGRATE' | 'UNMAPPABLE' | 'MIGRATED' | 'FAILED';

export interface TicketOutcome {
  ticketId: number | null;
  processInstanceId: string | null;
  outcome: MigrationOutcome;
  reason: string | null;
  moves: { sourceActivityId: string; targetActivityId: string }[];
  timers: { timerId: string; attachedTo: string; change: 'KEPT' | 'CREATED' | 'REMOVED'; dueDate: string | null }[];
  missingVariables: string[];
  /** What changes without stopping the move (e.g. the status the new activity stands for). */
  warnings: string[];
}

export interface MigrationReport {
  sourceDefinitionId: string;
  targetDefinitionId: string;
  mapping: Record<string, string>;
  counts: Partial<Record<MigrationOutcome, number>>;
  tickets: TicketOutcome[];
}

export interface DryRunFacts {
  type?: string;
  subject?: string;
  description?: string;
  requester?: string;
  impact?: string;
  urgency?: string;
  category?: string;
  fields?: Record<string, unknown>;
}

export interface DryRunResult {
  processKey: string;
  path: string[];
  actions: { kind: 'ASYNC_STEP' | 'TASK_COMPLETED' | 'TIMER_FIRED'; activityId: string; values: Record<string, unknown> }[];
  waitingAt: string[];
  ended: boolean;
  rulesFired: { name: string; reason: string | null }[];
  decision: Record<string, unknown> | null;
  notifications: { template: string; recipients: unknown; mailedTo: unknown; summary: string }[];
  events: string[];
  error: string | null;
}

const enc = (value: string | number) => encodeURIComponent(String(value));

export const processInsight = {
  statistics: (definitionId: string) =>
    request<ProcessStatistics>('GET', `/api/processes/${enc(definitionId)}/statistics`),
  ticketsIn: (definitionId: string, activityId: string) =>
    request<Page<TicketInActivity>>('GET', `/api/processes/${enc(definitionId)}/activities/${enc(activityId)}/tickets?size=50`),
  openVersions: (key: string) => request<OpenVersion[]>('GET', `/api/processes/${enc(key)}/versions/open`),
  previewMigration: (body: MigrationRequest) => request<MigrationReport>('POST', '/api/processes/migrations/preview', body),
  migrate: (body: MigrationRequest) => request<MigrationReport>('POST', '/api/processes/migrations', body),
  dryRun: (bpmn: string, facts: DryRunFacts, formValues: Record<string, Record<string, unknown>>) =>
    request<DryRunResult>('POST', '/api/processes/dry-run', { bpmn, facts, formValues }),
};
