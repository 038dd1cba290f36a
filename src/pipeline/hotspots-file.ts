/**
 * `istv hotspots`: Gi* for analysts' own counts. Reads LSOA polygons
 * (GeoJSON) and `lsoa_code,count`, writes
 * `lsoa_code,count,gi_star_z,p_value,p_adjusted,hotspot`. Neighbours are queen
 * contiguity on the polygons given; see src/aggregate/getis-ord.ts for the
 * statistic. Bad input is refused with the file, line and field.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MultiPolygon, Polygon } from 'geojson';
import { parse } from 'csv-parse/sync';
import { queenContiguity } from '../aggregate/contiguity.ts';
import { giStar, type HotspotClass } from '../aggregate/getis-ord.ts';
import { readGeoJsonFile } from '../geocode/gazetteer/read-lsoas.ts';
import { toCsv } from '../report/render/csv.ts';

export interface HotspotRow {
  lsoaCode: string;
  count: number;
  z: number | null;
  p: number | null;
  pAdjusted: number | null;
  hotspot: HotspotClass;
}

export interface HotspotsFileSummary {
  out: string;
  areas: number;
  /** LSOAs in the polygons that COUNTS.csv does not list: counted as 0. */
  missingFromCounts: number;
  classes: Record<string, number>;
}

const CODE_PROPERTY = /^(lsoa\d\dcd|lsoa_code|lsoacode|code)$/i;

/** The LSOA polygons of a GeoJSON file, each with its code (LSOA11CD, LSOA21CD, lsoa_code or code). */
export function readLsoaPolygons(file: string): Array<{ code: string; geometry: Polygon | MultiPolygon }> {
  const name = path.basename(file);
  const seen = new Set<string>();
  return readGeoJsonFile(file).features.map((feature, index) => {
    const properties = feature.properties ?? {};
    const key = Object.keys(properties).filter((k) => CODE_PROPERTY.test(k)).sort().at(-1);
    const code = key === undefined ? undefined : properties[key];
    if (typeof code !== 'string' || code.trim() === '') throw new Error(`${name}: feature ${index} has no LSOA code (expected a property LSOA21CD, LSOA11CD, lsoa_code or code)`);
    if (seen.has(code.trim())) throw new Error(`${name}: feature ${index}: LSOA ${code.trim()} appears twice`);
    seen.add(code.trim());
    const geometry = feature.geometry;
    if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) throw new Error(`${name}: feature ${index} (${code.trim()}) is not a Polygon or MultiPolygon`);
    return { code: code.trim(), geometry };
  });
}

/** `lsoa_code,count` rows; throws naming the line and field of the first problem. */
export function readLsoaCounts(file: string, known: ReadonlySet<string>): Map<string, number> {
  const name = path.basename(file);
  const records = parse(readFileSync(file), { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  const header = (records[0] ?? []).map((cell) => cell.trim().toLowerCase());
  const codeColumn = header.indexOf('lsoa_code');
  const countColumn = header.indexOf('count');
  if (codeColumn < 0 || countColumn < 0) throw new Error(`${name} line 1: expected the header lsoa_code,count, found "${(records[0] ?? []).join(',')}"`);
  const counts = new Map<string, number>();
  records.slice(1).forEach((record, index) => {
    const line = index + 2;
    const code = (record[codeColumn] ?? '').trim();
    const text = (record[countColumn] ?? '').trim();
    if (code === '') throw new Error(`${name} line ${line}, lsoa_code: blank`);
    if (!known.has(code)) throw new Error(`${name} line ${line}, lsoa_code: ${code} is not one of the LSOA polygons given`);
    if (counts.has(code)) throw new Error(`${name} line ${line}, lsoa_code: ${code} is listed twice`);
    const count = Number(text);
    if (text === '' || !Number.isFinite(count) || count < 0) throw new Error(`${name} line ${line}, count: expected a number of 0 or more, found "${text.slice(0, 40)}"`);
    counts.set(code, count);
  });
  return counts;
}

/** Gi* on the counts, in the order of the polygons. */
export function hotspotRows(polygons: ReadonlyArray<{ code: string; geometry: Polygon | MultiPolygon }>, counts: ReadonlyMap<string, number>): HotspotRow[] {
  const neighbours = queenContiguity(polygons.map((polygon) => polygon.geometry));
  const values = polygons.map((polygon) => counts.get(polygon.code) ?? 0);
  return giStar(values, neighbours).map((result, i) => ({ lsoaCode: polygons[i]!.code, count: values[i]!, z: result.z, p: result.p, pAdjusted: result.pAdjusted, hotspot: result.hotspot }));
}

export const HOTSPOT_COLUMNS = ['lsoa_code', 'count', 'gi_star_z', 'p_value', 'p_adjusted', 'hotspot'];

export function hotspotsFile(lsoaFile: string, countsFile: string, outFile: string): HotspotsFileSummary {
  const polygons = readLsoaPolygons(lsoaFile);
  const counts = readLsoaCounts(countsFile, new Set(polygons.map((polygon) => polygon.code)));
  const rows = hotspotRows(polygons, counts);
  const temporary = `${outFile}.tmp-${process.pid}`;
  writeFileSync(temporary, toCsv(HOTSPOT_COLUMNS, rows.map((row) => [row.lsoaCode, row.count, row.z, row.p, row.pAdjusted, row.hotspot])));
  renameSync(temporary, outFile);
  const classes: Record<string, number> = {};
  for (const row of rows) classes[row.hotspot] = (classes[row.hotspot] ?? 0) + 1;
  return { out: outFile, areas: rows.length, missingFromCounts: polygons.filter((polygon) => !counts.has(polygon.code)).length, classes };
}
