/**
 * `matchcast export-track-record` and `verify-track-record` as a user runs them: on the database, on an
 * untouched export (exit 0) and on exports with a changed or back-dated prediction or goal market (exit 1, the
 * entry named), and a head noted before the chain grew (exit 0). The export, the database checks, a wrong head and an unreadable export run the real executable
 * (exit codes, one-line stderr); the other export checks run the same program in-process, sparing a Node start each.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/open-db.ts';
import { appendPredictions } from '../../src/db/prediction-log-repository.ts';
import { runCli as matchcast, spawnNode } from '../support/child-process.ts';
import { runInProcess } from '../support/cli-in-process.ts';
import { batchPrediction } from '../support/new-prediction.ts';
import { seedMigratedPglite } from '../support/pglite-template.ts';

let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'matchcast-verify-'));
  env = { DATA_DIR: dir, DATABASE_URL: '' };
  await seedMigratedPglite(join(dir, 'db'));
  const db = await openDb({ dataDir: join(dir, 'db') });
  await db.exec(`
    INSERT INTO regions (code, name, country) VALUES ('EN', 'England', 'England');
    INSERT INTO teams (name, region_id) VALUES ('Alpha', 1), ('Beta', 1);
    INSERT INTO matches (source, source_key, region_id, competition, season, start_time_utc, home_team_id,
                         away_team_id, status)
    VALUES ('test', 'a', 1, 'Premier League', '2025-26', '2026-01-10T15:00:00Z', 1, 2, 'scheduled'),
           ('test', 'b', 1, 'Premier League', '2025-26', '2026-01-17T15:00:00Z', 2, 1, 'scheduled');
  `);
  const logged = (matchId: number, computedAt: string, home: number) =>
    batchPrediction(
      matchId,
      { trainedUntil: new Date('2026-01-01T00:00:00Z'), computedAt: new Date(computedAt) },
      {
        modelName: 'soccer-match-outcome',
        modelVersion: 2,
        probabilities: [home, 0.27, 0.73 - home],
        goalMarkets: matchId === 1 ? { over25: 0.52, btts: 0.55 } : null,
        history: matchId === 1 ? { home: 31, away: 4 } : null,
      },
    );
  await db.transaction((tx) =>
    appendPredictions(
      tx,
      [logged(1, '2026-01-08T06:00:00Z', 0.41), logged(2, '2026-01-08T06:00:00Z', 0.38)],
      new Date('2026-01-08T06:00:01Z'),
    ),
  );
  await db.transaction((tx) =>
    appendPredictions(tx, [logged(2, '2026-01-15T06:00:00Z', 0.36)], new Date('2026-01-15T06:00:01Z')),
  );
  await db.close();
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('export-track-record', () => {
  it('ends with its own status when its reader closes the pipe early (| head), with no stack trace', async () => {
    const run = spawnNode(['bin/matchcast.js', 'export-track-record'], env);
    // The reading end is gone before the chain is written: every write meets a closed pipe.
    run.child.stdout?.destroy();
    expect(await run.exited).toBe(0);
    expect(run.output()).not.toMatch(/EPIPE|Error|\n\s+at /);
  });
});

describe('verify-track-record', () => {
  it('exports the chain and verifies it from the database and from the export', async () => {
    const file = join(dir, 'export.jsonl');
    const exported = await matchcast(['export-track-record', '--out', file], env);
    expect(exported.stderr).toMatch(/^3 chain entries written/);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      seq: 1,
      format: 3,
      match_id: 1,
      proba_home: '0.41',
      proba_over_2_5: '0.52',
      proba_btts: '0.55',
      home_matches_played: 31,
      away_matches_played: 4,
    });
    expect(JSON.parse(lines[1] as string)).toMatchObject({
      seq: 2,
      proba_over_2_5: null,
      proba_btts: null,
      home_matches_played: null,
      away_matches_played: null,
    });

    const fromDb = await matchcast(['verify-track-record'], env);
    expect(fromDb.code).toBe(0);
    expect(fromDb.stdout).toMatch(
      /3 entries, head [0-9a-f]{64} \(seq 3, logged 2026-01-15T06:00:00.000Z\)\ntrack record verified\n$/,
    );
    const head = /head ([0-9a-f]{64})/.exec(fromDb.stdout)?.[1] as string;

    const fromFile = await runInProcess(['verify-track-record', '--file', file, '--head', head], env);
    expect(fromFile.code).toBe(0);
    expect(fromFile.stdout).toContain(`passes through ${head} at seq 3\n`);
    // A head noted before the chain grew: the chain still passes through it.
    const earlier = JSON.parse(lines[1] as string).hash as string;
    const grown = await runInProcess(['verify-track-record', '--file', file, '--head', earlier], env);
    expect(grown.code).toBe(0);
    expect(grown.stdout).toMatch(new RegExp(`passes through ${earlier} at seq 2\ntrack record verified\n$`));
    const otherHead = await matchcast(['verify-track-record', '--file', file, '--head', '0'.repeat(64)], env);
    expect(otherHead.code).toBe(1);
    expect(otherHead.stdout).toMatch(/the chain does not pass through 0{64}\ntrack record NOT verified\n$/);
  }, 120_000);

  it('fails while the log holds a published prediction no chain entry covers (written in by hand)', async () => {
    const insertByHand = async (sql: string) => {
      const db = await openDb({ dataDir: join(dir, 'db') });
      try {
        await db.exec(sql);
      } finally {
        await db.close();
      }
    };
    await insertByHand(`
      INSERT INTO prediction_log (match_id, model_name, model_version, model_alias, source, proba_home, proba_draw,
                                  proba_away, trained_until, computed_at)
      VALUES (2, 'soccer-match-outcome', 2, 'champion', 'batch', 0.9, 0.05, 0.05, '2026-01-01', '2026-01-16')`);
    try {
      const result = await matchcast(['verify-track-record'], env);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(
        /^1 published predictions of the log are in no chain entry \(written into it by other means\?\): the track record counts them, and nothing proves when they were logged\n {2}prediction_log id \d+ \(match 2\)\n/,
      );
      expect(result.stdout).toMatch(/track record NOT verified\n$/);
    } finally {
      // Unchained, it can be deleted: the other tests of this file read the database as it was.
      await insertByHand(`DELETE FROM prediction_log WHERE proba_home = 0.9`);
    }
  }, 120_000);

  it('does not call an empty chain verified: a wrong DATA_DIR reads as one', async () => {
    const empty = join(dir, 'empty.jsonl');
    writeFileSync(empty, '');
    const result = await matchcast(['verify-track-record', '--file', empty], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      '0 entries, empty chain\ntrack record empty: nothing to verify (is this the right database?)\n',
    );
  });

  it('fails on a changed or back-dated prediction and names it', async () => {
    const lines = readFileSync(join(dir, 'export.jsonl'), 'utf8').trim().split('\n');
    const edit = (seq: number, change: Record<string, unknown>) =>
      lines.map((l, i) => (i === seq - 1 ? JSON.stringify({ ...JSON.parse(l), ...change }) : l)).join('\n');
    const changed = join(dir, 'changed.jsonl');
    writeFileSync(changed, edit(2, { proba_home: '0.5' }));
    const c = await runInProcess(['verify-track-record', '--file', changed], env);
    expect(c.code).toBe(1);
    expect(c.stdout).toMatch(/seq 2 \(match 2\): hash-mismatch/);
    expect(c.stdout).toMatch(/track record NOT verified/);

    const goals = join(dir, 'goals.jsonl');
    writeFileSync(goals, edit(1, { proba_over_2_5: '0.6' }));
    const g = await runInProcess(['verify-track-record', '--file', goals], env);
    expect(g.code).toBe(1);
    expect(g.stdout).toMatch(/seq 1 \(match 1\): hash-mismatch/);

    const backDated = join(dir, 'back-dated.jsonl');
    writeFileSync(backDated, edit(3, { logged_at: '2026-01-07T06:00:00.000Z' }));
    const b = await runInProcess(['verify-track-record', '--file', backDated], env);
    expect(b.code).toBe(1);
    expect(b.stdout).toMatch(/seq 3 \(match 2\): hash-mismatch/);

    const broken = join(dir, 'broken.jsonl');
    writeFileSync(broken, edit(1, { hash: 'x' }));
    const bad = await matchcast(['verify-track-record', '--file', broken], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/broken\.jsonl:1: \/hash/);
  }, 120_000);
});
