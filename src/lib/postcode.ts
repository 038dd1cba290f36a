/**
 * UK postcodes, for every stage that meets one. A postcode is an outward code
 * (area + district: "N17", "IG11", "EC1A") and an inward code (sector digit +
 * unit: "9LZ"). Shape alone never makes a place: the geocoder trusts a postcode
 * only when the gazetteer knows it, and "10 past 5" has a postcode-ish shape.
 * One definition here, so that validation, de-identification and geocoding
 * agree on what a postcode is.
 */

const FULL_POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/;
const OUTWARD_CODE = /^[A-Z]{1,2}[0-9][A-Z0-9]?$/;

/** Outward code, optional space, inward code, standing alone in text. */
const POSTCODE_IN_TEXT = String.raw`(?<![A-Za-z0-9])([A-Za-z]{1,2}[0-9][A-Za-z0-9]?)[ \t]*([0-9][A-Za-z]{2})(?![A-Za-z0-9])`;

/** "n179lz", " N17  9LZ ", "N17-9LZ" → "N17 9LZ"; null when the value does not have the shape of a full postcode. */
export function normalisePostcode(value: string): string | null {
  const compact = value.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const match = FULL_POSTCODE.exec(compact);
  return match ? `${match[1]} ${match[2]}` : null;
}

/** "N17 9LZ" → "N17 9": the sector, which names a few thousand addresses rather than a handful. */
export function postcodeSector(postcode: string): string {
  const normalised = normalisePostcode(postcode);
  // The length, not the value: the value may be a patient's postcode.
  if (normalised === null) throw new Error(`Not a full postcode (length ${postcode.length})`);
  return normalised.slice(0, -2);
}

/** "N17 9LZ" → "N17" (the district). */
export function postcodeDistrict(postcode: string): string {
  return postcode.trim().split(/\s+/)[0] ?? postcode;
}

/** True for strings shaped like an outward code ("N17", "ig11"); says nothing about whether it exists. */
export function looksLikeOutwardCode(value: string): boolean {
  return OUTWARD_CODE.test(value.toUpperCase());
}

/** A fresh global matcher for full postcodes in free text (capture 1: outward code, 2: inward code). */
export function postcodePattern(): RegExp {
  return new RegExp(POSTCODE_IN_TEXT, 'g');
}
