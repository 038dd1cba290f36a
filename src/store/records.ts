/**
 * Queries about the de-identified records the store holds. The aggregate stage
 * reads records for its tables itself (its read queries); the record writes are
 * extract-writer.ts.
 */
import type { StoreDatabase } from './open.ts';

/** The months (YYYY-MM) in which a current record's assault happened, oldest first. */
export function monthsWithRecords(store: StoreDatabase): string[] {
  return store.prepare('SELECT DISTINCT assault_month FROM current_records ORDER BY assault_month').pluck().all() as string[];
}
