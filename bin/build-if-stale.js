// Builds the server (tsc → dist/) and the dashboard (vite → src/ui/dist/), each stamped with the hash of the
// sources it was made from (compiled-build.js). `npm start` runs it plain: each part is built only when its
// sources' content changed since it was last built, or it never was. `npm run build` passes --always; the
// tests' global setup passes --server-only (the e2e tests build the dashboard themselves, in production mode).
import { execSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildIsFresh,
  DASHBOARD_BUILD,
  ROOT,
  SERVER_BUILD,
  sourcesHash,
  stampBuild,
} from './compiled-build.js';

const always = process.argv.includes('--always');
const run = (command) => execSync(command, { cwd: ROOT, stdio: 'inherit' });

const server = sourcesHash(SERVER_BUILD);
if (always || !buildIsFresh(SERVER_BUILD, ROOT, server)) {
  process.stdout.write('compiling the server into dist/\n');
  rmSync(join(ROOT, 'dist'), { recursive: true, force: true }); // no compiled file outlives its source
  run('npx tsc -p tsconfig.build.json');
  stampBuild(SERVER_BUILD, server);
}
const serverOnly = process.argv.includes('--server-only');
const dashboard = sourcesHash(DASHBOARD_BUILD);
if (!serverOnly && (always || !buildIsFresh(DASHBOARD_BUILD, ROOT, dashboard))) {
  process.stdout.write('building the dashboard into src/ui/dist/\n');
  // Vite's file-by-file report would push `npm start`'s banner off the screen (`npm run build:ui` prints it).
  run('npm run --silent build:ui -- --logLevel warn');
  stampBuild(DASHBOARD_BUILD, dashboard);
}
