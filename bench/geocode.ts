/**
 * Geocoder benchmark (issue 4): strings per second after the gazetteer is
 * loaded, beside a fuse.js fuzzy search over the same place names on the same
 * strings, each with its accuracy on the labelled set; and point-in-LSOA
 * throughput with the flatbush index beside a naive loop over every polygon.
 * Targets: ≥ 20,000 strings/s on one core. Rates are given per second of wall
 * time and per second of this process's CPU time, because a shared machine
 * gives a process only part of a core.
 *
 *   npx tsx bench/geocode.ts        (or npm run bench, which calls runGeocodeBench)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fuse from 'fuse.js';
import { buildGazetteer } from '../src/geocode/gazetteer/build.ts';
import { createGazetteer, type Gazetteer, type LocatedPlace } from '../src/geocode/gazetteer/load.ts';
import { createGeocoder } from '../src/geocode/geocoder.ts';
import { createLsoaIndex, findLsoaNaively } from '../src/geocode/lsoa-index.ts';
import { readLabelledSet } from '../src/geocode/evaluation/run.ts';
import type { LabelledLocation } from '../src/geocode/evaluation/score.ts';
import { sharedDataDir, sharedDataInputs } from '../src/geocode/evaluation/shared-data.ts';
import { PLACED_OUTCOMES } from '../src/geocode/types.ts';

interface Rate {
  perWallSecond: number;
  perCpuSecond: number;
}

function measure(count: number, body: (i: number) => void): Rate {
  const cpuStart = process.cpuUsage();
  const wallStart = process.hrtime.bigint();
  for (let i = 0; i < count; i++) body(i);
  const wall = Number(process.hrtime.bigint() - wallStart) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  return { perWallSecond: Math.round(count / wall), perCpuSecond: Math.round(count / ((cpu.user + cpu.system) / 1e6)) };
}

/** Right answer: a point in a right LSOA for a place-naming string, no point for the others. */
function accuracy(items: readonly LabelledLocation[], answer: (item: LabelledLocation) => string | null): number {
  let right = 0;
  for (const item of items) {
    const lsoa = answer(item);
    if (PLACED_OUTCOMES.has(item.expectedOutcome) ? lsoa !== null && item.expectedLsoas.includes(lsoa) : lsoa === null) right++;
  }
  return right / items.length;
}

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function format(rate: Rate): string {
  return `${rate.perWallSecond.toLocaleString('en-GB').padStart(10)} /s wall, ${rate.perCpuSecond.toLocaleString('en-GB').padStart(10)} /s CPU`;
}

function benchStrings(gazetteer: Gazetteer, items: readonly LabelledLocation[]): void {
  const geocoder = createGeocoder(gazetteer);
  const inputs = items.map((item) => ({ text: item.text, siteCode: item.siteCode }));
  for (let i = 0; i < 5000; i++) geocoder.geocode(inputs[i % inputs.length]!); // warm up the JIT
  const rate = measure(100_000, (i) => geocoder.geocode(inputs[i % inputs.length]!));
  const geocoderAccuracy = accuracy(items, (item) => geocoder.geocode({ text: item.text, siteCode: item.siteCode }).lsoaCode);

  // The baseline: fuzzy search of the whole text over every place name, best hit if close enough.
  const fuse = new Fuse<LocatedPlace>([...gazetteer.places], { keys: ['name'], threshold: 0.4, includeScore: true, ignoreLocation: true });
  const fuseAnswer = (text: string): string | null => {
    const best = text.trim() === '' ? undefined : fuse.search(text, { limit: 1 })[0];
    return best && (best.score ?? 1) <= 0.4 ? best.item.lsoaCode : null;
  };
  // Fuse is thousands of times slower: one timed pass over the set gives both its rate and its answers.
  const fuseAnswers: Array<string | null> = [];
  const fuseRate = measure(items.length, (i) => fuseAnswers.push(fuseAnswer(items[i]!.text)));
  const fuseAccuracy = accuracy(items, (item) => fuseAnswers[items.indexOf(item)] ?? null);

  console.log(`  strings (${items.length} labelled, repeated)   istv geocoder ${format(rate)}   accuracy ${(geocoderAccuracy * 100).toFixed(1)}%   target ≥ 20,000/s: ${rate.perCpuSecond >= 20_000 ? 'met (CPU)' : 'NOT MET'}`);
  console.log(`                                      fuse.js       ${format(fuseRate)}   accuracy ${(fuseAccuracy * 100).toFixed(1)}%`);
}

function benchPointInLsoa(gazetteer: Gazetteer): void {
  const lsoas = gazetteer.lsoas;
  const index = createLsoaIndex(lsoas);
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const lsoa of lsoas) {
    const rings = lsoa.geometry.type === 'Polygon' ? [lsoa.geometry.coordinates[0]!] : lsoa.geometry.coordinates.map((p) => p[0]!);
    for (const ring of rings) for (const [x = 0, y = 0] of ring) [west, south, east, north] = [Math.min(west, x), Math.min(south, y), Math.max(east, x), Math.max(north, y)];
  }
  const random = seededRandom(1594);
  const points = Array.from({ length: 50_000 }, () => [west + random() * (east - west), south + random() * (north - south)] as const);
  const indexed = measure(points.length, (i) => index.find(points[i]![0], points[i]![1]));
  const naiveCount = 2_000;
  const naive = measure(naiveCount, (i) => findLsoaNaively(lsoas, points[i]![0], points[i]![1]));
  let disagreements = 0;
  for (let i = 0; i < naiveCount; i++) if (index.find(points[i]![0], points[i]![1])?.code !== findLsoaNaively(lsoas, points[i]![0], points[i]![1])?.code) disagreements++;
  console.log(`  point in LSOA (${lsoas.length} polygons)      flatbush index ${format(indexed)}`);
  console.log(`                                      naive loop     ${format(naive)}   (${disagreements} disagreements in ${naiveCount} points)`);
}

export async function runGeocodeBench(): Promise<void> {
  console.log('\n## geocode');
  const dataDir = sharedDataDir();
  if (!dataDir) {
    console.log('  skipped: ../shared/data (beside the repository) is not on this machine');
    return;
  }
  const started = process.hrtime.bigint();
  const gazetteer = createGazetteer(buildGazetteer(sharedDataInputs(dataDir)));
  console.log(`  gazetteer ${gazetteer.version}: ${gazetteer.places.length} places, ${gazetteer.lsoas.length} LSOAs, built and loaded in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`);
  benchStrings(gazetteer, readLabelledSet());
  benchPointInLsoa(gazetteer);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await runGeocodeBench();
