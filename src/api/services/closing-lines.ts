/**
 * The odds history of every match whose market has closed, read from the database and re-read in the
 * background when those matches' prices change (not when a fixture's do): the cards' closing odd and CLV come
 * from it. A failed read keeps the last good copy in service, like the artifacts.
 */
import type { Queryable } from '../../db/db.ts';
import { closedOddsVersion, loadClosedMatchSnapshots } from '../../db/odds-history-repository.ts';
import { closingSnapshot, type OddsSnapshot } from '../../domain/odds-history.ts';

export interface ClosingLines {
  /** Changes whenever the history does: part of the cards body's cache key. */
  readonly version: string;
  get(matchId: number): readonly OddsSnapshot[] | undefined;
}

export const NO_CLOSING_LINES: ClosingLines = { version: 'none', get: () => undefined };

export interface ClosingLineSource {
  current(): ClosingLines;
  /** Re-reads the history if the odds changed; resolves true when it did (never rejects). */
  refresh(): Promise<boolean>;
}

/**
 * What a card reads of a match's history (card, cardValueBet): its closing price (closingSnapshot: the preferred
 * bookmaker's) and the pre-match prices (betPrice: the one a published prediction is bet at). Every other bookmaker's closing price is dropped:
 * on the whole football-data history that is most of the 1.5 million snapshots the API would otherwise hold.
 */
export function whatCardsRead(snapshots: readonly OddsSnapshot[]): OddsSnapshot[] {
  const close = closingSnapshot(snapshots);
  const kept = snapshots.filter((s) => s.kind === 'pre_match');
  if (close) kept.push(close);
  return kept;
}

export function createClosingLineSource(db: Queryable, onError: (error: unknown) => void): ClosingLineSource {
  let lines = NO_CLOSING_LINES;
  let running: Promise<boolean> | null = null;

  async function check(): Promise<boolean> {
    try {
      const version = await closedOddsVersion(db);
      if (version === lines.version) return false;
      const byMatch = await loadClosedMatchSnapshots(db, whatCardsRead);
      lines = { version, get: (matchId) => byMatch.get(matchId) };
      return true;
    } catch (error) {
      onError(error);
      return false;
    }
  }

  return {
    current: () => lines,
    refresh() {
      running ??= check().finally(() => {
        running = null;
      });
      return running;
    },
  };
}
