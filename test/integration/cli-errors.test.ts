/**
 * A newcomer's first ten minutes: each expected failure prints one line naming the problem and what to do,
 * exits non-zero, and shows a stack trace only with LOG_LEVEL=debug.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/child-process.ts';

const STACK_LINE = /^\s+at /m;

function expectOneLine(result: { code: number; stderr: string }, pattern: RegExp): void {
  expect(result.code, result.stderr).not.toBe(0);
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(STACK_LINE);
}

describe('matchcast on expected failures', () => {
  let dataDir: string;
  let emptyDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'matchcast-cli-'));
    emptyDir = mkdtempSync(join(tmpdir(), 'matchcast-empty-'));
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(emptyDir, { recursive: true, force: true });
  });

  it('refuses to read a data folder that holds no Matchcast data, and leaves it as it was', async () => {
    const nowhere = join(emptyDir, 'not-a-data-dir');
    mkdirSync(nowhere);
    for (const command of [['models', 'list'], ['pipeline', 'status'], ['verify-track-record']])
      expectOneLine(
        await runCli(command, { DATA_DIR: nowhere }),
        /^matchcast: no Matchcast data in .*not-a-data-dir .*: run `npm start` or `matchcast up` there first, or set DATA_DIR$/,
      );
    expect(existsSync(join(nowhere, 'db'))).toBe(false);
  });

  it('names a DATA_DIR that is a file, before any command works on it', async () => {
    const file = join(emptyDir, 'a-file');
    writeFileSync(file, '');
    const result = await runCli(['models', 'list'], { DATA_DIR: file });
    expectOneLine(result, /^matchcast: configuration error: DATA_DIR=.*a-file is a file: expected a folder/);
    expect(result.code).toBe(2);
  });

  it('names a missing import folder', async () => {
    const result = await runCli(['import', 'football-data', join(emptyDir, 'missing')], {
      DATA_DIR: dataDir,
    });
    expectOneLine(result, /^matchcast: .*missing/);
  });

  it('names a missing or CSV-less `up` folder before preparing anything', async () => {
    const fresh = join(dataDir, 'up-never-prepared');
    for (const [path, pattern] of [
      [join(emptyDir, 'missing'), /^matchcast: .*missing: no such file or folder/],
      [emptyDir, /^matchcast: no \.csv files in /],
    ] as const) {
      expectOneLine(await runCli(['up', '--data', path], { DATA_DIR: fresh }), pattern);
      expect(existsSync(fresh)).toBe(false);
    }
  });

  it('exits non-zero when a file was rejected, after saying what was and was not imported', async () => {
    const folder = join(emptyDir, 'bad');
    mkdirSync(folder);
    writeFileSync(
      join(folder, 'E0.csv'),
      'Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR\nE0,08/08/15,"Chelsea,Swansea,2,2,D\n',
    );
    const result = await runCli(['import', 'football-data', folder], { DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/E0\.csv:2 \[HomeTeam\]: a quote opened on line 2 is never closed/);
    expect(result.stderr).toMatch(/^matchcast: 1 file rejected, nothing imported from it/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it('says an evaluate window holds no data, in one line', async () => {
    const nothing = join(emptyDir, 'nothing');
    mkdirSync(nothing);
    const result = await runCli(['evaluate', '--data', nothing], { DATA_DIR: dataDir });
    expectOneLine(result, /^matchcast: .*(no |empty)/i);
  });

  it('names an unreachable PostgreSQL or Redis, password masked', async () => {
    const db = await runCli(['migrate'], { DATABASE_URL: 'postgres://u:secret@127.0.0.1:1/db' });
    expectOneLine(
      db,
      /^matchcast: cannot reach PostgreSQL at postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/db .*DATABASE_URL/,
    );
    const redis = await runCli(['worker'], {
      DATA_DIR: dataDir,
      REDIS_URL: 'redis://127.0.0.1:1',
      API_KEY: 'abcdefghijk',
    });
    expectOneLine(redis, /^matchcast: cannot reach Redis at redis:\/\/127\.0\.0\.1:1 .*REDIS_URL/);
  }, 60_000);

  it('adds the stack trace with LOG_LEVEL=debug', async () => {
    const result = await runCli(['import', 'football-data', join(emptyDir, 'missing')], {
      DATA_DIR: dataDir,
      LOG_LEVEL: 'debug',
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(STACK_LINE);
  });

  it.each(['yesterday', '2024-02-30'])('rejects a bad option value (%s) naming the option', async (value) => {
    const result = await runCli(['evaluate', '--test-from', value]);
    expectOneLine(
      result,
      /^matchcast: evaluate: .*--test-from.*calendar date.*; see `matchcast evaluate --help`$/,
    );
    expect(result.code).toBe(2);
  });

  it('says a command line it cannot parse in one line, exit 2, with the stack trace only at LOG_LEVEL=debug', async () => {
    const result = await runCli(['evaluate', '--bogus']);
    expectOneLine(result, /^matchcast: evaluate: unknown option '--bogus'; see `matchcast evaluate --help`$/);
    expect(result.code).toBe(2);
    const debug = await runCli(['evaluate', '--bogus'], { LOG_LEVEL: 'debug' });
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(STACK_LINE);
  });

  it("refuses the program's own --version after a sub-command instead of printing the version", async () => {
    const result = await runCli([
      'models',
      'promote',
      '--version',
      '3',
      '--alias',
      'champion',
      '--reason',
      'x',
    ]);
    expectOneLine(
      result,
      /^matchcast: models promote: unknown option '--version'.*; see `matchcast models promote --help`$/,
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    // A command's own options still follow its sub-command.
    const queue = await runCli(['queue', 'list', '--prefix', 'p'], { REDIS_URL: '' });
    expect(queue.stderr).toMatch(/^matchcast: the queue commands need REDIS_URL/);
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('refuses an evaluate window that ends before it starts, in one line', async () => {
    const result = await runCli(['evaluate', '--test-from', '2025-01-01', '--test-to', '2024-01-01']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'matchcast: evaluate: --test-to is not after --test-from: the test window is empty',
    );
  });

  describe('a busy port', () => {
    let server: Server;
    let port: number;
    beforeAll(async () => {
      server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('stops a second `matchcast start` at once, before any work', async () => {
      const result = await runCli(['start'], { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });
      expectOneLine(result, new RegExp(`^matchcast: port ${port} on 127.0.0.1 is in use`));
    });

    it('stops `matchcast api` at once too, naming the port and what to do, before any work', async () => {
      const result = await runCli(['api'], {
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        INFERENCE_MODE: 'inline',
      });
      expectOneLine(result, new RegExp(`^matchcast: port ${port} on 127.0.0.1 is in use.*PORT`));
      // Nothing was done first: no key printed, no worker started, no record graded.
      expect(result.stdout).toBe('');
    }, 60_000);
  });
});
