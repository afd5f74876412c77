/**
 * The honest past predictions (the leakage rule's candidates per match that kicked off by now), as batch inference
 * publishes them and drift scores the champion on them: read again only for the matches whose log rows or kick-off
 * may have changed since this process's previous read (honestPastPredictionsSince, ADR 0013).
 */
import { type HonestPast, honestPastPredictionsSince } from '../../db/prediction-log-repository.ts';
import { carriedOver, type PipelineContext } from './pipeline-context.ts';

const HONEST_PAST_KEY = 'honest-past';

export function currentHonestPast(ctx: PipelineContext): Promise<HonestPast> {
  return carriedOver<HonestPast>(ctx, HONEST_PAST_KEY, (previous) =>
    honestPastPredictionsSince(ctx.db, ctx.now, previous),
  );
}
