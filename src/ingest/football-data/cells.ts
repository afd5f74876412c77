/**
 * The cells of a row that never cost the row its import: bookmaker prices and the result letter (FTR, Res). A
 * price cell holding no decimal price leaves that bookmaker's price out of the match; a result letter that is
 * not the score's is ignored and the score kept. Each is reported as a `CellWarning`, so a provider's slip is
 * seen (file, line, column) while the match still imports.
 */
import { isValidPrice } from '../../domain/odds.ts';
import { outcomeOf } from '../../domain/outcome.ts';
import type { Layout } from './layout.ts';
import type { ParsedOdds, ParsedOverUnder } from './parsed-match.ts';

/** A cell of an imported row that was not used: the index of its field and why. */
export interface CellWarning {
  readonly column: number;
  readonly kind: 'malformed-cell' | 'result-mismatch';
  readonly reason: string;
}

/**
 * Blank means no price, and so does `NA` (the files' "not available"); so does a field past the end of a short
 * row, which the older files' ragged rows have.
 */
const noPrice = (text: string) => text === '' || text === 'NA';

/**
 * The prices in `columns`, or null when any is missing or malformed (a set is used whole or not at all). Each
 * malformed cell is reported, saying which price it leaves out.
 */
function priceSet(
  fields: readonly string[],
  columns: readonly number[],
  what: string,
  warnings: CellWarning[],
): number[] | null {
  const values: number[] = [];
  for (const column of columns) {
    const text = (fields[column] ?? '').trim();
    if (noPrice(text)) continue;
    const value = Number(text);
    if (isValidPrice(value)) values.push(value);
    else {
      warnings.push({
        column,
        kind: 'malformed-cell',
        reason: `not a price '${text}' (decimal odds are above 1): ${what} left out`,
      });
    }
  }
  return values.length === columns.length ? values : null;
}

export function readOdds(fields: readonly string[], layout: Layout, warnings: CellWarning[]): ParsedOdds[] {
  const found: ParsedOdds[] = [];
  for (const o of layout.odds) {
    const what = `${o.bookmaker}'s ${o.kind} 1X2 price`;
    const p = priceSet(fields, [o.home, o.draw, o.away], what, warnings);
    if (p) found.push({ bookmaker: o.bookmaker, kind: o.kind, home: p[0]!, draw: p[1]!, away: p[2]! });
  }
  return found;
}

export function readOverUnder(
  fields: readonly string[],
  layout: Layout,
  warnings: CellWarning[],
): ParsedOverUnder[] {
  const found: ParsedOverUnder[] = [];
  for (const o of layout.overUnder) {
    const what = `${o.bookmaker}'s ${o.kind} over/under 2.5 price`;
    const p = priceSet(fields, [o.over, o.under], what, warnings);
    if (p) found.push({ bookmaker: o.bookmaker, kind: o.kind, over: p[0]!, under: p[1]! });
  }
  return found;
}

const LETTERS = ['H', 'D', 'A'] as const;

/**
 * Compares the result letter with the score; the score is what is stored, so a letter that is blank, or read
 * without a score (nothing to contradict), says nothing.
 */
export function checkResultLetter(
  fields: readonly string[],
  index: number,
  home: number | null,
  away: number | null,
  warnings: CellWarning[],
): void {
  if (index < 0 || home === null || away === null) return;
  const letter = (fields[index] ?? '').trim();
  const expected = LETTERS[outcomeOf(home, away)];
  if (letter === '' || letter === expected) return;
  const score = `${home}-${away}`;
  if (!(LETTERS as readonly string[]).includes(letter)) {
    warnings.push({
      column: index,
      kind: 'malformed-cell',
      reason: `not a result '${letter}' (H, D or A); the score ${score} is kept`,
    });
    return;
  }
  warnings.push({
    column: index,
    kind: 'result-mismatch',
    reason: `result '${letter}' contradicts the score ${score} (${expected}); the score is kept`,
  });
}
