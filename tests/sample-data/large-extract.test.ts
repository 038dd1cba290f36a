/**
 * The large-extract writer: a valid canonical extract of exactly N rows, the
 * same for the same seed, every row inside the reporting month, location text
 * from the sample area's vocabulary.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createCodeMatcher, locationTypeCodeList, weaponCodeList } from '../../schemas/code-lists.ts';
import { writeLargeExtract } from '../../sample-data/large-extract.ts';
import { CANONICAL_HEADER } from '../../sample-data/lib/extract-formats.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'istv-large-'));

describe('writeLargeExtract', () => {
  it('writes exactly N valid rows under the canonical header', async () => {
    const file = path.join(folder, 'five-thousand.csv');
    await writeLargeExtract(file, 5000, { seed: 3, siteCode: 'RX2BB', month: '2026-02' });
    const [header, ...rows] = parse(readFileSync(file), { relax_column_count: false }) as string[][];
    expect(header).toEqual([...CANONICAL_HEADER]);
    expect(rows).toHaveLength(5000);
    const weapon = createCodeMatcher(weaponCodeList);
    const locationType = createCodeMatcher(locationTypeCodeList);
    const ids = new Set<string>();
    for (const row of rows) {
      const [site, id, arrival, assault, method, , type] = row as string[];
      expect(site).toBe('RX2BB');
      ids.add(id as string);
      expect(arrival).toMatch(/^2026-02-\d{2} \d{2}:\d{2}$/);
      expect(assault).toMatch(/^2026-02-\d{2}( \d{2}:\d{2})?$/);
      expect((assault as string).length === 10 ? (assault as string) <= (arrival as string).slice(0, 10) : (assault as string) <= (arrival as string)).toBe(true);
      expect(weapon.match(method as string), method).not.toBeNull();
      expect(locationType.match(type as string), type).not.toBeNull();
    }
    expect(ids.size).toBe(5000);
  });

  it('is deterministic for a seed and differs between seeds', async () => {
    const [a, b, c] = ['a.csv', 'b.csv', 'c.csv'].map((name) => path.join(folder, name)) as [string, string, string];
    await writeLargeExtract(a, 1500, { seed: 11 });
    await writeLargeExtract(b, 1500, { seed: 11 });
    await writeLargeExtract(c, 1500, { seed: 12 });
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    expect(readFileSync(a).equals(readFileSync(c))).toBe(false);
  });

  it('draws location text from the sample area', async () => {
    const file = path.join(folder, 'places.csv');
    await writeLargeExtract(file, 3000, { seed: 5 });
    const text = readFileSync(file, 'utf8').toLowerCase();
    for (const place of ['high r', 'station', 'crown', 'northbrook']) expect(text, place).toContain(place);
  });

  it('refuses a row count or a month it cannot write, naming the value', async () => {
    await expect(writeLargeExtract(path.join(folder, 'x.csv'), -1)).rejects.toThrow('-1');
    await expect(writeLargeExtract(path.join(folder, 'x.csv'), 10, { month: '2026-13x' })).rejects.toThrow('2026-13x');
  });

  it('writes a header-only file for zero rows', async () => {
    const file = path.join(folder, 'empty.csv');
    await writeLargeExtract(file, 0);
    expect(readFileSync(file, 'utf8')).toBe(`${CANONICAL_HEADER.join(',')}\n`);
  });
});
