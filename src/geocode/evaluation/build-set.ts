/**
 * Builds the labelled evaluation set for the geocoder from the real open data in
 * ../shared/data: receptionist-style strings with the truth taken from the data
 * itself (the pub's own LSOA, the postcode's LSOA, the LSOAs a street's sampled
 * postcodes fall in), never from the geocoder. Deterministic (seeded), so the
 * committed CSV can be regenerated and diffed:
 *
 *   npx tsx src/geocode/evaluation/build-set.ts [DATA_DIR]
 *
 * Truth conventions (stated in the CSV's README beside it):
 * - premises, landmark, area: the LSOA of the record's point in the data;
 * - street: any LSOA its sampled postcodes fall in (`lsoa21_all`): a street
 *   crosses several LSOAs and any point on it is right;
 * - junction: the LSOAs of either street (they share a postcode, so they meet);
 * - postcode: the postcode's LSOA; sector: any LSOA a postcode of the sector is in;
 * - police_street: street names from police.uk's burglary file (independent of the
 *   gazetteer's street list), any LSOA police placed a crime on that street in;
 * - ambiguous: the data holds several same-named places the text and the site's
 *   borough cannot tell apart (more than 300 m apart, same borough);
 * - home, unknown, no_match: no LSOA.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { oneRoad } from './one-road.ts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { metresBetween } from '../../lib/distance.ts';
import { seededRandom } from '../../lib/seeded-random.ts';

export const BOROUGHS = [
  { folder: 'haringey', lad: 'E09000014', sites: ['RAPNM', 'RKEQ4'] },
  { folder: 'barking_and_dagenham', lad: 'E09000002', sites: ['RF4QH', 'RF4DG'] },
] as const;

interface Row {
  text: string;
  site_code: string;
  expected_outcome: string;
  expected_lsoa: string;
  group: string;
}

interface Feature {
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: [number, number] };
}


const random = seededRandom(20261123);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const chance = (p: number): boolean => random() < p;
function sample<T>(items: readonly T[], count: number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, count);
}

/** The generator's own name key (deliberately simpler than the geocoder's, so the truth does not copy its logic). */
function nameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/['’.]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/^the /, '')
    .replace(/ (ph|pub|public house|ltd|limited|plc|restaurants?|uk|gmbh)$/g, '')
    .replace(/ (ph|pub|public house|ltd|limited|plc|restaurants?|uk|gmbh)$/g, '')
    .trim();
}

const ABBREVIATE: Array<[RegExp, string[]]> = [
  [/\bRoad\b/i, ['Rd', 'rd', 'RD', 'Road']],
  [/\bStreet\b/i, ['St', 'st', 'Street']],
  [/\bLane\b/i, ['Ln', 'ln', 'Lane']],
  [/\bAvenue\b/i, ['Ave', 'ave', 'Av']],
  [/\bGardens\b/i, ['Gdns', 'gdns']],
  [/\bGreen\b/i, ['Grn', 'grn', 'Green']],
  [/\bStation\b/i, ['Stn', 'stn', 'station']],
  [/\bParade\b/i, ['Pde', 'Parade']],
];

function abbreviate(text: string): string {
  let out = text;
  for (const [pattern, forms] of ABBREVIATE) if (pattern.test(out) && chance(0.7)) out = out.replace(pattern, pick(forms));
  return out;
}

/** One realistic typing slip in the longest word of six letters or more (never its first letter). */
function misspell(text: string): string {
  const words = text.split(' ');
  const candidates = words.map((w, i) => [w, i] as const).filter(([w]) => /^[a-z]{6,}$/i.test(w));
  if (candidates.length === 0) return text;
  const [word, at] = candidates.sort((a, b) => b[0].length - a[0].length)[0]!;
  const position = 1 + Math.floor(random() * (word.length - 2));
  const kind = pick(['drop', 'swap', 'double', 'vowel']);
  let slipped = word;
  if (kind === 'drop') slipped = word.slice(0, position) + word.slice(position + 1);
  else if (kind === 'swap') slipped = word.slice(0, position) + word[position + 1] + word[position] + word.slice(position + 2);
  else if (kind === 'double') slipped = word.slice(0, position) + word[position] + word.slice(position);
  else slipped = word.replace(/[aeiou](?=[^aeiou]*$)/i, (v) => (v.toLowerCase() === 'e' ? 'a' : 'e'));
  words[at] = slipped;
  return words.join(' ');
}

function casing(text: string): string {
  const r = random();
  if (r < 0.45) return text.toLowerCase();
  if (r < 0.55) return text.toUpperCase();
  return text;
}

function readFeatures(file: string): Feature[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { features: Feature[] }).features;
}

function point(feature: Feature): [number, number] {
  return feature.geometry.coordinates;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

export function buildEvaluationSet(dataDir: string): Row[] {
  const rows: Row[] = [];
  const add = (text: string, site: string, outcome: string, lsoas: Iterable<string>, group: string): void => {
    rows.push({ text, site_code: site, expected_outcome: outcome, expected_lsoa: [...new Set(lsoas)].sort().join('|'), group });
  };

  for (const borough of BOROUGHS) {
    const dir = path.join(dataDir, borough.folder);
    const site = (): string => pick(borough.sites);
    const pubs = readFeatures(path.join(dir, 'licensed_premises_osm_pubs.geojson'));
    const fhrs = readFeatures(path.join(dir, 'food_drink_premises_fhrs_2020.geojson')).filter((f) => f.properties['lsoa21_in_borough'] === true);
    const streets = readFeatures(path.join(dir, 'streets_fhrs_derived.geojson'));
    const landmarks = readFeatures(path.join(dir, 'landmarks_osm_2019.geojson'));
    const schoolsParks = readFeatures(path.join(dir, 'landmarks_schools_parks_ogl.geojson'));
    const postcodes = parse(readFileSync(path.join(dir, 'postcodes.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;

    // Every named point of the borough by key, to know which names are shared by distinct places.
    const premisesByKey = new Map<string, Feature[]>();
    for (const f of [...pubs, ...fhrs]) {
      const key = nameKey(str(f.properties['name']));
      if (!premisesByKey.has(key)) premisesByKey.set(key, []);
      premisesByKey.get(key)!.push(f);
    }
    const distinctPlaces = (features: Feature[]): number => {
      const clusters: Array<[number, number]> = [];
      for (const f of features) if (!clusters.some((c) => metresBetween(c, point(f)) <= 300)) clusters.push(point(f));
      return clusters.length;
    };
    const otherKinds = new Set(
      [...streets, ...landmarks, ...schoolsParks].map((f) => nameKey(str(f.properties['name']))),
    );

    // Pubs, by name, as receptionists write them.
    for (const pub of pubs) {
      const name = str(pub.properties['name']);
      const key = nameKey(name);
      if (key.length < 4 || otherKinds.has(key)) continue;
      const shared = distinctPlaces(premisesByKey.get(key) ?? []);
      const bare = name.replace(/^The /i, '');
      const template = pick(['o/s {n}', 'outside the {n}', 'nr {n} pub', 'in {n}', '{n}', 'inside {n} PH', 'o/s {n} pub', 'smoking area {n}']);
      let text = template.replace('{n}', chance(0.5) ? name : bare);
      if (chance(0.25)) text = misspell(text);
      const outcome = shared > 1 ? 'ambiguous' : 'premises';
      add(casing(text), site(), outcome, outcome === 'premises' ? [str(pub.properties['lsoa21cd'])] : [], shared > 1 ? 'pub_shared_name' : 'pub');
    }

    // FSA pubs/bars/clubs and takeaways with names of their own.
    const ownNamed = fhrs.filter((f) => {
      const key = nameKey(str(f.properties['name']));
      return key.length >= 5 && !otherKinds.has(key) && distinctPlaces(premisesByKey.get(key) ?? []) === 1 && !/@/.test(str(f.properties['name']));
    });
    for (const category of ['pub_bar_nightclub', 'takeaway', 'restaurant_cafe']) {
      const pool = ownNamed.filter((f) => f.properties['premises_category'] === category);
      for (const f of sample(pool, category === 'pub_bar_nightclub' ? 25 : 20)) {
        const name = str(f.properties['name']).replace(/\s+(Ltd|Limited)$/i, '');
        const text = pick(['o/s {n}', 'outside {n}', 'in {n}', '{n}', 'nr {n}']).replace('{n}', chance(0.2) ? misspell(name) : name);
        add(casing(text), site(), 'premises', [str(f.properties['lsoa21cd'])], `fhrs_${category}`);
      }
    }

    // Chains: the branch settled by its street and district, or ambiguous without.
    for (const [key, features] of premisesByKey) {
      if (!/^(mcdonalds|kfc|tesco|subway|greggs|costa coffee|dominos pizza|burger king|chicken cottage|dixy chicken|perfect fried chicken|favorite chicken and ribs|pizza hut|iceland|londis|costcutter)/.test(key)) continue;
      if (distinctPlaces(features) < 2) continue;
      add(casing(`o/s ${str(features[0]!.properties['name']).replace(/\s+(Ltd|Limited|Restaurants?)$/gi, '')}`), site(), 'ambiguous', [], 'chain_bare');
      for (const f of features) {
        const street = str(f.properties['street']);
        const district = str(f.properties['postcode_district']);
        if (!street || !district) continue;
        const sameStreet = features.filter((o) => str(o.properties['street']) === street && str(o.properties['postcode_district']) === district);
        if (distinctPlaces(sameStreet) !== 1 || !chance(0.5)) continue;
        const name = key.split(' ').slice(0, 2).join(' ');
        add(casing(`outside ${name} ${abbreviate(street)} ${district}`), site(), 'premises', [str(f.properties['lsoa21cd'])], 'chain_with_street');
      }
    }

    // Streets: bare, with a house number, with the district; ambiguous where the borough has two far apart.
    const streetsByKey = new Map<string, Feature[]>();
    for (const f of streets) {
      const key = str(f.properties['name_key']);
      if (!streetsByKey.has(key)) streetsByKey.set(key, []);
      streetsByKey.get(key)!.push(f);
    }
    const premisesKeys = new Set(premisesByKey.keys());
    for (const [key, features] of sample([...streetsByKey], 70)) {
      if (premisesKeys.has(nameKey(key)) || landmarks.some((l) => nameKey(str(l.properties['name'])) === nameKey(key))) continue;
      const feature = features[0]!;
      const name = str(feature.properties['name']);
      const lsoas = (feature.properties['lsoa21_all'] as string[] | undefined) ?? [str(feature.properties['lsoa21cd'])];
      if (features.length === 1) {
        const template = pick(['{n}', 'o/s {h} {n}', '{n}', 'in street on {n}', 'bus stop {n}', '{n} nr shops']);
        const text = template.replace('{n}', abbreviate(chance(0.15) ? misspell(name) : name)).replace('{h}', String(1 + Math.floor(random() * 180)));
        add(casing(text), site(), 'street', lsoas, 'street');
      } else {
        // Features of the name the text gives (name_key may join "Hornsey Park Road" to "Park Road"):
        // several in one postcode district are one long road (one-road.ts), so any point on it is right.
        const named = features.filter((f) => str(f.properties['name']).toLowerCase() === name.toLowerCase());
        const road = named.length === 1 || oneRoad(named) ? named.flatMap((f) => (f.properties['lsoa21_all'] as string[] | undefined) ?? [str(f.properties['lsoa21cd'])]) : null;
        if (road) add(casing(abbreviate(name)), site(), 'street', [...new Set(road)], 'street_one_road');
        else add(casing(abbreviate(name)), site(), 'ambiguous', [], 'street_shared_name');
        const districts = features.map((f) => (f.properties['postcode_districts'] as string[]) ?? []);
        districts.forEach((own, i) => {
          const unique = own.filter((d) => districts.every((other, j) => j === i || !other.includes(d)));
          if (unique.length > 0) {
            const f = features[i]!;
            add(casing(`${abbreviate(name)} ${unique[0]}`), site(), 'street', road && named.includes(f) ? [...new Set(road)] : ((f.properties['lsoa21_all'] as string[]) ?? []), 'street_with_district');
          }
        });
      }
    }

    // Junctions: streets that share a sampled postcode meet there.
    const uniqueStreets = streets.filter((f) => (streetsByKey.get(str(f.properties['name_key'])) ?? []).length === 1);
    const junctions: Array<[Feature, Feature]> = [];
    for (let i = 0; i < uniqueStreets.length; i++) {
      for (let j = i + 1; j < uniqueStreets.length; j++) {
        const a = uniqueStreets[i]!;
        const b = uniqueStreets[j]!;
        const shared = (a.properties['sample_postcodes'] as string[]).some((p) => (b.properties['sample_postcodes'] as string[]).includes(p));
        if (shared) junctions.push([a, b]);
      }
    }
    for (const [a, b] of sample(junctions, 14)) {
      const template = pick(['jct of {a} & {b}', 'corner of {a} and {b}', 'junction {a}/{b}', 'jnc {a} and {b}', '{a} j/w {b}']);
      const text = template.replace('{a}', abbreviate(str(a.properties['name']))).replace('{b}', abbreviate(str(b.properties['name'])));
      const lsoas = [...((a.properties['lsoa21_all'] as string[]) ?? []), ...((b.properties['lsoa21_all'] as string[]) ?? [])];
      add(casing(text), site(), 'junction', lsoas, 'junction');
    }

    // Landmarks: stations, bus stations, schools, parks, and named areas.
    for (const f of landmarks) {
      const name = str(f.properties['name']);
      const type = str(f.properties['landmark_type']);
      const lsoa = [str(f.properties['lsoa21cd'])];
      if (type === 'rail_or_tube_station') {
        const text = pick(['{n} stn', 'o/s {n} station', '{n} tube', 'outside {n} train station', 'nr {n} stn']).replace('{n}', chance(0.2) ? misspell(name) : name);
        add(casing(text), site(), 'landmark', lsoa, 'station');
      } else if (type === 'bus_station') {
        add(casing(abbreviate(name)), site(), 'landmark', lsoa, 'bus_station');
      } else if (type.startsWith('place_')) {
        if (premisesKeys.has(nameKey(name))) continue;
        add(casing(pick(['{n}', 'in {n}', '{n} area', 'somewhere in {n}']).replace('{n}', name)), site(), 'area', lsoa, 'area');
      }
    }
    const schoolNames = schoolsParks.map((f) => nameKey(str(f.properties['name'])));
    const schools = schoolsParks.filter((f) => f.properties['landmark_type'] === 'school' && schoolNames.filter((n) => n === nameKey(str(f.properties['name']))).length === 1);
    for (const f of sample(schools, 14)) {
      const name = str(f.properties['name']);
      add(casing(pick(['o/s {n}', 'outside {n}', 'playground {n}', 'nr {n}']).replace('{n}', name)), site(), 'landmark', [str(f.properties['lsoa21cd'])], 'school');
    }
    for (const f of schoolsParks.filter((f) => f.properties['landmark_type'] === 'park')) {
      add(casing(`in ${str(f.properties['name'])}`), site(), 'landmark', [str(f.properties['lsoa21cd'])], 'park');
    }

    // Postcodes, clear of LSOA edges; sectors; and numbers that only look like postcodes.
    const clear = postcodes.filter((p) => Number(p['lsoa21_boundary_dist_m']) >= 20 && p['lsoa21_lad'] === borough.lad);
    for (const p of sample(clear, 18)) {
      const postcode = p['postcode']!;
      const shape = pick([postcode, postcode.replace(' ', ''), postcode.toLowerCase(), `o/s shops ${postcode}`, `street ${postcode.toLowerCase()}`]);
      add(shape, site(), 'postcode', [p['lsoa21cd']!], 'postcode');
    }
    const sectors = new Map<string, Set<string>>();
    for (const p of postcodes) {
      const sector = p['postcode']!.slice(0, -2);
      if (!sectors.has(sector)) sectors.set(sector, new Set());
      sectors.get(sector)!.add(p['lsoa21cd']!);
    }
    // An independent check: street names police.uk gives its anonymised crime points
    // ("On or near Nash Road", from OS Locator), with the LSOAs of those points. Most of
    // these streets are not in the FHRS-derived street list, so this group measures the
    // gazetteer's coverage as well as the matcher.
    const policeFile = readdirSync(dir).find((f) => f.startsWith('police_uk_street_crime'));
    if (policeFile) {
      const crimes = parse(readFileSync(path.join(dir, policeFile), 'utf8'), { columns: true }) as Array<Record<string, string>>;
      const lsoasByStreet = new Map<string, Set<string>>();
      for (const crime of crimes) {
        const street = /^On or near (.+ (Road|Street|Lane|Avenue|Gardens|Grove|Close|Way|Crescent|Drive|Terrace|Parade|Hill|Place|Square))$/.exec(crime['Location'] ?? '')?.[1];
        if (!street) continue;
        if (!lsoasByStreet.has(street)) lsoasByStreet.set(street, new Set());
        lsoasByStreet.get(street)!.add(crime['LSOA code']!);
      }
      for (const [street, lsoas] of sample([...lsoasByStreet].sort((a, b) => (a[0] < b[0] ? -1 : 1)), 30)) {
        // Police place few crimes on a street; the LSOAs its sampled postcodes fall in are right too.
        for (const f of streetsByKey.get(street.toLowerCase().replace(/['.]/g, '')) ?? []) for (const code of (f.properties['lsoa21_all'] as string[]) ?? []) lsoas.add(code);
        const text = pick(['{n}', 'o/s {h} {n}', 'nr {n}', '{n}']).replace('{n}', abbreviate(street)).replace('{h}', String(1 + Math.floor(random() * 120)));
        add(casing(text), site(), 'street', lsoas, 'police_street');
      }
    }
    for (const [sector, lsoas] of sample([...sectors], 5)) add(pick([`nr ${sector}`, `${sector}`, `area ${sector}`]), site(), 'postcode_sector', lsoas, 'sector');
  }

  // Strings with no place: homes, unknowns, and text that names nothing in the area.
  const anySite = (): string => pick(BOROUGHS.flatMap((b) => b.sites));
  const homes = [
    "pt's home", 'pts home', 'home', 'at home', 'HOME ADDRESS', 'home address', "friend's house", 'friends house', 'his flat', 'her flat',
    'own home', "patient's own home", 'at his house', "mum's house", 'mums flat', "partner's house", 'girlfriends flat', "boyfriend's house",
    'in own flat', 'Px home', 'PT HOME', 'home - kitchen', 'pts bedroom', 'private address', 'at home (DV)', "ex partner's flat",
    "neighbour's house", 'outside pts house', 'home - N17 6HE', 'own address', 'in his own home', "relative's house", 'at friends flat',
    'domestic - home', 'pts garden', 'residence',
  ];
  for (const text of homes) add(text, anySite(), 'home', [], 'home');
  const unknowns = ['u/k', 'U/K', 'n/k', 'N/K', 'unknown', 'UNKNOWN', 'unkonwn', 'unkown', 'refused', 'Refused', 'not known', 'NOT KNOWN', '', ' ', '?', 'nfa', 'NFA', 'declined', 'pt unsure', 'cant remember', 'not stated', 'n/a', 'N/A', 'unknown location', 'pt refused to say', 'does not know', '-', 'unk', 'not given', 'UK'];
  for (const text of unknowns) add(text, anySite(), 'unknown', [], 'unknown');
  const nowhere = [
    'park', 'in the street', 'on the bus', 'party', 'nightclub', 'Oxford Street', 'Brixton', 'club', 'shop', 'school', 'bus stop', 'at work',
    'in a car', 'prison', 'kebab shop', 'Camden Town', 'Leicester Square', 'Stratford station', 'Romford market', '10 past 5', 'N99 9ZZ',
    'on a train', 'hospital car park', 'in the road', 'outside a pub', 'on the stairs', 'a field', 'Croydon', 'Hackney Central', 'festival',
  ];
  for (const text of nowhere) add(text, anySite(), 'no_match', [], 'no_match');
  return rows;
}

export const SITES_CSV = `site_code,name,longitude,latitude,borough
RAPNM,North Middlesex University Hospital,-0.0714,51.6133,E09000014
RKEQ4,Whittington Hospital,-0.1390,51.5658,E09000014
RF4QH,Queen's Hospital Romford,0.1794,51.5686,E09000002
RF4DG,King George Hospital,0.1097,51.5770,E09000002
`;

function csvCell(value: string): string {
  return /[",\n]/.test(value) || value.trim() !== value || value === '' ? `"${value.replace(/"/g, '""')}"` : value;
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1]);
if (isMain) {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  const dataDir = process.argv[2] ?? path.resolve(repoRoot, '..', 'shared', 'data');
  if (!existsSync(dataDir)) {
    console.error(`No shared data at ${dataDir}: nothing to build from.`);
    process.exit(2);
  }
  const rows = buildEvaluationSet(dataDir);
  const outDir = path.join(repoRoot, 'src', 'geocode', 'evaluation', 'sets');
  const header = ['text', 'site_code', 'expected_outcome', 'expected_lsoa', 'group'] as const;
  const lines = [header.join(','), ...rows.map((row) => header.map((h) => csvCell(row[h])).join(','))];
  writeFileSync(path.join(outDir, 'labelled-locations.csv'), `${lines.join('\n')}\n`);
  writeFileSync(path.join(outDir, 'sites.csv'), SITES_CSV);
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.expected_outcome, (counts.get(row.expected_outcome) ?? 0) + 1);
  console.log(`${rows.length} labelled strings:`, Object.fromEntries(counts));
}
