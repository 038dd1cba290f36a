/**
 * Date and time values as hospitals send them. UK extracts put the day first
 * (22/11/2026), Excel exports may carry serial day numbers (46348.97), and ISO
 * forms appear from newer systems. Everything is read as Europe/London wall-clock
 * time: the hour of the assault is what matters, not the instant.
 */
import type { LocalDateTime } from './types.ts';

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};

function pad(value: number, width = 2): string {
  if (width === 2 && value >= 0 && value < 10) return `0${value}`;
  return String(value).padStart(width, '0');
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month === 2 && (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return 29;
  return DAYS_IN_MONTH[month - 1]!;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil): arithmetic, because building a Date per row is a large
 * share of validating a million-row file.
 */
function dayNumber(year: number, month: number, day: number): number {
  const shiftedYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(shiftedYear / 400);
  const yearOfEra = shiftedYear - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Day number of a YYYY-MM-DD string made by makeDate. */
function dayNumberOf(date: string): number {
  // Digits read in place: slicing and Number() here were a visible share of validation.
  return dayNumber(digitsAt(date, 0, 4), digitsAt(date, 5, 2), digitsAt(date, 8, 2));
}

/** The number written by `count` digits from `start`; NaN when any of them is not a digit. */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let index = start; index < start + count; index += 1) {
    const digit = text.charCodeAt(index) - 48;
    value = digit >= 0 && digit <= 9 ? value * 10 + digit : Number.NaN;
  }
  return value;
}

/**
 * The two shapes nearly every extract uses, read without regular expressions:
 * "2026-11-22 23:15" / "2026-11-22T23:15[:SS]" and "22/11/2026 23:15[:SS]".
 * Undefined means "not one of these shapes" (the general reader takes over);
 * null means the shape is right but the date or time does not exist.
 */
function parseCommonDateTime(text: string): LocalDateTime | null | undefined {
  if (text.length !== 16 && text.length !== 19) return undefined;
  const separator = text.charCodeAt(10);
  if (separator !== 32 && separator !== 84) return undefined;
  if (text.charCodeAt(13) !== 58 || (text.length === 19 && text.charCodeAt(16) !== 58)) return undefined;
  let year: number;
  let month: number;
  let day: number;
  if (text[4] === '-' && text[7] === '-') {
    year = digitsAt(text, 0, 4);
    month = digitsAt(text, 5, 2);
    day = digitsAt(text, 8, 2);
  } else if (text[2] === '/' && text[5] === '/' && separator === 32) {
    day = digitsAt(text, 0, 2);
    month = digitsAt(text, 3, 2);
    year = digitsAt(text, 6, 4);
  } else return undefined;
  const hours = digitsAt(text, 11, 2);
  const minutes = digitsAt(text, 14, 2);
  const seconds = text.length === 19 ? digitsAt(text, 17, 2) : 0;
  if (Number.isNaN(year + month + day + hours + minutes + seconds)) return undefined;
  const date = makeDate(year, month, day);
  const time = makeTime(hours, minutes, seconds);
  return date && time ? { date, time } : null;
}

/** A calendar date as YYYY-MM-DD, or null if it does not exist. */
export function makeDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1900 || year > 2100) return null;
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function expandYear(year: number, digits: number): number {
  if (digits !== 2) return year;
  // Two-digit years in an extract are recent: 00–69 → 2000s, 70–99 → 1900s (dates of birth).
  return year < 70 ? 2000 + year : 1900 + year;
}

/** HH:MM from hours/minutes, or null when out of range. 24:00 is read as 23:59 (some systems use it for end of day). */
function makeTime(hours: number, minutes: number, seconds = 0): string | null {
  if (hours === 24 && minutes === 0 && seconds === 0) return '23:59';
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59) return null;
  return `${pad(hours)}:${pad(minutes)}`;
}

const TIME_PATTERN = /^(\d{1,2})(?::|\.|h)?(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(am|pm)?$/i;

/** Reads a time of day: "23:15", "23.15", "2315", "23:15:00", "11:15 pm". Null when not a time. */
export function parseTime(value: string): string | null {
  const text = value.trim();
  if (text === '') return null;
  const match = TIME_PATTERN.exec(text);
  if (!match) return null;
  let hours = Number(match[1]);
  const minutes = Number(match[2]);
  const seconds = match[3] === undefined ? 0 : Number(match[3]);
  const meridiem = match[4]?.toLowerCase();
  if (meridiem) {
    if (hours < 1 || hours > 12) return null;
    if (meridiem === 'pm' && hours !== 12) hours += 12;
    if (meridiem === 'am' && hours === 12) hours = 0;
  }
  return makeTime(hours, minutes, seconds);
}

/** Excel's day zero is 1899-12-30 (it counts a 29 February 1900 that never was). */
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);

function fromExcelSerial(serial: number): LocalDateTime | null {
  // Serials for 1990..2100; anything else is more likely a stray number than a date.
  if (!(serial >= 32874 && serial < 73051)) return null;
  const wholeDays = Math.floor(serial);
  const minutesInDay = Math.round((serial - wholeDays) * 24 * 60);
  const day = new Date(EXCEL_EPOCH_UTC + wholeDays * 86_400_000);
  const date = makeDate(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
  if (date === null) return null;
  const hasTime = serial !== wholeDays;
  const clamped = Math.min(minutesInDay, 23 * 60 + 59);
  return { date, time: hasTime ? makeTime(Math.floor(clamped / 60), clamped % 60) : null };
}

function splitDateAndTime(text: string): [string, string] {
  // ISO "T" separator, or a space before something that looks like a time.
  const isoMatch = /^(\d{4}-\d{1,2}-\d{1,2})[T ](.+)$/.exec(text);
  if (isoMatch) return [isoMatch[1]!, isoMatch[2]!];
  const spaceMatch = /^(.+?)[ ,]+(\d{1,2}[:.h]\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:am|pm)?)$/i.exec(text);
  if (spaceMatch) return [spaceMatch[1]!, spaceMatch[2]!];
  return [text, ''];
}

/** Reads a date alone: "22/11/2026", "22-11-26", "2026-11-22", "22 Nov 2026", "22-Nov-2026", "20261122". */
export function parseDate(value: string): string | null {
  const text = value.trim().replace(/\s+/g, ' ');
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (match) return makeDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/.exec(text);
  if (match) return makeDate(expandYear(Number(match[3]), match[3]!.length), Number(match[2]), Number(match[1]));
  match = /^(\d{1,2})(?:st|nd|rd|th)?[- ]([a-z]{3,9})\.?[- ,]+(\d{2}|\d{4})$/i.exec(text);
  if (match) {
    const month = MONTHS[match[2]!.toLowerCase()];
    if (month === undefined) return null;
    return makeDate(expandYear(Number(match[3]), match[3]!.length), month, Number(match[1]));
  }
  match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (match) return makeDate(Number(match[1]), Number(match[2]), Number(match[3]));
  return null;
}

/**
 * Reads a date with an optional time. Returns null when the value is not a
 * date; a date whose time part is present but unreadable is also null (the
 * value is wrong, and half of it is not an answer).
 */
export function parseDateTime(value: string): LocalDateTime | null {
  const common = parseCommonDateTime(value);
  if (common !== undefined) return common;
  const text = value.trim().replace(/\s+/g, ' ');
  if (text === '') return null;
  if (/^\d{5}(\.\d+)?$/.test(text)) return fromExcelSerial(Number(text));
  // ISO with seconds, fractions or a zone: the wall-clock part is what was recorded.
  const iso = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (iso) {
    const date = parseDate(iso[1]!);
    const time = makeTime(Number(iso[2]), Number(iso[3]), iso[4] === undefined ? 0 : Number(iso[4]));
    return date && time ? { date, time } : null;
  }
  const [datePart, timePart] = splitDateAndTime(text);
  const date = parseDate(datePart);
  if (date === null) return null;
  if (timePart === '') return { date, time: null };
  const time = parseTime(timePart);
  return time === null ? null : { date, time };
}

/** Minutes between two local date-times (b − a), or null when either lacks a time. */
export function minutesBetween(a: LocalDateTime, b: LocalDateTime): number | null {
  if (a.time === null || b.time === null) return null;
  return minuteNumberOf(b.date, b.time) - minuteNumberOf(a.date, a.time);
}

/** Minutes since 1970-01-01 00:00 of a YYYY-MM-DD date and HH:MM time made by makeDate and makeTime. */
function minuteNumberOf(date: string, time: string): number {
  return dayNumberOf(date) * 1440 + digitsAt(time, 0, 2) * 60 + digitsAt(time, 3, 2);
}

/** Days between two local dates (b − a). */
export function daysBetween(a: string, b: string): number {
  return dayNumberOf(b) - dayNumberOf(a);
}

/** ISO weekday of a local date: 1 = Monday .. 7 = Sunday. */
export function isoWeekday(date: string): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((dayNumberOf(date) + 3) % 7) + 7) % 7) + 1;
}

/** Today's date in Europe/London, as YYYY-MM-DD. */
export function londonDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}
