/**
 * Source health of one provider file (pure): a watched file — not a finished season — that has not changed for
 * longer than its allowance is stale, and so is one never pulled successfully since it was first tried that
 * long ago. A feed that breaks silently is what this catches.
 */
export interface SourceTimes {
  readonly final: boolean;
  readonly lastChangedAt: Date | null;
  /** When the file was first asked for: a file never pulled successfully is measured from there. */
  readonly firstAttemptAt: Date | null;
  readonly staleAfterHours: number;
}

export function isStale(s: SourceTimes, nowMs: number): boolean {
  if (s.final) return false;
  const since = s.lastChangedAt ?? s.firstAttemptAt;
  if (since === null) return false;
  return nowMs - since.getTime() > s.staleAfterHours * 3_600_000;
}
