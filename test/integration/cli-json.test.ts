/**
 * `--json` on the commands that list or report: each one's stdout is one JSON document, run in-process against
 * PostgreSQL (a schema of its own), a folder artifact store and a local provider server. (`queue` is covered by
 * cli-queue.test.ts; evaluate and backtest train models and stay out of this quick file.)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openDb } from '../../src/db/open-db.ts';
import { runInProcess } from '../support/cli-in-process.ts';
import { type ProviderServer, startProviderServer } from '../support/provider-server.ts';
import { type SeededRegistry, seedRegistry } from '../support/registry-fixture.ts';
import { POSTGRES_URL, postgresAvailable, uniqueName } from '../support/services.ts';

const CSV = [
  'Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR',
  'E0,16/08/24,Alpha,Beta,2,1,H',
  'E0,17/08/24,Gamma,Delta,0,0,D',
  'E0,24/08/24,Beta,Gamma,1,3,A',
].join('\n');

describe.skipIf(!postgresAvailable)('--json output', () => {
  const schema = uniqueName('t');
  let db: Db;
  let seeded: SeededRegistry;
  let root: string;
  let provider: ProviderServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await openDb({ databaseUrl: POSTGRES_URL, schema });
    await migrate(db);
    seeded = await seedRegistry(db, uniqueName('model'));
    root = mkdtempSync(join(tmpdir(), 'mc-cli-json-'));
    writeFileSync(join(root, 'E0.csv'), `${CSV}\n`);
    mkdirSync(join(root, 'provider', 'mmz4281', '2425'), { recursive: true });
    writeFileSync(join(root, 'provider', 'mmz4281', '2425', 'E0.csv'), `${CSV}\n`);
    provider = await startProviderServer(join(root, 'provider'));
    env = {
      DATABASE_URL: `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      ARTIFACT_STORE: seeded.artifactDir,
      MODEL_NAME: seeded.modelName,
      DATA_DIR: root,
      FOOTBALL_DATA_URL: provider.url,
      LOG_LEVEL: 'warn',
    };
  });
  afterAll(async () => {
    await provider?.close();
    await db?.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db?.close();
    if (seeded) rmSync(seeded.artifactDir, { recursive: true, force: true });
    if (root) rmSync(root, { recursive: true, force: true });
  });

  async function json(...args: string[]): Promise<Record<string, unknown>> {
    const result = await runInProcess([...args, '--json'], env);
    expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
    expect(result.stdout.trim().split('\n'), args.join(' ')).toHaveLength(1);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  }

  it('migrate', async () => {
    expect(await json('migrate')).toEqual({ driver: 'postgres', migration: expect.any(String) });
  });

  it('models list, show, promote, rollback, history', async () => {
    const list = await json('models', 'list');
    expect((list.versions as { version: number }[]).map((v) => v.version)).toEqual([2, 1]);
    expect(await json('models', 'show', '1')).toMatchObject({ version: 1, promotions: expect.any(Array) });
    for (const version of ['2', '1']) {
      const promoted = await json('models', 'promote', version, '--alias', 'challenger', '--reason', 'json');
      expect(promoted.promotion).toMatchObject({ alias: 'challenger', toVersion: Number(version) });
    }
    const rolled = await json('models', 'rollback', '--alias', 'challenger', '--reason', 'json test');
    expect(rolled.promotion).toMatchObject({ alias: 'challenger', fromVersion: 1, toVersion: 2 });
    const history = await json('models', 'history');
    expect((history.promotions as unknown[]).length).toBeGreaterThanOrEqual(2);
  });

  it('import football-data, sync, pipeline status, verify-track-record', async () => {
    const imported = await json('import', 'football-data', join(root, 'E0.csv'));
    expect(imported).toMatchObject({ files: 1, matchesInserted: 3 });
    const synced = await json('sync', '--leagues', 'E0', '--from-season', '2024-25');
    expect(synced.files).toEqual(expect.any(Array));
    const status = await json('pipeline', 'status');
    expect((status.stages as { stage: string }[]).map((s) => s.stage)).toContain('train');
    expect(await json('verify-track-record')).toMatchObject({ ok: true });
  });
});
