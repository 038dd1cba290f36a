/**
 * Queries about the de-identified records the store holds. The aggregate stage
 * reads records for its tables itself (its read queries); the record writes are
 * extract-writer.ts.
 */
import { z } from 'zod';
import type { StoreDatabase } from './open.ts';

/**
 * A record's columns as SQLite returns them (snake_case, as in migrations/):
 * the one description of the row that a query over `records` or
 * `current_records` picks its columns from (`recordRow.pick`, or the type).
 */
export const recordRow = z.object({
  id: z.number().int(),
  extract_id: z.number().int(),
  site_code: z.string(),
  assault_date: z.string(),
  assault_month: z.string(),
  assault_weekday: z.number().int(),
  assault_hour: z.number().int().nullable(),
  weapon: z.string(),
  location_type: z.string(),
  location_text: z.string().nullable(),
  // The geocoder's answer, as stored.
  geocode_outcome: z.string(),
  geocode_method: z.string(),
  geocode_confidence: z.number(),
  matched_id: z.string().nullable(),
  matched_name: z.string().nullable(),
  longitude: z.number().nullable(),
  latitude: z.number().nullable(),
  lsoa_code: z.string().nullable(),
  ward_code: z.string().nullable(),
});
export type RecordRow = z.infer<typeof recordRow>;

/** The months (YYYY-MM) in which a current record's assault happened, oldest first. */
export function monthsWithRecords(store: StoreDatabase): string[] {
  return store.prepare('SELECT DISTINCT assault_month FROM current_records ORDER BY assault_month').pluck().all() as string[];
}
