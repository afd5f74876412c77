/**
 * How a match row is laid out for the room the list has (styles.css `.rows-full`, `.rows-compact`,
 * `.rows-wrapped`): every column on one line; the same without the odds (they are in the detail); or four
 * lines (time, region, result / teams, odds / probabilities, pick / the value bet with its figures: on a phone
 * the value's second line took the pick's and the region's room). Chosen by the list's width rather than the
 * window's, since the side column takes a varying share of it. Each layout needs the width given here: its grid
 * columns, gaps and padding in styles.css, plus 16 px for the list's scrollbar.
 */
export const ROW_LAYOUTS = [
  { name: 'full', minWidth: 1000, rowHeight: 40 },
  { name: 'compact', minWidth: 816, rowHeight: 40 },
  { name: 'wrapped', minWidth: 0, rowHeight: 90 },
] as const;

export type RowLayout = (typeof ROW_LAYOUTS)[number];

export function rowLayout(listWidth: number): RowLayout {
  return ROW_LAYOUTS.find((l) => listWidth >= l.minWidth) ?? ROW_LAYOUTS[2];
}
