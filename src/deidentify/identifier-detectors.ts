/**
 * Counting, not removing: how many identifier-like things a free-text field
 * held, by kind, for the data-quality report to the hospital ("identifier-like
 * tokens found and removed"). The allow-list removes them whatever these
 * detectors see; a miss here costs a count, never a leak. Only counts leave
 * this module, never a value.
 */
import { postcodePattern } from '../lib/postcode.ts';
import { isValidNhsNumber } from './nhs-number.ts';
import { closeUpDigitRuns } from './normalise-text.ts';
import type { ScrubbedKind } from './types.ts';

export type IdentifierCounts = Partial<Record<ScrubbedKind, number>>;

const EMAIL = /[\p{L}\p{N}._%+-]{1,64}\s?@\s?(?:[\p{L}\p{N}-]{1,63}\.){1,8}\p{L}{2,24}/gu;
/** A day, a month and a four-digit year in any common layout: location text has no need of a full date. */
const DATE = /(?<!\d)(?:\d{1,2}[\s./-]{1,3}\d{1,2}[\s./-]{1,3}(?:19|20)\d{2}|(?:19|20)\d{2}[\s./-]\d{1,2}[\s./-]\d{1,2})(?!\d)/g;
/** After digit runs are closed up: UK numbers start 0 or 44 and run to 10 or 11 digits (12 or 13 with 44). */
const PHONE = /(?<!\d)(?:0\d{9,10}|44\d{9,10})(?!\d)/g;
const TEN_DIGITS = /(?<!\d)\d{10}(?!\d)/g;
/** Letters then six or more digits: the shape of most hospital numbers. */
const HOSPITAL_NUMBER_SHAPE = /(?<![\p{L}\p{N}])\p{L}{1,3}\d{6,10}\p{L}?(?![\p{L}\p{N}])/gu;
/** A house number before up to three words ending in a street word. */
const ADDRESS = /(?<![\p{L}\p{N}])(?:flat|flt|apt|apartment)?\s*\d{1,4}[a-z]?\s*,?\s+(?:[\p{L}'’]+\s+){0,3}(?:road|rd|street|st|avenue|ave|lane|ln|grove|gardens|gdns|close|crescent|drive|way|place|court|terrace|parade|square|hill|park|green|row|mews|walk)\b/giu;
const FLAT = /(?<!\p{L})(?:flat|flt|apt|apartment)\.?\s*\d{1,4}/giu;

function count(pattern: RegExp, text: string): number {
  let found = 0;
  for (const _ of text.matchAll(pattern)) found += 1;
  return found;
}

export interface DetectorOptions {
  /** The site's own hospital-number pattern, compiled (global). */
  hospitalNumberPattern?: RegExp | null;
  /** Words the allow-list replaced by [name]. */
  names?: number;
}

/** Counts by kind in a normalised text (see normaliseFreeText); kinds with none are left out. */
export function countIdentifiers(text: string, options: DetectorOptions = {}): IdentifierCounts {
  const counts: IdentifierCounts = {};
  const add = (kind: ScrubbedKind, n: number) => {
    if (n > 0) counts[kind] = (counts[kind] ?? 0) + n;
  };
  add('email', count(EMAIL, text));
  add('full_postcode', count(postcodePattern(), text));
  add('private_address', count(ADDRESS, text) + count(FLAT, text));
  if (options.names) add('person_name', options.names);
  // Most location texts have no digit: nothing below can fire.
  if (!/\d/.test(text)) return counts;
  add('date_of_birth', count(DATE, text));
  add('hospital_number', options.hospitalNumberPattern ? count(options.hospitalNumberPattern, text) : count(HOSPITAL_NUMBER_SHAPE, text));
  const closed = closeUpDigitRuns(text.replace(DATE, ' '));
  let nhs = 0;
  for (const match of closed.matchAll(TEN_DIGITS)) if (isValidNhsNumber(match[0])) nhs += 1;
  add('nhs_number', nhs);
  if (nhs === 0) add('phone', count(PHONE, closed));
  return counts;
}

const compiledSitePatterns = new Map<string, RegExp>();

/**
 * The site pattern for searching inside text: anchors dropped, bounded by
 * non-alphanumerics, global and case-insensitive. Compiled once per pattern. A
 * bad pattern is a config error; the message quotes the pattern (configuration,
 * never patient data).
 */
export function compileHospitalNumberPattern(pattern: string | RegExp): RegExp {
  const source = (typeof pattern === 'string' ? pattern : pattern.source).replace(/^\^/, '').replace(/\$$/, '');
  let compiled = compiledSitePatterns.get(source);
  if (compiled) return compiled;
  try {
    compiled = new RegExp(String.raw`(?<![A-Za-z0-9])(?:${source})(?![A-Za-z0-9])`, 'gi');
  } catch (error) {
    throw new Error(`Invalid hospitalNumberPattern ${JSON.stringify(source)}: ${(error as Error).message}`);
  }
  compiledSitePatterns.set(source, compiled);
  return compiled;
}
