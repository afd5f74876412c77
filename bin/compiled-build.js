// Whether dist/ holds a compiled build of the current sources: `npm run build` stamps dist/.built after tsc
// finishes, and any source file changed since then makes the build stale.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const STAMP = join(ROOT, 'dist', '.built');
export const COMPILED_MAIN = join(ROOT, 'dist', 'cli', 'main.js');

/** Newest modification time of the TypeScript sources the build compiles (the UI has its own build). */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (path !== join(ROOT, 'src', 'ui')) newest = Math.max(newest, newestSource(path));
    } else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export function compiledBuildIsFresh() {
  if (!existsSync(STAMP) || !existsSync(COMPILED_MAIN)) return false;
  return statSync(STAMP).mtimeMs >= newestSource(join(ROOT, 'src'));
}
