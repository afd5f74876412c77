/**
 * A multi-output regression tree of the boosted ensemble, stored as flat arrays (node 0 is the root). Internal
 * nodes send a row left when fround(x[feature]) ≤ threshold — the ONNX BRANCH_LEQ rule evaluated in float32.
 * Each leaf holds one value per class, added to that class's raw score.
 */
import { softmaxInto } from '../softmax.ts';

export interface Tree {
  /** Per node: the split feature, or −1 for a leaf. */
  readonly feature: Int32Array;
  /** Per node: on binned data, bin ≤ splitBin goes left (the same rule as the threshold). */
  readonly splitBin: Int32Array;
  /** Per node: float32 threshold (the upper edge of splitBin). */
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Per node × class (row-major): the leaf's outputs, already shrunk and rounded to float32; 0 on internal nodes. */
  readonly value: Float64Array;
}

/** The whole model: per-class starting scores plus trees; raw scores go through a softmax. */
export interface TreeEnsemble {
  readonly numClasses: number;
  /** Per class starting raw score (log prior), rounded to float32. */
  readonly baseScore: readonly number[];
  readonly trees: readonly Tree[];
}

/** The leaf (node index) one row of binned data reaches (one byte column per feature). */
export function leafOfBinned(tree: Tree, columns: readonly Uint8Array[], row: number): number {
  let node = 0;
  while (tree.feature[node]! >= 0) {
    node = columns[tree.feature[node]!]![row]! <= tree.splitBin[node]! ? tree.left[node]! : tree.right[node]!;
  }
  return node;
}

/** The leaf one row of raw features reaches, comparing in float32 as onnxruntime does. */
export function leafOfRaw(tree: Tree, x: Float64Array, rowOffset: number): number {
  let node = 0;
  while (tree.feature[node]! >= 0) {
    node =
      Math.fround(x[rowOffset + tree.feature[node]!]!) <= tree.threshold[node]!
        ? tree.left[node]!
        : tree.right[node]!;
  }
  return node;
}

/** Softmax of raw scores, n × k row-major, in place. */
export function softmaxRows(scores: Float64Array, n: number, k: number): Float64Array {
  for (let r = 0; r < n; r++) softmaxInto(scores, r * k, k, scores, r * k);
  return scores;
}

/** Class probabilities for raw feature rows (n × d) → n × numClasses. */
export function predictEnsemble(ensemble: TreeEnsemble, x: Float64Array, n: number, d: number): Float64Array {
  const k = ensemble.numClasses;
  const scores = new Float64Array(n * k);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < k; c++) scores[r * k + c] = ensemble.baseScore[c]!;
  }
  for (const tree of ensemble.trees) {
    for (let r = 0; r < n; r++) {
      const leaf = leafOfRaw(tree, x, r * d) * k;
      for (let c = 0; c < k; c++) scores[r * k + c] = scores[r * k + c]! + tree.value[leaf + c]!;
    }
  }
  return softmaxRows(scores, n, k);
}
