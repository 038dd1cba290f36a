/**
 * `npm run bench`: every benchmark of the project, one after another. Speed and
 * memory targets live here, never in the tests. ISTV_BENCH_ROWS sets the size of
 * the ingest benchmark (default 1,000,000).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const folder = path.dirname(fileURLToPath(import.meta.url));
console.log(`# istv benchmarks (Node ${process.version}, ${new Date().toISOString()})`);

const benches: Array<{ file: string; run: string }> = [
  { file: 'ingest.ts', run: 'runIngestBench' },
  { file: 'geocode.ts', run: 'runGeocodeBench' },
  { file: 'disclose.ts', run: 'runDiscloseBench' },
  { file: 'gazetteer.ts', run: 'runGazetteerBench' },
  { file: 'report.ts', run: 'runReportBench' },
];
for (const bench of benches) {
  if (!existsSync(path.join(folder, bench.file))) continue;
  const module = (await import(`./${bench.file}`)) as Record<string, () => unknown>;
  const run = module[bench.run];
  if (typeof run !== 'function') throw new Error(`bench/${bench.file} does not export ${bench.run}()`);
  console.log(`\n## ${bench.file.replace(/\.ts$/, '')}\n`);
  // Some benches print their own table; others return rows to print.
  const rows = await run();
  if (Array.isArray(rows)) console.table(rows);
}
