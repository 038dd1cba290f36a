/**
 * The data-quality measures of one extract, accumulated row by row as the file
 * streams past (memory does not grow with the file). The result is stored with
 * the extract (extracts.quality_json) and rendered back to the hospital.
 * Counts only: no value from the file is kept here.
 */
import { normaliseCodeText } from '../../schemas/code-lists.ts';
import { CANONICAL_COLUMNS } from './header.ts';
import type { ExtractRow, RowIssue } from './types.ts';

export interface DataQuality {
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  /** Rejected rows by the code of their first error. */
  rejectsByReason: Record<string, number>;
  /** Issues of every severity, by code. */
  issuesByCode: Record<string, number>;
  /** Issues by field and code, so a hospital sees which column to fix. */
  issuesByField: Record<string, Record<string, number>>;
  /** For each canonical field: rows (read) where it was present and valid. */
  completeness: Record<string, number>;
  /** Accepted rows whose location text is blank, or says unknown. */
  locationBlank: number;
  locationUnknown: number;
  /** Rows with an impossible or doubtful time (assault after arrival, future dates, long before arrival). */
  impossibleTimes: number;
  /** Accepted rows with the weapon known (not "unknown"). */
  weaponKnown: number;
  /** Accepted rows by geocode outcome. */
  geocodeOutcomes: Record<string, number>;
  /** Identifier-like tokens removed from free text, by kind; identifier columns dropped. */
  identifiersScrubbed: Record<string, number>;
  identifierColumnsDropped: string[];
  /** Columns outside the contract, dropped (header names only). */
  columnsDropped: string[];
  /** Earliest and latest assault dates among accepted rows. */
  assaultDateRange: { first: string | null; last: string | null };
}

const UNKNOWN_LOCATION = new Set(['unknown', 'unk', 'u k', 'n k', 'na', 'n a', 'not known', 'not stated', 'refused', 'declined', 'unkown', 'unkonwn', 'not given', 'pt unsure', 'dont know', '?', 'none', 'nil']);

const TIME_CODES = new Set(['assault_after_arrival', 'future_date', 'assault_long_before_arrival']);

function increment(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}

export class DataQualityAccumulator {
  private readonly quality: DataQuality;

  constructor(columnsDropped: string[], identifierColumnsDropped: string[]) {
    this.quality = {
      rowsRead: 0, rowsAccepted: 0, rowsRejected: 0,
      rejectsByReason: {}, issuesByCode: {}, issuesByField: {},
      completeness: Object.fromEntries(CANONICAL_COLUMNS.map((c) => [c, 0])),
      locationBlank: 0, locationUnknown: 0, impossibleTimes: 0, weaponKnown: 0,
      geocodeOutcomes: {}, identifiersScrubbed: {},
      identifierColumnsDropped, columnsDropped,
      assaultDateRange: { first: null, last: null },
    };
  }

  /** Counts one row read: its issues, and, when accepted, what it holds. */
  addRow(row: ExtractRow | null, issues: RowIssue[]): void {
    const q = this.quality;
    q.rowsRead += 1;
    const firstError = issues.find((issue) => issue.severity === 'error');
    if (row === null || firstError) {
      q.rowsRejected += 1;
      increment(q.rejectsByReason, firstError?.code ?? 'unparseable_row');
    } else {
      q.rowsAccepted += 1;
    }
    for (const issue of issues) {
      increment(q.issuesByCode, issue.code);
      q.issuesByField[issue.field ?? '(row)'] ??= {};
      increment(q.issuesByField[issue.field ?? '(row)']!, issue.code);
    }
    if (issues.some((issue) => TIME_CODES.has(issue.code))) q.impossibleTimes += 1;
    if (row === null) return;
    const present: Record<string, boolean> = {
      site_code: true,
      attendance_id: row.attendanceId !== null,
      arrival_datetime: row.arrival !== null,
      assault_datetime: true,
      assault_method: true,
      assault_method_other: row.assaultMethodOther !== null,
      location_type: true,
      location_description: row.locationDescription !== null,
      assailant_count: row.assailantCount !== null,
      assailant_relationship: row.assailantRelationship !== null,
      reported_to_police: row.reportedToPolice !== null,
      wants_police_informed: row.wantsPoliceInformed !== null,
      age: row.age !== null,
      sex: row.sex !== null,
      alcohol_involved: row.alcoholInvolved !== null,
    };
    for (const [field, isPresent] of Object.entries(present)) if (isPresent) increment(q.completeness, field);
    const location = normaliseCodeText(row.locationDescription ?? '');
    if (location === '') q.locationBlank += 1;
    else if (UNKNOWN_LOCATION.has(location)) q.locationUnknown += 1;
    if (row.weapon !== 'unknown') q.weaponKnown += 1;
    const date = row.assault.date;
    if (q.assaultDateRange.first === null || date < q.assaultDateRange.first) q.assaultDateRange.first = date;
    if (q.assaultDateRange.last === null || date > q.assaultDateRange.last) q.assaultDateRange.last = date;
  }

  /** Counts what later stages found in an accepted row. */
  addOutcome(geocodeOutcome: string, scrubbed: Record<string, number | undefined>): void {
    increment(this.quality.geocodeOutcomes, geocodeOutcome);
    for (const [kind, count] of Object.entries(scrubbed)) if (count) increment(this.quality.identifiersScrubbed, kind, count);
  }

  result(): DataQuality {
    return structuredClone(this.quality);
  }
}
