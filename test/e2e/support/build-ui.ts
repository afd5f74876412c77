/**
 * Builds the dashboard (vite build through its JS API) when src/ui/dist is missing or older than any source
 * it is made from, so `npm test` works on a fresh clone without a separate build step. Test files run in
 * parallel processes, so the build holds a lock file: the others wait, then find the build fresh.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { open, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { uiViteConfig } from '../../../src/ui/vite.config.ts';

const UI_ROOT = fileURLToPath(new URL('../../../src/ui/', import.meta.url));
const DOMAIN_ROOT = fileURLToPath(new URL('../../../src/domain/', import.meta.url));
const BUILT_INDEX = join(UI_ROOT, 'dist', 'index.html');
const LOCK = join(tmpdir(), 'matchcast-ui-build.lock');
/** A lock older than this belongs to a build that died; it is taken over. */
const STALE_LOCK_MS = 120_000;

function newestMtimeMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtimeMs(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function uiBuildIsStale(): boolean {
  if (!existsSync(BUILT_INDEX)) return true;
  const built = statSync(BUILT_INDEX).mtimeMs;
  return Math.max(newestMtimeMs(UI_ROOT), newestMtimeMs(DOMAIN_ROOT)) > built;
}

async function withLock<T>(work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      const handle = await open(LOCK, 'wx');
      await handle.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const age = await stat(LOCK).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > STALE_LOCK_MS) await unlink(LOCK).catch(() => {});
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await work();
  } finally {
    await unlink(LOCK).catch(() => {});
  }
}

export async function ensureUiBuilt(): Promise<void> {
  if (!uiBuildIsStale()) return;
  await withLock(async () => {
    if (!uiBuildIsStale()) return;
    // Vite and the React plugin pick development JSX and React's development build from NODE_ENV, which
    // vitest sets to "test": the dashboard under test must be the production build users get.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ ...uiViteConfig, mode: 'production', logLevel: 'warn', configFile: false });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  });
}
