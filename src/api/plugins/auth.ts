/**
 * X-API-Key checks. A key is compared as a fixed-size block (its UTF-8 bytes, zero-padded, with the length in
 * the last two bytes) through `timingSafeEqual`: every comparison takes the same time whatever the input, so
 * neither where a guess goes wrong nor how long it is shows. (Hashing both sides would do the same at several
 * times the cost, a noticeable share of a 40 µs precomputed lookup.)
 */
import { timingSafeEqual } from 'node:crypto';
import type { onRequestHookHandler } from 'fastify';
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

/**
 * An onRequest hook answering 401 unless X-API-Key equals `key`; with no key configured, lets all through.
 * A refusal is counted against the client's address (plugins/security.ts), which turns into 429 when it keeps
 * guessing.
 */
export function requireApiKey(key: string | undefined): onRequestHookHandler {
  if (key === undefined) return (_request, _reply, done) => done();
  const expected = keyBlock(key);
  if (!expected) throw new Error(`an API key may be at most ${MAX_KEY_BYTES} bytes long`);
  return function checkKey(request, reply, done) {
    const header = request.headers['x-api-key'];
    if (keyMatches(typeof header === 'string' ? header : undefined, expected)) return done();
    if (this.keyRefused === undefined) return done(apiError('UNAUTHORIZED'));
    this.keyRefused(request, reply).then(done, done);
  };
}
