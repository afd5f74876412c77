/**
 * What the backtest's bets by edge band say about sorting the matches by edge: a list sorted "Largest edge
 * first" invites reading the largest edge as the best bet, and the record is what says whether it has been.
 * Every figure is the API's (`by_edge`); this only puts them into words.
 */
import { edgeBandLabel } from '../../domain/edge-bands.ts';
import type { EdgeBandRecordView as Band, TrackRecordView } from '../api/track-record.ts';
import { pctInterval, signedPct } from './format.ts';
import { bets } from './track-record.ts';

/** The part of a track record (here the walk-forward backtest's) that splits its bets by edge. */
export type EdgeRecord = Pick<TrackRecordView, 'by_edge'>;

/**
 * The largest band with bets against the smallest: not better, better only within what chance gives on these
 * bets, or better beyond it (its ROI interval wholly above the other's).
 */
function verdict(largest: Band, smallest: Band): string {
  const [top, bottom] = [largest.roi.flat, smallest.roi.flat];
  if ((top.roi_pct as number) <= (bottom.roi_pct as number))
    return 'a larger edge has not meant a better bet';
  if (top.ci95 !== null && bottom.ci95 !== null && top.ci95[0] > bottom.ci95[1])
    return 'larger edges have returned more';
  return 'larger edges returned more, but no more than chance gives on these bets';
}

/**
 * One sentence under the matches' edge sort: the backtest's flat ROI in each edge band with bets, largest edges
 * first (each with its interval and bets), and whether the largest edges did better than the smallest. Null
 * while the record is not read, and when it has no bet.
 */
export function edgeSortNote(record: EdgeRecord | null): string | null {
  if (record === null) return null;
  const withBets = record.by_edge
    .filter((b) => b.roi.flat.n_bets > 0 && b.roi.flat.roi_pct !== null)
    .reverse();
  const [largest] = withBets;
  const smallest = withBets.at(-1);
  if (largest === undefined || smallest === undefined) return null;
  const figures = (b: Band) =>
    `${signedPct(b.roi.flat.roi_pct)} ${pctInterval(b.roi.flat.ci95)} on ${bets(b.roi.flat.n_bets)}`;
  const opening = `In the backtest, flat stakes on edges of ${edgeBandLabel(largest)} returned ${figures(largest)}`;
  if (largest === smallest) return `${opening}, the only edges with bets: nothing to compare them with.`;
  const rest = withBets.slice(1).map((b) => `${edgeBandLabel(b)}: ${figures(b)}`);
  return `${opening}; ${rest.join('; ')} — ${verdict(largest, smallest)}.`;
}
