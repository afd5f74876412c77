/** Schemas of the /predict routes (docs/api.md): each field exactly as the contract names it. */
import { type Static, Type } from '@fastify/type-provider-typebox';
import { NameEnum } from '../../config/name-enum.ts';
import { SUSPECT_REASONS } from '../../domain/value-bet.ts';
import {
  ModelAliasName,
  OutcomeClass,
  OutcomeLabel,
  PredictionResult,
  Probability,
} from '../../queue/tasks.ts';
import { IsoTime, MatchId, Nullable, NumberPair } from './common.ts';

/** Which model made a row: documented once for every route that carries it. */
const ModelStage = Nullable(
  Type.String({
    description:
      "the alias the row's model held when it predicted (`champion`, `challenger`, `candidate`), or `backtest` for a finished match the walk-forward backtest predicted with a model fitted before it",
  }),
);

export const PredictionItem = Type.Object({
  match_id: Type.Integer(),
  homeTeamName: Nullable(Type.String()),
  awayTeamName: Nullable(Type.String()),
  startTimeUtc: IsoTime,
  proba_home: Probability,
  proba_draw: Probability,
  proba_away: Probability,
  predicted_class: OutcomeClass,
  predicted_label: OutcomeLabel,
  is_future: Nullable(Type.Boolean()),
  model_stage: ModelStage,
  model_run_id: Nullable(Type.String()),
});
export type PredictionItem = Static<typeof PredictionItem>;
export const PredictionList = Type.Array(PredictionItem);

const precomputedFields = {
  match_id: Type.Integer(),
  proba_home: Probability,
  proba_draw: Probability,
  proba_away: Probability,
  predicted_class: OutcomeClass,
  predicted_label: OutcomeLabel,
  is_future: Nullable(Type.Boolean()),
  start_time_utc: IsoTime,
  home_team_name: Nullable(Type.String()),
  away_team_name: Nullable(Type.String()),
  model_run_id: Nullable(Type.String()),
  model_stage: ModelStage,
  predictions_computed_at: Nullable(IsoTime),
  proba_over_2_5: Type.Optional(
    Nullable(
      Type.Number({
        minimum: 0,
        maximum: 1,
        description:
          'probability of more than 2.5 goals in total: the Dixon–Coles score matrix recalibrated walk-forward, both fitted on results before the match only; for a finished match the value logged with its prediction; null when unknown',
      }),
    ),
  ),
  proba_btts: Type.Optional(
    Nullable(
      Type.Number({
        minimum: 0,
        maximum: 1,
        description:
          'probability that both teams score, from the same score matrix and recalibration scheme as proba_over_2_5; null when unknown',
      }),
    ),
  ),
};

export const Precomputed = Type.Object(precomputedFields);
export type Precomputed = Static<typeof Precomputed>;

export const ValueBetBody = Type.Object({
  outcome: OutcomeClass,
  edge: Type.Number({ description: 'expected return per unit stake: p·odd − 1' }),
  odd: Type.Number(),
});

export const SuspectEdge = Type.Object({
  ...ValueBetBody.properties,
  reason: NameEnum(SUSPECT_REASONS, {
    description:
      'above_ceiling: the edge is above params betting.edge_ceiling (the model far from the market: a data error or a model miss); negative_margin: the book pays out more than it takes in (a data error); little_history: a team had fewer than params train.min_matches_played earlier matches, too few for the model to know it',
  }),
});

/** A card's value bet: the bet, its stakes under params.yaml `betting`, and once the market has closed its CLV. */
export const CardValueBet = Type.Object(
  {
    ...ValueBetBody.properties,
    stake_flat: Type.Optional(Type.Number({ description: 'flat stake in units (params betting.stake)' })),
    stake_kelly: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 1,
        description:
          'fractional Kelly stake as a share of the bankroll (params betting.kelly fraction, capped)',
      }),
    ),
    closing_odd: Type.Optional(
      Nullable(
        Type.Number({ description: 'the closing price of the outcome bet on; null until the market closes' }),
      ),
    ),
    clv: Type.Optional(
      Nullable(
        Type.Number({
          description:
            'closing-line value: closing margin-free probability × odd − 1; null before the close or when the price taken was itself a closing price',
        }),
      ),
    ),
  },
  {
    description:
      "the model's disagreement with the price, not evidence that the price is wrong: read /predict/track-record for what such bets have earned before staking (on the shared history they lost)",
  },
);
export type CardValueBet = Static<typeof CardValueBet>;

export const Card = Type.Object({
  ...precomputedFields,
  region_id: Nullable(Type.Integer()),
  region_name: Nullable(Type.String()),
  sex: Nullable(Type.Integer({ minimum: 0, maximum: 1 })),
  status: Nullable(Type.String()),
  odd_home: Nullable(Type.Number()),
  odd_draw: Nullable(Type.Number()),
  odd_away: Nullable(Type.Number()),
  odds_url: Nullable(Type.String()),
  home_score: Nullable(Type.Integer()),
  away_score: Nullable(Type.Integer()),
  outcome: Nullable(OutcomeClass),
  prediction_correct: Nullable(Type.Boolean()),
  value_bet: Nullable(CardValueBet),
  suspect_edge: Type.Optional(
    Type.Union([SuspectEdge, Type.Null()], {
      description:
        'the best edge when it is flagged instead of bet (see reason): shown, never a value bet and never staked',
    }),
  ),
  home_matches_played: Type.Optional(
    Nullable(
      Type.Integer({
        minimum: 0,
        description:
          "the home team's earlier matches in the data when the probability was computed, counted up to params features.matches_played_cap; null when unknown",
      }),
    ),
  ),
  away_matches_played: Type.Optional(
    Nullable(Type.Integer({ minimum: 0, description: 'the same for the away team' })),
  ),
});
export type Card = Static<typeof Card>;
export const CardList = Type.Array(Card);

export const RegionRoi = Type.Object({
  region_name: Nullable(Type.String()),
  roi_pct: Nullable(Type.Number()),
  n_bets: Type.Integer({ description: 'bets behind roi_pct' }),
  hit_rate: Nullable(Type.Number()),
  region_id: Nullable(Type.Integer()),
  roi_ci95: Type.Optional(
    Nullable(NumberPair('seeded bootstrap 95 % interval of roi_pct [low, high], resampling matches')),
  ),
  max_drawdown: Type.Optional(
    Nullable(Type.Number({ description: 'deepest fall of the flat-stake profit from its peak, units' })),
  ),
});
export type RegionRoi = Static<typeof RegionRoi>;
export const RegionRoiList = Type.Array(RegionRoi);

export const OddsItem = Type.Object({
  match_id: Type.Integer(),
  odd_home: Type.Number(),
  odd_draw: Type.Number(),
  odd_away: Type.Number(),
  bookmaker: Type.String(),
  odds_url: Nullable(Type.String()),
  collected_at: Nullable(IsoTime),
});
export type OddsItem = Static<typeof OddsItem>;
export const OddsList = Type.Array(OddsItem);

export const LivePrediction = Type.Object({
  match_id: Type.Integer(),
  prediction: PredictionResult,
  task_id: Nullable(Type.String({ description: 'queue job id; null when served inline' })),
  hindsight: Type.Boolean({
    description:
      'true when the match had kicked off before this answer (or the model trained on data up to its kick-off): ' +
      'the result may be in the model, so this is no forecast; /predict/history/{match_id} has what was published before kick-off',
  }),
});
export type LivePrediction = Static<typeof LivePrediction>;

export const AsyncPredictBody = Type.Object(
  {
    match_id: MatchId,
    stage: Type.Optional(ModelAliasName),
  },
  { additionalProperties: false },
);
export type AsyncPredictBody = Static<typeof AsyncPredictBody>;

export const AsyncAccepted = Type.Object({
  task_id: Type.String(),
  status: Type.Literal('queued'),
});

export const ModelInfo = Type.Object({
  model_name: Type.String(),
  stage: Type.String(),
  version: Type.String(),
  run_id: Nullable(Type.String()),
  metrics: Type.Record(Type.String(), Type.Number(), {
    description: "held-out scores of the version's recipe (numbers, as MLflow's metrics)",
  }),
  params: Type.Record(Type.String(), Type.String(), {
    description:
      'training settings and facts as texts, as MLflow keeps params (test_from: where the held-out scores start)',
  }),
  feature_names: Type.Array(Type.String()),
  created_at: IsoTime,
});
export type ModelInfo = Static<typeof ModelInfo>;

/** One alias move from the registry's append-only promotion history. */
export const PromotionEntry = Type.Object({
  alias: Type.String(),
  from_version: Nullable(Type.String()),
  to_version: Nullable(Type.String()),
  actor: Type.String(),
  reason: Type.String(),
  at: IsoTime,
  rollback: Type.Boolean(),
});
export const ModelHistory = Type.Array(PromotionEntry);
export type ModelHistory = Static<typeof ModelHistory>;
