/** `matchcast backtest` with nothing to predict stops with one line and a non-zero exit, keeping what was there. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/child-process.ts';

const home = mkdtempSync(join(tmpdir(), 'matchcast-backtest-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('matchcast backtest', () => {
  it('exits 1 saying so when the window holds no finished match (it printed 0 predictions and exited 0)', async () => {
    const result = await runCli(['backtest', '--from', '2030-01-01'], { DATA_DIR: home });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'matchcast: backtest: no finished match to predict from the first period on (see --from); the previous backtest is kept',
    ]);
  });
});
