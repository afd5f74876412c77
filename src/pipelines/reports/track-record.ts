/**
 * The track record of the running system (issue #13 item 5): what the published predictions were worth,
 * computed from the prediction log and the odds history only. It covers batch and live predictions logged
 * before kick-off (a match's published one, chosen by the leakage rule); predictions logged at or after
 * kick-off are counted as late and left out; the walk-forward backtest is not part of it (the same report
 * scores it apart on request). Beside the totals: per league and per edge band (each with how many ROI intervals
 * exclude zero against how many would by chance, domain/multiplicity.ts), and day by day the running scores, the cumulative
 * CLV and the flat and Kelly bankrolls with their 95 % bootstrap bands. Pure: the caller loads the rows
 * (db/track-record-repository.ts).
 */

import { edgeBands, inEdgeBands } from '../../domain/edge-bands.ts';
import { collectSteps, runToEnd } from '../../domain/in-slices.ts';
import { isHonestFor, type LoggedPrediction, publishedPrediction } from '../../domain/leakage-rule.ts';
import { DEFAULT_MARGIN_METHOD, type MarginMethod, removeMargin } from '../../domain/margin-removal.ts';
import { multiplicity } from '../../domain/multiplicity.ts';
import {
  betClosingLineValue,
  betPrice,
  closingSnapshot,
  latestPreMatchSnapshot,
} from '../../domain/odds-history.ts';
import type { OutcomeClass, Probabilities } from '../../domain/outcome.ts';
import {
  type BootstrapOptions,
  bankrollBandSteps,
  bankrollPath,
  DEFAULT_BOOTSTRAP,
  DEFAULT_KELLY,
  flatRoiPct,
  intervalOf,
  type KellyParams,
  maxDrawdown,
  meanResamples,
  roiResamples,
  type SettledBet,
} from '../../domain/staking.ts';
import type {
  EdgeBandRecord,
  FlatRoi,
  TrackRecord,
  TrackRecordDay,
  TrackRecordMethod,
} from '../../domain/track-record.ts';
import type { TrackRecordInput } from '../../domain/track-record-input.ts';
import { DEFAULT_EDGE_RULE, type EdgeRule, flatStakeProfit, valueBet } from '../../domain/value-bet.ts';

export interface TrackRecordOptions {
  readonly edgeRule?: EdgeRule;
  readonly marginMethod?: MarginMethod;
  readonly kelly?: KellyParams;
  /**
   * `backtest`: score the walk-forward backtest's predictions instead (kept apart from the record), each bet at
   * the latest pre-match price before kick-off; nothing is late there, its predictions are made after the fact.
   */
  readonly source?: 'published' | 'backtest';
  readonly bootstrapSeed?: number;
  readonly bootstrapResamples?: number;
}

/** One graded match as the record scores it. */
interface Graded {
  readonly league: string;
  readonly kickoffMs: number;
  readonly outcome: OutcomeClass;
  readonly model: Probabilities;
  readonly closing: readonly number[] | null;
  readonly preMatch: readonly number[] | null;
  /** The flat-stake bet on the match, if the prediction found value at the price it was taken at. */
  readonly bet:
    | (SettledBet & { readonly edge: number; readonly profit: number; readonly clv: number | null })
    | null;
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
  const taken = betPrice(
    m.snapshots,
    { backtest: published.source === 'backtest', computedAtMs: published.computedAtMs },
    m.kickoffMs,
  );
  const value = taken
    ? valueBet(published.probabilities, taken.snapshot.odds, published.history, options.edgeRule)
    : null;
  return {
    league: m.league,
    kickoffMs: m.kickoffMs,
    outcome,
    model: published.probabilities,
    closing: close ? removeMargin(close.odds, options.marginMethod) : null,
    preMatch: pre ? removeMargin(pre.odds, options.marginMethod) : null,
    bet:
      taken && value
        ? {
            odds: value.odd,
            edge: value.edge,
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
      model_log_loss: mean(withClosing.map((g) => logLoss(g.model, g.outcome))),
      model_rps: mean(withClosing.map((g) => rps(g.model, g.outcome))),
    },
    market_pre_match: {
      n: withPre.length,
      log_loss: mean(withPre.map((g) => logLoss(g.preMatch as number[], g.outcome))),
      model_log_loss: mean(withPre.map((g) => logLoss(g.model, g.outcome))),
    },
    clvMean: meanClv(withClv),
  };
}

/** The percentile interval of a bootstrap's resampled statistics, a step after each resample. */
function* intervalSteps(
  resamples: Iterable<number>,
  bootstrap: BootstrapOptions,
): Generator<void, [number, number] | null> {
  return intervalOf(yield* collectSteps(resamples), bootstrap.level);
}

/** The flat ROI of `bs` with its interval: one flat unit per bet, ROI % = 100 × profit / bets (flatRoiPct). */
function* flatRoiSteps(bs: readonly Bet[], bootstrap: BootstrapOptions): Generator<void, FlatRoi> {
  const results = bs.map((b) => ({ staked: 1, profit: b.profit }));
  return {
    n_bets: bs.length,
    roi_pct: roiPct(bs),
    ci95: yield* intervalSteps(roiResamples(results, bootstrap), bootstrap),
  };
}

/** The interval of the mean closing-line value of `clv`. */
const clvIntervalSteps = (clv: readonly number[], bootstrap: BootstrapOptions) =>
  intervalSteps(meanResamples(clv, bootstrap), bootstrap);

/**
 * The bets split by the edge they were taken at (domain/edge-bands.ts), each band with its ROI and CLV intervals;
 * a step after each band, as its bootstraps take a while on the whole backtest.
 */
function* edgeBandSteps(
  placed: readonly Bet[],
  rule: EdgeRule,
  bootstrap: BootstrapOptions,
): Generator<void, EdgeBandRecord[]> {
  const bands = edgeBands(rule);
  const split = inEdgeBands(bands, placed, (b) => b.edge);
  const records: EdgeBandRecord[] = [];
  for (const [k, band] of bands.entries()) {
    const bs = split[k] as Bet[];
    const clv = bs.flatMap((b) => (b.clv === null ? [] : [b.clv]));
    records.push({
      ...band,
      edge_mean: mean(bs.map((b) => b.edge)),
      clv: { n_bets: clv.length, mean: mean(clv), ci95: yield* clvIntervalSteps(clv, bootstrap) },
      roi: { flat: yield* flatRoiSteps(bs, bootstrap) },
    });
  }
  return records;
}

/** Each league's figures, with steps inside its bootstrap. */
function* leagueSteps(graded: readonly Graded[], bootstrap: BootstrapOptions) {
  const byLeague = new Map<string, Graded[]>();
  for (const g of graded) {
    const of = byLeague.get(g.league);
    if (of === undefined) byLeague.set(g.league, [g]);
    else of.push(g);
  }
  const records = [];
  for (const league of [...byLeague.keys()].sort()) {
    const of = byLeague.get(league) as readonly Graded[];
    const f = figures(of);
    records.push({
      league,
      n: of.length,
      model: f.model,
      market_closing: f.market_closing,
      clv: { n_bets: f.withClv.length, mean: f.clvMean },
      roi: { flat: yield* flatRoiSteps(f.placed, bootstrap) },
    });
  }
  return records;
}

const KELLY_START = 100;
const asSettled = (b: Bet): SettledBet => ({ odds: b.odds, won: b.won, p: b.p });
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Matches graded between two steps of `trackRecordSteps`: a small part of one turn's 50 ms. */
const GRADED_PER_STEP = 500;

/** The cumulative figures at the end of each kick-off day, with the bankroll bands (graded in kick-off order). */
function* dailySeries(
  graded: readonly Graded[],
  placed: readonly Bet[],
  opts: Required<TrackRecordOptions>,
): Generator<void, TrackRecordDay[]> {
  const bootstrap = { seed: opts.bootstrapSeed, resamples: opts.bootstrapResamples };
  const settled = placed.map(asSettled);
  const kelly = { kind: 'kelly' as const, ...opts.kelly };
  const flatPath = bankrollPath(settled, { kind: 'flat' }, 0);
  const kellyPath = bankrollPath(settled, kelly, KELLY_START);
  const days: Omit<TrackRecordDay, 'flat' | 'kelly'>[] = [];
  const sums = { modelLl: 0, modelRps: 0, bets: 0, clvN: 0, clv: 0 };
  const priced = { marketLl: 0, marketRps: 0, modelLl: 0, modelRps: 0, n: 0 };
  graded.forEach((g, i) => {
    const modelLl = logLoss(g.model, g.outcome);
    const modelRps = rps(g.model, g.outcome);
    sums.modelLl += modelLl;
    sums.modelRps += modelRps;
    if (g.closing !== null) {
      priced.marketLl += logLoss(g.closing, g.outcome);
      priced.marketRps += rps(g.closing, g.outcome);
      priced.modelLl += modelLl;
      priced.modelRps += modelRps;
      priced.n++;
    }
    if (g.bet) sums.bets++;
    if (g.bet && g.bet.clv !== null) {
      sums.clvN++;
      sums.clv += g.bet.clv;
    }
    const date = dayOf(g.kickoffMs);
    const next = graded[i + 1];
    if (next !== undefined && dayOf(next.kickoffMs) === date) return;
    const n = i + 1;
    days.push({
      date,
      graded: n,
      model: { log_loss: sums.modelLl / n, rps: sums.modelRps / n },
      market_closing: {
        log_loss: priced.n === 0 ? null : priced.marketLl / priced.n,
        rps: priced.n === 0 ? null : priced.marketRps / priced.n,
        model_log_loss: priced.n === 0 ? null : priced.modelLl / priced.n,
        model_rps: priced.n === 0 ? null : priced.modelRps / priced.n,
      },
      n_bets: sums.bets,
      clv: { n_bets: sums.clvN, sum: sums.clv },
    });
  });
  const checkpoints = days.map((d) => d.n_bets);
  const flatBand = yield* bankrollBandSteps(settled, { kind: 'flat' }, checkpoints, 0, bootstrap);
  const kellyBand = yield* bankrollBandSteps(settled, kelly, checkpoints, KELLY_START, bootstrap);
  return days.map((d, k) => ({
    ...d,
    flat: {
      profit: d.n_bets === 0 ? 0 : (flatPath[d.n_bets - 1] as number),
      band95: flatBand[k] as [number, number],
    },
    kelly: {
      bankroll: d.n_bets === 0 ? KELLY_START : (kellyPath[d.n_bets - 1] as number),
      band95: kellyBand[k] as [number, number],
    },
  }));
}

function resolved(options: TrackRecordOptions): Required<TrackRecordOptions> {
  return {
    edgeRule: options.edgeRule ?? DEFAULT_EDGE_RULE,
    marginMethod: options.marginMethod ?? DEFAULT_MARGIN_METHOD,
    kelly: options.kelly ?? DEFAULT_KELLY,
    source: options.source ?? 'published',
    bootstrapSeed: options.bootstrapSeed ?? DEFAULT_BOOTSTRAP.seed,
    bootstrapResamples: options.bootstrapResamples ?? DEFAULT_BOOTSTRAP.resamples,
  };
}

/**
 * How a record made with `options` bets and draws its intervals: the `method` of every record, also served alone
 * (GET /predict/track-record/method) so the dashboard can draw its own intervals the same way without a record.
 */
export function trackRecordMethod(options: TrackRecordOptions = {}): TrackRecordMethod {
  const opts = resolved(options);
  return {
    edge_threshold: opts.edgeRule.threshold,
    edge_ceiling: opts.edgeRule.ceiling,
    min_matches_played: opts.edgeRule.minMatchesPlayed,
    margin_method: opts.marginMethod,
    kelly_fraction: opts.kelly.fraction,
    kelly_cap: opts.kelly.cap,
    kelly_start: KELLY_START,
    bootstrap_resamples: opts.bootstrapResamples,
    bootstrap_seed: opts.bootstrapSeed,
  };
}

/** The track record of `matches` (see the module comment for what counts). */
export function trackRecord(
  matches: readonly TrackRecordInput[],
  options: TrackRecordOptions = {},
): TrackRecord {
  return runToEnd(trackRecordSteps(matches, options));
}

/**
 * `trackRecord` in steps (a few hundred matches graded, or one bootstrap resample of the bankroll bands, each), so
 * the API can grade the whole history in turns of its event loop (`runInTurns`) instead of holding it for seconds.
 */
export function* trackRecordSteps(
  matches: readonly TrackRecordInput[],
  options: TrackRecordOptions = {},
): Generator<void, TrackRecord> {
  const opts = resolved(options);
  let predicted = 0;
  let late = 0;
  const graded: Graded[] = [];
  for (const [k, m] of matches.entries()) {
    if (k % GRADED_PER_STEP === GRADED_PER_STEP - 1) yield;
    const backtest = opts.source === 'backtest';
    const published = m.predictions.filter((p) => (p.source === 'backtest') === backtest);
    if (!backtest) late += published.filter((p) => !(p.computedAtMs < m.kickoffMs)).length;
    const chosen = publishedPrediction(
      published.filter((p) => isHonestFor(p, m.kickoffMs)),
      m.kickoffMs,
    );
    if (chosen === null) continue;
    predicted++;
    if (m.outcome !== null) graded.push(grade(m, chosen, opts));
  }
  // Kick-off order: the curves are played in it (the point figures do not depend on it).
  graded.sort((a, b) => a.kickoffMs - b.kickoffMs);
  yield;
  const all = figures(graded);
  yield;
  // One bet per match at most, so resampling bets is resampling matches.
  const bootstrap = { seed: opts.bootstrapSeed, resamples: opts.bootstrapResamples };
  const settled = all.placed.map(asSettled);
  const kellyPath = bankrollPath(settled, { kind: 'kelly', ...opts.kelly }, KELLY_START);
  const series = yield* dailySeries(graded, all.placed, opts);
  // The last day holds every bet: its band is the interval of the final bankroll.
  const kellyEnd = series.at(-1)?.kelly.band95 ?? [KELLY_START, KELLY_START];
  const byLeague = yield* leagueSteps(graded, bootstrap);
  const byEdge = yield* edgeBandSteps(all.placed, opts.edgeRule, bootstrap);
  const clvInterval = yield* clvIntervalSteps(
    all.withClv.map((b) => b.clv as number),
    bootstrap,
  );
  const flat = yield* flatRoiSteps(all.placed, bootstrap);
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
      ci95: clvInterval,
      taken_at_close: graded.filter((g) => g.takenAtClose).length,
    },
    roi: {
      flat,
      kelly: {
        n_bets: settled.length,
        growth_pct: settled.length === 0 ? null : (kellyPath.at(-1) as number) - KELLY_START,
        growth_ci95: settled.length === 0 ? null : [kellyEnd[0] - KELLY_START, kellyEnd[1] - KELLY_START],
        max_drawdown_share: settled.length === 0 ? null : maxDrawdown(kellyPath, KELLY_START).share,
      },
    },
    by_league: byLeague,
    multiplicity: multiplicity(byLeague.map((l) => l.roi.flat)),
    by_edge: byEdge,
    by_edge_multiplicity: multiplicity(byEdge.map((b) => b.roi.flat)),
    series,
    method: trackRecordMethod(opts),
  };
}
