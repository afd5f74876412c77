import { describe, expect, it } from 'vitest';
import type { FileOutcome, SyncSummary } from '../../../../src/ingest/provider/sync.ts';
import { leaguesNotOnProvider, syncFailures } from '../../../../src/ingest/provider/sync-failures.ts';

const summary = (files: [string, string | null, FileOutcome][]): SyncSummary => ({
  files: files.map(([path, league, outcome]) => ({ path, league, outcome, detail: '' })),
  matchesInserted: 0,
  matchesUpdated: 0,
  oddsWritten: 0,
  postponed: 0,
  newTeams: [],
  stale: [],
});

describe('syncFailures (the sync exits 1 when it is not empty)', () => {
  it('is empty when every file was pulled, or only some seasons of a league are not published', () => {
    const s = summary([
      ['mmz4281/2425/E0.csv', 'E0', 'imported'],
      ['mmz4281/2526/E0.csv', 'E0', 'missing'],
      ['new/ARG.csv', 'ARG', 'unchanged'],
      ['fixtures.csv', null, 'missing'],
    ]);
    expect(leaguesNotOnProvider(s)).toEqual([]);
    expect(syncFailures(s)).toEqual([]);
  });

  it('names a league of which the provider had no file at all, once', () => {
    const s = summary([
      ['mmz4281/2425/XX9.csv', 'XX9', 'missing'],
      ['mmz4281/2526/XX9.csv', 'XX9', 'missing'],
      ['new/YY8.csv', 'YY8', 'missing'],
      ['mmz4281/2526/E0.csv', 'E0', 'final'],
    ]);
    expect(leaguesNotOnProvider(s)).toEqual(['XX9', 'YY8']);
    expect(syncFailures(s)).toEqual([
      'leagues XX9, YY8: not one file on the provider (see above); check the code',
    ]);
  });

  it('counts rejected and unreachable files', () => {
    const s = summary([
      ['mmz4281/2425/E0.csv', 'E0', 'rejected'],
      ['mmz4281/2526/E0.csv', 'E0', 'failed'],
      ['fixtures.csv', null, 'failed'],
    ]);
    expect(syncFailures(s)).toEqual([
      '1 provider file(s) rejected, raw bytes kept (see above)',
      '2 provider file(s) could not be pulled (see above); the next sync asks again',
    ]);
  });
});
