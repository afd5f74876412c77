/**
 * A PRIVATE PostgreSQL cluster for tests that stop and restart the database (the shared one on 5432 is never
 * touched): initdb into a temp folder, pg_ctl on a free loopback port, trust auth. PostgreSQL refuses to run
 * as root, so under root the cluster belongs to the `postgres` user (runuser).
 */
import { execFile } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './redis-server.ts';

const run = promisify(execFile);

/** The folder holding initdb and pg_ctl (the newest installed major), or null when PostgreSQL is not installed. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const majors = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] ? join(root, majors[0], 'bin') : null;
}

export interface PrivatePostgresOptions {
  /** The address it listens on (default 127.0.0.1). */
  readonly host?: string;
  /** A command prefix the server runs under, e.g. `ip netns exec <ns>` to run it on another host. */
  readonly via?: readonly string[];
}

export interface PrivatePostgres {
  /** postgres://postgres@HOST:PORT/postgres */
  readonly url: string;
  readonly port: number;
  /** `immediate` is a crash (no shutdown checkpoint); `fast` a clean stop. */
  stop(mode?: 'immediate' | 'fast'): Promise<void>;
  start(): Promise<void>;
  /** Stops the cluster and deletes its folder. */
  destroy(): Promise<void>;
}

export async function startPrivatePostgres(options: PrivatePostgresOptions = {}): Promise<PrivatePostgres> {
  const host = options.host ?? '127.0.0.1';
  const via = options.via ?? [];
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql');
  const asRoot = userInfo().uid === 0;
  const dir = mkdtempSync(join(tmpdir(), 'mc-pg-'));
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const as = (tool: string, args: string[]) => {
    const command = [
      ...via,
      ...(asRoot ? ['runuser', '-u', 'postgres', '--'] : []),
      join(bin, tool),
      ...args,
    ];
    return run(command[0] as string, command.slice(1));
  };
  const data = join(dir, 'data');
  const port = await freePort();
  await as('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  // initdb trusts loopback only; off loopback, trust the server's own subnet (a private test network).
  if (host !== '127.0.0.1') appendFileSync(join(data, 'pg_hba.conf'), 'host all all samenet trust\n');
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=${host} -c fsync=off -c max_connections=100`;
  const start = async () => {
    await as('pg_ctl', ['-D', data, '-o', serverOptions, '-l', join(dir, 'log'), '-w', 'start']);
  };
  const stop = async (mode: 'immediate' | 'fast' = 'fast') => {
    await as('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']).catch(() => {});
  };
  await start();
  return {
    url: `postgres://postgres@${host}:${port}/postgres`,
    port,
    stop,
    start,
    async destroy() {
      await stop('immediate');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
