import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  canonicalIsoMs,
  DictionaryColumn,
  IdIndex,
  isoText,
  NullableIntColumn,
  TimestampColumn,
} from '../../../src/storage/artifacts/table-columns.ts';

describe('IdIndex', () => {
  it('finds the row of every id, in any order, and -1 for the rest', () => {
    const ids = Float64Array.from([42, 7, 1_000_001, -3, 19]);
    const index = new IdIndex(ids, ids.length);
    ids.forEach((id, row) => {
      expect(index.rowOf(id)).toBe(row);
    });
    for (const missing of [0, 8, 43, 1e9, -4]) expect(index.rowOf(missing)).toBe(-1);
  });

  it('indexes only the first `size` ids and resolves a repeated id to its last row', () => {
    const index = new IdIndex(Float64Array.from([5, 6, 5, 9, 0]), 3);
    expect(index.rowOf(5)).toBe(2);
    expect(index.rowOf(9)).toBe(-1);
    expect(new IdIndex(new Float64Array(0), 0).rowOf(5)).toBe(-1);
  });

  it('agrees with a Map on 10,000 random ids', () => {
    const ids = Float64Array.from({ length: 10_000 }, () => Math.floor(Math.random() * 50_000));
    const expected = new Map<number, number>();
    ids.forEach((id, row) => {
      expected.set(id, row);
    });
    const index = new IdIndex(ids, ids.length);
    for (let id = 0; id < 50_000; id += 7) expect(index.rowOf(id)).toBe(expected.get(id) ?? -1);
  });
});

describe('TimestampColumn', () => {
  it('gives back canonical ISO text from the instant and any other text as written', () => {
    const column = new TimestampColumn(4);
    expect(column.set(0, '2026-03-01T15:00:00.000Z')).toBe(Date.parse('2026-03-01T15:00:00Z'));
    column.set(1, '2026-03-01T15:00:00+01:00');
    column.set(2, null);
    column.set(3, 'not a time');
    expect([0, 1, 2, 3].map((i) => column.text(i))).toEqual([
      '2026-03-01T15:00:00.000Z',
      '2026-03-01T15:00:00+01:00',
      null,
      'not a time',
    ]);
    expect(column.ms(1)).toBe(Date.parse('2026-03-01T14:00:00Z'));
    expect(column.ms(2)).toBeNaN();
  });

  it('reads rows sharing an instant and rows that do not, in any order, each as its own text', () => {
    const texts = ['2026-03-01T15:00:00.000Z', '2026-03-01T15:00:00.000Z', '2025-08-09T11:30:00.000Z'];
    const column = new TimestampColumn(texts.length);
    for (const [i, text] of texts.entries()) column.set(i, text);
    const order = [2, 0, 1, 2, 2, 1];
    expect(order.map((i) => column.text(i))).toEqual(order.map((i) => texts[i]));
  });
});

describe('isoText', () => {
  it('writes what Date.prototype.toISOString writes, for every instant Date can hold', () => {
    const edges = [
      0,
      -1,
      Date.UTC(2000, 1, 29, 23, 59, 59, 999),
      Date.UTC(1900, 2, 1),
      Date.UTC(2100, 1, 28, 12),
      Date.UTC(1000, 0, 1),
      Date.UTC(1000, 0, 1) - 1,
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999) + 1,
      -8.64e15,
      8.64e15,
      1.5,
      Date.UTC(2026, 2, 1) + 0.25,
    ];
    for (const ms of edges) expect(isoText(ms)).toBe(new Date(ms).toISOString());
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
        expect(isoText(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 20_000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(2200, 0, 1) }), (ms) => {
        expect(isoText(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 50_000 },
    );
  });

  it('writes whole milliseconds of the years 1000–9999 itself and leaves only the rest to Date', () => {
    // The point of isoText is speed: a version that always fell back to Date would pass the test above.
    const viaDate = vi.spyOn(Date.prototype, 'toISOString');
    try {
      isoText(Date.UTC(2026, 11, 6, 9, 30));
      isoText(Date.UTC(1000, 0, 1));
      isoText(Date.UTC(9999, 11, 31, 23, 59, 59, 999));
      expect(viaDate).not.toHaveBeenCalled();
      isoText(Date.UTC(1000, 0, 1) - 1);
      isoText(1.5);
      expect(viaDate).toHaveBeenCalledTimes(2);
    } finally {
      viaDate.mockRestore();
    }
  });
});

describe('DictionaryColumn and NullableIntColumn', () => {
  it('store values and nulls', () => {
    const names = new DictionaryColumn(3);
    names.set(0, 'Arsenal');
    names.set(2, 'Arsenal');
    expect([0, 1, 2].map((i) => names.get(i))).toEqual(['Arsenal', null, 'Arsenal']);
    const scores = new NullableIntColumn(3);
    scores.set(0, 0);
    scores.set(2, 3);
    expect([0, 1, 2].map((i) => scores.get(i))).toEqual([0, null, 3]);
    expect(() => scores.set(1, 2.5)).toThrow(/row 1: 2.5 is not a 32-bit integer/);
  });
});

describe('canonicalIsoMs', () => {
  it('agrees with Date.parse on canonical texts, across 5,000 random instants', () => {
    for (let k = 0; k < 5000; k++) {
      const ms = Math.floor(Math.random() * 8e12) - 2e12; // 1906 … 2223
      expect(canonicalIsoMs(new Date(ms).toISOString())).toBe(ms);
    }
    expect(canonicalIsoMs('2024-02-29T23:59:59.999Z')).toBe(Date.parse('2024-02-29T23:59:59.999Z'));
  });

  it('refuses every other text, including impossible dates', () => {
    for (const text of [
      '2026-03-01T15:00:00Z',
      '2026-03-01T15:00:00.000+01:00',
      '2026-02-29T00:00:00.000Z',
      '2026-04-31T00:00:00.000Z',
      '2026-13-01T00:00:00.000Z',
      '2026-03-01T24:00:00.000Z',
      '0099-03-01T00:00:00.000Z',
      '2026-03-0xT00:00:00.000Z',
      '',
    ])
      expect(canonicalIsoMs(text), text).toBeNaN();
  });
});
