/**
 * The bootstrap 95 % interval of a view's ROI, computed without freezing the page: on the whole real history
 * (70,000 bets) its 140 million draws take about a second, which every filter change used to wait for. Small sets
 * are resampled during the render, as before; larger ones in slices of a few milliseconds between browser tasks,
 * the panel saying "computing" meanwhile, and a newer filter abandons the older computation.
 */
import { useEffect, useMemo, useState } from 'react';
import { collectInSlices } from '../../domain/in-slices.ts';
import {
  DEFAULT_BOOTSTRAP,
  intervalOf,
  type MatchResult,
  roiInterval,
  roiResamples,
} from '../../domain/staking.ts';

/** Draws (bets × resamples) done during the render: about 80 ms in Chromium here (141.8 million took 1.1 s). */
const DRAWS_IN_RENDER = 10_000_000;
/** The longest slice of resampling between two chances for the page to respond. */
const SLICE_MS = 12;
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

export type RoiInterval =
  | { readonly state: 'ready'; readonly ci95: [number, number] | null }
  | { readonly state: 'computing' };

export function useRoiInterval(results: readonly MatchResult[]): RoiInterval {
  const draws = results.length * DEFAULT_BOOTSTRAP.resamples;
  const inRender = useMemo(
    () => (draws <= DRAWS_IN_RENDER ? roiInterval(results, DEFAULT_BOOTSTRAP) : undefined),
    [results, draws],
  );
  const [done, setDone] = useState<{ results: readonly MatchResult[]; ci95: [number, number] | null }>();
  useEffect(() => {
    if (inRender !== undefined) return;
    const abandoned = new AbortController();
    collectInSlices(roiResamples(results, DEFAULT_BOOTSTRAP), {
      sliceMs: SLICE_MS,
      pause: nextTask,
      signal: abandoned.signal,
    }).then(
      (values) => setDone({ results, ci95: intervalOf(values) }),
      (error: unknown) => {
        if (!abandoned.signal.aborted) throw error;
      },
    );
    return () => abandoned.abort();
  }, [results, inRender]);
  if (inRender !== undefined) return { state: 'ready', ci95: inRender };
  return done?.results === results ? { state: 'ready', ci95: done.ci95 } : { state: 'computing' };
}
