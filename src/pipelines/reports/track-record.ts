/**
 * The track record of the running system (issue #13 item 5): what the published predictions were worth,
 * computed from the prediction log and the odds history only. It covers batch and live predictions logged
 * before kick-off (a match's published one, chosen by the leakage rule); predictions logged at or after
 * kick-off are counted as late and left out; the walk-forward backtest is not part of it. Pure: the caller
 * loads the rows (db/track-record-repository.ts).
 */
import {
  isHonestFor,
  isPriceBeforeKickoff,
  type LoggedPrediction,
  publishedPrediction,
} from '../../domain/leakage-rule.ts';
import { DEFAULT_MARGIN_METHOD, type MarginMethod, removeMargin } from '../../domain/margin-removal.ts';
import {
  betClosingLineValue,
  closingSnapshot,
  latestPreMatchSnapshot,
  takenPrice,
} from '../../domain/odds-history.ts';
import type { OutcomeClass, Probabilities } from '../../domain/outcome.ts';
import { bootstrapInterval, flatRoiPct, type SettledBet } from '../../domain/staking.ts';
import type { TrackRecordInput } from '../../domain/track-record-input.ts';
import { DEFAULT_EDGE_RULE, type EdgeRule, flatStakeProfit, valueBet } from '../../domain/value-bet.ts';

export interface TrackRecordOptions {
  readonly edgeRule?: EdgeRule;
  readonly marginMethod?: MarginMethod;
  readonly bootstrapSeed?: number;
  readonly bootstrapResamples?: number;
}

type Interval = [number, number] | null;

export interface LeagueRecord {
  readonly league: string;
  readonly n: number;
  readonly model: { readonly log_loss: number | null };
  readonly market_closing: { readonly log_loss: number | null };
  readonly clv: { readonly mean: number | null };
  readonly roi: { readonly flat: { readonly roi_pct: number | null } };
}

export interface TrackRecord {
  readonly matches_predicted: number;
  readonly late_predictions: number;
  readonly graded: number;
  readonly model: { readonly log_loss: number | null; readonly rps: number | null };
  readonly market_closing: {
    readonly n: number;
    readonly log_loss: number | null;
    readonly rps: number | null;
  };
  readonly market_pre_match: { readonly n: number; readonly log_loss: number | null };
  readonly clv: {
    readonly n_bets: number;
    readonly mean: number | null;
    readonly ci95: Interval;
    /** Bets taken at the close (closing-only files): in the ROI, not in the CLV. */
    readonly taken_at_close: number;
  };
  readonly roi: {
    readonly flat: { readonly n_bets: number; readonly roi_pct: number | null; readonly ci95: Interval };
  };
  readonly by_league: LeagueRecord[];
}

/** One graded match as the record scores it. */
interface Graded {
  readonly league: string;
  readonly outcome: OutcomeClass;
  readonly model: Probabilities;
  readonly closing: readonly number[] | null;
  readonly preMatch: readonly number[] | null;
  /** The flat-stake bet on the match, if the prediction found value at the price it was taken at. */
  readonly bet: (SettledBet & { readonly profit: number; readonly clv: number | null }) | null;
  readonly takenAtClose: boolean;
}

const EPS = 1e-15;
const logLoss = (p: readonly number[], y: OutcomeClass) => -Math.log(Math.max(EPS, p[y] as number));

/** Ranked probability score of one 1X2 forecast (home < draw < away). */
function rps(p: readonly number[], y: OutcomeClass): number {
  const c0 = (p[0] as number) - (y === 0 ? 1 : 0);
  const c1 = c0 + (p[1] as number) - (y === 1 ? 1 : 0);
  return (c0 * c0 + c1 * c1) / 2;
}

const mean = (xs: readonly number[]) => (xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length);

function grade(
  m: TrackRecordInput,
  published: LoggedPrediction,
  options: Required<TrackRecordOptions>,
): Graded {
  const outcome = m.outcome as OutcomeClass;
  const close = closingSnapshot(m.snapshots);
  const pre = latestPreMatchSnapshot(m.snapshots, m.kickoffMs);
  const found = takenPrice(m.snapshots, published.computedAtMs, m.kickoffMs);
  // The one rule for every bet: only a price quoted by kick-off can be taken (a closing price dated later cannot).
  const taken = found && isPriceBeforeKickoff(found.snapshot.observedAtMs, m.kickoffMs) ? found : null;
  const value = taken ? valueBet(published.probabilities, taken.snapshot.odds, options.edgeRule) : null;
  return {
    league: m.league,
    outcome,
    model: published.probabilities,
    closing: close ? removeMargin(close.odds, options.marginMethod) : null,
    preMatch: pre ? removeMargin(pre.odds, options.marginMethod) : null,
    bet:
      taken && value
        ? {
            odds: value.odd,
            won: value.outcome === outcome,
            profit: flatStakeProfit(value, outcome),
            p: published.probabilities[value.outcome],
            clv: betClosingLineValue(value, taken, m.snapshots, options.marginMethod),
          }
        : null,
    takenAtClose: taken?.takenAtClose === true && value !== null,
  };
}

type Bet = NonNullable<Graded['bet']>;
const bets = (gs: readonly Graded[]): Bet[] => gs.flatMap((g) => (g.bet ? [g.bet] : []));
function sumOf(xs: readonly number[]): number {
  let total = 0;
  for (const x of xs) total += x;
  return total;
}
const meanClv = (bs: readonly Bet[]) => mean(bs.map((b) => b.clv as number));
const roiPct = (bs: readonly Bet[]) => (bs.length === 0 ? null : flatRoiPct(bs.map((b) => [b])));

/** The point figures of a set of graded matches (no intervals). */
function figures(graded: readonly Graded[]) {
  const withClosing = graded.filter((g) => g.closing !== null);
  const withPre = graded.filter((g) => g.preMatch !== null);
  const placed = bets(graded);
  const withClv = placed.filter((b) => b.clv !== null);
  return {
    placed,
    withClv,
    model: {
      log_loss: mean(graded.map((g) => logLoss(g.model, g.outcome))),
      rps: mean(graded.map((g) => rps(g.model, g.outcome))),
    },
    market_closing: {
      n: withClosing.length,
      log_loss: mean(withClosing.map((g) => logLoss(g.closing as number[], g.outcome))),
      rps: mean(withClosing.map((g) => rps(g.closing as number[], g.outcome))),
    },
    market_pre_match: {
      n: withPre.length,
      log_loss: mean(withPre.map((g) => logLoss(g.preMatch as number[], g.outcome))),
    },
    clvMean: meanClv(withClv),
    roiPct: roiPct(placed),
  };
}

/** The track record of `matches` (see the module comment for what counts). */
export function trackRecord(
  matches: readonly TrackRecordInput[],
  options: TrackRecordOptions = {},
): TrackRecord {
  const opts: Required<TrackRecordOptions> = {
    edgeRule: options.edgeRule ?? DEFAULT_EDGE_RULE,
    marginMethod: options.marginMethod ?? DEFAULT_MARGIN_METHOD,
    bootstrapSeed: options.bootstrapSeed ?? 1,
    bootstrapResamples: options.bootstrapResamples ?? 2000,
  };
  let predicted = 0;
  let late = 0;
  const graded: Graded[] = [];
  for (const m of matches) {
    const published = m.predictions.filter((p) => p.source !== 'backtest');
    late += published.filter((p) => !(p.computedAtMs < m.kickoffMs)).length;
    const chosen = publishedPrediction(
      published.filter((p) => isHonestFor(p, m.kickoffMs)),
      m.kickoffMs,
    );
    if (chosen === null) continue;
    predicted++;
    if (m.outcome !== null) graded.push(grade(m, chosen, opts));
  }
  const all = figures(graded);
  // One bet per match at most, so resampling bets is resampling matches.
  const bootstrap = { seed: opts.bootstrapSeed, resamples: opts.bootstrapResamples };
  const leagues = [...new Set(graded.map((g) => g.league))].sort();
  return {
    matches_predicted: predicted,
    late_predictions: late,
    graded: graded.length,
    model: all.model,
    market_closing: all.market_closing,
    market_pre_match: all.market_pre_match,
    clv: {
      n_bets: all.withClv.length,
      mean: all.clvMean,
      ci95: bootstrapInterval(
        all.withClv.map((b) => b.clv as number),
        (s) => sumOf(s) / s.length,
        bootstrap,
      ),
      taken_at_close: graded.filter((g) => g.takenAtClose).length,
    },
    roi: {
      flat: {
        n_bets: all.placed.length,
        roi_pct: all.roiPct,
        // One flat unit per bet: ROI % = 100 × mean profit (flatRoiPct), on plain numbers for speed.
        ci95: bootstrapInterval(
          all.placed.map((b) => b.profit),
          (s) => (100 * sumOf(s)) / s.length,
          bootstrap,
        ),
      },
    },
    by_league: leagues.map((league) => {
      const of = graded.filter((g) => g.league === league);
      const f = figures(of);
      return {
        league,
        n: of.length,
        model: { log_loss: f.model.log_loss },
        market_closing: { log_loss: f.market_closing.log_loss },
        clv: { mean: f.clvMean },
        roi: { flat: { roi_pct: f.roiPct } },
      };
    }),
  };
}
