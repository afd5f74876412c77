import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvFormatError, isBlankRecord, parseCsv } from '../../../../src/ingest/football-data/csv.ts';

describe('parseCsv', () => {
  it('reads LF and CRLF records with their starting line numbers', () => {
    expect(parseCsv('a,b\r\n1,2\r\n3,4')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: ['3', '4'] },
    ]);
    expect(parseCsv('a,b\n1,2\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
    ]);
  });

  it('keeps quoted commas, doubled quotes and quoted newlines, counting lines past them', () => {
    const records = parseCsv('h1,h2,h3\nE0,"Wiley, A. G.",x\n"multi\nline","say ""hi""",z\nlast,,');
    expect(records[1]).toEqual({ line: 2, fields: ['E0', 'Wiley, A. G.', 'x'] });
    expect(records[2]).toEqual({ line: 3, fields: ['multi\nline', 'say "hi"', 'z'] });
    expect(records[3]).toEqual({ line: 5, fields: ['last', '', ''] });
  });

  it('accepts ragged rows and comma-only rows', () => {
    const records = parseCsv('a,b,c\n1\n1,2,3,4,5\n,,,,\n\n');
    expect(records.map((r) => r.fields.length)).toEqual([3, 1, 5, 5, 1]);
    expect(records.map((r) => isBlankRecord(r.fields))).toEqual([false, false, false, true, true]);
  });

  it('rejects an unterminated quote, naming where it opened', () => {
    expect(() => parseCsv('a,b\n1,"open\n')).toThrow(CsvFormatError);
    expect(() => parseCsv('a,b\n1,"open\n')).toThrow(/line 2/);
  });

  it('keeps a stray quote inside a field as text', () => {
    expect(parseCsv('a,b\nSt "Mirren",2\n')[1]).toEqual({ line: 2, fields: ['St "Mirren"', '2'] });
  });
});

describe('parseCsv against csv-parse, its specification', () => {
  // Line breaks inside a quoted field as LF only: csv-parse counts a quoted CRLF as two lines.
  const field = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', 'é', '1') });
  const quoted = (f: string) =>
    /[",\r\n]/.test(f) || f.startsWith(' ') ? `"${f.replaceAll('"', '""')}"` : f;
  const file = fc.record({
    rows: fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
    eol: fc.constantFrom('\n', '\r\n'),
    trailing: fc.boolean(),
  });

  it('reads the same records, starting on the same lines', () => {
    fc.assert(
      fc.property(file, ({ rows, eol, trailing }) => {
        const text = rows.map((r) => r.map(quoted).join(',')).join(eol) + (trailing ? eol : '');
        const reference = parse(text, {
          relax_column_count: true,
          info: true,
          skip_empty_lines: false,
        }) as unknown as {
          record: string[];
          info: { lines: number };
        }[];
        let next = 1;
        const expected = reference.map(({ record, info }) => {
          const line = next;
          next = info.lines + 1;
          return { line, fields: record };
        });
        expect(parseCsv(text)).toEqual(expected);
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
