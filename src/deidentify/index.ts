/** The de-identify stage's public API. */
export { attendanceKeyer, createDeidentifier, keyedHash, storedLocationText, textForGeocoder, type AttendanceKeyer, type Deidentifier, type DeidentifierOptions, type PostcodeLookup } from './deidentify.ts';
export { allowListText, PLACEHOLDERS, type AllowListed } from './allow-list.ts';
export { buildLocationVocabulary, buildWeaponVocabulary, type FieldVocabulary, type PlaceVocabularyInput } from './vocabulary.ts';
export { normaliseFreeText } from './normalise-text.ts';
export { countIdentifiers, compileHospitalNumberPattern, type IdentifierCounts } from './identifier-detectors.ts';
export { loadPseudonymKey, createPseudonymKeyFile, decodeKeyText, PseudonymKeyError, PSEUDONYM_KEY_ENV, MINIMUM_KEY_BYTES, type LoadedPseudonymKey } from './pseudonym-key.ts';
export { ageBandOf, ageOnDate } from './age-band.ts';
export { isValidNhsNumber, normaliseNhsNumber } from './nhs-number.ts';
export { normalisePostcode, postcodeSector } from '../lib/postcode.ts';
export * from './types.ts';
