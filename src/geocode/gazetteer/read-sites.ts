/** Reads the EDs that send extracts: `site_code,name,longitude,latitude[,borough]`. */
import { numberCell, readCsvColumns, textCell, type ColumnSpec } from './csv.ts';
import type { ReadResult } from './read-postcodes.ts';
import type { SiteRecord } from './types.ts';

const SITE_COLUMNS = {
  code: { aliases: ['site_code', 'site code', 'ods code', 'code'], required: true },
  name: { aliases: ['name', 'site name'], required: true },
  longitude: { aliases: ['longitude', 'lon', 'long', 'lng'], required: true },
  latitude: { aliases: ['latitude', 'lat'], required: true },
  borough: { aliases: ['borough', 'lad_code', 'lad code', 'local authority'], required: false },
} satisfies Record<string, ColumnSpec>;

export function readSites(filePath: string): ReadResult<SiteRecord> {
  const { table, columns: c } = readCsvColumns(filePath, SITE_COLUMNS);
  const records: SiteRecord[] = [];
  table.rows.forEach((row, index) => {
    const longitude = numberCell(row[c.longitude!]);
    const latitude = numberCell(row[c.latitude!]);
    const code = textCell(row, c.code).toUpperCase();
    if (!code || longitude === null || latitude === null || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
      throw new Error(`${table.file}: line ${index + 2} needs a site code and a WGS84 longitude and latitude`);
    }
    const borough = textCell(row, c.borough);
    records.push({ code, name: (row[c.name!] ?? code).trim(), longitude, latitude, borough: borough || null });
  });
  return { records, skipped: 0, format: 'sites CSV' };
}
