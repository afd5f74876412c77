/**
 * What a sync could not bring in that a person must look at, one line per kind: `matchcast sync` and the
 * pipeline's sync stage both exit 1 on it. A file the provider does not have is no failure on its own (a season
 * not yet published); a league none of whose files it has is: most likely a mistyped code.
 */
import type { SyncSummary } from './sync.ts';

/** Leagues asked for of which the provider had no file at all this run. */
export function leaguesNotOnProvider(summary: SyncSummary): string[] {
  const missingOnly = new Map<string, boolean>();
  for (const file of summary.files) {
    if (file.league === null) continue;
    missingOnly.set(file.league, (missingOnly.get(file.league) ?? true) && file.outcome === 'missing');
  }
  return [...missingOnly].filter(([, missing]) => missing).map(([league]) => league);
}

export function syncFailures(summary: SyncSummary): string[] {
  const count = (outcome: string) => summary.files.filter((f) => f.outcome === outcome).length;
  const lines: string[] = [];
  if (count('rejected') > 0)
    lines.push(`${count('rejected')} provider file(s) rejected, raw bytes kept (see above)`);
  if (count('failed') > 0)
    lines.push(
      `${count('failed')} provider file(s) could not be pulled (see above); the next sync asks again`,
    );
  const unknown = leaguesNotOnProvider(summary);
  if (unknown.length > 0)
    lines.push(
      `${unknown.length === 1 ? 'league' : 'leagues'} ${unknown.join(', ')}: not one file on the provider (see above); check the code`,
    );
  return lines;
}
