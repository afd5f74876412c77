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

  it('drops a byte-order mark before the first header name', () => {
    expect(parseCsv('\ufeffDiv,Date\r\nE0,15/08/2025\r\n')[0]).toEqual({ line: 1, fields: ['Div', 'Date'] });
  });

  it('keeps quoted commas, doubled quotes and quoted newlines, counting lines past them', () => {
    const records = parseCsv('h1,h2,h3\nE0,"Wiley, A. G.",x\n"multi\nline","say ""hi""",z\nlast,,');
    expect(records[1]).toEqual({ line: 2, fields: ['E0', 'Wiley, A. G.', 'x'] });
    expect(records[2]).toEqual({ line: 3, fields: ['multi\nline', 'say "hi"', 'z'] });
    expect(records[3]).toEqual({ line: 5, fields: ['last', '', ''] });
  });

  it('accepts ragged rows and comma-only rows, and skips empty lines without losing the count', () => {
    const records = parseCsv('a,b,c\n1\n\n1,2,3,4,5\n,,,,\n\n\r\n9,9,9\n');
    expect(records.map((r) => r.fields.length)).toEqual([3, 1, 5, 5, 3]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 4, 5, 8]);
    expect(records.map((r) => isBlankRecord(r.fields))).toEqual([false, false, false, true, false]);
  });

  it('keeps a last row without a line end, short or not (the importer decides what a short one means)', () => {
    expect(parseCsv('a,b,c\n1,2,3\n4,5').at(-1)).toEqual({ line: 3, fields: ['4', '5'] });
  });

  it('rejects an unterminated quote, naming the line it opened on and its column', () => {
    const text = 'a,b\n1,2\n\n3,"open\nmore\n';
    expect(() => parseCsv(text)).toThrow(CsvFormatError);
    try {
      parseCsv(text);
    } catch (error) {
      expect(error).toMatchObject({
        line: 4,
        column: 2,
        message: 'a quote opened on line 4 is never closed',
      });
    }
  });

  it('keeps a stray quote inside a field as text', () => {
    expect(parseCsv('a,b\nSt "Mirren",2\n')[1]).toEqual({ line: 2, fields: ['St "Mirren"', '2'] });
  });
});

describe('parseCsv on generated files', () => {
  // Line breaks inside a quoted field as LF only: csv-parse counts a quoted CRLF as two lines.
  const field = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', 'é', '1') });
  const quoted = (f: string) =>
    /[",\r\n]/.test(f) || f.startsWith(' ') || f === '' ? `"${f.replaceAll('"', '""')}"` : f;
  const file = fc.record({
    rows: fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
    blankLinesBefore: fc.array(fc.nat(2), { minLength: 8, maxLength: 8 }),
    eol: fc.constantFrom('\n', '\r\n'),
    trailing: fc.boolean(),
  });

  it('gives back every row, ragged or not, starting on the line it was written on', () => {
    fc.assert(
      fc.property(file, ({ rows, blankLinesBefore, eol, trailing }) => {
        let text = '';
        let line = 1;
        const expected: { line: number; fields: string[] }[] = [];
        for (const [i, row] of rows.entries()) {
          const blanks = blankLinesBefore[i]!;
          text += eol.repeat(blanks);
          line += blanks;
          const written = row.map(quoted).join(',');
          expected.push({ line, fields: row });
          text += written + (i < rows.length - 1 || trailing ? eol : '');
          line += 1 + (written.match(/\n/g)?.length ?? 0);
        }
        expect(parseCsv(text)).toEqual(expected);
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
