/**
 * `npm start`'s build step (bin/build-if-stale.js) on a small copy of the layout: it compiles when the sources'
 * content changed, not when a file was only touched (that cost a whole 11 s tsc run on the real tree).
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = join(import.meta.dirname, '..', '..');
let root: string;

const build = () =>
  execFileSync(process.execPath, [join(root, 'bin', 'build-if-stale.js'), '--server-only'], {
    cwd: root,
    encoding: 'utf8',
  });

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'matchcast-build-if-stale-'));
  mkdirSync(join(root, 'bin'));
  for (const file of ['build-if-stale.js', 'compiled-build.js'])
    copyFileSync(join(REPO, 'bin', file), join(root, 'bin', file));
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'));
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(root, 'tsconfig.json'), '{}\n');
  writeFileSync(
    join(root, 'tsconfig.build.json'),
    JSON.stringify({
      compilerOptions: { module: 'NodeNext', target: 'ES2023', outDir: 'dist', rootDir: 'src', types: [] },
      include: ['src'],
    }),
  );
  mkdirSync(join(root, 'src', 'cli'), { recursive: true });
  writeFileSync(join(root, 'src', 'cli', 'main.ts'), 'export const answer: number = 42;\n');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('build-if-stale', () => {
  it('compiles a new tree, then not after a touch, then again after an edit', () => {
    expect(build()).toMatch(/^compiling the server into dist\//);
    expect(existsSync(join(root, 'dist', 'cli', 'main.js'))).toBe(true);
    expect(build()).toBe('');
    const later = new Date(Date.now() + 3_600_000);
    utimesSync(join(root, 'src', 'cli', 'main.ts'), later, later);
    expect(build()).toBe('');
    writeFileSync(join(root, 'src', 'cli', 'main.ts'), 'export const answer: number = 43;\n');
    expect(build()).toMatch(/^compiling the server into dist\//);
    expect(build()).toBe('');
  }, 120_000);
});
