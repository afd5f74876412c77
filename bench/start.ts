/**
 * `npm start` timings, as a user sees them: from spawning `matchcast start` on an empty DATA_DIR to the first
 * served prediction (target ≤ 90 s), then a second start on the same DATA_DIR to a served prediction (≤ 5 s).
 *
 *   node --import tsx bench/start.ts [port=8190]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const port = Number(process.argv[2] ?? 8190);
const BIN = join(import.meta.dirname, '..', 'bin', 'matchcast.js');
const dataDir = mkdtempSync(join(tmpdir(), 'matchcast-bench-start-'));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startAndTime(): Promise<{ child: ChildProcess; seconds: number; upcoming: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, 'start'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (c: Buffer) => {
    text += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    text += c.toString();
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`start exited:\n${text}`);
    const key = /API key \(X-API-Key\): (\S+)/.exec(text)?.[1];
    if (key) {
      const response = await fetch(`http://127.0.0.1:${port}/predict/predictions/`, {
        headers: { 'X-API-Key': key },
      }).catch(() => null);
      if (response?.status === 200) {
        const rows = (await response.json()) as { is_future: boolean }[];
        const upcoming = rows.filter((r) => r.is_future).length;
        if (upcoming > 0) return { child, seconds: (performance.now() - t0) / 1000, upcoming };
      }
    }
    await sleep(50);
  }
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

try {
  const first = await startAndTime();
  await stop(first.child);
  const second = await startAndTime();
  await stop(second.child);
  console.log(
    JSON.stringify({
      bench: 'start',
      first_start_to_prediction_seconds: Number(first.seconds.toFixed(1)),
      second_start_to_prediction_seconds: Number(second.seconds.toFixed(1)),
      upcoming_predictions: first.upcoming,
      targets: { first: 90, second: 5 },
    }),
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
