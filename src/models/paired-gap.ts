/**
 * How far one forecaster is from another on the same matches, with the uncertainty of that distance: the mean of
 * the per-match differences in log loss and RPS, and a 95 % interval of each mean (normal approximation of the
 * paired differences, which on thousands of matches is as good as a bootstrap and costs one pass). A gap to the
 * market of +0.014 means little without it: the same gap on one league's 300 matches is mostly noise.
 */
import { matchLogLoss, matchRps } from './metrics.ts';

export interface PairedGap {
  readonly n: number;
  /** Mean over matches of (forecaster − baseline) log loss; above 0, the forecaster is worse. */
  readonly log_loss: number | null;
  /** 95 % interval of that mean; null under MIN_MATCHES. */
  readonly log_loss_ci95: [number, number] | null;
  readonly rps: number | null;
  readonly rps_ci95: [number, number] | null;
}

/** Fewer matches than this get a mean but no interval: the normal approximation would not hold. */
export const MIN_MATCHES = 30;
const Z95 = 1.959964;

function meanAndInterval(d: Float64Array): { mean: number | null; ci95: [number, number] | null } {
  const n = d.length;
  if (n === 0) return { mean: null, ci95: null };
  let sum = 0;
  for (const x of d) sum += x;
  const mean = sum / n;
  if (n < MIN_MATCHES) return { mean, ci95: null };
  let ss = 0;
  for (const x of d) ss += (x - mean) * (x - mean);
  const half = (Z95 * Math.sqrt(ss / (n - 1))) / Math.sqrt(n);
  return { mean, ci95: [mean - half, mean + half] };
}

/** `forecaster` minus `baseline` (n × 3 probabilities each, row-major) on labels `y`. */
export function pairedGap(forecaster: Float64Array, baseline: Float64Array, y: Uint8Array): PairedGap {
  const ll = new Float64Array(y.length);
  const rps = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    ll[i] = matchLogLoss(forecaster, y, i) - matchLogLoss(baseline, y, i);
    rps[i] = matchRps(forecaster, y, i) - matchRps(baseline, y, i);
  }
  const a = meanAndInterval(ll);
  const b = meanAndInterval(rps);
  return { n: y.length, log_loss: a.mean, log_loss_ci95: a.ci95, rps: b.mean, rps_ci95: b.ci95 };
}
