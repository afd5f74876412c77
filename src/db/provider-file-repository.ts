/**
 * What sync remembers per provider file (provider_files): the validators of the next conditional GET, the last
 * pull's outcome and the file's health; and the append-only record of every body pulled (provider_pulls), whose
 * raw bytes sit in the artifact store under their sha256.
 */
import type { Queryable } from './db.ts';

/** The latest pull's outcome as provider_files records it; /monitoring/sources shows the same list. */
export const PROVIDER_FILE_STATUSES = ['ok', 'missing', 'rejected', 'failed'] as const;
export type ProviderFileStatus = (typeof PROVIDER_FILE_STATUSES)[number];

export interface ProviderFileState {
  readonly url: string;
  readonly path: string;
  readonly etag: string | null;
  readonly lastModified: string | null;
  readonly sha256: string | null;
  readonly rows: number | null;
  /** When the file was first asked for (kept by every later save). */
  readonly firstAttemptAt: Date | null;
  readonly lastAttemptAt: Date | null;
  readonly lastSuccessAt: Date | null;
  readonly lastChangedAt: Date | null;
  readonly failures: number;
  readonly lastError: string | null;
  readonly status: ProviderFileStatus;
  readonly final: boolean;
  readonly staleAfterHours: number;
}

interface Row {
  [column: string]: unknown;
  url: string;
  path: string;
  etag: string | null;
  last_modified: string | null;
  sha256: string | null;
  rows: number | null;
  first_attempt_at: Date | null;
  last_attempt_at: Date | null;
  last_success_at: Date | null;
  last_changed_at: Date | null;
  failures: number;
  last_error: string | null;
  status: ProviderFileStatus;
  final: boolean;
  stale_after_hours: number;
}

const toState = (r: Row): ProviderFileState => ({
  url: r.url,
  path: r.path,
  etag: r.etag,
  lastModified: r.last_modified,
  sha256: r.sha256,
  rows: r.rows === null ? null : Number(r.rows),
  firstAttemptAt: r.first_attempt_at,
  lastAttemptAt: r.last_attempt_at,
  lastSuccessAt: r.last_success_at,
  lastChangedAt: r.last_changed_at,
  failures: Number(r.failures),
  lastError: r.last_error,
  status: r.status,
  final: r.final,
  staleAfterHours: Number(r.stale_after_hours),
});

export async function loadProviderFiles(q: Queryable): Promise<Map<string, ProviderFileState>> {
  const rows = await q.query<Row>('SELECT * FROM provider_files ORDER BY path');
  return new Map(rows.map((r) => [r.url, toState(r)]));
}

// $1 url … $14 stale_after_hours, in ProviderFileState order; $15 first_attempt_at, which a later save never moves.
const UPSERT = `
  INSERT INTO provider_files (url, path, etag, last_modified, sha256, rows, last_attempt_at, last_success_at,
                              last_changed_at, failures, last_error, status, final, stale_after_hours,
                              first_attempt_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
  ON CONFLICT (url) DO UPDATE SET
    path = EXCLUDED.path, etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified, sha256 = EXCLUDED.sha256,
    rows = EXCLUDED.rows, last_attempt_at = EXCLUDED.last_attempt_at, last_success_at = EXCLUDED.last_success_at,
    last_changed_at = EXCLUDED.last_changed_at, failures = EXCLUDED.failures, last_error = EXCLUDED.last_error,
    status = EXCLUDED.status, final = EXCLUDED.final, stale_after_hours = EXCLUDED.stale_after_hours,
    first_attempt_at = coalesce(provider_files.first_attempt_at, EXCLUDED.first_attempt_at)`;

export async function saveProviderFile(q: Queryable, s: ProviderFileState): Promise<void> {
  await q.query(UPSERT, [
    s.url,
    s.path,
    s.etag,
    s.lastModified,
    s.sha256,
    s.rows,
    s.lastAttemptAt,
    s.lastSuccessAt,
    s.lastChangedAt,
    s.failures,
    s.lastError,
    s.status,
    s.final,
    s.staleAfterHours,
    s.firstAttemptAt ?? s.lastAttemptAt,
  ]);
}

/**
 * Forgets every file but `urls` (what this sync asked for): a file no sync asks for any more (another provider
 * URL, a league dropped) is no longer watched, and kept it would read as stale for ever. Its pulls stay on
 * record. Returns the forgotten paths.
 */
export async function forgetProviderFilesExcept(q: Queryable, urls: readonly string[]): Promise<string[]> {
  const rows = await q.query<{ url: string }>(
    'DELETE FROM provider_files WHERE NOT (url = ANY($1::text[])) RETURNING url',
    [[...urls]],
  );
  return rows.map((r) => r.url).sort();
}

export interface ProviderPull {
  readonly url: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly fetchedAt: Date;
  readonly outcome: 'imported' | 'rejected';
  readonly reason: string | null;
}

export async function recordPull(q: Queryable, p: ProviderPull): Promise<void> {
  await q.query(
    'INSERT INTO provider_pulls (url, sha256, bytes, fetched_at, outcome, reason) VALUES ($1, $2, $3, $4, $5, $6)',
    [p.url, p.sha256, p.bytes, p.fetchedAt, p.outcome, p.reason],
  );
}
