/**
 * Test file order for `npm test`. Vitest starts files it has timed before longest first, but a fresh clone (CI)
 * has no timings, so it starts the largest files first, and a slow file can be the last one started, leaving one
 * worker busy alone at the end. The files below were the slowest seen (docs/testing.md says where each figure
 * comes from); they start first, the rest keep Vitest's own order.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Slowest first; paths from the repository root. */
export const SLOW_FILES: readonly string[] = [
  'test/deploy/image-install.test.ts',
  'test/integration/faults/faults.test.ts',
  'test/integration/cli-errors.test.ts',
  'test/integration/cli-bad-files.test.ts',
  'test/integration/cli-sync.test.ts',
  'test/e2e/dashboard-views.test.ts',
  'test/integration/start.test.ts',
  'test/e2e/dashboard.test.ts',
  'test/integration/import.test.ts',
  'test/e2e/dashboard-matches.test.ts',
  'test/integration/worker-processes.test.ts',
];

export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const ordered = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const at = SLOW_FILES.findIndex((file) => spec.moduleId.endsWith(`/${file}`));
      return at === -1 ? SLOW_FILES.length : at;
    };
    // Array.prototype.sort is stable: files outside the list keep Vitest's order.
    return ordered.toSorted((a, b) => rank(a) - rank(b));
  }
}
