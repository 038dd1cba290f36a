/**
 * Age bands: the only form of a patient's age that leaves the de-identify stage.
 * A date of birth is used once, to compute the age at the attendance, and dropped.
 */
import { AGE_BANDS, type AgeBand } from './types.ts';

/** The oldest age taken as real; above it the value is a data-entry error and the band is unknown. */
const OLDEST_PLAUSIBLE_AGE = 120;

/** Lower bound of each band except 'unknown', in the order of AGE_BANDS. */
const BAND_FLOORS: ReadonlyArray<readonly [number, AgeBand]> = AGE_BANDS.filter((band) => band !== 'unknown')
  .map((band) => [Number.parseInt(band, 10), band] as const)
  .sort((a, b) => b[0] - a[0]);

/** The band of an age in whole years; 'unknown' for null, negative, fractional or implausible ages. */
export function ageBandOf(age: number | null): AgeBand {
  if (age === null || !Number.isInteger(age) || age < 0 || age > OLDEST_PLAUSIBLE_AGE) return 'unknown';
  for (const [floor, band] of BAND_FLOORS) if (age >= floor) return band;
  return 'unknown';
}

function parseIsoDate(value: string): { year: number; month: number; day: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Reject 2026-02-30 and the like, which Date would roll over.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return { year, month, day };
}

/**
 * Whole years from `dateOfBirth` to `onDate` (both `YYYY-MM-DD`), counting a
 * birthday on the day itself; null when either is not a real date or the birth
 * is after the date. Someone born on 29 February turns a year older on 1 March
 * in common years.
 */
export function ageOnDate(dateOfBirth: string, onDate: string): number | null {
  const birth = parseIsoDate(dateOfBirth);
  const on = parseIsoDate(onDate);
  if (!birth || !on) return null;
  let age = on.year - birth.year;
  if (on.month < birth.month || (on.month === birth.month && on.day < birth.day)) age--;
  return age < 0 ? null : age;
}
