/**
 * X-API-Key checks. A key is compared as a fixed-size block (its UTF-8 bytes, zero-padded, with the length in
 * the last two bytes) through `timingSafeEqual`: every comparison takes the same time whatever the input, so
 * neither where a guess goes wrong nor how long it is shows. (Hashing both sides would do the same at several
 * times the cost, a noticeable share of a 40 µs precomputed lookup.)
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest, onRequestHookHandler } from 'fastify';
import { apiError } from '../errors.ts';

/** Longest key accepted, in UTF-8 bytes; the config schema holds API keys to it. */
export const MAX_KEY_BYTES = 254;
const BLOCK_BYTES = MAX_KEY_BYTES + 2;

/** The key's comparison block, or null when it is longer than MAX_KEY_BYTES. */
export function keyBlock(key: string, into: Buffer = Buffer.alloc(BLOCK_BYTES)): Buffer | null {
  const length = Buffer.byteLength(key, 'utf8');
  if (length > MAX_KEY_BYTES) return null;
  into.fill(0);
  into.write(key, 0, 'utf8');
  into.writeUInt16BE(length, MAX_KEY_BYTES);
  return into;
}

// Requests are checked one at a time on the event loop, so one scratch block serves them all.
const scratch = Buffer.alloc(BLOCK_BYTES);

/** True when `given` equals the key whose block is `expected`, in time independent of the input. */
export function keyMatches(given: string | undefined, expected: Buffer): boolean {
  if (given === undefined || given === '') return false;
  const block = keyBlock(given, scratch);
  return timingSafeEqual(block ?? scratch.fill(0), expected) && block !== null;
}

export interface KeyOptions {
  /**
   * Also take the key as the password of HTTP Basic auth (any user name), and ask for it with this realm on a
   * refusal: a browser cannot add X-API-Key to a page it navigates to, but it prompts for Basic credentials and
   * then sends them with every same-origin request below that path.
   */
  readonly basicRealm?: string;
}

/** The key a request carries: X-API-Key, else (when Basic is allowed) the password of its Basic credentials. */
function givenKey(request: FastifyRequest, basic: boolean): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string') return header;
  const authorization = request.headers.authorization;
  if (!basic || typeof authorization !== 'string' || !/^basic /i.test(authorization)) return undefined;
  const credentials = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
  const colon = credentials.indexOf(':');
  return colon < 0 ? undefined : credentials.slice(colon + 1);
}

/**
 * What an answer given for a key may be kept as: by the caller only (the key travels in X-API-Key, not
 * Authorization, so HTTP caches do not know the answer depends on it and a shared cache could hand it to anyone
 * asking the same URL), and revalidated before each reuse (the bulk routes answer a matching ETag with 304).
 */
export const KEYED_CACHE_CONTROL = 'private, no-cache';

/**
 * An onRequest hook answering 401 unless the request carries `key` (see givenKey); with no key configured, lets
 * all through. An accepted request's answer is marked KEYED_CACHE_CONTROL. A refusal is counted against the
 * client's address (plugins/security.ts), which turns into 429 when it keeps guessing.
 */
export function requireApiKey(key: string | undefined, options: KeyOptions = {}): onRequestHookHandler {
  if (key === undefined) return (_request, _reply, done) => done();
  const expected = keyBlock(key);
  if (!expected) throw new Error(`an API key may be at most ${MAX_KEY_BYTES} bytes long`);
  const { basicRealm } = options;
  const challenge = basicRealm === undefined ? undefined : `Basic realm="${basicRealm}", charset="UTF-8"`;
  return function checkKey(request, reply, done) {
    if (keyMatches(givenKey(request, challenge !== undefined), expected)) {
      void reply.header('cache-control', KEYED_CACHE_CONTROL);
      return done();
    }
    if (challenge) void reply.header('www-authenticate', challenge);
    if (this.keyRefused === undefined) return done(apiError('UNAUTHORIZED'));
    this.keyRefused(request, reply).then(done, done);
  };
}
