/**
 * What the validate stage hands on. A row that survives validation is an
 * `ExtractRow`: typed, with its codes mapped to stable categories, but still
 * carrying any identifiers the hospital sent (in `identifiers`), because only the
 * de-identify stage may derive from them and then drop them.
 */
import type { WeaponCategory, LocationTypeCategory, RelationshipCategory, Sex } from '../../schemas/code-lists.ts';

/** A local (Europe/London wall-clock) date, `YYYY-MM-DD`. */
export type LocalDate = string;
/** A local (Europe/London wall-clock) time of day, `HH:MM`. */
export type LocalTime = string;

export interface LocalDateTime {
  date: LocalDate;
  /** null when the source gave a date without a time. */
  time: LocalTime | null;
}

/**
 * A problem with one row (or, with line 1, the header). Problems are data, not
 * exceptions. The message names the field and what was expected; it never
 * contains the value of an identifier field, and free-text values are not
 * echoed either (they may hold identifiers until scrubbed).
 */
export interface RowIssue {
  file: string;
  /** 1-based physical line number where the row starts in the file. */
  line: number;
  /** Canonical field name, or the source header for an unknown column; null for whole-row problems. */
  field: string | null;
  code: RowIssueCode;
  message: string;
  /** An error rejects the row; a warning keeps it and is counted in the data-quality report. */
  severity: 'error' | 'warning';
}

export type RowIssueCode =
  | 'required'
  | 'invalid_date'
  | 'invalid_time'
  | 'future_date'
  | 'assault_after_arrival'
  | 'assault_long_before_arrival'
  | 'invalid_code'
  | 'unrecognised_code'
  | 'invalid_number'
  | 'out_of_range'
  | 'invalid_site_code'
  | 'unknown_site'
  | 'duplicate_attendance'
  | 'repeat_of_other_extract'
  | 'wrong_column_count'
  | 'outside_reporting_period'
  | 'coordinates_outside_area'
  | 'too_long'
  | 'unparseable_row';

/** Identifier values found in a row. Never logged, never stored, never echoed. */
export interface IdentifierFields {
  nhsNumber?: string;
  hospitalNumber?: string;
  patientName?: string;
  dateOfBirth?: string;
  address?: string;
  patientPostcode?: string;
  phone?: string;
  email?: string;
  nextOfKin?: string;
}

export type IdentifierField = keyof IdentifierFields;

export interface ExtractRow {
  /** 1-based physical line where the row starts. */
  line: number;
  siteCode: string;
  /** The hospital's attendance reference, if sent (treated as sensitive: the de-identify stage keys it). */
  attendanceId: string | null;
  arrival: LocalDateTime | null;
  assault: LocalDateTime;
  /** Free text as sent (may hold identifiers until scrubbed). */
  assaultMethodText: string;
  weapon: WeaponCategory;
  assaultMethodOther: string | null;
  locationTypeText: string;
  locationType: LocationTypeCategory;
  /** Free text as sent (may hold identifiers until scrubbed). */
  locationDescription: string | null;
  /** A postcode sent in its own column for the assault location (not the patient's home). */
  locationPostcode: string | null;
  /** Place-of-injury coordinates (WGS84) when sent and plausible; used by the geocoder when inside the area, never stored as sent. */
  locationPoint: { longitude: number; latitude: number } | null;
  assailantCount: number | null;
  assailantRelationship: RelationshipCategory | null;
  reportedToPolice: boolean | null;
  wantsPoliceInformed: boolean | null;
  age: number | null;
  sex: Sex | null;
  alcoholInvolved: boolean | null;
  identifiers: IdentifierFields;
}

/** How the header of one file was understood. */
export interface HeaderMapping {
  /** Source header → canonical field, identifier field, or null when the column is dropped. */
  columns: Array<{
    index: number;
    sourceHeader: string;
    target: { kind: 'canonical'; field: string } | { kind: 'identifier'; field: IdentifierField } | { kind: 'dropped' };
  }>;
  /** Source headers of columns that were not part of the contract (dropped; named in the DQ report). */
  droppedColumns: string[];
  /** Source headers recognised as identifiers (dropped after de-identification; named in the DQ report). */
  identifierColumns: string[];
}
