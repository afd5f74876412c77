/**
 * The one-command start, as a user runs it: `matchcast up --data <folder>` on a temp DATA_DIR builds everything,
 * serves the API, and answers a prediction; a second start reuses what exists. (`npm start` is the same code
 * path with the demo world as its source.)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const DAY_MS = 86_400_000;
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'matchcast.js');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A football-data style league: ten teams, a round every three days up to today, fixtures for ten days. */
function writeLeague(folder: string): void {
  const teams = Array.from({ length: 10 }, (_, i) => `Club ${String.fromCharCode(65 + i)}`);
  const strength = (t: number) => (t - 4.5) * 0.15;
  let state = 11;
  const uniform = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const goals = (rate: number) => {
    let k = 0;
    for (let p = uniform(); p > Math.exp(-rate); p *= uniform()) k++;
    return k;
  };
  const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const lines = ['Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,B365H,B365D,B365A'];
  for (let day = today - 240 * DAY_MS, round = 0; day < today + 10 * DAY_MS; day += 3 * DAY_MS, round++) {
    for (let i = 0; i < 5; i++) {
      const a = (round + i) % 9;
      const b = i === 0 ? 9 : (round + 9 - i) % 9;
      const [h, w] = round % 2 === 0 ? [a, b] : [b, a];
      const d = new Date(day);
      const date = `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
      const lh = Math.exp(0.3 + strength(h) - strength(w));
      const la = Math.exp(0.05 + strength(w) - strength(h));
      const ph = lh / (lh + la + 0.9);
      const pa = la / (lh + la + 0.9);
      const odds = [ph, 1 - ph - pa, pa].map((p) => (1 / (p * 1.06)).toFixed(2)).join(',');
      const past = day + 15 * 3_600_000 < Date.now() - 3 * 3_600_000;
      const [hg, ag] = past ? [goals(lh), goals(la)] : [null, null];
      const ftr = hg === null || ag === null ? '' : hg > ag ? 'H' : hg === ag ? 'D' : 'A';
      lines.push(`E0,${date},15:00,${teams[h]},${teams[w]},${hg ?? ''},${ag ?? ''},${ftr},${odds}`);
    }
  }
  writeFileSync(join(folder, 'league.csv'), `${lines.join('\n')}\n`);
}

interface Started {
  readonly child: ChildProcess;
  readonly key: string;
  readonly output: () => string;
}

function start(dataDir: string, csv: string, port: number): Promise<Started> {
  const child = spawn(process.execPath, [BIN, 'up', '--data', csv], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      REDIS_URL: '',
      DATABASE_URL: '',
      API_KEY: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const key = /API key \(X-API-Key\): (\S+)/.exec(text)?.[1];
      if (key) resolve({ child, key, output: () => text });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`start exited with ${code}:\n${text}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

describe('matchcast up / start', () => {
  let root: string;
  let csv: string;
  let dataDir: string;
  let port: number;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'matchcast-start-'));
    csv = join(root, 'csv');
    dataDir = join(root, 'var');
    mkdirSync(csv);
    writeLeague(csv);
    port = await freePort();
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('builds everything on an empty DATA_DIR, serves predictions, and reuses it all on the next start', async () => {
    const first = await start(dataDir, csv, port);
    try {
      expect(first.output()).toContain('first start');
      expect(first.output()).toContain(`http://localhost:${port}/#key=${first.key}`);
      const base = `http://127.0.0.1:${port}`;
      const response = await fetch(`${base}/predict/predictions/`, { headers: { 'X-API-Key': first.key } });
      expect(response.status).toBe(200);
      const rows = (await response.json()) as { match_id: number; is_future: boolean; proba_home: number }[];
      const upcoming = rows.filter((r) => r.is_future);
      expect(upcoming.length).toBeGreaterThan(0);
      expect(rows.some((r) => !r.is_future)).toBe(true);
      const live = await fetch(`${base}/predict/${upcoming[0]?.match_id}`, {
        headers: { 'X-API-Key': first.key },
      });
      expect(live.status).toBe(200);
      const body = (await live.json()) as { prediction: { probabilities: Record<string, number> } };
      expect(Object.values(body.prediction.probabilities).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    } finally {
      await stop(first.child);
    }

    const second = await start(dataDir, csv, port);
    try {
      expect(second.output()).not.toContain('first start');
      expect(second.key).toBe(first.key);
      const response = await fetch(`http://127.0.0.1:${port}/predict/predictions/`, {
        headers: { 'X-API-Key': second.key },
      });
      expect(response.status).toBe(200);
    } finally {
      await stop(second.child);
    }
  }, 300_000);
});
