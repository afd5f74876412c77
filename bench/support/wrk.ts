/**
 * HTTP load from wrk (Debian package `wrk`): a C client on one thread, so on a two-core machine it leaves the
 * server most of a core that a Node client (autocannon) would take. Paths rotate through a Lua script and the
 * summary comes back as one JSON line written by wrk's `done` hook.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface WrkOptions {
  readonly url: string;
  readonly paths: readonly string[];
  readonly connections: number;
  readonly durationSeconds: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly threads?: number;
  /**
   * Think time between a connection's requests, in whole milliseconds (wrk's `delay` hook): with c connections
   * the offered load is about c × 1000 / (thinkMs + latency) requests per second. Latency is timed without it.
   */
  readonly thinkMs?: number;
}

export interface WrkResult {
  readonly requests: number;
  readonly req_per_s: number;
  readonly p50_ms: number;
  readonly p99_ms: number;
  readonly non2xx: number;
  readonly errors: number;
}

const luaString = (s: string) => JSON.stringify(s); // JSON string escapes are valid Lua escapes for ASCII

function script(
  paths: readonly string[],
  headers: Readonly<Record<string, string>>,
  thinkMs: number | undefined,
): string {
  return `
${Object.entries(headers)
  .map(([k, v]) => `wrk.headers[${luaString(k)}] = ${luaString(v)}`)
  .join('\n')}
local paths = { ${paths.map(luaString).join(', ')} }
-- Requests are formatted once, so each request costs the client a table lookup, not a wrk.format call.
-- In init, after wrk has set the Host header.
local requests = {}
init = function(args)
  for k, path in ipairs(paths) do requests[k] = wrk.format("GET", path) end
end
${thinkMs ? `delay = function() return ${Math.round(thinkMs)} end` : ''}
local i = 0
request = function()
  i = i % #requests + 1
  return requests[i]
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"non2xx":%d,"errors":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end
`;
}

export async function wrk(options: WrkOptions): Promise<WrkResult> {
  const dir = mkdtempSync(join(tmpdir(), 'matchcast-wrk-'));
  try {
    const file = join(dir, 'script.lua');
    writeFileSync(file, script(options.paths, options.headers ?? {}, options.thinkMs));
    const { stdout } = await promisify(execFile)('wrk', [
      `-t${options.threads ?? 1}`,
      `-c${options.connections}`,
      `-d${options.durationSeconds}s`,
      '--timeout',
      '30s',
      '-s',
      file,
      options.url,
    ]);
    const line = stdout.split('\n').find((l) => l.startsWith('WRK '));
    if (!line) throw new Error(`wrk printed no summary:\n${stdout}`);
    const s = JSON.parse(line.slice(4)) as {
      requests: number;
      duration_us: number;
      p50_us: number;
      p99_us: number;
      non2xx: number;
      errors: number;
    };
    return {
      requests: s.requests,
      req_per_s: Math.round(s.requests / (s.duration_us / 1e6)),
      p50_ms: s.p50_us / 1000,
      p99_ms: s.p99_us / 1000,
      non2xx: s.non2xx,
      errors: s.errors,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether wrk is on PATH. */
export async function hasWrk(): Promise<boolean> {
  try {
    await promisify(execFile)('wrk', ['--version']);
    return true;
  } catch (error) {
    // wrk --version exits 1 after printing its banner.
    return (error as { stdout?: string }).stdout?.includes('wrk') ?? false;
  }
}
