/**
 * Builds the one gazetteer file from the open-data inputs a CSP has. Each input
 * is read by the reader for its role and recognised format; anything
 * unrecognised stops the build with a message naming the file and the columns
 * it expected. The result is deterministic: the same inputs give the same file
 * and the same version hash.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { readLsoaBoundaries } from './read-lsoas.ts';
import { readPopulation } from './read-population.ts';
import { readPostcodes } from './read-postcodes.ts';
import { readOpenNames, readPlacesGeoJson, readPremisesCsv, type PlaceRole } from './read-places.ts';
import { readPoliceStreets } from './read-police-streets.ts';
import { readSites } from './read-sites.ts';
import { deriveAddressSites } from './address-sites.ts';
import { declaredProvenance } from './provenance.ts';
import { addPremisesToStreets, joinStreetRecords, shortenedStopStreets } from './street-points.ts';
import { wardAreas } from './ward-areas.ts';
import { applyAliases, readAliases } from './read-aliases.ts';
import { createLsoaIndex } from '../lsoa-index.ts';
import { GAZETTEER_FORMAT, GAZETTEER_FORMAT_VERSION, LSOA_TOLERANCE_METRES, type GazetteerFile, type GazetteerSource, type LsoaRecord, type PlaceRecord, type PostcodePoint, type PostcodeRecord, type SiteRecord } from './types.ts';

export interface GazetteerBuildInputs {
  lsoa: string[];
  postcodes?: string[];
  premises?: string[];
  streets?: string[];
  landmarks?: string[];
  areas?: string[];
  openNames?: string[];
  /** police.uk street-level crime CSVs: the street names of their map points fill gaps in the street list. */
  policeStreets?: string[];
  sites?: string[];
  /**
   * Resident population by LSOA (ONS mid-year estimates or Census 2021 usual
   * residents, wide or long): replaces any census count the boundaries carry,
   * so every rate stands on one stated source.
   */
  population?: string[];
  /** Local aliases of this area's places: CSV alias,place_name[,kind]. */
  aliases?: string[];
  /** Column mapping for postcode CSVs (field=Header), e.g. { postcode: 'pcds', easting: 'oseast1m' }. */
  postcodeColumns?: Record<string, string>;
  /** Column mapping for premises-licence register CSVs, e.g. { name: 'Premises Name' }. */
  premisesColumns?: Record<string, string>;
}

/** Places more than this far outside the LSOAs' extent are dropped: an Open Names tile or a national file covers far more than the area. */
const MARGIN_DEGREES = 0.015;

export function buildGazetteer(inputs: GazetteerBuildInputs): GazetteerFile {
  if (inputs.lsoa.length === 0) throw new Error('A gazetteer needs at least one LSOA boundary file (--lsoa)');
  const sources: GazetteerSource[] = [];

  const lsoaByCode = new Map<string, LsoaRecord>();
  for (const file of inputs.lsoa) {
    const lsoas = readLsoaBoundaries(file);
    for (const lsoa of lsoas) if (!lsoaByCode.has(lsoa.code)) lsoaByCode.set(lsoa.code, lsoa);
    sources.push({ role: 'lsoa', file: sourceName(file), format: `ONS LSOA ${lsoas[0]?.vintage ?? ''} GeoJSON`, records: lsoas.length, skipped: 0, ...declaredProvenance(file) });
  }
  const lsoas = [...lsoaByCode.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
  const vintages = new Set(lsoas.map((l) => l.vintage));
  if (vintages.size > 1) {
    throw new Error(`LSOA files mix vintages ${[...vintages].sort().join(' and ')}: one gazetteer must use one set of LSOA codes`);
  }
  if ((inputs.population ?? []).length > 0) applyPopulation(lsoas, inputs.population!, sources);
  const extent = lsoaExtent(lsoas);
  const inArea = (longitude: number, latitude: number): boolean =>
    longitude >= extent[0] - MARGIN_DEGREES && longitude <= extent[2] + MARGIN_DEGREES && latitude >= extent[1] - MARGIN_DEGREES && latitude <= extent[3] + MARGIN_DEGREES;

  const postcodeMap = new Map<string, PostcodePoint>();
  for (const file of inputs.postcodes ?? []) {
    const result = readPostcodes(file, inputs.postcodeColumns);
    let outside = 0;
    for (const record of result.records) {
      if (!inArea(record[1], record[2])) outside++;
      else if (!postcodeMap.has(record[0])) postcodeMap.set(record[0], record);
    }
    sources.push({ role: 'postcodes', file: sourceName(file), format: result.format, records: result.records.length - outside, skipped: result.skipped + outside });
  }
  // Each postcode's LSOA is placed once, here, from the polygons of this file: loading a region then does no point-in-polygon work.
  const index = createLsoaIndex(lsoas, { toleranceMetres: LSOA_TOLERANCE_METRES });
  const postcodes: PostcodeRecord[] = [...postcodeMap.values()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([postcode, longitude, latitude]) => [postcode, longitude, latitude, index.find(longitude, latitude)?.code ?? null]);
  const locatePostcode = (postcode: string): [number, number] | null => {
    const record = postcodeMap.get(postcode);
    return record ? [record[1], record[2]] : null;
  };

  const placeMap = new Map<string, PlaceRecord>();
  // Street records wait until every file is read: streets from later files continue those
  // of earlier ones (street-points.ts), so their order is kept with them.
  const streetRecords: Array<{ record: PlaceRecord; order: number }> = [];
  let fileOrder = 0;
  const addPlaces = (role: GazetteerSource['role'], file: string, result: { records: PlaceRecord[]; skipped: number; format: string }): void => {
    let dropped = 0;
    fileOrder++;
    for (const record of result.records) {
      if (!inArea(record.longitude, record.latitude) || placeMap.has(record.id)) dropped++;
      else {
        placeMap.set(record.id, record);
        if (record.kind === 'street') streetRecords.push({ record, order: fileOrder });
      }
    }
    sources.push({ role, file: sourceName(file), format: result.format, records: result.records.length - dropped, skipped: result.skipped + dropped, ...declaredProvenance(file) });
  };
  const premisesRead: Array<[string, PlaceRecord[]]> = [];
  const roles: Array<[PlaceRole, string[] | undefined]> = [
    ['premises', inputs.premises],
    ['streets', inputs.streets],
    ['landmarks', inputs.landmarks],
    ['areas', inputs.areas],
  ];
  for (const [role, files] of roles) {
    for (const file of files ?? []) {
      const isCsv = /\.csv$/i.test(file);
      if (isCsv && role !== 'premises') throw new Error(`${path.basename(file)}: ${role} are read from GeoJSON (or OS Open Names with --open-names); CSV is read for premises only`);
      const result = isCsv ? readPremisesCsv(file, inputs.premisesColumns ?? {}, locatePostcode) : readPlacesGeoJson(file, role, locatePostcode);
      addPlaces(role, file, result);
      if (role === 'premises') premisesRead.push([file, result.records]);
    }
  }
  for (const file of inputs.openNames ?? []) addPlaces('open_names', file, readOpenNames(file));
  for (const file of inputs.policeStreets ?? []) addPlaces('police_streets', file, readPoliceStreets(file));
  for (const merged of joinStreetRecords(streetRecords)) placeMap.delete(merged.id);
  for (const shortened of shortenedStopStreets([...placeMap.values()])) placeMap.delete(shortened.id);
  addPremisesToStreets([...placeMap.values()]);
  // Shopping centres, markets and the like that no open file lists, from the premises' own addresses.
  const knownPlaces = [...placeMap.values()];
  for (const [file, records] of premisesRead) {
    const sites = deriveAddressSites(records, knownPlaces, lsoas);
    if (sites.records.length + sites.skipped > 0) addPlaces('address_sites', file, sites);
  }
  for (const ward of wardAreas(lsoas, [...placeMap.values()], sourceName(inputs.lsoa[0]!))) placeMap.set(ward.id, ward);
  const places = [...placeMap.values()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((place) => ({ ...place, lsoa: index.find(place.longitude, place.latitude)?.code ?? null }));
  for (const file of inputs.aliases ?? []) {
    const { file: name, rows } = readAliases(file);
    applyAliases(places, name, rows);
    sources.push({ role: 'aliases', file: sourceName(file), format: 'alias,place_name[,kind] CSV', records: rows.length, skipped: 0 });
  }

  const sites: SiteRecord[] = [];
  for (const file of inputs.sites ?? []) {
    const result = readSites(file);
    sites.push(...result.records);
    sources.push({ role: 'sites', file: sourceName(file), format: result.format, records: result.records.length, skipped: 0 });
  }

  const content = { sources, lsoas, postcodes, places, sites };
  const version = createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);
  return { format: GAZETTEER_FORMAT, formatVersion: GAZETTEER_FORMAT_VERSION, version, ...content };
}

function applyPopulation(lsoas: LsoaRecord[], files: string[], sources: GazetteerSource[]): void {
  const population = new Map<string, number>();
  const codes = new Set(lsoas.map((lsoa) => lsoa.code));
  for (const file of files) {
    const result = readPopulation(file);
    let outside = 0;
    for (const [code, residents] of result.population) {
      if (!codes.has(code)) outside += 1;
      else if (population.has(code)) throw new Error(`${path.basename(file)}: LSOA ${code} already has a population from an earlier --population file`);
      else population.set(code, residents);
    }
    sources.push({ role: 'population', file: sourceName(file), format: result.format, records: result.population.size - outside, skipped: outside });
  }
  for (const lsoa of lsoas) lsoa.population = population.get(lsoa.code) ?? null;
}

/**
 * What a reader of rates must be told about the gazetteer's population: the
 * LSOAs that have none (no rate can be worked out for them), named.
 */
export function populationWarnings(gazetteer: Pick<GazetteerFile, 'lsoas' | 'sources'>): string[] {
  const missing = gazetteer.lsoas.filter((lsoa) => lsoa.population === null).map((lsoa) => lsoa.code);
  if (missing.length === 0) return [];
  const given = gazetteer.sources.some((source) => source.role === 'population');
  const vintage = gazetteer.lsoas[0]?.vintage ?? '';
  if (missing.length === gazetteer.lsoas.length) {
    return [
      given
        ? `No LSOA has a population: the --population file(s) name none of the gazetteer's ${missing.length} ${vintage} LSOAs (are they ${vintage === '2021' ? '2011' : '2021'} codes?). Rates per resident cannot be computed; the public-health pack will show counts.`
        : `No LSOA has a population (the boundaries carry none and no --population file was given): rates per resident cannot be computed; the public-health pack will show counts.`,
    ];
  }
  return [`Rates per resident cannot be computed for ${missing.length} of ${gazetteer.lsoas.length} LSOAs, which have no population: ${missing.join(', ')}.`];
}

export function writeGazetteer(filePath: string, gazetteer: GazetteerFile): void {
  writeFileSync(filePath, JSON.stringify(gazetteer));
}

/** Folder and base name ("haringey/postcodes.csv"): tells same-named inputs apart without recording a path of this machine. */
function sourceName(file: string): string {
  return `${path.basename(path.dirname(path.resolve(file)))}/${path.basename(file)}`;
}

function lsoaExtent(lsoas: LsoaRecord[]): [number, number, number, number] {
  const extent: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (position: number[]): void => {
    const [x = NaN, y = NaN] = position;
    if (x < extent[0]) extent[0] = x;
    if (y < extent[1]) extent[1] = y;
    if (x > extent[2]) extent[2] = x;
    if (y > extent[3]) extent[3] = y;
  };
  for (const lsoa of lsoas) {
    const polygons = lsoa.geometry.type === 'Polygon' ? [lsoa.geometry.coordinates] : lsoa.geometry.coordinates;
    for (const polygon of polygons) for (const ring of polygon) for (const position of ring) visit(position);
  }
  return extent;
}
