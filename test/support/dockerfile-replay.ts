/**
 * Replays deploy/Dockerfile without a Docker engine: each stage is a folder, COPY copies from the build context
 * (filtered by .dockerignore) or from an earlier stage's folder, WORKDIR /app is the stage folder, and the few
 * RUN commands the recipe uses are executed for real in that folder. An instruction it does not know fails the
 * replay, so a change to the Dockerfile cannot silently drift from what the test proves.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { basename, join, matchesGlob, relative } from 'node:path';

export interface Instruction {
  readonly op: string;
  readonly args: string;
}

export interface Stage {
  readonly name: string;
  readonly from: string;
  readonly instructions: readonly Instruction[];
}

export interface ParsedDockerfile {
  readonly args: Readonly<Record<string, string>>;
  readonly stages: readonly Stage[];
}

/** Stages and global ARG defaults of a Dockerfile (comments dropped, continuation lines joined). */
export function parseDockerfile(text: string): ParsedDockerfile {
  const lines = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const args: Record<string, string> = {};
  const stages: { name: string; from: string; instructions: Instruction[] }[] = [];
  for (const line of lines) {
    const [, op = '', rest = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const upper = op.toUpperCase();
    if (upper === 'FROM') {
      const [image = '', , name] = rest.split(/\s+/);
      stages.push({ name: name ?? `stage-${stages.length}`, from: image, instructions: [] });
    } else if (upper === 'ARG' && stages.length === 0) {
      const [key = '', value = ''] = rest.split('=', 2);
      args[key] = value;
    } else {
      const stage = stages.at(-1);
      if (!stage) throw new Error(`Dockerfile: ${upper} before the first FROM`);
      stage.instructions.push({ op: upper, args: rest });
    }
  }
  return { args, stages };
}

/** The image a stage starts from, with ARG defaults substituted. */
export function baseImage(file: ParsedDockerfile, stage: Stage): string {
  return stage.from.replace(/\$\{(\w+)\}/g, (_, key: string) => file.args[key] ?? '');
}

export function readDockerIgnore(context: string): string[] {
  return readFileSync(join(context, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** Docker's rule: a path is left out when a pattern matches it or one of its parent folders. */
export function ignored(path: string, patterns: readonly string[]): boolean {
  const parts = path.split('/');
  return parts.some((_, i) => {
    const prefix = parts.slice(0, i + 1).join('/');
    return patterns.some((pattern) => matchesGlob(prefix, pattern));
  });
}

export interface ReplayOptions {
  readonly context: string;
  /** Each stage gets `<root>/<stage name>`. */
  readonly root: string;
  /** Runs one RUN command in a stage folder; return false for a command the replay does not know. */
  readonly run: (command: string, dir: string, stage: Stage) => boolean;
}

/** Replays every stage; returns the folder of the final one (the image's /app). */
export function replayDockerfile(file: ParsedDockerfile, options: ReplayOptions): string {
  const patterns = readDockerIgnore(options.context);
  const dirs = new Map<string, string>();
  let dir = '';
  for (const stage of file.stages) {
    dir = join(options.root, stage.name);
    mkdirSync(dir, { recursive: true });
    dirs.set(stage.name, dir);
    for (const { op, args } of stage.instructions) {
      if (op === 'COPY') copy(args, dir, dirs, options.context, patterns);
      else if (op === 'RUN') {
        if (!options.run(args, dir, stage)) throw new Error(`replay does not know RUN ${args}`);
      } else if (op === 'WORKDIR') {
        if (args !== '/app') throw new Error(`replay expects WORKDIR /app, not ${args}`);
      } else if (!['ENV', 'USER', 'EXPOSE', 'HEALTHCHECK', 'ENTRYPOINT', 'CMD', 'ARG'].includes(op)) {
        throw new Error(`replay does not know ${op}`);
      }
    }
  }
  return dir;
}

function copy(
  args: string,
  dir: string,
  dirs: ReadonlyMap<string, string>,
  context: string,
  patterns: readonly string[],
): void {
  const words = args.split(/\s+/);
  const from = words[0]?.startsWith('--from=') ? words.shift()?.slice('--from='.length) : undefined;
  const dest = words.pop() ?? '';
  const sourceRoot = from === undefined ? context : dirs.get(from);
  if (sourceRoot === undefined) throw new Error(`COPY --from=${from}: no such stage`);
  const target = join(dir, dest);
  const intoFolder = dest.endsWith('/') || words.length > 1;
  for (const source of words) {
    const path = join(sourceRoot, from === undefined ? source : relative('/app', source));
    if (!existsSync(path)) throw new Error(`COPY ${source}: not found`);
    const to = intoFolder ? join(target, basename(source)) : target;
    cpSync(path, to, {
      recursive: true,
      verbatimSymlinks: true,
      filter: (src) => from !== undefined || !ignored(relative(context, src), patterns) || src === context,
    });
  }
}

/** `npm ci` in a folder, from the npm cache when it holds every package (network only for what it lacks). */
export function npmCi(dir: string, flags: readonly string[]): void {
  execFileSync('npm', ['ci', ...flags, '--prefer-offline'], { cwd: dir, stdio: 'pipe' });
}

/** Stands for a full `npm ci`: the checkout's own node_modules, installed from the same lock. */
export function linkNodeModules(context: string, dir: string): void {
  symlinkSync(join(context, 'node_modules'), join(dir, 'node_modules'), 'dir');
}
