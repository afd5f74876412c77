// Whether dist/ holds a compiled build of the current sources: `npm run build` stamps dist/.built after tsc
// finishes, and any source file changed since then makes the build stale.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const STAMP = join(ROOT, 'dist', '.built');
export const COMPILED_MAIN = join(ROOT, 'dist', 'cli', 'main.js');

const UI_DIR = join(ROOT, 'src', 'ui');
export const UI_INDEX = join(UI_DIR, 'dist', 'index.html');

/** Newest modification time of the files under `dir` that `wanted` keeps, skipping the folders in `skip`. */
function newestSource(dir, wanted, skip) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skip.includes(path)) newest = Math.max(newest, newestSource(path, wanted, skip));
    } else if (wanted(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** The server's TypeScript sources: all of src/ but the dashboard, which has its own build. */
export function compiledBuildIsFresh() {
  if (!existsSync(STAMP) || !existsSync(COMPILED_MAIN)) return false;
  const newest = newestSource(join(ROOT, 'src'), (name) => name.endsWith('.ts'), [UI_DIR]);
  return statSync(STAMP).mtimeMs >= newest;
}

/** The dashboard's sources: src/ui (its build output aside) and the domain modules it imports. */
export function dashboardBuildIsFresh() {
  if (!existsSync(UI_INDEX)) return false;
  const any = () => true;
  const newest = Math.max(
    newestSource(UI_DIR, any, [join(UI_DIR, 'dist')]),
    newestSource(join(ROOT, 'src', 'domain'), any, []),
  );
  return statSync(UI_INDEX).mtimeMs >= newest;
}
