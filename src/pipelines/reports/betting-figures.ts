/**
 * The figures a sceptical bettor looks at first, computed the same way on the demo world and on real data:
 * how many match cards carry a value bet, how large the advertised edges are, how many edges are flagged as
 * probable data errors, the mix of predicted labels, the model's log loss beside the market's (margin removed),
 * and the betting results of each staking strategy tried — with the number of strategies, since the best of
 * many looks better than it is.
 */
import { DEFAULT_MARGIN_METHOD, type MarginMethod, removeMargin } from '../../domain/margin-removal.ts';
import type { Odds1x2 } from '../../domain/odds.ts';
import { argmaxClass, type OutcomeClass, type Probabilities } from '../../domain/outcome.ts';
import type { KellyParams } from '../../domain/staking.ts';
import { type EdgeRule, judgeEdge, type TeamHistory } from '../../domain/value-bet.ts';
import {
  type BetCandidate,
  type BootstrapParams,
  type KellyFigures,
  kellyFigures,
  type RoiFigures,
  roiFigures,
  settleAll,
} from './betting-simulation.ts';

export interface CardFigures {
  /** Match cards (every prediction shown). */
  readonly cards: number;
  /** Cards with a valid price. */
  readonly priced: number;
  readonly value_bets: number;
  /** value_bets / priced. */
  readonly value_bet_share: number | null;
  /** Cards whose best edge is above the ceiling (flagged, not advertised). */
  readonly suspect_edges: number;
  /** Median and largest advertised edge (p·odd − 1) over the value bets. */
  readonly median_edge: number | null;
  readonly max_edge: number | null;
  /** Share of cards whose most likely outcome is a home win, a draw, an away win. */
  readonly predicted_mix: { readonly home: number; readonly draw: number; readonly away: number };
  /** Share of priced cards whose market favourite (shortest price) is each outcome. */
  readonly market_mix: { readonly home: number; readonly draw: number; readonly away: number };
  /** Median overround Σ 1/odd − 1 of the prices. */
  readonly median_margin: number | null;
  /** Finished priced cards scored below. */
  readonly scored: number;
  readonly model_log_loss: number | null;
  /** The prices with their margin removed (params.yaml `evaluate.margin_method` by default). */
  readonly market_log_loss: number | null;
}

const median = (sorted: readonly number[]) =>
  sorted.length === 0
    ? null
    : sorted.length % 2 === 1
      ? (sorted[(sorted.length - 1) / 2] as number)
      : ((sorted[sorted.length / 2 - 1] as number) + (sorted[sorted.length / 2] as number)) / 2;

function shares(counts: readonly number[], n: number) {
  const at = (k: number) => (n === 0 ? 0 : (counts[k] as number) / n);
  return { home: at(0), draw: at(1), away: at(2) };
}

export interface FigureCard {
  readonly probabilities: Probabilities;
  /**
   * The price the card is judged at, null when there is none: as shown, a past card's bet price (cardsAtBetPrice)
   * and an upcoming one's latest.
   */
  readonly odds: Odds1x2 | null;
  /** The result, null until finished. */
  readonly outcome: OutcomeClass | null;
  /** Each team's earlier matches when the prediction was made (null when unknown). */
  readonly history: TeamHistory | null;
}

export function cardFigures(
  cards: readonly FigureCard[],
  rule: EdgeRule,
  /** How the market's log loss takes the margin off: params.yaml `evaluate.margin_method`, as everywhere else. */
  marginMethod: MarginMethod = DEFAULT_MARGIN_METHOD,
): CardFigures {
  const edges: number[] = [];
  const margins: number[] = [];
  const predicted: [number, number, number] = [0, 0, 0];
  const favourite: [number, number, number] = [0, 0, 0];
  let priced = 0;
  let suspect = 0;
  let scored = 0;
  let modelLoss = 0;
  let marketLoss = 0;
  for (const c of cards) {
    predicted[argmaxClass(c.probabilities)] += 1;
    if (c.odds === null) continue;
    priced++;
    const [home, draw, away] = c.odds;
    favourite[home <= draw && home <= away ? 0 : draw <= away ? 1 : 2] += 1;
    margins.push(1 / home + 1 / draw + 1 / away - 1);
    const verdict = judgeEdge(c.probabilities, c.odds, c.history, rule);
    if (verdict.suspect !== null) suspect++;
    if (verdict.bet !== null) edges.push(verdict.bet.edge);
    if (c.outcome !== null) {
      scored++;
      modelLoss -= Math.log(c.probabilities[c.outcome]);
      marketLoss -= Math.log(removeMargin(c.odds, marginMethod)[c.outcome] as number);
    }
  }
  edges.sort((a, b) => a - b);
  margins.sort((a, b) => a - b);
  return {
    cards: cards.length,
    priced,
    value_bets: edges.length,
    value_bet_share: priced === 0 ? null : edges.length / priced,
    suspect_edges: suspect,
    median_edge: median(edges),
    max_edge: edges.at(-1) ?? null,
    predicted_mix: shares(predicted, cards.length),
    market_mix: shares(favourite, priced),
    median_margin: median(margins),
    scored,
    model_log_loss: scored === 0 ? null : modelLoss / scored,
    market_log_loss: scored === 0 ? null : marketLoss / scored,
  };
}

export interface StrategyResult {
  readonly threshold: number;
  readonly flat: RoiFigures;
  readonly kelly: KellyFigures;
}

export interface StrategyComparison {
  /** How many strategies were tried (thresholds × the two staking plans): the best of them is flattered. */
  readonly tried: number;
  readonly ceiling: number;
  readonly results: readonly StrategyResult[];
}

/** Flat and fractional-Kelly results at each edge threshold, on the same finished matches and prices. */
export async function compareStrategies(
  candidates: readonly BetCandidate[],
  thresholds: readonly number[],
  options: { readonly rule: EdgeRule; readonly kelly: KellyParams; readonly bootstrap: BootstrapParams },
): Promise<StrategyComparison> {
  const results: StrategyResult[] = [];
  for (const threshold of thresholds) {
    const { bets } = settleAll(candidates, { ...options.rule, threshold });
    results.push({
      threshold,
      flat: await roiFigures(bets, options.bootstrap),
      kelly: kellyFigures(bets, options.kelly),
    });
  }
  return { tried: thresholds.length * 2, ceiling: options.rule.ceiling, results };
}
