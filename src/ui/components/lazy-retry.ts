/**
 * React.lazy for the dashboard's chunks, with a way back from a failed download. React.lazy keeps a rejected
 * import for good, so after an API outage or a redeploy blip the charts stayed broken until a full reload. Here
 * a failed load is started again by the next render under a newer *retry generation*: each error boundary takes
 * a new one when it mounts (the detail opened again) and when its "Try again" is pressed, and hands it down by
 * context. Renders under the generation that saw the failure do not ask again, so a server that is down is not
 * asked in a loop (React renders a failed tree once more on its own before it gives up).
 *
 * @example
 * const LineChart = lazyRetry(async () => (await import('./charts/line-chart.tsx')).LineChart);
 */
import {
  type ComponentType,
  createContext,
  createElement,
  type LazyExoticComponent,
  lazy,
  useContext,
} from 'react';

/** The generation of the nearest error boundary; 0 outside any. */
export const RetryGeneration = createContext(0);

let generations = 0;

/** A generation newer than every one handed out before. */
export function nextRetryGeneration(): number {
  generations += 1;
  return generations;
}

interface Attempt<P> {
  /** The generation whose render started this load. */
  readonly generation: number;
  failed: boolean;
  readonly Component: LazyExoticComponent<ComponentType<P>>;
}

export function lazyRetry<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const start = (generation: number): Attempt<P> => {
    const attempt: Attempt<P> = {
      generation,
      failed: false,
      Component: lazy(() =>
        load().then(
          (component) => ({ default: component }),
          (e: unknown) => {
            attempt.failed = true;
            throw e;
          },
        ),
      ),
    };
    return attempt;
  };
  // One attempt for every place the component is shown: a chunk that loaded is never asked for again.
  let attempt: Attempt<P> | null = null;
  // biome-ignore lint/correctness/noComponentHookFactories: made once per chunk at module level, as React.lazy is.
  function LazyRetry(props: P) {
    const generation = useContext(RetryGeneration);
    if (attempt === null || (attempt.failed && generation > attempt.generation)) attempt = start(generation);
    return createElement(attempt.Component, props);
  }
  return LazyRetry;
}
