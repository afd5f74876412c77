/** Per-feature mean and scale (population standard deviation; 1 for a constant column, so it stays finite). */
export interface Standardiser {
  readonly mean: Float64Array;
  readonly scale: Float64Array;
}

export function fitStandardiser(x: Float64Array, n: number, d: number): Standardiser {
  const mean = new Float64Array(d);
  const scale = new Float64Array(d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (x[i * d + j] as number);
  for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) / Math.max(1, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const c = (x[i * d + j] as number) - (mean[j] as number);
      scale[j] = (scale[j] as number) + c * c;
    }
  }
  for (let j = 0; j < d; j++) {
    const sd = Math.sqrt((scale[j] as number) / Math.max(1, n));
    scale[j] = sd > 1e-12 ? sd : 1;
  }
  return { mean, scale };
}

/** Per-feature smallest and largest training value: the range a linear model's inputs are held to. */
export interface FeatureRange {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

/** The range of each of the d columns over n rows (row-major); n must be at least 1. */
export function fitFeatureRange(x: Float64Array, n: number, d: number): FeatureRange {
  const lower = new Float64Array(d).fill(Number.POSITIVE_INFINITY);
  const upper = new Float64Array(d).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = x[i * d + j] as number;
      if (v < (lower[j] as number)) lower[j] = v;
      if (v > (upper[j] as number)) upper[j] = v;
    }
  }
  return { lower, upper };
}
