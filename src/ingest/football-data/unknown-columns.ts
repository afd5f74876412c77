/**
 * What a file holds that the importer does not know, told once per file instead of passing in silence: price
 * columns of a bookmaker it has no name for (not imported), and a division code it has no name for (imported,
 * under that code). Both are warnings: the matches themselves are imported.
 */
import type { CsvRecord } from './csv.ts';
import type { Layout } from './layout.ts';
import type { SkippedRow } from './parsed-match.ts';
import { divisionSpec, isMainDivision } from './regions.ts';
import { headerName } from './text-positions.ts';

/** What a layout reads of a file's prices, as the warning says it. */
function readPrices(layout: Layout): string {
  if (layout.format === 'footystats') return "this layout's FootyStats prices (B365H/D/A, B365>2.5/<2.5)";
  // The new leagues' history files are read for their closing prices; their fixtures file for pre-match ones.
  if (layout.format === 'new' && !layout.fixtures) return "this layout's closing prices";
  return 'the bookmakers it knows';
}

const OVER = '>2.5';
const UNDER = '<2.5';

/**
 * The 1X2 triples (`XXH`, `XXD`, `XXA`) and over/under 2.5 pairs (`XX>2.5`, `XX<2.5`) of `header` that `layout`
 * does not read, as one warning on the header's line; null when it reads every one. A new bookmaker in
 * football-data's files, or opening prices in a layout that reads closing ones, would otherwise be dropped unsaid.
 */
export function unreadPricesWarning(file: string, header: CsvRecord, layout: Layout): SkippedRow | null {
  const names = header.fields.map(headerName);
  const present = new Set(names);
  const read = new Set(
    [
      ...layout.odds.flatMap((o) => [o.home, o.draw, o.away]),
      ...layout.overUnder.flatMap((o) => [o.over, o.under]),
    ].map((i) => names[i]),
  );
  const unread: string[] = [];
  for (const name of names) {
    if (read.has(name)) continue;
    if (name.length > 1 && name.endsWith('H')) {
      const prefix = name.slice(0, -1);
      const triple = [name, `${prefix}D`, `${prefix}A`];
      if (triple.every((n) => present.has(n) && !read.has(n))) unread.push(triple.join('/'));
    } else if (name.length > OVER.length && name.endsWith(OVER)) {
      const under = `${name.slice(0, -OVER.length)}${UNDER}`;
      if (present.has(under) && !read.has(under)) unread.push(`${name}/${under}`);
    }
  }
  if (unread.length === 0) return null;
  const which = readPrices(layout);
  return {
    file,
    line: header.line,
    kind: 'unread-prices',
    reason: `price columns ${unread.join(', ')} not imported: the importer reads ${which} only (docs/notes/ingest.md, "Odds")`,
  };
}

/**
 * One warning per Div code of `records` not known by name, on the first line holding it, saying where its
 * matches are stored: as a league of the country its letters name (`P2`), or as a region of its own (`X9`).
 */
export function unknownDivisionWarnings(
  file: string,
  layout: Layout,
  records: readonly CsvRecord[],
): SkippedRow[] {
  if (layout.format !== 'main') return [];
  const firstLine = new Map<string, number>();
  for (const record of records) {
    const div = (record.fields[layout.div] ?? '').trim();
    if (!isMainDivision(div) && !firstLine.has(div)) firstLine.set(div, record.line);
  }
  return [...firstLine].map(([div, line]) => {
    const { region } = divisionSpec(div);
    const where =
      region.code === div
        ? `a region and league of their own, both called '${div}'`
        : `a league of ${region.name} called '${div}'`;
    return {
      file,
      line,
      column: 'Div',
      kind: 'unknown-division',
      reason: `division '${div}' is not one the importer knows by name: its matches are stored as ${where}`,
    };
  });
}
