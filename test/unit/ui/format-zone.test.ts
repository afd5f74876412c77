import { describe, expect, it } from 'vitest';
import { zonedMinute, zoneLabel } from '../../../src/ui/logic/format.ts';

describe('zonedMinute', () => {
  const ms = Date.UTC(2026, 10, 22, 15, 5);
  it('reads UTC as UTC', () => {
    expect(zonedMinute(ms, 'utc')).toBe('2026-11-22 15:05');
    expect(zoneLabel('utc')).toBe('UTC');
  });
  it('reads local time as the platform does', () => {
    const d = new Date(ms);
    const two = (n: number) => String(n).padStart(2, '0');
    expect(zonedMinute(ms, 'local')).toBe(
      `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`,
    );
  });
});
