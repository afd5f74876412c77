/**
 * params.yaml → one typed, validated, frozen Params object: feature windows and rating constants, training,
 * evaluation, backtest, betting, drift and schedule settings. Loaded once by the entry point and injected.
 *
 * @example
 *   const params = loadParams(); // reads <package root>/params.yaml, throws ParamsError on a bad value
 *   buildFeatureTable(matches, params.features);
 */
import { readFileSync } from 'node:fs';
import { type Static, type TSchema, Type } from 'typebox';
import { Value } from 'typebox/value';
import { parse } from 'yaml';
import { ExpectedError } from '../domain/expected-error.ts';
import { MARGIN_METHODS, type MarginMethod } from '../domain/margin-removal.ts';
import type { KellyParams, StakingPlan } from '../domain/staking.ts';
import type { EdgeRule } from '../domain/value-bet.ts';
import { DEFAULT_PARAMS_PATH } from './package-files.ts';

const Num = (description: string, minimum?: number, maximum?: number) =>
  Type.Number({
    description,
    ...(minimum === undefined ? {} : { minimum }),
    ...(maximum === undefined ? {} : { maximum }),
  });
const Int = (description: string, minimum: number, maximum: number) =>
  Type.Integer({ description, minimum, maximum });
/** A calendar date, `YYYY-MM-DD` (TypeBox's `date` format checks the day exists: no 2024-02-30). */
const IsoDate = (description: string) => Type.String({ description, format: 'date' });
const Cron = (description: string) => Type.String({ description, minLength: 9 });
const Strict = <T extends Parameters<typeof Type.Object>[0]>(properties: T) =>
  Type.Object(properties, { additionalProperties: false });

export const FeatureParamsSchema = Strict({
  form_windows: Type.Array(Int('matches per rolling window', 1, 100), { minItems: 1, maxItems: 4 }),
  form_prior: Strict({
    win: Num('mean win share assumed without history', 0, 1),
    draw: Num('mean draw share assumed without history', 0, 1),
    points: Num('mean points assumed without history', 0, 3),
    goals_for: Num('mean goals scored assumed without history', 0),
    goals_against: Num('mean goals conceded assumed without history', 0),
  }),
  elo: Strict({
    initial: Num('rating of a new team'),
    k: Num('update factor', 0),
    home_advantage: Num('Elo points added to the home side', -500, 500),
    season_regression: Num('share of distance to the competition mean removed per season', 0, 1),
    goal_diff_multiplier: Type.Boolean({
      description:
        'scale K by the margin as World Football Elo does: ×1 for one goal, ×1.5 for two, ×(11 + margin)/8 beyond',
    }),
  }),
  pi: Strict({
    learning_rate: Num('lambda', 0, 1),
    cross_learning_rate: Num('gamma', 0, 1),
    b: Num('base of the rating → goal-difference map', 1.0001),
    c: Num('scale of the rating → goal-difference map', 0.0001),
  }),
  goals: Strict({
    learning_rate: Num('step size of team attack/defence', 0, 1),
    fast_learning_rate: Num('step size of the fast-moving copy', 0, 1),
    league_learning_rate: Num('step size of league base rate and home effect', 0, 1),
    season_regression: Num('share of team strengths removed per season', 0, 1),
    uncertainty_boost: Num('extra step size for an uncertain team (× learning rate)', 0, 100),
    uncertainty_decay: Num('uncertainty kept after each match', 0, 1),
    season_uncertainty: Num('uncertainty added at each new season', 0, 1),
  }),
  entrant: Strict({
    ema_alpha: Num('weight of the newest entrant in the learned entrant rating', 0, 1),
    settle_matches: Int('matches after which an entrant is recorded', 1, 100),
  }),
  league_priors: Strict({
    decay: Num("share of an earlier match's weight lost with each later match of its league", 0, 1),
    pooled_decay: Num('per match of the same sex, fading of the pooled rates', 0, 1),
    prior_matches: Strict({
      home_win: Num('weight in matches of the pooled home-win share behind a league', 0),
      draw: Num('weight in matches of the pooled draw share behind a league', 0),
      goals: Num('weight in matches of the pooled goal rate behind a league', 0),
      home_advantage: Num('weight in matches of the pooled home/away goal ratio behind a league', 0),
    }),
  }),
  rest_days_cap: Num('rest days are capped at this many days', 1, 365),
  rest_days_missing: Num('rest days assumed for a team without an earlier match', 0, 365),
  matches_played_cap: Int('matches played is capped at this count', 1, 10_000),
  shots: Strict({
    windows: Type.Array(Int('matches with statistics per rolling window', 1, 100), {
      minItems: 1,
      maxItems: 4,
    }),
    prior: Strict({
      shots_target: Num('shots on target per team and match assumed without history', 0),
      shots: Num('shots per team and match assumed without history', 0),
    }),
    min_matches: Int('earlier matches with statistics both teams need for the shot features', 1, 100),
    learning_rate: Num('step size of team shots-on-target attack/defence', 0, 1),
    season_regression: Num('share of shot strengths removed per season', 0, 1),
    home_effect: Num('starting home effect (log ratio) of shots on target', -2, 2),
    goal_weight: Num('weight of goals (vs scaled shots on target) in the shots-adjusted goal ratings', 0, 1),
    goals_per_shot_on_target: Num('goals one shot on target is worth in the shots-adjusted ratings', 0, 1),
  }),
  dixon_coles: Strict({
    xi: Num('Dixon–Coles time decay per day', 0, 1),
    window_days: Int('days of results a Dixon–Coles fit reads', 30, 10_000),
    prior: Num('pseudo-matches at the league average behind each team', 0, 100),
    refit_days: Int('days between two refits of one competition', 1, 365),
    sweeps: Int('fixed-point sweeps per warm-started refit', 1, 1000),
  }),
});
export type FeatureParams = Static<typeof FeatureParamsSchema>;

export const TrainParamsSchema = Strict({
  model: Type.String({ description: 'trainer family used for the champion candidate', minLength: 1 }),
  l2: Num('L2 prior precision on standardised weights (total log loss + l2/2·||W||²)', 0),
  max_iterations: Int('optimiser iterations', 1, 10_000),
  tolerance: Num('stop when the gradient norm falls below', 0),
  seed: Int('seed for every random choice', 0, 2 ** 31 - 1),
  min_matches_played: Int('rows with a team having fewer earlier matches are not trained on', 0, 1000),
  train_from: IsoDate('training ignores matches before this date'),
});
export type TrainParams = Static<typeof TrainParamsSchema>;

/** A football-data.co.uk league code: a main division (`E0`, `SP1`) or another league's country (`ARG`). */
export const LEAGUE_CODE_PATTERN = '^[A-Z][A-Z0-9]{1,3}$';
/** A season label as `2016-17`. */
export const SEASON_PATTERN = '^\\d{4}-\\d{2}$';

export const SyncParamsSchema = Strict({
  leagues: Type.Array(
    Type.String({ description: 'football-data league code', pattern: LEAGUE_CODE_PATTERN }),
    {
      minItems: 1,
    },
  ),
  seasons: Int('seasons of each main division pulled on an empty database', 1, 60),
  from_season: Type.Optional(
    Type.String({
      description: 'earliest season pulled, e.g. 2016-17 (overrides seasons)',
      pattern: SEASON_PATTERN,
    }),
  ),
  fixtures: Type.Boolean({ description: 'also pull fixtures.csv and new_league_fixtures.csv' }),
  timeout_ms: Int('a request is abandoned after this long', 100, 600_000),
  retries: Int('retries of a request after a timeout, network error or 5xx', 0, 10),
  backoff_ms: Int('wait before the first retry (doubled each time)', 0, 600_000),
  min_interval_ms: Int('least time between two requests to the provider', 0, 60_000),
  stale_after_hours: Int('a watched file unchanged for longer is stale', 1, 24 * 365),
  postponed_after_hours: Int(
    'a scheduled match without a result this long after kick-off is postponed',
    1,
    24 * 60,
  ),
  team_aliases: Type.Record(
    Type.String({ description: 'region code, e.g. ENG' }),
    Type.Record(Type.String({ minLength: 1 }), Type.String({ minLength: 1 })),
    { description: 'region → { name seen → name the results files use }' },
  ),
});
export type SyncParams = Static<typeof SyncParamsSchema>;

/** The walk-forward recalibration of the goal markets (src/pipelines/evaluation/calibrated-goal-markets.ts). */
export const GoalMarketParamsSchema = Strict({
  refit_days: Int('days between refits of the over 2.5 / BTTS recalibration', 1, 3650),
  window_days: Int('finished matches this many days before a refit are fitted on', 30, 36_500),
  min_matches: Int(
    'finished matches needed before the first fit (until then the raw score matrix)',
    10,
    1_000_000,
  ),
});
export type GoalMarketParams = Static<typeof GoalMarketParamsSchema>;

export const ParamsSchema = Strict({
  features: FeatureParamsSchema,
  train: TrainParamsSchema,
  evaluate: Strict({
    test_from: IsoDate('matches on/after this date are scored'),
    calibration_bins: Int('bins of the reliability table', 2, 100),
    stack_from: IsoDate(
      'the market-aware challenger and the per-league calibration learn from training matches on/after this date',
    ),
    league_calibration: Strict({
      min_matches: Int('training matches a league needs for its own calibration', 1, 1_000_000),
      prior: Num('precision of the prior holding a league calibration at the identity', 0),
    }),
    margin_method: Type.Union(
      MARGIN_METHODS.map((m) => Type.Literal(m)),
      { description: 'how the market baseline takes the margin off (src/domain/margin-removal.ts)' },
    ),
  }),
  goal_markets: GoalMarketParamsSchema,
  backtest: Strict({
    period: Type.Union([Type.Literal('week'), Type.Literal('month'), Type.Literal('season')]),
    start: IsoDate('first period predicted'),
    warm_start: Type.Boolean({ description: 'start each retrain from the previous weights' }),
  }),
  betting: Strict({
    edge_threshold: Num('bet when p·odd − 1 ≥ this', 0),
    edge_ceiling: Num(
      'an edge above this is flagged (far from the market: a data error or a model miss), never bet',
      0,
    ),
    stake: Num('flat stake per bet', 0),
    kelly: Strict({
      fraction: Num('share of the full Kelly stake', 0, 1),
      cap: Num('largest share of the bankroll on one bet', 0, 1),
    }),
    bootstrap: Strict({
      resamples: Int('bootstrap resamples (over matches) for ROI intervals', 100, 100000),
      seed: Int('seed of the bootstrap', 0, 2147483647),
    }),
  }),
  drift: Strict({
    psi_threshold: Num('a feature drifts when PSI ≥ this', 0),
    ks_pvalue: Num('a feature drifts when the KS p-value < this', 0, 1),
    psi_bins: Int('quantile bins for PSI', 2, 100),
    current_days: Int('days of recent matches in the current window', 1, 3650),
  }),
  schedule: Strict({
    batch_inference: Cron('cron for batch inference'),
    odds: Cron('cron for the odds stage'),
    betting: Cron('cron for the betting simulation'),
    drift: Cron('cron for drift monitoring'),
    retrain: Type.Optional(Cron('cron for retraining: ingest → features → train → evaluate → register')),
    sync: Type.Optional(Cron('cron for the provider sync: sync → features → batch inference')),
  }),
  sync: SyncParamsSchema,
});
export type Params = Static<typeof ParamsSchema>;

export class ParamsError extends ExpectedError {
  override readonly name = 'ParamsError';
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Validates a parsed params document; the message names the first bad path. */
export function parseParams(document: unknown, schema: TSchema = ParamsSchema): Params {
  if (!Value.Check(schema, document)) {
    const first = Value.Errors(schema, document)[0];
    const where = first ? `${first.instancePath || '/'}: ${first.message}` : 'invalid document';
    throw new ParamsError(`params: ${where}`);
  }
  return deepFreeze(structuredClone(document) as Params);
}

/** Reads and validates params.yaml (default: the one at the package root). */
export function loadParams(path: string = DEFAULT_PARAMS_PATH): Params {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ParamsError(`params: cannot read ${path}: ${(error as Error).message}`);
  }
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    // The YAML parser's message names a line, not the file: a --params typo read as a crash without it.
    throw new ParamsError(`params: ${path} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  try {
    return parseParams(document);
  } catch (error) {
    if (!(error instanceof ParamsError)) throw error;
    throw new ParamsError(error.message.replace(/^params: /, `params: ${path}: `));
  }
}

/** The value-bet rule of `betting`: one reading for the pipeline's bets and the API's cards. */
export function edgeRuleOf(params: Pick<Params, 'betting' | 'train'>): EdgeRule {
  return {
    threshold: params.betting.edge_threshold,
    ceiling: params.betting.edge_ceiling,
    minMatchesPlayed: params.train.min_matches_played,
  };
}

/** How the track record grades and bets: one reading for the API's record and the replay's. */
export interface TrackRecordRules {
  readonly edgeRule: EdgeRule;
  readonly marginMethod: MarginMethod;
  readonly kelly: KellyParams;
  readonly bootstrapSeed: number;
  readonly bootstrapResamples: number;
}

export function trackRecordRulesOf(params: Pick<Params, 'betting' | 'evaluate' | 'train'>): TrackRecordRules {
  return {
    edgeRule: edgeRuleOf(params),
    marginMethod: params.evaluate.margin_method,
    kelly: params.betting.kelly,
    bootstrapSeed: params.betting.bootstrap.seed,
    bootstrapResamples: params.betting.bootstrap.resamples,
  };
}

/** The staking plan of `betting` (flat stake, Kelly fraction and cap): one reading for the API's cards. */
export function stakingOf(params: Pick<Params, 'betting'>): StakingPlan {
  return { flatStake: params.betting.stake, kelly: params.betting.kelly };
}
