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
import { compileHospitalNumberPattern, scrubFreeText, type ScrubOptions, type ScrubResult } from './scrub.ts';

/** The geocoder's postcode lookup (from the gazetteer), injected so this stage does not depend on it. */
export type PostcodeLookup = (postcode: string) => { lsoaCode: string } | null;

export interface DeidentifierOptions {
  /** The configured sites: each may carry a hospital-number pattern for its free text. */
  sites: ReadonlyArray<Pick<SiteConfig, 'code' | 'hospitalNumberPattern'>>;
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

const SCRUB_MEMO_ENTRIES = 50_000;

function hasAnyIdentifier(identifiers: object): boolean {
  for (const _field in identifiers) return true;
  return false;
}

function addCounts(total: Partial<Record<ScrubbedKind, number>>, found: Partial<Record<ScrubbedKind, number>>): void {
  for (const kind in found) {
    const count = found[kind as ScrubbedKind]!;
    total[kind as ScrubbedKind] = (total[kind as ScrubbedKind] ?? 0) + count;
  }
}

/** How one row's free text is scrubbed, and what was found in it so far. */
interface RowScrubber {
  /** The site's remembering scrubber, for a row without identifier columns. */
  remembered: ((text: string) => ScrubResult) | null;
  /** Otherwise the options naming the row's own identifiers. */
  options: ScrubOptions | null;
  scrubbed: Partial<Record<ScrubbedKind, number>>;
}

// A function of the module, not a closure made per row: at a million rows the closures show.
function scrubField(scrubber: RowScrubber, text: string): ScrubResult {
  // A remembered result is shared between rows: read it, never change it.
  const result = scrubber.remembered ? scrubber.remembered(text) : scrubFreeText(text, scrubber.options!);
  addCounts(scrubber.scrubbed, result.found);
  return result;
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
  // Without identifier columns the scrub depends on the text and the site alone, and
  // reception staff type the same strings all month: remember the answers per site.
  const plainScrubbers = new Map<string, (text: string) => ScrubResult>();
  const plainScrubberFor = (siteCode: string) => {
    let scrubber = plainScrubbers.get(siteCode);
    if (!scrubber) {
      const plainOptions: ScrubOptions = { hospitalNumberPattern: patterns.get(siteCode) ?? null };
      scrubber = memoise((text) => scrubFreeText(text, plainOptions), SCRUB_MEMO_ENTRIES);
      plainScrubbers.set(siteCode, scrubber);
    }
    return scrubber;
  };

  return {
    deidentify(row: ExtractRow, { keyAttendance: keyNow } = { keyAttendance: true }): DeidentifiedRecord {
      const identifiers = row.identifiers;
      const scrubber: RowScrubber = hasAnyIdentifier(identifiers)
        ? { remembered: null, options: { hospitalNumberPattern: patterns.get(row.siteCode) ?? null, knownIdentifiers: identifiers }, scrubbed: {} }
        : { remembered: plainScrubberFor(row.siteCode), options: null, scrubbed: {} };
      const location = row.locationDescription === null ? null : scrubField(scrubber, row.locationDescription);
      const method = scrubField(scrubber, row.assaultMethodText);
      const methodOther = row.assaultMethodOther === null ? null : scrubField(scrubber, row.assaultMethodOther);
      const scrubbed = scrubber.scrubbed;

      const homePostcode = identifiers.patientPostcode ? normalisePostcode(identifiers.patientPostcode) : null;
      const columnPostcode = row.locationPostcode ? normalisePostcode(row.locationPostcode) : null;
      // A location postcode equal to the patient's own is their home, whatever the location type says.
      const isHome =
        row.locationType === 'home' ||
        (location?.isHome ?? false) ||
        (homePostcode !== null && columnPostcode === homePostcode);
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
