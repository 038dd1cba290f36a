/**
 * UK postcode shapes. A postcode is outward code (area + district, "N17",
 * "IG11", "EC1A") then inward code (sector digit + unit, "6HE"). Shape alone
 * never makes a postcode: the geocoder only treats one as a postcode when the
 * gazetteer knows it ("10 past 5" has a postcode-ish shape and is not one).
 */

const FULL_POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/;
const OUTWARD_CODE = /^[A-Z]{1,2}[0-9][A-Z0-9]?$/;

/** "n176he", " N17  6HE " → "N17 6HE"; null when it does not have the shape of a full postcode. */
export function normalisePostcode(value: string): string | null {
  const compact = value.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const match = FULL_POSTCODE.exec(compact);
  return match ? `${match[1]} ${match[2]}` : null;
}

/** "N17 6HE" → "N17 6" (the sector). */
export function postcodeSector(postcode: string): string {
  const [outward, inward] = postcode.split(' ');
  return `${outward} ${(inward ?? '').charAt(0)}`;
}

/** "N17 6HE" → "N17" (the district). */
export function postcodeDistrict(postcode: string): string {
  return postcode.split(' ')[0] ?? postcode;
}

/** True for strings shaped like an outward code ("N17", "ig11"); says nothing about whether it exists. */
export function looksLikeOutwardCode(value: string): boolean {
  return OUTWARD_CODE.test(value.toUpperCase());
}
