// Whether dist/ (the server) and src/ui/dist/ (the dashboard) hold builds of the current sources. Each build is
// stamped with a hash of the files it was made from, so only a change of content makes it stale: a `touch`, or a
// checkout or copy that rewrites modification times, costs no rebuild; a file edited, added or removed does.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const COMPILED_MAIN = join(ROOT, 'dist', 'cli', 'main.js');

/**
 * A build: where its stamp and its main output sit, and which files it is made from (paths relative to the root,
 * `/`-separated). Folders are walked, skipping the folders in `skip`; `wanted` picks their files by name.
 */
export const SERVER_BUILD = {
  stamp: 'dist/.built',
  output: 'dist/cli/main.js',
  folders: ['src'],
  skip: ['src/ui'],
  wanted: (name) => /\.tsx?$/.test(name),
  files: ['tsconfig.json', 'tsconfig.build.json'],
};

// The dashboard imports src/domain, and Vite bundles the packages the lock pins.
export const DASHBOARD_BUILD = {
  stamp: 'src/ui/dist/.built',
  output: 'src/ui/dist/index.html',
  folders: ['src/ui', 'src/domain'],
  skip: ['src/ui/dist', 'src/ui/node_modules'],
  wanted: () => true,
  files: ['package-lock.json'],
};

function filesUnder(root, folder, build, found) {
  for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!build.skip.includes(path)) filesUnder(root, path, build, found);
    } else if (build.wanted(entry.name)) found.push(path);
  }
  return found;
}

/**
 * sha256 over each source file's path, length and bytes, in path order; null when none of them is there (the
 * image ships dist/ without src/: the build is then all there is).
 */
export function sourcesHash(build, root = ROOT) {
  const sources = build.folders
    .filter((folder) => existsSync(join(root, folder)))
    .flatMap((folder) => filesUnder(root, folder, build, []));
  if (sources.length === 0) return null;
  const hash = createHash('sha256');
  for (const path of [...sources, ...build.files.filter((file) => existsSync(join(root, file)))].sort()) {
    const bytes = readFileSync(join(root, path));
    hash.update(`${path}\0${bytes.length}\0`).update(bytes);
  }
  return hash.digest('hex');
}

/** Whether `build` was made from the sources as they are now (`hash`, if the caller has it already). */
export function buildIsFresh(build, root = ROOT, hash = sourcesHash(build, root)) {
  if (!existsSync(join(root, build.output))) return false;
  if (hash === null) return true;
  try {
    return readFileSync(join(root, build.stamp), 'utf8').trim() === hash;
  } catch {
    return false; // never stamped: built by hand, or the build stopped before its end
  }
}

/** Records that `build`'s output was made from sources hashing to `hash`; called once the build finished. */
export function stampBuild(build, hash, root = ROOT) {
  writeFileSync(join(root, build.stamp), `${hash ?? ''}\n`);
}

export function compiledBuildIsFresh() {
  return buildIsFresh(SERVER_BUILD);
}
