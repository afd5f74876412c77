/** A tmpfs mounted for one test (read-only, or tiny to fill up): where this process may mount, else null. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Tmpfs {
  readonly dir: string;
  unmount(): void;
}

/** Mounts a tmpfs with `options` on `dir` (default a fresh folder); null where this process may not mount. */
export function tmpfs(options: string, dir = mkdtempSync(join(tmpdir(), 'mc-tmpfs-'))): Tmpfs | null {
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]).status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return {
    dir,
    unmount() {
      spawnSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Whether this process may mount; says so loudly when not (not an error in CI: a container without
 * CAP_SYS_ADMIN cannot mount, which says nothing about the code).
 */
export function canMount(what: string): boolean {
  const probe = tmpfs('size=16k');
  probe?.unmount();
  if (!probe) console.warn(`\n!!!!!!!!!! SKIPPING ${what}: cannot mount a tmpfs !!!!!!!!!!\n`);
  return probe !== null;
}
