/** The de-identify stage's public API. */
export { attendanceKeyer, createDeidentifier, keyedHash, type AttendanceKeyer, type Deidentifier, type DeidentifierOptions, type PostcodeLookup } from './deidentify.ts';
export { scrubFreeText, compileHospitalNumberPattern, SCRUB_TOKENS, type ScrubOptions, type ScrubResult } from './scrub.ts';
export { loadPseudonymKey, createPseudonymKeyFile, decodeKeyText, PseudonymKeyError, PSEUDONYM_KEY_ENV, MINIMUM_KEY_BYTES, type LoadedPseudonymKey } from './pseudonym-key.ts';
export { ageBandOf, ageOnDate } from './age-band.ts';
export { isValidNhsNumber, normaliseNhsNumber } from './nhs-number.ts';
export { normalisePostcode, postcodeSector } from '../lib/postcode.ts';
export * from './types.ts';
