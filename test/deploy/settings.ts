/** What the deployment files may set: Matchcast's settings (src/config/config.ts) and the few Node reads itself. */
import { EnvSchema } from '../../src/config/config.ts';

/** Read by Node itself, not by Matchcast's configuration. */
const NODE_SETTINGS = ['TMPDIR'];
const KNOWN = new Set([...Object.keys(EnvSchema.properties), ...NODE_SETTINGS]);

/** The names in `env` no process reads: a misspelt setting would otherwise be ignored without a word. */
export function unknownSettings(env: Readonly<Record<string, string>>): string[] {
  return Object.keys(env).filter((name) => !KNOWN.has(name));
}
