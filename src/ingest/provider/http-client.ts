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

/**
 * The largest body a provider file may have. The largest real one is under 1 MB (a country's every season in one
 * file); past this a mirror is serving something else, and reading it whole (or inflating a compressed one) could
 * exhaust the process's memory.
 */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

export interface HttpOptions {
  readonly timeoutMs: number;
  /** Default MAX_BODY_BYTES (tests lower it). */
  readonly maxBodyBytes?: number;
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
    /** No HTTP answer at all (refused, no route, no name, timed out): this machine's network, or a wrong URL. */
    readonly noAnswer = false,
  ) {
    super(`${url}: ${reason}`);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * fetch never connects to a port the Fetch standard blocks (9, 25, 6000…: its "bad port" list) and fails with
 * the cause "bad port": no network is at fault and no retry can help, so the URL's port is named instead.
 */
function blockedPort(error: unknown, url: string): ProviderUnavailableError | null {
  const cause = (error as { cause?: { message?: string } }).cause;
  if (!(error instanceof TypeError) || cause?.message !== 'bad port') return null;
  return new ProviderUnavailableError(
    url,
    `fetch refuses port ${new URL(url).port}, one the Fetch standard blocks; serve the provider on another port`,
  );
}

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

/** The body of `response`, refused (and its download stopped) once it passes `max` bytes, inflated or not. */
async function readCapped(response: Response, url: string, max: number): Promise<Uint8Array> {
  const tooLarge = (what: string) =>
    new ProviderUnavailableError(
      url,
      `${what}, above the ${max.toLocaleString('en-US')} bytes any provider file needs`,
    );
  const declared = Number(response.headers.get('content-length'));
  if (declared > max) {
    await response.body?.cancel();
    throw tooLarge(`a body of ${declared.toLocaleString('en-US')} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
    size += read.value.byteLength;
    if (size > max) {
      await reader?.cancel();
      throw tooLarge('a longer body');
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks);
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

  type Retry = { readonly retry: string; readonly noAnswer: boolean };
  const attempt = async (url: string, validators: Validators): Promise<FetchResult | Retry> => {
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
        return { retry: `HTTP ${response.status}`, noAnswer: false };
      }
      if (response.status !== 200) {
        await response.body?.cancel();
        throw new ProviderUnavailableError(url, `HTTP ${response.status} ${response.statusText}`.trim());
      }
      // Read under the same timeout signal: a body that trickles in too slowly counts as a timeout.
      const body = await readCapped(response, url, options.maxBodyBytes ?? MAX_BODY_BYTES);
      return {
        status: 'changed',
        body,
        contentType: response.headers.get('content-type') ?? '',
        validators: next,
      };
    } catch (error) {
      const blocked = blockedPort(error, url);
      if (blocked) throw blocked;
      const reason = retryableReason(error);
      if (reason === null) throw error;
      return { retry: reason, noAnswer: true };
    }
  };

  return {
    async get(url, validators) {
      let last: Retry = { retry: '', noAnswer: false };
      for (let i = 0; i <= options.retries; i++) {
        if (i > 0) await sleep(options.backoffMs * 2 ** (i - 1));
        const result = await attempt(url, validators);
        if (!('retry' in result)) return result;
        last = result;
      }
      const tries = options.retries + 1;
      throw new ProviderUnavailableError(
        url,
        `${last.retry} (${tries} ${tries === 1 ? 'try' : 'tries'})`,
        last.noAnswer,
      );
    },
  };
}
