import { type ComponentType, createElement, Suspense } from 'react';
import { prerender } from 'react-dom/static';
import { describe, expect, it } from 'vitest';
import { lazyRetry, nextRetryGeneration, RetryGeneration } from '../../../src/ui/components/lazy-retry.ts';

function Chart({ label }: { readonly label: string }) {
  return createElement('p', null, `chart ${label}`);
}

/** A chunk load that fails while `down` says so, counting the times it is asked for. */
function chunk() {
  const state = { down: true, asked: 0 };
  const load = async () => {
    state.asked += 1;
    if (state.down) throw new TypeError('Failed to fetch dynamically imported module');
    return Chart;
  };
  return { state, load };
}

/** The HTML React renders for the component under an error boundary's generation, after every load settled. */
async function rendered(
  component: ComponentType<{ readonly label: string }>,
  generation: number,
): Promise<string> {
  const tree = createElement(
    RetryGeneration,
    { value: generation },
    createElement(Suspense, { fallback: 'loading' }, createElement(component, { label: 'x' })),
  );
  // A failed load inside Suspense is reported here and leaves the fallback, as the page's boundary would.
  const { prelude } = await prerender(tree, { onError: () => undefined });
  return new Response(prelude).text();
}

describe('lazyRetry', () => {
  it('loads a chunk once and keeps it for every later render', async () => {
    const { state, load } = chunk();
    state.down = false;
    const Lazy = lazyRetry(load);
    expect(await rendered(Lazy, nextRetryGeneration())).toContain('chart x');
    expect(await rendered(Lazy, nextRetryGeneration())).toContain('chart x');
    expect(state.asked).toBe(1);
  });

  it('asks again after a failure only under a newer generation (Try again, the detail opened again)', async () => {
    const { state, load } = chunk();
    const Lazy = lazyRetry(load);
    const first = nextRetryGeneration();
    expect(await rendered(Lazy, first)).not.toContain('chart');
    expect(state.asked).toBe(1);
    // React renders a failed tree again under the same boundary: no new request, so no loop while it is down.
    await rendered(Lazy, first);
    expect(state.asked).toBe(1);
    state.down = false;
    expect(await rendered(Lazy, nextRetryGeneration())).toContain('chart x');
    expect(state.asked).toBe(2);
  });

  it('does not ask again for an older generation than the failed attempt', async () => {
    const { state, load } = chunk();
    const Lazy = lazyRetry(load);
    const older = nextRetryGeneration();
    await rendered(Lazy, nextRetryGeneration());
    state.down = false;
    expect(await rendered(Lazy, older)).not.toContain('chart');
    expect(state.asked).toBe(1);
  });
});
