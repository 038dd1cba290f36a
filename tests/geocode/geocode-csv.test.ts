import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createGeocoder } from '../../src/geocode/geocoder.ts';
import { GEOCODE_CSV_COLUMNS, geocodeCsvText } from '../../src/geocode/geocode-csv.ts';
import { fixtureGazetteer } from './fixture-gazetteer.ts';

const geocoder = createGeocoder(fixtureGazetteer());

describe('istv geocode output', () => {
  it('guards text a spreadsheet would run as a formula, in passed-through and answer columns alike', () => {
    const input = 'ref,location\n=1+2,"=HYPERLINK(""http://x"",""click"")"\n@SUM(A1),u/k\n';
    const { csv } = geocodeCsvText(geocoder, input, 'list.csv');
    const [header, ...rows] = parse(csv) as string[][];
    expect(header).toEqual(['ref', 'location', ...GEOCODE_CSV_COLUMNS]);
    expect(rows.map((row) => row.slice(0, 2))).toEqual([
      ["'=1+2", `'=HYPERLINK("http://x","click")`],
      ["'@SUM(A1)", 'u/k'],
    ]);
    for (const row of rows) for (const value of row) expect(value).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('writes coordinates and confidence as numbers, not guarded text', () => {
    const { csv } = geocodeCsvText(geocoder, 'location\nu/k\n', 'list.csv');
    const [, row] = parse(csv, { columns: false }) as string[][];
    const confidence = row![GEOCODE_CSV_COLUMNS.indexOf('confidence') + 1]!;
    expect(confidence).toMatch(/^\d+(\.\d+)?$/);
  });
});
