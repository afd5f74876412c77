/**
 * The honest past predictions per match (prediction-log-repository.ts), as batch inference publishes them: a
 * daily run re-reads only the matches whose log rows or kick-off were written since the previous run of this
 * process, and those that kicked off since (the previous read kept in PipelineContext.lasting, as ADR 0013).
 */
import { type HonestPast, honestPastPredictionsSince } from '../../db/prediction-log-repository.ts';
import type { PipelineContext } from './pipeline-context.ts';

const HONEST_PAST_KEY = 'honest-past';

export async function currentHonestPast(ctx: PipelineContext): Promise<HonestPast> {
  const previous = (ctx.lasting.get(HONEST_PAST_KEY) as HonestPast | undefined) ?? null;
  const read = await honestPastPredictionsSince(ctx.db, ctx.now, previous);
  ctx.lasting.set(HONEST_PAST_KEY, read);
  return read;
}
