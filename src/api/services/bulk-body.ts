/**
 * Bulk answers serialised and compressed once per artifact version, then served as bytes: an unchanged
 * /predict/cards/ costs a header check and a socket write, not 100,000 objects through JSON.stringify.
 * Large bodies keep only their compressed forms in memory; the rare client that accepts neither gzip nor
 * brotli gets the gzip copy inflated on the fly.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { brotliCompress, constants, createGunzip, createGzip, gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);
const brotliOptions = (quality: number, bytes: number) => ({
  params: {
    [constants.BROTLI_PARAM_QUALITY]: quality,
    [constants.BROTLI_PARAM_SIZE_HINT]: bytes,
    [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
  },
});

/** Bodies up to this size keep an uncompressed copy too. */
const KEEP_IDENTITY_BYTES = 4 * 1024 * 1024;
/** Filtered answers smaller than this go out uncompressed: compressing would cost more than it saves. */
const COMPRESS_MIN_BYTES = 2048;

export interface BulkBody {
  /** Strong ETag of the uncompressed form, quoted; each coding's is `taggedFor` it. */
  readonly etag: string;
  /** Uncompressed size in bytes. */
  readonly length: number;
  /** Kept only for small bodies. */
  readonly identity: Buffer | null;
  readonly gzip: Buffer;
  /** Kept only for small bodies: brotli on tens of megabytes costs seconds of CPU for little gain over gzip. */
  readonly br: Buffer | null;
}

export type Encoding = 'br' | 'gzip' | 'identity';

export function etagOf(seed: string): string {
  return `"${createHash('sha1').update(seed).digest('base64url').slice(0, 22)}"`;
}

/**
 * The strong ETag of one coding of a body: a gzip or brotli answer is a different representation from the
 * uncompressed one (RFC 9110 8.8.3), so a cache must never take one for the other.
 */
export function taggedFor(etag: string, encoding: Encoding): string {
  return encoding === 'identity' ? etag : `${etag.slice(0, -1)}-${encoding}"`;
}

/**
 * The encoding of `available` (in our order of preference) the client's Accept-Encoding ranks first, with its
 * q-values and `*`; identity when the header names none of them. A refused coding (`q=0`) is never chosen.
 * `x-gzip` is gzip (RFC 9110 8.4.1.3) unless the header also names gzip itself, which then decides.
 */
export function chooseEncoding(acceptEncoding: string | undefined, available: readonly Encoding[]): Encoding {
  const header =
    acceptEncoding !== undefined && !GZIP_NAMED.test(acceptEncoding)
      ? acceptEncoding.replace(X_GZIP, '$1gzip')
      : acceptEncoding;
  const headers = header === undefined ? {} : { 'accept-encoding': header };
  // Ties in q go to our order (brotli first), not the header's; @types/negotiator lacks the option's type.
  const negotiator = new Negotiator({ headers }) as unknown as NegotiatorWithPreference;
  return negotiator.encoding(available, { preferred: available }) ?? 'identity';
}

const GZIP_NAMED = /(^|,)\s*gzip\s*(;|,|$)/i;
const X_GZIP = /(^|,\s*)x-gzip\b/gi;

interface NegotiatorWithPreference {
  encoding<T extends string>(available: readonly T[], options: { preferred: readonly T[] }): T | undefined;
}

/** item(from) … item(to − 1) */
function items(from: number, to: number, item: (i: number) => unknown): unknown[] {
  const out = new Array<unknown>(to - from);
  for (let i = from; i < to; i++) out[i - from] = item(i);
  return out;
}

/**
 * Arrays up to this many rows are serialised in one go (keeping every encoding of a bulk body); longer ones,
 * bulk or filtered, are built in turns of the event loop.
 */
export const SMALL_ROWS = 2000;
/**
 * Rows per JSON.stringify call when streaming a large array: a piece (≈70 kB of cards) stays below V8's
 * large-object size, so it dies young instead of piling up in old space until the next full collection.
 */
const ROWS_PER_PIECE = 100;
/** Rows serialised between two yields to the event loop. */
const ROWS_PER_TURN = 2000;

/**
 * Serialises item(0) … item(count − 1) as one JSON array and compresses it. Large arrays are streamed through
 * gzip piece by piece, yielding to the event loop every few thousand rows, so the uncompressed JSON never
 * exists whole in memory and requests keep being answered while a new version is prepared.
 */
export async function buildBulkBody(
  count: number,
  item: (i: number) => unknown,
  etagSeed: string,
): Promise<BulkBody> {
  const etag = etagOf(etagSeed);
  if (count <= SMALL_ROWS) {
    const raw = Buffer.from(JSON.stringify(items(0, count, item)), 'utf8');
    if (raw.length <= KEEP_IDENTITY_BYTES) {
      const [gz, br] = await Promise.all([
        gzipAsync(raw, { level: 6 }),
        brotliAsync(raw, brotliOptions(5, raw.length)),
      ]);
      return { etag, length: raw.length, identity: raw, gzip: gz, br };
    }
  }
  const gz = createGzip({ level: 6 });
  const out: Buffer[] = [];
  gz.on('data', (chunk: Buffer) => out.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    gz.once('end', resolve);
    gz.once('error', reject);
  });
  let length = 0;
  const write = async (text: string) => {
    length += Buffer.byteLength(text);
    if (!gz.write(text)) await once(gz, 'drain');
  };
  await write('[');
  for (let i = 0; i < count; i += ROWS_PER_PIECE) {
    const part = JSON.stringify(items(i, Math.min(count, i + ROWS_PER_PIECE), item));
    await write((i > 0 ? ',' : '') + part.slice(1, -1));
    if ((i + ROWS_PER_PIECE) % ROWS_PER_TURN === 0)
      await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await write(']');
  gz.end();
  await finished;
  return { etag, length, identity: null, gzip: Buffer.concat(out), br: null };
}

/**
 * Sets the representation's ETag and Vary; true (and the 304 sent) when the client already holds it.
 * If-None-Match compares weakly (RFC 9110 13.1.2), so a `W/` prefix is ignored.
 */
function notModified(request: FastifyRequest, reply: FastifyReply, etag: string): boolean {
  // Added to, not replaced: with CORS on, the answer also varies by Origin (set before the route runs).
  const vary = reply.getHeader('vary');
  reply.header('etag', etag).header('vary', vary ? `${String(vary)}, accept-encoding` : 'accept-encoding');
  const given = request.headers['if-none-match'];
  if (given === undefined) return false;
  const match = given === '*' || given.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
  if (match) reply.code(304).send();
  return match;
}

export function sendBulk(request: FastifyRequest, reply: FastifyReply, body: BulkBody): FastifyReply {
  // Identity is always on offer: a large body's is its gzip copy inflated on the fly.
  const offered: Encoding[] = body.br ? ['br', 'gzip', 'identity'] : ['gzip', 'identity'];
  const encoding = chooseEncoding(request.headers['accept-encoding'], offered);
  if (notModified(request, reply, taggedFor(body.etag, encoding))) return reply;
  reply.type('application/json; charset=utf-8');
  if (encoding === 'br' && body.br) return reply.header('content-encoding', 'br').send(body.br);
  if (encoding === 'gzip') return reply.header('content-encoding', 'gzip').send(body.gzip);
  if (body.identity) return reply.send(body.identity);
  return reply.send(Readable.from([body.gzip]).pipe(createGunzip()));
}

/** A filtered answer: a small selection serialised for the request, or a large one built as a bulk body. */
export type FilteredBody = { readonly json: string; readonly etag: string } | BulkBody;

export function sendFiltered(
  request: FastifyRequest,
  reply: FastifyReply,
  body: FilteredBody,
): FastifyReply | Promise<FastifyReply> {
  return 'json' in body ? sendJson(request, reply, body.json, body.etag) : sendBulk(request, reply, body);
}

const ALL_ENCODINGS: readonly Encoding[] = ['br', 'gzip', 'identity'];

/** A per-request JSON answer (filtered bulk reads): ETag from the caller, compressed when asked and worth it. */
export async function sendJson(
  request: FastifyRequest,
  reply: FastifyReply,
  json: string,
  etag: string,
): Promise<FastifyReply> {
  const encoding =
    json.length < COMPRESS_MIN_BYTES
      ? 'identity'
      : chooseEncoding(request.headers['accept-encoding'], ALL_ENCODINGS);
  if (notModified(request, reply, taggedFor(etag, encoding))) return reply;
  reply.type('application/json; charset=utf-8');
  if (encoding === 'br')
    return reply
      .header('content-encoding', 'br')
      .send(await brotliAsync(json, brotliOptions(4, json.length)));
  if (encoding === 'gzip')
    return reply.header('content-encoding', 'gzip').send(await gzipAsync(json, { level: 4 }));
  return reply.send(json);
}
