/**
 * Readers for the optional coded fields of the contract. Each returns a tagged
 * result instead of throwing, so the row validator can turn a bad optional value
 * into a warning and keep the row.
 */
import type { Sex } from '../../schemas/code-lists.ts';
import { normaliseCodeText } from '../../schemas/code-lists.ts';

export type FieldResult<T> = { ok: true; value: T | null } | { ok: false; code: 'invalid_number' | 'out_of_range' | 'invalid_code'; expected: string };

const YES = new Set(['y', 'yes', 'true', 't', '1', 'yes reported', 'reported', 'already reported', 'ticked', 'x']);
const NO = new Set(['n', 'no', 'false', 'f', '0', 'not reported', 'none', 'declined', 'no thanks']);
const UNKNOWN = new Set(['', 'u', 'unknown', 'not known', 'unk', 'u k', 'n k', 'na', 'n a', 'not stated', 'not asked', 'not recorded', '9', '?', 'dont know', 'refused', 'unsure']);

export function readYesNo(value: string): FieldResult<boolean> {
  const key = normaliseCodeText(value);
  if (UNKNOWN.has(key)) return { ok: true, value: null };
  if (YES.has(key)) return { ok: true, value: true };
  if (NO.has(key)) return { ok: true, value: false };
  return { ok: false, code: 'invalid_code', expected: 'Y, N or blank/unknown' };
}

const SEX_CODES: Record<string, Sex> = {
  m: 'male', male: 'male', man: 'male', '1': 'male', boy: 'male',
  f: 'female', female: 'female', woman: 'female', '2': 'female', girl: 'female',
  x: 'other', i: 'other', other: 'other', indeterminate: 'other', 'non binary': 'other', nonbinary: 'other', '3': 'other',
  u: 'unknown', unknown: 'unknown', 'not known': 'unknown', 'not stated': 'unknown', '0': 'unknown', '9': 'unknown', n: 'unknown', 'not specified': 'unknown',
};

export function readSex(value: string): FieldResult<Sex> {
  const key = normaliseCodeText(value);
  if (key === '') return { ok: true, value: null };
  const sex = SEX_CODES[key];
  return sex ? { ok: true, value: sex } : { ok: false, code: 'invalid_code', expected: 'M, F, X (other) or U (unknown)' };
}

/** Age in whole years: "34", "34 years", "34y", "34.5"; "6 months"/"3 weeks"/"2 days" are under one year. */
export function readAge(value: string): FieldResult<number> {
  const text = value.trim().toLowerCase();
  if (text === '' || UNKNOWN.has(normaliseCodeText(text))) return { ok: true, value: null };
  const infant = /^(\d{1,3})\s*(m|mo|mth|mths|month|months|w|wk|wks|week|weeks|d|day|days)$/.exec(text);
  if (infant) return { ok: true, value: 0 };
  const match = /^(\d{1,3})(?:\.\d+)?\s*(?:y|yr|yrs|year|years|years old)?$/.exec(text);
  if (!match) return { ok: false, code: 'invalid_number', expected: 'age in whole years, 0 to 120' };
  const age = Number(match[1]);
  if (age > 120) return { ok: false, code: 'out_of_range', expected: 'age in whole years, 0 to 120' };
  return { ok: true, value: age };
}

const NUMBER_WORDS: Record<string, number> = { none: 0, zero: 0, one: 1, single: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

/** Number of assailants: "2", "two", "3+", "5 or more"; "multiple"/"several"/"group"/"gang" are unknown counts above one, read as null. */
export function readAssailantCount(value: string): FieldResult<number> {
  const key = normaliseCodeText(value.replace(/\+/g, ' plus'));
  if (UNKNOWN.has(key) || ['multiple', 'several', 'many', 'group', 'gang', 'more than one', 'more than 1'].includes(key)) return { ok: true, value: null };
  const word = NUMBER_WORDS[key];
  if (word !== undefined) return { ok: true, value: word };
  const match = /^(\d{1,3})(?: plus| or more)?$/.exec(key);
  if (!match) return { ok: false, code: 'invalid_number', expected: 'a whole number of assailants' };
  const count = Number(match[1]);
  if (count > 50) return { ok: false, code: 'out_of_range', expected: 'a whole number of assailants, 0 to 50' };
  return { ok: true, value: count };
}
