/**
 * Bad files and a failing artifact store through the real CLI (issue #16 item 6): each says what and where in
 * one line, exits non-zero when anything was rejected or lost, and leaves nothing half-written. The read-only
 * and full stores are tmpfs mounts, so those two cases need root and mount(8); they skip loudly without.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { runCli } from '../support/child-process.ts';
import { seedMigratedPglite } from '../support/pglite-template.ts';
import { canMount, tmpfs } from '../support/tmpfs.ts';

const STACK_LINE = /^\s+at /m;
const HEADER = 'Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR';

/** A made-up league season, 20 teams twice round (380 matches): enough rows for features worth storing. */
function seasonCsv(): string {
  const teams = Array.from({ length: 20 }, (_, i) => `Team ${String.fromCharCode(65 + i)}`);
  const rows: string[] = [HEADER];
  let day = 0;
  teams.forEach((home, i) => {
    teams.forEach((away, j) => {
      if (i === j) return;
      const date = new Date(Date.UTC(2015, 7, 8) + Math.floor(day++ / 10) * 86_400_000);
      const dd = String(date.getUTCDate()).padStart(2, '0');
      const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
      const [hg, ag] = [(i * 7 + j * 3) % 4, (i * 5 + j * 11) % 3];
      const result = hg > ag ? 'H' : hg < ag ? 'A' : 'D';
      rows.push(
        `E0,${dd}/${mm}/${String(date.getUTCFullYear()).slice(2)},${home},${away},${hg},${ag},${result}`,
      );
    });
  });
  return `${rows.join('\n')}\n`;
}

const mountable = canMount('read-only and full artifact store tests');

// Concurrent: the cases share nothing but the season file, and each spends most of its time in its own process.
describe.concurrent('matchcast on bad files and a failing artifact store', () => {
  let root: string;
  let season: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'mc-bad-files-'));
    season = join(root, 'E0.csv');
    writeFileSync(season, seasonCsv());
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  // Each case gets its own DATA_DIR holding an already migrated database: what these cases prove is the
  // handling of bad input, and a first start creating the database is proven by the other CLI tests.
  const fresh = async (name: string) => {
    const dir = join(root, name);
    mkdirSync(join(dir, 'in'), { recursive: true });
    await seedMigratedPglite(join(dir, 'data', 'db'));
    return dir;
  };

  it('reads Windows-1252 names, rejects a binary file whole and says what was and was not imported', async ({
    expect,
  }) => {
    const dir = await fresh('encodings');
    writeFileSync(
      join(dir, 'in/D1.csv'),
      Buffer.concat([
        Buffer.from(`${HEADER}\nD1,08/08/15,`),
        Buffer.from([0x4d, 0xfc, 0x6e, 0x63, 0x68, 0x65, 0x6e]), // "München" in cp1252
        Buffer.from(',Hamburg,5,0,H\n'),
      ]),
    );
    writeFileSync(
      join(dir, 'in/E0.csv'),
      Buffer.concat([Buffer.from(`${HEADER}\nE0,08/08/15,Chelsea,Swansea,2,2,D\n`), Buffer.alloc(64, 0)]),
    );
    const result = await runCli(['import', 'football-data', join(dir, 'in')], {
      DATA_DIR: join(dir, 'data'),
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/imported 1 of 2 files/);
    expect(result.stdout).toMatch(/matches: 1 inserted/);
    expect(result.stdout).toMatch(/E0\.csv:3\b.*not text/);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^matchcast: 1 file rejected/)]);
  }, 180_000);

  it('reports a truncated last row, imports the rows before it and exits 1', async ({ expect }) => {
    const dir = await fresh('truncated');
    writeFileSync(
      join(dir, 'in/E0.csv'),
      `${HEADER}\nE0,08/08/15,Chelsea,Swansea,2,2,D\n,,,,,,\nE0,09/08/15,Arsenal,Wes`,
    );
    const result = await runCli(['import', 'football-data', join(dir, 'in')], {
      DATA_DIR: join(dir, 'data'),
    });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/E0\.csv:4 \[FTHG\]: truncated last row: 4 of 7 fields and no line end/);
    expect(result.stdout).toMatch(/matches: 1 inserted/);
    expect(result.stderr.trim()).toBe(
      'matchcast: 1 file cut off mid-row, the last row not imported (see above); fetch it again and import again',
    );
    // The pipeline's ingest goes on with what it could read, names the row it could not, and exits 1 for it.
    const pipeline = await runCli(['pipeline', 'run', '--stage', 'ingest', '--data', join(dir, 'in')], {
      DATA_DIR: join(dir, 'data'),
      ARTIFACT_STORE: join(dir, 'store'),
    });
    expect(pipeline.code, pipeline.stderr).toBe(1);
    expect(pipeline.stderr).toMatch(
      /^matchcast pipeline: ingest: 1 file cut off mid-row, the last row not imported \(see above\); fetch it again and import again$/m,
    );
    expect(pipeline.stdout + pipeline.stderr).toMatch(
      /not imported: .*E0\.csv:4 \[FTHG\]: truncated last row/,
    );
    // Skipped rows are counted by reason, as the import command does: a blank row is no cause for alarm.
    expect(pipeline.stdout + pipeline.stderr).toMatch(/2 rows skipped \(blank row 1, truncated last row 1\)/);
  }, 180_000);

  it('exits 1 after importing the good rows when a row is malformed, a score conflicts or a header fits no layout (a bad cell only warns); the pipeline goes on', async ({
    expect,
  }) => {
    const dir = await fresh('rows');
    const rows = ['E0,08/08/15,Chelsea,Swansea,2,2,D', 'E0,08/08/15,Everton,Watford,2,2,D'];
    mkdirSync(join(dir, 'in/a'));
    mkdirSync(join(dir, 'in/b'));
    const [a, b, c] = [join(dir, 'in/a/E0.csv'), join(dir, 'in/b/E0.csv'), join(dir, 'in/c.csv')];
    const d = join(dir, 'in/d.csv');
    writeFileSync(a, [HEADER, ...rows, 'E0,31/02/16,Stoke,Spurs,2,2,D', ''].join('\n'));
    // The same season again: one row as it was (a harmless duplicate), one with another score.
    writeFileSync(b, [HEADER, rows[0], 'E0,08/08/15,Everton,Watford,1,2,A', ''].join('\n'));
    // Div renamed: such a file was read as a FootyStats women's league, four hours off.
    writeFileSync(c, `${HEADER.replace('Div', 'Division')}\nE0,09/08/15,Arsenal,West Ham,0,2,A\n`);
    // Imported with two warnings: no Bet365 price, and the score rather than the letter.
    writeFileSync(d, `${HEADER},B365H,B365D,B365A\nE0,10/08/15,Newcastle,Southampton,2,0,A,1.8,abc,4.2\n`);
    const env = { DATA_DIR: join(dir, 'data'), ARTIFACT_STORE: join(dir, 'store') };
    const result = await runCli(['import', 'football-data', join(dir, 'in')], env);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain(`malformed: ${a}:4 [Date]: invalid date '31/02/16'`);
    expect(result.stdout).toContain(`duplicate: ${a}:2: same match also in ${b}:2\n`);
    expect(result.stdout).toContain(
      `conflict: ${a}:3: same match also in ${b}:3 with another score: 2-2 here, 1-2 there; ${b}:3 is kept`,
    );
    expect(result.stdout).toContain(
      `${c}:1: wrong header: no Div column (and not a FootyStats file: no HomeXG, AwayXG)`,
    );
    expect(result.stdout).toContain(
      `  result-mismatch: ${d}:2 [FTR]: result 'A' contradicts the score 2-0 (H); the score is kept\n` +
        `  malformed-cell: ${d}:2 [B365D]: not a price 'abc' (decimal odds are above 1): b365's opening 1X2 price left out\n`,
    );
    expect(result.stdout).toContain('cell warnings: 1 malformed cell, 1 result contradicting its score\n');
    expect(result.stdout).toMatch(/imported 3 of 4 files.*\nmatches: 3 inserted/);
    expect(result.stderr.trim().split('\n')).toEqual([
      'matchcast: 1 file rejected, nothing imported from it (see above); fix or remove it and import again',
      'matchcast: 1 malformed row not imported (see above); correct it and import again',
      'matchcast: 1 match read twice with different scores, the later row kept (see above); correct the wrong row and import again',
    ]);
    // `up --data` and `npm start` run this stage: it imports what it can, says what it could not, and goes on;
    // `pipeline run` then exits 1, naming what was left out, as `import` does.
    const pipeline = await runCli(['pipeline', 'run', '--stage', 'ingest', '--data', join(dir, 'in')], env);
    expect(pipeline.code, pipeline.stderr).toBe(1);
    expect(
      pipeline.stderr
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('matchcast pipeline: ')),
    ).toEqual([
      'matchcast pipeline: ingest: 1 file rejected, nothing imported from it (see above); fix or remove it and import again',
      'matchcast pipeline: ingest: 1 malformed row not imported (see above); correct it and import again',
      'matchcast pipeline: ingest: 1 match read twice with different scores, the later row kept (see above); correct the wrong row and import again',
    ]);
    expect(pipeline.stdout + pipeline.stderr).toMatch(
      /not imported: .*c\.csv:1: wrong header: no Div column/,
    );
    expect(pipeline.stdout + pipeline.stderr).toContain(
      'other problems: 1 malformed row, 1 conflict, 1 malformed cell, 1 result contradicting its score',
    );
  }, 180_000);

  it('exits 0 when the only repeat of a match is an exact duplicate', async ({ expect }) => {
    const dir = await fresh('duplicates');
    writeFileSync(join(dir, 'in/E0.csv'), seasonCsv());
    writeFileSync(join(dir, 'in/E0-again.csv'), seasonCsv());
    const result = await runCli(['import', 'football-data', join(dir, 'in')], {
      DATA_DIR: join(dir, 'data'),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('skipped rows: duplicate match 380');
    expect(result.stderr).toBe('');
  }, 180_000);

  it('says a corrupt lock file is ignored, runs the stage again and rewrites it', async ({ expect }) => {
    const dir = await fresh('lock');
    mkdirSync(join(dir, 'store/pipeline'), { recursive: true });
    const lock = join(dir, 'store/pipeline/pipeline.lock.json');
    writeFileSync(lock, '{"version":1,"stages":{"ingest":');
    const result = await runCli(['pipeline', 'run', '--stage', 'ingest', '--data', season], {
      DATA_DIR: join(dir, 'data'),
      ARTIFACT_STORE: join(dir, 'store'),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^matchcast pipeline: ignoring the unreadable lock file .*not JSON/m);
    expect(JSON.parse(readFileSync(lock, 'utf8')).stages.ingest.run_id).toMatch(/\S/);
  }, 300_000);

  it.runIf(mountable)(
    'names a read-only artifact store in one line, without a stack trace',
    async ({ expect }) => {
      const dir = await fresh('read-only');
      const store = tmpfs('ro');
      if (!store) throw new Error('tmpfs mount failed');
      try {
        const result = await runCli(['pipeline', 'run', '--data', season], {
          DATA_DIR: join(dir, 'data'),
          ARTIFACT_STORE: store.dir,
        });
        expect(result.code).toBe(1);
        expect(result.stderr.trim().split('\n')).toEqual([
          `matchcast: ${store.dir}: the file system is read-only`,
        ]);
      } finally {
        store.unmount();
      }
    },
    300_000,
  );

  it.runIf(mountable)(
    'stops at the stage a full store failed, names the file, leaves no partial file',
    async ({ expect }) => {
      const dir = await fresh('full');
      const store = tmpfs('size=16k');
      if (!store) throw new Error('tmpfs mount failed');
      try {
        const result = await runCli(['pipeline', 'run', '--data', season], {
          DATA_DIR: join(dir, 'data'),
          ARTIFACT_STORE: store.dir,
        });
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(
          /^matchcast pipeline: stopped at stage features: \S+match_features\.parquet: no space left on the device$/m,
        );
        expect(result.stderr).not.toMatch(STACK_LINE);
        const files = readdirSync(store.dir, { recursive: true }).map(String);
        expect(files.filter((f) => f.includes('.tmp-'))).toEqual([]);
        expect(files).not.toContain(join('features', 'match_features.parquet'));
      } finally {
        store.unmount();
      }
    },
    300_000,
  );
});
