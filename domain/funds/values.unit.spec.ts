import { describe, expect, it } from 'vitest';
import { isIsoCalendarDate } from './values.js';

/** The Date-based check isIsoCalendarDate replaced: the reference for its answers. */
function byDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

describe('isIsoCalendarDate', () => {
  it('agrees with the Date-based check on every day number 0-32 of months 0-13 of chosen years', () => {
    const years = [0, 4, 99, 100, 1600, 1700, 1899, 1900, 1950, 1999, 2000, 2023, 2024, 2100, 2400, 9999];
    let valid = 0;
    for (const year of years) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          expect(isIsoCalendarDate(text), text).toBe(byDate(text));
          if (byDate(text)) valid++;
        }
      }
    }
    expect(valid).toBe(13 * 365 + 4); // years from 100 on; leap: 1600, 2000, 2024, 2400
  });

  it('refuses other shapes like the Date-based check', () => {
    for (const text of ['2024-1-01', '2024-01-1', '2024/01/01', ' 2024-01-01', '2024-01-01 ', '2024-01-01T00:00', '२०२४-01-01', '2024-0a-01', '', '20240101']) {
      expect(isIsoCalendarDate(text), text).toBe(false);
      expect(byDate(text), text).toBe(false);
    }
  });
});
