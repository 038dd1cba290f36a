/**
 * The de-identify stage: `ExtractRow` in, `DeidentifiedRecord` out. The record is
 * built field by field from an allow-list, so a field added to `ExtractRow` later
 * does not pass through by accident. What is useful in an identifier (age band,
 * residence LSOA, a keyed repeat link) is derived here; the identifiers themselves
 * go no further.
 */
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import type { SiteConfig } from '../config/sites.ts';
import { memoise } from '../lib/bounded-memo.ts';
import type { ExtractRow } from '../validate/types.ts';
import type { DeidentifiedRecord, ScrubbedKind } from './types.ts';
import { ageBandOf, ageOnDate } from './age-band.ts';
import { normaliseNhsNumber } from './nhs-number.ts';
import { normalisePostcode } from '../lib/postcode.ts';
import { allowListText } from './allow-list.ts';
import { compileHospitalNumberPattern, countIdentifiers, type IdentifierCounts } from './identifier-detectors.ts';
import { normaliseFreeText } from './normalise-text.ts';
import { buildLocationVocabulary, buildWeaponVocabulary, type FieldVocabulary, type PlaceVocabularyInput } from './vocabulary.ts';

/** The geocoder's postcode lookup (from the gazetteer), injected so this stage does not depend on it. */
export type PostcodeLookup = (postcode: string) => { lsoaCode: string } | null;

export interface DeidentifierOptions {
  /** The configured sites: each may carry a hospital-number pattern (counted in its free text) and its own weapon codes. */
  sites: ReadonlyArray<Pick<SiteConfig, 'code' | 'hospitalNumberPattern'> & { weaponCodes?: readonly string[] }>;
  /** The gazetteer's place names and postcode districts: what location text may keep. Without them, only lexicon words survive. */
  places?: PlaceVocabularyInput;
  /** From `loadPseudonymKey`; null means no repeat key and no attendance key. */
  pseudonymKey: Buffer | null;
  lookupPostcode?: PostcodeLookup;
}

export interface Deidentifier {
  /**
   * The row's de-identified record. With `keyAttendance: false` its attendanceKey
   * is left null, for the caller to fill with `attendanceKeyer` in the same stage:
   * a worker thread hands that HMAC to its parent, to share the work between them.
   */
  deidentify(row: ExtractRow, options?: { keyAttendance: boolean }): DeidentifiedRecord;
}

/** HMAC-SHA256 as hex. Parts are joined with a NUL so that ("AB", "C1") and ("A", "BC1") differ. */
export function keyedHash(key: Buffer | KeyObject, ...parts: string[]): string {
  return createHmac('sha256', key).update(parts.join('\u0000')).digest('hex');
}

/** Keys an attendance reference of a site: what a record's attendanceKey holds. */
export type AttendanceKeyer = (siteCode: string, attendanceId: string) => string;

/** The attendance keyer for a pseudonym key; null without a key (attendance keys are then null). */
export function attendanceKeyer(pseudonymKey: Buffer | KeyObject | null): AttendanceKeyer | null {
  if (!pseudonymKey) return null;
  // A KeyObject made once: building one from the Buffer on every row is a fifth of the stage's time.
  const key = Buffer.isBuffer(pseudonymKey) ? createSecretKey(pseudonymKey) : pseudonymKey;
  return (siteCode, attendanceId) => keyedHash(key, siteCode, attendanceId.trim());
}

const MEMO_ENTRIES = 50_000;

/** One free-text field as it may be stored, and what identifier-like things it held (counts only). */
interface FieldResult {
  text: string;
  found: IdentifierCounts;
  postcodes: string[];
}

function addCounts(total: IdentifierCounts, found: IdentifierCounts): void {
  for (const kind in found) {
    const count = found[kind as ScrubbedKind]!;
    total[kind as ScrubbedKind] = (total[kind as ScrubbedKind] ?? 0) + count;
  }
}

/** A field's allow-listed text and counts; reception staff type the same strings all month, so answers are remembered. */
function fieldScrubber(vocabulary: FieldVocabulary, hospitalNumberPattern: RegExp | null): (text: string) => FieldResult {
  return memoise((text: string): FieldResult => {
    const listed = allowListText(text, vocabulary);
    const names = (listed.text.match(/\[name\]/g) ?? []).length;
    return { text: listed.text, found: countIdentifiers(normaliseFreeText(text), { hospitalNumberPattern, names }), postcodes: listed.postcodes };
  }, MEMO_ENTRIES);
}

/**
 * The location text to store once the geocoder has answered: a home keeps no
 * address at all, only the word "home" (so that regeocoding the stored text
 * still answers home).
 */
export function storedLocationText(record: DeidentifiedRecord, placedAtHome: boolean): string | null {
  return placedAtHome && record.locationText !== null ? 'home' : record.locationText;
}

/** The raw location text as the geocoder reads it (in memory only: never stored, logged or sent on in a record). */
export function textForGeocoder(row: ExtractRow): string | null {
  return row.locationDescription === null ? null : normaliseFreeText(row.locationDescription);
}

export function createDeidentifier(options: DeidentifierOptions): Deidentifier {
  // Compile every site pattern up front: a bad pattern is a config error at start-up, not on row 40,000.
  const patterns = new Map<string, RegExp>();
  for (const site of options.sites) {
    if (site.hospitalNumberPattern) patterns.set(site.code, compileHospitalNumberPattern(site.hospitalNumberPattern));
  }
  // One KeyObject for both pseudonyms, made once (see attendanceKeyer).
  const key = options.pseudonymKey ? createSecretKey(options.pseudonymKey) : null;
  const keyAttendance = attendanceKeyer(key);
  const locationVocabulary = buildLocationVocabulary(options.places ?? { placeNames: [], districts: [] });
  const scrubbers = new Map<string, { location: (text: string) => FieldResult; method: (text: string) => FieldResult }>();
  const scrubbersFor = (siteCode: string) => {
    let found = scrubbers.get(siteCode);
    if (!found) {
      const site = options.sites.find((candidate) => candidate.code === siteCode);
      const pattern = patterns.get(siteCode) ?? null;
      found = { location: fieldScrubber(locationVocabulary, pattern), method: fieldScrubber(buildWeaponVocabulary(site?.weaponCodes ?? []), pattern) };
      scrubbers.set(siteCode, found);
    }
    return found;
  };

  return {
    deidentify(row: ExtractRow, { keyAttendance: keyNow } = { keyAttendance: true }): DeidentifiedRecord {
      const identifiers = row.identifiers;
      const scrub = scrubbersFor(row.siteCode);
      const scrubbed: IdentifierCounts = {};
      const location = row.locationDescription === null ? null : scrub.location(row.locationDescription);
      const method = scrub.method(row.assaultMethodText);
      const methodOther = row.assaultMethodOther === null ? null : scrub.method(row.assaultMethodOther);
      for (const field of [location, method, methodOther]) if (field) addCounts(scrubbed, field.found);

      const homePostcode = identifiers.patientPostcode ? normalisePostcode(identifiers.patientPostcode) : null;
      const columnPostcode = row.locationPostcode ? normalisePostcode(row.locationPostcode) : null;
      // A location postcode equal to the patient's own is their home, whatever the location type says.
      // Whether the text describes a home is the geocoder's to say (it reads the text); see storedLocationText.
      const isHome = row.locationType === 'home' || (homePostcode !== null && columnPostcode === homePostcode);
      const locationPostcode = isHome ? null : (columnPostcode ?? location?.postcodes[0] ?? null);

      const ageFromDob =
        identifiers.dateOfBirth === undefined
          ? null
          : ageOnDate(identifiers.dateOfBirth, row.arrival?.date ?? row.assault.date);
      const nhsNumber = identifiers.nhsNumber ? normaliseNhsNumber(identifiers.nhsNumber) : null;
      const residence = homePostcode && options.lookupPostcode ? options.lookupPostcode(homePostcode) : null;

      return {
        line: row.line,
        siteCode: row.siteCode,
        attendanceKey: keyNow && keyAttendance && row.attendanceId ? keyAttendance(row.siteCode, row.attendanceId) : null,
        arrival: row.arrival,
        assault: row.assault,
        weapon: row.weapon,
        assaultMethodText: method.text,
        assaultMethodOther: methodOther?.text ?? null,
        locationType: row.locationType,
        locationText: location?.text ?? null,
        locationPostcode,
        // A home is never placed, so its coordinates (as its postcode) go no further.
        locationPoint: isHome ? null : row.locationPoint,
        locationIsHome: isHome,
        assailantCount: row.assailantCount,
        assailantRelationship: row.assailantRelationship,
        reportedToPolice: row.reportedToPolice,
        wantsPoliceInformed: row.wantsPoliceInformed,
        ageBand: ageBandOf(row.age ?? ageFromDob),
        sex: row.sex,
        alcoholInvolved: row.alcoholInvolved,
        residenceLsoa: residence?.lsoaCode ?? null,
        repeatKey: key && nhsNumber ? keyedHash(key, nhsNumber) : null,
        scrubbed,
      };
    },
  };
}
