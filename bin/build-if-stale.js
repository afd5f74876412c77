// Builds the server (tsc → dist/, stamped) and the dashboard (vite → src/ui/dist/). `npm start` runs it
// plain: each part is built only when stale (its sources changed since it was last built, or it never was).
// `npm run build` passes --always; the tests' global setup passes --server-only (the e2e tests build the
// dashboard themselves, in production mode).
import { execSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compiledBuildIsFresh, dashboardBuildIsFresh, ROOT, STAMP } from './compiled-build.js';

const always = process.argv.includes('--always');
const run = (command) => execSync(command, { cwd: ROOT, stdio: 'inherit' });

if (always || !compiledBuildIsFresh()) {
  process.stdout.write('compiling the server into dist/\n');
  rmSync(join(ROOT, 'dist'), { recursive: true, force: true }); // no compiled file outlives its source
  run('npx tsc -p tsconfig.build.json');
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}
const serverOnly = process.argv.includes('--server-only');
if (!serverOnly && (always || !dashboardBuildIsFresh())) {
  process.stdout.write('building the dashboard into src/ui/dist/\n');
  run('npm run build:ui');
}
