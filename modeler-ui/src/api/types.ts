/** Shapes of the Flowdesk REST contract v1 (shared/API.md) that the browser uses. */

export interface Me {
  id: string;
  name: string;
  email: string;
  groups: string[];
  roles: string[];
  tenant: string | null;
}

export interface Page<T> {
  items: T[];
  page: number;
  size: number;
  total: number;
}

export interface TicketSummary {
  id: number;
  number: string;
  subject: string;
  status: string;
  priority: string | null;
  category: string | null;
  queue: string | null;
  createdAt: string;
}

export interface Decision {
  ruleSetVersion?: string | number | null;
  rulesFired: { name: string }[];
}

export interface TicketDetail extends TicketSummary {
  type?: string;
  description?: string | null;
  requester?: string | null;
  assignee?: string | null;
  decision?: Decision | null;
}

export interface HistoryEvent {
  at: string;
  actor: string | null;
  type: string;
  detail: string | null;
}

/** A Form.io form definition, opaque to us: formio.js interprets it. */
export interface FormDefinition {
  display?: string;
  title?: string;
  components: unknown[];
  [other: string]: unknown;
}

export type SubmissionResult =
  | { ticketId: number; number: string; processInstanceId: string }
  | { deflected: true };

/** One field error of an RFC 9457 problem; `path` as formio.js names the field ("data.subject"). */
export interface FieldError {
  path: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldError[];
}
