import { request, goToLogin, LOGIN_PATH } from './http';
import type {
  FormDefinition,
  HistoryEvent,
  Me,
  Page,
  SubmissionResult,
  TicketDetail,
  TicketSummary,
} from './types';

export { ApiError, SessionExpired } from './http';
export type * from './types';

const enc = encodeURIComponent;

/** The thin typed client of the Flowdesk REST API (shared/API.md); one function per endpoint used. */
export const api = {
  me: () => request<Me>('GET', '/api/me'),

  tickets: (view: 'mine' | 'queue' | 'all' = 'mine') =>
    request<Page<TicketSummary>>('GET', `/api/tickets?view=${enc(view)}`),

  ticket: (id: number | string) => request<TicketDetail>('GET', `/api/tickets/${enc(String(id))}`),

  ticketHistory: (id: number | string) =>
    request<HistoryEvent[] | Page<HistoryEvent>>('GET', `/api/tickets/${enc(String(id))}/history`).then(
      (body) => (Array.isArray(body) ? body : body.items),
    ),

  form: (key: string) => request<FormDefinition>('GET', `/api/forms/${enc(key)}`),

  submitForm: (key: string, data: Record<string, unknown>) =>
    request<SubmissionResult>('POST', `/api/forms/${enc(key)}/submissions`, { data }),

  /** Ends the session (Spring Security's POST /logout) and shows the login page. */
  async logout(): Promise<void> {
    try {
      await request<void>('POST', '/logout');
    } catch {
      // the session may already be gone; the login page is the right place either way
    }
    window.location.assign(`${LOGIN_PATH}?logout`);
  },

  goToLogin,
};
