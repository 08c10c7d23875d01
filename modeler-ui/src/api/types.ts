/** Shapes of the Flowdesk REST contract v1 (shared/API.md) that the browser uses. */

export type Role = 'USER' | 'AGENT' | 'APPROVER' | 'DESIGNER' | 'ADMIN';

export interface Me {
  id: string;
  name: string;
  email: string;
  groups: string[];
  roles: string[];
  tenant: string | null;
  /** The profile's preferred language ("de", "en"), if the directory has one. */
  language?: string | null;
}

export interface Page<T> {
  items: T[];
  page: number;
  size: number;
  total: number;
  /** false when a very broad search stopped counting: total is then a lower bound */
  totalExact?: boolean;
}

export type SlaLevel = 'GREEN' | 'YELLOW' | 'RED' | 'BREACHED' | 'MET';

/** A row of GET /api/tickets (TicketViews.TicketSummary); also the ticket of an inbox task. */
export interface TicketSummary {
  id: number;
  number: string;
  type: string;
  subject: string;
  status: string;
  priority: string | null;
  category: string | null;
  queue: string | null;
  requester: string | null;
  assignee: string | null;
  createdAt: string;
  updatedAt: string | null;
  slaLevel: SlaLevel | null;
}

export interface FiredRule {
  name: string;
  reason: string | null;
}

export interface Decision {
  ruleSetVersion: string | null;
  rulesFired: FiredRule[];
}

/** A child (type SUB_TICKET) or a link such as PROBLEM_CANDIDATE, with its current status. */
export interface TicketLink {
  type: string;
  ticketId: number;
  number: string;
  subject: string;
  status: string;
}

/** GET /api/tickets/{id} (TicketViews.TicketDetail). */
export interface TicketDetail {
  id: number;
  number: string;
  type: string;
  channel: string | null;
  subject: string;
  description: string | null;
  status: string;
  priority: string | null;
  impact: string | null;
  urgency: string | null;
  category: string | null;
  queue: string | null;
  requester: string | null;
  assignee: string | null;
  resolution: string | null;
  fields: Record<string, unknown> | null;
  sla: { responseDue: string | null; resolutionDue: string | null; level: SlaLevel | null } | null;
  decision: Decision | null;
  parentId: number | null;
  children: TicketLink[];
  links: TicketLink[];
  processInstanceId: string | null;
  currentActivities: { id: string; name: string | null }[];
  createdAt: string;
  updatedAt: string | null;
  resolvedAt: string | null;
  version: number;
}

/**
 * The parameters of GET /api/tickets: the view, the search words, structured filters (comma-separated values are
 * OR-ed, filters AND-ed), sort and page. The server checks every value against its allow-list (400 naming it).
 */
export interface TicketQuery {
  view?: 'mine' | 'queue' | 'all';
  status?: string;
  q?: string;
  sort?: string;
  page?: number;
  size?: number;
  [filter: string]: string | number | undefined;
}

/** A saved or built-in view (GET /api/views): filters and sort for GET /api/tickets, with its current count. */
export interface SavedView {
  id: string | number;
  name: string;
  shared: boolean;
  owner: string | null;
  builtIn: boolean;
  filters: Record<string, string>;
  sort: string | null;
  columns: string[];
  count: number | null;
  /** false when the count stopped at its cap: count is then a lower bound */
  countExact?: boolean;
  /** Changes of own views send it back: another change meanwhile answers 409. */
  version?: number;
}

/** POST /api/views and PUT /api/views/{id}. */
export interface ViewDraft {
  name: string;
  shared: boolean;
  filters: Record<string, string>;
  sort: string | null;
  columns: string[];
  /** For a change of an existing view: the version it had (409 when it changed meanwhile). */
  version?: number;
}

export type BulkAction = 'claim' | 'assign' | 'priority' | 'close';

/** POST /api/tickets/{id}/viewers: the other agents with the ticket open (seen in the last 30 s) and its holder. */
export interface TicketPresence {
  ticketId: number;
  assignee: string | null;
  viewers: { user: string; seenAt: string }[];
}

/** POST /api/tickets/bulk: one action, each ticket in its own transaction. */
export interface BulkRequest {
  ids: number[];
  action: BulkAction;
  assignee?: string;
  group?: string;
  impact?: string;
  urgency?: string;
  reason?: string;
}

/** Per ticket: OK, or FAILED with the HTTP status the single request would have had and why. */
export interface BulkOutcome {
  ticketId: number;
  outcome: 'OK' | 'FAILED';
  status: number;
  detail: string | null;
}

export interface BulkResult {
  action: BulkAction;
  succeeded: number;
  failed: number;
  results: BulkOutcome[];
}

export type LinkType = 'RELATES_TO' | 'DUPLICATE_OF' | 'CAUSED_BY' | 'PARENT_OF';

/** One work-time entry of a ticket; cost is minutes × the activity's hourly rate when it has one. */
export interface TimeEntry {
  id: number;
  agent: string;
  minutes: number;
  activity: string;
  hourlyRate: number | null;
  cost: number | null;
  note: string | null;
  workedAt: string;
}

/** GET /api/tickets/{id}/time. */
export interface TimeSheet {
  entries: TimeEntry[];
  totalMinutes: number;
  totalCost: number | null;
  minutesByActivity: Record<string, number>;
}

/** One entry of GET /api/tickets/{id}/history, oldest first. */
export interface HistoryEvent {
  id: number;
  at: string;
  actor: string | null;
  type: string;
  detail: string | null;
  before: unknown;
  after: unknown;
}

export type Visibility = 'PUBLIC' | 'INTERNAL';

/** One article of GET /api/tickets/{id}/conversation. */
/** A file of an article or ticket; `id` null is a mail attachment the engine did not store. */
export interface Attachment {
  id: string | null;
  name: string;
  size: number;
  contentType: string | null;
  url: string | null;
  image: boolean;
}

export interface Article {
  id: number;
  author: string | null;
  visibility: Visibility;
  channel: string | null;
  body: string;
  createdAt: string;
  /** Mail articles: the addresses of the message. */
  from?: string | null;
  to?: string[];
  cc?: string[];
  attachments?: Attachment[];
}

/** An open task: a row of GET /api/tasks, GET /api/tasks/{id}, and the answer to claim and unclaim. */
export interface Task {
  id: string;
  name: string;
  taskDefinitionKey: string;
  assignee: string | null;
  created: string | null;
  due: string | null;
  formKey: string | null;
  processInstanceId: string;
  candidateGroups: string[];
  ticket: TicketSummary | null;
}

export type TaskFilter = 'mine' | 'candidate' | 'unassigned';

/** Inbox orders the server offers: ticket priority then SLA (default), nearest due date, oldest, newest. */
export type TaskSort = 'urgency' | 'due' | 'created' | 'newest';

export interface TaskForm {
  taskId: string;
  formKey: string;
  formVersion: number;
  definition: FormDefinition;
  data: Record<string, unknown>;
}

/** One vote waiting for the caller (GET /api/approvals), with what is being approved and where the vote stands. */
export interface PendingApproval {
  taskId: string;
  name: string;
  created: string | null;
  approverGroup: string | null;
  approvalsRequired: number;
  approverCount: number;
  approvalsGranted: number;
  approvalsRejected: number;
  ticket: ApprovalTicket | null;
  mayDecide: boolean;
  refusal: string | null;
}

export interface ApprovalTicket {
  id: number;
  number: string;
  type: string;
  subject: string;
  requester: string | null;
  priority: string | null;
  status: string;
}

export interface RuleSetVersion {
  version: number;
  status: string;
  comment: string | null;
  createdBy: string | null;
  createdAt: string | null;
  activatedBy: string | null;
  activatedAt: string | null;
  /** "drl" or "table". */
  format?: string;
}

export interface RuleSet {
  name: string;
  activeVersion: number | null;
  versions: RuleSetVersion[];
}

export interface RuleSetVersionDetail {
  name: string;
  version: RuleSetVersion;
  /** "table": the version was written as a table and {@code drl} was generated from it. */
  format: 'table' | 'drl';
  table: RuleTable | null;
  drl: string;
  /** Overlapping or unreachable rows of a table version, at their path (table.tables[0].rows[2]). */
  warnings: FieldError[];
}

/** A rule set as decision tables (issue 12): the server checks every cell and generates the DRL. */
export interface RuleTable {
  tables: DecisionTable[];
}

export interface DecisionTable {
  name: string;
  hitPolicy: string;
  conditions: { field: string; operator: string; language?: string | null; zone?: string | null }[];
  actions: { action: string }[];
  rows: RuleTableRow[];
}

export interface RuleTableRow {
  name: string;
  precedence?: number | null;
  when: string[];
  then: string[];
  explanation: string;
}

/** One field of a problem: its path in the request and what is wrong there. */
export interface FieldError {
  path: string;
  message: string;
}

export interface RuleSetEvent {
  version: number | null;
  at: string;
  actor: string | null;
  type: string;
  detail: string | null;
}

export interface TestFacts {
  type: string;
  subject: string;
  description: string;
  impact: string;
  urgency: string;
  categoryHint: string | null;
  requester: { email: string | null; vip: boolean; tenant: string | null; tier: string | null };
}

export interface RuleDecision {
  queue: string;
  priority: string;
  category: string;
  sla: { firstResponseMinutes: number; resolutionMinutes: number } | null;
  tags: string[];
  approverGroup: string | null;
  rulesFired: FiredRule[];
}

export interface ReplayReport {
  ruleSet: string;
  version: number;
  comparedWith: string | null;
  compared: number;
  changed: number;
  changes: { field: string; from: string | null; to: string | null; count: number }[];
  tickets: { ticketId: number; number: string; differences: { field: string; from: string | null; to: string | null }[] }[];
}

export interface Activation {
  liveVersion: string;
  compileMillis: number;
  swapMillis: number;
}

/** A form of the catalogue (GET /api/forms). */
export interface FormSummary {
  key: string;
  title: string;
  description: string | null;
  processKey: string | null;
  ticketType: string | null;
  version: number;
  anonymous: boolean;
  /** Catalogue placement from the form's properties: heading, bootstrap-icons name, ascending order. */
  category: string | null;
  icon: string | null;
  order: number | null;
  /** Title, description and category in other languages, by language (form properties title_de, …). */
  translations?: Record<string, { title?: string; description?: string; category?: string }>;
}

export interface ProcessVersion {
  id: string;
  version: number;
  deploymentId: string;
  deployedAt: string | null;
  suspended: boolean;
}

/** A process definition in the designer's list (GET /api/processes): one per key, with its versions. */
export interface ProcessSummary {
  key: string;
  name: string | null;
  latestVersion: number;
  versions: ProcessVersion[];
}

/** The answer to POST /api/processes: the deployment and the process versions it created. */
export interface Deployment {
  deploymentId: string;
  processes: ProcessVersion[];
  keys: string[];
  /** What bpmnlint's recommended rules (and Flowdesk's) warn about, by element id; a warning does not stop a deploy. */
  warnings?: FieldError[];
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

/** What the ticket's process waits for now and the caller may do (GET /api/tickets/{id}/actions). */
export type TicketAction = 'request-info' | 'confirm' | 'reopen' | 'withdraw' | 'cancel';

/** Someone an agent picks: a requester for a caller's ticket, an agent to hand a task to. */
export interface Person {
  id: string;
  name: string;
  email: string | null;
}

/** An agent group (queue). */
export interface Team {
  id: string;
  name: string;
}

/** POST /api/tickets: a ticket an agent opens for a caller. */
export interface NewTicket {
  type: string;
  requester: string;
  channel: string;
  subject: string;
  description: string;
  impact: string;
  urgency: string;
}

/** One bar of a report: a key (category, channel, day, age bucket…) and its count. */
export interface ReportCount {
  key: string;
  count: number;
}

export interface ReportSlaRow {
  queue: string;
  priority: string;
  responseMet: number;
  responseBreached: number;
  responsePending: number;
  resolutionMet: number;
  resolutionBreached: number;
  resolutionPending: number;
}

/** GET /api/reports/overview: the desk's figures for a period (see TicketReports on the server). */
export interface ReportOverview {
  from: string;
  to: string;
  queue: string | null;
  computedAt: string;
  totals: {
    created: number;
    resolved: number;
    closed: number;
    reopened: number;
    reopenRate: number | null;
    firstContactResolved: number;
    firstContactRate: number | null;
    meanResponseMinutes: number | null;
    meanResolutionMinutes: number | null;
    responseCompliance: number | null;
    resolutionCompliance: number | null;
  };
  sla: ReportSlaRow[];
  byCategory: ReportCount[];
  byChannel: ReportCount[];
  byType: ReportCount[];
  byDay: ReportCount[];
  backlog: { total: number; byAge: ReportCount[]; byQueue: ReportCount[] };
  satisfaction: {
    count: number;
    mean: number | null;
    byScore: ReportCount[];
    byAgent: ReportRatingGroup[];
    byQueue: ReportRatingGroup[];
  };
}

/** Ratings of one agent or queue in a report's period (key '' = the ticket had no agent). */
export interface ReportRatingGroup {
  key: string;
  count: number;
  mean: number | null;
}

/** An asset or configuration item (issue 13). */
export interface Asset {
  id: number;
  type: string;
  name: string;
  serial: string | null;
  status: string;
  ownerId: string | null;
  organisationId: number | null;
  warrantyEnd: string | null;
  critical: boolean;
  fields: Record<string, unknown>;
  version: number;
}

/** What a client sends for an asset; the server checks `fields` against the type's form (issue 13). */
export interface AssetDraft {
  type: string;
  name: string;
  serial?: string | null;
  status?: string;
  ownerId?: string | null;
  organisationId?: number | null;
  warrantyEnd?: string | null;
  critical?: boolean;
  fields: Record<string, unknown>;
}

/** A kind of asset and the Form.io form that holds its fields. */
export interface AssetType {
  key: string;
  name: string;
  formKey: string | null;
  version: number;
  updatedBy: string;
  updatedAt: string;
}

export interface AssetTypeDraft {
  key?: string;
  name: string;
  formKey: string;
}

export interface AssetRelation {
  id: number;
  type: string;
  direction: 'OUT' | 'IN';
  otherId: number;
  otherType: string;
  otherName: string;
  otherStatus: string;
}

export interface AssetHistoryEntry {
  at: string;
  actor: string;
  action: string;
  details: Record<string, unknown>;
}

export interface AssetDetail extends Asset {
  relations: AssetRelation[];
  tickets: TicketSummary[];
  history: AssetHistoryEntry[];
}

export interface AssetImpact {
  asset: Asset;
  openTickets: TicketSummary[];
  impacted: { id: number; type: string; name: string; status: string; critical: boolean; distance: number; openTickets: TicketSummary[] }[];
}

/** A CI of a ticket with the other open tickets on it (GET /api/tickets/{id}/assets). */
export interface TicketAsset {
  asset: Asset;
  otherOpenTickets: TicketSummary[];
}

/** An open ticket on a CI a change touches; `visible` says whether the caller may open it. */
export interface AffectedTicket {
  id: number;
  number: string;
  type: string;
  status: string;
  priority: string | null;
  visible: boolean;
}

/** The impact analysis of one CI of a ticket (GET /api/tickets/{id}/impact). */
export interface CiImpact {
  asset: Asset;
  openTickets: AffectedTicket[];
  impacted: { id: number; type: string; name: string; critical: boolean; distance: number; openTickets: AffectedTicket[] }[];
}

export type AssetGrouping = 'type' | 'model' | 'supplier';

/** Tickets and incidents per asset type, model or supplier (GET /api/assets/statistics). */
export interface AssetStatistics {
  by: AssetGrouping;
  assets: number;
  tickets: number;
  incidents: number;
  rows: {
    key: string | null;
    assets: number;
    tickets: number;
    openTickets: number;
    incidents: number;
    openIncidents: number;
    ticketsPerAsset: number;
    incidentsPerAsset: number;
  }[];
}

export interface Organisation {
  id: number;
  name: string;
  domains: string[];
  tier: string;
  tenant: string | null;
  contacts: number;
}

export interface Contact {
  id: number;
  name: string;
  emails: string[];
  organisation: string | null;
  tier: string;
  vip: boolean;
  language: string | null;
}
