/**
 * Raised whenever a change to the model code fits a different model from the same rows and params (a fix, not a
 * tuning), so that a deployment refits after the upgrade instead of serving what the new code would not make:
 * every stage that fits a model reads it among its params, and `register` replaces a champion fitted under an
 * older revision. The twin of FEATURE_REVISION for features. 2 (2026-12-07): linear models hold each input to
 * its training range (a new league's constant column had read as Home 100 %), and the walk-forward backtest
 * predicts finished matches only.
 */
export const MODEL_REVISION = 2;
