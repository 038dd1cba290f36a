/**
 * What the de-identify stage hands on: a record with no identifier in it.
 * Free text has been allow-listed (allow-list.ts); what was useful in an identifier has been
 * derived (age band, residence LSOA, pseudonymous repeat key) and the source
 * thrown away.
 */
import type { LocationTypeCategory, RelationshipCategory, Sex, WeaponCategory } from '../../schemas/code-lists.ts';
import type { LocalDateTime } from '../validate/types.ts';

export const AGE_BANDS = ['0-9', '10-14', '15-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65+', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Kinds of identifier the detectors count in free text (in the DQ report, never their values); the allow-list removes them whether counted or not. */
export type ScrubbedKind =
  | 'nhs_number'
  | 'hospital_number'
  | 'phone'
  | 'email'
  | 'date_of_birth'
  | 'private_address'
  | 'person_name'
  | 'full_postcode';

export interface DeidentifiedRecord {
  line: number;
  siteCode: string;
  /** Keyed hash of site + attendance reference: detects a row sent twice without keeping the reference. Null without a key. */
  attendanceKey: string | null;
  arrival: LocalDateTime | null;
  assault: LocalDateTime;
  weapon: WeaponCategory;
  /** Assault-method text as sent, allow-listed against the weapon vocabulary (for audit of the mapping). */
  assaultMethodText: string;
  assaultMethodOther: string | null;
  locationType: LocationTypeCategory;
  /**
   * Location text allow-listed against the vocabulary of places: words of gazetteer
   * names, the location lexicon and code lists, postcode districts; full postcodes
   * become their sector; every other token a placeholder. "home" once geocoded at a home.
   */
  locationText: string | null;
  /**
   * A full postcode for the assault location (from its own column or found in the
   * text), handed to the geocoder and then dropped: it is never stored. Null when
   * the location is a private home (the home postcode is not a place to publish).
   */
  locationPostcode: string | null;
  /**
   * Place-of-injury coordinates, handed to the geocoder, which keeps them only
   * as the point and LSOA of a placed answer. Null for a home, like the postcode.
   */
  locationPoint: { longitude: number; latitude: number } | null;
  /** The location type is home, or the location postcode is the patient's own (the geocoder also reads home from the text). */
  locationIsHome: boolean;
  assailantCount: number | null;
  assailantRelationship: RelationshipCategory | null;
  reportedToPolice: boolean | null;
  wantsPoliceInformed: boolean | null;
  ageBand: AgeBand;
  sex: Sex | null;
  alcoholInvolved: boolean | null;
  /** LSOA of the patient's residence, from their postcode, when known. */
  residenceLsoa: string | null;
  /** HMAC-SHA256 of the normalised NHS number under the pseudonym key; null without a number or a key. */
  repeatKey: string | null;
  /** Counts of identifier-like things found in this row's free text, by kind. */
  scrubbed: Partial<Record<ScrubbedKind, number>>;
}
