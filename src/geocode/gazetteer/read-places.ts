/**
 * Readers for the named places of the gazetteer: premises, streets, landmarks
 * and areas, from GeoJSON (points, lines or polygons with a `name`), the FSA
 * food-hygiene register (CSV), a council premises-licence register (CSV, any
 * columns, mapped), and OS Open Names (CSV in British National Grid).
 */
import path from 'node:path';
import { along, bbox as turfBbox, length, pointOnFeature } from '@turf/turf';
import type { Feature, Geometry, LineString, Position } from 'geojson';
import { normalisePostcode, postcodeDistrict } from '../../lib/postcode.ts';
import { readCsvTable, resolveColumns, type ColumnSpec, type CsvTable } from './csv.ts';
import { readGeoJsonFile } from './read-lsoas.ts';
import { round6, rowPoint, type ReadResult } from './read-postcodes.ts';
import { addStreetPoints } from './street-points.ts';
import type { PlaceKind, PlaceRecord } from './types.ts';

export type PlaceRole = 'premises' | 'streets' | 'landmarks' | 'areas';

const ROLE_KIND: Record<PlaceRole, PlaceKind> = { premises: 'premises', streets: 'street', landmarks: 'landmark', areas: 'area' };

/** FSA `BusinessType` → premises category. Types not listed (caterers, schools, hospitals…) are not places people are assaulted "at" by name. */
const FSA_BUSINESS_TYPES: Record<string, string> = {
  'pub/bar/nightclub': 'pub_bar_nightclub',
  'takeaway/sandwich shop': 'takeaway',
  'restaurant/cafe/canteen': 'restaurant_cafe',
  'retailers - other': 'retail_other',
  'retailers - supermarkets/hypermarkets': 'supermarket',
  'hotel/bed & breakfast/guest house': 'hotel',
};

/** OSM / shared-data landmark and place types → our category (and areas for settlements). */
const LANDMARK_TYPES: Record<string, { kind: PlaceKind; category: string }> = {
  rail_or_tube_station: { kind: 'landmark', category: 'station' },
  railway_station: { kind: 'landmark', category: 'station' },
  station: { kind: 'landmark', category: 'station' },
  bus_station: { kind: 'landmark', category: 'bus_station' },
  bus_stop: { kind: 'landmark', category: 'bus_stop' },
  taxi_rank_or_office: { kind: 'landmark', category: 'taxi' },
  school: { kind: 'landmark', category: 'school' },
  park: { kind: 'landmark', category: 'park' },
  place_town: { kind: 'area', category: 'town' },
  place_suburb: { kind: 'area', category: 'suburb' },
  place_locality: { kind: 'area', category: 'locality' },
  place_hamlet: { kind: 'area', category: 'locality' },
  place_neighbourhood: { kind: 'area', category: 'locality' },
};

/** Whether a premises type is one of the FSA food-hygiene business types (the record came from the FHRS register). */
export function isFsaBusinessType(type: string | undefined): boolean {
  return type !== undefined && Object.hasOwn(FSA_BUSINESS_TYPES, type.toLowerCase());
}

/** Premises words → category, for sources that describe premises in words (OSM amenity, register licence types). */
export function premisesCategoryFromText(text: string | undefined | null): string | null {
  if (!text) return null;
  const value = text.toLowerCase();
  const fsa = FSA_BUSINESS_TYPES[value];
  if (fsa) return fsa;
  if (/pub_bar_nightclub|takeaway|restaurant_cafe|retail_other|supermarket|hotel/.test(value)) return value;
  if (/\b(pub|bar|night ?club|club|inn|tavern|public house)\b/.test(value)) return 'pub_bar_nightclub';
  if (/take ?away|late night refreshment|fast food/.test(value)) return 'takeaway';
  if (/off[- ]?licen[cs]e|shop|convenience|alcohol/.test(value)) return 'retail_other';
  if (/restaurant|cafe/.test(value)) return 'restaurant_cafe';
  return null;
}

function stringProperty(properties: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = properties[name];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}

/** A representative point for any geometry, plus street lines and extent when it is linear. */
function placeGeometry(geometry: Geometry): Pick<PlaceRecord, 'longitude' | 'latitude' | 'lines' | 'bbox'> | null {
  if (geometry.type === 'Point') {
    const [longitude, latitude] = geometry.coordinates;
    if (longitude === undefined || latitude === undefined) return null;
    return { longitude, latitude };
  }
  if (geometry.type === 'LineString' || geometry.type === 'MultiLineString') {
    const lines = (geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates).map((line) =>
      line.map((position: Position) => [round6(position[0]!), round6(position[1]!)] as [number, number]),
    );
    // The point half way along the longest part: on the street, unlike a centroid.
    const longest = lines.reduce((best, line) => (line.length > best.length ? line : best), lines[0] ?? []);
    if (longest.length === 0) return null;
    const line: LineString = { type: 'LineString', coordinates: longest };
    const middle = longest.length === 1 ? longest[0]! : (along(line, length({ type: 'Feature', properties: {}, geometry: line }) / 2).geometry.coordinates as [number, number]);
    const extent = turfBbox(geometry) as [number, number, number, number];
    return { longitude: round6(middle[0]), latitude: round6(middle[1]), lines, bbox: extent };
  }
  if (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') {
    const [longitude, latitude] = pointOnFeature(geometry).geometry.coordinates;
    return { longitude: round6(longitude!), latitude: round6(latitude!) };
  }
  return null;
}

const STREET_ENDING = /\b(road|street|lane|avenue|gardens|grove|close|crescent|way|drive|terrace|parade|hill|place|square|rise|walk|mews|row|broadway)$/i;

/**
 * The street a bus stop is named after: TfL names most stops after their street
 * ("PHILIP LANE", "BIRSTALL ROAD / SEVEN SISTERS STN <> #"); stops named after a
 * landmark ("HARINGEY SIXTH FORM COLLEGE") give none. Title case, as streets are.
 */
export function streetNameOfBusStop(stopName: string): string | null {
  const first = (stopName.split(' / ')[0] ?? '').replace(/<>|#/g, '').replace(/\s+/g, ' ').trim();
  if (!STREET_ENDING.test(first)) return null;
  return first.toLowerCase().replace(/\b[a-z]/g, (letter) => letter.toUpperCase());
}

/** "BARKING STATION <> #" → "Barking Station": TfL's marks dropped, title case. */
export function cleanStopName(stopName: string): string {
  const plain = stopName.replace(/<>|#|\*/g, ' ').replace(/\s+/g, ' ').trim();
  return plain === plain.toUpperCase() ? plain.toLowerCase().replace(/\b[a-z]/g, (letter) => letter.toUpperCase()) : plain;
}

/** A premises' address from FSA address lines or OSM `addr:*` tags, without the postcode (kept apart). */
function addressOf(properties: Record<string, unknown>): string | undefined {
  const lines = ['address_line_1', 'address_line_2', 'address_line_3', 'address_line_4', 'AddressLine1', 'AddressLine2', 'AddressLine3', 'AddressLine4']
    .map((name) => stringProperty(properties, name))
    .filter((line): line is string => line !== undefined);
  if (lines.length > 0) return lines.join(', ');
  const number = stringProperty(properties, 'addr:housenumber', 'addr:housename');
  const street = stringProperty(properties, 'addr:street');
  if (!street) return undefined;
  return [number ? `${number} ${street}` : street, stringProperty(properties, 'addr:city')].filter(Boolean).join(', ');
}

/** Premises, streets, landmarks or areas as GeoJSON features with a `name`. */
/**
 * Places of one role from a GeoJSON file. `locatePostcode` places a street's
 * `sample_postcodes` (the postcodes of the addresses it was derived from): points on it.
 */
export function readPlacesGeoJson(filePath: string, role: PlaceRole, locatePostcode?: (postcode: string) => [number, number] | null): ReadResult<PlaceRecord> {
  const file = path.basename(filePath);
  const collection = readGeoJsonFile(filePath);
  const records: PlaceRecord[] = [];
  let skipped = 0;
  let sawName = false;
  collection.features.forEach((feature: Feature, index) => {
    const properties = (feature.properties ?? {}) as Record<string, unknown>;
    let name = stringProperty(properties, 'name', 'NAME', 'Name', 'BusinessName', 'name1', 'NAME1');
    if (name) sawName = true;
    const geometry = feature.geometry ? placeGeometry(feature.geometry) : null;
    if (!name || !geometry) {
      skipped++;
      return;
    }
    let kind = ROLE_KIND[role];
    let category: string;
    const landmarkType = stringProperty(properties, 'landmark_type', 'place', 'fclass');
    if (role === 'premises') {
      category =
        premisesCategoryFromText(stringProperty(properties, 'premises_category')) ??
        premisesCategoryFromText(stringProperty(properties, 'business_type', 'BusinessType')) ??
        premisesCategoryFromText(stringProperty(properties, 'premises_type', 'amenity')) ??
        'licensed';
    } else if (role === 'streets') {
      category = 'road';
      if (landmarkType === 'bus_stop') {
        const street = streetNameOfBusStop(name);
        if (!street) {
          skipped++;
          return;
        }
        name = street;
        category = 'road_from_bus_stop';
      }
    } else {
      const known = landmarkType ? (LANDMARK_TYPES[landmarkType] ?? LANDMARK_TYPES[`place_${landmarkType}`]) : undefined;
      if (known) {
        kind = role === 'areas' ? 'area' : known.kind;
        category = known.category;
        // TfL stop names carry marks for the stop's kind ("SEVEN SISTERS STATION <> #"): show a clean name.
        if (category === 'bus_stop') name = cleanStopName(name);
      } else {
        category = role === 'areas' ? 'locality' : (landmarkType ?? 'other');
      }
    }
    const postcode = normalisePostcode(stringProperty(properties, 'postcode', 'addr:postcode', 'PostCode') ?? '') ?? undefined;
    const districtList = Array.isArray(properties['postcode_districts'])
      ? (properties['postcode_districts'] as unknown[]).filter((d): d is string => typeof d === 'string')
      : postcode
        ? [postcodeDistrict(postcode)]
        : [];
    const brand = stringProperty(properties, 'brand');
    const id = stringProperty(properties, 'id') ?? (feature.id !== undefined ? String(feature.id) : undefined) ?? stringProperty(properties, 'osm_id') ?? `${file}#${index}`;
    const record: PlaceRecord = { id, kind, name, category, ...geometry, source: file };
    const extent = properties['bbox'];
    if (!record.bbox && Array.isArray(extent) && extent.length === 4 && extent.every((n) => typeof n === 'number')) {
      record.bbox = extent as [number, number, number, number];
    }
    if (brand && brand.toLowerCase() !== name.toLowerCase()) record.aliases = [brand];
    const street = stringProperty(properties, 'street', 'addr:street');
    if (street) record.street = street;
    if (postcode) record.postcode = postcode;
    if (role === 'premises') {
      const type = stringProperty(properties, 'business_type', 'BusinessType', 'amenity', 'premises_type');
      if (type) record.type = type;
      const address = addressOf(properties);
      if (address) record.address = address;
    }
    if (districtList.length > 0) record.districts = districtList;
    const samples = properties['sample_postcodes'];
    if (kind === 'street' && !record.lines && locatePostcode && Array.isArray(samples)) {
      const located = samples.flatMap((sample) => (typeof sample === 'string' ? [normalisePostcode(sample)] : [])).flatMap((code) => (code ? [locatePostcode(code)] : []));
      addStreetPoints(record, located.filter((point): point is [number, number] => point !== null));
    }
    records.push(record);
  });
  if (!sawName && collection.features.length > 0) {
    const names = Object.keys(collection.features[0]?.properties ?? {});
    throw new Error(`${file}: expected a "name" property on the features but found: ${names.join(', ')}`);
  }
  return { records, skipped, format: `GeoJSON ${role}` };
}

const FSA_COLUMNS = {
  id: { aliases: ['FHRSID'], required: true },
  name: { aliases: ['BusinessName'], required: true },
  type: { aliases: ['BusinessType'], required: true },
  address1: { aliases: ['AddressLine1'], required: false },
  address2: { aliases: ['AddressLine2'], required: false },
  postcode: { aliases: ['PostCode', 'Postcode'], required: false },
  longitude: { aliases: ['Longitude', 'Geocode/Longitude', 'GeocodeLongitude'], required: false },
  latitude: { aliases: ['Latitude', 'Geocode/Latitude', 'GeocodeLatitude'], required: false },
} satisfies Record<string, ColumnSpec>;

/**
 * A council premises-licence register (README, "Premises-licence register"):
 * one row per premises licence. Headers are matched case- and
 * punctuation-blind against these names, or mapped explicitly.
 */
const REGISTER_COLUMNS = {
  name: { aliases: ['premises name', 'trading name', 'business name', 'name', 'premises'], required: true },
  id: { aliases: ['licence number', 'licence no', 'license number', 'licence reference', 'reference', 'id'], required: false },
  hours: { aliases: ['licensed hours', 'hours', 'licensable hours', 'opening hours', 'times'], required: false },
  category: { aliases: ['premises type', 'licence type', 'type', 'category', 'activities', 'licensable activities'], required: false },
  address: { aliases: ['address', 'premises address', 'full address'], required: false },
  street: { aliases: ['street', 'address line 1', 'address1'], required: false },
  postcode: { aliases: ['postcode', 'post code'], required: false },
  latitude: { aliases: ['latitude', 'lat'], required: false },
  longitude: { aliases: ['longitude', 'lon', 'long', 'lng'], required: false },
  easting: { aliases: ['easting', 'eastings', 'x'], required: false },
  northing: { aliases: ['northing', 'northings', 'y'], required: false },
} satisfies Record<string, ColumnSpec>;

/** Register formats read: recorded as the source's format, and how the report knows a licence register. */
export const LICENCE_REGISTER_FORMAT = 'premises licence register CSV';

/** A street name in an address line: "12-14 High Road" → "High Road"; lines without a number are taken as they are. */
function streetFromAddress(line: string | undefined): string | undefined {
  if (!line) return undefined;
  const match = /^(?:(?:unit|flat|shop)\s+\w+,?\s*)?\d+[a-z]?(?:\s*-\s*\d+[a-z]?)?,?\s+(.+)$/i.exec(line.trim());
  return (match?.[1] ?? line).trim() || undefined;
}

/** Premises in a CSV: the FSA food-hygiene register if its columns are there, else a licence register (aliases or `mapping`). */
export function readPremisesCsv(
  filePath: string,
  mapping: Record<string, string>,
  locatePostcode: (postcode: string) => [number, number] | null,
): ReadResult<PlaceRecord> {
  const table = readCsvTable(filePath);
  const fsa = Object.keys(mapping).length === 0 ? resolveColumns(table, FSA_COLUMNS) : { error: 'mapped' };
  const records: PlaceRecord[] = [];
  let skipped = 0;
  if ('columns' in fsa) {
    const c = fsa.columns;
    for (const row of table.rows) {
      const category = FSA_BUSINESS_TYPES[(row[c.type!] ?? '').toLowerCase()];
      const name = row[c.name!];
      const postcode = normalisePostcode(c.postcode !== undefined ? (row[c.postcode] ?? '') : '');
      const point = rowPoint(row, c) ?? (postcode ? locatePostcode(postcode) : null);
      if (!category || !name || !point) {
        skipped++;
        continue;
      }
      const street = streetFromAddress(c.address1 !== undefined ? row[c.address1] : undefined);
      const record = premisesRecord(`fhrs-${row[c.id!]}`, name, category, point, table.file, street, postcode);
      record.type = row[c.type!]!;
      const address = [c.address1, c.address2].map((index) => (index === undefined ? '' : (row[index] ?? '').trim())).filter(Boolean).join(', ');
      if (address) record.address = address;
      records.push(record);
    }
    return { records, skipped, format: 'FSA food hygiene register CSV' };
  }
  return readLicenceRegisterTable(table, mapping, locatePostcode);
}

/**
 * A premises-licence register: every row with a name and a place (coordinates,
 * or a postcode the gazetteer knows) becomes a premises carrying its licence
 * number, licensed hours and address. Its id is `register-<licence number>`.
 */
export function readLicenceRegister(filePath: string, mapping: Record<string, string>, locatePostcode: (postcode: string) => [number, number] | null): ReadResult<PlaceRecord> {
  return readLicenceRegisterTable(readCsvTable(filePath), mapping, locatePostcode);
}

function readLicenceRegisterTable(table: CsvTable, mapping: Record<string, string>, locatePostcode: (postcode: string) => [number, number] | null): ReadResult<PlaceRecord> {
  const records: PlaceRecord[] = [];
  let skipped = 0;
  const register = resolveColumns(table, REGISTER_COLUMNS, mapping);
  if ('error' in register) throw new Error(register.error);
  const c = register.columns;
  if (c.postcode === undefined && !(c.latitude !== undefined && c.longitude !== undefined) && !(c.easting !== undefined && c.northing !== undefined)) {
    throw new Error(`${table.file}: a premises register needs a postcode column or coordinates (latitude/longitude or easting/northing) but found: ${table.header.join(', ')}`);
  }
  const cell = (row: string[], index: number | undefined): string | undefined => (index === undefined ? undefined : row[index]?.trim() || undefined);
  table.rows.forEach((row, index) => {
    const name = cell(row, c.name);
    const postcode = normalisePostcode(cell(row, c.postcode) ?? '');
    const point = rowPoint(row, c) ?? (postcode ? locatePostcode(postcode) : null);
    if (!name || !point) {
      skipped++;
      return;
    }
    const type = cell(row, c.category);
    const category = premisesCategoryFromText(type) ?? 'licensed';
    const licence = cell(row, c.id);
    const id = licence ? `register-${licence}` : `${table.file}#${index + 2}`;
    const address = cell(row, c.address);
    const street = streetFromAddress(cell(row, c.street) ?? address?.split(',')[0]);
    const record = premisesRecord(id, name, category, point, table.file, street, postcode);
    if (type) record.type = type;
    if (address) record.address = address;
    if (licence) record.licenceNumber = licence;
    const hours = cell(row, c.hours);
    if (hours) record.licensedHours = hours;
    records.push(record);
  });
  return { records, skipped, format: LICENCE_REGISTER_FORMAT };
}

function premisesRecord(id: string, name: string, category: string, point: [number, number], source: string, street?: string, postcode?: string | null): PlaceRecord {
  const record: PlaceRecord = { id, kind: 'premises', name: name.trim(), category, longitude: point[0], latitude: point[1], source };
  if (street) record.street = street;
  if (postcode) {
    record.postcode = postcode;
    record.districts = [postcodeDistrict(postcode)];
  }
  return record;
}

/** OS Open Names column order (the product's CSVs carry no header; the header is a separate file). */
const OPEN_NAMES_HEADER = [
  'ID', 'NAMES_URI', 'NAME1', 'NAME1_LANG', 'NAME2', 'NAME2_LANG', 'TYPE', 'LOCAL_TYPE', 'GEOMETRY_X', 'GEOMETRY_Y',
  'MOST_DETAIL_VIEW_RES', 'LEAST_DETAIL_VIEW_RES', 'MBR_XMIN', 'MBR_YMIN', 'MBR_XMAX', 'MBR_YMAX', 'POSTCODE_DISTRICT',
  'POSTCODE_DISTRICT_URI', 'POPULATED_PLACE', 'POPULATED_PLACE_URI', 'POPULATED_PLACE_TYPE', 'DISTRICT_BOROUGH',
  'DISTRICT_BOROUGH_URI', 'DISTRICT_BOROUGH_TYPE', 'COUNTY_UNITARY', 'COUNTY_UNITARY_URI', 'COUNTY_UNITARY_TYPE',
  'REGION', 'REGION_URI', 'COUNTRY', 'COUNTRY_URI', 'RELATED_SPATIAL_OBJECT', 'SAME_AS_DBPEDIA', 'SAME_AS_GEONAMES',
];

/** OS Open Names LOCAL_TYPE → our kind and category; other types (hills, water, postcodes) are not read. */
const OPEN_NAMES_TYPES: Record<string, { kind: PlaceKind; category: string }> = {
  'Named Road': { kind: 'street', category: 'road' },
  'Section Of Named Road': { kind: 'street', category: 'road' },
  'Suburban Area': { kind: 'area', category: 'suburb' },
  Town: { kind: 'area', category: 'town' },
  City: { kind: 'area', category: 'town' },
  Village: { kind: 'area', category: 'locality' },
  Hamlet: { kind: 'area', category: 'locality' },
  'Other Settlement': { kind: 'area', category: 'locality' },
  'Railway Station': { kind: 'landmark', category: 'station' },
  'Bus Station': { kind: 'landmark', category: 'bus_station' },
};

/** OS Open Names CSV (with or without its header row), British National Grid converted to WGS84. */
export function readOpenNames(filePath: string): ReadResult<PlaceRecord> {
  let table: CsvTable = readCsvTable(filePath);
  if (!table.header.some((h) => h.toUpperCase() === 'NAME1')) {
    if (table.header.length !== OPEN_NAMES_HEADER.length) {
      throw new Error(`${table.file}: expected OS Open Names (${OPEN_NAMES_HEADER.length} columns: ID, NAMES_URI, NAME1, …, GEOMETRY_X, GEOMETRY_Y, …) but the first row has ${table.header.length} columns`);
    }
    table = { ...readCsvTable(filePath, { hasHeader: false }), header: OPEN_NAMES_HEADER };
  }
  const at = (name: string): number => {
    const index = table.header.findIndex((h) => h.toUpperCase() === name);
    if (index < 0) throw new Error(`${table.file}: OS Open Names column ${name} is missing (columns: ${table.header.join(', ')})`);
    return index;
  };
  const [id, name1, localType, x, y, xmin, ymin, xmax, ymax, district] = ['ID', 'NAME1', 'LOCAL_TYPE', 'GEOMETRY_X', 'GEOMETRY_Y', 'MBR_XMIN', 'MBR_YMIN', 'MBR_XMAX', 'MBR_YMAX', 'POSTCODE_DISTRICT'].map(at) as [number, number, number, number, number, number, number, number, number, number];
  const records: PlaceRecord[] = [];
  let skipped = 0;
  for (const row of table.rows) {
    const type = OPEN_NAMES_TYPES[row[localType] ?? ''];
    const name = row[name1];
    const point = rowPoint(row, { easting: x, northing: y });
    if (!type || !name || !point) {
      skipped++;
      continue;
    }
    const record: PlaceRecord = { id: `osnames-${row[id]}`, kind: type.kind, name, category: type.category, longitude: point[0], latitude: point[1], source: table.file };
    const low = rowPoint(row, { easting: xmin, northing: ymin });
    const high = rowPoint(row, { easting: xmax, northing: ymax });
    if (type.kind === 'street' && low && high) record.bbox = [low[0], low[1], high[0], high[1]];
    if (row[district]) record.districts = [row[district]!];
    records.push(record);
  }
  return { records, skipped, format: 'OS Open Names CSV' };
}
