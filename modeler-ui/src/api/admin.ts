import type { Page } from './types';
import { request } from './http';

/** The client of the admin area's endpoints (issue 15 part 4): users, groups and roles, queues, tenants, tokens, audit. */

export type GrantedRole = 'AGENT' | 'APPROVER' | 'DESIGNER' | 'ADMIN';

export interface AdminUser {
  id: string;
  firstName: string | null;
  lastName: string | null;
  name: string;
  email: string | null;
  language: string | null;
  tenant: string | null;
  groups: string[];
  roles: string[];
  /** null for a local account, else `ldap` or `oidc:<registration>` (read-only except groups). */
  source: string | null;
  disabled: boolean;
}

export interface UserFields {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  language: string | null;
  tenant: string | null;
  groups: string[];
}

export interface NewUser extends UserFields {
  id: string;
  password: string;
}

export interface AdminGroup {
  id: string;
  name: string;
  role: GrantedRole | null;
  members: number;
}

export interface GroupDetail {
  id: string;
  name: string;
  role: GrantedRole | null;
  members: { id: string; name: string; email: string | null }[];
}

export interface Queue {
  id: string;
  name: string;
  agents: number;
  calendar: { id: number; name: string } | null;
  mailboxes: { id: number; address: string; enabled: boolean }[];
}

export interface AdminTenant {
  id: string;
  name: string;
  organisations: number;
  users: number;
}

export interface TokenInfo {
  id: number;
  userId: string;
  name: string;
  hint: string;
  scopes: string[];
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface CreatedToken {
  id: number;
  token: string;
  name: string;
  scopes: string[];
  expiresAt: string;
}

export interface SecurityEvent {
  id: number;
  occurredAt: string;
  kind: string;
  actor: string | null;
  subject: string | null;
  address: string | null;
  detail: string | null;
}

/** What an erasure changed, or would change on a dry run (privacy.PersonErasure.Result). */
export interface ErasureResult {
  pseudonym: string;
  mode: 'PSEUDONYMISE' | 'ERASE';
  dryRun: boolean;
  accountRemoved: boolean;
  attachmentsDeleted: number;
  tokensDeleted: number;
  mailsSuppressed: number;
  rowsRewritten: number;
  /** Rows per `table.column`. */
  rewritten: Record<string, number>;
}

const q = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => [k, String(v)])).toString();

export const admin = {
  users: (text: string, page: number, size: number) =>
    request<Page<AdminUser>>('GET', `/api/admin/users?${q({ q: text, page, size })}`),
  user: (id: string) => request<AdminUser>('GET', `/api/admin/users/${encodeURIComponent(id)}`),
  createUser: (user: NewUser) => request<AdminUser>('POST', '/api/admin/users', user),
  updateUser: (id: string, fields: UserFields) => request<AdminUser>('PUT', `/api/admin/users/${encodeURIComponent(id)}`, fields),
  disable: (id: string) => request<AdminUser>('POST', `/api/admin/users/${encodeURIComponent(id)}/disable`, {}),
  enable: (id: string) => request<AdminUser>('POST', `/api/admin/users/${encodeURIComponent(id)}/enable`, {}),
  resetPassword: (id: string, password: string) =>
    request<void>('POST', `/api/admin/users/${encodeURIComponent(id)}/password`, { password }),
  resetTotp: (id: string) => request<void>('DELETE', `/api/admin/users/${encodeURIComponent(id)}/totp`),
  groups: () => request<AdminGroup[]>('GET', '/api/admin/groups'),
  group: (id: string) => request<GroupDetail>('GET', `/api/admin/groups/${encodeURIComponent(id)}`),
  createGroup: (id: string, name: string, role: GrantedRole | null) =>
    request<GroupDetail>('POST', '/api/admin/groups', { id, name, role }),
  updateGroup: (id: string, name: string, role: GrantedRole | null) =>
    request<GroupDetail>('PUT', `/api/admin/groups/${encodeURIComponent(id)}`, { name, role }),
  addMember: (group: string, userId: string) =>
    request<GroupDetail>('POST', `/api/admin/groups/${encodeURIComponent(group)}/members`, { userId }),
  removeMember: (group: string, userId: string) =>
    request<GroupDetail>('DELETE', `/api/admin/groups/${encodeURIComponent(group)}/members/${encodeURIComponent(userId)}`),
  queues: () => request<Queue[]>('GET', '/api/admin/queues'),
  tenants: () => request<AdminTenant[]>('GET', '/api/admin/tenants'),
  createTenant: (id: string, name: string) => request<AdminTenant>('POST', '/api/admin/tenants', { id, name }),
  tokens: () => request<TokenInfo[]>('GET', '/api/admin/tokens'),
  createToken: (userId: string, name: string, scopes: string[], expiresAt: string) =>
    request<CreatedToken>('POST', '/api/admin/tokens', { userId, name, scopes, expiresAt }),
  revokeToken: (id: number) => request<TokenInfo>('DELETE', `/api/admin/tokens/${id}`),
  erase: (person: string, mode: 'pseudonymise' | 'erase', dryRun: boolean) =>
    request<ErasureResult>('POST', `/api/admin/people/${encodeURIComponent(person)}/erase`, { mode, dryRun }),
  events: (kind: string, actor: string, page: number, size: number) =>
    request<Page<SecurityEvent>>('GET', `/api/admin/security-events?${q({ kind, actor, page, size })}`),
};
