import { request } from './http';

/** The password reset API (open without sign-in): ask for a mailed link, check it, set the new password with it. */
export const passwordReset = {
  /** Always the same 202 whether or not the account exists; 429 when asked too often. */
  request: (login: string) => request<{ detail: string }>('POST', '/api/password-reset', { login }),
  /** Until when the link works; 400 naming `token` when it is unknown, used or expired. */
  check: (token: string) => request<{ valid: boolean; expiresAt: string }>('GET', `/api/password-reset/${encodeURIComponent(token)}`),
  /** 204; 400 naming `password` (the policy, token still usable) or `token`. */
  reset: (token: string, password: string) =>
    request<void>('POST', `/api/password-reset/${encodeURIComponent(token)}`, { password }),
};
