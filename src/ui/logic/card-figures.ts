/**
 * How a card's optional figures read: over 2.5 goals and both teams to score (when the API sends them), and the
 * value bet's stakes, closing odd and CLV (computed by the API; the browser only formats them).
 */
import type { EdgeRule, SuspectEdge } from '../../domain/value-bet.ts';
import type { CardValueBet, MatchCard } from '../api/cards.ts';
import type { TrackRecordView } from '../api/track-record.ts';
import { counted, intervalTone, odd, pct, pctInterval, signedPct } from './format.ts';
import { bets } from './track-record.ts';

export interface GoalsText {
  /** For the narrow list cell: `O54 B48`. */
  readonly short: string;
  /** Spelled out: `over 2.5 goals 54% · both teams score 48%`. */
  readonly long: string;
}

/** Null when the card has neither figure. */
export function goalsText(card: Pick<MatchCard, 'probOver25' | 'probBtts'>): GoalsText | null {
  const short: string[] = [];
  const long: string[] = [];
  if (card.probOver25 !== null) {
    short.push(`O${(card.probOver25 * 100).toFixed(0)}`);
    long.push(`over 2.5 goals ${pct(card.probOver25, 0)}`);
  }
  if (card.probBtts !== null) {
    short.push(`B${(card.probBtts * 100).toFixed(0)}`);
    long.push(`both teams score ${pct(card.probBtts, 0)}`);
  }
  return short.length === 0 ? null : { short: short.join(' '), long: long.join(' · ') };
}

/**
 * The value bet's second line in the list: `at 2.50 · K 3.1% · CLV +4.0%` (the price its edge is judged at, K: Kelly
 * stake, only where stakes are advised (valueBetRecordText); what the API sent, nothing else).
 */
export function betFiguresText(bet: CardValueBet, stakesAdvised: boolean): string {
  // The price the edge is judged at: on a finished match the odds column shows the close, not this one.
  const parts: string[] = [`at ${odd(bet.odd)}`];
  if (stakesAdvised && bet.stakeKelly !== null) parts.push(`K ${pct(bet.stakeKelly)}`);
  if (bet.clv !== null) parts.push(`CLV ${signedPct(bet.clv * 100)}`);
  else if (bet.closingOdd !== null) parts.push(`close ${odd(bet.closingOdd)}`);
  return parts.join(' · ');
}

/**
 * The match detail's tag on the value bet's outcome: `value`, or `value at 4.75` when the odd the detail shows
 * (the latest; the close on a finished match) is not the price the bet's edge was judged at.
 */
export function valueTagText(bet: CardValueBet, shownOdd: number | null): string {
  return shownOdd === bet.odd ? 'value' : `value at ${odd(bet.odd)}`;
}

/**
 * The price an edge p·odd − 1 is worked out at. The detail shows two edges of one outcome — the value bet's, at the
 * price it was taken at, and the table's, at the close once the match is played — and names the price beside each,
 * so one is never read for the other.
 */
export type EdgePrice = 'published' | 'backtest' | 'latest' | 'close' | 'taken-at-close';

/**
 * Whether the bet was taken at the closing price: the match's only prices are closing ones (closing-only files),
 * so the API gives it a closing odd but no CLV (betClosingLineValue in src/domain/odds-history.ts).
 */
export function betTakenAtClose(bet: Pick<CardValueBet, 'closingOdd' | 'clv'>): boolean {
  return bet.closingOdd !== null && bet.clv === null;
}

/** `+9.4% at 2.98, the price when published`, `+3.2% at the close 3.04`: every edge the detail shows. */
export function edgeText(edge: number, price: number, at: EdgePrice): string {
  const value = signedPct(edge * 100);
  switch (at) {
    case 'close':
      return `${value} at the close ${odd(price)}`;
    case 'taken-at-close':
      return `${value} at the close ${odd(price)} (closing-only data)`;
    case 'published':
      return `${value} at ${odd(price)}, the price when published`;
    case 'backtest':
      return `${value} at ${odd(price)}, the last price before kick-off`;
    case 'latest':
      return `${value} at ${odd(price)}, the latest price`;
  }
}

/**
 * Which price the API judged a card's value bet at (card() in src/api/services/bulk-views.ts): once the market has
 * closed, the one on offer when the prediction was published (the backtest's: the last before kick-off, betPrice),
 * or the close itself when there was no earlier price; before, the latest.
 */
export function betEdgePrice(card: Pick<MatchCard, 'outcome' | 'modelStage'>, bet: CardValueBet): EdgePrice {
  if (card.outcome === null && bet.closingOdd === null) return 'latest';
  if (betTakenAtClose(bet)) return 'taken-at-close';
  return card.modelStage === 'backtest' ? 'backtest' : 'published';
}

/** How a flagged edge (the card's `suspect_edge`, never a bet) reads: a short label and what it means. */
export interface SuspectText {
  readonly label: string;
  readonly title: string;
}

/** A team's earlier matches in words: `no earlier match`, `1 earlier match`, `3 earlier matches`. */
const earlierMatches = (n: number) =>
  n === 0 ? 'no earlier match' : counted(n, 'earlier match', 'earlier matches');

/**
 * Why a card's best edge is flagged instead of advertised, in the words of the reason judgeEdge
 * (src/domain/value-bet.ts) gave. `rule` is the server's (params.yaml `betting` and `train.min_matches_played`
 * as the API serves them), null until it is read.
 */
export function suspectText(
  card: Pick<MatchCard, 'home' | 'away' | 'homeMatchesPlayed' | 'awayMatchesPlayed'>,
  suspect: SuspectEdge,
  rule: EdgeRule | null,
): SuspectText {
  const edge = signedPct(suspect.edge * 100, 0);
  switch (suspect.reason) {
    case 'negative_margin':
      return {
        label: 'check prices',
        title:
          "The bookmaker's prices pay out more than they take in (a negative margin): a data error, not a bet",
      };
    case 'little_history': {
      const teams = [
        { team: card.home, n: card.homeMatchesPlayed },
        { team: card.away, n: card.awayMatchesPlayed },
      ].filter((t): t is { team: string; n: number } => t.n !== null);
      // The teams short of the rule's count; before the rule is read, the one with fewer matches.
      const fewest = Math.min(...teams.map((t) => t.n));
      const thin = teams.filter((t) => (rule === null ? t.n === fewest : t.n < rule.minMatchesPlayed));
      const who =
        thin.length > 0
          ? thin.map((t) => `${t.team} had ${earlierMatches(t.n)}`).join(' and ')
          : 'A team had too few earlier matches';
      const needed =
        rule === null
          ? 'more earlier matches'
          : counted(rule.minMatchesPlayed, 'earlier match', 'earlier matches');
      return {
        label: 'little history',
        title: `${who} in the data when this was predicted (a bet needs ${needed} for each team): the model does not know ${thin.length > 1 ? 'these teams' : 'the team'} yet, so its edge ${edge} is not advertised as a bet`,
      };
    }
    case 'above_ceiling': {
      const limit = rule === null ? 'the sanity ceiling' : `the ${pct(rule.ceiling, 0)} sanity ceiling`;
      return {
        label: 'far from market',
        title: `Edge ${edge} is above ${limit}: the model disagrees with the market too much for it to be advertised as a bet (a possible data error, or the model missing what the market knows)`,
      };
    }
  }
}

/** How the value bets the cards advertise have done, in words, in the one colour rule, and as advice. */
export interface ValueBetRecordText {
  /**
   * Green only when the flat ROI's interval lies wholly above zero and CLV's does not lie wholly below it; red
   * when either lies wholly below zero (intervalTone of each); plain otherwise.
   */
  readonly tone: 'gain' | 'loss' | '';
  /** `ROI -5.3% [-6.5%, -4.1%] at flat stakes, 67,543 bets`, or why there is no figure. */
  readonly flat: string;
  /** `CLV -4.44% [-4.61%, -4.27%] a bet`, or null without one. */
  readonly clv: string | null;
  /** `bankroll -90.1% [-99.2%, +13.4%] at Kelly stakes`, or null without one. */
  readonly kelly: string | null;
  /**
   * Whether a stake is shown as advice: only when the record is green. A stake is advice, and the staking plan's
   * figure for a bet whose kind has lost (or not yet shown it wins) would advise what the record contradicts.
   */
  readonly stakesAdvised: boolean;
}

/**
 * Whose record valueBetRecordText states, named wherever it is shown: the backtest's prediction of every match in
 * every league, not the cards in view (the ROI panel counts those, with the prediction each card shows).
 */
export const VALUE_BET_RECORD_OF = 'Value bets in the walk-forward backtest, every league';

/** The part of a track record (here the walk-forward backtest's) that says how value bets have done. */
export type ValueBetRecord = Pick<TrackRecordView, 'roi' | 'clv'>;

const asPct = (ci: readonly [number, number] | null): [number, number] | null =>
  ci === null ? null : [ci[0] * 100, ci[1] * 100];

/**
 * The walk-forward backtest's record of value bets (every league, the rule the cards apply), which colours each
 * value bet and decides whether its stakes are shown: an edge is the model's opinion against the market, and only
 * the bets' record says whether such opinions have paid. CLV counts as much as ROI: it is the sharper evidence
 * (a bet that beats the closing line has an edge whatever its result). Null while the record is not read (or
 * cannot be): no colour and no advice then.
 */
export function valueBetRecordText(record: ValueBetRecord | null): ValueBetRecordText {
  const none = { clv: null, kelly: null, tone: '', stakesAdvised: false } as const;
  if (record === null) return { ...none, flat: "the backtest's record of value bets is not available yet" };
  const { roi, clv } = record;
  if (roi.flat.n_bets === 0 || roi.flat.roi_pct === null)
    return { ...none, flat: 'no value bet of the backtest is settled yet' };
  const roiTone = intervalTone(roi.flat.ci95);
  const clvTone = clv.mean === null ? '' : intervalTone(clv.ci95);
  const tone = roiTone === 'loss' || clvTone === 'loss' ? 'loss' : roiTone === 'gain' ? 'gain' : '';
  const kelly = roi.kelly;
  return {
    tone,
    flat: `ROI ${signedPct(roi.flat.roi_pct)} ${pctInterval(roi.flat.ci95)} at flat stakes, ${bets(roi.flat.n_bets)}`,
    clv:
      clv.mean === null || clv.n_bets === 0
        ? null
        : `CLV ${signedPct(clv.mean * 100, 2)} ${pctInterval(asPct(clv.ci95), 2)} a bet`,
    kelly:
      kelly.growth_pct === null || kelly.n_bets === 0
        ? null
        : `bankroll ${signedPct(kelly.growth_pct)} ${pctInterval(kelly.growth_ci95)} at Kelly stakes`,
    stakesAdvised: tone === 'gain',
  };
}
