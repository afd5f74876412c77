/**
 * A binary logistic recalibration refitted walk-forward: rows in kick-off order, refitted every `refitDays` on the
 * finished rows that kicked off before the refit instant (within `windowDays`), and each row predicted by the
 * latest fit made strictly before it. No row's own result, nor any later one, reaches its probability, so the
 * output is as leakage-free as the feature row it reads.
 *
 * @example
 *   const { p, fits } = walkForwardLogistic({ timeMs, y, x, d: 2 }, { refitDays: 30, windowDays: 1461, minRows: 500 });
 */
import { countBefore } from '../domain/sorted-times.ts';
import {
  type BinaryLogisticFit,
  type BinaryLogisticOptions,
  binaryLogisticPredict,
  fitBinaryLogistic,
} from './binary-logistic.ts';

const DAY_MS = 86_400_000;

export interface WalkForwardParams {
  /** Days between refits. */
  readonly refitDays: number;
  /** Only finished rows this many days before the refit instant are fitted on. */
  readonly windowDays: number;
  /** Fewer finished rows than this in the window: no fit yet, rows keep their fallback. */
  readonly minRows: number;
  /** Ridge on the slopes (per row of weight). */
  readonly l2?: number;
}

export interface WalkForwardInput {
  /** Kick-off per row, non-decreasing. */
  readonly timeMs: ArrayLike<number>;
  /** Outcome per row: 1, 0, or −1 while unknown (not finished). */
  readonly y: Int8Array;
  /** n × d inputs, row-major. */
  readonly x: Float64Array;
  readonly d: number;
  /** Per row, the probability kept while no fit exists (e.g. the uncalibrated one). */
  readonly fallback: ArrayLike<number>;
}

/** How a window is fitted: `fitBinaryLogistic`, or something that gives exactly its result (a memo of earlier fits). */
export type BinaryFitter = (
  x: Float64Array,
  y: Uint8Array,
  d: number,
  options: BinaryLogisticOptions,
) => BinaryLogisticFit;

export interface WalkForwardFit {
  /** Instant of the refit: rows from here until the next refit use it; it saw only rows before it. */
  readonly fromMs: number;
  readonly n: number;
  readonly coefficients: readonly number[];
}

export interface WalkForwardResult {
  /** Probability per row; NaN for a row that was not asked for. */
  readonly p: Float64Array;
  /** The refits the asked rows use, in order (the last one is the calibration in force at the last asked row). */
  readonly fits: readonly WalkForwardFit[];
  /** Refit instants in the whole schedule (the first row's kick-off, then every refitDays after a refit). */
  readonly refitInstants: number;
}

/**
 * Probabilities of `rows` (default every row). The refit instants follow from the kick-offs alone, so only the
 * fits the asked rows use are made, each from scratch on its own window: a row's value does not depend on which
 * other rows were asked for. Batch inference asks for its upcoming matches (one or two fits) instead of the
 * whole history's few hundred.
 */
export function walkForwardLogistic(
  input: WalkForwardInput,
  params: WalkForwardParams,
  rows?: readonly number[],
  fitWindow: BinaryFitter = fitBinaryLogistic,
): WalkForwardResult {
  const { timeMs, y, x, d } = input;
  const n = y.length;
  const instantOf = new Int32Array(n);
  const instants: number[] = [];
  let nextRefitMs = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const t = timeMs[i] as number;
    if (t >= nextRefitMs) {
      instants.push(t);
      nextRefitMs = t + params.refitDays * DAY_MS;
    }
    instantOf[i] = instants.length - 1;
  }

  const asked = rows ?? Array.from({ length: n }, (_, i) => i);
  const needed = [...new Set(asked.map((i) => instantOf[i] as number))].sort((a, b) => a - b);
  const fitAt = new Map<number, BinaryLogisticFit>();
  const fits: WalkForwardFit[] = [];
  for (const k of needed) {
    const t = instants[k] as number;
    // Finished rows that kicked off in [t − windowDays, t).
    const window: number[] = [];
    for (let r = countBefore(timeMs, t - params.windowDays * DAY_MS); r < n; r++) {
      if ((timeMs[r] as number) >= t) break;
      if ((y[r] as number) >= 0) window.push(r);
    }
    if (window.length < params.minRows) continue;
    const xs = new Float64Array(window.length * d);
    const ys = new Uint8Array(window.length);
    window.forEach((r, j) => {
      xs.set(x.subarray(r * d, r * d + d), j * d);
      ys[j] = y[r] as number;
    });
    const fit = fitWindow(xs, ys, d, params.l2 === undefined ? {} : { l2: params.l2 });
    fitAt.set(k, fit);
    fits.push({ fromMs: t, n: window.length, coefficients: fit.coefficients });
  }

  const p = new Float64Array(n).fill(Number.NaN);
  for (const i of asked) {
    const fit = fitAt.get(instantOf[i] as number);
    p[i] = fit
      ? binaryLogisticPredict(fit.coefficients, x.subarray(i * d, i * d + d))
      : (input.fallback[i] as number);
  }
  return { p, fits, refitInstants: instants.length };
}
