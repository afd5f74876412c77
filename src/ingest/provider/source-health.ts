/**
 * Source health of one provider file (pure): a watched file — not a finished season — that has not changed
 * for longer than its `stale_after_hours` is stale, and so is one never pulled successfully since it was first
 * tried that long ago. The feed breaking silently is what this catches.
 */
import type { ProviderFileState } from '../../db/provider-file-repository.ts';

export function isStale(s: ProviderFileState, nowMs: number): boolean {
  if (s.final) return false;
  const since = s.lastChangedAt ?? s.lastAttemptAt;
  if (since === null) return false;
  return nowMs - since.getTime() > s.staleAfterHours * 3_600_000;
}
