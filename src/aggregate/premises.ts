/**
 * Attributing assaults to licensed premises, for the licensing pack. The rule
 * a licensing committee can rely on: an assault counts for a premises only
 * when its location text names that premises, that is when the geocoder's
 * match is the premises itself (any record of it: its OpenStreetMap node, its
 * food-hygiene entry, its licence). It is "inside" when the hospital recorded
 * licensed or commercial premises as the location type and the text does not
 * put it outside ("o/s", "nr", "opp"), "outside" otherwise: outside or near
 * the named premises.
 *
 * A text that names another place (a station, landmark, junction, street or
 * postcode) is never attributed to a premises by distance, however close:
 * "o/s Bruce Grove stn" is about the station, not the pub beside it. Such
 * assaults placed precisely within a set distance of a premises are kept apart
 * as context (`nearbyContext`), outside every total and rank.
 */
import { metresApart } from '../lib/distance.ts';
import { z } from 'zod';
import type { CountTable, Dimension } from './table.ts';
import type { StoreDatabase } from '../store/open.ts';
import { recordRow } from '../store/records.ts';
import { countItems, placeholders, tableFromCounts } from './count-table.ts';
import { UNKNOWN, hourDimension, monthDimension, weekdayDimension } from './dimensions.ts';
import { assertMonth } from './months.ts';

export interface PremisesPoint {
  /** The premises' reference: its licence number's record where a register gives one, else one of its gazetteer records. */
  id: string;
  name: string;
  longitude: number;
  latitude: number;
  /**
   * Every gazetteer record of this one premises (its OSM node, its FSA entry,
   * its register row): a text matched to any of them names the premises.
   * Absent: the id alone.
   */
  recordIds?: string[];
  /** What identifies it to a committee, where a source gives it. */
  address?: string;
  postcode?: string;
  licenceNumber?: string;
  licensedHours?: string;
  /** The sources it is known from, for the report's provenance ("premises licence register", "OpenStreetMap", …). */
  sources?: string[];
}

export type AttributionKind = 'inside' | 'outside';

export interface AttributedAssault {
  premisesId: string;
  how: AttributionKind;
  /** YYYY-MM-DD, for the incident schedule. */
  date: string;
  month: string;
  weekday: number;
  hour: number | null;
  weapon: string;
  /** ED that treated the patient. */
  siteCode: string;
  /** The extract the record came from (provenance). */
  extractId: number;
  /** Scrubbed location text as stored (identifiers already removed by de-identify). */
  locationText: string | null;
  geocodeMethod: string;
  confidence: number;
}

/** An assault placed near a premises at a place its text named instead: context, never counted for the premises. */
export interface NearbyAssault {
  premisesId: string;
  month: string;
  /** What the text named: landmark (a station, say), junction, street or postcode. */
  namedKind: string;
  distanceMetres: number;
}

const attributionRow = recordRow.pick({
  extract_id: true, assault_date: true, assault_month: true, assault_weekday: true, assault_hour: true, weapon: true, site_code: true, location_type: true, location_text: true,
  geocode_outcome: true, geocode_method: true, geocode_confidence: true, matched_id: true, longitude: true, latitude: true,
});
type AttributionRow = z.infer<typeof attributionRow>;

const INSIDE_LOCATION_TYPES = new Set(['licensed_premises', 'other_commercial']);
/** Words that put the assault outside the named premises, whatever the location type says (reception shorthand included). */
const OUTSIDE_WORDS = /(^|[^a-z])(o\/s|outside|opp|opposite|nr|near|front of|car ?park)([^a-z]|$)/i;
/** Location types where an assault near a premises is context for it; a home or a school is not. */
const CONTEXT_LOCATION_TYPES = new Set(['street', 'public_transport', 'licensed_premises', 'other_commercial', 'other', 'unknown']);
/** Outcomes whose point is the named place itself, not a street's or area's representative point: only these are close enough to be context. */
const PRECISE_OUTCOMES = new Set(['junction', 'landmark', 'postcode']);

const matchedPremisesRows = z.array(z.object({ id: z.string(), name: z.string().nullable(), longitude: z.number(), latitude: z.number() }));

/**
 * The premises known to the store: every premises the geocoder has matched,
 * at the point it placed them. Used only when no gazetteer is configured, so
 * nothing says which of them are licensed: the pack says so.
 */
export function premisesFromStore(store: StoreDatabase): PremisesPoint[] {
  const rows = matchedPremisesRows.parse(
    store
      .prepare(
        `SELECT matched_id AS id, MIN(matched_name) AS name, AVG(longitude) AS longitude, AVG(latitude) AS latitude
         FROM current_records WHERE geocode_outcome = 'premises' AND matched_id IS NOT NULL AND longitude IS NOT NULL
         GROUP BY matched_id ORDER BY matched_id`,
      )
      .all(),
  );
  return rows.map((row) => ({ id: row.id, name: row.name ?? row.id, longitude: row.longitude, latitude: row.latitude }));
}

function readRows(store: StoreDatabase, months: string[]): AttributionRow[] {
  months.forEach(assertMonth);
  if (months.length === 0) return [];
  return store
    .prepare(
      `SELECT extract_id, assault_date, assault_month, assault_weekday, assault_hour, weapon, site_code, location_type, location_text, geocode_outcome, geocode_method,
              geocode_confidence, matched_id, longitude, latitude
       FROM current_records WHERE assault_month IN (${placeholders(months.length)}) ORDER BY assault_date, id`,
    )
    .all(...months)
    .map((row) => attributionRow.parse(row));
}

/** Which premises each gazetteer record belongs to. Two premises claiming one record is a bad candidate list. */
function recordOwners(premises: PremisesPoint[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const entry of premises) {
    for (const recordId of entry.recordIds ?? [entry.id]) {
      const owner = owners.get(recordId);
      if (owner !== undefined && owner !== entry.id) throw new Error(`Gazetteer record ${recordId} belongs to two premises: ${owner} and ${entry.id}`);
      owners.set(recordId, entry.id);
    }
  }
  return owners;
}

/** Inside or outside the named premises. */
export function attributionKind(locationType: string, locationText: string | null): AttributionKind {
  if (!INSIDE_LOCATION_TYPES.has(locationType)) return 'outside';
  return locationText !== null && OUTSIDE_WORDS.test(locationText) ? 'outside' : 'inside';
}

/** The assaults whose text named one of `premises` (see the module comment): the only ones counted. */
export function attributeToPremises(store: StoreDatabase, months: string[], premises: PremisesPoint[]): AttributedAssault[] {
  return attributeRows(readRows(store, months), premises);
}

function attributeRows(rows: AttributionRow[], premises: PremisesPoint[]): AttributedAssault[] {
  const owners = recordOwners(premises);
  const attributed: AttributedAssault[] = [];
  for (const row of rows) {
    if (row.geocode_outcome !== 'premises' || row.matched_id === null) continue;
    const premisesId = owners.get(row.matched_id);
    // A named premises that is not a candidate (a café, a shop) keeps its assault: it is never passed on to a neighbour.
    if (premisesId === undefined) continue;
    attributed.push({
      premisesId,
      how: attributionKind(row.location_type, row.location_text),
      date: row.assault_date,
      month: row.assault_month,
      weekday: row.assault_weekday,
      hour: row.assault_hour,
      weapon: row.weapon,
      siteCode: row.site_code,
      extractId: row.extract_id,
      locationText: row.location_text,
      geocodeMethod: row.geocode_method,
      confidence: row.geocode_confidence,
    });
  }
  return attributed;
}

/**
 * Context, never counted: assaults whose text named another place (a station,
 * junction or postcode) placed within `nearMetres` of a premises. One assault
 * is context for every premises within the distance: it belongs to none.
 */
export function nearbyContext(store: StoreDatabase, months: string[], premises: PremisesPoint[], nearMetres: number): NearbyAssault[] {
  if (!(nearMetres >= 0)) throw new Error(`Unexpected nearMetres value: ${nearMetres}`);
  const nearby: NearbyAssault[] = [];
  for (const row of readRows(store, months)) {
    if (!PRECISE_OUTCOMES.has(row.geocode_outcome) || row.longitude === null || row.latitude === null || !CONTEXT_LOCATION_TYPES.has(row.location_type)) continue;
    const point = { longitude: row.longitude, latitude: row.latitude };
    for (const entry of premises) {
      const distance = metresApart(point, entry);
      if (distance <= nearMetres) nearby.push({ premisesId: entry.id, month: row.assault_month, namedKind: row.geocode_outcome, distanceMetres: Math.round(distance) });
    }
  }
  return nearby;
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

/** Context counts per premises: never part of a total or a rank. */
export function premisesNearbyTable(nearby: NearbyAssault[], premises: PremisesPoint[]): CountTable {
  const ids = new Set(premises.map((entry) => entry.id));
  return tableFromCounts(
    'premises-nearby-context',
    'Context, not attributed: assaults placed nearby at a place the text named instead (station, junction, postcode)',
    [premisesDimension(premises)],
    countItems(
      nearby.filter((entry) => ids.has(entry.premisesId)),
      { premises: (entry) => entry.premisesId },
    ),
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
    [{ name: 'how', label: 'Where', values: ['inside', 'outside'], valueLabels: { inside: 'Inside (premises named, recorded as licensed or commercial premises)', outside: 'Outside or near the named premises' } }],
    countItems(own, { how: (a) => a.how }),
  );
}

export interface TextVariant {
  text: string;
  method: string;
  meanConfidence: number;
}

/**
 * The scrubbed location texts that named a premises, with how they matched.
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

export interface ExtractProvenance {
  id: number;
  siteCode: string;
  period: string;
  fileName: string;
  version: number;
  receivedAt: string;
  sha256: string;
  gazetteerVersion: string | null;
}

const provenanceRows = z.array(
  z.object({ id: z.number().int(), site_code: z.string(), period: z.string(), file_name: z.string(), version: z.number().int(), received_at: z.string(), sha256: z.string(), gazetteer_version: z.string().nullable() }),
);

/** The extracts (file as dropped, version, when received, checksum) behind a set of records: provenance for evidence. */
export function extractProvenance(store: StoreDatabase, extractIds: Iterable<number>): ExtractProvenance[] {
  const ids = [...new Set(extractIds)];
  if (ids.length === 0) return [];
  const rows = provenanceRows.parse(
    store
      .prepare(
        `SELECT id, site_code, period, file_name, version, received_at, sha256, gazetteer_version FROM extracts WHERE id IN (${placeholders(ids.length)}) ORDER BY period, site_code, version`,
      )
      .all(...ids),
  );
  return rows.map((row) => ({ id: row.id, siteCode: row.site_code, period: row.period, fileName: row.file_name, version: row.version, receivedAt: row.received_at, sha256: row.sha256, gazetteerVersion: row.gazetteer_version }));
}
