/**
 * Asian handicap from a score matrix: how a bet on the home side at handicap `line` settles (football-data's
 * `AHh` column gives the line from the home side, e.g. −0.75). The home side's goals plus the line against the
 * away side's: ahead wins, level refunds the stake (push), behind loses. A quarter line (±0.25, ±0.75, …) is two
 * half stakes on the neighbouring lines (−0.75 = half on −0.5, half on −1), so it can half-win or half-lose.
 * The away bet at the same line is the mirror image (its win is the home bet's loss).
 *
 * @example
 *   const s = asianHandicap(scoreMatrix([1.6, 1.0], -0.05), -0.75);
 *   s.win + s.halfWin + s.push + s.halfLoss + s.loss; // 1
 *   fairAsianOdds(s); // the decimal price at which the home bet breaks even
 */
import { MAX_GOALS } from './score-matrix.ts';

const SIZE = MAX_GOALS + 1;

/** How a home bet settles, as probabilities summing to 1. */
export interface HandicapSettlement {
  readonly win: number;
  readonly halfWin: number;
  readonly push: number;
  readonly halfLoss: number;
  readonly loss: number;
}

/** True for lines in steps of a quarter goal (the only ones bookmakers quote). */
export function isQuarterStep(line: number): boolean {
  return Number.isFinite(line) && Math.abs(line * 4 - Math.round(line * 4)) < 1e-9;
}

/** P(home goals − away goals = d) for d = −MAX_GOALS … MAX_GOALS, indexed by d + MAX_GOALS. */
function goalDifference(matrix: Float64Array): Float64Array {
  const out = new Float64Array(2 * MAX_GOALS + 1);
  for (let i = 0; i < SIZE; i++) {
    for (let j = 0; j < SIZE; j++)
      out[i - j + MAX_GOALS] = (out[i - j + MAX_GOALS] as number) + (matrix[i * SIZE + j] as number);
  }
  return out;
}

/** Win, push and loss of a whole- or half-goal line. */
function plainLine(diff: Float64Array, line: number): { win: number; push: number; loss: number } {
  let win = 0;
  let push = 0;
  let loss = 0;
  diff.forEach((p, k) => {
    const margin = k - MAX_GOALS + line;
    if (Math.abs(margin) < 1e-9) push += p;
    else if (margin > 0) win += p;
    else loss += p;
  });
  return { win, push, loss };
}

/** The settlement of a home bet at `line` (a multiple of 0.25), from a (MAX_GOALS + 1)² score matrix. */
export function asianHandicap(matrix: Float64Array, line: number): HandicapSettlement {
  if (!isQuarterStep(line)) throw new RangeError(`Asian handicap line ${line} is not a multiple of 0.25`);
  const diff = goalDifference(matrix);
  const quarter = Math.abs(line * 2 - Math.round(line * 2)) > 1e-9;
  if (!quarter) return { ...plainLine(diff, line), halfWin: 0, halfLoss: 0 };
  // Half the stake on each neighbouring line: both win → win; one wins, one pushes → half win; and so on.
  // Neighbours of a quarter line are one whole and one half line, so only one of them can push.
  let win = 0;
  let halfWin = 0;
  let push = 0;
  let halfLoss = 0;
  let loss = 0;
  diff.forEach((p, k) => {
    const d = k - MAX_GOALS;
    const settle = (l: number) => (Math.abs(d + l) < 1e-9 ? 0 : d + l > 0 ? 1 : -1);
    const total = settle(line - 0.25) + settle(line + 0.25);
    if (total === 2) win += p;
    else if (total === 1) halfWin += p;
    else if (total === 0) push += p;
    else if (total === -1) halfLoss += p;
    else loss += p;
  });
  return { win, halfWin, push, halfLoss, loss };
}

/** The same bet from the away side (handicap −line): wins and losses swap. */
export function awaySettlement(home: HandicapSettlement): HandicapSettlement {
  return { win: home.loss, halfWin: home.halfLoss, push: home.push, halfLoss: home.halfWin, loss: home.win };
}

/**
 * The decimal price at which a bet with this settlement breaks even: expected profit
 * (o − 1)(win + halfWin/2) − (loss + halfLoss/2) = 0. Infinity when it cannot win.
 */
export function fairAsianOdds(s: HandicapSettlement): number {
  const winning = s.win + s.halfWin / 2;
  return winning > 0 ? 1 + (s.loss + s.halfLoss / 2) / winning : Number.POSITIVE_INFINITY;
}
