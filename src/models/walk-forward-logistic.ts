/**
 * A binary logistic recalibration refitted walk-forward: rows in kick-off order, refitted every `refitDays` on the
 * finished rows that kicked off before the refit instant (within `windowDays`), and each row predicted by the
 * latest fit made strictly before it. No row's own result, nor any later one, reaches its probability, so the
 * output is as leakage-free as the feature row it reads.
 *
 * @example
 *   const { p, fits } = walkForwardLogistic({ timeMs, y, x, d: 2 }, { refitDays: 30, windowDays: 1461, minRows: 500 });
 */
import { type BinaryLogisticFit, binaryLogisticPredict, fitBinaryLogistic } from './binary-logistic.ts';

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

export interface WalkForwardFit {
  /** Instant of the refit: rows from here until the next refit use it; it saw only rows before it. */
  readonly fromMs: number;
  readonly n: number;
  readonly coefficients: readonly number[];
}

export interface WalkForwardResult {
  /** Probability per row. */
  readonly p: Float64Array;
  /** Every refit in order (the last one is the calibration in force now). */
  readonly fits: readonly WalkForwardFit[];
}

export function walkForwardLogistic(input: WalkForwardInput, params: WalkForwardParams): WalkForwardResult {
  const { timeMs, y, x, d } = input;
  const n = y.length;
  const p = new Float64Array(n);
  const fits: WalkForwardFit[] = [];
  let current: BinaryLogisticFit | null = null;
  let nextRefitMs = Number.NEGATIVE_INFINITY;
  // Finished rows before the refit instant, kept as a sliding window [windowStart, cursor).
  let cursor = 0;
  let windowStart = 0;
  const finished: number[] = [];
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const t = timeMs[i] as number;
    if (t >= nextRefitMs) {
      nextRefitMs = t + params.refitDays * DAY_MS;
      while (cursor < n && (timeMs[cursor] as number) < t) {
        if ((y[cursor] as number) >= 0) finished.push(cursor);
        cursor++;
      }
      const earliest = t - params.windowDays * DAY_MS;
      while (
        windowStart < finished.length &&
        (timeMs[finished[windowStart] as number] as number) < earliest
      ) {
        windowStart++;
      }
      const rows = finished.slice(windowStart);
      if (rows.length >= params.minRows) {
        const xs = new Float64Array(rows.length * d);
        const ys = new Uint8Array(rows.length);
        rows.forEach((r, k) => {
          xs.set(x.subarray(r * d, r * d + d), k * d);
          ys[k] = y[r] as number;
        });
        current = fitBinaryLogistic(xs, ys, d, {
          ...(params.l2 === undefined ? {} : { l2: params.l2 }),
          ...(current ? { start: current.coefficients } : {}),
        });
        fits.push({ fromMs: t, n: rows.length, coefficients: current.coefficients });
      }
    }
    if (current === null) {
      p[i] = input.fallback[i] as number;
    } else {
      row.set(x.subarray(i * d, i * d + d));
      p[i] = binaryLogisticPredict(current.coefficients, row);
    }
  }
  return { p, fits };
}
