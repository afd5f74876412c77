/** The process logger: pino, one JSON line per event (Fastify uses the same instance). */
import { pino } from 'pino';
import type { Config } from './config.ts';

export type Logger = pino.Logger;

export function createLogger(config: Pick<Config, 'logLevel'>, name = 'matchcast'): Logger {
  // Asynchronous writes: lines logged while a write is in flight go out together in the next one, so the API's
  // line per request costs a fraction of a syscall under load instead of one each. pino flushes on exit.
  return pino({ name, level: config.logLevel }, pino.destination({ dest: 1, sync: false }));
}
