/**
 * Per-league calibration of a 1X2 forecaster. For a league with enough earlier matches, its forecasts are
 * re-weighted as softmax(s · log p + c) with c = (c_home, 0, c_away): s sharpens or flattens the forecaster
 * where it is under- or over-confident in that league, c moves the home/draw/away balance (a league whose home
 * advantage or draw share the forecaster misjudges). Fitted by Newton's method with a Gaussian prior centred on
 * the identity (s = 1, c = 0) of precision `prior`: a league with few matches stays near the pooled forecaster
 * (empirical-Bayes shrinkage, the likelihood growing with the league's matches); a league below `min_matches`
 * keeps it unchanged. Fit it only on matches the forecaster was trained on or before, never on those it scores.
 *
 * @example
 *   const byLeague = fitLeagueCalibration(pTrain, yTrain, leagueOfTrainRow, { min_matches: 300, prior: 50 });
 *   const p = calibrateByLeague(byLeague, pTest, leagueOfTestRow);
 */
import { softmaxInto } from './softmax.ts';

export interface LeagueCalibrationParams {
  /** Leagues with fewer training matches keep the forecaster as it is. */
  readonly min_matches: number;
  /** Precision of the prior on (s − 1, c_home, c_away), in the units of one match's log loss. */
  readonly prior: number;
}

export interface Calibrator {
  readonly scale: number;
  readonly home: number;
  readonly away: number;
  readonly n: number;
}

export const IDENTITY: Calibrator = Object.freeze({ scale: 1, home: 0, away: 0, n: 0 });

/** Below this a probability is floored before its logarithm. */
const FLOOR = 1e-9;
const ITERATIONS = 25;

function logits(c: Calibrator, p: Float64Array, i: number, out: Float64Array): void {
  for (let k = 0; k < 3; k++) out[k] = c.scale * Math.log(Math.max(p[i * 3 + k] as number, FLOOR));
  out[0] = (out[0] as number) + c.home;
  out[2] = (out[2] as number) + c.away;
  softmaxInto(out, 0, 3, out, 0);
}

function det3(m: Float64Array): number {
  const v = (i: number) => m[i] as number;
  return (
    v(0) * (v(4) * v(8) - v(5) * v(7)) -
    v(1) * (v(3) * v(8) - v(5) * v(6)) +
    v(2) * (v(3) * v(7) - v(4) * v(6))
  );
}

/** Solves the 3 × 3 system h · x = g (h symmetric positive definite) by Cramer's rule. */
function solve3(h: Float64Array, g: Float64Array): [number, number, number] {
  const det = det3(h);
  const col = (j: number): number => {
    const m = Float64Array.from(h);
    for (let r = 0; r < 3; r++) m[r * 3 + j] = g[r] as number;
    return det3(m) / det;
  };
  return [col(0), col(1), col(2)];
}

/** The posterior-mode calibrator of forecasts `p` (n × 3) for outcomes `y`, over the rows `rows`. */
export function fitCalibrator(
  p: Float64Array,
  y: Uint8Array,
  rows: readonly number[],
  prior: number,
): Calibrator {
  let c: Calibrator = { ...IDENTITY, n: rows.length };
  const q = new Float64Array(3);
  const l = new Float64Array(3);
  for (let it = 0; it < ITERATIONS; it++) {
    // Parameters θ = (s, c_home, c_away); z_k = s · l_k + [k = 0] c_home + [k = 2] c_away.
    const g = Float64Array.of(prior * (c.scale - 1), prior * c.home, prior * c.away);
    const h = Float64Array.of(prior, 0, 0, 0, prior, 0, 0, 0, prior);
    for (const i of rows) {
      logits(c, p, i, q);
      for (let k = 0; k < 3; k++) l[k] = Math.log(Math.max(p[i * 3 + k] as number, FLOOR));
      const label = y[i] as number;
      // Gradient of −log q_y: A^T (q − e_y); Hessian A^T (diag q − q q^T) A, A the 3 × 3 design of this row.
      const r0 = (q[0] as number) - (label === 0 ? 1 : 0);
      const r1 = (q[1] as number) - (label === 1 ? 1 : 0);
      const r2 = (q[2] as number) - (label === 2 ? 1 : 0);
      const l0 = l[0] as number;
      const l1 = l[1] as number;
      const l2 = l[2] as number;
      const q0 = q[0] as number;
      const q1 = q[1] as number;
      const q2 = q[2] as number;
      g[0] = (g[0] as number) + r0 * l0 + r1 * l1 + r2 * l2;
      g[1] = (g[1] as number) + r0;
      g[2] = (g[2] as number) + r2;
      const meanL = q0 * l0 + q1 * l1 + q2 * l2;
      const ss = q0 * l0 * l0 + q1 * l1 * l1 + q2 * l2 * l2 - meanL * meanL;
      const sh = q0 * l0 - q0 * meanL;
      const sa = q2 * l2 - q2 * meanL;
      const hh = q0 * (1 - q0);
      const aa = q2 * (1 - q2);
      const ha = -q0 * q2;
      h[0] = (h[0] as number) + ss;
      h[1] = (h[1] as number) + sh;
      h[2] = (h[2] as number) + sa;
      h[3] = (h[3] as number) + sh;
      h[4] = (h[4] as number) + hh;
      h[5] = (h[5] as number) + ha;
      h[6] = (h[6] as number) + sa;
      h[7] = (h[7] as number) + ha;
      h[8] = (h[8] as number) + aa;
    }
    const [ds, dh, da] = solve3(h, g);
    c = { scale: c.scale - ds, home: c.home - dh, away: c.away - da, n: rows.length };
    if (Math.abs(ds) + Math.abs(dh) + Math.abs(da) < 1e-10) break;
  }
  return c;
}

/** One calibrator per league with at least `min_matches` rows; `league[i]` names row i's league. */
export function fitLeagueCalibration(
  p: Float64Array,
  y: Uint8Array,
  league: readonly string[],
  params: LeagueCalibrationParams,
): Map<string, Calibrator> {
  const rowsOf = new Map<string, number[]>();
  league.forEach((key, i) => {
    const list = rowsOf.get(key);
    if (list) list.push(i);
    else rowsOf.set(key, [i]);
  });
  const out = new Map<string, Calibrator>();
  for (const [key, rows] of rowsOf) {
    if (rows.length >= params.min_matches) out.set(key, fitCalibrator(p, y, rows, params.prior));
  }
  return out;
}

/** The forecasts re-weighted by their league's calibrator (unchanged where the league has none). */
export function calibrateByLeague(
  calibrators: ReadonlyMap<string, Calibrator>,
  p: Float64Array,
  league: readonly string[],
): Float64Array {
  const out = Float64Array.from(p);
  const q = new Float64Array(3);
  league.forEach((key, i) => {
    const c = calibrators.get(key);
    if (!c) return;
    logits(c, p, i, q);
    out.set(q, i * 3);
  });
  return out;
}
