/**
 * X-API-Key checks. Keys are compared as SHA-256 digests with `timingSafeEqual`: equal lengths whatever the
 * input, so the comparison time says nothing about how much of a guess was right.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { onRequestHookHandler } from 'fastify';
import { apiError } from '../errors.ts';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** True when `given` equals `expected`, in time independent of where they differ. */
export function keyMatches(given: string | undefined, expectedDigest: Buffer): boolean {
  if (given === undefined || given === '') return false;
  return timingSafeEqual(digest(given), expectedDigest);
}

/** An onRequest hook answering 401 unless X-API-Key equals `key`; with no key configured, lets all through. */
export function requireApiKey(key: string | undefined): onRequestHookHandler {
  if (key === undefined) return (_request, _reply, done) => done();
  const expected = digest(key);
  return (request, _reply, done) => {
    const header = request.headers['x-api-key'];
    done(
      keyMatches(typeof header === 'string' ? header : undefined, expected)
        ? undefined
        : apiError('UNAUTHORIZED'),
    );
  };
}
