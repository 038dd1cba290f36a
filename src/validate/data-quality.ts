/**
 * The data-quality measures of one extract, accumulated row by row as the file
 * streams past (memory does not grow with the file). The result is stored with
 * the extract (extracts.quality_json) and rendered back to the hospital.
 * Counts only: no value from the file is kept here.
 */
import { normaliseCodeText } from '../../schemas/code-lists.ts';
import { CANONICAL_COLUMNS } from '../../schemas/columns.ts';
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

const LONGEST_UNKNOWN = Math.max(...[...UNKNOWN_LOCATION].map((text) => text.replace(/[^a-z0-9]/g, '').length));

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
    let firstError: RowIssue | undefined;
    let timeIssue = false;
    for (const issue of issues) {
      if (firstError === undefined && issue.severity === 'error') firstError = issue;
      if (TIME_CODES.has(issue.code)) timeIssue = true;
      increment(q.issuesByCode, issue.code);
      const field = issue.field ?? '(row)';
      increment((q.issuesByField[field] ??= {}), issue.code);
    }
    if (row === null || firstError) {
      q.rowsRejected += 1;
      increment(q.rejectsByReason, firstError?.code ?? 'unparseable_row');
    } else {
      q.rowsAccepted += 1;
    }
    if (timeIssue) q.impossibleTimes += 1;
    if (row === null) return;
    // Written out field by field: this runs once per row of a million-row file.
    const completeness = q.completeness;
    completeness.site_code! += 1;
    completeness.assault_datetime! += 1;
    completeness.assault_method! += 1;
    completeness.location_type! += 1;
    if (row.attendanceId !== null) completeness.attendance_id! += 1;
    if (row.arrival !== null) completeness.arrival_datetime! += 1;
    if (row.assaultMethodOther !== null) completeness.assault_method_other! += 1;
    if (row.locationDescription !== null) completeness.location_description! += 1;
    if (row.assailantCount !== null) completeness.assailant_count! += 1;
    if (row.assailantRelationship !== null) completeness.assailant_relationship! += 1;
    if (row.reportedToPolice !== null) completeness.reported_to_police! += 1;
    if (row.wantsPoliceInformed !== null) completeness.wants_police_informed! += 1;
    if (row.age !== null) completeness.age! += 1;
    if (row.sex !== null) completeness.sex! += 1;
    if (row.alcoholInvolved !== null) completeness.alcohol_involved! += 1;
    const location = this.classifyLocation(row.locationDescription ?? '');
    if (location === 'blank') q.locationBlank += 1;
    else if (location === 'unknown') q.locationUnknown += 1;
    if (row.weapon !== 'unknown') q.weaponKnown += 1;
    const date = row.assault.date;
    if (q.assaultDateRange.first === null || date < q.assaultDateRange.first) q.assaultDateRange.first = date;
    if (q.assaultDateRange.last === null || date > q.assaultDateRange.last) q.assaultDateRange.last = date;
  }

  private classifyLocation(text: string): 'blank' | 'unknown' | 'given' {
    // Every "unknown" spelling has at most 10 letters or digits; most locations have far more,
    // and counting them is cheaper than normalising the text.
    let alphanumerics = 0;
    for (let index = 0; index < text.length && alphanumerics <= LONGEST_UNKNOWN; index += 1) {
      const code = text.charCodeAt(index);
      const lower = code | 32;
      // Only on letters may case be folded: `| 32` would also turn control characters into digits.
      if ((lower >= 97 && lower <= 122) || (code >= 48 && code <= 57)) alphanumerics += 1;
    }
    if (alphanumerics > LONGEST_UNKNOWN) return 'given';
    const location = normaliseCodeText(text);
    return location === '' ? 'blank' : UNKNOWN_LOCATION.has(location) ? 'unknown' : 'given';
  }

  /** Counts the identifiers the de-identify stage removed from an accepted row's free text. */
  addScrubbed(scrubbed: Record<string, number | undefined>): void {
    for (const kind in scrubbed) {
      const count = scrubbed[kind];
      if (count) increment(this.quality.identifiersScrubbed, kind, count);
    }
  }

  result(): DataQuality {
    return structuredClone(this.quality);
  }
}
