/**
 * UK postcodes as they appear in free text and columns: any case, with or
 * without the space between the outward and inward parts.
 */

/** Outward code (A9, A99, A9A, AA9, AA99, AA9A), optional space, inward code (9AA). */
const POSTCODE_SOURCE = String.raw`(?<![A-Za-z0-9])([A-Za-z]{1,2}[0-9][A-Za-z0-9]?)[ \t]*([0-9][A-Za-z]{2})(?![A-Za-z0-9])`;

/** A fresh global matcher for full postcodes in text (capture 1: outward, 2: inward). */
export function postcodePattern(): RegExp {
  return new RegExp(POSTCODE_SOURCE, 'g');
}

/** "n179lz" → "N17 9LZ"; null when the value is not a full postcode. */
export function normalisePostcode(value: string): string | null {
  const match = /^\s*([A-Za-z]{1,2}[0-9][A-Za-z0-9]?)\s*([0-9][A-Za-z]{2})\s*$/.exec(value);
  if (!match) return null;
  return `${match[1]!.toUpperCase()} ${match[2]!.toUpperCase()}`;
}

/** "N17 9LZ" → "N17 9": the sector, which names a few thousand addresses rather than a handful. */
export function postcodeSector(postcode: string): string {
  const normalised = normalisePostcode(postcode);
  if (normalised === null) throw new Error(`Not a full postcode (length ${postcode.length})`);
  return normalised.slice(0, -2);
}
