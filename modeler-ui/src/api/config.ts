import { request } from './http';

/**
 * The client of issue 12 part 5 for designers: versions and diffs of every artefact, and the configuration archive
 * (export, dry run, import). Kept apart from api/index.ts.
 */

export type ArtefactKind = 'processes' | 'forms' | 'rulesets' | 'templates';

export interface VersionEntry {
  version: number;
  author: string;
  at: string | null;
  comment: string | null;
  current: boolean;
}

export interface DiffLine {
  op: 'SAME' | 'ADDED' | 'REMOVED';
  fromLine: number | null;
  toLine: number | null;
  text: string;
}

export interface RowChange {
  table: string;
  row: string;
  change: 'ADDED' | 'REMOVED' | 'CHANGED' | 'MOVED';
  fromPosition: number | null;
  toPosition: number | null;
  cells: { column: string; from: string; to: string }[];
}

export interface ElementChange {
  id: string;
  change: 'ADDED' | 'REMOVED' | 'CHANGED';
  type: string;
  name: string | null;
  properties: { property: string; from: string | null; to: string | null }[];
}

export interface Comparison {
  artefact: string;
  from: number;
  to: number;
  fromText: string;
  toText: string;
  lines: DiffLine[];
  table: { tables: { table: string; change: string; detail: string }[]; rows: RowChange[] } | null;
  elements: ElementChange[] | null;
}

export interface ImportEntry {
  path: string;
  type: string;
  name: string;
  language: string | null;
  status: 'NEW' | 'UNCHANGED' | 'CHANGED' | 'INVALID';
  currentVersion: number | null;
  importedVersion: number | null;
  errors: { path: string; message: string }[];
  warnings: { path: string; message: string }[];
}

export interface ImportReport {
  dryRun: boolean;
  applied: boolean;
  entries: ImportEntry[];
}

const enc = (value: string | number) => encodeURIComponent(String(value));

/** Where an artefact's versions live; a template's name is "name/language". */
function base(kind: ArtefactKind, name: string): string {
  if (kind === 'templates') {
    const [template, language] = name.split('/');
    return `/api/mail/templates/${enc(template)}/${enc(language || 'en')}`;
  }
  return `/api/${kind}/${enc(name)}`;
}

export const configApi = {
  versions: (kind: ArtefactKind, name: string) => request<VersionEntry[]>('GET', `${base(kind, name)}/versions`),
  diff: (kind: ArtefactKind, name: string, from: number, to: number) =>
    request<Comparison>('GET', `${base(kind, name)}/diff?from=${enc(from)}&to=${enc(to)}`),
  exportHref: '/api/config/export',
  importArchive(file: File, dryRun: boolean) {
    const form = new FormData();
    form.append('file', file);
    return request<ImportReport>('POST', `/api/config/import?dryRun=${dryRun}`, undefined, { raw: form });
  },
};
