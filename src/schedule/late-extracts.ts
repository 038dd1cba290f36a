/**
 * Which site-months are still owed an extract. Every site is expected to send one
 * extract per reporting month, by a due day of the following month; one that has
 * not arrived by the end of that day is *late* and stays late until it arrives.
 * Before its due day has passed it is merely *awaited*.
 */
import { addMonths } from '../aggregate/months.ts';
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

export interface OwedExtract {
  siteCode: string;
  /** The reporting month, YYYY-MM. */
  period: string;
  /** The last day the extract was on time, YYYY-MM-DD. */
  dueOn: string;
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
  const earliest = store.prepare('SELECT MIN(period) AS period FROM extracts').get() as { period: string | null };
  const firstMonth = rules.expectFrom ?? earliest.period;
  const owed: OwedExtracts = { late: [], awaited: [] };
  if (firstMonth === null || firstMonth > lastCompleteMonth) return owed;

  const received = new Set(
    (store.prepare('SELECT DISTINCT site_code, period FROM extracts WHERE period >= ?').all(firstMonth) as Array<{ site_code: string; period: string }>).map(
      (row) => `${row.site_code} ${row.period}`,
    ),
  );
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

export interface LateArrival {
  siteCode: string;
  period: string;
  dueOn: string;
  arrivedAt: Date;
}

/**
 * Brings the late_extracts table up to date: notes site-months newly late and
 * stamps the arrival of those that have come since. Returns what changed.
 */
export function recordLateExtracts(store: StoreDatabase, late: OwedExtract[], now: Date): { newlyLate: OwedExtract[]; arrived: LateArrival[] } {
  return store.transaction(() => {
    const newlyLate = late.filter(
      (entry) =>
        store
          .prepare('INSERT OR IGNORE INTO late_extracts (site_code, period, due_on, noticed_at) VALUES (?, ?, ?, ?)')
          .run(entry.siteCode, entry.period, entry.dueOn, now.toISOString()).changes > 0,
    );
    const arrivedRows = store
      .prepare(
        `SELECT l.site_code, l.period, l.due_on, MIN(e.received_at) AS received_at FROM late_extracts l
           JOIN extracts e ON e.site_code = l.site_code AND e.period = l.period
          WHERE l.arrived_at IS NULL GROUP BY l.site_code, l.period`,
      )
      .all() as Array<{ site_code: string; period: string; due_on: string; received_at: string }>;
    const stamp = store.prepare('UPDATE late_extracts SET arrived_at = ? WHERE site_code = ? AND period = ?');
    const arrived = arrivedRows.map((row) => {
      stamp.run(row.received_at, row.site_code, row.period);
      return { siteCode: row.site_code, period: row.period, dueOn: row.due_on, arrivedAt: new Date(row.received_at) };
    });
    return { newlyLate, arrived };
  })();
}

/**
 * Extracts that arrived after being noticed late, most recent first. Read live
 * from the extracts, so an arrival shows before the next check stamps it.
 */
export function listLateArrivals(store: StoreDatabase): LateArrival[] {
  const rows = store
    .prepare(
      `SELECT l.site_code, l.period, l.due_on, COALESCE(l.arrived_at, MIN(e.received_at)) AS arrived_at FROM late_extracts l
         JOIN extracts e ON e.site_code = l.site_code AND e.period = l.period
        GROUP BY l.site_code, l.period ORDER BY arrived_at DESC`,
    )
    .all() as Array<{ site_code: string; period: string; due_on: string; arrived_at: string }>;
  return rows.map((row) => ({ siteCode: row.site_code, period: row.period, dueOn: row.due_on, arrivedAt: new Date(row.arrived_at) }));
}
