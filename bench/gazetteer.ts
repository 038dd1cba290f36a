/**
 * A region-sized gazetteer (issue 18): a generated area of about 5,000 LSOAs
 * (square cells with ward and borough codes), 180,000 postcodes and 100,000
 * named places, written as the open-data files a CSP brings (ONS GeoJSON,
 * postcode CSV, places GeoJSON), then built, written, loaded and geocoded.
 * Each figure is printed beside its target: build < 60 s, load < 3 s,
 * ≥ 20,000 texts/s, RSS < 1 GB. Wall and CPU time are both shown, since the
 * machine may be shared.
 *
 *   npx tsx bench/gazetteer.ts [lsoas postcodes places]
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildGazetteer, writeGazetteer } from '../src/geocode/gazetteer/build.ts';
import { loadGazetteer } from '../src/geocode/gazetteer/load.ts';
import { createGeocoder } from '../src/geocode/geocoder.ts';

const TARGETS = { buildSeconds: 60, loadSeconds: 3, textsPerSecond: 20_000, rssMegabytes: 1024 };

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 2246822507) + 0x6d2b79f5) >>> 0;
    return state / 4294967296;
  };
}

interface Timing {
  wall: number;
  cpu: number;
}

function timed<T>(body: () => T): [T, Timing] {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = body();
  const used = process.cpuUsage(cpu);
  return [result, { wall: (performance.now() - start) / 1000, cpu: (used.user + used.system) / 1e6 }];
}

const UNIT_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const AREAS = ['E', 'N', 'SE', 'SW', 'W', 'NW', 'EC', 'WC', 'IG', 'RM', 'EN', 'HA', 'UB', 'TW', 'KT', 'CR', 'BR', 'DA'];
const STREET_WORDS = ['Oak', 'Elm', 'Station', 'Church', 'Mill', 'Victoria', 'Albert', 'King', 'Queen', 'Park', 'Green', 'High', 'Manor', 'Grove', 'Cedar', 'Willow', 'Ash', 'Bridge', 'Market', 'Castle'];
const STREET_TYPES = ['Road', 'Street', 'Avenue', 'Lane', 'Gardens', 'Close', 'Way', 'Crescent', 'Place', 'Terrace'];
const PREMISES_WORDS = ['Red Lion', 'White Hart', 'Crown', 'Royal Oak', 'Plough', 'Swan', 'Bell', 'Star', 'Anchor', 'George'];

/** Writes the inputs; returns the file paths and a sample of texts to geocode. */
function generateInputs(directory: string, lsoaCount: number, postcodeCount: number, placeCount: number): { lsoa: string; postcodes: string; places: string; texts: string[] } {
  const random = seeded(1594);
  const side = Math.ceil(Math.sqrt(lsoaCount));
  const [west, south, cell] = [-0.5, 51.3, 0.006];
  const features: unknown[] = [];
  for (let i = 0; i < lsoaCount; i++) {
    const [x, y] = [west + (i % side) * cell, south + Math.floor(i / side) * cell];
    const ward = Math.floor(i / 7);
    const borough = Math.floor(ward / 20);
    features.push({
      type: 'Feature',
      properties: {
        LSOA21CD: `E01${String(i).padStart(6, '0')}`,
        LSOA21NM: `Area ${Math.floor(i / 4)}${String.fromCharCode(65 + (i % 4))}`,
        WD23CD: `E05${String(ward).padStart(6, '0')}`,
        WD23NM: `Ward ${ward}`,
        LAD22CD: `E09${String(borough).padStart(6, '0')}`,
        LAD22NM: `Borough ${borough}`,
      },
      geometry: { type: 'Polygon', coordinates: [[[x, y], [x + cell, y], [x + cell, y + cell], [x, y + cell], [x, y]]] },
    });
  }
  const lsoa = path.join(directory, 'lsoa.geojson');
  writeFileSync(lsoa, JSON.stringify({ type: 'FeatureCollection', features }));
  const extent = side * cell;
  const point = () => [west + random() * extent, south + random() * extent * (lsoaCount / (side * side))] as const;

  const postcodeList: string[] = [];
  const rows = ['pcds,latitude,longitude'];
  for (let i = 0; postcodeList.length < postcodeCount; i++) {
    const area = AREAS[i % AREAS.length]!;
    const rest = Math.floor(i / AREAS.length);
    const district = 1 + (rest % 28);
    const sector = Math.floor(rest / 28) % 10;
    const unit = Math.floor(rest / 280);
    if (unit >= UNIT_LETTERS.length ** 2) break;
    const postcode = `${area}${district} ${sector}${UNIT_LETTERS[Math.floor(unit / UNIT_LETTERS.length)]}${UNIT_LETTERS[unit % UNIT_LETTERS.length]}`;
    const [longitude, latitude] = point();
    postcodeList.push(postcode);
    rows.push(`${postcode},${latitude.toFixed(6)},${longitude.toFixed(6)}`);
  }
  const postcodes = path.join(directory, 'postcodes.csv');
  writeFileSync(postcodes, `${rows.join('\n')}\n`);

  const placeFeatures: unknown[] = [];
  const names: string[] = [];
  for (let i = 0; i < placeCount; i++) {
    const premises = i % 5 === 0;
    const name = premises
      ? `The ${PREMISES_WORDS[i % PREMISES_WORDS.length]} ${Math.floor(i / 50)}`
      : `${STREET_WORDS[i % STREET_WORDS.length]} ${STREET_WORDS[Math.floor(i / 20) % STREET_WORDS.length]}${Math.floor(i / 400)} ${STREET_TYPES[Math.floor(i / 7) % STREET_TYPES.length]}`;
    const [longitude, latitude] = point();
    names.push(name);
    placeFeatures.push({ type: 'Feature', properties: { name }, geometry: { type: 'Point', coordinates: [longitude, latitude] } });
  }
  const places = path.join(directory, 'places.geojson');
  writeFileSync(places, JSON.stringify({ type: 'FeatureCollection', features: placeFeatures }));

  // Reception-style texts: a place name with shorthand, a postcode, home, unknown, and noise.
  const texts: string[] = [];
  for (let i = 0; i < 2000; i++) {
    const name = names[Math.floor(random() * names.length)]!;
    const postcode = postcodeList[Math.floor(random() * postcodeList.length)]!;
    texts.push([`o/s ${name.toLowerCase()}`, `${postcode}`, "pt's home", 'u/k', `nr ${name} ${postcode}`, `outside the shops by ${name.split(' ')[0]}`][i % 6]!);
  }
  return { lsoa, postcodes, places, texts };
}

export function runGazetteerBench(lsoaCount = 5000, postcodeCount = 180_000, placeCount = 100_000): void {
  const directory = mkdtempSync(path.join(tmpdir(), 'istv-gazetteer-bench-'));
  try {
    const inputs = generateInputs(directory, lsoaCount, postcodeCount, placeCount);
    const [file, build] = timed(() => buildGazetteer({ lsoa: [inputs.lsoa], postcodes: [inputs.postcodes], landmarks: [inputs.places] }));
    const output = path.join(directory, 'gazetteer.json');
    writeGazetteer(output, file);
    const [gazetteer, load] = timed(() => loadGazetteer(output));
    const geocoder = createGeocoder(gazetteer);
    for (let i = 0; i < 2000; i++) geocoder.geocode({ text: inputs.texts[i % inputs.texts.length]!, siteCode: null });
    const count = 50_000;
    const [, geocode] = timed(() => {
      for (let i = 0; i < count; i++) geocoder.geocode({ text: inputs.texts[i % inputs.texts.length]!, siteCode: null });
    });
    const rss = process.memoryUsage().rss / 2 ** 20;
    const mark = (met: boolean) => (met ? 'met' : 'NOT MET');
    console.log(`  region gazetteer: ${gazetteer.lsoas.length} LSOAs, ${file.postcodes.length} postcodes, ${gazetteer.places.length} places; file ${(statSync(output).size / 2 ** 20).toFixed(0)} MB`);
    console.log(`  build      ${build.wall.toFixed(1)} s wall, ${build.cpu.toFixed(1)} s CPU    target < ${TARGETS.buildSeconds} s: ${mark(build.wall < TARGETS.buildSeconds)}`);
    console.log(`  load       ${load.wall.toFixed(2)} s wall, ${load.cpu.toFixed(2)} s CPU    target < ${TARGETS.loadSeconds} s: ${mark(load.wall < TARGETS.loadSeconds)}${load.wall >= TARGETS.loadSeconds && load.cpu < TARGETS.loadSeconds ? ' (met in CPU time; the machine is shared)' : ''}`);
    const wallRate = count / geocode.wall;
    const cpuRate = count / geocode.cpu;
    console.log(`  geocoding  ${Math.round(wallRate).toLocaleString('en-GB')} texts/s wall, ${Math.round(cpuRate).toLocaleString('en-GB')} texts/s CPU    target ≥ ${TARGETS.textsPerSecond.toLocaleString('en-GB')}/s: ${mark(wallRate >= TARGETS.textsPerSecond)}${wallRate < TARGETS.textsPerSecond && cpuRate >= TARGETS.textsPerSecond ? ' (met in CPU time; the machine is shared)' : ''}`);
    console.log(`  memory     RSS ${rss.toFixed(0)} MB after load and geocoding    target < ${TARGETS.rssMegabytes} MB: ${mark(rss < TARGETS.rssMegabytes)}`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [lsoas, postcodes, places] = process.argv.slice(2).map(Number);
  runGazetteerBench(lsoas || undefined, postcodes || undefined, places || undefined);
}
