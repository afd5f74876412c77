/**
 * Every artifact the API serves, cached in memory and re-checked in the background, plus the pre-built
 * bulk bodies derived from them. A body is keyed by the etags of the artifacts it came from and is rebuilt
 * (off the request path) as soon as one of them changes.
 */
import { ARTIFACT_KEYS } from '../../domain/artifacts.ts';
import { type Clock, systemClock } from '../../domain/clock.ts';
import { DEFAULT_MARGIN_METHOD, type MarginMethod } from '../../domain/margin-removal.ts';
import { DEFAULT_STAKING, type StakingPlan } from '../../domain/staking.ts';
import { DEFAULT_EDGE_RULE, type EdgeRule } from '../../domain/value-bet.ts';
import { SOURCE_KEY } from '../../pipelines/run/ingest-source-store.ts';
import type { ArtifactStore } from '../../storage/artifact-store.ts';
import { type DriftSnapshot, parseDriftReport } from '../../storage/artifacts/drift-report.ts';
import { NO_ODDS, type OddsTable, parseOdds } from '../../storage/artifacts/odds-table.ts';
import {
  NO_PREDICTIONS,
  type PredictionTable,
  parsePredictions,
} from '../../storage/artifacts/prediction-table.ts';
import { parseRegionRoi } from '../../storage/artifacts/region-roi.ts';
import { parseFeatures, type ServedFeatures } from '../../storage/artifacts/served-features.ts';
import { type CachedArtifact, createCachedArtifact } from '../../storage/cached-artifact.ts';
import {
  createDecoderPool,
  type ParquetChunkReader,
  retryingLostDecoder,
} from '../../storage/parquet/decoder-pool.ts';
import type { BulkFilterQuery } from '../schemas/common.ts';
import type { RegionRoi } from '../schemas/predict.ts';
import type { DataSource } from '../schemas/track-record.ts';
import { type BulkBody, buildBulkBody, etagOf, type FilteredBody, SMALL_ROWS } from './bulk-body.ts';
import { card, filterKey, filterRows, predictionItem } from './bulk-views.ts';
import { type ClosingLineSource, NO_CLOSING_LINES } from './closing-lines.ts';
import { parseDataSource } from './data-source.ts';
import { oneAtATime } from './one-at-a-time.ts';
import { versionedCache } from './versioned-cache.ts';

export interface ReadModelEvents {
  onError(key: string, error: unknown): void;
  onLoad(key: string, detail: Record<string, unknown>): void;
}

export interface ReadModels {
  readonly predictions: CachedArtifact<PredictionTable>;
  readonly features: CachedArtifact<ServedFeatures>;
  readonly odds: CachedArtifact<OddsTable>;
  readonly regionRoi: CachedArtifact<RegionRoi[]>;
  readonly drift: CachedArtifact<DriftSnapshot>;
  /** Where the figures come from (null: no source recorded); `sync` or `up --data` may change it under a server. */
  readonly dataSource: CachedArtifact<DataSource | null>;
  /** The keys of every artifact above, the ones `onError` may name. */
  readonly keys: readonly string[];
  predictionsBody(): Promise<BulkBody>;
  cardsBody(): Promise<BulkBody>;
  oddsBody(): Promise<BulkBody>;
  regionRoiBody(): Promise<BulkBody>;
  /** A filtered selection; a large one not yet begun is not built once `left` and every other reader's abort. */
  predictionsFiltered(query: BulkFilterQuery, left?: AbortSignal): Promise<FilteredBody>;
  cardsFiltered(query: BulkFilterQuery, left?: AbortSignal): Promise<FilteredBody>;
  /** Checks every artifact once and starts building the bulk bodies; resolves when the checks are done. */
  refresh(): Promise<void>;
  /** Resolves once the bulk bodies started so far are built (failed ones included). */
  bodiesBuilt(): Promise<void>;
  /** True once every artifact has been checked at least once. */
  ready(): boolean;
  start(): void;
  stop(): void;
}

/** How the cards stake their value bets and where they find the closing prices (none: no closing odd, no CLV). */
export interface CardSources {
  readonly staking?: StakingPlan;
  readonly closingLines?: ClosingLineSource;
  /** params.yaml `evaluate.margin_method`, for the closing-line value (default DEFAULT_MARGIN_METHOD). */
  readonly marginMethod?: MarginMethod;
}

/** What a bulk body is built from, captured once when its build starts (so one body is one version). */
interface BodySource {
  readonly count: number;
  readonly item: (i: number) => unknown;
}

/** Large filtered answers kept for a repeat of the same filter (each some megabytes of gzip). */
const LARGE_FILTERED_KEPT = 4;
/** Large filtered answers that may wait behind the one being built (one at a time: several multiply the memory). */
const MAX_QUEUED_BUILDS = 3;

/** One bulk body per seed (the etags it came from); a new seed starts a new build, a failed build is retried. */
function memo(seed: () => string, source: () => BodySource): () => Promise<BulkBody> {
  let current: { seed: string; body: Promise<BulkBody> } | null = null;
  return () => {
    const s = seed();
    if (current?.seed !== s) {
      const { count, item } = source();
      const body = buildBulkBody(count, item, s);
      current = { seed: s, body };
      body.catch(() => {
        if (current?.body === body) current = null;
      });
    }
    return current.body;
  };
}

export function createReadModels(
  store: ArtifactStore,
  recheckMs: number,
  events: ReadModelEvents,
  decoder: ParquetChunkReader = createDecoderPool(),
  /** The value-bet rule of params.yaml `betting` (threshold and ceiling), the one the pipeline bets with. */
  edgeRule: EdgeRule = DEFAULT_EDGE_RULE,
  /** Decides which published rows are past kick-off (and must pass the leakage rule). */
  clock: Clock = systemClock,
  cardSources: CardSources = {},
): ReadModels {
  const staking = cardSources.staking ?? DEFAULT_STAKING;
  const marginMethod = cardSources.marginMethod ?? DEFAULT_MARGIN_METHOD;
  const closingLines = () => cardSources.closingLines?.current() ?? NO_CLOSING_LINES;
  const cached = <T>(
    key: string,
    parse: (body: Buffer) => T | Promise<T>,
    describe: (v: T) => Record<string, unknown>,
  ) =>
    createCachedArtifact<T>({
      store,
      key,
      parse: (body) => retryingLostDecoder(async () => parse(body)),
      recheckMs,
      onError: events.onError,
      onLoad: (k, loaded) => {
        events.onLoad(k, { etag: loaded.etag, version: loaded.version, ...describe(loaded.value) });
        warm();
      },
    });

  const predictions = cached(
    ARTIFACT_KEYS.predictions,
    (body) => parsePredictions(body, decoder, clock.nowMs()),
    (t) => ({
      rows: t.size,
      leaked_rows_dropped: t.leakedRowsDropped,
    }),
  );
  const features = cached(
    ARTIFACT_KEYS.features,
    (body) => parseFeatures(body, decoder),
    (t) => ({
      rows: t.rows,
      features: t.featureNames.length,
    }),
  );
  const odds = cached(
    ARTIFACT_KEYS.odds,
    (body) => parseOdds(body, decoder),
    (t) => ({ rows: t.size }),
  );
  const regionRoi = cached(ARTIFACT_KEYS.regionRoi, parseRegionRoi, (t) => ({ rows: t.length }));
  const drift = cached(ARTIFACT_KEYS.driftLatest, parseDriftReport, (t) => ({ drift_score: t.driftScore }));
  const dataSource = cached(SOURCE_KEY, parseDataSource, (s) => ({ kind: s?.kind ?? 'none' }));
  const all = [predictions, features, odds, regionRoi, drift, dataSource];

  const etag = (a: CachedArtifact<unknown>) => a.current()?.etag ?? 'absent';
  const predictionTable = () => predictions.current()?.value ?? NO_PREDICTIONS;
  const oddsTable = () => odds.current()?.value ?? NO_ODDS;
  /** Card `i` of the prediction table, merged with the odds table of the same moment. */
  const cardMaker = () => {
    const table = predictionTable();
    const prices = oddsTable();
    const history = closingLines();
    return (i: number) => {
      const r = table.row(i);
      return card(r, prices.get(r.match_id), edgeRule, staking, history.get(r.match_id), marginMethod);
    };
  };
  const predictionItemMaker = () => {
    const table = predictionTable();
    return (i: number) => predictionItem(table.row(i));
  };

  const predictionsBody = memo(
    () => `predictions:${etag(predictions)}`,
    () => ({ count: predictionTable().size, item: predictionItemMaker() }),
  );
  const cardsBody = memo(
    () => `cards:${etag(predictions)}:${etag(odds)}:${closingLines().version}`,
    () => ({ count: predictionTable().size, item: cardMaker() }),
  );
  const oddsBody = memo(
    () => `odds:${etag(odds)}`,
    () => {
      const table = oddsTable();
      return { count: table.size, item: (i) => table.row(i) };
    },
  );
  const regionRoiBody = memo(
    () => `roi:${etag(regionRoi)}`,
    () => {
      const rows = regionRoi.current()?.value ?? [];
      return { count: rows.length, item: (i) => rows[i] };
    },
  );

  /**
   * A filtered selection: serialised for the request when small. A large one (a filter that selects nearly
   * everything, as `from=2000-01-01` does) is built like a bulk body, in turns of the event loop: serialised in
   * one go it held the event loop for seconds per request. It is kept for a repeat of the same filter.
   */
  const largeFiltered = versionedCache<BulkBody>(LARGE_FILTERED_KEPT);
  const builds = oneAtATime(MAX_QUEUED_BUILDS);
  const filtered = async (
    kind: string,
    query: BulkFilterQuery,
    left: AbortSignal | undefined,
    seed: string,
    item: (i: number) => unknown,
  ): Promise<FilteredBody> => {
    const rows = filterRows(predictionTable(), query);
    const tagged = `${seed}?${filterKey(query)}`;
    if (rows.length <= SMALL_ROWS) return { json: JSON.stringify(rows.map(item)), etag: etagOf(tagged) };
    const key = `${kind}?${filterKey(query)}`;
    return builds.forReader(key, left, () =>
      largeFiltered.get(key, tagged, () =>
        builds.run(key, () => buildBulkBody(rows.length, (k) => item(rows[k] as number), tagged)),
      ),
    );
  };

  /**
   * Builds the bulk bodies in the background, one after another (at once, they would multiply the peak
   * memory), and only once every artifact has been checked: a cards body built before the odds arrive would be
   * thrown away at once.
   */
  let warming = Promise.resolve();
  let closingTimer: NodeJS.Timeout | null = null;
  function warm(): void {
    if (!all.every((a) => a.checked)) return;
    warming = warming.then(async () => {
      for (const body of [predictionsBody, cardsBody, oddsBody, regionRoiBody])
        await body().catch(() => undefined);
    });
  }

  return {
    predictions,
    features,
    odds,
    regionRoi,
    drift,
    dataSource,
    predictionsBody,
    cardsBody,
    oddsBody,
    regionRoiBody,
    predictionsFiltered: (query, left) =>
      filtered('predictions', query, left, `predictions:${etag(predictions)}`, predictionItemMaker()),
    cardsFiltered: (query, left) =>
      filtered(
        'cards',
        query,
        left,
        `cards:${etag(predictions)}:${etag(odds)}:${closingLines().version}`,
        cardMaker(),
      ),
    async refresh() {
      // Side by side: the decoding runs in child processes, so this process only holds the compact tables. The
      // bulk bodies build in the background (warm); the first request for one waits for it.
      await Promise.all([...all.map((a) => a.refresh()), cardSources.closingLines?.refresh()]);
      warm();
    },
    keys: all.map((a) => a.key),
    bodiesBuilt: () => warming,
    ready: () => all.every((a) => a.checked),
    start() {
      for (const a of all) a.start();
      const lines = cardSources.closingLines;
      if (lines === undefined || closingTimer !== null) return;
      closingTimer = setInterval(() => {
        void lines.refresh().then((changed) => changed && warm());
      }, recheckMs);
      closingTimer.unref();
    },
    stop() {
      for (const a of all) a.stop();
      if (closingTimer !== null) clearInterval(closingTimer);
      closingTimer = null;
    },
  };
}
