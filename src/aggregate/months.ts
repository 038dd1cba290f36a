/**
 * Reporting months as `YYYY-MM` strings. Month arithmetic is done on the year
 * and month numbers, never through Date, so that time zones and daylight saving
 * cannot move a month boundary.
 */

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Throws when `value` is not a `YYYY-MM` month; the message carries the value (a month is never identifying). */
export function assertMonth(value: string): void {
  if (!MONTH_PATTERN.test(value)) throw new Error(`Expected a month as YYYY-MM, got: ${JSON.stringify(value)}`);
}

export function isMonth(value: string): boolean {
  return MONTH_PATTERN.test(value);
}

/** The month `offset` months after `month` (negative offsets go back). */
export function addMonths(month: string, offset: number): string {
  assertMonth(month);
  const year = Number(month.slice(0, 4));
  const index = year * 12 + (Number(month.slice(5, 7)) - 1) + offset;
  const newYear = Math.floor(index / 12);
  const newMonth = index - newYear * 12 + 1;
  return `${String(newYear).padStart(4, '0')}-${String(newMonth).padStart(2, '0')}`;
}

/** The `count` months ending with `month`, oldest first. */
export function monthsEnding(month: string, count: number): string[] {
  if (!Number.isInteger(count) || count < 1) throw new Error(`Expected a positive whole number of months, got: ${count}`);
  return Array.from({ length: count }, (_, index) => addMonths(month, index - count + 1));
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "November 2026". */
export function monthLabel(month: string): string {
  assertMonth(month);
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** "Nov 26", for chart axes. */
export function shortMonthLabel(month: string): string {
  assertMonth(month);
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]!.slice(0, 3)} ${month.slice(2, 4)}`;
}
