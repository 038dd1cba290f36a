import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { hasSharedData, sharedDataDir } from '../geocode/shared-data.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'istv-hotspots-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = runCli;

function squares(count: number): string {
  const features = Array.from({ length: count }, (_, i) => ({
    type: 'Feature',
    properties: { LSOA21CD: `E0100000${i}` },
    geometry: { type: 'Polygon', coordinates: [[[i, 0], [i + 1, 0], [i + 1, 1], [i, 1], [i, 0]]] },
  }));
  return JSON.stringify({ type: 'FeatureCollection', features });
}

describe('istv hotspots', () => {
  it('writes exactly lsoa_code,count,gi_star_z,p_value,p_adjusted,hotspot', async () => {
    const lsoa = path.join(dir, 'row.geojson');
    writeFileSync(lsoa, squares(4));
    const counts = path.join(dir, 'counts.csv');
    writeFileSync(counts, 'lsoa_code,count\nE01000000,1\nE01000001,2\nE01000002,3\nE01000003,10\n');
    const out = path.join(dir, 'out.csv');
    const result = await run('hotspots', '--lsoa', lsoa, '--in', counts, '--out', out);
    expect(result.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.split(/\r?\n/)[0]).toBe('lsoa_code,count,gi_star_z,p_value,p_adjusted,hotspot');
    const rows = parse(text, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => row.lsoa_code)).toEqual(['E01000000', 'E01000001', 'E01000002', 'E01000003']);
    expect(Number(rows[0]!.gi_star_z)).toBeCloseTo(-Math.sqrt(1.5), 12);
    expect(rows.every((row) => ['hot_99', 'hot_95', 'hot_90', 'cold_99', 'cold_95', 'cold_90', 'none'].includes(row.hotspot!))).toBe(true);
  });

  it.each([
    ['an LSOA not in the polygons', 'lsoa_code,count\nE01999999,3\n', 'line 2, lsoa_code'],
    ['a count that is not a number', 'lsoa_code,count\nE01000000,many\n', 'line 2, count'],
    ['another header', 'code,n\nE01000000,1\n', 'line 1: expected the header lsoa_code,count'],
  ])('refuses %s with the line and field', async (_name, content, message) => {
    const lsoa = path.join(dir, 'row.geojson');
    writeFileSync(lsoa, squares(4));
    const counts = path.join(dir, 'bad.csv');
    writeFileSync(counts, content);
    const result = await run('hotspots', '--lsoa', lsoa, '--in', counts, '--out', path.join(dir, 'never.csv'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    expect(existsSync(path.join(dir, 'never.csv'))).toBe(false);
  });

  it.skipIf(!hasSharedData)('finds the burglary hotspots of Barking and Dagenham from the real police.uk counts', async () => {
    const source = readFileSync(path.join(sharedDataDir, 'barking_and_dagenham', 'police_uk_street_crime_burglary_only_2024-03_2025-02.csv'), 'utf8');
    const counts = new Map<string, number>();
    for (const row of parse(source, { columns: true }) as Array<Record<string, string>>) counts.set(row['LSOA code']!, (counts.get(row['LSOA code']!) ?? 0) + 1);
    const file = path.join(dir, 'haringey.csv');
    writeFileSync(file, `lsoa_code,count\n${[...counts].map(([code, n]) => `${code},${n}`).join('\n')}\n`);
    const out = path.join(dir, 'haringey-out.csv');
    const result = await run('hotspots', '--lsoa', path.join(sharedDataDir, 'barking_and_dagenham', 'lsoa_2021.geojson'), '--in', file, '--out', out, '--json');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { areas: number; missingFromCounts: number };
    expect(summary.areas).toBe(115);
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(115);
    // Two LSOAs stand out at 95 % after the false-discovery-rate adjustment.
    expect(rows.filter((row) => row.hotspot === 'hot_95').map((row) => row.lsoa_code).sort()).toEqual(['E01000008', 'E01034474']);
  });
});
