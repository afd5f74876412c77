/** Provider files as /monitoring/sources shows them, with the stale flag the alerting reads (matchcast_provider_sources_stale). */
import type { Db } from '../../db/db.ts';
import { loadProviderFiles } from '../../db/provider-file-repository.ts';
import { isStale } from '../../domain/source-health.ts';
import type { SourceHealth } from '../schemas/monitoring.ts';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export async function sourceHealth(db: Db, nowMs: number): Promise<SourceHealth[]> {
  return [...(await loadProviderFiles(db)).values()].map((s) => ({
    path: s.path,
    url: s.url,
    status: s.status,
    last_attempt_at: iso(s.lastAttemptAt),
    last_success_at: iso(s.lastSuccessAt),
    last_changed_at: iso(s.lastChangedAt),
    rows: s.rows,
    failures: s.failures,
    last_error: s.lastError,
    final: s.final,
    stale_after_hours: s.staleAfterHours,
    stale: isStale(s, nowMs),
  }));
}
