import { afterEach, describe, expect, it } from 'vitest';
import { AttendanceRegister, attendanceHash } from '../../src/validate/attendance-register.ts';

let register: AttendanceRegister | null = null;
afterEach(() => {
  register?.close();
  register = null;
});

describe('attendanceHash', () => {
  it.each([
    ['ignores case and outer spaces', ['RX1AA', ' ab123 '], ['RX1AA', 'AB123'], true],
    ['tells sites apart', ['RX1AA', 'AB123'], ['RX2BB', 'AB123'], false],
    ['keeps site and reference apart', ['RX1AA', 'B123'], ['RX1A', 'AB123'], false],
    ['tells neighbouring references apart', ['RX1AA', 'AB123'], ['RX1AA', 'AB124'], false],
  ] as const)('%s', (_name, a, b, same) => {
    expect(attendanceHash(a[0], a[1]) === attendanceHash(b[0], b[1])).toBe(same);
  });

  it('is a whole number JavaScript and SQLite both hold exactly', () => {
    for (let index = 0; index < 10_000; index += 1) {
      const hash = attendanceHash('RX1AA', `LX${index}`);
      expect(Number.isSafeInteger(hash) && hash >= 0).toBe(true);
    }
  });
});

describe('AttendanceRegister.seenBefore, hash by hash in file order', () => {
  it.each([
    ['a batch of new references', [[1, 2, 3]], [[false, false, false]]],
    ['a repeat inside one batch: the later one', [[1, 2, 1, 1]], [[false, false, true, true]]],
    ['a repeat of an earlier batch', [[1, 2], [3, 2, 1]], [[false, false], [false, true, true]]],
    ['an empty batch', [[]], [[]]],
  ])('%s', (_name, batches, expected) => {
    register = new AttendanceRegister();
    const current = register;
    expect(batches.map((batch) => batch.map((hash) => current.seenBefore(hash)))).toEqual(expected);
  });
});

describe('AttendanceRegister past its in-memory table', () => {
  it.each([
    ['all in memory', undefined],
    ['most of them moved to disk, several times', 4096],
    ['moved to disk in several slices at once', 32_768],
  ])('finds every repeat and nothing else: %s', (_name, tableSlots) => {
    register = new AttendanceRegister({ tableSlots });
    const references = Array.from({ length: 50_000 }, (_, index) => attendanceHash('RX1AA', `LX${index}`));
    const current = register;
    const seen = (hashes: number[]) => hashes.map((hash) => current.seenBefore(hash));
    expect(seen(references).filter(Boolean)).toHaveLength(0);
    const repeats = references.filter((_, index) => index % 97 === 0);
    expect(seen(repeats).every(Boolean)).toBe(true);
    const fresh = Array.from({ length: 5000 }, (_, index) => attendanceHash('RX1AA', `NEW${index}`));
    expect(seen(fresh).filter(Boolean)).toHaveLength(0);
    expect(seen([0, 0])).toEqual([false, true]);
  });

  it('refuses a table size that is not a power of two', () => {
    expect(() => new AttendanceRegister({ tableSlots: 1000 })).toThrow('Unexpected tableSlots value: 1000');
  });
});
