/**
 * Turns any error a command ends with into the one line a user reads, and the exit status. Expected failures
 * (a missing file, a busy port, a server that does not answer, a bad setting) say what happened and what to
 * do; anything else says where to find the stack trace.
 */
import { ConfigError } from '../config/config.ts';
import { ExpectedError } from '../domain/expected-error.ts';
import { UsageError } from './usage-error.ts';

export interface DescribedError {
  readonly message: string;
  readonly exitCode: number;
}

interface SystemError extends Error {
  readonly code?: string;
  readonly path?: string;
  readonly address?: string;
  readonly port?: number;
}

const SERVICES: Readonly<Record<number, string>> = {
  5432: 'PostgreSQL (check DATABASE_URL)',
  6379: 'Redis (check REDIS_URL)',
};

function systemMessage(e: SystemError): string | null {
  const where = e.path ?? '';
  switch (e.code) {
    case 'ENOENT':
      return where ? `${where}: no such file or folder` : null;
    case 'ENOTDIR':
      return where ? `${where}: not a folder` : null;
    case 'EISDIR':
      return where ? `${where}: is a folder, expected a file` : null;
    case 'EACCES':
    case 'EPERM':
      return `${where || e.message}: permission denied (check the owner and mode of the file or folder)`;
    case 'EROFS':
      return `${where}: the file system is read-only`;
    case 'ENOSPC':
      return `${where ? `${where}: ` : ''}no space left on the device`;
    case 'EADDRINUSE':
      return `port ${e.port} on ${e.address} is in use: stop the process holding it (another matchcast?) or set PORT`;
    case 'ECONNREFUSED':
    case 'EHOSTUNREACH':
    case 'ETIMEDOUT': {
      const service = e.port === undefined ? undefined : SERVICES[e.port];
      const target = `${e.address ?? 'the server'}:${e.port ?? '?'}`;
      return `cannot connect to ${service ? `${service} at ` : ''}${target}: is it running and reachable?`;
    }
    // PostgreSQL's own refusals of the connection (SQLSTATE): the fix is in DATABASE_URL or on the server.
    case '3D000':
      return `${e.message}: check the database name in DATABASE_URL, or create it (createdb)`;
    case '28P01':
    case '28000':
      return `${e.message}: check the user and password in DATABASE_URL`;
    default:
      return null;
  }
}

/** The first system error inside `error` (pg and ioredis wrap connection failures in AggregateError). */
function systemErrorOf(error: unknown): SystemError | null {
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      const found = systemErrorOf(inner);
      if (found) return found;
    }
  }
  if (error instanceof Error && typeof (error as SystemError).code === 'string') return error as SystemError;
  return null;
}

export function describeError(error: unknown): DescribedError {
  if (error instanceof ConfigError) return { message: `configuration error: ${error.message}`, exitCode: 2 };
  if (error instanceof UsageError) return { message: error.message, exitCode: 2 };
  const system = systemErrorOf(error);
  const known = system ? systemMessage(system) : null;
  if (known) return { message: known, exitCode: 1 };
  if (error instanceof ExpectedError) return { message: error.message, exitCode: 1 };
  const text = error instanceof Error ? error.message || error.name : String(error);
  return { message: `${text.split('\n')[0]} (LOG_LEVEL=debug shows the stack trace)`, exitCode: 1 };
}
