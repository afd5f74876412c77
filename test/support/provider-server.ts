/**
 * A stand-in for football-data.co.uk: a node:http server serving files from a folder with ETag and
 * Last-Modified validators (304 on a match), plus per-path misbehaviour — 404, 5xx a number of times before
 * answering, a body slower than any timeout, an HTML error page served with status 200.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export type Behaviour =
  | { readonly kind: 'fail'; readonly status: number; times: number }
  | { readonly kind: 'slow'; readonly delayMs: number }
  | { readonly kind: 'html' }
  | { readonly kind: 'no-etag' };

export interface ProviderServer {
  readonly url: string;
  /** Requests seen, in order: path and the validators sent. */
  readonly requests: { path: string; ifNoneMatch?: string; ifModifiedSince?: string; userAgent?: string }[];
  readonly behaviours: Map<string, Behaviour>;
  close(): Promise<void>;
}

const HTML = '<!DOCTYPE html>\n<html><head><title>Page not found</title></head><body>Sorry</body></html>\n';

export async function startProviderServer(root: string): Promise<ProviderServer> {
  const requests: ProviderServer['requests'] = [];
  const behaviours = new Map<string, Behaviour>();
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\//, '');
    requests.push({
      path,
      ...(req.headers['if-none-match'] ? { ifNoneMatch: String(req.headers['if-none-match']) } : {}),
      ...(req.headers['if-modified-since']
        ? { ifModifiedSince: String(req.headers['if-modified-since']) }
        : {}),
      ...(req.headers['user-agent'] ? { userAgent: String(req.headers['user-agent']) } : {}),
    });
    const behaviour = behaviours.get(path);
    if (behaviour?.kind === 'fail' && behaviour.times > 0) {
      behaviour.times--;
      res.writeHead(behaviour.status, { 'content-type': 'text/plain' }).end('busy');
      return;
    }
    if (behaviour?.kind === 'html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(HTML);
      return;
    }
    let body: Buffer;
    let modified: Date;
    try {
      body = readFileSync(join(root, path));
      modified = statSync(join(root, path)).mtime;
    } catch {
      res.writeHead(404, { 'content-type': 'text/html' }).end(HTML);
      return;
    }
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    const lastModified = new Date(Math.floor(modified.getTime() / 1000) * 1000).toUTCString();
    const headers: Record<string, string> = { 'content-type': 'text/csv', 'last-modified': lastModified };
    if (behaviour?.kind !== 'no-etag') headers.etag = etag;
    const sinceHeader = req.headers['if-modified-since'];
    const fresh =
      behaviour?.kind === 'no-etag'
        ? sinceHeader !== undefined && Date.parse(sinceHeader) >= Date.parse(lastModified)
        : req.headers['if-none-match'] === etag;
    if (fresh) {
      res.writeHead(304, headers).end();
      return;
    }
    if (behaviour?.kind === 'slow') {
      res.writeHead(200, headers);
      res.write(body.subarray(0, 10));
      const timer = setTimeout(() => res.end(body.subarray(10)), behaviour.delayMs);
      res.once('close', () => clearTimeout(timer));
      return;
    }
    res.writeHead(200, headers).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    behaviours,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
