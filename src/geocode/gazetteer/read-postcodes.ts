/**
 * Reads postcode point files in three published shapes:
 * - a CSV with `postcode,latitude,longitude` (as in the shared open data; extra columns ignored);
 * - ONS Postcode Directory / NSPL (`pcds`, `oseast1m`, `osnrth1m`, `doterm`): terminated postcodes are skipped;
 * - OS Code-Point Open, which ships without a header row: 10 columns, postcode then
 *   positional quality, eastings, northings. It is recognised by that shape and
 *   converted from British National Grid.
 * Grid references are used only when a row has no latitude/longitude.
 */
import { gridToWgs84 } from '../british-national-grid.ts';
import { normalisePostcode } from '../../lib/postcode.ts';
import { numberCell, readCsvTable, resolveColumns, type ColumnSpec, type CsvTable } from './csv.ts';
import type { PostcodePoint } from './types.ts';

export interface ReadResult<T> {
  records: T[];
  skipped: number;
  format: string;
}

const POSTCODE_COLUMNS = {
  postcode: { aliases: ['postcode', 'pcds', 'pcd', 'pcd2', 'pcd7', 'pcd8', 'post code'], required: true },
  latitude: { aliases: ['latitude', 'lat'], required: false },
  longitude: { aliases: ['longitude', 'long', 'lon', 'lng'], required: false },
  easting: { aliases: ['easting', 'eastings', 'oseast1m', 'east'], required: false },
  northing: { aliases: ['northing', 'northings', 'osnrth1m', 'north'], required: false },
  terminated: { aliases: ['doterm'], required: false },
} satisfies Record<string, ColumnSpec>;

/** Code-Point Open rows: "N17 6HE",10,533900,190400,E92000001,... */
function isCodePointOpen(table: CsvTable): boolean {
  const first = table.header;
  return first.length === 10 && normalisePostcode(first[0] ?? '') !== null && /^\d+$/.test(first[2] ?? '') && /^\d+$/.test(first[3] ?? '');
}

export function readPostcodes(filePath: string, mapping: Record<string, string> = {}): ReadResult<PostcodePoint> {
  let table = readCsvTable(filePath);
  let format = 'postcode CSV';
  let columns: Partial<Record<keyof typeof POSTCODE_COLUMNS, number>>;
  if (Object.keys(mapping).length === 0 && isCodePointOpen(table)) {
    table = readCsvTable(filePath, { hasHeader: false });
    format = 'OS Code-Point Open';
    columns = { postcode: 0, easting: 2, northing: 3 };
  } else {
    const resolved = resolveColumns(table, POSTCODE_COLUMNS, mapping);
    if ('error' in resolved) throw new Error(resolved.error);
    columns = resolved.columns;
    const hasLatLon = columns.latitude !== undefined && columns.longitude !== undefined;
    const hasGrid = columns.easting !== undefined && columns.northing !== undefined;
    if (!hasLatLon && !hasGrid) {
      throw new Error(
        `${table.file}: a postcode file needs latitude+longitude or easting+northing columns (e.g. latitude/longitude, oseast1m/osnrth1m) but found: ${table.header.join(', ')}`,
      );
    }
    if (columns.terminated !== undefined) format = 'ONS Postcode Directory';
  }

  const records: PostcodePoint[] = [];
  let skipped = 0;
  for (const row of table.rows) {
    const postcode = normalisePostcode(row[columns.postcode!] ?? '');
    if (!postcode || (columns.terminated !== undefined && (row[columns.terminated] ?? '') !== '')) {
      skipped++;
      continue;
    }
    const point = rowPoint(row, columns);
    if (!point) {
      skipped++;
      continue;
    }
    records.push([postcode, point[0], point[1]]);
  }
  return { records, skipped, format };
}

/** A WGS84 point from latitude/longitude columns, else from eastings/northings; null when neither is usable. */
export function rowPoint(
  row: string[],
  columns: { latitude?: number; longitude?: number; easting?: number; northing?: number },
): [number, number] | null {
  const latitude = columns.latitude !== undefined ? numberCell(row[columns.latitude]) : null;
  const longitude = columns.longitude !== undefined ? numberCell(row[columns.longitude]) : null;
  // ONSPD writes 99.999999 / 0 for postcodes without a grid reference.
  if (latitude !== null && longitude !== null && Math.abs(latitude) <= 90 && latitude !== 99.999999 && !(latitude === 0 && longitude === 0)) {
    return [round6(longitude), round6(latitude)];
  }
  const easting = columns.easting !== undefined ? numberCell(row[columns.easting]) : null;
  const northing = columns.northing !== undefined ? numberCell(row[columns.northing]) : null;
  if (easting !== null && northing !== null && easting > 0 && northing > 0 && easting < 800000 && northing < 1400000) {
    const [lon, lat] = gridToWgs84(easting, northing);
    return [round6(lon), round6(lat)];
  }
  return null;
}

export function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
