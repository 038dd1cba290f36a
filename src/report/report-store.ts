/**
 * What publishing may do with the store, handed in by whoever opened it (the
 * pipeline's context composes it, src/pipeline/report-store.ts): the packs'
 * read queries, the coverage reads, the month's alerts, one snapshot for every
 * pack, and the data-dir lock. The report stage never holds the database
 * handle, so it cannot run a statement the store and aggregate stages have not
 * written.
 */
import type { MonthAlerts, MonthAlertsInput } from '../aggregate/alerts/month-alerts.ts';
import type { PackReads } from '../aggregate/pack-reads.ts';
import type { ExtractReceipt, RefusedFile } from '../store/coverage.ts';
import type { AcquireLockOptions, HeldLock, LockName } from '../store/locks.ts';

export interface ReportStore {
  /** The read queries the packs count from. */
  reads: PackReads;
  /** The current extract of every site and month (src/store/coverage.ts). */
  extractReceipts(): ExtractReceipt[];
  /** Every file refused at intake, oldest first (src/store/coverage.ts). */
  refusedFiles(): RefusedFile[];
  /** This month's alerts for the area, its wards and its premises (src/aggregate/alerts). */
  monthAlerts(input: Omit<MonthAlertsInput, 'store'>): MonthAlerts;
  /** Runs `work` in one transaction: every read inside sees the same store, whatever an ingest alongside writes. */
  snapshot<T>(work: () => T): T;
  /** Takes a store lock, waiting while a live owner holds it (src/store/locks.ts). */
  acquireLock(name: LockName, options: AcquireLockOptions): Promise<HeldLock>;
}
