/**
 * Queries about which extracts the store holds, by site and month, and the
 * late-extract register (table late_extracts of migration 002). The writing of
 * extracts themselves is extract-writer.ts.
 */
import { z } from 'zod';
import type { StoreDatabase } from './open.ts';

/** The ids of the current extracts whose reporting period is `month`, ascending. */
export function currentExtractIds(store: StoreDatabase, month: string): number[] {
  return store.prepare("SELECT id FROM extracts WHERE period = ? AND status = 'current' ORDER BY id").pluck().all(month) as number[];
}

/** The site codes of the given extracts. */
export function sitesOfExtracts(store: StoreDatabase, ids: number[]): Set<string> {
  const sites = new Set<string>();
  const query = store.prepare('SELECT site_code FROM extracts WHERE id = ?').pluck();
  for (const id of ids) {
    const site = query.get(id) as string | undefined;
    if (site !== undefined) sites.add(site);
  }
  return sites;
}

/** The earliest reporting month of any extract (current or superseded), or null for an empty store. */
export function earliestExtractPeriod(store: StoreDatabase): string | null {
  return (store.prepare('SELECT MIN(period) FROM extracts').pluck().get() as string | null | undefined) ?? null;
}

const siteMonthRows = z.array(z.object({ site_code: z.string(), period: z.string() }));

/** "SITE YYYY-MM" for every site-month from `firstMonth` on with any extract, current or superseded. */
export function siteMonthsReceived(store: StoreDatabase, firstMonth: string): Set<string> {
  const rows = siteMonthRows.parse(store.prepare('SELECT DISTINCT site_code, period FROM extracts WHERE period >= ?').all(firstMonth));
  return new Set(rows.map((row) => `${row.site_code} ${row.period}`));
}

/** A site-month noticed late: the reporting month, and the last day the extract was on time (YYYY-MM-DD). */
export interface LateSiteMonth {
  siteCode: string;
  period: string;
  dueOn: string;
}

export interface LateArrival extends LateSiteMonth {
  arrivedAt: Date;
}

const lateRow = z.object({ site_code: z.string(), period: z.string(), due_on: z.string(), arrived_at: z.string() });
const toLateArrival = (row: z.output<typeof lateRow>): LateArrival => ({ siteCode: row.site_code, period: row.period, dueOn: row.due_on, arrivedAt: new Date(row.arrived_at) });

/**
 * Brings the late_extracts table up to date: notes site-months newly late and
 * stamps the arrival of those that have come since. Returns what changed.
 */
export function recordLateExtracts<T extends LateSiteMonth>(store: StoreDatabase, late: T[], now: Date): { newlyLate: T[]; arrived: LateArrival[] } {
  return store.transaction(() => {
    const note = store.prepare('INSERT OR IGNORE INTO late_extracts (site_code, period, due_on, noticed_at) VALUES (?, ?, ?, ?)');
    const newlyLate = late.filter((entry) => note.run(entry.siteCode, entry.period, entry.dueOn, now.toISOString()).changes > 0);
    const arrived = store
      .prepare(
        `SELECT l.site_code, l.period, l.due_on, MIN(e.received_at) AS arrived_at FROM late_extracts l
           JOIN extracts e ON e.site_code = l.site_code AND e.period = l.period
          WHERE l.arrived_at IS NULL GROUP BY l.site_code, l.period`,
      )
      .all()
      .map((row) => lateRow.parse(row));
    // The arrival is stamped with the extract's own received_at text, as stored.
    const stamp = store.prepare('UPDATE late_extracts SET arrived_at = ? WHERE site_code = ? AND period = ?');
    for (const row of arrived) stamp.run(row.arrived_at, row.site_code, row.period);
    return { newlyLate, arrived: arrived.map(toLateArrival) };
  })();
}

/**
 * Extracts that arrived after being noticed late, most recent first. Read live
 * from the extracts, so an arrival shows before the next check stamps it.
 */
export function listLateArrivals(store: StoreDatabase): LateArrival[] {
  return store
    .prepare(
      `SELECT l.site_code, l.period, l.due_on, COALESCE(l.arrived_at, MIN(e.received_at)) AS arrived_at FROM late_extracts l
         JOIN extracts e ON e.site_code = l.site_code AND e.period = l.period
        GROUP BY l.site_code, l.period ORDER BY arrived_at DESC`,
    )
    .all()
    .map((row) => toLateArrival(lateRow.parse(row)));
}
