import { describe, expect, it } from 'vitest';
import { ageBandOf, ageOnDate } from '../../src/deidentify/age-band.ts';

describe('ageBandOf', () => {
  it.each([
    [0, '0-9'], [9, '0-9'], [10, '10-14'], [14, '10-14'], [15, '15-17'], [17, '15-17'], [18, '18-24'], [24, '18-24'],
    [25, '25-34'], [34, '25-34'], [35, '35-44'], [45, '45-54'], [55, '55-64'], [64, '55-64'], [65, '65+'], [104, '65+'],
    [120, '65+'], [121, 'unknown'], [-1, 'unknown'], [23.5, 'unknown'], [null, 'unknown'], [Number.NaN, 'unknown'],
  ] as const)('%s → %s', (age, band) => {
    expect(ageBandOf(age)).toBe(band);
  });
});

describe('ageOnDate: whole years from a date of birth', () => {
  it.each<[birth: string, on: string, expected: number | null, why: string]>([
    ['1990-03-12', '2026-03-12', 36, 'birthday on the day counts'],
    ['1990-03-12', '2026-03-11', 35, 'the day before the birthday'],
    ['2008-02-29', '2026-02-28', 17, 'leap-day birthday not yet reached in a common year'],
    ['2008-02-29', '2026-03-01', 18, 'leap-day birthday passed on 1 March'],
    ['2026-11-23', '2026-11-23', 0, 'born that day'],
    ['2026-11-24', '2026-11-23', null, 'born after the attendance'],
    ['1990-02-30', '2026-03-12', null, 'not a real date'],
    ['12/03/1990', '2026-03-12', null, 'not normalised by validate'],
    ['1990-03-12', 'yesterday', null, 'no attendance date'],
  ])('%s on %s → %s (%s)', (birth, on, expected) => {
    expect(ageOnDate(birth, on)).toBe(expected);
  });
});
