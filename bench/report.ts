/**
 * Report benchmark (issue 5): time and peak memory to publish one month's packs
 * (aggregation, disclosure control with the auditor, rendering, writing) from
 * a store of 24 months over the sample area, without and with the PDFs.
 * Target: a borough-sized store (24 months × 5,000 assaults) publishes its
 * packs, PDFs aside, in under 60 s on one core; PDFs cost about a second each.
 *
 *   npx tsx bench/report.ts        (or npm run bench, which calls runReportBench)
 *   ISTV_BENCH_REPORT_MONTHLY=20000 for a bigger store
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { centroid } from '@turf/turf';
import { createRandom } from '../sample-data/lib/random.ts';
import { monthsEnding } from '../src/aggregate/months.ts';
import { parseConfig } from '../src/config/load.ts';
import { closePipelineContext, openPipelineContext } from '../src/pipeline/context.ts';
import { publishMonth } from '../src/report/publish.ts';
import { CHROMIUM_PATH } from '../src/report/render/pdf.ts';
import { createFixtureStore, type FixtureRecord } from '../tests/report/fixtures.ts';

const area = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'sample-data', 'area');
const MONTH = '2026-10';

export async function runReportBench(): Promise<void> {
  const monthly = Number(process.env.ISTV_BENCH_REPORT_MONTHLY ?? 5000);
  const boundaries = JSON.parse(readFileSync(path.join(area, 'lsoa.geojson'), 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
  const premises = (JSON.parse(readFileSync(path.join(area, 'premises.geojson'), 'utf8')) as FeatureCollection<Point>).features.map((feature) => ({
    id: String(feature.properties!.id),
    name: String(feature.properties!.name),
    longitude: feature.geometry.coordinates[0]!,
    latitude: feature.geometry.coordinates[1]!,
  }));
  const centres = boundaries.features.map((feature) => ({ code: String(feature.properties!.LSOA21CD), ward: String(feature.properties!.WD23CD), point: centroid(feature).geometry.coordinates }));
  const random = createRandom(5);
  const fixture = createFixtureStore('istv-bench-report-');
  const started = Date.now();
  for (const month of monthsEnding(MONTH, 24)) {
    const records: FixtureRecord[] = [];
    for (let i = 0; i < monthly; i++) {
      const date = `${month}-${String(random.integer(1, 28)).padStart(2, '0')}`;
      const base: FixtureRecord = {
        date,
        time: `${String(random.pick([21, 22, 23, 0, 1, 2, 15, 18])).padStart(2, '0')}:15`,
        weapon: random.pick(['body', 'body', 'body', 'knife_or_sharp', 'glass', 'bottle', 'blunt_object', 'unknown']),
        ageBand: random.pick(['18-24', '25-34', '35-44', '45-54', 'unknown']),
        sex: random.chance(0.7) ? 'male' : 'female',
        alcohol: random.chance(0.5),
        relationship: random.pick(['stranger', 'acquaintance', 'partner_or_ex', 'family', 'unknown']),
        repeatKey: `k${random.integer(1, monthly * 6)}`,
      };
      if (random.chance(0.15)) {
        const pub = random.pick(premises);
        records.push({ ...base, locationType: 'licensed_premises', geocodeOutcome: 'premises', matchedId: pub.id, matchedName: pub.name, longitude: pub.longitude, latitude: pub.latitude, locationText: pub.name.toLowerCase() });
      } else if (random.chance(0.7)) {
        const lsoa = random.pick(centres);
        records.push({ ...base, locationType: 'street', geocodeOutcome: 'street', matchedId: `st-${lsoa.code}`, matchedName: `Street ${lsoa.code}`, longitude: lsoa.point[0]!, latitude: lsoa.point[1]!, lsoa: lsoa.code, ward: lsoa.ward });
      } else {
        records.push({ ...base, locationType: 'home', geocodeOutcome: 'home', confidence: 0 });
      }
    }
    fixture.addExtract('RX1AA', month, records, { rowsRead: records.length, rowsAccepted: records.length, rowsRejected: 0 });
  }
  console.log(`\n## Report packs (${24 * monthly} records over 24 months, ${boundaries.features.length} LSOAs, ${premises.length} premises; store built in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  const config = parseConfig({ dataDir: fixture.directory, areaName: 'Northbrook', sites: [{ code: 'RX1AA', name: 'Northbrook General', longitude: -3.9, latitude: 50.6 }] }, fixture.directory, null);
  const context = openPipelineContext(config, { quiet: true });
  try {
    for (const pdf of ['skip', 'if-available'] as const) {
      if (pdf !== 'skip' && !existsSync(CHROMIUM_PATH)) {
        console.log(`PDFs: not measured (no Chromium at ${CHROMIUM_PATH})`);
        continue;
      }
      const cpu = process.cpuUsage();
      const wall = Date.now();
      const summary = await publishMonth(context, MONTH, { lsoaBoundaries: boundaries, premises, pdf });
      const cpuSeconds = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1e6;
      const files = summary.audiences.reduce((total, entry) => total + entry.files.length, 0);
      console.log(
        `publishMonth (${pdf === 'skip' ? 'no PDFs' : `${summary.pdfs} PDFs`}): ${((Date.now() - wall) / 1000).toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU of this process, ${files} files, ` +
          `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
      );
    }
  } finally {
    closePipelineContext(context);
    fixture.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runReportBench();
