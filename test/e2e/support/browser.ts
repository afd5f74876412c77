/**
 * Debian's Chromium driven by playwright-core, headless, with a fresh profile folder, and the flags this
 * machine's closed network needs (no background connections, no QUIC, no component updates). When the
 * browser is missing, the tests are skipped loudly outside CI and fail in CI.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Same rule as test/support/services.ts, without its database and Redis probes. */
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function chromiumPresent(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const message = `Chromium is not installed at ${CHROMIUM_PATH} (apt-get install chromium)`;
  if (IN_CI) throw new Error(`${message}: the browser tests must run in CI`);
  console.warn(`\n!!!!!!!!!! SKIPPING BROWSER TESTS: ${message} !!!!!!!!!!\n`);
  return false;
}

export const chromiumAvailable = chromiumPresent();

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
] as const;

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** `timezoneId` is the zone the page sees as local (UTC unless a test checks local-time display). */
export async function launchBrowser({
  timezoneId = 'UTC',
  httpCredentials,
}: {
  readonly timezoneId?: string;
  /** What the browser answers an HTTP Basic challenge with, as a person would type it into the prompt. */
  readonly httpCredentials?: { readonly username: string; readonly password: string };
} = {}): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'matchcast-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
    viewport: { width: 1440, height: 900 },
    timezoneId,
    locale: 'en-US',
    ...(httpCredentials === undefined ? {} : { httpCredentials }),
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * A new page of the dashboard at `url`, opened at `#fragment` (a view and its query, or '' for the default view)
 * with the API key; its console errors and uncaught exceptions go to `errors`, which a test asserts empty.
 */
export async function openDashboard(
  browser: Browser,
  dashboard: { readonly url: string; readonly apiKey: string },
  fragment: string,
  errors: string[],
): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  const key = `key=${encodeURIComponent(dashboard.apiKey)}`;
  const sep = fragment === '' ? '' : fragment.includes('?') ? '&' : '?';
  await page.goto(`${dashboard.url}/#${fragment}${sep}${key}`);
  return page;
}
