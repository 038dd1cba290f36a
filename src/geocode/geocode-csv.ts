/**
 * Geocodes an analyst's CSV: every row's `location` (and `site_code`, when
 * there is one) through the geocoder, all other columns passed through, and the
 * answer added as `outcome, matched_name, latitude, longitude, lsoa_code,
 * ward_code, confidence, method, candidates` (for `ambiguous`, the competing
 * places, `; `-separated, so the analyst sees why no place was chosen). The output columns are a contract: analysts
 * script against them, so keep their names and order stable.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { headerKey, parseCsvSafely } from './gazetteer/csv.ts';
import type { GeocodeOutcome, Geocoder } from './types.ts';

export const GEOCODE_CSV_COLUMNS = ['outcome', 'matched_name', 'latitude', 'longitude', 'lsoa_code', 'ward_code', 'confidence', 'method', 'candidates'] as const;

export interface GeocodeCsvOptions {
  /** Site code for rows without a `site_code` column (or with it blank). */
  site?: string;
}

export interface GeocodeCsvSummary {
  rows: number;
  outcomes: Partial<Record<GeocodeOutcome, number>>;
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

export function geocodeCsvText(geocoder: Geocoder, text: string, fileName: string, options: GeocodeCsvOptions = {}): { csv: string; summary: GeocodeCsvSummary } {
  const records = parseCsvSafely(text, fileName);
  const [header = [], ...rows] = records;
  const keys = header.map(headerKey);
  const locationIndex = keys.indexOf('location');
  if (locationIndex < 0) {
    throw new Error(`${fileName}: expected a "location" column but found: ${header.join(', ') || '(no header)'}`);
  }
  const siteIndex = keys.indexOf('sitecode');
  // Columns this command writes replace any of the same name, so an output file can be geocoded again.
  const added = new Set<string>(GEOCODE_CSV_COLUMNS);
  const kept = header.map((_, i) => i).filter((i) => !added.has(header[i]!.trim().toLowerCase()));
  const outcomes: Partial<Record<GeocodeOutcome, number>> = {};
  const lines = [[...kept.map((i) => header[i]!), ...GEOCODE_CSV_COLUMNS].map(csvCell).join(',')];
  for (const row of rows) {
    const siteCode = (siteIndex >= 0 ? row[siteIndex]?.trim() : '') || options.site || null;
    const result = geocoder.geocode({ text: row[locationIndex] ?? null, siteCode });
    outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
    const answer = [
      result.outcome,
      result.matchedName ?? '',
      result.latitude === null ? '' : String(result.latitude),
      result.longitude === null ? '' : String(result.longitude),
      result.lsoaCode ?? '',
      result.wardCode ?? '',
      String(result.confidence),
      result.method,
      (result.candidates ?? []).join('; '),
    ];
    lines.push([...kept.map((i) => row[i] ?? ''), ...answer].map(csvCell).join(','));
  }
  return { csv: `${lines.join('\n')}\n`, summary: { rows: rows.length, outcomes } };
}

export function geocodeCsvFile(geocoder: Geocoder, inFile: string, outFile: string, options: GeocodeCsvOptions = {}): GeocodeCsvSummary {
  const { csv, summary } = geocodeCsvText(geocoder, readFileSync(inFile, 'utf8'), path.basename(inFile), options);
  writeFileSync(outFile, csv);
  return summary;
}
