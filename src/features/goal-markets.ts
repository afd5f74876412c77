/**
 * The goal markets of a match as the feature table holds them: over 2.5 goals and both teams to score from the
 * Dixon–Coles score matrix (`dc_over25`, `dc_btts`). A feature row sees only results of matches that kicked off
 * before it, so these probabilities are walk-forward by construction: the fit behind a finished match's values
 * never saw that match (the leakage rule's condition, src/domain/leakage-rule.ts).
 *
 * @example
 *   const read = goalMarketReader(table);
 *   read?.(row); // { over25: 0.52, btts: 0.55 }
 */
import type { GoalMarkets } from '../domain/goal-markets.ts';
import { featurePairReader } from './feature-columns.ts';
import type { FeatureTable } from './feature-table.ts';

export type { GoalMarkets };

/** A reader of rows' goal markets, or null when the table has no Dixon–Coles columns. */
export function goalMarketReader(
  table: Pick<FeatureTable, 'featureNames' | 'd' | 'x'>,
): ((row: number) => GoalMarkets) | null {
  return featurePairReader(table, 'dc_over25', 'dc_btts', (over25, btts) => ({ over25, btts }));
}
