/** Hyper-parameters of the gradient-boosted trees, with defaults and a TypeBox schema for registry/CLI input. */
import { type Static, Type } from 'typebox';

export const GbdtParamsSchema = Type.Object(
  {
    /** Upper bound on boosting rounds (each round grows one tree per class). */
    maxIterations: Type.Integer({ minimum: 1 }),
    /** Shrinkage applied to every leaf value. */
    learningRate: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
    /** Leaf-wise growth stops at this many leaves per tree. */
    maxLeaves: Type.Integer({ minimum: 2, maximum: 1024 }),
    /** Depth limit of a tree (root has depth 0). */
    maxDepth: Type.Integer({ minimum: 1, maximum: 32 }),
    /** Minimum number of (bagged) training rows in a leaf. */
    minDataInLeaf: Type.Integer({ minimum: 1 }),
    /** Minimum sum of hessians in a leaf. */
    minSumHessianInLeaf: Type.Number({ minimum: 0 }),
    /** L2 penalty on leaf values (λ in −G/(H+λ)). */
    lambdaL2: Type.Number({ minimum: 0 }),
    /** A split must improve the regularised loss by more than this. */
    minGainToSplit: Type.Number({ minimum: 0 }),
    /** Share of features offered to each tree round, drawn with the seeded PRNG. */
    featureFraction: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
    /** Share of training rows drawn (without replacement) for each boosting round. */
    baggingFraction: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
    /** Quantile bins per feature (at most 255, bins are stored as bytes). */
    maxBins: Type.Integer({ minimum: 2, maximum: 255 }),
    /** Rows sampled (evenly spaced) to place the bin edges. */
    binSampleRows: Type.Integer({ minimum: 100 }),
    /** Share of rows at the END of the data (the most recent matches) held out for early stopping; 0 = none. */
    validationFraction: Type.Number({ minimum: 0, maximum: 0.5 }),
    /** Stop when validation log loss has not improved for this many rounds. */
    earlyStoppingRounds: Type.Integer({ minimum: 1 }),
    /** After early stopping, grow the chosen number of rounds again on all rows (validation tail included). */
    refitOnAllRows: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type GbdtParams = Static<typeof GbdtParamsSchema>;

/**
 * Defaults for ~40 rating/form features of football matches: shallow, heavily regularised trees, because the
 * outcome is mostly noise around a smooth function of rating differences.
 */
export const DEFAULT_GBDT_PARAMS: GbdtParams = Object.freeze({
  maxIterations: 1000,
  learningRate: 0.1,
  maxLeaves: 15,
  maxDepth: 6,
  minDataInLeaf: 200,
  minSumHessianInLeaf: 1e-3,
  lambdaL2: 5,
  minGainToSplit: 0,
  featureFraction: 0.7,
  baggingFraction: 0.5,
  maxBins: 63,
  binSampleRows: 100_000,
  validationFraction: 0.1,
  earlyStoppingRounds: 30,
  refitOnAllRows: true,
});
