/**
 * Builds the dashboard (vite build through its JS API) when src/ui/dist is missing or older than any source
 * it is made from, so `npm test` works on a fresh clone without a separate build step.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { uiViteConfig } from '../../../src/ui/vite.config.ts';

const UI_ROOT = fileURLToPath(new URL('../../../src/ui/', import.meta.url));
const DOMAIN_ROOT = fileURLToPath(new URL('../../../src/domain/', import.meta.url));
const BUILT_INDEX = join(UI_ROOT, 'dist', 'index.html');

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

export async function ensureUiBuilt(): Promise<void> {
  if (!uiBuildIsStale()) return;
  await build({ ...uiViteConfig, logLevel: 'warn', configFile: false });
}
