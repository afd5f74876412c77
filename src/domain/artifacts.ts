/**
 * The artifacts the pipeline writes and the API, workers and dashboard read (docs/api.md, Artifacts and
 * freshness): their keys in the artifact store and the shape of one row of each. Writers and readers both import
 * these, so a column cannot drift between them.
 */
export const ARTIFACT_KEYS = {
  features: 'features/match_features.parquet',
  /** JSON FeatureSetManifest beside the features file. */
  featureSet: 'features/feature_set.json',
  predictions: 'predictions/predictions.parquet',
  odds: 'odds/odds.parquet',
  regionRoi: 'betting/roi_by_region.csv',
  /** CSV ProfitPoint rows: the cumulative flat-stake profit per day and region. */
  profitByDay: 'betting/profit_by_day.csv',
  driftLatest: 'reports/drift/latest.json',
  /** Dated history: reports/drift/YYYY-MM-DD.json */
  driftDir: 'reports/drift/',
} as const;

/** `models/<name>/<version>/model.onnx` */
export function modelArtifactKey(name: string, version: number): string {
  return `models/${name}/${version}/model.onnx`;
}

/** features/feature_set.json: what the feature columns are and which version of the code made them. */
export interface FeatureSetManifest {
  readonly version: string;
  readonly featureNames: readonly string[];
  readonly rows: number;
  readonly createdAt: string;
}

/**
 * One row of features/match_features.parquet. Besides the feature columns (named in the manifest, all finite
 * doubles) it carries these identifying columns.
 */
export interface FeatureRowKeys {
  readonly match_id: number;
  /** ISO 8601 UTC */
  readonly start_time_utc: string;
  readonly region_id: number;
  readonly is_future: boolean;
  /** 0 home win, 1 draw, 2 away win; null when not finished. */
  readonly outcome: number | null;
}

/** One row of predictions/predictions.parquet. Match metadata rides along so the API needs no join at request time. */
export interface PredictionRow {
  readonly match_id: number;
  readonly home_team_name: string;
  readonly away_team_name: string;
  /** ISO 8601 UTC */
  readonly start_time_utc: string;
  readonly region_id: number;
  readonly region_name: string;
  readonly sex: number;
  readonly status: string;
  readonly home_score: number | null;
  readonly away_score: number | null;
  readonly proba_home: number;
  readonly proba_draw: number;
  readonly proba_away: number;
  /**
   * Over 2.5 goals and both teams to score, from the Dixon–Coles score matrix fitted on results before the
   * match (null or absent when unknown, e.g. in artifacts written before these columns existed).
   */
  readonly proba_over_2_5?: number | null;
  readonly proba_btts?: number | null;
  /**
   * Each team's earlier matches in the data when the probability was computed, counted up to
   * features.matches_played_cap (null or absent when unknown: logged before it was kept, or in older artifacts).
   */
  readonly home_matches_played?: number | null;
  readonly away_matches_played?: number | null;
  readonly predicted_class: number;
  readonly is_future: boolean;
  readonly model_name: string;
  readonly model_version: number | null;
  /** champion | challenger | backtest */
  readonly model_stage: string;
  readonly model_run_id: string | null;
  /** ISO 8601 UTC: when the probability was computed. */
  readonly computed_at: string;
  /** ISO 8601 UTC: the latest kick-off in the model's training data (always before start_time_utc for past matches). */
  readonly trained_until: string;
}

/** One row of odds/odds.parquet: the latest pre-kick-off 1X2 price per match. */
export interface OddsRow {
  readonly match_id: number;
  readonly odd_home: number;
  readonly odd_draw: number;
  readonly odd_away: number;
  readonly bookmaker: string;
  readonly odds_url: string | null;
  /** ISO 8601 UTC or null when the source gives no time. */
  readonly collected_at: string | null;
}

/**
 * A row of betting/roi_by_region.csv as read back and served: cells the file leaves empty are null (files
 * written before the interval columns existed read as null there), the interval as one [low, high] pair.
 */
export interface RegionRoiRecord {
  readonly region_id: number | null;
  readonly region_name: string | null;
  readonly roi_pct: number | null;
  readonly n_bets: number;
  readonly hit_rate: number | null;
  /** Seeded bootstrap 95 % interval of roi_pct, resampling matches; null without bets. */
  readonly roi_ci95: [number, number] | null;
  /** Deepest fall of the flat-stake profit from its running peak, in units. */
  readonly max_drawdown: number | null;
}

/** One row of betting/roi_by_region.csv. */
export interface RegionRoiRow {
  readonly region_id: number;
  readonly region_name: string;
  /** Flat-stake ROI in %. */
  readonly roi_pct: number | null;
  readonly n_bets: number;
  readonly hit_rate: number | null;
  readonly roi_ci95_low: number | null;
  readonly roi_ci95_high: number | null;
  readonly max_drawdown: number | null;
}

/** One row of betting/profit_by_day.csv. */
export interface ProfitPoint {
  /** YYYY-MM-DD */
  readonly date: string;
  readonly region_id: number;
  readonly n_bets: number;
  readonly profit: number;
  readonly cumulative_profit: number;
}
