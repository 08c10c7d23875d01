import { pollRequest, request, LOGIN_PATH } from './http';
import type { Polled } from './http';
import type {
  Activation,
  Article,
  Asset,
  AssetDetail,
  AssetDraft,
  AssetType,
  AssetTypeDraft,
  AssetImpact,
  AssetGrouping,
  CiImpact,
  AssetStatistics,
  TicketAsset,
  Attachment,
  BulkRequest,
  BulkResult,
  Contact,
  Deployment,
  FormDefinition,
  FormSummary,
  HistoryEvent,
  LinkType,
  Me,
  NewTicket,
  Organisation,
  Page,
  PendingApproval,
  Person,
  ProcessSummary,
  ReplayReport,
  ReportOverview,
  RuleDecision,
  RuleSet,
  RuleSetEvent,
  RuleSetVersionDetail,
  RuleTable,
  SavedView,
  SubmissionResult,
  Task,
  TaskFilter,
  TaskForm,
  TaskSort,
  Team,
  TestFacts,
  TicketAction,
  TicketDetail,
  TicketLink,
  TicketPresence,
  TicketQuery,
  TicketSummary,
  TimeEntry,
  TimeSheet,
  ViewDraft,
  Visibility,
} from './types';

export { ApiError, CSRF_HEADER, csrfToken } from './http';
export type { Polled } from './http';
export type * from './types';

const enc = (value: string | number) => encodeURIComponent(String(value));

function query(params: Record<string, string | number | undefined | null>): string {
  const pairs = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return pairs.length ? `?${pairs.map(([k, v]) => `${enc(k)}=${enc(v as string | number)}`).join('&')}` : '';
}

/** The thin typed client of the Flowdesk REST API (shared/API.md); one function per endpoint used. */
export const api = {
  me: () => request<Me>('GET', '/api/me'),

  // Tickets
  tickets: (view: TicketQuery['view'] | TicketQuery = 'mine') => {
    const q: TicketQuery = typeof view === 'string' ? { view } : view;
    return request<Page<TicketSummary>>('GET', `/api/tickets${query({ ...q })}`);
  },
  ticket: (id: number | string) => request<TicketDetail>('GET', `/api/tickets/${enc(id)}`),
  // Live updates (issue 11): the same reads with the last answer's entity tag; 304 means unchanged
  pollTickets: (q: TicketQuery, etag: string | null): Promise<Polled<Page<TicketSummary>>> =>
    pollRequest<Page<TicketSummary>>(`/api/tickets${query({ ...q })}`, etag),
  pollTicket: (id: number | string, etag: string | null): Promise<Polled<TicketDetail>> =>
    pollRequest<TicketDetail>(`/api/tickets/${enc(id)}`, etag),
  pollTasks: (filter: TaskFilter, page: number, size: number, sort: TaskSort, etag: string | null): Promise<Polled<Page<Task>>> =>
    pollRequest<Page<Task>>(`/api/tasks${query({ filter, page, size, sort })}`, etag),
  pollViews: (etag: string | null): Promise<Polled<SavedView[]>> => pollRequest<SavedView[]>('/api/views', etag),
  /** Collision detection: the ticket page's heartbeat answers who else has the ticket open and who holds it. */
  viewingTicket: (id: number | string) => request<TicketPresence>('POST', `/api/tickets/${enc(id)}/viewers`),
  leftTicket: (id: number | string) => request<void>('DELETE', `/api/tickets/${enc(id)}/viewers`),
  changeTicket: (id: number | string, change: { impact?: string; urgency?: string; version?: number }) =>
    request<TicketDetail>('PATCH', `/api/tickets/${enc(id)}`, change),
  /** Opens a ticket for someone else (an agent taking a call); answers the new ticket's id. */
  openTicket: (ticket: NewTicket) => request<{ ticketId: number; number: string }>('POST', '/api/tickets', ticket),
  ticketActions: (id: number | string) => request<TicketAction[]>('GET', `/api/tickets/${enc(id)}/actions`),
  /** Performs an action the process waits for; `text` is the question or the reason. */
  ticketAction: (id: number | string, action: TicketAction, text?: string) => {
    const body = action === 'request-info' ? { question: text } : action === 'confirm' ? {} : { reason: text };
    return request<TicketDetail>('POST', `/api/tickets/${enc(id)}/${action}`, body);
  },
  people: (q: string, group?: string) => request<Person[]>('GET', `/api/users${query({ q, group })}`),
  groups: () => request<Team[]>('GET', '/api/groups'),
  ticketHistory: (id: number | string) =>
    request<HistoryEvent[]>('GET', `/api/tickets/${enc(id)}/history`),
  ticketAttachments: (id: number | string) =>
    request<Attachment[]>('GET', `/api/tickets/${enc(id)}/attachments`),
  conversation: (id: number | string) =>
    request<Article[]>('GET', `/api/tickets/${enc(id)}/conversation`),
  /** With files the reply goes as multipart (body, visibility, files) in one request, else as JSON. */
  addArticle: (id: number | string, body: string, visibility: Visibility, files: File[] = []) => {
    if (!files.length) return request<Article>('POST', `/api/tickets/${enc(id)}/articles`, { body, visibility });
    const form = new FormData();
    form.append('body', body);
    form.append('visibility', visibility);
    for (const file of files) form.append('files', file, file.name);
    return request<Article>('POST', `/api/tickets/${enc(id)}/articles`, undefined, { raw: form });
  },

  // The agent's day: bulk work, merge, split, links, close, time, saved views
  bulk: (body: BulkRequest) => request<BulkResult>('POST', '/api/tickets/bulk', body),
  /** Merges ticket `id` into `into`; answers the target (the merged one is closed with a DUPLICATE_OF pointer). */
  merge: (id: number | string, into: number, version?: number) =>
    request<TicketDetail>('POST', `/api/tickets/${enc(id)}/merge`, { into, version }),
  splitArticle: (id: number | string, articleId: number, subject?: string) =>
    request<{ ticketId: number; number: string }>('POST', `/api/tickets/${enc(id)}/articles/${enc(articleId)}/split`, { subject: subject || undefined }),
  link: (id: number | string, type: LinkType, ticketId: number) =>
    request<TicketLink[]>('POST', `/api/tickets/${enc(id)}/links`, { type, ticketId }),
  closeTicket: (id: number | string, reason: string) =>
    request<TicketDetail>('POST', `/api/tickets/${enc(id)}/close`, { reason }),
  recordTime: (id: number | string, entry: { minutes: number; activity?: string; note?: string }) =>
    request<TimeEntry>('POST', `/api/tickets/${enc(id)}/time`, entry),
  timeSheet: (id: number | string) => request<TimeSheet>('GET', `/api/tickets/${enc(id)}/time`),
  views: () => request<SavedView[]>('GET', '/api/views'),
  saveView: (view: ViewDraft) => request<SavedView>('POST', '/api/views', view),
  updateView: (id: number | string, view: ViewDraft) => request<SavedView>('PUT', `/api/views/${enc(id)}`, view),
  deleteView: (id: number | string) => request<void>('DELETE', `/api/views/${enc(id)}`),

  // Organisations, contacts and the CMDB (issue 13)
  assets: (q?: string, page = 0, size?: number) => request<Page<Asset>>('GET', `/api/assets${query({ q, page, size })}`),
  asset: (id: number | string) => request<AssetDetail>('GET', `/api/assets/${enc(id)}`),
  assetImpact: (id: number | string) => request<AssetImpact>('GET', `/api/assets/${enc(id)}/impact`),
  assetStatistics: (by: AssetGrouping) => request<AssetStatistics>('GET', `/api/assets/statistics${query({ by })}`),
  organisations: (q?: string, page = 0) => request<Page<Organisation>>('GET', `/api/organisations${query({ q, page })}`),
  contacts: (q?: string, page = 0) => request<Page<Contact>>('GET', `/api/contacts${query({ q, page })}`),
  assetTypes: () => request<AssetType[]>('GET', '/api/asset-types'),
  createAssetType: (type: AssetTypeDraft) => request<AssetType>('POST', '/api/asset-types', type),
  updateAssetType: (key: string, type: AssetTypeDraft & { version: number }) =>
    request<AssetType>('PUT', `/api/asset-types/${enc(key)}`, type),
  createAsset: (asset: AssetDraft) => request<AssetDetail>('POST', '/api/assets', asset),
  updateAsset: (id: number | string, asset: AssetDraft & { version: number }) =>
    request<AssetDetail>('PUT', `/api/assets/${enc(id)}`, asset),
  /** The incidents (open and closed) on a problem's CIs that the caller may see, newest first. */
  ciIncidents: (id: number | string, page = 0) =>
    request<Page<TicketSummary>>('GET', `/api/tickets/${enc(id)}/ci-incidents${query({ page })}`),
  /** The CIs of a ticket, each with its other open tickets. */
  ticketAssets: (id: number | string) => request<TicketAsset[]>('GET', `/api/tickets/${enc(id)}/assets`),
  /** The impact analysis of the ticket's CIs: what a change touches, with the open tickets there. */
  ticketImpact: (id: number | string) => request<CiImpact[]>('GET', `/api/tickets/${enc(id)}/impact`),
  linkAsset: (id: number | string, assetId: number) =>
    request<TicketAsset[]>('POST', `/api/tickets/${enc(id)}/assets`, { assetId }),
  unlinkAsset: (id: number | string, assetId: number) =>
    request<TicketAsset[]>('DELETE', `/api/tickets/${enc(id)}/assets/${enc(assetId)}`),

  // Reports
  reportOverview: (from: string, to: string, queue?: string) =>
    request<ReportOverview>('GET', `/api/reports/overview${query({ from, to, queue })}`),
  reportCsvHref: (from: string, to: string, queue?: string) => `/api/reports/overview.csv${query({ from, to, queue })}`,

  // Tasks
  tasks: (filter: TaskFilter, page = 0, size?: number, sort?: TaskSort) =>
    request<Page<Task>>('GET', `/api/tasks${query({ filter, page, size, sort })}`),
  task: (id: string) => request<Task>('GET', `/api/tasks/${enc(id)}`),
  taskForm: (id: string) => request<TaskForm>('GET', `/api/tasks/${enc(id)}/form`),
  claim: (id: string) => request<Task>('POST', `/api/tasks/${enc(id)}/claim`),
  unclaim: (id: string) => request<Task>('POST', `/api/tasks/${enc(id)}/unclaim`),
  /** Hands the task to a named agent or to another group. */
  assignTask: (id: string, to: { assignee?: string; group?: string }) =>
    request<Task>('POST', `/api/tasks/${enc(id)}/assign`, to),
  completeTask: (id: string, data: Record<string, unknown>) =>
    request<void>('POST', `/api/tasks/${enc(id)}/complete`, { data }),

  // Approvals
  approvals: () => request<Page<PendingApproval>>('GET', '/api/approvals'),
  decide: (taskId: string, decision: 'APPROVE' | 'REJECT', comment: string) =>
    request<void>('POST', `/api/approvals/${enc(taskId)}`, { decision, comment }),

  // Forms
  forms: () => request<FormSummary[]>('GET', '/api/forms'),
  form: (key: string) => request<FormDefinition>('GET', `/api/forms/${enc(key)}`),
  saveForm: (key: string, definition: FormDefinition) =>
    request<{ key: string; version: number }>('PUT', `/api/forms/${enc(key)}`, definition),
  submitForm: (key: string, data: Record<string, unknown>) =>
    request<SubmissionResult>('POST', `/api/forms/${enc(key)}/submissions`, { data }),

  // Rule sets
  ruleSets: () => request<RuleSet[]>('GET', '/api/rulesets'),
  ruleSetVersion: (name: string, version: number) =>
    request<RuleSetVersionDetail>('GET', `/api/rulesets/${enc(name)}/versions/${enc(version)}`),
  uploadRuleSet: (name: string, drl: string, comment?: string) =>
    request<RuleSetVersionDetail>('POST', `/api/rulesets/${enc(name)}/versions${query({ comment })}`, undefined, {
      raw: drl,
      contentType: 'text/plain; charset=utf-8',
    }),
  /** A decision table as a new draft: the server checks it cell by cell and generates the DRL. */
  uploadRuleTable: (name: string, table: RuleTable, comment?: string) =>
    request<RuleSetVersionDetail>('POST', `/api/rulesets/${enc(name)}/versions`, { format: 'table', table, comment }),
  /** A table exported before (CSV or XLSX) as a new draft. */
  importRuleTable: (name: string, file: File, comment?: string) => {
    const form = new FormData();
    form.append('file', file, file.name);
    if (comment) form.append('comment', comment);
    return request<RuleSetVersionDetail>('POST', `/api/rulesets/${enc(name)}/versions`, undefined, { raw: form });
  },
  ruleTableHref: (name: string, version: number, format: 'csv' | 'xlsx') =>
    `/api/rulesets/${enc(name)}/versions/${enc(version)}/table.${format}`,
  shippedRuleTable: (name: string) => request<RuleTable>('GET', `/api/rulesets/${enc(name)}/shipped-table`),
  testRuleSet: (name: string, version: number, facts: TestFacts) =>
    request<RuleDecision>('POST', `/api/rulesets/${enc(name)}/versions/${enc(version)}/test`, facts),
  replayRuleSet: (name: string, version: number, last: number) =>
    request<ReplayReport>('POST', `/api/rulesets/${enc(name)}/versions/${enc(version)}/replay${query({ last })}`),
  activateRuleSet: (name: string, version: number) =>
    request<Activation>('POST', `/api/rulesets/${enc(name)}/versions/${enc(version)}/activate`),
  ruleSetEvents: (name: string) => request<RuleSetEvent[]>('GET', `/api/rulesets/${enc(name)}/events`),

  // Processes
  processes: () => request<ProcessSummary[]>('GET', '/api/processes'),
  processXml: (id: string) =>
    request<string>('GET', `/api/processes/${enc(id)}/xml`, undefined, {
      text: true,
      accept: 'application/xml, text/xml, application/problem+json',
    }),
  deployProcess: (fileName: string, xml: string) => {
    const form = new FormData();
    form.append('file', new Blob([xml], { type: 'application/xml' }), fileName);
    return request<Deployment>('POST', '/api/processes', undefined, { raw: form });
  },

  /** Ends the session (Spring Security's POST /logout) and shows the login page. */
  async logout(): Promise<void> {
    try {
      await request<void>('POST', '/logout');
    } catch {
      // the session may already be gone; the login page is the right place either way
    }
    // Plain /login: the engine answers "/login?logout" with 404 (its logout answers 204 and sets no success page).
    window.location.assign(LOGIN_PATH);
  },
};
