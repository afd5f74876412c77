/**
 * What the backtest's bets by edge band say about sorting the matches by edge: a list sorted "Largest edge
 * first" invites reading the largest edge as the best bet, and the record is what says whether it has been.
 * Every figure is the API's (`by_edge`); this only puts them into words.
 */
import { edgeBandLabel } from '../../domain/edge-bands.ts';
import type { EdgeBandRecordView as Band, TrackRecordView } from '../api/track-record.ts';
import { pctInterval, signedPct } from './format.ts';
import type { SortDirection } from './sort.ts';
import { bets } from './track-record.ts';

/** The part of a track record (here the walk-forward backtest's) that splits its bets by edge. */
export type EdgeRecord = Pick<TrackRecordView, 'by_edge'>;

/**
 * Whether a larger edge has meant a better bet, from the bands with bets, largest edges first: only if ROI rises
 * from each band to the next, and beyond chance only if the largest band's interval lies wholly above the
 * smallest's.
 */
function verdict(largestFirst: readonly Band[]): string {
  const rising = largestFirst.every(
    (b, k) => k === 0 || (b.roi.flat.roi_pct as number) < (largestFirst[k - 1]?.roi.flat.roi_pct as number),
  );
  if (!rising) return 'a larger edge has not meant a better bet';
  const top = largestFirst[0]?.roi.flat.ci95 ?? null;
  const bottom = largestFirst.at(-1)?.roi.flat.ci95 ?? null;
  if (top !== null && bottom !== null && top[0] > bottom[1]) return 'larger edges have returned more';
  return 'ROI rises with the edge here, but no more than chance gives on these bets';
}

/**
 * One sentence under the matches' edge sort: the backtest's flat ROI in each edge band with bets, in the list's
 * order (largest edges first for `desc`, smallest first for `asc`; each with its interval and bets), and whether a
 * larger edge has meant a better bet (verdict). It names its source, the walk-forward backtest over every league,
 * as the view's filters do not apply to it. Null while the record is not read, and when it has no bet.
 */
export function edgeSortNote(record: EdgeRecord | null, direction: SortDirection): string | null {
  if (record === null) return null;
  const largestFirst = record.by_edge
    .filter((b) => b.roi.flat.n_bets > 0 && b.roi.flat.roi_pct !== null)
    .reverse();
  const listed = direction === 'desc' ? largestFirst : [...largestFirst].reverse();
  const [first] = listed;
  if (first === undefined) return null;
  const figures = (b: Band) =>
    `${signedPct(b.roi.flat.roi_pct)} ${pctInterval(b.roi.flat.ci95)} on ${bets(b.roi.flat.n_bets)}`;
  const opening = `In the walk-forward backtest over every league (this view's filters do not apply), flat stakes on edges of ${edgeBandLabel(first)} returned ${figures(first)}`;
  if (listed.length === 1) return `${opening}, the only edges with bets: nothing to compare them with.`;
  const rest = listed.slice(1).map((b) => `${edgeBandLabel(b)}: ${figures(b)}`);
  return `${opening}; ${rest.join('; ')} — ${verdict(largestFirst)}.`;
}
