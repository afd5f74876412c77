import { defineConfig } from 'vitest/config';
import { SlowFirstSequencer } from './test/support/slow-first-sequencer.ts';

export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll waits this long for a page or a process to catch up: its 1 s default failed a browser test
    // whose view took longer to load on a loaded CI machine ("Loading queue counts…").
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
    // The slowest files start first so that neither worker is left running one alone at the end.
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      {
        extends: true,
        // Unit, integration and deploy files share one module cache per worker instead of importing the
        // application again for each (docs/testing.md): a test file restores whatever global it changes.
        test: { name: 'shared', include: ['test/{unit,integration,deploy}/**/*.test.ts'], isolate: false },
      },
      {
        extends: true,
        // A process of its own for each browser file (an in-process API and Chromium): sharing one, they failed
        // now and then on CI, a different test each time (docs/testing.md).
        test: { name: 'browser', include: ['test/e2e/**/*.test.ts'], isolate: true },
      },
    ],
  },
});
