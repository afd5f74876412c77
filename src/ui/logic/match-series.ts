/** A match's history as chart series: its logged probabilities, and one bookmaker's odds over time. */
import type { MatchCard } from '../api/cards.ts';
import type { OddsHistoryView, PredictionHistoryView } from '../api/match-history.ts';
import { type LoggedSource, loggedSource } from './prediction-source.ts';

export interface ThreeWaySeries {
  readonly timesMs: number[];
  readonly values: [number[], number[], number[]];
}

function series(points: readonly { readonly t: number; readonly v: readonly number[] }[]): ThreeWaySeries {
  const sorted = [...points].sort((a, b) => a.t - b.t);
  return {
    timesMs: sorted.map((p) => p.t),
    values: [0, 1, 2].map((k) => sorted.map((p) => p.v[k] as number)) as [number[], number[], number[]],
  };
}

/** One source's home, draw and away on a shared time axis: null at the other sources' times. */
export interface SourceLine {
  readonly source: LoggedSource;
  readonly values: [(number | null)[], (number | null)[], (number | null)[]];
}

/** The lines' order, as the legend lists them: what was published, its reconstruction, then hindsight. */
const LINE_ORDER: readonly LoggedSource[] = ['before_kickoff', 'backtest', 'after_kickoff'];

/**
 * Every logged prediction, oldest first, as one line per source (published before kick-off, the walk-forward
 * backtest, after kick-off; LINE_ORDER): a published prediction and the backtest's reconstruction
 * are different models' views of the match, and one line through both drew one model changing its mind.
 */
export function probabilityLines(history: PredictionHistoryView): {
  readonly timesMs: number[];
  readonly lines: readonly SourceLine[];
} {
  const logged = history.predictions
    .map((p) => ({ t: p.loggedAtMs, v: p.probs, source: loggedSource(p) }))
    .sort((a, b) => a.t - b.t);
  const present = LINE_ORDER.filter((s) => logged.some((p) => p.source === s));
  return {
    timesMs: logged.map((p) => p.t),
    lines: present.map((source) => ({
      source,
      values: [0, 1, 2].map((k) => logged.map((p) => (p.source === source ? (p.v[k] as number) : null))) as [
        (number | null)[],
        (number | null)[],
        (number | null)[],
      ],
    })),
  };
}

/**
 * The odds movement of one bookmaker: the one whose closing price the API reports (else its latest or opening
 * price), so the line runs opening → latest → closing at a single bookmaker instead of zig-zagging between
 * several. Null when the match has no price at all.
 */
export function oddsSeries(odds: OddsHistoryView): (ThreeWaySeries & { readonly bookmaker: string }) | null {
  const bookmaker = (odds.closing ?? odds.latestPreMatch ?? odds.opening ?? odds.snapshots[0])?.bookmaker;
  if (bookmaker === undefined) return null;
  const own = odds.snapshots.filter((s) => s.bookmaker === bookmaker);
  return { bookmaker, ...series(own.map((s) => ({ t: s.observedAtMs, v: s.odds }))) };
}

/**
 * The odds table's word for a price the match has none of: one may still come while it is scheduled; once it has
 * kicked off (or been played), none will.
 */
export function missingPriceText(card: Pick<MatchCard, 'outcome' | 'status'>): string {
  return card.outcome === null && card.status === 'scheduled' ? 'none yet' : 'none recorded';
}
