/**
 * One process at a time on an embedded database folder: PGlite keeps the database in its own memory and writes
 * the folder back on its own schedule, so two processes on one folder overwrote each other's writes (an import
 * run while `matchcast start` held the folder was gone once it stopped; two imports at once left no match at all).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

  it('refuses a folder that is no complete database instead of creating a new one over it', async () => {
    // A damaged or half-restored folder: PGlite used to run initdb over it, and `models list` wiped the registry.
    const version = readFileSync(join(dataDir, 'PG_VERSION'));
    rmSync(join(dataDir, 'PG_VERSION'));
    const cli = await runCli(['models', 'list'], { DATA_DIR: home });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toBe(
      `matchcast: ${dataDir} holds files but no PG_VERSION, so it is no complete embedded database (damaged, half ` +
        'restored, or another folder): refusing to create a new database over it. Restore it, or move it aside to start afresh\n',
    );
    writeFileSync(join(dataDir, 'PG_VERSION'), version);
    const restored = await openPgliteDb({ dataDir });
    expect(await restored.query('SELECT n FROM kept')).toEqual([{ n: 1 }]);
    await restored.close();
    // Another folder's files are not taken over either.
    const other = join(home, 'notes');
    mkdirSync(other);
    writeFileSync(join(other, 'notes.txt'), 'mine');
    await expect(openPgliteDb({ dataDir: other })).rejects.toThrow('holds files but no PG_VERSION');
  });

  it('names the folder and the cause when the database in it will not open', async () => {
    const damaged = join(home, 'damaged');
    const db = await openPgliteDb({ dataDir: damaged });
    await db.close();
    writeFileSync(join(damaged, 'global', 'pg_control'), Buffer.alloc(8192, 7));
    await expect(openPgliteDb({ dataDir: damaged })).rejects.toThrow(
      new RegExp(`^cannot open the embedded database in ${damaged} \\(.*\\): it may be damaged`),
    );
  });
});
