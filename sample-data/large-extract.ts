/**
 * Streams a large, valid, canonical-header extract (a million rows for the
 * benchmark, thousands for the crash tests) in constant memory: rows are drawn
 * and written in small batches, waiting for the stream to drain, and nothing
 * is kept once written. The location text comes from the same vocabulary as the
 * sample extracts, so the geocoder does the same work per row.
 *
 *   npx tsx sample-data/large-extract.ts OUT.csv ROWS [--seed N] [--site CODE] [--month YYYY-MM]
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom } from './lib/random.ts';
import { readVocabulary } from './lib/vocabulary.ts';
import { createIncidentGenerator, monthBounds } from './lib/incidents.ts';
import { canonicalFormat, formatCsvRow } from './lib/extract-formats.ts';

export interface LargeExtractOptions {
  seed?: number;
  /** Site code written in every row; its location (from area/sites.csv) steers which places are named. Default RX1AA. */
  siteCode?: string;
  /** Reporting month, YYYY-MM; every arrival and assault falls inside it. Default 2026-10. */
  month?: string;
}

const SAMPLE_DATA_DIRECTORY = path.dirname(fileURLToPath(import.meta.url));
const BATCH_ROWS = 2_000;

function siteLocation(siteCode: string): readonly [number, number] {
  const [header, ...rows] = readFileSync(path.join(SAMPLE_DATA_DIRECTORY, 'area', 'sites.csv'), 'utf8').trim().split('\n');
  if (header !== 'site_code,name,longitude,latitude') throw new Error(`Unexpected sites.csv header: ${header}`);
  const sites = rows.map((row) => row.split(','));
  // A site code of the caller's own (a test's) is placed at the first ED.
  const site = sites.find((cells) => cells[0] === siteCode) ?? sites[0];
  if (!site) throw new Error('sites.csv lists no site');
  return [Number(site[2]), Number(site[3])];
}

export async function writeLargeExtract(file: string, rows: number, options: LargeExtractOptions = {}): Promise<void> {
  if (!Number.isInteger(rows) || rows < 0) throw new Error(`Expected a whole number of rows, got ${rows}`);
  const siteCode = options.siteCode ?? 'RX1AA';
  if (!/^[A-Z0-9]{3,12}$/.test(siteCode)) throw new Error(`Expected an ODS site code (3 to 12 capital letters or digits), got ${siteCode}`);
  const month = options.month ?? '2026-10';
  monthBounds(month);
  const random = createRandom(options.seed ?? 1);
  const generator = createIncidentGenerator(readVocabulary(path.join(SAMPLE_DATA_DIRECTORY, 'area')), siteLocation(siteCode));
  const format = canonicalFormat(siteCode, 'space');
  const idPrefix = `LX${month.slice(2, 4)}${month.slice(5, 7)}`;

  const stream = createWriteStream(file);
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  const write = async (text: string) => {
    if (!stream.write(text)) await Promise.race([once(stream, 'drain'), failed]);
  };
  await write(formatCsvRow(format.header, ',') + '\n');
  for (let start = 0; start < rows; start += BATCH_ROWS) {
    let batch = '';
    for (let index = start; index < Math.min(rows, start + BATCH_ROWS); index++) {
      const incident = generator.incident(month, random);
      batch += formatCsvRow(format.row(incident, `${idPrefix}${String(index + 1).padStart(8, '0')}`, random), ',') + '\n';
    }
    await write(batch);
  }
  stream.end();
  await Promise.race([once(stream, 'finish'), failed]);
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const [file, rowsText, ...rest] = process.argv.slice(2);
  if (!file || !rowsText) {
    console.error('usage: tsx sample-data/large-extract.ts OUT.csv ROWS [--seed N] [--site CODE] [--month YYYY-MM]');
    process.exit(2);
  }
  const option = (name: string) => {
    const at = rest.indexOf(name);
    return at >= 0 ? rest[at + 1] : undefined;
  };
  const seed = option('--seed');
  await writeLargeExtract(path.resolve(file), Number(rowsText), {
    ...(seed !== undefined ? { seed: Number(seed) } : {}),
    ...(option('--site') ? { siteCode: option('--site') as string } : {}),
    ...(option('--month') ? { month: option('--month') as string } : {}),
  });
}
