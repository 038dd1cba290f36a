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

describe('AttendanceRegister.seenBefore', () => {
  it.each([
    ['a batch of new references', [[1, 2, 3]], [[false, false, false]]],
    ['a repeat inside one batch: the later one', [[1, 2, 1, 1]], [[false, false, true, true]]],
    ['a repeat of an earlier batch', [[1, 2], [3, 2, 1]], [[false, false], [false, true, true]]],
    ['an empty batch', [[]], [[]]],
  ])('%s', (_name, batches, expected) => {
    register = new AttendanceRegister();
    const current = register;
    expect(batches.map((batch) => current.seenBefore(batch))).toEqual(expected);
  });
});
