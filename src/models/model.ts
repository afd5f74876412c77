/**
 * What every trainer consumes and produces, so evaluation, the backtest and the registry treat model families
 * alike. Matrices are row-major Float64Arrays (n rows × d features); labels are outcome classes 0/1/2.
 */
export interface Dataset {
  readonly featureNames: readonly string[];
  readonly n: number;
  readonly d: number;
  /** n × d, row-major, every value finite. */
  readonly x: Float64Array;
  /** n labels: 0 home win, 1 draw, 2 away win. */
  readonly y: Uint8Array;
  /**
   * Optional row weights (e.g. recency, as bench/champion-design.ts tries them): a row of weight w counts as w
   * rows. Families that cannot weight rows ignore them.
   */
  readonly w?: Float64Array;
}

export interface TrainedModel {
  /** e.g. "logreg", "gbdt", "ordered_logit" */
  readonly family: string;
  readonly featureNames: readonly string[];
  /** Hyper-parameters and fitted summary values worth recording in the registry. */
  readonly params: Readonly<Record<string, unknown>>;
  /** n × 3 probabilities (home, draw, away), row-major, each row summing to 1. */
  predict(x: Float64Array, n: number): Float64Array;
  /** The same function as an ONNX graph: input "features" float32 [N, d] → output "probabilities" float32 [N, 3]. */
  toOnnx(): Uint8Array;
}

export interface TrainOptions {
  /** Seed for every random choice, so a retrain on the same data gives the same model. */
  readonly seed: number;
}

export interface Trainer {
  readonly family: string;
  train(data: Dataset, options: TrainOptions): TrainedModel;
}
