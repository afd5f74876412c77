import { describe, expect, it } from 'vitest';
import { detectLayout } from '../../../../src/ingest/football-data/layout.ts';

const MAIN =
  'Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,HS,AS,HST,AST,HC,AC,B365H,B365D,B365A,B365>2.5,B365<2.5';
/** The shortest header of the six FootyStats-derived files (USA_NWSL_all.csv). */
const FOOTYSTATS =
  'Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,B365H,B365D,B365A,B365>2.5,B365<2.5,HST,AST,HomeXG,AwayXG';
const NEW = 'Country,League,Season,Date,Time,Home,Away,HG,AG,Res,PSCH,PSCD,PSCA,AvgCH,AvgCD,AvgCA';

const detect = (header: string) => detectLayout(header.split(','));
const formatOf = (header: string) => {
  const layout = detect(header);
  return typeof layout === 'string' ? layout : layout.format;
};

describe('detectLayout', () => {
  it('recognises each layout by its own columns', () => {
    expect(formatOf(MAIN)).toBe('main');
    expect(formatOf(`\ufeff${MAIN}`)).toBe('main');
    expect(formatOf(FOOTYSTATS)).toBe('footystats');
    expect(formatOf(NEW)).toBe('new');
  });

  it("reads a FootyStats file's B365 columns as FootyStats prices and a main file's as Bet365's", () => {
    const bookmakers = (header: string) => {
      const layout = detect(header);
      return typeof layout === 'string' ? layout : layout.odds.map((o) => o.bookmaker);
    };
    expect(bookmakers(FOOTYSTATS)).toEqual(['footystats']);
    expect(bookmakers(MAIN)).toEqual(['b365']);
  });

  // A main-league file whose Div is renamed, removed, or garbled (a UTF-8 BOM read as Windows-1252) was read as
  // FootyStats: a women's region, kick-offs four hours off, its Bet365 prices stored as FootyStats'.
  it.each([
    ['renamed', MAIN.replace('Div', 'Division')],
    ['removed', MAIN.replace('Div,', '')],
    ['garbled by a misread BOM', `ï»¿${MAIN}`],
  ])('rejects a main-league header whose Div is %s, naming what is missing', (_, header) => {
    expect(detect(header)).toBe('no Div column (and not a FootyStats file: no HomeXG, AwayXG)');
  });

  it('takes no header as FootyStats without both expected-goals columns', () => {
    expect(detect(FOOTYSTATS.replace(',AwayXG', ''))).toBe(
      'no Div column (and not a FootyStats file: no AwayXG)',
    );
  });

  it('names the missing match columns of a header of no layout at all', () => {
    expect(detect('file,kind,season')).toMatch(/^unrecognised header \(no date, home, away/);
  });
});
