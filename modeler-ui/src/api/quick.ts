import { request } from './http';

/** The clients of `/api/ticket-templates` and `/api/scheduled-actions` (issue 11 parts 3 and 5). */

export interface TicketTemplate {
  id: number;
  name: string;
  formKey: string;
  values: Record<string, unknown>;
  queueHint: string | null;
  priorityHint: string | null;
  version: number;
  updatedAt: string;
  /** The ticket type the template's form opens. */
  ticketType: string | null;
  /** Form key → ticket field (subject, description, impact, urgency, category…), from the form. */
  ticketFields: Record<string, string>;
}

export interface TicketTemplateDraft {
  name: string;
  formKey: string;
  values: Record<string, unknown>;
  queueHint?: string | null;
  priorityHint?: string | null;
  version?: number;
}

export interface ScheduledAction {
  id: number;
  name: string;
  filter: Record<string, string>;
  since: string;
  after: string;
  action: string;
  params: Record<string, string>;
  enabled: boolean;
  version: number;
  updatedAt: string;
}

export interface ScheduledActionDraft {
  name: string;
  filter: Record<string, string>;
  since: string;
  after: string;
  action: string;
  params: Record<string, string>;
  enabled: boolean;
  version?: number;
}

export interface ScheduledActionRun {
  id: number;
  ticketId: number;
  episode: string;
  outcome: string;
  detail: string | null;
  ranAt: string;
  ranBy: string;
}

export const ticketTemplates = {
  list: () => request<TicketTemplate[]>('GET', '/api/ticket-templates'),
  create: (draft: TicketTemplateDraft) => request<TicketTemplate>('POST', '/api/ticket-templates', draft),
  update: (id: number, draft: TicketTemplateDraft) => request<TicketTemplate>('PUT', `/api/ticket-templates/${id}`, draft),
  remove: (id: number) => request<void>('DELETE', `/api/ticket-templates/${id}`),
  open: (id: number, body: { requester: string; channel: string; values: Record<string, unknown> }) =>
    request<{ ticketId: number; number: string }>('POST', `/api/ticket-templates/${id}/tickets`, body),
};

export const scheduledActions = {
  list: () => request<ScheduledAction[]>('GET', '/api/scheduled-actions'),
  create: (draft: ScheduledActionDraft) => request<ScheduledAction>('POST', '/api/scheduled-actions', draft),
  update: (id: number, draft: ScheduledActionDraft) => request<ScheduledAction>('PUT', `/api/scheduled-actions/${id}`, draft),
  remove: (id: number) => request<void>('DELETE', `/api/scheduled-actions/${id}`),
  runs: (id: number) => request<ScheduledActionRun[]>('GET', `/api/scheduled-actions/${id}/runs`),
};
