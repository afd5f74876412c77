/**
 * The bootstrap 95 % interval of a view's ROI, with the server's bootstrap (resamples and seed from params.yaml,
 * useBootstrapSetting), computed without freezing the page: on the whole real history (70,000 bets) its
 * 140 million draws take about a second, which every filter change used to wait for. Small sets are resampled
 * during the render; larger ones in slices of a few milliseconds between browser tasks, the panel saying
 * "computing" meanwhile, and a newer filter abandons the older computation.
 */
import { useEffect, useMemo, useState } from 'react';
import { collectInSlices } from '../../domain/in-slices.ts';
import { intervalOf, type MatchResult, roiInterval, roiResamples } from '../../domain/staking.ts';
import { useBootstrapSetting } from './use-betting-method.ts';

/** Draws (bets × resamples) done during the render: about 80 ms in Chromium here (141.8 million took 1.1 s). */
const DRAWS_IN_RENDER = 10_000_000;
/** The longest slice of resampling between two chances for the page to respond. */
const SLICE_MS = 12;
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

export type RoiInterval =
  | { readonly state: 'ready'; readonly ci95: [number, number] | null }
  | { readonly state: 'computing' }
  /** The server's bootstrap could not be read, so no interval it would stand behind. */
  | { readonly state: 'unavailable' };

export function useRoiInterval(results: readonly MatchResult[]): RoiInterval {
  const setting = useBootstrapSetting();
  // Primitives, so the same setting read again starts nothing again.
  const resamples = setting?.resamples;
  const seed = setting?.seed;
  const inRender = useMemo(
    () =>
      resamples !== undefined && results.length * resamples <= DRAWS_IN_RENDER
        ? roiInterval(results, { resamples, seed })
        : undefined,
    [results, resamples, seed],
  );
  const [done, setDone] = useState<{
    results: readonly MatchResult[];
    resamples: number;
    seed: number | undefined;
    ci95: [number, number] | null;
  }>();
  useEffect(() => {
    if (inRender !== undefined || resamples === undefined) return;
    const abandoned = new AbortController();
    collectInSlices(roiResamples(results, { resamples, seed }), {
      sliceMs: SLICE_MS,
      pause: nextTask,
      signal: abandoned.signal,
    }).then(
      (values) => setDone({ results, resamples, seed, ci95: intervalOf(values) }),
      (error: unknown) => {
        if (!abandoned.signal.aborted) throw error;
      },
    );
    return () => abandoned.abort();
  }, [results, inRender, resamples, seed]);
  if (setting === null) return { state: 'unavailable' };
  if (inRender !== undefined) return { state: 'ready', ci95: inRender };
  return done?.results === results && done.resamples === resamples && done.seed === seed
    ? { state: 'ready', ci95: done.ci95 }
    : { state: 'computing' };
}
