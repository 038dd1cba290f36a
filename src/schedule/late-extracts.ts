/**
 * Which site-months are still owed an extract. Every site is expected to send one
 * extract per reporting month, by a due day of the following month; one that has
 * not arrived by the end of that day is *late* and stays late until it arrives.
 * Before its due day has passed it is merely *awaited*.
 */
import { addMonths } from '../aggregate/months.ts';
import { earliestExtractPeriod, siteMonthsReceived, type LateSiteMonth } from '../store/extracts.ts';
import type { StoreDatabase } from '../store/open.ts';
import { daysBetween } from '../validate/dates.ts';
import { wallClock } from './calendar.ts';

export interface ExpectingSite {
  code: string;
  /** The site's own due day, overriding the default. */
  extractDueDay?: number | undefined;
}

export interface ExpectationRules {
  /** Day of the following month by which an extract is due. */
  dueDay: number;
  /** First month every site is expected to send; default: the earliest month any site has sent. */
  expectFrom?: string | undefined;
}

export interface OwedExtract extends LateSiteMonth {
  /** Whole days since `dueOn` (0 while awaited). */
  daysLate: number;
}

export interface OwedExtracts {
  late: OwedExtract[];
  awaited: OwedExtract[];
}

function localDate(now: Date, timezone: string): string {
  const clock = wallClock(now, timezone);
  return `${clock.year}-${String(clock.month).padStart(2, '0')}-${String(clock.day).padStart(2, '0')}`;
}

/** Site-months from the first expected month to the last complete one with no extract at all (current or superseded). */
export function owedExtracts(store: StoreDatabase, sites: ExpectingSite[], rules: ExpectationRules, now: Date, timezone: string): OwedExtracts {
  const today = localDate(now, timezone);
  const lastCompleteMonth = addMonths(today.slice(0, 7), -1);
  const firstMonth = rules.expectFrom ?? earliestExtractPeriod(store);
  const owed: OwedExtracts = { late: [], awaited: [] };
  if (firstMonth === null || firstMonth > lastCompleteMonth) return owed;

  const received = siteMonthsReceived(store, firstMonth);
  for (let period = firstMonth; period <= lastCompleteMonth; period = addMonths(period, 1)) {
    for (const site of sites) {
      if (received.has(`${site.code} ${period}`)) continue;
      const dueDay = site.extractDueDay ?? rules.dueDay;
      const dueOn = `${addMonths(period, 1)}-${String(dueDay).padStart(2, '0')}`;
      const entry = { siteCode: site.code, period, dueOn, daysLate: Math.max(0, daysBetween(dueOn, today)) };
      (today > dueOn ? owed.late : owed.awaited).push(entry);
    }
  }
  return owed;
}
