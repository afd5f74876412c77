/**
 * The boosting loop for 3-class softmax: each round computes p = softmax(raw scores) on a seeded bag of rows,
 * then grows one three-output tree on gradients p_k − y_k and hessians K/(K−1)·p_k(1 − p_k) (LightGBM's scaling).
 */
import { softmaxInto } from '../softmax.ts';
import { binColumns, computeBinEdges } from './binning.ts';
import type { GbdtParams } from './params.ts';
import { createPrng, type Prng } from './prng.ts';
import { leafOfBinned, type Tree, type TreeEnsemble } from './tree.ts';
import { type BinnedData, createGrowScratch, growTree, histogramOffsets, K } from './tree-builder.ts';

export interface BoostingInput {
  readonly x: Float64Array;
  readonly y: Uint8Array;
  readonly n: number;
  readonly d: number;
}

export interface BoostingResult {
  readonly ensemble: TreeEnsemble;
  /** Rounds kept in the final ensemble. */
  readonly rounds: number;
  /** Round count chosen by early stopping (equals rounds unless no validation tail was used). */
  readonly bestRound: number | null;
  /** Multi-class log loss on the validation tail at the best round, when there was a tail. */
  readonly validationLogLoss: number | null;
  readonly validationRows: number;
}

/** Trains the ensemble; with a validation tail, early-stops on it and (optionally) refits on all rows. */
export function trainBoosting(input: BoostingInput, params: GbdtParams, seed: number): BoostingResult {
  const edges = computeBinEdges(input.x, input.n, input.d, params.maxBins, params.binSampleRows);
  const data: BinnedData = {
    columns: binColumns(input.x, input.n, input.d, edges),
    upper: edges.upper,
    offsets: histogramOffsets(edges.upper),
  };
  const nValid = Math.floor(input.n * params.validationFraction);
  if (nValid === 0) {
    const run = boost(data, input, input.n, 0, params.maxIterations, params, seed);
    return {
      ensemble: run.ensemble,
      rounds: run.rounds,
      bestRound: null,
      validationLogLoss: null,
      validationRows: 0,
    };
  }
  const nTrain = input.n - nValid;
  const first = boost(data, input, nTrain, nValid, params.maxIterations, params, seed);
  const bestRound = first.bestRound;
  if (!params.refitOnAllRows) {
    return {
      ensemble: first.ensemble,
      rounds: bestRound,
      bestRound,
      validationLogLoss: first.bestLoss,
      validationRows: nValid,
    };
  }
  const refit = boost(data, input, input.n, 0, bestRound, params, seed);
  return {
    ensemble: refit.ensemble,
    rounds: refit.rounds,
    bestRound,
    validationLogLoss: first.bestLoss,
    validationRows: nValid,
  };
}

interface BoostRun {
  readonly ensemble: TreeEnsemble;
  readonly rounds: number;
  readonly bestRound: number;
  readonly bestLoss: number | null;
}

/** Boosts on rows [0, nTrain); rows [nTrain, nTrain + nValid) score each round for early stopping. */
function boost(
  data: BinnedData,
  input: BoostingInput,
  nTrain: number,
  nValid: number,
  maxRounds: number,
  params: GbdtParams,
  seed: number,
): BoostRun {
  const k = K;
  const prng = createPrng(seed);
  const baseScore = logPriors(input.y, nTrain, k);
  const nAll = nTrain + nValid;
  const scores = new Float64Array(nAll * k);
  for (let r = 0; r < nAll; r++) for (let c = 0; c < k; c++) scores[r * k + c] = baseScore[c]!;

  const probs = new Float64Array(k);
  const gh = new Float64Array(nTrain * 2 * k);
  const rows = new Int32Array(nTrain);
  const scratch = createGrowScratch(nTrain, data, params.maxLeaves);
  const hessFactor = k / (k - 1);
  const trees: Tree[] = [];
  let bestLoss = Number.POSITIVE_INFINITY;
  let bestRound = 0;

  for (let round = 0; round < maxRounds; round++) {
    const count = drawBag(rows, nTrain, params.baggingFraction, prng);
    const features = drawFeatures(input.d, params.featureFraction, prng);
    for (let i = 0; i < count; i++) {
      const r = rows[i]!;
      softmaxInto(scores, r * k, k, probs, 0);
      for (let c = 0; c < k; c++) {
        const p = probs[c]!;
        gh[r * 2 * k + c] = p - (input.y[r] === c ? 1 : 0);
        gh[r * 2 * k + k + c] = Math.max(hessFactor * p * (1 - p), 1e-16);
      }
    }
    const tree = growTree(data, rows, count, gh, features, params, scratch);
    trees.push(tree);
    for (let r = 0; r < nAll; r++) {
      const leaf = leafOfBinned(tree, data.columns, r) * k;
      for (let c = 0; c < k; c++) scores[r * k + c] = scores[r * k + c]! + tree.value[leaf + c]!;
    }
    if (nValid > 0) {
      const loss = logLoss(scores, input.y, nTrain, nAll, k);
      if (loss < bestLoss) {
        bestLoss = loss;
        bestRound = round + 1;
      } else if (round + 1 - bestRound >= params.earlyStoppingRounds) break;
    }
  }
  const rounds = nValid > 0 ? Math.max(bestRound, 1) : trees.length;
  return {
    ensemble: { numClasses: k, baseScore, trees: trees.slice(0, rounds) },
    rounds,
    bestRound: rounds,
    bestLoss: nValid > 0 ? bestLoss : null,
  };
}

function logPriors(y: Uint8Array, n: number, k: number): number[] {
  const counts = new Array<number>(k).fill(1);
  for (let r = 0; r < n; r++) counts[y[r]!] = counts[y[r]!]! + 1;
  const total = n + k;
  return counts.map((c) => Math.fround(Math.log(c / total)));
}

/** Bernoulli bag of row ids in ascending order; all rows when fraction is 1. */
function drawBag(rows: Int32Array, n: number, fraction: number, prng: Prng): number {
  let count = 0;
  for (let r = 0; r < n; r++) if (fraction >= 1 || prng.next() < fraction) rows[count++] = r;
  return count;
}

function drawFeatures(d: number, fraction: number, prng: Prng): Int32Array {
  const m = Math.max(1, Math.round(d * fraction));
  const all = Int32Array.from({ length: d }, (_, i) => i);
  if (m >= d) return all;
  for (let i = 0; i < m; i++) {
    const j = i + prng.int(d - i);
    const t = all[i]!;
    all[i] = all[j]!;
    all[j] = t;
  }
  return all.subarray(0, m).sort();
}

function logLoss(scores: Float64Array, y: Uint8Array, from: number, to: number, k: number): number {
  let total = 0;
  for (let r = from; r < to; r++) {
    const o = r * k;
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < k; c++) max = Math.max(max, scores[o + c]!);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(scores[o + c]! - max);
    total += Math.log(sum) + max - scores[o + y[r]!]!;
  }
  return total / (to - from);
}
