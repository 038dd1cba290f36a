/**
 * The generator is deterministic and the committed sample data is exactly its
 * output: change the generator, rerun `npm run sample-data`, commit both.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateSampleData, writeSampleData } from '../../sample-data/generate.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const sampleData = path.join(repoRoot, 'sample-data');

function listFiles(directory: string, prefix = ''): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(path.join(directory, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

describe('the sample-data generator', () => {
  it('writes the same bytes on every run', async () => {
    const first = mkdtempSync(path.join(tmpdir(), 'istv-sample-a-'));
    const second = mkdtempSync(path.join(tmpdir(), 'istv-sample-b-'));
    await writeSampleData(first);
    await writeSampleData(second);
    const files = listFiles(first).sort();
    expect(listFiles(second).sort()).toEqual(files);
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) expect(readFileSync(path.join(second, file)).equals(readFileSync(path.join(first, file))), file).toBe(true);
  });

  it('gives different data for a different seed', async () => {
    const other = (await generateSampleData(7)).files;
    const usual = (await generateSampleData()).files;
    expect(other.get('area/lsoa.geojson')).not.toBe(usual.get('area/lsoa.geojson'));
    expect(other.get('inbox/RX1AA_2026-01.csv')).not.toBe(usual.get('inbox/RX1AA_2026-01.csv'));
  });

  it('matches the committed sample data byte for byte (rerun `npm run sample-data` after changing it)', async () => {
    const { files } = await generateSampleData();
    for (const [relative, content] of files) expect(readFileSync(path.join(sampleData, relative)).equals(Buffer.from(content)), relative).toBe(true);
    const committedInbox = readdirSync(path.join(sampleData, 'inbox')).map((name) => `inbox/${name}`);
    expect(committedInbox.sort()).toEqual([...files.keys()].filter((name) => name.startsWith('inbox/')).sort());
  });

  it('keeps the committed output small (a few MB at most)', () => {
    const total = listFiles(sampleData)
      .filter((file) => !file.startsWith('istv-data/') && file !== 'gazetteer.json')
      .reduce((sum, file) => sum + statSync(path.join(sampleData, file)).size, 0);
    expect(total).toBeLessThan(3 * 1024 * 1024);
  });
});
