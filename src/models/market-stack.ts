/**
 * The market-aware challenger: the fundamentals model's forecast stacked with the pre-match market's margin-free
 * probabilities by a small multinomial logistic regression on their log-odds (draw as the reference). Given the
 * pre-match detail (Pinnacle's pre-match price, the spread between the best and the average price) it also
 * reads Pinnacle's departure from the average and lets the books' disagreement move the weight between the
 * model and the market (spread × (model − market) log-odds). It only
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

/** With pre-match detail: Pinnacle's log-odds minus the market's, the mean spread, and its interactions. */
export const MARKET_STACK_DETAIL_FEATURES = [
  ...MARKET_STACK_FEATURES,
  'pinnacle_minus_market_home_vs_draw',
  'pinnacle_minus_market_away_vs_draw',
  'book_spread',
  'book_spread_x_model_minus_market_home',
  'book_spread_x_model_minus_market_away',
] as const;

/**
 * Pre-match detail per match, n × 4: Pinnacle's pre-match probabilities (home, draw, away; the market's own
 * where Pinnacle has no price), then the mean over outcomes of log(best / average price) (0 where unknown).
 */
export const DETAIL_WIDTH = 4;

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

/** n × 9 features: the four above, plus what the pre-match detail (n × DETAIL_WIDTH) adds. */
export function stackDetailFeatures(
  model: Float64Array,
  market: Float64Array,
  detail: Float64Array,
): Float64Array {
  const n = model.length / 3;
  const base = stackFeatures(model, market);
  const d = MARKET_STACK_DETAIL_FEATURES.length;
  const x = new Float64Array(n * d);
  const lr = (p: ArrayLike<number>, at: number, k: number) =>
    Math.log(Math.max(p[at + k] as number, FLOOR) / Math.max(p[at + 1] as number, FLOOR));
  for (let i = 0; i < n; i++) {
    const at = i * DETAIL_WIDTH;
    const modelHome = base[i * 4] as number;
    const modelAway = base[i * 4 + 1] as number;
    const marketHome = base[i * 4 + 2] as number;
    const marketAway = base[i * 4 + 3] as number;
    const spread = detail[at + 3] as number;
    x.set(
      [
        modelHome,
        modelAway,
        marketHome,
        marketAway,
        lr(detail, at, 0) - marketHome,
        lr(detail, at, 2) - marketAway,
        spread,
        spread * (modelHome - marketHome),
        spread * (modelAway - marketAway),
      ],
      i * d,
    );
  }
  return x;
}

export interface MarketStack {
  readonly coefficients: LogisticRegressionModel['coefficients'];
  /**
   * n × 3 probabilities from the model's and the pre-match market's n × 3 forecasts (and the pre-match detail,
   * when the stack was fitted with it).
   */
  predict(model: Float64Array, market: Float64Array, detail?: Float64Array): Float64Array;
}

/**
 * Fits the stack on training matches that have a pre-match price (labels 0/1/2); with `detail` (n ×
 * DETAIL_WIDTH) it reads the pre-match detail too, and then needs it to predict.
 */
export function fitMarketStack(
  model: Float64Array,
  market: Float64Array,
  y: Uint8Array,
  detail?: Float64Array,
): MarketStack {
  const names = detail ? MARKET_STACK_DETAIL_FEATURES : MARKET_STACK_FEATURES;
  const features = (m: Float64Array, q: Float64Array, e?: Float64Array) => {
    if (!detail) return stackFeatures(m, q);
    if (!e) throw new Error('market stack: fitted with pre-match detail, predicted without');
    return stackDetailFeatures(m, q, e);
  };
  // A handful of inputs and many thousand rows: a light prior is enough.
  const fitted = createLogisticRegressionTrainer({ l2: 1 }).train(
    { featureNames: names, n: y.length, d: names.length, x: features(model, market, detail), y },
    { seed: 0 },
  );
  return {
    coefficients: fitted.coefficients,
    predict: (m, q, e) => fitted.predict(features(m, q, e), m.length / 3),
  };
}
