/**
 * Conditional GETs against the provider with Node's fetch (undici): ETag / Last-Modified validators, a timeout
 * covering the whole body, retries with exponential backoff on timeouts, network errors and 5xx, a polite
 * least interval between requests, and a User-Agent naming Matchcast and its version.
 */
import { PACKAGE_VERSION } from '../../config/package-files.ts';
import type { Clock } from '../../domain/clock.ts';
import { ExpectedError } from '../../domain/expected-error.ts';

export const USER_AGENT = `matchcast/${PACKAGE_VERSION} (football forecasts; provider sync)`;

export interface Validators {
  readonly etag: string | null;
  readonly lastModified: string | null;
}

export type FetchResult =
  | {
      readonly status: 'changed';
      readonly body: Uint8Array;
      readonly contentType: string;
      readonly validators: Validators;
    }
  | { readonly status: 'not-modified'; readonly validators: Validators }
  | { readonly status: 'missing'; readonly httpStatus: number };

export interface HttpOptions {
  readonly timeoutMs: number;
  readonly retries: number;
  readonly backoffMs: number;
  readonly minIntervalMs: number;
  readonly clock: Clock;
}

/** The provider did not answer usably after every retry (or refused outright): the sync run fails. */
export class ProviderUnavailableError extends ExpectedError {
  override readonly name = 'ProviderUnavailableError';
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`${url}: ${reason}`);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Why an attempt failed, or null when the error is not worth a retry. */
function retryableReason(error: unknown): string | null {
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') return 'timed out';
  if (error instanceof TypeError) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return `network error (${cause?.code ?? cause?.message ?? error.message})`;
  }
  return null;
}

export interface ProviderClient {
  get(url: string, validators: Validators): Promise<FetchResult>;
}

export function createProviderClient(options: HttpOptions): ProviderClient {
  let lastRequestMs: number | undefined;
  const pace = async () => {
    if (lastRequestMs !== undefined) {
      const wait = lastRequestMs + options.minIntervalMs - options.clock.nowMs();
      if (wait > 0) await sleep(Math.min(wait, options.minIntervalMs));
    }
    lastRequestMs = options.clock.nowMs();
  };

  const attempt = async (url: string, validators: Validators): Promise<FetchResult | { retry: string }> => {
    await pace();
    const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: 'text/csv, */*;q=0.5' };
    if (validators.etag) headers['if-none-match'] = validators.etag;
    if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
    try {
      const response = await fetch(url, { headers, signal: AbortSignal.timeout(options.timeoutMs) });
      const next: Validators = {
        etag: response.headers.get('etag') ?? validators.etag,
        lastModified: response.headers.get('last-modified') ?? validators.lastModified,
      };
      if (response.status === 304) {
        await response.body?.cancel();
        return { status: 'not-modified', validators: next };
      }
      if (response.status === 404 || response.status === 410) {
        await response.body?.cancel();
        return { status: 'missing', httpStatus: response.status };
      }
      if (response.status >= 500) {
        await response.body?.cancel();
        return { retry: `HTTP ${response.status}` };
      }
      if (response.status !== 200) {
        await response.body?.cancel();
        throw new ProviderUnavailableError(url, `HTTP ${response.status} ${response.statusText}`.trim());
      }
      // Read under the same timeout signal: a body that trickles in too slowly counts as a timeout.
      const body = new Uint8Array(await response.arrayBuffer());
      return {
        status: 'changed',
        body,
        contentType: response.headers.get('content-type') ?? '',
        validators: next,
      };
    } catch (error) {
      const reason = retryableReason(error);
      if (reason === null) throw error;
      return { retry: reason };
    }
  };

  return {
    async get(url, validators) {
      let reason = '';
      for (let i = 0; i <= options.retries; i++) {
        if (i > 0) await sleep(options.backoffMs * 2 ** (i - 1));
        const result = await attempt(url, validators);
        if (!('retry' in result)) return result;
        reason = result.retry;
      }
      const tries = options.retries + 1;
      throw new ProviderUnavailableError(url, `${reason} (${tries} ${tries === 1 ? 'try' : 'tries'})`);
    },
  };
}
