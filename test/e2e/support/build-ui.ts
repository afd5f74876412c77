/**
 * Builds the dashboard (vite build through its JS API) when src/ui/dist is missing or was built from other
 * sources than those there now (the rule of bin/compiled-build.js, shared with `npm start`), so `npm test` works
 * on a fresh clone without a separate build step. Test files run in parallel processes, so the build holds a
 * lock file: the others wait, then find the build fresh.
 */
import { open, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { buildIsFresh, DASHBOARD_BUILD, ROOT, sourcesHash, stampBuild } from '../../../bin/compiled-build.js';
import { uiViteConfig } from '../../../src/ui/vite.config.ts';

const LOCK = join(tmpdir(), 'matchcast-ui-build.lock');
/** A lock older than this belongs to a build that died; it is taken over. */
const STALE_LOCK_MS = 120_000;

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
  if (buildIsFresh(DASHBOARD_BUILD)) return;
  await withLock(async () => {
    const hash = sourcesHash(DASHBOARD_BUILD);
    if (buildIsFresh(DASHBOARD_BUILD, ROOT, hash)) return;
    // Vite and the React plugin pick development JSX and React's development build from NODE_ENV, which
    // vitest sets to "test": the dashboard under test must be the production build users get.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ ...uiViteConfig, mode: 'production', logLevel: 'warn', configFile: false });
      stampBuild(DASHBOARD_BUILD, hash);
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  });
}
