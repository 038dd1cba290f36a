/**
 * Figures derived from protected values after disclosure control: rates per
 * 1,000 residents and change between periods. They are computed from what the
 * release publishes, never from true counts, so a rate or a percentage change
 * cannot be worked back to a count the release suppressed or rounded.
 */
import { addMonths, monthLabel, monthsEnding } from '../aggregate/months.ts';
import type { ProtectedCell } from '../disclose/types.ts';
import type { Coverage } from './coverage.ts';
import type { ProtectedTableIndex } from './protected-table.ts';
import type { MapValue } from './render/map.ts';

/** Rates from counts under 10 are too unstable to publish (ONS / UKHSA practice). */
export const MINIMUM_COUNT_FOR_RATE = 10;

/** `minimumCount` comes from the audience's disclosure policy (null: every rate is shown). */
export function ratePer1000(cell: ProtectedCell, population: number | undefined, minimumCount: number | null = MINIMUM_COUNT_FOR_RATE): MapValue {
  if (population === undefined || population <= 0) return { value: null, display: 'no population' };
  if (cell.value === null || cell.value < (minimumCount ?? 0)) return { value: null, display: cell.value === 0 ? '0' : 'not shown' };
  const rate = (cell.value * 1000) / population;
  return { value: Math.round(rate * 10) / 10, display: rate.toFixed(1) };
}

export interface Change {
  label: string;
  current: string;
  base: string;
  /** "+12%", "−8%", "no change", or why it is not shown. */
  change: string;
}

const NO_DATA_CELL: ProtectedCell = { keys: {}, value: null, display: 'no data', status: 'published' };

/** `missingData`: why the periods cannot be compared (a month in either is partial or has no data), overriding the arithmetic. */
export function describeChange(label: string, current: ProtectedCell, base: ProtectedCell, missingData?: string): Change {
  let change: string;
  if (missingData) change = missingData;
  else if (current.value === null || base.value === null) change = 'not shown (a count is not published)';
  else if (base.value === 0) change = current.value === 0 ? 'no change' : 'not comparable (none before)';
  else {
    const percent = Math.round(((current.value - base.value) / base.value) * 100);
    change = percent === 0 ? 'no change' : `${percent > 0 ? '+' : '−'}${Math.abs(percent)}%`;
  }
  return { label, current: current.display, base: base.display, change };
}

/**
 * The three comparisons every pack opens with: against the previous month, the
 * same month last year, and the rolling twelve months against the twelve
 * before. `trend` is a month × … table over the months with data among at
 * least the last 13; `rolling` the rolling-years table. A month without data
 * shows as "no data" (never 0), and any comparison that takes in a partial
 * month or one without data is marked not comparable instead of computed.
 */
export function monthlyChanges(month: string, trend: ProtectedTableIndex, rolling: ProtectedTableIndex, coverage: Coverage): Change[] {
  const cellOf = (m: string) => (trend.has(trend.keysOf({ month: m })) ? trend.cell({ month: m }) : NO_DATA_CELL);
  const notComparable = (months: string[]) => coverage.notComparable([month, ...months]);
  const previous = addMonths(month, -1);
  const lastYear = addMonths(month, -12);
  const latestYear = monthsEnding(month, 12);
  const previousYear = monthsEnding(addMonths(month, -12), 12);
  return [
    describeChange(`${monthLabel(month)} against ${monthLabel(previous)}`, cellOf(month), cellOf(previous), notComparable([previous])),
    describeChange(`${monthLabel(month)} against ${monthLabel(lastYear)}`, cellOf(month), cellOf(lastYear), notComparable([lastYear])),
    describeChange('Twelve months to this month against the twelve before', rolling.cell({ period: 'latest-12' }), coverage.monthsWithData(previousYear).length === 0 ? NO_DATA_CELL : rolling.cell({ period: 'previous-12' }), coverage.notComparable([...previousYear, ...latestYear])),
  ];
}

/**
 * A statistic as a file shows it: six significant digits, more than any reader
 * can use. A float printed in full (0.33111523759068) carries digit runs long
 * enough to look like an identifier to a leak check, and claims a precision the
 * counts behind it do not have. Integers pass unchanged.
 */
export function significant(value: number, digits = 6): number {
  return Number.isInteger(value) || !Number.isFinite(value) ? value : Number(value.toPrecision(digits));
}

/** JSON.stringify replacer that writes every non-integer number with `significant`. */
export function significantNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' ? significant(value) : value;
}
