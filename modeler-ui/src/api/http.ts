import type { Problem } from './types';

/**
 * The one place that talks HTTP to the engine. The browser app rides on the session cookie of Spring Security's
 * form login, so every call sends the cookie, announces itself as XHR (Spring then answers 401 instead of
 * redirecting to the login page) and, for state-changing calls, echoes the XSRF-TOKEN cookie as X-XSRF-TOKEN.
 */

export const LOGIN_PATH = '/login';

const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'X-XSRF-TOKEN';

/** A non-2xx answer; `problem` holds the RFC 9457 body when the engine sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

let leaving = false;

/**
 * The one answer to an expired session, for every call of every area: send the browser to the login page (once,
 * however many calls fail together) and never settle. The page is being replaced, so no caller renders an error or
 * goes on with its work, and none of them needs to know that sessions expire.
 */
function goToLogin(): Promise<never> {
  if (!leaving) {
    leaving = true;
    window.location.assign(LOGIN_PATH);
  }
  return new Promise<never>(() => {});
}

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

/**
 * Spring Security 6 issues the CSRF cookie lazily; a GET that reaches the API makes the engine set it, so a
 * first POST right after sign-in still carries a token.
 */
export async function csrfToken(): Promise<string | null> {
  const token = readCookie(CSRF_COOKIE);
  if (token) return token;
  await fetch('/api/me', { credentials: 'same-origin', headers: baseHeaders() });
  return readCookie(CSRF_COOKIE);
}

function baseHeaders(): Record<string, string> {
  return { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
}

/** A response that is the login page (a redirect followed by fetch) means the session is gone. */
function isLoginPage(response: Response): boolean {
  if (response.status === 401) return true;
  if (!response.redirected) return false;
  return new URL(response.url).pathname === LOGIN_PATH;
}

async function problemOf(response: Response): Promise<Problem> {
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      return (await response.json()) as Problem;
    } catch {
      // fall through to a generic problem: the body was not the JSON it claimed to be
    }
  }
  return { status: response.status, title: response.statusText || `HTTP ${response.status}` };
}

/** How a call sends its body and reads its answer when it is not JSON both ways. */
export interface RequestOptions {
  /** A body sent as it is (text, FormData, Blob) instead of JSON; FormData sets its own multipart Content-Type. */
  raw?: BodyInit;
  contentType?: string;
  /** Read the answer as text (BPMN XML) instead of JSON. */
  text?: boolean;
  accept?: string;
}

export async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers = baseHeaders();
  if (options.accept) headers.Accept = options.accept;
  if (method !== 'GET' && method !== 'HEAD') {
    const token = await csrfToken();
    if (token) headers[CSRF_HEADER] = token;
  }
  let payload: BodyInit | undefined;
  if (options.raw !== undefined) {
    payload = options.raw;
    if (options.contentType) headers['Content-Type'] = options.contentType;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }

  const response = await fetch(path, { method, headers, credentials: 'same-origin', body: payload });
  if (isLoginPage(response)) return goToLogin();
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  if (response.status === 204) return undefined as T;
  if (options.text) return (await response.text()) as T;
  const type = response.headers.get('Content-Type') || '';
  return (type.includes('json') ? await response.json() : undefined) as T;
}

/** A polled answer: unchanged since the tag the caller had, or the new value with its tag. */
export type Polled<T> = { changed: false } | { changed: true; value: T; etag: string | null };

/**
 * A GET for live updates: sends the entity tag of the last answer as `If-None-Match`, so an unchanged list or page
 * costs the engine a small aggregate and a 304 without a body. The browser's own cache stays out of it (the engine
 * forbids storing API answers anyway), so the tag is the caller's to keep.
 */
export async function pollRequest<T>(path: string, etag: string | null): Promise<Polled<T>> {
  const headers = baseHeaders();
  if (etag) headers['If-None-Match'] = etag;
  const response = await fetch(path, { method: 'GET', headers, credentials: 'same-origin', cache: 'no-store' });
  if (isLoginPage(response)) return goToLogin();
  if (response.status === 304) return { changed: false };
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  return { changed: true, value: (await response.json()) as T, etag: response.headers.get('ETag') };
}
