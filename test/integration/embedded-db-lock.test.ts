/**
 * One process at a time on an embedded database folder: PGlite keeps the database in its own memory and writes
 * the folder back on its own schedule, so two processes on one folder overwrote each other's writes (an import
 * run while `matchcast start` held the folder was gone once it stopped; two imports at once left no match at all).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPgliteDb } from '../../src/db/pglite-db.ts';
import { runCli } from '../support/child-process.ts';

const home = mkdtempSync(join(tmpdir(), 'matchcast-lock-'));
// Where the CLI keeps its embedded database under DATA_DIR.
const dataDir = join(home, 'db');
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('the embedded database folder', () => {
  it('is held by one process: a second open is refused with one line naming the folder, until the first closes', async () => {
    const first = await openPgliteDb({ dataDir });
    await first.exec('CREATE TABLE kept (n int); INSERT INTO kept VALUES (1)');
    await expect(openPgliteDb({ dataDir })).rejects.toThrow(
      `the embedded database in ${dataDir} is in use by another matchcast process`,
    );
    // Another process (the CLI) is refused the same way, without touching the data.
    const cli = await runCli(['migrate'], { DATA_DIR: home });
    expect(cli.code).not.toBe(0);
    expect(cli.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^matchcast: the embedded database in .* is in use by another matchcast process/),
    ]);
    await first.close();
    const second = await openPgliteDb({ dataDir });
    expect(await second.query('SELECT n FROM kept')).toEqual([{ n: 1 }]);
    await second.close();
  });
});
