/**
 * The one-command start, as a user runs it (`npm start` = `matchcast start`): on a temp DATA_DIR it creates the
 * demo world (its last weeks lived on a virtual clock), runs the whole pipeline, serves the API and answers
 * predictions; a second start reuses what exists. The first start logs as on a terminal (its progress summed up,
 * the banner last), the second as JSON lines (the banner one event among them). (`matchcast up --data` is the
 * same code path with CSV files as the source.)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRIC_NAMES } from '../../src/config/metric-names.ts';
import { declaredType, seriesOf } from '../support/metrics-text.ts';

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

interface Started {
  readonly child: ChildProcess;
  readonly key: string;
  /** stdout and stderr as they came. */
  readonly output: () => string;
  readonly stdout: () => string;
}

/** Starts and resolves once ready: the banner on a terminal, its event in JSON logs (the key is then in the file). */
function start(dataDir: string, port: number, format: 'pretty' | 'json'): Promise<Started> {
  const child = spawn(process.execPath, [BIN, 'start'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      LOG_FORMAT: format,
      REDIS_URL: '',
      DATABASE_URL: '',
      API_KEY: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  let stdout = '';
  return new Promise((resolve, reject) => {
    const ready = () => {
      const started = { child, output: () => text, stdout: () => stdout };
      if (format === 'pretty') {
        const key = /API key +(\S+)/.exec(stdout)?.[1];
        if (key) resolve({ ...started, key });
      } else if (stdout.includes('"msg":"Matchcast is ready')) {
        resolve({ ...started, key: readFileSync(join(dataDir, 'api-key'), 'utf8').trim() });
      }
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      stdout += chunk.toString('utf8');
      ready();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
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

describe('matchcast start', () => {
  let root: string;
  let dataDir: string;
  let port: number;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'matchcast-start-'));
    dataDir = join(root, 'var');
    port = await freePort();
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  // A first start lives the demo's last four weeks before serving: seconds on a quiet machine, minutes under load.
  it('builds everything on an empty DATA_DIR, serves predictions, and reuses it all on the next start', async () => {
    const first = await start(dataDir, port, 'pretty');
    try {
      // Two lines of progress, then the banner: the routine start-up lines wait for LOG_LEVEL=debug.
      const [before, after] = first.output().split(/^Matchcast is ready .*$/m);
      expect(before?.trim().split('\n')).toEqual([
        expect.stringMatching(
          /^matchcast: first start on .*: preparing the demo world \(LOG_LEVEL=debug shows each step\)$/,
        ),
        expect.stringMatching(/^matchcast: prepared the demo world in [\d.]+ s$/),
      ]);
      expect(after).toContain(`Dashboard   http://127.0.0.1:${port}/#key=${first.key}`);
      const base = `http://127.0.0.1:${port}`;
      const response = await fetch(`${base}/predict/predictions/`, { headers: { 'X-API-Key': first.key } });
      expect(response.status).toBe(200);
      const rows = (await response.json()) as { match_id: number; is_future: boolean; proba_home: number }[];
      const upcoming = rows.filter((r) => r.is_future);
      expect(upcoming.length).toBeGreaterThan(0);
      // History is there too, every past row from a model trained before its kick-off.
      expect(rows.some((r) => !r.is_future)).toBe(true);
      // The demo's last weeks were lived on a virtual clock: pre-kick-off predictions graded with a CLV.
      const record = (await (
        await fetch(`${base}/v1/predict/track-record`, { headers: { 'X-API-Key': first.key } })
      ).json()) as { late_predictions: number; graded: number; clv: { n_bets: number; ci95: unknown } };
      expect(record.late_predictions).toBe(0);
      expect(record.graded).toBeGreaterThan(0);
      expect(record.clv.n_bets).toBeGreaterThan(0);
      expect(record.clv.ci95).toHaveLength(2);
      const cards = await fetch(`${base}/predict/region-roi/`, { headers: { 'X-API-Key': first.key } });
      expect(((await cards.json()) as unknown[]).length).toBeGreaterThan(0);
      const live = await fetch(`${base}/predict/${upcoming[0]?.match_id}`, {
        headers: { 'X-API-Key': first.key },
      });
      expect(live.status).toBe(200);
      const body = (await live.json()) as { prediction: { probabilities: Record<string, number> } };
      expect(Object.values(body.prediction.probabilities).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);

      // One process, one /metrics: the API's, the queue's, the worker's and the pipeline's series together.
      const metrics = await (await fetch(`${base}/metrics`)).text();
      for (const name of METRIC_NAMES) expect(declaredType(metrics, name), name).toBeDefined();
      for (const name of [
        'matchcast_worker_jobs_total',
        'matchcast_queue_job_duration_seconds',
        'matchcast_pipeline_stage_duration_seconds',
        'matchcast_pipeline_stage_last_success_timestamp_seconds',
        'matchcast_pipeline_rows_written_total',
        'matchcast_pipeline_schedule_interval_seconds',
      ])
        expect(seriesOf(metrics, name).length, name).toBeGreaterThan(0);
      // Nor after it: the routine start-up lines wait for LOG_LEVEL=debug.
      expect(first.output()).not.toMatch(/worker started|artifact loaded|Server listening/);
    } finally {
      await stop(first.child);
    }

    const second = await start(dataDir, port, 'json');
    try {
      expect(second.output()).not.toContain('first start');
      expect(second.key).toBe(first.key);
      // A log shipper reads every line: the banner is one event, naming where the key is rather than the key.
      const events = second
        .stdout()
        .split('\n')
        .slice(0, -1) // a line still being written
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(events.find((e) => String(e.msg).startsWith('Matchcast is ready'))).toMatchObject({
        url: `http://127.0.0.1:${port}/`,
        data_dir: dataDir,
        source: 'demo',
        api_key_in: join(dataDir, 'api-key'),
      });
      expect(second.output()).not.toContain(second.key);
      const response = await fetch(`http://127.0.0.1:${port}/predict/predictions/`, {
        headers: { 'X-API-Key': second.key },
      });
      expect(response.status).toBe(200);
    } finally {
      await stop(second.child);
    }
  }, 480_000);
});
