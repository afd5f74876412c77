/**
 * A private network of hosts for tests that need a real topology: one network namespace per host, each joined
 * to a bridge in the root namespace by a veth pair, on a /24 of its own. The bridge holds the .1 address, so
 * the test process itself reaches every host; a process runs on a host through `ip netns exec <ns> …` (which
 * execs, so the spawned pid is the process's own). Cutting a host's link (`ip link set … down` on its bridge
 * side) is a real partition: its packets are dropped and its TCP connections go silent until the link is up.
 *
 * Needs root and iproute2. Names carry this process's pid, so parallel runs never collide, and a later run
 * removes what a killed run left behind (names whose pid no longer runs).
 */
import { execFileSync, spawnSync } from 'node:child_process';

export interface NetworkHost {
  readonly name: string;
  /** e.g. 10.213.7.2 */
  readonly address: string;
  /** Command prefix that runs a program on this host: `ip netns exec <ns>` */
  readonly via: readonly string[];
}

export interface PrivateNetwork {
  /** the root namespace's address on the bridge */
  readonly gateway: string;
  host(name: string): NetworkHost;
  /** Drops every packet to and from the host (its link goes down). */
  cut(name: string): void;
  heal(name: string): void;
  /** Kills whatever still runs inside the namespaces, then deletes them and the bridge. Idempotent. */
  close(): void;
}

const NAME_PREFIX = 'mcf';

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function namespaces(): string[] {
  return ip('netns', 'list')
    .split('\n')
    .flatMap((line) => (line.trim() ? [line.trim().split(' ')[0] ?? ''] : []));
}

/** Kills every process inside the namespace (only ours: the name is unique to one run) and deletes it. */
function deleteNamespace(ns: string): void {
  const pids = spawnSync('ip', ['netns', 'pids', ns]).stdout?.toString().split(/\s+/).filter(Boolean) ?? [];
  for (const pid of pids) {
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // already gone
    }
  }
  spawnSync('ip', ['netns', 'del', ns]);
}

/** Removes the namespaces and bridges of earlier runs whose process is gone (a killed test cleans up nothing). */
function sweepLeftovers(): void {
  const pattern = new RegExp(`^${NAME_PREFIX}(\\d+)[a-z]`);
  for (const ns of namespaces()) {
    const pid = Number(pattern.exec(ns)?.[1]);
    if (pid && !alive(pid)) deleteNamespace(ns);
  }
  for (const line of ip('-o', 'link', 'show', 'type', 'bridge').split('\n')) {
    const name = /^\d+: ([^:@]+)/.exec(line)?.[1];
    const pid = Number(name && pattern.exec(name)?.[1]);
    if (name && pid && !alive(pid)) spawnSync('ip', ['link', 'del', name]);
  }
}

/** True when this process may create namespaces, veth pairs and a bridge (root with iproute2). */
export function canCreateNamespaces(): boolean {
  if (process.getuid?.() !== 0 || spawnSync('ip', ['-V']).status !== 0) return false;
  const probe = `${NAME_PREFIX}${process.pid}probe`;
  if (spawnSync('ip', ['netns', 'add', probe]).status !== 0) return false;
  const veth = spawnSync('ip', [
    'netns',
    'exec',
    probe,
    'ip',
    'link',
    'add',
    'p0',
    'type',
    'veth',
    'peer',
    'p1',
  ]);
  spawnSync('ip', ['netns', 'del', probe]);
  return veth.status === 0;
}

/** A /24 in 10.200–249.x no interface here uses yet. */
function freeSubnet(): string {
  const used = ip('-4', '-o', 'addr');
  for (;;) {
    const subnet = `10.${200 + Math.floor(Math.random() * 50)}.${Math.floor(Math.random() * 256)}`;
    if (!used.includes(` ${subnet}.`)) return subnet;
  }
}

let serial = 0;

/** Creates one namespace per host name, all on one bridge. Everything is removed when the process exits. */
export function createPrivateNetwork(hostNames: readonly string[]): PrivateNetwork {
  sweepLeftovers();
  const id = `${NAME_PREFIX}${process.pid}${String.fromCharCode(97 + (serial++ % 26))}`;
  const bridge = `${id}br`;
  const subnet = freeSubnet();
  const hosts = new Map<string, { readonly host: NetworkHost; readonly ns: string; readonly link: string }>();
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    process.off('exit', close);
    for (const { ns } of hosts.values()) deleteNamespace(ns);
    spawnSync('ip', ['link', 'del', bridge]);
  };
  process.on('exit', close);
  try {
    ip('link', 'add', bridge, 'type', 'bridge');
    ip('addr', 'add', `${subnet}.1/24`, 'dev', bridge);
    ip('link', 'set', bridge, 'up');
    hostNames.forEach((name, i) => {
      const ns = `${id}${i}`;
      const link = `${id}v${i}`;
      const address = `${subnet}.${i + 2}`;
      ip('netns', 'add', ns);
      hosts.set(name, { host: { name, address, via: ['ip', 'netns', 'exec', ns] }, ns, link });
      ip('link', 'add', link, 'type', 'veth', 'peer', 'name', `${link}p`);
      ip('link', 'set', `${link}p`, 'netns', ns);
      ip('netns', 'exec', ns, 'ip', 'link', 'set', `${link}p`, 'name', 'eth0');
      ip('netns', 'exec', ns, 'ip', 'addr', 'add', `${address}/24`, 'dev', 'eth0');
      ip('netns', 'exec', ns, 'ip', 'link', 'set', 'eth0', 'up');
      ip('netns', 'exec', ns, 'ip', 'link', 'set', 'lo', 'up');
      ip('link', 'set', link, 'master', bridge, 'up');
    });
  } catch (error) {
    close();
    throw error;
  }
  const find = (name: string) => {
    const host = hosts.get(name);
    if (!host) throw new Error(`no host ${name} on this network`);
    return host;
  };
  return {
    gateway: `${subnet}.1`,
    host: (name) => find(name).host,
    cut: (name) => void ip('link', 'set', find(name).link, 'down'),
    heal: (name) => void ip('link', 'set', find(name).link, 'up'),
    close,
  };
}
