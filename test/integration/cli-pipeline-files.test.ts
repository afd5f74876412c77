/**
 * What the pipeline commands read from the store: `pipeline run --data` checks the folder before remembering it (a
 * typo must not break every later run), and `pipeline status` says when the lock file cannot be read.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/child-process.ts';

const home = mkdtempSync(join(tmpdir(), 'matchcast-source-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('matchcast pipeline run --data', () => {
  it('refuses a missing folder in one line and keeps the remembered source (it overwrote it first)', async () => {
    const remembered = join(home, 'artifacts', 'pipeline', 'source.json');
    mkdirSync(join(home, 'artifacts', 'pipeline'), { recursive: true });
    const before = JSON.stringify({ kind: 'demo', seed: 42 });
    writeFileSync(remembered, before);
    const missing = join(home, 'no-such-folder');
    const result = await runCli(['pipeline', 'run', '--data', missing], { DATA_DIR: home });
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^matchcast: ${missing}: no such file or folder`)),
    ]);
    expect(readFileSync(remembered, 'utf8')).toBe(before);
  });

  it('pipeline status says the lock file cannot be read instead of listing every stage as never run', async () => {
    const lock = join(home, 'artifacts', 'pipeline', 'pipeline.lock.json');
    writeFileSync(lock, '{"stages": ');
    const result = await runCli(['pipeline', 'status'], { DATA_DIR: home });
    expect(result.code).toBe(0);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^matchcast pipeline: ignoring the unreadable lock file pipeline\/pipeline\.lock\.json \(.*\); no stage counts as run/,
      ),
    ]);
    expect(result.stdout).toMatch(/^sync +never ran$/m);
  });
});
