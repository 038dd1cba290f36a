/**
 * The extract contract for one row, as a zod schema. Mandatory ISTV items
 * (site, assault date, assault method, location type) that are missing or
 * unreadable are errors and reject the row; an optional item that is unreadable
 * is a warning, dropped to null, and the row goes on. Problems come back as data
 * (RowIssue[]), never as exceptions, and never quote identifiers or free text.
 */
import { z } from 'zod';
import {
  LOCATION_TYPE_CATEGORIES, WEAPON_CATEGORIES,
  createCodeMatcher, locationTypeCodeList, relationshipCodeList, weaponCodeList,
  type CodeMatcher, type LocationTypeCategory, type RelationshipCategory, type WeaponCategory,
} from '../../schemas/code-lists.ts';
import type { SiteConfig } from '../config/sites.ts';
import { daysBetween, minutesBetween, parseDate, parseDateTime, parseTime } from './dates.ts';
import { memoise } from '../lib/bounded-memo.ts';
import { normalisePostcode } from '../lib/postcode.ts';
import { isSafeToEcho, readAge, readAssailantCount, readSex, readYesNo, type FieldResult } from './fields.ts';
import type { InputColumn } from '../../schemas/columns.ts';
import type { ExtractRow, IdentifierFields, LocalDateTime, RowIssue, RowIssueCode } from './types.ts';

/** A row as read from the file: canonical column → raw text (absent when the file has no such column). */
export type RawRow = Partial<Record<InputColumn, string>>;

/** Longest free text kept (ECDS allows 255 for the location description; a little slack for notes). */
export const MAX_FREE_TEXT = 500;
/** An assault reported this long before arrival is flagged for the hospital to check. */
export const LONG_BEFORE_ARRIVAL_DAYS = 30;

interface IssueParams {
  code: RowIssueCode;
  severity: 'error' | 'warning';
}

function quoted(value: string): string {
  return isSafeToEcho(value) ? ` '${value}'` : '';
}

function blank(value: string | undefined): value is undefined {
  return value === undefined || value.trim() === '';
}

export interface RowSchemaOptions {
  /** Configured sites by code; a row naming another site is rejected. */
  sites: ReadonlyMap<string, SiteConfig>;
  /** Site code to use when the file has no site column (from the file name). */
  defaultSiteCode: string | null;
  /** Today's date in Europe/London, YYYY-MM-DD: later assault or arrival dates are rejected. */
  today: string;
}

type Matcher<C extends string> = Pick<CodeMatcher<C>, 'match'>;

interface SiteMatchers {
  weapon: Matcher<WeaponCategory>;
  locationType: Matcher<LocationTypeCategory>;
  relationship: Matcher<RelationshipCategory>;
}

/**
 * Distinct values per column in one extract are few (a code list, a handful of
 * spellings), so each reader remembers its answers: the same few hundred
 * strings recur across a million rows.
 */
const MEMO_ENTRIES = 10_000;

function remembering<C extends string>(matcher: CodeMatcher<C>): Matcher<C> {
  return { match: memoise((value) => matcher.match(value), MEMO_ENTRIES) };
}

const codeValuePattern = /^[A-Za-z]?\d{1,3}[A-Za-z]?$/;

/** Maps a coded value; an unmatched short code is unknown, unmatched free text is "other". */
function mapCode<C extends string>(matcher: Matcher<C>, value: string, unknown: C, other: C): { category: C; matched: boolean } {
  const category = matcher.match(value);
  if (category !== null) return { category, matched: true };
  return { category: codeValuePattern.test(value.trim()) ? unknown : other, matched: false };
}

/** The state of one row's check: warnings kept aside, errors reported to zod. */
interface RowCheck {
  warnings: RowIssue[];
  context: z.RefinementCtx;
}

// Module-level rather than closures inside the transform: a closure made per row
// is a measurable share of validating a million-row file.
function problem(check: RowCheck, field: string | null, code: RowIssueCode, message: string, severity: 'error' | 'warning' = 'error'): void {
  const params: IssueParams = { code, severity };
  if (severity === 'warning') {
    check.warnings.push({ file: '', line: 0, field, code, message, severity });
  } else {
    check.context.issues.push({ code: 'custom', message, path: field === null ? [] : [field], params, input: undefined });
  }
}

function optional<T>(check: RowCheck, field: string, result: FieldResult<T>): T | null {
  if (result.ok) return result.value;
  problem(check, field, result.code, `${field} is not understood; expected ${result.expected}; the value was dropped`, 'warning');
  return null;
}

const NO_IDENTIFIERS: IdentifierFields = Object.freeze({});

/** Column names as constants: a name built per row must be looked up in V8's string table each time. */
const DATE_COLUMNS = {
  assault: { dateTime: 'assault_datetime', date: 'assault_date', time: 'assault_time' },
  arrival: { dateTime: 'arrival_datetime', date: 'arrival_date', time: 'arrival_time' },
} as const;

function dateWithoutTime(date: string | null): LocalDateTime | null {
  return date === null ? null : { date, time: null };
}

function readDateTime(check: RowCheck, raw: RawRow, prefix: 'assault' | 'arrival', mandatory: boolean): LocalDateTime | null {
  const columns = DATE_COLUMNS[prefix];
  const combined = raw[columns.dateTime];
  const datePart = raw[columns.date];
  const timePart = raw[columns.time];
  const severity = mandatory ? 'error' : 'warning';
  if (!blank(combined)) {
    const value = parseDateTime(combined);
    if (value === null) {
      problem(check, `${prefix}_datetime`, 'invalid_date', `${prefix}_datetime${quoted(combined.trim())} is not a date and time; expected DD/MM/YYYY HH:MM, YYYY-MM-DDTHH:MM or an Excel date number`, severity);
      return null;
    }
    if (value.time === null && !blank(timePart)) {
      const time = parseTime(timePart);
      if (time === null) problem(check, `${prefix}_time`, 'invalid_time', `${prefix}_time${quoted(timePart.trim())} is not a time of day; expected HH:MM; the time was dropped`, 'warning');
      return { date: value.date, time };
    }
    return value;
  }
  if (!blank(datePart)) {
    // A date column may itself carry a time (some systems export "22/11/2026 00:00").
    const value = parseDateTime(datePart) ?? dateWithoutTime(parseDate(datePart));
    if (value === null) {
      problem(check, `${prefix}_date`, 'invalid_date', `${prefix}_date${quoted(datePart.trim())} is not a date; expected DD/MM/YYYY or YYYY-MM-DD`, severity);
      return null;
    }
    if (blank(timePart)) return { date: value.date, time: value.time !== '00:00' ? value.time : null };
    const time = parseTime(timePart) ?? parseDateTime(timePart)?.time ?? null;
    if (time === null) problem(check, `${prefix}_time`, 'invalid_time', `${prefix}_time${quoted(timePart.trim())} is not a time of day; expected HH:MM; the time was dropped`, 'warning');
    return { date: value.date, time };
  }
  if (mandatory) problem(check, `${prefix}_datetime`, 'required', `${prefix}_datetime is required (the ${prefix} date, with the time if known)`);
  return null;
}

export function createRowSchema(options: RowSchemaOptions) {
  const matchersBySite = new Map<string, SiteMatchers>();
  for (const [code, site] of options.sites) {
    matchersBySite.set(code, {
      weapon: remembering(createCodeMatcher(weaponCodeList, site.codeMappings.weapon)),
      locationType: remembering(createCodeMatcher(locationTypeCodeList, site.codeMappings.locationType)),
      relationship: remembering(createCodeMatcher(relationshipCodeList, site.codeMappings.relationship)),
    });
  }
  const yesNo = memoise(readYesNo, MEMO_ENTRIES);
  const sex = memoise(readSex, MEMO_ENTRIES);
  const age = memoise(readAge, MEMO_ENTRIES);
  const assailantCount = memoise(readAssailantCount, MEMO_ENTRIES);
  const text = z.string().optional();

  return z
    .object({
      site_code: text, attendance_id: text, arrival_datetime: text, arrival_date: text, arrival_time: text,
      assault_datetime: text, assault_date: text, assault_time: text, assault_method: text, assault_method_other: text,
      location_type: text, location_description: text, location_postcode: text, assailant_count: text,
      assailant_relationship: text, reported_to_police: text, wants_police_informed: text, age: text, sex: text,
      alcohol_involved: text,
    })
    .transform((raw, context) => {
      const check: RowCheck = { warnings: [], context };

      // Site
      const siteCode = (blank(raw.site_code) ? options.defaultSiteCode ?? '' : raw.site_code.trim()).toUpperCase();
      let matchers: SiteMatchers | undefined;
      if (siteCode === '') problem(check, 'site_code', 'required', 'site_code is required (an ODS site code such as RKEQ4), or name the site in the file name');
      else if (!/^[A-Z0-9]{3,12}$/.test(siteCode)) problem(check, 'site_code', 'invalid_site_code', `site_code${quoted(siteCode)} is not an ODS site code (3 to 12 letters or digits)`);
      else {
        matchers = matchersBySite.get(siteCode);
        if (!matchers) problem(check, 'site_code', 'unknown_site', `site_code '${siteCode}' is not a site in the config`);
      }

      // Dates
      const assault = readDateTime(check, raw, 'assault', true);
      const arrival = readDateTime(check, raw, 'arrival', false);
      if (assault && assault.date > options.today) problem(check, 'assault_datetime', 'future_date', `assault_datetime ${assault.date} is in the future`);
      if (arrival && arrival.date > options.today) problem(check, 'arrival_datetime', 'future_date', `arrival_datetime ${arrival.date} is in the future`);
      if (assault && arrival) {
        const minutes = minutesBetween(assault, arrival);
        const assaultAfterArrival = minutes === null ? assault.date > arrival.date : minutes < 0;
        if (assaultAfterArrival) problem(check, 'assault_datetime', 'assault_after_arrival', 'assault_datetime is after arrival_datetime; one of them is wrong');
        else if (daysBetween(assault.date, arrival.date) > LONG_BEFORE_ARRIVAL_DAYS) {
          problem(check, 'assault_datetime', 'assault_long_before_arrival', `assault_datetime is more than ${LONG_BEFORE_ARRIVAL_DAYS} days before arrival; please check`, 'warning');
        }
      }

      // Assault method and location type (mandatory coded items)
      let weapon: WeaponCategory = 'unknown';
      const methodText = raw.assault_method?.trim() ?? '';
      const methodOther = blank(raw.assault_method_other) ? null : raw.assault_method_other.trim().slice(0, MAX_FREE_TEXT);
      if (methodText === '') problem(check, 'assault_method', 'required', 'assault_method is required (the weapon or body part; "unknown" if not known)');
      else if (matchers) {
        const mapped = mapCode(matchers.weapon, methodText, 'unknown', 'other');
        weapon = mapped.category;
        // "Other" with a description that names a known weapon is that weapon.
        if ((weapon === 'other' || !mapped.matched) && methodOther) {
          const fromOther = matchers.weapon.match(methodOther);
          if (fromOther && fromOther !== 'unknown') weapon = fromOther;
        }
        if (!mapped.matched && mapped.category === 'unknown') {
          // A code that no list knows is a missing mandatory item, not a weapon.
          problem(check, 'assault_method', 'unrecognised_code', `assault_method${quoted(methodText)} is a code in no code list or site codeMappings; expected one of ${WEAPON_CATEGORIES.join(', ')} or a mapped code`);
        } else if (!mapped.matched && weapon === mapped.category) {
          problem(check, 'assault_method', 'unrecognised_code', `assault_method is not in the code list; recorded as ${weapon}`, 'warning');
        }
      }
      let locationType: LocationTypeCategory = 'unknown';
      const locationTypeText = raw.location_type?.trim() ?? '';
      if (locationTypeText === '') problem(check, 'location_type', 'required', 'location_type is required ("unknown" if not known)');
      else if (matchers) {
        const mapped = mapCode(matchers.locationType, locationTypeText, 'unknown', 'other');
        locationType = mapped.category;
        if (!mapped.matched && mapped.category === 'unknown') {
          problem(check, 'location_type', 'unrecognised_code', `location_type${quoted(locationTypeText)} is a code in no code list or site codeMappings; expected one of ${LOCATION_TYPE_CATEGORIES.join(', ')} or a mapped code`);
        } else if (!mapped.matched) problem(check, 'location_type', 'unrecognised_code', `location_type is not in the code list; recorded as ${locationType}`, 'warning');
      }

      // Free text and optional items
      let locationDescription = blank(raw.location_description) ? null : raw.location_description.trim();
      if (locationDescription !== null && locationDescription.length > MAX_FREE_TEXT) {
        problem(check, 'location_description', 'too_long', `location_description is longer than ${MAX_FREE_TEXT} characters; it was cut`, 'warning');
        locationDescription = locationDescription.slice(0, MAX_FREE_TEXT);
      }
      let locationPostcode: string | null = null;
      if (!blank(raw.location_postcode)) {
        locationPostcode = normalisePostcode(raw.location_postcode);
        if (locationPostcode === null) problem(check, 'location_postcode', 'invalid_code', 'location_postcode is not a full UK postcode; it was dropped', 'warning');
      }
      let assailantRelationship: RelationshipCategory | null = null;
      if (!blank(raw.assailant_relationship) && matchers) {
        const mapped = mapCode(matchers.relationship, raw.assailant_relationship, 'unknown', 'other');
        assailantRelationship = mapped.category;
        if (!mapped.matched) problem(check, 'assailant_relationship', 'unrecognised_code', `assailant_relationship is not in the code list; recorded as ${assailantRelationship}`, 'warning');
      }
      const attendanceId = blank(raw.attendance_id) ? null : raw.attendance_id.trim();

      if (!assault || !siteCode || !matchers) return z.NEVER;
      return {
        row: {
          // Filled in by validateRow; declared here so that every row object has one shape.
          line: 0,
          identifiers: NO_IDENTIFIERS,
          siteCode,
          attendanceId,
          arrival,
          assault,
          assaultMethodText: methodText,
          weapon,
          assaultMethodOther: methodOther,
          locationTypeText,
          locationType,
          locationDescription,
          locationPostcode,
          assailantCount: blank(raw.assailant_count) ? null : optional(check, 'assailant_count', assailantCount(raw.assailant_count)),
          assailantRelationship,
          reportedToPolice: blank(raw.reported_to_police) ? null : optional(check, 'reported_to_police', yesNo(raw.reported_to_police)),
          wantsPoliceInformed: blank(raw.wants_police_informed) ? null : optional(check, 'wants_police_informed', yesNo(raw.wants_police_informed)),
          age: blank(raw.age) ? null : optional(check, 'age', age(raw.age)),
          sex: blank(raw.sex) ? null : optional(check, 'sex', sex(raw.sex)),
          alcoholInvolved: blank(raw.alcohol_involved) ? null : optional(check, 'alcohol_involved', yesNo(raw.alcohol_involved)),
        },
        warnings: check.warnings,
      };
    });
}

export type RowSchema = ReturnType<typeof createRowSchema>;

export type RowValidation = { row: ExtractRow | null; issues: RowIssue[] };

/**
 * Validates one row. `line` is the physical line the row starts on; identifier
 * values ride along untouched (the de-identify stage derives from and drops them).
 */
export function validateRow(schema: RowSchema, file: string, line: number, raw: RawRow, identifiers: IdentifierFields): RowValidation {
  const result = schema.safeParse(raw);
  if (!result.success) {
    // Warnings raised before the failure are lost with zod's data; errors are what the hospital must fix first.
    const issues = result.error.issues.map((issue): RowIssue => {
      const params = (issue as { params?: IssueParams }).params;
      return {
        file,
        line,
        field: typeof issue.path[0] === 'string' ? issue.path[0] : null,
        code: params?.code ?? 'unparseable_row',
        message: issue.message,
        severity: 'error',
      };
    });
    return { row: null, issues };
  }
  const { row, warnings } = result.data;
  // The transform made this object for this row alone, so it is completed in place rather than copied.
  const extractRow: ExtractRow = row;
  extractRow.line = line;
  extractRow.identifiers = identifiers;
  return {
    row: extractRow,
    issues: warnings.length === 0 ? warnings : warnings.map((warning) => ({ ...warning, file, line })),
  };
}
