/**
 * The process logger: pino (Fastify uses the same instance). One JSON line per event for log collectors, or
 * human-readable lines when stdout is a terminal; LOG_FORMAT forces either.
 */
import { createRequire } from 'node:module';
import { pino } from 'pino';
import type { Config } from './config.ts';

export type Logger = pino.Logger;

/** Secrets a log line never carries, wherever a request's headers are logged. */
const redact = {
  paths: ['req.headers["x-api-key"]', 'request.headers["x-api-key"]', 'headers["x-api-key"]'],
  censor: '[redacted]',
};

/** Whether lines are pretty-printed, given the configured format and whether stdout is a terminal. */
export function prettyLogs(format: Config['logFormat'], isTty: boolean): boolean {
  return format === 'pretty' || (format === 'auto' && isTty);
}

/**
 * `fields`: extra fields for every line, computed when it is written (the trace id when tracing is on).
 */
export function createLogger(
  config: Pick<Config, 'logLevel' | 'logFormat'>,
  name = 'matchcast',
  fields?: () => Record<string, unknown>,
): Logger {
  const options = { name, level: config.logLevel, redact, ...(fields ? { mixin: fields } : {}) };
  if (prettyLogs(config.logFormat, process.stdout.isTTY === true)) {
    // Loaded only for a terminal: processes that log JSON never pay for it. One line an event, so a request's
    // fields (eight lines each, spread out) do not bury the start banner and its link.
    const pretty = createRequire(import.meta.url)('pino-pretty') as typeof import('pino-pretty').build;
    return pino(
      options,
      pretty({ sync: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', singleLine: true }),
    );
  }
  // Asynchronous writes: lines logged while a write is in flight go out together in the next one, so the API's
  // line per request costs a fraction of a syscall under load instead of one each. pino flushes on exit.
  return pino(options, pino.destination({ dest: 1, sync: false }));
}
