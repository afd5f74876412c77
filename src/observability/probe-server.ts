/**
 * The small HTTP server of the processes that have no API (workers, the scheduler): GET /metrics (Prometheus),
 * /livez (the process runs its event loop) and /readyz (its dependencies answer), on METRICS_PORT.
 *
 * @example
 *   const probes = await startProbeServer({ port: 9464, host: '0.0.0.0', registry, readiness });
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/** Dependency name → whether it answered. */
export type ReadinessChecks = Readonly<Record<string, boolean>>;

export interface ProbeServerOptions {
  readonly port: number;
  readonly host: string;
  readonly registry: Registry;
  readonly readiness: () => Promise<ReadinessChecks>;
  /**
   * The checks the process cannot work without: one failing answers 503 (`missing`); any other failing is
   * reported as `degraded` with 200. Default: every check.
   */
  readonly required?: readonly string[];
}

export interface ProbeServer {
  readonly port: number;
  close(): Promise<void>;
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
    .end(JSON.stringify(body));
}

async function answer(options: ProbeServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0]?.replace(/\/$/, '');
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return sendJson(res, 405, { detail: `${req.method} is not allowed: GET only` }, { allow: 'GET, HEAD' });
  if (path === '/metrics') {
    const text = await options.registry.metrics();
    res.writeHead(200, { 'content-type': options.registry.contentType }).end(text);
    return;
  }
  if (path === '/livez') return sendJson(res, 200, { status: 'alive' });
  if (path === '/readyz') {
    const checks = await options.readiness();
    const failing = Object.keys(checks).filter((name) => !checks[name]);
    const isRequired = (name: string) => options.required?.includes(name) ?? true;
    const missing = failing.filter(isRequired);
    const degraded = failing.filter((name) => !isRequired(name));
    if (missing.length > 0) return sendJson(res, 503, { status: 'not_ready', checks, missing, degraded });
    return sendJson(res, 200, {
      status: degraded.length > 0 ? 'degraded' : 'ready',
      checks,
      missing,
      degraded,
    });
  }
  sendJson(res, 404, { detail: 'not found: /metrics, /livez and /readyz are served here' });
}

export function startProbeServer(options: ProbeServerOptions): Promise<ProbeServer> {
  const server = createServer((req, res) => {
    answer(options, req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { detail: String(error) });
      else res.destroy();
    });
  });
  // Probes must never keep a stopping process alive.
  server.unref();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
