/**
 * Command-line tools the deploy tests run (kubectl, promtool), found the way .ci/run installs them: on PATH,
 * else in ~/.cache/matchcast/bin. Outside CI a missing tool skips its tests with a loud message; under
 * CI=true it fails the run, since CI installs every one of them.
 */
import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { IN_CI } from './services.ts';

export const TOOL_CACHE = join(homedir(), '.cache', 'matchcast', 'bin');

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The tool's path, or undefined (after a loud warning) when it is missing outside CI. */
export function requireTool(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), TOOL_CACHE];
  const found = dirs.map((dir) => join(dir, name)).find(executable);
  if (found) return found;
  const message = `${name} is neither on PATH nor in ${TOOL_CACHE} (.ci/run installs it)`;
  if (IN_CI) throw new Error(`${message}: the deploy tests must run in CI`);
  console.warn(`\n!!!!!!!!!! SKIPPING ${name} TESTS: ${message} !!!!!!!!!!\n`);
  return undefined;
}
