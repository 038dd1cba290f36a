/**
 * Queries about the de-identified records the store holds. The aggregate stage
 * reads records for its tables itself (its read queries); the record writes are
 * extract-writer.ts.
 */
import type { StoreDatabase } from './open.ts';

/**
 * A record's columns as SQLite returns them (snake_case, as in
 * migrations/): the one description of the row that a query over `records`
 * or `current_records` picks its columns from.
 */
export interface RecordRow {
  id: number;
  extract_id: number;
  site_code: string;
  assault_date: string;
  assault_month: string;
  assault_weekday: number;
  assault_hour: number | null;
  weapon: string;
  location_type: string;
  location_text: string | null;
  // The geocoder's answer, as stored.
  geocode_outcome: string;
  geocode_method: string;
  geocode_confidence: number;
  matched_id: string | null;
  matched_name: string | null;
  longitude: number | null;
  latitude: number | null;
  lsoa_code: string | null;
  ward_code: string | null;
}

/** The months (YYYY-MM) in which a current record's assault happened, oldest first. */
export function monthsWithRecords(store: StoreDatabase): string[] {
  return store.prepare('SELECT DISTINCT assault_month FROM current_records ORDER BY assault_month').pluck().all() as string[];
}
