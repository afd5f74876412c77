/**
 * The one team-name alias table: a name seen in a provider file → the name football-data's results files use,
 * per region, so the same club from two files (a fixtures file, a mirror, a results file) is one team. The
 * shipped defaults live in team-aliases.yaml; params.yaml `sync.team_aliases` adds to them (and wins).
 */
import { readFileSync } from 'node:fs';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { parse } from 'yaml';
import { TEAM_ALIASES_PATH } from '../../config/package-files.ts';
import { ExpectedError } from '../../domain/expected-error.ts';

/** region code → name seen → canonical name. */
export type TeamAliasTable = Readonly<Record<string, Readonly<Record<string, string>>>>;

const TeamAliasesSchema = Type.Record(
  Type.String({ minLength: 1 }),
  Type.Record(Type.String({ minLength: 1 }), Type.String({ minLength: 1 })),
);

/** Resolves names of one region; an unknown name is returned as it is. */
export type TeamNameResolver = (regionCode: string, name: string) => string;

/**
 * A team's name as one text per club: Unicode's composed form (a file saved on macOS writes "ü" as "u" and a
 * combining mark) and single plain spaces (no-break spaces, doubled spaces), so a respelled file finds its teams.
 */
export function teamText(cell: string | undefined): string {
  return (cell ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Resolves by `table`, its names written as teamText writes a file's, so an alias matches however it was typed. */
export function teamNameResolver(table: TeamAliasTable): TeamNameResolver {
  const regions = new Map(
    Object.entries(table).map(([region, names]) => [
      region,
      new Map(Object.entries(names).map(([seen, canonical]) => [teamText(seen), teamText(canonical)])),
    ]),
  );
  return (regionCode, name) => regions.get(regionCode)?.get(name) ?? name;
}

/** The shipped table plus `extra` (params), `extra` winning on the same name. */
export function mergeAliases(base: TeamAliasTable, extra: TeamAliasTable = {}): TeamAliasTable {
  const merged: Record<string, Record<string, string>> = {};
  for (const table of [base, extra]) {
    for (const [region, names] of Object.entries(table)) merged[region] = { ...merged[region], ...names };
  }
  return merged;
}

let shipped: TeamAliasTable | undefined;

/** The shipped defaults (read once); a broken file names itself. */
export function shippedAliases(path: string = TEAM_ALIASES_PATH): TeamAliasTable {
  if (shipped !== undefined && path === TEAM_ALIASES_PATH) return shipped;
  const document: unknown = parse(readFileSync(path, 'utf8')) ?? {};
  if (!Value.Check(TeamAliasesSchema, document)) {
    const first = Value.Errors(TeamAliasesSchema, document)[0];
    throw new ExpectedError(`${path}: ${first?.instancePath || '/'}: ${first?.message ?? 'invalid'}`);
  }
  if (path === TEAM_ALIASES_PATH) shipped = document;
  return document;
}

/** Shipped defaults extended by params.yaml `sync.team_aliases`. */
export function loadTeamAliases(extra?: TeamAliasTable): TeamNameResolver {
  return teamNameResolver(mergeAliases(shippedAliases(), extra));
}
