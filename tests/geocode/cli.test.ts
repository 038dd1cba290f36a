import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { GEOCODE_CSV_COLUMNS } from '../../src/geocode/geocode-csv.ts';
import { repoRoot } from './shared-data.ts';

const area = path.join(repoRoot, 'sample-data', 'area');
const dir = mkdtempSync(path.join(tmpdir(), 'istv-geocode-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = runCli;

describe.skipIf(!existsSync(path.join(area, 'lsoa.geojson')))('istv gazetteer build and istv geocode on the sample area', () => {
  const gazetteer = path.join(dir, 'gazetteer.json');
  let pubName = '';
  beforeAll(async () => {
    const premises = JSON.parse(readFileSync(path.join(area, 'premises.geojson'), 'utf8')) as { features: Array<{ properties: { name: string } }> };
    pubName = premises.features[0]!.properties.name;
    const result = await run(
      'gazetteer', 'build', '--out', gazetteer,
      '--lsoa', path.join(area, 'lsoa.geojson'),
      '--postcodes', path.join(area, 'postcodes.csv'),
      '--premises', path.join(area, 'premises.geojson'),
      '--streets', path.join(area, 'streets.geojson'),
      '--landmarks', path.join(area, 'landmarks.geojson'),
      '--sites', path.join(area, 'sites.csv'),
      '--json',
    );
    expect(result.code).toBe(0);
  });
  afterEach(() => vi.restoreAllMocks());

  it('writes a gazetteer and reports its version and counts as JSON', () => {
    const file = JSON.parse(readFileSync(gazetteer, 'utf8')) as { version: string; lsoas: unknown[] };
    expect(file.version).toMatch(/^[0-9a-f]{16}$/);
    expect(file.lsoas.length).toBeGreaterThan(0);
  });

  it('adds the answer columns to every row and passes the others through unchanged', async () => {
    const input = path.join(dir, 'in.csv');
    const output = path.join(dir, 'out.csv');
    writeFileSync(input, `ref,location,note\n1,o/s ${pubName},"glass, bottle"\n2,u/k,\n3,pts home,"said ""no"""\n4,,\n`);
    const result = await run('geocode', '--gazetteer', gazetteer, '--in', input, '--out', output, '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ rows: 4, outcomes: { premises: 1, unknown: 2, home: 1 } });
    const rows = parse(readFileSync(output, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0]!)).toEqual(['ref', 'location', 'note', ...GEOCODE_CSV_COLUMNS]);
    expect(rows.map((r) => [r['ref'], r['note'], r['outcome']])).toEqual([
      ['1', 'glass, bottle', 'premises'],
      ['2', '', 'unknown'],
      ['3', 'said "no"', 'home'],
      ['4', '', 'unknown'],
    ]);
    expect(rows[0]).toMatchObject({ matched_name: pubName, method: 'premises_exact' });
    expect(rows[0]!['lsoa_code']).toMatch(/^E01/);
    expect(rows[2]).toMatchObject({ latitude: '', longitude: '', lsoa_code: '', confidence: '0' });
  });

  it('refuses a file without a location column, naming the columns it found', async () => {
    const input = path.join(dir, 'no-location.csv');
    writeFileSync(input, 'ref,place\n1,o/s the pub\n');
    const result = await run('geocode', '--gazetteer', gazetteer, '--in', input, '--out', path.join(dir, 'x.csv'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no-location.csv: expected a "location" column but found: ref, place');
  });

  it('reports a broken CSV by line and code, never by the text in it', async () => {
    const input = path.join(dir, 'broken.csv');
    writeFileSync(input, 'ref,location\n1,"John Smith 07700 900123\n');
    const result = await run('geocode', '--gazetteer', gazetteer, '--in', input, '--out', path.join(dir, 'y.csv'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('broken.csv: not a readable CSV');
    expect(result.stderr).not.toContain('Smith');
  });
});
