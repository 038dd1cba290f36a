/**
 * The report stage's view of an open store (src/report/report-store.ts):
 * the aggregate and store queries it may run, bound to the database here, where
 * the pipeline composes the stages, so that no report file holds the handle.
 */
import { monthAlerts } from '../aggregate/alerts/month-alerts.ts';
import { packReads } from '../aggregate/pack-reads.ts';
import type { ReportStore } from '../report/report-store.ts';
import { extractReceipts, refusedFiles } from '../store/coverage.ts';
import { acquireLock } from '../store/locks.ts';
import type { StoreDatabase } from '../store/open.ts';

export function reportStoreOf(store: StoreDatabase): ReportStore {
  return {
    reads: packReads(store),
    extractReceipts: () => extractReceipts(store),
    refusedFiles: () => refusedFiles(store),
    monthAlerts: (input) => monthAlerts({ ...input, store }),
    snapshot: (work) => store.transaction(work)(),
    acquireLock: (name, options) => acquireLock(store, name, options),
  };
}
