/**
 * Each team's earlier matches as a feature row holds them (`home_matches_played`, `away_matches_played`): the
 * history the training window and the value-bet rule (src/domain/value-bet.ts) read, from one place.
 */
import type { TeamHistory } from '../domain/value-bet.ts';
import { featurePairReader } from './feature-columns.ts';
import type { FeatureTable } from './feature-table.ts';

/** A reader of row `i`'s team history; null when the table has no such columns (a hand-made test table). */
export function teamHistoryReader(
  table: Pick<FeatureTable, 'featureNames' | 'd' | 'x'>,
): ((row: number) => TeamHistory) | null {
  return featurePairReader(table, 'home_matches_played', 'away_matches_played', (home, away) => ({
    home,
    away,
  }));
}
