/** `matchcast sync` as a user runs it: against FOOTBALL_DATA_URL, a summary, warnings on stderr, one line on failure. */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadParams } from '../../src/config/params.ts';
import { runCli } from '../support/child-process.ts';
import { seedMigratedPglite } from '../support/pglite-template.ts';
import { type ProviderServer, startProviderServer } from '../support/provider-server.ts';

const DATA = process.env.FOOTBALL_DATA_DIR ?? join(import.meta.dirname, '../../../shared/data/football');
const present = existsSync(join(DATA, 'SP1', '2024-25.csv'));

let root: string;
let dataDir: string;
let server: ProviderServer;
/**
 * params.yaml with one retry 10 ms after the first try: the failure tests do not wait 2 × 7 s of the package's
 * backoff, and their "(2 tries)" proves `--params` is read.
 */
let quickRetries: string;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'matchcast-provider-'));
  const params = loadParams();
  quickRetries = join(root, 'params.yaml');
  writeFileSync(quickRetries, stringify({ ...params, sync: { ...params.sync, retries: 1, backoff_ms: 10 } }));
  dataDir = mkdtempSync(join(tmpdir(), 'matchcast-cli-sync-'));
  // A migrated database already in place: a first start creating it is proven by the other CLI tests.
  await seedMigratedPglite(join(dataDir, 'db'));
  mkdirSync(join(root, 'mmz4281', '2425'), { recursive: true });
  if (present) copyFileSync(join(DATA, 'SP1', '2024-25.csv'), join(root, 'mmz4281/2425/SP1.csv'));
  server = await startProviderServer(root);
});
afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe('matchcast sync', () => {
  it.runIf(present)(
    'pulls the listed league, warns about missing seasons, then finds nothing to pull',
    async () => {
      const env = { FOOTBALL_DATA_URL: server.url, DATA_DIR: dataDir };
      const args = ['sync', '--leagues', 'SP1', '--from-season', '2024-25'];
      const first = await runCli(args, env);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toMatch(/^mmz4281\/2425\/SP1\.csv: 380 matches: 380 new, 0 updated$/m);
      expect(first.stderr).toMatch(/^warning: mmz4281\/2526\/SP1\.csv: not on the provider \(HTTP 404\)/m);
      const again = await runCli(args, env);
      expect(again.stdout).toMatch(/\d+ final, \d+ missing, 0 rejected, 0 failed; matches 0 new, 0 updated/);
      // The scheduled job's sync stage pulls what sync was asked for: it pulled params.yaml's ten leagues.
      const before = server.requests.length;
      const scheduled = await runCli(['pipeline', 'run', '--stage', 'sync'], env);
      expect(scheduled.code, scheduled.stderr).toBe(0);
      const asked = server.requests.slice(before).map((r) => r.path);
      expect(asked.length).toBeGreaterThan(0);
      expect(asked.filter((path) => path.includes('mmz4281') && !path.endsWith('/SP1.csv'))).toEqual([]);
    },
    400_000,
  );

  it('fails with one line when the provider keeps answering 5xx', async () => {
    // Two files failing in a row: the provider is down (one alone is a warning, and the other files go on).
    server.behaviours.set('mmz4281/2425/SP1.csv', { kind: 'fail', status: 503, times: 100 });
    server.behaviours.set('mmz4281/2526/SP1.csv', { kind: 'fail', status: 503, times: 100 });
    const failedDataDir = mkdtempSync(join(tmpdir(), 'matchcast-cli-sync-'));
    await seedMigratedPglite(join(failedDataDir, 'db'));
    const args = ['sync', '--leagues', 'SP1', '--from-season', '2024-25', '--params', quickRetries];
    const failed = await runCli(args, {
      FOOTBALL_DATA_URL: server.url,
      DATA_DIR: failedDataDir,
    }).finally(() => rmSync(failedDataDir, { recursive: true, force: true }));
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe(
      `warning: mmz4281/2425/SP1.csv: HTTP 503 (2 tries); trying the next file (a second failure in a row stops the sync)\n` +
        `matchcast: ${server.url}mmz4281/2526/SP1.csv: HTTP 503 (2 tries)\n`,
    );
  }, 300_000);

  it('exits 1 for a league the provider has no file of, and does not remember it', async () => {
    const home = mkdtempSync(join(tmpdir(), 'matchcast-cli-sync-'));
    await seedMigratedPglite(join(home, 'db'));
    const env = { FOOTBALL_DATA_URL: server.url, DATA_DIR: home };
    try {
      const typo = await runCli(['sync', '--leagues', 'XX9', '--from-season', '2025-26'], env);
      expect(typo.code).toBe(1);
      expect(typo.stderr).toMatch(/^warning: new\/XX9\.csv: not on the provider \(HTTP 404\)/m);
      expect(typo.stderr).toMatch(
        /^matchcast: league XX9: not one file on the provider \(see above\); check the code$/m,
      );
      expect(typo.stderr).toMatch(/^matchcast: XX9 not remembered for the scheduled sync \(nothing was/m);
      // The scheduled sync stage does not ask for it every hour from now on.
      const before = server.requests.length;
      const scheduled = await runCli(['pipeline', 'run', '--stage', 'sync'], env);
      expect(scheduled.code, scheduled.stderr).toBe(0);
      expect(server.requests.slice(before).map((r) => r.path)).toEqual([]);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 300_000);

  it('says what to do when nothing answers at the provider address (no network)', async () => {
    // A port nothing listens on: refused at once, as on a machine with no route to the provider.
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const home = mkdtempSync(join(tmpdir(), 'matchcast-cli-sync-'));
    await seedMigratedPglite(join(home, 'db'));
    const url = `http://127.0.0.1:${closed}/`;
    const args = ['sync', '--leagues', 'SP1', '--from-season', '2024-25', '--params', quickRetries];
    const offline = await runCli(args, {
      FOOTBALL_DATA_URL: url,
      DATA_DIR: home,
    }).finally(() => rmSync(home, { recursive: true, force: true }));
    expect(offline.code).toBe(1);
    const lines = offline.stderr.trimEnd().split('\n');
    expect(lines.at(-2)).toMatch(
      /^matchcast: http:\/\/127\.0\.0\.1:\d+\/\S+: network error \(ECONNREFUSED\)/,
    );
    expect(lines.at(-1)).toBe(
      `matchcast: no answer from ${url}: check the network or FOOTBALL_DATA_URL; offline, ` +
        '`matchcast import football-data <folder>` imports local files and `npm start` runs on the demo',
    );
  }, 300_000);

  it('rejects a bad --leagues value in one line', { timeout: 120_000 }, async () => {
    const bad = await runCli(['sync', '--leagues', 'e0;drop']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^matchcast: sync: option '--leagues .*expected league codes such as E0,D1,SP1.*\n$/,
    );
  });
});
