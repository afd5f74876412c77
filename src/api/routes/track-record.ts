/**
 * /predict/track-record (the running system's record from the prediction log and odds history, with the
 * chain head), /predict/track-record/head, /predict/track-record/method (how records bet and draw intervals,
 * and from what data), /predict/odds/{match_id} (a match's odds history) and /predict/history/{match_id} (every
 * prediction logged for a match). Registered inside the /predict plugin, so X-API-Key applies.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { loadSnapshots, matchKickoff } from '../../db/odds-history-repository.ts';
import { matchPredictionLog } from '../../db/prediction-log-repository.ts';
import { chainHead, type ChainHead as StoredHead } from '../../db/track-record-repository.ts';
import { isHonestFor } from '../../domain/leakage-rule.ts';
import {
  closingSnapshot,
  latestPreMatchSnapshot,
  type OddsSnapshot,
  openingSnapshot,
} from '../../domain/odds-history.ts';
import { trackRecordMethod } from '../../pipelines/reports/track-record.ts';
import { apiError } from '../errors.ts';
import { ErrorBody, MatchIdParams, WITH_API_KEY } from '../schemas/common.ts';
import {
  type ChainHead,
  ChainHeadBody,
  OddsHistoryBody,
  OddsHistoryQuery,
  type OddsSnapshotItem,
  PredictionHistoryBody,
  TrackRecordBody,
  TrackRecordMethodBody,
  TrackRecordQuery,
} from '../schemas/track-record.ts';
import type { RouteOptions } from '../services/api-services.ts';
import { boundDate, rejectBadWindow } from '../services/bulk-views.ts';
import { readerLeft } from '../services/one-at-a-time.ts';

const tags = ['predict'];
const security = WITH_API_KEY;
const auth = { 401: ErrorBody };

export const BACKTEST_SCOPE =
  'the walk-forward backtest: each match predicted after the fact by a model trained only on matches before its ' +
  'period, bet at the latest pre-match price; a reconstruction, not part of the track record, never chained';

export const TRACK_RECORD_SCOPE =
  'batch and live predictions logged before kick-off (the published one per match), graded against results ' +
  'and the odds history; the walk-forward backtest is not part of it';

const headBody = (h: StoredHead | null): ChainHead | null =>
  h && {
    seq: h.seq,
    hash: h.hash,
    logged_at: h.loggedAt.toISOString(),
    chained_at: h.chainedAt.toISOString(),
  };

const snapshotItem = (s: OddsSnapshot | null | undefined): OddsSnapshotItem | null =>
  s
    ? {
        bookmaker: s.bookmaker,
        market: '1x2',
        kind: s.kind,
        observed_at: new Date(s.observedAtMs).toISOString(),
        odd_home: s.odds[0],
        odd_draw: s.odds[1],
        odd_away: s.odds[2],
      }
    : null;

export const trackRecordRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  const { db } = services;
  const record = ({ league, from, to }: TrackRecordQuery, backtest: boolean, left: AbortSignal) => {
    rejectBadWindow({ from, to });
    const filter = {
      league,
      from: from === undefined ? undefined : boundDate(from, false),
      to: to === undefined ? undefined : boundDate(to, true),
    };
    return services.trackRecords.get(filter, backtest, left);
  };
  // Before in-flight requests are waited for: a grading in progress would hold the close up to half a minute.
  // It stops at its next page or turn and its readers get the 503 of a server shutting down.
  app.addHook('preClose', () => services.trackRecords.close());

  app.get(
    '/track-record',
    {
      schema: {
        tags,
        operationId: 'getTrackRecord',
        security,
        summary: 'The track record of published predictions: model vs market, CLV and ROI with intervals',
        querystring: TrackRecordQuery,
        response: { 200: TrackRecordBody, ...auth },
      },
    },
    async (request, reply) => {
      // Before the first await: a reader gone while the head is read is seen as gone.
      const left = readerLeft(reply.raw);
      return {
        scope: TRACK_RECORD_SCOPE,
        head: headBody(await chainHead(db)),
        ...(await record(request.query, false, left)),
      };
    },
  );

  app.get(
    '/track-record/backtest',
    {
      schema: {
        tags,
        operationId: 'getBacktestRecord',
        security,
        summary: 'The walk-forward backtest scored as the track record is, kept apart from it (head is null)',
        querystring: TrackRecordQuery,
        response: { 200: TrackRecordBody, ...auth },
      },
    },
    async (request, reply) => ({
      scope: BACKTEST_SCOPE,
      head: null,
      ...(await record(request.query, true, readerLeft(reply.raw))),
    }),
  );

  app.get(
    '/track-record/head',
    {
      schema: {
        tags,
        operationId: 'getTrackRecordHead',
        security,
        summary: 'The head of the prediction chain (hash and time): record it to check later exports',
        response: { 200: ChainHeadBody, ...auth },
      },
    },
    async () => ({ head: headBody(await chainHead(db)) }),
  );

  // The settings alone, without grading anything: what the dashboard draws its own intervals with, and the kind
  // of data the records are made of, from the cache (the dashboard asks on every view, to flag the demo).
  const method = trackRecordMethod(services.trackRecordRules);
  app.get(
    '/track-record/method',
    {
      schema: {
        tags,
        operationId: 'getTrackRecordMethod',
        security,
        summary:
          'How the track record bets and draws its intervals (params.yaml betting): edge threshold and ceiling, margin removal, Kelly, bootstrap; and what data it comes from (the demo or real files)',
        response: { 200: TrackRecordMethodBody, ...auth },
      },
    },
    async () => {
      const source = services.readModels.dataSource.current()?.value ?? null;
      return source === null ? method : { ...method, data_source: source };
    },
  );

  app.get(
    '/odds/:match_id',
    {
      schema: {
        tags,
        operationId: 'getOddsHistory',
        security,
        summary: 'A match’s odds history: every pre-match and closing snapshot, opening and closing',
        params: MatchIdParams,
        querystring: OddsHistoryQuery,
        response: { 200: OddsHistoryBody, 404: ErrorBody, ...auth },
      },
    },
    async (request) => {
      const matchId = request.params.match_id;
      const kickoff = await matchKickoff(db, matchId);
      if (kickoff === null) throw apiError('MATCH_NOT_FOUND', `match ${matchId} not found`);
      const all = await loadSnapshots(db, [matchId]);
      const shown = request.query.kind ? all.filter((s) => s.kind === request.query.kind) : all;
      return {
        match_id: matchId,
        kickoff: kickoff.toISOString(),
        opening: snapshotItem(openingSnapshot(all, kickoff.getTime())),
        latest_pre_match: snapshotItem(latestPreMatchSnapshot(all, kickoff.getTime())),
        closing: snapshotItem(closingSnapshot(all)),
        snapshots: shown.map((s) => snapshotItem(s) as OddsSnapshotItem),
      };
    },
  );

  app.get(
    '/history/:match_id',
    {
      schema: {
        tags,
        operationId: 'getPredictionHistory',
        security,
        summary:
          'Every prediction logged for a match, with its time, model version and whether it came before kick-off',
        params: MatchIdParams,
        response: { 200: PredictionHistoryBody, 404: ErrorBody, ...auth },
      },
    },
    async (request) => {
      const matchId = request.params.match_id;
      const kickoff = await matchKickoff(db, matchId);
      if (kickoff === null) throw apiError('MATCH_NOT_FOUND', `match ${matchId} not found`);
      const kickoffMs = kickoff.getTime();
      const logged = await matchPredictionLog(db, matchId);
      return {
        match_id: matchId,
        kickoff: kickoff.toISOString(),
        predictions: logged.map((p) => ({
          logged_at: new Date(p.computedAtMs).toISOString(),
          model_name: p.modelName,
          model_version: p.modelVersion,
          model_alias: p.modelAlias,
          source: p.source,
          proba_home: p.probabilities[0],
          proba_draw: p.probabilities[1],
          proba_away: p.probabilities[2],
          proba_over_2_5: p.goalMarkets?.over25 ?? null,
          proba_btts: p.goalMarkets?.btts ?? null,
          before_kickoff: p.computedAtMs < kickoffMs,
          honest: isHonestFor(p, kickoffMs),
        })),
      };
    },
  );
};
