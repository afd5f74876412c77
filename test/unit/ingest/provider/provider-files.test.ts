import { describe, expect, it } from 'vitest';
import { isStale } from '../../../../src/domain/source-health.ts';
import {
  mergeAliases,
  shippedAliases,
  teamNameResolver,
} from '../../../../src/ingest/football-data/team-aliases.ts';
import { judgeFile, looksLikeHtml } from '../../../../src/ingest/provider/judge-file.ts';
import {
  planProviderFiles,
  seasonCode,
  seasonsToPull,
} from '../../../../src/ingest/provider/provider-files.ts';

const NOW = Date.parse('2026-09-01T12:00:00Z');

describe('planProviderFiles', () => {
  it('names the season files of main divisions, the new-league files and both fixtures files', () => {
    const files = planProviderFiles({ leagues: ['E0', 'ARG'], seasons: 2, fixtures: true, nowMs: NOW });
    expect(files.map((f) => [f.path, f.kind, f.closed])).toEqual([
      ['mmz4281/2526/E0.csv', 'season', true],
      ['mmz4281/2627/E0.csv', 'season', false],
      ['new/ARG.csv', 'league', false],
      ['fixtures.csv', 'fixtures', false],
      ['new_league_fixtures.csv', 'fixtures', false],
    ]);
    expect(files.at(-1)?.sourcePrefixes).toEqual(['football-data|new:ARG|']);
  });

  it('counts seasons back from the current one (July starts a season), or from --from-season', () => {
    expect(seasonsToPull({ seasons: 10, nowMs: NOW })).toHaveLength(10);
    expect(seasonsToPull({ seasons: 10, nowMs: NOW }).at(-1)).toBe('2026-27');
    expect(seasonsToPull({ seasons: 1, nowMs: Date.parse('2026-06-30T12:00:00Z') })).toEqual(['2025-26']);
    expect(seasonsToPull({ seasons: 10, fromSeason: '2024-25', nowMs: NOW })).toEqual([
      '2024-25',
      '2025-26',
      '2026-27',
    ]);
    expect(seasonCode('1999-00')).toBe('9900');
    expect(seasonCode('2016-17')).toBe('1617');
  });
});

describe('looksLikeHtml', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it('spots an HTML page by its type or its first bytes, not a CSV', () => {
    expect(looksLikeHtml(enc('Div,Date\r\n'), 'text/csv')).toBe(false);
    expect(looksLikeHtml(enc('\ufeff  <!DOCTYPE html><html>'), 'application/octet-stream')).toBe(true);
    expect(looksLikeHtml(enc('Div,Date'), 'text/html; charset=utf-8')).toBe(true);
  });
});

describe('judgeFile', () => {
  const season = planProviderFiles({ leagues: ['E0'], seasons: 1, fixtures: false, nowMs: NOW })[0];
  const header = 'Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR';
  const judge = (text: string) =>
    season &&
    judgeFile(season, new TextEncoder().encode(text), 'text/csv', {
      nowMs: NOW,
      teamName: (_region, name) => name,
    });

  it('rejects a body cut off mid-row whole (the next sync pulls it again), and takes it complete', () => {
    expect(judge(`${header}\nE0,08/08/26,Chelsea,Swansea,2,2,D\nE0,09/08/26,Arsenal,Wes`)).toEqual({
      accepted: false,
      reason: 'mmz4281/2627/E0.csv:3 [FTHG]: truncated last row: 4 of 7 fields and no line end',
    });
    expect(judge(`${header}\nE0,08/08/26,Chelsea,Swansea,2,2,D\n`)).toMatchObject({ accepted: true });
  });

  it("reads football-data's Swiss file (new/SWZ.csv) as league SWZ, and refuses a file of another league by name", () => {
    const [swz] = planProviderFiles({ leagues: ['SWZ', 'KOR'], seasons: 1, fixtures: false, nowMs: NOW });
    const text = (country: string) =>
      `Country,League,Season,Date,Time,Home,Away,HG,AG,Res\n${country},Super League,2025/2026,20/07/2025,16:30,Basel,Lugano,2,1,H\n`;
    const judged = (file: typeof swz, body: string) =>
      file &&
      judgeFile(file, new TextEncoder().encode(body), 'text/csv', { nowMs: NOW, teamName: (_r, n) => n });
    // Every row used to be filtered out (Switzerland was coded SUI): 0 matches and a sync that exited 0.
    expect(judged(swz, text('Switzerland'))).toMatchObject({
      accepted: true,
      matches: [{ homeTeam: 'Basel' }],
    });
    const kor = planProviderFiles({ leagues: ['KOR'], seasons: 1, fixtures: false, nowMs: NOW })[0];
    expect(judged(kor, text('South Korea'))).toEqual({
      accepted: false,
      reason:
        'new/KOR.csv: none of its 1 matches is of league KOR (its rows name South Korea / Super League, region SOUTH_KOREA)',
    });
  });
});

describe('team aliases', () => {
  it('ships valid defaults, and params add to them per region', () => {
    const resolve = teamNameResolver(mergeAliases(shippedAliases(), { ENG: { 'Man Utd': 'Man United' } }));
    expect(resolve('ENG', 'Manchester United')).toBe('Man United');
    expect(resolve('ENG', 'Man Utd')).toBe('Man United');
    expect(resolve('ESP', 'Man Utd')).toBe('Man Utd');
    expect(resolve('ESP', 'Atletico Madrid')).toBe('Ath Madrid');
    // A renamed club keeps its history: football-data's SC2 2022-23 file calls Edinburgh City FC Edinburgh.
    expect(resolve('SCO', 'FC Edinburgh')).toBe('Edinburgh City');
  });
});

describe('isStale', () => {
  const state = {
    url: 'u',
    path: 'fixtures.csv',
    etag: null,
    lastModified: null,
    sha256: null,
    rows: null,
    firstAttemptAt: new Date(NOW - 60 * 24 * 3_600_000),
    lastAttemptAt: new Date(NOW),
    lastSuccessAt: new Date(NOW),
    lastChangedAt: new Date(NOW - 49 * 3_600_000),
    failures: 0,
    lastError: null,
    status: 'ok' as const,
    final: false,
    staleAfterHours: 48,
  };
  it('flags a watched file unchanged for longer than allowed, never a finished season', () => {
    expect(isStale(state, NOW)).toBe(true);
    expect(isStale({ ...state, staleAfterHours: 50 }, NOW)).toBe(false);
    expect(isStale({ ...state, final: true }, NOW)).toBe(false);
  });

  it('flags a file never pulled successfully since it was first asked for, however often it was tried since', () => {
    // A season file the provider has answered 404 every hour for a month: it read as fresh at each try.
    const never = { ...state, lastChangedAt: null, lastSuccessAt: null, status: 'missing' as const };
    expect(isStale(never, NOW)).toBe(true);
    expect(isStale({ ...never, firstAttemptAt: new Date(NOW - 3_600_000) }, NOW)).toBe(false);
  });
});
