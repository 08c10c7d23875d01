import { request } from './http';
import type { Article, Page } from './types';

/**
 * The client of the self-service endpoints (issue 10: progress, rating, knowledge base) and of mail administration
 * (issue 9: mailboxes, quarantine, deliveries, templates). Kept apart from api/index.ts so the two grow independently.
 */

export interface Progress {
  processInstanceId: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  version: number;
  ended: boolean;
  activeActivityIds: string[];
  completedActivityIds: string[];
  /** The call activity of the parent that started this instance; null for the ticket's own process. */
  calledBy: string | null;
  children: Progress[];
}

export interface Rating {
  ticketId: number;
  score: number;
  comment: string | null;
  ratedBy: string;
  createdAt: string;
}

export type KbVisibility = 'PUBLIC' | 'INTERNAL';
export type KbLanguage = 'de' | 'en';

export interface KbSummary {
  id: number;
  title: string;
  excerpt: string;
  visibility: KbVisibility;
  status: string;
  language: KbLanguage;
  category: string | null;
  score: number;
}

export interface KbArticle {
  id: number;
  version: number;
  title: string;
  /** Sanitized HTML (the engine cleans it on save). */
  body: string;
  bodyText: string;
  status: string;
  visibility: KbVisibility;
  language: KbLanguage;
  category: string | null;
  tags: string[];
  sourceTicketId: number | null;
  createdBy: string;
  createdAt: string;
  updatedBy: string | null;
  updatedAt: string | null;
  publishedAt: string | null;
}

export interface KbInput {
  title: string;
  body: string;
  language: KbLanguage;
  visibility: KbVisibility;
  category?: string | null;
  tags: string[];
  version?: number;
}

export interface Mailbox {
  id: number;
  /** The URL without password (as `url`). */
  name: string;
  url: string;
  hasPassword: boolean;
  address: string;
  queue: string | null;
  type: string | null;
  process: string | null;
  pollInterval: string | null;
  enabled: boolean;
  idle: boolean;
  /** This node's IMAP IDLE watcher: WATCHING, CONNECTING, RETRYING, NOT_SUPPORTED, or null without one. */
  idleState: string | null;
  version: number;
  updatedBy: string | null;
  updatedAt: string | null;
  lastPollAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastRead: number | null;
  lastCreated: number | null;
  lastAppended: number | null;
  lastQuarantined: number | null;
}

/** A mailbox as sent to the server; on update a field left out keeps its value (the password too). */
export interface MailboxInput {
  url?: string;
  password?: string;
  address?: string;
  queue?: string;
  process?: string;
  pollInterval?: string;
  enabled?: boolean;
  idle?: boolean;
  version?: number;
}

export interface MailboxTest {
  ok: boolean;
  messages: number | null;
  unseen: number | null;
  idle: boolean | null;
  error: string | null;
}

export interface MailOverview {
  enabled: boolean;
  from: string | null;
  mailboxes: Mailbox[];
  outbox: Record<string, number>;
  quarantined: number;
}

export interface QuarantinedMail {
  id: number;
  messageKey: string;
  mailbox: string;
  sender: string | null;
  subject: string | null;
  reason: string;
  receivedAt: string;
}

export interface Delivery {
  id: number;
  ticketId: number | null;
  template: string;
  recipient: string;
  subject: string | null;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string | null;
}

export type TemplateState = 'shipped' | 'edited' | 'missing';
export type TemplateLanguage = 'en' | 'de';

export interface TemplateRow {
  name: string;
  en: TemplateState;
  de: TemplateState;
}

export interface MailTemplate {
  name: string;
  language: TemplateLanguage;
  source: string;
  edited: boolean;
  version: number;
  updatedBy: string | null;
  updatedAt: string | null;
  shippedSource: string;
  values: string[];
}

const enc = (value: string | number) => encodeURIComponent(String(value));

function query(params: Record<string, string | number | undefined | null>): string {
  const pairs = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return pairs.length ? `?${pairs.map(([k, v]) => `${enc(k)}=${enc(v as string | number)}`).join('&')}` : '';
}

export const selfService = {
  progress: (ticketId: number | string) => request<Progress>('GET', `/api/tickets/${enc(ticketId)}/progress`),
  /** The BPMN XML of a definition the ticket ran; `ticket` lets a requester read the model of their own ticket. */
  processXml: (definitionId: string, ticketId: number | string) =>
    request<string>('GET', `/api/processes/${enc(definitionId)}/xml${query({ ticket: ticketId })}`, undefined, {
      text: true,
      accept: 'application/xml, text/xml, application/problem+json',
    }),

  rating: (ticketId: number | string) => request<Rating>('GET', `/api/tickets/${enc(ticketId)}/rating`),
  rate: (ticketId: number | string, score: number, comment: string) =>
    request<Rating>('POST', `/api/tickets/${enc(ticketId)}/rating`, { score, comment }),

  kbSearch: (params: { q?: string; lang?: string; status?: string; page?: number; size?: number }) =>
    request<Page<KbSummary>>('GET', `/api/kb/articles${query(params)}`),
  kbArticle: (id: number | string) => request<KbArticle>('GET', `/api/kb/articles/${enc(id)}`),
  kbCreate: (input: KbInput) => request<KbArticle>('POST', '/api/kb/articles', input),
  kbUpdate: (id: number | string, input: KbInput) => request<KbArticle>('PUT', `/api/kb/articles/${enc(id)}`, input),
  kbPublish: (id: number | string) => request<KbArticle>('POST', `/api/kb/articles/${enc(id)}/publish`),
  kbSolved: (id: number | string, form: string) =>
    request<{ deflected: boolean }>('POST', `/api/kb/articles/${enc(id)}/solved`, { form }),
  kbDraft: (ticketId: number | string, language: KbLanguage) =>
    request<KbArticle>('POST', `/api/tickets/${enc(ticketId)}/kb-draft`, { language }),
  kbSuggestions: (ticketId: number | string) => request<KbSummary[]>('GET', `/api/tickets/${enc(ticketId)}/kb-suggestions`),
  /** A public reply on the ticket (the conversation's endpoint). */
  reply: (ticketId: number | string, body: string) =>
    request<Article>('POST', `/api/tickets/${enc(ticketId)}/articles`, { body, visibility: 'PUBLIC' }),

  mail: () => request<MailOverview>('GET', '/api/admin/mail'),
  pollNow: (id: number) => request<void>('POST', `/api/admin/mail/mailboxes/${enc(id)}/poll`),
  createMailbox: (input: MailboxInput) => request<Mailbox>('POST', '/api/admin/mail/mailboxes', input),
  updateMailbox: (id: number, input: MailboxInput) => request<Mailbox>('PUT', `/api/admin/mail/mailboxes/${enc(id)}`, input),
  testMailbox: (id: number) => request<MailboxTest>('POST', `/api/admin/mail/mailboxes/${enc(id)}/test`),
  quarantine: (page = 0, size = 20) => request<Page<QuarantinedMail>>('GET', `/api/admin/mail/quarantine${query({ page, size })}`),
  dismiss: (id: number) => request<void>('DELETE', `/api/admin/mail/quarantine/${enc(id)}`),
  deliveries: (page = 0, size = 20) => request<Page<Delivery>>('GET', `/api/admin/mail/deliveries${query({ page, size })}`),

  templates: () => request<TemplateRow[]>('GET', '/api/mail/templates'),
  template: (name: string, language: TemplateLanguage) =>
    request<MailTemplate>('GET', `/api/mail/templates/${enc(name)}/${language}`),
  saveTemplate: (name: string, language: TemplateLanguage, source: string, version: number) =>
    request<MailTemplate>('PUT', `/api/mail/templates/${enc(name)}/${language}`, { source, version }),
  revertTemplate: (name: string, language: TemplateLanguage) =>
    request<MailTemplate>('DELETE', `/api/mail/templates/${enc(name)}/${language}`),
  previewTemplate: (name: string, language: TemplateLanguage, source: string, ticketId?: number | null) =>
    request<{ subject: string; body: string }>('POST', `/api/mail/templates/${enc(name)}/${language}/preview`, {
      source,
      ticketId: ticketId ?? null,
    }),
};
