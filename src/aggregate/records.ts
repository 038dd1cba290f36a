/**
 * Record-level data for police analysts (the Cardiff model proper): date, hour,
 * place and weapon of each assault, and nothing about the patient. The column
 * list is fixed here so that no demographic or free-text field can slip in.
 */
import type { StoreDatabase } from '../store/open.ts';
import { recordRow } from '../store/records.ts';
import { assertMonth } from './months.ts';

export interface PoliceRecord {
  /** Sequence number within the release; not a key to anything in the store. */
  ref: number;
  assaultDate: string;
  assaultHour: number | null;
  weekday: number;
  weapon: string;
  locationType: string;
  geocodeOutcome: string;
  /** The premises, street or landmark the location matched (a gazetteer name, not the patient's words). */
  placeName: string | null;
  lsoaCode: string | null;
  wardCode: string | null;
  longitude: number | null;
  latitude: number | null;
}

/** Outcomes whose point is a public place that may be shared; a home never is. */
const SHAREABLE_POINT_OUTCOMES = new Set(['premises', 'landmark', 'junction', 'street', 'postcode_sector', 'area']);

const policeRecordRow = recordRow.pick({
  assault_date: true, assault_hour: true, assault_weekday: true, weapon: true, location_type: true, geocode_outcome: true,
  matched_name: true, lsoa_code: true, ward_code: true, longitude: true, latitude: true,
});

export function policeRecords(store: StoreDatabase, month: string): PoliceRecord[] {
  assertMonth(month);
  const rows = store
    .prepare(
      `SELECT assault_date, assault_hour, assault_weekday, weapon, location_type, geocode_outcome, matched_name, lsoa_code, ward_code, longitude, latitude
       FROM current_records WHERE assault_month = ? ORDER BY assault_date, assault_hour, id`,
    )
    .all(month)
    .map((row) => policeRecordRow.parse(row));
  return rows.map((row, index) => {
    // A point from a full postcode can sit on a handful of homes; the LSOA is shared instead.
    const pointShareable = SHAREABLE_POINT_OUTCOMES.has(row.geocode_outcome) && row.location_type !== 'home';
    return {
      ref: index + 1,
      assaultDate: row.assault_date,
      assaultHour: row.assault_hour,
      weekday: row.assault_weekday,
      weapon: row.weapon,
      locationType: row.location_type,
      geocodeOutcome: row.geocode_outcome,
      placeName: pointShareable && row.geocode_outcome !== 'postcode_sector' && row.geocode_outcome !== 'area' ? row.matched_name : null,
      lsoaCode: row.lsoa_code,
      wardCode: row.ward_code,
      // Six decimals (about 10 cm) is all the geocoder's precision supports.
      longitude: pointShareable && row.longitude !== null ? Number(row.longitude.toFixed(6)) : null,
      latitude: pointShareable && row.latitude !== null ? Number(row.latitude.toFixed(6)) : null,
    };
  });
}
