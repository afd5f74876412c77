import { describe, expect, it } from 'vitest';
import { describeError } from '../../../src/cli/describe-error.ts';
import { ConfigError } from '../../../src/config/config.ts';
import { ExpectedError } from '../../../src/domain/expected-error.ts';

function systemError(fields: Record<string, unknown>): Error {
  return Object.assign(new Error('raw'), fields);
}

describe('describeError', () => {
  it('names the variable of a configuration error and exits 2', () => {
    expect(describeError(new ConfigError('PORT', 'PORT=x is not an integer'))).toEqual({
      message: 'configuration error: PORT=x is not an integer',
      exitCode: 2,
    });
  });

  it('names the path of a missing or unreadable file', () => {
    expect(describeError(systemError({ code: 'ENOENT', path: 'missing/' })).message).toBe(
      'missing/: no such file or folder',
    );
    expect(describeError(systemError({ code: 'EACCES', path: '/var/x' })).message).toMatch(
      /^\/var\/x: permission denied/,
    );
  });

  it('says which port is busy and what to do', () => {
    const { message, exitCode } = describeError(
      systemError({ code: 'EADDRINUSE', address: '127.0.0.1', port: 8000 }),
    );
    expect(message).toBe(
      'port 8000 on 127.0.0.1 is in use: stop the process holding it (another matchcast?) or set PORT',
    );
    expect(exitCode).toBe(1);
  });

  it('names the service behind a refused connection, also inside an AggregateError', () => {
    const refused = new AggregateError(
      [systemError({ code: 'ECONNREFUSED', address: '::1', port: 5432 }), new Error('other')],
      'connect failed',
    );
    expect(describeError(refused).message).toBe(
      'cannot connect to PostgreSQL (check DATABASE_URL) at ::1:5432: is it running and reachable?',
    );
  });

  it("points PostgreSQL's refusals of the connection at DATABASE_URL", () => {
    const missing = Object.assign(new Error('database "nonexistdb" does not exist'), { code: '3D000' });
    expect(describeError(missing)).toEqual({
      message:
        'database "nonexistdb" does not exist: check the database name in DATABASE_URL, or create it (createdb)',
      exitCode: 1,
    });
    const password = Object.assign(new Error('password authentication failed for user "app"'), {
      code: '28P01',
    });
    expect(describeError(password).message).toMatch(/: check the user and password in DATABASE_URL$/);
  });

  it('keeps an unexpected error to its first line and points to the stack trace', () => {
    expect(describeError(new Error('boom\n    at somewhere')).message).toBe(
      'boom (LOG_LEVEL=debug shows the stack trace)',
    );
  });

  it('prints an expected error as it is', () => {
    expect(describeError(new ExpectedError('no matches to evaluate in empty/'))).toEqual({
      message: 'no matches to evaluate in empty/',
      exitCode: 1,
    });
  });
});
