/**
 * Re-geocoding: when the gazetteer changes, every stored location is answered
 * again from its stored (scrubbed) text, and the records are updated in one
 * transaction. The aggregates follow, since every report is computed from the
 * records. A full postcode is never stored (only its sector), so a record placed
 * by its full postcode keeps its point and is only given the LSOA and ward the
 * new boundaries put it in.
 */
import { z } from 'zod';
import type { GeocodeResult, Geocoder } from '../geocode/types.ts';
import { placedAt } from '../geocode/results.ts';
import type { StoreDatabase } from './open.ts';
import { recordRow } from './records.ts';

export interface PointLocator {
  /** The LSOA and ward containing a point, or null outside every LSOA. */
  (longitude: number, latitude: number): { lsoaCode: string; wardCode: string | null } | null;
}

export interface RegeocodeSummary {
  gazetteerVersion: string;
  recordsChecked: number;
  recordsChanged: number;
  /** Outcome moves, e.g. { "no_match→street": 12 }. */
  outcomeChanges: Record<string, number>;
  /** Assault months whose records changed: their packs should be republished. */
  monthsChanged: string[];
}

const storedLocation = recordRow.pick({
  id: true, site_code: true, location_text: true, location_type: true, assault_month: true,
  geocode_outcome: true, geocode_method: true, geocode_confidence: true, matched_id: true, matched_name: true, longitude: true, latitude: true, lsoa_code: true, ward_code: true,
});
type StoredLocation = z.infer<typeof storedLocation>;

function sameAnswer(row: StoredLocation, result: GeocodeResult): boolean {
  return (
    row.geocode_outcome === result.outcome && row.geocode_method === result.method && row.matched_id === result.matchedId &&
    row.longitude === result.longitude && row.latitude === result.latitude && row.lsoa_code === result.lsoaCode && row.ward_code === result.wardCode &&
    Math.abs(row.geocode_confidence - result.confidence) < 1e-9
  );
}

export function regeocodeStore(database: StoreDatabase, geocoder: Geocoder, locate: PointLocator): RegeocodeSummary {
  const summary: RegeocodeSummary = { gazetteerVersion: geocoder.gazetteerVersion, recordsChecked: 0, recordsChanged: 0, outcomeChanges: {}, monthsChanged: [] };
  const months = new Set<string>();
  const update = database.prepare(`UPDATE records SET geocode_outcome = ?, geocode_method = ?, geocode_confidence = ?, matched_id = ?, matched_name = ?,
      longitude = ?, latitude = ?, lsoa_code = ?, ward_code = ?, gazetteer_version = ? WHERE id = ?`);
  const rows = database.prepare(`SELECT id, site_code, location_text, location_type, assault_month, geocode_outcome, geocode_method, geocode_confidence,
      matched_id, matched_name, longitude, latitude, lsoa_code, ward_code FROM records`);
  database.transaction(() => {
    // Collect first: better-sqlite3 does not allow writes while a statement is being iterated.
    const all = rows.all().map((row) => storedLocation.parse(row));
    for (const row of all) {
      summary.recordsChecked += 1;
      let result: GeocodeResult;
      // A postcode and recorded coordinates are not stored as sent, so their points are kept; only the LSOA is looked up again.
      if ((row.geocode_outcome === 'postcode' || row.geocode_outcome === 'coordinates') && row.longitude !== null && row.latitude !== null) {
        const where = locate(row.longitude, row.latitude);
        // A point the new gazetteer's LSOAs do not hold is no longer placed (placedAt says so).
        result = placedAt(row.geocode_outcome, row.geocode_method, row.geocode_confidence, {
          matchedId: row.matched_id, matchedName: row.matched_name,
          longitude: row.longitude, latitude: row.latitude, lsoaCode: where?.lsoaCode ?? null, wardCode: where?.wardCode ?? null,
        });
      } else {
        result = geocoder.geocode({
          text: row.location_text,
          siteCode: row.site_code,
          // A home stays a home: the de-identify stage removed the address that told it so.
          isHome: row.geocode_outcome === 'home' || row.location_type === 'home',
        });
      }
      if (sameAnswer(row, result)) continue;
      update.run(result.outcome, result.method, result.confidence, result.matchedId, result.matchedName, result.longitude, result.latitude, result.lsoaCode, result.wardCode, geocoder.gazetteerVersion, row.id);
      summary.recordsChanged += 1;
      months.add(row.assault_month);
      if (row.geocode_outcome !== result.outcome) {
        const move = `${row.geocode_outcome}→${result.outcome}`;
        summary.outcomeChanges[move] = (summary.outcomeChanges[move] ?? 0) + 1;
      }
    }
    database.prepare('UPDATE records SET gazetteer_version = ?').run(geocoder.gazetteerVersion);
  })();
  summary.monthsChanged = [...months].sort();
  return summary;
}
