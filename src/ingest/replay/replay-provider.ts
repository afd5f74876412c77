/**
 * The stand-in provider of `matchcast replay`: a local node:http server laid out as football-data.co.uk
 * (`mmz4281/<yyzz>/<Div>.csv`, `new/<CODE>.csv`, `fixtures.csv`, `new_league_fixtures.csv`) that serves, from a
 * local football-data folder (`<Div>/<season>.csv`, `new/<CODE>.csv`), the files as they were at the virtual
 * instant the replay sets. It answers conditional GETs with ETags like the real provider, so the real sync
 * pulls only what changed since the previous virtual day.
 *
 * @example
 * const provider = await startReplayProvider({ dataDir, leagues: ['E0', 'D1'] });
 * provider.setNow(Date.UTC(2025, 9, 1));
 * await syncProvider(db, { baseUrl: provider.url, … });
 * await provider.close();
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { isMainDivision } from '../football-data/regions.ts';
import { seasonsToPull } from '../provider/provider-files.ts';
import { fixturesAsOf, type ProviderTable, readProviderTable, resultsAsOf } from './provider-snapshot.ts';

export interface ReplayProviderOptions {
  /** The local football-data folder (`<Div>/<season>.csv`, `new/<CODE>.csv`). */
  readonly dataDir: string;
  /** League codes the fixtures files list (main divisions and new-league country codes). */
  readonly leagues: readonly string[];
  /** Listen port to try first (a resumed replay's); any free one when it is taken or not given. */
  readonly port?: number;
}

export interface ReplayProvider {
  /** Base URL ending in `/`, for the sync's FOOTBALL_DATA_URL. */
  readonly url: string;
  readonly port: number;
  /** The virtual instant whose files are served. */
  setNow(ms: number): void;
  close(): Promise<void>;
}

/** `2526` → `2025-26`. */
const seasonOfCode = (code: string) => `20${code.slice(0, 2)}-${code.slice(2)}`;

export async function startReplayProvider(options: ReplayProviderOptions): Promise<ReplayProvider> {
  let nowMs = 0;
  const tables = new Map<string, ProviderTable | null>();
  // Each local file is read and parsed once; null when the folder has no such file.
  const table = (relative: string): ProviderTable | null => {
    if (!tables.has(relative)) {
      const file = join(options.dataDir, relative);
      tables.set(relative, existsSync(file) ? readProviderTable(readFileSync(file)) : null);
    }
    return tables.get(relative) ?? null;
  };
  const main = options.leagues.filter(isMainDivision);
  const other = options.leagues.filter((l) => !isMainDivision(l));
  const present = (ts: (ProviderTable | null)[]) => ts.filter((t): t is ProviderTable => t !== null);

  const bodyOf = (path: string): string | null => {
    const season = /^mmz4281\/(\d{4})\/([A-Za-z0-9]+)\.csv$/.exec(path);
    if (season) {
      const t = table(`${season[2]}/${seasonOfCode(season[1] as string)}.csv`);
      return t && resultsAsOf(t, nowMs);
    }
    const league = /^new\/([A-Za-z0-9]+)\.csv$/.exec(path);
    if (league) {
      const t = table(`new/${league[1]}.csv`);
      return t && resultsAsOf(t, nowMs);
    }
    // The season a match a week ahead belongs to: the current one, or the next around 1 July.
    const seasons = seasonsToPull({ seasons: 2, nowMs: nowMs + 7 * 86_400_000 });
    if (path === 'fixtures.csv') {
      const ts = present(main.flatMap((div) => seasons.map((s) => table(`${div}/${s}.csv`))));
      return fixturesAsOf(ts, nowMs, 'main');
    }
    if (path === 'new_league_fixtures.csv') {
      return fixturesAsOf(present(other.map((code) => table(`new/${code}.csv`))), nowMs, 'new');
    }
    return null;
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://replay').pathname).replace(/^\//, '');
    let body: string | null;
    try {
      body = bodyOf(path);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
      return;
    }
    if (body === null) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not published (yet)');
      return;
    }
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', etag }).end(body);
  };

  const server = createServer(handle);
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(options.port ?? 0).catch(() => listen(0));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    setNow(ms) {
      nowMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
