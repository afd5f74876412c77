/**
 * Schemas of the track record, its chain head, a match's odds history and its prediction history
 * (/predict/track-record, /predict/odds/{id}, /predict/history/{id}).
 */
import { type Static, Type } from '@fastify/type-provider-typebox';
import { NameEnum } from '../../config/name-enum.ts';
import { PREDICTION_SOURCES } from '../../domain/leakage-rule.ts';
import { SNAPSHOT_KINDS } from '../../domain/odds-history.ts';
import { Probability } from '../../queue/tasks.ts';
import { BulkFilterQuery, IsoTime, Nullable, NumberPair } from './common.ts';

const SnapshotKindName = NameEnum(SNAPSHOT_KINDS);
const Interval = Nullable(NumberPair('95 % seeded bootstrap interval over matches [low, high]'));
const Figure = (description: string) => Nullable(Type.Number({ description }));

export const TrackRecordQuery = Type.Object(
  {
    league: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description:
          'league as by_league names it, with its country (England / Premier League), or a bare competition name for that name in every country',
      }),
    ),
    from: BulkFilterQuery.properties.from,
    to: BulkFilterQuery.properties.to,
  },
  { additionalProperties: false },
);
export type TrackRecordQuery = Static<typeof TrackRecordQuery>;

export const ChainHead = Type.Object(
  {
    seq: Type.Integer({ description: 'number of chained predictions' }),
    hash: Type.String({ description: 'SHA-256 (hex) of the latest entry; it covers every earlier one' }),
    logged_at: IsoTime,
    chained_at: IsoTime,
  },
  { description: 'the head of the prediction chain; null while nothing is chained' },
);
export type ChainHead = Static<typeof ChainHead>;

export const ChainHeadBody = Type.Object({ head: Nullable(ChainHead) });
export type ChainHeadBody = Static<typeof ChainHeadBody>;

const FlatRoi = Type.Object({
  n_bets: Type.Integer(),
  roi_pct: Figure('flat one-unit stakes, %'),
  ci95: Interval,
});

/** The market's scores on the matches it priced, with the model's on the same matches (domain PairedScores). */
const PairedScores = (market: string) =>
  Type.Object({
    n: Type.Integer({ description: `graded matches with ${market}` }),
    log_loss: Figure(`${market}, margin removed`),
    rps: Figure(`${market}, margin removed`),
    model_log_loss: Figure('the model’s log loss on the same matches'),
    model_rps: Figure('the model’s ranked probability score on the same matches'),
  });

const LeagueRecord = Type.Object({
  league: Type.String({ description: 'country / competition, e.g. England / Championship' }),
  n: Type.Integer({ description: 'graded matches' }),
  model: Type.Object({ log_loss: Figure('model log loss'), rps: Figure('model ranked probability score') }),
  market_closing: PairedScores('a closing price'),
  clv: Type.Object({
    n_bets: Type.Integer({ description: 'bets with a closing-line value' }),
    mean: Figure('mean closing-line value of the bets'),
  }),
  roi: Type.Object({ flat: FlatRoi }),
});

/** domain/multiplicity.ts: many slices' ROIs side by side make one look good by chance. */
const Multiplicity = (slices: string, of: string) =>
  Type.Object(
    {
      min_bets: Type.Integer({ description: `${slices} need this many bets to be compared` }),
      compared: Type.Integer({ description: `${slices} of ${of} with at least min_bets bets` }),
      expected_by_chance: Type.Number({
        description:
          'how many of their 95 % intervals would exclude 0 if every true ROI were 0: 1 in 20, half each side',
      }),
      above_zero: Type.Integer({ description: 'of those compared, ROI intervals wholly above 0' }),
      below_zero: Type.Integer({ description: 'of those compared, ROI intervals wholly below 0' }),
    },
    {
      description: `how many ${of} ROI intervals exclude 0, against how many would by chance alone: the best of many ${slices} looks better than it is`,
    },
  );

/** domain/edge-bands.ts: the bets by the edge they were taken at. */
const EdgeBandRecord = Type.Object({
  from: Type.Number({ description: 'smallest edge of the band (included), a fraction: 0.05 is 5 %' }),
  to: Type.Number({
    description: 'largest edge of the band: excluded, except in the last band, which ends on edge_ceiling',
  }),
  edge_mean: Figure('mean edge p·odd − 1 of its bets at the price taken'),
  clv: Type.Object({
    n_bets: Type.Integer({ description: 'bets of the band with a closing-line value' }),
    mean: Figure('mean closing-line value of the bets'),
    ci95: Interval,
  }),
  roi: Type.Object({ flat: FlatRoi }),
});

const Band = NumberPair(
  '95 % bootstrap band [low, high]: bankrolls of paths resampled from the record’s own bets',
);

const TrackRecordDay = Type.Object(
  {
    date: Type.String({ format: 'date', description: 'UTC day of the kick-offs, YYYY-MM-DD' }),
    graded: Type.Integer({ description: 'graded matches so far' }),
    model: Type.Object({ log_loss: Type.Number(), rps: Type.Number() }, { description: 'running means' }),
    market_closing: Type.Object(
      {
        log_loss: Figure('running mean'),
        rps: Figure('running mean'),
        model_log_loss: Figure('the model’s running mean on the same matches'),
        model_rps: Figure('the model’s running mean on the same matches'),
      },
      { description: 'over the graded matches with a closing price so far' },
    ),
    n_bets: Type.Integer({ description: 'bets so far' }),
    clv: Type.Object({
      n_bets: Type.Integer({ description: 'bets with a closing-line value so far' }),
      sum: Type.Number({ description: 'cumulative closing-line value, per unit staked' }),
    }),
    flat: Type.Object({ profit: Type.Number({ description: 'units, one unit per bet' }), band95: Band }),
    kelly: Type.Object({ bankroll: Type.Number({ description: 'from 100' }), band95: Band }),
  },
  { description: 'the record at the end of one kick-off day, everything cumulative' },
);

export const TrackRecordMethod = Type.Object(
  {
    edge_threshold: Type.Number({ description: 'a bet needs p·odd − 1 at least this' }),
    edge_ceiling: Type.Number({
      description: 'an edge above this is never bet (far from the market: a data error or a model miss)',
    }),
    min_matches_played: Type.Integer({
      description:
        'an edge found when a team had fewer earlier matches than this is never bet (too little history for the model to know the team)',
    }),
    margin_method: Type.String({ description: 'how the market’s margin is removed' }),
    kelly_fraction: Type.Number({ description: 'share of the full Kelly stake' }),
    kelly_cap: Type.Number({ description: 'largest share of the bankroll on one bet' }),
    kelly_start: Type.Number({ description: 'starting bankroll of the Kelly curve' }),
    bootstrap_resamples: Type.Integer(),
    bootstrap_seed: Type.Integer(),
  },
  { description: 'how the figures were made' },
);

export const DATA_SOURCE_KINDS = ['demo', 'football-data', 'provider'] as const;

export const DataSource = Type.Object(
  {
    kind: NameEnum(DATA_SOURCE_KINDS, {
      description:
        'demo: the simulated world of `matchcast start` (teams, results and prices invented); football-data: football-data.co.uk CSV files (`matchcast up --data`); provider: football-data.co.uk pulled by `matchcast sync`',
    }),
    seed: Type.Optional(
      Type.Integer({ description: 'the demo world’s seed (demo only): the same seed makes the same world' }),
    ),
  },
  {
    description:
      'where the figures come from: the ingest source the pipeline remembers; absent while none is recorded (a fresh install, data imported by hand)',
  },
);
export type DataSource = Static<typeof DataSource>;

/** The method route's answer: a record's `method`, and beside it the data the records are made of. */
export const TrackRecordMethodBody = Type.Object(
  { ...TrackRecordMethod.properties, data_source: Type.Optional(DataSource) },
  { description: 'how the figures were made, and from what data' },
);

export const TrackRecordBody = Type.Object({
  scope: Type.String({ description: 'what the record covers' }),
  head: Nullable(ChainHead),
  matches_predicted: Type.Integer({
    description: 'matches with a batch or live prediction logged before kick-off',
  }),
  late_predictions: Type.Integer({
    description: 'predictions logged at or after kick-off: counted, left out',
  }),
  graded: Type.Integer({ description: 'predicted matches with a result' }),
  model: Type.Object({ log_loss: Figure('log loss'), rps: Figure('ranked probability score') }),
  market_closing: PairedScores('a closing price'),
  market_pre_match: Type.Object({
    n: Type.Integer({ description: 'graded matches with a pre-match price' }),
    log_loss: Figure('latest pre-match prices, margin removed'),
    model_log_loss: Figure('the model’s log loss on the same matches'),
  }),
  clv: Type.Object({
    n_bets: Type.Integer({ description: 'value bets with a closing-line value' }),
    mean: Figure('closing margin-free probability × price taken − 1, averaged'),
    ci95: Interval,
    taken_at_close: Type.Integer({
      description: 'bets at a closing price (closing-only files): in ROI, not CLV',
    }),
  }),
  roi: Type.Object({
    flat: FlatRoi,
    kelly: Type.Object({
      n_bets: Type.Integer(),
      growth_pct: Figure('fractional Kelly: bankroll growth, % of the start'),
      growth_ci95: Interval,
      max_drawdown_share: Figure('deepest fall from a running peak, share of that peak'),
    }),
  }),
  by_league: Type.Array(LeagueRecord),
  multiplicity: Type.Optional(Multiplicity('leagues', 'by_league')),
  by_edge: Type.Array(EdgeBandRecord, {
    description:
      'the bets by the edge they were taken at, one band per entry in order from edge_threshold to edge_ceiling (bounds 7.5, 10, 15 % where inside them); every bet is in exactly one: if edges measured an advantage, ROI and CLV would rise from band to band',
  }),
  by_edge_multiplicity: Multiplicity('edge bands', 'by_edge'),
  series: Type.Array(TrackRecordDay, { description: 'one point per kick-off day with graded matches' }),
  method: TrackRecordMethod,
});
export type TrackRecordBody = Static<typeof TrackRecordBody>;

export const OddsSnapshotItem = Type.Object({
  bookmaker: Type.String(),
  market: Type.Literal('1x2'),
  kind: SnapshotKindName,
  observed_at: IsoTime,
  odd_home: Type.Number(),
  odd_draw: Type.Number(),
  odd_away: Type.Number(),
});
export type OddsSnapshotItem = Static<typeof OddsSnapshotItem>;

export const OddsHistoryQuery = Type.Object(
  { kind: Type.Optional(SnapshotKindName) },
  { additionalProperties: false },
);
export type OddsHistoryQuery = Static<typeof OddsHistoryQuery>;

export const OddsHistoryBody = Type.Object({
  match_id: Type.Integer(),
  kickoff: IsoTime,
  opening: Nullable(OddsSnapshotItem),
  latest_pre_match: Nullable(OddsSnapshotItem),
  closing: Nullable(OddsSnapshotItem),
  snapshots: Type.Array(OddsSnapshotItem, { description: 'in observation order' }),
});
export type OddsHistoryBody = Static<typeof OddsHistoryBody>;

export const LoggedPredictionItem = Type.Object({
  logged_at: IsoTime,
  model_name: Type.String(),
  model_version: Nullable(Type.Integer()),
  model_alias: Nullable(Type.String({ description: 'the alias the version held when it predicted' })),
  source: NameEnum(PREDICTION_SOURCES),
  proba_home: Probability,
  proba_draw: Probability,
  proba_away: Probability,
  proba_over_2_5: Nullable(
    Type.Number({
      minimum: 0,
      maximum: 1,
      description:
        'over 2.5 goals as logged with this prediction; null when none was (before migration 0008)',
    }),
  ),
  proba_btts: Nullable(
    Type.Number({ minimum: 0, maximum: 1, description: 'both teams to score as logged; null when none was' }),
  ),
  before_kickoff: Type.Boolean({ description: 'logged before kick-off: a forecast, not hindsight' }),
  honest: Type.Boolean({
    description:
      'the leakage rule allows it for this match: its model never saw the match, and it was logged before kick-off (or is the walk-forward backtest)',
  }),
});
export type LoggedPredictionItem = Static<typeof LoggedPredictionItem>;

export const PredictionHistoryBody = Type.Object({
  match_id: Type.Integer(),
  kickoff: IsoTime,
  predictions: Type.Array(LoggedPredictionItem, { description: 'in logging order' }),
});
export type PredictionHistoryBody = Static<typeof PredictionHistoryBody>;
