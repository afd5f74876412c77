/**
 * The market-aware challenger: the fundamentals model's forecast stacked with the pre-match market's margin-free
 * probabilities by a small multinomial logistic regression on their log-odds (draw as the reference). It only
 * ever reads prices published days before kick-off, never the closing line it is compared with; value bets never
 * come from it (a model that reads the price cannot find value against that price).
 *
 * @example
 *   const stack = fitMarketStack(modelTrain, marketTrain, yTrain);
 *   const p = stack.predict(modelTest, marketTest); // n × 3
 */
import { createLogisticRegressionTrainer, type LogisticRegressionModel } from './logistic-regression.ts';

export const MARKET_STACK_FEATURES = [
  'model_home_vs_draw',
  'model_away_vs_draw',
  'market_home_vs_draw',
  'market_away_vs_draw',
] as const;

/** Floor on a probability before its logarithm (a market price of 1/1000 is already far out). */
const FLOOR = 1e-6;

/** n × 4 log-odds features from two n × 3 probability matrices. */
export function stackFeatures(model: Float64Array, market: Float64Array): Float64Array {
  const n = model.length / 3;
  const x = new Float64Array(n * 4);
  const lr = (p: Float64Array, i: number, k: number) =>
    Math.log(Math.max(p[i * 3 + k] as number, FLOOR) / Math.max(p[i * 3 + 1] as number, FLOOR));
  for (let i = 0; i < n; i++) {
    x[i * 4] = lr(model, i, 0);
    x[i * 4 + 1] = lr(model, i, 2);
    x[i * 4 + 2] = lr(market, i, 0);
    x[i * 4 + 3] = lr(market, i, 2);
  }
  return x;
}

export interface MarketStack {
  readonly coefficients: LogisticRegressionModel['coefficients'];
  /** n × 3 probabilities from the model's and the pre-match market's n × 3 forecasts. */
  predict(model: Float64Array, market: Float64Array): Float64Array;
}

/** Fits the stack on training matches that have a pre-match price (labels 0/1/2). */
export function fitMarketStack(model: Float64Array, market: Float64Array, y: Uint8Array): MarketStack {
  const x = stackFeatures(model, market);
  // Four inputs and many thousand rows: a light prior is enough.
  const fitted = createLogisticRegressionTrainer({ l2: 1 }).train(
    { featureNames: MARKET_STACK_FEATURES, n: y.length, d: 4, x, y },
    { seed: 0 },
  );
  return {
    coefficients: fitted.coefficients,
    predict: (m, q) => fitted.predict(stackFeatures(m, q), m.length / 3),
  };
}
