/**
 * Bulk answers serialised and compressed once per artifact version, then served as bytes: an unchanged
 * /predict/cards/ costs a header check and a socket write, not 100,000 objects through JSON.stringify.
 * Large bodies keep only their compressed forms in memory; the rare client that accepts neither gzip nor
 * brotli gets the gzip copy inflated on the fly.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { brotliCompress, constants, createGunzip, gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** Bodies up to this size keep an uncompressed copy too. */
const KEEP_IDENTITY_BYTES = 4 * 1024 * 1024;
/** Filtered answers smaller than this go out uncompressed: compressing would cost more than it saves. */
const COMPRESS_MIN_BYTES = 2048;

export interface BulkBody {
  /** Strong ETag, quoted. */
  readonly etag: string;
  readonly length: number;
  readonly identity: Buffer | null;
  readonly gzip: Buffer;
  readonly br: Buffer;
}

export type Encoding = 'br' | 'gzip' | 'identity';

export function etagOf(seed: string): string {
  return `"${createHash('sha1').update(seed).digest('base64url').slice(0, 22)}"`;
}

/** The best encoding the client accepts (brotli, then gzip); `q=0` counts as a refusal. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  let br = false;
  let gz = false;
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const refused = params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p));
    if (refused) continue;
    if (name === 'br') br = true;
    else if (name === 'gzip' || name === '*') gz = true;
  }
  return br ? 'br' : gz ? 'gzip' : 'identity';
}

export async function buildBulkBody(json: string, etagSeed: string): Promise<BulkBody> {
  const raw = Buffer.from(json, 'utf8');
  const [gz, br] = await Promise.all([
    gzipAsync(raw, { level: 6 }),
    brotliAsync(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 5,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    }),
  ]);
  return {
    etag: etagOf(etagSeed),
    length: raw.length,
    identity: raw.length <= KEEP_IDENTITY_BYTES ? raw : null,
    gzip: gz,
    br,
  };
}

/** True (and the 304 sent) when the client already holds this version. */
export function notModified(request: FastifyRequest, reply: FastifyReply, etag: string): boolean {
  const given = request.headers['if-none-match'];
  if (given === undefined) return false;
  const match = given === '*' || given.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
  if (match) reply.code(304).header('etag', etag).send();
  return match;
}

export function sendBulk(request: FastifyRequest, reply: FastifyReply, body: BulkBody): FastifyReply {
  if (notModified(request, reply, body.etag)) return reply;
  reply.header('etag', body.etag).header('vary', 'accept-encoding').type('application/json; charset=utf-8');
  const encoding = chooseEncoding(request.headers['accept-encoding']);
  if (encoding === 'br') return reply.header('content-encoding', 'br').send(body.br);
  if (encoding === 'gzip') return reply.header('content-encoding', 'gzip').send(body.gzip);
  if (body.identity) return reply.send(body.identity);
  return reply.send(Readable.from([body.gzip]).pipe(createGunzip()));
}

/** A per-request JSON answer (filtered bulk reads): ETag from the caller, gzip when asked and worth it. */
export async function sendJson(
  request: FastifyRequest,
  reply: FastifyReply,
  json: string,
  etag: string,
): Promise<FastifyReply> {
  if (notModified(request, reply, etag)) return reply;
  reply.header('etag', etag).header('vary', 'accept-encoding').type('application/json; charset=utf-8');
  const encoding = chooseEncoding(request.headers['accept-encoding']);
  if (encoding !== 'identity' && json.length >= COMPRESS_MIN_BYTES)
    return reply.header('content-encoding', 'gzip').send(await gzipAsync(json, { level: 4 }));
  return reply.send(json);
}
