/** When a build counts as made from the current sources: by their content, never by modification times. */
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type Build,
  buildIsFresh,
  DASHBOARD_BUILD,
  SERVER_BUILD,
  sourcesHash,
  stampBuild,
} from '../../../bin/compiled-build.js';

let root: string;
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};
const built = (build: Build) => {
  write(build.output, 'built');
  stampBuild(build, sourcesHash(build, root), root);
};
const fresh = (build: Build) => buildIsFresh(build, root);

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'matchcast-build-'));
  write('src/cli/main.ts', 'export {};\n');
  write('src/domain/odds.ts', 'export const margin = 1;\n');
  write('src/ui/app.tsx', 'export {};\n');
  write('tsconfig.json', '{}\n');
  write('tsconfig.build.json', '{}\n');
  write('package-lock.json', '{}\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('buildIsFresh', () => {
  it('is false until the build is made and stamped', () => {
    expect(fresh(SERVER_BUILD)).toBe(false);
    write(SERVER_BUILD.output, 'built, never stamped');
    expect(fresh(SERVER_BUILD)).toBe(false);
    stampBuild(SERVER_BUILD, sourcesHash(SERVER_BUILD, root), root);
    expect(fresh(SERVER_BUILD)).toBe(true);
  });

  it('stays true when a source is touched, and turns false when one is edited', () => {
    built(SERVER_BUILD);
    const later = new Date(Date.now() + 3_600_000);
    utimesSync(join(root, 'src/cli/main.ts'), later, later);
    expect(fresh(SERVER_BUILD)).toBe(true);
    write('src/cli/main.ts', 'export const edited = true;\n');
    expect(fresh(SERVER_BUILD)).toBe(false);
    // The same bytes back (a checkout of the built commit): nothing to build.
    write('src/cli/main.ts', 'export {};\n');
    expect(fresh(SERVER_BUILD)).toBe(true);
  });

  it('turns false when a source is added, removed or renamed, or the compiler settings change', () => {
    built(SERVER_BUILD);
    write('src/cli/extra.ts', 'export {};\n');
    expect(fresh(SERVER_BUILD)).toBe(false);
    unlinkSync(join(root, 'src/cli/extra.ts'));
    expect(fresh(SERVER_BUILD)).toBe(true);
    unlinkSync(join(root, 'src/cli/main.ts'));
    write('src/cli/renamed.ts', 'export {};\n');
    expect(fresh(SERVER_BUILD)).toBe(false);
    built(SERVER_BUILD);
    write('tsconfig.build.json', '{ "compilerOptions": { "target": "ES2020" } }\n');
    expect(fresh(SERVER_BUILD)).toBe(false);
  });

  it('keeps each build to its own sources: the dashboard leaves the server alone, the domain is in both', () => {
    built(SERVER_BUILD);
    built(DASHBOARD_BUILD);
    write('src/ui/app.tsx', 'export const edited = true;\n');
    expect([fresh(SERVER_BUILD), fresh(DASHBOARD_BUILD)]).toEqual([true, false]);
    built(DASHBOARD_BUILD);
    write('package-lock.json', '{ "lockfileVersion": 3 }\n');
    expect([fresh(SERVER_BUILD), fresh(DASHBOARD_BUILD)]).toEqual([true, false]);
    built(DASHBOARD_BUILD);
    write('src/domain/odds.ts', 'export const margin = 2;\n');
    expect([fresh(SERVER_BUILD), fresh(DASHBOARD_BUILD)]).toEqual([false, false]);
    // Its own output does not count as a source of the dashboard.
    built(DASHBOARD_BUILD);
    write('src/ui/dist/assets/index.js', 'rebuilt');
    expect(fresh(DASHBOARD_BUILD)).toBe(true);
  });

  it('takes a build with no sources beside it (the image ships dist/ without src/) as fresh', () => {
    rmSync(join(root, 'src'), { recursive: true });
    expect(sourcesHash(SERVER_BUILD, root)).toBeNull();
    expect(fresh(SERVER_BUILD)).toBe(false);
    write(SERVER_BUILD.output, 'built');
    expect(fresh(SERVER_BUILD)).toBe(true);
  });
});
