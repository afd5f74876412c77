/** The process logger: pino, one JSON line per event (Fastify uses the same instance). */
import { pino } from 'pino';
import type { Config } from './config.ts';

export type Logger = pino.Logger;

export function createLogger(config: Pick<Config, 'logLevel'>, name = 'matchcast'): Logger {
  return pino({ name, level: config.logLevel });
}
