import { defineConfig } from 'vitest/config';
import { SlowFirstSequencer } from './test/support/slow-first-sequencer.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll waits this long for a page or a process to catch up: its 1 s default failed a browser test
    // whose view took longer to load on a loaded CI machine ("Loading queue counts…").
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
    // Each worker keeps one module cache for all its files instead of importing the app again for every file
    // (docs/testing.md): a test file restores whatever global it changes (env, timers, spies).
    isolate: false,
    fileParallelism: true,
    maxWorkers: 2,
    // The slowest files start first so that neither worker is left running one alone at the end.
    sequence: { sequencer: SlowFirstSequencer },
  },
});
