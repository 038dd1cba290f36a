/**
 * A realistic month-by-month scenario over real Haringey geography (ONS LSOA
 * boundaries and OpenStreetMap pubs from shared/data): two EDs, 24 months of
 * de-identified assault records placed in real LSOAs and at real pubs, made
 * with a seeded generator so every run is the same. Three pubs play set parts:
 * a busy one, one with exactly two assaults in the window and one with none.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { centroid, booleanPointInPolygon } from '@turf/turf';
import { addMonths, monthsEnding } from '../../src/aggregate/months.ts';
import type { PremisesPoint } from '../../src/aggregate/premises.ts';
import { metresApart } from '../../src/lib/distance.ts';
import { createRandom } from '../../sample-data/lib/random.ts';
import type { FixtureRecord, FixtureStore } from './fixtures.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedDataDirectory = path.resolve(repoRoot, '..', 'shared', 'data');
export const haringeyDirectory = path.join(sharedDataDirectory, 'haringey');
export const haveSharedData = existsSync(path.join(haringeyDirectory, 'lsoa_2011.geojson'));
if (!haveSharedData) console.warn(`Skipping report tests that need real geography: ${haringeyDirectory} not found`);

export const REPORT_MONTH = '2026-10';
export const SITES = [
  { code: 'RKEQ4', name: 'North Middlesex University Hospital' },
  { code: 'RAPNM', name: 'Whittington Hospital' },
];

export interface Scenario {
  boundaries: FeatureCollection<Polygon | MultiPolygon>;
  premises: PremisesPoint[];
  busy: PremisesPoint;
  twoAssaults: PremisesPoint;
  noAssaults: PremisesPoint;
  /** Records per extract, keyed "site|month". */
  extracts: Map<string, FixtureRecord[]>;
}

const WEAPONS = ['body', 'body', 'body', 'body', 'knife_or_sharp', 'glass', 'bottle', 'blunt_object', 'other', 'unknown'];
const AGE_BANDS = ['15-17', '18-24', '18-24', '25-34', '25-34', '35-44', '45-54', '55-64', 'unknown'];

export function buildScenario(): Scenario {
  const boundaries = JSON.parse(readFileSync(path.join(haringeyDirectory, 'lsoa_2011.geojson'), 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
  const pubs = JSON.parse(readFileSync(path.join(haringeyDirectory, 'licensed_premises_osm_pubs.geojson'), 'utf8')) as FeatureCollection<Point>;
  const premises: PremisesPoint[] = pubs.features
    .filter((pub) => typeof pub.properties?.name === 'string')
    .map((pub) => ({ id: `hgy-osm-${String(pub.properties!.osm_id).replace('/', '-')}`, name: String(pub.properties!.name), longitude: pub.geometry.coordinates[0]!, latitude: pub.geometry.coordinates[1]! }));
  const lsoaOf = (point: { longitude: number; latitude: number }): Feature<Polygon | MultiPolygon> | undefined =>
    boundaries.features.find((feature) => booleanPointInPolygon([point.longitude, point.latitude], feature));
  const generator = createRandom(20261023);
  const next = generator.next;
  const pick = <T>(items: readonly T[]): T => generator.pick(items);
  const [busy, twoAssaults] = [premises[0]!, premises[1]!];
  const centres = boundaries.features.map((feature) => ({ feature, point: centroid(feature).geometry.coordinates }));
  const months = monthsEnding(REPORT_MONTH, 24);
  const extracts = new Map<string, FixtureRecord[]>();
  const streetPoints: Array<{ longitude: number; latitude: number }> = [];

  const baseRecord = (month: string): FixtureRecord => {
    const day = 1 + Math.floor(next() * 28);
    const hour = pick([21, 22, 23, 23, 0, 1, 1, 2, 14, 17, 19]);
    return {
      date: `${month}-${String(day).padStart(2, '0')}`,
      time: next() < 0.05 ? null : `${String(hour).padStart(2, '0')}:${String(Math.floor(next() * 60)).padStart(2, '0')}`,
      weapon: pick(WEAPONS),
      ageBand: pick(AGE_BANDS),
      sex: next() < 0.7 ? 'male' : 'female',
      alcohol: next() < 0.15 ? null : next() < 0.45,
      relationship: pick(['stranger', 'stranger', 'acquaintance', 'partner_or_ex', 'family', 'unknown']),
      repeatKey: next() < 0.8 ? `key-${Math.floor(next() * 900)}` : null,
    };
  };

  for (const month of months) {
    for (const [siteIndex, site] of SITES.entries()) {
      const records: FixtureRecord[] = [];
      const volume = 55 + Math.floor(next() * 20) - siteIndex * 15;
      for (let i = 0; i < volume; i++) {
        const record = baseRecord(month);
        const kind = next();
        if (kind < 0.2) {
          records.push({ ...record, locationType: 'home', locationText: 'home address', geocodeOutcome: 'home', confidence: 0 });
        } else if (kind < 0.3) {
          records.push({ ...record, locationType: 'unknown', locationText: next() < 0.5 ? 'u/k' : null, geocodeOutcome: next() < 0.5 ? 'unknown' : 'no_match', confidence: 0 });
        } else {
          const { feature, point } = pick(centres);
          // A small offset keeps points inside the LSOA but not all on one spot.
          const longitude = point[0]! + (next() - 0.5) * 0.0004;
          const latitude = point[1]! + (next() - 0.5) * 0.0004;
          const code = String(feature.properties!.LSOA11CD);
          const ward = String(feature.properties!.WD19CD);
          streetPoints.push({ longitude, latitude });
          records.push({ ...record, locationType: 'street', locationText: `o/s shops ${feature.properties!.LSOA11NM} rd`, geocodeOutcome: 'street', matchedId: `hgy-st-${code}`, matchedName: `High Road (${code})`, longitude, latitude, lsoa: code, ward, confidence: 0.8 });
        }
      }
      // The busy pub: a few a month, mostly late at night, glass and bottles.
      if (siteIndex === 0) {
        const lsoa = lsoaOf(busy);
        for (let i = 0; i < 2 + Math.floor(next() * 4); i++) {
          records.push({
            ...baseRecord(month),
            weapon: pick(['glass', 'bottle', 'body']),
            locationType: next() < 0.6 ? 'licensed_premises' : 'street',
            locationText: pick([busy.name.toLowerCase(), `o/s ${busy.name}`, `${busy.name} pub`]),
            geocodeOutcome: 'premises',
            geocodeMethod: 'premises_exact',
            confidence: 0.95,
            matchedId: busy.id,
            matchedName: busy.name,
            longitude: busy.longitude,
            latitude: busy.latitude,
            lsoa: lsoa ? String(lsoa.properties!.LSOA11CD) : null,
            ward: lsoa ? String(lsoa.properties!.WD19CD) : null,
            alcohol: true,
          });
        }
      }
      extracts.set(`${site.code}|${month}`, records);
    }
  }
  // Exactly two assaults at the second pub within the licensing window.
  const twoLsoa = lsoaOf(twoAssaults);
  for (const month of [addMonths(REPORT_MONTH, -3), REPORT_MONTH]) {
    extracts.get(`${SITES[1]!.code}|${month}`)!.push({
      ...baseRecord(month),
      weapon: 'bottle',
      locationType: 'licensed_premises',
      locationText: `${twoAssaults.name.toLowerCase()} bar`,
      geocodeOutcome: 'premises',
      geocodeMethod: 'premises_fuzzy',
      confidence: 0.82,
      matchedId: twoAssaults.id,
      matchedName: twoAssaults.name,
      longitude: twoAssaults.longitude,
      latitude: twoAssaults.latitude,
      lsoa: twoLsoa ? String(twoLsoa.properties!.LSOA11CD) : null,
      ward: twoLsoa ? String(twoLsoa.properties!.WD19CD) : null,
    });
  }
  // A pub far from every generated street point and never named: it must get no report.
  const noAssaults = premises.slice(2).find((pub) => streetPoints.every((point) => metresApart(point, pub) > 200))!;
  return { boundaries, premises, busy, twoAssaults, noAssaults, extracts };
}

/** Loads the scenario into a fixture store: one current extract per site and month. */
export function loadScenario(fixture: FixtureStore, scenario: Scenario): void {
  for (const [key, records] of scenario.extracts) {
    const [site, month] = key.split('|') as [string, string];
    const rejected = Math.floor(records.length * 0.03);
    fixture.addExtract(site, month, records, {
      rowsRead: records.length + rejected,
      rowsAccepted: records.length,
      rowsRejected: rejected,
      rejectsByReason: rejected > 0 ? { invalid_date: rejected } : {},
      completeness: { assault_datetime: records.length, location_description: records.filter((r) => r.locationText).length },
      locationBlank: records.filter((r) => !r.locationText).length,
      locationUnknown: records.filter((r) => r.locationText === 'u/k').length,
      impossibleTimes: 0,
      weaponKnown: records.filter((r) => r.weapon !== 'unknown').length,
      geocodeOutcomes: Object.fromEntries(['street', 'premises', 'home', 'unknown', 'no_match'].map((o) => [o, records.filter((r) => r.geocodeOutcome === o).length])),
      identifiersScrubbed: { phone: 1 },
      identifierColumnsDropped: [],
    });
  }
}
