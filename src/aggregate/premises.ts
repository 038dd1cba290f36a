/**
 * Attributing assaults to licensed premises, for the licensing pack. An
 * assault is attributed to a premises when the geocoder matched the premises
 * itself ("inside" when the hospital recorded licensed or commercial premises
 * as the location type, "outside" otherwise, as in "o/s the Swan"), or when it
 * was placed precisely (a junction, landmark or full postcode) in a public
 * place within `nearMetres` of the premises' point ("near"; the nearest
 * premises wins). A street match is not precise enough: its point stands for
 * the whole street, and a pub near that point would collect every assault on
 * the High Road. A location naming another premises is that premises' own.
 */
import { metresBetween as metres } from '../lib/distance.ts';
import type { CountTable, Dimension } from './table.ts';
import type { StoreDatabase } from '../store/open.ts';
import { countItems, placeholders, tableFromCounts } from './count-table.ts';
import { UNKNOWN, hourDimension, monthDimension, weekdayDimension } from './dimensions.ts';
import { assertMonth } from './months.ts';

export interface PremisesPoint {
  id: string;
  name: string;
  longitude: number;
  latitude: number;
}

export type AttributionKind = 'inside' | 'outside' | 'near';

export interface AttributedAssault {
  premisesId: string;
  how: AttributionKind;
  month: string;
  weekday: number;
  hour: number | null;
  weapon: string;
  /** Scrubbed location text as the hospital wrote it (identifiers already removed by de-identify). */
  locationText: string | null;
  geocodeMethod: string;
  confidence: number;
  /** Metres from the premises' point; 0 for a match on the premises itself. */
  distanceMetres: number;
}

interface AttributionRow {
  assault_month: string;
  assault_weekday: number;
  assault_hour: number | null;
  weapon: string;
  location_type: string;
  location_text: string | null;
  geocode_outcome: string;
  geocode_method: string;
  geocode_confidence: number;
  matched_id: string | null;
  matched_name: string | null;
  longitude: number | null;
  latitude: number | null;
}

const INSIDE_LOCATION_TYPES = new Set(['licensed_premises', 'other_commercial']);
/** Location types where an assault near a premises may be about it; a home or a school is not. */
const NEAR_LOCATION_TYPES = new Set(['street', 'public_transport', 'other', 'unknown']);
/** Geocode outcomes whose point is the place itself, not a street's, sector's or area's representative point. */
const PRECISE_OUTCOMES = new Set(['junction', 'landmark', 'postcode']);

/** Metres between two located things (see src/lib/distance.ts). */
export function metresBetween(a: { longitude: number; latitude: number }, b: { longitude: number; latitude: number }): number {
  return metres([a.longitude, a.latitude], [b.longitude, b.latitude]);
}

/**
 * The premises known to the store: every premises the geocoder has matched,
 * at the point it placed them. Used when no gazetteer list is given.
 */
export function premisesFromStore(store: StoreDatabase): PremisesPoint[] {
  const rows = store
    .prepare(
      `SELECT matched_id AS id, MIN(matched_name) AS name, AVG(longitude) AS longitude, AVG(latitude) AS latitude
       FROM current_records WHERE geocode_outcome = 'premises' AND matched_id IS NOT NULL AND longitude IS NOT NULL
       GROUP BY matched_id ORDER BY matched_id`,
    )
    .all() as Array<{ id: string; name: string | null; longitude: number; latitude: number }>;
  return rows.map((row) => ({ id: row.id, name: row.name ?? row.id, longitude: row.longitude, latitude: row.latitude }));
}

export function attributeToPremises(store: StoreDatabase, months: string[], premises: PremisesPoint[], nearMetres: number): AttributedAssault[] {
  months.forEach(assertMonth);
  if (!(nearMetres >= 0)) throw new Error(`Unexpected nearMetres value: ${nearMetres}`);
  const known = new Map(premises.map((entry) => [entry.id, entry]));
  const rows = store
    .prepare(
      `SELECT assault_month, assault_weekday, assault_hour, weapon, location_type, location_text, geocode_outcome, geocode_method,
              geocode_confidence, matched_id, matched_name, longitude, latitude
       FROM current_records WHERE assault_month IN (${placeholders(months.length)}) ORDER BY id`,
    )
    .all(...months) as AttributionRow[];
  const attributed: AttributedAssault[] = [];
  for (const row of rows) {
    const base = {
      month: row.assault_month,
      weekday: row.assault_weekday,
      hour: row.assault_hour,
      weapon: row.weapon,
      locationText: row.location_text,
      geocodeMethod: row.geocode_method,
      confidence: row.geocode_confidence,
    };
    if (row.geocode_outcome === 'premises' && row.matched_id !== null && known.has(row.matched_id)) {
      attributed.push({ ...base, premisesId: row.matched_id, how: INSIDE_LOCATION_TYPES.has(row.location_type) ? 'inside' : 'outside', distanceMetres: 0 });
      continue;
    }
    if (!PRECISE_OUTCOMES.has(row.geocode_outcome) || row.longitude === null || row.latitude === null || !NEAR_LOCATION_TYPES.has(row.location_type)) continue;
    const point = { longitude: row.longitude, latitude: row.latitude };
    let nearest: { id: string; distance: number } | null = null;
    for (const entry of premises) {
      const distance = metresBetween(point, entry);
      if (distance <= nearMetres && (nearest === null || distance < nearest.distance)) nearest = { id: entry.id, distance };
    }
    if (nearest) attributed.push({ ...base, premisesId: nearest.id, how: 'near', distanceMetres: Math.round(nearest.distance) });
  }
  return attributed;
}

function premisesDimension(premises: PremisesPoint[]): Dimension {
  return { name: 'premises', label: 'Premises', values: premises.map((entry) => entry.id), valueLabels: Object.fromEntries(premises.map((entry) => [entry.id, entry.name])) };
}

/** Premises × month for the premises that have at least one attributed assault. */
export function premisesMonthTable(assaults: AttributedAssault[], premises: PremisesPoint[], months: string[]): CountTable {
  const withAssaults = new Set(assaults.map((assault) => assault.premisesId));
  return tableFromCounts(
    'premises-month',
    'Assault attendances attributed to premises, by month',
    [premisesDimension(premises.filter((entry) => withAssaults.has(entry.id))), monthDimension(months)],
    countItems(assaults, { premises: (a) => a.premisesId, month: (a) => a.month }),
  );
}

export function premisesWeekdayHourTable(assaults: AttributedAssault[], premisesId: string): CountTable {
  const own = assaults.filter((assault) => assault.premisesId === premisesId);
  return tableFromCounts(
    `premises-${premisesId}-weekday-hour`,
    'Attributed assaults by day of week and hour',
    [weekdayDimension(), hourDimension()],
    countItems(own, { weekday: (a) => String(a.weekday), hour: (a) => (a.hour === null ? UNKNOWN : String(a.hour).padStart(2, '0')) }),
  );
}

const GLASS_OR_BOTTLE = new Set(['glass', 'bottle']);

/** Glass or bottle against every other weapon: the night-time-economy signal a licensing committee asks about. */
export function premisesGlassTable(assaults: AttributedAssault[], premisesId: string): CountTable {
  const own = assaults.filter((assault) => assault.premisesId === premisesId);
  return tableFromCounts(
    `premises-${premisesId}-glass`,
    'Attributed assaults involving glass or a bottle',
    [{ name: 'glass_or_bottle', label: 'Weapon', values: ['yes', 'no'], valueLabels: { yes: 'Glass or bottle', no: 'Other or unknown weapon' } }],
    countItems(own, { glass_or_bottle: (a) => (GLASS_OR_BOTTLE.has(a.weapon) ? 'yes' : 'no') }),
  );
}

export function premisesAttributionTable(assaults: AttributedAssault[], premisesId: string): CountTable {
  const own = assaults.filter((assault) => assault.premisesId === premisesId);
  return tableFromCounts(
    `premises-${premisesId}-attribution`,
    'Attributed assaults, inside or outside the premises',
    [{ name: 'how', label: 'Where', values: ['inside', 'outside', 'near'], valueLabels: { inside: 'Inside (premises recorded as location)', outside: 'Outside, premises named', near: 'Nearby, within the distance set' } }],
    countItems(own, { how: (a) => a.how }),
  );
}

export interface TextVariant {
  text: string;
  method: string;
  meanConfidence: number;
}

/**
 * The scrubbed location texts that led to a premises, with how they matched.
 * No counts: a count beside a text could single out one attendance.
 */
export function premisesTextVariants(assaults: AttributedAssault[], premisesId: string): TextVariant[] {
  const variants = new Map<string, { text: string; method: string; confidences: number[] }>();
  for (const assault of assaults) {
    if (assault.premisesId !== premisesId || assault.locationText === null || assault.locationText.trim() === '') continue;
    const key = `${assault.locationText}\u0000${assault.geocodeMethod}`;
    const entry = variants.get(key) ?? { text: assault.locationText, method: assault.geocodeMethod, confidences: [] };
    entry.confidences.push(assault.confidence);
    variants.set(key, entry);
  }
  return [...variants.values()]
    .map((entry) => ({ text: entry.text, method: entry.method, meanConfidence: entry.confidences.reduce((a, b) => a + b, 0) / entry.confidences.length }))
    .sort((a, b) => b.meanConfidence - a.meanConfidence || a.text.localeCompare(b.text));
}
